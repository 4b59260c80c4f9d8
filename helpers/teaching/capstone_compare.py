"""The capstone's reading and comparing: an article's paragraphs, a call's propositions, yours beside ours.

Layer: teaching (the capstone). Part of :mod:`helpers.teaching.capstone`, which
offers everything here under its own name; the annotator
(:mod:`helpers.teaching.annotator`) numbers its passages with :func:`paragraphs`.

>>> list(propositions_for("blinken-lavrov-2022-02-01").columns)
['proposition_id', 'topic', 'statement']
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..data.loading import join_list, load_articles, load_claims, load_propositions, load_table

__all__ = ["paragraphs", "propositions_for", "compare_claims"]


def paragraphs(article_id: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The paragraphs of an article's story, numbered 1, 2, 3 … (page chrome left out).

    Columns: ``paragraph``, ``text``, ``start`` and ``end`` (where it stands in
    the article file), ``n_claims`` (how many of the project's claims begin in it).

    >>> int(paragraphs("wt-blinken-lavrov").loc[0, "paragraph"])
    1
    """
    text = str(load_articles(data_dir).set_index("article_id").loc[article_id, "text"])
    chrome = load_table("boilerplate", data_dir)
    chrome = chrome[chrome["article_id"] == article_id]
    claims = load_claims(data_dir)
    starts = claims.loc[claims["article_id"] == article_id, "start"].astype(int)
    rows = []
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        begin = line.start() + len(line.group()) - len(line.group().lstrip())
        end = line.start() + len(line.group().rstrip())
        if ((chrome["start"] <= begin) & (chrome["end"] >= end)).any():
            continue
        rows.append(
            {
                "paragraph": len(rows) + 1,
                "text": text[begin:end],
                "start": begin,
                "end": end,
                "n_claims": int(((starts >= begin) & (starts < end)).sum()),
            }
        )
    frame = pd.DataFrame(rows, columns=["paragraph", "text", "start", "end", "n_claims"])
    frame.insert(1, "article_id", article_id)
    return frame


def propositions_for(call_id: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The propositions of one call, to choose from when you annotate: id, topic, statement.

    >>> "bl0201-duration" in set(propositions_for("blinken-lavrov-2022-02-01")["proposition_id"])
    True
    """
    propositions = load_propositions(data_dir)
    rows = propositions[propositions["call_id"] == call_id]
    return rows[["proposition_id", "topic", "statement"]].sort_values(
        ["topic", "proposition_id"], ignore_index=True
    )


def compare_claims(
    mine: pd.DataFrame,
    call_id: str | None = None,
    scope: str = "paragraphs",
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Compare your claims with the project's on the same article(s): proposition by proposition.

    ``mine`` is ``check_claims_file(...).claims``. The project's claims compared
    are those on the same articles (and, with ``call_id``, the same call); with
    ``scope="paragraphs"`` only those in the paragraphs where you have at least
    one claim, so that a paragraph you did not annotate does not count as missed
    (``scope="article"`` compares the whole article).

    One row per (article, proposition), with ``status``: ``found, same
    attribution``, ``found, attribution differs``, ``missed`` (the project has
    it, you do not) or ``only yours``; and each side's attributions and modes.

    >>> project = load_claims()
    >>> mine = project[project["claim_id"] == "wt-blinken-lavrov-04"]
    >>> table = compare_claims(mine)
    >>> sorted(table["status"].unique())
    ['found, same attribution', 'missed']
    """
    columns = [
        "article_id",
        "proposition_id",
        "topic",
        "statement",
        "status",
        "your_attribution",
        "project_attribution",
        "your_mode",
        "project_mode",
        "project_claims",
    ]
    if scope not in ("paragraphs", "article"):
        raise ValueError('scope is "paragraphs" or "article"')
    if mine.empty:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
    project = load_claims(data_dir)
    project = project[project["article_id"].isin(set(mine["article_id"]))]
    if call_id is not None:
        mine = mine[mine["call_id"] == call_id]
        project = project[project["call_id"] == call_id]
    if scope == "paragraphs":
        keep = pd.Series(False, index=project.index)
        for article_id, own in mine.groupby("article_id"):
            spans = paragraphs(str(article_id), data_dir)
            touched = spans[
                [
                    bool(((own["start"] >= s) & (own["start"] < e)).any())
                    for s, e in zip(spans["start"], spans["end"])
                ]
            ]
            for s, e in zip(touched["start"], touched["end"]):
                keep |= (
                    (project["article_id"] == article_id) & (project["start"] >= s) & (project["start"] < e)
                )
        project = project[keep]
    key = ["article_id", "proposition_id"]
    yours = mine.groupby(key).agg(your_attribution=("attribution", join_list), your_mode=("mode", join_list))
    theirs = project.groupby(key).agg(
        project_attribution=("attribution", join_list),
        project_mode=("mode", join_list),
        project_claims=("claim_id", join_list),
    )
    table = yours.join(theirs, how="outer").reset_index()
    statements = load_propositions(data_dir).set_index("proposition_id")
    table["topic"] = table["proposition_id"].map(statements["topic"].astype(str))
    table["statement"] = table["proposition_id"].map(statements["statement"])
    in_yours, in_project = table["your_attribution"].notna(), table["project_attribution"].notna()
    same = table["your_attribution"] == table["project_attribution"]
    table["status"] = "only yours"
    table.loc[in_project & ~in_yours, "status"] = "missed"
    table.loc[in_project & in_yours & same, "status"] = "found, same attribution"
    table.loc[in_project & in_yours & ~same, "status"] = "found, attribution differs"
    order = {"found, attribution differs": 0, "missed": 1, "only yours": 2, "found, same attribution": 3}
    table = table.sort_values(
        by=["status", "article_id", "proposition_id"],
        key=lambda c: c.map(order) if c.name == "status" else c,
        ignore_index=True,
    )
    return table[columns].astype("string")
