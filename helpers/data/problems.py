"""One problem in the data, and the error that carries them all.

Every problem names the file, the row (as a spreadsheet numbers it: the header is
row 1), the column, what is wrong and how to fix it, in the form
``file:row:column: what is wrong — how to fix it``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import INVISIBLE_CONTROLS

__all__ = ["Problem", "DataError", "INVISIBLE", "quoted"]

INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE_CONTROLS)) + "]")
_INVISIBLE = INVISIBLE


def quoted(text: str, limit: int = 60) -> str:
    """``text`` between ⟦ and ⟧, cut to about ``limit`` characters: marks no excerpt contains,
    so « » or quotation marks inside the excerpt cannot be mistaken for the message's own.

    >>> quoted("«بلينكين» said")
    '⟦«بلينكين» said⟧'
    """
    short = text if len(text) <= limit else text[: limit - 3] + "…"
    return f"⟦{short}⟧"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located and with its fix.

    >>> print(Problem("claims.csv", 7, "excerpt", "not found in the article", "copy it again"))
    claims.csv:7:excerpt: not found in the article — copy it again
    """

    file: str
    row: int | None
    column: str | None
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.row if self.row is not None else '-'}:{self.column or '-'}"
        label = "warning: " if self.severity == "warning" else ""
        return _visible(f"{where}: {label}{self.message} — {self.fix}")


def _visible(text: str) -> str:
    """Show each invisible control as ``<U+XXXX>`` (a quoted bidi override would garble the
    message) and a line break in a quoted cell as ``↵`` (a problem is one line)."""
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text).replace("\n", "↵")


class DataError(ValueError):
    """The data folder has errors; ``problems`` lists every one of them.

    >>> str(DataError([Problem("a.csv", 2, "x", "empty", "fill it")]))
    'the data has 1 problem:\\n  a.csv:2:x: empty — fill it'
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"the data has {count} problem{'s' if count != 1 else ''}:\n{lines}")
