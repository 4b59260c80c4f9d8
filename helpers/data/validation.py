"""Check a data folder, or tables already in memory, against every rule of the schema.

Every problem names the file, the row (as a spreadsheet numbers it: the header is
row 1), the column, what is wrong and how to fix it, in the form
``file:row:column: what is wrong — how to fix it``. All problems are collected
before anything is reported, so an instructor fixes a file in one pass.
Validating never writes a byte.

The work is in layers of its own: ``decoding`` (bytes to text), ``reading``
(text to a frame of strings), ``rules`` (cells, keys, references), ``texts``
(the article files), ``anchoring`` (where every excerpt and translated sentence
stands) and ``links`` (rules that join tables). :func:`check_tables` runs the
rules on tables in memory, so a student's claims are checked without a copy of
the folder.

>>> problems = validate()          # the bundled data
>>> [p for p in problems if p.severity == "error"]
[]
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from .anchoring import check_headline_lines, check_translations, locate_excerpts
from .decoding import decode_text
from .links import check_aliases, check_claims, check_differences, check_readouts
from .paths import BUNDLED_DATA_DIR, data_dir_or_default
from .problems import DataError, Problem
from .raw import RawData
from .reading import MAX_TABLE_BYTES, read_table
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
    # The tables are parsed by Arrow in a second thread, which lets go of the interpreter while
    # it works; meanwhile this thread reads the article texts and locates the excerpts of each
    # table as soon as it is parsed (plain Python). On two cores or more the two overlap.
    # Problems are gathered in the same order as one step after the other.
    articles = _read_and_check(data_dir, "articles", raw.read)
    done = {"articles": articles}
    located: dict[str, list[Problem]] = {}
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = {
            name: pool.submit(_read_and_check, data_dir, name, raw.read)
            for name in TABLES
            if name != "articles"
        }
        texts, text_problems = read_articles(
            data_dir, articles[0], look_for_unregistered=articles[3], read=raw.read
        )
        for name, table in TABLES.items():
            if name in pending:
                done[name] = pending[name].result()
            if table.excerpt:
                located[name] = locate_excerpts(table, done[name][0], texts)
    for name in TABLES:
        frame, problems, _, readable = done[name]
        raw.tables[name] = frame
        raw.problems += problems
        if not readable:
            raw.unreadable.add(name)
    for name in TABLES:
        raw.problems += done[name][2]
    raw.problems += check_references(raw.tables, raw.unreadable, None)
    raw.texts = texts
    raw.problems += text_problems
    raw.problems += _text_rules(raw, None, located)
    return raw


def _read_and_check(
    data_dir: Path, name: str, read: dict[str, int]
) -> tuple[pd.DataFrame, list[Problem], list[Problem], bool]:
    """One table read (an empty one if it cannot be), the problems of reading it, those of its
    cells and keys, and whether it could be read."""
    table = TABLES[name]
    frame, problems = read_table(data_dir, table, read)
    readable = frame is not None
    if frame is None:
        frame = empty_table(name)
    rules = check_cells(table, frame) + check_keys(table, frame)
    # The hint has served: pandas copies ``attrs`` into every frame derived from this one.
    frame.attrs.pop("invisible", None)
    # Arrow's default pool keeps the scratch memory of parsing and rules for reuse; handing it
    # back after each table keeps the peak of a large corpus near the size of its tables.
    _release_scratch()
    return frame, problems, rules, readable


def _release_scratch() -> None:
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


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


def _text_rules(
    raw: RawData, names: tuple[str, ...] | None, located: dict[str, list[Problem]] | None = None
) -> list[Problem]:
    """Excerpts located in their articles (unless ``located`` already holds their problems),
    and the rules that join tables."""
    problems: list[Problem] = []
    for name, table in TABLES.items():
        if located is not None and name in located:
            problems += located[name]
        elif table.excerpt and (names is None or name in names):
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
