"""The article reader: one article with its claims marked, its working translation and its chrome."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..data.loading import (
    load_articles,
    load_claims,
    load_table,
    load_translations,
)
from ..data.text import nfc
from ..display.html import WORKING_TRANSLATION, escape
from .common import (
    _checkbox,
    _dir_attrs,
    _dropdown,
    _guarded,
    _html,
    _language_label,
    _source_text,
    _style,
    _text,
    _WithRerunNote,
)
from .readouts import claim_points_html, readout_points_for

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
        return (
            f"Claim {self.number}: {attribution}"
            + (f" ({who})" if who else "")
            + (f", {mode}" if mode else "")
        )


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


class ArticleReader(_WithRerunNote, widgets.VBox):
    """One article, its claims marked; see :func:`article_reader`.

    Attributes: ``article`` (Dropdown), ``translation`` and ``chrome`` (Checkboxes),
    ``info``, ``text`` and ``claim_list`` (HTML areas).
    """

    def __init__(
        self,
        articles: pd.DataFrame,
        claims: pd.DataFrame,
        translations: pd.DataFrame,
        boilerplate: pd.DataFrame,
        article_id: str | None = None,
        readout_points: pd.DataFrame | None = None,
    ):
        if articles.empty:
            raise ValueError("there are no articles to read")
        self._articles = articles.reset_index(drop=True)
        self._claims = claims
        self._translations = translations
        self._boilerplate = boilerplate
        self._points = readout_points
        options = []
        for _, row in self._articles.iterrows():
            outlet = _text(row.get("outlet")) or "outlet not named"
            options.append(
                (
                    f"{row['article_id']} ({_language_label(row.get('language'))}; {outlet})",
                    str(row["article_id"]),
                )
            )
        self.article = _dropdown("Article", options, "rr-article-choice", value=article_id)
        self.translation = _checkbox(
            "Show the working translation, sentence by sentence", "rr-toggle-translation"
        )
        self.chrome = _checkbox(
            "Show page chrome (menus, headline, byline, credits), struck through", "rr-toggle-chrome"
        )
        self.info = _html("rr-article-info")
        self.text = _html("rr-article-text", flex="3 1 28em", min_width="0", overflow="auto")
        self.claim_list = _html("rr-claim-list", flex="2 1 18em", min_width="0")
        for control in (self.article, self.translation, self.chrome):
            control.observe(self._render, names="value")
        toggles = widgets.HBox([self.translation, self.chrome], layout=widgets.Layout(flex_flow="row wrap"))
        body = widgets.HBox(
            [self.text, self.claim_list],
            layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"),
        )
        super().__init__(children=[_style(), self.article, toggles, self.info, body])
        _guarded(self)
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
        # An English article has no working translation: say so, rather than offer a toggle that does
        # nothing; the box is unticked too, so it never looks as if a translation were shown.
        if not has_translation and self.translation.value:
            self.translation.unobserve(self._render, names="value")
            self.translation.value = False
            self.translation.observe(self._render, names="value")
        self.translation.disabled = not has_translation
        chrome_rows = self._boilerplate[self._boilerplate["article_id"] == article_id]
        chrome = sorted(
            (s, e, _text(r.get("kind"))) for s, e, r in _locate(text, chrome_rows) if s is not None
        )
        located = _locate(text, self._claims[self._claims["article_id"] == article_id])
        placed = sorted(
            ((s, e, r) for s, e, r in located if s is not None),
            key=lambda t: (t[0], t[1], _text(t[2].get("claim_id"))),
        )
        marked = [_Marked(n, s, e, r) for n, (s, e, r) in enumerate(placed, start=1)]
        unplaced = [r for s, _, r in located if s is None]

        if self.translation.value and has_translation:
            self.text.value = _sentence_table(
                text, language, marked, chrome, _sentence_spans(text, sentences), self.chrome.value
            )
        else:
            self.text.value = _flow_html(text, language, marked, chrome, self.chrome.value)
        self.claim_list.value = _claim_list_html(marked, unplaced, self._points)
        # Last, so that the article named at the top is always the one already shown below.
        self.info.value = self._info_html(row, has_translation, len(marked), len(chrome))

    def static_html(self) -> str:
        """The article as the reader shows it, as static markup (for handouts)."""
        return (
            '<div class="rr-label">The article reader (a printed copy: in the notebook, choose another '
            "article or show the translation and the page chrome)</div>"
            f"{self.info.value}{self.text.value}{self.claim_list.value}"
        )

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
        lines.append(
            f"{n_claims} claim{'' if n_claims == 1 else 's'} marked; "
            f"{n_chrome} line{'' if n_chrome == 1 else 's'} of page chrome."
        )
        if not has_translation:
            lines.append(
                "There is no working translation of this article (it is in English, or not yet translated)."
            )
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


def _flow_html(
    text: str,
    language: str | None,
    marked: list[_Marked],
    chrome: list[tuple[int, int, str]],
    show_chrome: bool,
) -> str:
    """The article as running text; hidden chrome is left out and the blank lines it leaves closed up."""
    pieces: list[tuple[bool, str]] = []  # (is raw unmarked text, text or html)
    for a, b in _boundaries(len(text), [(m.start, m.end) for m in marked], [(s, e) for s, e, _ in chrome]):
        kind = _chrome_at(chrome, a, b)
        if kind is not None:
            if show_chrome:
                pieces.append(
                    (
                        False,
                        f'<span class="rr-chrome" title="page chrome: {escape(kind)}">'
                        f"{escape(text[a:b])}</span>",
                    )
                )
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
    return f"<div{_dir_attrs(language, 'rr-article-body')}>{body}</div>"


def _sentence_table(
    text: str,
    language: str | None,
    marked: list[_Marked],
    chrome: list[tuple[int, int, str]],
    sentences: list[tuple[int, int, pd.Series]],
    show_chrome: bool,
) -> str:
    """The article sentence by sentence, each beside the project's working translation."""
    # Consecutive pieces of one sentence, one chrome span or one gap between them form one row.
    units: list[tuple[str, int]] = []  # ("sentence" | "chrome" | "gap", index of the sentence or chrome span)
    unit_pieces: list[list[tuple[int, int]]] = []
    spans = [(s, e) for s, e, _ in sentences]
    for a, b in _boundaries(
        len(text), [(m.start, m.end) for m in marked], [(s, e) for s, e, _ in chrome], spans
    ):
        in_chrome = next((i for i, (s, e, _) in enumerate(chrome) if s <= a and b <= e), None)
        in_sentence = next((i for i, (s, e) in enumerate(spans) if s <= a and b <= e), None)
        key = (
            ("chrome", in_chrome)
            if in_chrome is not None
            else ("sentence", in_sentence)
            if in_sentence is not None
            else ("gap", -1)
        )
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
            original = (
                f'<span class="rr-chrome" title="page chrome: {chrome_kind}">{escape(plain.strip())}</span>'
            )
            translated = f'<span class="rr-empty">page chrome ({chrome_kind}), not translated</span>'
        elif kind == "sentence":
            row = sentences[index][2]
            translated = escape(row.get("translation"))
            note = _text(row.get("note"))
            if note:
                translated += f'<div class="rr-meta">Note: {escape(note)}</div>'
        else:
            translated = '<span class="rr-empty">(no working translation for this line)</span>'
        rows.append(
            f'<tr><td{_dir_attrs(language)}>{original}</td><td dir="ltr" lang="en">{translated}</td></tr>'
        )
    original_label = f"Original ({_language_label(language)})" if language else "Original"
    return (
        f'<div class="rr-label rr-working-translation-label">English: {escape(WORKING_TRANSLATION)}</div>'
        f'<table class="rr-table rr-sentences"><thead><tr><th scope="col">{escape(original_label)}</th>'
        f'<th scope="col">English (working translation)</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _claim_list_html(
    marked: list[_Marked], unplaced: list[pd.Series], points: pd.DataFrame | None = None
) -> str:
    """The claims as a numbered list beside the text: what the marks' tooltips say, readable without a mouse."""
    if not marked and not unplaced:
        return '<div class="rr-empty" role="status">No claims are recorded for this article.</div>'
    items = []
    for m in marked:
        items.append(f'<li value="{m.number}">{_claim_item(m.row, m.title, points)}</li>')
    for row in unplaced:
        items.append(f"<li>{_claim_item(row, 'not found in this text', points)}</li>")
    return f'<div class="rr-label">Claims in this article</div><ol>{"".join(items)}</ol>'


def _claim_item(row: pd.Series, title: str, points: pd.DataFrame | None = None) -> str:
    # Not <q>: the browser would add quotation marks of its own, doubled around quoted
    # excerpts and reversed around Arabic ones.
    excerpt = f"<div{_dir_attrs(row.get('language'), 'rr-excerpt')}>{escape(row.get('excerpt'))}</div>"
    gloss = _text(row.get("gloss"))
    gloss_html = f'<div class="rr-gloss" lang="en">{escape(gloss)}</div>' if gloss else ""
    statement = _text(row.get("statement"))
    topic = _text(row.get("topic"))
    about = (
        f'<div class="rr-meta">Proposition ({escape(topic)}): {escape(statement)}</div>' if statement else ""
    )
    readout = claim_points_html(row, points)
    return f'{excerpt}{gloss_html}<div class="rr-meta">{escape(title)}</div>{about}{readout}'


def article_reader(
    articles: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
    translations: pd.DataFrame | None = None,
    boilerplate: pd.DataFrame | None = None,
    *,
    article_id: str | None = None,
    readout_points: pd.DataFrame | None = None,
    data_dir: str | Path | None = None,
) -> ArticleReader:
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
    points = readout_points_for(claims, readout_points, data_dir)
    return ArticleReader(articles, claims, translations, boilerplate, article_id, points)
