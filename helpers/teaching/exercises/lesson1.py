"""Exercises of lesson 1, Meet the sources: what each article says about itself, and what it does not."""

from __future__ import annotations

import helpers

from ..judgement import judge
from . import exercise, single

NOTEBOOK = "01_meet_the_sources.ipynb"


@exercise(
    "1.1",
    "How many of the articles name the outlet that published them?",
    "number",
    NOTEBOOK,
    hints=(
        "An article names its outlet where the outlet column is filled in; an empty cell means "
        "the text does not say.",
        'articles["outlet"].notna() is True for each filled cell; .sum() counts the Trues.',
        "Do not count the host: that is the site a copy was taken from, not the outlet.",
    ),
    needs_code=False,
)
def _outlets(data_dir):
    return int(helpers.load_articles(data_dir)["outlet"].notna().sum())


@exercise(
    "1.2",
    "Which article states its publication date in its own text? Give its article_id.",
    "choice",
    NOTEBOOK,
    hints=(
        "Look at the published_basis column: it says how each date is known.",
        'A date that is "inferred" was worked out from clues; you want the one that is "stated".',
        'Filter the rows with articles["published_basis"] == "stated" and read their article_id.',
    ),
    needs_code=False,
    domain="article",
    wrong={
        "cnn-blinken-lavrov": "CNN's copy has a date in the table, but its published_basis is "
        '"inferred": the text dates events only by weekday.',
        "ar-putin-macron": 'This article\'s date is "inferred": it is counted from "the eighth day" '
        "of the offensive, not written in the text.",
        "ar-blinken-lavrov": "This article's date is unknown: the text does not give it.",
        "vi-biden-putin": "This article's date is unknown: the text does not give it.",
    },
)
def _stated_date(data_dir):
    articles = helpers.load_articles(data_dir)
    stated = articles.loc[articles["published_basis"] == "stated", "article_id"]
    return single(stated)


@exercise(
    "1.3",
    "Which article is a syndicated copy, taken from another site than its outlet's own? Give its article_id.",
    "choice",
    NOTEBOOK,
    hints=(
        "Read the comment_policy lines: whose forum does each one invite readers to?",
        "A republished copy carries the notices of the site that republished it beside its outlet's "
        "credits: which article has a notice from an organisation that is not its outlet?",
        'On the Data track: articles[articles["host"].notna()] keeps the copy whose host is recorded.',
    ),
    needs_code=False,
    domain="article",
    wrong={
        "wt-blinken-lavrov": "The Washington Times copy comes from the newspaper's own site: its host "
        "column is empty.",
        "ar-blinken-lavrov": "The Arabic article cites CNN, but nothing in its text shows a site it was "
        "copied from: its host column is empty.",
    },
)
def _syndicated(data_dir):
    articles = helpers.load_articles(data_dir)
    hosted = articles.loc[articles["host"].notna(), "article_id"]
    return single(hosted)


@exercise(
    "1.4",
    "In The Washington Times copy, what kind of boilerplate line is the only place its author "
    "is named? Give the kind as boilerplate.csv writes it.",
    "choice",
    NOTEBOOK,
    hints=(
        "Find the line that holds the name David R. Sands, and ask what it is for: it does not "
        "introduce the story as a byline would.",
        "What does that line offer the reader? Choose the kind in the printed list whose name says so.",
        'On the Data track: wt_chrome[wt_chrome["excerpt"].str.contains("Sands")] keeps that line, '
        "with its kind.",
    ),
    needs_code=False,
    domain="boilerplate_kind",
    wrong={
        "byline": "A byline line is where you would expect an author, but this copy has none: look at "
        "the kind of the line that does hold his name.",
        "dateline": "The dateline names the outlet and the date, not the author.",
        "copyright": "The copyright line names the company, not the author.",
    },
)
def _wt_byline_kind(data_dir):
    articles = helpers.load_articles(data_dir).set_index("article_id")
    byline = articles.loc["wt-blinken-lavrov", "byline"]
    boilerplate = helpers.load_table("boilerplate", data_dir)
    rows = boilerplate[
        (boilerplate["article_id"] == "wt-blinken-lavrov")
        & boilerplate["excerpt"].str.contains(byline, regex=False)
    ]
    return str(rows["kind"].iloc[0])


@exercise(
    "1.9",
    "The Arabic article on the Blinken–Lavrov call mentions an outlet only once. In which sentence "
    "(sentence_no of the working translation)?",
    "number",
    NOTEBOOK,
    hints=(
        "You do not need to read Arabic: search the English working translation.",
        "Keep the translations of ar-blinken-lavrov and look for the outlet it cites in its outlet_note.",
        'translation.str.contains("CNN") finds the row; read its sentence_no.',
    ),
    needs_code=True,
)
def _cnn_sentence(data_dir):
    translations = helpers.load_translations(data_dir)
    rows = translations[
        (translations["article_id"] == "ar-blinken-lavrov")
        & translations["translation"].str.contains("CNN", regex=False)
    ]
    return int(rows["sentence_no"].iloc[0])


# Judgement items: read an original beside its working translation (and another source), and
# decide what changed. Each is asked before the lesson shows the translation notes that explain it.
# In the Vietnamese excerpt: the outlet's paraphrase against the announcement it quotes, and the
# voice inside the quoted White House record.
judge("1.5", "translation", difference="d-bl0212-02")
judge("1.6", "translation", difference="d-bp0212-02")
# The Arabic article against CNN: the tone, and whom the length and the tone are credited to.
judge("1.7", "translation", difference="d-bl0201-03")
judge("1.8", "translation", difference="d-bl0201-02")
