"""The machinery of the schema: a ``Column`` (its kind, and what it may hold), a ``Table``
(one CSV file), the dtype each kind becomes, and the language codes the rules refer to.

The tables themselves are declared in :mod:`helpers.data.schema`, which re-exports
everything here, so ``from helpers.data.schema import Column, Table`` keeps working.

>>> Column("published", "date").dtype
'datetime64[ns]'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Column", "Table", "DTYPES", "ISO_639_1", "RTL_LANGUAGES", "when"]

# Kinds of column, and the pandas dtype each becomes in a loaded frame.
DTYPES = {
    "id": "string",
    "ref": "string",
    "refs": "string",
    "text": "string",
    "choice": "category",
    "language": "category",
    "date": "datetime64[ns]",
    "int": "Int64",
    "sha256": "string",
    "path": "string",
    "url": "string",
}


@dataclass(frozen=True)
class Column:
    """One column: its kind, whether it is required, and what it may hold.

    ``required_when=("outlet", {""})`` reads "required when outlet is empty";
    ``required_unless=("attribution", {"outlet_voice"})`` reads "required unless
    attribution is outlet_voice".
    """

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None
    required_when: tuple[str, frozenset[str]] | None = None
    required_unless: tuple[str, frozenset[str]] | None = None
    fix: str = ""

    @property
    def dtype(self) -> str:
        return DTYPES[self.kind]


@dataclass(frozen=True)
class Table:
    """One CSV file of ``data/``."""

    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    # (article column, text column) for tables whose rows quote an article verbatim.
    excerpt: tuple[str, str] | None = None
    description: str = ""

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def when(column: str, *values: str) -> tuple[str, frozenset[str]]:
    """A condition on another column, as ``required_when`` and ``required_unless`` take it.

    >>> when("outlet", "")
    ('outlet', frozenset({''}))
    """
    return (column, frozenset(values))


# Scripts written right to left, by ISO 639-1 code.
RTL_LANGUAGES = frozenset({"ar", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"})

# ISO 639-1: the two-letter language codes.
ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
    ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
    ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
    nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
    sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
    vi vo wa wo xh yi yo za zh zu""".split()
)
