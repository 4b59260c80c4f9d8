"""The article reader's text: claims marked, chrome struck through or left out, sentences beside
their working translation. Positions come from the Corpus (the validator's ``start``/``end``);
searching the text is only the fallback for hand-made frames.

Layer: widgets (HTML built from frames; every piece of text escaped).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..data.text import nfc
from ..display.html import WORKING_TRANSLATION, escape
from .common import _dir_attrs, _language_label, _source_text, _text


@dataclass(frozen=True)
class Marked:
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
    """Each translated sentence's place in ``text``: the validator's (``start``/``end``, from the
    Corpus) where the rows carry them, else found in order as the validator finds them (hand-made frames)."""
    if {"start", "end"} <= set(translation_rows.columns) and translation_rows[
        ["start", "end"]
    ].notna().all().all():
        return [
            (int(row["start"]), int(row["end"]), row)
            for _, row in translation_rows.iterrows()
            if 0 <= int(row["start"]) <= int(row["end"]) <= len(text)
        ]
    spans, cursor = [], 0
    for _, row in translation_rows.iterrows():
        original = nfc(_text(row.get("original")))
        at = text.find(original, cursor) if original else -1
        if at != -1:
            spans.append((at, at + len(original), row))
            cursor = at + len(original)
    return spans


def _boundaries(length: int, *spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The text cut at every span's start and end: each piece is inside or outside each span, wholly."""
    cuts = {0, length}
    for group in spans:
        for start, end in group:
            cuts.update((start, end))
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if a < b]


def _covering(marked: list[Marked], a: int, b: int) -> list[Marked]:
    return [m for m in marked if m.start <= a and b <= m.end]


def _piece_html(text: str, a: int, b: int, marked: list[Marked]) -> str:
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
    marked: list[Marked],
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
                        # A claim may quote chrome (a headline is the outlet's own voice): mark it.
                        f'<span class="rr-chrome" title="page chrome: {escape(kind)}">'
                        f"{_piece_html(text, a, b, marked)}</span>",
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
    marked: list[Marked],
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
            original = f'<span class="rr-chrome" title="page chrome: {chrome_kind}">{original.strip()}</span>'
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
