"""helpers.capstone: the student's template, the checker's messages, the comparison; nothing written to data/."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import DATA, folder_digest

import helpers
from helpers.teaching import capstone

CALL = "blinken-lavrov-2022-02-01"


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=capstone.COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def project_row(project_id: str, **changes: str) -> dict[str, str]:
    """A row of the bundled claims.csv, as strings, with some cells changed."""
    with open(DATA / "claims.csv", encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["claim_id"] == project_id)
    row.update(changes)
    return row


def test_template_is_created_once_and_never_overwritten(tmp_path, capsys):
    mine = tmp_path / "my_claims.csv"
    capstone.start_my_claims(mine)
    assert mine.read_text(encoding="utf-8") == ",".join(capstone.COLUMNS) + "\n"
    mine.write_text(mine.read_text(encoding="utf-8") + "my work\n", encoding="utf-8")
    capstone.start_my_claims(mine)
    assert mine.read_text(encoding="utf-8").endswith("my work\n")
    assert "left as it is" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["my_claims.csv"]  # no temporary file left behind


def test_add_my_claim_appends_skips_placeholders_and_duplicates(tmp_path, capsys):
    mine = tmp_path / "my_claims.csv"
    capstone.start_my_claims(mine)
    values = dict(
        article_id="wt-blinken-lavrov",
        proposition_id="bl0201-held",
        excerpt="held a direct phone conversation",
        attribution="outlet_voice",
        mode="narration",
    )
    capstone.add_my_claim(mine, **{**values, "excerpt": ...})
    assert "nothing was added" in capsys.readouterr().out
    capstone.add_my_claim(mine, **values)
    capstone.add_my_claim(mine, **values)
    assert "already in my_claims.csv (row 2)" in capsys.readouterr().out
    report = capstone.check_claims_file(mine, call_id=CALL)
    assert report.problems == [] and list(report.claims["claim_id"]) == ["wt-blinken-lavrov-01"]


def test_checker_reports_precise_messages(tmp_path):
    mine = tmp_path / "mine.csv"
    write_rows(
        mine,
        [
            project_row("wt-blinken-lavrov-01"),  # row 2: valid
            project_row("wt-blinken-lavrov-04", excerpt="The State Department offered a long readout"),
            project_row("wt-blinken-lavrov-05", attribution="outlet voice"),  # and so a source is needed
            project_row("ar-blinken-lavrov-02", gloss=""),
            project_row("wt-blinken-lavrov-06", proposition_id="bl0201-soverignty"),
            project_row("wt-blinken-lavrov-07", claim_id="wt-blinken-lavrov-01"),
            project_row("vi-biden-putin-01"),  # another call
            project_row("wt-blinken-lavrov-12", mode=""),
        ],
    )
    report = capstone.check_claims_file(mine, call_id=CALL)
    assert [str(p) for p in report.problems] == [
        "mine.csv:3:excerpt: ⟦The State Department offered a long readout⟧ is not in wt-blinken-lavrov — "
        "copy the words again from the article file, exactly as they stand",
        "mine.csv:4:source: is empty, but is required unless attribution is outlet_voice — describe the source "
        "as the article does, e.g. 'a senior State Department official'",
        "mine.csv:4:attribution: 'outlet voice' is not an allowed value — use one of: named_official, "
        "spokesperson, anonymous_source, official_statement, outlet_voice, media_report",
        "mine.csv:5:gloss: is empty, but ar-blinken-lavrov is not in English — "
        "write a faithful English rendering of the excerpt",
        "mine.csv:6:proposition_id: 'bl0201-soverignty' is not in propositions.csv — did you mean "
        "'bl0201-sovereignty'? use an existing proposition_id, or add a row for it to propositions.csv",
        "mine.csv:7:claim_id: 'wt-blinken-lavrov-01' is used again (first in row 2) — give each row its own id, "
        "or delete the duplicate row",
        "mine.csv:8:proposition_id: 'bp0212-white-house-readout' is about the call biden-putin-2022-02-12, not "
        f'{CALL} — choose a proposition of {CALL} (helpers.teaching.capstone.propositions_for("{CALL}") lists them)',
        "mine.csv:9:mode: is empty but required — fill in the mode",
    ]
    assert list(report.claims["row"]) == [2]
    assert "8 claims; 8 problems in 7 rows; 1 claim without problems." in repr(report)


def test_checker_on_a_missing_or_unreadable_file(tmp_path):
    missing = capstone.check_claims_file(tmp_path / "none.csv")
    assert [str(p) for p in missing.problems] == [
        'none.csv:-:-: is missing — create it with helpers.teaching.capstone.start_my_claims("none.csv")'
    ]
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes((",".join(capstone.COLUMNS) + "\nx,بلينكين\n").encode("cp1256"))
    report = capstone.check_claims_file(legacy)
    assert str(report.problems[0]).startswith("legacy.csv:-:-: is not UTF-8")
    assert report.claims.empty and "could not be read" in repr(report)


def test_checker_writes_nothing_into_data_or_the_students_file(tmp_path, monkeypatch):
    before = folder_digest(DATA)
    monkeypatch.chdir(tmp_path)
    capstone.write_classmate_example()
    original = Path("classmate_claims.csv").read_bytes()
    capstone.check_claims_file("classmate_claims.csv", call_id=CALL)
    assert Path("classmate_claims.csv").read_bytes() == original
    assert folder_digest(DATA) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["classmate_claims.csv"]


def test_classmate_example_and_comparison(tmp_path):
    example = tmp_path / "classmate.csv"
    capstone.write_classmate_example(example)
    assert [p.column for p in capstone.check_claims_file(example).problems] == [
        "excerpt",
        "attribution",
        "proposition_id",
    ]
    capstone.write_classmate_example(example, fixed=True)
    fixed = capstone.check_claims_file(example, call_id=CALL)
    assert fixed.problems == []
    table = capstone.compare_claims(fixed.claims, call_id=CALL)
    project = helpers.load_claims()
    paragraph = capstone.paragraphs(capstone.CLASSMATE_ARTICLE).iloc[capstone.CLASSMATE_PARAGRAPH - 1]
    in_paragraph = project[
        (project["article_id"] == capstone.CLASSMATE_ARTICLE)
        & project["start"].between(paragraph["start"], paragraph["end"] - 1)
    ]
    assert set(table["proposition_id"]) == set(in_paragraph["proposition_id"])
    assert table["status"].value_counts().to_dict() == {
        "found, same attribution": 4,
        "found, attribution differs": 1,
        "missed": len(set(in_paragraph["proposition_id"])) - 5,
    }
    whole = capstone.compare_claims(fixed.claims, call_id=CALL, scope="article")
    assert len(whole) > len(table)


def test_compare_claims_of_nothing_is_an_empty_table():
    table = capstone.compare_claims(helpers.load_claims().iloc[0:0])
    assert table.empty and "status" in table.columns
    with pytest.raises(ValueError):
        capstone.compare_claims(helpers.load_claims().head(1), scope="page")
