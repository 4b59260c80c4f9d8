"""Show frames and texts as HTML, safely: every piece of data is escaped.

Article and annotation text is data. It goes through :func:`html.escape` before
it becomes HTML, so an article containing ``<script>`` shows the characters and
runs nothing. Arabic (and any right-to-left language) gets ``dir="rtl"`` and its
``lang``, so the browser lays it out and shapes it correctly; Vietnamese text is
put in NFC so its diacritics render as single letters.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable

import pandas as pd

from ..data.rules import is_address
from ..data.schema import RTL_LANGUAGES
from ..data.text import nfc, script_of

__all__ = [
    "escape",
    "address_link",
    "text_html",
    "table_html",
    "HTML",
    "show",
    "WORKING_TRANSLATION",
    "STYLE",
]

WORKING_TRANSLATION = "Working translation by the Reading the Readouts project, not a published translation"

# One small stylesheet for everything helpers shows; classes start with "rr-".
STYLE = """<style>
.rr-table { border-collapse: collapse; font-size: 0.92em; margin: 0.3em 0; }
/* Doubled classes: JupyterLab's ":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td" right-aligns
   every cell with specificity (0,2,1); these rules have (0,2,2) and win wherever the table is shown. */
table.rr-table.rr-table th, table.rr-table.rr-table td { border: 1px solid #c8c8c8; padding: 0.3em 0.5em;
  vertical-align: top; text-align: start; }
table.rr-table.rr-table th { background: #f2f2f2; color: #1a1a1a; }
table.rr-table.rr-table td.rr-num, table.rr-table.rr-table th.rr-num { text-align: right;
  font-variant-numeric: tabular-nums; white-space: nowrap; }
table.rr-table.rr-table td.rr-nowrap { white-space: nowrap; }
table.rr-table.rr-table .rr-rtl { text-align: right; }
.rr-table caption { caption-side: top; text-align: start; font-weight: bold; padding: 0.2em 0; }
.rr-rtl { direction: rtl; unicode-bidi: isolate; text-align: right; }
.rr-text { white-space: pre-wrap; line-height: 1.6; max-width: 60em; }
.rr-label { font-size: 0.85em; color: #444; font-style: italic; }
.rr-empty { color: #444; font-style: italic; }
mark.rr-claim { background: #fde9a8; color: #1a1a1a; border-bottom: 2px solid #b8860b; }
.rr-chrome { color: #555; text-decoration: line-through; }
.rr-scroll { overflow-x: auto; max-width: 100%; }
.rr-description { max-width: 48em; line-height: 1.5; font-family: var(--jp-content-font-family, sans-serif); }
.rr-description p { margin: 0.3em 0; }
figure.rr-figure { margin: 0.5em 0; break-inside: avoid; page-break-inside: avoid; }
figure.rr-figure img { max-width: 100%; height: auto; }
figure.rr-figure figcaption { max-width: 48em; line-height: 1.5; }
table.rr-table a.rr-address { overflow-wrap: anywhere; }
</style>"""


_TABLE_NUMBERS = itertools.count(1)


def escape(value: object) -> str:
    """Escape any value for HTML; missing values become an empty string.

    >>> escape('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> escape(pd.NA)
    ''
    """
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    return html.escape(nfc(str(value)), quote=True)


def _direction_attributes(language: str | None, text: str = "") -> str:
    """``dir``/``lang`` attributes for a piece of text in ``language`` (or guessed from its script)."""
    if language and isinstance(language, str):
        lang = f' lang="{escape(language)}"'
        rtl = language in RTL_LANGUAGES
    else:
        lang = ""
        rtl = script_of(text) in ("Arabic", "Hebrew")
    return f' dir="rtl" class="rr-rtl"{lang}' if rtl else f' dir="ltr"{lang}' if lang else ""


def text_html(
    text: object, language: str | None = None, *, label: str | None = None, tag: str = "div"
) -> str:
    """One block of text as escaped HTML, laid out in its own direction.

    >>> text_html("مرحبا <b>", "ar")
    '<div dir="rtl" class="rr-rtl" lang="ar"><span class="rr-text">مرحبا &lt;b&gt;</span></div>'
    """
    body = escape(text)
    caption = f'<div class="rr-label">{escape(label)}</div>' if label else ""
    return f'<{tag}{_direction_attributes(language, str(text))}>{caption}<span class="rr-text">{body}</span></{tag}>'


# Columns whose values are single tokens that must not break at a hyphen: ids, dates, codes.
_NOWRAP_NAMES = re.compile(r"(^|_)(id|ids|date|published|call|article|claim|language|code)$|^(Claim|date)$")


def _cell_class(frame: pd.DataFrame, column: str) -> str:
    """``class`` attribute for a column's cells: numbers right-aligned, ids and dates kept whole."""
    if column not in frame.columns:
        return ""
    dtype = frame[column].dtype
    if pd.api.types.is_bool_dtype(dtype):
        return ""
    if pd.api.types.is_numeric_dtype(dtype):
        return ' class="rr-num"'
    if pd.api.types.is_datetime64_any_dtype(dtype) or _NOWRAP_NAMES.search(str(column)):
        return ' class="rr-nowrap"'
    return ""


def address_link(value: object) -> str | None:
    """A whole http(s) address as an escaped link that opens in a new tab; ``None`` for anything else.

    Only what :func:`helpers.data.rules.is_address` accepts becomes a link (never ``javascript:`` or
    ``data:``), and the address is escaped in both the ``href`` and the text.

    >>> address_link("https://www.state.gov/a?b=1&c=2")  # doctest: +ELLIPSIS
    '<a class="rr-address" href="https://www.state.gov/a?b=1&amp;c=2" ...>https://www.state.gov/a?b=1&amp;c=2</a>'
    >>> address_link("javascript:alert(1)") is None, address_link("see https://x.org") is None
    (True, True)
    """
    if not isinstance(value, str) or not value.startswith(("https://", "http://")) or not is_address(value):
        return None
    address = escape(value)
    # Lumino matches a shortcut at the focused element before it looks at its parents, so a focused
    # link needs the attribute itself (the region around it does not cover it): `a` must not add a cell.
    # JupyterLab rewrites rel to "noopener" on every outside link it renders; referrerpolicy, which it
    # leaves alone, keeps the "noreferrer" half.
    return (
        f'<a class="rr-address" href="{address}" target="_blank" rel="noopener noreferrer" '
        f'referrerpolicy="no-referrer" data-lm-suppress-shortcuts="true">{address}</a>'
    )


def _cell_text(value: object) -> object:
    """Dates without a midnight time; everything else as it is."""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.date().isoformat()
    return value


def table_html(
    frame: pd.DataFrame,
    columns: Iterable[str] | None = None,
    *,
    caption: str | None = None,
    language_column: str | None = "language",
    text_columns: Iterable[str] = ("excerpt", "original", "term", "text", "body", "mention", "context"),
    empty: str = "No rows match.",
    css_class: str = "rr-table",
    html_columns: Iterable[str] = (),
) -> str:
    """A frame as an escaped HTML table.

    Cells of ``text_columns`` take the direction of the row's language (from
    ``language_column``, or guessed from the script when there is none), so an
    Arabic excerpt reads right to left inside an English table. An empty frame
    shows ``empty`` instead of a header with no rows. Cells of ``html_columns`` hold markup that the
    caller built with :func:`escape` (never raw data); numbers are right-aligned, ids and dates kept whole.
    A cell that holds a whole http(s) address (a readout's ``url``, ``archive_url``, ``checked_at``)
    becomes a link to it, so a keyboard can open it (see :func:`address_link`).

    >>> frame = pd.DataFrame({"excerpt": ["«لافروف»", "<script>x</script>"], "language": ["ar", "en"]})
    >>> page = table_html(frame, ["excerpt"])
    >>> '<td dir="rtl" class="rr-rtl" lang="ar">«لافروف»</td>' in page, "<script>" in page
    (True, False)
    """
    columns = list(frame.columns if columns is None else columns)
    caption_html = f"<caption>{escape(caption)}</caption>" if caption else ""
    if frame.empty:
        return f'<div class="rr-empty" role="status">{escape(empty)}</div>'
    text_columns = set(text_columns)
    html_columns = set(html_columns)
    kinds = {column: _cell_class(frame, column) for column in columns}
    head = "".join(
        f'<th scope="col"{kinds[c] if "rr-num" in kinds[c] else ""}>{escape(c)}</th>' for c in columns
    )
    rows = []
    languages = frame[language_column] if language_column in frame.columns else None
    for position, (_, row) in enumerate(frame.iterrows()):
        language = None if languages is None else languages.iloc[position]
        language = None if language is None or pd.isna(language) else str(language)
        cells = []
        for column in columns:
            value = row[column]
            if column in text_columns:
                attributes = _direction_attributes(language, str(value))
            else:
                attributes = kinds[column]
            if column in html_columns:  # markup the caller built with escape(): never raw data
                cells.append(f"<td>{'' if value is None or value is pd.NA else value}</td>")
            else:
                link = address_link(value)
                cells.append(f"<td{attributes}>{link or escape(_cell_text(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="{escape(css_class)}">{caption_html}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


class HTML:
    """Escaped HTML that Jupyter displays as HTML and a terminal shows as text.

    >>> HTML("<b>ok</b>", text="ok")
    ok
    """

    def __init__(self, markup: str, text: str | None = None):
        self.markup = markup
        self.text = text if text is not None else re.sub(r"<[^>]+>", "", markup)

    def _repr_html_(self) -> str:
        return STYLE + self.markup

    def __repr__(self) -> str:
        return html.unescape(self.text)


def show(
    frame: pd.DataFrame,
    columns: Iterable[str] | None = None,
    *,
    caption: str | None = None,
    empty: str = "No rows match.",
) -> HTML:
    """Display a frame in a notebook as a safe table (escaped; Arabic cells right to left).

    >>> show(pd.DataFrame({"a": ["<b>"]}))
    a
    <b>
    """
    markup = table_html(frame, columns, caption=caption, empty=empty)
    columns = list(frame.columns if columns is None else columns)
    if not frame.empty:
        # A region that takes keyboard focus: a wide table scrolls sideways inside it, by keyboard too.
        # Each region's name is unique on the page (landmarks must be told apart): a running number.
        # With the region focused in command mode, JupyterLab would take `a`, `d d` or ArrowRight as
        # notebook shortcuts (insert or delete a cell, move on): Lumino looks for no shortcut at an
        # element with data-lm-suppress-shortcuts, so the keys scroll the region and change nothing.
        # The links inside carry the attribute too (see address_link): Enter opens them, and that is all.
        label = f"Table {next(_TABLE_NUMBERS)}: {caption or ', '.join(map(str, columns[:4]))}"
        markup = (
            f'<div class="rr-scroll" tabindex="0" role="region" aria-label="{escape(label)}" '
            f'data-lm-suppress-shortcuts="true">{markup}</div>'
        )
    text = "\n".join(
        ["\t".join(columns)]
        + [
            "\t".join("" if pd.isna(v) else str(v) for v in row)
            for row in frame[columns].itertuples(index=False)
        ]
    )
    return HTML(markup, text=text if not frame.empty else empty)
