"""Exercises of lesson 0, Start here: running a cell, reading a frame."""

from __future__ import annotations

import helpers

from . import exercise

NOTEBOOK = "00_start_here.ipynb"


@exercise(
    "0.1",
    "How many articles are in the collection?",
    "number",
    NOTEBOOK,
    hints=("Count the rows of the articles frame.", "len(articles) gives the number of rows."),
    needs_code=False,
)
def _articles(data_dir):
    return len(helpers.load_articles(data_dir))


@exercise(
    "0.2",
    "In which languages are the articles written? Give their two-letter codes.",
    "set",
    NOTEBOOK,
    hints=(
        "Look at the language column of the articles frame.",
        'articles["language"].unique() lists each language once.',
    ),
    needs_code=False,
)
def _languages(data_dir):
    return set(helpers.load_articles(data_dir)["language"].astype(str))


@exercise(
    "0.3",
    "How many of the articles are in English?",
    "number",
    NOTEBOOK,
    hints=('Count the rows whose language is "en".', '(articles["language"] == "en").sum() counts them.'),
    needs_code=False,
)
def _english(data_dir):
    return int((helpers.load_articles(data_dir)["language"] == "en").sum())
