"""The lesson notebooks: one source, a clean student edition, and the structure every lesson promises."""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers.teaching.editions import (
    NOTEBOOKS_DIR,
    SOLUTIONS_DIR,
    build_student_editions,
    solution_lines,
    student_edition,
)
from helpers.teaching.exercises import exercises

SOURCES = sorted(SOLUTIONS_DIR.glob("[0-9][0-9]_*.ipynb"))
IDS = [p.stem for p in SOURCES]


def markdown(notebook) -> list[str]:
    return [c.source for c in notebook.cells if c.cell_type == "markdown"]


def test_there_is_a_lesson_sequence():
    assert [p.name[:2] for p in SOURCES] == [f"{n:02d}" for n in range(len(SOURCES))]
    assert len(SOURCES) >= 1


def test_student_editions_are_up_to_date():
    assert build_student_editions(check=True) == [], "run: make lessons"


def test_every_student_notebook_has_a_source():
    lessons = {p.name for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")}
    assert lessons == {p.name for p in SOURCES}


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_student_edition_leaks_no_solution(source):
    solution = nbformat.read(source, as_version=4)
    student = nbformat.read(NOTEBOOKS_DIR / source.name, as_version=4)
    # The cells' text as a student reads it: in the raw JSON a quotation mark is stored as
    # \", so a solution line containing one would never be found there.
    student_text = "\n".join(cell.source for cell in student.cells)
    assert "BEGIN SOLUTION" not in student_text and "END SOLUTION" not in student_text
    assert not any("solution" in cell.metadata.get("tags", []) for cell in student.cells)
    lines = solution_lines(solution)
    assert lines, f"{source.name} has no solutions to hide"
    for line in lines:
        assert line not in student_text, f"solution line leaked into the student edition: {line!r}"


def test_student_edition_builder_rejects_a_solution_cell_without_markers():
    from nbformat.v4 import new_code_cell, new_notebook

    cell = new_code_cell('answer = "wt-blinken-lavrov"')
    cell.metadata["tags"] = ["solution"]
    with pytest.raises(ValueError, match="no BEGIN SOLUTION marker"):
        student_edition(new_notebook(cells=[cell]), "x.ipynb")


def test_student_edition_builder_rejects_an_unclosed_solution():
    from nbformat.v4 import new_code_cell, new_notebook

    cell = new_code_cell("# BEGIN SOLUTION: answer = ...\nanswer = 1")
    cell.metadata["tags"] = ["solution"]
    with pytest.raises(ValueError, match="BEGIN SOLUTION without END SOLUTION"):
        student_edition(new_notebook(cells=[cell]), "x.ipynb")


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_lesson_structure(source):
    notebook = nbformat.read(source, as_version=4)
    texts = markdown(notebook)
    headings = [
        (len(m.group(1)), m.group(2)) for t in texts for m in re.finditer(r"^(#{1,6}) (.+)$", t, re.M)
    ]
    assert [level for level, _ in headings].count(1) == 1, "exactly one H1"
    assert headings[0][0] == 1, "the H1 comes first"
    for (before, _), (after, title) in zip(headings, headings[1:]):
        assert after <= before + 1, f"heading level skipped before {title!r}"
    header = texts[0]
    assert "Prerequisites" in header and "In this lesson you will" in header
    # The length in class periods, in plain text: an emoji clock shows as a box without an emoji font.
    assert "⏱" not in header
    assert re.search(r"Time: (one|two|three) class periods?\b", header), "Time: … class period(s)"
    if not re.search(r"Time: one class period\b", header):
        assert re.search(r"\bbreak (before|after)\b", header), (
            "a lesson longer than a period says where to break"
        )
    titles = [title for _, title in headings]
    assert "Summary" in titles
    assert any(t.startswith("Discussion questions") for t in titles)
    assert any("reflection" in t.lower() for t in titles), "a place for free-text reflection"
    assert "Navigation:" in texts[0] and "Navigation:" in texts[-1]


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_links_are_descriptive_and_resolve(source):
    notebook = nbformat.read(source, as_version=4)
    for text in markdown(notebook):
        for label, target in re.findall(r"\[([^\]]+)\]\(([^)]+)\)", text):
            assert label.strip().lower() not in {"here", "click here", "this", "link"}, label
            if not target.startswith(("http://", "https://", "#")):
                assert (source.parent / target.split("#")[0]).exists() or (NOTEBOOKS_DIR / target).exists(), (
                    target
                )


def exercise_ids(notebook) -> list[str]:
    """The exercise ids a notebook checks (check) or asks (ask), in order."""
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    return re.findall(r'(?:check|ask)\("([0-9]+\.[0-9]+)"', code)


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_at_least_three_checked_exercises_each_registered(source):
    notebook = nbformat.read(source, as_version=4)
    ids = exercise_ids(notebook)
    assert len(set(ids)) >= 3
    registered = exercises()
    for exercise_id in ids:
        assert exercise_id in registered.index, exercise_id
        assert registered.loc[exercise_id, "notebook"] == source.name


# The lessons that teach a judgement about sources (issue 12): 1 Meet the sources, 2 The calls,
# 3 Claims and attribution, 4 How sources differ, 6 Words and framing.
JUDGEMENT_LESSONS = {
    1: "01_meet_the_sources.ipynb",
    2: "02_the_calls.ipynb",
    3: "03_claims_and_attribution.ipynb",
    4: "04_how_sources_differ.ipynb",
    5: "05_trace_it_to_the_original.ipynb",
    6: "06_words_and_framing.ipynb",
}


@pytest.fixture(scope="module")
def listed():
    """What an instructor sees: `python -m helpers exercises --json`, run as a command."""
    import json
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "helpers", "exercises", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=SOLUTIONS_DIR.parents[1],
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("lesson", sorted(JUDGEMENT_LESSONS))
def test_four_core_judgements_that_need_no_code(lesson, listed):
    core = [e for e in listed if e["lesson"] == lesson and e["track"] == "core" and e["needs_code"] is False]
    judgements = [e for e in core if e.get("judgement")]
    assert len(core) >= 4, [e["id"] for e in core]
    assert len(judgements) >= 4, f"lesson {lesson}: judgement items {[e['id'] for e in judgements]}"
    # …and every one of them is asked in its lesson, in the order of its number.
    notebook = nbformat.read(SOLUTIONS_DIR / JUDGEMENT_LESSONS[lesson], as_version=4)
    asked = exercise_ids(notebook)
    for item in core:
        assert item["id"] in asked, f"{item['id']} is not in {JUDGEMENT_LESSONS[lesson]}"
    numbers = [tuple(int(p) for p in i.split(".")) for i in asked]
    assert numbers == sorted(numbers), f"exercises out of order in {JUDGEMENT_LESSONS[lesson]}: {asked}"


@pytest.mark.parametrize("lesson", sorted(JUDGEMENT_LESSONS))
def test_pandas_exercises_are_marked_data_track(lesson, listed):
    """A student who writes no code can finish the lesson: code-needing items are the data track."""
    for item in listed:
        if item["lesson"] == lesson and item["needs_code"]:
            assert item["track"] == "data", item["id"]
    notebook = nbformat.read(SOLUTIONS_DIR / JUDGEMENT_LESSONS[lesson], as_version=4)
    headings = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for item in listed:
        if item["lesson"] == lesson and item["track"] == "data":
            assert re.search(rf"Exercise {re.escape(item['id'])} \(Data track\)", headings), item["id"]


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_every_reflection_and_discussion_has_a_model_answer_for_teachers(source):
    """Solutions edition only: a model answer and a rubric after the reflection and the discussion."""
    notebook = nbformat.read(source, as_version=4)
    cells = notebook.cells
    for index, cell in enumerate(cells):
        if cell.cell_type != "markdown" or cell.metadata.get("tags"):
            continue
        for heading in ("## Your reflection", "## Discussion questions"):
            if heading in cell.source:
                following = cells[index + 1 : index + 4]
                answer = [c for c in following if "solution" in c.metadata.get("tags", [])]
                assert answer, f"{source.name}: no model answer after {heading!r}"
                assert any("ubric" in c.source for c in answer), f"{source.name}: no rubric after {heading!r}"


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_every_figure_has_a_text_description(source):
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for figure in re.findall(r"figures\.(\w+)_figure\(", cell.source):
                if figure == "show":
                    continue
                assert f"describe_{figure}(" in cell.source, f"{figure}_figure without describe_{figure}"
                # shown as an image whose text alternative and caption are the description (issue 14)
                assert "show_figure(" in cell.source, f"{figure}_figure not shown with show_figure"


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_no_facts_typed_into_code(source):
    """Code cells compute from helpers; quoted article text belongs in data/ or in prose."""
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not re.search(r"[\u0600-\u06ff]", cell.source), "Arabic text typed into a code cell"
            assert "pd.DataFrame(" not in cell.source and "read_csv(" not in cell.source


def test_a_one_element_series_answers_a_choice_and_a_slip_of_form_costs_no_try():
    import pandas as pd

    from helpers.teaching.exercises import check, reset_attempts

    reset_attempts()
    articles = pd.Series(["wt-blinken-lavrov"])
    assert check("1.2", articles).correct  # what filtering a frame gives a student
    for _ in range(3):
        feedback = check("1.2", 42)
        assert "should be one value" in feedback.message
    assert "worked solution" not in check("1.2", "cnn-blinken-lavrov").message  # the first real try
    reset_attempts()
