"""Keys pressed in a widget stay in the widget: the real JupyterLab, driven with Debian's chromium.

In JupyterLab 4 a focused ``<select>`` is not an editable element, so without
the project's key guard the notebook's command-mode shortcuts fire: ArrowDown
moves to the next cell, ``a`` inserts a cell, ``d d`` deletes one. Each test
focuses a dropdown, presses arrows, a letter (type-ahead) and shortcut keys,
then checks that the choice changed and that the notebook's cells did not.
"""

from __future__ import annotations

import pytest
from browser_support import CELLS, browser, close_page, lab, new_page, open_notebook  # noqa: F401
from nbformat.v4 import new_code_cell, new_notebook

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

# Every notebook shortcut a letter can trigger in command mode, and the pair that deletes a cell.
SHORTCUT_KEYS = ["a", "b", "d", "d", "x", "m", "y", "z", "c", "v", "Shift+M", "Enter"]

# (tab of the dashboard, label of the dropdown)
DROPDOWNS = [
    ("Claims", "Call"),
    ("Claims", "Article"),
    ("Claims", "Language"),
    ("Claims", "Speaker"),
    ("Claims", "Attribution"),
    ("Claims", "Topic"),
    ("Read an article", "Article"),
    ("Compare sources", "Call"),
    ("Compare sources", "Proposition"),
]

_PANEL = {
    "Claims": ".rr-claim-explorer",
    "Read an article": ".rr-article-reader",
    "Compare sources": ".rr-comparison",
}


@pytest.fixture(scope="module")
def dashboard(lab, browser):  # noqa: F811 - pytest fixtures imported from browser_support
    page = new_page(lab, browser)
    open_notebook(page, lab, "explorer.ipynb")
    page.locator(".rr-explorer").wait_for(state="visible")
    yield page
    close_page(page, "keyboard")


def _labels(select) -> list[str]:
    return select.locator("option").all_inner_texts()


def _type_ahead_letter(labels: list[str], current: str) -> str:
    """A letter that starts some option's label but not the current one's."""
    for label in labels:
        letter = label[:1].lower()
        if letter.isalpha() and not current.lower().startswith(letter):
            return letter
    pytest.skip("every option starts with the same letter")


@pytest.mark.parametrize(("tab", "label"), DROPDOWNS, ids=[f"{t}-{n}" for t, n in DROPDOWNS])
def test_keys_in_a_dropdown_change_the_choice_and_never_the_notebook(dashboard, tab, label):
    page = dashboard
    page.get_by_role("tab", name=tab).click()
    panel = page.locator(_PANEL[tab])
    select = panel.get_by_label(label, exact=True)
    select.scroll_into_view_if_needed()
    before = page.evaluate(CELLS)
    select.focus()

    start = select.input_value()
    page.keyboard.press("ArrowDown")
    after_down = select.input_value()
    assert after_down != start, f"ArrowDown did not change {label!r}"
    page.keyboard.press("ArrowUp")
    assert select.input_value() == start, f"ArrowUp did not bring {label!r} back"

    labels = _labels(select)
    letter = _type_ahead_letter(labels, select.input_value())
    page.keyboard.press(letter)
    chosen = select.input_value()
    assert chosen.lower().startswith(letter), f"typing {letter!r} chose {chosen!r}"

    for key in SHORTCUT_KEYS:
        page.keyboard.press(key)
    assert page.evaluate(CELLS) == before, "a key pressed in the dropdown changed the notebook"
    assert page.evaluate("() => document.activeElement.tagName") == "SELECT"


def test_focus_indicator_is_visible(dashboard):
    """A focused dropdown gets an outline of at least 2 px whose colour contrasts 3:1 with white."""
    page = dashboard
    page.get_by_role("tab", name="Claims").click()
    select = page.locator(".rr-claim-explorer").get_by_label("Language", exact=True)
    select.focus()
    style = select.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    assert style[0] not in ("none", ""), style
    assert float(style[1].removesuffix("px")) >= 2, style
    assert contrast(style[2], "rgb(255, 255, 255)") >= 3, style


def _luminance(colour: str) -> float:
    values = [float(v) for v in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
    linear = [(v / 255) / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS ``rgb()`` colours.

    >>> round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"))
    21
    """
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --------------------------------------------------------------------------- lesson 5, by keyboard
# What a student tester met working lesson 5 by keyboard alone: two choice questions on one page, and
# tables of readouts (a focusable scroll region with addresses in it).

KEYS_NOTEBOOK = "keys_lesson5.ipynb"
SMALL_TABLE = (
    "display(show(pd.DataFrame({'readout_id': ['white-house-2022-02-12'],"
    " 'url': ['https://www.whitehouse.gov/example-readout/']}), caption='Accounts'))"
)
# Ten columns of ids (kept whole, never wrapped): wider than the notebook, so the region scrolls.
WIDE_TABLE = (
    "show(pd.DataFrame({f'c{i}_id': ['-'.join(['readout'] * 12)] for i in range(10)}), caption='Wide')"
)


def keys_notebook() -> dict:
    """Lesson 5's two first questions and two tables, as a student meets them (a notebook of its own, so
    the test does not depend on where lesson 5 puts them)."""
    return new_notebook(
        cells=[
            new_code_cell(
                "import pandas as pd\nfrom helpers import show\nfrom helpers.teaching.judgement import ask",
                id="imports",
            ),
            new_code_cell('ask("5.1")', id="ask-5-1"),
            new_code_cell('ask("5.2")', id="ask-5-2"),
            new_code_cell(f"{SMALL_TABLE}\n{WIDE_TABLE}", id="tables"),
        ],
        metadata={
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
    )


@pytest.fixture(scope="module")
def lesson5(lab, browser):  # noqa: F811 - pytest fixtures imported from browser_support
    import json

    (lab.root / KEYS_NOTEBOOK).write_text(json.dumps(keys_notebook()), encoding="utf-8")
    page = new_page(lab, browser)
    open_notebook(page, lab, KEYS_NOTEBOOK)
    page.locator(".rr-choice").nth(1).locator("input[type=radio]").last.wait_for(state="visible")
    page.locator(".rr-scroll").nth(1).wait_for(state="visible")
    yield page
    close_page(page, "keyboard-lesson5")


_KERNEL_IDLE = """() => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  return kernel && kernel.status === 'idle';
}"""


def _radios_checked(question) -> list[bool]:
    return question.locator("input[type=radio]").evaluate_all("els => els.map(e => e.checked)")


def _feedback(question) -> str:
    return question.locator(".rr-choice-feedback").inner_text().strip()


def test_arrow_keys_stay_in_one_question(lesson5):
    """ArrowDown on the last choice of 5.2 wraps to 5.2's first choice; 5.1's answer and verdict stay."""
    page = lesson5
    first, second = page.locator(".rr-choice").nth(0), page.locator(".rr-choice").nth(1)
    before = page.evaluate(CELLS)

    first.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")  # choose 5.1's first answer
    first.get_by_role("button", name="Check").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "el => el.innerText.trim() !== ''", arg=first.locator(".rr-choice-feedback").element_handle()
    )
    page.wait_for_function(_KERNEL_IDLE)
    first_checked, first_verdict = _radios_checked(first), _feedback(first)
    assert first_checked[0] and first_verdict, (first_checked, first_verdict)

    second.locator("input[type=radio]").last.focus()
    page.keyboard.press("Space")  # choose 5.2's last answer
    page.keyboard.press("ArrowDown")  # past the last: the group wraps to its own first answer
    page.wait_for_function(_KERNEL_IDLE)
    page.wait_for_timeout(300)  # a stray change would reach 5.1 through the kernel: give it a beat
    inside = page.evaluate("el => el.contains(document.activeElement)", second.element_handle())
    assert inside, "ArrowDown moved the focus out of question 5.2"
    assert _radios_checked(second)[0], _radios_checked(second)
    assert _radios_checked(first) == first_checked, "ArrowDown in 5.2 changed the answer of 5.1"
    assert _feedback(first) == first_verdict

    page.keyboard.press("Tab")  # the radio group is one stop: Tab goes on to Check
    assert page.evaluate("() => document.activeElement.textContent") == "Check"
    page.keyboard.press("Enter")
    page.wait_for_function(
        "el => el.innerText.trim() !== ''", arg=second.locator(".rr-choice-feedback").element_handle()
    )
    assert _feedback(second)
    second.locator("input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")  # another answer: the verdict on the old one goes
    page.wait_for_function(
        "el => el.innerText.trim() === ''", arg=second.locator(".rr-choice-feedback").element_handle()
    )
    assert _feedback(first) == first_verdict
    assert page.evaluate(CELLS) == before, "a key pressed in a question changed the notebook"


def test_radio_groups_are_named_per_question(lesson5):
    names = lesson5.locator(".rr-choice").evaluate_all(
        "qs => qs.map(q => Array.from(q.querySelectorAll('input[type=radio]')).map(r => r.name))"
    )
    assert len(names) == 2 and all(names), names
    assert all(len(set(group)) == 1 and group[0] for group in names), names
    assert names[0][0] != names[1][0], names


def test_keys_in_a_table_region_scroll_it_and_never_change_the_notebook(lesson5):
    page = lesson5
    small, wide = page.locator(".rr-scroll").nth(0), page.locator(".rr-scroll").nth(1)
    wide.scroll_into_view_if_needed()
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:enter-command-mode')")
    small.focus()
    page.keyboard.press("Tab")  # the address in the small table is a link a keyboard reaches
    link = page.evaluate(
        "() => { const a = document.activeElement; return [a.tagName, a.href, a.target, a.rel, a.referrerPolicy]; }"
    )
    assert link[:3] == ["A", "https://www.whitehouse.gov/example-readout/", "_blank"], link
    assert "noopener" in link[3].split() and link[4] == "no-referrer", (
        link
    )  # Lab rewrites rel; see address_link
    before = page.evaluate(CELLS)
    for key in ["a", "b", "d", "d", "x", "m"]:  # a link inside the region is guarded by it
        page.keyboard.press(key)
    assert page.evaluate(CELLS) == before, "a key pressed on a link in a table changed the notebook"
    assert page.evaluate("() => document.activeElement.tagName") == "A"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", wide.element_handle()):
            break
    else:
        pytest.fail(
            f"Tab never reached the wide table's region: {page.evaluate('() => document.activeElement.outerHTML.slice(0, 200)')}"
        )
    assert "jp-mod-commandMode" in page.locator(".jp-Notebook").first.get_attribute("class")
    before = page.evaluate(CELLS)
    for key in ["a", "b", "d", "d", "x", "m"]:
        page.keyboard.press(key)
    page.wait_for_timeout(200)
    assert page.evaluate(CELLS) == before, "a key pressed in a table changed the notebook"
    assert wide.evaluate("el => el.scrollWidth > el.clientWidth"), "the wide table fits: nothing to scroll"
    start = wide.evaluate("el => el.scrollLeft")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    # Chromium scrolls smoothly: wait for the region to move (the wait fails after the page's timeout).
    moved = page.wait_for_function(
        "([el, start]) => el.scrollLeft > start", arg=[wide.element_handle(), start], timeout=5000
    )
    assert moved, "ArrowRight did not scroll the table"
    assert page.evaluate("el => document.activeElement === el", wide.element_handle())
    assert page.evaluate(CELLS) == before
