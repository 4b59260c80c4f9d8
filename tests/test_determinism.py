"""A lesson gives the same outputs every time it runs: the same tables, figure and text.

Students compare their notebook with a classmate's, and instructors compare this
year's handout with last year's: a table that reorders itself, or a figure whose
bytes change from one run to the next, would look like a difference in the data.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

# The lesson on calls has tables and a timeline figure; the first lesson is the fallback.
LESSON = next(
    path
    for path in (
        ROOT / "notebooks" / "02_the_calls.ipynb",
        ROOT / "notebooks" / "solutions" / "00_start_here.ipynb",
    )
    if path.exists()
)


def execute(tmp_path: Path, name: str) -> nbformat.NotebookNode:
    """Run a copy of the lesson, in a copy of its folder, in a fresh kernel."""
    work = tmp_path / name
    shutil.copytree(LESSON.parent, work)
    notebook = nbformat.read(work / LESSON.name, as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    ).execute()
    return notebook


def outputs(notebook: nbformat.NotebookNode) -> list[tuple[int, list[dict]]]:
    """Every code cell's outputs, without what legitimately varies between runs.

    Only timing is left out: cell metadata (where nbclient records when a cell
    started and ended) is not compared, and an ``execution`` entry in an output's
    metadata is dropped. Output data (text, HTML, images) is compared exactly.
    """
    cells = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        cleaned = []
        for output in cell.outputs:
            output = copy.deepcopy(dict(output))
            output.get("metadata", {}).pop("execution", None)
            # A widget's model id is a fresh random id in every kernel; its state is what must agree.
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                output["data"]["application/vnd.jupyter.widget-view+json"] = {**view, "model_id": "<model>"}
            cleaned.append(output)
        cells.append((index, cleaned))
    return cells


@pytest.mark.notebooks
def test_a_lesson_gives_identical_outputs_in_two_fresh_kernels(tmp_path):
    first, second = outputs(execute(tmp_path, "first")), outputs(execute(tmp_path, "second"))
    produced = [o for _, cell in first for o in cell]
    assert not [o for o in produced if o["output_type"] == "error"], "the lesson raised an error"
    # A figure is an image output, or (show_figure) an <img> inside HTML with its description.
    assert any(
        "image/png" in o.get("data", {})
        or "image/svg+xml" in o.get("data", {})
        or "<img" in o.get("data", {}).get("text/html", "")
        for o in produced
    ), f"{LESSON.name} should draw a figure"
    assert any("<table" in o.get("data", {}).get("text/html", "") for o in produced), (
        f"{LESSON.name} should show a table"
    )
    assert len(first) == len(second)
    for (index, ran_once), (_, ran_twice) in zip(first, second):
        assert ran_once == ran_twice, f"cell {index} of {LESSON.name} gave different outputs in a second run"
