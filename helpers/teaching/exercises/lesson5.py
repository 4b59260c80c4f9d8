"""Exercises of lesson 5, Trace it to the original: whose account, what changed on the way, what was left out.

Seven judgement items (no code: the student reads a passage beside the readout point
it reports and chooses) and three Data-track look-ups. The readout points are facts
from outside the five articles; the answers come from the annotations (claims.csv's
``readout_id``, differences.csv's ``kind``), so they follow the data.
"""

from __future__ import annotations

from helpers.analysis import tracing

from ..judgement import judge
from . import exercise

NOTEBOOK = "05_trace_it_to_the_original.ipynb"
KREMLIN_3_MARCH = "kremlin-2022-03-03"

# Whose account? Asked before any table that names the accounts of a call.
judge("5.1", "account", claim="ar-putin-macron-18", notebook=NOTEBOOK)
judge("5.2", "account", claim="wt-blinken-lavrov-12", notebook=NOTEBOOK)


@exercise(
    "5.3",
    "How many of the official accounts in readouts.csv have an address of their own "
    "(an official url, or else an archived copy in archive_url)?",
    "number",
    NOTEBOOK,
    hints=(
        "The column address holds the url, or else the archive_url; where it is empty, the table "
        "shows a blank cell (a missing value).",
        "notna() is True where a cell is filled; sum() counts the True values.",
    ),
    track="data",
)
def _own_address(data_dir):
    return int(tracing.readout_table(data_dir)["address"].notna().sum())


# Three claims, three languages: each asked after the claim is shown beside its readout point.
judge(
    "5.4",
    "mode",
    claim="wt-blinken-lavrov-14",
    notebook=NOTEBOOK,
    question="How much of the readout's own words does The Washington Times give in the marked words?",
)
judge(
    "5.5",
    "translation",
    difference="d-src-10",
    notebook=NOTEBOOK,
    question="Compare the words inside the Vietnamese quotation marks with the White House readout "
    "point shown above: what changed on the way?",
)
judge(
    "5.6",
    "translation",
    difference="d-src-13",
    notebook=NOTEBOOK,
    question="Two passages are marked: first the article's own summary of the Kremlin statement, then "
    "its quotation of the statement. Compare the summary with the statement's point shown above and "
    "with the quotation: what changed on the way?",
)
# Two sides of one call (3 March): which side's account is the sentence from?
judge("5.7", "account", claim="ar-putin-macron-10", notebook=NOTEBOOK)
# What the articles leave out.
judge(
    "5.8",
    "translation",
    difference="d-src-06",
    notebook=NOTEBOOK,
    question="Two parts of one sentence are marked: who announced the Lavrov–Blinken call, and the "
    "call itself. Compare them with the first point of the Russian release: what changed on the way?",
)


@exercise(
    "5.9",
    "How many of the recorded points of the Kremlin's statement on the 3 March call does no claim "
    "of any article report?",
    "number",
    NOTEBOOK,
    hints=(
        "tracing.readout_coverage gives one row per point of a readout, with kept = True where an "
        "article's claim reports it.",
        "Count the rows where kept is False: (~coverage['kept']).sum().",
    ),
    track="data",
)
def _kremlin_left_out(data_dir):
    coverage = tracing.readout_coverage(KREMLIN_3_MARCH, data_dir=data_dir)
    return int((~coverage["kept"]).sum())


@exercise(
    "5.10",
    "How many of the curated differences compare an article with an official readout "
    "(rather than one article with another)?",
    "number",
    NOTEBOOK,
    hints=(
        "tracing.source_differences() keeps the differences whose readout_points column is filled.",
        "len() of that frame counts its rows.",
    ),
    track="data",
)
def _source_differences(data_dir):
    return len(tracing.source_differences(data_dir=data_dir))
