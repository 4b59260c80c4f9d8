"""Figures for the lessons, each with a text description computed from the same data.

Every figure comes with a ``describe_*`` function: the notebooks print that
description next to the figure, so a reader who cannot see it gets the point.
Colours are the Okabe–Ito palette, which colour-blind readers can tell apart,
and no colour is the only signal: shapes and fills carry the same distinction.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg") if matplotlib.get_backend().lower() == "agg" else None
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from .comparison import coverage_matrix, timeline

__all__ = ["OKABE_ITO", "timeline_figure", "describe_timeline", "coverage_figure", "describe_coverage",
           "attribution_figure", "describe_attribution"]

OKABE_ITO = {"orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7", "black": "#000000"}
_KIND_STYLE = {"call": ("o", OKABE_ITO["blue"]), "event": ("s", OKABE_ITO["vermillion"])}
_WINDOW = (pd.Timestamp("2021-12-01"), pd.Timestamp("2022-03-10"))


def _in_window(line: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    return line["date"].notna() & (line["date"] >= start) & (line["date"] <= end)


def timeline_figure(line: pd.DataFrame | None = None, start: str | pd.Timestamp = _WINDOW[0],
                    end: str | pd.Timestamp = _WINDOW[1]) -> Figure:
    """Calls (circles, blue) and events (squares, vermillion) on a time axis.

    A filled marker is a date stated in an article; a hollow one, a date
    inferred from one. Undated items cannot be placed and are left out: see
    :func:`describe_timeline`.

    >>> figure = timeline_figure()
    >>> len(figure.axes)
    1
    """
    line = timeline() if line is None else line
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    shown = line[_in_window(line, start, end)].reset_index(drop=True)
    figure, axes = plt.subplots(figsize=(10, 0.45 * max(len(shown), 4) + 1.2), layout="constrained")
    for position, item in shown.iterrows():
        marker, colour = _KIND_STYLE[str(item["kind"])]
        filled = item["date_basis"] == "stated"
        axes.plot(item["date"], position, marker=marker, markersize=9, color=colour,
                  markerfacecolor=colour if filled else "white", markeredgewidth=2, linestyle="none")
        axes.annotate(f"{item['label']}  ({item['date']:%d %b %Y})", (item["date"], position),
                      xytext=(8, 0), textcoords="offset points", va="center", fontsize=9)
    axes.set_ylim(len(shown) - 0.5, -0.5)
    axes.set_yticks([])
    axes.set_xlim(start, end + (end - start) * 0.45)
    axes.grid(axis="x", color="#dddddd")
    axes.set_title("Calls and events the articles mention, by date")
    handles = [plt.Line2D([], [], marker=m, color=c, linestyle="none", markersize=8, label=k)
               for k, (m, c) in _KIND_STYLE.items()]
    handles += [plt.Line2D([], [], marker="o", color="#555555", markerfacecolor=f, linestyle="none",
                           markersize=8, label=t) for f, t in (("#555555", "date stated"), ("white", "date inferred"))]
    axes.legend(handles=handles, loc="lower right", fontsize=8, frameon=True)
    return figure


def describe_timeline(line: pd.DataFrame | None = None, start: str | pd.Timestamp = _WINDOW[0],
                      end: str | pd.Timestamp = _WINDOW[1]) -> str:
    """A text description of :func:`timeline_figure`, for readers who cannot see it.

    >>> "undated" in describe_timeline()
    True
    """
    line = timeline() if line is None else line
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    shown = line[_in_window(line, start, end)]
    outside = line[line["date"].notna() & ~_in_window(line, start, end)]
    undated = line[line["date"].isna()]
    parts = [f"The figure places {len(shown)} dated items between {start:%d %B %Y} and {end:%d %B %Y}, "
             f"in date order: " + "; ".join(f"{r['date']:%d %b %Y}: {r['label']} ({r['kind']}, date {r['date_basis']})"
                                          for _, r in shown.iterrows()) + "."]
    if len(outside):
        parts.append("Outside this window: " + "; ".join(f"{r['label']} ({r['date']:%d %b %Y})"
                                                          for _, r in outside.iterrows()) + ".")
    if len(undated):
        parts.append(f"{len(undated)} undated items are not shown: "
                     + "; ".join(f"{r['label']} ({r['kind']})" for _, r in undated.iterrows()) + ".")
    return " ".join(parts)


def coverage_figure(matrix: pd.DataFrame | None = None, call_id: str = "blinken-lavrov-2022-02-01") -> Figure:
    """Which article carries which proposition: a filled square where it does, an empty cell where not.

    >>> coverage_figure().axes[0].get_title()[:8]
    'Coverage'
    """
    matrix = coverage_matrix(call_id) if matrix is None else matrix
    statements = [s if len(s) <= 70 else s[:67] + "…" for s in matrix.index.get_level_values("statement")]
    figure, axes = plt.subplots(figsize=(3 + 1.6 * len(matrix.columns), 0.32 * len(matrix) + 1.5),
                                layout="constrained")
    for column, article in enumerate(matrix.columns):
        rows = [r for r, carried in enumerate(matrix[article]) if carried]
        axes.scatter([column] * len(rows), rows, marker="s", s=90, color=OKABE_ITO["blue"])
    axes.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=20, ha="right", fontsize=9)
    axes.set_yticks(range(len(matrix)), statements, fontsize=8)
    axes.set_xlim(-0.5, len(matrix.columns) - 0.5)
    axes.set_ylim(len(matrix) - 0.5, -0.5)
    axes.grid(color="#e5e5e5")
    axes.set_title("Coverage: which article carries each proposition (filled square = carried)")
    return figure


def describe_coverage(matrix: pd.DataFrame | None = None, call_id: str = "blinken-lavrov-2022-02-01") -> str:
    """A text description of :func:`coverage_figure`.

    >>> describe_coverage().startswith("Of ")
    True
    """
    matrix = coverage_matrix(call_id) if matrix is None else matrix
    carried_by = matrix.sum(axis=1)
    articles = list(matrix.columns)
    parts = [f"Of {len(matrix)} propositions about this call, {int((carried_by == len(articles)).sum())} are "
             f"carried by all {len(articles)} articles, {int(((carried_by > 1) & (carried_by < len(articles))).sum())}"
             f" by some but not all, and {int((carried_by == 1).sum())} by one article only."]
    for article in articles:
        alone = matrix[(matrix[article]) & (carried_by == 1)]
        parts.append(f"{article} carries {int(matrix[article].sum())}, of which {len(alone)} no other article carries.")
    return " ".join(parts)


def attribution_figure(counts: pd.DataFrame) -> Figure:
    """Claims per article, split by attribution kind: one horizontal bar per article.

    Each kind has its own colour and hatching, so the split reads in greyscale too.

    >>> from helpers.comparison import attribution_counts
    >>> attribution_figure(attribution_counts()).axes[0].get_xlabel()
    'claims'
    """
    colours = list(OKABE_ITO.values())
    hatches = ["", "//", "..", "xx", "\\\\", "--", "oo", "++"]
    figure, axes = plt.subplots(figsize=(9, 0.6 * len(counts) + 1.6), layout="constrained")
    left = pd.Series(0, index=counts.index)
    for position, kind in enumerate(counts.columns):
        axes.barh(counts.index, counts[kind], left=left, color=colours[position % len(colours)],
                  hatch=hatches[position % len(hatches)], edgecolor="white", label=str(kind))
        left = left + counts[kind]
    axes.invert_yaxis()
    axes.set_xlabel("claims")
    axes.set_title("How each article attributes its claims")
    axes.legend(fontsize=8, loc="lower right")
    return figure


def describe_attribution(counts: pd.DataFrame) -> str:
    """A text description of :func:`attribution_figure`.

    >>> from helpers.comparison import attribution_counts
    >>> "claims" in describe_attribution(attribution_counts())
    True
    """
    parts = []
    for article, row in counts.iterrows():
        kinds = ", ".join(f"{int(n)} {kind}" for kind, n in row.sort_values(ascending=False).items() if n)
        parts.append(f"{article}: {int(row.sum())} claims ({kinds}).")
    return " ".join(parts)
