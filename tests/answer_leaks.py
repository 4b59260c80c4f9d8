"""Find answers shown before their exercise: reusable by every lesson's tests (issue 12 item 4).

``leaks(notebook)`` takes an *executed* student edition and lists every choice or set
answer found in an output or a markdown cell above the exercise that asks it (the
first cell whose source calls ``check("N.M"`` or ``ask("N.M"``). A value counts as
shown when it occurs as a whole word (case-insensitive, also with spaces for
underscores), as :func:`gives_away` decides. For a judgement item, only
cells that also show its passage count (its claim id or words, its term, its
proposition, its difference): the label of *that* passage must stay hidden. Names (an outlet for its
article id) are not searched: a limit of this check. ``execute(path, tmp_path)`` runs a copy of a notebook the way
tests/test_notebooks.py does.

    from answer_leaks import execute, leaks
    notebook = execute(Path("notebooks/03_claims_and_attribution.ipynb"), tmp_path)
    assert leaks(notebook) == []
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.teaching import forms
from helpers.teaching.exercises import _REGISTRY, _load_lessons

_EXERCISE_CALL = re.compile(r"""\b(?:check|ask|reveal)\(\s*["']([0-9]+\.[0-9]+)["']""")


def execute(path: Path, tmp_path: Path) -> nbformat.NotebookNode:
    """Run a copy of ``path`` in a copy of its folder; return the executed notebook.

    Errors do not stop it (tests/test_notebooks.py is where a failing cell fails a test):
    an answer may leak above a cell that raises.
    """
    work = tmp_path / path.parent.name
    if not work.exists():
        shutil.copytree(path.parent, work, ignore=shutil.ignore_patterns("solutions"))
    notebook = nbformat.read(work / path.name, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(work)}},
    ).execute()
    return notebook


def cell_texts(cell: nbformat.NotebookNode) -> list[str]:
    """What a reader sees of a cell: a markdown cell's source, a code cell's outputs (not its code)."""
    if cell.cell_type == "markdown":
        return [cell.source]
    texts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            texts.append(str(output["text"]))
        for mime, value in output.get("data", {}).items():
            if mime in ("text/plain", "text/markdown"):
                texts.append(str(value))
            elif mime == "text/html":
                markup = re.sub(r"<style.*?</style>", " ", str(value), flags=re.S)
                texts.append(html.unescape(re.sub(r"<[^>]+>", " ", markup)))
    return texts


def _shown(value: str, text: str) -> bool:
    token = forms.normal(value)
    folded = forms.normal(text)
    return any(
        re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", folded)
        for form in {token, token.replace("_", " ")}
        if form
    )


def answers(exercise_id: str) -> tuple[set[str], set[str]]:
    """(the answer's values, every value its question could take) of a choice or set exercise."""
    item = _REGISTRY[exercise_id]
    expected = item.expected(None)
    wanted = (
        {str(v) for v in expected} if isinstance(expected, (set, frozenset, list, tuple)) else {str(expected)}
    )
    domain = item.domain or forms.infer_domain(expected)
    possible = forms.values(domain) if domain in forms.DOMAINS else set()
    return wanted, possible


def _as_value(value: str, text: str) -> bool:
    """``value`` written as a value in prose: in `backticks`, "quotes" or «guillemets», or with its underscore."""
    token = forms.normal(value)
    folded = forms.normal(text)
    if "_" in token and re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", folded):
        return True
    marks = [("`", "`"), ('"', '"'), ("“", "”"), ("«", "»"), ("'", "'")]
    return any(f"{a}{token}{b}" in folded for a, b in marks)


def gives_away(
    text: str, wanted: set[str], possible: set[str], *, markdown: bool, beside_passage: bool
) -> bool:
    """True when ``text`` shows the answer in a way that gives it away.

    * Beside a judgement item's own passage, any mention of its label gives it away.
    * An output (a printed result, a table) gives it away when it *singles it out*:
      it shows the answer's values and no other value the question could take.
    * Markdown gives it away when it singles out an id, or writes a label as a value
      (`contact`, "outlet_voice"); a label word in running prose ("a paraphrase") is
      the lesson teaching the concept, and is not counted.

    >>> kinds = {"contact", "byline", "credit"}
    >>> gives_away("kind: contact", {"contact"}, kinds, markdown=False, beside_passage=False)
    True
    >>> gives_away("byline, contact or credit?", {"contact"}, kinds, markdown=False, beside_passage=False)
    False
    >>> gives_away("The kind is `contact`.", {"contact"}, kinds, markdown=True, beside_passage=False)
    True
    >>> gives_away("A contact line is chrome.", {"contact"}, kinds, markdown=True, beside_passage=False)
    False
    """
    mentioned = {forms.normal(v) for v in (possible or wanted) if _shown(v, text)}
    answer = {forms.normal(v) for v in wanted}
    if not mentioned & answer:
        return False
    if beside_passage:
        return True
    everything = {forms.normal(v) for v in possible}
    if len(everything) > 1 and mentioned >= everything:
        return False  # a legend of every option singles none out
    singled_out = mentioned == answer
    if not markdown:
        return singled_out
    labels = not all("-" in v for v in answer)
    return any(_as_value(v, text) for v in answer) if labels else singled_out


def exercise_cells(notebook: nbformat.NotebookNode) -> dict[str, int]:
    """The index of the first cell that checks or asks each exercise, by exercise id."""
    found: dict[str, int] = {}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            for exercise_id in _EXERCISE_CALL.findall(cell.source):
                found.setdefault(exercise_id, index)
    return found


def leaks(notebook: nbformat.NotebookNode) -> list[str]:
    """Every answer shown above its exercise, as "exercise N.M: 'value' in cell K"."""
    _load_lessons()
    problems = []
    for exercise_id, at in exercise_cells(notebook).items():
        item = _REGISTRY.get(exercise_id)
        if item is None or item.kind not in ("choice", "set"):
            continue
        wanted, possible = answers(exercise_id)
        evidence = item.judgement.evidence() if item.judgement is not None else set()
        for index, cell in enumerate(notebook.cells[:at]):
            for text in cell_texts(cell):
                if evidence and not any(forms.normal(e) in forms.normal(text) for e in evidence):
                    continue  # a judgement item's label matters only beside its own passage
                markdown = cell.cell_type == "markdown"
                if gives_away(text, wanted, possible, markdown=markdown, beside_passage=bool(evidence)):
                    shown = ", ".join(repr(v) for v in sorted(wanted))
                    problems.append(f"exercise {exercise_id}: {shown} in cell {index}")
    return sorted(set(problems))
