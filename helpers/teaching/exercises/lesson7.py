"""Exercises of lesson 7, the capstone.

The core items (7.1–7.4) are judgements: the student decides, on the sentence a
classmate read differently, who the article credits and how, and what changed
between two sources' treatment of one proposition. They need no code, and the
collection's reading and its note come only with the answer. The open part of
the lesson, the annotator (:mod:`helpers.teaching.annotator`), is not checked
right or wrong: it ends in a side-by-side comparison with the collection.

The data track (7.5–7.8) checks a classmate's claims file with code; the answers
are computed on the lesson's worked example, which
:func:`helpers.teaching.capstone.write_classmate_example` makes from the project's
own claims; here it is written to a temporary folder, never beside the notebook.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from helpers.teaching import capstone

from ..judgement import judge
from . import exercise

NOTEBOOK = "07_capstone.ipynb"
CALL = "blinken-lavrov-2022-02-01"

# The classmate's paragraph (wt-blinken-lavrov, paragraph 2): one sentence, credited to the
# State Department's readout in its first part and told in the paper's own voice after.
judge("7.1", "attribution", claim="wt-blinken-lavrov-06", notebook=NOTEBOOK)
judge("7.2", "mode", claim="wt-blinken-lavrov-06", notebook=NOTEBOOK)
# The words the classmate credited to the readout.
judge("7.3", "attribution", claim="wt-blinken-lavrov-08", notebook=NOTEBOOK)
# How the sources treat one proposition (Blinken's support for Ukraine): the model for the written comparison.
judge(
    "7.4",
    "translation",
    difference="d-bl0201-14",
    notebook=NOTEBOOK,
    question="The sources report the same point of the readout. Compare their words: what changed from one "
    "source to another?",
)


def _report(data_dir, fixed: bool) -> capstone.Report:
    with tempfile.TemporaryDirectory(prefix="readouts-exercise-") as folder:
        path = Path(folder) / "classmate_claims.csv"
        with contextlib.redirect_stdout(io.StringIO()):
            capstone.write_classmate_example(path, fixed=fixed, data_dir=data_dir)
        return capstone.check_claims_file(path, call_id=CALL, data_dir=data_dir)


def _comparison(data_dir):
    return capstone.compare_claims(_report(data_dir, fixed=True).claims, call_id=CALL, data_dir=data_dir)


@exercise(
    "7.5",
    "How many problems does the checker report in the classmate's file?",
    "number",
    NOTEBOOK,
    track="data",
    hints=(
        "Run the checker on classmate_claims.csv and count the lines of the form "
        "file:row:column: problem — fix.",
        "len(report.problems) counts them for you.",
    ),
)
def _problems(data_dir):
    return len(_report(data_dir, fixed=False).problems)


@exercise(
    "7.6",
    "One problem is an excerpt that is not copied exactly from the article. In which row of the file is it?",
    "number",
    NOTEBOOK,
    track="data",
    hints=(
        "Each line of the report reads file:row:column: what is wrong — how to fix it.",
        "Keep the problem whose column is excerpt; the row is the second part of its line.",
        'Each Problem has a .row and a .column: keep the one whose column is "excerpt".',
    ),
)
def _excerpt_row(data_dir):
    return next(p.row for p in _report(data_dir, fixed=False).problems if p.column == "excerpt")


@exercise(
    "7.7",
    "After the corrections, which proposition of the paragraph did the classmate miss? Give its "
    "proposition id(s).",
    "set",
    NOTEBOOK,
    track="data",
    hints=(
        "Compare the corrected file with the project's claims, and look at the status column.",
        'Keep the rows whose status is "missed".',
    ),
)
def _missed(data_dir):
    table = _comparison(data_dir)
    return set(table.loc[table["status"] == "missed", "proposition_id"])


@exercise(
    "7.8",
    "For which proposition does the classmate's attribution differ from the project's?",
    "choice",
    NOTEBOOK,
    track="data",
    hints=(
        'In the comparison, look for the status "found, attribution differs".',
        "Compare the columns your_attribution and project_attribution on that row.",
    ),
)
def _differs(data_dir):
    table = _comparison(data_dir)
    return table.loc[table["status"] == "found, attribution differs", "proposition_id"].iloc[0]
