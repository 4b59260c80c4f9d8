"""Find every mention of a person in the articles, in any script, through the aliases.

Matching uses :func:`helpers.data.text.search_key`, so «بلينكين», "BLINKEN" and a
spelling without Arabic diacritics all match, and reports each mention where it
stands in the article's text.
"""

from __future__ import annotations

import re

import pandas as pd

from ..data.loading import Corpus, as_corpus
from ..data.text import script_of, search_key, search_key_map

__all__ = ["find_mentions"]

# Arabic writes some particles joined to the next word: و (and), ف (so), ب (by),
# ل (for), ك (like). «وبلينكين» is a mention of Blinken.
_ARABIC_PROCLITICS = "(?:[وف]?[بلك]?)"
_CONTEXT = 40


def _alias_pattern(alias: str) -> str:
    key = re.escape(search_key(alias))
    prefix = _ARABIC_PROCLITICS if script_of(alias) == "Arabic" else ""
    return rf"(?<!\w){prefix}({key})(?!\w)"


def find_mentions(person: str | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """Every mention of ``person`` (a person id; everyone if None) in every article.

    One row per mention: ``article_id``, ``person_id``, ``name``, ``alias`` (the
    alias that matched), ``mention`` (the words as the article writes them),
    ``start``/``end`` in the article's text, and ``context`` around it. Where
    aliases overlap ("Antony Blinken" and "Blinken"), the longest one counts once.

    >>> mentions = find_mentions("blinken")
    >>> sorted(mentions["article_id"].unique())[:2]
    ['ar-blinken-lavrov', 'cnn-blinken-lavrov']
    >>> "«بلينكين»" in mentions["context"].iloc[0]
    True
    """
    corpus = as_corpus(corpus)
    aliases = corpus.aliases
    if person is not None:
        if person not in set(aliases["person_id"]):
            raise KeyError(f"no aliases for person {person!r}; see people.csv and aliases.csv")
        aliases = aliases[aliases["person_id"] == person]
    rows = []
    for article in corpus.articles.itertuples():
        key, offsets = search_key_map(article.text)
        found = []
        for alias in aliases.itertuples():
            for match in re.finditer(_alias_pattern(alias.alias), key):
                start = offsets[match.start(1)]
                end = offsets[match.end(1) - 1] + 1
                found.append((start, end, alias.person_id, alias.name, alias.alias))
        taken_until = -1
        for start, end, person_id, name, alias in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
            if start < taken_until:
                continue  # inside a longer alias already counted
            taken_until = end
            rows.append(
                {
                    "article_id": article.article_id,
                    "person_id": person_id,
                    "name": name,
                    "alias": alias,
                    "mention": article.text[start:end],
                    "start": start,
                    "end": end,
                    "context": article.text[max(0, start - _CONTEXT) : end + _CONTEXT].replace("\n", " "),
                }
            )
    columns = ["article_id", "person_id", "name", "alias", "mention", "start", "end", "context"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({c: "string" for c in columns if c not in ("start", "end")}).astype(
        {"start": "Int64", "end": "Int64"}
    )
