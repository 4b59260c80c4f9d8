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

import html
import importlib
import os
import pkgutil
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import helpers  # noqa: F401 (the doctests use it)

from .. import forms

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
        if module.name.startswith("lesson"):
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


class Feedback:
    """The result of a check: a coloured box in Jupyter, a line in text; true when correct.

    ``form`` is true for a slip of form (it cost no try); ``explanation`` is what the
    data says about a judgement item, given once it is answered right or revealed.
    """

    def __init__(
        self,
        correct: bool,
        message: str,
        *,
        form: bool = False,
        tries: int = 0,
        explanation: str = "",
        revealed: bool = False,
    ):
        self.correct = correct
        self.revealed = revealed
        self.message = message
        self.form = form
        self.tries = tries
        self.explanation = explanation

    def __bool__(self) -> bool:
        return self.correct

    @property
    def symbol(self) -> str:
        """✔ right, ✘ not yet, ℹ a reading the student asked to see."""
        return "✔" if self.correct else "ℹ" if self.revealed else "✘"

    def __repr__(self) -> str:
        text = f"{self.symbol} {self.message}"
        return text + (f"\n{self.explanation}" if self.explanation else "")

    def _repr_html_(self) -> str:
        # Colour is never the only signal: the symbol and the words carry it too.
        colour, border = (
            ("#e8f5e9", "#1b5e20")
            if self.correct
            else ("#eef3fb", "#1a4f8b")
            if self.revealed
            else ("#fff4e5", "#8a4b00")
        )
        symbol = self.symbol
        why = (
            f'<div class="rr-explanation" style="white-space:pre-wrap;margin-top:0.3em">'
            f"{html.escape(self.explanation)}</div>"
            if self.explanation
            else ""
        )
        return (
            f'<div role="status" class="rr-feedback" style="background:{colour};border-left:4px solid '
            f'{border};padding:0.4em 0.8em;margin:0.3em 0">{symbol} {html.escape(self.message)}{why}</div>'
        )


class _Form(str):
    """Feedback about the form of an answer, not its content: it costs no try."""


def _items(answer: Any) -> list | None:
    """An answer as a list of values: a list, tuple, set, Series or array; a string split on , or ;."""
    if isinstance(answer, str):
        return [part for part in re.split(r"[,;]", answer) if part.strip()]
    if hasattr(answer, "tolist"):
        answer = answer.tolist()
    if isinstance(answer, (list, tuple, set, frozenset)):
        return list(answer)
    return None


def _one(answer: Any) -> Any:
    """A one-element list, Series or array, as students get from filtering, taken as its element."""
    if hasattr(answer, "tolist") and not isinstance(answer, str):
        answer = answer.tolist()
    if isinstance(answer, (list, tuple, set, frozenset)) and len(answer) == 1:
        return next(iter(answer))
    return answer


def _domain(item: Exercise, expected: Any, data_dir) -> str | None:
    if item.domain is not None or item.kind == "number":
        return item.domain
    return forms.infer_domain(expected, data_dir)


def _compare(item: Exercise, answer: Any, expected: Any, data_dir) -> tuple[bool, str]:
    """(correct?, message): the message points the way without giving the answer."""
    if item.kind == "number":
        value = _one(answer)
        try:
            value = float(value.strip().replace(",", "")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            return False, _Form("the answer should be one number, like 12, without quotation marks.")
        if value == float(expected):
            return True, "Correct."
        return False, "that is not the number the data gives."
    domain = _domain(item, expected, data_dir)
    if item.kind in ("choice", "text"):
        answer = _one(answer)
        if isinstance(answer, (list, tuple, set, frozenset)) or hasattr(answer, "tolist"):
            return False, _Form(f"the question asks for one value, and you gave {len(_items(answer))}.")
        if not isinstance(answer, str):
            return False, _Form(f"the answer should be {forms.describe(domain)}.")
        if forms.normal(answer) == forms.normal(expected):
            return True, "Correct."
        slip = forms.slip(answer, domain, data_dir)
        if slip:
            return False, _Form(slip)
        advice = item.wrong.get(forms.normal(answer)) or item.wrong.get(answer.strip())
        if advice and not _gives_away(advice, expected, data_dir):
            return False, advice
        return False, "that is not the collection's reading." if item.judgement else "that is not the answer."
    given = _items(answer)
    if given is None:
        return False, _Form(f"the answer should be {forms.describe(domain, 'set')}.")
    slips = [s for s in (forms.slip(str(v), domain, data_dir) for v in given) if s]
    if slips:
        return False, _Form(
            f"{len(slips)} of your values {'is' if len(slips) == 1 else 'are'} not in the right form. {slips[0]}"
        )
    given_set = {forms.normal(v) for v in given}
    wanted = {forms.normal(v) for v in expected}
    if given_set == wanted:
        return True, "Correct."
    extra, missing = len(given_set - wanted), bool(wanted - given_set)
    parts = []
    if extra:
        parts.append(f"{extra} of your {len(given_set)} values {'does' if extra == 1 else 'do'} not belong")
    if missing:
        parts.append(
            "the list is not complete"
            if extra
            else "every value you gave belongs, but the list is not complete"
        )
    return False, " and ".join(parts) + "."


def _gives_away(text: str, expected: Any, data_dir=None) -> bool:
    """True when ``text`` contains the expected answer (or one of its values, or its name) as a word."""
    values = expected if isinstance(expected, (set, frozenset, list, tuple)) else [expected]
    folded = forms.normal(text)
    for value in values:
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float)):
            number = int(value) if float(value).is_integer() else value
            if re.search(rf"(?<![\d.]){re.escape(str(number))}(?![\d])", folded):
                return True
            continue
        token = forms.normal(value)
        names = forms.names_for(str(value), data_dir) if "-" in token or token.isalpha() else set()
        for form in {token, token.replace("_", " "), token.replace("-", " "), *names}:
            if form and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", folded):
                return True
    return False


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
    reading = item.judgement.reading(data_dir)
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
