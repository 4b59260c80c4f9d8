"""A cache on disk of validated corpora, so a fresh kernel need not validate unchanged data again.

Every notebook starts a new Python kernel, and each would otherwise read and check
the whole data folder again. After a folder has been validated, its typed frames
are kept in a cache folder *outside* ``data/``: ``$READOUTS_CACHE``, else
``$XDG_CACHE_HOME/reading-the-readouts``, else ``~/.cache/reading-the-readouts``
(``READOUTS_CACHE=off`` turns it off).

An entry is found by a key made of the bytes of every file in the data folder and
of the source of the code that validates and types them. So any change to any
file, or to the rules, misses the cache and validates afresh: the cache can make
loading faster, never different. Entries that cannot be read are ignored; the
oldest are removed beyond ``KEEP`` entries; a cache folder that cannot be written
only means no caching.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from .files import write_atomically

__all__ = ["cache_dir", "content_key", "load", "store", "KEEP"]

KEEP = 8
_CODE = ("schema.py", "validation.py", "loading.py", "text.py", "cache.py")
_code_digest: str | None = None


def cache_dir() -> Path | None:
    """Where cached corpora live, or None when caching is off.

    >>> cache_dir() is None or cache_dir().name != ""
    True
    """
    setting = os.environ.get("READOUTS_CACHE", "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reading-the-readouts"


def _code_version() -> str:
    global _code_digest
    if _code_digest is None:
        digest = hashlib.sha256()
        here = Path(__file__).resolve().parent
        for name in _CODE:
            digest.update((here / name).read_bytes())
        _code_digest = digest.hexdigest()
    return _code_digest


def content_key(files: list[Path], root: Path) -> str:
    """A key for these files' names and bytes, and for the validating code.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); (folder / "a.csv").write_text("x")
    1
    >>> content_key([folder / "a.csv"], folder) == content_key([folder / "a.csv"], folder)
    True
    """
    digest = hashlib.sha256(_code_version().encode())
    for path in files:
        data = path.read_bytes()
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0")
        digest.update(data)
    return digest.hexdigest()


def load(key: str) -> object | None:
    """The cached object for ``key``, or None if there is none that can be read."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{key}.pickle"
    try:
        with open(path, "rb") as handle:
            value = pickle.load(handle)
        os.utime(path)  # recently used: kept longest
        return value
    except Exception:  # missing, truncated, or written by another version: validate afresh
        return None


def store(key: str, value: object) -> None:
    """Keep ``value`` under ``key``; drop the least recently used entries beyond ``KEEP``."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / f"{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only means no cache
