"""An instructor adds an article in a fourth language with no Python: the whole path.

The French text below is a test fixture written for these tests, in a temporary
copy of the data folder; it is not part of the corpus and quotes nobody.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, folder_digest

import helpers
from helpers.data.registry import RegistrationError, register_article

FRENCH = (
    "Texte d'essai pour les tests. Le ministre a déclaré que l'appel avait duré « environ 30 minutes ».\n"
    "Il n'a rien dit d'autre."
)


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def append_rows(path: Path, rows: list[list[str]], *, excel: bool = False) -> None:
    """Add rows as a spreadsheet would save them (with ``excel``: BOM, CRLF, trailing empty rows)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    records += rows
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n" if excel else "\n").writerows(records)
    text = buffer.getvalue() + ("," * (len(records[0]) - 1) + "\r\n") * 2 if excel else buffer.getvalue()
    path.write_bytes(("\ufeff" if excel else "").encode("utf-8") + text.encode("utf-8"))


def set_cells(path: Path, key: str, values: dict[str, str]) -> None:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    header = records[0]
    for record in records[1:]:
        if record and record[0] == key:
            for column, value in values.items():
                record[header.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(records)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


@pytest.fixture
def french_article(tmp_path: Path) -> Path:
    path = tmp_path / "essai.txt"
    path.write_text(FRENCH, encoding="utf-8")
    return path


def test_new_article_registers_and_lists_what_is_left(data_copy, french_article):
    result = run(
        "new-article",
        str(french_article),
        "--language",
        "fr",
        "--id",
        "essai-fr",
        "--data-dir",
        str(data_copy),
    )
    assert result.returncode == 0, result.stdout
    assert "Registered essai-fr" in result.stdout and "added as row 7 of articles.csv" in result.stdout
    assert "translations.csv: a working English translation of its 3 sentences" in result.stdout
    assert "essai-fr,1,Texte d'essai pour les tests.,," in result.stdout  # the template
    assert (data_copy / "articles" / "essai-fr.txt").read_bytes() == french_article.read_bytes()
    validation = run("validate", str(data_copy))
    assert validation.returncode == 1
    assert "articles.csv:7:outlet_note: is empty, but is required when outlet is empty" in validation.stdout
    assert (
        "articles.csv:7:published_note: is empty, but is required unless published_basis is stated"
        in validation.stdout
    )
    assert (
        "translations.csv:-:article_id: warning: essai-fr (fr) has no working translation yet"
        in validation.stdout
    )


def test_whole_path_then_every_loader_includes_the_new_article(data_copy, french_article, monkeypatch):
    register_article(french_article, "fr", "essai-fr", data_copy)
    # The instructor fills in the rows in a spreadsheet, which saves with a BOM, CRLF and empty rows.
    set_cells(
        data_copy / "articles.csv",
        "essai-fr",
        {"outlet_note": "A test fixture: no outlet.", "published_note": "A test fixture: no date."},
    )
    append_rows(
        data_copy / "call_mentions.csv",
        [["blinken-lavrov-2022-02-01", "essai-fr", "passing", "l'appel avait duré", "", ""]],
        excel=True,
    )
    append_rows(
        data_copy / "claims.csv",
        [
            [
                "essai-fr-01",
                "essai-fr",
                "bl0201-duration",
                "l'appel avait duré « environ 30 minutes »",
                "",
                "the call had lasted 'about 30 minutes'",
                "",
                "the minister (test fixture)",
                "anonymous_source",
                "partial_quote",
                "a déclaré",
                "",
                "",
            ]
        ],
        excel=True,
    )
    append_rows(
        data_copy / "translations.csv",
        [
            ["essai-fr", "1", "Texte d'essai pour les tests.", "Test text for the tests.", ""],
            [
                "essai-fr",
                "2",
                "Le ministre a déclaré que l'appel avait duré « environ 30 minutes ».",
                "The minister said the call had lasted « about 30 minutes ».",
                "",
            ],
            ["essai-fr", "3", "Il n'a rien dit d'autre.", "He said nothing else.", ""],
        ],
        excel=True,
    )
    validation = run("validate", str(data_copy))
    assert validation.returncode == 0, validation.stdout
    assert "is valid: 6 articles" in validation.stdout

    monkeypatch.setenv("READOUTS_DATA", str(data_copy))
    articles = helpers.load_articles()
    assert "fr" in set(articles["language"].astype(str))
    claims = helpers.load_claims()
    assert "essai-fr-01" in set(claims["claim_id"])
    from helpers.analysis.comparison import coverage_matrix

    assert "essai-fr" in coverage_matrix("blinken-lavrov-2022-02-01").columns
    from helpers.teaching.exercises import check

    assert check("0.1", 6).correct  # exercise answers follow the data
    assert check("0.2", ["ar", "en", "vi", "fr"]).correct


def test_legacy_encoded_article_is_refused_and_nothing_written(data_copy, tmp_path):
    before = folder_digest(data_copy)
    path = tmp_path / "legacy.txt"
    path.write_bytes("Le ministre a déclaré que l'appel a été « franc ».".encode("cp1252"))
    result = run("new-article", str(path), "--language", "fr", "--data-dir", str(data_copy))
    assert result.returncode == 1
    assert (
        "is not UTF-8: byte 0xe9 at line 1 cannot be read; it looks like Windows-1252 or Latin-1"
        in result.stdout
    )
    assert "Nothing was written." in result.stdout
    assert folder_digest(data_copy) == before


def test_utf16_article_is_refused(data_copy, tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text("Bonjour", encoding="utf-16")
    with pytest.raises(RegistrationError, match="is saved as UTF-16 or UTF-32"):
        register_article(path, "fr", "x-fr", data_copy)


def test_bad_language_and_taken_id_are_refused(data_copy, french_article):
    before = folder_digest(data_copy)
    with pytest.raises(RegistrationError) as raised:
        register_article(french_article, "french", "cnn-blinken-lavrov", data_copy)
    messages = [str(p) for p in raised.value.problems]
    assert any("'french' is not an ISO 639-1 language code" in m for m in messages)
    assert any("'cnn-blinken-lavrov' is already registered" in m for m in messages)
    assert folder_digest(data_copy) == before


def test_an_interrupted_write_leaves_the_folder_as_it_was(data_copy, french_article, monkeypatch):
    before = folder_digest(data_copy)

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("helpers.data.files.os.replace", fail)
    with pytest.raises(OSError, match="disk full"):
        register_article(french_article, "fr", "essai-fr", data_copy)
    assert folder_digest(data_copy) == before


def test_semicolon_separated_csv_gets_a_clear_fix(data_copy):
    path = data_copy / "people.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    errors = [str(p) for p in helpers.validate(data_copy) if p.file == "people.csv"]
    assert errors == [
        "people.csv:1:-: is separated by semicolons, not commas — save it as 'CSV UTF-8 (comma "
        "delimited)'; in LibreOffice choose the comma as field delimiter"
    ]
