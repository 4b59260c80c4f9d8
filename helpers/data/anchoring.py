"""Anchor every annotation in its article: excerpts, translated sentences, page chrome.

Each excerpt is found once, here; where it stands (``_start``/``_end``) is kept
in the tables, so the Corpus, the analysis and the widgets never search again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .problems import Problem, quoted
from .raw import RawData
from .rules import INT as _INT
from .rules import MOST_DIGITS
from .schema import ISO_639_1, Table
from .text import Span, find_all, search_key
from .vector import arrow, failing, only_digits

__all__ = ["locate_excerpts", "check_translations", "check_headline_lines"]

_VISIBLE = re.compile(r"\S")


def locate_excerpts(table: Table, frame: pd.DataFrame, texts: dict[str, str]) -> list[Problem]:
    """Find every excerpt in its article; record where, or say why it cannot be found.

    >>> from helpers.data.validation import read_data
    >>> from helpers.data.schema import TABLES
    >>> raw = read_data()
    >>> locate_excerpts(TABLES["claims"], raw.tables["claims"], raw.texts), int(raw.tables["claims"]["_start"].isna().sum())
    ([], 0)
    """
    article_column, excerpt_column = table.excerpt
    problems: list[Problem] = []
    size = len(frame)
    starts = [-1] * size  # a list: setting an item costs less than in a numpy array
    occurrence = frame["occurrence"]
    rows = frame["_row"].to_numpy()
    # The occurrence asked for, or -1 when none is (a cell that is no number is reported as such).
    numbered = occurrence != ""
    if not only_digits(occurrence, longest=MOST_DIGITS):
        numbered &= ~failing(occurrence, _INT.pattern, _INT.fullmatch)
    wanted = np.full(size, -1, dtype=np.int64)
    if numbered.any():
        wanted[numbered.to_numpy()] = occurrence[numbered].astype(object).map(int).to_numpy(dtype=np.int64)
    # Each row's article as its place among the texts, found by Arrow: no Python string per row.
    ids = list(texts)
    cells = arrow(frame[article_column])
    places = pc.fill_null(pc.index_in(cells, value_set=pa.array(ids, type=cells.type)), -1)
    text_at = [*texts.values(), None]  # place -1, an article without a text, finds None
    for at, place, excerpt, asked in zip(
        range(size),
        np.asarray(places, dtype=np.int64).tolist(),
        _cells(frame[excerpt_column]),
        wanted.tolist(),
    ):
        text = text_at[place]
        if text is None or not excerpt:
            continue
        first = text.find(excerpt)
        # The usual case, one occurrence and none asked for: two searches, no list.
        if first != -1 and asked < 0 and text.find(excerpt, first + 1) == -1:
            starts[at] = first
            continue
        found = find_all(text, excerpt) if first != -1 else []
        number, article_id = int(rows[at]), ids[place]
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
        elif asked < 0 and len(found) > 1:
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
        elif asked >= 0 and not 1 <= asked <= len(found):
            problems.append(
                Problem(
                    table.file,
                    number,
                    "occurrence",
                    f"asks for occurrence {asked}, but the {excerpt_column} occurs "
                    f"{len(found)} time{'s' if len(found) != 1 else ''}",
                    f"use a number from 1 to {len(found)}",
                )
            )
        else:
            starts[at] = found[max(asked, 1) - 1]
    start = np.array(starts, dtype=np.int64)
    missing = start < 0
    # An excerpt's length in characters, as Python counts them (Arrow counts code points alike).
    lengths = np.asarray(pc.fill_null(pc.utf8_length(arrow(frame[excerpt_column])), 0), dtype=np.int64)
    frame["_start"] = pd.arrays.IntegerArray(np.where(missing, 0, start), missing)
    frame["_end"] = pd.arrays.IntegerArray(np.where(missing, 0, start + lengths), missing)
    return problems


def _cells(values: pd.Series, step: int = 20_000) -> Iterator[str]:
    """The cells as Python strings, a slice at a time: a large table is never all Python objects."""
    cells = arrow(values)
    return chain.from_iterable(cells.slice(start, step).to_pylist() for start in range(0, len(cells), step))


# Spaces a keyboard does not type, which French typography puts before « : ; ? ! and inside « ».
_SPACES = str.maketrans(
    {c: " " for c in "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u205f\u3000"}
)
_TYPED_QUOTES = str.maketrans(
    {"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'"}
)


def _odd_spaces(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in text if c != " " and c.translate(_SPACES) == " "})


def _not_found(excerpt: str, text: str, article_id: str) -> str:
    """Why ``excerpt`` is not in ``text``, with the likeliest cause when a near match exists.

    >>> print(_not_found("le 3 mars : appel", "Dit le 3 mars\u00a0: appel.", "fr-x"))
    ⟦le 3 mars : appel⟧ is not in fr-x as written, though it matches once spaces are compared alike: the article has no-break spaces (U+00A0) where the excerpt has ordinary ones
    """
    shown = quoted(excerpt)
    spaced_text, spaced_excerpt = text.translate(_SPACES), excerpt.translate(_SPACES)
    if spaced_excerpt in spaced_text:
        at = spaced_text.find(spaced_excerpt)
        theirs, mine = _odd_spaces(text[at : at + len(excerpt)]), _odd_spaces(excerpt)
        if theirs:
            detail = (
                f"the article has no-break spaces ({', '.join(theirs)}) where the excerpt has ordinary ones"
            )
        else:
            detail = (
                f"the excerpt has no-break spaces ({', '.join(mine)}) where the article has ordinary ones"
            )
        return (
            f"{shown} is not in {article_id} as written, though it matches once spaces are compared alike: "
            f"{detail}"
        )
    if excerpt.translate(_TYPED_QUOTES) in text.translate(_TYPED_QUOTES):
        return (
            f"{shown} is not in {article_id} as written, though it matches once quotation marks are compared "
            "alike: the article's « » or curly quotes “ ” were typed as straight ones (or the reverse)"
        )
    if search_key(excerpt) in search_key(text):
        return (
            f"{shown} is not in {article_id} as written, though it matches once case, "
            "quotation marks and diacritics are ignored: check those"
        )
    return f"{shown} is not in {article_id}"


def check_translations(raw: RawData) -> list[Problem]:
    """Originals are verbatim, in order, and together cover every article body."""
    problems: list[Problem] = []
    if "translations" in raw.unreadable:
        return problems
    translations = raw.tables["translations"]
    articles = raw.tables["articles"]
    columns = ["article_id", "sentence_no", "_row", "original"]
    numbered = translations.loc[translations["sentence_no"].str.fullmatch(_INT.pattern), columns]
    numbered = numbered.assign(_n=numbered["sentence_no"].astype(int)).sort_values(["article_id", "_n"])
    grouped: dict[str, list[tuple[int, int, str]]] = {}
    found: dict[int, tuple[int, int]] = {}  # spreadsheet row -> where its original stands
    for article_id, n, number, original in zip(
        numbered["article_id"].tolist(),
        numbered["_n"].tolist(),
        numbered["_row"].tolist(),
        numbered["original"].tolist(),
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
            found[number] = (at, at + len(original))
            cursor = at + len(original)
        missing = _uncovered_body(text, covered, raw.boilerplate_spans(article_id))
        if missing is not None:
            start, end = missing
            snippet = quoted(text[start:end].strip())
            problems.append(
                Problem(
                    "translations.csv",
                    None,
                    "original",
                    f"{article_id}: the body text {snippet} has no translation row",
                    "add a row with this sentence and its translation",
                )
            )
    # Where each row's original stands, by its place in the table (missing where not found).
    start = np.full(len(translations), -1, dtype=np.int64)
    end = start.copy()
    if found:
        at = pd.Index(translations["_row"].to_numpy()).get_indexer(list(found))
        spans = np.array(list(found.values()), dtype=np.int64)
        start[at], end[at] = spans[:, 0], spans[:, 1]
    missing = start < 0
    translations["_start"] = pd.arrays.IntegerArray(np.where(missing, 0, start), missing)
    translations["_end"] = pd.arrays.IntegerArray(np.where(missing, 0, end), missing)
    translated = set(grouped)
    for article_id, language in zip(articles["article_id"].tolist(), articles["language"].tolist()):
        if (
            language in ISO_639_1
            and language != "en"
            and article_id in raw.texts
            and article_id not in translated
        ):
            problems.append(
                Problem(
                    "translations.csv",
                    None,
                    "article_id",
                    f"{article_id} ({language}) has no working translation yet",
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


def check_headline_lines(raw: RawData) -> list[Problem]:
    """Warn where an article's first line outside the chrome repeats its headline: page chrome
    (kind ``headline``) that boilerplate.csv does not mark, so counts and translations include it."""
    problems = []
    articles = raw.tables["articles"]
    for article_id, headline in zip(articles["article_id"].tolist(), articles["headline"].tolist()):
        text = raw.texts.get(article_id)
        if not text or not headline:
            continue
        first = _first_body_line(text, raw.boilerplate_spans(article_id))
        if first is not None and search_key(first.strip()) == search_key(headline.strip()):
            problems.append(
                Problem(
                    "boilerplate.csv",
                    None,
                    "excerpt",
                    f"the first line of {article_id} repeats its headline ({quoted(first.strip())}) "
                    "but is not marked as page chrome",
                    f"add a row: {article_id}, the line as excerpt, kind headline",
                    "warning",
                )
            )
    return problems


def _first_body_line(text: str, chrome: list[Span]) -> str | None:
    """The first line of ``text`` that holds a visible character outside every chrome span."""
    cursor = 0
    for span in [*sorted(chrome), Span(len(text), len(text))]:
        gap = _VISIBLE.search(text, cursor, span.start) if span.start > cursor else None
        if gap:
            line_start = text.rfind("\n", 0, gap.start()) + 1
            line_end = text.find("\n", gap.start())
            return text[line_start : line_end if line_end != -1 else len(text)]
        cursor = max(cursor, span.end)
    return None
