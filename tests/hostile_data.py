"""Hostile data for the browser and widget tests: a valid copy of the data folder whose text tries to
run script, and a notebook that opens the dashboard on it."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

from nbformat.v4 import new_code_cell, new_notebook

# What hostile data looks like: each would run script if it reached the page as markup.
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE_SCRIPT = "<script>window.__pwned=2</script>"
HOSTILE_LINE = f"Reader comment: {HOSTILE_IMG} {HOSTILE_SCRIPT}"
HOSTILE_ARTICLE = "wt-blinken-lavrov"
HOSTILE_CLAIM = f"{HOSTILE_ARTICLE}-99"

# --------------------------------------------------------------------------- hostile data


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def make_hostile_data(source: Path, target: Path) -> Path:
    """A valid copy of the data folder in which article and annotation text tries to run script.

    The English article ``HOSTILE_ARTICLE`` gains a last line ``HOSTILE_LINE``
    (with its sha256 updated) and a claim ``HOSTILE_CLAIM`` quoting it; the first
    Arabic claim's gloss, its proposition's statement, the first difference's
    summary and explanation, and the first Arabic sentence's working translation
    get the hostile strings too.
    """
    shutil.copytree(source, target)
    header, articles = _read_csv(target / "articles.csv")
    article = next(a for a in articles if a["article_id"] == HOSTILE_ARTICLE)
    text_path = target / article["file"]
    raw = text_path.read_bytes().rstrip(b"\r\n") + b"\n\n" + HOSTILE_LINE.encode("utf-8") + b"\n"
    text_path.write_bytes(raw)
    article["sha256"] = hashlib.sha256(raw).hexdigest()
    _write_csv(target / "articles.csv", header, articles)

    header, claims = _read_csv(target / "claims.csv")
    arabic = {a["article_id"] for a in articles if a["language"] == "ar"}
    first_arabic = next(c for c in claims if c["article_id"] in arabic and c["gloss"])
    first_arabic["gloss"] = f"{first_arabic['gloss']} {HOSTILE_IMG} {HOSTILE_SCRIPT}"
    template = next(c for c in claims if c["article_id"] == HOSTILE_ARTICLE)
    claims.append(
        {
            **{k: "" for k in header},
            "claim_id": HOSTILE_CLAIM,
            "article_id": HOSTILE_ARTICLE,
            "proposition_id": template["proposition_id"],
            "excerpt": HOSTILE_LINE,
            "attribution": "outlet_voice",
            "mode": "narration",
            "note": f"A test row: {HOSTILE_SCRIPT}",
        }
    )
    _write_csv(target / "claims.csv", header, claims)

    header, propositions = _read_csv(target / "propositions.csv")
    for row in propositions:
        if row["proposition_id"] == first_arabic["proposition_id"]:
            row["statement"] = f"{row['statement']} {HOSTILE_SCRIPT} {HOSTILE_IMG}"
    _write_csv(target / "propositions.csv", header, propositions)

    header, differences = _read_csv(target / "differences.csv")
    differences[0]["summary"] = f"{differences[0]['summary']} {HOSTILE_IMG}"
    differences[0]["explanation"] = f"{differences[0]['explanation']} {HOSTILE_SCRIPT}"
    _write_csv(target / "differences.csv", header, differences)

    header, translations = _read_csv(target / "translations.csv")
    sentence = next(t for t in translations if t["article_id"] in arabic)
    sentence["translation"] = f"{sentence['translation']} {HOSTILE_IMG}"
    _write_csv(target / "translations.csv", header, translations)
    return target


def hostile_notebook(data_dir: Path) -> dict:
    """The dashboard notebook, but with ``$READOUTS_DATA`` pointing at ``data_dir``, as an instructor would."""

    return new_notebook(
        cells=[
            new_code_cell(f"import os\nos.environ['READOUTS_DATA'] = {str(data_dir)!r}", id="hostile-env"),
            new_code_cell("import helpers\nhelpers.widgets.explorer()", id="hostile-dashboard"),
        ],
        metadata={
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
    )
