"""The fast reader's shortcuts agree with the plain checks they replace."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.data.reading import _count_lines, _untrimmed

# Every character Arrow's utf8_trim_whitespace removes, and characters whose UTF-8 bytes
# share a first or last byte with one of them (so the two-byte shortcut must look closer).
SPACES = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000"
LOOK_ALIKES = "\u00c2\u0100\u1e80\u1ebf\u2010\u2019\u201c\u3001\u4e00\u0680ếữ’”»"
CELLS = st.text(alphabet=SPACES + LOOK_ALIKES + "ab,\"'", max_size=6)


def _plainly_untrimmed(cells: list[str]) -> bool:
    column = pa.chunked_array([pa.array(cells, type=pa.string())])
    return pc.any(pc.not_equal(pc.utf8_trim_whitespace(column), column)).as_py() or False


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELLS, max_size=8), min_size=1, max_size=3))
def test_untrimmed_agrees_with_trimming_every_cell(chunks):
    column = pa.chunked_array([pa.array(chunk, type=pa.string()) for chunk in chunks], type=pa.string())
    assert _untrimmed(column) == _plainly_untrimmed([cell for chunk in chunks for cell in chunk])


@pytest.mark.parametrize("space", list(SPACES))
def test_untrimmed_sees_each_space_at_either_end(space):
    for cells in (["ab", space + "b"], ["ab", "a" + space], [space]):
        assert _untrimmed(pa.chunked_array([pa.array(cells)]))
    assert not _untrimmed(pa.chunked_array([pa.array(["a" + space + "b", "", "ế’"])]))


def test_untrimmed_looks_at_a_sliced_chunk_only():
    sliced = pa.array([" x", "a", "b "]).slice(1, 1)
    assert not _untrimmed(pa.chunked_array([sliced]))


@given(st.binary(max_size=300), st.integers(min_value=1, max_value=64))
def test_count_lines_counts_like_bytes_count(raw, step):
    expected = raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
    assert _count_lines(raw, step) == expected
