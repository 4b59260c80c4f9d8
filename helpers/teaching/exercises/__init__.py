"""Exercises checked in place: immediate feedback that never gives the answer away.

Each exercise's expected answer is *computed from the data* when it is checked,
never typed in, so an exercise stays right when an instructor adds an article or
corrects an annotation. Exercises are registered per lesson in the modules
``helpers.teaching.exercises.lesson0`` … ``lesson7``; judgement items (a passage
to judge, no code) are declared there with :func:`helpers.teaching.judgement.judge`.

In a notebook::

    answer = ...                 # the student replaces ... with an answer
    check("1.1", answer)         # ✔ or a hint; after three tries, where to turn

Rules of the feedback: a wrong answer's message names no expected value and never
which of the student's values are wrong (at most how many); a number is never
"too many" or "too few"; a slip of form (a name for an id, spaces for
underscores …, see :mod:`helpers.teaching.forms`) costs no try; the tries restart
after a right answer.

>>> reset_attempts()
>>> check("0.1", 99)  # doctest: +ELLIPSIS
✘ Not yet: that is not the number the data gives. ...
>>> bool(check("0.1", len(helpers.load_articles())))
True
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import helpers  # noqa: F401 (the doctests use it)

from .. import forms  # noqa: F401 (lessons and tests reach it through here)
from ..feedback import Feedback, _compare, _Form, _gives_away

__all__ = [
    "AFTER_TRIES",
    "Exercise",
    "Feedback",
    "check",
    "exercise",
    "exercises",
    "register",
    "reset_attempts",
    "reveal",
    "single",
]

SOLUTIONS_FOLDER = "notebooks/solutions"
# What the feedback says after three wrong tries: "solutions", "instructor", "none" or a
# message of one's own ({notebook} is replaced). $READOUTS_AFTER_TRIES wins over it.
AFTER_TRIES = "solutions"
KINDS = ("number", "choice", "set", "text")


@dataclass(frozen=True)
class Exercise:
    """One checkable question.

    ``kind`` says how answers compare: ``"number"``, ``"choice"`` (one value,
    case-insensitive), ``"set"`` (several values, order ignored) or ``"text"``.
    ``expected`` computes the answer from the data folder. ``hints`` are shown
    one by one after wrong tries; ``wrong`` maps a known wrong answer to advice.
    ``domain`` names the kind of value asked (see :data:`helpers.teaching.forms.DOMAINS`);
    ``judgement`` is the item's passage and explanation, for judgement items.
    """

    id: str
    question: str
    kind: str
    expected: Callable[[Path | None], Any]
    notebook: str
    hints: tuple[str, ...] = ()
    wrong: dict[str, str] = field(default_factory=dict)
    track: str = "data"
    needs_code: bool = True
    domain: str | None = None
    judgement: Any = None

    @property
    def lesson(self) -> int | None:
        """The lesson number: the part of the id before the dot (None for an id like "A.1")."""
        head = self.id.split(".")[0]
        return int(head) if head.isdigit() else None


_REGISTRY: dict[str, Exercise] = {}
_attempts: Counter[str] = Counter()
_revealed: set[str] = set()


def register(item: Exercise) -> Exercise:
    """Add ``item`` to the registry (replacing one with its id) and return it."""
    if item.kind not in KINDS:
        raise ValueError(f"exercise {item.id}: unknown kind {item.kind!r}: use {', '.join(KINDS)}")
    if item.track not in ("core", "data"):
        raise ValueError(f"exercise {item.id}: track must be 'core' or 'data', not {item.track!r}")
    _REGISTRY[item.id] = item
    return item


def exercise(
    id: str,
    question: str,
    kind: str,
    notebook: str,
    hints: Iterable[str] = (),
    wrong: dict[str, str] | None = None,
    *,
    track: str | None = None,
    needs_code: bool = True,
    domain: str | None = None,
) -> Callable:
    """Register the decorated function as the way to compute exercise ``id``'s answer.

    ``track`` defaults to ``"data"`` when the exercise needs code, else ``"core"``.

    >>> @exercise("9.9", "How many articles?", "number", "99_example.ipynb", needs_code=False)
    ... def _(data_dir):
    ...     return len(helpers.load_articles(data_dir))
    >>> row = exercises().loc["9.9"]
    >>> row["kind"], row["track"], bool(row["needs_code"])
    ('number', 'core', False)
    >>> _ = _REGISTRY.pop("9.9")
    """

    def decorate(function: Callable[[Path | None], Any]) -> Callable[[Path | None], Any]:
        register(
            Exercise(
                id,
                question,
                kind,
                function,
                notebook,
                tuple(hints),
                dict(wrong or {}),
                track or ("data" if needs_code else "core"),
                needs_code,
                domain,
            )
        )
        return function

    return decorate


def single(values) -> Any:
    """The one value a choice question expects; all of them if the data holds several.

    >>> import pandas as pd
    >>> single(pd.Series(["wt-blinken-lavrov"])), single(pd.Series(["a", "b"]))
    ('wt-blinken-lavrov', ['a', 'b'])
    """
    values = list(values)
    return values[0] if len(values) == 1 else values


def _load_lessons() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("lesson") or module.name == "assessment":
            importlib.import_module(f"{__name__}.{module.name}")


def exercises():
    """Every registered exercise, in lesson order, as a frame indexed by id.

    >>> row = exercises().loc["0.1"]
    >>> row["notebook"], int(row["lesson"]), row["answer"]
    ('00_start_here.ipynb', 0, 'number')
    """
    import pandas as pd

    _load_lessons()
    columns = ["id", "notebook", "lesson", "kind", "answer", "track", "needs_code", "judgement", "question"]
    rows = [
        (
            e.id,
            e.notebook,
            e.lesson,
            e.kind,
            e.kind,
            e.track,
            e.needs_code,
            getattr(e.judgement, "kind", None),
            e.question,
        )
        for e in _REGISTRY.values()
    ]
    frame = pd.DataFrame(rows, columns=columns).set_index("id")
    return frame.sort_index(key=lambda ids: ids.map(_order))


def _order(exercise_id: str) -> tuple:
    """Lessons in number order, then ids that are not numbered (an assessment's "A.1")."""
    parts = exercise_id.split(".")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def _after_tries(item: Exercise) -> str:
    setting = os.environ.get("READOUTS_AFTER_TRIES") or AFTER_TRIES
    if item.judgement is not None:
        return f' (To see the collection\'s reading and why, run reveal("{item.id}").)'
    if setting == "solutions":
        return f" (After an honest try, the worked solution is in {SOLUTIONS_FOLDER}/{item.notebook}.)"
    if setting == "instructor":
        return " (If you are still stuck, ask your instructor.)"
    if setting == "none":
        return ""
    return " " + setting.replace("{notebook}", item.notebook)


def _lookup(exercise_id: str) -> Exercise | Feedback:
    _load_lessons()
    if exercise_id not in _REGISTRY:
        known = ", ".join(exercises().index)
        return Feedback(
            False, f"There is no exercise {exercise_id!r}. The exercises are: {known}.", form=True
        )
    return _REGISTRY[exercise_id]


def check(exercise_id: str, answer: Any, data_dir: str | Path | None = None) -> Feedback:
    """Check ``answer`` to exercise ``exercise_id`` against the data; say what to try next.

    Wrong answers get a hint (one more per try); after three tries the feedback says
    where to turn (see :data:`AFTER_TRIES`). ``...`` means "not answered yet".

    >>> check("0.1", ...)
    ✘ Not answered yet: replace ... with your answer and run the cell again.
    """
    item = _lookup(exercise_id)
    if isinstance(item, Feedback):
        return item
    if answer is ...:
        return Feedback(
            False, "Not answered yet: replace ... with your answer and run the cell again.", form=True
        )
    try:
        expected = item.expected(data_dir)
    except LookupError as error:  # the data no longer holds what the exercise is made from
        return Feedback(
            False, f"Exercise {exercise_id} cannot be checked: {error}. Tell your instructor.", form=True
        )
    if item.kind in ("choice", "text") and isinstance(expected, (list, set, frozenset, tuple)):
        # single() found several values: the data no longer fits a one-value question.
        text = (
            f"Exercise {exercise_id} no longer fits the data (it has several answers). Tell your instructor."
        )
        return Feedback(False, text, form=True)
    correct, message = _compare(item, answer, expected, data_dir)
    if correct:
        _attempts.pop(exercise_id, None)
        explanation = item.judgement.explanation(data_dir) if item.judgement is not None else ""
        return Feedback(True, "Right." if item.judgement is not None else message, explanation=explanation)
    if isinstance(message, _Form):
        return Feedback(
            False,
            f"About the form (this try does not count): {message}",
            form=True,
            tries=_attempts[exercise_id],
        )
    _attempts[exercise_id] += 1
    tries = _attempts[exercise_id]
    hints = [h for h in item.hints if not _gives_away(h, expected, data_dir)]
    hint = hints[min(tries, len(hints)) - 1] if hints else ""
    text = f"Not yet: {message}" + (f" {hint}" if hint else "")
    if tries >= 3:
        text += _after_tries(item)
    return Feedback(False, text, tries=tries)


def reveal(exercise_id: str, data_dir: str | Path | None = None) -> Feedback:
    """Show a judgement item's reading in the collection and why (the student asks for it).

    Ordinary exercises are not revealed here: their worked solutions are elsewhere.
    """
    item = _lookup(exercise_id)
    if isinstance(item, Feedback):
        return item
    if item.judgement is None:
        return Feedback(
            False, f"Exercise {exercise_id} is not a judgement item: it has no reading to reveal.", form=True
        )
    _revealed.add(exercise_id)
    reading = item.judgement.reading_in_words(data_dir)
    return Feedback(
        False,
        f"The collection's reading: {reading}.",
        explanation=item.judgement.explanation(data_dir),
        revealed=True,
    )


def reset_attempts() -> None:
    """Forget the tries and reveals so far (the hints start again from the first)."""
    _attempts.clear()
    _revealed.clear()
