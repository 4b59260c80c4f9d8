"""The capstone: annotate claims of your own, check them, compare them with the project's.

A student's claims live in a small CSV file of their own, beside the notebook
(never in ``data/``), with exactly the columns of ``data/claims.csv``. The
checker applies the project's own rules to it, against the corpus in memory
(:func:`helpers.data.checking.check_claims_table`: no copy of ``data/``), and
reports every problem as ``file:row:column: what is wrong — how to fix it``
with the student's file name. Nothing is written to ``data/`` or to the
student's file.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> start_my_claims(folder / "mine.csv")
Created mine.csv with the 14 column headings of claims.csv and no claims yet.
>>> check_claims_file(folder / "mine.csv").problems
[]
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..data.checking import check_claims_table, claims_view
from ..data.files import write_atomically
from ..data.loading import join_list, load_articles, load_claims, load_corpus, load_propositions, load_table
from ..data.reading import read_table_bytes
from ..data.schema import TABLES
from ..data.validation import Problem, decode_text, in_file_order

__all__ = [
    "COLUMNS",
    "CLASSMATE_ARTICLE",
    "CLASSMATE_PARAGRAPH",
    "Report",
    "start_my_claims",
    "add_my_claim",
    "check_claims_file",
    "paragraphs",
    "propositions_for",
    "compare_claims",
    "write_classmate_example",
]

COLUMNS: list[str] = TABLES["claims"].column_names
_CLAIMS_FILE = TABLES["claims"].file
# The worked example of the lesson: a classmate's claims on one paragraph of one article.
CLASSMATE_ARTICLE = "wt-blinken-lavrov"
CLASSMATE_PARAGRAPH = 2


# --------------------------------------------------------------------------- writing files


def _write_new(path: Path, text: str) -> bool:
    """Write ``text`` to a new file at ``path`` in one step; False (nothing written) if it exists."""
    try:
        write_atomically(path, text, exclusive=True)
    except FileExistsError:
        return False
    return True


def _csv_text(rows: list[dict[str, str]] | list[list[str]], header: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.get(c, "") for c in COLUMNS] if isinstance(row, dict) else row)
    return buffer.getvalue()


def start_my_claims(path: str | Path = "my_claims.csv") -> None:
    """Create your claims file from the template: the column headings of claims.csv, no rows.

    Never overwrites: if the file exists (with your work in it), it is left
    exactly as it is. The file is written in one step (atomically).

    >>> import tempfile
    >>> mine = Path(tempfile.mkdtemp()) / "mine.csv"
    >>> start_my_claims(mine)
    Created mine.csv with the 14 column headings of claims.csv and no claims yet.
    >>> start_my_claims(mine)
    mine.csv already exists (0 claims); it was left as it is.
    """
    path = Path(path)
    if _write_new(path, _csv_text([])):
        print(
            f"Created {path.name} with the {len(COLUMNS)} column headings of {_CLAIMS_FILE} and no claims yet."
        )
        return
    rows = len(_records(path)) - 1 if path.is_file() else 0
    print(
        f"{path.name} already exists ({max(rows, 0)} claim{'s' if rows != 1 else ''}); it was left as it is."
    )


def _records(path: Path) -> list[list[str]]:
    text, problems = decode_text(path.read_bytes(), path.name)
    if text is None:
        raise ValueError(str(problems[0]))
    return [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]


def add_my_claim(
    path: str | Path = "my_claims.csv",
    *,
    article_id=...,
    proposition_id=...,
    excerpt=...,
    attribution=...,
    mode=...,
    source="",
    speaker="",
    gloss="",
    reporting_verb="",
    occurrence="",
    readout_id="",
    note="",
    claim_id: str | None = None,
) -> None:
    """Add one claim (one row) to your claims file; nothing else in the file changes.

    Values left as ``...`` mean "not filled in yet": then nothing is added, so
    running the cell before you fill it in does no harm. The same claim (same
    article, proposition, excerpt and occurrence) is never added twice.
    ``claim_id`` defaults to ``<article_id>-NN``, numbered on. The claim is not
    checked here: run :func:`check_claims_file` for that.

    >>> import tempfile
    >>> mine = Path(tempfile.mkdtemp()) / "mine.csv"
    >>> start_my_claims(mine)
    Created mine.csv with the 14 column headings of claims.csv and no claims yet.
    >>> add_my_claim(mine, article_id="wt-blinken-lavrov", proposition_id=..., excerpt="x",
    ...              attribution="outlet_voice", mode="narration")
    Fill in proposition_id first (still ...); nothing was added.
    >>> add_my_claim(mine, article_id="wt-blinken-lavrov", proposition_id="bl0201-held",
    ...              excerpt="held a direct phone conversation", attribution="outlet_voice", mode="narration")
    Added wt-blinken-lavrov-01 as row 2 of mine.csv.
    """
    path = Path(path)
    required = {
        "article_id": article_id,
        "proposition_id": proposition_id,
        "excerpt": excerpt,
        "attribution": attribution,
        "mode": mode,
    }
    missing = [name for name, value in required.items() if value is ...]
    if missing:
        print(f"Fill in {', '.join(missing)} first (still ...); nothing was added.")
        return
    if not path.is_file():
        start_my_claims(path)
    records = _records(path)
    header, rows = records[0], records[1:]
    if [h.strip() for h in header] != COLUMNS:
        print(
            f"{path.name} does not have the columns of {_CLAIMS_FILE}; nothing was added. "
            "Add the row in a spreadsheet or text editor instead."
        )
        return
    values = {
        "article_id": article_id,
        "proposition_id": proposition_id,
        "excerpt": excerpt,
        "attribution": attribution,
        "mode": mode,
        "source": source,
        "speaker": speaker,
        "gloss": gloss,
        "reporting_verb": reporting_verb,
        "occurrence": occurrence,
        "readout_id": readout_id,
        "note": note,
    }
    values = {k: "" if v is None else str(v).strip() for k, v in values.items()}
    same = ("article_id", "proposition_id", "excerpt", "occurrence")
    for number, row in enumerate(rows, start=2):
        existing = dict(zip(COLUMNS, row))
        if all(existing.get(k, "").strip() == values[k] for k in same):
            print(f"This claim is already in {path.name} (row {number}); nothing was added.")
            return
    if claim_id is None:
        taken = {dict(zip(COLUMNS, r)).get("claim_id", "") for r in rows}
        number = 1
        while f"{values['article_id']}-{number:02d}" in taken:
            number += 1
        claim_id = f"{values['article_id']}-{number:02d}"
    values["claim_id"] = claim_id
    text = path.read_bytes().decode("utf-8-sig")
    if text and not text.endswith("\n"):
        text += "\n"
    write_atomically(path, text + _csv_text([values], header=False))
    print(f"Added {claim_id} as row {len(rows) + 2} of {path.name}.")


# --------------------------------------------------------------------------- checking


@dataclass
class Report:
    """What the checker found in a claims file: its problems, and its valid claims as a frame.

    ``claims`` has the columns of :func:`helpers.load_claims` (call, topic,
    statement, speaker's name, position in the text) for the rows without
    errors, so every comparison function accepts it.
    """

    file: str
    n_rows: int
    problems: list[Problem]
    claims: pd.DataFrame

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def __repr__(self) -> str:
        lines = [str(p) for p in self.problems]
        bad_rows = {p.row for p in self.errors if p.row is not None}
        if any(p.row is None for p in self.errors):
            lines.append(f"{self.file} could not be read as a whole; fix the problem above first.")
        elif not self.problems and self.n_rows == 0:
            lines.append(f"{self.file} has no claims yet: add a row for each claim you find.")
        elif not self.problems:
            lines.append(f"✔ {self.file}: {self.n_rows} claim{'s' if self.n_rows != 1 else ''}, no problems.")
        else:
            lines.append(
                f"{self.file}: {self.n_rows} claim{'s' if self.n_rows != 1 else ''}; "
                f"{len(self.errors)} problem{'s' if len(self.errors) != 1 else ''} in "
                f"{len(bad_rows)} row{'s' if len(bad_rows) != 1 else ''}; "
                f"{len(self.claims)} claim{'s' if len(self.claims) != 1 else ''} without problems."
            )
        return "\n".join(lines)


def check_claims_file(
    path: str | Path = "my_claims.csv", call_id: str | None = None, data_dir: str | Path | None = None
) -> Report:
    """Check a claims file by the project's own rules; return a :class:`Report`.

    The rules are those of ``python -m helpers validate`` for ``claims.csv``
    (columns, required cells, allowed values, ids that exist, excerpts copied
    verbatim from the article, a gloss for non-English articles, the reporting
    verb in the article, unique claim ids). With ``call_id``, a proposition of
    another call is a problem too. Rows are numbered as a spreadsheet numbers
    them (the header is row 1).

    >>> report = check_claims_file("/nonexistent/mine.csv")
    >>> print(report.problems[0])
    mine.csv:-:-: is missing — create it with helpers.teaching.capstone.start_my_claims("mine.csv")
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        fix = f'create it with helpers.teaching.capstone.start_my_claims("{name}")'
        return Report(name, 0, [Problem(name, None, None, "is missing", fix)], _empty_claims(data_dir))
    corpus = load_corpus(data_dir)
    frame, problems = read_table_bytes(path.read_bytes(), TABLES["claims"], name)
    if frame is None or any(p.severity == "error" and p.row is None for p in problems):
        return Report(
            name, 0 if frame is None else len(frame), in_file_order(problems), _empty_claims(data_dir)
        )
    problems += check_claims_table(frame, corpus, name)
    if call_id is not None and not frame.empty:
        problems += _other_calls(frame, call_id, name, data_dir)
    problems = in_file_order(problems)
    bad = {p.row for p in problems if p.severity == "error"}
    if any(row is None for row in bad):
        return Report(name, len(frame), problems, _empty_claims(data_dir))
    good = frame[~frame["_row"].isin(bad)]
    claims = claims_view(good, corpus)
    claims.insert(0, "row", pd.array(list(good["_row"]), dtype="Int64"))
    return Report(name, len(frame), problems, claims)


def _renamed(problem: Problem, name: str) -> Problem:
    return Problem(name, problem.row, problem.column, problem.message, problem.fix, problem.severity)


def _other_calls(frame: pd.DataFrame, call_id: str, name: str, data_dir) -> list[Problem]:
    """A proposition of another call than the one the student annotates."""
    call_of = load_table("propositions", data_dir).set_index("proposition_id")["call_id"]
    problems = []
    for _, row in frame.iterrows():
        other = call_of.get(row["proposition_id"])
        if other is not None and other != call_id:
            problems.append(
                Problem(
                    name,
                    int(row["_row"]),
                    "proposition_id",
                    f"'{row['proposition_id']}' is about the call {other}, not {call_id}",
                    f"choose a proposition of {call_id} "
                    f'(helpers.teaching.capstone.propositions_for("{call_id}") lists them)',
                )
            )
    return problems


def _empty_claims(data_dir) -> pd.DataFrame:
    claims = load_claims(data_dir).iloc[0:0].copy()
    claims.insert(0, "row", pd.array([], dtype="Int64"))
    return claims


# --------------------------------------------------------------------------- reading and comparing


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


# --------------------------------------------------------------------------- the worked example


def _classmate_rows(fixed: bool, data_dir) -> list[dict[str, str]]:
    """A classmate's claims on one paragraph, made from the project's by changing a few.

    In text order, the project's claims in the paragraph become: 1st unchanged;
    2nd with its excerpt's first letter in the other case (not verbatim); 3rd
    with the attribution written with a space ("official statement", not an
    allowed value); 4th with a letter dropped from the proposition id; 5th read
    differently (a different, allowed attribution); the rest left out (missed).
    ``fixed`` keeps the different reading and the omissions but corrects the
    three mistakes.
    """
    spans = paragraphs(CLASSMATE_ARTICLE, data_dir)
    span = spans[spans["paragraph"] == CLASSMATE_PARAGRAPH].iloc[0]
    project = load_table("claims", data_dir)
    rows = project[
        (project["article_id"] == CLASSMATE_ARTICLE)
        & (project["start"] >= span["start"])
        & (project["start"] < span["end"])
    ].sort_values(["start", "claim_id"])
    if len(rows) < 5:
        raise ValueError(
            f"the worked example needs 5 claims in paragraph {CLASSMATE_PARAGRAPH} "
            f"of {CLASSMATE_ARTICLE}; it has {len(rows)}"
        )
    out = []
    for position, (_, claim) in enumerate(rows.head(5).iterrows()):
        row = {c: "" if pd.isna(claim[c]) else str(claim[c]) for c in COLUMNS}
        row["claim_id"] = f"{CLASSMATE_ARTICLE}-{position + 1:02d}"
        row["note"] = ""
        if position == 1 and not fixed:
            first = row["excerpt"][0]
            row["excerpt"] = (first.upper() if first.islower() else first.lower()) + row["excerpt"][1:]
        elif position == 2 and not fixed:
            row["attribution"] = row["attribution"].replace("_", " ")
        elif position == 3 and not fixed:
            row["proposition_id"] = row["proposition_id"][:-3] + row["proposition_id"][-2:]
        elif position == 4:
            # Another reading: credit the words to the source of the claim before it,
            # or to the outlet if the project credits a source.
            before = out[-1]
            if row["attribution"] == "outlet_voice":
                row.update(
                    attribution=before["attribution"],
                    source=before["source"],
                    speaker=before["speaker"],
                    mode="paraphrase",
                    reporting_verb=before["reporting_verb"],
                    readout_id=before["readout_id"],
                )
            else:
                row.update(
                    attribution="outlet_voice", source="", speaker="", mode="narration", reporting_verb=""
                )
        out.append(row)
    return out


def write_classmate_example(
    path: str | Path = "classmate_claims.csv", fixed: bool = False, data_dir: str | Path | None = None
) -> None:
    """Write the lesson's worked example: a classmate's claims file, with mistakes (or ``fixed``).

    The example is made from the project's own claims on paragraph
    :data:`CLASSMATE_PARAGRAPH` of :data:`CLASSMATE_ARTICLE`, with three rule
    mistakes, one different reading and some claims left out. It is the
    lesson's file, not yours: it is written afresh each time (atomically), so
    you can practise fixing it and get it back by running the cell again.

    >>> import tempfile
    >>> example = Path(tempfile.mkdtemp()) / "classmate.csv"
    >>> write_classmate_example(example)
    Wrote classmate.csv: 5 claims on paragraph 2 of wt-blinken-lavrov, with mistakes to find.
    >>> len(check_claims_file(example).errors)
    3
    """
    path = Path(path)
    rows = _classmate_rows(fixed, data_dir)
    write_atomically(path, _csv_text(rows))
    state = "the mistakes corrected" if fixed else "with mistakes to find"
    print(
        f"Wrote {path.name}: {len(rows)} claims on paragraph {CLASSMATE_PARAGRAPH} of {CLASSMATE_ARTICLE}, "
        f"{state}."
    )
