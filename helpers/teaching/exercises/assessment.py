"""The pre/post assessment: eleven judgement items on passages the lessons do not practise on.

Students take ``notebooks/assessment.ipynb`` before lesson 1 and again after the
capstone. Each item shows one passage of an article (the original, and the project's
working translation where it is not in English) and asks how the article credits it
(``attribution``) or how it renders the source's words (``mode``). Students type a
label; :func:`record` only checks its form and says nothing about right or wrong, so
the assessment measures and does not teach. The expected answer of every item is read
from ``data/claims.csv`` when it is checked: this module holds claim ids, not answers.
The answer key for instructors is ``notebooks/instructors/assessment-key.md``.

>>> record("A.1", "anonymous source")
Recorded for A.1: 'anonymous_source'.
>>> record("A.1", "a quote")
Not recorded: type one of named_official, spokesperson, anonymous_source, official_statement, outlet_voice, media_report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import helpers
from helpers.display.html import HTML, escape

from ..passages import passage_of
from . import exercise

__all__ = ["ITEMS", "Item", "LABELS", "passage", "record", "recorded", "key"]

NOTEBOOK = "assessment.ipynb"

LABELS = {
    "attribution": (
        "named_official",
        "spokesperson",
        "anonymous_source",
        "official_statement",
        "outlet_voice",
        "media_report",
    ),
    "mode": ("direct_quote", "partial_quote", "paraphrase", "narration"),
}

QUESTIONS = {
    "attribution": "Who does the article credit the marked words to? Type one of: "
    + ", ".join(LABELS["attribution"])
    + ".",
    "mode": "How does the article give the source's words in the marked passage? Type one of: "
    + ", ".join(LABELS["mode"])
    + ".",
}


@dataclass(frozen=True)
class Item:
    """One assessment item: a claim of ``data/claims.csv`` and the column the student judges."""

    id: str
    claim_id: str
    column: str


ITEMS = (
    Item("A.1", "cnn-blinken-lavrov-38", "attribution"),
    Item("A.2", "cnn-blinken-lavrov-38", "mode"),
    Item("A.3", "cnn-blinken-lavrov-27", "attribution"),
    Item("A.4", "cnn-blinken-lavrov-22", "attribution"),
    Item("A.5", "ar-putin-macron-20", "attribution"),
    Item("A.6", "cnn-blinken-lavrov-39", "mode"),
    Item("A.7", "wt-blinken-lavrov-10", "attribution"),
    Item("A.8", "ar-putin-macron-20", "mode"),
    Item("A.9", "cnn-blinken-lavrov-15", "attribution"),
    Item("A.10", "wt-blinken-lavrov-21", "mode"),
    Item("A.11", "vi-biden-putin-05", "attribution"),
)
_BY_ID = {item.id: item for item in ITEMS}
_recorded: dict[str, str] = {}


def _claim(claim_id: str, data_dir: str | Path | None = None):
    claims = helpers.load_claims(data_dir).set_index("claim_id")
    return claims.loc[claim_id]


def _register(item: Item) -> None:
    @exercise(item.id, QUESTIONS[item.column], "choice", NOTEBOOK, track="core", needs_code=False)
    def _expected(data_dir, claim_id=item.claim_id, column=item.column):
        return str(_claim(claim_id, data_dir)[column])


for _item in ITEMS:
    _register(_item)


def _normal(answer: object) -> str:
    return str(answer).strip().casefold().replace(" ", "_").replace("-", "_")


def record(item_id: str, answer: object) -> HTML:
    """Check only the form of an answer (one of the item's labels) and say it is recorded.

    It never says whether the answer is right: the assessment is scored by the
    instructor (or by nbgrader), after the student hands it in.
    """
    item = _BY_ID[item_id]
    allowed = LABELS[item.column]
    if answer is ...:
        return HTML("<p>Not answered yet: replace ... with your answer and run the cell again.</p>")
    value = _normal(answer)
    if value not in allowed:
        text = f"Not recorded: type one of {', '.join(allowed)}."
        return HTML(f"<p>{escape(text)}</p>", text=text)
    _recorded[item_id] = value
    text = f"Recorded for {item_id}: {value!r}."
    return HTML(f"<p>{escape(text)}</p>", text=text)


def passage(item_id: str, data_dir: str | Path | None = None) -> HTML:
    """The sentence(s) that hold the item's words, those words marked, with a working translation.

    Shown as the lessons show a passage (:func:`helpers.teaching.passages.passage_of`):
    headed with the article's name in the lessons' words, the marked words marked inside the
    one working translation. The labels of the claim (attribution, mode, source) are not shown.

    >>> shown = passage("A.1")
    >>> "continued engagement" in shown.text, shown.text.startswith("From CNN")
    (True, True)
    """
    claims = helpers.load_claims(data_dir)
    return passage_of(claims[claims["claim_id"] == _BY_ID[item_id].claim_id], data_dir)


def recorded() -> dict[str, str]:
    """The answers recorded so far in this kernel, by item id (the solutions edition checks them)."""
    return dict(_recorded)


def key(data_dir: str | Path | None = None) -> dict[str, str]:
    """The answer to every item, read from the data (for instructors and the tests).

    >>> sorted(key())[:2]
    ['A.1', 'A.10']
    """
    return {item.id: str(_claim(item.claim_id, data_dir)[item.column]) for item in ITEMS}
