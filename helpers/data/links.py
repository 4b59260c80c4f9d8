"""Rules that join tables: claims with their articles, propositions and readouts; differences
with their claims; readout points with their calls; aliases with the article texts."""

from __future__ import annotations

import re

import pandas as pd

from .problems import Problem, quoted
from .raw import RawData
from .rules import IDS as _IDS
from .schema import ISO_639_1, LIST_SEPARATOR, MAX_QUOTED_WORDS
from .text import count_words, search_key

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
    claims = raw.tables["claims"]
    language_of = _lookup(raw.tables["articles"], "article_id", "language")
    call_of_proposition = _lookup(raw.tables["propositions"], "proposition_id", "call_id")
    call_of_readout = _lookup(raw.tables["readouts"], "readout_id", "call_id")
    chrome = raw.tables["boilerplate"]
    headlines = (
        {
            (a, int(start))
            for a, start, kind in zip(chrome["article_id"], chrome["_start"], chrome["kind"])
            if kind == "headline" and pd.notna(start)
        }
        if "_start" in chrome
        else set()
    )
    problems = []
    columns = [
        "_row",
        "article_id",
        "gloss",
        "reporting_verb",
        "_start",
        "_end",
        "readout_id",
        "proposition_id",
    ]
    for values in zip(*(claims[c].tolist() for c in columns)):
        row = dict(zip(columns, values))
        number, article_id = int(row["_row"]), row["article_id"]
        language = language_of.get(article_id, "")
        if language in ISO_639_1 and language != "en" and not row["gloss"]:  # a wrong code is reported once
            problems.append(
                Problem(
                    "claims.csv",
                    number,
                    "gloss",
                    f"is empty, but {article_id} is not in English",
                    "write a faithful English rendering of the excerpt",
                )
            )
        text = raw.texts.get(article_id)
        if text is not None and row["reporting_verb"] and row["reporting_verb"] not in text:
            problems.append(
                Problem(
                    "claims.csv",
                    number,
                    "reporting_verb",
                    f"{quoted(row['reporting_verb'])} is not in {article_id}",
                    "copy the verb exactly as the article writes it, or leave it empty",
                )
            )
        if pd.notna(row["_start"]):
            for chrome in raw.boilerplate_spans(article_id):
                # A headline is the outlet speaking in its own voice: a claim may quote it.
                if (article_id, chrome.start) in headlines:
                    continue
                if chrome.start < row["_end"] and row["_start"] < chrome.end:
                    problems.append(
                        Problem(
                            "claims.csv",
                            number,
                            "excerpt",
                            "quotes page chrome (boilerplate), not the story",
                            "quote the article's body, or remove the boilerplate row",
                        )
                    )
                    break
        readout, proposition = row["readout_id"], row["proposition_id"]
        if readout in call_of_readout and proposition in call_of_proposition:
            if call_of_readout[readout] != call_of_proposition[proposition]:
                problems.append(
                    Problem(
                        "claims.csv",
                        number,
                        "readout_id",
                        f"readout '{readout}' is of another call than proposition '{proposition}'",
                        "use a readout of the proposition's call, or leave it empty",
                    )
                )
    return problems


def check_differences(raw: RawData) -> list[Problem]:
    proposition_of = _lookup(raw.tables["claims"], "claim_id", "proposition_id")
    article_of = _lookup(raw.tables["claims"], "claim_id", "article_id")
    problems = []
    differences = raw.tables["differences"]
    for number, listed_propositions, listed_articles, listed_claims in zip(
        differences["_row"].tolist(),
        differences["propositions"].tolist(),
        differences["articles"].tolist(),
        differences["claims"].tolist(),
    ):
        # IDS holds exactly when every item, stripped, is an id (one regex, not one per item).
        if not (_IDS.fullmatch(listed_propositions) and _IDS.fullmatch(listed_articles)):
            continue  # a list that is not a list of ids is reported as such
        propositions = {p.strip() for p in listed_propositions.split(LIST_SEPARATOR)}
        articles = {a.strip() for a in listed_articles.split(LIST_SEPARATOR)}
        for claim in (c.strip() for c in listed_claims.split(LIST_SEPARATOR) if c.strip()):
            if claim not in proposition_of:
                continue  # reported as a dangling reference
            if proposition_of[claim] not in propositions or article_of[claim] not in articles:
                problems.append(
                    Problem(
                        "differences.csv",
                        int(number),
                        "claims",
                        f"claim '{claim}' is not about the propositions and articles of this row",
                        "add its proposition and article to the row, or remove the claim",
                    )
                )
    return problems


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


def check_readouts(raw: RawData) -> list[Problem]:
    """Readout points: short quotations; links that stay on one call; readouts' ``articles`` complete."""
    problems: list[Problem] = []
    tables = raw.tables
    points = tables["readout_points"]
    for number, fragment in zip(points["_row"].tolist(), points["quoted"].tolist()):
        words = count_words(fragment)
        if words > MAX_QUOTED_WORDS:
            problems.append(
                Problem(
                    "readout_points.csv",
                    int(number),
                    "quoted",
                    f"quotes {words} words of the readout; a quoted fragment is at most {MAX_QUOTED_WORDS}",
                    "keep only the few words whose wording is the point, and say the rest "
                    "in the statement, in the project's own words",
                )
            )
    readout_of_point = _lookup(points, "point_id", "readout_id")
    call_of_readout = _lookup(tables["readouts"], "readout_id", "call_id")
    call_of_proposition = _lookup(tables["propositions"], "proposition_id", "call_id")
    cited: dict[str, set[str]] = {}  # readout id -> the articles whose claims cite it
    for file, frame, call_of_row in (
        ("claims.csv", tables["claims"], lambda row: call_of_proposition.get(row["proposition_id"])),
        ("differences.csv", tables["differences"], lambda row: row["call_id"] or None),
    ):
        for row in _records(frame[frame["readout_points"] != ""]):
            call = call_of_row(row)
            for point in _split(row["readout_points"]):
                readout = readout_of_point.get(point)
                other = call_of_readout.get(readout)
                if call and other and other != call:
                    problems.append(
                        Problem(
                            file,
                            int(row["_row"]),
                            "readout_points",
                            f"point '{point}' belongs to readout '{readout}', of call '{other}', "
                            f"not of this row's call '{call}'",
                            "link only points of a readout of the same call, or remove the point",
                        )
                    )
                elif file == "claims.csv" and readout:
                    cited.setdefault(readout, set()).add(row["article_id"])
    claims = tables["claims"]
    for readout, article, proposition in zip(
        claims["readout_id"].tolist(), claims["article_id"].tolist(), claims["proposition_id"].tolist()
    ):
        # A readout of another call is reported on the claim itself, not again here.
        if readout and call_of_readout.get(readout) in (None, call_of_proposition.get(proposition)):
            cited.setdefault(readout, set()).add(article)
    readouts = tables["readouts"]
    for number, readout, listed in zip(
        readouts["_row"].tolist(), readouts["readout_id"].tolist(), readouts["articles"].tolist()
    ):
        missing = sorted(a for a in cited.get(readout, ()) if a and a not in set(_split(listed)))
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
