"""Every step of notebooks/INSTRUCTORS.md, checked: the commands exist and do what it says."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import nbformat
import pytest
from conftest import ROOT
from nbformat.v4 import new_code_cell, new_notebook

from helpers.cli import main
from helpers.teaching.editions import build_student_editions, student_edition

GUIDE = (ROOT / "notebooks" / "INSTRUCTORS.md").read_text(encoding="utf-8")


def test_readme_links_to_the_guide():
    assert "notebooks/INSTRUCTORS.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_helpers_command_in_the_guide_exists():
    commands = set(re.findall(r"python -m helpers ([a-z-]+)", GUIDE))
    assert commands >= {"new-article", "validate", "lessons", "handouts"}
    for command in commands:
        with pytest.raises(SystemExit) as raised:
            main([command, "--help"])
        assert raised.value.code == 0, command


def test_every_make_target_in_the_guide_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in set(re.findall(r"make ([a-z][a-z-]*)", GUIDE)):
        assert re.search(rf"^{target}:", makefile, re.M), target


def test_hosting_links_open_the_first_lesson():
    for link in re.findall(r"https://\S+urlpath=lab/tree/\S+", GUIDE):
        path = (
            link.split("urlpath=lab/tree/")[1]
            .replace("REPOSITORY_NAME/", "")
            .replace("reading-the-readouts/", "", 1)
        )
        assert (ROOT / path).is_file(), link


def test_requirements_make_the_repository_binder_ready():
    lines = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[-1] == "-e ."
    names = {re.split(r"[<>=!~ ]", line)[0].lower() for line in lines[:-1]}
    assert {"jupyterlab", "ipywidgets", "pandas", "matplotlib"} <= names


def test_the_guides_solution_markers_work_as_described():
    block = re.search(r"( +)# BEGIN SOLUTION: answer = \.\.\.\n(?:.*\n)+? +check\(\"0\.1\", answer\)", GUIDE)
    source = textwrap.dedent(block.group(0))
    cell = new_code_cell(source)
    cell.metadata["tags"] = ["solution"]
    assert (
        student_edition(new_notebook(cells=[cell])).cells[0].source
        == 'answer = ...  # ← your answer here\ncheck("0.1", answer)'
    )


def test_lessons_check_finds_an_edited_student_edition(tmp_path):
    solutions, notebooks = tmp_path / "solutions", tmp_path
    solutions.mkdir()
    source = ROOT / "notebooks" / "solutions" / "00_start_here.ipynb"
    (solutions / source.name).write_bytes(source.read_bytes())
    assert build_student_editions(solutions, notebooks) == [source.name]
    assert build_student_editions(solutions, notebooks, check=True) == []
    edited = nbformat.read(notebooks / source.name, as_version=4)
    edited.cells[0].source += "\nAn edit made in the student edition."
    nbformat.write(edited, notebooks / source.name)
    assert build_student_editions(solutions, notebooks, check=True) == [source.name]


def test_lessons_check_passes_on_the_repository():
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "lessons", "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.notebooks
def test_handouts_render_every_lesson_and_the_claims(tmp_path):
    out = tmp_path / "handouts"
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "handouts", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    lessons = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    # one page a lesson, and the index that links them
    assert sorted(p.stem for p in out.glob("*.html")) == sorted([*lessons, "index"])
    assert (out / "claims.csv").read_text(encoding="utf-8").startswith("claim_id,article_id,language")
    pages = {p.stem: p.read_text(encoding="utf-8") for p in out.glob("*.html")}
    assert all("Traceback" not in page for page in pages.values())
    if len(lessons) > 1:  # the lessons after the first show figures and Arabic
        assert any(re.search(r'<img[^>]*src="data:image/png;base64', page) for page in pages.values())
        assert any(re.search(r'dir="rtl"[^>]*>[^<]*[\u0600-\u06ff]', page) for page in pages.values())
