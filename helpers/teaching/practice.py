"""Practice mode for self-learners: judge one claim after another, with a score for the session.

Layer: widgets. Each round serves a claim the student has not yet seen in this
kernel, shows its passage without labels, asks for its attribution and its mode,
then shows the collection's reading and the note that explains it, right or
wrong. No claim comes back until every claim has been seen; then a new round
starts, in a new order. Nothing is written anywhere: the score lives in the kernel.

>>> view = practice(seed=1)
>>> first = view.claim_id
>>> result = view.answer("outlet_voice", "narration")
>>> view.answered, view.explained
(1, True)
>>> view.next_claim() != first
True
"""

from __future__ import annotations

import random
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

import helpers

from ..data.schema import TABLES
from ..display.html import escape
from ..widgets.common import _guarded, _style
from .passages import LABELS, _sentence, readable

__all__ = ["Practice", "practice", "forget_seen"]

# Claims served so far in this kernel, per (data folder, article filter): a new
# widget for the same selection carries on where the last one stopped.
_SEEN: dict[tuple[str, str], set[str]] = {}


def forget_seen() -> None:
    """Start practice afresh: every claim counts as not yet seen."""
    _SEEN.clear()


def _options(column: str) -> list[tuple[str, str]]:
    values = {c.name: c for c in TABLES["claims"].columns}[column].choices
    return [(LABELS.get(v, v), v) for v in values]


class Practice(widgets.VBox):
    """The practice widget; ``score`` is {"attribution": right, "mode": right}, out of ``answered``."""

    def __init__(
        self, data_dir: str | Path | None = None, article: str | None = None, seed: int | None = None
    ):
        self.data_dir = data_dir
        claims = helpers.load_claims(data_dir)
        if article is not None:
            claims = claims[claims["article_id"] == article]
        self.claims = claims.set_index("claim_id", drop=False)
        self._key = (str(data_dir), str(article))
        self._random = random.Random(seed)
        self._queue: list[str] = []
        self.claim_id: str | None = None
        self.answered = 0
        self.score = {"attribution": 0, "mode": 0}
        self.explained = False
        self.rounds = 0
        self.status = widgets.HTML("")
        self.status.add_class("rr-practice-score")
        self.passage = widgets.HTML("")
        self.passage.add_class("rr-passage")
        self.attribution = widgets.RadioButtons(options=_options("attribution"), value=None)
        self.mode = widgets.RadioButtons(options=_options("mode"), value=None)
        self.attribution.add_class("rr-choices")
        self.mode.add_class("rr-choices")
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.next_button = widgets.Button(description="Next claim", disabled=True)
        self.feedback = widgets.HTML("")
        self.feedback.add_class("rr-choice-feedback")
        self.check_button.on_click(lambda _: self.submit())
        self.next_button.on_click(lambda _: self.next_claim())
        questions = widgets.HBox(
            [
                widgets.VBox([widgets.HTML("<b>Who is it credited to, and how?</b>"), self.attribution]),
                widgets.VBox([widgets.HTML("<b>How are the words given?</b>"), self.mode]),
            ]
        )
        super().__init__(
            [
                _style(),
                self.status,
                self.passage,
                questions,
                widgets.HBox([self.check_button, self.next_button]),
                self.feedback,
            ]
        )
        _guarded(self)
        self.add_class("rr-practice")
        self.next_claim()

    def _seen(self) -> set[str]:
        return _SEEN.setdefault(self._key, set())

    def next_claim(self) -> str | None:
        """Serve a claim not yet seen (a new round when all have been); return its id."""
        seen = self._seen()
        if not self._queue:
            unseen = [c for c in self.claims.index if c not in seen]
            if not unseen and len(self.claims):
                seen.clear()
                self.rounds += 1
                unseen = list(self.claims.index)
            self._random.shuffle(unseen)
            if len(unseen) > 1 and unseen[-1] == self.claim_id:  # a new round never opens with the last claim
                unseen[0], unseen[-1] = unseen[-1], unseen[0]
            self._queue = unseen
        if not self._queue:
            self.claim_id = None
            self.passage.value = "<p>There are no claims to practise on.</p>"
            return None
        self.claim_id = self._queue.pop()
        seen.add(self.claim_id)
        self.explained = False
        self.attribution.value = None
        self.mode.value = None
        self.check_button.disabled = False
        self.next_button.disabled = True
        self.feedback.value = ""
        self.passage.value = _sentence(self.claims.loc[self.claim_id], self.data_dir).markup
        self._show_score()
        return self.claim_id

    def _show_score(self) -> None:
        total = len(self.claims)
        seen = len(self._seen())
        text = (
            f"This session: {self.answered} answered; attribution right {self.score['attribution']}, "
            f"mode right {self.score['mode']}. Claims seen: {seen} of {total}."
        )
        if self.rounds:
            text += f" (All claims seen; round {self.rounds + 1}.)"
        self.status.value = f"<p>{escape(text)}</p>"

    def answer(self, attribution: str, mode: str):
        """Choose both answers as a keyboard would and check them; returns the feedback HTML text."""
        self.attribution.value = attribution
        self.mode.value = mode
        return self.submit()

    def submit(self) -> str:
        """Check the two choices; show right or wrong for each, the reading and the explanation."""
        if self.claim_id is None or self.explained:
            return self.feedback.value
        if self.attribution.value is None or self.mode.value is None:
            self.feedback.value = "<p>Choose an answer to both questions, then press Check.</p>"
            return self.feedback.value
        row = self.claims.loc[self.claim_id]
        right = {
            "attribution": self.attribution.value == row["attribution"],
            "mode": self.mode.value == row["mode"],
        }
        self.answered += 1
        for column, ok in right.items():
            self.score[column] += int(ok)
        self.explained = True
        self.check_button.disabled = True
        self.next_button.disabled = False
        self.feedback.value = _reading_html(row, right, self.data_dir)
        self._show_score()
        return self.feedback.value


def _reading_html(row: pd.Series, right: dict[str, bool], data_dir: str | Path | None = None) -> str:
    """Right or wrong for each question, then the collection's reading in words and the claim's note.

    The reading is put as the choices put it (:data:`~helpers.teaching.passages.LABELS`), and the
    records the note cites are named in words (:func:`~helpers.teaching.passages.readable`), not by code.

    >>> row = helpers.load_claims().set_index("claim_id").loc["wt-blinken-lavrov-12"]
    >>> shown = _reading_html(row, {"attribution": True, "mode": False})
    >>> "Kind of source: a statement, readout or government as a whole." in shown
    True
    >>> "official_statement" in shown, "direct_quote" in shown
    (False, False)
    """
    verdicts = [
        f"{'✔' if ok else '✘'} {escape(column.capitalize())}: {'right' if ok else 'not the collection’s reading'}"
        for column, ok in right.items()
    ]
    source = row["source"] if isinstance(row["source"], str) else "nobody: the article's own voice"
    verb = row["reporting_verb"] if isinstance(row["reporting_verb"], str) else "none"
    attribution = LABELS.get(row["attribution"], row["attribution"])
    mode = LABELS.get(row["mode"], row["mode"])
    reading = (
        f"The collection's reading. Credited to: {source}. Kind of source: {attribution}. "
        f"Given as {mode}; reporting verb: {verb}."
    )
    note = f"<p>{escape(readable(row['note'], data_dir))}</p>" if isinstance(row["note"], str) else ""
    return (
        f'<div role="status" class="rr-feedback"><p>{"<br>".join(verdicts)}</p>'
        f"<p>{escape(readable(reading, data_dir))}</p>{note}</div>"
    )


def practice(
    data_dir: str | Path | None = None, article: str | None = None, seed: int | None = None
) -> Practice:
    """A practice widget over every claim (or one article's): attribution and mode, one claim at a time.

    >>> practice(article="wt-blinken-lavrov").claim_id.startswith("wt-blinken-lavrov")
    True
    """
    return Practice(data_dir, article, seed)
