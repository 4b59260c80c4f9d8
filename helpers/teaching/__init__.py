"""Layer 4 — teaching: exercises checked in place, the capstone, the two editions, handouts.

Uses every layer below; nothing below uses it.
"""


def __getattr__(name: str):
    # ``helpers.<layer>.<module>`` works without importing the module first.
    import importlib

    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{name}":
            raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
