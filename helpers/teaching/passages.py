"""A passage shown for judging: the sentence(s) that hold some words, those words marked.

Layer: teaching (HTML comes from :mod:`helpers.display.html`, escaped). Used by the
judgement items and by practice mode; the labels of what is marked are never shown.

>>> from helpers import load_claims
>>> row = load_claims().set_index("claim_id", drop=False).loc["ar-putin-macron-14"]
>>> shown = _sentence(row, None)
>>> "I spoke this morning" in shown.text, 'dir="rtl"' in shown.markup
(True, True)
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pandas as pd

import helpers
from helpers.data.text import sentence_spans
from helpers.display.html import HTML, WORKING_TRANSLATION, escape, text_html

__all__ = ["LABELS"]

# How each choice is put to the student (interface words, not data).
LABELS = {
    "named_official": "a named person (by name)",
    "spokesperson": "a spokesperson, speaking for an institution",
    "anonymous_source": "a source the article does not name",
    "official_statement": "a statement, readout or government as a whole",
    "outlet_voice": "nobody: the article says it in its own voice",
    "media_report": "another outlet's report",
    "direct_quote": "a direct quotation (the source's words, in full)",
    "partial_quote": "a partial quotation (some of the source's words, in quotation marks)",
    "paraphrase": "a paraphrase (the source's point, in the article's words)",
    "narration": "narration (the article tells it, crediting nobody)",
    "credited_quote": "a credited quotation: someone's words, given as theirs",
    "scare_quote": "scare quotes: the writer holds the word at a distance",
    "omission": "something the source says is not reported at all (a point or a detail)",
    "wording": "the words changed in what is reported (a word dropped, added or replaced)",
    "number": "a number differs",
    "attribution": "the source it is credited to changed",
    "timing": "the time or order differs",
    "framing": "the framing changed: what leads, what is stressed",
    "contradiction": "the accounts contradict each other",
}


_CODES = re.compile(r"\b(?:" + "|".join(code for code in LABELS if "_" in code) + r")\b")


def _frame(name: str, data_dir) -> pd.DataFrame:
    loaders = {"claims": helpers.load_claims, "terms": helpers.load_terms, "articles": helpers.load_articles}
    return loaders[name](data_dir) if name in loaders else helpers.load_corpus(data_dir).frames[name]


def _article_name(article_id: str, data_dir) -> str:
    """An article as the lessons name it: its outlet, else "the Arabic article" (and its call's date
    when another unnamed article shares the language).

    >>> _article_name("wt-blinken-lavrov", None), _article_name("vi-biden-putin", None)
    ('The Washington Times', 'the Vietnamese article')
    >>> _article_name("ar-putin-macron", None)
    'the Arabic article on the call of 3 March 2022'
    """
    from helpers.widgets.common import LANGUAGE_NAMES  # the one map of language names

    articles = _frame("articles", data_dir).set_index("article_id")
    outlet = articles.loc[article_id, "outlet"]
    if isinstance(outlet, str) and outlet.strip():
        return outlet
    language = str(articles.loc[article_id, "language"])
    name = f"the {LANGUAGE_NAMES.get(language, language)} article"
    unnamed = articles[articles["outlet"].isna() & (articles["language"].astype(str) == language)]
    if len(unnamed) > 1:
        mentions = _frame("call_mentions", data_dir)
        calls = _frame("calls", data_dir).set_index("call_id")
        main = mentions[(mentions["article_id"] == article_id) & (mentions["role"] == "main")]["call_id"]
        dates = [calls.loc[c, "date"] for c in main if c in calls.index and pd.notna(calls.loc[c, "date"])]
        if dates:
            return f"{name} on the call of {dates[0].day} {dates[0]:%B %Y}"
        return f"{name} {article_id}"
    return name


def _translation_spans(text: str, rows: pd.DataFrame) -> list[tuple[int, int, str]]:
    """(start, end, translation) of each working-translation row, found in order in ``text``."""
    found, at = [], 0
    for original, translation in zip(rows["original"], rows["translation"]):
        original = str(original).strip()
        where = text.find(original, at)
        if where < 0:
            where = text.find(original)  # a row outside the body (a caption) may come first
        if where >= 0:
            found.append((where, where + len(original), str(translation)))
            at = max(at, where + len(original))
    return found


def _marked(text: str, first: int, last: int, marks: list[tuple[int, int]]) -> str:
    """text[first:last], escaped, with each (start, end) range (clipped to it) wrapped in <mark>."""
    pieces, at = [], first
    for start, end in sorted(marks):
        start, end = max(start, at), min(end, last)
        if start >= end:
            continue
        pieces.append(escape(text[at:start]))
        pieces.append(f'<mark class="rr-claim">{escape(text[start:end])}</mark>')
        at = end
    pieces.append(escape(text[at:last]))
    return "".join(pieces)


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"\w+", text)]


def _region(sentence: str, gloss: str) -> tuple[int, int] | None:
    """Where the gloss of some marked words lies in the working translation of their sentence.

    The two are worded independently, so the region runs from the first to the last run of
    two or more words they share, then takes in, within the clause, what the gloss words
    differently at its ends ("Department of State" for "Ministry of Foreign Affairs"), and the
    quotation marks, guillemets or ellipsis the gloss ends with. None when they share no run.

    >>> s = "He said that attempts to gain time will only lead to more demands."
    >>> s[slice(*_region(s, "and attempts to win time will only lead to further demands"))]
    'attempts to gain time will only lead to more demands'
    >>> q = 'He warned of "a long war" ahead.'
    >>> q[slice(*_region(q, '"a long war"'))]
    '"a long war"'
    >>> w = "Lavrov warned that any actions undermining security are all unacceptable, he said."
    >>> w[slice(*_region(w, "Lavrov warned that any actions undermining security are unacceptable"))]
    'Lavrov warned that any actions undermining security are all unacceptable'
    """
    ours, theirs = _words(sentence), _words(gloss)
    matcher = SequenceMatcher(None, [w for *_, w in ours], [w for *_, w in theirs], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 2]
    if not blocks:
        return None
    first, last = blocks[0].a, blocks[-1].a + blocks[-1].size - 1
    glossed = {w for *_, w in theirs if len(w) >= 4 or w.isdigit()}  # not "and", "the", "that"

    def clause_ends(i: int) -> bool:  # between word i - 1 and word i: anything but spaces and «»
        return bool(re.sub(r"[\s«»]", "", sentence[ours[i - 1][1] : ours[i][0]]))

    # A shared word just outside the runs joins them, within the clause.
    while first > 0 and ours[first - 1][2] in glossed and not clause_ends(first):
        first -= 1
    while last + 1 < len(ours) and ours[last + 1][2] in glossed and not clause_ends(last + 1):
        last += 1
    inside = {w for *_, w in ours[first : last + 1]}
    lead = gloss[: theirs[blocks[0].b][0]]  # the gloss before its first shared run
    first = _reach_back(ours, first, inside, glossed, lead, clause_ends)
    trailing = len(theirs) - blocks[-1].b - blocks[-1].size  # gloss words after its last shared run
    last = _reach_forward(ours, last, inside, glossed, trailing, clause_ends)
    start, end = ours[first][0], ours[last][1]
    return _with_marks(sentence, gloss, start, end)


_REACH = 4  # how many words past the shared runs a region may take in, for differently worded ends


def _reach_back(ours, first: int, inside: set, glossed: set, lead: str, clause_ends) -> int:
    """Where the region starts once the gloss's unshared opening words are taken in (see _region).

    The region reaches back to the start of its clause, when that is near and the gloss has words
    there too (or a word of the gloss stands there); it crosses as many commas as the gloss's own
    opening has ("Shortly after that, …").
    """
    commas = len(re.findall(r"[,;:]", lead))
    i, crossed = first, 0
    while i > 0 and first - i < _REACH + 2 * commas:
        if clause_ends(i):
            if crossed >= commas:
                break
            crossed += 1
        i -= 1
    reached = {w for *_, w in ours[i:first]}
    words_before = len(re.findall(r"\w+", lead))
    near = words_before > 0 and first - i <= words_before + 1
    if (near or (reached - inside) & glossed) and (i == 0 or clause_ends(i)):
        return i
    return first


def _reach_forward(ours, last: int, inside: set, glossed: set, trailing: int, clause_ends) -> int:
    """Where the region ends once the gloss's unshared closing words are taken in (see _region)."""
    j = last
    while j + 1 < len(ours) and j - last < _REACH and not clause_ends(j + 1):
        j += 1
    reached = {w for *_, w in ours[last + 1 : j + 1]}
    near = trailing > 0 and j - last <= trailing + 1
    if (near or (reached - inside) & glossed) and (j + 1 == len(ours) or clause_ends(j + 1)):
        return j
    return last


def _with_marks(sentence: str, gloss: str, start: int, end: int) -> tuple[int, int]:
    """The region widened to the punctuation that belongs to it: a guillemet pair kept whole, and
    the quotation marks or ellipsis the gloss has at its ends (a question on the mode of a claim
    turns on whether the words stand inside quotation marks)."""
    if start and sentence[start - 1] == "«" and "»" in sentence[start:end].split("«")[0]:
        start -= 1
    if sentence[end : end + 1] == "»" and sentence[start:end].count("«") > sentence[start:end].count("»"):
        end += 1
    tail = gloss.rstrip()
    if sentence[end : end + 1] == "…" and tail.endswith("…"):
        end += 1
    if tail[-1:] in _QUOTES:
        if sentence[end : end + 1] in _QUOTES:
            end += 1
        elif sentence[end : end + 1] == "." and sentence[end + 1 : end + 2] in _QUOTES and tail[-2:-1] == ".":
            end += 2
    if gloss.lstrip()[:1] in _QUOTES and start and sentence[start - 1] in _QUOTES:
        start -= 1
    return start, end


_QUOTES = set("\"“”«»'‘’")


def _english(text: str, first: int, last: int, group: pd.DataFrame, data_dir) -> tuple[str, list[str]]:
    """The working translation of text[first:last] (one paragraph per translated sentence), the
    part that renders the marked words marked; and its plain-text lines.

    One wording only: each marked span is marked inside the translation of its sentence (where the
    claim's gloss and that translation share words); a ``gloss`` is printed on its own only for
    marked words no translated sentence covers.
    """
    translations = _frame("translations", data_dir)
    found = _translation_spans(text, translations[translations["article_id"] == group["article_id"].iloc[0]])
    marks = [(int(r["start"]), int(r["end"]), r.get("gloss")) for _, r in group.iterrows()]
    html, plain, covered = [], [], set()
    for start, end, sentence in found:
        if not (start < last and end > first):
            continue
        regions = []
        for i, (b, e, gloss) in enumerate(marks):
            region = _region(sentence, gloss) if b < end and e > start and isinstance(gloss, str) else None
            if region is not None:
                covered.add(i)
                regions.append(region)
        html.append(_marked(sentence, 0, len(sentence), regions))
        plain.append(sentence)
        plain += [f"Marked: {sentence[b:e]}" for b, e in sorted(regions)]
    for i, (_, _, gloss) in enumerate(marks):
        if i not in covered and isinstance(gloss, str):
            html.append(f"The marked words: {_marked(gloss, 0, len(gloss), [(0, len(gloss))])}")
            plain.append(f"The marked words: {gloss}")
    return "\n\n".join(html), plain


def passage_of(rows: pd.DataFrame, data_dir, context: int = 0) -> HTML:
    """The sentences holding each row's start..end, per article, those words marked, with a translation.

    ``context`` adds that many sentences before (whose account a sentence continues is
    often said in the one before). Labels of the rows are never shown. Sentences of an
    article's text and of the working translation stand in paragraphs of their own.
    """
    parts, plain = [], []
    several = rows["article_id"].nunique() > 1
    for article_id, group in rows.groupby("article_id", sort=False):
        article = _frame("articles", data_dir).set_index("article_id").loc[str(article_id)]
        text, language = str(article["text"]), str(article["language"])
        marks = [(int(r["start"]), int(r["end"])) for _, r in group.iterrows()]
        spans = sentence_spans(text)
        hit = [i for i, s in enumerate(spans) if any(s.start < e and s.end > b for b, e in marks)]
        first = spans[max(hit[0] - context, 0)].start if hit else min(b for b, _ in marks)
        last = spans[hit[-1]].end if hit else max(e for _, e in marks)
        english, english_plain = ("", [])
        if language != "en":
            english, english_plain = _english(text, first, last, group, data_dir)
        name = _article_name(str(article_id), data_dir)
        title = f"From {name}"
        count = f"{len(marks)} marked passages" if len(marks) > 1 else "the marked words"
        parts.append(f"<p><b>{escape(title)}</b>: {count} are the ones to judge.</p>")
        shown = spans[max(hit[0] - context, 0) : hit[-1] + 1] if hit else []
        body = "\n\n".join(_marked(text, s.start, s.end, marks) for s in shown) or _marked(
            text, first, last, marks
        )
        parts.append(text_html("\x00", language).replace("\x00", body))
        plain += [title, text[first:last], *[f"Marked: {text[b:e]}" for b, e in sorted(marks)]]
        if english:
            parts.append(text_html("\x00", "en", label=WORKING_TRANSLATION).replace("\x00", english))
            plain += english_plain
        if several:
            parts.append("<hr>")
    return HTML("".join(parts), text="\n".join(plain))


def _sentence(row: pd.Series, data_dir, context: int = 0) -> HTML:
    """The passage of one annotation row (a claim or a term): see :func:`passage_of`."""
    return passage_of(pd.DataFrame([row]), data_dir, context)


def readout_name(readout_id: str, data_dir) -> str:
    """An official account as the lessons name it: its publisher and its date.

    >>> readout_name("state-dept-2022-02-01", None)
    'US Department of State (spokesperson Ned Price), 1 February 2022'
    """
    row = _frame("readouts", data_dir).set_index("readout_id").loc[readout_id]
    date = row["date"]
    return f"{row['publisher']}, {date.day} {date:%B %Y}" if pd.notna(date) else str(row["publisher"])


def _opening(text: object, words: int = 8) -> str:
    parts = str(text).split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def readable(text: str, data_dir) -> str:
    """``text`` with the ids of records it cites (a difference, a claim, a readout, a point) put in words.

    >>> print(readable("See d-src-14.", None))
    See the difference “The article's opening summary of the Kremlin statement…”.
    >>> print(readable("attribution official_statement for want of a closer category", None))
    attribution “a statement, readout or government as a whole” for want of a closer category
    """
    # Annotators' notes name categories by their codes; a student reads the label the lessons use.
    text = _CODES.sub(lambda m: f"“{LABELS[m.group()]}”", text)
    corpus = helpers.load_corpus(data_dir).frames
    claims = _frame("claims", data_dir)
    ranges = re.finditer(r"([\w-]+-\d+) to (-\d+)", text)  # "d-pm0303-01 to -05" cites -05 too
    haystack = " ".join([text, *(re.sub(r"-\d+$", m.group(2), m.group(1)) for m in ranges)])
    describers = [
        (corpus["differences"], "difference_id", "summary", lambda r: "the difference"),
        (corpus["propositions"], "proposition_id", "statement", lambda r: "the point"),
        (corpus["readout_points"], "point_id", "statement", lambda r: "the readout's point"),
        (
            claims,
            "claim_id",
            "excerpt",
            lambda r: f"the words of {_article_name(str(r['article_id']), data_dir)}",
        ),
    ]
    names: dict[str, str] = {}
    for frame, key, words, head in describers:
        for _, row in frame[frame[key].astype(str).map(lambda i: i in haystack)].iterrows():
            names[str(row[key])] = f"{head(row)} “{_opening(row[words])}”"
    for rid in corpus["readouts"]["readout_id"].astype(str):
        if rid in haystack:
            names[rid] = f"the account of {readout_name(rid, data_dir)}"
    cited = list(names)
    if not cited:
        return text
    ids = "|".join(map(re.escape, sorted(cited, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![\w-])({ids})(?: to (-\d+))?(?![\w-])")

    def name(match: re.Match) -> str:
        first, upto = match.group(1), match.group(2)
        last = re.sub(r"-\d+$", upto, first) if upto else None
        if last in names:  # "d-pm0303-01 to -05": a range of records
            kind = "the difference "
            if names[first].startswith(kind) and names[last].startswith(kind):
                return f"the differences from {names[first][len(kind) :]} to {names[last][len(kind) :]}"
        return names[first] + (f" to {upto}" if upto else "")

    return pattern.sub(name, text)
