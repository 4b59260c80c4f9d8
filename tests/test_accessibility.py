"""axe-core over the project's own output in a real JupyterLab: every lesson (student edition, executed)
and the explorer at 100 % and 200 % zoom; and the explorer worked by keyboard alone at 200 % zoom.

Only ``.jp-OutputArea-output`` is checked: JupyterLab's own chrome is not the project's to fix.
Each run writes its violations to test-artifacts/axe-<name>.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser_support import (  # noqa: F401 - pytest fixtures
    axe_summary,
    browser,
    close_page,
    lab,
    new_page,
    open_notebook,
    run_axe,
)
from test_keyboard import contrast

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ZOOM = {"100": {"width": 1400, "height": 1000}, "200": {"width": 700, "height": 500}}


def _record(name: str, violations: list[dict]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(violations, indent=1), encoding="utf-8")


@pytest.mark.parametrize("notebook", LESSONS)
def test_lesson_output_has_no_axe_violations(lab, browser, notebook):  # noqa: F811
    page = new_page(lab, browser)
    try:
        open_notebook(page, lab, notebook)
        violations = run_axe(page)
        _record(notebook.removesuffix(".ipynb"), violations)
        misaligned = page.evaluate(_MISALIGNED)
        page.screenshot(path=str(ARTIFACTS / f"lesson-{notebook.removesuffix('.ipynb')}.png"))
    finally:
        close_page(page, f"axe-{notebook}")
    assert not violations, f"{notebook}:\n{axe_summary(violations)}"
    assert not misaligned, (
        f"{notebook}: cells aligned against their language or broken inside: {misaligned[:5]}"
    )


# Every cell of the project's tables: right-to-left text and numbers to the right, other text to the
# start (left), ids and dates never wrapped (JupyterLab's own rule right-aligns every td).
_MISALIGNED = """() => Array.from(document.querySelectorAll('.jp-OutputArea-output table.rr-table td')).filter(td => {
  const s = getComputedStyle(td);
  const align = s.textAlign;
  if (td.classList.contains('rr-num')) return align !== 'right';
  if (td.classList.contains('rr-nowrap') && s.whiteSpace !== 'nowrap') return true;
  if (s.direction === 'rtl') return !(align === 'right' || align === 'start');
  return !(align === 'left' || align === 'start');
}).map(td => td.outerHTML.slice(0, 120))"""


def _open_explorer(page, lab, zoom: str) -> None:  # noqa: F811
    open_notebook(page, lab, "explorer.ipynb")
    if zoom == "200":
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    page.locator(".rr-explorer").wait_for(state="visible")


@pytest.mark.parametrize("zoom", sorted(ZOOM))
def test_explorer_has_no_axe_violations(lab, browser, zoom):  # noqa: F811
    page = new_page(lab, browser, ZOOM[zoom])
    found = {}
    try:
        _open_explorer(page, lab, zoom)
        for tab in ("Claims", "Read an article", "Compare sources"):
            page.get_by_role("tab", name=tab).click()
            page.wait_for_timeout(300)  # the panel is shown at once; give layout one beat
            found[tab] = run_axe(page)
        page.get_by_role("tab", name="Claims").click()
        page.locator(".rr-claim-explorer").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"explorer-{zoom}.png"))
    finally:
        close_page(page, f"axe-explorer-{zoom}")
    _record(f"explorer-{zoom}", [dict(v, tab=t) for t, vs in found.items() for v in vs])
    problems = "\n".join(f"{t}:\n{axe_summary(v)}" for t, v in found.items() if v)
    assert not problems, problems


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement; const s = getComputedStyle(el);
        return {tag: el.tagName, label: el.getAttribute('aria-label') || (el.labels && el.labels[0]
        ? el.labels[0].textContent : '') || el.textContent.slice(0, 40), cls: el.className,
        outline: s.outlineStyle, width: s.outlineWidth, colour: s.outlineColor,
        inside: Boolean(el.closest('.rr-claim-explorer'))}; }"""
    )


_KERNEL_IDLE = "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'"


def test_explorer_by_keyboard_alone_at_200_percent(lab, browser):  # noqa: F811
    page = new_page(lab, browser, ZOOM["200"])
    try:
        _open_explorer(page, lab, "200")
        explorer = page.locator(".rr-claim-explorer")
        cells_before = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.model.cells.length")
        explorer.get_by_label("Call", exact=True).focus()  # the first control; from here on, keys only
        seen, left_at = [], None
        for _ in range(40):
            state = _focused(page)
            if not state["inside"]:
                left_at = state
                break
            seen.append(state)
            assert state["outline"] != "none" and float(state["width"].removesuffix("px")) >= 2, state
            assert contrast(state["colour"], "rgb(255, 255, 255)") >= 3, state
            if state["tag"] == "SELECT" and "Language" in state["label"]:
                page.keyboard.press("ArrowDown")  # a language, by keyboard
            if state["tag"] == "INPUT" and state["label"].strip() == "Search":
                page.keyboard.type("Blinken")
                # Each key redraws the results; a student reads them before moving on.
                page.wait_for_function(_KERNEL_IDLE)
                page.wait_for_timeout(500)
            if "rr-scroll" in str(state["cls"]):
                region = explorer.locator(".rr-results .rr-scroll")
                start = region.evaluate("el => el.scrollLeft")
                wide = region.evaluate("el => el.scrollWidth > el.clientWidth")
                for _ in range(10):
                    page.keyboard.press("ArrowRight")
                if wide:
                    assert region.evaluate("el => el.scrollLeft") > start, (
                        "the table does not scroll by keyboard"
                    )
            page.keyboard.press("Tab")
        tags = [s["tag"] for s in seen]
        assert tags.count("SELECT") == 6, tags
        assert any("rr-scroll" in str(s["cls"]) for s in seen), (
            "; ".join(f"{s['tag']} {s['label']} {s['cls']}" for s in seen) + f" then {left_at}"
        )
        assert any(s["tag"] == "BUTTON" and "Reset" in s["label"] for s in seen), seen
        # The Attribution, Mode and Topic columns are reachable: the region scrolls to them.
        assert "Attribution" in explorer.locator(".rr-results thead").inner_text()
        assert page.evaluate("() => window.jupyterapp.shell.currentWidget.content.model.cells.length") == (
            cells_before
        )
        page.screenshot(path=str(ARTIFACTS / "explorer-keyboard-200.png"))
    finally:
        close_page(page, "keyboard-200")
