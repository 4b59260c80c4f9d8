"""Helpers for the Reading the Readouts lessons: load, check, compare and show the data.

>>> import helpers
>>> articles = helpers.load_articles()
>>> len(articles)
5

Loading and text functions are imported at once; the widgets and plots import
ipywidgets and matplotlib only when first used, so ``import helpers`` stays fast.
"""

from __future__ import annotations

import importlib

from .loading import (
    Corpus,
    load_aliases,
    load_articles,
    load_calls,
    load_claims,
    load_corpus,
    load_differences,
    load_events,
    load_people,
    load_propositions,
    load_table,
    load_terms,
    load_translations,
)
from .text import count_words, nfc, search_key, split_sentences
from .validation import BUNDLED_DATA_DIR, DataError, Problem, data_dir_or_default, validate

__all__ = [
    "Corpus",
    "BUNDLED_DATA_DIR",
    "DataError",
    "Problem",
    "count_words",
    "data_dir_or_default",
    "load_aliases",
    "load_articles",
    "load_calls",
    "load_claims",
    "load_corpus",
    "load_differences",
    "load_events",
    "load_people",
    "load_propositions",
    "load_table",
    "load_terms",
    "load_translations",
    "nfc",
    "search_key",
    "split_sentences",
    "validate",
]

# Submodules that pull in heavy libraries load on first attribute access.
_LAZY_MODULES = ("comparison", "widgets", "plots", "exercises", "display")


def __getattr__(name: str):
    if name in _LAZY_MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
