"""Exercises of lesson 3, Claims and attribution: who each claim is credited to, and how."""

from __future__ import annotations

import helpers

from ..judgement import judge
from . import exercise

NOTEBOOK = "03_claims_and_attribution.ipynb"


@exercise(
    "3.1",
    'Which articles credit at least one claim to Ned Price by name (speaker "price")?',
    "set",
    NOTEBOOK,
    hints=(
        "The speaker column holds the person id of the named person a claim is credited to.",
        'Keep the claims whose speaker is "price" and list their article_id values, each once.',
        'claims.loc[claims["speaker"] == "price", "article_id"].unique()',
    ),
    track="data",
    needs_code=True,
    domain="article",
)
def _price(data_dir):
    claims = helpers.load_claims(data_dir)
    return set(claims.loc[claims["speaker"] == "price", "article_id"].astype(str))


@exercise(
    "3.2",
    "How many of CNN's claims are credited to an anonymous source?",
    "number",
    NOTEBOOK,
    hints=(
        'Keep only the claims whose article_id is "cnn-blinken-lavrov".',
        'Among those, count the rows whose attribution is "anonymous_source".',
        'cnn = claims[claims["article_id"] == "cnn-blinken-lavrov"], then '
        '(cnn["attribution"] == "anonymous_source").sum().',
    ),
    track="data",
    needs_code=True,
)
def _cnn_anonymous(data_dir):
    claims = helpers.load_claims(data_dir)
    cnn = claims[claims["article_id"] == "cnn-blinken-lavrov"]
    return int((cnn["attribution"] == "anonymous_source").sum())


@exercise(
    "3.3",
    "Which attribution kind is the most common in The Washington Times article?",
    "choice",
    NOTEBOOK,
    hints=(
        'Look at the row "wt-blinken-lavrov" of the attribution counts table.',
        "Compare the numbers across that one row, not down the columns.",
        'On the Data track: counts.loc["wt-blinken-lavrov"] gives one number per kind; .idxmax() '
        "names the largest.",
    ),
    needs_code=False,
    domain="attribution",
    wrong={
        "anonymous_source": "That kind matters a great deal in CNN; read The Washington Times' row only.",
        "official_statement": "The readout is The Washington Times' main official source, but count: "
        "is it the largest number in its row?",
        "named_official": "Count again in The Washington Times' row: is that the largest number?",
        "spokesperson": "Count again in The Washington Times' row: is that the largest number?",
        "media_report": "Count again in The Washington Times' row: is that the largest number?",
    },
)
def _wt_most_common(data_dir):
    claims = helpers.load_claims(data_dir)
    wt = claims[claims["article_id"] == "wt-blinken-lavrov"]
    return str(wt["attribution"].value_counts().idxmax())


@exercise(
    "3.7",
    "How many of the Putin–Macron article's claims (ar-putin-macron) are direct quotes?",
    "number",
    NOTEBOOK,
    hints=(
        'Keep only the claims of "ar-putin-macron".',
        'Count those whose mode is "direct_quote" (not "partial_quote").',
        'pd.crosstab(claims["article_id"], claims["mode"]) shows every article\'s count at once.',
    ),
    track="data",
    needs_code=True,
)
def _macron_direct(data_dir):
    claims = helpers.load_claims(data_dir)
    macron = claims[claims["article_id"] == "ar-putin-macron"]
    return int((macron["mode"] == "direct_quote").sum())


# Judgement items: the student classifies a claim the lesson has not labelled for them.
# Who is it credited to, and how? (placed after the six kinds are taught)
judge("3.4", "attribution", claim="cnn-blinken-lavrov-16")
judge("3.5", "attribution", claim="ar-blinken-lavrov-10")
judge("3.6", "attribution", claim="vi-biden-putin-16")
# Quotation, partial quotation, paraphrase or narration? (placed after the four modes are taught)
judge("3.8", "mode", claim="ar-blinken-lavrov-09")
judge("3.9", "mode", claim="wt-blinken-lavrov-18")
judge("3.10", "mode", claim="vi-biden-putin-14")
