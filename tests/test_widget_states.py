"""Search that forgives accents, menus whose counts follow the other filters, readout points beside
claims, and the small states of the widgets (issues 13 and 14). Markup is parsed, never pattern-matched."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import helpers
from helpers.widgets import ALL, article_reader, claim_explorer, comparison_view, explorer
from helpers.widgets.common import RERUN_NOTE, KeyGuard


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return helpers.load_claims()


def parse(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


@pytest.mark.parametrize("query", ["nha trang", "Ngoai truong", "NHA TRANG"])
def test_search_forgives_vietnamese_diacritics(claims, query):
    view = claim_explorer(claims)
    view.search.value = query
    found = view.selection
    assert len(found) > 0, f"{query!r} found nothing"
    assert set(found["language"]) == {"vi"}
    folded = query.lower().split()
    for excerpt, statement, gloss in found[["excerpt", "statement", "gloss"]].astype(str).to_numpy():
        keys = " ".join(
            helpers.data.text.search_key(t, fold_vietnamese=True) for t in (excerpt, statement, gloss)
        )
        assert all(word in keys for word in folded)


def test_exact_matching_is_an_option(claims):
    view = claim_explorer(claims)
    view.search.value = "nha trang"
    forgiving = len(view.selection)
    view.exact.value = True
    assert len(view.selection) == 0  # "nha" is not "Nhà" when accents must match
    view.search.value = "Nhà Trắng"
    assert len(view.selection) == forgiving
    view.reset_button.click()
    assert view.exact.value is False and len(view.selection) == len(claims)


def test_search_forgives_french_accents(claims):
    french = claims.head(2).copy()
    french["excerpt"] = ["Il a reproché à Moscou son attitude.", "Rien à signaler."]
    french["gloss"] = pd.NA
    view = claim_explorer(french)
    view.search.value = "reproche"
    assert list(view.selection["excerpt"]) == ["Il a reproché à Moscou son attitude."]


def option_counts(control) -> dict[str, int]:
    return {
        value: int(label.rsplit("(", 1)[1].rstrip(")")) for label, value in control.options if value != ALL
    }


def test_menu_counts_follow_the_other_filters(claims):
    view = claim_explorer(claims)
    view.filters["language"].value = "vi"
    view.search.value = "Blinken"
    for name, control in view.filters.items():
        if name == "language":
            continue
        for value, count in option_counts(control).items():
            if count == 0:
                continue
            control.value = value
            assert len(view.selection) == count, (name, value)
            control.value = ALL
    article_counts = option_counts(view.filters["article"])
    vietnamese = set(claims.loc[claims["language"] == "vi", "article_id"])
    assert all(count == 0 for article, count in article_counts.items() if article not in vietnamese)
    assert view.filters["language"].value == "vi"  # a new set of labels keeps the choice


def test_translation_box_is_unticked_and_disabled_on_an_english_article():
    translations = helpers.load_translations()
    reader = article_reader(article_id=translations["article_id"].iloc[0])
    reader.translation.value = True
    reader.article.value = "cnn-blinken-lavrov"
    assert reader.translation.disabled and reader.translation.value is False
    assert not parse(reader.text.value).select(".rr-sentences")


def test_a_call_reported_by_one_article_is_not_said_to_leave_out_zero(claims):
    per_call = claims.groupby("call_id", observed=True)["article_id"].nunique()
    single = [c for c, n in per_call.items() if n == 1]
    if not single:
        pytest.skip("every call is reported by two or more articles")
    view = comparison_view(call_id=single[0])
    text = parse(view.omitted.value).get_text()
    assert "leaves out 0" not in text and "no other article to compare it with" in text


def test_no_article_is_said_to_leave_out_zero(claims):
    view = comparison_view()
    for _, call_id in view.call.options:
        view.call.value = call_id
        assert "leaves out 0 " not in parse(view.omitted.value).get_text()


def linked_claim(claims: pd.DataFrame) -> pd.Series:
    return claims[claims["readout_points"].notna()].iloc[0]


def test_explorer_shows_readout_points_outside_the_articles(claims):
    row = linked_claim(claims)
    points = helpers.load_readout_points().set_index("point_id")
    view = claim_explorer(claims)
    view.search.value = row["excerpt"]
    page = parse(view.results.value)
    shown = page.select(f'.rr-readout[data-point="{row["readout_points"].split(";")[0]}"]')
    assert shown, "the claim's readout point is not shown"
    point = points.loc[row["readout_points"].split(";")[0]]
    assert point["statement"] in shown[0].get_text()
    assert "Outside the five articles" in shown[0].get_text()
    link = shown[0].find("a")
    assert link["href"] in {point["url"], point["archive_url"], point["checked_at"]}
    header = [th.get_text() for th in page.select("thead th")]
    assert any("outside the five articles" in h for h in header)


def test_reader_and_comparison_show_readout_points(claims):
    row = linked_claim(claims)
    first = row["readout_points"].split(";")[0]
    reader = article_reader(article_id=row["article_id"])
    assert parse(reader.claim_list.value).select(f'.rr-readout[data-point="{first}"]')
    view = comparison_view(proposition_id=row["proposition_id"])
    assert parse(view.readouts.value).select(f'.rr-readout[data-point="{first}"]')
    view.proposition.value = ALL
    shown = {d["data-point"] for d in parse(view.readouts.value).select(".rr-readout")}
    on_call = set(helpers.load_readout_points().query("call_id == @row.call_id")["point_id"])
    assert on_call <= shown  # linked or not, every point of the call's readouts is there


def test_every_view_carries_the_key_guard_and_the_rerun_note():
    dashboard = explorer()
    assert {"rr-keys", "rr-explorer"} <= set(dashboard._dom_classes)
    for view in dashboard.children:
        assert {"rr-keys", "rr-widget"} <= set(view._dom_classes)
        style = view.children[0]
        assert any(isinstance(child, KeyGuard) for child in style.children)
        assert hasattr(type(view), "_ipython_display_")
    assert "run this cell again" in RERUN_NOTE


def test_csv_download_cannot_run_a_spreadsheet_formula(claims):
    mine = claims.head(3).copy()
    mine["gloss"] = ['=HYPERLINK("http://x","y")', "+1", "plain"]
    view = claim_explorer(mine)
    back = pd.read_csv(io.StringIO(view.selection_csv()), dtype=str, keep_default_na=False)
    assert list(back["gloss"]) == ['\'=HYPERLINK("http://x","y")', "'+1", "plain"]
