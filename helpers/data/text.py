"""Multilingual text utilities: normalisation, search keys, sentences, words.

The articles are in Arabic, English and Vietnamese. These functions treat the
three alike where they can and differ where the scripts do:

* :func:`nfc` puts text in Unicode NFC, so that a Vietnamese letter typed as one
  code point and the same letter built from a base and combining marks compare equal.
* :func:`search_key` folds text for searching (never for display).
* :func:`split_sentences` and :func:`count_words` know Arabic punctuation and the
  quotation marks the articles use.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = [
    "nfc",
    "search_key",
    "search_key_map",
    "find_all",
    "Span",
    "sentence_spans",
    "split_sentences",
    "count_words",
    "script_of",
    "INVISIBLE_CONTROLS",
]

# Zero-width and bidirectional control characters: invisible, and in a search
# they make two identical-looking strings differ.
INVISIBLE_CONTROLS = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
)

_ARABIC_TATWEEL = "\u0640"
# Harakat, shadda, sukun, superscript alef and Quranic annotation marks.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"})
_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
# Curly and angle quotes fold to straight ones, so that a student typing "x" finds “x”.
_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‘": "'", "’": "'"})


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normal form C.

    >>> nfc("Nga\\u0300y") == "Ngày"
    True
    """
    return unicodedata.normalize("NFC", text)


# One translation table does the per-character folding that needs no context.
_FOLD = {
    **_ALEF_FORMS,
    **_DIGITS,
    **_QUOTES,
    **{ord(c): None for c in INVISIBLE_CONTROLS},
    ord(_ARABIC_TATWEEL): None,
    **{c: None for c in range(0x0600, 0x0700) if _ARABIC_MARKS.fullmatch(chr(c))},
}


def _fold_vietnamese(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_key(text: str, *, fold_vietnamese: bool = False) -> str:
    """Fold ``text`` for searching: the same key for spellings a reader treats alike.

    Case-folds; removes Arabic diacritics and tatweel; writes every alef form as
    bare alef; maps Arabic-Indic digits to ASCII; straightens quotation marks;
    drops zero-width and bidi controls. Vietnamese diacritics are kept (they
    distinguish words: "bán" sells, "bạn" is a friend) unless ``fold_vietnamese``
    is true, which also maps đ to d. The key is for matching, never for display;
    :func:`search_key_map` says where each of its characters came from.

    >>> search_key("«بلينكين»") == search_key('"بلينكين"')
    True
    >>> search_key("أُوكرانيا") == search_key("اوكرانيا")
    True
    >>> search_key("Ngày 12/2", fold_vietnamese=True)
    'ngay 12/2'
    """
    folded = nfc(text).translate(_FOLD).casefold()
    # nfc again: a dropped control may have stood between a letter and its mark ("a\u200b\u0301").
    return _fold_vietnamese(folded) if fold_vietnamese else nfc(folded)


def search_key_map(text: str, *, fold_vietnamese: bool = False) -> tuple[str, list[int]]:
    """The search key of ``nfc(text)`` and, for each key character, its offset in ``nfc(text)``.

    >>> key, where = search_key_map("Mr. BLINKEN")
    >>> key, where[4]
    ('mr. blinken', 4)
    """
    pieces, offsets = [], []
    for position, ch in enumerate(nfc(text)):
        folded = search_key(ch, fold_vietnamese=fold_vietnamese)
        pieces.append(folded)
        offsets.extend([position] * len(folded))
    key = "".join(pieces)
    composed = key if fold_vietnamese else nfc(key)
    if composed != key:  # a letter and its mark, parted by a dropped character, compose now
        decomposed = [at for ch, at in zip(key, offsets) for _ in unicodedata.normalize("NFD", ch)]
        offsets, cursor = [], 0
        for ch in composed:  # each character takes the offset of the first one it is made of
            offsets.append(decomposed[cursor])
            cursor += len(unicodedata.normalize("NFD", ch))
    return composed, offsets


def find_all(text: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle``.

    Both strings are compared as given; call :func:`nfc` on both first when they
    may come from different editors.

    >>> find_all("the call; the call", "the call")
    [0, 10]
    """
    if not needle:
        return []
    starts, at = [], text.find(needle)
    while at != -1:
        starts.append(at)
        at = text.find(needle, at + 1)
    return starts


class Span(NamedTuple):
    """A half-open character range ``[start, end)`` of a text, ordered by start, then end.

    A tuple, not a dataclass: hundreds of thousands are made and sorted while a large corpus
    is checked, and a tuple is made and compared without running Python code.

    >>> sorted([Span(4, 9), Span(0, 3)])[0].end
    3
    """

    start: int
    end: int


# A sentence ends at . ! ? ؟ or … (possibly several), followed by closing quotes
# or brackets, then whitespace. Arabic ، and ؛ are a comma and a semicolon: no end.
_END = re.compile(r"[.!?؟…]+[\"'”’»)\]]*(?=\s)")
_OPENERS = {"“": "”", "«": "»", "‘": "’"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
# Abbreviations that end in a full stop without ending the sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|No|vs|etc|e\.g|i\.e)"
    r"|\b(?:[A-Z]\.){1,3}[A-Z]?|(?<![\w.])[A-Z])\.$"
)


_QUOTE_CHARS = re.compile('["“”«»‘’]')


def _quote_depth(segment: str, depth: int, straight_open: bool) -> tuple[int, bool]:
    for found in _QUOTE_CHARS.finditer(segment):
        i, ch = found.start(), found.group()
        if ch == "’" and 0 < i < len(segment) - 1 and segment[i - 1].isalnum() and segment[i + 1].isalnum():
            continue  # an apostrophe ("don’t"), not a closing quotation mark
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight_open = not straight_open
    return depth, straight_open


def sentence_spans(text: str) -> list[Span]:
    """Split ``text`` into sentence spans, trimmed of surrounding whitespace.

    A line break always ends a sentence (headlines, sub-heads and paragraphs have no
    full stop). Inside a line, a sentence ends at ``. ! ? ؟ …`` plus any closing
    quotation marks, unless the full stop ends an abbreviation ("Mr.", "U.S.",
    "David R.") or a quotation opened in the same line is still open (a quoted
    passage of several sentences stays one sentence).

    >>> text = "He said: “We don’t know. Ask them.” Then he left."
    >>> [text[s.start:s.end] for s in sentence_spans(text)]
    ['He said: “We don’t know. Ask them.”', 'Then he left.']
    """
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        line_start, line_text = line.start(), line.group()
        start, depth, straight_open, scanned = 0, 0, False, 0
        for end in _END.finditer(line_text):
            depth, straight_open = _quote_depth(line_text[scanned : end.end()], depth, straight_open)
            scanned = end.end()
            candidate = line_text[start : end.end()]
            if depth or straight_open or _ABBREVIATION.search(candidate.rstrip("\"'”’»)]")):
                continue
            spans.append(Span(line_start + start, line_start + end.end()))
            start = end.end()
        spans.append(Span(line_start + start, line_start + len(line_text)))
    trimmed = []
    for span in spans:
        piece = text[span.start : span.end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            trimmed.append(Span(span.start + lead, span.end - trail))
    return trimmed


def split_sentences(text: str) -> list[str]:
    """Return the sentences of ``text`` (see :func:`sentence_spans`).

    >>> split_sentences("قال «لافروف» كذا. هل انتهى؟ نعم")
    ['قال «لافروف» كذا.', 'هل انتهى؟', 'نعم']
    >>> split_sentences("Mr. Blinken spoke to the U.S. press. Then he left.")
    ['Mr. Blinken spoke to the U.S. press.', 'Then he left.']
    """
    return [text[s.start : s.end] for s in sentence_spans(text)]


_WORD = re.compile(r"[^\W_](?:[\w'’.\-/]*[^\W_])?")


def count_words(text: str) -> int:
    """Count orthographic words: runs of letters or digits between spaces and punctuation.

    Arabic clitics written attached ("وقال", "بالتفصيل") count with their word, as in
    any Arabic word count; Vietnamese is written one syllable per space-separated
    unit, so its count is of syllables ("tiếng"), the usual measure of length for
    Vietnamese text. "U.S.", "12/2" and "Thomas-Greenfield" each count once;
    dashes, bullets and quotation marks do not count.

    >>> count_words("Bộ Ngoại giao Nga ngày 12/2 thông báo")
    8
    >>> count_words("وقال «بلينكين» إنه — كذلك")
    4
    """
    return len(_WORD.findall(nfc(text)))


def script_of(text: str) -> str:
    """Name the script most letters of ``text`` are written in ("Latin", "Arabic", …).

    >>> script_of("بلينكين"), script_of("Sergei Lavrov"), script_of("123")
    ('Arabic', 'Latin', 'Unknown')
    """
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "UNKNOWN").split(" ")[0].title()
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else "Unknown"
