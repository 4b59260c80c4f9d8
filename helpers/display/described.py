"""Figures with their descriptions: readable prose, and the figure's text alternative.

A ``describe_*`` function returns a :class:`Description`: a string (``print`` and
``==`` work as on any string) that a notebook displays as paragraphs of prose,
not as one long monospace block. :func:`show_figure` displays a figure as an
``<img>`` whose ``alt`` is the description, inside a ``<figure>`` whose caption
shows the same description, so a reader who cannot see the figure gets its point
and a printed handout keeps figure and description together.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Sequence

from .html import STYLE, escape

__all__ = ["OKABE_ITO", "Description", "FigureHTML", "show_figure"]

# Colours that colour-blind readers can tell apart (Okabe and Ito); every figure uses them.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}

Part = str | tuple[str, Sequence[str]]


class Description(str):
    """A figure's description: text for ``print``, paragraphs (and lists) for a notebook.

    Each part is a paragraph, or ``(lead, items)``: a sentence that introduces a list.

    >>> d = Description(["Two items.", ("In date order:", ["1 Feb: a call", "12 Feb: another"])])
    >>> str(d)
    'Two items. In date order: 1 Feb: a call; 12 Feb: another.'
    >>> "<li>12 Feb: another</li>" in d._repr_html_()
    True
    """

    parts: tuple[Part, ...]

    def __new__(cls, parts: Iterable[Part]) -> Description:
        parts = tuple(parts)
        text = " ".join(p if isinstance(p, str) else f"{p[0]} {'; '.join(p[1])}." for p in parts)
        made = super().__new__(cls, text)
        made.parts = parts
        return made

    def html(self) -> str:
        """The description as escaped HTML paragraphs (no stylesheet)."""
        blocks = []
        for part in self.parts:
            if isinstance(part, str):
                blocks.append(f"<p>{escape(part)}</p>")
            else:
                items = "".join(f"<li>{escape(item)}</li>" for item in part[1])
                blocks.append(f"<p>{escape(part[0])}</p><ul>{items}</ul>")
        return f'<div class="rr-description">{"".join(blocks)}</div>'

    def _repr_html_(self) -> str:
        return STYLE + self.html()


class FigureHTML:
    """A rendered figure with its description; displays as HTML, reads as the description in a terminal."""

    def __init__(self, png: bytes, description: str, title: str = ""):
        self.png = png
        self.description = description if isinstance(description, Description) else Description([description])
        self.title = title

    def html(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        title = f'<div class="rr-label">{escape(self.title)}</div>' if self.title else ""
        return (
            f'<figure class="rr-figure">{title}'
            f'<img src="data:image/png;base64,{data}" alt="{escape(str(self.description))}">'
            f"<figcaption>{self.description.html()}</figcaption></figure>"
        )

    def _repr_html_(self) -> str:
        return STYLE + self.html()

    def __repr__(self) -> str:
        return str(self.description)


def show_figure(figure, description: str, *, dpi: int = 100) -> FigureHTML:
    """Display ``figure`` with ``description`` as its text alternative and its caption.

    The matplotlib figure is closed, so the notebook does not show it a second time.

    >>> from helpers.display import figures
    >>> shown = show_figure(figures.chrome_figure(), figures.describe_chrome())
    >>> 'alt="ar-blinken-lavrov: ' in shown.html(), "<figcaption>" in shown.html()
    (True, True)
    """
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    plt.close(figure)
    return FigureHTML(buffer.getvalue(), description)
