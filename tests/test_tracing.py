"""Tracing claims to the official readouts (issue 13): links, coverage, the outside-the-articles label."""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import helpers
from helpers.analysis import tracing
from helpers.teaching.editions import SOLUTIONS_DIR
from helpers.widgets.readouts import claim_points_html, point_html


def set_cell(path: Path, key: str, column: str, value: str) -> None:
    """Set one cell of the row whose first cell is ``key`` (the file's quoting and line endings kept)."""
    with open(path, encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    header = records[0]
    [record] = [r for r in records[1:] if r[0] == key]
    record[header.index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)


# --------------------------------------------------------------------------- the bundled data


def test_the_issue_thresholds_hold():
    sizes = tracing.counts()
    assert sizes["readouts_with_points"] >= 8
    assert sizes["points"] >= 25
    assert sizes["linked_claims"] >= 15
    assert sizes["source_differences"] >= 5


def test_every_frame_with_a_point_says_it_is_from_outside_the_articles():
    frames = [
        tracing.readout_table(),
        tracing.points_of(),
        tracing.traced_claims(),
        tracing.trace("ar-putin-macron-23"),
        tracing.readout_coverage("french-side-2022-03-03"),
        tracing.sides("biden-putin-2022-02-12"),
    ]
    for frame in frames:
        assert len(frame) > 0
        assert set(frame["origin"]) == {"outside the five articles"}


def test_links_reach_three_languages_and_every_point_exists():
    links = tracing.traced_claims()
    assert set(links["language"].astype(str)) == {"ar", "en", "vi"}
    assert links["statement"].notna().all(), "a link to a point that does not exist"
    # Addresses are recorded as found: the Kremlin's own pages are served over http.
    assert links["checked_at"].str.match(r"https?://").all()


def test_trace_puts_the_claim_beside_each_of_its_points():
    rows = tracing.trace("wt-blinken-lavrov-06")
    assert rows["claim_id"].unique().tolist() == ["wt-blinken-lavrov-06"]
    assert rows["point_id"].tolist() == ["state-dept-2022-02-01-p04", "state-dept-2022-02-01-p05"]
    assert set(rows["differences"]) == {"d-src-04"}


def test_trace_names_only_differences_that_list_both_the_claim_and_the_point():
    rows = tracing.trace("cnn-blinken-lavrov-10").set_index("point_id")
    differences = helpers.load_differences().set_index("difference_id")
    for point, listed in rows["differences"].items():
        for difference in filter(None, str(listed).split(";")):
            assert point in differences.loc[difference, "readout_points"]
            assert "cnn-blinken-lavrov-10" in differences.loc[difference, "claims"]


def test_a_claim_with_no_link_traces_to_nothing_and_an_unknown_claim_is_an_error():
    assert tracing.trace("cnn-blinken-lavrov-24").empty  # names the readout; reports none of its points
    with pytest.raises(KeyError, match="no claim 'no-such-claim'"):
        tracing.trace("no-such-claim")


def test_source_differences_all_compare_with_a_point_and_filter_by_call():
    table = tracing.source_differences()
    assert table["readout_points"].notna().all() and (table["readout_points"] != "").all()
    macron = tracing.source_differences(call_id="putin-macron-2022-03-03")
    assert len(macron) > 0 and set(macron["call_id"]) == {"putin-macron-2022-03-03"}
    every = helpers.load_differences()
    assert len(table) < len(every), "differences between articles have no readout point"


def test_readout_coverage_agrees_with_the_links():
    links = tracing.traced_claims()
    for readout in tracing.readout_table()["readout_id"]:
        coverage = tracing.readout_coverage(readout)
        assert int(coverage["n_claims"].sum()) == int((links["readout_id"] == readout).sum())
        assert (coverage["kept"] == (coverage["articles"] != "")).all()


def test_sides_lists_every_account_of_a_call_in_file_order():
    table = tracing.sides("putin-macron-2022-03-03")
    readouts = helpers.load_readouts()
    expected = readouts.loc[readouts["call_id"] == "putin-macron-2022-03-03", "readout_id"].tolist()
    assert table["readout_id"].drop_duplicates().tolist() == expected
    assert tracing.sides("no-such-call").empty


def uncited_readouts() -> list[str]:
    """The readouts that no article cites (an empty ``articles`` cell), read from the CSV itself."""
    with open(Path(helpers.BUNDLED_DATA_DIR) / "readouts.csv", encoding="utf-8", newline="") as handle:
        return [row["readout_id"] for row in csv.DictReader(handle) if not row["articles"].strip()]


def test_a_readout_no_article_cites_loads_with_its_points():
    uncited = uncited_readouts()
    assert "kremlin-ushakov-2022-02-12" in uncited
    table = tracing.readout_table().set_index("readout_id")
    points = helpers.load_readout_points()
    for readout in uncited:
        assert pd.isna(table.loc[readout, "articles"])
        assert int(table.loc[readout, "n_points"]) == int((points["readout_id"] == readout).sum()) > 0
        # No claim traces to it, so every point shows as not kept.
        coverage = tracing.readout_coverage(readout)
        assert not coverage["kept"].any() and set(coverage["articles"]) == {""}


def test_two_sides_of_the_biden_putin_call_one_of_them_uncited():
    table = tracing.sides("biden-putin-2022-02-12")
    readouts = helpers.load_readouts()
    expected = readouts.loc[readouts["call_id"] == "biden-putin-2022-02-12", "readout_id"].tolist()
    assert table["readout_id"].drop_duplicates().tolist() == expected
    assert {"white-house-2022-02-12", "kremlin-ushakov-2022-02-12"} <= set(expected)
    kremlin = table[table["readout_id"] == "kremlin-ushakov-2022-02-12"]
    white_house = table[table["readout_id"] == "white-house-2022-02-12"]
    assert not kremlin["kept"].any() and white_house["kept"].any()
    assert set(table["origin"]) == {"outside the five articles"}


def test_the_readouts_widget_shows_a_point_of_an_uncited_readout_with_its_address_as_found():
    points = helpers.load_readout_points().set_index("point_id", drop=False)
    point = points.loc["kremlin-ushakov-2022-02-12-p01"]
    markup = point_html(point)
    assert 'href="http://en.special.kremlin.ru/' in markup  # http kept, not rewritten
    assert "Outside the five articles" in markup
    # The Vietnamese claim on the Austin–Shoigu call traces to the Pentagon's point.
    claims = helpers.load_claims().set_index("claim_id", drop=False)
    beside = claim_points_html(claims.loc["vi-biden-putin-09"], helpers.load_readout_points())
    assert 'data-point="pentagon-2022-02-12-p02"' in beside


def lesson_cells(*needles: str) -> str:
    """The source of the code cells of lesson 5 (solutions edition) that contain each needle, in order."""
    notebook = nbformat.read(SOLUTIONS_DIR / "05_trace_it_to_the_original.ipynb", as_version=4)
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    found = []
    for needle in needles:
        [source] = [text for text in code if needle in text]
        found.append(source)
    return "\n\n".join(found)


def test_the_lesson_step_comparing_two_sides_of_12_february_executes():
    namespace: dict = {}
    exec(lesson_cells("import helpers", 'tracing.sides("biden-putin-2022-02-12"'), namespace)
    table = namespace["feb_12"]
    assert table.equals(tracing.sides("biden-putin-2022-02-12", helpers.load_claims()))
    assert "kremlin-ushakov-2022-02-12" in set(table["readout_id"])


# --------------------------------------------------------------------------- another data folder


def test_a_link_removed_in_the_data_is_gone_from_the_trace(data_copy):
    set_cell(data_copy / "claims.csv", "vi-biden-putin-02", "readout_points", "")
    assert tracing.trace("vi-biden-putin-02", data_dir=data_copy).empty
    coverage = tracing.readout_coverage("white-house-2022-02-12", data_dir=data_copy).set_index("point_id")
    assert not coverage.loc["white-house-2022-02-12-p02", "kept"]
    assert tracing.counts(data_dir=data_copy)["linked_claims"] == tracing.counts()["linked_claims"] - 1


def test_a_claims_frame_passed_in_is_the_one_traced():
    claims = helpers.load_claims()
    only_vietnamese = claims[claims["language"] == "vi"]
    links = tracing.traced_claims(only_vietnamese)
    assert set(links["article_id"]) == {"vi-biden-putin"}
    coverage = tracing.readout_coverage("kremlin-2022-03-03", claims=only_vietnamese)
    assert not coverage["kept"].any()
    assert isinstance(coverage, pd.DataFrame)


def test_the_second_pair_shows_where_each_point_was_checked_and_why_the_uncited_account_is_kept():
    # Lesson 5 asks about "rather" and the tone; the answer rests on the notes, so they must be shown.
    readouts = tracing.readout_table().set_index("readout_id")
    assert "kept so that" in readouts.loc["kremlin-ushakov-2022-02-12", "note"]
    table = tracing.sides("biden-putin-2022-02-12").set_index("point_id")
    assert "without 'rather'" in table.loc["kremlin-ushakov-2022-02-12-p06", "note"]
    second_hand = table.loc[[f"kremlin-ushakov-2022-02-12-p0{n}" for n in (7, 8, 9)]]
    assert not second_hand["checked_at"].str.contains("kremlin.ru").any()
    assert second_hand["note"].str.contains("not the Kremlin page").all()


def test_every_table_lesson_5_builds_is_displayed():
    # Only a cell's last expression is shown: a show(...) before it must go through display(...).
    import ast

    notebook = nbformat.read(SOLUTIONS_DIR / "05_trace_it_to_the_original.ipynb", as_version=4)
    hidden = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        body = ast.parse(cell.source).body
        for statement in body[:-1]:
            call = statement.value if isinstance(statement, ast.Expr) else None
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "show":
                hidden.append(cell.source.splitlines()[statement.lineno - 1])
    assert not hidden, f"tables built but never shown: {hidden}"
