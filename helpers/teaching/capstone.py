"""The capstone: annotate claims of your own, check them, compare them with the project's.

A student's claims live in a small CSV file of their own, beside the notebook
(never in ``data/``), with exactly the columns of ``data/claims.csv``. The
checker applies the project's own rules to it, against the corpus in memory
(:func:`helpers.data.checking.check_claims_table`: no copy of ``data/``), and
reports every problem as ``file:row:column: what is wrong — how to fix it``
with the student's file name. Nothing is written to ``data/`` or to the
student's file.

This module writes the student's file and the lesson's worked example; the
checker is :mod:`helpers.teaching.capstone_check` and the reading and comparing
:mod:`helpers.teaching.capstone_compare`. Everything is offered here under one
name, ``helpers.teaching.capstone``, as the lesson uses it.

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
from pathlib import Path

import pandas as pd

from ..data.files import write_atomically
from ..data.loading import load_table
from ..data.schema import TABLES
from ..data.validation import decode_text
from .capstone_check import Report, check_claims_file
from .capstone_compare import compare_claims, paragraphs, propositions_for

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
