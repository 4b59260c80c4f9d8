"""Exercises checked in place: immediate feedback that never prints the answer.

Each exercise's expected answer is *computed from the data* when it is checked,
never typed in, so an exercise stays right when an instructor adds an article or
corrects an annotation. Exercises are registered per lesson in the modules
``helpers.teaching.exercises.lesson0`` … ``lesson6``.

In a notebook::

    answer = ...                 # the student replaces ... with an answer
    check("1.1", answer)         # ✔ or a hint; after three tries, where the solution is

>>> reset_attempts()
>>> check("0.1", 99)
✘ Not yet: that is too many. Count the rows of the articles frame.
>>> check("0.1", len(helpers.load_articles()))
✔ Correct.
"""

from __future__ import annotations

import html
import importlib
import pkgutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import helpers  # noqa: F401 (the doctests below use it)

__all__ = ["Exercise", "Feedback", "check", "exercise", "exercises", "reset_attempts", "single"]

SOLUTIONS_FOLDER = "notebooks/solutions"


@dataclass(frozen=True)
class Exercise:
    """One checkable question.

    ``kind`` says how answers compare: ``"number"`` (exact for whole numbers),
    ``"choice"`` (one id or value, case-insensitive) or ``"set"`` (several ids,
    order ignored). ``expected`` computes the answer from the data folder.
    ``hints`` are shown one by one after wrong tries; ``wrong`` maps a known
    wrong answer (a choice) to advice about that mistake.
    """

    id: str
    question: str
    kind: str
    expected: Callable[[Path | None], Any]
    notebook: str
    hints: tuple[str, ...] = ()
    wrong: dict[str, str] = field(default_factory=dict)


_REGISTRY: dict[str, Exercise] = {}
_attempts: Counter[str] = Counter()


def exercise(
    id: str,
    question: str,
    kind: str,
    notebook: str,
    hints: Iterable[str] = (),
    wrong: dict[str, str] | None = None,
) -> Callable:
    """Register the decorated function as the way to compute exercise ``id``'s answer.

    >>> @exercise("9.9", "How many articles?", "number", "99_example.ipynb")
    ... def _(data_dir):
    ...     return len(helpers.load_articles(data_dir))
    >>> exercises().loc["9.9", "kind"]
    'number'
    >>> _ = _REGISTRY.pop("9.9")
    """
    if kind not in ("number", "choice", "set"):
        raise ValueError(f"unknown kind {kind!r}: use number, choice or set")

    def register(function: Callable[[Path | None], Any]) -> Callable[[Path | None], Any]:
        _REGISTRY[id] = Exercise(id, question, kind, function, notebook, tuple(hints), dict(wrong or {}))
        return function

    return register


def single(values) -> Any:
    """The one value a choice question expects; all of them if the data holds several.

    Several values mean the data no longer fits the question (an instructor added a
    second stated date, say): no single answer then matches, and the question needs rewording.

    >>> import pandas as pd
    >>> single(pd.Series(["wt-blinken-lavrov"])), single(pd.Series(["a", "b"]))
    ('wt-blinken-lavrov', ['a', 'b'])
    """
    values = list(values)
    return values[0] if len(values) == 1 else values


def _load_lessons() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("lesson"):
            importlib.import_module(f"{__name__}.{module.name}")


def exercises():
    """Every registered exercise: id, notebook, kind and question, as a frame.

    >>> exercises().loc["0.1", "notebook"]
    '00_start_here.ipynb'
    """
    import pandas as pd

    _load_lessons()
    rows = [(e.id, e.notebook, e.kind, e.question) for e in _REGISTRY.values()]
    frame = pd.DataFrame(rows, columns=["id", "notebook", "kind", "question"]).set_index("id")
    return frame.sort_index(key=lambda ids: ids.map(lambda i: tuple(int(p) for p in i.split("."))))


class Feedback:
    """The result of a check: shown as a coloured box in Jupyter, as a line in text."""

    def __init__(self, correct: bool, message: str):
        self.correct = correct
        self.message = message

    def __repr__(self) -> str:
        return ("✔ " if self.correct else "✘ ") + self.message

    def _repr_html_(self) -> str:
        # Colour is never the only signal: the symbol and the words carry it too.
        colour, border = ("#e8f5e9", "#1b5e20") if self.correct else ("#fff4e5", "#8a4b00")
        symbol = "✔" if self.correct else "✘"
        return (
            f'<div role="status" class="rr-feedback" style="background:{colour};border-left:4px solid '
            f'{border};padding:0.4em 0.8em;margin:0.3em 0">{symbol} {html.escape(self.message)}</div>'
        )


class _Format(str):
    """Feedback about the form of an answer, not its content: it costs no try."""


def _one(answer: Any) -> Any:
    """A one-element list, Series or array, as students get from filtering, taken as its element."""
    if hasattr(answer, "tolist"):
        answer = answer.tolist()
    if isinstance(answer, (list, tuple, set)) and len(answer) == 1:
        return next(iter(answer))
    return answer


def _normal(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip().casefold()
    return value


def _as_set(answer: Any) -> set | None:
    if isinstance(answer, str):
        return {_normal(part) for part in answer.replace(";", ",").split(",") if part.strip()}
    if hasattr(answer, "tolist"):
        answer = answer.tolist()
    if isinstance(answer, Iterable):
        return {_normal(str(item)) for item in answer}
    return None


def _compare(item: Exercise, answer: Any, expected: Any) -> tuple[bool, str]:
    """(correct?, feedback) — the feedback points the way without giving the answer."""
    if item.kind == "number":
        try:
            value = float(_one(answer))
        except (TypeError, ValueError):
            return False, _Format("the answer should be a number.")
        if value == float(expected):
            return True, "Correct."
        return False, "that is too many." if value > float(expected) else "that is too few."
    if item.kind == "choice":
        answer = _one(answer)
        if not isinstance(answer, str):
            return False, _Format(
                'the answer should be one value in quotation marks, e.g. "cnn-blinken-lavrov".'
            )
        if _normal(answer) == _normal(str(expected)):
            return True, "Correct."
        advice = item.wrong.get(_normal(answer)) or item.wrong.get(answer.strip())
        return False, advice or f"not {answer.strip()!r}."
    given = _as_set(answer)
    if given is None:
        return False, _Format('the answer should be a list of values, e.g. ["a", "b"].')
    wanted = {_normal(str(v)) for v in expected}
    if given == wanted:
        return True, "Correct."
    extra = sorted(given - wanted)
    missing = len(wanted - given)
    parts = []
    if extra:
        parts.append(f"{', '.join(repr(e) for e in extra)} should not be there")
    if missing:
        parts.append(f"{missing} {'is' if missing == 1 else 'are'} missing")
    return False, " and ".join(parts) + "."


def check(exercise_id: str, answer: Any, data_dir: str | Path | None = None) -> Feedback:
    """Check ``answer`` to exercise ``exercise_id`` against the data; say what to try next.

    Wrong answers get a hint (one more per try); after three tries the feedback
    says where the worked solution is. ``...`` means "not answered yet".

    >>> check("0.1", ...)
    ✘ Not answered yet: replace ... with your answer and run the cell again.
    """
    _load_lessons()
    if exercise_id not in _REGISTRY:
        known = ", ".join(exercises().index)
        return Feedback(False, f"There is no exercise {exercise_id!r}. The exercises are: {known}.")
    item = _REGISTRY[exercise_id]
    if answer is ...:
        return Feedback(False, "Not answered yet: replace ... with your answer and run the cell again.")
    correct, message = _compare(item, answer, item.expected(data_dir))
    if correct:
        return Feedback(True, message)
    if isinstance(message, _Format):
        return Feedback(False, f"Not yet: {message}")
    _attempts[exercise_id] += 1
    tries = _attempts[exercise_id]
    hint = item.hints[min(tries, len(item.hints)) - 1] if item.hints else ""
    text = f"Not yet: {message}" + (f" {hint}" if hint else "")
    if tries >= 3:
        text += f" (After an honest try, the worked solution is in {SOLUTIONS_FOLDER}/{item.notebook}.)"
    return Feedback(False, text)


def reset_attempts() -> None:
    """Forget the tries so far (the hints start again from the first)."""
    _attempts.clear()
