"""Where the data folder is: the one place that decides it.

Layer: data.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["BUNDLED_DATA_DIR", "DATA_ENVIRONMENT_VARIABLE", "data_dir_or_default"]

BUNDLED_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_ENVIRONMENT_VARIABLE = "READOUTS_DATA"


def data_dir_or_default(data_dir: str | Path | None = None) -> Path:
    """``data_dir`` if given; else the folder named by ``$READOUTS_DATA``; else the bundled ``data/``.

    The environment variable lets an instructor run every notebook on a copy of
    the data without editing a notebook.

    >>> data_dir_or_default("/tmp/x")
    PosixPath('/tmp/x')
    """
    if data_dir is not None:
        return Path(data_dir)
    configured = os.environ.get(DATA_ENVIRONMENT_VARIABLE)
    return Path(configured) if configured else BUNDLED_DATA_DIR
