"""Shared fixtures: a scratch copy of the data folder, and a fingerprint of a folder's bytes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import helpers

DATA = helpers.BUNDLED_DATA_DIR
ROOT = DATA.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def folder_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the bundled data folder that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session", autouse=True)
def bundled_data_untouched():
    """No test, whatever it does, may change a byte of the bundled data folder."""
    before = folder_digest(DATA)
    yield
    assert folder_digest(DATA) == before, "a test changed the bundled data folder"
