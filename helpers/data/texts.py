"""Read the article texts that articles.csv registers, and never anything outside the data folder.

A path is followed only inside ``data/articles/``: a link that leads out of it,
or in a loop, is a problem with its row, never a traceback. Files in the folder
that no row registers, and the same text registered under two ids, are warned
about.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pandas as pd

from .decoding import decode_text
from .paths import fingerprint
from .problems import Problem
from .rules import SHA256 as _SHA256
from .schema import ISO_639_1, RTL_LANGUAGES
from .text import nfc

__all__ = ["read_articles", "real_path", "ARTICLES_FOLDER", "MAX_ARTICLE_BYTES"]

ARTICLES_FOLDER = "articles"
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


def real_path(path: Path) -> Path | None:
    """``path`` with every link followed, or None if the links go round in a loop.

    >>> real_path(Path("/")) == Path("/")
    True
    """
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == 40:  # ELOOP: too many levels of symbolic links
            return None
    return Path(os.path.realpath(path))


def read_articles(
    data_dir: Path,
    articles: pd.DataFrame,
    *,
    look_for_unregistered: bool = True,
    read: dict[str, int] | None = None,
) -> tuple[dict[str, str], list[Problem]]:
    """The text of each registered article (NFC), and every problem found reading them.

    With ``look_for_unregistered``, files of the articles folder that no row registers are warned about
    (never opened). ``read`` records a hash of the bytes of each file read, by path.
    """
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    folder = real_path(data_dir / ARTICLES_FOLDER) or data_dir / ARTICLES_FOLDER
    # One listing of the folder says which names are links, rather than one lstat per article.
    listing = _listing(folder)
    links = {entry.name for entry in listing if entry.is_symlink()}
    # Paths are strings here: thousands of Path objects cost more than reading the files.
    registered: dict[str, str] = {}  # article by real path
    digests: dict[str, tuple[str, int]] = {}
    wanted = ["_row", "article_id", "file", "sha256", "language", "direction"]
    for row in (dict(zip(wanted, values)) for values in zip(*(articles[c].tolist() for c in wanted))):
        number, article_id, relative = int(row["_row"]), row["article_id"], row["file"]
        if not relative or not article_id:
            continue
        parts = _parts(relative)
        if parts is None:
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "file",
                    f"'{relative}' is not a path inside {ARTICLES_FOLDER}/",
                    f"put the text in data/{ARTICLES_FOLDER}/ and write e.g. "
                    f"{ARTICLES_FOLDER}/{article_id}.txt",
                )
            )
            continue
        # Only a link needs following: any other file of the folder is where it stands.
        plain = len(parts) == 2 and parts[1] not in links
        if plain:
            path = os.path.join(folder, parts[1])
        else:
            linked = real_path(data_dir / relative)
            path = None if linked is None else str(linked)
        if path is None:
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "file",
                    f"'{relative}' is a link that leads round in a loop (to itself)",
                    f"replace the link with the article's text file itself in data/{ARTICLES_FOLDER}/",
                )
            )
            continue
        registered[path] = article_id
        if not plain and not Path(path).is_relative_to(folder):
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "file",
                    f"'{relative}' leads outside {ARTICLES_FOLDER}/ (through a link)",
                    f"copy the text itself into data/{ARTICLES_FOLDER}/",
                )
            )
            continue
        try:
            status = os.stat(path)  # once: a folder, a file, or missing, and its size
        except (OSError, ValueError):
            status = None
        if status is not None and stat.S_ISDIR(status.st_mode):
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "file",
                    f"'{relative}' is a folder, not a file",
                    "write the path of the article's text file",
                )
            )
            continue
        if status is None or not stat.S_ISREG(status.st_mode):
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "file",
                    f"'{relative}' does not exist",
                    f"put the article's text at {relative} in the data folder, or correct the path",
                )
            )
            continue
        size = status.st_size
        if size > MAX_ARTICLE_BYTES:
            problems.append(
                Problem(
                    relative,
                    None,
                    None,
                    f"is {size / 2**20:.1f} MB; an article is expected to be under "
                    f"{MAX_ARTICLE_BYTES // 2**20} MB",
                    "check that this is the article's text",
                )
            )
            continue
        with open(path, "rb") as handle:
            raw = handle.read()
        if read is not None:
            read[path] = fingerprint(raw)
        digest = hashlib.sha256(raw).hexdigest()
        if digest in digests:
            first_id, first_row = digests[digest]
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "file",
                    f"{article_id} has the same text as {first_id} (row {first_row})",
                    "register each article once: delete one of the two rows, or put the right text in the file",
                    "warning",
                )
            )
        else:
            digests[digest] = (article_id, number)
        if row["sha256"] and _SHA256.fullmatch(row["sha256"]) and digest != row["sha256"]:
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "sha256",
                    f"does not match {relative} (its sha256 is {digest})",
                    "restore the article as received; if you replaced it on purpose, "
                    "put the new sha256 in this cell",
                )
            )
        text, decode_problems = decode_text(raw, relative, text_file=True)
        problems += decode_problems
        if text is None:
            continue
        if not text.strip():
            problems.append(Problem(relative, None, None, "is empty", "put the article's text in the file"))
            continue
        texts[article_id] = nfc(text)
        language, direction = row["language"], row["direction"]
        expected = "rtl" if language in RTL_LANGUAGES else "ltr"
        if language in ISO_639_1 and direction in ("ltr", "rtl") and direction != expected:
            problems.append(
                Problem(
                    "articles.csv",
                    number,
                    "direction",
                    f"'{direction}' is unusual for language '{language}'",
                    f"write {expected} unless you are sure",
                    "warning",
                )
            )
    if look_for_unregistered:
        problems += _unregistered(folder, listing, registered)
    return texts, problems


def _parts(relative: str) -> tuple[str, ...] | None:
    """The parts of a path written in articles.csv, or None unless it stays inside the articles folder.

    >>> _parts("articles/x.txt"), _parts("articles/../x.txt"), _parts("/etc/passwd")
    (('articles', 'x.txt'), None, None)
    """
    folder, _, name = relative.partition("/")
    if folder == ARTICLES_FOLDER and name and "/" not in name and name not in (".", ".."):
        return (folder, name)  # the usual path, without building a Path
    path = Path(relative)
    if path.is_absolute() or ".." in path.parts or path.parts[:1] != (ARTICLES_FOLDER,):
        return None
    return path.parts


def _listing(folder: Path) -> list[os.DirEntry]:
    """The entries of the articles folder, by name; none if it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError:
        return []


def _unregistered(folder: Path, listing: list[os.DirEntry], registered: dict[str, str]) -> list[Problem]:
    """A warning for each file in the articles folder that no row of articles.csv registers.

    Only names are listed: a file no row registers is never opened (it may be a link
    to anywhere).
    """
    problems = []
    for entry in listing:
        if entry.name.startswith("."):
            continue
        link = entry.is_symlink()
        target = os.path.realpath(entry.path) if link else os.path.join(folder, entry.name)
        if target in registered or not link and entry.is_dir():  # a link is never followed here
            continue
        what = "a link" if link else "a file"
        problems.append(
            Problem(
                f"{ARTICLES_FOLDER}/{entry.name}",
                None,
                None,
                f"is {what} in {ARTICLES_FOLDER}/ that no row of articles.csv registers; it is not read",
                "register it (python -m helpers new-article) or move it out of the data folder",
                "warning",
            )
        )
    return problems
