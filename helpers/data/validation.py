"""Check a data folder, or tables already in memory, against every rule of the schema.

Every problem names the file, the row (as a spreadsheet numbers it: the header is
row 1), the column, what is wrong and how to fix it, in the form
``file:row:column: what is wrong — how to fix it``. All problems are collected
before anything is reported, so an instructor fixes a file in one pass.
Validating never writes a byte.

The work is in layers of its own: ``decoding`` (bytes to text), ``reading``
(text to a frame of strings), ``rules`` (cells, keys, references), ``texts``
(the article files), ``anchoring`` (where every excerpt and translated sentence
stands) and ``links`` (rules that join tables). A folder is read in two threads
(see :func:`_read_in_two_lanes`), with the same problems, in the same order, as one
thread would find. :func:`check_tables` runs the rules on tables in memory, so a
student's claims are checked without a copy of the folder.

>>> problems = validate()          # the bundled data
>>> [p for p in problems if p.severity == "error"]
[]
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .anchoring import check_headline_lines, check_translations, locate_excerpts
from .chores import Chores
from .corpus import typed_table
from .decoding import decode_text
from .links import check_aliases, check_claims, check_differences, check_readouts
from .paths import BUNDLED_DATA_DIR, data_dir_or_default
from .problems import DataError, Problem
from .raw import RawData
from .reading import MAX_TABLE_BYTES, read_table, table_pool
from .rules import check_cells, check_keys, check_references
from .schema import TABLES
from .texts import ARTICLES_FOLDER, MAX_ARTICLE_BYTES, read_articles, real_path

__all__ = [
    "Problem",
    "DataError",
    "RawData",
    "validate",
    "read_data",
    "check_tables",
    "in_file_order",
    "decode_text",
    "BUNDLED_DATA_DIR",
    "data_dir_or_default",
    "ARTICLES_FOLDER",
    "MAX_ARTICLE_BYTES",
    "MAX_TABLE_BYTES",
]


def empty_table(name: str) -> pd.DataFrame:
    """A table of strings with the schema's columns and no rows."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in [*TABLES[name].column_names, "_row"]})


def read_data(data_dir: str | Path | None = None, *, typed: bool = False) -> RawData:
    """Read and check the data folder; return what was read and every problem found.

    Never writes anything. Use :func:`validate` for just the problems, or
    ``helpers.load_corpus`` for typed frames (which raises :class:`DataError`).
    With ``typed``, each table is also cast to the schema's dtypes (``raw.typed``)
    while the other thread works, for the Corpus to use.

    >>> raw = read_data()
    >>> sorted(raw.texts)[:2]
    ['ar-blinken-lavrov', 'ar-putin-macron']
    """
    data_dir = data_dir_or_default(data_dir)
    raw = RawData(data_dir=data_dir)
    if real_path(data_dir) is None or not data_dir.is_dir():
        what = "is a link that leads round in a loop" if real_path(data_dir) is None else "is not a folder"
        raw.problems.append(
            Problem(
                str(data_dir),
                None,
                None,
                what,
                "give the path of a data folder (one that holds articles.csv)",
            )
        )
        return raw
    with _quick_handoffs(), _memory_handed_back(), _no_collections():
        return _read_in_two_lanes(raw, data_dir, typed)


# The reader thread's order. First the small tables this thread checks against the texts, the
# chrome first (claims are checked against it); then the largest tables, while little else is
# in memory; last the small ones, so that the peak of parsing never meets that of the last rules.
_READ_ORDER = (
    "boilerplate",
    "call_mentions",
    "event_mentions",
    "people",
    "aliases",
    "claims",
    "differences",
    "translations",
    "terms",
    "propositions",
    "readout_points",
    "readouts",
    "events",
    "calls",
)

# Rules against the texts, which this thread runs as soon as the tables each needs are read
# (and their excerpts located).
_TEXT_RULES = {
    "claims": (check_claims, {"articles", "boilerplate", "readouts", "propositions", "claims"}),
    "translations": (check_translations, {"articles", "boilerplate", "translations"}),
    "aliases": (check_aliases, {"articles", "aliases"}),
    "headlines": (check_headline_lines, {"articles", "boilerplate"}),
}


def _read_in_two_lanes(raw: RawData, data_dir: Path, typed: bool) -> RawData:
    """Read and check every table and text in two threads, each busy while the other works.

    The reader thread parses the tables with Arrow (which lets go of the interpreter) in
    ``_READ_ORDER``. This thread meanwhile reads the article texts and does the plain
    Python work: it locates each table's excerpts and runs ``_TEXT_RULES`` as soon as
    their tables are read. The rules that need only tables (cells, keys, references, the
    joins of differences and readouts) are chores that either thread takes when it would
    otherwise wait. Excerpt positions go into this thread's own shallow copy of a frame,
    never into one the other thread may be reading. Problems are gathered in the order of
    one step after the other. With ``typed``, casting each table once it is final is a
    chore too.
    """
    articles = _read_one(data_dir, "articles", raw.read)
    read = {"articles": articles.problems}
    raw.tables = {"articles": articles.frame}
    raw.unreadable = set() if articles.readable else {"articles"}
    located: dict[str, list[Problem]] = {}
    checked: dict[str, list[Problem]] = {}
    with ThreadPoolExecutor(max_workers=1) as pool:
        # Reading a table is a chore of its own: the reader takes them in order; this thread,
        # when it would wait and no rule is ready, takes the last one nobody has started.
        reads = Chores()
        pending = {
            name: reads.add(name, partial(_read_one, data_dir, name, raw.read)) for name in _READ_ORDER
        }
        chores = _table_chores(data_dir, articles, pending)
        final = {name: Future() for name in TABLES}  # each table once this thread is done with it
        final["articles"].set_result(articles.frame)
        if typed:
            for name in TABLES:
                cells = chores.future(name)  # the table's cell and key rules
                cast = partial(_typed_if_valid, name, final[name], cells)
                chores.add(f"typed {name}", cast, [final[name], cells])
        finished = threading.Event()  # set when this thread has nothing left but chores
        reader = pool.submit(_reader_lane, reads, chores, finished)
        try:
            raw.texts, text_problems = read_articles(
                data_dir, articles.frame, look_for_unregistered=articles.readable, read=raw.read
            )
            waiting = dict(_TEXT_RULES)
            for name in _READ_ORDER:
                while not pending[name].done() and (chores.do_one() or reads.do_one(last=True)):
                    pass  # rather than wait for the table, do a chore
                frame, read[name], readable, _ = pending[name].result()
                if not readable:
                    raw.unreadable.add(name)
                table = TABLES[name]
                if table.excerpt or name == "translations":
                    frame = frame.copy(deep=False)  # positions are added to it
                raw.tables[name] = frame
                if table.excerpt:
                    located[name] = locate_excerpts(table, frame, raw.texts)
                for rule, (check, needs) in list(waiting.items()):
                    if needs <= raw.tables.keys():
                        checked[rule] = check(raw)
                        del waiting[rule]
                if name != "translations":  # translations are final once checked, below
                    final[name].set_result(frame)
            final["translations"].set_result(raw.tables["translations"])
            chores.do_all()
        finally:
            finished.set()  # also when this thread fails: the reader stops, and the error is raised
        reader.result()  # the chores the reader took are done too
        chores.do_all()  # and any that waited for one of them
        assert not chores.left(), f"chores never done: {chores.left()}"
    raw.tables = {name: raw.tables[name] for name in TABLES}
    done = chores.done
    raw.problems += [problem for name in TABLES for problem in read[name]]
    raw.problems += [problem for name in TABLES for problem in done[name]]
    raw.problems += [problem for name in TABLES for problem in done[f"references of {name}"]]
    raw.problems += text_problems
    raw.problems += [problem for name in TABLES for problem in located.get(name, [])]
    raw.problems += (
        checked["claims"]
        + done["differences of claims"]
        + done["readouts of claims"]
        + checked["translations"]
    )
    raw.problems += checked["aliases"] + checked["headlines"]
    raw.typed = {name: done[f"typed {name}"] for name in TABLES} if typed else {}
    return raw


def _reader_lane(reads: Chores, chores: Chores, finished: threading.Event) -> None:
    """The reader thread: every table in order, then chores until the other thread is done."""
    reads.do_all()
    while not finished.is_set():
        if not chores.do_one():
            finished.wait(0.001)  # nothing ready yet: look again in a millisecond


def _typed_if_valid(name: str, final: Future, cells: Future) -> pd.DataFrame | None:
    """The table cast to the schema's dtypes, or None if one of its cells is wrong (a cell that
    is no date or number cannot be cast; the Corpus is not built then anyway)."""
    if any(problem.severity == "error" for problem in cells.result()):
        return None
    return typed_table(name, final.result())


def _table_chores(data_dir: Path, articles: _Read, pending: dict[str, Future]) -> Chores:
    """The rules that need only tables as read, each a chore once its tables are read: each
    table's cells, keys and references, and the joins of differences and readouts to claims."""
    chores = Chores()

    def read(name: str) -> _Read:
        return articles if name == "articles" else pending[name].result()

    def cells_and_keys(name: str) -> list[Problem]:
        table, done = TABLES[name], read(name)
        return check_cells(table, done.frame, may_hide=done.may_hide) + check_keys(table, done.frame)

    def joined(check, names) -> Callable[[], list[Problem]]:
        return lambda: check(RawData(data_dir=data_dir, tables={name: read(name).frame for name in names}))

    def references(name: str, needed: list[str]) -> list[Problem]:
        unreadable = {other for other in needed if not read(other).readable}
        return check_references({other: read(other).frame for other in needed}, unreadable, (name,))

    def after(*names: str) -> list[Future]:
        return [pending[name] for name in names if name in pending]

    # The joins first: the longest chores, begun as soon as their tables are read, so that short
    # ones fill the end of the read rather than one long one keep the other thread waiting.
    readout_tables = ("claims", "differences", "propositions", "readouts", "readout_points")
    chores.add("readouts of claims", joined(check_readouts, readout_tables), after(*readout_tables))
    chores.add(
        "differences of claims",
        joined(check_differences, ["claims", "differences"]),
        after("claims", "differences"),
    )
    for name, table in TABLES.items():
        chores.add(name, lambda name=name: cells_and_keys(name), after(name))
        # The references of a table, once it and every table it points to are read.
        needed = [name, *sorted({c.ref for c in table.columns if c.kind in ("ref", "refs")} - {name})]
        chores.add(
            f"references of {name}", lambda name=name, needed=needed: references(name, needed), after(*needed)
        )
    return chores


@contextmanager
def _quick_handoffs() -> Iterator[None]:
    """Shorten the interval after which a thread hands over the interpreter, for the read.

    The two threads pass the interpreter back and forth thousands of times (every Arrow call
    and every file read lets go of it); by default one waits up to 5 ms to have it back. At
    1000x, 20 µs loaded faster than 100 µs or 500 µs, and no slower than 5 µs.
    """
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, 0.00002))
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


@contextmanager
def _no_collections() -> Iterator[None]:
    """Pause Python's cycle collector for the read, which makes millions of short-lived strings
    and would otherwise walk every live object again and again (none of them forms a cycle)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _memory_handed_back() -> Iterator[None]:
    """Let Arrow allocate from jemalloc during the read, which hands freed memory back at once.

    Arrow's default pool keeps freed memory for reuse; during the read that keeps the scratch
    memory of every table and rule, and the peak of a large corpus far above its size.
    """
    import pyarrow as pa

    pool = table_pool()
    if pool is None:
        yield
        return
    before = pa.default_memory_pool()
    pa.set_memory_pool(pool)
    try:
        yield
    finally:
        pa.set_memory_pool(before)


class _Read(NamedTuple):
    """One table as read: an empty frame if it could not be, the problems of reading it,
    whether it could be read, and whether a cell may hold an invisible control."""

    frame: pd.DataFrame
    problems: list[Problem]
    readable: bool
    may_hide: bool


def _read_one(data_dir: Path, name: str, read: dict[str, int]) -> _Read:
    frame, problems = read_table(data_dir, TABLES[name], read)
    if frame is None:
        return _Read(empty_table(name), problems, False, True)
    # The hint is taken off the frame: pandas would copy ``attrs`` into every frame derived from it.
    return _Read(frame, problems, True, frame.attrs.pop("invisible", True))


def check_tables(raw: RawData, names: tuple[str, ...] | None = None) -> list[Problem]:
    """Every rule on the tables of ``raw`` (strings, with ``_row``) and its article texts.

    Nothing is read from disk. Excerpts are located as a side effect (``_start``
    and ``_end`` columns). ``names`` limits the rules of single tables to those
    tables; the rules that join tables always run.

    >>> raw = read_data()
    >>> check_tables(raw) == []
    True
    """
    return _table_rules(raw, names) + _text_rules(raw, names)


def _table_rules(raw: RawData, names: tuple[str, ...] | None) -> list[Problem]:
    """Cells, keys and references: rules that need no article text."""
    problems: list[Problem] = []
    for name, table in TABLES.items():
        if names is None or name in names:
            problems += check_cells(table, raw.tables[name])
            problems += check_keys(table, raw.tables[name])
    return problems + check_references(raw.tables, raw.unreadable, names)


def _text_rules(raw: RawData, names: tuple[str, ...] | None) -> list[Problem]:
    """Excerpts located in their articles, and the rules that join tables."""
    problems: list[Problem] = []
    for name, table in TABLES.items():
        if table.excerpt and (names is None or name in names):
            problems += locate_excerpts(table, raw.tables[name], raw.texts)
    problems += check_claims(raw)
    problems += check_differences(raw)
    problems += check_readouts(raw)
    if names is None:
        problems += check_translations(raw)
        problems += check_aliases(raw)
        problems += check_headline_lines(raw)
    return problems


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Sort problems by table (in the order of the data dictionary), then row.

    >>> [p.file for p in in_file_order([Problem("claims.csv", 2, None, "", ""), Problem("articles.csv", 3, None, "", "")])]
    ['articles.csv', 'claims.csv']
    """
    order = {table.file: i for i, table in enumerate(TABLES.values())}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.file, p.row or 0))


def validate(data_dir: str | Path | None = None) -> list[Problem]:
    """Every problem in the data folder, errors and warnings, in file order.

    >>> [str(p) for p in validate("/nonexistent")]
    ['/nonexistent:-:-: is not a folder — give the path of a data folder (one that holds articles.csv)']
    """
    return in_file_order(read_data(data_dir).problems)
