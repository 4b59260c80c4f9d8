"""The open capstone's logic: a passage, the student's claims on it, and the collection's.

The widget (:mod:`helpers.teaching.annotator`) only collects choices and shows
results; everything it decides is decided here, so it can be tested without one.

* A :class:`Passage` is a stretch of one article of the collection (a range of its
  paragraphs) or a text the student pasted; its text is in Unicode NFC.
* :func:`locate` checks a student's words against the passage, verbatim: it
  accepts exactly the passage's characters (after NFC) and, when it refuses,
  says why (letter case, quotation marks, spacing, invisible characters, marks).
* :func:`make_annotation` checks one claim's labels against the allowed values
  of ``data/README.md``'s claims table.
* :func:`collection_claims` and :func:`pair_up` find the collection's claims
  whose excerpts overlap the passage and set them beside the student's.
* :mod:`helpers.teaching.annotation_files` keeps the student's work in a CSV
  beside the notebook (never in ``data/``), written atomically.

>>> passage = passage_from_article("wt-blinken-lavrov", 2)
>>> locate(passage, passage.text[:20]).ok
True
>>> print(locate(passage, passage.text[:20].upper()).message)
✘ Not in the passage as written: capital and small letters differ from the passage's — select or copy the words again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..data.loading import load_articles, load_claims, load_propositions
from ..data.schema import RTL_LANGUAGES, TABLES
from ..data.text import INVISIBLE_CONTROLS, nfc, search_key
from .capstone import paragraphs

__all__ = [
    "ATTRIBUTIONS",
    "MODES",
    "NEW",
    "Passage",
    "Located",
    "Annotation",
    "passage_from_article",
    "own_passage",
    "locate",
    "make_annotation",
    "propositions_of",
    "collection_claims",
    "pair_up",
]

_CLAIM_COLUMNS = {c.name: c for c in TABLES["claims"].columns}
ATTRIBUTIONS: tuple[str, ...] = _CLAIM_COLUMNS["attribution"].choices
MODES: tuple[str, ...] = _CLAIM_COLUMNS["mode"].choices
NEW = "(new)"  # the proposition value that means "a new proposition, stated in my words"
MAX_STATEMENT_WORDS = 30
OWN = "own"  # the article_id of a passage the student pasted


@dataclass(frozen=True)
class Passage:
    """A passage to annotate: its text (NFC), language, and where it stands in its article.

    ``start`` and ``end`` are offsets in the article's text; for a pasted
    passage (``article_id`` ``"own"``) they are 0 and its length.
    """

    article_id: str
    text: str
    language: str
    start: int
    end: int
    title: str = ""

    @property
    def own(self) -> bool:
        return self.article_id == OWN

    @property
    def direction(self) -> str:
        return "rtl" if self.language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def passage_from_article(
    article_id: str, first: int = 1, last: int | None = None, data_dir: str | Path | None = None
) -> Passage:
    """Paragraphs ``first`` to ``last`` (numbered as :func:`capstone.paragraphs` numbers them) of an article.

    >>> passage_from_article("wt-blinken-lavrov", 2, 3).text.startswith(passage_from_article("wt-blinken-lavrov", 2).text)
    True
    """
    spans = paragraphs(article_id, data_dir)
    last = first if last is None else last
    chosen = spans[(spans["paragraph"] >= first) & (spans["paragraph"] <= last)]
    if chosen.empty or last < first:
        raise ValueError(
            f"{article_id} has paragraphs 1 to {len(spans)}; {first} to {last} is not a range of them"
        )
    article = load_articles(data_dir).set_index("article_id").loc[article_id]
    start, end = int(chosen["start"].min()), int(chosen["end"].max())
    label = f"paragraph {first}" if first == last else f"paragraphs {first}–{last}"
    return Passage(
        article_id,
        str(article["text"])[start:end],
        str(article["language"]),
        start,
        end,
        f"{article_id}, {label}",
    )


def own_passage(text: str, language: str = "en", title: str = "My own article") -> Passage:
    """A passage the student pasted: put in NFC, Windows line ends made plain; nothing else changes.

    >>> own_passage("Ngày 1", "vi").text == "Ngày 1"
    True
    """
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    language = language.strip().lower() or "en"
    if not text:
        raise ValueError("the passage is empty: paste the words of your article first")
    if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", language):
        raise ValueError(f"{language!r} is not a language code: use e.g. en, ar, vi, fr")
    return Passage(OWN, text, language, 0, len(text), title.strip() or "My own article")


@dataclass(frozen=True)
class Located:
    """Where the student's words stand in the passage, or why they were refused."""

    ok: bool
    message: str
    words: str = ""
    spans: tuple[tuple[int, int], ...] = ()


def _find_all(text: str, words: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.start() + len(words)) for m in re.finditer(re.escape(words), text))


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _quotes(text: str) -> str:
    return re.sub("[“”«»„]", '"', re.sub("[‘’]", "'", text))


def locate(passage: Passage, words: str) -> Located:
    """Check ``words`` against the passage, verbatim; say at once what is wrong.

    The words are put in NFC (the passage is) and spaces at their ends are left
    out, both said in the message; nothing else is forgiven.

    >>> p = own_passage("He said “no” twice: no.")
    >>> locate(p, "no").spans
    ((9, 11), (20, 22))
    >>> print(locate(p, 'said "no"').message)
    ✘ Not in the passage as written: the quotation marks or apostrophes differ (the passage has curly ones, “ ” ‘ ’) — select or copy the words again.
    """
    original = words or ""
    normal = nfc(original)
    stripped = normal.strip()
    notes = []
    if normal != original:
        notes.append("put in Unicode NFC, as the passage is")
    if stripped != normal:
        notes.append("spaces at the ends left out")
    if not stripped:
        return Located(False, "Select or paste the words of the passage that state the claim.")
    spans = _find_all(passage.text, stripped)
    if spans:
        where = "once" if len(spans) == 1 else f"{len(spans)} times: choose which occurrence you mean"
        extra = f" ({'; '.join(notes)})" if notes else ""
        return Located(True, f"✔ In the passage, {where}.{extra}", stripped, spans)
    text = passage.text
    if any(c in INVISIBLE_CONTROLS for c in stripped):
        why = "your words contain invisible characters (zero-width or direction marks)"
    elif _find_all(text.casefold(), stripped.casefold()):
        why = "capital and small letters differ from the passage's"
    elif _find_all(_quotes(text), _quotes(stripped)):
        why = "the quotation marks or apostrophes differ (the passage has curly ones, “ ” ‘ ’)"
    elif _find_all(_spaces(text), _spaces(stripped)):
        why = "the spacing differs (a line break, a double space or a tab)"
    elif search_key(stripped) and search_key(stripped) in search_key(text):
        why = "letters or marks differ (a hamza, a diacritic, a digit form …)"
    else:
        return Located(
            False, "✘ These words are not in the passage — select them in the passage, or copy them exactly."
        )
    return Located(False, f"✘ Not in the passage as written: {why} — select or copy the words again.")


@dataclass(frozen=True)
class Annotation:
    """One claim as the student annotated it: the words, where they are, and the labels."""

    excerpt: str
    occurrence: int
    start: int  # in the passage
    end: int
    proposition_id: str
    new_statement: str
    attribution: str
    mode: str
    source: str = ""
    reporting_verb: str = ""

    @property
    def proposition(self) -> str:
        return self.proposition_id if self.proposition_id != NEW else f"new: {self.new_statement}"


def make_annotation(
    passage: Passage,
    *,
    excerpt: str,
    occurrence: int = 1,
    proposition_id: str = "",
    new_statement: str = "",
    attribution: str = "",
    mode: str = "",
    source: str = "",
    reporting_verb: str = "",
    propositions: set[str] | None = None,
) -> tuple[Annotation | None, list[str]]:
    """One claim, checked: ``(annotation, [])``, or ``(None, problems)`` with a fix in each problem.

    >>> p = own_passage("The minister said the talks failed.")
    >>> a, problems = make_annotation(p, excerpt="the talks failed", proposition_id=NEW,
    ...     new_statement="The talks failed.", attribution="named_official", mode="paraphrase",
    ...     source="the minister", reporting_verb="said")
    >>> problems, a.start
    ([], 18)
    >>> make_annotation(p, excerpt="talks ended", attribution="outlet", mode="narration")[1][:2]
    ['excerpt: These words are not in the passage — select them in the passage, or copy them exactly.', 'proposition: none chosen — choose one, or "new proposition" and write it in a short sentence']
    """
    problems = []
    found = locate(passage, excerpt)
    span = None
    if not found.ok:
        problems.append(f"excerpt: {found.message.removeprefix('✘ ')}")
    elif not 1 <= int(occurrence) <= len(found.spans):
        problems.append(
            f"occurrence: the words occur {len(found.spans)} time(s) — choose 1 to {len(found.spans)}"
        )
    else:
        span = found.spans[int(occurrence) - 1]
    statement = " ".join(nfc(new_statement or "").split())
    if proposition_id == NEW:
        if not statement:
            problems.append("new proposition: empty — write it as one short, neutral sentence")
        elif len(statement.split()) > MAX_STATEMENT_WORDS:
            problems.append(f"new proposition: too long — keep it to {MAX_STATEMENT_WORDS} words at most")
    elif not proposition_id:
        problems.append(
            'proposition: none chosen — choose one, or "new proposition" and write it in a short sentence'
        )
    elif propositions is not None and proposition_id not in propositions:
        problems.append(
            f"proposition: '{proposition_id}' is not one of this passage's propositions — choose from the list"
        )
    if attribution not in ATTRIBUTIONS:
        problems.append(f"attribution: none chosen — choose one of {', '.join(ATTRIBUTIONS)}")
    if mode not in MODES:
        problems.append(f"mode: none chosen — choose one of {', '.join(MODES)}")
    source = " ".join(nfc(source or "").split())
    if attribution == "outlet_voice" and source:
        problems.append(
            "source: the outlet's own voice has no other source — leave it empty, or choose another attribution"
        )
    elif attribution in ATTRIBUTIONS and attribution != "outlet_voice" and not source:
        problems.append(
            "source: empty — describe the speaker or source as the article does (e.g. 'a senior official')"
        )
    verb = nfc(reporting_verb or "").strip()
    if verb and verb not in passage.text:
        problems.append(
            f"reporting verb: «{verb}» is not in the passage — write it exactly as the passage does"
        )
    if problems:
        return None, problems
    keep = "" if proposition_id == NEW else proposition_id
    return (
        Annotation(
            found.words,
            int(occurrence),
            span[0],
            span[1],
            keep or NEW,
            statement if not keep else "",
            attribution,
            mode,
            source,
            verb,
        ),
        [],
    )


def propositions_of(passage: Passage, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The propositions a passage of the collection can state: those of the calls its article reports.

    >>> "bl0201-held" in set(propositions_of(passage_from_article("wt-blinken-lavrov", 1))["proposition_id"])
    True
    """
    propositions = load_propositions(data_dir)
    if passage.own:
        return propositions.iloc[0:0][["proposition_id", "call_id", "topic", "statement"]]
    claims = load_claims(data_dir)
    calls = set(claims.loc[claims["article_id"] == passage.article_id, "call_id"].dropna().astype(str))
    chosen = propositions[propositions["call_id"].astype(str).isin(calls)]
    return chosen[["proposition_id", "call_id", "topic", "statement"]].sort_values(
        ["call_id", "topic", "proposition_id"], ignore_index=True
    )


def collection_claims(passage: Passage, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The collection's claims whose excerpts overlap the passage, in text order (none for a pasted passage).

    >>> p = passage_from_article("wt-blinken-lavrov", 2)
    >>> bool((collection_claims(p)["start"] < p.end).all())
    True
    """
    claims = load_claims(data_dir)
    if passage.own:
        return claims.iloc[0:0]
    mine = claims[
        (claims["article_id"] == passage.article_id)
        & (claims["start"] < passage.end)
        & (claims["end"] > passage.start)
    ]
    return mine.sort_values(["start", "claim_id"], ignore_index=True)


def pair_up(
    passage: Passage, annotations: list[Annotation], theirs: pd.DataFrame
) -> list[tuple[int | None, int | None]]:
    """Pairs (index in ``annotations``, row position in ``theirs``) to show side by side.

    Each annotation is paired at most once: first with an overlapping collection
    claim of the same proposition, then (for the claims still unpaired) with the
    unpaired annotation that overlaps it most. A collection claim left without one
    is ``(None, position)`` ("you did not annotate it"); an annotation left
    without one comes last, ``(index, None)`` ("only yours"), in text order.

    >>> p = passage_from_article("wt-blinken-lavrov", 2)
    >>> theirs = collection_claims(p)
    >>> pair_up(p, [], theirs)[:2]
    [(None, 0), (None, 1)]
    """
    spans = [(int(c["start"]) - passage.start, int(c["end"]) - passage.start) for _, c in theirs.iterrows()]
    propositions = list(theirs["proposition_id"].astype(str)) if len(theirs) else []
    partner: dict[int, int] = {}  # collection position -> annotation index
    for same in (True, False):
        for position, (start, end) in enumerate(spans):
            if position in partner:
                continue
            taken = set(partner.values())
            free = {}
            for i, a in enumerate(annotations):
                overlap = min(end, a.end) - max(start, a.start)
                if (
                    i not in taken
                    and overlap > 0
                    and (not same or a.proposition_id == propositions[position])
                ):
                    free[i] = overlap
            if free:
                partner[position] = max(free, key=lambda i: (free[i], -i))
    pairs: list[tuple[int | None, int | None]] = [(partner.get(p), p) for p in range(len(spans))]
    rest = sorted(
        (i for i in range(len(annotations)) if i not in partner.values()), key=lambda i: annotations[i].start
    )
    return pairs + [(i, None) for i in rest]
