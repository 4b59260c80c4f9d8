"""The claim explorer: filter, search, page and download the claims."""

from __future__ import annotations

import base64
import math
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from ..data.corpus import Corpus
from ..data.files import safe_for_spreadsheets
from ..data.loading import as_corpus
from ..display.html import escape, table_html
from .claims_index import FILTERS, ClaimIndex
from .common import (
    ALL,
    CSV_EAGER_ROWS,
    CSV_MAX_URI_CHARS,
    HANDOUT_COLUMNS,
    NO_SPEAKER,
    _checkbox,
    _dropdown,
    _guarded,
    _html,
    _language_label,
    _source_text,
    _style,
    _WithRerunNote,
)
from .readouts import OUTSIDE, claim_points_html

# --------------------------------------------------------------------------- claim explorer


# No separate article column: a claim id is "<article_id>-NN", so the first column
# names the article, and the excerpt and gloss keep the width they need.
_TABLE_COLUMNS = [
    "Claim",
    "Original excerpt",
    "English gloss",
    "Source credited",
    "Speaker",
    "Attribution",
    "Mode",
    "Topic",
]
_READOUT_COLUMN = f"Official readout ({OUTSIDE.lower()})"


class ClaimExplorer(_WithRerunNote, widgets.VBox):
    """The claims, filtered, searched and paged; see :func:`claim_explorer`.

    Attributes for notebooks and tests: ``filters`` (name -> Dropdown), ``search``,
    ``count``, ``results``, ``page_label``, ``previous_button``, ``next_button``,
    ``download``; and ``selection`` (the matching claims), ``count_text``, ``page``,
    ``n_pages``, :meth:`selection_csv`.
    """

    def __init__(
        self, claims: pd.DataFrame, *, page_size: int = 20, readout_points: pd.DataFrame | None = None
    ):
        missing = {"claim_id", "excerpt"} - set(claims.columns)
        if missing:
            raise KeyError(
                f"the claims frame has no column {', '.join(sorted(missing))}; "
                "pass helpers.load_claims() or a selection of its rows"
            )
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self._claims = claims.reset_index(drop=True)
        self._page_size = int(page_size)
        self._page = 0
        self._resetting = False
        self._index = ClaimIndex(self._claims)
        self._points = readout_points
        self._selected = np.arange(len(self._claims))
        self._speaker_names = self._speaker_labels()

        everything = np.ones(len(self._claims), dtype=bool)
        self.filters: dict[str, widgets.Dropdown] = {}
        for name, spec in FILTERS.items():
            if spec.column in self._index.codes:
                self.filters[name] = _dropdown(
                    spec.description, self._filter_options(name, everything), f"rr-filter-{name}"
                )
        self.search = widgets.Text(
            value="",
            description="Search",
            description_allow_html=False,
            placeholder="words in the excerpt, English gloss or statement",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="32em"),
        )
        self.search.add_class("rr-search")
        self.exact = _checkbox("Match accents exactly", "rr-exact")
        self.exact.tooltip = (
            "Off: nha trang finds Nhà Trắng, reproche finds reproché. On: accents must match."
        )
        self.reset_button = widgets.Button(
            description="Reset filters", tooltip="Set every filter back to All"
        )
        self.reset_button.add_class("rr-reset")
        self.count = _html("rr-count")
        self.results = _html("rr-results", width="100%")
        self.previous_button = widgets.Button(description="Previous page", icon="arrow-left")
        self.previous_button.add_class("rr-previous")
        self.next_button = widgets.Button(description="Next page", icon="arrow-right")
        self.next_button.add_class("rr-next")
        self.page_label = widgets.Label(value="")
        self.page_label.add_class("rr-page")
        self.download = _html("rr-download")
        self.prepare_button = widgets.Button(
            description="Prepare the CSV download",
            icon="download",
            layout=widgets.Layout(width="auto", display="none"),
        )
        self.prepare_button.add_class("rr-prepare-download")

        for control in self.filters.values():
            control.observe(self._on_filter, names="value")
        self.search.observe(self._on_filter, names="value")
        self.exact.observe(self._on_filter, names="value")
        self.reset_button.on_click(self._on_reset)
        self.previous_button.on_click(lambda _: self._turn(-1))
        self.next_button.on_click(lambda _: self._turn(+1))
        self.prepare_button.on_click(lambda _: self._render_download(force=True))

        filters = widgets.HBox(list(self.filters.values()), layout=widgets.Layout(flex_flow="row wrap"))
        search_row = widgets.HBox(
            [self.search, self.exact, self.reset_button],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        paging = widgets.HBox(
            [self.previous_button, self.page_label, self.next_button],
            layout=widgets.Layout(align_items="center"),
        )
        status = widgets.HBox(
            [self.count, self.download, self.prepare_button],
            layout=widgets.Layout(
                flex_flow="row wrap", align_items="center", justify_content="space-between"
            ),
        )
        super().__init__(children=[_style(), filters, search_row, status, self.results, paging])
        _guarded(self)
        self.add_class("rr-claim-explorer")
        self._refresh()

    def _speaker_labels(self) -> dict[str, str]:
        names: dict[str, str] = {}
        if "speaker_name" in self._claims.columns and "speaker" in self._claims.columns:
            named = self._claims.dropna(subset=["speaker"])
            names = dict(zip(named["speaker"].astype(str), named["speaker_name"].astype("string").fillna("")))
        return names

    def _filter_options(self, name: str, within: np.ndarray) -> list[tuple[str, str]]:
        """The filter's choices, each with how many claims it would show given the other filters."""
        spec = FILTERS[name]
        counts = self._index.counts(name, within)
        labels: dict[str, str] = {}
        if name == "language":
            labels = {v: _language_label(v) for v in counts}
        elif name == "speaker":
            labels = {v: self._speaker_names.get(v) or v for v in counts}
            labels[NO_SPEAKER] = "No named speaker"
        values = list(counts)
        if name == "speaker":
            values = sorted((v for v in values if v != NO_SPEAKER), key=lambda v: labels[v].casefold())
            values += [NO_SPEAKER] if NO_SPEAKER in counts else []
        return [(spec.all_label, ALL)] + [(f"{labels.get(v, v)} ({counts[v]})", v) for v in values]

    def _chosen(self) -> dict[str, str]:
        return {name: control.value for name, control in self.filters.items()}

    def _update_counts(self, chosen: dict[str, str], searched: np.ndarray) -> None:
        """Each menu's counts follow the other filters and the search, so no choice leads to a surprise."""
        self._resetting = True
        try:
            for name, control in self.filters.items():
                options = self._filter_options(name, searched & self._index.filter_mask(chosen, skip=name))
                if tuple(options) != tuple(control.options):
                    value = control.value
                    control.options = options  # resets the choice to the first option …
                    control.value = value  # … so it is put back (no refresh: _resetting is set)
        finally:
            self._resetting = False

    # ------------------------------------------------------------------ public reading

    @property
    def selection(self) -> pd.DataFrame:
        """The claims that match the current filters and search, all of them (not one page)."""
        return self._claims.iloc[self._selected]

    @property
    def count_text(self) -> str:
        """ "12 of 134 claims": how many match, out of how many."""
        return f"{len(self._selected):,} of {len(self._claims):,} claims"

    @property
    def page(self) -> int:
        """The page shown, counted from 1."""
        return self._page + 1

    @property
    def n_pages(self) -> int:
        """How many pages the selection fills (at least 1, even when empty)."""
        return max(1, math.ceil(len(self._selected) / self._page_size))

    def static_html(self) -> str:
        """What the explorer shows first, as static markup (for handouts)."""
        return (
            '<div class="rr-label">The claim explorer (a printed copy of its first page: in the notebook, '
            "filter, search and page through the claims)</div>"
            f"{self.count.value}{self.results.value}"
            f'<div class="rr-meta">{escape(self.page_label.value)}</div>'
        )

    def selection_csv(self) -> str:
        """The selection as CSV text, with the handout's columns, safe to open in a spreadsheet."""
        columns = [c for c in HANDOUT_COLUMNS if c in self._claims.columns] or list(self._claims.columns)
        # For people to open in a spreadsheet: a cell beginning with "=" must not run as a formula.
        return safe_for_spreadsheets(self.selection[columns]).to_csv(index=False)

    # ------------------------------------------------------------------ events

    def _on_filter(self, _change: dict) -> None:
        if not self._resetting:
            self._refresh()

    def _on_reset(self, _button: widgets.Button) -> None:
        # One refresh for the whole reset, not one per control set back.
        self._resetting = True
        try:
            for control in self.filters.values():
                control.value = ALL
            self.search.value = ""
            self.exact.value = False
        finally:
            self._resetting = False
        self._refresh()

    def _turn(self, step: int) -> None:
        self._page = min(max(self._page + step, 0), self.n_pages - 1)
        self._render_page()

    def _refresh(self) -> None:
        chosen = self._chosen()
        searched = self._index.search_mask(self.search.value, exact=self.exact.value)
        self._selected = np.flatnonzero(searched & self._index.filter_mask(chosen))
        self._update_counts(chosen, searched)
        self._page = 0
        self._render_page()
        self._render_download()
        # The count changes last, so that whoever waits for it (a screen reader
        # announcing it, a browser test) finds the rows and the link already updated.
        self.count.value = (
            f'<span class="rr-count-text" role="status" aria-live="polite">{escape(self.count_text)}</span>'
        )

    # ------------------------------------------------------------------ rendering

    def _render_page(self) -> None:
        start = self._page * self._page_size
        rows = self._claims.iloc[self._selected[start : start + self._page_size]]
        table = _claim_table(rows)
        columns = list(_TABLE_COLUMNS)
        if self._points is not None and "readout_points" in rows.columns:
            table[_READOUT_COLUMN] = [claim_points_html(row, self._points) for _, row in rows.iterrows()]
            columns.append(_READOUT_COLUMN)
        markup = table_html(
            table,
            columns,
            language_column="language",
            text_columns=("Original excerpt",),
            html_columns=(_READOUT_COLUMN,),
            css_class="rr-table rr-claims",
            empty="No claims match these filters. Set a filter back to “All”, or clear the search.",
        )
        # A region that takes keyboard focus, so a keyboard user can scroll a wide table sideways.
        self.results.value = (
            f'<div class="rr-scroll" tabindex="0" role="region" '
            f'aria-label="Claims, page {self.page} of {self.n_pages}">{markup}</div>'
            if not rows.empty
            else markup
        )
        self.page_label.value = f"page {self.page} of {self.n_pages}"
        self.previous_button.disabled = self._page == 0
        self.next_button.disabled = self._page >= self.n_pages - 1

    def _render_download(self, force: bool = False) -> None:
        # A data: link, not a file written beside the notebook: it works the same
        # on a laptop, JupyterHub or Binder, needs no write access, leaves nothing
        # behind in the student's folder, and the file lands where the browser
        # puts downloads.
        n = len(self._selected)
        self.prepare_button.layout.display = "none"
        if n == 0:
            self.download.value = '<span class="rr-empty">Nothing to download: no claims match.</span>'
            return
        if n > CSV_EAGER_ROWS and not force:
            self.download.value = ""
            self.prepare_button.description = f"Prepare a CSV of {n:,} claims"
            self.prepare_button.layout.display = ""
            return
        # A byte-order mark, so that spreadsheets open the Arabic and Vietnamese as UTF-8.
        payload = base64.b64encode(self.selection_csv().encode("utf-8-sig")).decode("ascii")
        uri = f"data:text/csv;charset=utf-8;base64,{payload}"
        if len(uri) > CSV_MAX_URI_CHARS:
            self.download.value = (
                f'<span class="rr-empty">{n:,} claims are too many to download from the page; '
                "narrow the filters, or save them from Python with "
                "<code>view.selection.to_csv(&quot;selection.csv&quot;)</code>.</span>"
            )
            return
        noun = "claim" if n == 1 else "claims"
        self.download.value = (
            f'<a class="rr-download-link" download="claims-selection.csv" href="{uri}">'
            f"Download selection as CSV ({n:,} {noun})</a>"
        )


def _claim_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The page's rows, with the columns and wording a student reads."""

    def column(name: str) -> pd.Series:
        if name in rows.columns:
            return rows[name].astype("string")
        return pd.Series(pd.NA, index=rows.index, dtype="string")

    language = column("language")
    gloss = column("gloss")
    english = language.fillna("") == "en"
    gloss = gloss.mask(gloss.isna() & english, "(the original is in English)")
    source = pd.Series([_source_text(row) for _, row in rows.iterrows()], index=rows.index, dtype="string")
    return pd.DataFrame(
        {
            "Claim": column("claim_id"),
            "Original excerpt": column("excerpt"),
            "English gloss": gloss,
            "Source credited": source,
            "Speaker": column("speaker_name"),
            # Spaced, so a narrow column wraps between words rather than inside one.
            "Attribution": column("attribution").str.replace("_", " ", regex=False),
            "Mode": column("mode").str.replace("_", " ", regex=False),
            "Topic": column("topic"),
            "language": language,
        }
    )


def claim_explorer(
    claims: pd.DataFrame | None = None,
    *,
    page_size: int = 20,
    readout_points: pd.DataFrame | None = None,
    corpus: Corpus | None = None,
    data_dir: str | Path | None = None,
) -> ClaimExplorer:
    """Filter, search and page through the claims; download the selection as CSV.

    Filters (each with an "All" choice): call, article, language, speaker,
    attribution kind, topic. The search box matches the original excerpt, its
    English gloss and the proposition's statement through
    :func:`helpers.data.text.search_key`, so «بلينكين», "BLINKEN" and Arabic typed
    without diacritics all match; every word typed must occur. Only the visible
    page is drawn, so a far bigger corpus stays quick.

    "Download selection as CSV" is a link holding the selection's CSV (a
    ``data:`` URI): it works alike on a laptop, JupyterHub and Binder, writes
    nothing into the student's folder, and saves where the browser saves
    downloads. Selections over ``CSV_EAGER_ROWS`` rows get a button that
    prepares the link on request; past ``CSV_MAX_URI_CHARS`` (16 MB, under
    browsers' limits on such links), the widget says to narrow the filters or
    save ``view.selection`` with pandas.

    ``claims`` defaults to the claims of ``corpus`` (or of the Corpus of ``data_dir``);
    pass a frame of your own (a selection, an instructor's data) to explore that.
    Beside each claim that traces to an official readout, its point(s) are shown,
    labelled as outside the five articles, with the readout's address.

    >>> view = claim_explorer(page_size=10)
    >>> view.filters["language"].value = "ar"
    >>> view.search.value = "بلينكين"
    >>> view.count_text  # doctest: +ELLIPSIS
    '... of ... claims'
    >>> set(view.selection["language"]), view.page_label.value
    ({'ar'}, 'page 1 of 1')
    >>> view.search.value = "no such words anywhere"
    >>> "No claims match these filters" in view.results.value
    True
    """
    source = as_corpus(corpus if corpus is not None else data_dir)
    claims = source.claims if claims is None else claims
    points = source.readout_points if readout_points is None else readout_points
    return ClaimExplorer(claims, page_size=page_size, readout_points=points)
