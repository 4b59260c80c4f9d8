"""The annotated layer: loaders, joins, and every validation rule on broken copies."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers.analysis.mentions import find_mentions
from helpers.data.schema import TABLES

FEB1 = "blinken-lavrov-2022-02-01"
FEB1_ARTICLES = {"ar-blinken-lavrov", "cnn-blinken-lavrov", "wt-blinken-lavrov"}


def edit_cell(path: Path, key: str, column: str, value: str) -> int:
    """Set one cell of the row whose first cell is ``key``; return its spreadsheet row."""
    with open(path, encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    header = records[0]
    for number, record in enumerate(records[1:], start=2):  # noqa: B007 (returned below)
        if record[0] == key:
            record[header.index(column)] = value
            break
    else:
        raise AssertionError(f"no row {key!r} in {path.name}")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)
    return number


def first_key(path: Path, where: dict[str, str] | None = None) -> str:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in (where or {}).items():
        frame = frame[frame[column] == value]
    return frame.iloc[0, 0]


def errors_of(data_dir: Path) -> list[str]:
    return [str(p) for p in helpers.validate(data_dir) if p.severity == "error"]


# --------------------------------------------------------------------------- bundled data


def test_every_table_loads_with_declared_dtypes():
    for name, table in TABLES.items():
        frame = helpers.load_table(name)
        for column in table.columns:
            dtype = frame[column.name].dtype
            if column.kind == "choice":
                assert list(dtype.categories) == list(column.choices), (name, column.name)
            elif column.kind == "date":
                assert pd.api.types.is_datetime64_any_dtype(dtype), (name, column.name)
            elif column.kind == "int":
                assert str(dtype) == "Int64", (name, column.name)
            elif column.kind != "language":
                assert pd.api.types.is_string_dtype(dtype), (name, column.name)


def test_every_call_is_mentioned_and_every_main_article_has_its_call():
    calls = helpers.load_calls()
    assert calls["articles"].notna().all()
    main = calls.dropna(subset=["main_in"]).set_index("call_id")["main_in"].to_dict()
    assert main == {
        FEB1: "ar-blinken-lavrov;cnn-blinken-lavrov;wt-blinken-lavrov",
        "biden-putin-2022-02-12": "vi-biden-putin",
        "putin-macron-2022-03-03": "ar-putin-macron",
    }
    assert len(calls) > 3


def test_claims_join_what_students_need():
    claims = helpers.load_claims()
    assert claims["statement"].notna().all()
    assert claims["call_id"].notna().all()
    assert claims["language"].notna().all()
    named = claims.dropna(subset=["speaker"])
    assert named["speaker_name"].notna().all()
    assert (claims["start"] < claims["end"]).all()


def test_every_excerpt_stands_verbatim_where_the_loader_says():
    articles = helpers.load_articles().set_index("article_id")["text"]
    for table, column in [
        ("claims", "excerpt"),
        ("boilerplate", "excerpt"),
        ("terms", "term"),
        ("call_mentions", "excerpt"),
        ("event_mentions", "excerpt"),
    ]:
        for row in helpers.load_table(table).itertuples():
            assert articles[row.article_id][row.start : row.end] == getattr(row, column), (table, row)


def test_the_three_articles_on_1_february_share_propositions():
    propositions = helpers.load_propositions()
    feb1 = propositions[propositions["call_id"] == FEB1]
    carried = feb1["articles"].dropna().str.split(";").map(set)
    assert sum(s == FEB1_ARTICLES for s in carried) >= 3
    assert sum(len(s) >= 2 for s in carried) >= 8


def test_every_1_february_proposition_not_in_all_three_articles_has_a_difference():
    propositions = helpers.load_propositions()
    feb1 = propositions[propositions["call_id"] == FEB1].dropna(subset=["articles"])
    partial = set(feb1.loc[feb1["articles"].str.split(";").map(set) != FEB1_ARTICLES, "proposition_id"])
    explained = set(helpers.load_differences()["propositions"].str.split(";").explode())
    assert partial - explained == set()


def test_non_english_bodies_are_fully_translated():
    translations = helpers.load_translations()
    articles = helpers.load_articles()
    foreign = set(articles.loc[articles["language"] != "en", "article_id"])
    assert set(translations["article_id"]) == foreign
    assert not [p for p in helpers.validate() if p.file == "translations.csv"]
    for article_id, rows in translations.groupby("article_id"):
        assert list(rows["sentence_no"]) == list(range(1, len(rows) + 1)), article_id


def test_find_mentions_through_aliases_in_every_script():
    mentions = find_mentions("lavrov")
    assert set(mentions["article_id"]) == {
        "ar-blinken-lavrov",
        "cnn-blinken-lavrov",
        "wt-blinken-lavrov",
        "vi-biden-putin",
    }
    assert "لافروف" in set(mentions["mention"])
    assert {"Sergey Lavrov", "Sergei Lavrov"} <= set(mentions["mention"])
    caption = find_mentions("blinken")
    assert "Anthony Blinken" in set(caption["mention"])  # the caption's misspelling


def test_find_mentions_counts_a_full_name_once():
    cnn = find_mentions("blinken")
    cnn = cnn[cnn["article_id"] == "cnn-blinken-lavrov"]
    text = helpers.load_articles().set_index("article_id").loc["cnn-blinken-lavrov", "text"]
    assert len(cnn) == text.count("Blinken")


def test_find_mentions_unknown_person():
    with pytest.raises(KeyError, match="no aliases for person 'nobody'"):
        find_mentions("nobody")


# --------------------------------------------------------------------------- rules on broken copies


def test_excerpt_not_in_the_article(data_copy):
    claim = first_key(data_copy / "claims.csv", {"article_id": "cnn-blinken-lavrov"})
    row = edit_cell(data_copy / "claims.csv", claim, "excerpt", "Lavrov agreed to withdraw all troops")
    assert errors_of(data_copy) == [
        f"claims.csv:{row}:excerpt: ⟦Lavrov agreed to withdraw all troops⟧ is not in cnn-blinken-lavrov — "
        "copy the words again from the article file, exactly as they stand"
    ]


def test_excerpt_with_straightened_quotes_gets_a_hint(data_copy):
    claims = pd.read_csv(data_copy / "claims.csv", dtype=str).set_index("claim_id")["excerpt"]
    claim = claims[claims.str.contains("“")].index[0]
    excerpt = claims[claim]
    edit_cell(data_copy / "claims.csv", claim, "excerpt", excerpt.replace("“", '"').replace("”", '"'))
    [error] = errors_of(data_copy)
    assert "matches once quotation marks are compared alike: the article's « » or curly quotes" in error


def test_excerpt_found_twice_needs_an_occurrence(data_copy):
    claim = first_key(data_copy / "claims.csv", {"article_id": "cnn-blinken-lavrov"})
    row = edit_cell(data_copy / "claims.csv", claim, "excerpt", "the official said")
    count = (
        helpers.load_articles()
        .set_index("article_id")
        .loc["cnn-blinken-lavrov", "text"]
        .count("the official said")
    )
    assert count > 1
    assert errors_of(data_copy) == [
        f"claims.csv:{row}:occurrence: the excerpt occurs {count} times in cnn-blinken-lavrov — say which one "
        f"in the occurrence column (1 to {count}), or lengthen the excerpt until it is unique"
    ]
    edit_cell(data_copy / "claims.csv", claim, "occurrence", "2")
    assert errors_of(data_copy) == []
    edit_cell(data_copy / "claims.csv", claim, "occurrence", str(count + 1))
    assert errors_of(data_copy) == [
        f"claims.csv:{row}:occurrence: asks for occurrence {count + 1}, but the excerpt occurs {count} times — "
        f"use a number from 1 to {count}"
    ]


def test_dangling_proposition(data_copy):
    claim = first_key(data_copy / "claims.csv")
    row = edit_cell(data_copy / "claims.csv", claim, "proposition_id", "no-such-proposition")
    [error] = errors_of(data_copy)
    assert error.startswith(
        f"claims.csv:{row}:proposition_id: 'no-such-proposition' is not in propositions.csv — "
    )
    assert error.endswith("use an existing proposition_id, or add a row for it to propositions.csv")


def test_dangling_person_suggests_the_close_id(data_copy):
    row = edit_cell(data_copy / "calls.csv", FEB1, "party_b", "lavrof")
    assert errors_of(data_copy) == [
        f"calls.csv:{row}:party_b: 'lavrof' is not in people.csv — did you mean 'lavrov'? use an existing "
        "person_id, or add a row for it to people.csv"
    ]


def test_value_not_allowed(data_copy):
    claim = first_key(data_copy / "claims.csv", {"attribution": "official_statement"})
    row = edit_cell(data_copy / "claims.csv", claim, "attribution", "rumour")
    [error] = errors_of(data_copy)
    assert error.startswith(
        f"claims.csv:{row}:attribution: 'rumour' is not an allowed value — use one of: "
        "named_official, spokesperson,"
    )


def test_gloss_required_for_non_english(data_copy):
    claim = first_key(data_copy / "claims.csv", {"article_id": "ar-putin-macron"})
    row = edit_cell(data_copy / "claims.csv", claim, "gloss", "")
    assert errors_of(data_copy) == [
        f"claims.csv:{row}:gloss: is empty, but ar-putin-macron is not in English — write a faithful English "
        "rendering of the excerpt"
    ]


def test_reporting_verb_must_be_in_the_article(data_copy):
    claim = first_key(data_copy / "claims.csv", {"article_id": "wt-blinken-lavrov"})
    row = edit_cell(data_copy / "claims.csv", claim, "reporting_verb", "insisted")
    assert errors_of(data_copy) == [
        f"claims.csv:{row}:reporting_verb: ⟦insisted⟧ is not in wt-blinken-lavrov — copy the verb exactly as "
        "the article writes it, or leave it empty"
    ]


def test_claim_may_not_quote_page_chrome(data_copy):
    claim = first_key(data_copy / "claims.csv", {"article_id": "cnn-blinken-lavrov"})
    row = edit_cell(data_copy / "claims.csv", claim, "excerpt", "KTVZ NewsChannel 21 is committed")
    assert errors_of(data_copy) == [
        f"claims.csv:{row}:excerpt: quotes page chrome (boilerplate), not the story — quote the article's body, "
        "or remove the boilerplate row"
    ]


def test_a_claim_may_quote_the_headline_the_outlets_own_voice(data_copy):
    """A headline is chrome for the body text, but it is the outlet speaking: CNN's verdict is a claim."""
    claims = helpers.load_claims(data_copy)
    chrome = helpers.load_table("boilerplate", data_copy)
    headline = chrome[(chrome["article_id"] == "cnn-blinken-lavrov") & (chrome["kind"] == "headline")]
    quoting = claims[
        (claims["article_id"] == "cnn-blinken-lavrov") & (claims["start"] < int(headline["end"].iloc[0]))
    ]
    assert len(quoting) and (quoting["attribution"] == "outlet_voice").all()


def test_source_required_unless_outlet_voice(data_copy):
    claims = pd.read_csv(data_copy / "claims.csv", dtype=str, keep_default_na=False)
    claim = claims[claims["attribution"] == "anonymous_source"].iloc[0]["claim_id"]
    row = edit_cell(data_copy / "claims.csv", claim, "source", "")
    [error] = errors_of(data_copy)
    assert error.startswith(
        f"claims.csv:{row}:source: is empty, but is required unless attribution is outlet_voice"
    )


def test_readout_of_another_call(data_copy):
    claims = pd.read_csv(data_copy / "claims.csv", dtype=str, keep_default_na=False)
    claim = claims[claims["readout_id"] == "white-house-2022-02-12"].iloc[0]["claim_id"]
    row = edit_cell(data_copy / "claims.csv", claim, "readout_id", "kremlin-2022-03-03")
    [error] = errors_of(data_copy)
    assert error.startswith(f"claims.csv:{row}:readout_id: readout 'kremlin-2022-03-03' is of another call")


def test_translation_gap_names_the_untranslated_sentence(data_copy):
    translations = pd.read_csv(data_copy / "translations.csv", dtype=str, keep_default_na=False)
    kept = translations[
        ~((translations["article_id"] == "vi-biden-putin") & (translations["sentence_no"] == "2"))
    ]
    kept.to_csv(data_copy / "translations.csv", index=False, lineterminator="\n")
    [error] = errors_of(data_copy)
    assert error.startswith(
        "translations.csv:-:original: vi-biden-putin: the body text ⟦Đây là cuộc điện đàm"
    )
    assert error.endswith("has no translation row — add a row with this sentence and its translation")


def test_translation_out_of_order(data_copy):
    translations = pd.read_csv(data_copy / "translations.csv", dtype=str, keep_default_na=False)
    vi = translations["article_id"] == "vi-biden-putin"
    swap = translations.loc[vi & translations["sentence_no"].isin(["1", "2"]), "original"].tolist()
    translations.loc[vi & (translations["sentence_no"] == "1"), "original"] = swap[1]
    translations.loc[vi & (translations["sentence_no"] == "2"), "original"] = swap[0]
    translations.to_csv(data_copy / "translations.csv", index=False, lineterminator="\n")
    errors = errors_of(data_copy)
    assert any("sentence 2 is out of order" in e for e in errors), errors


def test_date_in_the_wrong_format(data_copy):
    row = edit_cell(data_copy / "calls.csv", FEB1, "date", "1/2/2022")
    assert errors_of(data_copy) == [
        f"calls.csv:{row}:date: '1/2/2022' is not a date — write the date as YYYY-MM-DD, e.g. 2022-02-01"
    ]


def test_date_required_when_stated(data_copy):
    row = edit_cell(data_copy / "calls.csv", FEB1, "date", "")
    assert errors_of(data_copy) == [
        f"calls.csv:{row}:date: is empty, but is required when date_basis is external or inferred or stated "
        "— fill in the date"
    ]


def test_difference_claim_must_match_its_row(data_copy):
    differences = pd.read_csv(data_copy / "differences.csv", dtype=str, keep_default_na=False)
    row_index = differences.index[differences["claims"] != ""][0]
    other = pd.read_csv(data_copy / "claims.csv", dtype=str).iloc[-1]["claim_id"]
    differences.loc[row_index, "claims"] = other
    differences.to_csv(data_copy / "differences.csv", index=False, lineterminator="\n")
    errors = errors_of(data_copy)
    assert any(f"claim '{other}' is not about the propositions and articles of this row" in e for e in errors)


def test_unknown_column_is_a_warning_with_a_suggestion(data_copy):
    path = data_copy / "people.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "person_id,name,role,country,note", "person_id,name,role,country,notes"
        ),
        encoding="utf-8",
    )
    problems = [str(p) for p in helpers.validate(data_copy)]
    assert (
        "people.csv:1:notes: warning: column is not part of this table and is ignored — did you mean 'note'?"
        in problems
    )
    assert "people.csv:1:note: column is missing — add a column headed 'note'" in problems


def test_row_with_an_unquoted_comma(data_copy):
    path = data_copy / "people.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "shoigu,Sergei Shoigu,Minister of Defence,Russia,",
            "shoigu,Sergei Shoigu,Minister of Defence,Russia,a,b,c",
        ),
        encoding="utf-8",
    )
    # The row is refused whole, so the ids that point at it dangle too: both are reported.
    assert (
        "people.csv:14:-: has 7 cells but the header has 5 — a cell containing a comma must be in double "
        "quotes" in errors_of(data_copy)
    )
