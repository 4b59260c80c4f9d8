"""The Corpus: one data folder, loaded and validated once, with every position found while validating.

A :class:`Corpus` holds the typed tables (``frames``), the article texts, and
where every annotation stands in its article: claims, terms and mentions have
``start``/``end`` columns, each translated sentence has ``start``/``end`` (its
``original`` in the article text), and the page chrome of each article is a list
of spans. Nothing above the data layer searches a text again or reads a file:
analysis, display, widgets and teaching take a Corpus (or frames from it).

The joined views a lesson uses (``corpus.claims`` with each claim's language,
call and speaker's name; ``corpus.articles`` with body and counts …) are built
once and shared: treat them as read-only, or take a copy (the ``load_*``
functions return copies).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .problems import Problem
from .raw import RawData
from .schema import LIST_SEPARATOR, TABLES, Table
from .text import Span, count_words, script_of, sentence_spans
from .vector import arrow

__all__ = ["Corpus", "body_text", "join_list", "typed_table"]


def join_list(values) -> str:
    """Distinct values written as one list cell: sorted, ``;``-separated, missing values left out.

    >>> join_list(["wt-blinken-lavrov", "ar-blinken-lavrov", "wt-blinken-lavrov", pd.NA])
    'ar-blinken-lavrov;wt-blinken-lavrov'
    """
    return LIST_SEPARATOR.join(sorted({str(v) for v in values if not pd.isna(v)}))


def _joined(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    return frame.groupby(key, observed=True)[value].agg(join_list)


def body_text(text: str, chrome: list[Span]) -> str:
    """``text`` without the ``chrome`` spans, blank lines left by the removal closed up.

    >>> body_text("Menu\\n\\nThe story.\\n\\nShare", [Span(0, 4), Span(18, 23)])
    'The story.'
    """
    pieces, cursor = [], 0
    for span in sorted(chrome):
        pieces.append(text[cursor : span.start])
        cursor = max(cursor, span.end)
    pieces.append(text[cursor:])
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", "".join(pieces)).strip()


@dataclass(eq=False)
class Corpus:
    """Every table of one data folder as typed frames, the article texts, and where each annotation stands.

    ``frames[name]`` is the typed table ``name`` (a file of ``data/`` without
    ``.csv``); ``texts[article_id]`` the whole text; ``warnings`` what the validator
    warned about.

    >>> corpus = Corpus.load()
    >>> len(corpus.body("wt-blinken-lavrov")) < len(corpus.texts["wt-blinken-lavrov"])
    True
    >>> start, end, number = corpus.sentence_spans("ar-blinken-lavrov")[0]
    >>> corpus.texts["ar-blinken-lavrov"][start:end] == corpus.translations.loc[0, "original"]
    True
    """

    data_dir: Path
    frames: dict[str, pd.DataFrame]
    warnings: tuple[Problem, ...]
    texts: dict[str, str] = field(default_factory=dict)
    chrome: dict[str, list[Span]] = field(default_factory=dict)
    _views: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ building

    @classmethod
    def load(cls, data_dir: str | Path | None = None) -> Corpus:
        """The same as :func:`helpers.load_corpus`."""
        from .loading import load_corpus

        return load_corpus(data_dir)

    @classmethod
    def from_raw(cls, raw: RawData, *, consume: bool = False) -> Corpus:
        """The Corpus of a folder read and checked without errors.

        With ``consume``, each table of strings leaves ``raw.tables`` as soon as
        it is typed, so the two copies of a large corpus are never all in memory.
        """
        articles = raw.tables["articles"]["article_id"].tolist()
        chrome = {a: list(raw.boilerplate_spans(a)) for a in articles}
        warnings = tuple(p for p in raw.problems if p.severity != "error")
        if consume:
            frames = {name: _cast(raw, name, raw.tables.pop(name)) for name in TABLES}
        else:
            frames = {name: _cast(raw, name, raw.tables[name]) for name in TABLES}
        corpus = cls(raw.data_dir, frames, warnings, dict(raw.texts), chrome)
        aliases = corpus.frames["aliases"]
        aliases["script"] = aliases["alias"].map(script_of).astype("category")
        return corpus

    def table(self, name: str) -> pd.DataFrame:
        """A copy of the typed table ``name``: change it freely."""
        if name not in TABLES:
            raise KeyError(f"no table named {name!r}; the tables are: {', '.join(TABLES)}")
        return self.frames[name].copy()

    # ------------------------------------------------------------------ positions

    def chrome_spans(self, article_id: str) -> list[Span]:
        """Where the page chrome of an article stands in its text, in text order."""
        return list(self.chrome.get(article_id, []))

    def body(self, article_id: str) -> str:
        """The article's text without its page chrome (headline, byline, menus …)."""
        return body_text(self.texts[article_id], self.chrome.get(article_id, []))

    def sentence_spans(self, article_id: str) -> list[tuple[int, int, int]]:
        """``(start, end, sentence_no)`` of each translated sentence, as the validator found it, in text order."""
        rows = self.frames["translations"]
        rows = rows[(rows["article_id"] == article_id) & rows["start"].notna()]
        return sorted(
            zip(rows["start"].astype(int), rows["end"].astype(int), rows["sentence_no"].astype(int))
        )

    # ------------------------------------------------------------------ views

    def _view(self, name: str, build) -> pd.DataFrame:
        if name not in self._views:
            self._views[name] = build()
        return self._views[name]

    @property
    def articles(self) -> pd.DataFrame:
        """One row per article: metadata, ``text``, ``body`` and the body's counts (shared: do not modify)."""
        return self._view("articles", self._articles)

    def _articles(self) -> pd.DataFrame:
        articles = self.frames["articles"].copy()
        ids = list(articles["article_id"])
        bodies = [self.body(a) for a in ids]
        articles["text"] = pd.array([self.texts[a] for a in ids], dtype="string")
        articles["body"] = pd.array(bodies, dtype="string")
        articles["n_chars"] = pd.array([len(b) for b in bodies], dtype="Int64")
        articles["n_words"] = pd.array([count_words(b) for b in bodies], dtype="Int64")
        articles["n_sentences"] = pd.array([len(sentence_spans(b)) for b in bodies], dtype="Int64")
        return articles

    @property
    def people(self) -> pd.DataFrame:
        """One row per person the articles name."""
        return self._views.get("people", self.frames["people"])

    @property
    def aliases(self) -> pd.DataFrame:
        """Every spelling of every person, with the person's name and the alias's script."""
        return self._view(
            "aliases",
            lambda: self.frames["aliases"].merge(
                self.people[["person_id", "name"]], on="person_id", how="left"
            ),
        )

    @property
    def calls(self) -> pd.DataFrame:
        """One row per call, with the parties' names and the articles that mention it."""
        return self._view("calls", self._calls)

    def _calls(self) -> pd.DataFrame:
        calls = self.frames["calls"].copy()
        names = self.people.set_index("person_id")["name"]
        for side in ("party_a", "party_b", "initiator"):
            calls[f"{side}_name"] = calls[side].map(names).astype("string")
        mentions = self.frames["call_mentions"]
        calls["articles"] = calls["call_id"].map(_joined(mentions, "call_id", "article_id")).astype("string")
        main = mentions[mentions["role"] == "main"]
        calls["main_in"] = calls["call_id"].map(_joined(main, "call_id", "article_id")).astype("string")
        return calls

    @property
    def events(self) -> pd.DataFrame:
        """One row per context event, with the articles that mention it."""

        def build() -> pd.DataFrame:
            events = self.frames["events"].copy()
            mentions = self.frames["event_mentions"]
            joined = _joined(mentions, "event_id", "article_id")
            events["articles"] = events["event_id"].map(joined).astype("string")
            return events

        return self._view("events", build)

    @property
    def readouts(self) -> pd.DataFrame:
        """One row per official account of a call, with its number of checked points."""

        def build() -> pd.DataFrame:
            readouts = self.frames["readouts"].copy()
            counts = self.frames["readout_points"]["readout_id"].value_counts()
            readouts["n_points"] = readouts["readout_id"].map(counts).fillna(0).astype("Int64")
            return readouts

        return self._view("readouts", build)

    @property
    def readout_points(self) -> pd.DataFrame:
        """What each readout says (outside the five articles), with its readout's call, publisher and addresses."""
        columns = ["readout_id", "call_id", "publisher", "kind", "title", "url", "archive_url"]
        return self._view(
            "readout_points",
            lambda: self.frames["readout_points"].merge(
                self.frames["readouts"][columns], on="readout_id", how="left"
            ),
        )

    @property
    def propositions(self) -> pd.DataFrame:
        """One row per proposition, with its call's date and the articles that carry it."""
        return self._view("propositions", self._propositions)

    def _propositions(self) -> pd.DataFrame:
        claims = self.frames["claims"]
        calls = self.frames["calls"][["call_id", "date"]].rename(columns={"date": "call_date"})
        propositions = self.frames["propositions"].merge(calls, on="call_id", how="left")
        carried = _joined(claims, "proposition_id", "article_id")
        propositions["articles"] = propositions["proposition_id"].map(carried).astype("string")
        counts = claims["proposition_id"].value_counts()
        propositions["n_claims"] = propositions["proposition_id"].map(counts).fillna(0).astype("Int64")
        return propositions

    @property
    def claims(self) -> pd.DataFrame:
        """Every claim with its article's language, direction and outlet; its proposition's call,
        topic and statement; the speaker's name; and where its excerpt stands (``start``/``end``)."""
        return self._view("claims", self._claims)

    def _claims(self) -> pd.DataFrame:
        return self.claims_of(self.frames["claims"])

    def claims_of(self, claims: pd.DataFrame) -> pd.DataFrame:
        """Typed claims (of this corpus, or a student's) joined as :attr:`claims` joins them."""
        articles = self.frames["articles"][["article_id", "language", "direction", "outlet"]]
        propositions = self.frames["propositions"][["proposition_id", "call_id", "topic", "statement"]]
        names = self.people.set_index("person_id")["name"]
        claims = claims.merge(articles, on="article_id", how="left").merge(
            propositions, on="proposition_id", how="left"
        )
        claims["speaker_name"] = claims["speaker"].map(names).astype("string")
        return claims[_CLAIM_COLUMNS + [c for c in claims.columns if c not in _CLAIM_COLUMNS]]

    @property
    def translations(self) -> pd.DataFrame:
        """The working translations, one row per sentence, in text order, with ``start``/``end``."""
        return self._view(
            "translations",
            lambda: self.frames["translations"].sort_values(["article_id", "sentence_no"], ignore_index=True),
        )

    @property
    def differences(self) -> pd.DataFrame:
        """The curated differences between sources."""
        return self._views.get("differences", self.frames["differences"])

    @property
    def terms(self) -> pd.DataFrame:
        """Loaded and framing vocabulary, with each article's language and where each term stands."""
        articles = self.frames["articles"][["article_id", "language"]]
        return self._view("terms", lambda: self.frames["terms"].merge(articles, on="article_id", how="left"))

    def replace(self, **views: pd.DataFrame) -> Corpus:
        """A Corpus whose views ``claims``, ``terms`` … are the frames given (a selection, an
        instructor's version); everything else is shared with this one.

        >>> corpus = Corpus.load()
        >>> mine = corpus.replace(claims=corpus.claims.head(3))
        >>> len(mine.claims), len(corpus.claims) > 3
        (3, True)
        """
        copy = Corpus(self.data_dir, self.frames, self.warnings, self.texts, self.chrome, dict(self._views))
        copy._views.update(views)
        return copy


_CLAIM_COLUMNS = [
    "claim_id",
    "article_id",
    "language",
    "direction",
    "outlet",
    "call_id",
    "proposition_id",
    "topic",
    "statement",
    "excerpt",
    "gloss",
    "speaker",
    "speaker_name",
    "source",
    "attribution",
    "mode",
    "reporting_verb",
]


def _cast(raw: RawData, name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The table as cast during the read, or cast now."""
    cast = raw.typed.get(name)
    return _typed(TABLES[name], frame) if cast is None else cast


def _typed(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a table of strings to the schema's dtypes; empty cells become missing."""
    out = pd.DataFrame(index=range(len(frame)))
    for column in table.columns:
        values = frame[column.name].reset_index(drop=True)
        if column.kind not in ("choice", "language", "date", "int"):
            out[column.name] = _blank_as_missing(values)
            continue
        if column.kind == "choice":
            # Each cell's place among the choices, in Arrow: an empty cell has none (-1, missing).
            codes = pc.fill_null(pc.index_in(arrow(values), value_set=pa.array(column.choices)), -1)
            out[column.name] = pd.Categorical.from_codes(np.asarray(codes), categories=list(column.choices))
            continue
        if column.kind == "int":
            out[column.name] = _whole_numbers(values)
            continue
        values = values.where(values != "", None)
        if column.kind == "language":
            out[column.name] = values.astype("category")
        else:  # date
            out[column.name] = pd.to_datetime(values, format="%Y-%m-%d")
    if "_start" in frame:
        out["start"] = frame["_start"].reset_index(drop=True).astype("Int64")
        out["end"] = frame["_end"].reset_index(drop=True).astype("Int64")
    return out


def _whole_numbers(values: pd.Series) -> pd.arrays.IntegerArray:
    """Cells of digits (checked before) as ``Int64``; an empty cell is missing. Arrow reads the
    digits without a Python object per cell, as ``pd.to_numeric`` makes.

    >>> _whole_numbers(pd.Series(["2", "", "010"], dtype="str")).tolist()
    [2, <NA>, 10]
    """
    cells = arrow(values)
    numbers = pc.cast(pc.if_else(pc.equal(cells, ""), pa.scalar(None, cells.type), cells), pa.int64())
    return pd.arrays.IntegerArray(
        np.asarray(pc.fill_null(numbers, 0), dtype=np.int64), np.asarray(pc.is_null(numbers), dtype=bool)
    )


def _blank_as_missing(values: pd.Series) -> pd.arrays.ArrowStringArray:
    """Strings (pandas ``string``) with each empty cell missing.

    For Arrow strings the text and its offsets are shared, not copied: only which cells are
    missing is new. (pandas keeps strings as Arrow's ``large_string``: a cast to ``string`` and
    back would copy the offsets twice, and hold a second copy of them while the read lasts.)
    """
    cells = arrow(values)
    chunks = cells.chunks if isinstance(cells, pa.ChunkedArray) else [cells]
    kept = []
    for chunk in chunks:
        filled = pc.not_equal(chunk, "")
        if chunk.null_count or chunk.offset or filled.offset:
            kept.append(pc.if_else(filled, chunk, pa.scalar(None, chunk.type)))
        else:
            validity, offsets, data = chunk.buffers()
            kept.append(pa.Array.from_buffers(chunk.type, len(chunk), [filled.buffers()[1], offsets, data]))
    return pd.array(pa.chunked_array(kept, type=cells.type), dtype="string")


def typed_table(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """One table of strings (as read) cast to the schema's dtypes, with ``start``/``end`` if located."""
    return _typed(TABLES[name], frame)
