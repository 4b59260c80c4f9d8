"""Trace a claim to the original: the official readout point it reports, and what changed.

The readout points (``data/readout_points.csv``) are facts from **outside the five
articles**: what each official account says, in the project's own words, checked on
the page whose address is in ``checked_at``. Every frame here that holds a point
carries the column ``origin`` with the label :data:`OUTSIDE`, so that a table shown
in a lesson can never pass a point off as article text.

Links come from the annotations: a claim's ``readout_points`` (claims.csv) lists the
points it reports; a difference's ``readout_points`` (differences.csv) lists the
points it compares an article with. Nothing here is computed from the wording.

>>> trace("vi-biden-putin-02")[["point_id", "origin"]].values.tolist()
[['white-house-2022-02-12-p02', 'outside the five articles']]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..data.loading import join_list, load_claims, load_differences, load_readout_points, load_readouts
from ..data.schema import LIST_SEPARATOR

__all__ = [
    "OUTSIDE",
    "readout_table",
    "points_of",
    "traced_claims",
    "trace",
    "source_differences",
    "readout_coverage",
    "sides",
    "counts",
]

OUTSIDE = "outside the five articles"

_POINT_COLUMNS = ["point_id", "readout_id", "publisher", "statement", "quoted", "checked_at", "origin"]


def _ids(cell: object) -> list[str]:
    """The ids of one list cell, in the order written.

    >>> _ids("a; b"), _ids(pd.NA)
    (['a', 'b'], [])
    """
    if cell is None or pd.isna(cell):
        return []
    return [part.strip() for part in str(cell).split(LIST_SEPARATOR) if part.strip()]


def _points(data_dir: str | Path | None) -> pd.DataFrame:
    points = load_readout_points(data_dir)
    return points.assign(origin=pd.array([OUTSIDE] * len(points), dtype="string"))


def readout_table(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per official account: who published it, for which call, how many points, and where to read it.

    ``address`` is the official ``url``, else the ``archive_url``, else empty;
    ``checked_on`` lists the pages the points were checked on (often a news report
    that quotes the readout, not the official page); ``origin`` is :data:`OUTSIDE`.
    ``articles`` is missing (``<NA>``) for an account no article cites, kept so that
    two sides' accounts of one call can be compared; its points then count as not kept.
    ``note`` is readouts.csv's note: what the articles call the account, where it was read,
    what could not be checked, and why an account no article cites is kept.

    >>> table = readout_table().set_index("readout_id")
    >>> int(table.loc["kremlin-2022-03-03", "n_points"]), table.loc["kremlin-2022-03-03", "origin"]
    (10, 'outside the five articles')
    >>> table.loc["kremlin-ushakov-2022-02-12", "note"].startswith("No article refers to it")
    True
    """
    readouts = load_readouts(data_dir)
    points = load_readout_points(data_dir)
    address = readouts["url"].fillna(readouts["archive_url"])
    checked = points.groupby("readout_id")["checked_at"].agg(join_list)
    table = readouts.assign(
        address=address.astype("string"),
        checked_on=readouts["readout_id"].map(checked).astype("string"),
        origin=pd.array([OUTSIDE] * len(readouts), dtype="string"),
    )
    columns = ["readout_id", "call_id", "publisher", "kind", "date", "date_basis", "articles"]
    columns += ["n_points", "title", "url", "archive_url", "address", "checked_on", "note", "origin"]
    return table[columns]


def points_of(
    readout_id: str | None = None, call_id: str | None = None, data_dir: str | Path | None = None
) -> pd.DataFrame:
    """The recorded points of one readout (or of every readout of one call, or all), in file order.

    >>> points_of("macron-2022-03-03")["point_id"].tolist()[:2]
    ['macron-2022-03-03-p01', 'macron-2022-03-03-p02']
    >>> points_of(call_id="putin-macron-2022-03-03")["readout_id"].nunique()
    3
    """
    points = _points(data_dir)
    if readout_id is not None:
        points = points[points["readout_id"] == readout_id]
    if call_id is not None:
        points = points[points["call_id"] == call_id]
    return points[["call_id", *_POINT_COLUMNS, "note", "url", "archive_url"]].reset_index(drop=True)


def traced_claims(claims: pd.DataFrame | None = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per link from a claim to a readout point it reports: the claim beside the point.

    Claim columns: ``claim_id``, ``article_id``, ``language``, ``direction``,
    ``call_id``, ``excerpt``, ``gloss``, ``source``; then the point's columns
    (``point_id``, ``readout_id``, ``publisher``, ``statement``, ``quoted``,
    ``checked_at``, ``origin``). Claims without a link are left out.

    >>> links = traced_claims()
    >>> sorted(links["language"].astype(str).unique())
    ['ar', 'en', 'vi']
    """
    claims = load_claims(data_dir) if claims is None else claims
    ids = [_ids(cell) for cell in claims["readout_points"]]
    linked = claims[[bool(points) for points in ids]]
    rows = linked.assign(point_id=[points for points in ids if points]).explode("point_id")
    keep = ["claim_id", "article_id", "language", "direction", "call_id", "excerpt", "gloss", "source"]
    points = _points(data_dir)[_POINT_COLUMNS]
    merged = rows[keep + ["point_id"]].merge(points, on="point_id", how="left")
    return merged.astype({"point_id": "string"}).reset_index(drop=True)


def source_differences(
    claim_id: str | None = None, call_id: str | None = None, data_dir: str | Path | None = None
) -> pd.DataFrame:
    """The curated differences that compare an article with its source (a non-empty ``readout_points``).

    Filter by a claim they list, or by call. Columns as in differences.csv.

    >>> source_differences(claim_id="wt-blinken-lavrov-14")["difference_id"].tolist()
    ['d-src-01']
    """
    differences = load_differences(data_dir)
    differences = differences[[bool(_ids(cell)) for cell in differences["readout_points"]]]
    if claim_id is not None:
        differences = differences[differences["claims"].map(lambda cell: claim_id in _ids(cell))]
    if call_id is not None:
        differences = differences[differences["call_id"] == call_id]
    return differences.reset_index(drop=True)


def trace(
    claim_id: str, claims: pd.DataFrame | None = None, data_dir: str | Path | None = None
) -> pd.DataFrame:
    """One claim beside every readout point it reports, and the differences that compare the two.

    One row per point; ``differences`` lists (``;``-joined) the curated differences
    that name both this claim and this point. No row if the claim traces to no point;
    a ``KeyError`` if there is no such claim.

    >>> trace("ar-putin-macron-05")[["point_id", "differences"]].values.tolist()
    [['kremlin-2022-03-03-p05', 'd-src-13;d-src-14']]
    """
    claims = load_claims(data_dir) if claims is None else claims
    if claim_id not in set(claims["claim_id"]):
        raise KeyError(f"no claim {claim_id!r} in claims.csv")
    rows = traced_claims(claims[claims["claim_id"] == claim_id], data_dir)
    compared = source_differences(claim_id=claim_id, data_dir=data_dir)
    pairs = [(d, set(_ids(p))) for d, p in zip(compared["difference_id"], compared["readout_points"])]
    rows["differences"] = pd.array(
        [join_list(d for d, points in pairs if point in points) for point in rows["point_id"]], dtype="string"
    )
    return rows


def readout_coverage(
    readout_id: str, claims: pd.DataFrame | None = None, data_dir: str | Path | None = None
) -> pd.DataFrame:
    """Each point of one readout, and which articles kept it (have a claim that traces to it).

    Columns: the point's columns and its ``note`` (where it was checked, what could not
    be seen), ``claims`` and ``articles`` (``;``-joined),
    ``n_claims`` and ``kept`` (``True`` if any article's claim reports the point).
    A point that no claim reports may still be named by a difference (as left out).

    >>> coverage = readout_coverage("kremlin-2022-03-03")
    >>> int((~coverage["kept"]).sum())
    4
    """
    links = traced_claims(claims, data_dir)
    links = links[links["readout_id"] == readout_id]
    points = points_of(readout_id, data_dir=data_dir)[[*_POINT_COLUMNS, "note"]]
    claim_ids = {p: links.loc[links["point_id"] == p, "claim_id"].tolist() for p in points["point_id"]}
    article_ids = {p: links.loc[links["point_id"] == p, "article_id"].tolist() for p in points["point_id"]}
    table = points.assign(
        claims=pd.array([join_list(claim_ids[p]) for p in points["point_id"]], dtype="string"),
        articles=pd.array([join_list(article_ids[p]) for p in points["point_id"]], dtype="string"),
        n_claims=pd.array([len(claim_ids[p]) for p in points["point_id"]], dtype="Int64"),
    )
    table["kept"] = table["n_claims"] > 0
    return table


def sides(
    call_id: str, claims: pd.DataFrame | None = None, data_dir: str | Path | None = None
) -> pd.DataFrame:
    """Every recorded point of every official account of one call, side by side, with who kept it.

    For comparing two sides' accounts of the same call: one row per point, readouts
    in file order, with ``publisher``, ``statement``, ``quoted``, ``checked_at``, ``note``,
    ``articles`` (the articles with a claim that reports the point) and ``origin``.

    >>> table = sides("putin-macron-2022-03-03")
    >>> table.groupby("readout_id", sort=False).size().to_dict()
    {'kremlin-2022-03-03': 10, 'macron-2022-03-03': 5, 'french-side-2022-03-03': 8}
    """
    readouts = load_readouts(data_dir)
    order = readouts.loc[readouts["call_id"] == call_id, "readout_id"].tolist()
    frames = [readout_coverage(r, claims, data_dir) for r in order]
    if not frames:
        return readout_coverage("", claims, data_dir)
    return pd.concat(frames, ignore_index=True)


def counts(claims: pd.DataFrame | None = None, data_dir: str | Path | None = None) -> pd.Series:
    """The size of the tracing data: readouts with points, points, linked claims, article-vs-source differences.

    ``readouts_with_points``: readouts with at least one point (each point has a
    checked address); ``readouts_with_own_address``: those with an official or
    archived address of their own (``url`` or ``archive_url``).

    >>> bool(counts()["points"] >= 25)
    True
    """
    readouts = readout_table(data_dir)
    links = traced_claims(claims, data_dir)
    return pd.Series(
        {
            "readouts": len(readouts),
            "readouts_with_points": int((readouts["n_points"] > 0).sum()),
            "readouts_with_own_address": int(readouts["address"].notna().sum()),
            "points": int(readouts["n_points"].sum()),
            "linked_claims": int(links["claim_id"].nunique()),
            "points_reported": int(links["point_id"].nunique()),
            "source_differences": len(source_differences(data_dir=data_dir)),
        }
    )
