"""Words and framing: loaded terms, scare quotes, hedges, reporting verbs, translation notes.

The glossary of framing vocabulary is ``data/terms.csv`` (one row per term, with
its category, gloss and a note on what the word choice does). These functions
take frames (or load the bundled ones) and return new frames; nothing here
displays anything or writes a file.

>>> table = term_table()
>>> list(table.columns)[:3]
['loaded_term', 'scare_quotes', 'credited_quotation']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from ..data.loading import Corpus, as_corpus
from ..data.schema import TABLES
from ..data.text import count_words, sentence_spans
from .comparison import reporting_verbs

__all__ = [
    "CATEGORIES",
    "term_table",
    "term_rate",
    "terms_of",
    "in_context",
    "verb_glossary",
    "quoted_phrases",
]

# The categories of terms.csv, in the order of the data dictionary.
CATEGORIES: tuple[str, ...] = TABLES["terms"].column("category").choices

_TERM_COLUMNS = ["term_id", "article_id", "language", "term", "category", "gloss", "literal", "note"]


def _terms(terms: pd.DataFrame | None, corpus: Corpus) -> pd.DataFrame:
    return corpus.terms if terms is None else terms


def term_table(terms: pd.DataFrame | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """How many glossary terms each article has in each category: articles down, categories across.

    Every category and every article appears, with 0 where there is none, so a
    missing category is visible as a zero rather than as a missing column.

    >>> table = term_table()
    >>> int(table.loc["wt-blinken-lavrov"].sum()) > 0
    True
    """
    corpus = as_corpus(corpus)
    terms = _terms(terms, corpus)
    articles = list(corpus.articles["article_id"])
    table = pd.crosstab(terms["article_id"].astype(str), terms["category"].astype(str))
    table = table.reindex(index=articles, columns=list(CATEGORIES), fill_value=0)
    return table.rename_axis(index="article_id", columns=None)


def term_rate(
    category: str, per: int = 1000, terms: pd.DataFrame | None = None, corpus: Corpus | None = None
) -> pd.DataFrame:
    """Terms of one category per ``per`` words of each article's body, highest first.

    A long article has more room for every kind of word, so raw counts favour
    it; dividing by length compares like with like. Columns: ``article_id``,
    ``n_terms``, ``n_words`` (the body's words, see ``load_articles``) and
    ``per_1000_words`` (or ``per_<per>_words``).

    >>> rate = term_rate("scare_quotes")
    >>> list(rate.columns)
    ['article_id', 'n_terms', 'n_words', 'per_1000_words']
    """
    corpus = as_corpus(corpus)
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}: use one of {', '.join(CATEGORIES)}")
    counts = term_table(terms, corpus)[category]
    articles = corpus.articles.set_index("article_id")["n_words"]
    rate = pd.DataFrame(
        {
            "article_id": counts.index,
            "n_terms": counts.to_numpy(),
            "n_words": articles.reindex(counts.index).to_numpy(),
        }
    )
    column = f"per_{per}_words"
    rate[column] = (rate["n_terms"] / rate["n_words"].astype(float) * per).round(1)
    return rate.sort_values([column, "article_id"], ascending=[False, True], ignore_index=True)


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def terms_of(
    category: str | Iterable[str] | None = None,
    article_id: str | Iterable[str] | None = None,
    gloss_contains: str | None = None,
    terms: pd.DataFrame | None = None,
    corpus: Corpus | None = None,
) -> pd.DataFrame:
    """Glossary rows of some categories and/or articles, in text order within each article.

    ``gloss_contains`` keeps the terms whose English gloss contains a word
    (case-insensitive), e.g. ``"warn"``.

    >>> hedges = terms_of("hedge", "ar-blinken-lavrov")
    >>> list(hedges["category"].astype(str).unique())
    ['hedge']
    """
    corpus = as_corpus(corpus)
    terms = _terms(terms, corpus)
    categories, articles = _as_list(category), _as_list(article_id)
    unknown = sorted(set(categories or ()) - set(CATEGORIES))
    if unknown:
        raise ValueError(f"unknown category {', '.join(unknown)}: use one of {', '.join(CATEGORIES)}")
    keep = pd.Series(True, index=terms.index)
    if categories is not None:
        keep &= terms["category"].astype(str).isin(categories)
    if articles is not None:
        keep &= terms["article_id"].isin(articles)
    if gloss_contains:
        keep &= terms["gloss"].str.contains(gloss_contains, case=False, regex=False).fillna(False)
    order = {a: i for i, a in enumerate(corpus.articles["article_id"])}
    rows = terms[keep].copy()
    rows["_order"] = rows["article_id"].map(order)
    sort = ["_order", "start"] if "start" in rows else ["_order", "term_id"]
    rows = rows.sort_values(sort, ignore_index=True)
    return rows[[c for c in _TERM_COLUMNS if c in rows] + [c for c in ("start", "end") if c in rows]]


def in_context(rows: pd.DataFrame, corpus: Corpus | None = None) -> pd.DataFrame:
    """Add, to rows that quote an article (terms or claims, with ``start``), the sentence around each.

    New columns: ``sentence`` (the original sentence, verbatim), ``translation``
    and ``translation_note`` (the project's working translation of that
    sentence and its note; empty for English articles, which need none).
    For a non-English article the sentence is the translated unit of
    ``translations.csv``, so the original and its translation always match.

    >>> rows = in_context(terms_of("hedge", "vi-biden-putin"))
    >>> rows.loc[0, "term"] in rows.loc[0, "sentence"], rows.loc[0, "translation"] != ""
    (True, True)
    """
    corpus = as_corpus(corpus)
    translations = corpus.translations.set_index(["article_id", "sentence_no"])
    sentences, translated, notes = [], [], []
    for _, row in rows.iterrows():
        text, start = corpus.texts.get(row["article_id"]), row.get("start")
        sentence = translation = note = ""
        if text is not None and start is not None and not pd.isna(start):
            start = int(start)
            # The translated sentence the validator found around it, else (English) the splitter's.
            found = [s for s in corpus.sentence_spans(row["article_id"]) if s[0] <= start < s[1]]
            if found:
                begin, end, number = found[0]
                sentence = text[begin:end]
                unit = translations.loc[(row["article_id"], number)]
                translation = unit["translation"]
                note = "" if pd.isna(unit["note"]) else unit["note"]
            else:
                for span in sentence_spans(text):
                    if span.start <= start < span.end:
                        sentence = text[span.start : span.end]
                        break
        sentences.append(sentence)
        translated.append(translation)
        notes.append(note)
    out = rows.copy()
    out["sentence"] = pd.array(sentences, dtype="string")
    out["translation"] = pd.array(translated, dtype="string")
    out["translation_note"] = pd.array(notes, dtype="string")
    return out


def _glossary_match(verb: str, candidates: pd.DataFrame) -> pd.Series | None:
    """The glossary row for a reporting verb: the term itself, else a phrase that begins with it."""
    exact = candidates[candidates["term"] == verb]
    if len(exact):
        return exact.iloc[0]
    starts = candidates[candidates["term"].map(lambda t: bool(re.match(rf"{re.escape(verb)}(?!\w)", str(t))))]
    if len(starts):
        return starts.iloc[0]
    # "warning" in "once again warning": the verb as a whole word inside the phrase.
    inside = candidates[
        candidates["term"].map(lambda t: bool(re.search(rf"(?<!\w){re.escape(verb)}(?!\w)", str(t))))
    ]
    return inside.iloc[0] if len(inside) else None


def verb_glossary(
    claims: pd.DataFrame | None = None, terms: pd.DataFrame | None = None, corpus: Corpus | None = None
) -> pd.DataFrame:
    """Every reporting verb the claims use, per article, with its gloss and note from the glossary.

    Starts from :func:`helpers.analysis.comparison.reporting_verbs` (verb as written,
    ``n_claims``, ``attributions``) and adds ``gloss``, ``note`` and
    ``glossary_term`` from the ``reporting_verb`` rows of ``terms.csv``: the row
    whose term is the verb, or else a phrase starting with it ("تنص المذكرة
    الوزارية" for "تنص"), or else a phrase containing it as a whole word ("once
    again warning" for "warning"). Where the glossary has no row, these stay empty (look
    at ``example``: the working translation of one claim that uses the verb, or
    for English the claim itself).

    >>> verbs = verb_glossary()
    >>> row = verbs[(verbs["article_id"] == "vi-biden-putin") & (verbs["reporting_verb"] == "cho hay")].iloc[0]
    >>> row["gloss"]
    'said'
    """
    corpus = as_corpus(corpus)
    claims = corpus.claims if claims is None else claims
    terms = _terms(terms, corpus)
    verbs = reporting_verbs(claims, corpus)
    glossary = terms[terms["category"].astype(str) == "reporting_verb"]
    gloss, note, term, example = [], [], [], []
    for _, row in verbs.iterrows():
        match = _glossary_match(row["reporting_verb"], glossary[glossary["article_id"] == row["article_id"]])
        gloss.append(pd.NA if match is None else match["gloss"])
        note.append(pd.NA if match is None else match["note"])
        term.append(pd.NA if match is None else match["term"])
        using = claims[
            (claims["article_id"] == row["article_id"]) & (claims["reporting_verb"] == row["reporting_verb"])
        ]
        first = using.iloc[0]
        example.append(first["excerpt"] if pd.isna(first["gloss"]) else first["gloss"])
    verbs["gloss"] = pd.array(gloss, dtype="string")
    verbs["glossary_term"] = pd.array(term, dtype="string")
    verbs["note"] = pd.array(note, dtype="string")
    verbs["example"] = pd.array(example, dtype="string")
    return verbs


# Quotation marks the articles use, as (opening, closing) pairs. A straight
# double quote opens and closes. ‘ ’ are left out: ’ is also the apostrophe.
_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ('"', '"'))


def _quotations(line: str) -> list[tuple[int, int, str]]:
    """(start, end, marks) of each quotation in one line, its marks included.

    Straight quotes pair in order (1st with 2nd, 3rd with 4th); a curly or
    angle opening mark pairs with the next closing mark after it. Quotations
    never span lines here: a paragraph is one line in these files.
    """
    found = []
    for opening, closing in _QUOTE_PAIRS:
        if opening == closing:
            positions = [m.start() for m in re.finditer(re.escape(opening), line)]
            found += [(a, b + 1, opening + closing) for a, b in zip(positions[::2], positions[1::2])]
        else:
            for match in re.finditer(re.escape(opening), line):
                end = line.find(closing, match.end())
                if end != -1:
                    found.append((match.start(), end + 1, opening + closing))
    return found


def quoted_phrases(
    article_id: str | None = None, max_words: int = 4, corpus: Corpus | None = None
) -> pd.DataFrame:
    """Every short stretch of an article's body in quotation marks: candidates for scare quotes.

    A program can find quotation marks; only a reader can tell what they do.
    Short quotations (at most ``max_words`` words) may be scare quotes, a
    source's own word, a name, or a title. ``glossary`` gives the category of
    the ``terms.csv`` row that covers the phrase, where there is one. In Arabic,
    «…» often marks a person's name («بلينكين»), not a quotation at all.

    Columns: ``article_id``, ``language``, ``quoted`` (the words without their
    marks), ``marks`` (the pair used), ``n_words``, ``start`` (in the text),
    ``glossary``.

    >>> found = quoted_phrases("cnn-blinken-lavrov")
    >>> "extensive" in set(found["quoted"])
    True
    """
    corpus = as_corpus(corpus)
    articles = corpus.articles
    if article_id is not None:
        articles = articles[articles["article_id"] == article_id]
    terms = corpus.terms
    chrome = corpus.frames["boilerplate"]
    rows = []
    for _, article in articles.iterrows():
        text = str(article["text"])
        own_terms = terms[terms["article_id"] == article["article_id"]]
        own_chrome = chrome[chrome["article_id"] == article["article_id"]]
        for line in re.finditer(r"[^\n]+", text):
            for begin, end, marks in _quotations(line.group()):
                start, stop = line.start() + begin, line.start() + end
                if ((own_chrome["start"] <= start) & (own_chrome["end"] >= stop)).any():
                    continue  # page chrome, not the story
                quoted = text[start + 1 : stop - 1].strip(" ,.;:")
                words = count_words(quoted)
                if words == 0 or words > max_words:
                    continue
                # A glossary term is about the phrase if it spans it (marks or not) and ends
                # where the quotation ends: «لافروف» inside "رد «لافروف» بأن" is not the term.
                covering = own_terms[
                    (own_terms["start"] <= start + 1)
                    & (own_terms["end"] >= stop - 1)
                    & (own_terms["end"] <= stop)
                ]
                rows.append(
                    {
                        "article_id": article["article_id"],
                        "language": article["language"],
                        "quoted": quoted,
                        "marks": marks,
                        "n_words": words,
                        "start": start,
                        "glossary": covering.iloc[0]["category"] if len(covering) else pd.NA,
                    }
                )
    frame = pd.DataFrame(
        rows, columns=["article_id", "language", "quoted", "marks", "n_words", "start", "glossary"]
    )
    frame["glossary"] = frame["glossary"].astype("string")
    return frame.sort_values(["article_id", "start"], ignore_index=True)
