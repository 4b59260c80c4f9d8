"""Text utilities, per language, on sentences taken from the articles."""

from __future__ import annotations

import unicodedata

import pytest

from helpers.data.text import count_words, find_all, nfc, script_of, search_key, split_sentences

# --- normalisation


def test_nfc_composes_vietnamese_typed_with_combining_marks():
    decomposed = unicodedata.normalize("NFD", "Bộ Ngoại giao Nga ngày 12/2 thông báo")
    assert decomposed != "Bộ Ngoại giao Nga ngày 12/2 thông báo"
    assert nfc(decomposed) == "Bộ Ngoại giao Nga ngày 12/2 thông báo"


# --- search keys


def test_search_key_folds_case_and_quotes_in_english():
    assert search_key("“Professional and fairly candid.”") == search_key('"professional and FAIRLY candid."')


def test_search_key_removes_arabic_diacritics_and_tatweel():
    # «وشدّد» carries a shadda in the article; a student types it bare.
    assert search_key("وشدّد") == search_key("وشدد")
    assert search_key("بلـــينكين") == search_key("بلينكين")


def test_search_key_unifies_alef_forms():
    # The article writes «أوكرانيا» with hamza on alef; a search without it must match.
    assert search_key("أوكرانيا") == search_key("اوكرانيا") == search_key("إوكرانيا")
    assert search_key("آخر") == search_key("اخر")


def test_search_key_maps_arabic_indic_digits():
    assert search_key("في ٢٦ يناير") == search_key("في 26 يناير")
    assert search_key("۱۲/۲") == "12/2"


def test_search_key_keeps_vietnamese_diacritics_unless_asked():
    assert search_key("Ngoại trưởng") != search_key("Ngoai truong")
    assert search_key("Ngoại trưởng", fold_vietnamese=True) == search_key(
        "Ngoai truong", fold_vietnamese=True
    )
    assert search_key("Đây là cuộc điện đàm", fold_vietnamese=True) == "day la cuoc dien dam"


def test_search_key_drops_invisible_controls():
    assert search_key("Blin\u200bken\u200f") == "blinken"


def test_find_all_counts_every_occurrence():
    text = "Lavrov said. Lavrov responded."
    assert find_all(text, "Lavrov") == [0, 13]
    assert find_all(text, "Blinken") == []


# --- sentences


def test_arabic_sentences_end_at_full_stop_and_question_mark_not_comma():
    text = (
        'المحادثة الهاتفية التي استغرقت نحو 30 دقيقة وصفتها الولايات المتحدة بأنها "مهنية ومباشرة". '
        "التفاصيل الأولى جاءت من واشنطن، من خلال بيان نشرته وزارة الخارجية. هل انتهى الأمر؟ لا؛ لم ينته"
    )
    assert split_sentences(text) == [
        'المحادثة الهاتفية التي استغرقت نحو 30 دقيقة وصفتها الولايات المتحدة بأنها "مهنية ومباشرة".',
        "التفاصيل الأولى جاءت من واشنطن، من خلال بيان نشرته وزارة الخارجية.",
        "هل انتهى الأمر؟",
        "لا؛ لم ينته",
    ]


def test_arabic_quotation_of_several_sentences_stays_one_sentence():
    text = (
        'من جهته، قال ماكرون مؤكدا إجراء المحادثة "تحدثت هذا الصباح مع الرئيس بوتين. '
        'ودعوته الى وقف هجماته على أوكرانيا، وفي هذه المرحلة رفض." وشدّد الرئيس الفرنسي على "الحوار".'
    )
    assert len(split_sentences(text)) == 2


def test_english_sentences_respect_abbreviations_and_curly_quotes():
    text = (
        "The State Department offered a short readout of Tuesday’s conversation, saying Mr. Blinken "
        "reaffirmed the U.S. and NATO support of Ukraine. • David R. Sands can be reached at "
        "dsands@washingtontimes.com."
    )
    assert split_sentences(text) == [
        "The State Department offered a short readout of Tuesday’s conversation, saying Mr. Blinken "
        "reaffirmed the U.S. and NATO support of Ukraine.",
        "• David R. Sands can be reached at dsands@washingtontimes.com.",
    ]


def test_english_quote_with_apostrophes_inside_stays_whole():
    text = (
        "“For our part, we don’t necessarily need to do that because we know that a formal response "
        "is forthcoming. We heard that again today from Foreign Minister Lavrov.” Next."
    )
    assert split_sentences(text)[1] == "Next."


def test_vietnamese_sentences_with_curly_quotes_and_ellipsis():
    text = (
        "Nhà Trắng công bố một đoạn ghi chép nội dung hội đàm cho hay: “Tổng thống Biden đã khẳng định "
        "rằng một cuộc xâm lược Ukraine của Nga khiến người dân đau khổ và làm xói mòn vị thế của Nga… "
        "Trong khi Mỹ can dự ngoại giao, chúng tôi cũng sẵn sàng cho các kịch bản khác”. "
        "Đây là cuộc điện đàm đầu tiên giữa ông Putin và ông Biden kể từ tháng 12/2021."
    )
    sentences = split_sentences(text)
    assert len(sentences) == 2
    assert sentences[1].startswith("Đây là")


def test_line_breaks_end_headlines_without_full_stops():
    assert split_sentences("‘Serious differences’\n\nAccording to Price’s written readout.") == [
        "‘Serious differences’",
        "According to Price’s written readout.",
    ]


def test_sentences_lose_no_text():
    text = "A. B? C! D… «E.» F"
    assert "".join(split_sentences(text)).replace(" ", "") == text.replace(" ", "")


# --- words


@pytest.mark.parametrize(
    "text, words",
    [
        ("Secretary of State Antony Blinken and Russian counterpart Foreign Minister Sergey Lavrov", 12),
        ("U.S. and Russian diplomats traded broadsides at a charged U.N. Security Council meeting", 13),
        ("Linda Thomas-Greenfield said — in 2022 — that", 6),
        # Arabic: attached clitics (و، ب، ل) count with their word; guillemets and dashes do not count.
        ("وقال «بلينكين» إنه إذا كان هدف الرئيس الروسي", 8),
        ("لمجلس الأمن الدولي، الذي طلبته الولايات المتحدة", 7),
        # Vietnamese: one unit per syllable, the usual length measure.
        ("Bộ Ngoại giao Nga ngày 12/2 thông báo", 8),
        ("“cố vấn và huấn luyện các lực lượng Ukraine”", 9),
    ],
)
def test_count_words(text, words):
    assert count_words(text) == words


def test_script_of_names_the_script():
    assert script_of("فلاديمير بوتين") == "Arabic"
    assert script_of("Sergei Shoigu") == "Latin"
    assert script_of("Ngoại trưởng") == "Latin"
