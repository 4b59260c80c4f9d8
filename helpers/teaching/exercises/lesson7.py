"""Exercises of lesson 7, the capstone: check a classmate's claims file, then compare it.

The answers are computed on the lesson's worked example, which
:func:`helpers.teaching.capstone.write_classmate_example` makes from the project's own
claims; here it is written to a temporary folder, never beside the notebook.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from helpers.teaching import capstone

from . import exercise

NOTEBOOK = "07_capstone.ipynb"
CALL = "blinken-lavrov-2022-02-01"


def _report(data_dir, fixed: bool) -> capstone.Report:
    with tempfile.TemporaryDirectory(prefix="readouts-exercise-") as folder:
        path = Path(folder) / "classmate_claims.csv"
        with contextlib.redirect_stdout(io.StringIO()):
            capstone.write_classmate_example(path, fixed=fixed, data_dir=data_dir)
        return capstone.check_claims_file(path, call_id=CALL, data_dir=data_dir)


def _comparison(data_dir):
    return capstone.compare_claims(_report(data_dir, fixed=True).claims, call_id=CALL, data_dir=data_dir)


@exercise(
    "7.1",
    "How many problems does the checker report in the classmate's file?",
    "number",
    NOTEBOOK,
    hints=(
        "Run the checker on classmate_claims.csv and count the lines of the form "
        "file:row:column: problem — fix.",
        "len(report.problems) counts them for you.",
    ),
)
def _problems(data_dir):
    return len(_report(data_dir, fixed=False).problems)


@exercise(
    "7.2",
    "One problem is a value that is not allowed in its column. Which column?",
    "choice",
    NOTEBOOK,
    hints=(
        'Read the messages: one of them says "is not an allowed value".',
        "The column is the third part of file:row:column.",
        'Each Problem has a .column and a .message: keep the one whose message says "not an allowed value".',
    ),
    wrong={
        "excerpt": "The excerpt's problem is different: it is not copied exactly from the article.",
        "proposition_id": "The proposition id's problem is different: it does not exist (a typing mistake).",
    },
)
def _not_allowed(data_dir):
    return next(
        p.column for p in _report(data_dir, fixed=False).problems if "not an allowed value" in p.message
    )


@exercise(
    "7.3",
    "After the corrections, which proposition of the paragraph did the classmate miss? Give its "
    "proposition id(s).",
    "set",
    NOTEBOOK,
    hints=(
        "Compare the corrected file with the project's claims, and look at the status column.",
        'Keep the rows whose status is "missed".',
    ),
)
def _missed(data_dir):
    table = _comparison(data_dir)
    return set(table.loc[table["status"] == "missed", "proposition_id"])


@exercise(
    "7.4",
    "For which proposition does the classmate's attribution differ from the project's?",
    "choice",
    NOTEBOOK,
    hints=(
        'In the comparison, look for the status "found, attribution differs".',
        "Compare the columns your_attribution and project_attribution on that row.",
    ),
)
def _differs(data_dir):
    table = _comparison(data_dir)
    return table.loc[table["status"] == "found, attribution differs", "proposition_id"].iloc[0]
