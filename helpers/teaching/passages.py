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


def _translation_spans(text: str, rows: pd.DataFrame) -> list[tuple[int, int, str]]:
    """(start, end, translation) of each working-translation row, found in order in ``text``."""
    found, at = [], 0
    for original, translation in zip(rows["original"], rows["translation"]):
        original = str(original).strip()
        where = text.find(original, at)
        if where < 0:
            where = text.find(original)  # a row outside the body (a caption) may come first
        if where >= 0:
            found.append((where, where + len(original), str(translation)))
            at = max(at, where + len(original))
    return found


def _marked(text: str, first: int, last: int, marks: list[tuple[int, int]]) -> str:
    """text[first:last], escaped, with each (start, end) range wrapped in <mark>."""
    pieces, at = [], first
    for start, end in sorted(marks):
        start = max(start, at)
        if start >= end:
            continue
        pieces.append(escape(text[at:start]))
        pieces.append(f'<mark class="rr-claim">{escape(text[start:end])}</mark>')
        at = end
    pieces.append(escape(text[at:last]))
    return "".join(pieces)


def passage_of(rows: pd.DataFrame, data_dir, context: int = 0) -> HTML:
    """The sentences holding each row's start..end, per article, those words marked, with a translation.

    ``context`` adds that many sentences before (whose account a sentence continues is
    often said in the one before). Labels of the rows are never shown.
    """
    articles = _frame("articles", data_dir).set_index("article_id")
    parts, plain = [], []
    for article_id, group in rows.groupby("article_id", sort=False):
        article = articles.loc[str(article_id)]
        text, language = str(article["text"]), str(article["language"])
        marks = [(int(r["start"]), int(r["end"])) for _, r in group.iterrows()]
        spans = sentence_spans(text)
        hit = [i for i, s in enumerate(spans) if any(s.start < e and s.end > b for b, e in marks)]
        first = spans[max(hit[0] - context, 0)].start if hit else min(b for b, _ in marks)
        last = spans[hit[-1]].end if hit else max(e for _, e in marks)
        english: list[str] = []
        if language != "en":
            translations = _frame("translations", data_dir)
            found = _translation_spans(text, translations[translations["article_id"] == article_id])
            chosen = [f for f in found if f[0] < last and f[1] > first]
            if chosen:
                first, last = min(first, chosen[0][0]), max(last, chosen[-1][1])
            english = [t for _, _, t in chosen]
            english += [f"The marked words: {g}" for g in group.get("gloss", []) if isinstance(g, str)]
        title = f"From {_article_name(str(article_id), data_dir)}"
        parts.append(f"<p><b>{escape(title)}</b>: the marked words are the ones to judge.</p>")
        parts.append(text_html("\x00", language).replace("\x00", _marked(text, first, last, marks)))
        plain += [title, text[first:last], *[f"Marked: {text[b:e]}" for b, e in sorted(marks)]]
        if english:
            parts.append(text_html(" ".join(english), "en", label=WORKING_TRANSLATION))
            plain += english
    return HTML("".join(parts), text="\n".join(plain))


def _sentence(row: pd.Series, data_dir, context: int = 0) -> HTML:
    """The passage of one annotation row (a claim or a term): see :func:`passage_of`."""
    return passage_of(pd.DataFrame([row]), data_dir, context)
