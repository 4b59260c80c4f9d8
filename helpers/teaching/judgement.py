"""Judgement items: the student decides something about a source; the data holds the answer.

Each item is generated from the annotations, so an instructor's new article
yields new items. A lesson declares one with one line::

    judge("3.5", "attribution", claim="cnn-blinken-lavrov-07")
    judge("3.6", "mode", pick={"article_id": "vi-biden-putin"}, nth=1)

and the notebook shows it with ``ask("3.5")`` (a choice widget, no code), or the
student types ``check("3.5", "named_official")``. The passage is shown without its
labels; the collection's reading and the explanation from the data (the claim's
note, the difference's explanation, the term's note) come with a right answer, or
when the student asks for them (``reveal``, or the widget's "Show why").

>>> item = judge("9.1", "mode", claim="ar-putin-macron-14", notebook="99_example.ipynb")
>>> item.judgement.expected(None), "I spoke this morning" in item.judgement.passage(None).text
('direct_quote', True)
>>> _ = _unregister("9.1")
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

import helpers
from helpers.data.schema import TABLES
from helpers.display.html import HTML, escape

from . import exercises as registry
from .passages import LABELS, _article_name, _frame, _sentence, passage_of, readable, readout_name

__all__ = [
    "GUIDES",
    "KINDS",
    "LABELS",
    "Judgement",
    "ask",
    "candidates",
    "judge",
    "passage",
    "used_annotations",
]

# A term is a quotation when marks enclose words; an apostrophe inside a word ("Moscow’s",
# "doesn’t") is not a quotation mark, so single marks count only at word edges.
QUOTED = re.compile(r"[\"“«„].+?[\"”»“]|(?<!\w)['‘].+?['’](?!\w)")
# kind: (anchor, the question put by default)
KINDS = {
    "attribution": ("claim", "Who does the article credit the marked words to? Choose how it credits them."),
    "mode": (
        "claim",
        "How does the article give the marked words: quoted, partly quoted, paraphrased, or told?",
    ),
    "account": ("claim", "Whose account of the call do the marked words come from?"),
    "omission": ("proposition", "Which article that reports this call leaves this point out?"),
    "translation": ("difference", "Compare the passages: what changed from one source to the other?"),
    "quotation": (
        "term",
        "Are the quotation marks around the marked words a credited quotation or scare quotes?",
    ),
}
# What to look at after a wrong answer: the same for every item of a kind, so it gives nothing away.
GUIDES = {
    "attribution": "Ask who the words come from: does the sentence name a person, a spokesperson, an "
    "unnamed official, a statement or another outlet, or does the article say it in its own voice?",
    "mode": "Look at the quotation marks: around the whole of what was said, around a few words, or none? "
    "With none, does the article credit someone (paraphrase) or tell it itself (narration)?",
    "account": "Read what comes just before the marked words: whose account does the article open there, "
    "and has it changed since the sentence before?",
    "omission": "Read each article's report of this call (the reader shows them side by side): which one "
    "never says this, in any words?",
    "translation": "Set the passages side by side: is something missing, worded differently, credited to "
    "someone else, counted differently, or placed in another time?",
    "quotation": "Whose word is in the quotation marks? Does the article give it as someone's words, or "
    "mark a word it does not take as its own?",
}
_KEY = {
    "claim": "claim_id",
    "proposition": "proposition_id",
    "difference": "difference_id",
    "term": "term_id",
}


def _list(cell: object) -> list[str]:
    """A ;-list cell as a list (an empty cell is an empty list)."""
    return [part.strip() for part in cell.split(";") if part.strip()] if isinstance(cell, str) else []


def _main_articles(call_id: str, data_dir) -> list[str]:
    mentions = _frame("call_mentions", data_dir)
    rows = mentions[(mentions["call_id"] == call_id) & (mentions["role"] == "main")]
    return list(dict.fromkeys(rows["article_id"].astype(str)))


def _omitting(propositions: pd.DataFrame, data_dir) -> list[list[str]]:
    """For each proposition, the articles whose subject is its call and which carry no claim of it."""
    claims = _frame("claims", data_dir)
    carried = claims.groupby("proposition_id")["article_id"].agg(lambda a: set(a.astype(str))).to_dict()
    mains = {c: _main_articles(c, data_dir) for c in propositions["call_id"].astype(str).unique()}
    return [
        [a for a in mains[str(call)] if a not in carried.get(p, set())]
        for p, call in zip(propositions["proposition_id"], propositions["call_id"])
    ]


def candidates(kind: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The annotations an item of ``kind`` can be made from, in file order.

    >>> len(candidates("attribution")) == len(helpers.load_claims())
    True
    >>> set(candidates("quotation")["expected"]) == {"credited_quote", "scare_quote"}
    True
    """
    corpus = helpers.load_corpus(data_dir)  # the same object while the data is unchanged
    key = (kind, str(data_dir))
    cached = _CANDIDATES.get(key)
    if cached is not None and cached[0] is corpus:
        return cached[1]
    frame = _candidates(kind, data_dir)
    _CANDIDATES[key] = (corpus, frame)
    return frame


_CANDIDATES: dict[tuple[str, str], tuple[object, pd.DataFrame]] = {}


def _candidates(kind: str, data_dir) -> pd.DataFrame:
    anchor = KINDS[kind][0]
    frame = _frame(
        {"claim": "claims", "proposition": "propositions"}.get(anchor, anchor + "s"), data_dir
    ).copy()
    if kind in ("attribution", "mode"):
        frame["expected"] = frame[kind].astype(str)
    elif kind == "account":
        readouts = _frame("readouts", data_dir)
        per_call = readouts.groupby("call_id")["readout_id"].count()
        frame = frame[frame["readout_id"].notna() & (frame["call_id"].map(per_call).fillna(0) >= 2)].copy()
        frame["expected"] = frame["readout_id"].astype(str)
    elif kind == "omission":
        frame["expected"] = _omitting(frame, data_dir)
        mains = {c: len(_main_articles(c, data_dir)) for c in frame["call_id"].astype(str).unique()}
        carried = frame["expected"].map(len) < frame["call_id"].astype(str).map(mains)
        frame = frame[(frame["expected"].map(len) > 0) & carried].copy()
    elif kind == "translation":
        languages = _frame("articles", data_dir).set_index("article_id")["language"].astype(str)
        translated = frame["articles"].map(lambda a: any(languages.get(x, "en") != "en" for x in _list(a)))
        frame = frame[translated & frame["claims"].map(_list).map(len).gt(0)].copy()
        frame["expected"] = frame["kind"].astype(str)
    elif kind == "quotation":
        quoted = frame["term"].astype(str).map(lambda t: bool(QUOTED.search(t)))
        frame = frame[(frame["category"].isin(["scare_quotes", "credited_quotation"])) | quoted].copy()
        frame["expected"] = frame["category"].map(
            lambda c: "scare_quote" if c == "scare_quotes" else "credited_quote"
        )
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class Judgement:
    """What one judgement item is about, resolved against the data at each use."""

    kind: str
    anchor: str | None = None
    pick: dict[str, Any] = field(default_factory=dict)
    nth: int = 0

    def row(self, data_dir) -> pd.Series:
        """The annotation the item is made from; a LookupError that says what is missing."""
        frame = candidates(self.kind, data_dir)
        key = _KEY[KINDS[self.kind][0]]
        if self.anchor is not None:
            rows = frame[frame[key] == self.anchor]
            if rows.empty:
                raise LookupError(
                    f"{key} {self.anchor!r} is not in the data, or does not fit a {self.kind} item"
                )
            return rows.iloc[0]
        for column, value in self.pick.items():
            frame = frame[frame[column].astype(str) == str(value)]
        if len(frame) <= self.nth:
            raise LookupError(f"no {self.kind} item number {self.nth} among the annotations with {self.pick}")
        return frame.iloc[self.nth]

    def annotation(self, data_dir=None) -> str:
        """The id of the annotation the item is made from."""
        return str(self.row(data_dir)[_KEY[KINDS[self.kind][0]]])

    def expected(self, data_dir) -> Any:
        value = self.row(data_dir)["expected"]
        if self.kind == "omission":
            return value[0] if len(value) == 1 else set(value)
        return value

    def evidence(self, data_dir=None) -> set[str]:
        """Texts that identify the item's annotation where a lesson shows it: its id, its words.

        A test uses them to find the item's label shown before the item is asked.
        """
        row = self.row(data_dir)
        found = {self.annotation(data_dir)}
        for column in ("excerpt", "term", "statement", "summary"):
            if column in row and isinstance(row[column], str) and len(row[column]) >= 8:
                found.add(row[column])
        return found

    def answer_kind(self, data_dir=None) -> str:
        return "set" if self.kind == "omission" and len(self.row(data_dir)["expected"]) > 1 else "choice"

    def choices(self, data_dir=None) -> list[tuple[str, str]]:
        """(label shown, value) pairs, in a fixed order that does not depend on the answer."""
        row = self.row(data_dir)
        if self.kind in ("attribution", "mode"):
            values = {c.name: c for c in TABLES["claims"].columns}[self.kind].choices
            return [(LABELS.get(v, v), v) for v in values]
        if self.kind == "quotation":
            return [(LABELS[v], v) for v in ("credited_quote", "scare_quote")]
        if self.kind == "translation":
            values = {c.name: c for c in TABLES["differences"].columns}["kind"].choices
            return [(LABELS.get(v, v), v) for v in values]
        if self.kind == "account":
            readouts = _frame("readouts", data_dir)
            rows = readouts[readouts["call_id"] == row["call_id"]]
            return [(str(r["publisher"]), str(r["readout_id"])) for _, r in rows.iterrows()]
        return [(_article_name(a, data_dir), a) for a in _main_articles(str(row["call_id"]), data_dir)]

    def passage(self, data_dir=None) -> HTML:
        """The passage to judge, labels hidden: escaped HTML, with a plain-text twin."""
        row = self.row(data_dir)
        if self.kind == "omission":
            text = f"The point: {row['statement']}"
            return HTML(f"<p><b>{escape(text)}</b></p>", text=text)
        if self.kind == "translation":
            claims = _frame("claims", data_dir)
            return passage_of(claims[claims["claim_id"].isin(_list(row["claims"]))], data_dir)
        return _sentence(row, data_dir, context=1 if self.kind == "account" else 0)

    def reading(self, data_dir=None) -> str:
        """The collection's label for the item, as the data writes it."""
        expected = self.expected(data_dir)
        return ", ".join(sorted(expected)) if isinstance(expected, set) else str(expected)

    def reading_in_words(self, data_dir=None) -> str:
        """The collection's reading as the choices put it: a label, an account's publisher and date.

        >>> Judgement("account", "wt-blinken-lavrov-12").reading_in_words()
        'US Department of State (spokesperson Ned Price), 1 February 2022'
        """
        expected = self.expected(data_dir)
        values = sorted(expected) if isinstance(expected, set) else [str(expected)]
        if self.kind == "account":
            return "; ".join(readout_name(v, data_dir) for v in values)
        if self.kind == "omission":
            return "; ".join(_article_name(v, data_dir) for v in values)
        return "; ".join(LABELS.get(v, v) for v in values)

    def explanation(self, data_dir=None) -> str:
        """Why, from the data: the claim's note, the difference's explanation, the term's note."""
        row = self.row(data_dir)
        lines = []
        if self.kind in ("attribution", "mode", "account"):
            source = row["source"] if isinstance(row["source"], str) else "nobody: the article's own voice"
            if self.kind == "mode":
                verb = row["reporting_verb"] if isinstance(row["reporting_verb"], str) else "none"
                lines.append(f"Given as {LABELS.get(row['mode'], row['mode'])}; reporting verb: {verb}.")
            else:
                credited = LABELS.get(row["attribution"], row["attribution"])
                lines.append(f"Credited to: {source}. Kind of source: {credited}.")
            if self.kind == "account":
                lines.append(f"From the account of: {readout_name(str(row['readout_id']), data_dir)}.")
            if isinstance(row["note"], str):
                lines.append(row["note"])
        elif self.kind == "omission":
            differences = _frame("differences", data_dir)
            about = differences[differences["propositions"].map(lambda p: row["proposition_id"] in _list(p))]
            about = about[about["kind"] == "omission"]
            lines += [str(x) for x in about["explanation"]] or [
                f"Left out by: {self.reading_in_words(data_dir)}."
            ]
        elif self.kind == "translation":
            lines += [str(row["summary"]), str(row["explanation"])]
        else:
            category = str(row["category"]).replace("_", " ")
            lines.append(f"Category in the glossary: {category}; meaning here: {row['gloss']}.")
            if isinstance(row["note"], str):
                lines.append(row["note"])
        return readable("\n".join(lines), data_dir)


def _notebook(item_id: str) -> str:
    lesson = item_id.split(".")[0]
    folder = helpers.BUNDLED_DATA_DIR.parent / "notebooks" / "solutions"
    found = sorted(folder.glob(f"{int(lesson):02d}_*.ipynb")) if lesson.isdigit() else []
    return found[0].name if found else f"{lesson}.ipynb"


def judge(
    item_id: str,
    kind: str,
    *,
    claim: str | None = None,
    proposition: str | None = None,
    difference: str | None = None,
    term: str | None = None,
    pick: dict[str, Any] | None = None,
    nth: int = 0,
    question: str | None = None,
    notebook: str | None = None,
    track: str = "core",
    hints: tuple[str, ...] = (),
) -> registry.Exercise:
    """Declare judgement item ``item_id`` of ``kind`` (see :data:`KINDS`) and register it as an exercise.

    Give the annotation (``claim=``, ``proposition=``, ``difference=`` or ``term=``, as
    the kind needs) or a rule: ``pick={column: value}`` and ``nth`` choose among
    :func:`candidates` at check time. ``hints`` follow the kind's guide, one per wrong try
    (a hint that names the answer is never shown).

    >>> judge("9.2", "omission", proposition="bl0201-duration", notebook="x.ipynb").judgement.expected(None)
    'wt-blinken-lavrov'
    >>> _ = _unregister("9.2")
    """
    if kind not in KINDS:
        raise ValueError(f"judgement {item_id}: unknown kind {kind!r}: use {', '.join(KINDS)}")
    given = {"claim": claim, "proposition": proposition, "difference": difference, "term": term}
    anchors = {k: v for k, v in given.items() if v is not None}
    if set(anchors) - {KINDS[kind][0]} or (not anchors and not pick):
        raise ValueError(f"judgement {item_id}: a {kind} item takes {KINDS[kind][0]}= or pick=")
    judgement = Judgement(kind, next(iter(anchors.values()), None), dict(pick or {}), nth)
    item = registry.Exercise(
        item_id,
        question or KINDS[kind][1],
        _answer_kind(judgement),
        judgement.expected,
        notebook or _notebook(item_id),
        hints=(GUIDES[kind], *hints),
        track=track,
        needs_code=False,
        domain={
            "attribution": "attribution",
            "mode": "mode",
            "account": "readout",
            "omission": "article",
        }.get(kind, "quotation" if kind == "quotation" else "difference_kind"),
        judgement=judgement,
    )
    return registry.register(item)


def _answer_kind(judgement: Judgement) -> str:
    """ "set" for an omission several articles share in the bundled data, else "choice"."""
    try:
        return judgement.answer_kind(None)
    except LookupError:  # reported when the item is checked
        return "choice"


def _unregister(item_id: str) -> registry.Exercise | None:
    return registry._REGISTRY.pop(item_id, None)


def used_annotations(data_dir: str | Path | None = None) -> dict[str, str]:
    """The annotation each registered judgement item is made from, by item id.

    >>> isinstance(used_annotations(), dict)
    True
    """
    registry._load_lessons()
    return {
        e.id: e.judgement.annotation(data_dir) for e in registry._REGISTRY.values() if e.judgement is not None
    }


def passage(item_id: str, data_dir: str | Path | None = None) -> HTML:
    """The passage of judgement item ``item_id``, labels hidden (escaped HTML with a text twin)."""
    registry._load_lessons()
    return registry._REGISTRY[item_id].judgement.passage(data_dir)


def ask(item_id: str, data_dir: str | Path | None = None):
    """The judgement item ``item_id`` as a widget: the passage, the choices, Check and Show why."""
    from helpers.teaching.choice import ChoiceQuestion

    return ChoiceQuestion(item_id, data_dir)
