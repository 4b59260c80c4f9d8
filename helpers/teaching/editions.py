"""The two editions of the lessons, built from one source.

The source of every lesson is its *solutions edition*, ``notebooks/solutions/``:
the full lesson, worked solutions included. The *student edition*, the notebook
of the same name in ``notebooks/``, is generated from it by
:func:`build_student_editions` (``python -m helpers lessons``); never edit it by hand.

In the source, a solution is marked in one of two ways:

* a code cell tagged ``solution`` holds lines between ``# BEGIN SOLUTION`` and
  ``# END SOLUTION``; the student edition replaces them with the placeholder
  written after the colon on the BEGIN line (``# BEGIN SOLUTION: answer = ...``);
* a markdown cell tagged ``solution`` (a model answer to a reflection question)
  is left out of the student edition;
* a cell of either kind tagged ``instructor`` (an answer key checked in the
  solutions edition, say) is left out of the student edition.

The tests rebuild the student editions in memory and fail if a committed copy
differs (drift) or holds any solution text (a leak).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat

from ..data.files import write_atomically

__all__ = [
    "NOTEBOOKS_DIR",
    "SOLUTIONS_DIR",
    "student_edition",
    "build_student_editions",
    "solution_lines",
    "notebook_json",
]

NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"
SOLUTIONS_DIR = NOTEBOOKS_DIR / "solutions"
SOLUTION_TAG = "solution"
INSTRUCTOR_TAG = "instructor"
_BEGIN = re.compile(r"^(?P<indent>\s*)# BEGIN SOLUTION(?::\s*(?P<placeholder>.*))?$")
_END = re.compile(r"^\s*# END SOLUTION\s*$")


def _is_solution(cell) -> bool:
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def _is_instructor(cell) -> bool:
    return INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", [])


def _strip_solution(source: str, where: str) -> str:
    lines, out, inside = source.split("\n"), [], False
    for line in lines:
        begin = _BEGIN.match(line)
        if begin:
            if inside:
                raise ValueError(f"{where}: BEGIN SOLUTION inside another solution")
            inside = True
            placeholder = begin.group("placeholder") or "..."
            out.append(f"{begin.group('indent')}{placeholder}  # ← your answer here")
        elif _END.match(line):
            if not inside:
                raise ValueError(f"{where}: END SOLUTION without BEGIN SOLUTION")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{where}: BEGIN SOLUTION without END SOLUTION")
    return "\n".join(out)


def student_edition(source: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """The student edition of a source notebook: solutions replaced or left out.

    >>> from nbformat.v4 import new_notebook, new_code_cell
    >>> cell = new_code_cell("# BEGIN SOLUTION: answer = ...\\nanswer = 5\\n# END SOLUTION\\ncheck('1.1', answer)")
    >>> cell.metadata["tags"] = ["solution"]
    >>> student_edition(new_notebook(cells=[cell])).cells[0].source
    "answer = ...  # ← your answer here\\ncheck('1.1', answer)"
    """
    notebook = copy.deepcopy(source)
    cells = []
    for index, cell in enumerate(notebook.cells):
        if _is_instructor(cell):
            continue
        if _is_solution(cell):
            if cell.cell_type != "code":
                continue
            if not any(_BEGIN.match(line) for line in cell.source.split("\n")):
                # Copied through, the whole cell would be a solution the student sees.
                raise ValueError(f"{name}, cell {index}: tagged solution but has no BEGIN SOLUTION marker")
            cell.source = _strip_solution(cell.source, f"{name}, cell {index}")
            cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != SOLUTION_TAG]
            if not cell.metadata["tags"]:
                del cell.metadata["tags"]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    notebook.cells = cells
    return notebook


def solution_lines(source: nbformat.NotebookNode) -> list[str]:
    """Every non-trivial line of solution text in a source notebook (to look for leaks)."""
    found = []
    for cell in source.cells:
        if not (_is_solution(cell) or _is_instructor(cell)):
            continue
        if cell.cell_type != "code" or _is_instructor(cell):
            found += [line.strip() for line in cell.source.splitlines() if len(line.strip()) > 12]
            continue
        inside = False
        for line in cell.source.splitlines():
            if _BEGIN.match(line):
                inside = True
            elif _END.match(line):
                inside = False
            elif inside and len(line.strip()) > 12:
                found.append(line.strip())
    return found


def notebook_json(notebook: nbformat.NotebookNode) -> str:
    """A notebook as the diff-friendly JSON we commit (what nbformat writes)."""
    return nbformat.writes(notebook) + "\n"


def build_student_editions(
    solutions_dir: Path = SOLUTIONS_DIR, notebooks_dir: Path = NOTEBOOKS_DIR, check: bool = False
) -> list[str]:
    """Write (or with ``check``, only compare) the student edition of every source notebook.

    Returns the names of the notebooks that were written (or that differ). Writes
    each file atomically, and only when its content changes.

    >>> build_student_editions(check=True)
    []
    """
    changed = []
    for path in sorted(solutions_dir.glob("*.ipynb")):
        source = nbformat.read(path, as_version=4)
        text = notebook_json(student_edition(source, path.name))
        target = notebooks_dir / path.name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            changed.append(path.name)
            if not check:
                write_atomically(target, text)
    return changed


def clean_source(path: Path) -> bool:
    """Remove outputs and execution counts from a source notebook; True if it changed."""
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    cleaned = notebook_json(notebook)
    if cleaned != text:
        write_atomically(path, cleaned)
        return True
    return False
