"""Interactive widgets: filter the claims, read an article with its claims marked, compare sources.

Built on ipywidgets 8. ``import helpers`` does not import this module (nor
ipywidgets); ``helpers.widgets`` loads it on first use.

>>> import helpers
>>> view = helpers.widgets.claim_explorer()
>>> view.count_text == f"{len(helpers.load_claims())} of {len(helpers.load_claims())} claims"
True

Every public function takes frames or a ``corpus=`` (``None`` uses the Corpus of the
bundled data, or of the folder named by ``$READOUTS_DATA``) and returns a widget to
display in a notebook:

* :func:`claim_explorer`: filter and search the claims, page through them, download the selection;
* :func:`article_reader`: one article with its claims marked, its working translation and its chrome;
* :func:`comparison_view`: how each article words a proposition or a call, what it leaves out, why it matters;
* :func:`explorer`: the three in tabs, a dashboard.

Beside a claim that traces to an official readout, the views show the readout's
point(s), labelled "outside the five articles", with the readout's address.

Keys stay in the widgets: a small anywidget (:class:`~helpers.widgets.common.KeyGuard`)
marks every focused element ``data-lm-suppress-shortcuts``, so ArrowDown or ``d d`` in a
dropdown changes the choice and never reaches JupyterLab's notebook shortcuts. Search
forgives accents by default ("nha trang" finds "Nhà Trắng"); "Match accents exactly"
turns that off. Each widget prints a one-line note above itself for a reopened
notebook ("run this cell again"), and prints a static copy of its view in handouts.

Data is text, never markup: every excerpt, gloss, note and article goes through
:func:`helpers.display.html.escape` (``html.escape``) before it becomes HTML. This
matters more than usual here, because ipywidgets' ``HTML`` widget sets
``innerHTML`` without sanitising it: an unescaped ``<img onerror=…>`` in the data
would run in the student's browser.
"""

from __future__ import annotations

from .claims import ClaimExplorer, claim_explorer
from .common import ALL, CSV_EAGER_ROWS, CSV_MAX_URI_CHARS, NO_SPEAKER
from .compare import ComparisonView, comparison_view
from .dashboard import explorer
from .reader import ArticleReader, article_reader

__all__ = [
    "ALL",
    "CSV_EAGER_ROWS",
    "CSV_MAX_URI_CHARS",
    "NO_SPEAKER",
    "ClaimExplorer",
    "ArticleReader",
    "ComparisonView",
    "claim_explorer",
    "article_reader",
    "comparison_view",
    "explorer",
]
