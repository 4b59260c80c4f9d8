"""Grading with nbgrader, end to end: convert, generate, three submissions, autograde, export.

nbgrader runs as an instructor would run it, from a course folder, with the
environment's bin/ on PATH (nbgrader calls `alembic` by name).
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from nbformat.v4 import new_code_cell, new_notebook

from helpers.cli import main
from helpers.teaching.editions import solution_lines
from helpers.teaching.exercises.assessment import ITEMS
from helpers.teaching.grading import POINTS, nbgrader_notebook, passes

BIN = Path(sys.executable).parent
LESSON = "03_claims_and_attribution"
ASSIGNMENTS = ["assessment", LESSON]
STUDENTS = ("all_right", "partly_right", "empty")
SOLUTION_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("READOUTS_DATA", None)
    result = subprocess.run(
        [str(BIN / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def answers_from_source(source: nbformat.NotebookNode) -> dict[str, str]:
    """The worked answer of every solution cell of an nbgrader source notebook, by grade_id."""
    answers = {}
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            lines = [line for line in cell.source.split("\n") if not SOLUTION_MARKER.match(line)]
            answers[meta["grade_id"]] = "\n".join(lines)
    return answers


def submission(release: nbformat.NotebookNode, right: dict[str, str], student: str):
    """A made-up submission: all right, partly right (half right, one wrong, rest blank) or empty."""
    notebook = nbformat.from_dict(release)
    code = [
        c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"
    ]
    if student == "all_right":
        for cell in notebook.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if cell.metadata.get("nbgrader", {}).get("solution"):
                cell.source = right[grade_id]
    elif student == "partly_right":
        half = len(code) // 2
        for cell in code[:half]:
            cell.source = right[cell.metadata.nbgrader.grade_id]
        code[half].source = code[half].source.replace("answer = ...", 'answer = "not the answer"')
        for cell in notebook.cells:
            if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
                cell.source = "I would trust the first one more, because it quotes the people it names."
    return notebook


def expected_scores(source: nbformat.NotebookNode) -> dict[str, float]:
    """What each made-up submission should score, from the source's cells and the manual marks given."""
    tests = [c for c in source.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    answers = [
        c for c in source.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"
    ]
    reflections = [
        c for c in source.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")
    ]
    assert len(tests) == len(answers), "one autograded test per answer cell"
    return {
        "all_right": POINTS * len(tests) + sum(c.metadata.nbgrader.points for c in reflections),
        "partly_right": POINTS * (len(answers) // 2) + 1 * len(reflections),
        "empty": 0,
    }


def grade_cells(notebook, prefix: str) -> list:
    return [
        c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith(prefix)
    ]


def test_solution_regions_checks_judgements_and_reflections_are_converted():
    source = nbformat.read(ROOT / "notebooks" / "solutions" / f"{LESSON}.ipynb", as_version=4)
    converted = nbgrader_notebook(source, LESSON)
    text = "\n".join(c.source for c in converted.cells)
    assert "# BEGIN SOLUTION" not in text.replace("### BEGIN SOLUTION", "")
    # Every exercise, typed (check) or chosen in a widget (ask), gets one autograded test, in order.
    exercises = re.findall(r'(?:check|ask)\("([\d.]+)"', "\n".join(c.source for c in source.cells))
    tests = grade_cells(converted, "check-")
    assert [re.search(r'passes\("([^"]+)"', c.source).group(1) for c in tests] == list(
        dict.fromkeys(exercises)
    )
    assert all(c.metadata.nbgrader.points == POINTS and c.metadata.nbgrader.locked for c in tests)
    assert "ask(" not in text  # a widget's choice is not saved in the notebook: judgements are typed
    graded = grade_cells(converted, "reflection-")
    assert len(graded) >= 1
    assert all(c.metadata.nbgrader.points >= 1 and c.metadata.nbgrader.solution for c in graded)
    assert all("ubric" in c.source or "marked" in c.source for c in graded)  # for the grader, in the source
    # Model answers to discussion questions and judgement items are not in the nbgrader source at all.
    teacher_only = [
        c.source
        for i, c in enumerate(source.cells)
        if c.cell_type == "markdown"
        and "solution" in c.metadata.get("tags", [])
        and not source.cells[i - 1].source.strip().startswith("*Your ")
    ]
    assert teacher_only
    assert not [t for t in teacher_only if t in text]


def test_the_assessments_tests_are_hidden_and_judge_with_the_data():
    source = nbformat.read(ROOT / "notebooks" / "solutions" / "assessment.ipynb", as_version=4)
    tests = [c for c in nbgrader_notebook(source).cells if "passes(" in c.source]
    assert len(tests) >= 8 and all("### BEGIN HIDDEN TESTS" in c.source for c in tests)
    assert "instructor" not in str([c.metadata for c in nbgrader_notebook(source).cells])
    assert passes("A.1", "anonymous_source") and not passes("A.1", "spokesperson") and not passes("A.1", ...)


def test_a_placeholder_nbgrader_cannot_show_is_refused():
    cell = new_code_cell("# BEGIN SOLUTION: verb = ...\nverb = 'x'\n# END SOLUTION\ncheck('6.3', verb)")
    cell.metadata["tags"] = ["solution"]
    with pytest.raises(ValueError, match="placeholder differs"):
        nbgrader_notebook(new_notebook(cells=[cell]), "x.ipynb")


@pytest.mark.notebooks
def test_release_autograde_and_export_give_the_expected_grades(tmp_path):
    course = tmp_path / "course"
    assert main(["nbgrader", str(course), *ASSIGNMENTS]) == 0
    assert (course / "nbgrader_config.py").is_file()
    expected = {}
    for name in ASSIGNMENTS:
        nbgrader(course, "generate_assignment", name, "--force")
        source = nbformat.read(course / "source" / name / f"{name}.ipynb", as_version=4)
        release = nbformat.read(course / "release" / name / f"{name}.ipynb", as_version=4)
        released = nbformat.writes(release)
        assert "### BEGIN SOLUTION" not in released and "HIDDEN TESTS" not in released
        right = answers_from_source(source)
        for student in STUDENTS:
            target = course / "submitted" / student / name / f"{name}.ipynb"
            target.parent.mkdir(parents=True)
            nbformat.write(submission(release, right, student), target)
        for student, score in expected_scores(source).items():
            expected[name, student] = score
    for name in ASSIGNMENTS:
        nbgrader(course, "autograde", name, "--force")
    # The instructor marks the reflections in the formgrader; here, through nbgrader's own API.
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for name in ASSIGNMENTS:
            notebook = gradebook.find_notebook(name, name)
            for cell in notebook.grade_cells:
                if not cell.name.startswith("reflection-"):
                    continue
                for student, mark in (("all_right", cell.max_score), ("partly_right", 1)):
                    grade = gradebook.find_grade(cell.name, name, name, student)
                    grade.manual_score = mark
                grade = gradebook.find_grade(cell.name, name, name, "empty")
                assert grade.score == 0 and not grade.needs_manual_grade  # unchanged: scored 0 at once
        gradebook.db.commit()
    grades = course / "grades.csv"
    nbgrader(course, "export", "--to", str(grades))
    print(grades.read_text(encoding="utf-8"))  # the record, with pytest -s
    with grades.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    scores = {(row["assignment"], row["student_id"]): float(row["score"]) for row in rows}
    assert scores == {key: float(value) for key, value in expected.items()}
    assert scores["assessment", "all_right"] == len(ITEMS) * POINTS == 11
    assert scores["assessment", "partly_right"] == len(ITEMS) // 2 * POINTS == 5
    maxima = {row["assignment"]: float(row["max_score"]) for row in rows}
    assert maxima["assessment"] == len(ITEMS) * POINTS
    assert maxima[LESSON] == expected[LESSON, "all_right"]


def test_every_notebook_converts_and_nbgrader_releases_it_without_solutions(tmp_path):
    course = tmp_path / "course"
    assert main(["nbgrader", str(course)]) == 0
    names = sorted(p.stem for p in (ROOT / "notebooks" / "solutions").glob("*.ipynb"))
    assert sorted(p.name for p in (course / "source").iterdir()) == names
    for name in names:
        nbgrader(course, "generate_assignment", name, "--force")
        released = (course / "release" / name / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in released and "HIDDEN TESTS" not in released, name
        source = nbformat.read(ROOT / "notebooks" / "solutions" / f"{name}.ipynb", as_version=4)
        # Worked code, model answers, the key check: none reaches nbgrader's release. (A line the
        # student edition itself shows is the lesson's business: tests/test_lessons.py finds it.)
        student = (ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8")
        for line in solution_lines(source):
            quoted = json.dumps(line)[1:-1]
            if len(line) > 20 and quoted not in student:
                assert quoted not in released, (name, line)
