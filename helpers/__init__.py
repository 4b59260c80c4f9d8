"""Helpers for the Reading the Readouts lessons: load, check, compare and show the data.

The package is in layers, data flowing one way:

* ``helpers.data`` — read, decode and check ``data/`` into one :class:`Corpus`;
* ``helpers.analysis`` — a Corpus in, tidy frames out (comparison, framing, mentions);
* ``helpers.display`` — escaped HTML tables and figures with text descriptions;
* ``helpers.widgets`` — the interactive views (controls and state; they render through display);
* ``helpers.teaching`` — exercises, capstone, editions, handouts.

At the top level are what lessons call most: the loaders, :func:`load_corpus`,
:func:`show`, :func:`check`, :func:`ask` (a judgement item), :func:`reveal`,
:func:`practice` and :func:`explorer`.

>>> import helpers
>>> articles = helpers.load_articles()
>>> len(articles)
5

Subpackages and the functions that need matplotlib or ipywidgets load on first
use, so ``import helpers`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from .data.loading import (
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
    load_readout_points,
    load_readouts,
    load_table,
    load_terms,
    load_translations,
)
from .data.text import count_words, nfc, search_key, split_sentences
from .data.validation import BUNDLED_DATA_DIR, DataError, Problem, data_dir_or_default, validate

__all__ = [
    "Corpus",
    "BUNDLED_DATA_DIR",
    "DataError",
    "Problem",
    "ask",
    "check",
    "count_words",
    "data_dir_or_default",
    "explorer",
    "load_aliases",
    "load_articles",
    "load_calls",
    "load_claims",
    "load_corpus",
    "load_differences",
    "load_events",
    "load_people",
    "load_propositions",
    "load_readout_points",
    "load_readouts",
    "load_table",
    "load_terms",
    "load_translations",
    "nfc",
    "practice",
    "reveal",
    "search_key",
    "show",
    "split_sentences",
    "validate",
]

# Subpackages load on first attribute access (``helpers.analysis`` …).
_SUBPACKAGES = ("data", "analysis", "display", "widgets", "teaching")
# Top-level functions whose modules import heavy libraries, loaded on first use.
_LAZY_FUNCTIONS = {
    "show": ("helpers.display.html", "show"),
    "check": ("helpers.teaching.exercises", "check"),
    "ask": ("helpers.teaching.judgement", "ask"),
    "reveal": ("helpers.teaching.exercises", "reveal"),
    "practice": ("helpers.teaching.practice", "practice"),
    "explorer": ("helpers.widgets", "explorer"),
}


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f".{name}", __name__)
    if name in _LAZY_FUNCTIONS:
        module, attribute = _LAZY_FUNCTIONS[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
