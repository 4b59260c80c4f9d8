"""The capstone's checker: a student's claims file checked by the project's own rules.

Layer: teaching (the capstone). Part of :mod:`helpers.teaching.capstone`, which
offers everything here under its own name; this module holds the checking:
the file is read and checked against the corpus in memory
(:func:`helpers.data.checking.check_claims_table`: no copy of ``data/``), and the
claims without errors come back as a frame every comparison function accepts.

>>> check_claims_file("/nonexistent/mine.csv").n_rows
0
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..data.checking import check_claims_table, claims_view
from ..data.loading import load_claims, load_corpus, load_table
from ..data.reading import read_table_bytes
from ..data.schema import TABLES
from ..data.validation import Problem, in_file_order

__all__ = ["Report", "check_claims_file"]


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
