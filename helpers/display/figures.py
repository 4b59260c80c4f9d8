"""Figures for the lessons, each with a text description computed from the same data.

Every figure comes with a ``describe_*`` function returning a :class:`Description`;
``show_figure(figure, description)`` shows the figure with the description as its
text alternative and its caption, so a reader who cannot see it gets the point.
Colours are the Okabe–Ito palette, which colour-blind readers can tell apart,
and no colour is the only signal: shapes and fills carry the same distinction.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..analysis.comparison import coverage_matrix, timeline
from .described import OKABE_ITO, Description, show_figure

__all__ = [
    "OKABE_ITO",
    "Description",
    "show_figure",
    "timeline_figure",
    "describe_timeline",
    "coverage_figure",
    "describe_coverage",
    "attribution_figure",
    "describe_attribution",
    "chrome_table",
    "chrome_figure",
    "describe_chrome",
]

_KIND_STYLE = {"call": ("o", OKABE_ITO["blue"]), "event": ("s", OKABE_ITO["vermillion"])}
_WINDOW = (pd.Timestamp("2021-12-01"), pd.Timestamp("2022-03-10"))

# How a marker is filled says how its date is known: never colour alone.
_BASIS_FILL = {"stated": "full", "inferred": "none", "external": "left"}
BASIS_WORDS = {
    "stated": "date stated in an article",
    "inferred": "date inferred from an article",
    "external": "date from outside the articles",
}


def _basis_words(basis: object) -> str:
    return BASIS_WORDS.get(str(basis), f"date {basis}")


def _in_window(line: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    return line["date"].notna() & (line["date"] >= start) & (line["date"] <= end)


def _display_labels(line: pd.DataFrame) -> pd.Series:
    """Each item's label, with its id added where two items share a label (two Putin–Macron calls)."""
    labels = line["label"].astype(str)
    shared = labels.duplicated(keep=False)
    return labels.where(~shared, labels + " [" + line["id"].astype(str) + "]")


def _keep_labels_inside(figure: Figure, axes) -> None:
    """A label that would run past the frame's right edge goes to the left of its marker instead."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    right = axes.get_window_extent(renderer).x1
    for text in axes.texts:
        if text.get_window_extent(renderer).x1 > right:
            text.set_horizontalalignment("right")
            text.xyann = (-8, 0)


def timeline_figure(
    line: pd.DataFrame | None = None,
    start: str | pd.Timestamp = _WINDOW[0],
    end: str | pd.Timestamp = _WINDOW[1],
    undated: bool = True,
) -> Figure:
    """Calls (circles, blue) and events (squares, vermillion) on a time axis.

    A filled marker is a date stated in an article; a hollow one, a date
    inferred from one; a half-filled one, a date from outside the articles (the
    public record, basis ``external``). Items the articles do not date to the day (date
    ``approximate`` or ``unknown``) cannot be placed on the axis: with
    ``undated`` (the default) they are listed in a panel below it, each with how
    much is known of its date, instead of being put at a guessed day.

    >>> figure = timeline_figure()
    >>> len(figure.axes)
    2
    >>> len(timeline_figure(undated=False).axes)
    1
    """
    line = timeline() if line is None else line
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    line = line.assign(display=_display_labels(line))
    shown = line[_in_window(line, start, end)].reset_index(drop=True)
    missing = line[line["date"].isna()].reset_index(drop=True) if undated else line.iloc[0:0]
    height_main = 0.45 * max(len(shown), 4) + 1.2
    height_undated = 0.3 * len(missing) + 0.6 if len(missing) else 0
    if len(missing):
        figure, (axes, below) = plt.subplots(
            2,
            1,
            figsize=(10, height_main + height_undated),
            height_ratios=[height_main, height_undated],
            layout="constrained",
        )
    else:
        figure, axes = plt.subplots(figsize=(10, height_main), layout="constrained")
    for position, item in shown.iterrows():
        marker, colour = _KIND_STYLE[str(item["kind"])]
        fill = _BASIS_FILL.get(str(item["date_basis"]), "none")
        axes.plot(
            item["date"],
            position,
            marker=marker,
            markersize=9,
            color=colour,
            fillstyle=fill,
            markerfacecolor=colour,
            markerfacecoloralt="white",
            markeredgewidth=2,
            linestyle="none",
        )
        axes.annotate(
            f"{item['display']}  ({item['date']:%d %b %Y})",
            (item["date"], position),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    axes.set_ylim(len(shown) - 0.5, -0.5)
    axes.set_yticks([])
    axes.set_xlim(start, end + (end - start) * 0.7)
    # Ticks on the 1st and 15th of each month, written as "15 Feb 2022", fit without overlapping.
    # Ticks only inside the window: the space to the right of it is for the labels.
    axes.set_xticks([day for day in pd.date_range(start, end) if day.day in (1, 15)])
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y"))
    axes.tick_params(axis="x", labelsize=8)
    axes.grid(axis="x", color="#dddddd")
    axes.set_title("Calls and events the articles mention, by date")
    handles = [
        plt.Line2D([], [], marker=m, color=c, linestyle="none", markersize=8, label=k)
        for k, (m, c) in _KIND_STYLE.items()
    ]
    handles += [
        plt.Line2D(
            [],
            [],
            marker="o",
            color="#555555",
            fillstyle=_BASIS_FILL[basis],
            markerfacecoloralt="white",
            linestyle="none",
            markersize=8,
            label=BASIS_WORDS[basis],
        )
        for basis in ("stated", "inferred", "external")
    ]
    axes.legend(handles=handles, loc="upper right", fontsize=8, frameon=True)
    _keep_labels_inside(figure, axes)
    if len(missing):
        # Undated items get a list, not a position: placing them would invent a day.
        for position, item in missing.iterrows():
            marker, colour = _KIND_STYLE[str(item["kind"])]
            below.plot(
                0,
                position,
                marker=marker,
                markersize=7,
                color=colour,
                markerfacecolor="white",
                markeredgewidth=1.5,
                linestyle="none",
            )
            below.annotate(
                f"{item['display']}  (date {item['date_basis']})",
                (0, position),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
            )
        below.set_xlim(-0.02, 1)
        below.set_ylim(len(missing) - 0.5, -0.5)
        below.set_axis_off()
        below.set_title(
            "Not placed on the axis: no day is known (date approximate or unknown)", fontsize=10, loc="left"
        )
    return figure


def describe_timeline(
    line: pd.DataFrame | None = None,
    start: str | pd.Timestamp = _WINDOW[0],
    end: str | pd.Timestamp = _WINDOW[1],
) -> Description:
    """A text description of :func:`timeline_figure`, for readers who cannot see it.

    >>> "undated" in describe_timeline()
    True
    """
    line = timeline() if line is None else line
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    line = line.assign(display=_display_labels(line))
    shown = line[_in_window(line, start, end)]
    outside = line[line["date"].notna() & ~_in_window(line, start, end)]
    undated = line[line["date"].isna()]
    parts: list = [
        (
            f"The figure places {len(shown)} dated items between {start:%d %B %Y} and {end:%d %B %Y}, "
            f"in date order:",
            [
                f"{r['date']:%d %b %Y}: {r['display']} ({r['kind']}, {_basis_words(r['date_basis'])})"
                for _, r in shown.iterrows()
            ],
        )
    ]
    if len(outside):
        parts.append(
            (
                "Outside this window:",
                [f"{r['display']} ({r['date']:%d %b %Y})" for _, r in outside.iterrows()],
            )
        )
    if len(undated):
        parts.append(
            (
                f"{len(undated)} undated items cannot be placed on the axis:",
                [
                    f"{r['display']} ({r['kind']}, {_basis_words(r['date_basis'])})"
                    for _, r in undated.iterrows()
                ],
            )
        )
    return Description(parts)


def coverage_figure(matrix: pd.DataFrame | None = None, call_id: str = "blinken-lavrov-2022-02-01") -> Figure:
    """Which article carries which proposition: a filled square where it does, an empty cell where not.

    >>> coverage_figure().get_suptitle()[:8]
    'Coverage'
    """
    matrix = coverage_matrix(call_id) if matrix is None else matrix
    statements = [s if len(s) <= 70 else s[:67] + "…" for s in matrix.index.get_level_values("statement")]
    figure, axes = plt.subplots(
        figsize=(3 + 1.6 * len(matrix.columns), 0.32 * len(matrix) + 1.5), layout="constrained"
    )
    for column, article in enumerate(matrix.columns):
        rows = [r for r, carried in enumerate(matrix[article]) if carried]
        axes.scatter([column] * len(rows), rows, marker="s", s=90, color=OKABE_ITO["blue"])
    axes.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=20, ha="right", fontsize=9)
    axes.set_yticks(range(len(matrix)), statements, fontsize=8)
    axes.set_xlim(-0.5, len(matrix.columns) - 0.5)
    axes.set_ylim(len(matrix) - 0.5, -0.5)
    axes.grid(color="#e5e5e5")
    # A figure title (centred on the whole image), not an axes title: the long proposition labels push
    # the axes to the right, and a title centred over them ran past the image's right edge.
    figure.suptitle(
        "Coverage: which article carries each proposition\n(filled square = carried)", fontsize=11
    )
    return figure


def describe_coverage(
    matrix: pd.DataFrame | None = None, call_id: str = "blinken-lavrov-2022-02-01"
) -> Description:
    """A text description of :func:`coverage_figure`.

    >>> describe_coverage().startswith("Of ")
    True
    """
    matrix = coverage_matrix(call_id) if matrix is None else matrix
    carried_by = matrix.sum(axis=1)
    articles = list(matrix.columns)
    parts = [
        f"Of {len(matrix)} propositions about this call, {int((carried_by == len(articles)).sum())} are "
        f"carried by all {len(articles)} articles, {int(((carried_by > 1) & (carried_by < len(articles))).sum())}"
        f" by some but not all, and {int((carried_by == 1).sum())} by one article only."
    ]
    for article in articles:
        alone = matrix[(matrix[article]) & (carried_by == 1)]
        parts.append(
            f"{article} carries {int(matrix[article].sum())}, of which {len(alone)} no other article carries."
        )
    return Description(parts)


def attribution_figure(counts: pd.DataFrame) -> Figure:
    """Claims per article, split by attribution kind: one horizontal bar per article.

    Each kind has its own colour and hatching, so the split reads in greyscale too.

    >>> from helpers.analysis.comparison import attribution_counts
    >>> attribution_figure(attribution_counts()).axes[0].get_xlabel()
    'claims'
    """
    colours = list(OKABE_ITO.values())
    hatches = ["", "//", "..", "xx", "\\\\", "--", "oo", "++"]
    figure, axes = plt.subplots(figsize=(9, 0.6 * len(counts) + 1.6), layout="constrained")
    left = pd.Series(0, index=counts.index)
    for position, kind in enumerate(counts.columns):
        axes.barh(
            counts.index,
            counts[kind],
            left=left,
            color=colours[position % len(colours)],
            hatch=hatches[position % len(hatches)],
            edgecolor="white",
            label=str(kind),
        )
        left = left + counts[kind]
    axes.invert_yaxis()
    axes.set_xlabel("claims")
    axes.set_title("How each article attributes its claims")
    axes.legend(fontsize=8, loc="lower right")
    return figure


def describe_attribution(counts: pd.DataFrame) -> Description:
    """A text description of :func:`attribution_figure`.

    >>> from helpers.analysis.comparison import attribution_counts
    >>> "claims" in describe_attribution(attribution_counts())
    True
    """
    parts = []
    for article, row in counts.iterrows():
        kinds = ", ".join(f"{int(n)} {kind}" for kind, n in row.sort_values(ascending=False).items() if n)
        parts.append(f"{article}: {int(row.sum())} claims ({kinds}).")
    return Description(parts)


from .chrome import chrome_figure, chrome_table, describe_chrome  # noqa: E402 - re-exported for the lessons
