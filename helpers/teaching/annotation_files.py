"""Saving and reloading a student's annotations: a CSV beside the notebook, never in ``data/``.

The CSV has one row per claim (:data:`CSV_COLUMNS`); beside it,
``<name>-comparison.txt`` holds the written comparison and, for a pasted
article, ``<name>-passage.txt`` its language, title and text. Every file is
written atomically (:func:`helpers.data.files.write_atomically`); reading back
checks every row again and reports ``file:row:column: what — fix``.

>>> import tempfile
>>> from helpers.teaching.annotation import own_passage, make_annotation, NEW
>>> p = own_passage("The minister said the talks failed.")
>>> a, _ = make_annotation(p, excerpt="the talks failed", proposition_id=NEW, new_statement="The talks failed.",
...                        attribution="named_official", mode="paraphrase", source="the minister")
>>> path = Path(tempfile.mkdtemp()) / "mine.csv"
>>> [f.name for f in save(path, p, [a], "Two sources differ.")]
['mine.csv', 'mine-comparison.txt', 'mine-passage.txt']
>>> back = load(path)
>>> back.annotations == [a], back.comparison, back.problems
(True, 'Two sources differ.', [])
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..data.files import write_atomically
from ..data.loading import load_articles
from ..data.text import nfc
from ..data.validation import BUNDLED_DATA_DIR, data_dir_or_default
from .annotation import (
    NEW,
    OWN,
    Annotation,
    Passage,
    make_annotation,
    own_passage,
    passage_from_article,
    propositions_of,
)
from .capstone import paragraphs

__all__ = ["CSV_COLUMNS", "Loaded", "save", "load", "sidecars"]

# The columns of the file, for the words a problem names.
_CSV_NAME = {
    "new proposition": "new_statement",
    "proposition": "proposition_id",
    "reporting verb": "reporting_verb",
}
CSV_COLUMNS = [
    "article_id",
    "passage_start",
    "passage_end",
    "language",
    "excerpt",
    "occurrence",
    "proposition_id",
    "new_statement",
    "attribution",
    "mode",
    "source",
    "reporting_verb",
]


def _refuse_data_folder(path: Path, data_dir) -> None:
    target = path.resolve()
    for folder in {data_dir_or_default(data_dir).resolve(), BUNDLED_DATA_DIR.resolve()}:
        if target == folder or folder in target.parents:
            raise ValueError(
                f"{path.name}: never saved inside the data folder {folder}; save it beside the notebook"
            )


def sidecars(path: str | Path) -> tuple[Path, Path]:
    """The files kept beside the CSV: the written comparison and (for a pasted article) the passage."""
    path = Path(path)
    return path.with_name(f"{path.stem}-comparison.txt"), path.with_name(f"{path.stem}-passage.txt")


def save(
    path: str | Path,
    passage: Passage,
    annotations: list[Annotation],
    comparison: str = "",
    data_dir: str | Path | None = None,
) -> list[Path]:
    """Write the annotations to ``path`` (CSV, atomically) and the comparison beside it; return the files written.

    Refuses a path inside the data folder, or a name that does not end in ``.csv``.
    """
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ValueError(f"{path.name}: the file name must end in .csv")
    _refuse_data_folder(path, data_dir)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in annotations:
        writer.writerow(
            [
                passage.article_id,
                passage.start,
                passage.end,
                passage.language,
                a.excerpt,
                a.occurrence,
                a.proposition_id,
                a.new_statement,
                a.attribution,
                a.mode,
                a.source,
                a.reporting_verb,
            ]
        )
    written = [path]
    write_atomically(path, buffer.getvalue())
    comparison_file, passage_file = sidecars(path)
    write_atomically(comparison_file, nfc(comparison or ""))
    written.append(comparison_file)
    if passage.own:
        write_atomically(passage_file, f"{passage.language}\n{passage.title}\n{passage.text}")
        written.append(passage_file)
    return written


@dataclass
class Loaded:
    """What :func:`load` read back: the passage, the annotations, the comparison, and any problems."""

    passage: Passage | None
    annotations: list[Annotation] = field(default_factory=list)
    comparison: str = ""
    problems: list[str] = field(default_factory=list)


def load(path: str | Path, data_dir: str | Path | None = None) -> Loaded:
    """Read back what :func:`save` wrote, checking every row again; problems as ``file:row:column: what — fix``."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        return Loaded(
            None, problems=[f"{name}:-:-: is missing — save your annotations first, or check the name"]
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Loaded(
            None, problems=[f"{name}:-:-: is not UTF-8 text ({error.reason}) — save it again as CSV UTF-8"]
        )
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or [h.strip() for h in rows[0]] != CSV_COLUMNS:
        return Loaded(
            None,
            problems=[
                f"{name}:1:-: the headings are not those of a saved annotation file — save it again from the annotator"
            ],
        )
    records = [dict(zip(CSV_COLUMNS, r)) for r in rows[1:] if any(c.strip() for c in r)]
    comparison_file, passage_file = sidecars(path)
    comparison = nfc(comparison_file.read_text(encoding="utf-8")) if comparison_file.is_file() else ""
    if not records:
        return Loaded(
            None,
            comparison=comparison,
            problems=[f"{name}:2:-: has no annotations — add claims and save again"],
        )
    first = records[0]
    try:
        if first["article_id"] == OWN:
            language, title, body = passage_file.read_text(encoding="utf-8").split("\n", 2)
            passage = own_passage(body, language, title)
        else:
            passage = _span_passage(
                first["article_id"], int(first["passage_start"]), int(first["passage_end"]), data_dir
            )
    except (OSError, ValueError, KeyError) as error:
        return Loaded(
            None,
            comparison=comparison,
            problems=[
                f"{name}:2:article_id: the passage cannot be found again ({error}) — choose it again in the annotator"
            ],
        )
    known = set(propositions_of(passage, data_dir)["proposition_id"].astype(str))
    loaded = Loaded(passage, comparison=comparison)
    for number, record in enumerate(records, start=2):
        if (record["article_id"], record["passage_start"], record["passage_end"]) != (
            first["article_id"],
            first["passage_start"],
            first["passage_end"],
        ):
            loaded.problems.append(
                f"{name}:{number}:article_id: another passage than row 2's — keep one passage per file"
            )
            continue
        occurrence = int(record["occurrence"]) if record["occurrence"].strip().isdigit() else 0
        annotation, problems = make_annotation(
            passage,
            excerpt=record["excerpt"],
            occurrence=occurrence,
            proposition_id=record["proposition_id"],
            new_statement=record["new_statement"],
            attribution=record["attribution"],
            mode=record["mode"],
            source=record["source"],
            reporting_verb=record["reporting_verb"],
            propositions=known | {NEW},
        )
        for problem in problems:
            column, what = problem.split(": ", 1)
            loaded.problems.append(f"{name}:{number}:{_CSV_NAME.get(column, column)}: {what}")
        if annotation:
            loaded.annotations.append(annotation)
    return loaded


def _span_passage(article_id: str, start: int, end: int, data_dir) -> Passage:
    if article_id not in set(load_articles(data_dir)["article_id"]):
        raise ValueError(f"there is no article {article_id!r} in the collection")
    spans = paragraphs(article_id, data_dir)
    chosen = spans[(spans["start"] >= start) & (spans["end"] <= end)]
    if chosen.empty or int(chosen["start"].min()) != start or int(chosen["end"].max()) != end:
        raise ValueError(f"{start}–{end} is not a range of paragraphs of {article_id}")
    # The same paragraphs as the student chose them: one way to build a passage.
    return passage_from_article(
        article_id, int(chosen["paragraph"].min()), int(chosen["paragraph"].max()), data_dir
    )
