"""The student release: everything students need to run the lessons, and no solution or answer.

The release is written once into a temporary folder; its own copy of `helpers` is what
the checks and the notebooks below import (PYTHONPATH points at the release).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import DATA, ROOT, folder_digest
from nbclient import NotebookClient

from helpers.cli import main
from helpers.teaching.editions import SOLUTIONS_DIR, solution_lines
from helpers.teaching.release import WITHHELD, ReleaseError, solution_fragments, write_release

TEXT_SUFFIXES = {".py", ".ipynb", ".md", ".txt", ".csv", ".toml", ".cfg", ".json", ""}


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "student"
    assert main(["student-release", str(out)]) == 0
    return out


def in_release(release: Path, code: str) -> str:
    """Run Python code with the release's own helpers (not the repository's) and return its output."""
    env = {**os.environ, "PYTHONPATH": str(release)}
    env.pop("READOUTS_DATA", None)
    env.pop("READOUTS_AFTER_TRIES", None)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=release / "notebooks", env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def texts(release: Path) -> dict[str, str]:
    """What a student reads in the release: every text file, and of Python files every string.

    The checkers' own code is left out: it computes each answer from the data, by design
    (students could call it anyway); what it shows (questions, hints, advice, docstrings) is in.
    """
    found = {}
    for path in sorted(release.rglob("*")):
        if not (path.is_file() and path.suffix in TEXT_SUFFIXES):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".ipynb":  # the cells as a student reads them, not JSON-escaped
            text = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells)
        elif path.suffix == ".py":
            strings = [n.value for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Constant)]
            text = "\n".join(s for s in strings if isinstance(s, str))
        found[str(path.relative_to(release))] = text
    return found


def test_the_release_holds_the_student_editions_data_and_helpers_only(release):
    notebooks = sorted(p.name for p in (release / "notebooks").glob("*.ipynb"))
    assert notebooks == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in (release / "notebooks").iterdir()) == sorted([*notebooks, "glossary.md"])
    glossary = ROOT / "notebooks" / "instructors" / "glossary.md"
    assert (release / "notebooks" / "glossary.md").read_bytes() == glossary.read_bytes()
    for name in notebooks:
        assert (release / "notebooks" / name).read_bytes() == (ROOT / "notebooks" / name).read_bytes()
    assert "assessment.ipynb" in notebooks
    assert not (release / "notebooks" / "solutions").exists()
    assert not (release / "notebooks" / "INSTRUCTORS.md").exists()
    assert not (release / "notebooks" / "instructors").exists()
    assert not (release / "tests").exists()
    assert folder_digest(release / "data") == folder_digest(DATA)
    for name in ("requirements.txt", "pyproject.toml", "README.md", "Makefile", "helpers/__init__.py"):
        assert (release / name).is_file(), name
    if (ROOT / "binder").is_dir():
        assert folder_digest(release / "binder") == folder_digest(ROOT / "binder")
    assert "solutions" not in (release / "README.md").read_text(encoding="utf-8")
    assert not list(release.rglob("__pycache__"))


def test_the_release_imports_its_own_helpers(release):
    assert Path(in_release(release, "import helpers; print(helpers.__file__)").strip()).is_relative_to(
        release
    )


def test_no_solution_line_appears_anywhere_in_the_release(release):
    every = texts(release)
    leaks = []
    for path in sorted(SOLUTIONS_DIR.glob("*.ipynb")):
        for line in solution_lines(nbformat.read(path, as_version=4)):
            leaks += [(path.name, line, name) for name, text in every.items() if line in text]
    assert not leaks, leaks[:5]
    # Code written differently (spacing, quotes) still counts: compare without either.
    code = {
        n: re.sub(r"\s+", "", t).replace("'", '"') for n, t in every.items() if n.endswith((".py", ".ipynb"))
    }
    for notebook, fragments in solution_fragments().items():
        for fragment in fragments:
            wanted = re.sub(r"\s+", "", fragment).replace("'", '"')
            if len(wanted) < 16:  # e.g. len(articles): code a lesson teaches, not a solution by itself
                continue
            found = [n for n, t in code.items() if wanted in t]
            assert not found, f"{notebook}: solution {fragment!r} is in {found}"


def test_the_fragment_check_catches_a_hint_that_shows_the_solution():
    fragments = set().union(*solution_fragments().values())
    assert 'claims[claims["speaker"] == "price"]' in fragments or len(fragments) > 10
    assert not {f for f in fragments if f.startswith(("ask(", "reveal("))}  # students call these themselves


def test_no_expected_answer_is_written_in_the_release(release):
    every = texts(release)
    # No answer key: every answer line of every notebook is the placeholder.
    for path in sorted((release / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for line in cell.source.splitlines() if cell.cell_type == "code" else []:
                if re.match(r"\s*answer\s*=", line):
                    assert re.match(r"\s*answer\s*=\s*\.\.\.", line), f"{path.name}: {line}"
    assert not [n for n in every if "key" in Path(n).stem.lower() and "notebooks" in n]
    # No hint or advice of an exercise names its answer (the release's own registry, computed from its data).
    items = json.loads(
        in_release(
            release,
            "import json\n"
            "from helpers.teaching import exercises as ex\n"
            "from helpers.teaching.exercises import assessment\n"
            "ex._load_lessons()\n"
            "rows = []\n"
            "for e in ex._REGISTRY.values():\n"
            "    value = e.expected(None)\n"
            "    values = sorted(map(str, value)) if isinstance(value, (set, list, tuple)) else [str(value)]\n"
            "    rows.append([e.id, e.kind, values, list(e.hints) + list(e.wrong.values())])\n"
            "print(json.dumps(rows))\n",
        )
    )
    assert len(items) >= 30 and any(i[0] == "A.1" for i in items)
    # A hint shared by items with different answers (a judgement kind's guide, which names every
    # label alike) points to none of them.
    answers_of: dict[str, set[str]] = {}
    for _, _, values, advice in items:
        for text in advice:
            answers_of.setdefault(text, set()).add(json.dumps(values))
    for item_id, kind, values, advice in items:
        advice = [a for a in advice if len(answers_of[a]) == 1]
        if kind in ("choice", "set", "text"):
            for value in values:
                named = [a for a in advice if len(value) >= 4 and re.search(rf"\b{re.escape(value)}\b", a)]
                assert not named, f"{item_id}: a hint names the answer {value!r}: {named}"


def test_feedback_in_the_release_sends_students_to_their_instructor(release):
    out = in_release(
        release,
        "from helpers.teaching.exercises import check\n"
        "for answer in (1000, 2000, 3000):\n"
        "    feedback = check('0.1', answer)\n"
        "print(feedback.message)\n",
    )
    assert "instructor" in out and "notebooks/solutions" not in out
    assert WITHHELD in (release / "helpers" / "teaching" / "exercises" / "lesson0.py").read_text(
        encoding="utf-8"
    )


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ReleaseError, match="not empty"):
        write_release(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]
    with pytest.raises(ReleaseError, match="inside the repository"):
        write_release(ROOT / "release-here")
    assert not (ROOT / "release-here").exists()


@pytest.mark.notebooks
@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")))
def test_every_notebook_runs_in_the_release(release, name, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(release))  # the kernel imports the release's helpers
    monkeypatch.delenv("READOUTS_DATA", raising=False)
    work = release / "notebooks"
    notebook = nbformat.read(work / name, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell("import helpers\nprint(helpers.__file__)"))
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    ).execute()
    errors = [
        o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert not errors, errors
    assert notebook.cells[0].outputs[0]["text"].strip().startswith(str(release))
