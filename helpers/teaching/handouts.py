"""Handouts: every lesson executed and rendered to static HTML, for printing or posting.

``python -m helpers handouts`` writes ``handouts/NN_lesson.html`` for each lesson
(figures embedded, Arabic right to left, exactly as in JupyterLab) and
``handouts/claims.csv`` with every claim and its context, for a printed
handout. It runs each notebook on a temporary copy, so nothing is written
beside the lessons, and never writes into ``data/``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import nbformat

from ..data.files import write_atomically
from .editions import NOTEBOOKS_DIR, SOLUTIONS_DIR

__all__ = ["render_handouts", "HANDOUTS_DIR"]

HANDOUTS_DIR = NOTEBOOKS_DIR.parent / "handouts"


def render_notebook(path: Path, timeout: int = 600) -> str:
    """Execute a copy of one notebook in a fresh kernel and return it as a standalone HTML page."""
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) / path.parent.name
        shutil.copytree(path.parent, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        notebook = nbformat.read(work / path.name, as_version=4)
        NotebookClient(
            notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(work)}}
        ).execute()
    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
    return body


def render_handouts(out_dir: str | Path = HANDOUTS_DIR, *, solutions: bool = False) -> list[Path]:
    """Render every lesson (the student edition, or the solutions edition) and the claims CSV.

    Returns the files written. Each file is written atomically.
    """
    import helpers

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    source_dir = SOLUTIONS_DIR if solutions else NOTEBOOKS_DIR
    written = []
    for path in sorted(source_dir.glob("[0-9][0-9]_*.ipynb")):
        target = out / f"{path.stem}{'-solutions' if solutions else ''}.html"
        write_atomically(target, render_notebook(path))
        written.append(target)
    claims = helpers.load_claims().drop(columns=["start", "end"])
    target = out / "claims.csv"
    write_atomically(target, claims.to_csv(index=False, lineterminator="\n"))
    written.append(target)
    return written
