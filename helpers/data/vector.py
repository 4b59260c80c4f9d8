"""Whole-column string tests in Arrow, exact to Python's ``re`` and ``str`` for every cell.

Arrow's regular expressions (RE2) differ from Python's at the edges (``\\s`` and ``\\d``
match fewer characters, for one). So Arrow is used only to clear the cells that are
surely fine; a cell it does not clear is decided by Python, one by one. Those are
the rare bad cells, so a column of a hundred thousand good cells costs one pass in C.

>>> import pandas as pd
>>> cells = pd.Series(["a-b", "", "A b"], dtype="str")
>>> failing(cells, r"[a-z0-9]+(?:-[a-z0-9]+)*", lambda v: v.islower()).tolist()
[False, False, True]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "arrow",
    "explode",
    "failing",
    "lookup",
    "mask",
    "among",
    "text_buffers",
    "only_ids",
    "only_digits",
]


def arrow(values: pd.Series) -> pa.ChunkedArray | pa.Array:
    """The cells of ``values`` as Arrow strings (no copy when they already are).

    >>> arrow(pd.Series(["a", "b"], dtype="str")).to_pylist()
    ['a', 'b']
    """
    if isinstance(values.array, pd.arrays.ArrowStringArray):
        return values.array._pa_array
    return pa.array(values.astype(object).to_numpy(), type=pa.string(), from_pandas=True)


def text_buffers(cells: pa.ChunkedArray | pa.Array) -> Iterator[tuple[np.ndarray, np.ndarray] | None]:
    """For each chunk of Arrow strings, the end of every cell in its text (the first cell starts
    at 0) and the text's bytes, as numpy sees them without a copy; None for a chunk with a
    missing cell, whose bytes say nothing about it.

    >>> [(ends.tolist(), text.tobytes()) for ends, text in text_buffers(pa.array(["ab", "", "c"]))]
    [([0, 2, 2, 3], b'abc')]
    """
    for chunk in cells.chunks if isinstance(cells, pa.ChunkedArray) else [cells]:
        if not len(chunk):
            yield np.zeros(1, dtype=np.int64), np.empty(0, dtype=np.uint8)
        elif chunk.null_count:
            yield None
        else:
            yield _buffers(chunk)


def _buffers(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    _, offsets, data = chunk.buffers()
    ends = np.frombuffer(offsets, dtype=width, count=len(chunk) + 1, offset=chunk.offset * width(0).itemsize)
    text = np.frombuffer(data, dtype=np.uint8) if data is not None else np.empty(0, dtype=np.uint8)
    return ends - ends[0], text[ends[0] : ends[-1]]


def only_ids(values: pd.Series, separator: str | None = None) -> bool:
    """Whether every filled cell is surely an id (with ``separator``, a list of ids, without
    spaces): a few numpy comparisons over the column's bytes, where a regular expression looks
    at every cell in turn. False means "not sure": the exact rule must decide.

    Every byte is a lower-case letter, a digit, a hyphen (or the separator); no two hyphens or
    separators stand together; and no cell begins or ends with one. So every cell is runs of
    letters and digits joined by single hyphens (and separators): ids.

    >>> only_ids(pd.Series(["a-1", "", "b"], dtype="str")), only_ids(pd.Series(["a--1"], dtype="str"))
    (True, False)
    >>> only_ids(pd.Series(["a;b-c"], dtype="str"), ";"), only_ids(pd.Series(["a; b"], dtype="str"), ";")
    (True, False)
    """
    for found in text_buffers(arrow(values)):
        if found is None:
            return False
        ends, text = found
        joining = text == ord("-")
        if separator is not None:
            joining |= text == ord(separator)
        letter = (text >= ord("a")) & (text <= ord("z"))
        digit = (text >= ord("0")) & (text <= ord("9"))
        if not (letter | digit | joining).all() or (joining[1:] & joining[:-1]).any():
            return False
        filled = ends[1:] > ends[:-1]
        if joining[ends[:-1][filled]].any() or joining[ends[1:][filled] - 1].any():
            return False
    return True


def only_digits(values: pd.Series, longest: int) -> bool:
    """Whether every cell is digits only, and none longer than ``longest``: one numpy pass.

    >>> only_digits(pd.Series(["12", ""], dtype="str"), 9), only_digits(pd.Series(["1 2"], dtype="str"), 9)
    (True, False)
    """
    for found in text_buffers(arrow(values)):
        if found is None:
            return False
        ends, text = found
        digits = ((text >= ord("0")) & (text <= ord("9"))).all()
        if not digits or (len(ends) > 1 and np.diff(ends).max() > longest):
            return False
    return True


def mask(result: pa.ChunkedArray | pa.Array, index: pd.Index) -> pd.Series:
    """An Arrow boolean result as a pandas mask on ``index`` (missing counts as False).

    >>> mask(pa.array([True, None, False]), pd.RangeIndex(3)).tolist()
    [True, False, False]
    """
    values = pc.fill_null(result, False).to_numpy(zero_copy_only=False)
    return pd.Series(np.asarray(values, dtype=bool), index=index)


def failing(values: pd.Series, clears: str, exact: Callable[[str], bool]) -> pd.Series:
    """Which non-empty cells fail ``exact``, the rule as Python states it.

    ``clears`` is an RE2 pattern (matched whole) that accepts only cells ``exact``
    accepts too: every cell it accepts is cleared in C; the rest are judged by ``exact``.

    >>> failing(pd.Series(["12", "x", ""], dtype="str"), "[0-9]+", str.isdigit).tolist()
    [False, True, False]
    """
    cells = arrow(values)
    cleared = pc.or_(pc.equal(cells, ""), pc.match_substring_regex(cells, f"^(?:{clears})$"))
    bad = ~mask(cleared, values.index)
    if bad.any():
        doubtful = values[bad]
        verdicts = {v: not exact(v) for v in set(doubtful.astype(object).tolist())}
        bad.loc[bad] = doubtful.astype(object).map(verdicts).astype(bool).to_numpy()
    return bad


def lookup(wanted: pd.Series, keys: pd.Series, values: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """For each cell of ``wanted``, the value of the first row whose key is that cell (missing if none).

    The vectorised ``dict(zip(keys, values)).get``, keeping the first row of a repeated key.
    ``values`` may be a frame: each of its columns is looked up, with one search of the keys.

    >>> lookup(pd.Series(["b", "z"], dtype="str"), pd.Series(["a", "b", "b"]), pd.Series(["1", "2", "3"])).tolist()
    ['2', nan]
    """
    # index_in gives the place of a key's first row: a repeated key needs no dropping first.
    where = pc.index_in(arrow(wanted).cast(pa.string()), value_set=arrow(keys).cast(pa.string()))

    def found(column: pd.Series) -> pd.Series:
        taken = pc.take(arrow(column).cast(pa.string()), where)
        return pd.Series(pd.array(taken, dtype="str"), index=wanted.index)

    if isinstance(values, pd.DataFrame):
        return pd.DataFrame({name: found(values[name]) for name in values.columns}, index=wanted.index)
    return found(values)


# Cells of printable ASCII, spaces and tabs: there Arrow's split and trim are Python's exactly.
PLAIN = r"^[\x20-\x7e\t]*$"


def explode(values: pd.Series, separator: str) -> tuple[np.ndarray, pa.Array]:
    """(position of the cell, item) for every non-empty item of every list cell, in cell order.

    Items are split at ``separator`` and stripped as Python's ``str.strip`` does: Arrow does
    it for cells of plain ASCII, Python for the rest (the rare cell with other characters).

    >>> where, items = explode(pd.Series(["a; b", "", "c ;"], dtype="str"), ";")
    >>> where.tolist(), items.to_pylist()
    ([0, 0, 2], ['a', 'b', 'c'])
    """
    cells = arrow(values).cast(pa.string())
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks()
    plain = np.asarray(pc.fill_null(pc.match_substring_regex(cells, PLAIN), False), dtype=bool)
    lists = pc.split_pattern(pc.filter(cells, pa.array(plain)), separator)
    items = pc.utf8_trim(pc.list_flatten(lists), " \t")
    where = np.flatnonzero(plain)[np.asarray(pc.list_parent_indices(lists), dtype=np.int64)]
    filled = np.asarray(pc.not_equal(items, ""), dtype=bool)
    where, items = where[filled], pc.filter(items, pa.array(filled))
    other = np.flatnonzero(~plain)
    if len(other):
        extra = [
            (int(at), item.strip())
            for at in other
            for item in values.iloc[at].split(separator)
            if item.strip()
        ]
        where = np.concatenate([where, np.array([at for at, _ in extra], dtype=np.int64)])
        items = pa.concat_arrays([items, pa.array([item for _, item in extra], type=pa.string())])
        order = np.argsort(where, kind="stable")
        where, items = where[order], items.take(pa.array(order))
    return where, items


def among(where: np.ndarray, items: pa.Array | pd.Series, pairs: tuple[np.ndarray, pa.Array]) -> np.ndarray:
    """Whether each (position, item) is one of ``pairs`` (as :func:`explode` gives them).

    >>> among(np.array([0, 1]), pd.Series(["a", "a"], dtype="str"), (np.array([0]), pa.array(["a"]))).tolist()
    [True, False]
    """
    items = items if isinstance(items, (pa.Array, pa.ChunkedArray)) else arrow(items)
    listed_at, listed = pairs
    vocabulary = pc.unique(listed.cast(pa.string()))
    size = len(vocabulary) + 1
    # Each pair as one whole number: position × (vocabulary size + 1) + the item's place in it.
    code = np.asarray(
        pc.fill_null(pc.index_in(items.cast(pa.string()), value_set=vocabulary), -1), dtype=np.int64
    )
    known = np.asarray(pc.index_in(listed.cast(pa.string()), value_set=vocabulary), dtype=np.int64)
    wanted = where.astype(np.int64) * size + code
    listed_keys = pa.array(listed_at.astype(np.int64) * size + known)
    return (code >= 0) & np.asarray(pc.is_in(pa.array(wanted), value_set=listed_keys), dtype=bool)
