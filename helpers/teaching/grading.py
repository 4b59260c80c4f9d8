"""Grading with nbgrader: the solutions edition turned into nbgrader source assignments.

``python -m helpers nbgrader COURSE_DIR`` writes, for every notebook of
``notebooks/solutions/`` (or those named), ``COURSE_DIR/source/<name>/<name>.ipynb``
and a ``COURSE_DIR/nbgrader_config.py`` if there is none. In each notebook:

* a solution region (``# BEGIN SOLUTION`` … ``# END SOLUTION``) becomes an nbgrader
  solution region (``### BEGIN SOLUTION`` … ``### END SOLUTION``); students see the
  usual placeholder ``answer = ...``;
* every exercise checked in place (``check("3.2", answer)``, or ``record("A.1", answer)``
  in the assessment) gets an autograded test cell after it, worth :data:`POINTS` points,
  that asks the project's own checker whether the answer is right; the assessment's
  tests are hidden, so students cannot probe them;
* a judgement item shown as a widget (``ask("3.4")``, whose choice the notebook does not
  save) becomes a typed item: its question with the possible values, its passage, an
  answer cell (``answer = ...``, then ``check``) and an autograded test;
* every reflection (a cell where the student writes, "*Your answer here.*", followed by
  a markdown cell tagged ``solution`` with its model answer) becomes a manually graded
  answer cell, worth the points its rubric states (else :data:`REFLECTION_POINTS`); in
  the source it holds the model answer and the rubric, for the grader; other model
  answers (to discussion questions, say) are left out;
* cells tagged ``instructor`` are left out.

From there on it is plain nbgrader (run with the environment's ``bin/`` on PATH, as
nbgrader calls ``alembic`` by name): ``nbgrader generate_assignment``, collect,
``nbgrader autograde``, grade the reflections in the formgrader, ``nbgrader export``.
The instructors' guide walks through it.

>>> from nbformat.v4 import new_code_cell, new_notebook
>>> cell = new_code_cell('# BEGIN SOLUTION: answer = ...\\nanswer = 5\\n# END SOLUTION\\ncheck("0.1", answer)')
>>> cell.metadata["tags"] = ["solution"]
>>> cells = nbgrader_notebook(new_notebook(cells=[cell]), "00_start_here").cells
>>> print(cells[0].source)
### BEGIN SOLUTION
answer = 5
### END SOLUTION
check("0.1", answer)
>>> cells[1].metadata["nbgrader"]["points"], "passes(\\"0.1\\", answer)" in cells[1].source
(1, True)
"""

from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell

from ..data.files import write_atomically
from .editions import SOLUTIONS_DIR, notebook_json

__all__ = [
    "POINTS",
    "REFLECTION_POINTS",
    "REFLECTION_RUBRIC",
    "CODE_STUB",
    "TEXT_STUB",
    "nbgrader_notebook",
    "write_course",
    "passes",
]

POINTS = 1
REFLECTION_POINTS = 3
CODE_STUB = "answer = ...  # ← your answer here"
TEXT_STUB = "*Write your answer here (double-click to edit).*"
REFLECTION_RUBRIC = (
    "**How this answer is marked ({points} points).** "
    "1 point: it takes a clear position on the question. "
    "1 point: it supports it with the article's own words or labels (a quotation, who is credited, "
    "how), accurately. "
    "1 point: it says what stays unknown or uncertain, and what one would need to check it."
)
_SCHEMA = 3
_BEGIN = re.compile(r"^(?P<indent>\s*)# BEGIN SOLUTION(?::\s*(?P<placeholder>.*))?$")
_END = re.compile(r"^(?P<indent>\s*)# END SOLUTION\s*$")
_RUBRIC = re.compile(r"^(?:#+|\*\*)[^\n]*rubric", re.I | re.M)
_CALLS = ("check", "record")


def passes(exercise_id: str, answer: object) -> bool:
    """True if ``answer`` to ``exercise_id`` is right, as the lessons' own checker judges it.

    What nbgrader's test cells call. An unanswered ``...`` is never right.

    >>> passes("A.1", "anonymous_source"), passes("A.1", ...), passes("A.1", "outlet_voice")
    (True, False, False)
    """
    from . import exercises
    from .exercises import assessment  # noqa: F401 (registers the assessment's items)

    if answer is ...:
        return False
    return bool(getattr(exercises.check(exercise_id, answer), "correct", False))


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _checked(source: str) -> list[tuple[str, str, str]]:
    """(function, exercise id, answer expression) of each check/record call in a code cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _CALLS
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.func.id, node.args[0].value, ast.unparse(node.args[1])))
    return sorted(found, key=lambda call: source.find(call[1]))


def _nbgrader_regions(source: str, where: str) -> str:
    lines = []
    for line in source.split("\n"):
        begin, end = _BEGIN.match(line), _END.match(line)
        if begin:
            placeholder = (begin.group("placeholder") or "").strip()
            if placeholder and placeholder.replace(" ", "") != CODE_STUB.split("#")[0].replace(" ", ""):
                raise ValueError(
                    f"{where}: nbgrader shows {CODE_STUB!r}; this solution's placeholder differs"
                )
            lines.append(f"{begin.group('indent')}### BEGIN SOLUTION")
        elif end:
            lines.append(f"{end.group('indent')}### END SOLUTION")
        else:
            lines.append(line)
    return "\n".join(lines)


def _meta(cell, grade_id: str, *, solution: bool, grade: bool, points: int = 0, locked: bool = False):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": _SCHEMA}
    meta["solution"] = solution
    if grade:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    cell.metadata.pop("tags", None)
    return cell


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def _test_cell(function: str, exercise_id: str, expression: str):
    message = json.dumps(f"exercise {exercise_id} is not right yet")
    lines = [f"assert passes({json.dumps(exercise_id)}, {expression}), {message}"]
    if function == "record":  # the assessment gives no feedback: its tests stay hidden
        lines = ["### BEGIN HIDDEN TESTS", *lines, "### END HIDDEN TESTS"]
    source = "\n".join(
        [
            f"# Checked by the autograder: exercise {exercise_id} ({POINTS} point{'s' if POINTS != 1 else ''}).",
            "from helpers.teaching.grading import passes",
            "",
            *lines,
        ]
    )
    return _meta(
        new_code_cell(source),
        f"check-{_slug(exercise_id)}",
        solution=False,
        grade=True,
        points=POINTS,
        locked=True,
    )


def _asked(source: str) -> list[str]:
    """The ids of the judgement items a cell shows as widgets: ``ask("3.4")``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "ask"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def _judgement_cells(item_id: str, data_dir: Path | None = None) -> list:
    """A judgement item answered by typing, as nbgrader grades it: question, passage, answer, test.

    In JupyterLab the item is a widget (``ask``), whose choice is not saved in the notebook;
    for grading, the student types the value instead (the choices are listed).
    """
    from . import exercises

    exercises._load_lessons()
    item = exercises._REGISTRY[item_id]
    choices = item.judgement.choices(data_dir)
    listed = "; ".join(f"`{value}` ({label})" if label != value else f"`{value}`" for label, value in choices)
    several = item.kind == "set"
    how = 'a list of values, e.g. `answer = ["a", "b"]`' if several else "one value between quotation marks"
    question = new_markdown_cell(
        f"**Exercise {item_id}** · {item.question}\n\nRead the passage below, then type your answer as {how}. "
        f"The possible values: {listed}."
    )
    question = _meta(question, f"question-{_slug(item_id)}", solution=False, grade=False, locked=True)
    shown = new_code_cell(f"from helpers.teaching.judgement import passage\n\npassage({json.dumps(item_id)})")
    shown = _meta(shown, f"passage-{_slug(item_id)}", solution=False, grade=False, locked=True)
    expected = item.expected(data_dir)
    value = (
        json.dumps(sorted(expected), ensure_ascii=False)
        if several
        else json.dumps(str(expected), ensure_ascii=False)
    )
    answer = new_code_cell(
        f"### BEGIN SOLUTION\nanswer = {value}\n### END SOLUTION\ncheck({json.dumps(item_id)}, answer)"
    )
    answer = _meta(answer, f"answer-{_slug(item_id)}", solution=True, grade=False)
    return [question, shown, answer, _test_cell("check", item_id, "answer")]


def _reflection(model: str, number: int) -> list:
    """A written answer, graded by hand: a read-only note for the student, and the answer cell.

    In the source, the answer cell holds the model answer and the rubric (the rubric written
    in the model answer's cell, or the generic :data:`REFLECTION_RUBRIC`); nbgrader replaces
    it with :data:`TEXT_STUB` in what students get, so neither reaches them.
    """
    match = _RUBRIC.search(model)
    rubric = model[match.start() :] if match else REFLECTION_RUBRIC.format(points=REFLECTION_POINTS)
    # The points the rubric gives the reflection (a rubric may also mark other work, in other points).
    stated = re.search(r"reflection\W[^\n]*?(\d+)\s*points?\b", rubric, re.I) or re.search(
        r"(\d+)\s*points?\b", rubric
    )
    points = int(stated.group(1)) if match and stated else REFLECTION_POINTS
    note = new_markdown_cell(
        f"*Your written answer goes in the next cell. Your instructor marks it ({points} points).*"
    )
    note = _meta(note, f"about-reflection-{number}", solution=False, grade=False, locked=True)
    answer = model if match else f"{model}\n\n---\n\n{rubric}"
    answer_cell = _meta(
        new_markdown_cell(answer), f"reflection-{number}", solution=True, grade=True, points=points
    )
    return [note, answer_cell]


def nbgrader_notebook(source: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """The nbgrader source version of one solutions-edition notebook (see the module's docstring).

    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> model = new_markdown_cell("A model answer.")
    >>> model.metadata["tags"] = ["solution"]
    >>> cells = nbgrader_notebook(new_notebook(cells=[new_markdown_cell("*Your answer here.*"), model])).cells
    >>> [c.metadata["nbgrader"]["grade_id"] for c in cells], cells[1].metadata["nbgrader"]["points"]
    (['about-reflection-1', 'reflection-1'], 3)
    """
    notebook = copy.deepcopy(source)
    cells, reflections = [], 0
    for index, cell in enumerate(notebook.cells):
        tags, where = _tags(cell), f"{name}, cell {index}"
        if "instructor" in tags:
            continue
        if cell.cell_type == "markdown" and "solution" in tags:
            # After the cell where a student writes, a model answer makes it a graded reflection;
            # other model answers (to discussion questions, to judgement items) stay out.
            if cells and cell_is_placeholder(cells[-1]):
                cells.pop()
                reflections += 1
                cells += _reflection(cell.source, reflections)
            continue
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            asked = _asked(cell.source)
            if asked:  # whether or not the cell is tagged solution
                for item_id in asked:
                    cells += _judgement_cells(item_id)
                continue
            calls = [c for c in _checked(cell.source) if c[0] in _CALLS]
            if "solution" in tags:
                cell.source = _nbgrader_regions(cell.source, where)
                slug = _slug(calls[0][1]) if calls else str(index)
                cells.append(_meta(cell, f"answer-{slug}", solution=True, grade=False))
            else:
                cells.append(cell)
            cells += [_test_cell(*call) for call in calls]
            continue
        cells.append(cell)
    notebook.cells = cells
    return notebook


def cell_is_placeholder(cell) -> bool:
    """True for a short, untagged markdown cell in which a student is to write an answer.

    >>> from nbformat.v4 import new_markdown_cell
    >>> cell_is_placeholder(new_markdown_cell("*Your answer here.*")), cell_is_placeholder(new_markdown_cell("## Summary"))
    (True, False)
    """
    text = cell.source.strip().strip("*_").casefold()
    return (
        cell.cell_type == "markdown"
        and not _tags(cell)
        and "nbgrader" not in cell.metadata
        and (text.startswith(("your ", "write your ", "double-click")) and len(text) < 200 or not text)
    )


CONFIG = """# nbgrader configuration written by `python -m helpers nbgrader`; edit freely.
c = get_config()  # noqa: F821 (nbgrader provides it)
c.CourseDirectory.course_id = "reading-the-readouts"
c.ClearSolutions.code_stub = {{"python": {code_stub!r}}}
c.ClearSolutions.text_stub = {text_stub!r}
# A lesson runs in well under a minute; give a slow machine room.
c.ExecutePreprocessor.timeout = 300
"""


def write_course(
    course_dir: str | Path, names: list[str] | None = None, solutions_dir: Path = SOLUTIONS_DIR
) -> list[Path]:
    """Write nbgrader source assignments (one per notebook) and a config into ``course_dir``.

    ``names`` selects notebooks by stem (``["assessment", "03_claims_and_attribution"]``);
    by default every notebook of the solutions edition. Returns the files written.
    Existing source notebooks are overwritten; an existing ``nbgrader_config.py`` is kept.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as course:
    ...     [p.relative_to(course).as_posix() for p in write_course(course, ["assessment"])]
    ['nbgrader_config.py', 'source/assessment/assessment.ipynb']
    """
    course = Path(course_dir)
    paths = sorted(solutions_dir.glob("*.ipynb"))
    if names:
        known = {p.stem: p for p in paths}
        missing = [n for n in names if n not in known]
        if missing:
            raise ValueError(
                f"no notebook {', '.join(missing)} in {solutions_dir} — use one of: {', '.join(known)}"
            )
        paths = [known[n] for n in names]
    written = []
    config = course / "nbgrader_config.py"
    if not config.exists():
        course.mkdir(parents=True, exist_ok=True)
        write_atomically(config, CONFIG.format(code_stub=CODE_STUB, text_stub=TEXT_STUB))
        written.append(config)
    for path in paths:
        notebook = nbgrader_notebook(nbformat.read(path, as_version=4), path.name)
        target = course / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, notebook_json(notebook))
        written.append(target)
    return written
