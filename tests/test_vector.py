"""The whole-column shortcuts of the data layer give exactly what the Python rules give.

The fast path clears cells in Arrow (RE2, Arrow's trim) and leaves the rest to Python;
these tests compare it with the plain Python statement of each rule on cells chosen
where the two dialects differ (Unicode digits and spaces, vertical tabs, upper case),
and with hypothesis on arbitrary text.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.data.links import _quoting_chrome
from helpers.data.rules import _ADDRESS_CLEAR, _DAY_CLEAR, _IDS_CLEAR, ID, INT, _is_date, _is_ids, is_address
from helpers.data.vector import among, explode, failing, lookup, only_digits, only_ids

TRICKY = [
    "",
    "a",
    "a-b",
    "A",
    "a--b",
    "-a",
    "a b",
    "a;b",
    " a ; b ",
    "a;;b",
    "a\u00a0;b",
    "a;\u2003b",
    "a\x0bb",
    "a\x1c",
    "a\n",
    "١٢",
    "12",
    "0012",
    "1234567890",
    "2022-02-28",
    "2022-02-29",
    "2024-02-29",
    "0000-01-01",
    "2022-13-01",
    "١٢٣٤-01-01",
    "https://www.state.gov/c",
    "http://www.state.gov",
    "HTTPS://www.state.gov",
    "https://WWW.State.GOV/x?y#z",
    "https://www.state.gov/a b",
    "https://www.state.gov/\u00a0",
    "https://www.state.gov/\x0b",
    "https://-a.gov",
    "https://a.gov?x/y",
    "https://a.b",
    "ftp://a.gov",
]

RULES = [
    (ID.pattern, lambda v: bool(ID.fullmatch(v))),
    (_IDS_CLEAR, _is_ids),
    (INT.pattern, lambda v: bool(INT.fullmatch(v))),
    (_DAY_CLEAR, lambda v: _is_date(v)),
    (_ADDRESS_CLEAR, is_address),
]


def _python_failing(cells: list[str], rule) -> list[bool]:
    return [bool(cell) and not rule(cell) for cell in cells]


def test_failing_is_the_python_rule_on_tricky_cells() -> None:
    cells = pd.Series(TRICKY, dtype="str")
    for clears, rule in RULES:
        assert failing(cells, clears, rule).tolist() == _python_failing(TRICKY, rule), clears


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=12) | st.sampled_from(TRICKY), max_size=8))
def test_failing_is_the_python_rule_on_any_text(cells: list[str]) -> None:
    series = pd.Series(cells, dtype="str")
    for clears, rule in RULES:
        assert failing(series, clears, rule).tolist() == _python_failing(cells, rule), clears


_ID_LIKE = st.text(alphabet=st.sampled_from(list("az09-;  Z\u00e9\t")), max_size=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ID_LIKE | st.sampled_from(TRICKY), max_size=8), st.integers(0, 3))
def test_only_ids_vouches_only_for_ids(cells: list[str], skip: int) -> None:
    # A slice shares the text of the whole column: the cells it vouches for start past offset 0.
    series = pd.Series(cells, dtype="str").iloc[skip:]
    kept = cells[skip:]
    if only_ids(series):
        assert all(ID.fullmatch(cell) for cell in kept if cell)
    if only_ids(series, ";"):
        assert all(_is_ids(cell) for cell in kept if cell)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.from_regex(r"[a-z0-9]{1,4}(-[a-z0-9]{1,4}){0,2}", fullmatch=True) | st.just(""), max_size=8)
)
def test_only_ids_vouches_for_a_column_of_ids(ids: list[str]) -> None:
    assert only_ids(pd.Series(ids, dtype="str"))
    assert only_ids(pd.Series([";".join(filter(None, ids[:3])), *ids[3:]], dtype="str"), ";")


def test_only_ids_doubts_every_kind_of_wrong_id() -> None:
    for wrong in ["A", "a--b", "-a", "a-", "a b", "a;b", "é", "a\t"]:
        assert not only_ids(pd.Series(["ok", wrong], dtype="str")), wrong
    for wrong in ["a;;b", ";a", "a;", "a;-b", "a-;b", "a; b"]:
        assert not only_ids(pd.Series(["ok", wrong], dtype="str"), ";"), wrong


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text(alphabet=st.sampled_from(list("0129 \u0661a")), max_size=12), max_size=8),
    st.integers(0, 3),
)
def test_only_digits_vouches_only_for_small_whole_numbers(cells: list[str], skip: int) -> None:
    series = pd.Series(cells, dtype="str").iloc[skip:]
    if only_digits(series, longest=9):
        assert all(INT.fullmatch(cell) and cell.isascii() for cell in cells[skip:] if cell)
    assert only_digits(pd.Series(["123456789", "", "0"], dtype="str"), longest=9)
    assert not only_digits(pd.Series(["1234567890"], dtype="str"), longest=9)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text(alphabet=st.sampled_from(list("ab; \t\u00a0\u2003\x0b\x1c-")), max_size=10), max_size=6)
)
def test_explode_splits_and_strips_as_python_does(cells: list[str]) -> None:
    where, items = explode(pd.Series(cells, dtype="str"), ";")
    expected = [
        (at, item.strip()) for at, cell in enumerate(cells) for item in cell.split(";") if item.strip()
    ]
    assert list(zip(where.tolist(), items.to_pylist())) == expected


def test_among_tests_pairs_not_items() -> None:
    listed = (np.array([0, 0, 1]), pa.array(["a", "b", "c"]))
    wanted = pd.Series(["a", "c", "a", "c", "z"], dtype="str")
    assert among(np.array([0, 0, 1, 1, 1]), wanted, listed).tolist() == [True, False, False, True, False]


def test_claims_quoting_chrome_match_a_plain_search() -> None:
    rng = random.Random(5)
    for _ in range(300):
        articles = [f"a{i}" for i in range(rng.randint(1, 4))]
        chrome = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randint(0, 50) if rng.random() > 0.1 else None
            end = None if start is None else start + rng.randint(1, 10)
            chrome.append((rng.choice(articles), start, end, rng.choice(["headline", "menu", "byline"])))
        claims = []
        for _ in range(rng.randint(0, 10)):
            start = rng.randint(0, 60) if rng.random() > 0.1 else None
            end = None if start is None else start + rng.randint(1, 15)
            claims.append((rng.choice([*articles, "elsewhere"]), start, end))
        headlines = {(a, s) for a, s, _, kind in chrome if kind == "headline" and s is not None}
        expected = [
            i
            for i, (a, s, e) in enumerate(claims)
            if s is not None
            and any(
                ca == a and cs is not None and (ca, cs) not in headlines and cs < e and s < ce
                for ca, cs, ce, _ in chrome
            )
        ]
        chrome_frame = pd.DataFrame(
            {
                "article_id": pd.array([c[0] for c in chrome], dtype="str"),
                "kind": pd.array([c[3] for c in chrome], dtype="str"),
                "_start": pd.array([c[1] for c in chrome], dtype="Int64"),
                "_end": pd.array([c[2] for c in chrome], dtype="Int64"),
            }
        )
        claims_frame = pd.DataFrame(
            {
                "article_id": pd.array([c[0] for c in claims], dtype="str"),
                "_start": pd.array([c[1] for c in claims], dtype="Int64"),
                "_end": pd.array([c[2] for c in claims], dtype="Int64"),
            }
        )
        assert _quoting_chrome(claims_frame, chrome_frame) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["a", "b", "c", "", "é"]), st.text(max_size=3)), max_size=12),
    st.lists(st.sampled_from(["a", "b", "c", "z", "", "é"]), max_size=12),
)
def test_lookup_is_the_first_row_of_each_key(rows, wanted) -> None:
    keys = pd.Series([key for key, _ in rows], dtype="str")
    values = pd.Series([value for _, value in rows], dtype="str")
    first: dict[str, str] = {}
    for key, value in rows:
        first.setdefault(key, value)
    found = lookup(pd.Series(wanted, dtype="str"), keys, values)
    assert [None if pd.isna(v) else v for v in found] == [first.get(w) for w in wanted]


def test_a_repeated_key_of_two_columns_is_found() -> None:
    from helpers.data.rules import check_keys
    from helpers.data.schema import TABLES

    table = TABLES["translations"]
    cells = {name: ["x"] * 3 for name in table.column_names}
    cells.update({"article_id": ["a", "a", "a"], "sentence_no": ["1", "2", "1"], "_row": [2, 3, 4]})
    frame = pd.DataFrame(cells, dtype="str")
    assert [str(p).split(":")[:3] for p in check_keys(table, frame)] == [
        ["translations.csv", "4", "sentence_no"]
    ]
    frame.loc[2, "sentence_no"] = "3"
    assert check_keys(table, frame) == []
