"""The explorer dashboard: the three widgets in tabs."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ..data.corpus import Corpus
from ..data.loading import as_corpus
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


def explorer(data_dir: str | Path | None = None, *, corpus: Corpus | None = None) -> widgets.Tab:
    """The claim explorer, the article reader and the comparison view, in three tabs, on one Corpus.

    >>> dashboard = explorer()
    >>> dashboard.titles
    ('Claims', 'Read an article', 'Compare sources')
    """
    source = as_corpus(corpus if corpus is not None else data_dir)
    tab = Explorer(
        children=[
            claim_explorer(corpus=source),
            article_reader(corpus=source),
            comparison_view(corpus=source),
        ]
    )
    tab.titles = ("Claims", "Read an article", "Compare sources")
    tab.add_class("rr-explorer")
    tab.add_class("rr-keys")  # the key guard in each tab keeps the tab bar's keys in too
    return tab
