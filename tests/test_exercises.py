"""The exercise engine: judgement items from the annotations, the choice and practice widgets, the list.

Feedback rules are in tests/test_feedback.py.
"""

from __future__ import annotations

import csv
import json

import pytest

import helpers
from helpers.cli import main
from helpers.display.html import escape
from helpers.teaching import exercises as engine
from helpers.teaching import judgement, passages
from helpers.teaching.choice import ChoiceQuestion
from helpers.teaching.exercises import check, exercise, reset_attempts, reveal
from helpers.teaching.exercises.assessment import ITEMS as ASSESSMENT_ITEMS
from helpers.teaching.judgement import KINDS, candidates, judge
from helpers.teaching.practice import Practice, forget_seen

HOSTILE = '<img src=x onerror="alert(1)">'


@pytest.fixture(autouse=True)
def clean_registry():
    engine._load_lessons()  # before the snapshot: a module imported once does not register again
    before = set(engine._REGISTRY)
    reset_attempts()
    forget_seen()
    yield
    for extra in set(engine._REGISTRY) - before:
        engine._REGISTRY.pop(extra)
    reset_attempts()
    forget_seen()


def rewrite(data_dir, table: str, key: str, value: str, column: str, new: str) -> None:
    """Change one cell of a CSV file in a data copy."""
    path = data_dir / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    for row in rows:
        if row[key] == value:
            row[column] = new
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


# ----------------------------------------------------------------------------- judgement items


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_yields_items_answered_right_and_wrong(kind):
    frame = candidates(kind)
    assert len(frame) > 0
    for position in {0, len(frame) // 2, len(frame) - 1}:
        anchor = KINDS[kind][0]
        item = judge("98.1", kind, **{anchor: str(frame.iloc[position][judgement._KEY[anchor]])})
        expected = item.judgement.expected(None)
        values = [v for _, v in item.judgement.choices()]
        assert set(expected if isinstance(expected, set) else {expected}) <= set(values)
        reset_attempts()
        right = check("98.1", sorted(expected) if isinstance(expected, set) else expected)
        assert right.correct and right.explanation  # the explanation comes with a right answer
        wrong = next(v for v in values if v not in (expected if isinstance(expected, set) else {expected}))
        answer = [wrong] if item.kind == "set" else wrong
        feedback = check("98.1", answer)
        assert not feedback.correct and not feedback.explanation
        engine._REGISTRY.pop("98.1")


def test_the_choices_do_not_depend_on_the_answer():
    claims = helpers.load_claims()
    a = judge("98.1", "attribution", claim=claims["claim_id"].iloc[0])
    b = judge(
        "98.2",
        "attribution",
        claim=claims.loc[claims["attribution"] != claims["attribution"].iloc[0]].iloc[0]["claim_id"],
    )
    assert a.judgement.choices() == b.judgement.choices()


@pytest.mark.parametrize("kind", ["attribution", "mode"])
def test_a_passage_shows_no_label_of_its_claim(kind):
    claims = helpers.load_claims()
    for claim_id, note, label in zip(claims["claim_id"], claims["note"], claims[kind]):
        item = judge("98.1", kind, claim=claim_id)
        shown = item.judgement.passage()
        for text in (shown.text, shown.markup):
            assert label not in text
            assert not isinstance(note, str) or note not in text
        assert "rr-claim" in shown.markup  # the words to judge are marked
    engine._REGISTRY.pop("98.1")


def test_a_non_english_passage_comes_with_the_working_translation():
    item = judge("98.1", "account", claim="ar-putin-macron-14")
    shown = item.judgement.passage()
    assert "I spoke this morning with President Putin" in shown.text
    assert "Working translation" in shown.markup and 'dir="rtl"' in shown.markup


def test_a_reveal_names_an_account_by_publisher_and_date_and_the_article_in_the_lesson_s_words():
    judge("98.1", "account", claim="wt-blinken-lavrov-12")
    shown = reveal("98.1")
    assert "US Department of State (spokesperson Ned Price), 1 February 2022" in shown.message
    assert "state-dept-2022-02-01" not in repr(shown)
    judge("98.1", "account", claim="ar-putin-macron-18")
    assert "named_official" not in repr(reveal("98.1"))
    passage = judgement.passage("98.1").text
    assert passage.startswith("From the Arabic article on the call of 3 March 2022")
    assert "ar-putin-macron" not in passage and "(ar," not in passage
    engine._REGISTRY.pop("98.1")


def test_an_explanation_cites_other_records_in_words_not_by_id():
    judge("98.1", "translation", difference="d-src-13")  # its explanation says "(see d-src-14)"
    explanation = reveal("98.1").explanation
    assert "d-src-14" not in explanation
    assert "(see the difference “The article's opening summary of the Kremlin statement…”)" in explanation
    engine._REGISTRY.pop("98.1")


def test_two_marked_passages_stand_apart_with_one_wording_of_their_translation():
    judge("98.1", "translation", difference="d-src-13")  # the Arabic summary and the quotation
    shown = judgement.passage("98.1")
    translations = helpers.load_corpus().frames["translations"]
    english = translations[translations["article_id"] == "ar-putin-macron"]["translation"].astype(str)
    # The marked words of both claims are marked inside the working translation, not glossed again.
    assert "The marked words" not in shown.text
    marked = [
        line.removeprefix("Marked: ") for line in shown.text.splitlines() if line.startswith("Marked: ")
    ]
    in_english = [m for m in marked if any(m in t for t in english)]
    assert any("may lead to more conditions" in m for m in in_english)
    assert any("will only lead to the presentation of further demands" in m for m in in_english)
    assert shown.markup.count('<mark class="rr-claim">') == 4  # two in the Arabic, two in the English
    # Each translated sentence is a paragraph of its own: the passages are not run together.
    assert "already set</mark>.\n\nThe following appeared" in shown.markup
    engine._REGISTRY.pop("98.1")


def test_the_explanation_is_the_data_s_note_after_a_right_answer_or_a_reveal():
    claims = helpers.load_claims().set_index("claim_id")
    raw = claims.loc["ar-blinken-lavrov-03", "note"]
    assert "official_statement" in raw  # the annotator's note names a category by its code
    note = passages.readable(raw, None)  # the note as a student reads it: codes put in words
    judge("98.1", "attribution", claim="ar-blinken-lavrov-03")
    assert note not in repr(check("98.1", "anonymous_source"))
    shown = reveal("98.1")
    assert shown.revealed and note in shown.explanation
    assert judgement.LABELS["official_statement"] in shown.message  # in words, not the code
    assert "official_statement" not in shown.message + shown.explanation
    assert note in check("98.1", "official_statement").explanation


def test_an_item_follows_the_data_it_is_made_from(data_copy):
    judge("98.1", "attribution", claim="ar-blinken-lavrov-03")
    assert check("98.1", "official_statement", data_copy).correct
    rewrite(data_copy, "claims", "claim_id", "ar-blinken-lavrov-03", "attribution", "media_report")
    assert check("98.1", "media_report", data_copy).correct
    assert not check("98.1", "official_statement", data_copy).correct


def test_a_rule_picks_from_the_annotations_at_check_time():
    item = judge("98.1", "mode", pick={"article_id": "wt-blinken-lavrov"}, nth=2)
    wt = candidates("mode")
    wt = wt[wt["article_id"] == "wt-blinken-lavrov"]
    assert item.judgement.annotation() == wt.iloc[2]["claim_id"]
    assert item.judgement.expected(None) == wt.iloc[2]["mode"]


def test_an_omission_item_names_the_articles_that_leave_a_point_out():
    item = judge("98.1", "omission", proposition="bl0201-duration")
    assert item.judgement.expected(None) == "wt-blinken-lavrov"
    assert {v for _, v in item.judgement.choices()} == {
        "ar-blinken-lavrov",
        "cnn-blinken-lavrov",
        "wt-blinken-lavrov",
    }
    assert "The Washington Times says nothing" in check("98.1", "wt-blinken-lavrov").explanation


def test_judge_refuses_an_unknown_kind_or_the_wrong_anchor():
    with pytest.raises(ValueError, match="unknown kind"):
        judge("98.1", "tone", claim="ar-blinken-lavrov-03")
    with pytest.raises(ValueError, match="takes claim="):
        judge("98.1", "attribution", term="t-ar-blinken-lavrov-01")
    judge("98.1", "attribution", claim="no-such-claim")  # the data may change after a lesson is written
    feedback = check("98.1", "named_official")
    assert not feedback.correct and feedback.form and "no-such-claim" in feedback.message


def test_judgement_items_are_registered_as_core_items_needing_no_code():
    judge("98.1", "quotation", term="t-ar-blinken-lavrov-06")
    row = engine.exercises().loc["98.1"]
    assert (row["track"], bool(row["needs_code"]), row["answer"], row["judgement"]) == (
        "core",
        False,
        "choice",
        "quotation",
    )


def test_the_old_exercise_signature_still_registers_a_data_track_look_up():
    @exercise("98.3", "How many?", "number", "98_x.ipynb", ("hint",), None)
    def _(data_dir):
        return 5

    row = engine.exercises().loc["98.3"]
    assert (row["track"], bool(row["needs_code"]), int(row["lesson"])) == ("data", True, 98)


# ----------------------------------------------------------------------------- the choice widget


def test_the_choice_widget_is_answered_by_keyboard_alone_and_records_the_first_verdict():
    judge("98.1", "mode", claim="ar-putin-macron-14")
    view = ChoiceQuestion("98.1")
    assert "rr-choice" in view._dom_classes and "rr-keys" in view._dom_classes
    assert view.why_button.layout.display == "none"
    view.buttons.value = "paraphrase"  # arrow keys move the radio selection
    view.check_button.click()  # Enter on the focused button
    assert view.first_correct is False and view.why_button.layout.display is None
    reading = escape(judgement.LABELS["direct_quote"])  # the reading is shown in words
    assert reading not in view.feedback.value
    view.why_button.click()
    assert reading in view.feedback.value and view.explained
    view.buttons.value = "direct_quote"
    view.check_button.click()
    assert view.first_correct is False  # the first answer is the one that counts


def test_the_choice_widget_escapes_the_data(data_copy):
    rewrite(data_copy, "claims", "claim_id", "ar-blinken-lavrov-03", "note", HOSTILE)
    judge("98.1", "attribution", claim="ar-blinken-lavrov-03")
    view = ChoiceQuestion("98.1", data_copy)
    view.choose("official_statement")
    assert "&lt;img" in view.feedback.value and "<img" not in view.feedback.value


def test_a_set_item_is_chosen_with_check_boxes():
    item = judge(
        "98.1",
        "omission",
        proposition=candidates("omission")
        .query("expected.str.len() > 1", engine="python")
        .iloc[0]["proposition_id"],
    )
    assert item.kind == "set"
    view = ChoiceQuestion("98.1")
    assert view.choose(sorted(item.judgement.expected(None))).correct


# ----------------------------------------------------------------------------- practice mode


def test_practice_never_repeats_a_claim_until_all_have_been_seen():
    view = Practice(article="wt-blinken-lavrov", seed=3)
    total = len(view.claims)
    served = [view.claim_id] + [view.next_claim() for _ in range(total - 1)]
    assert sorted(served) == sorted(view.claims.index)  # each once
    assert view.next_claim() in view.claims.index and view.rounds == 1  # then a new round
    again = Practice(article="wt-blinken-lavrov", seed=3)  # a new widget carries on, in this kernel
    assert again.claim_id in view.claims.index


def test_practice_scores_each_question_and_explains_right_or_wrong():
    view = Practice(article="ar-blinken-lavrov", seed=1)
    row = view.claims.loc[view.claim_id]
    wrong_mode = next(m for m in ("direct_quote", "narration") if m != row["mode"])
    shown = view.answer(row["attribution"], wrong_mode)
    assert view.score == {"attribution": 1, "mode": 0} and view.answered == 1
    assert escape(judgement.LABELS[row["mode"]]) in shown and (
        not isinstance(row["note"], str) or escape(judgement.readable(row["note"], None)) in shown
    )
    view.answer(row["attribution"], row["mode"])  # a second check of the same claim counts nothing
    assert view.answered == 1
    view.next_claim()
    view.attribution.value = "spokesperson"  # the mode is not chosen: nothing is counted
    view.submit()
    assert view.answered == 1 and not view.explained


def test_practice_escapes_the_data(data_copy):
    claims = helpers.load_claims(data_copy)
    first = claims[claims["article_id"] == "wt-blinken-lavrov"]["claim_id"]
    for claim_id in first:
        rewrite(data_copy, "claims", "claim_id", claim_id, "note", HOSTILE)
    view = Practice(data_copy, article="wt-blinken-lavrov")
    shown = view.answer("spokesperson", "paraphrase")
    assert "&lt;img" in shown and "<img" not in shown


def test_practice_gives_the_reading_in_words_and_names_cited_claims_in_words():
    view = Practice(article="ar-blinken-lavrov", seed=1)
    # media_report, paraphrase; its note says "(see ar-blinken-lavrov-06)"
    view.claim_id = "ar-blinken-lavrov-07"
    shown = view.answer("spokesperson", "narration")
    reading = shown.split("<p>")[2]  # after the verdicts: the reading, then the note
    assert "Kind of source: " + escape(judgement.LABELS["media_report"]) in reading
    assert "Given as " + escape(judgement.LABELS["paraphrase"]) in reading
    assert "media_report" not in reading and "paraphrase;" not in reading and "attribution " not in reading
    assert "ar-blinken-lavrov-06" not in shown and "the words of the Arabic article" in shown


# ----------------------------------------------------------------------------- the assessment


def test_the_assessment_shows_its_passages_as_the_lessons_do():
    from helpers.teaching.exercises import assessment

    shown = assessment.passage("A.5")  # ar-putin-macron-20, an Arabic passage
    assert shown.text.startswith("From the Arabic article on the call of 3 March 2022")
    assert (
        "ar-putin-macron" not in shown.text + shown.markup
        and "outlet the text does not name" not in shown.text
    )
    assert "The marked words" not in shown.text  # one wording of the translation, its words marked in it
    assert shown.markup.count('<mark class="rr-claim">') == 2  # in the Arabic, and in the working translation
    assert "Marked: The French president stressed" in shown.text
    assert assessment.passage("A.1").text.startswith("From CNN\n")


@pytest.mark.parametrize("item", [i.id for i in ASSESSMENT_ITEMS])
def test_an_assessment_passage_gives_no_answer_away(item):
    from answer_leaks import gives_away

    from helpers.teaching.exercises import assessment

    question = next(i for i in ASSESSMENT_ITEMS if i.id == item)
    possible = set(assessment.LABELS[question.column])
    shown = assessment.passage(item)
    for text in (shown.text, shown.markup):
        assert not gives_away(text, possible, possible, markdown=False, beside_passage=True), item
        assert not any(judgement.LABELS[label] in text for label in possible), item


# ----------------------------------------------------------------------------- the list


def test_the_exercises_command_lists_every_exercise_as_json(capsys):
    assert main(["exercises", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    engine._load_lessons()
    assert [r["id"] for r in rows] == list(engine.exercises().index)
    for row in rows:
        assert isinstance(row["lesson"], int) or row["lesson"] is None
        assert row["track"] in ("core", "data") and isinstance(row["needs_code"], bool)
        assert row["answer"] in ("number", "choice", "set", "text")
        if row["judgement"]:
            assert row["track"] == "core" and row["needs_code"] is False
    keys = {"id", "lesson", "notebook", "track", "needs_code", "answer", "judgement", "question"}
    assert all(set(row) == keys for row in rows)  # no expected answer is listed


def test_the_exercises_command_filters_a_lesson_and_prints_a_table(capsys):
    assert main(["exercises", "--lesson", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Lesson 1 (") and "Lesson 2" not in out


def test_an_apostrophe_inside_a_word_is_not_a_quotation():
    """Possessives and contractions ("Moscow’s", "doesn’t") are no quotation items."""
    from helpers.teaching.judgement import QUOTED, candidates

    assert not QUOTED.search("Moscow’s escalations") and not QUOTED.search("doesn’t ratchet down")
    assert QUOTED.search("“main reply”") and QUOTED.search("'Holding a gun'") and QUOTED.search("«ignored»")
    terms = set(candidates("quotation")["term_id"])
    assert not terms & {"t-cnn-blinken-lavrov-06", "t-cnn-blinken-lavrov-28", "t-wt-blinken-lavrov-06"}


def test_a_credited_quotation_is_asked_as_one():
    """Terms filed as credited_quotation (CNN's “main reply”) expect 'credited_quote', never 'scare_quote'."""
    from helpers.teaching.judgement import candidates

    frame = candidates("quotation").set_index("term_id")
    assert frame.loc["t-cnn-blinken-lavrov-16", "expected"] == "credited_quote"
    assert frame.loc["t-vi-biden-putin-21", "expected"] == "scare_quote"


# A second reader compared the marked words of the original with the region marked in the working
# translation; these were wrong before the region took in differently worded ends, kept guillemet
# pairs whole, stopped at the clause and kept the gloss's closing ellipsis or quotation mark.
@pytest.mark.parametrize(
    ("claim_id", "english"),
    [
        (
            "ar-putin-macron-02",
            "which is the third since the start of the Russian aggression on Ukrainian territory",
        ),
        (
            "vi-biden-putin-16",
            "Foreign Minister Lavrov also warned the US that any actions undermining security in the "
            "Euro-Atlantic region are all unacceptable",
        ),
        (
            "ar-blinken-lavrov-16",
            "Shortly after that, the Ministry of Foreign Affairs of the Russian Federation released a video",
        ),
        ("ar-blinken-lavrov-05", "through a statement published by the Department of State"),
        (
            "vi-biden-putin-02",
            "President Biden affirmed that a Russian invasion of Ukraine causes people to suffer and erodes Russia's standing…",
        ),
    ],
)
def test_the_translation_marks_what_the_original_marks(claim_id, english):
    claims = helpers.load_claims()
    shown = passages.passage_of(claims[claims["claim_id"] == claim_id], None)
    marked = [
        line.removeprefix("Marked: ") for line in shown.text.splitlines() if line.startswith("Marked: ")
    ]
    assert marked[-1] == english  # the last mark is the English one
