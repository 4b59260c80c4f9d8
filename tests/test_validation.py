"""`python -m helpers validate` and DataError on broken copies of the data folder.

Each test breaks one thing in a copy, then checks the exact message (file, row,
column, what, fix), the exit status, and that the copy is byte-identical after.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, folder_digest

import helpers


def run_validate(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers", "validate", str(data_dir)], capture_output=True, text=True, cwd=ROOT
    )


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def errors_of(data_dir: Path) -> list[str]:
    return [str(p) for p in helpers.validate(data_dir) if p.severity == "error"]


def test_bundled_data_is_valid_and_says_so():
    result = run_validate(helpers.BUNDLED_DATA_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("data/ is valid: 5 articles")


def test_bundled_data_has_no_warnings():
    assert [str(p) for p in helpers.validate()] == []


def test_missing_article_file(data_copy):
    (data_copy / "articles" / "wt-blinken-lavrov.txt").unlink()
    assert errors_of(data_copy) == [
        "articles.csv:5:file: 'articles/wt-blinken-lavrov.txt' does not exist — put the article's text at "
        "articles/wt-blinken-lavrov.txt in the data folder, or correct the path"
    ]


def test_wrong_sha256_names_the_actual_digest(data_copy):
    article = data_copy / "articles" / "vi-biden-putin.txt"
    article.write_bytes(article.read_bytes() + b" ")
    [error] = errors_of(data_copy)
    assert error.startswith(
        "articles.csv:6:sha256: does not match articles/vi-biden-putin.txt (its sha256 is "
    )
    assert error.endswith(
        "— restore the article as received; if you replaced it on purpose, put the new sha256 in this cell"
    )


def test_duplicate_id(data_copy):
    replace_in(data_copy / "people.csv", "austin,Lloyd Austin", "shoigu,Lloyd Austin")
    assert (
        "people.csv:13:person_id: 'shoigu' is used again (first in row 13) — give each row its own id, "
        "or delete the duplicate row" not in errors_of(data_copy)
    )
    assert (
        "people.csv:14:person_id: 'shoigu' is used again (first in row 13) — give each row its own id, "
        "or delete the duplicate row" in errors_of(data_copy)
    )


def test_bad_language_code(data_copy):
    replace_in(data_copy / "articles.csv", ",vi,ltr,", ",vn,ltr,")
    assert errors_of(data_copy) == [
        "articles.csv:6:language: 'vn' is not an ISO 639-1 language code — use the two-letter code, "
        "e.g. ar (Arabic), en (English), vi (Vietnamese), fr (French)"
    ]


def test_article_not_in_utf8(data_copy):
    article = data_copy / "articles" / "ar-putin-macron.txt"
    article.write_bytes(article.read_text(encoding="utf-8").encode("cp1256", errors="replace"))
    errors = errors_of(data_copy)
    assert any(
        e.startswith("articles/ar-putin-macron.txt:-:-: is not UTF-8: byte 0x")
        and "it looks like Windows-1256 (Arabic)" in e
        and "save it again as UTF-8" in e
        for e in errors
    ), errors


def test_csv_not_in_utf8(data_copy):
    people = data_copy / "aliases.csv"
    people.write_bytes(people.read_text(encoding="utf-8").encode("cp1256", errors="replace"))
    errors = errors_of(data_copy)
    assert any(e.startswith("aliases.csv:-:-: is not UTF-8") for e in errors), errors


def test_missing_required_field(data_copy):
    replace_in(
        data_copy / "people.csv", "orban,Viktor Orban,Prime Minister,Hungary,", "orban,Viktor Orban,,Hungary,"
    )
    assert errors_of(data_copy) == ["people.csv:10:role: is empty but required — fill in the role"]


def test_conditionally_required_field(data_copy):
    replace_in(data_copy / "articles.csv", "The text names no outlet.,", ",")
    assert errors_of(data_copy) == [
        "articles.csv:4:outlet_note: is empty, but is required when outlet is empty — say why the outlet is "
        "empty (e.g. 'the text names no outlet')"
    ]


def test_duplicate_article_id(data_copy):
    replace_in(data_copy / "articles.csv", "wt-blinken-lavrov,articles/wt", "cnn-blinken-lavrov,articles/wt")
    errors = errors_of(data_copy)
    assert (
        "articles.csv:5:article_id: 'cnn-blinken-lavrov' is used again (first in row 3) — give each row "
        "its own id, or delete the duplicate row" in errors
    )


def test_all_problems_are_reported_at_once(data_copy):
    (data_copy / "articles" / "wt-blinken-lavrov.txt").unlink()
    replace_in(data_copy / "articles.csv", ",vi,ltr,", ",vn,ltr,")
    replace_in(data_copy / "people.csv", "orban,Viktor Orban,Prime Minister,", "orban,Viktor Orban,,")
    result = run_validate(data_copy)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("articles.csv:5:file:")
    assert lines[1].startswith("articles.csv:6:language:")
    assert lines[2].startswith("people.csv:10:role:")
    assert " has 3 errors and " in lines[-1] and lines[-1].endswith("; nothing was changed.")


@pytest.mark.parametrize("breakage", ["missing-file", "sha", "duplicate", "language", "encoding", "required"])
def test_validating_and_loading_leave_the_files_untouched(data_copy, breakage):
    if breakage == "missing-file":
        (data_copy / "articles" / "wt-blinken-lavrov.txt").unlink()
    elif breakage == "sha":
        (data_copy / "articles" / "vi-biden-putin.txt").write_bytes(b"changed")
    elif breakage == "duplicate":
        replace_in(data_copy / "people.csv", "austin,", "shoigu,")
    elif breakage == "language":
        replace_in(data_copy / "articles.csv", ",vi,ltr,", ",xx,ltr,")
    elif breakage == "encoding":
        path = data_copy / "people.csv"
        path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    elif breakage == "required":
        replace_in(data_copy / "people.csv", "Prime Minister,Hungary", ",Hungary")
    before = folder_digest(data_copy)
    assert run_validate(data_copy).returncode == 1
    with pytest.raises(helpers.DataError) as raised:
        helpers.load_articles(data_copy)
    assert raised.value.problems and all(p.severity == "error" for p in raised.value.problems)
    assert str(raised.value.problems[0]) in str(raised.value)
    assert folder_digest(data_copy) == before


def test_data_error_is_the_one_exception_type(data_copy):
    (data_copy / "people.csv").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(helpers.DataError):
        helpers.load_claims(data_copy)


def test_not_a_folder(tmp_path):
    result = run_validate(tmp_path / "nowhere")
    assert result.returncode == 1
    assert "nowhere:-:-: is not a folder" in result.stdout
