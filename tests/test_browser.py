"""The dashboard notebook in a real JupyterLab, driven with Debian's chromium through playwright.

One JupyterLab server serves the whole session (a temporary copy of notebooks/
plus a notebook on hostile data); each test opens a notebook in a fresh
workspace with a fresh kernel, runs it, works the widgets as a student would,
and checks what the page shows against the same widget built in Python here.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
import re
import shutil
import time

import pandas as pd
import pytest
from browser_support import (
    HOSTILE_ARTICLE,
    HOSTILE_CLAIM,
    HOSTILE_IMG,
    HOSTILE_LINE,
    HOSTILE_SCRIPT,
    LabServer,
    hostile_notebook,
    make_hostile_data,
    open_and_run,
    require_browser,
    shared_browser,
    widget_errors,
)
from conftest import DATA, ROOT

import helpers
from helpers.display.html import WORKING_TRANSLATION
from helpers.widgets import claim_explorer, comparison_view

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

ARTIFACTS = ROOT / "test-artifacts"
ARABIC = re.compile("[\u0600-\u06ff]")
TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    require_browser()
    scratch = tmp_path_factory.mktemp("lab")
    root = scratch / "notebooks"
    shutil.copytree(ROOT / "notebooks", root)
    hostile = make_hostile_data(DATA, scratch / "hostile-data")
    problems = [p for p in helpers.validate(hostile) if p.severity == "error"]
    assert not problems, f"the hostile data copy does not load: {problems}"
    (root / "hostile.ipynb").write_text(json.dumps(hostile_notebook(hostile)), encoding="utf-8")
    server = LabServer(root=root, scratch=scratch)
    started = time.perf_counter()
    server.start()
    print(f"JupyterLab answered after {time.perf_counter() - started:.1f} s")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(lab):
    return shared_browser()  # one chromium per process, shared with the other real-browser modules


@pytest.fixture(scope="session")
def browser_context(browser):
    # One context for the session: its HTTP cache saves reloading Lab's scripts for every test.
    # Each test still gets a new page, a new workspace and a new kernel.
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(lab, browser_context, request):
    lab.delete_sessions()  # a fresh kernel for every test (trap 2)
    tab = browser_context.new_page()
    messages: list[tuple[str, str]] = []
    tab.on("console", lambda message: messages.append((message.type, message.text)))
    tab.on("pageerror", lambda error: messages.append(("pageerror", str(error))))
    tab.set_default_timeout(TIMEOUT_MS)
    yield tab
    tab.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"console-{request.node.name}.log").write_text(
        "".join(f"{kind}\t{text}\n" for kind, text in messages), encoding="utf-8"
    )
    errors = widget_errors(messages)
    assert not errors, "the browser console reports widget errors:\n" + "\n".join(errors)


def screenshot(locator, name: str) -> None:
    """The viewport with the widget's top at the top: an element screenshot of a widget taller than
    the notebook's scrolling panel comes out grey below the fold."""
    ARTIFACTS.mkdir(exist_ok=True)
    locator.evaluate("el => el.scrollIntoView({block: 'start'})")  # Lab drops off-screen cells (trap 5)
    locator.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def label_of(control, value: str) -> str:
    """A Dropdown option's label: in the browser, a <select> option's value is its label."""
    return next(label for label, v in control.options if v == value)


def expect_text(locator, text: str) -> None:
    from playwright.sync_api import expect

    expect(locator).to_have_text(text, timeout=TIMEOUT_MS)


def choose_article(reader, article_id: str) -> None:
    """Pick an article in the reader by the label the page shows for it, and wait until it is shown."""
    select = reader.get_by_label("Article", exact=True)
    select.select_option(
        next(o for o in select.locator("option").all_inner_texts() if o.startswith(article_id))
    )
    expect_text(reader.locator(".rr-article-info b"), article_id)


def expect_rows(explorer, claim_ids) -> None:
    """The results table shows exactly these claims, in this order (waiting for the kernel's update)."""
    from playwright.sync_api import expect

    expect(explorer.locator(".rr-results tbody tr td:first-child")).to_have_text(
        list(claim_ids), timeout=TIMEOUT_MS
    )


def test_claim_explorer_filters_search_pages_and_downloads(page, lab, tmp_path):
    open_and_run(page, lab, "explorer.ipynb")
    explorer = page.locator(".rr-claim-explorer")
    claims = helpers.load_claims()
    model = claim_explorer(claims)  # the same widget in Python: what the page must show
    count = explorer.locator(".rr-count-text")
    expect_text(count, model.count_text)

    # Every control is reachable by its visible label.
    language = explorer.get_by_label("Language", exact=True)
    language.select_option(label_of(model.filters["language"], "ar"))
    model.filters["language"].value = "ar"
    expect_text(count, model.count_text)
    assert model.count_text == f"{(claims['language'] == 'ar').sum()} of {len(claims)} claims"
    expect_rows(explorer, model.selection["claim_id"][:20])
    excerpt = explorer.locator(".rr-results tbody tr td:nth-child(2)").first
    assert excerpt.get_attribute("dir") == "rtl"
    assert excerpt.evaluate("cell => getComputedStyle(cell).direction") == "rtl"
    assert ARABIC.search(excerpt.inner_text())
    for cell in explorer.locator(".rr-results tbody tr td:nth-child(2)").all():
        assert cell.evaluate("cell => getComputedStyle(cell).direction") == "rtl"
    screenshot(explorer, "claim-explorer")

    # Paging: the page shows the next rows of the same selection.
    if model.n_pages > 1:
        # By keyboard, as a student who does not use a mouse would.
        explorer.get_by_role("button", name="Next page").focus()
        page.keyboard.press("Enter")
        expect_text(explorer.locator(".rr-page"), f"page 2 of {model.n_pages}")
        model.next_button.click()
        expect_rows(explorer, model.selection["claim_id"][20:40])

    # Search typed in Arabic, keystroke by keystroke as a student types.
    explorer.get_by_label("Search").press_sequentially("«بلينكين»", delay=20)
    model.search.value = "«بلينكين»"
    expect_text(count, model.count_text)
    assert 0 < len(model.selection) <= 20
    expect_rows(explorer, model.selection["claim_id"])

    # The download link hands over exactly the selection.
    link = explorer.locator(".rr-download a")
    expect_text(link, f"Download selection as CSV ({len(model.selection)} claims)")
    with page.expect_download() as download_info:
        link.click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    back = pd.read_csv(saved, encoding="utf-8-sig", dtype=str)
    assert list(back["claim_id"]) == list(model.selection["claim_id"])

    # No match says so.
    explorer.get_by_label("Search").fill("zzqx no such claim")
    expect_text(count, f"0 of {len(claims)} claims")
    assert "No claims match these filters" in explorer.locator(".rr-results").inner_text()


def test_article_reader_and_comparison_view(page, lab):
    open_and_run(page, lab, "explorer.ipynb")
    page.get_by_role("tab", name="Read an article").click()
    reader = page.locator(".rr-article-reader")
    translations = helpers.load_translations()
    article_id = translations["article_id"].iloc[0]
    from helpers.widgets import article_reader

    model = article_reader(article_id=article_id)
    reader.get_by_label("Article", exact=True).select_option(label_of(model.article, article_id))
    expect_text(reader.locator(".rr-article-info b"), article_id)
    text = reader.locator(".rr-article-text")
    claims = helpers.load_claims().query("article_id == @article_id")
    marks = text.locator("mark.rr-claim")
    marks.first.wait_for()
    numbers = {
        n for title in marks.evaluate_all("ms => ms.map(m => m.dataset.claims)") for n in title.split()
    }
    assert numbers == {str(n) for n in range(1, len(claims) + 1)}
    assert marks.first.get_attribute("title").startswith("Claim 1: ")
    assert reader.locator(".rr-claim-list li").count() == len(claims)
    body = text.locator(".rr-article-body")
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"

    reader.get_by_label("Show the working translation, sentence by sentence").check()
    label = text.locator(".rr-working-translation-label")
    label.wait_for()
    assert WORKING_TRANSLATION in label.inner_text()
    sentences = translations[translations["article_id"] == article_id]
    rows = text.locator(".rr-sentences tbody tr")
    assert rows.count() == len(sentences)
    first = rows.first.locator("td")
    assert first.nth(0).evaluate("td => getComputedStyle(td).direction") == "rtl"
    assert first.nth(1).inner_text().startswith(sentences["translation"].iloc[0][:30])
    screenshot(reader, "article-reader")

    chrome = helpers.load_table("boilerplate")
    chrome_article = chrome["article_id"].value_counts().index[0]
    reader.get_by_label("Article", exact=True).select_option(label_of(model.article, chrome_article))
    expect_text(reader.locator(".rr-article-info b"), chrome_article)
    assert text.locator(".rr-chrome").count() == 0
    reader.get_by_label(re.compile("^Show page chrome")).check()
    text.locator(".rr-chrome").first.wait_for()
    assert text.locator(".rr-chrome").count() == int((chrome["article_id"] == chrome_article).sum())
    assert "line-through" in text.locator(".rr-chrome").first.evaluate(
        "el => getComputedStyle(el).textDecorationLine"
    )
    screenshot(reader, "article-reader-chrome")

    page.get_by_role("tab", name="Compare sources").click()
    view = page.locator(".rr-comparison")
    pid = "bl0201-duration"
    compare = comparison_view(proposition_id=pid)
    view.get_by_label("Proposition").select_option(label_of(compare.proposition, pid))
    wordings = view.locator(".rr-comparison-wordings")
    statement = helpers.load_propositions().set_index("proposition_id").loc[pid, "statement"]
    expect_text(wordings.locator(".rr-statement"), re.compile(re.escape(statement)))
    words = helpers.analysis.comparison.wordings(pid)
    assert words["article_id"].nunique() >= 2
    shown = wordings.inner_text()
    for excerpt in words["excerpt"]:
        assert excerpt in shown
    coverage = helpers.analysis.comparison.coverage(compare.call.value).query("proposition_id == @pid")
    assert wordings.locator("thead th").count() == len(coverage)  # one column per article on the call
    omitted = view.locator(".rr-comparison-omitted").inner_text()
    for article_id in coverage.loc[~coverage["carried"], "article_id"]:
        assert article_id in omitted.split("Not reported by:")[1]
    differences = helpers.analysis.comparison.differences_for(compare.call.value)
    relevant = differences[differences["propositions"].str.split(";").map(lambda ids: pid in ids)]
    assert view.locator(".rr-comparison-differences tbody tr").count() == len(relevant)
    screenshot(view, "comparison")


def test_hostile_data_is_shown_as_text_and_runs_nothing(page, lab):
    open_and_run(page, lab, "hostile.ipynb")
    explorer = page.locator(".rr-claim-explorer")
    explorer.get_by_label("Search").fill("onerror")
    results = explorer.locator(".rr-results")
    results.get_by_text(HOSTILE_LINE, exact=True).wait_for()
    assert HOSTILE_IMG in results.inner_text() and HOSTILE_SCRIPT in results.inner_text()
    assert HOSTILE_CLAIM in results.inner_text()
    screenshot(explorer, "hostile-claim-explorer")

    page.get_by_role("tab", name="Read an article").click()
    reader = page.locator(".rr-article-reader")
    choose_article(reader, HOSTILE_ARTICLE)
    mark = reader.locator(".rr-article-text mark", has_text="Reader comment")
    mark.wait_for()
    assert mark.inner_text() == HOSTILE_LINE
    screenshot(reader, "hostile-article-reader")
    arabic = helpers.load_articles().query("language == 'ar'")["article_id"].iloc[0]
    choose_article(reader, arabic)
    reader.get_by_label("Show the working translation, sentence by sentence").check()
    reader.locator(".rr-sentences").get_by_text(HOSTILE_IMG).wait_for()

    page.get_by_role("tab", name="Compare sources").click()
    view = page.locator(".rr-comparison")
    view.locator(".rr-comparison-differences").get_by_text(HOSTILE_SCRIPT).first.wait_for()
    assert HOSTILE_SCRIPT in view.locator(".rr-comparison-wordings").inner_text()
    screenshot(view, "hostile-comparison")

    assert page.locator(".rr-explorer img, .rr-explorer script").count() == 0
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
