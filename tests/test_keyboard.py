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
