"""The capstone's annotator in a real JupyterLab, driven with Debian's chromium.

A student's path through Step 2 of lesson 7, by mouse selection and keyboard:
choose a passage with the keyboard, select the words of a claim in the passage,
paste words that are not in it and see them refused at once, choose the labels
with the keyboard, submit, and only then see the collection's annotations.
Keys pressed in the annotator never change the notebook.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import CELLS, browser, close_page, lab, new_page, open_notebook  # noqa: F401

import helpers
from helpers.teaching import annotation

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

NOTEBOOK = "07_capstone.ipynb"
ARTICLE, PARAGRAPH = "wt-blinken-lavrov", 3
SHORTCUT_KEYS = ["a", "b", "d", "d", "x", "m", "y", "z", "Shift+M"]
COMPARISON = (
    "CNN quotes the readout word for word, while The Washington Times reports it in its own words "
    "and adds NATO; both credit the same State Department statement."
)

# Select ``words`` inside the passage as a mouse would (a Range over the text), then release the mouse.
_SELECT = """(words) => {
  const box = document.querySelector('.rr-annotator-text');
  const node = box.firstChild;
  const start = node.textContent.indexOf(words);
  if (start < 0) return false;
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + words.length);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  box.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  return true;
}"""


# Wait until the kernel has handled every widget change sent so far: an empty execute request is
# answered only after the comm messages before it (a dropdown the kernel resets would race otherwise).
_SETTLE = """async () => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  await kernel.requestExecute({ code: '', silent: true, store_history: false }).done;
  return true;
}"""


def _settle(page) -> None:
    page.evaluate(_SETTLE)


@pytest.fixture(scope="module")
def capstone(lab, browser):  # noqa: F811 - pytest fixtures imported from browser_support
    page = new_page(lab, browser)
    open_notebook(page, lab, NOTEBOOK)
    tool = page.locator(".rr-annotator")
    tool.wait_for(state="attached")
    tool.scroll_into_view_if_needed()
    tool.wait_for(state="visible")
    yield page
    close_page(page, "annotator")


def _chosen_text(select) -> str:
    """The chosen option's label (ipywidgets writes its spaces as no-break spaces)."""
    text = select.evaluate("s => s.options[s.selectedIndex] ? s.options[s.selectedIndex].text : ''")
    return text.replace("\xa0", " ")


def _choose_by_keyboard(page, select, wanted, limit: int = 80) -> None:
    """From the first option (Home), move through a dropdown with ArrowDown until ``wanted(label)``."""
    select.focus()
    page.keyboard.press("Home")
    for _ in range(limit):
        if wanted(_chosen_text(select)):
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"no option of the dropdown matched; last was {_chosen_text(select)!r}")


def _radio_by_keyboard(page, group, value: str) -> None:
    """Focus the first radio button of ``group``, take it with Space, then ArrowDown to ``value``."""
    radios = group.locator(".widget-radio-box input[type=radio]")
    labels = [text.strip() for text in group.locator(".widget-radio-box label").all_inner_texts()]
    target = next(i for i, text in enumerate(labels) if text.startswith(f"{value}:"))
    radios.nth(0).focus()
    page.keyboard.press("Space")
    for _ in range(target):
        page.keyboard.press("ArrowDown")
    assert radios.nth(target).is_checked(), f"{value} not chosen by keyboard"


def test_choose_select_refuse_label_submit_and_see_the_collection(capstone):
    page = capstone
    tool = page.locator(".rr-annotator")
    cells_before = page.evaluate(CELLS)
    passage = annotation.passage_from_article(ARTICLE, PARAGRAPH)
    theirs = annotation.collection_claims(passage)
    assert len(theirs) >= 1
    claim = theirs.iloc[0]

    # 1. The passage, chosen with the keyboard only; shortcut keys in a dropdown do nothing to the notebook.
    article = tool.locator(".rr-annotator-article select")
    article.scroll_into_view_if_needed()
    _choose_by_keyboard(page, article, lambda label: label.startswith(ARTICLE))
    _settle(page)  # the article's paragraphs replace the last article's
    first = tool.locator(".rr-annotator-first select")
    first.scroll_into_view_if_needed()
    _choose_by_keyboard(page, first, lambda label: label == str(PARAGRAPH))
    for key in SHORTCUT_KEYS:
        page.keyboard.press(key)
    assert _chosen_text(first) == str(PARAGRAPH)
    assert page.evaluate(CELLS) == cells_before, "a key pressed in the annotator changed the notebook"
    tool.locator("button.rr-annotator-use").focus()
    page.keyboard.press("Enter")
    box = tool.locator(".rr-annotator-text")
    page.wait_for_function(
        "t => document.querySelector('.rr-annotator-text').textContent === t", arg=passage.text
    )
    assert box.get_attribute("dir") == "ltr" and box.get_attribute("lang") == "en"

    # 2. Words pasted that are not in the passage: refused at once, with the reason.
    excerpt = tool.locator(".rr-annotator-excerpt input")
    excerpt.scroll_into_view_if_needed()
    excerpt.fill(claim["excerpt"].upper())
    status = tool.locator(".rr-annotator-excerpt-status")
    status.get_by_text("capital and small letters differ").wait_for()

    # 3. The words selected in the passage with the mouse fill the excerpt and are accepted.
    box.scroll_into_view_if_needed()
    assert page.evaluate(_SELECT, claim["excerpt"]), "the excerpt is not in the passage shown"
    page.wait_for_function(
        "w => document.querySelector('.rr-annotator-excerpt input').value === w", arg=claim["excerpt"]
    )
    status.get_by_text("In the passage").wait_for()

    # 4. The labels, by keyboard.
    proposition = tool.locator(".rr-annotator-proposition select")
    proposition.scroll_into_view_if_needed()
    _choose_by_keyboard(page, proposition, lambda label: label.endswith(f"[{claim['proposition_id']}]"))
    _radio_by_keyboard(page, tool.locator(".rr-annotator-attribution"), claim["attribution"])
    _radio_by_keyboard(page, tool.locator(".rr-annotator-mode"), claim["mode"])
    source = "" if claim["source"] is None or str(claim["source"]) == "<NA>" else str(claim["source"])
    verb = "" if str(claim["reporting_verb"]) == "<NA>" else str(claim["reporting_verb"])
    tool.locator(".rr-annotator-source input").fill(source)
    tool.locator(".rr-annotator-verb input").fill(verb)
    artifacts = Path(__file__).resolve().parent.parent / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    tool.locator(".rr-annotator-excerpt").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "annotator-form.png"))
    tool.locator("button.rr-annotator-add").click()
    tool.locator(".rr-annotator-form-status").get_by_text("Added").wait_for()
    tool.locator(".rr-annotator-mine").get_by_text(claim["excerpt"]).wait_for()

    # 5. Nothing of the collection's reading before Submit, not even after a refused Submit.
    reveal = tool.locator(".rr-annotator-reveal")
    tool.locator("button.rr-annotator-submit").click()
    tool.locator(".rr-annotator-submit-status").get_by_text("Before you submit").wait_for()
    assert reveal.locator(".rr-annotator-claim").count() == 0
    assert claim["claim_id"] not in tool.inner_text()

    # 6. The comparison, then Submit: the collection's claims on the passage, beside the student's.
    comparison = tool.locator(".rr-annotator-comparison textarea")
    comparison.scroll_into_view_if_needed()
    comparison.fill(COMPARISON)
    tool.locator("button.rr-annotator-submit").click()
    table = reveal.locator("table.rr-annotator-side")
    table.wait_for()
    table.scroll_into_view_if_needed()
    shown = table.inner_text()
    for claim_id in theirs["claim_id"]:
        assert claim_id in shown
    assert "proposition same ✔ · attribution same ✔ · mode same ✔" in shown
    assert re.search(r"The collection has \d+ claim", reveal.inner_text())
    reveal.screenshot(path=str(artifacts / "annotator-after-submit.png"))
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.evaluate(CELLS) == cells_before, "the notebook changed while the annotator was used"


def test_an_arabic_passage_is_right_to_left(capstone):
    page = capstone
    tool = page.locator(".rr-annotator")
    tool.locator(".rr-annotator-remove-choice select").scroll_into_view_if_needed()
    _choose_by_keyboard(page, tool.locator(".rr-annotator-remove-choice select"), lambda t: t == "all claims")
    tool.locator("button.rr-annotator-remove").click()
    tool.locator(".rr-annotator-mine").get_by_text("No claims yet.").wait_for()
    arabic = next(a for a in helpers.load_articles().itertuples() if a.language == "ar")
    article = tool.locator(".rr-annotator-article select")
    article.scroll_into_view_if_needed()
    _choose_by_keyboard(page, article, lambda label: label.startswith(arabic.article_id))
    _settle(page)
    tool.locator("button.rr-annotator-use").click()
    box = tool.locator(".rr-annotator-text")
    page.wait_for_function("() => document.querySelector('.rr-annotator-text').dir === 'rtl'")
    assert box.get_attribute("lang") == "ar"
    assert box.evaluate("b => getComputedStyle(b).direction") == "rtl"
