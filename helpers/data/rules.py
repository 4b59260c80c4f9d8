"""The rules of single cells, keys and references: each checked column by column, vectorised.

Every rule reports ``file:row:column: what — fix`` for each row that breaks it.
"""

from __future__ import annotations

import difflib
import re
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .problems import INVISIBLE as _INVISIBLE
from .problems import Problem
from .schema import ISO_639_1, LIST_SEPARATOR, TABLES, Column, Table
from .vector import arrow, explode, failing, only_digits, only_ids

__all__ = [
    "check_cells",
    "check_keys",
    "check_references",
    "is_address",
    "ID",
    "IDS",
    "INT",
    "MOST_DIGITS",
    "SHA256",
]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_IDS = re.compile(rf"\s*{_ID.pattern}\s*(?:{LIST_SEPARATOR}\s*{_ID.pattern}\s*)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DIGITS = re.compile(r"[0-9]+")
MOST_DIGITS = 9  # a whole number small enough for any integer column
_INT = re.compile(rf"0*[0-9]{{1,{MOST_DIGITS}}}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
ID, IDS, INT, SHA256 = _ID, _IDS, _INT, _SHA256


def check_cells(table: Table, frame: pd.DataFrame, *, may_hide: bool = True) -> list[Problem]:
    """Required cells, the form of each kind of cell, invisible characters.

    ``may_hide`` False says that no cell holds an invisible control (the reader found none
    in the file), which spares looking for them cell by cell.

    >>> cells = {"person_id": ["Lavrov"], "name": ["Sergei Lavrov"], "role": ["x"], "country": ["ru"], "note": [""]}
    >>> frame = pd.DataFrame({**cells, "_row": [2]})
    >>> [str(p) for p in check_cells(TABLES["people"], frame)][:1]
    ["people.csv:2:person_id: 'Lavrov' is not a valid id — use lower-case letters, digits and hyphens only, e.g. blinken-lavrov-2022-02-01"]
    """
    problems: list[Problem] = []
    file = table.file

    def report(mask: pd.Series, column: Column, message, fix) -> None:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return  # the usual case: no row is taken out of the frame at all
        rows = frame.loc[mask, [column.name, "_row"]]
        for value, number in zip(rows[column.name].astype(object), rows["_row"]):
            text = message(value) if callable(message) else message
            problems.append(
                Problem(file, int(number), column.name, text, fix(value) if callable(fix) else fix)
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
        if may_hide:
            report(
                filled & values.str.contains(_INVISIBLE),
                column,
                lambda v: (
                    f"contains an invisible control character (U+{ord(_INVISIBLE.search(v).group()):04X})"
                ),
                "delete the invisible character (retype the text around it, or copy it from the article)",
            )
        # Ids and whole numbers are first looked at in bulk: only a column that may hold a
        # wrong cell is searched cell by cell.
        if column.kind in ("id", "ref"):
            if not only_ids(values):
                report(
                    failing(values, _ID.pattern, _ID.fullmatch),
                    column,
                    lambda v: f"'{v}' is not a valid id",
                    "use lower-case letters, digits and hyphens only, e.g. blinken-lavrov-2022-02-01",
                )
        elif column.kind == "refs":
            if not only_ids(values, LIST_SEPARATOR):
                report(
                    failing(values, _IDS_CLEAR, _is_ids),
                    column,
                    lambda v: f"'{v}' is not a list of ids",
                    f"separate ids with '{LIST_SEPARATOR}', e.g. cnn-blinken-lavrov;wt-blinken-lavrov",
                )
        elif column.kind == "date":
            malformed = failing(values, "[0-9]{4}-[0-9]{2}-[0-9]{2}", _DATE.fullmatch)
            report(
                malformed,
                column,
                lambda v: f"'{v}' is not a date",
                "write the date as YYYY-MM-DD, e.g. 2022-02-01",
            )
            report(
                failing(values, _DAY_CLEAR, lambda v: _is_date(v) or not _DATE.fullmatch(v)),
                column,
                lambda v: f"'{v}' is not a day of the calendar ({_date_error(v)})",
                "check the month (01 to 12) and the day: dates are YYYY-MM-DD, e.g. 2022-02-01",
            )
        elif column.kind == "int":
            if not only_digits(values, longest=MOST_DIGITS):
                digits = ~failing(values, "[0-9]+", _DIGITS.fullmatch)
                report(
                    filled & ~digits,
                    column,
                    lambda v: f"'{v}' is not a whole number",
                    "write digits only, e.g. 2",
                )
                report(
                    digits
                    & failing(values, _INT.pattern, lambda v: _INT.fullmatch(v) or not _DIGITS.fullmatch(v)),
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
                failing(values, _ADDRESS_CLEAR, is_address),
                column,
                lambda v: f"'{v if len(v) <= 80 else v[:79] + '…'}' is not a well-formed web address",
                "copy the full address from the browser's address bar, beginning https:// or http:// "
                "(e.g. https://www.state.gov/…), with no spaces",
            )
        elif column.kind == "sha256":
            report(
                failing(values, _SHA256.pattern, _SHA256.fullmatch),
                column,
                lambda v: "is not a sha256 (64 hexadecimal digits)",
                "copy the sha256 that `python -m helpers new-article` prints",
            )
    return problems


def _is_ids(value: str) -> bool:
    return all(_ID.fullmatch(item.strip()) for item in value.split(LIST_SEPARATOR))


# Patterns in Arrow's dialect (RE2) that accept only cells the Python rule accepts too
# (see ``vector.failing``): what they do not clear, Python decides.
_IDS_CLEAR = rf"[ \t]*{_ID.pattern}[ \t]*(?:{LIST_SEPARATOR}[ \t]*{_ID.pattern}[ \t]*)*"
_DAY_CLEAR = r"[1-9][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
_ADDRESS_CLEAR = (
    r"https?://(?i:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::[0-9]{1,5})?)"
    r"(?:[/?#][!#-;=?-\[\]_a-z~]*)?"
)


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
    """Each filled key is used once: every repeat names the row it first appeared in.

    >>> frame = pd.DataFrame({"person_id": ["a", "a"], "_row": [2, 3]})
    >>> [str(p) for p in check_keys(TABLES["people"], frame)]
    ["people.csv:3:person_id: 'a' is used again (first in row 2) — give each row its own id, or delete the duplicate row"]
    """
    if not table.key or frame.empty:
        return []
    key = list(table.key)
    # Every key differs: the usual case, decided by one hash pass in Arrow. A key of two columns
    # is joined with a character no cell holds; were two keys to join alike, the exact check
    # below decides.
    cells = [arrow(frame[name]).cast(pa.string()) for name in key]
    joined = cells[0] if len(cells) == 1 else pc.binary_join_element_wise(*cells, "\x00")
    if pc.count_distinct(joined).as_py() == len(frame):
        return []
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
    """Every id in a ``ref``/``refs`` column exists in the table it points to (of ``only`` tables, if given).

    >>> from helpers.data.validation import read_data
    >>> check_references(read_data().tables)
    []
    """
    problems = []
    keys = {
        name: arrow(tables[name][TABLES[name].key[0]]).cast(pa.string())
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
            dangling = _dangling(frame[column.name], known, column.kind == "refs")
            if not dangling:
                continue
            # never suggest an id that is wrong itself (sorted only when something dangles)
            suggestions = sorted(k for k in set(known.to_pylist()) if _ID.fullmatch(k))
            rows = frame["_row"].to_numpy()
            for position, value in dangling:
                close = difflib.get_close_matches(value, suggestions, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(
                    Problem(
                        table.file,
                        int(rows[position]),
                        column.name,
                        f"'{value}' is not in {column.ref}.csv",
                        f"{hint}use an existing {TABLES[column.ref].key[0]}, or add a row for it to {column.ref}.csv",
                    )
                )
    return problems


def _dangling(values: pd.Series, known: pa.ChunkedArray, is_list: bool) -> list[tuple[int, str]]:
    """(position, id) of each well-formed id of ``values`` missing from ``known``, in cell order."""
    if is_list:
        where, cells = explode(values, LIST_SEPARATOR)  # items stripped, empty ones left out
    else:
        cells = arrow(values).cast(pa.string())
        where = np.arange(len(cells))
        filled = np.asarray(pc.fill_null(pc.not_equal(cells, ""), False), dtype=bool)
        where, cells = where[filled], cells.filter(pa.array(filled))
    missing = ~np.asarray(pc.fill_null(pc.is_in(cells, value_set=known), False), dtype=bool)
    found = zip(where[missing].tolist(), cells.filter(pa.array(missing)).to_pylist())
    return [(int(position), value) for position, value in found if _ID.fullmatch(value)]
