"""Writing files safely: the only way helpers writes anything.

A write goes to a temporary file in the same folder, which is then renamed over
(or, with ``exclusive``, linked to) the target: the rename is atomic, so an
interrupted command leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

__all__ = ["write_atomically", "spreadsheet_safe", "csv_for_people", "safe_for_spreadsheets"]


def write_atomically(path: str | Path, data: bytes | str, *, exclusive: bool = False) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path`` atomically.

    With ``exclusive``, refuse to replace an existing file: raises ``FileExistsError``.
    The file gets the usual permissions (0666 less the umask), like any new file.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_atomically(target, "one")
    >>> write_atomically(target, "two", exclusive=True)
    Traceback (most recent call last):
    FileExistsError: ...
    >>> target.read_text()
    'one'
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        if exclusive:
            try:
                os.link(temporary, path)  # atomic, and fails if the name is taken
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links (FAT, some network shares)
                if os.path.lexists(path):
                    raise FileExistsError(f"{path} exists") from None
                os.replace(temporary, path)
            else:
                os.unlink(temporary)
        else:
            os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


# What a spreadsheet reads as the start of a formula (or, for tab and carriage return, as a
# cell boundary that hides one): such a cell gets a leading apostrophe, which shows as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """``value`` as text that a spreadsheet shows and never runs: a cell beginning with
    ``= + - @``, a tab or a carriage return gets a leading apostrophe.

    >>> print(spreadsheet_safe('=HYPERLINK("https://example.com","click")'))
    '=HYPERLINK("https://example.com","click")
    >>> spreadsheet_safe("-12"), spreadsheet_safe("Blinken said"), spreadsheet_safe(None)
    ("'-12", 'Blinken said', '')
    """
    try:
        missing = value is None or bool(value != value)  # None and NaN are empty
    except TypeError:  # pandas.NA
        missing = True
    text = "" if missing else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_for_people(rows: Iterable[Sequence[object]], header: Sequence[str] | None = None) -> str:
    """CSV text for a person to open in a spreadsheet: every cell through :func:`spreadsheet_safe`.

    Use it for every CSV written for people (handouts, downloads); never for ``data/``,
    whose cells must stay exactly as written.

    >>> print(csv_for_people([["=1+1", "ok"]], ["gloss", "note"]), end="")
    gloss,note
    '=1+1,ok
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header is not None:
        writer.writerow([spreadsheet_safe(h) for h in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(v) for v in row])
    return buffer.getvalue()


def safe_for_spreadsheets(frame):
    """A copy of a pandas frame whose text cells went through :func:`spreadsheet_safe`
    (numbers, dates and empty cells unchanged): call ``.to_csv`` on it for a CSV file meant for people.

    >>> import pandas as pd
    >>> safe_for_spreadsheets(pd.DataFrame({"gloss": ["=cmd|' /C calc'!A0", "fine"], "n": [-1, 2]})).to_csv(index=False)
    "gloss,n\\n'=cmd|' /C calc'!A0,-1\\nfine,2\\n"
    """
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype).startswith(("string", "str")):
            out[column] = out[column].map(lambda v: spreadsheet_safe(v) if isinstance(v, str) else v)
    return out
