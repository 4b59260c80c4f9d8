"""The claim explorer: filter, search, page and download the claims."""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from ..data.loading import (
    load_claims,
)
from ..data.text import search_key
from ..display.html import escape, table_html
from .common import (
    _TERM_QUOTES,
    ALL,
    CSV_EAGER_ROWS,
    CSV_MAX_URI_CHARS,
    HANDOUT_COLUMNS,
    NO_SPEAKER,
    _dropdown,
    _guarded,
    _html,
    _language_label,
    _present_values,
    _source_text,
    _style,
)

# --------------------------------------------------------------------------- claim explorer


@dataclass(frozen=True)
class _Filter:
    column: str
    description: str
    all_label: str


_FILTERS = {
    "call": _Filter("call_id", "Call", "All calls"),
    "article": _Filter("article_id", "Article", "All articles"),
    "language": _Filter("language", "Language", "All languages"),
    "speaker": _Filter("speaker", "Speaker", "All speakers"),
    "attribution": _Filter("attribution", "Attribution", "All attribution kinds"),
    "topic": _Filter("topic", "Topic", "All topics"),
}

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


class ClaimExplorer(widgets.VBox):
    """The claims, filtered, searched and paged; see :func:`claim_explorer`.

    Attributes for notebooks and tests: ``filters`` (name -> Dropdown), ``search``,
    ``count``, ``results``, ``page_label``, ``previous_button``, ``next_button``,
    ``download``; and ``selection`` (the matching claims), ``count_text``, ``page``,
    ``n_pages``, :meth:`selection_csv`.
    """

    def __init__(self, claims: pd.DataFrame, *, page_size: int = 20):
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
        self._build_index()
        self._selected = np.arange(len(self._claims))

        self.filters: dict[str, widgets.Dropdown] = {}
        for name, spec in _FILTERS.items():
            if spec.column in self._codes:
                self.filters[name] = _dropdown(
                    spec.description, self._filter_options(name), f"rr-filter-{name}"
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
        self.reset_button = widgets.Button(
            description="Reset filters", tooltip="Set every filter back to All"
        )
        self.reset_button.add_class("rr-reset")
        self.count = _html("rr-count")
        self.results = _html("rr-results", width="100%", overflow="auto")
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
        self.reset_button.on_click(self._on_reset)
        self.previous_button.on_click(lambda _: self._turn(-1))
        self.next_button.on_click(lambda _: self._turn(+1))
        self.prepare_button.on_click(lambda _: self._render_download(force=True))

        filters = widgets.HBox(list(self.filters.values()), layout=widgets.Layout(flex_flow="row wrap"))
        search_row = widgets.HBox(
            [self.search, self.reset_button], layout=widgets.Layout(flex_flow="row wrap")
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

    # Precomputed once per widget, so that each change of a control is a few
    # vectorised comparisons, whatever the size of the corpus.
    def _build_index(self) -> None:
        claims = self._claims
        self._codes: dict[str, np.ndarray] = {}
        self._code_of: dict[str, dict[str, int]] = {}
        self._counts: dict[str, dict[str, int]] = {}
        for spec in _FILTERS.values():
            if spec.column not in claims.columns:
                continue
            column = claims[spec.column]
            values = _present_values(column)
            as_text = column.astype("string")
            if spec.column == "speaker":
                as_text = as_text.fillna(NO_SPEAKER)
                if column.isna().any():
                    values = values + [NO_SPEAKER]
            categorical = pd.Categorical(as_text, categories=values)
            self._codes[spec.column] = np.asarray(categorical.codes)
            self._code_of[spec.column] = {value: code for code, value in enumerate(values)}
            self._counts[spec.column] = dict(
                zip(
                    values,
                    np.bincount(categorical.codes[categorical.codes >= 0], minlength=len(values)).tolist(),
                )
            )
        # One search key per row for excerpt, gloss and statement, joined by a
        # separator that str.split() treats as whitespace, so no query term spans two
        # fields. Keys are computed once per distinct text: statements repeat for
        # every claim of a proposition.
        fields = [claims[c] for c in ("excerpt", "gloss", "statement") if c in claims.columns]
        keyed: list[pd.Series] = []
        for field in fields:
            texts = field.astype("string").fillna("")
            distinct = pd.unique(texts.to_numpy(dtype=object))
            keys = {text: search_key(text) for text in distinct}
            keyed.append(texts.map(keys))
        haystack = keyed[0]
        for more in keyed[1:]:
            haystack = haystack + "\x1f" + more
        self._haystack = haystack.astype(object).to_numpy()

    def _filter_options(self, name: str) -> list[tuple[str, str]]:
        spec = _FILTERS[name]
        counts = self._counts[spec.column]
        labels: dict[str, str] = {}
        if name == "language":
            labels = {v: _language_label(v) for v in counts}
        elif name == "speaker":
            names = {}
            if "speaker_name" in self._claims.columns:
                named = self._claims.dropna(subset=["speaker"])
                names = dict(
                    zip(named["speaker"].astype(str), named["speaker_name"].astype("string").fillna(""))
                )
            labels = {v: names.get(v) or v for v in counts}
            labels[NO_SPEAKER] = "No named speaker"
        values = list(counts)
        if name == "speaker":
            values = sorted((v for v in values if v != NO_SPEAKER), key=lambda v: labels[v].casefold())
            values += [NO_SPEAKER] if NO_SPEAKER in counts else []
        return [(spec.all_label, ALL)] + [(f"{labels.get(v, v)} ({counts[v]})", v) for v in values]

    def _mask(self) -> np.ndarray:
        mask = np.ones(len(self._claims), dtype=bool)
        for name, control in self.filters.items():
            if control.value != ALL:
                column = _FILTERS[name].column
                mask &= self._codes[column] == self._code_of[column].get(control.value, -2)
        for term in search_key(self.search.value).split():
            term = term.strip(_TERM_QUOTES)
            if term:
                # Narrow the search to rows still in: each term costs less than the last.
                candidates = np.flatnonzero(mask)
                hits = np.fromiter(
                    (term in self._haystack[i] for i in candidates), dtype=bool, count=len(candidates)
                )
                mask[candidates[~hits]] = False
        return mask

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

    def selection_csv(self) -> str:
        """The selection as CSV text, with the handout's columns."""
        columns = [c for c in HANDOUT_COLUMNS if c in self._claims.columns] or list(self._claims.columns)
        return self.selection[columns].to_csv(index=False)

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
        finally:
            self._resetting = False
        self._refresh()

    def _turn(self, step: int) -> None:
        self._page = min(max(self._page + step, 0), self.n_pages - 1)
        self._render_page()

    def _refresh(self) -> None:
        self._selected = np.flatnonzero(self._mask())
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
        self.results.value = table_html(
            _claim_table(rows),
            _TABLE_COLUMNS,
            language_column="language",
            text_columns=("Original excerpt",),
            css_class="rr-table rr-claims",
            empty="No claims match these filters. Set a filter back to “All”, or clear the search.",
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
    claims: pd.DataFrame | None = None, *, page_size: int = 20, data_dir: str | Path | None = None
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

    ``claims`` defaults to :func:`helpers.load_claims` (of ``data_dir``); pass a
    frame of your own (a selection, an instructor's data) to explore that.

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
    claims = load_claims(data_dir) if claims is None else claims
    return ClaimExplorer(claims, page_size=page_size)
