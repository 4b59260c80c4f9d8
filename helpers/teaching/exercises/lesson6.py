"""Exercises of lesson 6, Words and framing: glossary categories, scare quotes, reporting verbs."""

from __future__ import annotations

import helpers
from helpers.analysis import framing
from helpers.data.loading import load_corpus

from ..judgement import judge
from . import exercise

NOTEBOOK = "06_words_and_framing.ipynb"
CLAIMED_IN = "ar-putin-macron"


@exercise(
    "6.1",
    "Which categories of term does The Washington Times article (wt-blinken-lavrov) have none of?",
    "set",
    NOTEBOOK,
    hints=(
        "Look at the row wt-blinken-lavrov of the table of term counts.",
        "The categories you want are the columns where that row has 0.",
        'On the Data track: table.loc["wt-blinken-lavrov"] is one row; compare it with 0 and keep the index.',
    ),
    needs_code=False,
    domain="term_category",
)
def _wt_missing_categories(data_dir):
    row = framing.term_table(corpus=load_corpus(data_dir)).loc["wt-blinken-lavrov"]
    return set(row[row == 0].index)


# Judgement items: a credited quotation, or scare quotes? Only terms whose reading is clear are
# asked: some scare_quotes rows stay doubtful (a single quoted word may only credit its speaker;
# their notes give both readings), so an item made from any of them could teach the wrong answer.
judge("6.2", "quotation", term="t-vi-biden-putin-21")  # in the section on scare quotes
# 6.6-6.8: practice after the reporting verbs; 6.9: what the retelling changed, before the lesson says.
judge("6.6", "quotation", term="t-ar-blinken-lavrov-02")
judge("6.7", "quotation", term="t-ar-putin-macron-08")
judge("6.8", "quotation", term="t-ar-putin-macron-16")
judge("6.9", "translation", difference="d-pm0303-05")


def _claimed_verb(data_dir) -> str:
    verbs = framing.terms_of(
        "reporting_verb", CLAIMED_IN, gloss_contains="claimed", corpus=load_corpus(data_dir)
    )
    return verbs.iloc[0]["term"]


@exercise(
    "6.3",
    "Which reporting verb does the Arabic Putin–Macron article use for the last claims of the "
    "Kremlin statement (the verb whose gloss is 'claimed')? Give it as the article writes it.",
    "choice",
    NOTEBOOK,
    hints=(
        'Filter the glossary: reporting verbs of ar-putin-macron whose gloss contains "claimed".',
        'helpers.analysis.framing.terms_of("reporting_verb", "ar-putin-macron", gloss_contains="claimed")',
        "Take the value in the term column with .iloc[0], rather than typing Arabic yourself.",
    ),
    track="data",
    needs_code=True,
    domain="verb",
    wrong={
        "claimed": "That is the English gloss. Give the Arabic verb as the article writes it: "
        "copy it from the term column with code.",
        "and claimed": "That is the English gloss. Give the Arabic verb from the term column.",
        "زعم": 'Close: the article writes the verb with the conjunction و ("and") joined to it. '
        "Give it exactly as in the term column.",
    },
)
def _claimed(data_dir):
    return _claimed_verb(data_dir)


@exercise(
    "6.4",
    "How many claims of the Arabic Putin–Macron article does the article introduce with that verb?",
    "number",
    NOTEBOOK,
    hints=(
        "Count the claims of ar-putin-macron whose reporting_verb is the verb of exercise 6.3 (the "
        "cell has put it in verb for you).",
        'claims[(claims["article_id"] == "ar-putin-macron") & (claims["reporting_verb"] == verb)]',
    ),
    track="data",
    needs_code=True,
)
def _claimed_claims(data_dir):
    claims = helpers.load_claims(data_dir)
    verb = _claimed_verb(data_dir)
    return int(((claims["article_id"] == CLAIMED_IN) & (claims["reporting_verb"] == verb)).sum())


@exercise(
    "6.5",
    "In which articles does the glossary record a reporting verb meaning 'warned' (or "
    "'warning')? Give their article ids.",
    "set",
    NOTEBOOK,
    hints=(
        'Use terms_of with the category reporting_verb and gloss_contains="warn".',
        "Then list the article_id column once per article: .unique().",
    ),
    track="data",
    needs_code=True,
    domain="article",
)
def _warn_articles(data_dir):
    return set(
        framing.terms_of("reporting_verb", gloss_contains="warn", corpus=load_corpus(data_dir))["article_id"]
    )
