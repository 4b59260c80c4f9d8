"""``helpers.<layer>.<module>`` without importing the module first: one ``__getattr__`` for every layer."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType


def submodules(package: str) -> Callable[[str], ModuleType]:
    """A module ``__getattr__`` that imports ``package.<name>`` on first use.

    >>> submodules("helpers.analysis")("comparison").__name__
    'helpers.analysis.comparison'
    """

    def __getattr__(name: str) -> ModuleType:
        try:
            return importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{package}.{name}":
                raise
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None

    return __getattr__
