"""What a keyboard student met in lesson 5, checked without a browser: the choice widget's messages, and
the tables that ``show()`` emits (their focusable region keeps keys from the notebook; addresses are links).

The real-browser halves (arrow keys staying in one question, keys in a table region) are in
tests/test_keyboard.py.
"""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from helpers.display.html import show, table_html
from helpers.teaching import exercises as engine
from helpers.teaching.choice import ChoiceQuestion
from helpers.teaching.exercises import check, reset_attempts
from helpers.teaching.judgement import candidates, judge


@pytest.fixture(autouse=True)
def clean_registry():
    engine._load_lessons()
    before = set(engine._REGISTRY)
    reset_attempts()
    yield
    for extra in set(engine._REGISTRY) - before:
        engine._REGISTRY.pop(extra)
    reset_attempts()


def _feedback_text(view: ChoiceQuestion) -> str:
    return BeautifulSoup(view.feedback.value, "html.parser").get_text(" ", strip=True)


# ----------------------------------------------------------------------------- the choice widget


def test_check_with_nothing_chosen_asks_for_a_choice_not_for_typing():
    view = ChoiceQuestion("5.1")
    view.check_button.click()
    said = _feedback_text(view)
    assert "choose one of the answers above, then press Check" in said, said
    assert "replace ..." not in said and "run the cell again" not in said, said
    assert view.first_correct is None  # like a typed "...": no verdict, no try
    assert engine._attempts.get("5.1", 0) == 0


def test_check_with_no_box_ticked_asks_for_a_tick():
    wanted = candidates("omission").query("expected.str.len() > 1", engine="python").iloc[0]
    judge("97.1", "omission", proposition=wanted["proposition_id"], notebook="x.ipynb")
    view = ChoiceQuestion("97.1")
    view.check_button.click()
    said = _feedback_text(view)
    assert "tick one or more of the answers above, then press Check" in said, said
    assert "replace ..." not in said and view.first_correct is None


def test_typed_answers_keep_their_own_not_answered_message():
    assert check("5.1", ...).message == (
        "Not answered yet: replace ... with your answer and run the cell again."
    )


def test_a_new_choice_clears_the_old_verdict():
    view = ChoiceQuestion("5.1")
    right = engine._REGISTRY["5.1"].judgement.expected(None)
    wrong = [v for _, v in view.buttons.options if v != right]
    view.buttons.value = wrong[0]
    view.check_button.click()
    assert _feedback_text(view).startswith("✘ Not yet"), _feedback_text(view)
    view.buttons.value = wrong[1]  # the student arrows to another choice: the verdict was for the old one
    assert _feedback_text(view) == ""
    view.check_button.click()
    assert _feedback_text(view).startswith("✘ Not yet")  # the second verdict appears anew
    view.buttons.value = right
    assert _feedback_text(view) == ""
    view.check_button.click()
    assert _feedback_text(view).startswith("✔ Right.")


def test_ticking_another_box_clears_the_old_verdict():
    wanted = candidates("omission").query("expected.str.len() > 1", engine="python").iloc[0]
    judge("97.1", "omission", proposition=wanted["proposition_id"], notebook="x.ipynb")
    view = ChoiceQuestion("97.1")
    view.boxes[0].value = True
    view.check_button.click()
    assert _feedback_text(view)
    view.boxes[1].value = True
    assert _feedback_text(view) == ""


# ----------------------------------------------------------------------------- show(): keys and links

HOSTILE_ADDRESSES = [
    'https://x.org/"><script>alert(1)</script>',
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://x.org/a onmouseover=alert(1)",
    " https://x.org/leading-space",
]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "readout_id": ["a", "b", "c", "d", "e", "f"],
            "url": ["https://www.state.gov/x?a=1&b=2", *HOSTILE_ADDRESSES],
            "archive_url": ["http://web.archive.org/web/2022/http://kremlin.ru/e/1", None, "", "x", "y", "z"],
            "checked_at": ["https://www.rferl.org/a/1.html", "n/a", "", "", "", ""],
            "note": ["see https://x.org for more", "https://www.kremlin.ru/events/1", "", "", "", ""],
        }
    )


def test_addresses_become_links_and_nothing_else_does():
    soup = BeautifulSoup(show(_frame())._repr_html_(), "html.parser")
    links = soup.find_all("a")
    assert [a["href"] for a in links] == [
        "https://www.state.gov/x?a=1&b=2",
        "http://web.archive.org/web/2022/http://kremlin.ru/e/1",
        "https://www.rferl.org/a/1.html",
        "https://www.kremlin.ru/events/1",  # a whole address in any column
    ]
    for link in links:
        assert link.get_text() == link["href"]  # the address is what the student reads
        assert link["target"] == "_blank"
        assert set(link["rel"]) == {"noopener", "noreferrer"}
        assert link["referrerpolicy"] == "no-referrer"
        assert set(link.attrs) == {
            "class",
            "href",
            "target",
            "rel",
            "referrerpolicy",
            "data-lm-suppress-shortcuts",
        }


def test_hostile_addresses_stay_text():
    markup = show(_frame())._repr_html_()
    soup = BeautifulSoup(markup, "html.parser")
    assert soup.find("script") is None
    assert not [
        (tag.name, name) for tag in soup.find_all(True) for name in tag.attrs if name.lower().startswith("on")
    ]
    assert all(a["href"].startswith(("https://", "http://")) for a in soup.find_all("a"))
    cells = [td.get_text() for td in soup.find_all("td")]
    for value in HOSTILE_ADDRESSES:  # shown as the characters they are, inside a cell
        assert value in cells, value
    assert "<script>" not in markup.split("</style>", 1)[1]


def test_table_html_links_addresses_too():
    soup = BeautifulSoup(table_html(_frame(), ["url"]), "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == ["https://www.state.gov/x?a=1&b=2"]


def test_every_focusable_element_of_a_table_keeps_keys_from_the_notebook():
    """JupyterLab's command mode would take `a`, `d d` or an arrow pressed in the table region as a
    notebook shortcut. Lumino skips shortcuts at an element with data-lm-suppress-shortcuts, but it
    matches the focused element itself first: each focusable element needs the attribute, not a parent."""
    soup = BeautifulSoup(show(_frame(), caption="Accounts")._repr_html_(), "html.parser")
    focusable = soup.select("[tabindex], a[href], button, input, select, textarea")
    assert soup.select('[tabindex="0"][role="region"]') and soup.select("a[href]")
    for element in focusable:
        assert element.get("data-lm-suppress-shortcuts") == "true", str(element)[:120]
