"""Readout points beside the claims: what an official account says, labelled as outside the five articles.

Layer: widgets (HTML pieces built from frames; every value escaped).
"""

from __future__ import annotations

import pandas as pd

from ..data.schema import LIST_SEPARATOR
from ..display.html import escape
from .common import _text

OUTSIDE = "Outside the five articles"


def point_ids(value: object) -> list[str]:
    """The point ids of one ``readout_points`` cell.

    >>> point_ids("a-p01;a-p02"), point_ids(None)
    (['a-p01', 'a-p02'], [])
    """
    text = _text(value)
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def _address(point: pd.Series) -> tuple[str, str]:
    """The readout's address to link to, and what the link says."""
    for column, label in (("url", "the readout"), ("archive_url", "an archived copy of the readout")):
        address = _text(point.get(column))
        if address.startswith(("https://", "http://")):
            return address, label
    address = _text(point.get("checked_at"))
    return (address, "the page this point was checked on") if address.startswith("http") else ("", "")


def point_html(point: pd.Series) -> str:
    """One readout point: who published it, what it says in the project's words, its few quoted words, a link.

    >>> import pandas as pd
    >>> row = pd.Series({"publisher": "State <b>", "statement": "He warned.", "quoted": "swift",
    ...                  "url": "https://example.org/r", "point_id": "x-p01"})
    >>> markup = point_html(row)
    >>> "State &lt;b&gt;" in markup and 'href="https://example.org/r"' in markup
    True
    """
    publisher = _text(point.get("publisher")) or _text(point.get("readout_id"))
    quoted = _text(point.get("quoted"))
    quoted_html = f' Its words: “<span lang="en">{escape(quoted)}</span>”.' if quoted else ""
    address, label = _address(point)
    link = (
        f' <a href="{escape(address)}" target="_blank" rel="noopener noreferrer">Open {escape(label)}</a>'
        if address
        else ""
    )
    return (
        f'<div class="rr-readout" data-point="{escape(point.get("point_id"))}">'
        f'<span class="rr-outside">{OUTSIDE}</span> · official account by {escape(publisher)}: '
        f"{escape(point.get('statement'))}{quoted_html}{link}</div>"
    )


def points_html(ids: list[str], points: pd.DataFrame | None) -> str:
    """The readout points named by ``ids``, in that order (unknown ids are left out)."""
    if not ids or points is None or points.empty:
        return ""
    by_id = points.drop_duplicates("point_id").set_index("point_id", drop=False)
    return "".join(point_html(by_id.loc[i]) for i in ids if i in by_id.index)


def claim_points_html(row: pd.Series, points: pd.DataFrame | None) -> str:
    """The readout points one claim traces to."""
    return points_html(point_ids(row.get("readout_points")), points)
