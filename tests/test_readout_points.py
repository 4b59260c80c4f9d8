"""The readouts as facts (issue 13): readout_points.csv, addresses, links from claims and differences.

Each test breaks one cell of a copy of the data folder and checks the exact
``file:row:column: what — fix`` message; the bundled data stays valid.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import helpers
from helpers.data.schema import DATE_BASIS, MAX_QUOTED_WORDS, TABLES


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Put ``value`` in ``column`` of spreadsheet row ``row`` (the header is row 1)."""
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    records[row - 1][records[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(records)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def errors_of(data_dir: Path) -> list[str]:
    return [str(p) for p in helpers.validate(data_dir) if p.severity == "error"]


def test_schema_declares_the_new_table_and_columns():
    assert TABLES["readout_points"].column_names == [
        "point_id",
        "readout_id",
        "statement",
        "quoted",
        "checked_at",
        "note",
    ]
    assert TABLES["readouts"].column_names[-3:] == ["title", "url", "archive_url"]
    assert "readout_points" in TABLES["claims"].column_names
    assert "readout_points" in TABLES["differences"].column_names
    assert "external" in DATE_BASIS


def test_load_readout_points_is_a_top_level_loader():
    points = helpers.load_readout_points()
    assert points["point_id"].is_unique
    assert set(points["readout_id"]) <= set(helpers.load_table("readouts")["readout_id"])
    assert {"call_id", "publisher", "url", "archive_url"} <= set(points.columns)
    assert "readout_points" in helpers.load_corpus().frames


def test_point_without_checked_at(data_copy):
    set_cell(data_copy / "readout_points.csv", 2, "checked_at", "")
    assert errors_of(data_copy) == [
        "readout_points.csv:2:checked_at: is empty but required — give the address of the page "
        "on which you checked the point"
    ]


def test_malformed_addresses(data_copy):
    set_cell(data_copy / "readout_points.csv", 3, "checked_at", "www.rferl.org/a/blinken")
    set_cell(data_copy / "readouts.csv", 2, "url", "htps://www.state.gov/readout")
    set_cell(data_copy / "readouts.csv", 3, "archive_url", "https://web.archive.org/web/2022 x")
    fix = (
        "copy the full address from the browser's address bar, beginning https:// or http:// "
        "(e.g. https://www.state.gov/…), with no spaces"
    )
    assert errors_of(data_copy) == [
        f"readouts.csv:2:url: 'htps://www.state.gov/readout' is not a well-formed web address — {fix}",
        f"readouts.csv:3:archive_url: 'https://web.archive.org/web/2022 x' is not a well-formed web "
        f"address — {fix}",
        f"readout_points.csv:3:checked_at: 'www.rferl.org/a/blinken' is not a well-formed web address — {fix}",
    ]


def test_an_http_address_is_kept_as_found(data_copy):
    # Some official archives still serve http:// pages; the address is recorded as the page was read.
    set_cell(data_copy / "readouts.csv", 2, "url", "http://en.kremlin.ru/events/president/news/1")
    assert errors_of(data_copy) == []


def test_quoted_fragment_longer_than_a_dozen_words(data_copy):
    words = " ".join(f"word{i}" for i in range(MAX_QUOTED_WORDS + 1))
    set_cell(data_copy / "readout_points.csv", 2, "quoted", words)
    assert errors_of(data_copy) == [
        f"readout_points.csv:2:quoted: quotes {MAX_QUOTED_WORDS + 1} words of the readout; a quoted "
        f"fragment is at most {MAX_QUOTED_WORDS} — keep only the few words whose wording is the point, "
        "and say the rest in the statement, in the project's own words"
    ]


def test_a_dozen_quoted_words_pass(data_copy):
    set_cell(data_copy / "readout_points.csv", 2, "quoted", " ".join(["word"] * MAX_QUOTED_WORDS))
    assert errors_of(data_copy) == []


def test_dangling_readout_and_point_ids(data_copy):
    # A dropped "t": one readout id is nearest (state-dept-2022-02-12 now also exists).
    set_cell(data_copy / "readout_points.csv", 2, "readout_id", "state-dep-2022-02-01")
    set_cell(data_copy / "claims.csv", 6, "readout_points", "state-dept-2022-02-01-p99")
    set_cell(data_copy / "differences.csv", 2, "readout_points", "no-such-point")
    errors = errors_of(data_copy)
    assert (
        "readout_points.csv:2:readout_id: 'state-dep-2022-02-01' is not in readouts.csv — did you mean "
        "'state-dept-2022-02-01'? use an existing readout_id, or add a row for it to readouts.csv" in errors
    )
    assert (
        "claims.csv:6:readout_points: 'state-dept-2022-02-01-p99' is not in readout_points.csv — did you "
        "mean 'state-dept-2022-02-01-p07'? use an existing point_id, or add a row for it to "
        "readout_points.csv" in errors
    )
    assert any(e.startswith("differences.csv:2:readout_points: 'no-such-point' is not in") for e in errors)


def test_claim_linked_to_a_point_of_another_call(data_copy):
    # claims row 6 is about the 1 February call; kremlin-2022-03-03-p01 is of the 3 March call.
    set_cell(
        data_copy / "claims.csv", 6, "readout_points", "state-dept-2022-02-01-p01;kremlin-2022-03-03-p01"
    )
    assert errors_of(data_copy) == [
        "claims.csv:6:readout_points: point 'kremlin-2022-03-03-p01' belongs to readout 'kremlin-2022-03-03', "
        "of call 'putin-macron-2022-03-03', not of this row's call 'blinken-lavrov-2022-02-01' — link only "
        "points of a readout of the same call, or remove the point"
    ]


def test_difference_linked_to_a_point_of_another_call(data_copy):
    set_cell(data_copy / "differences.csv", 2, "readout_points", "kremlin-2022-03-03-p01")
    assert errors_of(data_copy) == [
        "differences.csv:2:readout_points: point 'kremlin-2022-03-03-p01' belongs to readout "
        "'kremlin-2022-03-03', of call 'putin-macron-2022-03-03', not of this row's call "
        "'blinken-lavrov-2022-02-01' — link only points of a readout of the same call, or remove the point"
    ]


def test_readout_articles_must_list_every_article_whose_claims_cite_it(data_copy):
    set_cell(data_copy / "readouts.csv", 2, "articles", "ar-blinken-lavrov;wt-blinken-lavrov")
    assert errors_of(data_copy) == [
        "readouts.csv:2:articles: does not list cnn-blinken-lavrov, though its claims cite this readout "
        "— add cnn-blinken-lavrov to the list"
    ]


def test_a_claim_linked_to_a_point_counts_as_citing_its_readout(data_copy):
    # claims row 6 (ar-blinken-lavrov) linked to a point of the Russian ministry's video, which
    # ar-blinken-lavrov already lists: valid; take the article off the list and it is not.
    set_cell(data_copy / "claims.csv", 6, "readout_points", "russian-mfa-video-2022-02-01-p01")
    assert errors_of(data_copy) == []
    set_cell(data_copy / "readouts.csv", 3, "articles", "cnn-blinken-lavrov")
    assert errors_of(data_copy) == [
        "readouts.csv:3:articles: does not list ar-blinken-lavrov, though its claims cite this readout "
        "— add ar-blinken-lavrov to the list"
    ]


def test_external_is_a_date_basis_and_needs_a_date(data_copy):
    set_cell(data_copy / "events.csv", 2, "date_basis", "external")
    assert errors_of(data_copy) == []
    set_cell(data_copy / "events.csv", 2, "date", "")
    assert errors_of(data_copy) == [
        "events.csv:2:date: is empty, but is required when date_basis is external or inferred or stated "
        "— fill in the date"
    ]


def row_of(path: Path, key: str) -> int:
    """The spreadsheet row (header = 1) of the row whose first cell is ``key``."""
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    [number] = [n for n, record in enumerate(records, start=1) if record[0] == key]
    return number


def test_a_readout_no_article_cites_is_valid_with_empty_articles(data_copy):
    # The Kremlin's briefing of 12 February: kept so that two sides can be compared, cited by no claim.
    row = row_of(data_copy / "readouts.csv", "kremlin-ushakov-2022-02-12")
    records = list(csv.DictReader(io.StringIO((data_copy / "readouts.csv").read_text(encoding="utf-8"))))
    assert records[row - 2]["articles"] == ""
    assert errors_of(data_copy) == []


def test_a_readout_with_empty_articles_that_a_claim_cites_is_refused(data_copy):
    # vi-biden-putin-02 (the Biden–Putin call) linked to a point of the Kremlin's briefing on that call.
    claim_row = row_of(data_copy / "claims.csv", "vi-biden-putin-02")
    readout_row = row_of(data_copy / "readouts.csv", "kremlin-ushakov-2022-02-12")
    set_cell(
        data_copy / "claims.csv",
        claim_row,
        "readout_points",
        "white-house-2022-02-12-p02;kremlin-ushakov-2022-02-12-p01",
    )
    assert errors_of(data_copy) == [
        f"readouts.csv:{readout_row}:articles: does not list vi-biden-putin, though its claims cite this "
        "readout — add vi-biden-putin to the list"
    ]


def test_a_claim_naming_an_uncited_readout_in_readout_id_is_refused_too(data_copy):
    claim_row = row_of(data_copy / "claims.csv", "vi-biden-putin-08")  # the Austin–Shoigu call
    readout_row = row_of(data_copy / "readouts.csv", "russian-mod-2022-02-12")
    set_cell(data_copy / "claims.csv", claim_row, "readout_id", "russian-mod-2022-02-12")
    assert errors_of(data_copy) == [
        f"readouts.csv:{readout_row}:articles: does not list vi-biden-putin, though its claims cite this "
        "readout — add vi-biden-putin to the list"
    ]
