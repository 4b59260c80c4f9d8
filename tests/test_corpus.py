"""The five articles as data: byte-identical, described, and loaded as typed frames."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pandas as pd
import pytest
from conftest import DATA, ROOT, SEEDS

import helpers


def test_every_article_file_matches_its_recorded_sha256():
    articles = pd.read_csv(DATA / "articles.csv", dtype=str)
    assert len(articles) == 5
    for row in articles.itertuples():
        digest = hashlib.sha256((DATA / row.file).read_bytes()).hexdigest()
        assert digest == row.sha256, row.file


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed folder ../shared/seeds is not beside this checkout")
def test_articles_are_byte_identical_to_the_seeds():
    articles = pd.read_csv(DATA / "articles.csv", dtype=str)
    assert sorted(articles["seed_file"]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for row in articles.itertuples():
        assert (DATA / row.file).read_bytes() == (SEEDS / row.seed_file).read_bytes(), row.file


def test_load_articles_gives_five_rows_in_three_languages():
    articles = helpers.load_articles()
    assert len(articles) == 5
    assert articles["article_id"].is_unique
    by_id = articles.set_index("article_id")["language"].astype(str).to_dict()
    assert by_id == {
        "ar-blinken-lavrov": "ar",
        "cnn-blinken-lavrov": "en",
        "ar-putin-macron": "ar",
        "wt-blinken-lavrov": "en",
        "vi-biden-putin": "vi",
    }
    assert (articles["body"].str.len() > 500).all()
    assert set(articles.loc[articles["language"] == "ar", "direction"].astype(str)) == {"rtl"}


def test_columns_have_proper_dtypes():
    articles = helpers.load_articles()
    assert isinstance(articles["language"].dtype, pd.CategoricalDtype)
    assert isinstance(articles["published_basis"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_datetime64_any_dtype(articles["published"])
    assert pd.api.types.is_string_dtype(articles["body"])
    assert str(articles["n_words"].dtype) == "Int64"
    wt = articles.set_index("article_id").loc["wt-blinken-lavrov"]
    assert wt["published"] == pd.Timestamp("2022-02-01")
    assert pd.isna(articles.set_index("article_id").loc["ar-blinken-lavrov", "outlet"])


def test_unknown_outlets_say_why():
    articles = helpers.load_articles()
    unnamed = articles[articles["outlet"].isna()]
    assert set(unnamed["article_id"]) == {"ar-blinken-lavrov", "ar-putin-macron", "vi-biden-putin"}
    assert unnamed["outlet_note"].notna().all()


@pytest.mark.parametrize(
    "article_id, chrome",
    [
        ("cnn-blinken-lavrov", "Skip to Content"),
        ("cnn-blinken-lavrov", "KTVZ NewsChannel 21 is committed"),
        ("cnn-blinken-lavrov", "Jump to comments"),
        ("cnn-blinken-lavrov", "All rights reserved."),
        ("wt-blinken-lavrov", "Click here for reprint permission."),
        ("wt-blinken-lavrov", "Please read our comment policy"),
        ("vi-biden-putin", "Ảnh: Reuters"),
    ],
)
def test_boilerplate_is_in_text_but_not_in_body(article_id, chrome):
    article = helpers.load_articles().set_index("article_id").loc[article_id]
    assert chrome in article["text"]
    assert chrome not in article["body"]


def test_body_keeps_the_story_from_first_to_last_sentence():
    articles = helpers.load_articles().set_index("article_id")
    cnn = articles.loc["cnn-blinken-lavrov", "body"]
    assert cnn.startswith("Russian Foreign Minister Sergey Lavrov did not give an indication")
    assert cnn.endswith(
        "“I think I think it wouldn’t hurt to be a little bit more specific for sure,” the diplomat said."
    )
    assert "‘Serious differences’" in cnn  # a sub-head is part of the story
    wt = articles.loc["wt-blinken-lavrov", "body"]
    assert wt.startswith("Secretary of State Antony Blinken")
    assert wt.endswith("the main trigger for the crisis.")
    ar = articles.loc["ar-blinken-lavrov"]
    assert ar["body"] == ar["text"]  # no chrome was marked in it


def test_counts_describe_the_body():
    articles = helpers.load_articles().set_index("article_id")
    wt = articles.loc["wt-blinken-lavrov"]
    assert wt["n_chars"] == len(wt["body"])
    assert wt["n_sentences"] == 8
    assert wt["n_words"] == helpers.count_words(wt["body"])


def test_loading_is_cached_and_returns_independent_copies():
    first = helpers.load_articles()
    original = first.loc[1, "headline"]
    first.loc[1, "headline"] = "changed in a notebook"
    second = helpers.load_articles()
    assert second.loc[1, "headline"] == original
    assert helpers.load_corpus() is helpers.load_corpus()


def test_loading_notices_an_edited_copy(data_copy):
    corpus = helpers.load_corpus(data_copy)
    people = data_copy / "people.csv"
    people.write_text(
        people.read_text(encoding="utf-8").replace("Secretary of State", "Secretary"), encoding="utf-8"
    )
    reloaded = helpers.load_corpus(data_copy)
    assert reloaded is not corpus
    assert reloaded.frames["people"].set_index("person_id").loc["blinken", "role"] == "Secretary"


def test_data_dir_points_at_a_copy(data_copy):
    articles = data_copy / "articles.csv"
    articles.write_text(
        articles.read_text(encoding="utf-8").replace(",KTVZ NewsChannel 21,", ",KTVZ,"), encoding="utf-8"
    )
    host = helpers.load_articles(data_copy).set_index("article_id").loc["cnn-blinken-lavrov", "host"]
    assert host == "KTVZ"
    assert (
        helpers.load_articles().set_index("article_id").loc["cnn-blinken-lavrov", "host"]
        == "KTVZ NewsChannel 21"
    )


def test_import_in_a_fresh_process_prints_five_rows():
    result = subprocess.run(
        [sys.executable, "-c", "import helpers; print(helpers.load_articles())"],
        capture_output=True,
        text=True,
        cwd=ROOT.parent,
        check=True,
    )
    for article_id in ("ar-blinken-lavrov", "cnn-blinken-lavrov", "vi-biden-putin"):
        assert article_id in result.stdout
    assert "[5 rows x" in result.stdout


def test_environment_variable_points_every_loader_at_a_copy(data_copy, monkeypatch):
    people = data_copy / "people.csv"
    people.write_text(
        people.read_text(encoding="utf-8").replace("Secretary of State", "Secretary"), encoding="utf-8"
    )
    monkeypatch.setenv("READOUTS_DATA", str(data_copy))
    assert helpers.load_people().set_index("person_id").loc["blinken", "role"] == "Secretary"
    monkeypatch.delenv("READOUTS_DATA")
    assert helpers.load_people().set_index("person_id").loc["blinken", "role"] == "Secretary of State"


def test_an_edit_that_keeps_size_and_modification_time_is_seen(data_copy):
    """Issue 11 item 6: "unchanged" is decided by content, not by size and mtime."""
    people = data_copy / "people.csv"
    first = helpers.load_corpus(data_copy)
    before = people.stat()
    people.write_bytes(people.read_bytes().replace(b"Secretary of State", b"Secretary of Stats", 1))
    os.utime(people, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert people.stat().st_size == before.st_size and people.stat().st_mtime_ns == before.st_mtime_ns
    reloaded = helpers.load_corpus(data_copy)
    assert reloaded is not first
    assert reloaded.people.set_index("person_id").loc["blinken", "role"] == "Secretary of Stats"


def test_unchanged_content_gives_the_same_corpus(data_copy):
    first = helpers.load_corpus(data_copy)
    people = data_copy / "people.csv"
    people.write_bytes(people.read_bytes())  # rewritten: new mtime, same bytes
    assert helpers.load_corpus(data_copy) is first


def test_the_corpus_keeps_every_position_found_while_validating():
    corpus = helpers.load_corpus()
    text = corpus.texts["ar-blinken-lavrov"]
    claims = corpus.claims[corpus.claims["article_id"] == "ar-blinken-lavrov"]
    for excerpt, start, end in zip(claims["excerpt"], claims["start"], claims["end"]):
        assert text[start:end] == excerpt
    translations = corpus.translations
    for article_id in ("ar-blinken-lavrov", "ar-putin-macron", "vi-biden-putin"):
        spans = corpus.sentence_spans(article_id)
        own = translations[translations["article_id"] == article_id].set_index("sentence_no")
        assert [n for _, _, n in spans] == sorted(n for _, _, n in spans)
        for start, end, number in spans:
            assert corpus.texts[article_id][start:end] == own.loc[number, "original"]
    bodies = corpus.articles.set_index("article_id")["body"]
    for article_id in corpus.texts:
        assert corpus.body(article_id) == bodies[article_id]
    chrome = corpus.frames["boilerplate"]
    for article_id, excerpt, start, end in zip(
        chrome["article_id"], chrome["excerpt"], chrome["start"], chrome["end"]
    ):
        assert corpus.texts[article_id][start:end] == excerpt
        assert (start, end) in [(s.start, s.end) for s in corpus.chrome_spans(article_id)]


def test_a_corpus_with_a_selection_shares_everything_else():
    corpus = helpers.load_corpus()
    mine = corpus.replace(claims=corpus.claims[corpus.claims["language"] == "ar"])
    assert set(mine.claims["language"].astype(str)) == {"ar"}
    assert mine.texts is corpus.texts and mine.frames is corpus.frames
    assert len(corpus.claims) > len(mine.claims)


def test_a_symlink_loop_as_data_folder_is_a_data_error(tmp_path, monkeypatch):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    monkeypatch.setenv("READOUTS_DATA", str(loop))
    with pytest.raises(helpers.DataError, match="is a link that leads round in a loop"):
        helpers.load_claims()
