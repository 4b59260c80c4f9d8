"""The explorer dashboard: the three widgets in tabs."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ..data.loading import (
    load_articles,
    load_claims,
    load_propositions,
    load_readout_points,
    load_table,
    load_translations,
)
from ..display.html import escape
from .claims import claim_explorer
from .common import _WithRerunNote
from .compare import comparison_view
from .reader import article_reader

# --------------------------------------------------------------------------- dashboard


class Explorer(_WithRerunNote, widgets.Tab):
    """The dashboard's tabs; see :func:`explorer`."""

    def static_html(self) -> str:
        """Each tab's first view, one after the other (for handouts)."""
        return "".join(
            f"<h3>{escape(title)}</h3>{child.static_html()}"
            for title, child in zip(self.titles, self.children)
        )


def explorer(data_dir: str | Path | None = None) -> widgets.Tab:
    """The claim explorer, the article reader and the comparison view, in three tabs.

    >>> dashboard = explorer()
    >>> dashboard.titles
    ('Claims', 'Read an article', 'Compare sources')
    """
    claims = load_claims(data_dir)
    points = load_readout_points(data_dir)
    tab = Explorer(
        children=[
            claim_explorer(claims, readout_points=points, data_dir=data_dir),
            article_reader(
                load_articles(data_dir),
                claims,
                load_translations(data_dir),
                load_table("boilerplate", data_dir),
                readout_points=points,
            ),
            comparison_view(claims, load_propositions(data_dir), readout_points=points, data_dir=data_dir),
        ]
    )
    tab.titles = ("Claims", "Read an article", "Compare sources")
    tab.add_class("rr-explorer")
    tab.add_class("rr-keys")  # the key guard in each tab keeps the tab bar's keys in too
    return tab
