"""Where the data folder is: the one place that decides it.

The data is not inside the ``helpers`` package: it is the ``data/`` folder of a
checkout of the repository (beside ``notebooks/``). ``helpers`` may be installed
in editable mode (``make lab``), as a regular wheel, or by repo2docker's two
steps (``pip install -r requirements.txt`` then ``pip install .``), which leave
a copy of the package in site-packages, far from any ``data/``. So the checkout
is looked for in two places, in this order:

1. above the package's own files (an editable install, or ``PYTHONPATH`` set to
   a checkout, as a JupyterHub admin does): exactly the checkout the code came from;
2. above the working directory (a kernel starts in its notebook's folder, so a
   notebook in ``notebooks/`` finds the checkout it lives in).

A folder counts as a checkout when it holds ``data/articles.csv`` and a
``notebooks/`` folder. Outside any checkout, :func:`data_dir_or_default` raises
:class:`helpers.DataError` saying how to point at a data folder (``$READOUTS_DATA``).

Layer: data.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

__all__ = [
    "BUNDLED_DATA_DIR",
    "DATA_ENVIRONMENT_VARIABLE",
    "checkout_data_dir",
    "data_dir_or_default",
    "fingerprint",
]

DATA_ENVIRONMENT_VARIABLE = "READOUTS_DATA"
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding helpers/


def _checkout_above(start: Path) -> Path | None:
    """The ``data/`` folder of the nearest checkout at or above ``start``, if any."""
    for folder in (start, *start.parents):
        if (folder / "data" / "articles.csv").is_file() and (folder / "notebooks").is_dir():
            return folder / "data"
    return None


def checkout_data_dir(cwd: str | Path | None = None) -> Path | None:
    """The ``data/`` folder of the checkout ``helpers`` runs from, or ``None`` outside any checkout.

    Looks above the package's files first, then above ``cwd`` (default: the
    working directory).

    >>> found = checkout_data_dir()
    >>> found is None or (found / "articles.csv").is_file()
    True
    """
    found = _checkout_above(_PACKAGE_ROOT)
    if found is None:
        try:
            start = Path(cwd) if cwd is not None else Path.cwd()
        except OSError:  # the working directory was deleted
            return None
        found = _checkout_above(start.resolve())
    return found


# The checkout's data folder as found when helpers was imported. Outside any checkout it is
# where data/ would be beside the package (absent): data_dir_or_default() then raises a
# DataError saying what to do, so code should ask it rather than use this directly.
BUNDLED_DATA_DIR: Path = checkout_data_dir() or _PACKAGE_ROOT / "data"


def data_dir_or_default(data_dir: str | Path | None = None) -> Path:
    """``data_dir`` if given; else the folder named by ``$READOUTS_DATA``; else the checkout's ``data/``.

    The environment variable lets an instructor run every notebook on a copy of
    the data without editing a notebook. Outside any checkout, with neither
    given, raises :class:`helpers.DataError` saying how to point at a data folder.

    >>> data_dir_or_default("/tmp/x")
    PosixPath('/tmp/x')
    """
    if data_dir is not None:
        return Path(data_dir)
    configured = os.environ.get(DATA_ENVIRONMENT_VARIABLE)
    if configured:
        return Path(configured)
    found = checkout_data_dir()
    if found is None:
        from .validation import DataError, Problem  # validation imports this module

        raise DataError(
            [
                Problem(
                    "data",
                    None,
                    None,
                    f"no data folder found: helpers is installed at {_PACKAGE_ROOT} and runs in "
                    f"{_safe_cwd()}, and neither is inside a checkout of the project "
                    "(a folder holding data/articles.csv beside notebooks/)",
                    f"open the notebooks from a checkout of the project, or set the environment "
                    f"variable {DATA_ENVIRONMENT_VARIABLE} to the data folder "
                    f"(e.g. {DATA_ENVIRONMENT_VARIABLE}=/path/to/reading-the-readouts/data)",
                )
            ]
        )
    return found


def _safe_cwd() -> str:
    try:
        return str(Path.cwd())
    except OSError:
        return "a deleted folder"


def fingerprint(data) -> int:
    """What the bytes of a file are recognised by when its folder is loaded again: their length
    and CRC-32 (of any bytes-like object; zlib lets go of the interpreter while it sums).

    >>> fingerprint(b"claim") == fingerprint(bytearray(b"claim")) != fingerprint(b"claims")
    True
    """
    return len(data) << 32 | zlib.crc32(data)
