"""Load the data folder into tidy, typed pandas frames.

Loading validates first: invalid data raises :class:`helpers.DataError` listing
every problem, so a lesson never runs on data it has misread. The frames are
cached per folder and reloaded when a file in it changes; every call returns a
fresh copy, so changing a frame in a notebook cannot change what the next cell
loads. A validated folder is also kept in a cache on disk, outside the data
folder (:mod:`helpers.cache`), so the next kernel loads unchanged data without
checking it again. Nothing here writes to the data folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from . import cache
from .schema import LIST_SEPARATOR, TABLES, Table
from .text import count_words, script_of, sentence_spans
from .validation import (
    ARTICLES_FOLDER,
    MAX_ARTICLE_BYTES,
    MAX_TABLE_BYTES,
    DataError,
    Problem,
    RawData,
    data_dir_or_default,
    read_data,
)

__all__ = [
    "Corpus",
    "load_corpus",
    "load_table",
    "load_articles",
    "load_claims",
    "load_propositions",
    "load_calls",
    "load_translations",
    "load_differences",
    "load_terms",
    "load_people",
    "load_aliases",
    "load_events",
    "load_readouts",
    "load_readout_points",
    "join_list",
]


@dataclass(frozen=True)
class Corpus:
    """Every table of one data folder as typed frames, and the warnings found."""

    data_dir: Path
    frames: dict[str, pd.DataFrame]
    warnings: tuple[Problem, ...]


_cache: dict[Path, tuple[tuple, Corpus]] = {}


def _files(data_dir: Path) -> list[Path]:
    """Every file that loading reads, in a fixed order."""
    return [
        path
        for folder in (data_dir, data_dir / ARTICLES_FOLDER)
        if folder.is_dir()
        for path in sorted(folder.iterdir())
        if path.is_file()
    ]


def _fingerprint(files: list[Path]) -> tuple:
    """Size and modification time of each of ``files``: one ``stat`` each."""
    stats = [path.stat() for path in files]
    return tuple((str(path), stat.st_size, stat.st_mtime_ns) for path, stat in zip(files, stats))


def load_corpus(data_dir: str | Path | None = None) -> Corpus:
    """Validate and load every table of ``data_dir`` (default: ``$READOUTS_DATA``, else the bundled ``data/``).

    Raises :class:`helpers.DataError` if the folder has errors. Cached: a second
    call on an unchanged folder costs a few file ``stat`` calls, and a new kernel
    finds the validated frames in the cache on disk (:mod:`helpers.cache`) as long
    as not a byte of the folder has changed.

    >>> corpus = load_corpus()
    >>> sorted(corpus.frames)[:3]
    ['aliases', 'articles', 'boilerplate']
    """
    folder = data_dir_or_default(data_dir).resolve()
    files = _files(folder)
    fingerprint = _fingerprint(files)
    cached = _cache.get(folder)
    if cached and cached[0] == fingerprint:
        return cached[1]
    # An oversized file is refused by its size alone (validation never reads it): no key.
    oversized = any(
        size > (MAX_TABLE_BYTES if path.suffix == ".csv" else MAX_ARTICLE_BYTES)
        for path, (_, size, _) in zip(files, fingerprint)
    )
    key = cache.content_key(files, folder) if cache.cache_dir() and not oversized else None
    corpus = cache.load(key) if key else None
    if isinstance(corpus, Corpus):
        corpus = replace(corpus, data_dir=folder)  # the same bytes may live in another folder
    else:
        raw = read_data(folder)
        if raw.errors:
            raise DataError(raw.errors)
        corpus = Corpus(folder, _typed_frames(raw), tuple(p for p in raw.problems if p.severity != "error"))
        if key:
            cache.store(key, corpus)
    _cache[folder] = (fingerprint, corpus)
    return corpus


def _typed(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a table of strings to the schema's dtypes; empty cells become missing."""
    out = pd.DataFrame(index=range(len(frame)))
    for column in table.columns:
        values = frame[column.name].reset_index(drop=True).replace("", pd.NA)
        if column.kind == "choice":
            out[column.name] = pd.Categorical(values, categories=list(column.choices))
        elif column.kind == "language":
            out[column.name] = values.astype("category")
        elif column.kind == "date":
            out[column.name] = pd.to_datetime(values, format="%Y-%m-%d")
        elif column.kind == "int":
            out[column.name] = pd.to_numeric(values).astype("Int64")
        else:
            out[column.name] = values.astype("string")
    if "_start" in frame:
        out["start"] = frame["_start"].reset_index(drop=True).astype("Int64")
        out["end"] = frame["_end"].reset_index(drop=True).astype("Int64")
    return out


def _body(text: str, chrome: list) -> str:
    """The text without its boilerplate, blank lines left by the removal closed up."""
    pieces, cursor = [], 0
    for span in chrome:
        pieces.append(text[cursor : span.start])
        cursor = max(cursor, span.end)
    pieces.append(text[cursor:])
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", "".join(pieces)).strip()


def _typed_frames(raw: RawData) -> dict[str, pd.DataFrame]:
    frames = {name: _typed(TABLES[name], raw.tables[name]) for name in TABLES}
    articles = frames["articles"]
    texts = [raw.texts[a] for a in articles["article_id"]]
    bodies = [_body(t, raw.boilerplate_spans(a)) for a, t in zip(articles["article_id"], texts)]
    articles["text"] = pd.array(texts, dtype="string")
    articles["body"] = pd.array(bodies, dtype="string")
    articles["n_chars"] = pd.array([len(b) for b in bodies], dtype="Int64")
    articles["n_words"] = pd.array([count_words(b) for b in bodies], dtype="Int64")
    articles["n_sentences"] = pd.array([len(sentence_spans(b)) for b in bodies], dtype="Int64")
    frames["aliases"]["script"] = frames["aliases"]["alias"].map(script_of).astype("category")
    return frames


def load_table(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One table of the data folder as a typed frame (a copy: change it freely).

    ``name`` is a file name without ``.csv``: one of ``helpers.data.schema.TABLES``.

    >>> load_table("people").loc[0, "person_id"]
    'blinken'
    """
    if name not in TABLES:
        raise KeyError(f"no table named {name!r}; the tables are: {', '.join(TABLES)}")
    return load_corpus(data_dir).frames[name].copy()


def load_articles(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per article: its metadata, ``text`` (whole file), ``body`` (without
    page chrome, headline, byline or caption) and the body's ``n_chars``,
    ``n_words`` and ``n_sentences``.

    >>> articles = load_articles()
    >>> sorted(articles["language"].astype(str).unique())
    ['ar', 'en', 'vi']
    """
    return load_table("articles", data_dir)


def load_people(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per person the articles name.

    >>> load_people().set_index("person_id").loc["lavrov", "country"]
    'Russia'
    """
    return load_table("people", data_dir)


def load_aliases(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every spelling of every person, with the person's name and the alias's script.

    >>> aliases = load_aliases()
    >>> sorted(aliases.loc[aliases["person_id"] == "blinken", "script"].astype(str).unique())
    ['Arabic', 'Latin']
    """
    people = load_table("people", data_dir)[["person_id", "name"]]
    return load_table("aliases", data_dir).merge(people, on="person_id", how="left")


def load_calls(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per call, with the parties' names and the articles that mention it.

    ``articles`` lists the articles mentioning the call (``;``-separated);
    ``main_in`` those for which it is the main subject.

    >>> calls = load_calls().set_index("call_id")
    >>> calls.loc["blinken-lavrov-2022-02-01", "party_b_name"]
    'Sergey Lavrov'
    """
    calls = load_table("calls", data_dir)
    names = load_table("people", data_dir).set_index("person_id")["name"]
    for side in ("party_a", "party_b", "initiator"):
        calls[f"{side}_name"] = calls[side].map(names).astype("string")
    mentions = load_table("call_mentions", data_dir)
    calls["articles"] = calls["call_id"].map(_joined(mentions, "call_id", "article_id")).astype("string")
    main = mentions[mentions["role"] == "main"]
    calls["main_in"] = calls["call_id"].map(_joined(main, "call_id", "article_id")).astype("string")
    return calls


def join_list(values) -> str:
    """Distinct values written as one list cell: sorted, ``;``-separated, missing values left out.

    >>> join_list(["wt-blinken-lavrov", "ar-blinken-lavrov", "wt-blinken-lavrov", pd.NA])
    'ar-blinken-lavrov;wt-blinken-lavrov'
    """
    return LIST_SEPARATOR.join(sorted({str(v) for v in values if not pd.isna(v)}))


def _joined(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    return frame.groupby(key, observed=True)[value].agg(join_list)


def load_events(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per context event, with the articles that mention it.

    >>> "invasion-2022-02-24" in set(load_events()["event_id"])
    True
    """
    events = load_table("events", data_dir)
    mentions = load_table("event_mentions", data_dir)
    events["articles"] = events["event_id"].map(_joined(mentions, "event_id", "article_id")).astype("string")
    return events


def load_readouts(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per official account of a call, with its number of checked points.

    >>> readouts = load_readouts().set_index("readout_id")
    >>> readouts.loc["state-dept-2022-02-01", "call_id"]
    'blinken-lavrov-2022-02-01'
    """
    readouts = load_table("readouts", data_dir)
    points = load_table("readout_points", data_dir)
    counts = points["readout_id"].value_counts()
    readouts["n_points"] = readouts["readout_id"].map(counts).fillna(0).astype("Int64")
    return readouts


def load_readout_points(data_dir: str | Path | None = None) -> pd.DataFrame:
    """What each official readout says, one point a row: facts from outside the five articles,
    in the project's own words, each checked on the page ``checked_at``.

    Beside the point: its readout's ``call_id``, ``publisher``, ``kind``, ``title``,
    ``url`` and ``archive_url``.

    >>> points = load_readout_points()
    >>> points["checked_at"].str.startswith("https://").all()
    True
    """
    points = load_table("readout_points", data_dir)
    readouts = load_table("readouts", data_dir)[
        ["readout_id", "call_id", "publisher", "kind", "title", "url", "archive_url"]
    ]
    return points.merge(readouts, on="readout_id", how="left")


def load_propositions(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per proposition, with its call's date and the articles that carry it.

    >>> props = load_propositions()
    >>> props.loc[props["topic"] == "duration", "call_id"].iloc[0]
    'blinken-lavrov-2022-02-01'
    """
    propositions = load_table("propositions", data_dir)
    calls = load_table("calls", data_dir)[["call_id", "date"]].rename(columns={"date": "call_date"})
    claims = load_table("claims", data_dir)
    propositions = propositions.merge(calls, on="call_id", how="left")
    carried = _joined(claims, "proposition_id", "article_id")
    propositions["articles"] = propositions["proposition_id"].map(carried).astype("string")
    propositions["n_claims"] = (
        propositions["proposition_id"].map(claims["proposition_id"].value_counts()).fillna(0).astype("Int64")
    )
    return propositions


def load_claims(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every claim with what a student needs beside it: the article's language,
    direction and outlet; the proposition's call, topic and statement; the
    speaker's name.

    >>> claims = load_claims()
    >>> set(claims["language"].astype(str)) == {"ar", "en", "vi"}
    True
    """
    claims = load_table("claims", data_dir)
    articles = load_table("articles", data_dir)[["article_id", "language", "direction", "outlet"]]
    propositions = load_table("propositions", data_dir)[["proposition_id", "call_id", "topic", "statement"]]
    names = load_table("people", data_dir).set_index("person_id")["name"]
    claims = claims.merge(articles, on="article_id", how="left").merge(
        propositions, on="proposition_id", how="left"
    )
    claims["speaker_name"] = claims["speaker"].map(names).astype("string")
    first = [
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
    return claims[first + [c for c in claims.columns if c not in first]]


def load_translations(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The project's working translations, one row per sentence, in text order.

    >>> load_translations()["article_id"].nunique()
    3
    """
    translations = load_table("translations", data_dir)
    return translations.sort_values(["article_id", "sentence_no"], ignore_index=True)


def load_differences(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The curated differences between sources.

    >>> "omission" in set(load_differences()["kind"].astype(str))
    True
    """
    return load_table("differences", data_dir)


def load_terms(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Loaded and framing vocabulary, with each article's language.

    >>> set(load_terms()["language"].astype(str)) == {"ar", "en", "vi"}
    True
    """
    articles = load_table("articles", data_dir)[["article_id", "language"]]
    return load_table("terms", data_dir).merge(articles, on="article_id", how="left")
