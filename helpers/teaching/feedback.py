"""How an answer compares with the expected one, and the feedback box that says so.

The rules: a wrong answer's message names no expected value and never which of the
student's values are wrong (at most how many); a number is never "too many" or "too
few"; a slip of form (see :mod:`helpers.teaching.forms`) is a :class:`_Form` message,
which costs no try. Hints and advice that would name the answer are never shown
(:func:`_gives_away`).

>>> Feedback(True, "Correct.")
✔ Correct.
"""

from __future__ import annotations

import re
from typing import Any

from ..display.html import escape
from . import forms

__all__ = ["Feedback"]


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
            f"{escape(self.explanation)}</div>"
            if self.explanation
            else ""
        )
        return (
            f'<div role="status" class="rr-feedback" style="background:{colour};border-left:4px solid '
            f'{border};padding:0.4em 0.8em;margin:0.3em 0">{symbol} {escape(self.message)}{why}</div>'
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


def _domain(item: Any, expected: Any, data_dir) -> str | None:
    if item.domain is not None or item.kind == "number":
        return item.domain
    return forms.infer_domain(expected, data_dir)


def _compare(item: Any, answer: Any, expected: Any, data_dir) -> tuple[bool, str]:
    """(correct?, message): the message points the way without giving the answer."""
    if item.kind == "number":
        value = _one(answer)
        try:
            value = float(value.strip().replace(",", "")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            return False, _Form(
                "the answer should be one number, written in digits, without quotation marks."
            )
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
