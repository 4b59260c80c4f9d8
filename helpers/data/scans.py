"""What the fast reader looks for in a file's bytes and in its columns, without holding the
interpreter: the rare things that send a file to the strict reader, the lines and the
cells that need trimming.

Layer: data (used by ``reading``).

>>> census(b'a,"b"\\n1,2\\n')
Census(lines=2, nul=False, carriage=False, stray_quote=False, maybe_not_nfc=False, invisible=False)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .text import INVISIBLE_CONTROLS
from .vector import text_buffers

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["MAYBE_NOT_NFC", "INVISIBLE_CLASS", "Census", "census", "one_cell", "untrimmed"]

# Every character that NFC may change, alone or after another (Unicode's NFC_QC "No" and
# "Maybe"), generated from unicodedata: where one occurs, the strict reader normalises the file.
MAYBE_NOT_NFC = (
    "["
    "\u0300-\u0304\u0306-\u030c\u030f\u0311\u0313-\u0314\u031b\u0323-\u0328\u032d-\u032e"
    "\u0330-\u0331\u0338\u0340-\u0345\u0374\u037e\u0387\u0653-\u0655\u093c\u0958-\u095f"
    "\u09be\u09d7\u09dc-\u09dd\u09df\u0a33\u0a36\u0a59-\u0a5b\u0a5e\u0b3e\u0b56-\u0b57"
    "\u0b5c-\u0b5d\u0bbe\u0bd7\u0c56\u0cc2\u0cd5-\u0cd6\u0d3e\u0d57\u0dca\u0dcf\u0ddf"
    "\u0f43\u0f4d\u0f52\u0f57\u0f5c\u0f69\u0f73\u0f75-\u0f76\u0f78\u0f81\u0f93\u0f9d"
    "\u0fa2\u0fa7\u0fac\u0fb9\u102e\u1161-\u1175\u11a8-\u11c2\u1b35\u1f71\u1f73\u1f75"
    "\u1f77\u1f79\u1f7b\u1f7d\u1fbb\u1fbe\u1fc9\u1fcb\u1fd3\u1fdb\u1fe3\u1feb"
    "\u1fee-\u1fef\u1ff9\u1ffb\u1ffd\u2000-\u2001\u2126\u212a-\u212b\u2329-\u232a\u2adc"
    "\u3099-\u309a\uf900-\ufa0d\ufa10\ufa12\ufa15-\ufa1e\ufa20\ufa22\ufa25-\ufa26"
    "\ufa2a-\ufa6d\ufa70-\ufad9\ufb1d\ufb1f\ufb2a-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41"
    "\ufb43-\ufb44\ufb46-\ufb4e\U000110ba\U00011127\U0001133e\U00011357\U000114b0"
    "\U000114ba\U000114bd\U000115af\U00011930\U0001d15e-\U0001d164\U0001d1bb-\U0001d1c0"
    "\U0002f800-\U0002fa1d"
    "]"
)
INVISIBLE_CLASS = "[" + "".join(sorted(INVISIBLE_CONTROLS)) + "]"


# The first and the last byte of every character Arrow's ``utf8_trim_whitespace`` takes away
# (ASCII spaces and controls, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
# U+205F, U+3000). A cell that starts and ends with other bytes surely needs no trimming.
_SPACE_FIRST_BYTES = np.zeros(256, dtype=bool)
_SPACE_FIRST_BYTES[[*range(0x09, 0x0E), *range(0x1C, 0x21), 0xC2, 0xE1, 0xE2, 0xE3]] = True
_SPACE_LAST_BYTES = np.zeros(256, dtype=bool)
_SPACE_LAST_BYTES[
    [*range(0x09, 0x0E), *range(0x1C, 0x21), *range(0x80, 0x8B), 0x9F, 0xA0, 0xA8, 0xA9, 0xAF]
] = True


def untrimmed(column) -> bool:
    """Whether a cell of an Arrow string column begins or ends with whitespace.

    Only the cells whose first or last byte may belong to a space are trimmed to see: looking
    at two bytes of each cell costs nothing beside copying the whole column while trimming it.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    for chunk, found in zip(column.chunks, text_buffers(column)):
        if found is None:  # a chunk with a missing cell: trimmed whole to see
            if pc.any(pc.not_equal(pc.utf8_trim_whitespace(chunk), chunk)).as_py():
                return True
            continue
        ends, text = found
        filled = np.flatnonzero(ends[1:] > ends[:-1])
        doubtful = filled[
            _SPACE_FIRST_BYTES[text[ends[filled]]] | _SPACE_LAST_BYTES[text[ends[filled + 1] - 1]]
        ]
        if len(doubtful):
            cells = chunk.take(pa.array(doubtful))
            if pc.any(pc.not_equal(pc.utf8_trim_whitespace(cells), cells)).as_py():
                return True
    return False


class Census(NamedTuple):
    """What one pass over a file's bytes found."""

    lines: int  # the last line may lack its line break
    nul: bool
    carriage: bool  # a carriage return
    # A quotation mark with neither neighbour a comma, a quotation mark or a line break: a
    # closing one followed by more text, which pyarrow would read on and the csv module refuses,
    # or x"y inside an unquoted cell (valid, and rare). Either way the strict reader decides.
    stray_quote: bool
    maybe_not_nfc: bool  # a character of MAYBE_NOT_NFC
    invisible: bool  # an invisible control (INVISIBLE_CLASS)


def census(raw, step: int = 1 << 22) -> Census:
    """Look at every byte of ``raw`` once: by numpy and Arrow, a slice at a time, without
    holding the interpreter (``bytes.count`` is half as fast and holds it). The rare
    characters are looked for by RE2 among the bytes beyond ASCII alone, where they must be
    (a tenth of a typical table): what they are is said only for a file of UTF-8.

    Slices of 4 MB: alone, 256 KB slices are faster (they stay in the cache), but each of the
    dozen numpy calls of a slice hands the interpreter to the other thread of the read and
    waits to have it back. At 1000x, 4 MB slices loaded in 4.0 s where 256 KB ones took 4.6 s
    (medians of 10 interleaved runs).

    >>> census(b'"a"b,"c"').stray_quote, census(b'"a""b","c"').stray_quote
    (True, False)
    >>> census("a,e\\u0301\\n".encode()).maybe_not_nfc, census("a,\\u00e9\\u200b\\n".encode())[4:]
    (True, (False, True))
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    text = np.frombuffer(raw, dtype=np.uint8)
    size = len(text)
    # Scratch for a slice and a byte either side of it: nothing as large as the file is made. It
    # is Arrow's memory, which goes back at once when freed; numpy's would stay with the process.
    found, joins, spare = (
        np.frombuffer(pa.allocate_buffer(min(step, size) + 5), dtype=bool) for _ in range(3)
    )
    breaks, nul, carriage, stray, rare = 0, False, False, False, []
    start = 0
    while start < size:
        end = min(start + step, size)
        # A slice ends between characters, so its bytes beyond ASCII are whole ones (a character
        # has at most three bytes after its first; in a file that is not UTF-8, what the slice
        # holds does not matter).
        while end < min(size, start + step + 3) and 0x80 <= text[end] < 0xC0:
            end += 1
        part = text[start:end]
        here = found[: len(part)]
        breaks += int(np.count_nonzero(np.equal(part, 0x0A, out=here)))
        nul = nul or bool(np.equal(part, 0x00, out=here).any())
        carriage = carriage or bool(np.equal(part, 0x0D, out=here).any())
        # Each quotation mark is judged in the slice that holds it, with its neighbours.
        wide = text[max(start - 1, 0) : end + 1]
        if not stray and len(wide) > 2:
            quote = np.equal(wide, 0x22, out=found[: len(wide)])
            if quote.any():
                join = np.equal(wide, 0x2C, out=joins[: len(wide)])
                join |= quote
                join |= np.equal(wide, 0x0A, out=spare[: len(wide)])
                alone = np.logical_or(join[:-2], join[2:], out=spare[: len(wide) - 2])
                np.logical_not(alone, out=alone)
                stray = bool(np.logical_and(quote[1:-1], alone, out=alone).any())
        high = np.greater_equal(part, 0x80, out=here)
        if high.any():
            keep = pa.Array.from_buffers(
                pa.bool_(), len(part), [None, pa.py_buffer(np.packbits(high, bitorder="little"))]
            )
            beyond = pc.filter(pa.Array.from_buffers(pa.uint8(), len(part), [None, pa.py_buffer(part)]), keep)
            cell = one_cell(beyond.buffers()[1][: len(beyond)])
            if pc.any(pc.match_substring_regex(cell, f"{MAYBE_NOT_NFC}|{INVISIBLE_CLASS}")).as_py():
                rare.append(cell)  # kept only in the rare file that has one, to say which
        start = end
    lines = breaks + (0 if size and text[-1] == 0x0A else 1)
    maybe_not_nfc = any(pc.any(pc.match_substring_regex(cell, MAYBE_NOT_NFC)).as_py() for cell in rare)
    invisible = any(pc.any(pc.match_substring_regex(cell, INVISIBLE_CLASS)).as_py() for cell in rare)
    return Census(lines, nul, carriage, stray, maybe_not_nfc, invisible)


def one_cell(raw: bytes | pa.Buffer, kind: pa.DataType | None = None) -> pa.Array:
    """Bytes as an Arrow array of one cell (a string by default), without a copy, nor a check that
    a string is UTF-8.

    >>> one_cell(b"ab").to_pylist()
    ['ab']
    """
    import pyarrow as pa

    ends = pa.array([0, len(raw)], type=pa.int64()).buffers()[1]
    return pa.Array.from_buffers(kind or pa.large_string(), 1, [None, ends, pa.py_buffer(raw)])
