"""The student release: a copy of the collection with nothing a student should not see.

``python -m helpers student-release OUT_DIR`` (or ``make student-release OUT=…``) writes
into ``OUT_DIR`` (new, or empty) what students need to run every lesson, and nothing more:

* the student editions (``notebooks/*.ipynb``: the lessons, the explorer, the assessment)
  and the students' glossary (``notebooks/glossary.md``), never the solutions edition,
  the instructors' guide or the rest of its folder;
* ``data/``, the ``helpers`` package, ``requirements.txt``, ``pyproject.toml`` and
  ``binder/`` (so Binder and nbgitpuller work as for the full repository), a short
  README and a Makefile with ``make lab``;
* feedback that, after three tries, sends students to their instructor instead of to
  ``notebooks/solutions/`` (the engine's ``AFTER_TRIES`` setting, set to ``"instructor"``
  in the copy);
* no hint that holds a solution: any hint or advice of the exercise modules (``hints=``,
  ``wrong=``) that contains a line of code from a solution region of the solutions
  edition is replaced by :data:`WITHHELD` in the copy.

The instructor pushes the folder to a repository (or a branch) and shares its
nbgitpuller or Binder link. Nothing is written outside ``OUT_DIR``.

>>> sorted(fragments_of("answer = len(rows)  # count them")), fragments_of('answer = "a value"')
(['len(rows)'], set())
"""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .editions import NOTEBOOKS_DIR, SOLUTIONS_DIR, solution_lines

__all__ = ["Release", "ReleaseError", "write_release", "solution_fragments", "fragments_of", "WITHHELD"]

ROOT = NOTEBOOKS_DIR.parent
WITHHELD = "If you are stuck after this, ask your instructor for the next step."
AFTER_TRIES_LINE = re.compile(r'^AFTER_TRIES = "solutions"$', re.M)
# Files and folders copied as they are when they exist; the first three must.
REQUIRED = ("data", "helpers", "requirements.txt", "pyproject.toml")
OPTIONAL = ("binder", "voila.py", "LICENSE", "LICENSE.md")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info")
# What students may call themselves, so it is no leak when it stands in a solution region too.
STUDENT_CALLS = re.compile(r"^(ask|reveal)\(")

README = """# Reading the Readouts (student copy)

Jupyter lessons on how five news articles, in Arabic, English and Vietnamese, report
the same diplomatic phone calls of the 2022 Ukraine crisis.

**Open the lessons.** With Python 3.11 or newer: `make lab` in this folder (or
`python3 -m venv .venv`, activate it, `pip install -r requirements.txt`, then
`jupyter lab notebooks/00_start_here.ipynb`). On a JupyterHub or Binder your
instructor gives you a link that opens the first lesson.

Start with `notebooks/00_start_here.ipynb`; the words the lessons use are explained in
`notebooks/glossary.md`. Your instructor may also ask you to take
`notebooks/assessment.ipynb` before lesson 1 and after the capstone. If you are stuck
on an exercise, ask your instructor.
"""

MAKEFILE = """# `make lab` sets up a virtual environment in .venv (the first time) and opens the lessons.
PYTHON ?= python3
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.venv/.installed: requirements.txt pyproject.toml
\t$(PYTHON) -m venv .venv
\t.venv/bin/python -m pip install --quiet -r requirements.txt
\ttouch $@

lab: .venv/.installed
\t.venv/bin/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

.PHONY: lab
"""


class ReleaseError(Exception):
    """The release cannot be written (the folder is not empty, or the engine changed)."""


@dataclass
class Release:
    """What :func:`write_release` wrote: the folder, the notebooks, and what it changed."""

    root: Path
    lessons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _normal(code: str) -> str:
    return re.sub(r"\s+", "", code).replace("'", '"')


def fragments_of(line: str) -> set[str]:
    """The code of one solution line as a hint could quote it: no comment, no ``answer =``."""
    code = line.split("  #")[0].strip()
    if code.startswith("#") or STUDENT_CALLS.match(code):
        return set()
    code = re.sub(r"^answer\s*=\s*", "", code)
    try:  # a bare value ("spokesperson", 14) is an answer, not code: see the engine's own rule
        ast.literal_eval(code)
        return set()
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        pass
    return {code} if len(_normal(code)) >= 8 else set()


def solution_fragments(solutions_dir: Path = SOLUTIONS_DIR) -> dict[str, set[str]]:
    """Every code fragment of every solution region, and every model-answer line, by notebook.

    >>> "len(articles)" in solution_fragments()["00_start_here.ipynb"]
    True
    """
    found = {}
    for path in sorted(solutions_dir.glob("*.ipynb")):
        fragments: set[str] = set()
        for line in solution_lines(nbformat.read(path, as_version=4)):
            fragments |= fragments_of(line) if not _looks_like_prose(line) else {line}
        found[path.name] = fragments
    return found


def _looks_like_prose(line: str) -> bool:
    return bool(re.search(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}", line)) and not re.search(r"[=(\[]", line)


def _withhold_hints(path: Path, fragments: set[str]) -> int:
    """Replace each hint or advice (``hints=``, ``wrong=``) that holds a solution fragment; return how many."""
    data = path.read_bytes()
    wanted = {_normal(f) for f in fragments if not _looks_like_prose(f)}
    lines = [0]
    for line in data.splitlines(keepends=True):
        lines.append(lines[-1] + len(line))
    advice = [  # the values of hints= and wrong= in the calls that declare exercises
        keyword.value
        for call in ast.walk(ast.parse(data))
        if isinstance(call, ast.Call)
        for keyword in call.keywords
        if keyword.arg in ("hints", "wrong")
    ]
    spans = [
        (lines[node.lineno - 1] + node.col_offset, lines[node.end_lineno - 1] + node.end_col_offset)
        for value in advice
        for node in ast.walk(value)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(w in _normal(node.value) for w in wanted)
    ]
    for begin, end in sorted(spans, reverse=True):  # ast offsets count bytes
        data = data[:begin] + repr(WITHHELD).encode("utf-8") + data[end:]
    if spans:
        path.write_bytes(data)
    return len(spans)


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, ignore=IGNORED)
    else:
        shutil.copy2(source, target)


def write_release(out_dir: str | Path, root: Path = ROOT) -> Release:
    """Write the student release into ``out_dir`` (created; it must not hold anything yet).

    Returns what was written. Raises :class:`ReleaseError`, writing nothing, when
    ``out_dir`` is not empty or lies inside the repository.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     release = write_release(Path(folder) / "students")
    ...     (release.root / "notebooks" / "solutions").exists(), "assessment.ipynb" in release.lessons
    (False, True)
    """
    out = Path(out_dir).resolve()
    if out.exists() and any(out.iterdir()):
        raise ReleaseError(f"{out} is not empty — give a new or empty folder")
    if out == root.resolve() or root.resolve() in out.parents:
        raise ReleaseError(f"{out} is inside the repository — give a folder outside it")
    missing = [name for name in REQUIRED if not (root / name).exists()]
    if missing:
        raise ReleaseError(f"{', '.join(missing)} not found in {root}")
    exercises = root / "helpers" / "teaching" / "exercises" / "__init__.py"
    if not AFTER_TRIES_LINE.search(exercises.read_text(encoding="utf-8")):
        raise ReleaseError(f'{exercises}: no line AFTER_TRIES = "solutions" to switch to "instructor"')
    out.mkdir(parents=True, exist_ok=True)
    release = Release(out)
    for name in REQUIRED + OPTIONAL:
        if (root / name).exists():
            _copy(root / name, out / name)
    (out / "notebooks").mkdir()
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        shutil.copy2(path, out / "notebooks" / path.name)
        release.lessons.append(path.name)
    glossary = root / "notebooks" / "instructors" / "glossary.md"
    if glossary.is_file():  # the one page of the instructors' kit written for students
        shutil.copy2(glossary, out / "notebooks" / "glossary.md")
    (out / "README.md").write_text(README, encoding="utf-8")
    (out / "Makefile").write_text(MAKEFILE, encoding="utf-8")
    copied = out / "helpers" / "teaching" / "exercises" / "__init__.py"
    text = copied.read_text(encoding="utf-8")
    copied.write_text(AFTER_TRIES_LINE.sub('AFTER_TRIES = "instructor"', text), encoding="utf-8")
    release.notes.append("after three tries, the feedback says to ask the instructor")
    fragments = set().union(*solution_fragments(root / "notebooks" / "solutions").values())
    teaching = out / "helpers" / "teaching"
    modules = sorted((teaching / "exercises").glob("*.py")) + sorted(teaching.glob("judgement.py"))
    withheld = sum(_withhold_hints(p, fragments) for p in modules)
    release.notes.append(f"{withheld} hint{'s' if withheld != 1 else ''} that showed a solution withheld")
    return release
