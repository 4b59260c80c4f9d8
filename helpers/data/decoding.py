"""Decode a file's bytes as UTF-8, or say precisely why not and how to fix it.

Nothing is guessed: a file in another encoding is refused with a message that
names the likely encoding and how to save the file again as UTF-8.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from .problems import Problem

__all__ = ["decode_text", "RESAVE", "RESAVE_TEXT"]

# How to save a table again as UTF-8, from the spreadsheet it was made in.
RESAVE = (
    "open it and save it again as UTF-8 (Excel: File › Save As › 'CSV UTF-8'; "
    "LibreOffice: Save As › 'Edit filter settings' › Character set 'Unicode (UTF-8)')"
)
# How to save a text file (an article) again as UTF-8, from a text editor.
RESAVE_TEXT = (
    "open it in a text editor and save it again as UTF-8 (Notepad: File › Save As › Encoding 'UTF-8'; "
    "TextEdit: Format › Make Plain Text, then File › Save with encoding 'Unicode (UTF-8)'; "
    "gedit or VS Code: Save As with character encoding UTF-8)"
)
_RESAVE = RESAVE
MAX_BAD_LINES = 5


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


def decode_text(raw: bytes, file: str, *, text_file: bool = False) -> tuple[str | None, list[Problem]]:
    """Decode a file's bytes as UTF-8, or explain precisely why it cannot be.

    A UTF-8 byte-order mark is accepted and dropped; Windows line endings become
    ``\\n``. Nothing is guessed: a file in another encoding is an error whose
    message names the likely encoding and how to re-save the file (a table from
    its spreadsheet; with ``text_file``, a text file from its editor). A UTF-8 file
    with a few damaged bytes is told apart from one in a legacy encoding: each
    damaged line is named, and the fix is to retype it, not to convert the file.

    >>> decode_text("ok\\r\\n".encode("utf-8-sig"), "x.csv")
    ('ok\\n', [])
    >>> decode_text("بلينكين".encode("cp1256"), "x.csv")[1][0].message[:32]
    'is not UTF-8: byte 0xc8 at line '
    """
    resave = (
        "open it in its program and save it as UTF-8 text (a table: 'CSV UTF-8 (comma delimited)'; "
        "an article: plain text, UTF-8); nothing was read from this file"
    )
    resave_text = RESAVE_TEXT if text_file else RESAVE
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
            return None, [Problem(file, None, None, "is saved as UTF-16 or UTF-32, not UTF-8", resave_text)]
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
        # As the "utf-8-sig" codec does, without its Python-level wrapper (thousands of articles).
        text = (raw[3:] if raw.startswith(codecs.BOM_UTF8) else raw).decode("utf-8")
    except UnicodeDecodeError as error:
        mostly = _mostly_utf8(raw, file, text_file)
        if mostly:
            return None, mostly
        line = raw[: error.start].count(b"\n") + 1
        guess = _guess_legacy_encoding(raw)
        return None, [
            Problem(
                file,
                None,
                None,
                f"is not UTF-8: byte 0x{raw[error.start]:02x} at line {line} cannot be read; "
                f"it looks like {guess}",
                f"{resave_text}; nothing was read from this file",
            )
        ]
    if "\r" not in text:
        return text, []  # one search rather than two replacements that find nothing
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _mostly_utf8(raw: bytes, file: str, text_file: bool) -> list[Problem]:
    """Problems for a file that is UTF-8 except for a few bytes, one per line; [] for a legacy file.

    Re-saving such a file "as UTF-8" from a spreadsheet would read it in a legacy
    encoding and garble every Arabic and Vietnamese letter: the fix is to retype the
    few characters, not to convert the file.
    """
    decoded = raw.decode("utf-8", errors="surrogateescape")
    bad = [i for i, ch in enumerate(decoded) if "\udc80" <= ch <= "\udcff"]
    good = sum(1 for ch in decoded if ch >= "\x80") - len(bad)
    if good < max(1, len(bad)):
        return []  # hardly any UTF-8 letter beyond ASCII: a legacy encoding
    by_line: dict[int, list[int]] = {}
    for i in bad:
        line = decoded.count("\n", 0, i) + 1
        by_line.setdefault(line, []).append(ord(decoded[i]) - 0xDC00)
    editor = "a text editor" if text_file else "a text editor (not a spreadsheet)"
    problems = []
    for line, values in list(by_line.items())[:MAX_BAD_LINES]:
        shown = " ".join(f"0x{b:02x}" for b in values[:8])
        problems.append(
            Problem(
                file,
                None,
                None,
                f"is UTF-8 except at line {line}: byte{'s' if len(values) > 1 else ''} {shown} "
                "cannot be read (a damaged or stray character, not a file in another encoding)",
                f"open it in {editor}, go to line {line} and retype the character there or delete it; "
                "do not convert the file to another encoding, which would garble its other letters; "
                "nothing was read from this file",
            )
        )
    if len(by_line) > MAX_BAD_LINES:
        problems.append(
            Problem(
                file,
                None,
                None,
                f"has unreadable bytes on {len(by_line) - MAX_BAD_LINES} more lines",
                "fix the lines above first, then validate again",
            )
        )
    return problems
