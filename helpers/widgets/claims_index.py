"""What the claim explorer computes once per corpus: filter codes and search keys, so that each change
of a control is a few vectorised comparisons, whatever the size of the corpus.

Layer: widgets (state only; no HTML).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..data.text import search_key
from .common import _TERM_QUOTES, NO_SPEAKER, _present_values


@dataclass(frozen=True)
class Filter:
    column: str
    description: str
    all_label: str


FILTERS = {
    "call": Filter("call_id", "Call", "All calls"),
    "article": Filter("article_id", "Article", "All articles"),
    "language": Filter("language", "Language", "All languages"),
    "speaker": Filter("speaker", "Speaker", "All speakers"),
    "attribution": Filter("attribution", "Attribution", "All attribution kinds"),
    "topic": Filter("topic", "Topic", "All topics"),
}

SEARCH_FIELDS = ("excerpt", "gloss", "statement")


def query_terms(query: str, *, exact: bool = False) -> list[str]:
    """The words of a search, folded as the search keys are.

    By default accents and diacritics are forgiven (Vietnamese, French and other
    Latin-script languages; Arabic short vowels and hamza forms): "nha trang"
    finds "Nha Trang" and "Nhà Trắng", "reproche" finds "reproché". ``exact``
    keeps Latin-script accents (case, quotation marks and Arabic marks are still folded).

    >>> query_terms("Ngoai truong «Blinken»")
    ['ngoai', 'truong', 'blinken']
    >>> query_terms("reproché", exact=True)
    ['reproché']
    """
    terms = (t.strip(_TERM_QUOTES) for t in search_key(query, fold_vietnamese=not exact).split())
    return [t for t in terms if t]


class ClaimIndex:
    """Filter codes and search keys for a claims frame.

    >>> import helpers
    >>> index = ClaimIndex(helpers.load_claims())
    >>> mask = index.mask({"language": "vi"}, "ngoai truong")
    >>> bool(mask.any())
    True
    """

    def __init__(self, claims: pd.DataFrame):
        self.claims = claims
        self.codes: dict[str, np.ndarray] = {}
        self.code_of: dict[str, dict[str, int]] = {}
        self.values: dict[str, list[str]] = {}
        for spec in FILTERS.values():
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
            self.codes[spec.column] = np.asarray(categorical.codes)
            self.code_of[spec.column] = {value: code for code, value in enumerate(values)}
            self.values[spec.column] = values
        # One search key per row for excerpt, gloss and statement, joined by a
        # separator that str.split() treats as whitespace, so no query term spans two
        # fields. Keys are computed once per distinct text: statements repeat for
        # every claim of a proposition. Two keys: accents forgiven, and exact.
        self._haystacks = {False: self._haystack(fold=True), True: self._haystack(fold=False)}

    def _haystack(self, *, fold: bool) -> np.ndarray:
        claims = self.claims
        fields = [claims[c] for c in SEARCH_FIELDS if c in claims.columns]
        keyed: list[pd.Series] = []
        for field in fields:
            texts = field.astype("string").fillna("")
            distinct = pd.unique(texts.to_numpy(dtype=object))
            keys = {text: search_key(text, fold_vietnamese=fold) for text in distinct}
            keyed.append(texts.map(keys))
        if not keyed:
            return np.array([""] * len(claims), dtype=object)
        haystack = keyed[0]
        for more in keyed[1:]:
            haystack = haystack + "\x1f" + more
        return haystack.astype(object).to_numpy()

    def filter_mask(self, chosen: dict[str, str], skip: str | None = None) -> np.ndarray:
        """Rows that pass every chosen filter except ``skip`` (a filter's name)."""
        from .common import ALL

        mask = np.ones(len(self.claims), dtype=bool)
        for name, value in chosen.items():
            if name == skip or value == ALL:
                continue
            column = FILTERS[name].column
            mask &= self.codes[column] == self.code_of[column].get(value, -2)
        return mask

    def search_mask(self, query: str, *, exact: bool = False, within: np.ndarray | None = None) -> np.ndarray:
        """Rows (among ``within``) whose excerpt, gloss or statement holds every word of ``query``."""
        mask = np.ones(len(self.claims), dtype=bool) if within is None else within.copy()
        haystack = self._haystacks[exact]
        for term in query_terms(query, exact=exact):
            # Narrow the search to rows still in: each term costs less than the last.
            candidates = np.flatnonzero(mask)
            hits = np.fromiter((term in haystack[i] for i in candidates), dtype=bool, count=len(candidates))
            mask[candidates[~hits]] = False
        return mask

    def mask(self, chosen: dict[str, str], query: str = "", *, exact: bool = False) -> np.ndarray:
        """Rows that pass every chosen filter and the search."""
        return self.search_mask(query, exact=exact, within=self.filter_mask(chosen))

    def counts(self, name: str, within: np.ndarray) -> dict[str, int]:
        """How many rows of ``within`` have each value of filter ``name``."""
        column = FILTERS[name].column
        codes = self.codes[column][within]
        tally = np.bincount(codes[codes >= 0], minlength=len(self.values[column])).tolist()
        return dict(zip(self.values[column], tally))
