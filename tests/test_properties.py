"""Properties of the text utilities that must hold for any text, checked with hypothesis.

The examples mix what the articles contain (Arabic with its diacritics, tatweel,
digits and punctuation; Vietnamese precomposed and decomposed; English; every
kind of quotation mark; zero-width and bidi controls) with arbitrary Unicode.
"""

from __future__ import annotations

import re
import string
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.data.text import (
    INVISIBLE_CONTROLS,
    count_words,
    nfc,
    search_key,
    search_key_map,
    sentence_spans,
    split_sentences,
)

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + ["پ", "چ", "ژ", "گ", "ی", "ۀ", "ٱ"]
ARABIC_MARKS = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0610", "\u06d6"]
ARABIC_EXTRA = (
    ["\u0640"] + [chr(0x0660 + i) for i in range(10)] + [chr(0x06F0 + i) for i in range(10)] + ["،", "؛", "؟"]
)
VIETNAMESE = list(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)
VIETNAMESE_MARKS = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"]
QUOTES = ["“", "”", "«", "»", '"', "‘", "’", "'", "„"]
PUNCTUATION = list(".,;:!?…-—–/()[]_•")
SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\u00a0"]
WORDS = [
    "Mr.",
    "U.S.",
    "David R.",
    "e.g.",
    "don’t",
    "12/2",
    "Thomas-Greenfield",
    "Blinken",
    "Lavrov",
    "said",
    "بلينكين",
    "لافروف",
    "وقال",
    "أوكرانيا",
    "بلـــينكين",
    "وشدّد",
    "Ngoại trưởng",
    nfd("Ngoại trưởng"),
    "cho hay",
    nfd("Bộ Ngoại giao Nga"),
    "ngày",
    nfd("ngày"),
]


def pasted_inside(word: str, control: str, at: int) -> str:
    """A word with an invisible control pasted inside it (between a letter and its mark, too)."""
    at %= len(word) + 1
    return word[:at] + control + word[at:]


pieces = st.one_of(
    st.builds(
        pasted_inside,
        st.sampled_from(WORDS + [nfd(v) for v in VIETNAMESE]),
        st.sampled_from(sorted(INVISIBLE_CONTROLS) + ["\u0640"]),
        st.integers(0, 20),
    ),
    st.sampled_from(list(string.ascii_letters)),
    st.sampled_from(list(string.digits)),
    st.sampled_from(ARABIC_LETTERS),
    st.sampled_from(ARABIC_MARKS + ARABIC_EXTRA),
    st.sampled_from(VIETNAMESE),
    st.sampled_from(VIETNAMESE).map(nfd),
    st.sampled_from(VIETNAMESE_MARKS),
    st.sampled_from(QUOTES + PUNCTUATION),
    st.sampled_from(SPACES),
    st.sampled_from(sorted(INVISIBLE_CONTROLS)),
    st.sampled_from(WORDS),
)
multilingual = st.lists(pieces, max_size=40).map("".join)
texts = st.one_of(multilingual, st.text(max_size=60))
folds = st.booleans()

ARABIC_MARK = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


# --------------------------------------------------------------------------- nfc


@PROPERTY
@given(texts)
def test_nfc_is_idempotent_and_ignores_how_a_letter_was_typed(text):
    assert nfc(nfc(text)) == nfc(text)
    assert nfc(nfd(text)) == nfc(text)


# --------------------------------------------------------------------------- search keys


@PROPERTY
@given(texts, folds)
def test_search_key_is_idempotent(text, fold):
    key = search_key(text, fold_vietnamese=fold)
    assert search_key(key, fold_vietnamese=fold) == key


@PROPERTY
@given(texts, folds)
def test_search_key_has_no_arabic_marks_tatweel_or_invisible_controls(text, fold):
    key = search_key(text, fold_vietnamese=fold)
    assert not ARABIC_MARK.search(key)
    assert "\u0640" not in key
    assert not set(key) & INVISIBLE_CONTROLS


@PROPERTY
@given(texts, folds)
def test_search_key_does_not_care_how_a_letter_was_typed_or_quoted(text, fold):
    assert search_key(nfd(text), fold_vietnamese=fold) == search_key(text, fold_vietnamese=fold)
    curly = text.replace('"', "“").replace("'", "’")
    assert search_key(curly, fold_vietnamese=fold) == search_key(
        text.replace("‘", "'")
        .replace("“", '"')
        .replace("”", '"')
        .replace("’", "'")
        .replace("«", '"')
        .replace("»", '"')
        .replace("„", '"'),
        fold_vietnamese=fold,
    )


@PROPERTY
@given(st.text(alphabet=string.ascii_letters + string.digits + " .,-", max_size=60), folds)
def test_ascii_letters_survive_case_folded(text, fold):
    assert search_key(text, fold_vietnamese=fold) == text.lower()


vietnamese_text = st.lists(
    st.one_of(
        st.sampled_from(VIETNAMESE),
        st.sampled_from(VIETNAMESE).map(nfd),
        st.sampled_from(list("aeiouy ngthbc")),
    ),
    max_size=30,
).map("".join)


@PROPERTY
@given(vietnamese_text)
def test_vietnamese_diacritics_are_kept_unless_folded(text):
    assert search_key(text) == nfc(text).lower()  # "bán" (sells) and "bạn" (friend) stay apart
    folded = search_key(text, fold_vietnamese=True)
    assert set(folded) <= set(string.ascii_lowercase + " ")
    assert len(folded) == len(nfc(text))


@PROPERTY
@given(texts, folds)
def test_search_key_map_points_back_into_the_text(text, fold):
    key, offsets = search_key_map(text, fold_vietnamese=fold)
    normal = nfc(text)
    assert key == search_key(text, fold_vietnamese=fold)
    assert len(offsets) == len(key)
    assert offsets == sorted(offsets)
    assert all(0 <= at < len(normal) for at in offsets)
    for ch, at in zip(key, offsets):  # each letter of the key comes from the character it points at
        if not unicodedata.combining(ch):
            assert nfd(ch)[0] in nfd(search_key(normal[at], fold_vietnamese=fold))


# --------------------------------------------------------------------------- sentences


def nonspace(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


@PROPERTY
@given(texts)
def test_sentence_spans_are_ordered_disjoint_trimmed_and_inside_the_text(text):
    spans = sentence_spans(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip() and "\n" not in piece
    for before, after in zip(spans, spans[1:]):
        assert before.end <= after.start
        assert not text[before.end : after.start].strip()  # only whitespace between sentences


@PROPERTY
@given(texts)
def test_sentences_lose_no_character_but_whitespace(text):
    normal = nfc(text)
    assert nonspace("".join(split_sentences(normal))) == nonspace(normal)


@PROPERTY
@given(texts)
def test_splitting_a_sentence_again_refines_it_at_most(text):
    for sentence in split_sentences(nfc(text)):
        spans = sentence_spans(sentence)
        assert spans, sentence
        # The sentence itself, or pieces that put back together (with the spaces between them) give it.
        assert spans[0].start == 0 and spans[-1].end == len(sentence)
        for before, after in zip(spans, spans[1:]):
            assert not sentence[before.end : after.start].strip()


# --------------------------------------------------------------------------- words


@PROPERTY
@given(texts)
def test_count_words_is_a_count(text):
    count = count_words(text)
    assert count >= 0
    assert count <= len(nonspace(nfc(text)))
    assert count == count_words(nfd(text))


@PROPERTY
@given(texts, texts)
def test_count_words_adds_up_over_a_space(first, second):
    # A space separates words whatever stands at the edges of the two texts ("U.S." + " " + "-x" …).
    assert count_words(first + " " + second) == count_words(first) + count_words(second)


@PROPERTY
@given(texts, texts)
def test_gluing_two_texts_joins_at_most_one_pair_of_words(first, second):
    separate = count_words(first) + count_words(second)
    assert separate - 1 <= count_words(first + second) <= separate
