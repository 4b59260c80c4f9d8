"""The article reader: one article with its claims marked, its working translation and its chrome."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..data.corpus import Corpus
from ..data.loading import as_corpus
from ..data.text import nfc
from ..display.html import escape
from .common import (
    _checkbox,
    _dir_attrs,
    _dropdown,
    _guarded,
    _html,
    _language_label,
    _style,
    _text,
    _WithRerunNote,
)
from .reader_text import Marked, _flow_html, _locate, _sentence_spans, _sentence_table
from .readouts import claim_points_html

# --------------------------------------------------------------------------- article reader


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
        marked = [Marked(n, s, e, r) for n, (s, e, r) in enumerate(placed, start=1)]
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
            f'{self.info.value}<div class="rr-article-text">{self.text.value}</div>'
            f'<div class="rr-claim-list">{self.claim_list.value}</div>'
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


def _claim_list_html(
    marked: list[Marked], unplaced: list[pd.Series], points: pd.DataFrame | None = None
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
    corpus: Corpus | None = None,
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
    source = as_corpus(corpus if corpus is not None else data_dir)
    articles = source.articles if articles is None else articles
    claims = source.claims if claims is None else claims
    translations = source.translations if translations is None else translations
    boilerplate = source.table("boilerplate") if boilerplate is None else boilerplate
    points = source.readout_points if readout_points is None else readout_points
    return ArticleReader(articles, claims, translations, boilerplate, article_id, points)
