"""The open capstone's annotator, driven from Python: set values, click, read what it shows.

Expected values come from the collection's frames, never from numbers written
here, so the tests keep passing as the annotations grow.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import ipywidgets
import pandas as pd
import pytest

import helpers
from helpers.data.validation import BUNDLED_DATA_DIR
from helpers.teaching import annotation, annotation_files
from helpers.teaching.annotator import MIN_COMPARISON_WORDS, annotator
from helpers.widgets.common import KeyGuard

ARTICLE, PARAGRAPH = "wt-blinken-lavrov", 2
COMPARISON = " ".join(["The two sources word the same proposition differently."] * 4)


def data_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(BUNDLED_DATA_DIR.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(BUNDLED_DATA_DIR)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(autouse=True)
def in_a_scratch_folder(tmp_path, monkeypatch):
    """Each test runs where a notebook would: its own folder, which the annotator writes into."""
    monkeypatch.chdir(tmp_path)
    before = data_fingerprint()
    yield tmp_path
    assert data_fingerprint() == before, "data/ changed"


def collection(passage: annotation.Passage) -> pd.DataFrame:
    """The collection's claims whose excerpts overlap the passage, straight from load_claims."""
    claims = helpers.load_claims()
    return claims[
        (claims["article_id"] == passage.article_id)
        & (claims["start"] < passage.end)
        & (claims["end"] > passage.start)
    ]


def text(value) -> str:
    return "" if pd.isna(value) else str(value)


def fill(tool, claim: pd.Series) -> None:
    """Fill the form as the collection annotated ``claim``."""
    tool.excerpt.value = claim["excerpt"]
    tool.proposition.value = claim["proposition_id"]
    tool.attribution.value = claim["attribution"]
    tool.mode.value = claim["mode"]
    tool.source.value = text(claim["source"])
    tool.verb.value = text(claim["reporting_verb"])


def every_shown_text(widget) -> str:
    """The value and labels of every control in the view: all a student could read."""
    out = []
    stack = [widget]
    while stack:
        item = stack.pop()
        for name in ("value", "description", "placeholder", "text"):
            value = getattr(item, name, None)
            if isinstance(value, str):
                out.append(value)
        out += [str(o) for o in getattr(item, "options", ()) or ()]
        stack += list(getattr(item, "children", ()) or ())
    return "\n".join(out)


# --------------------------------------------------------------------------- verbatim, as they go


def test_words_of_the_passage_are_accepted_at_once():
    tool = annotator(ARTICLE, PARAGRAPH)
    words = tool.passage.text[5:40]
    tool.excerpt.value = words
    assert "rr-annotator-ok" in tool.excerpt_status.value
    assert "In the passage" in tool.excerpt_status.value


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda w: w.upper(), "capital and small letters differ"),
        (lambda w: w.replace("’", "'"), "quotation marks or apostrophes differ"),
        (lambda w: w.replace(" ", "  ", 1), "spacing differs"),
        (lambda w: w[:3] + "\u200b" + w[3:], "invisible characters"),
        (lambda w: w + " and something the article never said", "not in the passage"),
    ],
    ids=["case", "quotes", "spacing", "invisible", "invented"],
)
def test_words_not_in_the_passage_are_refused_with_the_reason(change, reason):
    tool = annotator(ARTICLE, PARAGRAPH)
    claim = collection(tool.passage).iloc[0]
    changed = change(claim["excerpt"])
    assert changed != claim["excerpt"]
    tool.excerpt.value = changed
    assert "rr-annotator-refused" in tool.excerpt_status.value
    assert reason in tool.excerpt_status.value
    fill(tool, claim)
    tool.excerpt.value = changed
    assert tool.add() is False
    assert tool.annotations == []
    assert "Not added yet" in tool.form_status.value and reason in tool.form_status.value


def test_arabic_words_with_another_hamza_are_refused_not_forgiven():
    claims = helpers.load_claims()
    arabic = claims[(claims["language"] == "ar") & claims["excerpt"].str.contains("أ")].iloc[0]
    spans = helpers.teaching.capstone.paragraphs(arabic["article_id"])
    number = int(
        spans.loc[(spans["start"] <= arabic["start"]) & (spans["end"] >= arabic["end"]), "paragraph"].iloc[0]
    )
    tool = annotator(arabic["article_id"], number)
    assert tool.passage.direction == "rtl"
    tool.excerpt.value = arabic["excerpt"].replace("أ", "ا")
    assert "rr-annotator-refused" in tool.excerpt_status.value
    assert "letters or marks differ" in tool.excerpt_status.value


def test_decomposed_vietnamese_is_put_in_nfc_and_says_so():
    claims = helpers.load_claims()
    claim = claims[claims["language"] == "vi"].iloc[0]
    passage = annotation.passage_from_article(
        claim["article_id"], 1, len(helpers.teaching.capstone.paragraphs(claim["article_id"]))
    )
    decomposed = unicodedata.normalize("NFD", claim["excerpt"])
    assert decomposed != claim["excerpt"]
    found = annotation.locate(passage, decomposed)
    assert found.ok and found.words == claim["excerpt"]
    assert "NFC" in found.message


def test_a_selection_in_the_passage_fills_the_excerpt_and_picks_its_occurrence():
    passage = annotation.own_passage("Lavrov said no. Blinken said no. Both said no.")
    tool = annotator()
    tool.article.value = annotation.OWN
    tool.own_text.value = passage.text
    tool.use_passage()
    second = passage.text.index("said no", passage.text.index("said no") + 1)
    tool.passage_view.selection = {"text": "said no", "start": second}
    assert tool.excerpt.value == "said no"
    assert tool.occurrence.layout.display is None and tool.occurrence.value == 2


# --------------------------------------------------------------------------- the labels


def test_labels_come_from_the_claims_table_of_the_data_dictionary():
    readme = (BUNDLED_DATA_DIR / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| attribution |"))
    assert set(re.findall(r"`(\w+)`", row)) == set(annotation.ATTRIBUTIONS)
    tool = annotator(ARTICLE, PARAGRAPH)
    assert [v for _, v in tool.attribution.options] == list(annotation.ATTRIBUTIONS)
    assert [v for _, v in tool.mode.options] == list(annotation.MODES)
    assert tool.attribution.value is None and tool.mode.value is None  # nothing chosen for the student


def test_missing_or_contradictory_labels_are_refused_each_with_a_fix():
    tool = annotator(ARTICLE, PARAGRAPH)
    tool.excerpt.value = tool.passage.text[:20]
    assert tool.add() is False
    shown = tool.form_status.value
    for column in ("proposition", "attribution", "mode"):
        assert f"{column}: none chosen —" in shown
    tool.proposition.value = annotation.NEW
    tool.attribution.value, tool.mode.value = "outlet_voice", "narration"
    tool.source.value, tool.verb.value = "a senior official", "proclaimed loudly"
    assert tool.add() is False
    shown = tool.form_status.value
    assert "new proposition: empty —" in shown
    assert "the outlet&#x27;s own voice has no other source" in shown
    assert "«proclaimed loudly» is not in the passage" in shown


# --------------------------------------------------------------------------- submit, then see


def test_the_collection_is_shown_only_after_submitting(in_a_scratch_folder):
    tool = annotator(ARTICLE, PARAGRAPH)
    theirs = collection(tool.passage)
    assert len(theirs) >= 2
    first = theirs.sort_values("start").iloc[0]
    fill(tool, first)
    assert tool.add() is True
    # Before submitting: nothing of the collection's reading is anywhere in the view.
    for value in tool.reveal.value, tool.submit_status.value:
        assert "rr-annotator-claim" not in value
    shown = every_shown_text(tool.view)
    for _, claim in theirs.iterrows():
        assert claim["claim_id"] not in shown
        if text(claim["note"]):
            assert helpers.display.html.escape(claim["note"]) not in shown and claim["note"] not in shown
    # A submit without the written comparison is refused, and reveals nothing.
    assert tool.submit() is False
    assert f"at least {MIN_COMPARISON_WORDS} words" in tool.submit_status.value
    assert tool.reveal.value == "" and not tool.submitted
    tool.comparison.value = COMPARISON
    assert tool.submit() is True and tool.submitted
    revealed = tool.reveal.value
    for _, claim in theirs.iterrows():
        assert claim["claim_id"] in revealed
        if text(claim["note"]):
            assert helpers.display.html.escape(claim["note"]) in revealed
    assert "proposition same ✔ · attribution same ✔ · mode same ✔" in revealed
    assert revealed.count("You did not annotate it.") == len(theirs) - 1


def test_a_different_reading_is_shown_as_differing():
    tool = annotator(ARTICLE, PARAGRAPH)
    claim = collection(tool.passage).iloc[0]
    fill(tool, claim)
    other = next(a for a in annotation.ATTRIBUTIONS if a not in (claim["attribution"], "outlet_voice"))
    tool.attribution.value = other
    tool.source.value = "the newspaper's sources"
    assert tool.add() is True
    tool.comparison.value = COMPARISON
    assert tool.submit()
    assert "attribution differs ✘" in tool.reveal.value


def test_submit_needs_a_passage_and_a_claim():
    tool = annotator()
    tool.comparison.value = COMPARISON
    assert tool.submit() is False
    assert (
        "choose a passage" in tool.submit_status.value
        and "add at least one claim" in tool.submit_status.value
    )


def test_an_own_article_in_arabic_is_right_to_left_and_has_no_collection_annotations():
    text_ar = "قال الوزير إن المحادثات كانت صريحة."
    tool = annotator()
    tool.article.value = annotation.OWN
    tool.own_text.value, tool.own_language.value = text_ar, "ar"
    tool.use_passage()
    assert tool.passage.own and tool.passage_view.direction == "rtl" and tool.passage_view.language == "ar"
    assert [v for _, v in tool.proposition.options] == ["", annotation.NEW]
    tool.excerpt.value = "المحادثات كانت صريحة"
    tool.proposition.value = annotation.NEW
    tool.new_statement.value = "The talks were candid."
    tool.attribution.value, tool.mode.value = "named_official", "paraphrase"
    tool.source.value, tool.verb.value = "the minister", "قال"
    assert tool.add(), tool.form_status.value
    assert 'dir="rtl" lang="ar"' in tool.mine.value
    tool.comparison.value = COMPARISON
    assert tool.submit()
    assert "no annotations of your own article" in tool.reveal.value


def test_hostile_text_is_escaped_everywhere():
    hostile = '<img src=x onerror="alert(1)"> said <script>alert(2)</script>'
    tool = annotator()
    tool.article.value = annotation.OWN
    tool.own_text.value = hostile
    tool.use_passage()
    tool.excerpt.value = '<img src=x onerror="alert(1)">'
    tool.proposition.value = annotation.NEW
    tool.new_statement.value = "<b>bold</b>"
    tool.attribution.value, tool.mode.value = "outlet_voice", "narration"
    assert tool.add(), tool.form_status.value
    assert "<img" not in tool.mine.value and "<b>bold" not in tool.mine.value
    assert "&lt;img" in tool.mine.value
    assert tool.passage_view.text == hostile  # set as text by the front end, never as markup


def test_keys_stay_in_the_annotator():
    tool = annotator(ARTICLE, PARAGRAPH)
    assert {"rr-annotator", "rr-keys", "rr-widget"} <= set(tool.view._dom_classes)
    guards = [w for w in tool.view.children[0].children if isinstance(w, KeyGuard)]
    assert guards, "the project's key guard is in the view"
    assert isinstance(tool.view, ipywidgets.VBox)


# --------------------------------------------------------------------------- saving, never into data/


def test_save_and_load_beside_the_notebook(in_a_scratch_folder):
    tool = annotator(ARTICLE, PARAGRAPH)
    for _, claim in collection(tool.passage).head(2).iterrows():
        fill(tool, claim)
        assert tool.add(), tool.form_status.value
    tool.comparison.value = COMPARISON
    written = tool.save()
    assert [p.name for p in written] == ["my_annotations.csv", "my_annotations-comparison.txt"]
    assert all(p.parent.resolve() == in_a_scratch_folder.resolve() for p in written)
    assert tool.load() is False and "loading replaces your 2 claim(s)" in tool.file_status.value
    assert len(tool.annotations) == 2  # unsaved work is never replaced
    again = annotator()
    assert again.load(), again.file_status.value
    assert again.annotations == tool.annotations and again.comparison.value == COMPARISON
    assert again.passage == tool.passage


def test_save_refuses_the_data_folder_and_writes_nothing_there():
    tool = annotator(ARTICLE, PARAGRAPH)
    fill(tool, collection(tool.passage).iloc[0])
    assert tool.add()
    tool.file.value = str(BUNDLED_DATA_DIR / "claims.csv")
    assert tool.save() == []
    assert "never saved inside the data folder" in tool.file_status.value
    with pytest.raises(ValueError, match="data folder"):
        annotation_files.save(BUNDLED_DATA_DIR / "articles" / "mine.csv", tool.passage, tool.annotations)


def test_a_file_edited_by_hand_is_checked_again_on_loading(in_a_scratch_folder):
    tool = annotator(ARTICLE, PARAGRAPH)
    fill(tool, collection(tool.passage).iloc[0])
    assert tool.add()
    tool.save()
    path = Path("my_annotations.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[4], lines[1].split(",")[4].upper(), 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = annotation_files.load(path)
    assert loaded.annotations == []
    assert loaded.problems and loaded.problems[0].startswith("my_annotations.csv:2:excerpt: ")
    assert "capital and small letters differ" in loaded.problems[0]
