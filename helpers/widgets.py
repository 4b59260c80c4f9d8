"""Interactive widgets: filter the claims, read an article with its claims marked, compare sources.

Built on ipywidgets 8. ``import helpers`` does not import this module (nor
ipywidgets); ``helpers.widgets`` loads it on first use.

>>> import helpers
>>> view = helpers.widgets.claim_explorer()
>>> view.count_text == f"{len(helpers.load_claims())} of {len(helpers.load_claims())} claims"
True

Every public function takes frames (``None`` loads the bundled data, or the folder
named by ``$READOUTS_DATA``) and returns a widget to display in a notebook:

* :func:`claim_explorer`: filter and search the claims, page through them, download the selection;
* :func:`article_reader`: one article with its claims marked, its working translation and its chrome;
* :func:`comparison_view`: how each article words a proposition or a call, what it leaves out, why it matters;
* :func:`explorer`: the three in tabs, a dashboard.

Data is text, never markup: every excerpt, gloss, note and article goes through
:func:`helpers.display.escape` (``html.escape``) before it becomes HTML. This
matters more than usual here, because ipywidgets' ``HTML`` widget sets
``innerHTML`` without sanitising it: an unescaped ``<img onerror=…>`` in the data
would run in the student's browser.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from . import comparison
from .display import STYLE, WORKING_TRANSLATION, escape, table_html
from .loading import load_articles, load_claims, load_propositions, load_table, load_translations
from .schema import LIST_SEPARATOR, RTL_LANGUAGES
from .text import nfc, search_key

__all__ = [
    "ALL",
    "CSV_EAGER_ROWS",
    "CSV_MAX_URI_CHARS",
    "ClaimExplorer",
    "ArticleReader",
    "ComparisonView",
    "claim_explorer",
    "article_reader",
    "comparison_view",
    "explorer",
]

# The value of every "All …" choice. Not None: a Dropdown whose value is None has
# nothing selected, which would leave the "All" entry looking unselected.
ALL = "(all)"
# The speaker filter's value for claims the article credits to no named person.
NO_SPEAKER = "(none)"

# Selections up to this many rows get their CSV link at once, on every filter
# change; bigger ones only when asked, so that filtering a huge corpus stays fast.
CSV_EAGER_ROWS = 2000
# The link travels to the browser inside the widget's state, and Firefox refuses
# data: URLs over 32 MB (Debian's Chromium took a 10 MB one in a test here): stay
# well under both.
CSV_MAX_URI_CHARS = 16 * 1024 * 1024

LANGUAGE_NAMES = {"ar": "Arabic", "en": "English", "vi": "Vietnamese", "fa": "Persian", "he": "Hebrew",
                  "ur": "Urdu", "fr": "French", "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese"}

# Columns of the CSV handout, in this order, where the frame has them.
HANDOUT_COLUMNS = ("claim_id", "article_id", "outlet", "language", "call_id", "proposition_id", "topic",
                   "statement", "excerpt", "gloss", "speaker_name", "source", "attribution", "mode",
                   "reporting_verb", "note")

# What the widgets add to helpers.display.STYLE. Static: no data goes in here.
WIDGET_STYLE = """<style>
.rr-widget .rr-table { max-width: 100%; }
.rr-widget .rr-table td { overflow-wrap: break-word; }
.rr-widget .rr-claims td:first-child { white-space: nowrap; }
.rr-widget .rr-table, .rr-widget ol, .rr-widget ul, .rr-widget .rr-meta, .rr-widget .rr-label,
.rr-widget .rr-statement, .rr-widget .rr-empty { line-height: 1.45; }
.rr-widget .rr-excerpt { font-weight: 500; }
.rr-widget .rr-sentences td { width: 50%; }
.rr-widget .rr-article-body { white-space: pre-wrap; line-height: 1.7; max-width: 60em; }
.rr-widget .rr-claim-no { font-size: 0.72em; color: #6b4e00; vertical-align: super; padding: 0 0.1em; }
.rr-widget mark.rr-claim.rr-overlap { background: #f6cf5a; }
.rr-widget .rr-claim-list ol { padding-inline-start: 2.2em; margin: 0.3em 0; }
.rr-widget .rr-claim-list li { margin-bottom: 0.5em; }
.rr-widget .rr-meta { font-size: 0.85em; color: #444; }
.rr-widget .rr-gloss { font-style: italic; }
.rr-widget .rr-omitted { color: #8a1c1c; font-style: italic; }
.rr-widget .rr-wording + .rr-wording { border-top: 1px dashed #bbb; margin-top: 0.4em; padding-top: 0.4em; }
.rr-widget .rr-statement { font-weight: bold; margin: 0.4em 0; }
.rr-widget .rr-download-link { font-weight: bold; }
</style>"""

_TERM_QUOTES = "\"'"


# --------------------------------------------------------------------------- shared pieces


def _style() -> widgets.HTML:
    """The stylesheet, in each view so that each also works on its own."""
    return widgets.HTML(value=STYLE + WIDGET_STYLE, layout=widgets.Layout(display="none"))


def _dropdown(description: str, options: Sequence[tuple[str, str]], css: str, value: str | None = None,
              width: str = "auto") -> widgets.Dropdown:
    control = widgets.Dropdown(options=list(options), value=value if value is not None else options[0][1],
                               description=description, description_allow_html=False,
                               style={"description_width": "initial"}, layout=widgets.Layout(width=width))
    control.add_class(css)
    return control


def _checkbox(description: str, css: str) -> widgets.Checkbox:
    control = widgets.Checkbox(value=False, description=description, description_allow_html=False,
                               indent=False, layout=widgets.Layout(width="auto"))
    control.add_class(css)
    return control


def _html(css: str, value: str = "", **layout: str) -> widgets.HTML:
    area = widgets.HTML(value=value, layout=widgets.Layout(**layout))
    area.add_class(css)
    return area


def _dir_attrs(language: object, css: str = "") -> str:
    """``class``, ``dir`` and ``lang`` attributes for text in ``language`` (one class attribute, merged)."""
    language = None if language is None or pd.isna(language) else str(language)
    classes = [css] if css else []
    attributes = ""
    if language:
        rtl = language in RTL_LANGUAGES
        classes += ["rr-rtl"] if rtl else []
        attributes = f' dir="{"rtl" if rtl else "ltr"}" lang="{escape(language)}"'
    return (f' class="{" ".join(classes)}"' if classes else "") + attributes


def _language_label(code: object) -> str:
    code = str(code)
    return f"{code}, {LANGUAGE_NAMES[code]}" if code in LANGUAGE_NAMES else code


def _text(value: object) -> str:
    """A cell as plain text: missing values become ""."""
    return "" if value is None or pd.isna(value) else str(value)


def _present_values(column: pd.Series) -> list[str]:
    """The distinct values of a column: a categorical's in its declared order, others in order of appearance."""
    present = column.dropna()
    if isinstance(column.dtype, pd.CategoricalDtype):
        seen = set(present.astype(str))
        return [str(c) for c in column.cat.categories if str(c) in seen]
    return list(dict.fromkeys(present.astype(str)))


def _source_text(row: pd.Series) -> str:
    source = _text(row.get("source"))
    if source:
        return source
    return "the outlet itself" if _text(row.get("attribution")) == "outlet_voice" else ""


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
_TABLE_COLUMNS = ["Claim", "Original excerpt", "English gloss", "Source credited", "Speaker", "Attribution",
                  "Mode", "Topic"]


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
            raise KeyError(f"the claims frame has no column {', '.join(sorted(missing))}; "
                           "pass helpers.load_claims() or a selection of its rows")
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
                self.filters[name] = _dropdown(spec.description, self._filter_options(name), f"rr-filter-{name}")
        self.search = widgets.Text(value="", description="Search", description_allow_html=False,
                                   placeholder="words in the excerpt, English gloss or statement",
                                   continuous_update=True, style={"description_width": "initial"},
                                   layout=widgets.Layout(width="32em"))
        self.search.add_class("rr-search")
        self.reset_button = widgets.Button(description="Reset filters", tooltip="Set every filter back to All")
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
        self.prepare_button = widgets.Button(description="Prepare the CSV download", icon="download",
                                             layout=widgets.Layout(width="auto", display="none"))
        self.prepare_button.add_class("rr-prepare-download")

        for control in self.filters.values():
            control.observe(self._on_filter, names="value")
        self.search.observe(self._on_filter, names="value")
        self.reset_button.on_click(self._on_reset)
        self.previous_button.on_click(lambda _: self._turn(-1))
        self.next_button.on_click(lambda _: self._turn(+1))
        self.prepare_button.on_click(lambda _: self._render_download(force=True))

        filters = widgets.HBox(list(self.filters.values()), layout=widgets.Layout(flex_flow="row wrap"))
        search_row = widgets.HBox([self.search, self.reset_button], layout=widgets.Layout(flex_flow="row wrap"))
        paging = widgets.HBox([self.previous_button, self.page_label, self.next_button],
                              layout=widgets.Layout(align_items="center"))
        status = widgets.HBox([self.count, self.download, self.prepare_button],
                              layout=widgets.Layout(flex_flow="row wrap", align_items="center",
                                                    justify_content="space-between"))
        super().__init__(children=[_style(), filters, search_row, status, self.results, paging])
        self.add_class("rr-widget")
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
            self._counts[spec.column] = dict(zip(values, np.bincount(categorical.codes[categorical.codes >= 0],
                                                                     minlength=len(values)).tolist()))
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
                names = dict(zip(named["speaker"].astype(str), named["speaker_name"].astype("string").fillna("")))
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
                hits = np.fromiter((term in self._haystack[i] for i in candidates), dtype=bool,
                                   count=len(candidates))
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
        self.count.value = (f'<span class="rr-count-text" role="status" aria-live="polite">'
                            f"{escape(self.count_text)}</span>")

    # ------------------------------------------------------------------ rendering

    def _render_page(self) -> None:
        start = self._page * self._page_size
        rows = self._claims.iloc[self._selected[start : start + self._page_size]]
        self.results.value = table_html(
            _claim_table(rows), _TABLE_COLUMNS, language_column="language",
            text_columns=("Original excerpt",), css_class="rr-table rr-claims",
            empty="No claims match these filters. Set a filter back to “All”, or clear the search.")
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
            self.download.value = (f'<span class="rr-empty">{n:,} claims are too many to download from the page; '
                                   "narrow the filters, or save them from Python with "
                                   "<code>view.selection.to_csv(&quot;selection.csv&quot;)</code>.</span>")
            return
        noun = "claim" if n == 1 else "claims"
        self.download.value = (f'<a class="rr-download-link" download="claims-selection.csv" href="{uri}">'
                               f"Download selection as CSV ({n:,} {noun})</a>")


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
    return pd.DataFrame({
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
    })


def claim_explorer(claims: pd.DataFrame | None = None, *, page_size: int = 20,
                   data_dir: str | Path | None = None) -> ClaimExplorer:
    """Filter, search and page through the claims; download the selection as CSV.

    Filters (each with an "All" choice): call, article, language, speaker,
    attribution kind, topic. The search box matches the original excerpt, its
    English gloss and the proposition's statement through
    :func:`helpers.text.search_key`, so «بلينكين», "BLINKEN" and Arabic typed
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


# --------------------------------------------------------------------------- article reader


@dataclass(frozen=True)
class _Marked:
    """A claim located in the article's text, numbered in reading order."""

    number: int
    start: int
    end: int
    row: pd.Series

    @property
    def title(self) -> str:
        row = self.row
        who = _source_text(row)
        speaker = _text(row.get("speaker_name"))
        if speaker and speaker not in who:
            who = f"{who}, {speaker}" if who else speaker
        attribution = _text(row.get("attribution")).replace("_", " ")
        mode = _text(row.get("mode")).replace("_", " ")
        return f"Claim {self.number}: {attribution}" + (f" ({who})" if who else "") + (f", {mode}" if mode else "")


def _locate(text: str, rows: pd.DataFrame) -> list[tuple[int | None, int | None, pd.Series]]:
    """Where each row's excerpt stands: its start/end columns, else found by searching (for hand-made frames)."""
    located = []
    for _, row in rows.iterrows():
        start, end = row.get("start"), row.get("end")
        if start is None or end is None or pd.isna(start) or pd.isna(end):
            excerpt = nfc(_text(row.get("excerpt")))
            occurrence = row.get("occurrence")
            wanted = 1 if occurrence is None or pd.isna(occurrence) else int(occurrence)
            at, seen = -1, 0
            while excerpt:
                at = text.find(excerpt, at + 1)
                if at == -1:
                    break
                seen += 1
                if seen == wanted:
                    break
            start, end = (at, at + len(excerpt)) if excerpt and at != -1 else (None, None)
        if start is not None and not (0 <= int(start) <= int(end) <= len(text)):
            start = end = None
        located.append((None, None, row) if start is None else (int(start), int(end), row))
    return located


def _sentence_spans(text: str, translation_rows: pd.DataFrame) -> list[tuple[int, int, pd.Series]]:
    """Each translated sentence's place in ``text``, found in order as the validator finds them."""
    spans, cursor = [], 0
    for _, row in translation_rows.iterrows():
        original = nfc(_text(row.get("original")))
        at = text.find(original, cursor) if original else -1
        if at != -1:
            spans.append((at, at + len(original), row))
            cursor = at + len(original)
    return spans


class ArticleReader(widgets.VBox):
    """One article, its claims marked; see :func:`article_reader`.

    Attributes: ``article`` (Dropdown), ``translation`` and ``chrome`` (Checkboxes),
    ``info``, ``text`` and ``claim_list`` (HTML areas).
    """

    def __init__(self, articles: pd.DataFrame, claims: pd.DataFrame, translations: pd.DataFrame,
                 boilerplate: pd.DataFrame, article_id: str | None = None):
        if articles.empty:
            raise ValueError("there are no articles to read")
        self._articles = articles.reset_index(drop=True)
        self._claims = claims
        self._translations = translations
        self._boilerplate = boilerplate
        options = []
        for _, row in self._articles.iterrows():
            outlet = _text(row.get("outlet")) or "outlet not named"
            options.append((f"{row['article_id']} ({_language_label(row.get('language'))}; {outlet})",
                            str(row["article_id"])))
        self.article = _dropdown("Article", options, "rr-article-choice", value=article_id)
        self.translation = _checkbox("Show the working translation, sentence by sentence", "rr-toggle-translation")
        self.chrome = _checkbox("Show page chrome (menus, headline, byline, credits), struck through",
                                "rr-toggle-chrome")
        self.info = _html("rr-article-info")
        self.text = _html("rr-article-text", flex="3 1 28em", min_width="0", overflow="auto")
        self.claim_list = _html("rr-claim-list", flex="2 1 18em", min_width="0")
        for control in (self.article, self.translation, self.chrome):
            control.observe(self._render, names="value")
        toggles = widgets.HBox([self.translation, self.chrome], layout=widgets.Layout(flex_flow="row wrap"))
        body = widgets.HBox([self.text, self.claim_list],
                            layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        super().__init__(children=[_style(), self.article, toggles, self.info, body])
        self.add_class("rr-widget")
        self.add_class("rr-article-reader")
        self._render()

    def _render(self, _change: dict | None = None) -> None:
        row = self._articles[self._articles["article_id"] == self.article.value].iloc[0]
        article_id = str(row["article_id"])
        language = _text(row.get("language")) or None
        text = nfc(_text(row.get("text")))
        sentences = self._translations[self._translations["article_id"] == article_id]
        if "sentence_no" in sentences.columns:
            sentences = sentences.sort_values("sentence_no")
        has_translation = not sentences.empty
        # An English article has no working translation: say so, rather than offer a toggle that does nothing.
        self.translation.disabled = not has_translation
        chrome_rows = self._boilerplate[self._boilerplate["article_id"] == article_id]
        chrome = sorted((s, e, _text(r.get("kind"))) for s, e, r in _locate(text, chrome_rows) if s is not None)
        located = _locate(text, self._claims[self._claims["article_id"] == article_id])
        placed = sorted(((s, e, r) for s, e, r in located if s is not None),
                        key=lambda t: (t[0], t[1], _text(t[2].get("claim_id"))))
        marked = [_Marked(n, s, e, r) for n, (s, e, r) in enumerate(placed, start=1)]
        unplaced = [r for s, _, r in located if s is None]

        if self.translation.value and has_translation:
            self.text.value = _sentence_table(text, language, marked, chrome, _sentence_spans(text, sentences),
                                              self.chrome.value)
        else:
            self.text.value = _flow_html(text, language, marked, chrome, self.chrome.value)
        self.claim_list.value = _claim_list_html(marked, unplaced)
        # Last, so that the article named at the top is always the one already shown below.
        self.info.value = self._info_html(row, has_translation, len(marked), len(chrome))

    @staticmethod
    def _info_html(row: pd.Series, has_translation: bool, n_claims: int, n_chrome: int) -> str:
        parts = [f"<b>{escape(row['article_id'])}</b>", escape(_language_label(row.get("language")))]
        parts.append(escape(_text(row.get("outlet")) or "outlet not named"))
        if _text(row.get("published")):
            published = row["published"]
            published = published.date().isoformat() if hasattr(published, "date") else published
            parts.append(f"published {escape(published)} ({escape(row.get('published_basis'))})")
        headline = _text(row.get("headline"))
        lines = [" · ".join(parts)]
        if headline:
            lines.append(f"Headline: {escape(headline)}")
        lines.append(f"{n_claims} claim{'' if n_claims == 1 else 's'} marked; "
                     f"{n_chrome} line{'' if n_chrome == 1 else 's'} of page chrome.")
        if not has_translation:
            lines.append("There is no working translation of this article "
                         "(it is in English, or not yet translated).")
        return '<div class="rr-meta">' + "<br>".join(lines) + "</div>"


def _boundaries(length: int, *spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The text cut at every span's start and end: each piece is inside or outside each span, wholly."""
    cuts = {0, length}
    for group in spans:
        for start, end in group:
            cuts.update((start, end))
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if a < b]


def _covering(marked: list[_Marked], a: int, b: int) -> list[_Marked]:
    return [m for m in marked if m.start <= a and b <= m.end]


def _piece_html(text: str, a: int, b: int, marked: list[_Marked]) -> str:
    """One piece of text between span boundaries, escaped, marked if a claim covers it, numbered where one ends."""
    covering = _covering(marked, a, b)
    body = escape(text[a:b])
    if covering:
        css = "rr-claim rr-overlap" if len(covering) > 1 else "rr-claim"
        title = "; ".join(m.title for m in covering)
        numbers = " ".join(str(m.number) for m in covering)
        body = f'<mark class="{css}" title="{escape(title)}" data-claims="{numbers}">{body}</mark>'
    ending = [m.number for m in marked if m.end == b and m.start < b]
    if ending:
        body += "".join(f'<sup class="rr-claim-no" title="claim {n}">[{n}]</sup>' for n in ending)
    return body


def _chrome_at(chrome: list[tuple[int, int, str]], a: int, b: int) -> str | None:
    for start, end, kind in chrome:
        if start <= a and b <= end:
            return kind or "chrome"
    return None


def _flow_html(text: str, language: str | None, marked: list[_Marked], chrome: list[tuple[int, int, str]],
               show_chrome: bool) -> str:
    """The article as running text; hidden chrome is left out and the blank lines it leaves closed up."""
    pieces: list[tuple[bool, str]] = []  # (is raw unmarked text, text or html)
    for a, b in _boundaries(len(text), [(m.start, m.end) for m in marked], [(s, e) for s, e, _ in chrome]):
        kind = _chrome_at(chrome, a, b)
        if kind is not None:
            if show_chrome:
                pieces.append((False, f'<span class="rr-chrome" title="page chrome: {escape(kind)}">'
                                      f"{escape(text[a:b])}</span>"))
            continue
        if _covering(marked, a, b) or any(m.end == b for m in marked):
            pieces.append((False, _piece_html(text, a, b, marked)))
        else:
            pieces.append((True, text[a:b]))
    merged: list[tuple[bool, str]] = []
    for raw, piece in pieces:
        if raw and merged and merged[-1][0]:
            merged[-1] = (True, merged[-1][1] + piece)
        else:
            merged.append((raw, piece))
    if not show_chrome and merged:
        merged = [(raw, re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", p) if raw else p) for raw, p in merged]
        if merged[0][0]:
            merged[0] = (True, merged[0][1].lstrip())
        if merged[-1][0]:
            merged[-1] = (True, merged[-1][1].rstrip())
    body = "".join(escape(p) if raw else p for raw, p in merged)
    return f'<div{_dir_attrs(language, "rr-article-body")}>{body}</div>'


def _sentence_table(text: str, language: str | None, marked: list[_Marked], chrome: list[tuple[int, int, str]],
                    sentences: list[tuple[int, int, pd.Series]], show_chrome: bool) -> str:
    """The article sentence by sentence, each beside the project's working translation."""
    # Consecutive pieces of one sentence, one chrome span or one gap between them form one row.
    units: list[tuple[str, int]] = []  # ("sentence" | "chrome" | "gap", index of the sentence or chrome span)
    unit_pieces: list[list[tuple[int, int]]] = []
    spans = [(s, e) for s, e, _ in sentences]
    for a, b in _boundaries(len(text), [(m.start, m.end) for m in marked], [(s, e) for s, e, _ in chrome], spans):
        in_chrome = next((i for i, (s, e, _) in enumerate(chrome) if s <= a and b <= e), None)
        in_sentence = next((i for i, (s, e) in enumerate(spans) if s <= a and b <= e), None)
        key = (("chrome", in_chrome) if in_chrome is not None else
               ("sentence", in_sentence) if in_sentence is not None else ("gap", -1))
        if units and units[-1] == key:
            unit_pieces[-1].append((a, b))
        else:
            units.append(key)
            unit_pieces.append([(a, b)])
    rows = []
    for (kind, index), pieces in zip(units, unit_pieces):
        original = "".join(_piece_html(text, a, b, marked) for a, b in pieces)
        plain = "".join(text[a:b] for a, b in pieces)
        if not plain.strip():
            continue
        if kind == "chrome":
            if not show_chrome:
                continue
            chrome_kind = escape(chrome[index][2] or "chrome")
            original = f'<span class="rr-chrome" title="page chrome: {chrome_kind}">{escape(plain.strip())}</span>'
            translated = f'<span class="rr-empty">page chrome ({chrome_kind}), not translated</span>'
        elif kind == "sentence":
            row = sentences[index][2]
            translated = escape(row.get("translation"))
            note = _text(row.get("note"))
            if note:
                translated += f'<div class="rr-meta">Note: {escape(note)}</div>'
        else:
            translated = '<span class="rr-empty">(no working translation for this line)</span>'
        rows.append(f'<tr><td{_dir_attrs(language)}>{original}</td><td dir="ltr" lang="en">{translated}</td></tr>')
    original_label = f"Original ({_language_label(language)})" if language else "Original"
    return (f'<div class="rr-label rr-working-translation-label">English: {escape(WORKING_TRANSLATION)}</div>'
            f'<table class="rr-table rr-sentences"><thead><tr><th scope="col">{escape(original_label)}</th>'
            f'<th scope="col">English (working translation)</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _claim_list_html(marked: list[_Marked], unplaced: list[pd.Series]) -> str:
    """The claims as a numbered list beside the text: what the marks' tooltips say, readable without a mouse."""
    if not marked and not unplaced:
        return '<div class="rr-empty" role="status">No claims are recorded for this article.</div>'
    items = []
    for m in marked:
        items.append(f'<li value="{m.number}">{_claim_item(m.row, m.title)}</li>')
    for row in unplaced:
        items.append(f"<li>{_claim_item(row, 'not found in this text')}</li>")
    return f'<div class="rr-label">Claims in this article</div><ol>{"".join(items)}</ol>'


def _claim_item(row: pd.Series, title: str) -> str:
    # Not <q>: the browser would add quotation marks of its own, doubled around quoted
    # excerpts and reversed around Arabic ones.
    excerpt = f'<div{_dir_attrs(row.get("language"), "rr-excerpt")}>{escape(row.get("excerpt"))}</div>'
    gloss = _text(row.get("gloss"))
    gloss_html = f'<div class="rr-gloss" lang="en">{escape(gloss)}</div>' if gloss else ""
    statement = _text(row.get("statement"))
    topic = _text(row.get("topic"))
    about = f'<div class="rr-meta">Proposition ({escape(topic)}): {escape(statement)}</div>' if statement else ""
    return f'{excerpt}{gloss_html}<div class="rr-meta">{escape(title)}</div>{about}'


def article_reader(articles: pd.DataFrame | None = None, claims: pd.DataFrame | None = None,
                   translations: pd.DataFrame | None = None, boilerplate: pd.DataFrame | None = None, *,
                   article_id: str | None = None, data_dir: str | Path | None = None) -> ArticleReader:
    """Read one article with its claims marked, its working translation and its page chrome.

    Each claim is a ``<mark>`` whose title gives its attribution, and is listed,
    numbered, beside the text (a tooltip alone is no use to a keyboard or a
    screen reader). "Show the working translation" puts the project's English
    working translation beside each original sentence; "Show page chrome" shows
    the menus, credits and other boilerplate struck through (hidden otherwise).

    Frames default to the loaders' (of ``data_dir``); ``boilerplate`` is
    ``helpers.load_table("boilerplate")``. ``article_id`` chooses the first article shown.

    >>> reader = article_reader(article_id="ar-blinken-lavrov")
    >>> 'dir="rtl"' in reader.text.value, "<mark" in reader.text.value
    (True, True)
    >>> reader.translation.value = True
    >>> "Working translation" in reader.text.value
    True
    """
    articles = load_articles(data_dir) if articles is None else articles
    claims = load_claims(data_dir) if claims is None else claims
    translations = load_translations(data_dir) if translations is None else translations
    boilerplate = load_table("boilerplate", data_dir) if boilerplate is None else boilerplate
    return ArticleReader(articles, claims, translations, boilerplate, article_id)


# --------------------------------------------------------------------------- comparison view


class ComparisonView(widgets.VBox):
    """Each article's wording of a call's propositions, side by side; see :func:`comparison_view`.

    Attributes: ``call`` and ``proposition`` (Dropdowns), ``wordings``, ``omitted``
    and ``differences`` (HTML areas).
    """

    def __init__(self, claims: pd.DataFrame, propositions: pd.DataFrame, differences: pd.DataFrame | None,
                 data_dir: str | Path | None, call_id: str | None = None, proposition_id: str | None = None):
        self._claims = claims
        self._propositions = propositions
        self._differences = differences
        self._data_dir = data_dir
        if proposition_id is not None and call_id is None:
            match = propositions.loc[propositions["proposition_id"] == proposition_id, "call_id"]
            if match.empty:
                raise KeyError(f"no proposition {proposition_id!r}")
            call_id = str(match.iloc[0])
        counts = claims["call_id"].astype("string").value_counts()
        calls = [c for c in dict.fromkeys(claims["call_id"].dropna().astype(str))]
        calls.sort(key=lambda c: (-int(counts[c]), c))
        if not calls:
            raise ValueError("there are no claims to compare")
        self.call = _dropdown("Call", [(f"{c} ({int(counts[c])} claims)", c) for c in calls], "rr-comparison-call",
                              value=call_id)
        self.proposition = _dropdown("Proposition", self._proposition_options(self.call.value),
                                     "rr-comparison-proposition", width="48em")
        if proposition_id is not None:
            self.proposition.value = proposition_id
        self.wordings = _html("rr-comparison-wordings", width="100%", overflow="auto")
        self.omitted = _html("rr-comparison-omitted")
        self.differences = _html("rr-comparison-differences", width="100%", overflow="auto")
        self.call.observe(self._on_call, names="value")
        self.proposition.observe(self._render, names="value")
        super().__init__(children=[_style(), self.call, self.proposition, self.omitted, self.wordings,
                                   self.differences])
        self.add_class("rr-widget")
        self.add_class("rr-comparison")
        self._render()

    def _proposition_options(self, call_id: str) -> list[tuple[str, str]]:
        props = self._propositions[self._propositions["call_id"] == call_id]
        claims = self._claims[self._claims["call_id"] == call_id]
        carriers = claims.groupby("proposition_id", observed=True)["article_id"].nunique()
        rows = []
        for _, row in props.iterrows():
            pid = str(row["proposition_id"])
            n = int(carriers.get(pid, 0))
            statement = _text(row.get("statement"))
            statement = statement if len(statement) <= 90 else statement[:89] + "…"
            noun = "article" if n == 1 else "articles"
            rows.append((-n, pid, f"{_text(row.get('topic'))}: {statement} ({n} {noun})"))
        rows.sort()
        return [("All propositions of this call", ALL)] + [(label, pid) for _, pid, label in rows]

    def _on_call(self, _change: dict) -> None:
        with self.proposition.hold_trait_notifications():
            self.proposition.unobserve(self._render, names="value")
            self.proposition.options = self._proposition_options(self.call.value)
            self.proposition.value = ALL
            self.proposition.observe(self._render, names="value")
        self._render()

    def _call_differences(self, call_id: str) -> pd.DataFrame:
        if self._differences is None:
            return comparison.differences_for(call_id, data_dir=self._data_dir)
        return self._differences[self._differences["call_id"] == call_id].reset_index(drop=True)

    def _render(self, _change: dict | None = None) -> None:
        call_id = self.call.value
        table = comparison.coverage(call_id, self._claims, self._data_dir)
        articles = list(dict.fromkeys(table["article_id"].astype(str)))
        languages = dict(zip(self._claims["article_id"].astype(str), self._claims["language"].astype("string")))
        differences = self._call_differences(call_id)
        if self.proposition.value == ALL:
            self._render_call(call_id, table, articles, languages, differences)
        else:
            self._render_proposition(self.proposition.value, table, articles, languages, differences)

    def _render_proposition(self, pid: str, table: pd.DataFrame, articles: list[str], languages: dict,
                            differences: pd.DataFrame) -> None:
        words = comparison.wordings(pid, self._claims, self._data_dir)
        statement = self._propositions.loc[self._propositions["proposition_id"] == pid]
        statement_text = _text(statement["statement"].iloc[0]) if not statement.empty else pid
        topic = _text(statement["topic"].iloc[0]) if not statement.empty else ""
        carried = [a for a in articles if not words[words["article_id"] == a].empty]
        omitting = [a for a in articles if a not in carried]
        head = _article_heads(articles, languages)
        cells = []
        for article_id in articles:
            rows = words[words["article_id"] == article_id]
            if rows.empty:
                cells.append('<td><div class="rr-omitted">Does not report this.</div></td>')
            else:
                cells.append("<td>" + "".join(_wording_html(r) for _, r in rows.iterrows()) + "</td>")
        self.omitted.value = _omitted_html(carried, omitting)
        relevant = differences[differences["propositions"].astype("string").fillna("").str.split(LIST_SEPARATOR)
                               .map(lambda ids: pid in ids)] if not differences.empty else differences
        self.differences.value = _differences_html(relevant, "No differences are recorded for this proposition.")
        # Last: once the statement at its top changes, the areas below it have too.
        self.wordings.value = (
            f'<div class="rr-statement">Proposition ({escape(topic)}): {escape(statement_text)}</div>'
            f'<table class="rr-table rr-wordings"><thead><tr>{head}</tr></thead>'
            f'<tbody><tr>{"".join(cells)}</tr></tbody></table>')

    def _render_call(self, call_id: str, table: pd.DataFrame, articles: list[str], languages: dict,
                     differences: pd.DataFrame) -> None:
        claims = self._claims[self._claims["call_id"] == call_id]
        carriers = table[table["carried"]].groupby("proposition_id")["article_id"].nunique()
        props = table.drop_duplicates("proposition_id")[["proposition_id", "topic", "statement"]].copy()
        props["n"] = props["proposition_id"].map(carriers).fillna(0).astype(int)
        props = props.sort_values(["n", "topic", "proposition_id"], ascending=[False, True, True])
        head = '<th scope="col">Proposition</th>' + _article_heads(articles, languages)
        by_cell = {key: rows for key, rows in claims.groupby(["proposition_id", "article_id"], observed=True)}
        body = []
        for _, prop in props.iterrows():
            cells = [f'<th scope="row"><div class="rr-meta">{escape(prop["topic"])}</div>'
                     f'{escape(prop["statement"])}</th>']
            for article_id in articles:
                rows = by_cell.get((prop["proposition_id"], article_id))
                if rows is None:
                    cells.append('<td><span class="rr-omitted">not reported</span></td>')
                else:
                    wording = "".join(_wording_html(r, brief=True) for _, r in rows.iterrows())
                    cells.append(f"<td>{wording}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        missing = table[~table["carried"] & table["proposition_id"].isin(carriers.index)]
        lines = []
        for article_id in articles:
            n = int((missing["article_id"] == article_id).sum())
            lines.append(f"<li>{escape(article_id)} leaves out {n} of the {len(carriers)} propositions "
                         "that another article reports</li>")
        self.omitted.value = f'<div class="rr-label">What each article leaves out</div><ul>{"".join(lines)}</ul>'
        self.differences.value = _differences_html(differences, "No differences are recorded for this call.")
        self.wordings.value = (f'<div class="rr-statement">All propositions of {escape(call_id)}</div>'
                               f'<table class="rr-table rr-wordings"><thead><tr>{head}</tr></thead>'
                               f'<tbody>{"".join(body)}</tbody></table>')


def _article_heads(articles: list[str], languages: dict) -> str:
    """One column head per article: its id, and its language under it."""
    return "".join(f'<th scope="col">{escape(a)}<div class="rr-meta">'
                   f'{escape(_language_label(languages.get(a, "")))}</div></th>' for a in articles)


def _wording_html(row: pd.Series, brief: bool = False) -> str:
    excerpt = f'<div{_dir_attrs(row.get("language"), "rr-excerpt")}>{escape(row.get("excerpt"))}</div>'
    gloss = _text(row.get("gloss"))
    gloss_html = f'<div class="rr-gloss" lang="en">{escape(gloss)}</div>' if gloss else ""
    attribution = _text(row.get("attribution")).replace("_", " ")
    mode = _text(row.get("mode")).replace("_", " ")
    if brief:
        meta = f"{attribution}, {mode}"
    else:
        parts = [f"Source: {_source_text(row) or 'none given'}"]
        speaker = _text(row.get("speaker_name"))
        if speaker:
            parts.append(f"speaker: {speaker}")
        parts.append(f"{attribution}, {mode}")
        verb = _text(row.get("reporting_verb"))
        if verb:
            parts.append(f"verb: {verb}")
        meta = "; ".join(parts)
    return f'<div class="rr-wording">{excerpt}{gloss_html}<div class="rr-meta">{escape(meta)}</div></div>'


def _omitted_html(carried: list[str], omitting: list[str]) -> str:
    if not omitting:
        return '<div class="rr-meta">Every article on this call reports it.</div>'
    return (f'<div class="rr-meta">Reported by: {escape(", ".join(carried) or "no article")}. '
            f'<span class="rr-omitted">Not reported by: {escape(", ".join(omitting))}.</span></div>')


def _differences_html(differences: pd.DataFrame, empty: str) -> str:
    columns = [c for c in ("kind", "summary", "explanation", "articles") if c in differences.columns]
    frame = differences[columns].copy() if columns else differences
    if "articles" in frame.columns:
        frame["articles"] = frame["articles"].astype("string").str.replace(LIST_SEPARATOR, ", ", regex=False)
    return table_html(frame, columns, caption="Recorded differences, and why they matter", language_column=None,
                      text_columns=(), empty=empty)


def comparison_view(claims: pd.DataFrame | None = None, propositions: pd.DataFrame | None = None,
                    differences: pd.DataFrame | None = None, *, call_id: str | None = None,
                    proposition_id: str | None = None, data_dir: str | Path | None = None) -> ComparisonView:
    """Compare how the articles report a call, or one proposition of it, side by side.

    Pick a call to see every proposition down and every article on the call
    across (:func:`helpers.comparison.coverage`), or one proposition to see each
    article's full wording (:func:`helpers.comparison.wordings`) with its source,
    attribution and mode. Both say which articles leave it out, and list the
    recorded differences (:func:`helpers.comparison.differences_for`) with their
    explanations.

    >>> view = comparison_view(proposition_id="bl0201-duration")
    >>> view.call.value
    'blinken-lavrov-2022-02-01'
    >>> "30 minutes" in view.wordings.value
    True
    >>> view.proposition.value = ALL  # the whole call: every proposition down, every article across
    >>> "All propositions of blinken-lavrov-2022-02-01" in view.wordings.value
    True
    """
    claims = load_claims(data_dir) if claims is None else claims
    propositions = load_propositions(data_dir) if propositions is None else propositions
    return ComparisonView(claims, propositions, differences, data_dir, call_id, proposition_id)


# --------------------------------------------------------------------------- dashboard


def explorer(data_dir: str | Path | None = None) -> widgets.Tab:
    """The claim explorer, the article reader and the comparison view, in three tabs.

    >>> dashboard = explorer()
    >>> dashboard.titles
    ('Claims', 'Read an article', 'Compare sources')
    """
    claims = load_claims(data_dir)
    tab = widgets.Tab(children=[
        claim_explorer(claims, data_dir=data_dir),
        article_reader(load_articles(data_dir), claims, load_translations(data_dir),
                       load_table("boilerplate", data_dir)),
        comparison_view(claims, load_propositions(data_dir), data_dir=data_dir),
    ])
    tab.titles = ("Claims", "Read an article", "Compare sources")
    tab.add_class("rr-explorer")
    return tab
