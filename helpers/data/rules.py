"""The rules of single cells, keys and references: each checked column by column, vectorised.

Every rule reports ``file:row:column: what — fix`` for each row that breaks it.
"""

from __future__ import annotations

import difflib
import re
from datetime import date

import pandas as pd

from .problems import INVISIBLE as _INVISIBLE
from .problems import Problem
from .schema import ISO_639_1, LIST_SEPARATOR, TABLES, Column, Table

__all__ = ["check_cells", "check_keys", "check_references", "is_address", "ID", "IDS", "INT", "SHA256"]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_IDS = re.compile(rf"\s*{_ID.pattern}\s*(?:{LIST_SEPARATOR}\s*{_ID.pattern}\s*)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DIGITS = re.compile(r"[0-9]+")
_INT = re.compile(r"0*[0-9]{1,9}")  # a whole number small enough for any integer column
_SHA256 = re.compile(r"[0-9a-f]{64}")
ID, IDS, INT, SHA256 = _ID, _IDS, _INT, _SHA256


def _rows(frame: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    return frame.loc[mask.fillna(False).astype(bool)]


def check_cells(table: Table, frame: pd.DataFrame) -> list[Problem]:
    """Required cells, the form of each kind of cell, invisible characters."""
    problems: list[Problem] = []
    file = table.file

    def report(mask: pd.Series, column: Column, message, fix) -> None:
        for _, row in _rows(frame, mask).iterrows():
            value = row[column.name]
            text = message(value) if callable(message) else message
            problems.append(
                Problem(file, int(row["_row"]), column.name, text, fix(value) if callable(fix) else fix)
            )

    for column in table.columns:
        values = frame[column.name]
        empty = values == ""
        if column.required:
            report(empty, column, "is empty but required", column.fix or f"fill in the {column.name}")
        if column.required_when:
            other, when = column.required_when
            condition = frame[other].isin(when)
            described = "empty" if when == {""} else " or ".join(sorted(when))
            report(
                empty & condition,
                column,
                f"is empty, but is required when {other} is {described}",
                column.fix or f"fill in the {column.name}",
            )
        if column.required_unless:
            other, unless = column.required_unless
            report(
                empty & ~frame[other].isin(unless) & (frame[other] != ""),
                column,
                f"is empty, but is required unless {other} is {' or '.join(sorted(unless))}",
                column.fix or f"fill in the {column.name}",
            )

        filled = ~empty
        if frame.attrs.get("invisible", True):
            report(
                filled & values.str.contains(_INVISIBLE),
                column,
                lambda v: (
                    f"contains an invisible control character (U+{ord(_INVISIBLE.search(v).group()):04X})"
                ),
                "delete the invisible character (retype the text around it, or copy it from the article)",
            )
        if column.kind in ("id", "ref") and _any_bad(values, _ID):
            report(
                filled & ~values.str.fullmatch(_ID.pattern),
                column,
                lambda v: f"'{v}' is not a valid id",
                "use lower-case letters, digits and hyphens only, e.g. blinken-lavrov-2022-02-01",
            )
        elif column.kind == "refs" and _any_bad(values, _IDS):
            parts = values.str.split(LIST_SEPARATOR)
            bad = parts.map(lambda items: any(not _ID.fullmatch(i.strip()) for i in items))
            report(
                filled & bad,
                column,
                lambda v: f"'{v}' is not a list of ids",
                f"separate ids with '{LIST_SEPARATOR}', e.g. cnn-blinken-lavrov;wt-blinken-lavrov",
            )
        elif column.kind == "date":
            well_formed = values.str.fullmatch(_DATE.pattern)
            report(
                filled & ~well_formed,
                column,
                lambda v: f"'{v}' is not a date",
                "write the date as YYYY-MM-DD, e.g. 2022-02-01",
            )
            report(
                filled & well_formed & ~values.map(_is_date),
                column,
                lambda v: f"'{v}' is not a day of the calendar ({_date_error(v)})",
                "check the month (01 to 12) and the day: dates are YYYY-MM-DD, e.g. 2022-02-01",
            )
        elif column.kind == "int":
            digits = values.str.fullmatch(_DIGITS.pattern)
            report(
                filled & ~digits,
                column,
                lambda v: f"'{v}' is not a whole number",
                "write digits only, e.g. 2",
            )
            report(
                filled & digits & ~values.str.fullmatch(_INT.pattern),
                column,
                lambda v: f"'{v if len(v) <= 20 else v[:19] + '…'}' is too large a number",
                "check the number: it has at most 9 digits",
            )
        elif column.kind == "choice":
            report(
                filled & ~values.isin(column.choices),
                column,
                lambda v: f"'{v}' is not an allowed value",
                _choices_fix(column.choices),
            )
        elif column.kind == "language":
            report(
                filled & ~values.isin(ISO_639_1),
                column,
                lambda v: f"'{v}' is not an ISO 639-1 language code",
                lambda v: (
                    f"write it in lower case: {v.lower()}"
                    if v.lower() in ISO_639_1
                    else "use the two-letter code, e.g. ar (Arabic), en (English), vi (Vietnamese), fr (French)"
                ),
            )
        elif column.kind == "url":
            report(
                filled & ~values.map(is_address),
                column,
                lambda v: f"'{v if len(v) <= 80 else v[:79] + '…'}' is not a well-formed web address",
                "copy the full address from the browser's address bar, beginning https:// or http:// "
                "(e.g. https://www.state.gov/…), with no spaces",
            )
        elif column.kind == "sha256":
            report(
                filled & ~values.str.fullmatch(_SHA256.pattern),
                column,
                lambda v: "is not a sha256 (64 hexadecimal digits)",
                "copy the sha256 that `python -m helpers new-article` prints",
            )
    return problems


def _any_bad(values: pd.Series, pattern: re.Pattern) -> bool:
    """Whether any non-empty cell fails ``pattern``: one regex over the column, not one per cell."""
    filled = [v for v in values.tolist() if v]
    if not filled:
        return False
    joined = "\n".join(filled)
    if joined.count("\n") > len(filled) - 1:
        return True  # a cell holds a line break (Alt+Enter in a spreadsheet): it is no id
    # \s would run on across the line breaks that join the cells (and back, cell after cell):
    # inside one cell, spaces and tabs are what it may mean.
    one_line = pattern.pattern.replace(r"\s", r"[^\S\n]")
    return re.search(rf"^(?!(?:{one_line})$).+$", joined, re.M) is not None


_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::[0-9]{1,5})?", re.I)
_URL_CHARACTERS = re.compile(r"[^\s<>\"{}|\\^`]*")


def is_address(value: str) -> bool:
    """Whether ``value`` is a well-formed web address (https or http, a host with a dot, no spaces).

    An address is recorded as the page was found: some official archives are still served at
    ``http://`` addresses, and rewriting one to ``https://`` would be a guess.

    >>> is_address("https://www.state.gov/secretary-blinkens-call/"), is_address("www.state.gov")
    (True, False)
    """
    scheme, separator, rest = value.partition("://")
    if not separator or scheme not in ("https", "http"):
        return False
    host, _, _ = rest.partition("/")
    host = host.split("?")[0].split("#")[0]
    return bool(_HOST.fullmatch(host)) and bool(_URL_CHARACTERS.fullmatch(rest))


def _is_date(value: str) -> bool:
    return bool(_DATE.fullmatch(value)) and not _date_error(value)


def _date_error(value: str) -> str:
    """Why a ``YYYY-MM-DD`` value is no day of the calendar ("" if it is one)."""
    try:
        date(int(value[:4]), int(value[5:7]), int(value[8:10]))
    except ValueError as error:
        return str(error)
    return ""


def _choices_fix(choices: tuple[str, ...]) -> str:
    return "use one of: " + ", ".join(choices)


def check_keys(table: Table, frame: pd.DataFrame) -> list[Problem]:
    if not table.key or frame.empty:
        return []
    key = list(table.key)
    filled = (frame[key] != "").all(axis=1)
    duplicated = frame[filled & frame.duplicated(key, keep=False)]
    problems = []
    for _, group in duplicated.groupby(key, sort=True):
        first = int(group["_row"].iloc[0])
        for _, row in group.iloc[1:].iterrows():
            value = " / ".join(row[k] for k in key)
            problems.append(
                Problem(
                    table.file,
                    int(row["_row"]),
                    key[-1],
                    f"'{value}' is used again (first in row {first})",
                    "give each row its own id, or delete the duplicate row",
                )
            )
    return problems


def check_references(
    tables: dict[str, pd.DataFrame], unreadable: set[str] = frozenset(), only: tuple[str, ...] | None = None
) -> list[Problem]:
    """Every id in a ``ref``/``refs`` column exists in the table it points to (of ``only`` tables, if given)."""
    problems = []
    keys = {
        name: set(tables[name][TABLES[name].key[0]])
        for name in tables
        if len(TABLES[name].key) == 1 and name not in unreadable
    }
    for name, frame in tables.items():
        if only is not None and name not in only:
            continue
        table = TABLES[name]
        for column in table.columns:
            if column.kind not in ("ref", "refs") or column.ref not in keys:
                continue
            known = keys[column.ref]
            values = frame[column.name]
            if column.kind == "refs":
                values = values.str.split(LIST_SEPARATOR).explode().str.strip().astype(object)
            dangling = values[(values != "") & ~values.isin(known)]
            dangling = dangling[dangling.str.fullmatch(_ID.pattern)]
            if dangling.empty:
                continue
            # never suggest an id that is wrong itself (sorted only when something dangles)
            suggestions = sorted(k for k in known if _ID.fullmatch(k))
            rows = frame.loc[dangling.index, "_row"]
            for value, number in zip(dangling, rows):
                close = difflib.get_close_matches(value, suggestions, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(
                    Problem(
                        table.file,
                        int(number),
                        column.name,
                        f"'{value}' is not in {column.ref}.csv",
                        f"{hint}use an existing {TABLES[column.ref].key[0]}, or add a row for it to {column.ref}.csv",
                    )
                )
    return problems
