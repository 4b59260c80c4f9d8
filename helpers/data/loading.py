"""Load the data folder into one validated :class:`Corpus`, and the simple loaders lessons call.

Loading validates first: invalid data raises :class:`helpers.DataError` listing
every problem, so a lesson never runs on data it has misread. The Corpus of a
folder is kept in memory and used again while every file of the folder has the
same content (compared by content, not by size and modification time); every
``load_*`` function returns a fresh copy, so changing a frame in a notebook
cannot change what the next cell loads. Nothing here writes anything.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .corpus import Corpus, _joined, join_list
from .paths import fingerprint
from .problems import DataError
from .schema import TABLES
from .texts import ARTICLES_FOLDER
from .validation import data_dir_or_default, read_data

__all__ = [
    "Corpus",
    "load_corpus",
    "as_corpus",
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
    "_joined",
]

# folder -> (hash of each file read, the folder's listing, the Corpus read from them)
_loaded: dict[str, tuple[dict[str, int], tuple[str, ...], Corpus]] = {}


def _listing(folder: Path) -> tuple[str, ...]:
    """The names in the folder and its articles folder: a new or removed file changes the warnings."""
    names = []
    for sub in (folder, folder / ARTICLES_FOLDER):
        try:
            names += [f"{sub.name}/{entry.name}" for entry in os.scandir(sub)]
        except OSError:
            continue
    return tuple(sorted(names))


def _unchanged(read: dict[str, int], listing: tuple[str, ...], folder: Path) -> bool:
    """Whether every file read last time has the same content (its length and CRC-32, not its
    modification time), and no file came or went. Only files that
    validation read are read again: nothing outside the data folder."""
    if _listing(folder) != listing:
        return False
    for path, digest in read.items():
        try:
            with open(path, "rb") as handle:
                if fingerprint(handle.read()) != digest:
                    return False
        except OSError:
            return False
    return True


def load_corpus(data_dir: str | Path | None = None) -> Corpus:
    """Validate and load every table of ``data_dir`` (default: ``$READOUTS_DATA``, else the bundled ``data/``).

    Raises :class:`helpers.DataError` if the folder has errors. A second call on
    a folder whose files have the same content returns the same Corpus.

    >>> corpus = load_corpus()
    >>> sorted(corpus.frames)[:3]
    ['aliases', 'articles', 'boilerplate']
    """
    folder = data_dir_or_default(data_dir)
    key = os.path.realpath(folder)
    cached = _loaded.get(key)
    if cached is not None and _unchanged(cached[0], cached[1], folder):
        return cached[2]
    listing = _listing(folder)
    raw = read_data(folder, typed=True)
    if raw.errors:
        raise DataError(raw.errors)
    corpus = Corpus.from_raw(raw, consume=True)  # raw's tables are not needed again
    _loaded[key] = (raw.read, listing, corpus)
    return corpus


def as_corpus(corpus: Corpus | str | Path | None = None) -> Corpus:
    """``corpus`` itself if it is a :class:`Corpus`; else the Corpus of that folder (None: the default one).

    The one place where an analysis function that was given no Corpus gets one.

    >>> as_corpus() is load_corpus()
    True
    """
    return corpus if isinstance(corpus, Corpus) else load_corpus(corpus)


def load_table(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One table of the data folder as a typed frame (a copy: change it freely).

    ``name`` is a file name without ``.csv``: one of ``helpers.data.schema.TABLES``.

    >>> load_table("people").loc[0, "person_id"]
    'blinken'
    """
    if name not in TABLES:
        raise KeyError(f"no table named {name!r}; the tables are: {', '.join(TABLES)}")
    return load_corpus(data_dir).table(name)


def load_articles(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per article: its metadata, ``text`` (whole file), ``body`` (without
    page chrome, headline, byline or caption) and the body's ``n_chars``,
    ``n_words`` and ``n_sentences``.

    >>> articles = load_articles()
    >>> sorted(articles["language"].astype(str).unique())
    ['ar', 'en', 'vi']
    """
    return load_corpus(data_dir).articles.copy()


def load_people(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per person the articles name.

    >>> load_people().set_index("person_id").loc["lavrov", "country"]
    'Russia'
    """
    return load_corpus(data_dir).people.copy()


def load_aliases(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every spelling of every person, with the person's name and the alias's script.

    >>> aliases = load_aliases()
    >>> sorted(aliases.loc[aliases["person_id"] == "blinken", "script"].astype(str).unique())
    ['Arabic', 'Latin']
    """
    return load_corpus(data_dir).aliases.copy()


def load_calls(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per call, with the parties' names and the articles that mention it.

    ``articles`` lists the articles mentioning the call (``;``-separated);
    ``main_in`` those for which it is the main subject.

    >>> calls = load_calls().set_index("call_id")
    >>> calls.loc["blinken-lavrov-2022-02-01", "party_b_name"]
    'Sergey Lavrov'
    """
    return load_corpus(data_dir).calls.copy()


def load_events(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per context event, with the articles that mention it.

    >>> "invasion-2022-02-24" in set(load_events()["event_id"])
    True
    """
    return load_corpus(data_dir).events.copy()


def load_readouts(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per official account of a call, with its number of checked points.

    >>> readouts = load_readouts().set_index("readout_id")
    >>> readouts.loc["state-dept-2022-02-01", "call_id"]
    'blinken-lavrov-2022-02-01'
    """
    return load_corpus(data_dir).readouts.copy()


def load_readout_points(data_dir: str | Path | None = None) -> pd.DataFrame:
    """What each official readout says, one point a row: facts from outside the five articles,
    in the project's own words, each checked on the page ``checked_at``.

    Beside the point: its readout's ``call_id``, ``publisher``, ``kind``, ``title``,
    ``url`` and ``archive_url``.

    >>> points = load_readout_points()
    >>> bool(points["checked_at"].str.match(r"https?://").all())
    True
    """
    return load_corpus(data_dir).readout_points.copy()


def load_propositions(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per proposition, with its call's date and the articles that carry it.

    >>> props = load_propositions()
    >>> props.loc[props["topic"] == "duration", "call_id"].iloc[0]
    'blinken-lavrov-2022-02-01'
    """
    return load_corpus(data_dir).propositions.copy()


def load_claims(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every claim with what a student needs beside it: the article's language,
    direction and outlet; the proposition's call, topic and statement; the
    speaker's name.

    >>> claims = load_claims()
    >>> set(claims["language"].astype(str)) == {"ar", "en", "vi"}
    True
    """
    return load_corpus(data_dir).claims.copy()


def load_translations(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The project's working translations, one row per sentence, in text order.

    >>> load_translations()["article_id"].nunique()
    3
    """
    return load_corpus(data_dir).translations.copy()


def load_differences(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The curated differences between sources.

    >>> "omission" in set(load_differences()["kind"].astype(str))
    True
    """
    return load_corpus(data_dir).differences.copy()


def load_terms(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Loaded and framing vocabulary, with each article's language.

    >>> set(load_terms()["language"].astype(str)) == {"ar", "en", "vi"}
    True
    """
    return load_corpus(data_dir).terms.copy()
