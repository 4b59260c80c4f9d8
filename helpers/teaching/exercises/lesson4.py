"""Exercises of lesson 4, How sources differ: coverage, omissions, wordings and timing of one call."""

from __future__ import annotations

from helpers.analysis import comparison

from . import exercise

NOTEBOOK = "04_how_sources_differ.ipynb"
CALL = "blinken-lavrov-2022-02-01"


@exercise(
    "4.1",
    "How many propositions about the 1 February call do all three articles carry?",
    "number",
    NOTEBOOK,
    hints=(
        "In the coverage matrix, a proposition all three carry has True in every column of its row.",
        "matrix.all(axis=1) is True for those rows; .sum() counts them.",
    ),
)
def _all_three(data_dir):
    return int(comparison.coverage_matrix(CALL, data_dir=data_dir).all(axis=1).sum())


@exercise(
    "4.2",
    "Which article on the 1 February call does not report how long the call lasted?",
    "choice",
    NOTEBOOK,
    hints=(
        'The length of the call is a proposition whose topic is "duration".',
        'In the omissions table, keep the rows whose topic is "duration": which article_id is there?',
    ),
    wrong={
        "cnn-blinken-lavrov": "Look again at CNN's second paragraph: it does give a length.",
        "ar-blinken-lavrov": "Read the working translation of the Arabic article's first sentence: "
        "it gives a length.",
    },
)
def _no_length(data_dir):
    missing = comparison.omissions(CALL, data_dir=data_dir)
    return str(missing.loc[missing["topic"] == "duration", "article_id"].iloc[0])


@exercise(
    "4.3",
    "Which article leaves out the most propositions that another article on the 1 February call carries?",
    "choice",
    NOTEBOOK,
    hints=(
        "Each row of the omissions table is one proposition one article leaves out.",
        'Count the rows per article: missing["article_id"].value_counts().',
    ),
    wrong={
        "cnn-blinken-lavrov": "CNN is the longest article; count the omissions per article before answering.",
        "ar-blinken-lavrov": "Count the omissions per article: is that the largest number?",
    },
)
def _most_omissions(data_dir):
    missing = comparison.omissions(CALL, data_dir=data_dir)
    return str(missing["article_id"].value_counts().idxmax())


@exercise(
    "4.4",
    "Which articles carry the proposition that Blinken warned of severe consequences "
    "(bl0201-warning-consequences)?",
    "set",
    NOTEBOOK,
    hints=(
        'wordings("bl0201-warning-consequences") lists every claim that states it.',
        "Or read that proposition's row of the coverage matrix: the columns that say True.",
    ),
)
def _warning(data_dir):
    return set(
        comparison.wordings("bl0201-warning-consequences", data_dir=data_dir)["article_id"].astype(str)
    )


@exercise(
    "4.5",
    'How many differences of kind "timing" are recorded for the 1 February call?',
    "number",
    NOTEBOOK,
    hints=(
        "differences_for(call_id, kind=...) keeps one call and one kind.",
        'len(differences_for("blinken-lavrov-2022-02-01", kind="timing")) counts them.',
    ),
)
def _timing(data_dir):
    return len(comparison.differences_for(CALL, kind="timing", data_dir=data_dir))
