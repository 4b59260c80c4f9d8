"""The calls: which article mentions which call, the calls and events in date order, each call's sources.

Layer: analysis (a Corpus in, tidy frames out; nothing here displays anything).
:mod:`helpers.analysis.comparison` offers these functions under its own name too,
as the lessons call them (``comparison.timeline()``).

>>> list(timeline().columns)
['date', 'kind', 'id', 'label', 'date_basis', 'date_note', 'articles']
"""

from __future__ import annotations

import pandas as pd

from ..data.loading import Corpus, _joined, as_corpus
from ..data.schema import DATE_BASIS, LIST_SEPARATOR

__all__ = ["call_mentions", "timeline", "call_sources"]


def call_mentions(corpus: Corpus | None = None) -> pd.DataFrame:
    """Which article mentions which call, as main subject or in passing: calls down, articles across.

    >>> grid = call_mentions()
    >>> grid.loc["putin-macron-2022-03-03", "ar-putin-macron"]
    'main'
    """
    corpus = as_corpus(corpus)
    mentions = corpus.frames["call_mentions"]
    calls = corpus.calls
    grid = mentions.assign(role=mentions["role"].astype(str)).pivot_table(
        index="call_id", columns="article_id", values="role", aggfunc="first"
    )
    grid = grid.reindex(index=list(calls["call_id"]), columns=list(corpus.articles["article_id"]))
    grid.columns.name = None
    return grid.fillna("")


def _short(text: object, limit: int = 40) -> str:
    """``text`` cut at a word boundary to about ``limit`` characters, with an ellipsis if cut."""
    text = "" if pd.isna(text) else str(text).replace('"', "")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def timeline(corpus: Corpus | None = None) -> pd.DataFrame:
    """Calls and context events in date order, with how each date is known.

    Columns: ``date`` (missing where the articles give no day), ``kind`` ("call" or
    "event"), ``id``, ``label``, ``date_basis``, ``date_note``, ``articles``.
    Undated items come last, so a plot can show them apart instead of guessing.

    >>> line = timeline()
    >>> line.dropna(subset=["date"])["date"].is_monotonic_increasing
    True
    """
    corpus = as_corpus(corpus)
    calls = corpus.calls
    calls = pd.DataFrame(
        {
            "date": calls["date"],
            "kind": "call",
            "id": calls["call_id"],
            "label": calls["party_a_name"].str.cat(
                calls["party_b_name"].fillna(calls["parties_note"].map(_short)), sep=" – "
            ),
            "date_basis": calls["date_basis"].astype(str),
            "date_note": calls["date_note"],
            "articles": calls["articles"],
        }
    )
    events = corpus.events
    events = pd.DataFrame(
        {
            "date": events["date"],
            "kind": "event",
            "id": events["event_id"],
            "label": events["name"],
            "date_basis": events["date_basis"].astype(str),
            "date_note": events["date_note"],
            "articles": events["articles"],
        }
    )
    line = pd.concat([calls, events], ignore_index=True)
    line["kind"] = pd.Categorical(line["kind"], categories=["call", "event"])
    line["date_basis"] = pd.Categorical(line["date_basis"], categories=list(DATE_BASIS))
    for column in ("id", "label", "date_note", "articles"):
        line[column] = line[column].astype("string")
    return line.sort_values(["date", "kind", "id"], na_position="last", ignore_index=True)


def call_sources(claims: pd.DataFrame | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """For every call: how many articles state something about it, and how many official accounts they cite.

    Columns: ``call_id``, ``date``, ``n_articles`` (articles with at least one
    claim on the call's propositions), ``articles``, ``n_propositions``,
    ``n_claims``, ``n_readouts`` (rows of readouts.csv for the call) and
    ``readouts`` (their publishers). A call with ``n_articles`` of 1 cannot be
    cross-checked against another article, however many accounts that one
    article quotes.

    >>> sources = call_sources().set_index("call_id")
    >>> int(sources.loc["blinken-lavrov-2022-02-01", "n_articles"])
    3
    """
    corpus = as_corpus(corpus)
    claims = corpus.claims if claims is None else claims
    calls = corpus.calls[["call_id", "date"]]
    propositions = corpus.propositions
    readouts = corpus.frames["readouts"]
    table = calls.copy()
    table["n_articles"] = table["call_id"].map(claims.groupby("call_id")["article_id"].nunique())
    table["articles"] = table["call_id"].map(_joined(claims, "call_id", "article_id"))
    table["n_propositions"] = table["call_id"].map(propositions["call_id"].value_counts())
    table["n_claims"] = table["call_id"].map(claims["call_id"].value_counts())
    table["n_readouts"] = table["call_id"].map(readouts["call_id"].value_counts())
    table["readouts"] = table["call_id"].map(
        readouts.groupby("call_id")["publisher"].agg(lambda p: LIST_SEPARATOR.join(p))
    )
    for column in ("n_articles", "n_propositions", "n_claims", "n_readouts"):
        table[column] = table[column].fillna(0).astype("Int64")
    for column in ("articles", "readouts"):
        table[column] = table[column].astype("string")
    return table
