"""Read the data folder and check every rule of its schema; never write a byte.

Every problem names the file, the row (as a spreadsheet numbers it: the header is
row 1), the column, what is wrong and how to fix it, in the form
``file:row:column: what is wrong — how to fix it``. All problems are collected
before anything is reported, so an instructor fixes a file in one pass.

>>> problems = validate()          # the bundled data
>>> [p for p in problems if p.severity == "error"]
[]
"""

from __future__ import annotations

import codecs
import csv
import difflib
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .paths import BUNDLED_DATA_DIR, data_dir_or_default
from .schema import ISO_639_1, LIST_SEPARATOR, MAX_QUOTED_WORDS, RTL_LANGUAGES, TABLES, Column, Table
from .text import INVISIBLE_CONTROLS, Span, count_words, find_all, nfc, search_key

__all__ = [
    "Problem",
    "DataError",
    "RawData",
    "validate",
    "read_data",
    "BUNDLED_DATA_DIR",
    "data_dir_or_default",
]

ARTICLES_FOLDER = "articles"
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MAX_TABLE_BYTES = 200 * 1024 * 1024

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_IDS = re.compile(rf"\s*{_ID.pattern}\s*(?:{LIST_SEPARATOR}\s*{_ID.pattern}\s*)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DIGITS = re.compile(r"[0-9]+")
_INT = re.compile(r"0*[0-9]{1,9}")  # a whole number small enough for any integer column
_SHA256 = re.compile(r"[0-9a-f]{64}")
_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE_CONTROLS)) + "]")
_VISIBLE = re.compile(r"\S")
_RESAVE = (
    "open it and save it again as UTF-8 (Excel: File › Save As › 'CSV UTF-8'; "
    "LibreOffice: Save As › 'Edit filter settings' › Character set 'Unicode (UTF-8)')"
)


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


@dataclass
class RawData:
    """The folder as read: tables of strings, article texts and located excerpts.

    Every table frame has the schema's columns as NFC strings ("" when empty) and
    ``_row``, the spreadsheet row. Tables that quote an article get ``_start`` and
    ``_end``: where the excerpt stands in the article's ``texts`` entry.
    """

    data_dir: Path
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Tables nothing could be read from (their frames are empty): rules that look
    # into them are not checked, so one unreadable file is one problem, not hundreds.
    unreadable: set[str] = field(default_factory=set)
    _chrome: dict[str, list[Span]] | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def boilerplate_spans(self, article_id: str) -> list[Span]:
        """The located boilerplate of one article, in text order."""
        if self._chrome is None:
            self._chrome = {}
            table = self.tables.get("boilerplate")
            if table is not None and "_start" in table:
                located = table[table["_start"].notna()]
                for article, start, end in zip(located["article_id"], located["_start"], located["_end"]):
                    self._chrome.setdefault(article, []).append(Span(int(start), int(end)))
                for spans in self._chrome.values():
                    spans.sort()
        return self._chrome.get(article_id, [])


# --------------------------------------------------------------------------- files


def _guess_legacy_encoding(raw: bytes) -> str:
    """Name the legacy encoding a non-UTF-8 file most likely uses, for the message.

    Arabic in Windows-1256 is words of high bytes in a row; an accented Latin
    letter (Latin-1's "á" is Windows-1256's "ل") mostly stands alone among ASCII
    letters. Vietnamese in Windows-1258 writes its tones as combining marks.
    """
    sample = raw[: 1 << 16]
    at = [i for i, b in enumerate(sample) if b >= 0x80]
    if at:
        high, positions = bytes(sample[i] for i in at), set(at)
        in_runs = sum(1 for i in at if i - 1 in positions or i + 1 in positions)
        arabic = len(re.findall("[\u0621-\u064a]", high.decode("cp1256", errors="ignore")))
        if arabic >= 0.6 * len(at) and in_runs >= 0.8 * len(at):
            return "Windows-1256 (Arabic)"
        vietnamese = high.decode("cp1258", errors="ignore")
        tones = len(re.findall("[\u0300\u0301\u0303\u0309\u0323]", vietnamese))
        letters = len(re.findall("[ăâđêôơưĂÂĐÊÔƠƯ]", vietnamese))
        if tones + letters >= 0.6 * len(at) and tones >= 0.2 * len(at):
            return "Windows-1258 (Vietnamese)"
    return "Windows-1252 or Latin-1 (Western European)"


_OFFICE_FILES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx, .docx, .ods are zip files; .xls, .doc are OLE2


def _utf16_or_32(raw: bytes) -> bool:
    """Whether ``raw`` is text in UTF-16 or UTF-32 (with or without a byte-order mark)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return True
    sample = raw[: 1 << 16]
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        try:
            text = codecs.getincrementaldecoder(codec)().decode(sample)
        except UnicodeDecodeError:
            continue
        # Binary data read as UTF-16 turns into control characters and unassigned code points.
        if text and not any(
            unicodedata.category(ch) in ("Cc", "Cn", "Co") and ch not in "\t\n\r" for ch in text
        ):
            return True
    return False


def decode_text(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode a file's bytes as UTF-8, or explain precisely why it cannot be.

    A UTF-8 byte-order mark is accepted and dropped; Windows line endings become
    ``\\n``. Nothing is guessed: a file in another encoding is an error whose
    message names the likely encoding and how to re-save the file.

    >>> decode_text("ok\\r\\n".encode("utf-8-sig"), "x.csv")
    ('ok\\n', [])
    >>> decode_text("بلينكين".encode("cp1256"), "x.csv")[1][0].message[:32]
    'is not UTF-8: byte 0xc8 at line '
    """
    resave = (
        "open it in its program and save it as UTF-8 text (a table: 'CSV UTF-8 (comma delimited)'; "
        "an article: plain text, UTF-8); nothing was read from this file"
    )
    if raw.startswith(_OFFICE_FILES):
        return None, [
            Problem(
                file,
                None,
                None,
                "is a spreadsheet or word-processor file (Excel, Word, LibreOffice), not plain text",
                resave,
            )
        ]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in raw:
        # UTF-8 text never holds a zero byte; UTF-16 text and binary files do.
        if _utf16_or_32(raw):
            return None, [Problem(file, None, None, "is saved as UTF-16 or UTF-32, not UTF-8", _RESAVE)]
        line = raw[: raw.index(0)].count(b"\n") + 1
        return None, [
            Problem(
                file,
                None,
                None,
                f"is not a text file: it holds binary data (a zero byte at line {line})",
                resave,
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        guess = _guess_legacy_encoding(raw)
        return None, [
            Problem(
                file,
                None,
                None,
                f"is not UTF-8: byte 0x{raw[error.start]:02x} at line {line} cannot be read; "
                f"it looks like {guess}",
                f"{_RESAVE}; nothing was read from this file",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _read_table(data_dir: Path, table: Table) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one CSV into strings, with the spreadsheet row of each record.

    The csv module reads the records because it reports where a record is
    malformed; pandas takes over as soon as the records are whole. The frame is
    ``None`` when nothing could be read from the file.
    """
    path, file = data_dir / table.file, table.file
    if path.is_dir():
        return None, [
            Problem(
                file,
                None,
                None,
                "is a folder, not a file",
                f"move the folder away and put the table {file} in its place",
            )
        ]
    if not path.is_file():
        header = ",".join(table.column_names)
        return None, [Problem(file, None, None, "is missing", f"create it with this header row: {header}")]
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        return None, [
            Problem(
                file,
                None,
                None,
                f"is {size / 2**20:.0f} MB, more than a table can be",
                "check that this is the right file",
            )
        ]
    text, problems = decode_text(path.read_bytes(), file)
    if text is None:
        return None, problems
    # NFC for the whole file at once: the same as cell by cell, as no delimiter composes with a letter.
    reader = csv.reader(io.StringIO(nfc(text), newline=""), strict=True)
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error as error:
        # The row is the record that the error interrupts, as a spreadsheet counts it.
        return None, [
            Problem(
                file,
                len(records) + 1,
                None,
                f"is not valid CSV ({error})",
                "a cell that contains a quotation mark must be in double quotes, "
                'with its own quotation marks doubled ("")',
            )
        ]
    if not records or not any(cell.strip() for cell in records[0]):
        header = ",".join(table.column_names)
        return None, [Problem(file, 1, None, "has no header row", f"put this header in row 1: {header}")]

    header = [nfc(h).strip() for h in records[0]]
    if len(header) == 1 and len(table.columns) > 1:
        for separator, name in ((";", "semicolons"), ("\t", "tabs")):
            if separator in header[0]:
                return None, [
                    Problem(
                        file,
                        1,
                        None,
                        f"is separated by {name}, not commas",
                        "save it as 'CSV UTF-8 (comma delimited)'; in LibreOffice choose "
                        "the comma as field delimiter",
                    )
                ]
    for name in sorted({h for h in header if header.count(h) > 1 and h}):
        problems.append(
            Problem(file, 1, name, "this column heading appears twice", "delete one of the columns")
        )
    for name in table.column_names:
        if name not in header:
            problems.append(Problem(file, 1, name, "column is missing", f"add a column headed '{name}'"))
    for name in header:
        if name and name not in table.column_names:
            close = difflib.get_close_matches(name, table.column_names, n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else f"expected columns: {', '.join(table.column_names)}"
            )
            problems.append(
                Problem(file, 1, name, "column is not part of this table and is ignored", hint, "warning")
            )

    width = len(header)
    rows: list[int] = []
    kept: list[list[str]] = []
    for number, record in enumerate(records[1:], start=2):
        if not "".join(record).strip():
            continue  # spreadsheets leave empty rows at the end; they carry nothing
        if len(record) > width and "".join(record[width:]).strip():
            problems.append(
                Problem(
                    file,
                    number,
                    None,
                    f"has {len(record)} cells but the header has {width}",
                    "a cell containing a comma must be in double quotes",
                )
            )
            continue
        rows.append(number)
        kept.append(record[:width])

    def cells(position: int | None) -> list[str]:
        if position is None:
            return [""] * len(kept)
        return [record[position].strip() if position < len(record) else "" for record in kept]

    frame = pd.DataFrame(
        {name: cells(header.index(name) if name in header else None) for name in table.column_names},
        dtype=object,
    )
    # Whether any cell could hold an invisible control: one search of the file, not one per cell.
    frame.attrs["invisible"] = bool(_INVISIBLE.search(text))
    frame["_row"] = rows
    return frame, problems


# --------------------------------------------------------------------------- rows


def _rows(frame: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    return frame.loc[mask.fillna(False).astype(bool)]


def _check_cells(table: Table, frame: pd.DataFrame) -> list[Problem]:
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
                lambda v: f"'{v if len(v) <= 80 else v[:79] + '…'}' is not a well-formed https address",
                "copy the full address from the browser's address bar, beginning https:// "
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
    joined = "\n".join(values.tolist())
    if joined.count("\n") > len(values) - 1:
        return True  # a cell holds a line break (Alt+Enter in a spreadsheet): it is no id
    return re.search(rf"^(?!(?:{pattern.pattern})$).+$", joined, re.M) is not None


_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::[0-9]{1,5})?", re.I)
_URL_CHARACTERS = re.compile(r"[^\s<>\"{}|\\^`]*")


def is_address(value: str) -> bool:
    """Whether ``value`` is a well-formed https address (a host with a dot, no spaces).

    >>> is_address("https://www.state.gov/secretary-blinkens-call/"), is_address("www.state.gov")
    (True, False)
    """
    if not value.startswith("https://"):
        return False
    rest = value[len("https://") :]
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


def _check_keys(table: Table, frame: pd.DataFrame) -> list[Problem]:
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


def _check_references(tables: dict[str, pd.DataFrame], unreadable: set[str] = frozenset()) -> list[Problem]:
    problems = []
    keys = {
        name: set(tables[name][TABLES[name].key[0]])
        for name in tables
        if len(TABLES[name].key) == 1 and name not in unreadable
    }
    for name, frame in tables.items():
        table = TABLES[name]
        for column in table.columns:
            if column.kind not in ("ref", "refs") or column.ref not in keys:
                continue
            known = keys[column.ref]
            suggestions = sorted(
                k for k in known if _ID.fullmatch(k)
            )  # never suggest an id that is wrong itself
            values = frame[column.name]
            if column.kind == "refs":
                values = values.str.split(LIST_SEPARATOR).explode().str.strip()
            dangling = values[(values != "") & ~values.isin(known)]
            dangling = dangling[dangling.str.fullmatch(_ID.pattern)]
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


# --------------------------------------------------------------------------- articles


def _read_articles(data_dir: Path, articles: pd.DataFrame) -> tuple[dict[str, str], list[Problem]]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    folder = (data_dir / ARTICLES_FOLDER).resolve()
    for _, row in articles.iterrows():
        number, article_id, relative = int(row["_row"]), row["article_id"], row["file"]
        if not relative or not article_id:
            continue
        candidate = Path(relative)
        if candidate.is_absolute() or ".." in candidate.parts or candidate.parts[:1] != (ARTICLES_FOLDER,):
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "file",
                    f"'{relative}' is not a path inside {ARTICLES_FOLDER}/",
                    f"put the text in data/{ARTICLES_FOLDER}/ and write e.g. "
                    f"{ARTICLES_FOLDER}/{article_id}.txt",
                )
            )
            continue
        path = (data_dir / candidate).resolve()
        if not path.is_relative_to(folder):
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "file",
                    f"'{relative}' leads outside {ARTICLES_FOLDER}/ (through a link)",
                    f"copy the text itself into data/{ARTICLES_FOLDER}/",
                )
            )
            continue
        if path.is_dir():
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "file",
                    f"'{relative}' is a folder, not a file",
                    "write the path of the article's text file",
                )
            )
            continue
        if not path.is_file():
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "file",
                    f"'{relative}' does not exist",
                    f"put the article's text at {relative} in the data folder, or correct the path",
                )
            )
            continue
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            problems.append(
                Problem(
                    relative,
                    None,
                    None,
                    f"is {size / 2**20:.1f} MB; an article is expected to be under "
                    f"{MAX_ARTICLE_BYTES // 2**20} MB",
                    "check that this is the article's text",
                )
            )
            continue
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if row["sha256"] and _SHA256.fullmatch(row["sha256"]) and digest != row["sha256"]:
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "sha256",
                    f"does not match {relative} (its sha256 is {digest})",
                    "restore the article as received; if you replaced it on purpose, "
                    "put the new sha256 in this cell",
                )
            )
        text, decode_problems = decode_text(raw, relative)
        problems += decode_problems
        if text is None:
            continue
        if not text.strip():
            problems.append(Problem(relative, None, None, "is empty", "put the article's text in the file"))
            continue
        texts[article_id] = nfc(text)
        language, direction = row["language"], row["direction"]
        expected = "rtl" if language in RTL_LANGUAGES else "ltr"
        if language in ISO_639_1 and direction in ("ltr", "rtl") and direction != expected:
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "direction",
                    f"'{direction}' is unusual for language '{language}'",
                    f"write {expected} unless you are sure",
                    "warning",
                )
            )
    return texts, problems


# --------------------------------------------------------------------------- excerpts


def _locate_excerpts(table: Table, frame: pd.DataFrame, texts: dict[str, str]) -> list[Problem]:
    """Find every excerpt in its article; record where, or say why it cannot be found."""
    article_column, excerpt_column = table.excerpt
    problems: list[Problem] = []
    starts, ends = [], []
    for number, article_id, excerpt, occurrence in zip(
        frame["_row"].tolist(),
        frame[article_column].tolist(),
        frame[excerpt_column].tolist(),
        frame["occurrence"].tolist(),
    ):
        number = int(number)
        text = texts.get(article_id)
        start = None
        if text is not None and excerpt:
            found = find_all(text, excerpt)
            wanted = int(occurrence) if _INT.fullmatch(occurrence or "") else None
            if not found:
                problems.append(
                    Problem(
                        table.file,
                        number,
                        excerpt_column,
                        _not_found(excerpt, text, article_id),
                        "copy the words again from the article file, exactly as they stand",
                    )
                )
            elif wanted is None and len(found) > 1:
                problems.append(
                    Problem(
                        table.file,
                        number,
                        "occurrence",
                        f"the {excerpt_column} occurs {len(found)} times in {article_id}",
                        f"say which one in the occurrence column (1 to {len(found)}), "
                        "or lengthen the excerpt until it is unique",
                    )
                )
            elif wanted is not None and not 1 <= wanted <= len(found):
                problems.append(
                    Problem(
                        table.file,
                        number,
                        "occurrence",
                        f"asks for occurrence {wanted}, but the {excerpt_column} occurs "
                        f"{len(found)} time{'s' if len(found) != 1 else ''}",
                        f"use a number from 1 to {len(found)}",
                    )
                )
            else:
                start = found[(wanted or 1) - 1]
        starts.append(start)
        ends.append(None if start is None else start + len(excerpt))
    frame["_start"] = pd.array(starts, dtype="Int64")
    frame["_end"] = pd.array(ends, dtype="Int64")
    return problems


def _not_found(excerpt: str, text: str, article_id: str) -> str:
    short = excerpt if len(excerpt) <= 60 else excerpt[:57] + "…"
    if search_key(excerpt) in search_key(text):
        return (
            f"«{short}» is not in {article_id} as written, though it matches once case, "
            "quotation marks and diacritics are ignored: check those"
        )
    return f"«{short}» is not in {article_id}"


def _lookup(frame: pd.DataFrame, key: str, value: str) -> dict[str, str]:
    """``key -> value`` for the first row of each key (duplicates are reported elsewhere)."""
    first = frame.drop_duplicates(key)
    return dict(zip(first[key], first[value]))


def _check_claims(raw: RawData) -> list[Problem]:
    claims = raw.tables["claims"]
    language_of = _lookup(raw.tables["articles"], "article_id", "language")
    call_of_proposition = _lookup(raw.tables["propositions"], "proposition_id", "call_id")
    call_of_readout = _lookup(raw.tables["readouts"], "readout_id", "call_id")
    problems = []
    columns = [
        "_row",
        "article_id",
        "gloss",
        "reporting_verb",
        "_start",
        "_end",
        "readout_id",
        "proposition_id",
    ]
    for values in zip(*(claims[c].tolist() for c in columns)):
        row = dict(zip(columns, values))
        number, article_id = int(row["_row"]), row["article_id"]
        language = language_of.get(article_id, "")
        if language in ISO_639_1 and language != "en" and not row["gloss"]:  # a wrong code is reported once
            problems.append(
                Problem(
                    "claims.csv",
                    number,
                    "gloss",
                    f"is empty, but {article_id} is not in English",
                    "write a faithful English rendering of the excerpt",
                )
            )
        text = raw.texts.get(article_id)
        if text is not None and row["reporting_verb"] and row["reporting_verb"] not in text:
            problems.append(
                Problem(
                    "claims.csv",
                    number,
                    "reporting_verb",
                    f"«{row['reporting_verb']}» is not in {article_id}",
                    "copy the verb exactly as the article writes it, or leave it empty",
                )
            )
        if pd.notna(row["_start"]):
            for chrome in raw.boilerplate_spans(article_id):
                if chrome.start < row["_end"] and row["_start"] < chrome.end:
                    problems.append(
                        Problem(
                            "claims.csv",
                            number,
                            "excerpt",
                            "quotes page chrome (boilerplate), not the story",
                            "quote the article's body, or remove the boilerplate row",
                        )
                    )
                    break
        readout, proposition = row["readout_id"], row["proposition_id"]
        if readout in call_of_readout and proposition in call_of_proposition:
            if call_of_readout[readout] != call_of_proposition[proposition]:
                problems.append(
                    Problem(
                        "claims.csv",
                        number,
                        "readout_id",
                        f"readout '{readout}' is of another call than proposition '{proposition}'",
                        "use a readout of the proposition's call, or leave it empty",
                    )
                )
    return problems


def _check_differences(raw: RawData) -> list[Problem]:
    proposition_of = _lookup(raw.tables["claims"], "claim_id", "proposition_id")
    article_of = _lookup(raw.tables["claims"], "claim_id", "article_id")
    problems = []
    for row in raw.tables["differences"].to_dict("records"):
        propositions = {p.strip() for p in row["propositions"].split(LIST_SEPARATOR)}
        articles = {a.strip() for a in row["articles"].split(LIST_SEPARATOR)}
        if not all(_ID.fullmatch(item) for item in propositions | articles):
            continue  # a list that is not a list of ids is reported as such
        for claim in (c.strip() for c in row["claims"].split(LIST_SEPARATOR) if c.strip()):
            if claim not in proposition_of:
                continue  # reported as a dangling reference
            if proposition_of[claim] not in propositions or article_of[claim] not in articles:
                problems.append(
                    Problem(
                        "differences.csv",
                        int(row["_row"]),
                        "claims",
                        f"claim '{claim}' is not about the propositions and articles of this row",
                        "add its proposition and article to the row, or remove the claim",
                    )
                )
    return problems


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


def _check_readouts(raw: RawData) -> list[Problem]:
    """Readout points: short quotations; links that stay on one call; readouts' ``articles`` complete."""
    problems: list[Problem] = []
    tables = raw.tables
    points = tables["readout_points"]
    for number, quoted in zip(points["_row"].tolist(), points["quoted"].tolist()):
        words = count_words(quoted)
        if words > MAX_QUOTED_WORDS:
            problems.append(
                Problem(
                    "readout_points.csv",
                    int(number),
                    "quoted",
                    f"quotes {words} words of the readout; a quoted fragment is at most {MAX_QUOTED_WORDS}",
                    "keep only the few words whose wording is the point, and say the rest "
                    "in the statement, in the project's own words",
                )
            )
    readout_of_point = _lookup(points, "point_id", "readout_id")
    call_of_readout = _lookup(tables["readouts"], "readout_id", "call_id")
    call_of_proposition = _lookup(tables["propositions"], "proposition_id", "call_id")
    cited: dict[str, set[str]] = {}  # readout id -> the articles whose claims cite it
    for file, frame, call_of_row in (
        ("claims.csv", tables["claims"], lambda row: call_of_proposition.get(row["proposition_id"])),
        ("differences.csv", tables["differences"], lambda row: row["call_id"] or None),
    ):
        for row in frame[frame["readout_points"] != ""].to_dict("records"):
            call = call_of_row(row)
            for point in _split(row["readout_points"]):
                readout = readout_of_point.get(point)
                other = call_of_readout.get(readout)
                if call and other and other != call:
                    problems.append(
                        Problem(
                            file,
                            int(row["_row"]),
                            "readout_points",
                            f"point '{point}' belongs to readout '{readout}', of call '{other}', "
                            f"not of this row's call '{call}'",
                            "link only points of a readout of the same call, or remove the point",
                        )
                    )
                elif file == "claims.csv" and readout:
                    cited.setdefault(readout, set()).add(row["article_id"])
    claims = tables["claims"]
    for readout, article in zip(claims["readout_id"].tolist(), claims["article_id"].tolist()):
        if readout:
            cited.setdefault(readout, set()).add(article)
    readouts = tables["readouts"]
    for number, readout, listed in zip(
        readouts["_row"].tolist(), readouts["readout_id"].tolist(), readouts["articles"].tolist()
    ):
        missing = sorted(a for a in cited.get(readout, ()) if a and a not in set(_split(listed)))
        if missing and _IDS.fullmatch(listed or "x"):
            problems.append(
                Problem(
                    "readouts.csv",
                    int(number),
                    "articles",
                    f"does not list {', '.join(missing)}, though its claims cite this readout",
                    f"add {LIST_SEPARATOR.join(missing)} to the list",
                )
            )
    return problems


def _check_translations(raw: RawData) -> list[Problem]:
    """Originals are verbatim, in order, and together cover every article body."""
    problems: list[Problem] = []
    if "translations" in raw.unreadable:
        return problems
    translations = raw.tables["translations"]
    articles = raw.tables["articles"]
    numbered = translations[translations["sentence_no"].str.fullmatch(_INT.pattern)]
    numbered = numbered.assign(_n=numbered["sentence_no"].astype(int)).sort_values(["article_id", "_n"])
    grouped: dict[str, list[tuple[int, int, str]]] = {}
    for article_id, n, number, original in zip(
        numbered["article_id"], numbered["_n"], numbered["_row"], numbered["original"]
    ):
        grouped.setdefault(article_id, []).append((n, int(number), original))
    for article_id, rows in grouped.items():
        text = raw.texts.get(article_id)
        if text is None:
            continue
        covered: list[Span] = []
        cursor = 0
        for n, number, original in rows:
            if not original:
                continue
            at = text.find(original, cursor)
            if at == -1:
                earlier = text.find(original)
                message = (
                    f"sentence {n} is out of order: it stands before the sentence numbered above it"
                    if earlier != -1
                    else _not_found(original, text, article_id)
                )
                problems.append(
                    Problem(
                        "translations.csv",
                        number,
                        "original",
                        message,
                        "copy the sentence exactly from the article and number the rows "
                        "in the order of the text",
                    )
                )
                continue
            covered.append(Span(at, at + len(original)))
            cursor = at + len(original)
        missing = _uncovered_body(text, covered, raw.boilerplate_spans(article_id))
        if missing is not None:
            start, end = missing
            snippet = text[start:end].strip()
            snippet = snippet if len(snippet) <= 60 else snippet[:57] + "…"
            problems.append(
                Problem(
                    "translations.csv",
                    None,
                    "original",
                    f"{article_id}: the body text «{snippet}» has no translation row",
                    "add a row with this sentence and its translation",
                )
            )
    translated = set(numbered["article_id"])
    for _, row in articles.iterrows():
        if (
            row["language"] in ISO_639_1
            and row["language"] != "en"
            and row["article_id"] in raw.texts
            and row["article_id"] not in translated
        ):
            problems.append(
                Problem(
                    "translations.csv",
                    None,
                    "article_id",
                    f"{row['article_id']} ({row['language']}) has no working translation yet",
                    "add its sentences and their English translations",
                    "warning",
                )
            )
    return problems


def _uncovered_body(text: str, covered: list[Span], chrome: list[Span]) -> tuple[int, int] | None:
    """The first stretch of body text (not chrome, not whitespace) that no row covers.

    The stretch runs from the first uncovered visible character to the end of its
    line or the next covered character, whichever comes first.
    """
    taken = sorted(covered + chrome)
    cursor = 0
    for span in [*taken, Span(len(text), len(text))]:
        if span.start > cursor:
            gap = _VISIBLE.search(text, cursor, span.start)
            if gap:
                line_end = text.find("\n", gap.start(), span.start)
                return gap.start(), line_end if line_end != -1 else span.start
        cursor = max(cursor, span.end)
    return None


def _check_aliases(raw: RawData) -> list[Problem]:
    if "articles" in raw.unreadable or set(raw.tables["articles"]["article_id"]) - set(raw.texts):
        return []  # an article that could not be read may hold the alias; its problem is reported
    keys = "\n\n".join(search_key(t) for t in raw.texts.values())
    problems = []
    for row in raw.tables["aliases"].to_dict("records"):
        alias = search_key(row["alias"])
        if alias and not re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", keys):
            problems.append(
                Problem(
                    "aliases.csv",
                    int(row["_row"]),
                    "alias",
                    f"«{row['alias']}» is not found in any article",
                    "check the spelling against the article, or remove the row",
                    "warning",
                )
            )
    return problems


# --------------------------------------------------------------------------- entry points


def read_data(data_dir: str | Path | None = None) -> RawData:
    """Read and check the data folder; return what was read and every problem found.

    Never writes anything. Use :func:`validate` for just the problems, or
    ``helpers.load_corpus`` for typed frames (which raises :class:`DataError`).

    >>> raw = read_data()
    >>> sorted(raw.texts)[:2]
    ['ar-blinken-lavrov', 'ar-putin-macron']
    """
    data_dir = data_dir_or_default(data_dir)
    raw = RawData(data_dir=data_dir)
    if not data_dir.is_dir():
        raw.problems.append(
            Problem(
                str(data_dir),
                None,
                None,
                "is not a folder",
                "give the path of a data folder (one that holds articles.csv)",
            )
        )
        return raw
    for name, table in TABLES.items():
        frame, problems = _read_table(data_dir, table)
        raw.problems += problems
        if frame is None:
            raw.unreadable.add(name)
            frame = pd.DataFrame({c: pd.Series(dtype=object) for c in [*table.column_names, "_row"]})
        raw.tables[name] = frame
        raw.problems += _check_cells(table, frame)
        raw.problems += _check_keys(table, frame)
    raw.problems += _check_references(raw.tables, raw.unreadable)
    raw.texts, problems = _read_articles(data_dir, raw.tables["articles"])
    raw.problems += problems
    for name, table in TABLES.items():
        if table.excerpt:
            raw.problems += _locate_excerpts(table, raw.tables[name], raw.texts)
    raw.problems += _check_claims(raw)
    raw.problems += _check_differences(raw)
    raw.problems += _check_readouts(raw)
    raw.problems += _check_translations(raw)
    raw.problems += _check_aliases(raw)
    return raw


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Sort problems by table (in the order of the data dictionary), then row."""
    order = {table.file: i for i, table in enumerate(TABLES.values())}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.file, p.row or 0))


def validate(data_dir: str | Path | None = None) -> list[Problem]:
    """Every problem in the data folder, errors and warnings, in file order.

    >>> [str(p) for p in validate("/nonexistent")]
    ['/nonexistent:-:-: is not a folder — give the path of a data folder (one that holds articles.csv)']
    """
    return in_file_order(read_data(data_dir).problems)
