"""The widgets, driven from Python: set a control's value, read what it shows.

Expected values come from the frames, never from numbers written here, so the
tests keep passing as the annotations grow.
"""

from __future__ import annotations

import base64
import html
import io
import re
import subprocess
import sys
import time
import unicodedata

import ipywidgets
import pandas as pd
import pytest
from browser_support import HOSTILE_ARTICLE, HOSTILE_CLAIM, HOSTILE_LINE, make_hostile_data
from bs4 import BeautifulSoup

import helpers
from helpers.analysis import comparison
from helpers.data.text import search_key
from helpers.display.html import WORKING_TRANSLATION
from helpers.widgets import ALL, CSV_EAGER_ROWS, article_reader, claim_explorer, comparison_view, explorer

ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return helpers.load_claims()


def parse(markup: str) -> BeautifulSoup:
    """Markup parsed as a browser would: assertions check what it means, not how attributes are ordered."""
    return BeautifulSoup(markup, "html.parser")


def body_rows(markup: str) -> list:
    """The <tr> elements of the first table's body."""
    body = parse(markup).find("tbody")
    return body.find_all("tr", recursive=False) if body else []


def rows_of(markup: str) -> list[str]:
    return [str(row) for row in body_rows(markup)]


def shown_claim_ids(view) -> list[str]:
    return [row.find("td").get_text() for row in body_rows(view.results.value)]


def all_shown_claim_ids(view) -> list[str]:
    """Every claim id of the selection, read page by page as a student would."""
    ids = shown_claim_ids(view)
    while not view.next_button.disabled:
        view.next_button.click()
        ids += shown_claim_ids(view)
    return ids


def expected_matches(claims: pd.DataFrame, query: str) -> set[str]:
    """Claims whose excerpt, gloss or statement contains every word of ``query``, compared by search key."""
    terms = [t.strip("\"'") for t in search_key(query).split()]
    keep = set()
    for _, row in claims.iterrows():
        keys = [
            search_key(str(row[c])) if pd.notna(row[c]) else "" for c in ("excerpt", "gloss", "statement")
        ]
        if all(any(t in k for k in keys) for t in terms if t):
            keep.add(row["claim_id"])
    return keep


# --------------------------------------------------------------------------- import and labels


def test_importing_helpers_does_not_import_ipywidgets():
    code = "import sys, helpers; assert 'ipywidgets' not in sys.modules; helpers.widgets; print('ok')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "ok" in done.stdout, done.stderr


def test_every_control_has_a_visible_text_label():
    dashboard = explorer()
    pending, controls = list(dashboard.children), []
    while pending:
        widget = pending.pop()
        pending.extend(getattr(widget, "children", ()))
        if isinstance(widget, (ipywidgets.Dropdown, ipywidgets.Text, ipywidgets.Checkbox, ipywidgets.Button)):
            controls.append(widget)
    assert len(controls) >= 12
    for control in controls:
        assert control.description.strip(), f"{type(control).__name__} has no label"
        if hasattr(control, "description_allow_html"):
            assert control.description_allow_html is False
    assert dashboard.titles == ("Claims", "Read an article", "Compare sources")
    classes = [set(child._dom_classes) for child in dashboard.children]
    assert {"rr-claim-explorer"} <= classes[0] and {"rr-article-reader"} <= classes[1]
    assert {"rr-comparison"} <= classes[2]


# --------------------------------------------------------------------------- claim explorer


def test_unfiltered_count_and_first_page(claims):
    view = claim_explorer(claims, page_size=20)
    assert view.count_text == f"{len(claims)} of {len(claims)} claims"
    assert view.count.value.count(view.count_text) == 1
    assert shown_claim_ids(view) == list(claims["claim_id"][:20])
    assert view.page_label.value == f"page 1 of {-(-len(claims) // 20)}"
    assert view.previous_button.disabled and not view.next_button.disabled


def test_language_filter_shows_every_arabic_claim_right_to_left(claims):
    view = claim_explorer(claims, page_size=15)
    view.filters["language"].value = "ar"
    arabic = claims[claims["language"] == "ar"]
    assert view.count_text == f"{len(arabic)} of {len(claims)} claims"
    rows = []
    while True:
        rows += rows_of(view.results.value)
        if view.next_button.disabled:
            break
        view.next_button.click()
    assert len(rows) == len(arabic)
    for row in rows:
        excerpt_cell = parse(row).find_all("td")[1]
        assert excerpt_cell.get("dir") == "rtl" and excerpt_cell.get("lang") == "ar"
        assert ARABIC_LETTER.search(excerpt_cell.get_text())


@pytest.mark.parametrize("name", ["call", "article", "speaker", "attribution", "topic"])
def test_each_filter_selects_exactly_its_claims(claims, name):
    view = claim_explorer(claims)
    control = view.filters[name]
    column = {"call": "call_id", "article": "article_id"}.get(name, name)
    for _, value in control.options[1:]:
        control.value = value
        if value == helpers.widgets.NO_SPEAKER:
            expected = claims.loc[claims["speaker"].isna(), "claim_id"]
        else:
            expected = claims.loc[claims[column].astype("string") == value, "claim_id"]
        assert list(view.selection["claim_id"]) == list(expected), value
        assert view.count_text.startswith(f"{len(expected)} of ")
    control.value = ALL
    assert len(view.selection) == len(claims)


def test_filters_combine(claims):
    view = claim_explorer(claims)
    view.filters["language"].value = "en"
    view.filters["attribution"].value = "anonymous_source"
    expected = claims[(claims["language"] == "en") & (claims["attribution"] == "anonymous_source")]
    assert list(view.selection["claim_id"]) == list(expected["claim_id"])
    view.reset_button.click()
    assert len(view.selection) == len(claims) and view.search.value == ""
    assert all(control.value == ALL for control in view.filters.values())


@pytest.mark.parametrize("query", ["«بلينكين»", "بلينكين", "BLINKEN", "blinken lavrov"])
def test_search_folds_scripts_case_and_quotes(claims, query):
    view = claim_explorer(claims)
    view.search.value = query
    expected = expected_matches(claims, query)
    assert expected, f"the data has no claim for {query!r}"
    assert set(view.selection["claim_id"]) == expected
    assert view.count_text == f"{len(expected)} of {len(claims)} claims"


def test_arabic_search_without_diacritics_or_hamza(claims):
    arabic = claims[(claims["language"] == "ar") & claims["excerpt"].str.contains(ARABIC_MARKS.pattern)]
    assert not arabic.empty, "the data has no Arabic excerpt with diacritics"
    view = claim_explorer(claims)
    for _, row in arabic.head(5).iterrows():
        word = next(w for w in row["excerpt"].split() if ARABIC_MARKS.search(w))
        typed = ARABIC_MARKS.sub("", word).translate(str.maketrans("أإآ", "ااا")).strip("«»\"'،.")
        assert typed != word
        view.search.value = typed
        assert row["claim_id"] in set(view.selection["claim_id"]), (typed, row["excerpt"])


def test_search_finds_words_of_the_english_gloss(claims):
    arabic = claims[(claims["language"] == "ar") & claims["gloss"].notna()]
    row = next(r for _, r in arabic.iterrows() if search_key(r["gloss"]) not in search_key(r["statement"]))
    view = claim_explorer(claims)
    view.search.value = row["gloss"].upper()
    assert row["claim_id"] in set(view.selection["claim_id"])


def test_search_finds_the_statement(claims):
    row = claims.iloc[len(claims) // 2]
    view = claim_explorer(claims)
    view.search.value = row["statement"]
    assert set(view.selection["proposition_id"]) >= {row["proposition_id"]}


def test_paging_walks_the_whole_selection_once(claims):
    view = claim_explorer(claims, page_size=10)
    n_pages = -(-len(claims) // 10)
    assert view.n_pages == n_pages
    seen = all_shown_claim_ids(view)
    assert seen == list(claims["claim_id"])
    assert view.page_label.value == f"page {n_pages} of {n_pages}" and view.next_button.disabled
    view.previous_button.click()
    assert view.page == n_pages - 1 and not view.next_button.disabled
    view.filters["language"].value = "vi"  # a new filter starts again at page 1
    assert view.page == 1 and view.previous_button.disabled


def test_empty_result_says_so(claims):
    view = claim_explorer(claims)
    view.search.value = "zzqx no such claim anywhere"
    assert view.count_text == f"0 of {len(claims)} claims"
    assert "No claims match these filters" in view.results.value
    assert "<table" not in view.results.value
    assert view.page_label.value == "page 1 of 1"
    assert view.previous_button.disabled and view.next_button.disabled
    assert "Nothing to download" in view.download.value


def test_csv_of_the_selection_round_trips(claims):
    view = claim_explorer(claims)
    view.filters["language"].value = "vi"
    match = re.search(
        r'download="([^"]+)" href="data:text/csv;charset=utf-8;base64,([^"]+)"', view.download.value
    )
    assert match and match.group(1).endswith(".csv")
    assert "Download selection as CSV" in view.download.value
    data = base64.b64decode(match.group(2))
    assert data.startswith(b"\xef\xbb\xbf")  # so that a spreadsheet reads UTF-8
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    selected = claims[claims["language"] == "vi"]
    assert list(back["claim_id"]) == list(selected["claim_id"])
    assert list(back["excerpt"]) == list(selected["excerpt"])
    assert all(unicodedata.is_normalized("NFC", e) for e in back["excerpt"])
    assert back.loc[back["gloss"] != "", "gloss"].tolist() == selected["gloss"].dropna().tolist()
    assert back.equals(pd.read_csv(io.StringIO(view.selection_csv()), dtype=str, keep_default_na=False))


def test_a_big_corpus_stays_responsive(claims):
    copies = 100
    big = pd.concat(
        [claims.assign(claim_id=claims["claim_id"] + f"-{i}") for i in range(copies)], ignore_index=True
    )
    started = time.perf_counter()
    view = claim_explorer(big, page_size=20)
    built = time.perf_counter() - started
    assert built < 10, f"building took {built:.1f} s"
    assert len(rows_of(view.results.value)) == 20  # only the visible page is drawn
    assert len(view.results.value) < 40_000
    # Too many rows for a link on every change: the download waits to be asked for.
    assert len(big) > CSV_EAGER_ROWS and view.download.value == ""
    assert view.prepare_button.layout.display != "none"
    started = time.perf_counter()
    view.filters["language"].value = "ar"
    view.search.value = "بلينكين"
    view.next_button.click()
    changed = time.perf_counter() - started
    assert changed < 2, f"three changes took {changed:.2f} s"
    matches = copies * len(expected_matches(claims[claims["language"] == "ar"], "بلينكين"))
    assert view.count_text == f"{matches:,} of {len(big):,} claims"
    view.prepare_button.click()
    assert "Download selection as CSV" in view.download.value


HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']


def assert_escaped(markup: str) -> None:
    assert "<script>" not in markup and "<img" not in markup and "<svg" not in markup
    assert "&lt;script&gt;" in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup


def hostile_claims(claims: pd.DataFrame) -> pd.DataFrame:
    bad = claims.head(6).copy()
    for column in ("excerpt", "gloss", "statement", "source", "speaker_name", "note", "claim_id"):
        bad[column] = [f"{HOSTILE[i % 3]} {column}" for i in range(len(bad))]
    bad["speaker"] = bad["speaker_name"]
    return bad


def test_hostile_frame_is_escaped_in_the_claim_explorer(claims):
    view = claim_explorer(hostile_claims(claims))
    assert_escaped(view.results.value)
    view.search.value = "<script>"
    assert view.count_text == "2 of 6 claims"
    assert "<script>" not in view.results.value and "&lt;script&gt;" in view.results.value
    # Dropdown labels are text, not markup, in the browser; the values arrive intact.
    assert any("<img" in label for label, _ in view.filters["speaker"].options)


def test_hostile_data_folder_is_escaped_everywhere(tmp_path):
    data = make_hostile_data(helpers.BUNDLED_DATA_DIR, tmp_path / "data")
    assert not [p for p in helpers.validate(data) if p.severity == "error"]
    view = claim_explorer(data_dir=data)
    view.search.value = "onerror"
    assert HOSTILE_CLAIM in set(view.selection["claim_id"])
    assert "<img" not in view.results.value
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in view.results.value
    handout = base64.b64decode(view.download.value.split("base64,")[1].split('"')[0])
    back = pd.read_csv(io.BytesIO(handout), encoding="utf-8-sig", dtype=str)
    assert HOSTILE_LINE in set(back["excerpt"])  # a CSV is data: the text travels as written

    reader = article_reader(article_id=HOSTILE_ARTICLE, data_dir=data)
    assert "<img" not in reader.text.value and "<script" not in reader.text.value
    assert html.escape(HOSTILE_LINE) in reader.text.value.replace("&#x27;", "'")
    assert "<script" not in reader.claim_list.value and "&lt;script&gt;" in reader.claim_list.value
    arabic = helpers.load_articles(data).query("language == 'ar'")["article_id"].iloc[0]
    reader.article.value = arabic
    reader.translation.value = True
    assert "<img" not in reader.text.value and "&lt;img" in reader.text.value

    view = comparison_view(data_dir=data)
    for value in [ALL] + [v for _, v in view.proposition.options[1:]]:
        view.proposition.value = value
        for area in (view.wordings, view.omitted, view.differences):
            assert "<img" not in area.value and "<script" not in area.value


def test_hostile_article_frame_is_escaped_segment_by_segment(claims):
    articles = helpers.load_articles()
    row = articles[articles["article_id"] == "cnn-blinken-lavrov"].copy()
    text = f"{HOSTILE[0]} Blinken said {HOSTILE[1]} and left.\n{HOSTILE[2]}"
    row["text"] = text
    mine = pd.DataFrame(
        {
            "claim_id": ["x-1", "x-2"],
            "article_id": ["cnn-blinken-lavrov"] * 2,
            "language": ["en", "en"],
            "excerpt": [f"Blinken said {HOSTILE[1]}", f"{HOSTILE[0]} Blinken"],
            "attribution": ["named_official", "outlet_voice"],
            "mode": ["paraphrase", "narration"],
            "source": [HOSTILE[2], pd.NA],
            "statement": [HOSTILE[0], HOSTILE[1]],
        }
    )
    chrome = pd.DataFrame(
        {"article_id": ["cnn-blinken-lavrov"], "excerpt": [HOSTILE[2]], "kind": ["navigation"]}
    )
    reader = article_reader(row, mine, helpers.load_translations().head(0), chrome)
    reader.chrome.value = True
    assert_escaped(reader.text.value)
    assert len(parse(reader.text.value).find_all("mark")) == 3  # the overlap splits two marks into three
    assert "<svg" not in reader.claim_list.value and "<img" not in reader.claim_list.value
    assert "&lt;svg onload=alert(1)&gt;" in reader.claim_list.value
    assert text_of(reader.text.value) == text


def text_of(markup: str) -> str:
    """What a reader sees of the article: tags and claim numbers removed, entities decoded."""
    markup = re.sub(r"<sup[^>]*>.*?</sup>", "", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


# --------------------------------------------------------------------------- article reader


@pytest.mark.parametrize("article_id", list(helpers.load_articles()["article_id"]))
def test_reader_marks_every_claim_and_keeps_the_text_intact(article_id):
    articles = helpers.load_articles().set_index("article_id")
    claims = helpers.load_claims()
    reader = article_reader(article_id=article_id)
    reader.chrome.value = True
    text = articles.loc[article_id, "text"]
    assert text_of(reader.text.value) == text
    assert unicodedata.is_normalized("NFC", text_of(reader.text.value))
    mine = claims[claims["article_id"] == article_id]
    numbers = {
        int(n) for mark in parse(reader.text.value).find_all("mark") for n in mark["data-claims"].split()
    }
    assert numbers == set(range(1, len(mine) + 1))
    assert len(parse(reader.claim_list.value).find_all("li")) == len(mine)
    for _, claim in mine.iterrows():
        assert html.escape(claim["excerpt"]) in reader.claim_list.value
        assert html.escape(str(claim["attribution"]).replace("_", " ")) in reader.claim_list.value
    body = parse(reader.text.value).find()
    assert "rr-article-body" in body["class"]
    if articles.loc[article_id, "direction"] == "rtl":
        assert body["dir"] == "rtl" and body["lang"] == "ar" and "rr-rtl" in body["class"]
    else:
        assert body["dir"] == "ltr" and "rr-rtl" not in body["class"]


def test_reader_translation_toggle_labels_the_working_translation():
    translations = helpers.load_translations()
    article_id = translations["article_id"].iloc[0]
    sentences = translations[translations["article_id"] == article_id]
    reader = article_reader(article_id=article_id)
    assert not reader.translation.disabled
    assert WORKING_TRANSLATION not in reader.text.value
    reader.translation.value = True
    assert html.escape(WORKING_TRANSLATION) in reader.text.value
    rows = rows_of(reader.text.value)
    assert len(rows) == len(sentences)
    for row, (_, sentence) in zip(rows, sentences.iterrows()):
        assert sentence["translation"] in parse(row).find_all("td")[1].get_text()
        original = parse(row).find_all("td")[0]
        for number in original.find_all("sup"):
            number.decompose()
        assert original.get_text().strip() == sentence["original"]
    assert "<mark" in reader.text.value  # the claims stay marked beside the translation
    reader.translation.value = False
    assert WORKING_TRANSLATION not in reader.text.value


def test_reader_has_no_translation_toggle_for_english():
    reader = article_reader(article_id="cnn-blinken-lavrov")
    assert reader.translation.disabled
    assert "no working translation" in reader.info.value


@pytest.mark.parametrize("article_id", sorted(set(helpers.load_table("boilerplate")["article_id"])))
def test_reader_chrome_toggle(article_id):
    chrome = helpers.load_table("boilerplate")
    mine = chrome[(chrome["article_id"] == article_id) & chrome["excerpt"].str.strip().astype(bool)]
    reader = article_reader(article_id=article_id)
    assert "rr-chrome" not in reader.text.value
    body = helpers.load_articles().set_index("article_id").loc[article_id, "body"]
    assert text_of(reader.text.value) == body  # hidden chrome leaves exactly the loader's body
    reader.chrome.value = True
    assert len(parse(reader.text.value).select(".rr-chrome")) == len(
        chrome[chrome["article_id"] == article_id]
    )
    for excerpt in mine["excerpt"]:
        assert html.escape(excerpt) in reader.text.value
    if not reader.translation.disabled:
        # Beside the translation, each line of chrome is a row of its own, not translated.
        reader.translation.value = True
        assert len(parse(reader.text.value).select(".rr-chrome")) == len(mine)
        assert reader.text.value.count("not translated") == len(mine)
        reader.chrome.value = False
        assert 'class="rr-chrome"' not in reader.text.value


# --------------------------------------------------------------------------- comparison view


def test_comparison_of_one_proposition_shows_each_articles_wording(claims):
    pid = "bl0201-duration"
    view = comparison_view(proposition_id=pid)
    words = comparison.wordings(pid)
    assert words["article_id"].nunique() >= 2
    for _, row in words.iterrows():
        assert html.escape(row["excerpt"]) in view.wordings.value
        if pd.notna(row["gloss"]):
            assert html.escape(row["gloss"]) in view.wordings.value
    arabic = words[words["language"] == "ar"]
    if not arabic.empty:
        excerpt = arabic["excerpt"].iloc[0]
        cells = [d for d in parse(view.wordings.value).select(".rr-excerpt") if d.get_text() == excerpt]
        assert cells and all(d["dir"] == "rtl" and d["lang"] == "ar" for d in cells)
    table = comparison.coverage(view.call.value)
    omitting = table[(table["proposition_id"] == pid) & ~table["carried"]]["article_id"]
    for article_id in omitting:
        assert article_id in view.omitted.value
    assert view.wordings.value.count("Does not report this") == len(omitting)
    for _, difference in comparison.differences_for(view.call.value).iterrows():
        shown = html.escape(difference["explanation"]) in view.differences.value
        assert shown == (pid in difference["propositions"].split(";"))


def test_comparison_of_a_call_and_changing_call(claims):
    view = comparison_view()
    call_id = view.call.value
    grid = comparison.coverage_matrix(call_id)
    assert view.proposition.value == ALL
    assert len(rows_of(view.wordings.value)) == len(grid)
    assert view.wordings.value.count("not reported") == int((~grid).to_numpy().sum())
    assert len(rows_of(view.differences.value)) == len(comparison.differences_for(call_id))
    other = view.call.options[-1][1]
    view.proposition.value = view.proposition.options[1][1]
    view.call.value = other
    assert view.proposition.value == ALL
    assert {v for _, v in view.proposition.options[1:]} == set(
        helpers.load_propositions().query("call_id == @other")["proposition_id"]
    )
