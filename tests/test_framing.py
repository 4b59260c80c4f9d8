"""helpers.framing: the glossary's counts, filters, contexts and reporting verbs."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.analysis import framing


def test_term_table_has_every_article_and_category_and_sums_to_the_glossary():
    table = framing.term_table()
    assert list(table.columns) == list(framing.CATEGORIES)
    assert set(table.index) == set(helpers.load_articles()["article_id"])
    assert int(table.to_numpy().sum()) == len(helpers.load_terms())


def test_term_rate_divides_by_length_and_sorts():
    rate = framing.term_rate("scare_quotes")
    assert rate["per_1000_words"].is_monotonic_decreasing
    row = rate.iloc[0]
    assert row["per_1000_words"] == round(row["n_terms"] / row["n_words"] * 1000, 1)
    with pytest.raises(ValueError, match="unknown category"):
        framing.term_rate("scare-quotes")


def test_terms_of_filters_and_rejects_unknown_categories():
    verbs = framing.terms_of("reporting_verb", "ar-putin-macron", gloss_contains="claimed")
    assert len(verbs) == 1 and verbs.iloc[0]["term"] == "وزعم"
    assert list(verbs.columns[:4]) == ["term_id", "article_id", "language", "term"]
    with pytest.raises(ValueError, match="unknown category"):
        framing.terms_of("loaded")


def test_in_context_gives_the_original_sentence_and_its_working_translation():
    rows = framing.in_context(framing.terms_of(["hedge", "scare_quotes"]))
    assert (rows["sentence"] != "").all()
    for _, row in rows.iterrows():
        assert row["term"] in row["sentence"]
        english = row["language"] == "en"
        assert (row["translation"] == "") == english
    # the working translation of the sentence is the row of translations.csv whose original it is
    translations = helpers.load_translations()
    arabic = rows[rows["language"] == "ar"].iloc[0]
    assert arabic["sentence"] in set(translations["original"])


def test_verb_glossary_covers_every_reporting_verb_and_matches_phrases():
    verbs = framing.verb_glossary()
    claims = helpers.load_claims()
    assert verbs["n_claims"].sum() == claims["reporting_verb"].notna().sum()
    by_verb = verbs.set_index(["article_id", "reporting_verb"])
    assert by_verb.loc[("ar-blinken-lavrov", "تنص"), "glossary_term"] == "تنص المذكرة الوزارية"
    assert by_verb.loc[("wt-blinken-lavrov", "warning"), "glossary_term"] == "once again warning"
    # a verb inside another word is not a match: قال is not وقال
    assert by_verb.loc[("ar-blinken-lavrov", "وقال"), "glossary_term"] == "وقال"
    assert pd.isna(by_verb.loc[("ar-blinken-lavrov", "قال"), "glossary_term"])


def test_quoted_phrases_pairs_marks_and_skips_long_quotations():
    found = framing.quoted_phrases("cnn-blinken-lavrov")
    assert "mix-up" in set(found["quoted"])
    assert (found["n_words"] <= 4).all()
    text = helpers.load_articles().set_index("article_id").loc["cnn-blinken-lavrov", "text"]
    for _, row in found.iterrows():
        assert text[row["start"] + 1 :].startswith(row["quoted"][:5])
    # Arabic guillemets around names are found, and the glossary does not call them anything
    names = framing.quoted_phrases("ar-blinken-lavrov")
    assert names.loc[names["marks"] == "«»", "glossary"].isna().all()
