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
from helpers.data.text import nfc, sentence_spans
from helpers.display.html import HTML, WORKING_TRANSLATION, escape, text_html

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

    The labels of the claim (attribution, mode, source) are not shown.

    >>> "continued engagement" in passage("A.1").text
    True
    """
    claim = _claim(_BY_ID[item_id].claim_id, data_dir)
    articles = helpers.load_articles(data_dir).set_index("article_id")
    article = articles.loc[claim["article_id"]]
    text, start, end = article["text"], int(claim["start"]), int(claim["end"])
    spans = [s for s in sentence_spans(text) if s.start < end and s.end > start]
    first, last = spans[0].start, spans[-1].end
    marked = (
        escape(text[first:start])
        + f'<mark class="rr-claim">{escape(text[start:end])}</mark>'
        + escape(text[end:last])
    )
    language = str(article["language"])
    source = text_html("\x00", language).replace("\x00", marked)  # the direction of the article
    outlet = article["outlet"] if isinstance(article["outlet"], str) else "an outlet the text does not name"
    title = f"From {outlet} ({claim['article_id']})"
    parts = [f"<p><b>{escape(title)}</b> (the marked words are the ones to judge)</p>", source]
    plain = [title, text[first:last], f"Marked: {text[start:end]}"]
    if language != "en":
        translations = helpers.load_translations(data_dir)
        rows = translations[translations["article_id"] == claim["article_id"]]
        wanted = {nfc(text[s.start : s.end]) for s in spans}
        english = [t for o, t in zip(rows["original"], rows["translation"]) if nfc(str(o)).strip() in wanted]
        if isinstance(claim["gloss"], str):
            english.append(f"The marked words: {claim['gloss']}")
        parts.append(text_html(" ".join(english), "en", label=WORKING_TRANSLATION))
        plain += english
    return HTML("".join(parts), text="\n".join(plain))


def recorded() -> dict[str, str]:
    """The answers recorded so far in this kernel, by item id (the solutions edition checks them)."""
    return dict(_recorded)


def key(data_dir: str | Path | None = None) -> dict[str, str]:
    """The answer to every item, read from the data (for instructors and the tests).

    >>> sorted(key())[:2]
    ['A.1', 'A.10']
    """
    return {item.id: str(_claim(item.claim_id, data_dir)[item.column]) for item in ITEMS}
