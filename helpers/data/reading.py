"""Read one table of the data folder into a frame of strings, fast when the file is well formed.

Cells may not hold line breaks, so in a well-formed file every line is one row:
pyarrow reads it at once. The strict reader (the csv module) runs only when
something is unusual, to say exactly what is wrong and where, as
``file:row:column: what — fix``.
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
from pathlib import Path

import numpy as np
import pandas as pd

from .decoding import decode_text
from .paths import fingerprint
from .problems import INVISIBLE as _INVISIBLE
from .problems import Problem
from .scans import census, one_cell, untrimmed
from .schema import Table
from .text import nfc
from .texts import real_path

__all__ = ["read_table", "read_table_bytes", "table_pool", "MAX_TABLE_BYTES", "MAX_CELL_CHARS"]

MAX_TABLE_BYTES = 200 * 1024 * 1024
# The longest cell read: far above any real cell (the longest note is a few thousand characters).
MAX_CELL_CHARS = 1_000_000
_OFFICE_OR_BINARY = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\xff\xfe", b"\xfe\xff")


@functools.cache
def table_pool():
    """Where the parsed tables live, and every Arrow allocation during a read: jemalloc where
    pyarrow has it, as it hands freed scratch memory back sooner than the default pool (a
    smaller peak for a large corpus). None where pyarrow was built without it.

    Found once: the decay set here only shapes the arenas jemalloc has yet to make, so setting
    it again for every table did nothing but cost a call.
    """
    import pyarrow as pa

    try:
        pool = pa.jemalloc_memory_pool()
        pa.jemalloc_set_decay_ms(0)  # freed pages go back at once (nothing else here uses jemalloc)
        return pool
    except (NotImplementedError, AttributeError, pa.ArrowNotImplementedError):
        return None


def _fast_read(held: list, table: Table) -> pd.DataFrame | None:
    """The frame of a well-formed file, read by pyarrow; None when the strict reader must decide.

    ``held`` holds the file's bytes (an Arrow buffer), and is emptied once they are parsed: the
    bytes are then let go of while the frame is made, rather than kept beside it (the strict
    reader, in the rare file that needs it, reads the file again).
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    raw = held[0]
    if raw[:3].to_pybytes() == b"\xef\xbb\xbf":
        raw = raw[3:]
    if not raw.size or raw[:8].to_pybytes().startswith(_OFFICE_OR_BINARY):
        return None
    found = census(raw)
    if found.nul:
        return None
    if found.carriage:
        text = raw.to_pybytes().replace(b"\r\n", b"\n")
        if b"\r" in text:
            return None
        raw = pa.py_buffer(text)
        found = census(raw)
    if found.stray_quote:
        return None
    # A header row is short: one not within the first 64 KB is left to the strict reader.
    head = raw[: 1 << 16].to_pybytes()
    end = head.find(b"\n")
    if end == -1 and raw.size > len(head):
        return None
    try:
        header = [
            nfc(h).strip() for h in next(csv.reader([head[: end if end != -1 else len(head)].decode()]))
        ]
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    if sorted(header) != sorted(table.column_names):
        return None  # missing, extra, repeated or misspelt headings: the strict reader names them
    try:
        one_cell(raw, pa.large_binary()).cast(pa.large_string())  # checks that every byte is UTF-8
    except pa.ArrowInvalid:
        return None
    try:
        parsed = pcsv.read_csv(
            raw,
            # One thread: the read already keeps two busy (see ``validation``), and Arrow's own
            # threads only fought them for the cores (at 1000x, 3.8-4.4 s rather than 4.4-4.8 s).
            read_options=pcsv.ReadOptions(
                column_names=header, skip_rows=1, block_size=1 << 22, use_threads=False
            ),
            parse_options=pcsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                check_utf8=False,  # the whole file was checked above, and cells split at ASCII commas
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
            memory_pool=table_pool(),
        )
    except (pa.ArrowInvalid, ValueError):
        return None  # a row of the wrong width, an empty line, a cell larger than a block
    held.clear()
    del raw
    if parsed.num_rows != found.lines - 1:
        return None  # a line break inside a quoted cell: rows and lines no longer agree
    if found.maybe_not_nfc:
        return None  # a letter that NFC may compose: the strict reader normalises the file
    columns, blank = {}, None
    for name in table.column_names:
        column = parsed.column(name)
        if untrimmed(column):
            column = pc.utf8_trim_whitespace(column)
        empty = pc.equal(column, "")
        blank = empty if blank is None else pc.and_(blank, empty)
        columns[name] = column
    # Each record's row as a spreadsheet numbers it (the header is row 1).
    rows = np.arange(2, parsed.num_rows + 2, dtype=np.int64)
    if blank is not None and pc.any(blank).as_py():
        # Spreadsheets leave empty rows at the end: dropped here, in Arrow, before pandas sees them.
        keep = pc.invert(blank)
        rows = rows[np.asarray(keep, dtype=bool)]
        columns = {name: pc.filter(column, keep) for name, column in columns.items()}
    del parsed
    # Arrow-backed strings (pandas' ``str``), never one Python object per cell: the rules are
    # vectorised, and only the few columns read cell by cell are ever turned into Python strings.
    frame = pd.DataFrame({name: pd.array(column, dtype="str") for name, column in columns.items()})
    frame["_row"] = rows
    frame.attrs["invisible"] = found.invisible
    return frame


def read_table(
    data_dir: Path, table: Table, read: dict[str, int] | None = None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one CSV into strings, with the spreadsheet row of each record (``_row``).

    A well-formed file is parsed by pyarrow in one pass; anything unusual (a
    header that is not exactly the schema's, a line break or a stray quotation
    mark, a row of the wrong width, bytes that are not UTF-8) sends the file to
    the strict reader, which says exactly what is wrong and where. Both give the
    same frame for the same file. The frame is ``None`` when nothing could be
    read from the file. ``read`` records a hash of the bytes read, by path.
    """
    path, file = data_dir / table.file, table.file
    if real_path(path) is None:
        return None, [
            Problem(
                file,
                None,
                None,
                "is a link that leads round in a loop (to itself)",
                f"replace the link with the table {file} itself",
            )
        ]
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
    held = [_read_bytes(path, read)]
    frame = _fast_read(held, table)
    if frame is not None:
        return frame, []
    raw = held[0] if held else _read_bytes(path, read)
    text, problems = decode_text(raw.to_pybytes(), file)
    if text is None:
        return None, problems
    return _strict_read(text, table, problems, file)


def _read_bytes(path: Path, read: dict[str, int] | None):
    """The bytes of a file, in Arrow's memory (which hands a large block back as soon as it is
    freed: Python's allocator keeps blocks under 32 MB for reuse, 25-40 MB more at the peak of
    a large corpus), recorded in ``read``."""
    import pyarrow as pa

    with pa.OSFile(str(path), "r") as handle:
        raw = handle.read_buffer()
    if read is not None:
        read[str(path)] = fingerprint(raw)
    return raw


def read_table_bytes(raw: bytes, table: Table, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read the bytes of a file laid out like ``table`` (a student's claims file …), named ``file``
    in the messages, by the strict reader.

    >>> from helpers.data.schema import TABLES
    >>> frame, problems = read_table_bytes(b"person_id,name\\nx,X\\n", TABLES["people"], "mine.csv")
    >>> [str(p) for p in problems][:1]
    ["mine.csv:1:role: column is missing — add a column headed 'role'"]
    """
    text, problems = decode_text(raw, file)
    if text is None:
        return None, problems
    return _strict_read(text, table, problems, file)


def _strict_read(
    text: str, table: Table, problems: list[Problem], file: str
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read ``text`` with the csv module in strict mode, which says where a record is malformed."""
    # NFC for the whole file at once: the same as cell by cell, as no delimiter composes with a letter.
    reader = csv.reader(io.StringIO(nfc(text), newline=""), strict=True)
    records: list[list[str]] = []
    limit = csv.field_size_limit(MAX_CELL_CHARS)
    try:
        records.extend(reader)
    except csv.Error as error:
        # The row is the record that the error interrupts, as a spreadsheet counts it.
        if "field larger than field limit" in str(error):
            return None, [
                Problem(
                    file,
                    len(records) + 1,
                    None,
                    f"has a cell of more than {MAX_CELL_CHARS:,} characters, far longer than any real cell",
                    "look for a quotation mark that opens a cell and is never closed (the rest of the file "
                    'then runs into that cell): close it, or double it ("") if it belongs to the text; '
                    "if the cell is really that long, shorten it",
                )
            ]
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
    finally:
        csv.field_size_limit(limit)
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
        dtype="str",
    )
    # Whether any cell could hold an invisible control: one search of the file, not one per cell.
    frame.attrs["invisible"] = bool(_INVISIBLE.search(text))
    frame["_row"] = rows
    return frame, problems
