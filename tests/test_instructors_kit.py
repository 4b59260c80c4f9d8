"""The instructors' kit: glossary, assessment key, pacing, and the guide's grading walk-through."""

from __future__ import annotations

import glob
import re

import pytest
from conftest import DATA, ROOT

import helpers
from helpers.data.text import sentence_spans
from helpers.teaching.exercises.assessment import ITEMS, key
from helpers.teaching.judgement import used_annotations

KIT = ROOT / "notebooks" / "instructors"
GUIDE = (ROOT / "notebooks" / "INSTRUCTORS.md").read_text(encoding="utf-8")
GLOSSARY = (KIT / "glossary.md").read_text(encoding="utf-8")
CONCEPTS = (
    "readout",
    "on background",
    "anonymous source",
    "spokesperson",
    "wire and syndication",
    "dateline",
    "byline",
    "hedge",
    "scare quote",
    "paraphrase",
    "partial quote",
    "attribution",
    "lateral reading",
    "working translation",
)
EXAMPLE = re.compile(r"^> (?P<quote>.+)\n> — from `(?P<article>[a-z0-9-]+)`$", re.M)


def glossary_sections() -> dict[str, str]:
    parts = re.split(r"^## (.+)$", GLOSSARY, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def article_text(article_id: str) -> str:
    return (DATA / "articles" / f"{article_id}.txt").read_text(encoding="utf-8")


def test_the_glossary_explains_every_concept_with_an_example_from_the_articles():
    sections = glossary_sections()
    assert set(CONCEPTS) <= set(sections), set(CONCEPTS) - set(sections)
    for concept in CONCEPTS:
        assert EXAMPLE.search(sections[concept]), f"{concept}: no example from an article"
        assert len(sections[concept].split()) > 40, f"{concept}: explain it"


def test_every_quoted_example_is_verbatim_in_its_article():
    examples = EXAMPLE.findall(GLOSSARY)
    assert len(examples) >= len(CONCEPTS)
    for quote, article in examples:
        assert quote in article_text(article), f"not verbatim in {article}: {quote!r}"


def test_the_glossary_is_kept_apart_from_terms_csv():
    assert not (DATA / "glossary.csv").exists()
    assert "data/terms.csv" in GLOSSARY  # it points to the loaded words, and does not repeat them


def anchored_spans() -> list[tuple[str, int, int]]:
    """Where each judgement item of the lessons is anchored: (article, start, end)."""
    claims = helpers.load_claims().set_index("claim_id")
    terms = helpers.load_terms().set_index("term_id")
    differences = helpers.load_differences()
    claims_of = {
        row["difference_id"] if "difference_id" in row else index: str(row["claims"])
        for index, row in differences.reset_index().iterrows()
    }
    spans = []
    for anchor in used_annotations().values():
        ids = [anchor]
        if anchor not in claims.index and anchor not in terms.index:
            ids = [c.strip() for c in re.split(r"[;,\s]+", claims_of.get(anchor, "")) if c.strip()]
        for annotation in ids:
            table = claims if annotation in claims.index else terms if annotation in terms.index else None
            if table is not None:
                row = table.loc[annotation]
                spans.append((row["article_id"], int(row["start"]), int(row["end"])))
    return spans


def test_the_assessment_uses_passages_the_lessons_do_not_practise_on():
    claims = helpers.load_claims().set_index("claim_id")
    articles = helpers.load_articles().set_index("article_id")
    lessons = "".join(
        open(path, encoding="utf-8").read()
        for path in glob.glob(str(ROOT / "notebooks" / "solutions" / "[0-9][0-9]_*.ipynb"))
        + glob.glob(str(ROOT / "helpers" / "teaching" / "exercises" / "lesson*.py"))
    )
    anchored = anchored_spans()
    assert anchored, "the lessons' judgement items are found"
    for item in ITEMS:
        claim = claims.loc[item.claim_id]
        assert item.claim_id not in lessons and claim["excerpt"] not in lessons, item.id
        text = articles.loc[claim["article_id"], "text"]
        start, end = int(claim["start"]), int(claim["end"])
        passage = [s for s in sentence_spans(text) if s.start < end and s.end > start]
        for article, a_start, a_end in anchored:
            overlap = article == claim["article_id"] and any(
                s.start < a_end and a_start < s.end for s in passage
            )
            assert not overlap, f"{item.id}: its passage holds a lesson's judgement item"


def test_the_glossary_gives_away_no_assessment_or_judgement_answer():
    claims = helpers.load_claims().set_index("claim_id")
    for quote, article in EXAMPLE.findall(GLOSSARY):
        start = article_text(article).find(quote)
        end = start + len(quote)
        for item in ITEMS:
            claim = claims.loc[item.claim_id]
            if claim["article_id"] == article:
                assert not (start < int(claim["end"]) and int(claim["start"]) < end), (item.id, quote)
        for anchor_article, a_start, a_end in anchored_spans():
            assert not (anchor_article == article and start < a_end and a_start < end), quote


def test_the_answer_key_agrees_with_the_data():
    text = (KIT / "assessment-key.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (A\.\d+) \| `([^`]+)` \| (\w+) \| `(\w+)` \|", text, re.M)
    assert {item: answer for item, _, _, answer in rows} == key()
    assert [(item, claim, column) for item, claim, column, _ in rows] == [
        (i.id, i.claim_id, i.column) for i in ITEMS
    ]
    assert len(rows) >= 8


@pytest.mark.parametrize("page", ["pacing.md", "discussion-guide.md", "rubrics.md", "glossary.md"])
def test_the_guide_links_every_page_of_the_kit(page):
    assert f"(instructors/{page})" in GUIDE
    assert (KIT / page).is_file()


def test_the_pacing_plan_covers_every_lesson_in_class_periods():
    pacing = (KIT / "pacing.md").read_text(encoding="utf-8")
    assert "45–50" in pacing
    for number in range(8):
        assert re.search(rf"\| {number} · ", pacing) or re.search(rf"Lesson {number}\b", pacing), number
    assert "shorter unit" in pacing.lower()


def test_the_discussion_guide_has_every_lesson():
    guide = (KIT / "discussion-guide.md").read_text(encoding="utf-8")
    for number in range(8):
        section = re.search(rf"^## Lesson {number} · .+?(?=^## |\Z)", guide, re.M | re.S)
        assert section, number
        for part in ("**Questions.**", "**Sample answers.**", "**Typical mistakes.**", "**How to run it.**"):
            assert part in section.group(0), (number, part)


def test_the_guide_walks_from_a_clone_to_a_grades_csv():
    steps = [
        "make nbgrader COURSE=",
        'export PATH="',
        "nbgrader generate_assignment assessment",
        "nbgrader autograde assessment",
        "Formgrader",
        "nbgrader export --to grades.csv",
    ]
    positions = [GUIDE.find(step) for step in steps]
    assert -1 not in positions and positions == sorted(positions), dict(zip(steps, positions))
    assert "python -m helpers student-release" in GUIDE
    assert ".venv/bin/python -m helpers" in GUIDE and "ModuleNotFoundError" in GUIDE
