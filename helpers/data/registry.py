"""Register a new article in a data folder: the one command that writes into ``data/``.

``python -m helpers new-article FILE --language fr`` copies a UTF-8 text file into
``data/articles/`` unchanged, appends its row to ``articles.csv`` with the file's
sha256, and prints what is still to fill in. It never overwrites a file, and
every write is atomic (a temporary file renamed into place), so an interrupted
command leaves the folder as it was.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .files import write_atomically
from .schema import ISO_639_1, RTL_LANGUAGES, TABLES
from .text import nfc, split_sentences
from .validation import ARTICLES_FOLDER, MAX_ARTICLE_BYTES, Problem, data_dir_or_default, decode_text

# Letters that Unicode does not decompose into a base letter and marks.
_LATIN = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "ð": "d",
        "ı": "i",
    }
)


def default_id(file_name: str) -> str:
    """The article id made from a file name: accented letters written without their accents.

    >>> default_id("Lavrov Blinken 12 février.txt")
    'lavrov-blinken-12-fevrier'
    >>> default_id("Điện đàm Nga–Mỹ.txt")
    'dien-dam-nga-my'
    """
    stem = Path(file_name).stem.translate(_LATIN)
    plain = "".join(c for c in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


__all__ = ["Registration", "register_article", "RegistrationError", "remove_article", "default_id"]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class RegistrationError(ValueError):
    """The article cannot be registered; ``problems`` says why, and nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Registration:
    """What :func:`register_article` did, and what is left for the instructor to do."""

    article_id: str
    article_path: Path
    row: int
    sentences: list[str]
    to_do: list[str]


def _csv_line(values: list[str], newline: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow(values)
    return buffer.getvalue().encode("utf-8")


def register_article(
    source: str | Path, language: str, article_id: str | None = None, data_dir: str | Path | None = None
) -> Registration:
    """Copy ``source`` into the data folder and add its row to ``articles.csv``.

    The row gets the id, file, language, direction, the original file name and
    the sha256; ``published_basis`` starts as ``unknown``. The notes that say how
    the outlet and date are known are left empty on purpose: ``python -m helpers
    validate`` then lists them until they are filled in. Raises
    :class:`RegistrationError`, having written nothing, if the file is not UTF-8,
    the language is not an ISO 639-1 code, or the id or file name is taken.

    >>> import shutil, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "data"
    >>> _ = shutil.copytree(data_dir_or_default(), folder)
    >>> article = folder.parent / "lemonde.txt"
    >>> _ = article.write_text("Le ministre a dit que l'appel a duré 30 minutes.", encoding="utf-8")
    >>> register_article(article, "fr", "lemonde-2022-02-01", folder).row
    7
    """
    data_dir = data_dir_or_default(data_dir)
    source = Path(source)
    problems: list[Problem] = []
    shown = str(source)
    if source.is_dir():
        raise RegistrationError(
            [
                Problem(
                    shown, None, None, "is a folder, not a file", "give the path of the article's text file"
                )
            ]
        )
    if not source.is_file():
        raise RegistrationError(
            [Problem(shown, None, None, "does not exist", "give the path of a text file")]
        )
    raw, text, size = b"", None, source.stat().st_size
    if size > MAX_ARTICLE_BYTES:  # refused by its size alone: never read into memory
        problems.append(
            Problem(
                shown,
                None,
                None,
                f"is {size / 2**20:.1f} MB, larger than an article",
                "check that this is the article's text",
            )
        )
    else:
        raw = source.read_bytes()
        text, decode_problems = decode_text(raw, shown, text_file=True)
        problems += decode_problems
        if text is not None and not text.strip():
            problems.append(Problem(shown, None, None, "is empty", "put the article's text in the file"))
    language = language.strip().lower()
    if language not in ISO_639_1:
        problems.append(
            Problem(
                shown,
                None,
                "language",
                f"'{language}' is not an ISO 639-1 language code",
                "use the two-letter code, e.g. fr (French), de (German), es (Spanish)",
            )
        )
    article_id = article_id or default_id(source.name)
    if not _ID.fullmatch(article_id):
        problems.append(
            Problem(
                shown,
                None,
                "article_id",
                f"'{article_id}' is not a valid id",
                "give --id with lower-case letters, digits and hyphens",
            )
        )
    articles_csv = data_dir / TABLES["articles"].file
    existing, records = b"", []
    if not articles_csv.is_file():
        what = "is a folder, not a file" if articles_csv.is_dir() else "is missing"
        problems.append(Problem(str(articles_csv), None, None, what, "give the path of a data folder"))
    else:
        # Appending to a table that cannot be read would bury the new row in it: refuse instead.
        existing = articles_csv.read_bytes()
        table, table_problems = decode_text(existing, "articles.csv")
        problems += table_problems
        try:
            records.extend(csv.reader(io.StringIO(table or "", newline=""), strict=True))
        except csv.Error as error:
            table = None
            problems.append(
                Problem(
                    "articles.csv",
                    len(records) + 1,
                    None,
                    f"is not valid CSV ({error})",
                    "run python -m helpers validate and fix what it reports, then register the article",
                )
            )
        if table is not None and (not records or not any(cell.strip() for cell in records[0])):
            problems.append(
                Problem(
                    "articles.csv",
                    1,
                    None,
                    "has no header row",
                    f"put this header in row 1: {','.join(TABLES['articles'].column_names)}",
                )
            )
        elif article_id in {r[0] for r in records[1:] if r}:
            problems.append(
                Problem(
                    "articles.csv",
                    None,
                    "article_id",
                    f"'{article_id}' is already registered",
                    "choose another --id",
                )
            )
    relative = f"{ARTICLES_FOLDER}/{article_id}.txt"
    target = data_dir / relative
    if _ID.fullmatch(article_id):  # an invalid id is reported above, and names no file
        if not target.parent.is_dir():
            problems.append(
                Problem(
                    f"{ARTICLES_FOLDER}/",
                    None,
                    None,
                    "is missing: the data folder has no folder of article texts",
                    f"give the path of a data folder (it holds articles.csv and {ARTICLES_FOLDER}/)",
                )
            )
        elif (target.exists() or target.is_symlink()) and target.resolve() != source.resolve():
            problems.append(
                Problem(
                    relative, None, None, "already exists", "choose another --id; nothing was overwritten"
                )
            )
    if problems:
        raise RegistrationError(problems)

    digest = hashlib.sha256(raw).hexdigest()
    row_values = {name: "" for name in TABLES["articles"].column_names}
    row_values.update(
        article_id=article_id,
        file=relative,
        language=language,
        direction="rtl" if language in RTL_LANGUAGES else "ltr",
        published_basis="unknown",
        seed_file=source.name,
        sha256=digest,
    )
    newline = "\r\n" if b"\r\n" in existing else "\n"
    if existing and not existing.endswith((b"\n", b"\r")):
        existing += newline.encode()
    header = records[0]
    line = _csv_line([row_values.get(nfc(name).strip(), "") for name in header], newline)
    if target.resolve() != source.resolve():
        write_atomically(target, raw, exclusive=True)
    try:
        write_atomically(articles_csv, existing + line)
    except BaseException:
        if target.resolve() != source.resolve():
            target.unlink()
        raise
    row = len(records) + 1
    sentences = split_sentences(text or "")
    to_do = [
        f"articles.csv row {row}: outlet (or outlet_note saying why it is empty), byline, headline, "
        "published with published_basis and published_note, provenance_note",
        f"boilerplate.csv: one row per line of page chrome in {relative}, if any",
        "calls.csv / call_mentions.csv: the call(s) it reports (main) or mentions (passing)",
        "propositions.csv / claims.csv: what it says about each call, excerpts copied verbatim",
    ]
    if language != "en":
        to_do.append(
            f"translations.csv: a working English translation of its {len(sentences)} sentences "
            "(a template to start from is printed below)"
        )
    to_do.append("then run: python -m helpers validate")
    return Registration(article_id, target, row, sentences, to_do)


def remove_article(article_id: str, data_dir: str | Path | None = None) -> list[str]:
    """Undo :func:`register_article`: remove the article's row from ``articles.csv`` and its text file.

    Only what ``new-article`` added is removed, and only while no other table
    refers to the article (claims, translations … would be left pointing at
    nothing): otherwise :class:`RegistrationError` says which rows to delete
    first, and nothing is changed. ``articles.csv`` is rewritten atomically
    without that one line (every other byte as it was), then the text file is
    deleted; if deleting fails, ``articles.csv`` is put back. Returns what was removed.

    >>> import shutil, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "data"
    >>> _ = shutil.copytree(data_dir_or_default(), folder)
    >>> before = (folder / "articles.csv").read_bytes()
    >>> article = folder.parent / "Le Monde février.txt"
    >>> _ = article.write_text("Le ministre a parlé.", encoding="utf-8")
    >>> register_article(article, "fr", data_dir=folder).article_id
    'le-monde-fevrier'
    >>> remove_article("le-monde-fevrier", folder)
    ['articles.csv row 7', 'articles/le-monde-fevrier.txt']
    >>> (folder / "articles.csv").read_bytes() == before
    True
    """
    data_dir = data_dir_or_default(data_dir)
    articles_csv = data_dir / TABLES["articles"].file
    refuse = lambda what, fix: RegistrationError([Problem("articles.csv", None, "article_id", what, fix)])  # noqa: E731
    if not articles_csv.is_file():
        raise refuse("is missing", "give the path of a data folder")
    existing = articles_csv.read_bytes()
    text, problems = decode_text(existing, "articles.csv")
    if text is None:
        raise RegistrationError(problems)
    lines = existing.splitlines(keepends=True)
    try:
        header = next(csv.reader([lines[0].decode("utf-8-sig")]))
        id_at, file_at = header.index("article_id"), header.index("file")
    except (StopIteration, ValueError, IndexError, UnicodeDecodeError):
        raise refuse("has no header row with article_id and file", "run python -m helpers validate") from None
    found = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            record = next(csv.reader([line.decode("utf-8")]))
        except (StopIteration, csv.Error, UnicodeDecodeError):
            continue
        if len(record) > max(id_at, file_at) and record[id_at].strip() == article_id:
            found.append((number, record[file_at].strip()))
    if len(found) != 1:
        what = "is not registered" if not found else f"is registered {len(found)} times"
        raise refuse(f"'{article_id}' {what}", "give the id of one registered article (see articles.csv)")
    number, relative = found[0]
    users = _rows_citing(data_dir, article_id)
    if users:
        raise refuse(
            f"'{article_id}' is still used by {', '.join(users)}",
            "delete those rows first (remove-article undoes only what new-article added)",
        )
    target = data_dir / relative
    if not (Path(relative).parts[:1] == (ARTICLES_FOLDER,) and ".." not in Path(relative).parts):
        raise refuse(f"'{relative}' is not a path inside {ARTICLES_FOLDER}/", "remove the row by hand")
    write_atomically(articles_csv, b"".join(lines[: number - 1] + lines[number:]))
    try:
        if target.exists() or target.is_symlink():
            target.unlink()
    except BaseException:
        write_atomically(articles_csv, existing)
        raise
    return [f"articles.csv row {number}", relative]


def _rows_citing(data_dir: Path, article_id: str) -> list[str]:
    """The tables (file and row) whose article columns name ``article_id``."""
    found = []
    for name, table in TABLES.items():
        columns = [c.name for c in table.columns if c.ref == "articles"]
        path = data_dir / table.file
        if name == "articles" or not columns or not path.is_file():
            continue
        text, _ = decode_text(path.read_bytes(), table.file)
        if text is None:
            continue
        reader = csv.DictReader(io.StringIO(text, newline=""))
        for number, row in enumerate(reader, start=2):
            for column in columns:
                cell = row.get(column) or ""
                if article_id in {item.strip() for item in cell.split(";")}:
                    found.append(f"{table.file} row {number}")
                    break
    return found[:5] + ([f"and {len(found) - 5} more"] if len(found) > 5 else [])
