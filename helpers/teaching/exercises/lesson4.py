"""Exercises of lesson 4, How sources differ: omissions, coverage, wordings and timing of one call.

The first three items are judgements asked before the coverage matrix (which would answer
them): the student reads the three articles and decides which one leaves a point out.
"""

from __future__ import annotations

from helpers.analysis import comparison
from helpers.data.loading import load_corpus

from ..judgement import judge
from . import exercise

NOTEBOOK = "04_how_sources_differ.ipynb"
CALL = "blinken-lavrov-2022-02-01"

# Which article leaves this point out? (before the matrix)
judge("4.1", "omission", proposition="bl0201-speak-again")
judge("4.2", "omission", proposition="bl0201-warning-consequences")
judge("4.3", "omission", proposition="bl0201-right-to-choose")


@exercise(
    "4.4",
    "How many propositions about the 1 February call do all three articles carry?",
    "number",
    NOTEBOOK,
    hints=(
        "In the coverage matrix, a proposition all three carry has True in every column of its row.",
        "matrix.all(axis=1) is True for those rows; .sum() counts them.",
    ),
    track="data",
    needs_code=True,
)
def _all_three(data_dir):
    return int(comparison.coverage_matrix(CALL, corpus=load_corpus(data_dir)).all(axis=1).sum())


@exercise(
    "4.5",
    "Which article leaves out the most propositions that another article on the 1 February call carries?",
    "choice",
    NOTEBOOK,
    hints=(
        "Each row of the omissions table is one proposition one article leaves out; the total row "
        "adds them up per article.",
        "Read the total row of the table, across the articles.",
        'On the Data track: missing["article_id"].value_counts().',
    ),
    wrong={
        "cnn-blinken-lavrov": "CNN is the longest article; read the total row before answering.",
        "ar-blinken-lavrov": "Read the total row: is that the largest number?",
    },
    needs_code=False,
    domain="article",
)
def _most_omissions(data_dir):
    missing = comparison.omissions(CALL, corpus=load_corpus(data_dir))
    return str(missing["article_id"].value_counts().idxmax())


# What did the retelling change? (in the section on wordings, before the table of all differences)
judge("4.6", "translation", difference="d-bl0201-26")
judge("4.7", "translation", difference="d-bl0201-18")


@exercise(
    "4.8",
    'How many differences of kind "timing" are recorded for the 1 February call?',
    "number",
    NOTEBOOK,
    hints=(
        "differences_for(call_id, kind=...) keeps one call and one kind.",
        'len(differences_for("blinken-lavrov-2022-02-01", kind="timing")) counts them.',
    ),
    track="data",
    needs_code=True,
)
def _timing(data_dir):
    return len(comparison.differences_for(CALL, kind="timing", corpus=load_corpus(data_dir)))
