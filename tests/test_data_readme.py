"""data/README.md's column tables agree with the schema the validator enforces (issue 10 item 6).

The README is for people; helpers.data.schema is what the code checks. Each column
table of the README must list the schema's columns, in order, and say "yes" in
its required column exactly where the schema requires the cell; every table of
the schema must be documented.
"""

from __future__ import annotations

import re

import pytest
from conftest import DATA

from helpers.data.schema import DATE_BASIS, TABLES

README = (DATA / "README.md").read_text(encoding="utf-8")


def documented_tables() -> dict[str, list[tuple[str, str]]]:
    """Each documented table: its (column, required) rows, read from the README's Markdown tables."""
    found: dict[str, list[tuple[str, str]]] = {}
    heading = ""
    lines = README.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("### "):
            heading = line
        if not line.startswith("| ") or number + 1 >= len(lines) or not lines[number + 1].startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0] == "column":
            names = re.findall(r"`(\w+)\.csv`", heading)
            if not names:
                continue
            name = names[0]
        elif cells[0].endswith(".csv"):
            name = cells[0][: -len(".csv")]
        else:
            continue
        rows = []
        for row in lines[number + 2 :]:
            if not row.startswith("|"):
                break
            parts = [c.strip() for c in row.strip("|").split("|")]
            rows.append((parts[0], parts[1]))
        found[name] = rows
    return found


DOCUMENTED = documented_tables()


def test_every_table_is_documented():
    for name in TABLES:
        assert f"`{name}.csv`" in README, f"data/README.md does not describe {name}.csv"


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_the_readme_lists_the_schema_columns_in_order(name):
    assert name in TABLES, f"data/README.md documents {name}.csv, which the schema does not have"
    assert [column for column, _ in DOCUMENTED[name]] == TABLES[name].column_names


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_required_says_yes_exactly_where_the_schema_requires_a_cell(name):
    required = {c.name: c.required for c in TABLES[name].columns}
    for column, said in DOCUMENTED[name]:
        assert (said == "yes") == required[column], f"{name}.csv {column}: README says {said!r}"


def test_the_readme_names_every_date_basis():
    for basis in DATE_BASIS:
        assert f"`{basis}`" in README
