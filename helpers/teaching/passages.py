"""A passage shown for judging: the sentence(s) that hold some words, those words marked.

Layer: teaching (HTML comes from :mod:`helpers.display.html`, escaped). Used by the
judgement items and by practice mode; the labels of what is marked are never shown.

>>> from helpers import load_claims
>>> row = load_claims().set_index("claim_id", drop=False).loc["ar-putin-macron-14"]
>>> shown = _sentence(row, None)
>>> "I spoke this morning" in shown.text, 'dir="rtl"' in shown.markup
(True, True)
"""

from __future__ import annotations

import pandas as pd

import helpers
from helpers.data.text import sentence_spans
from helpers.display.html import HTML, WORKING_TRANSLATION, escape, text_html

__all__ = ["LABELS"]

# How each choice is put to the student (interface words, not data).
LABELS = {
    "named_official": "a named person (by name)",
    "spokesperson": "a spokesperson, speaking for an institution",
    "anonymous_source": "a source the article does not name",
    "official_statement": "a statement, readout or government as a whole",
    "outlet_voice": "nobody: the article says it in its own voice",
    "media_report": "another outlet's report",
    "direct_quote": "a direct quotation (the source's words, in full)",
    "partial_quote": "a partial quotation (some of the source's words, in quotation marks)",
    "paraphrase": "a paraphrase (the source's point, in the article's words)",
    "narration": "narration (the article tells it, crediting nobody)",
    "credited_quote": "a credited quotation: someone's words, given as theirs",
    "scare_quote": "scare quotes: the writer holds the word at a distance",
    "omission": "something is left out",
    "wording": "the wording changed",
    "number": "a number differs",
    "attribution": "the source it is credited to changed",
    "timing": "the time or order differs",
    "framing": "the framing changed: what leads, what is stressed",
    "contradiction": "the accounts contradict each other",
}


def _frame(name: str, data_dir) -> pd.DataFrame:
    loaders = {"claims": helpers.load_claims, "terms": helpers.load_terms, "articles": helpers.load_articles}
    return loaders[name](data_dir) if name in loaders else helpers.load_corpus(data_dir).frames[name]


def _article_name(article_id: str, data_dir) -> str:
    articles = _frame("articles", data_dir).set_index("article_id")
    outlet = articles.loc[article_id, "outlet"]
    language = articles.loc[article_id, "language"]
    return f"{outlet if isinstance(outlet, str) else 'an outlet the text does not name'} ({language}, {article_id})"


def _sentence(row: pd.Series, data_dir) -> HTML:
    """The sentence(s) of the article holding ``row``'s start..end, those words marked, and a translation."""
    articles = _frame("articles", data_dir).set_index("article_id")
    article_id = str(row["article_id"])
    article = articles.loc[article_id]
    text, start, end = str(article["text"]), int(row["start"]), int(row["end"])
    spans = [s for s in sentence_spans(text) if s.start < end and s.end > start] or []
    first, last = (spans[0].start, spans[-1].end) if spans else (start, end)
    marked = (
        escape(text[first:start])
        + f'<mark class="rr-claim">{escape(text[start:end])}</mark>'
        + escape(text[end:last])
    )
    language = str(article["language"])
    title = f"From {_article_name(article_id, data_dir)}"
    parts = [f"<p><b>{escape(title)}</b>: the marked words are the ones to judge.</p>"]
    parts.append(text_html("\x00", language).replace("\x00", marked))
    plain = [title, text[first:last], f"Marked: {text[start:end]}"]
    if language != "en":
        translations = _frame("translations", data_dir)
        rows = translations[translations["article_id"] == article_id]
        wanted = text[first:last]
        english = [str(t) for o, t in zip(rows["original"], rows["translation"]) if str(o).strip() in wanted]
        gloss = row.get("gloss")
        if isinstance(gloss, str):
            english.append(f"The marked words: {gloss}")
        parts.append(text_html(" ".join(english), "en", label=WORKING_TRANSLATION))
        plain += english
    return HTML("".join(parts), text="\n".join(plain))
