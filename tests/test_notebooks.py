"""Every lesson notebook runs top to bottom in a fresh kernel, and is committed clean."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name} has outputs"
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path, tmp_path):
    # Run a copy, in a copy of the notebooks folder, so nothing is written beside the lessons.
    work = tmp_path / "notebooks"
    shutil.copytree(path.parent, work)
    notebook = nbformat.read(work / path.name, as_version=4)
    started = time.perf_counter()
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
    seconds = time.perf_counter() - started
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "notebook-times.tsv", "a", encoding="utf-8") as log:
        log.write(f"{path.name}\t{seconds:.2f}\n")
    print(f"{path.name}: {seconds:.2f} s")
