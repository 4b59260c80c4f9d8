"""Layer 3 — display: frames become escaped HTML (``html``) and figures with text descriptions (``figures``).

``helpers.show(frame)`` (from ``helpers.display.html``) displays a frame as an accessible table. Text is
data: everything passes through ``html.escape`` before it becomes markup.
"""

from .html import show

__all__ = ["show"]


def __getattr__(name: str):
    # ``helpers.<layer>.<module>`` works without importing the module first.
    import importlib

    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{name}":
            raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
