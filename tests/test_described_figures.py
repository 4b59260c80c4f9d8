"""Figures shown with their descriptions as text alternative and caption; labels inside the frame;
descriptions that display as prose. Markup is parsed, never pattern-matched."""

from __future__ import annotations

import base64

import matplotlib
import pytest
from bs4 import BeautifulSoup

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from helpers.analysis.comparison import attribution_counts  # noqa: E402
from helpers.display import figures  # noqa: E402
from helpers.display.described import Description  # noqa: E402

FIGURES = {
    "timeline": (figures.timeline_figure, figures.describe_timeline),
    "coverage": (figures.coverage_figure, figures.describe_coverage),
    "chrome": (figures.chrome_figure, figures.describe_chrome),
    "attribution": (
        lambda: figures.attribution_figure(attribution_counts()),
        lambda: figures.describe_attribution(attribution_counts()),
    ),
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_is_an_image_whose_alt_is_its_description(name):
    make, describe = FIGURES[name]
    description = describe()
    assert isinstance(description, Description) and isinstance(description, str)
    made = make()
    shown = figures.show_figure(made, description)
    page = BeautifulSoup(shown._repr_html_(), "html.parser")
    figure = page.find("figure")
    image = figure.find("img")
    assert image["alt"] == str(description)
    assert image["src"].startswith("data:image/png;base64,")
    assert base64.b64decode(image["src"].split(",", 1)[1]).startswith(b"\x89PNG")
    caption = figure.find("figcaption")
    assert caption.find("p"), "the description is not shown as paragraphs"
    assert " ".join(caption.get_text(" ").split()).replace(" ;", ";") != ""
    assert not page.find("pre")
    assert made.number not in plt.get_fignums()  # closed: the notebook does not show it twice


def test_description_reads_as_paragraphs_and_lists():
    description = figures.describe_timeline()
    page = BeautifulSoup(description._repr_html_(), "html.parser")
    items = page.find_all("li")
    assert len(items) >= 5
    for item in items:
        assert item.get_text() in description
    assert str(description).count(". ") >= 1 and not page.find("pre")


def test_every_timeline_label_stays_inside_the_frame():
    """Inside the axes' frame (the box drawn around the time axis), not only inside the image."""
    figure = figures.timeline_figure()
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    for axes in figure.axes:
        frame = axes.bbox if axes.axison else figure.bbox
        assert axes.texts
        for text in axes.texts:
            box = text.get_window_extent(renderer)
            assert box.x0 >= frame.x0 - 0.5 and box.x1 <= frame.x1 + 0.5, text.get_text()
    plt.close(figure)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_titles_and_tick_labels_stay_inside_the_image(name):
    figure = FIGURES[name][0]()
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    frame = figure.bbox
    for axes in figure.axes:
        texts = [axes.title]
        pairs = ((axes.xaxis, axes.get_xlim()), (axes.yaxis, axes.get_ylim())) if axes.axison else ()
        for axis, (low, high) in pairs:
            low, high = min(low, high), max(low, high)
            texts += [t.label1 for t in axis.get_major_ticks() if low <= t.get_loc() <= high]
        if figure._suptitle is not None:
            texts.append(figure._suptitle)
        for text in texts:
            if not text.get_text() or not text.get_visible():
                continue
            box = text.get_window_extent(renderer)
            assert frame.x0 - 0.5 <= box.x0 and box.x1 <= frame.x1 + 0.5, text.get_text()
    plt.close(figure)


def test_a_date_from_outside_the_articles_has_its_own_marker_and_legend_entry():
    """Issue 11: the 12 February Biden–Putin date comes from the public record, not an article."""
    import matplotlib.pyplot as plt

    from helpers.display import figures

    figure = figures.timeline_figure(undated=False)
    axes = figure.axes[0]
    legend = [text.get_text() for text in axes.get_legend().get_texts()]
    assert "date from outside the articles" in legend and "date inferred from an article" in legend
    fills = {line.get_fillstyle() for line in axes.get_lines()}
    assert {"full", "none", "left"} <= fills  # stated, inferred and external drawn apart
    assert "date from outside the articles" in figures.describe_timeline()
    plt.close(figure)
