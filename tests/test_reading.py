"""The fast reader's shortcuts agree with the plain checks they replace, and reading a data
folder in two threads finds exactly what one thread finds."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.data import validation
from helpers.data.chores import Chores
from helpers.data.scans import INVISIBLE_CLASS, MAYBE_NOT_NFC
from helpers.data.scans import census as _census
from helpers.data.scans import untrimmed as _untrimmed

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


# Bytes where the census decides something: line breaks, NUL, carriage returns, quotation marks
# and their neighbours, and bytes beyond ASCII.
BYTES = st.lists(st.sampled_from(b'\n\r\x00",a \xc3\xa9\x80\xff'), max_size=300).map(bytes)


@settings(max_examples=500, deadline=None)
@given(BYTES | st.binary(max_size=300), st.integers(min_value=1, max_value=64))
def test_census_finds_what_plain_searches_find(raw, step):
    found = _census(pa.py_buffer(raw), step)
    assert found.lines == raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
    assert (found.nul, found.carriage) == (b"\x00" in raw, b"\r" in raw)
    assert found.stray_quote == bool(re.search(rb'[^,"\n]"[^,"\n]', raw))
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        return  # what the rare characters are is said for a file of UTF-8 only
    assert found.maybe_not_nfc == bool(re.search(MAYBE_NOT_NFC, text))
    assert found.invisible == bool(re.search(INVISIBLE_CLASS, text))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet='a,"\n\u00e9\u0301\u200b\u0653\u1ebf\u2019\U0001d15e', max_size=60), st.integers(1, 16)
)
def test_census_finds_rare_characters_across_slices(text, step):
    # Slices end between characters, so one split across two slices is still found.
    found = _census(pa.py_buffer(text.encode()), step)
    assert found.maybe_not_nfc == bool(re.search(MAYBE_NOT_NFC, text))
    assert found.invisible == bool(re.search(INVISIBLE_CLASS, text))


# --------------------------------------------------------------------------- two threads


class _OneThread:
    """An executor with no thread of its own: a task runs in the calling thread when its
    result is asked for, so this thread does everything (every read and every chore)."""

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, work, *args):
        class Later:
            def result(self):
                return work(*args)

        return Later()


def _spoil(data: Path) -> None:
    """Problems of many kinds at once: a malformed id, a dangling reference, an excerpt that is
    not in its article, a table that cannot be read, a repeated key."""
    claims = (data / "claims.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    first = claims[1].split(",")
    claims[1] = ",".join(["Bad Id", *first[1:]])
    claims.append(claims[2])  # the same claim_id again
    (data / "claims.csv").write_text("".join(claims), encoding="utf-8")
    terms = (data / "terms.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    cells = terms[1].split(",")
    cells[1] = "no-such-article"
    terms[1] = ",".join(cells)
    (data / "terms.csv").write_text("".join(terms), encoding="utf-8")
    (data / "readout_points.csv").write_bytes(b"PK\x03\x04 not a table")


def test_two_threads_find_what_one_thread_finds(data_copy, monkeypatch):
    _spoil(data_copy)
    both = [str(p) for p in validation.read_data(data_copy).problems]
    monkeypatch.setattr(validation, "ThreadPoolExecutor", _OneThread)
    one = [str(p) for p in validation.read_data(data_copy).problems]
    assert both == one
    assert any("Bad Id" in p for p in one) and any("no-such-article" in p for p in one)
    assert any(p.startswith("readout_points.csv") for p in one)


def test_each_chore_is_done_once_by_whichever_thread_takes_it():
    chores, calls, lock = Chores(), [], threading.Lock()

    def work(n):
        with lock:
            calls.append(n)
        return n * n

    for n in range(300):
        chores.add(str(n), lambda n=n: work(n))
    threads = [threading.Thread(target=chores.do_all) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(calls) == list(range(300))
    assert chores.done == {str(n): n * n for n in range(300)}


def test_a_chore_name_is_used_once():
    chores = Chores()
    chores.add("claims", lambda: [])
    with pytest.raises(ValueError, match="already added"):
        chores.add("claims", lambda: [])


def test_an_error_in_this_thread_is_raised_not_waited_on(data_copy, monkeypatch):
    # Before the fix, the reader thread waited for ever for this thread to finish, and the
    # read hung rather than raise.
    def fail(*args, **kwargs):
        raise RuntimeError("the articles could not be read")

    monkeypatch.setattr(validation, "read_articles", fail)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            validation.read_data(data_copy)
        except BaseException as error:  # noqa: BLE001 - the test looks at whatever was raised
            outcome.append(error)

    reading = threading.Thread(target=read, daemon=True)
    reading.start()
    reading.join(timeout=60)
    assert not reading.is_alive(), "the read hung after an error"
    assert [str(error) for error in outcome] == ["the articles could not be read"]
