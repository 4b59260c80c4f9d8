"""Check a table that is not in the data folder (a student's claims file) against a Corpus in memory.

The rules are the validator's own (:func:`helpers.data.validation.check_tables`),
run on the student's rows beside the corpus's tables: no copy of ``data/``,
nothing written anywhere.
"""

from __future__ import annotations

import pandas as pd

from .corpus import Corpus, typed_table
from .problems import Problem
from .raw import RawData
from .schema import TABLES
from .validation import check_tables, empty_table

__all__ = ["check_claims_table", "claims_view", "as_strings"]

# The tables a claim points into; the others stay empty while a claims table is checked.
_CONTEXT = ("articles", "propositions", "people", "readouts", "readout_points", "calls")


def as_strings(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """A typed table back as the strings of its CSV file ("" when empty), with ``_row``.

    >>> from helpers.data.loading import load_corpus
    >>> as_strings(load_corpus().frames["calls"], "calls").loc[0, "date"]
    '2022-02-01'
    """
    out = pd.DataFrame(index=range(len(frame)))
    for column in TABLES[name].columns:
        values = frame[column.name].reset_index(drop=True)
        if column.kind == "date":
            text = values.dt.strftime("%Y-%m-%d")
        else:
            text = values.astype("string")
        out[column.name] = text.fillna("").astype(object)
    out["_row"] = range(2, len(frame) + 2)
    return out


def check_claims_table(claims: pd.DataFrame, corpus: Corpus, file: str = "claims.csv") -> list[Problem]:
    """Every problem of a claims table of strings (with ``_row``, as read from a CSV file) against ``corpus``.

    Only problems of the claims table are returned, named ``file``. The rows get
    ``_start``/``_end`` where their excerpts stand (as the validator locates them).

    >>> from helpers.data.loading import load_corpus
    >>> corpus = load_corpus()
    >>> mine = as_strings(corpus.frames["claims"].head(2), "claims")
    >>> mine.loc[1, "excerpt"] = "words the article does not have"
    >>> [p.column for p in check_claims_table(mine, corpus, "mine.csv")]
    ['excerpt']
    """
    raw = RawData(data_dir=corpus.data_dir)
    for name in TABLES:
        raw.tables[name] = as_strings(corpus.frames[name], name) if name in _CONTEXT else empty_table(name)
    raw.tables["claims"] = claims
    raw.texts = corpus.texts
    raw._chrome = {article: list(spans) for article, spans in corpus.chrome.items()}
    problems = check_tables(raw, names=("claims",))
    return [
        Problem(file, p.row, p.column, p.message, p.fix, p.severity)
        for p in problems
        if p.file == TABLES["claims"].file
    ]


def claims_view(claims: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Checked claims (strings, located) as :func:`helpers.load_claims` gives them: typed and joined."""
    return corpus.claims_of(typed_table("claims", claims))
