"""Writing files safely: the only way helpers writes anything.

A write goes to a temporary file in the same folder, which is then renamed over
(or, with ``exclusive``, linked to) the target: the rename is atomic, so an
interrupted command leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: str | Path, data: bytes | str, *, exclusive: bool = False) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path`` atomically.

    With ``exclusive``, refuse to replace an existing file: raises ``FileExistsError``.
    The file gets the usual permissions (0666 less the umask), like any new file.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_atomically(target, "one")
    >>> write_atomically(target, "two", exclusive=True)
    Traceback (most recent call last):
    FileExistsError: ...
    >>> target.read_text()
    'one'
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        if exclusive:
            os.link(temporary, path)  # atomic, and fails if the name is taken
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
