"""The data folder as read: tables of strings, article texts, and where every excerpt stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .problems import Problem
from .text import Span

__all__ = ["RawData"]


@dataclass
class RawData:
    """The folder as read: tables of strings, article texts and located excerpts.

    Every table frame has the schema's columns as NFC strings ("" when empty) and
    ``_row``, the spreadsheet row. Tables that quote an article get ``_start`` and
    ``_end``: where the excerpt stands in the article's ``texts`` entry.
    """

    data_dir: Path
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Tables nothing could be read from (their frames are empty): rules that look
    # into them are not checked, so one unreadable file is one problem, not hundreds.
    unreadable: set[str] = field(default_factory=set)
    # The fingerprint (length and CRC-32) of every file read, by path: what "unchanged" is decided by.
    read: dict[str, int] = field(default_factory=dict, repr=False)
    # Each table cast to the schema's dtypes during the read, when asked for (None where a cell
    # could not be): the Corpus uses them rather than casting again.
    typed: dict[str, pd.DataFrame | None] = field(default_factory=dict, repr=False)
    _chrome: dict[str, list[Span]] | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def boilerplate_spans(self, article_id: str) -> list[Span]:
        """The located boilerplate of one article, in text order."""
        if self._chrome is None:
            self._chrome = {}
            table = self.tables.get("boilerplate")
            if table is not None and "_start" in table:
                located = table[table["_start"].notna()]
                for article, start, end in zip(located["article_id"], located["_start"], located["_end"]):
                    self._chrome.setdefault(article, []).append(Span(int(start), int(end)))
                for spans in self._chrome.values():
                    spans.sort()
        return self._chrome.get(article_id, [])
