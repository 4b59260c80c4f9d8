"""Layer 3 — display: frames become escaped HTML (``html``) and figures with text descriptions (``figures``).

``helpers.show(frame)`` (from ``helpers.display.html``) displays a frame as an accessible table. Text is
data: everything passes through ``html.escape`` before it becomes markup.
"""

from .html import show

__all__ = ["show"]


from .._lazy import submodules

__getattr__ = submodules(__name__)
