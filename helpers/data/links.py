"""Rules that join tables: claims with their articles, propositions and readouts; differences
with their claims; readout points with their calls; aliases with the article texts."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .problems import Problem, quoted
from .raw import RawData
from .rules import _IDS_CLEAR
from .rules import IDS as _IDS
from .schema import ISO_639_1, LIST_SEPARATOR, MAX_QUOTED_WORDS
from .text import count_words, search_key
from .vector import among, arrow, explode, failing, lookup, only_ids

__all__ = ["check_claims", "check_differences", "check_readouts", "check_aliases"]


def _records(frame: pd.DataFrame):
    """The rows of a frame of strings as dicts, quickly (``to_dict("records")`` is slow on wide tables)."""
    columns = list(frame.columns)
    for values in zip(*(frame[c].tolist() for c in columns)):
        yield dict(zip(columns, values))


def _lookup(frame: pd.DataFrame, key: str, value: str) -> dict[str, str]:
    """``key -> value`` for the first row of each key (duplicates are reported elsewhere)."""
    first = frame.drop_duplicates(key)
    return dict(zip(first[key], first[value]))


def check_claims(raw: RawData) -> list[Problem]:
    """Claims against their articles, chrome, readouts and propositions, one rule a column at a time.

    >>> from helpers.data.validation import read_data
    >>> check_claims(read_data())
    []
    """
    claims = raw.tables["claims"]
    tables = raw.tables
    found: list[tuple[int, int, Problem]] = []  # (position, rule, problem): the order of the rows
    number = claims["_row"].to_numpy()
    article = claims["article_id"]

    def report(at: int, rule: int, column: str, what: str, fix: str) -> None:
        found.append((at, rule, Problem("claims.csv", int(number[at]), column, what, fix)))

    language = lookup(article, tables["articles"]["article_id"], tables["articles"]["language"])
    no_gloss = language.isin(ISO_639_1) & (language != "en") & (claims["gloss"] == "")
    for at in np.flatnonzero(no_gloss.to_numpy(dtype=bool, na_value=False)):
        report(
            at,
            0,
            "gloss",
            f"is empty, but {article.iloc[at]} is not in English",
            "write a faithful English rendering of the excerpt",
        )

    verbs = (claims["reporting_verb"] != "").to_numpy(dtype=bool, na_value=False)
    absent: dict[tuple[str, str], bool] = {}
    for at, article_id, verb in zip(
        np.flatnonzero(verbs), article[verbs].astype(object), claims["reporting_verb"][verbs].astype(object)
    ):
        missing = absent.get((article_id, verb))
        if missing is None:  # each verb is looked for once in each article
            text = raw.texts.get(article_id)
            missing = absent[article_id, verb] = text is not None and verb not in text
        if missing:
            report(
                at,
                1,
                "reporting_verb",
                f"{quoted(verb)} is not in {article_id}",
                "copy the verb exactly as the article writes it, or leave it empty",
            )

    for at in _quoting_chrome(claims, tables["boilerplate"]):
        report(
            at,
            2,
            "excerpt",
            "quotes page chrome (boilerplate), not the story",
            "quote the article's body, or remove the boilerplate row",
        )

    readout, proposition = claims["readout_id"], claims["proposition_id"]
    readout_call = lookup(readout, tables["readouts"]["readout_id"], tables["readouts"]["call_id"])
    proposition_call = lookup(
        proposition, tables["propositions"]["proposition_id"], tables["propositions"]["call_id"]
    )
    other = readout_call.notna() & proposition_call.notna() & (readout_call != proposition_call)
    for at in np.flatnonzero(other.to_numpy(dtype=bool, na_value=False)):
        report(
            at,
            3,
            "readout_id",
            f"readout '{readout.iloc[at]}' is of another call than proposition '{proposition.iloc[at]}'",
            "use a readout of the proposition's call, or leave it empty",
        )
    return [problem for _, _, problem in sorted(found, key=lambda item: item[:2])]


def _quoting_chrome(claims: pd.DataFrame, chrome: pd.DataFrame) -> list[int]:
    """Positions of the located claims whose excerpt overlaps a located chrome span of their article.

    A headline is the outlet speaking in its own voice: a claim may quote it, so a chrome span
    that starts where a headline of its article starts is left out. Spans are sorted by article
    and start; for each claim, the spans of its article that start before the claim ends are a
    run of that order, and the claim overlaps one of them when the furthest end among them
    passes the claim's start (a running maximum): no pair of claim and span is ever built.
    """
    if "_start" not in claims or "_start" not in chrome:
        return []
    spans = chrome["_start"].notna().to_numpy()
    if not spans.any():
        return []
    article = arrow(chrome["article_id"]).filter(pa.array(spans))
    start = chrome["_start"].to_numpy(dtype=np.int64, na_value=0)[spans]
    end = chrome["_end"].to_numpy(dtype=np.int64, na_value=0)[spans]
    names = pc.unique(article)
    code = np.asarray(pc.index_in(article, value_set=names), dtype=np.int64)
    headline = (chrome["kind"] == "headline").to_numpy(dtype=bool, na_value=False)[spans]
    big = int(max(end.max(), start.max())) + 2
    headline_starts = np.unique(code[headline] * big + start[headline])
    kept = ~np.isin(code * big + start, headline_starts)
    code, start, end = code[kept], start[kept], end[kept]
    if not len(code):
        return []
    order = np.lexsort((start, code))
    code, start, end = code[order], start[order], end[order]
    starts_key = code * big + start
    furthest = np.maximum.accumulate(code * big + end)  # earlier articles sort lower: a per-article maximum
    located = claims["_start"].notna().to_numpy()
    at = np.flatnonzero(located)
    mine = np.asarray(
        pc.fill_null(pc.index_in(arrow(claims["article_id"]).filter(pa.array(located)), value_set=names), -1),
        dtype=np.int64,
    )
    claim_start = claims["_start"].to_numpy(dtype=np.int64, na_value=0)[located]
    claim_end = claims["_end"].to_numpy(dtype=np.int64, na_value=0)[located]
    has = mine >= 0
    at, mine, claim_start, claim_end = at[has], mine[has], claim_start[has], claim_end[has]
    first = np.searchsorted(starts_key, mine * big, side="left")
    last = np.searchsorted(starts_key, mine * big + np.minimum(claim_end, big - 1), side="left")
    some = last > first
    reach = np.where(some, furthest[np.maximum(last - 1, 0)] - mine * big, -1)
    return at[some & (reach > claim_start)].tolist()


def check_differences(raw: RawData) -> list[Problem]:
    """Each claim of a difference is about one of the row's propositions and one of its articles.

    >>> from helpers.data.validation import read_data
    >>> check_differences(read_data())
    []
    """
    claims, differences = raw.tables["claims"], raw.tables["differences"]
    # A list that is not a list of ids is reported as such; its row is not looked into.
    listed = np.ones(len(differences), dtype=bool)
    for column in ("propositions", "articles"):
        cells = differences[column]
        listed &= (cells != "").to_numpy(dtype=bool)
        if not only_ids(cells, LIST_SEPARATOR):
            listed &= ~failing(cells, _IDS_CLEAR, _IDS.fullmatch).to_numpy(dtype=bool)
    where, claim = explode(differences["claims"], LIST_SEPARATOR)
    keep = listed[where]
    where, claim = where[keep], claim.filter(pa.array(keep))
    claim = pd.Series(pd.array(claim, dtype="str"))
    of_claim = lookup(claim, claims["claim_id"], claims[["proposition_id", "article_id"]])
    proposition, article = of_claim["proposition_id"], of_claim["article_id"]
    known = proposition.notna().to_numpy()  # an unknown claim is reported as a dangling reference
    about = np.ones(len(claim), dtype=bool)
    for column, value in (("propositions", proposition), ("articles", article)):
        about &= among(where, value, explode(differences[column], LIST_SEPARATOR))
    number = differences["_row"].to_numpy()
    return [
        Problem(
            "differences.csv",
            int(number[at]),
            "claims",
            f"claim '{name}' is not about the propositions and articles of this row",
            "add its proposition and article to the row, or remove the claim",
        )
        for at, name in zip(where[known & ~about], claim[known & ~about].astype(object))
    ]


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


def check_readouts(raw: RawData) -> list[Problem]:
    """Readout points: short quotations; links that stay on one call; readouts' ``articles`` complete.

    >>> from helpers.data.validation import read_data
    >>> check_readouts(read_data())
    []
    """
    problems: list[Problem] = []
    tables = raw.tables
    points = tables["readout_points"]
    # Each distinct fragment is counted once: a fragment quoted again costs nothing more.
    fragments = points["quoted"]
    distinct = [fragment for fragment in pc.unique(arrow(fragments)).to_pylist() if fragment]
    words = np.array([count_words(fragment) for fragment in distinct] + [0])
    at = pc.fill_null(
        pc.index_in(arrow(fragments), value_set=pa.array(distinct, type=pa.string())), len(distinct)
    )
    long = words[np.asarray(at, dtype=np.int64)] > MAX_QUOTED_WORDS
    counted = dict(zip(distinct, words.tolist()))
    for number, fragment in zip(points["_row"][long], fragments[long].astype(object)):
        problems.append(
            Problem(
                "readout_points.csv",
                int(number),
                "quoted",
                f"quotes {counted[fragment]} words of the readout; a quoted fragment is at most {MAX_QUOTED_WORDS}",
                "keep only the few words whose wording is the point, and say the rest "
                "in the statement, in the project's own words",
            )
        )
    readouts, claims = tables["readouts"], tables["claims"]
    cited = []  # (readout id, article id) of the claims that cite a readout, through a point or directly
    for file, frame in (("claims.csv", claims), ("differences.csv", tables["differences"])):
        where, point = explode(frame["readout_points"], LIST_SEPARATOR)
        point = pd.Series(pd.array(point, dtype="str"))
        readout = lookup(point, points["point_id"], points["readout_id"])
        other = lookup(readout, readouts["readout_id"], readouts["call_id"])
        if file == "claims.csv":
            proposition = pd.Series(
                pd.array(arrow(frame["proposition_id"]).take(pa.array(where)), dtype="str")
            )
            call = lookup(
                proposition, tables["propositions"]["proposition_id"], tables["propositions"]["call_id"]
            )
        else:
            call = pd.Series(pd.array(arrow(frame["call_id"]).take(pa.array(where)), dtype="str"))
            call = call.where(call != "")
        call, other = call.reset_index(drop=True), other.reset_index(drop=True)
        wrong = (call.notna() & (call != "") & other.notna() & (other != "") & (other != call)).to_numpy()
        number = frame["_row"].to_numpy()
        for at, name, of, elsewhere, this in zip(
            where[wrong],
            point[wrong].astype(object),
            readout[wrong].astype(object),
            other[wrong].astype(object),
            call[wrong].astype(object),
        ):
            problems.append(
                Problem(
                    file,
                    int(number[at]),
                    "readout_points",
                    f"point '{name}' belongs to readout '{of}', of call '{elsewhere}', "
                    f"not of this row's call '{this}'",
                    "link only points of a readout of the same call, or remove the point",
                )
            )
        if file == "claims.csv":
            linked = ~wrong & readout.notna().to_numpy() & (readout != "").to_numpy()
            article = arrow(frame["article_id"]).take(pa.array(where[linked]))
            cited.append(
                pd.DataFrame(
                    {
                        "readout": readout[linked].astype(object).to_numpy(),
                        "article": article.to_numpy(zero_copy_only=False),
                    }
                )
            )
    # A readout of another call is reported on the claim itself, not again here.
    call_of_readout = lookup(claims["readout_id"], readouts["readout_id"], readouts["call_id"])
    call_of_proposition = lookup(
        claims["proposition_id"], tables["propositions"]["proposition_id"], tables["propositions"]["call_id"]
    )
    direct = (claims["readout_id"] != "") & (
        call_of_readout.isna() | (call_of_readout == call_of_proposition)
    )
    cited.append(
        pd.DataFrame(
            {
                "readout": claims["readout_id"][direct].astype(object).to_numpy(),
                "article": claims["article_id"][direct].astype(object).to_numpy(),
            }
        )
    )
    cited = pd.concat(cited, ignore_index=True)
    cited = cited[cited["article"] != ""].drop_duplicates()
    if cited.empty:
        return problems
    citing: dict[str, list[str]] = {}
    for readout, article in zip(*(cited.sort_values(["readout", "article"])[c].tolist() for c in cited)):
        citing.setdefault(readout, []).append(article)
    for number, readout, listed in zip(
        readouts["_row"], readouts["readout_id"].astype(object), readouts["articles"].astype(object)
    ):
        if readout not in citing:
            continue
        own = set(_split(listed))
        missing = [a for a in citing[readout] if a not in own]
        if missing and _IDS.fullmatch(listed or "x"):
            problems.append(
                Problem(
                    "readouts.csv",
                    int(number),
                    "articles",
                    f"does not list {', '.join(missing)}, though its claims cite this readout",
                    f"add {LIST_SEPARATOR.join(missing)} to the list",
                )
            )
    return problems


def check_aliases(raw: RawData) -> list[Problem]:
    if "articles" in raw.unreadable or set(raw.tables["articles"]["article_id"]) - set(raw.texts):
        return []  # an article that could not be read may hold the alias; its problem is reported
    # Each distinct line once (folding works character by character and NFC never joins across a
    # line break, and an alias holds no line break): copies of one article cost nothing more.
    lines = dict.fromkeys(line for text in raw.texts.values() for line in text.split("\n"))
    keys = search_key("\n".join(lines))
    problems = []
    for row in _records(raw.tables["aliases"]):
        alias = search_key(row["alias"])
        if alias and not re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", keys):
            problems.append(
                Problem(
                    "aliases.csv",
                    int(row["_row"]),
                    "alias",
                    f"{quoted(row['alias'])} is not found in any article",
                    "check the spelling against the article, or remove the row",
                    "warning",
                )
            )
    return problems
