"""Every lesson notebook runs top to bottom in a fresh kernel, and is committed clean."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "notebooks" / "solutions").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.parametrize(
    "path",
    NOTEBOOKS + SOLUTIONS,
    ids=[p.stem for p in NOTEBOOKS] + [f"solutions-{p.stem}" for p in SOLUTIONS],
)
def test_notebook_is_committed_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name} has outputs"
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"


def execute(path: Path, tmp_path: Path) -> tuple[nbformat.NotebookNode, float]:
    """Run a copy of ``path`` in a copy of its folder, so nothing is written beside the lessons."""
    work = tmp_path / path.parent.name
    shutil.copytree(path.parent, work)
    notebook = nbformat.read(work / path.name, as_version=4)
    started = time.perf_counter()
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    ).execute()
    seconds = time.perf_counter() - started
    errors = [
        o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert not errors, errors
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "notebook-times.tsv", "a", encoding="utf-8") as log:
        log.write(f"{path.parent.name}/{path.name}\t{seconds:.2f}\n")
    print(f"{path.parent.name}/{path.name}: {seconds:.2f} s")
    return notebook, seconds


def check_results(notebook: nbformat.NotebookNode) -> list[str]:
    """The text of every exercise check's feedback, in order."""
    results = []
    for cell in notebook.cells:
        if cell.cell_type == "code" and "check(" in cell.source:
            for output in cell.outputs:
                text = output.get("data", {}).get("text/plain", "")
                if text.startswith(("✔", "✘")):
                    results.append(text)
    return results


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_student_notebook_runs_top_to_bottom(path, tmp_path):
    notebook, _ = execute(path, tmp_path)
    # Unanswered exercises say so, instead of failing or revealing anything.
    assert all(r.startswith("✘ Not answered yet") for r in check_results(notebook))


@pytest.mark.notebooks
@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.stem for p in SOLUTIONS])
def test_solutions_pass_every_check(path, tmp_path):
    notebook, _ = execute(path, tmp_path)
    results = check_results(notebook)
    assert results and all(r.startswith("✔") for r in results), results
