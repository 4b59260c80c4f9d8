"""Handouts: every lesson executed and rendered to static HTML, for printing or posting.

``python -m helpers handouts`` writes ``handouts/NN_lesson.html`` for each lesson
and ``handouts/claims.csv`` with every claim and its context. Each page is made
to be read on paper or offline:

* each widget shows a static copy of its view (the explorer's first page, the
  reader's text, the comparison table) instead of an empty output;
* links between lessons point to the other handouts (``.html``), not to notebooks;
* nothing is fetched from the internet (no script or stylesheet from a CDN,
  no widget code); links to outside pages stay links;
* code wraps at the margin, figures are kept whole with their descriptions as
  alt text, and "not answered yet" boxes are left out;
* prompts ("In [3]:") are left out, and colours meet WCAG contrast.

It runs each notebook on a temporary copy, so nothing is written beside the
lessons, and never writes into ``data/``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import nbformat

from ..data.files import safe_for_spreadsheets, write_atomically
from .editions import NOTEBOOKS_DIR, SOLUTIONS_DIR

__all__ = ["render_handouts", "render_notebook", "finish_page", "HANDOUTS_DIR", "PRINT_STYLE"]

HANDOUTS_DIR = NOTEBOOKS_DIR.parent / "handouts"
# Read by helpers.widgets.common: widgets display a static copy of their view.
STATIC_ENV = "READOUTS_STATIC_WIDGETS"
UNANSWERED = "Not answered yet"
_WIDGET_REPR = re.compile(r"^[A-Z]\w*\((children|value|options|layout)=")

# Added to every page, after nbconvert's own styles, so it wins.
PRINT_STYLE = """<style id="rr-handout-style">
body { max-width: 60em; margin: 0 auto; padding: 0 1em; }
/* Code wraps instead of running off the page. */
.jp-RenderedText pre, .highlight pre, pre { white-space: pre-wrap !important; overflow-wrap: anywhere;
  word-break: normal; }
.jp-InputArea-editor, .jp-OutputArea-output, .jp-Cell-inputWrapper { overflow: visible !important; }
/* Contrast: nbconvert's code-comment and prompt colours fall under 4.5:1 on the light grey. */
.highlight .c, .highlight .c1, .highlight .cm, .highlight .ch, .highlight .cs, .highlight .cp,
.highlight .cpf { color: #3b5f5f !important; }
.highlight .o, .highlight .ow, .highlight .p { color: #333 !important; }
.highlight .mi, .highlight .mf, .highlight .s, .highlight .s1, .highlight .s2, .highlight .sd,
.highlight .se, .highlight .sa { color: #8a1c1c !important; }
.highlight .k, .highlight .kn, .highlight .nb { color: #005a1f !important; }
/* Links read as links inside a paragraph, not by colour alone. */
body a, body a:visited { text-decoration: underline !important; color: #0b4f8a !important; }
nav.rr-handout-nav { margin: 1em 0; padding: 0.5em 0; border-top: 1px solid #999;
  border-bottom: 1px solid #999; }
nav.rr-handout-nav a { margin-inline-end: 1.5em; text-decoration: underline; color: #0b4f8a; }
img { max-width: 100%; height: auto; }
figure, img, .jp-OutputArea-output img { break-inside: avoid; page-break-inside: avoid; }
table, tr { break-inside: auto; }  /* a row taller than a page must break, not leave a blank page */
.rr-scroll { overflow: visible !important; }
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { max-width: none; font-size: 10.5pt; padding: 0; }
  .rr-widget .rr-claims td { min-width: 0 !important; }
  /* A figure taller than a page is scaled to fit one, so it is never split or pushed past a blank page. */
  figure img, .jp-OutputArea-output img { max-height: 240mm; width: auto; max-width: 100%; }
  .rr-table { font-size: 8.5pt; width: 100%; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  nav.rr-handout-nav { break-inside: avoid; }
}
</style>"""


def render_notebook(path: Path, timeout: int = 600) -> str:
    """Execute a copy of one notebook in a fresh kernel and return it as a standalone HTML page.

    Widgets display their static view (``$READOUTS_STATIC_WIDGETS`` is set in the kernel).
    """
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) / path.parent.name
        shutil.copytree(path.parent, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        notebook = nbformat.read(work / path.name, as_version=4)
        previous = os.environ.get(STATIC_ENV)
        os.environ[STATIC_ENV] = "1"  # the kernel inherits it
        try:
            NotebookClient(
                notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(work)}}
            ).execute()
        finally:
            if previous is None:
                os.environ.pop(STATIC_ENV, None)
            else:
                os.environ[STATIC_ENV] = previous
    notebook.metadata.pop("widgets", None)  # no widget state: nothing for a widget script to load
    exporter = HTMLExporter(template_name="lab", exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
    return body


def _is_remote(address: str | None) -> bool:
    return bool(address) and re.match(r"^(https?:)?//", address.strip()) is not None


def finish_page(
    page: str, pages: dict[str, str], *, previous: str | None = None, following: str | None = None
) -> str:
    """Make an exported page fit to print and to read offline.

    ``pages`` maps each lesson's notebook name to its handout's file name; links to
    a notebook become links to its handout. ``previous``/``following`` are handout
    file names for the navigation bar.

    >>> page = ('<html><head><script src="https://cdn.example/require.js"></script></head><body>'
    ...         '<a href="01_x.ipynb">next</a><a href="explorer.ipynb">Explorer</a>'
    ...         '<div class="jp-OutputArea-child">Not answered yet</div>'
    ...         '<div class="jp-OutputArea-output"><pre>VBox(children=(HTML(value=...</pre></div>'
    ...         '<img src="data:image/png;base64,AA" alt="No description has been provided for this image">'
    ...         '</body></html>')
    >>> done = finish_page(page, {"01_x.ipynb": "01_x.html"})
    >>> "cdn.example" in done, 'href="01_x.html"' in done, "Not answered yet" in done, "VBox(" in done
    (False, True, False, False)
    >>> "explorer.ipynb, in JupyterLab" in done, 'href="explorer.ipynb"' in done
    (True, False)
    >>> 'alt=""' in done or "No description" in done
    False
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    # Nothing fetched from the internet: scripts and stylesheets from elsewhere go; so do the
    # widget state and MathJax, which only a live page could use.
    for tag in soup.find_all("script"):
        if _is_remote(tag.get("src")) or "widget-state" in (tag.get("type") or "") or "MathJax" in tag.text:
            tag.decompose()
    for tag in soup.find_all("link"):
        if _is_remote(tag.get("href")):
            tag.decompose()
    # Exercises not yet answered: the box says nothing a reader of the handout can use.
    for child in soup.select(".jp-OutputArea-child"):
        if UNANSWERED in child.get_text():
            child.decompose()
    for link in soup.find_all("a", href=True):
        target, _, anchor = link["href"].partition("#")
        if target in pages:
            link["href"] = pages[target] + (f"#{anchor}" if anchor else "")
        elif target.endswith(".ipynb") and not _is_remote(target):
            # A notebook with no handout (the explorer): name it, since a link would lead nowhere.
            link.replace_with(f"{link.get_text()} (the notebook {target}, in JupyterLab)")
    # A widget without a static copy prints its Python repr ("VBox(children=(…") as plain text.
    for output in soup.select(".jp-OutputArea-output"):
        if _WIDGET_REPR.match(output.get_text().strip()):
            output.clear()
            note = soup.new_tag("p")
            note.string = (
                "An interactive widget is here in the notebook: open the lesson in JupyterLab to use it."
            )
            output.append(note)
    # An image with nbconvert's placeholder text has no description: say what it is instead of lying.
    for image in soup.find_all("img"):
        if not image.get("alt") or image["alt"].startswith("No description has been provided"):
            image["alt"] = "A figure; its description is in the text beside it."
    if soup.html is not None and not soup.html.get("lang"):
        soup.html["lang"] = "en"
    head = soup.head or soup
    head.append(BeautifulSoup(PRINT_STYLE, "html.parser"))
    links = [(previous, "← Previous lesson"), ("index.html", "All lessons"), (following, "Next lesson →")]
    items = "".join(f'<a href="{href}">{label}</a>' for href, label in links if href)
    body = soup.body or soup
    for where, position in (("top", 0), ("foot", None)):
        nav = f'<nav class="rr-handout-nav" aria-label="Lessons ({where} of page)">{items}</nav>'
        if position is None:
            body.append(BeautifulSoup(nav, "html.parser"))
        else:
            body.insert(position, BeautifulSoup(nav, "html.parser"))
    return str(soup)


def _index_page(entries: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{href}">{title}</a></li>' for href, title in entries)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Reading the Readouts: handouts'
        f"</title>{PRINT_STYLE}</head><body><h1>Reading the Readouts: handouts</h1><ol>{items}</ol>"
        '<p><a href="claims.csv">Every claim, with its context (CSV)</a></p></body></html>'
    )


def _title(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def render_handouts(
    out_dir: str | Path = HANDOUTS_DIR, *, solutions: bool = False, lessons: Iterable[str] | None = None
) -> list[Path]:
    """Render every lesson (the student edition, or the solutions edition), an index and the claims CSV.

    ``lessons`` (notebook names such as ``"01_meet_the_sources.ipynb"``) renders only those. Returns
    the files written; each is written atomically.
    """
    from html import escape

    import helpers

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    source_dir = SOLUTIONS_DIR if solutions else NOTEBOOKS_DIR
    paths = sorted(source_dir.glob("[0-9][0-9]_*.ipynb"))
    suffix = "-solutions" if solutions else ""
    pages = {p.name: f"{p.stem}{suffix}.html" for p in paths}
    wanted = set(lessons) if lessons is not None else set(pages)
    written = []
    for position, path in enumerate(paths):
        if path.name not in wanted:
            continue
        previous = pages[paths[position - 1].name] if position > 0 else None
        following = pages[paths[position + 1].name] if position + 1 < len(paths) else None
        target = out / pages[path.name]
        write_atomically(
            target, finish_page(render_notebook(path), pages, previous=previous, following=following)
        )
        written.append(target)
    index = out / "index.html"
    write_atomically(index, _index_page([(pages[p.name], escape(_title(p))) for p in paths]))
    written.append(index)
    claims = helpers.load_claims().drop(columns=["start", "end"], errors="ignore")
    target = out / "claims.csv"
    # Made for people to open in a spreadsheet: a gloss beginning with "=" must not run as a formula.
    write_atomically(target, safe_for_spreadsheets(claims).to_csv(index=False, lineterminator="\n"))
    written.append(target)
    return written
