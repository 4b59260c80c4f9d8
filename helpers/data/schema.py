"""The declared schema of every table in ``data/``: columns, kinds, rules.

The validator and the loader both read these declarations, so a rule is stated
once. ``data/README.md`` documents the same tables for people.
"""

from __future__ import annotations

from .columns import DTYPES, ISO_639_1, RTL_LANGUAGES, Column, Table
from .columns import when as _when

__all__ = [
    "Column",
    "Table",
    "TABLES",
    "ISO_639_1",
    "RTL_LANGUAGES",
    "LIST_SEPARATOR",
    "DATE_BASIS",
    "MAX_QUOTED_WORDS",
    "DTYPES",
]

LIST_SEPARATOR = ";"

# How a date is known: ``external`` means from the public record, outside the five articles.
DATE_BASIS = ("stated", "inferred", "external", "approximate", "unknown")
_KNOWN_DATE = _when("date_basis", "stated", "inferred", "external")
# A ``quoted`` fragment of a readout: a few words, never a whole sentence.
MAX_QUOTED_WORDS = 12

TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        Table(
            "articles",
            key=("article_id",),
            description="one row per article",
            columns=(
                Column("article_id", "id", required=True),
                Column("file", "path", required=True),
                Column("language", "language", required=True),
                Column("direction", "choice", required=True, choices=("ltr", "rtl")),
                Column("outlet"),
                Column(
                    "outlet_note",
                    required_when=_when("outlet", ""),
                    fix="say why the outlet is empty (e.g. 'the text names no outlet')",
                ),
                Column("host"),
                Column("byline"),
                Column("headline"),
                Column(
                    "published",
                    "date",
                    required_when=_when("published_basis", "stated", "inferred", "external"),
                ),
                Column("published_basis", "choice", required=True, choices=DATE_BASIS),
                Column(
                    "published_note",
                    required_unless=_when("published_basis", "stated"),
                    fix="say what the date is inferred from, or why it is unknown",
                ),
                Column("seed_file", required=True),
                Column("sha256", "sha256", required=True),
                Column("provenance_note"),
            ),
        ),
        Table(
            "boilerplate",
            key=(),
            excerpt=("article_id", "excerpt"),
            description="page chrome, headlines and captions kept out of the body",
            columns=(
                Column("article_id", "ref", required=True, ref="articles"),
                Column("excerpt", required=True),
                Column("occurrence", "int"),
                Column(
                    "kind",
                    "choice",
                    required=True,
                    choices=(
                        "navigation",
                        "headline",
                        "byline",
                        "dateline",
                        "caption",
                        "update_note",
                        "credit",
                        "copyright",
                        "comment_policy",
                        "contact",
                    ),
                ),
                Column("note"),
            ),
        ),
        Table(
            "people",
            key=("person_id",),
            columns=(
                Column("person_id", "id", required=True),
                Column("name", required=True),
                Column("role", required=True),
                Column("country", required=True),
                Column("note"),
            ),
        ),
        Table(
            "aliases",
            key=("person_id", "alias"),
            columns=(
                Column("person_id", "ref", required=True, ref="people"),
                Column("alias", required=True),
                Column("note"),
            ),
        ),
        Table(
            "calls",
            key=("call_id",),
            columns=(
                Column("call_id", "id", required=True),
                Column("date", "date", required_when=_KNOWN_DATE),
                Column("date_basis", "choice", required=True, choices=DATE_BASIS),
                Column("date_note", required=True),
                Column("party_a", "ref", required=True, ref="people"),
                Column("party_b", "ref", ref="people"),
                Column(
                    "parties_note",
                    required_when=_when("party_b", ""),
                    fix="describe the other side as the article does",
                ),
                Column("initiator", "ref", ref="people"),
                Column("initiator_note", required=True),
                Column("duration_minutes", "int"),
                Column("duration_note", required=True),
                Column("note"),
            ),
        ),
        Table(
            "call_mentions",
            key=(),
            excerpt=("article_id", "excerpt"),
            columns=(
                Column("call_id", "ref", required=True, ref="calls"),
                Column("article_id", "ref", required=True, ref="articles"),
                Column("role", "choice", required=True, choices=("main", "passing")),
                Column("excerpt", required=True),
                Column("occurrence", "int"),
                Column("note"),
            ),
        ),
        Table(
            "readouts",
            key=("readout_id",),
            columns=(
                Column("readout_id", "id", required=True),
                Column("call_id", "ref", required=True, ref="calls"),
                Column("publisher", required=True),
                Column(
                    "kind",
                    "choice",
                    required=True,
                    choices=(
                        "written_readout",
                        "statement",
                        "video",
                        "briefing",
                        "announcement",
                        "unspecified",
                    ),
                ),
                Column("date", "date", required_when=_KNOWN_DATE),
                Column("date_basis", "choice", required=True, choices=DATE_BASIS),
                # Empty for an account no article refers to, kept so that two sides' accounts of
                # one call can be compared; a readout that claims cite must list their articles.
                Column("articles", "refs", ref="articles"),
                Column("note"),
                Column("title"),
                Column("url", "url"),
                Column("archive_url", "url"),
            ),
        ),
        Table(
            "readout_points",
            key=("point_id",),
            description="what each official readout says, checked on a page outside the five articles",
            columns=(
                Column("point_id", "id", required=True),
                Column("readout_id", "ref", required=True, ref="readouts"),
                Column(
                    "statement", required=True, fix="say what the readout says, in the project's own words"
                ),
                Column("quoted"),
                Column(
                    "checked_at",
                    "url",
                    required=True,
                    fix="give the address of the page on which you checked the point",
                ),
                Column("note"),
            ),
        ),
        Table(
            "events",
            key=("event_id",),
            columns=(
                Column("event_id", "id", required=True),
                Column("date", "date", required_when=_KNOWN_DATE),
                Column("date_basis", "choice", required=True, choices=DATE_BASIS),
                Column("date_note", required=True),
                Column("name", required=True),
                Column("description", required=True),
                Column("note"),
            ),
        ),
        Table(
            "event_mentions",
            key=(),
            excerpt=("article_id", "excerpt"),
            columns=(
                Column("event_id", "ref", required=True, ref="events"),
                Column("article_id", "ref", required=True, ref="articles"),
                Column("excerpt", required=True),
                Column("occurrence", "int"),
                Column("note"),
            ),
        ),
        Table(
            "propositions",
            key=("proposition_id",),
            columns=(
                Column("proposition_id", "id", required=True),
                Column("call_id", "ref", required=True, ref="calls"),
                Column(
                    "topic",
                    "choice",
                    required=True,
                    choices=(
                        "duration",
                        "tone",
                        "demand",
                        "warning",
                        "denial",
                        "commitment",
                        "agreement",
                        "next_steps",
                        "position",
                        "accusation",
                        "readout",
                        "context",
                    ),
                ),
                Column("statement", required=True),
                Column("note"),
            ),
        ),
        Table(
            "claims",
            key=("claim_id",),
            excerpt=("article_id", "excerpt"),
            columns=(
                Column("claim_id", "id", required=True),
                Column("article_id", "ref", required=True, ref="articles"),
                Column("proposition_id", "ref", required=True, ref="propositions"),
                Column("excerpt", required=True),
                Column("occurrence", "int"),
                Column("gloss"),
                Column("speaker", "ref", ref="people"),
                Column(
                    "source",
                    required_unless=_when("attribution", "outlet_voice"),
                    fix="describe the source as the article does, e.g. 'a senior State Department official'",
                ),
                Column(
                    "attribution",
                    "choice",
                    required=True,
                    choices=(
                        "named_official",
                        "spokesperson",
                        "anonymous_source",
                        "official_statement",
                        "outlet_voice",
                        "media_report",
                    ),
                ),
                Column(
                    "mode",
                    "choice",
                    required=True,
                    choices=("direct_quote", "partial_quote", "paraphrase", "narration"),
                ),
                Column("reporting_verb"),
                Column("readout_id", "ref", ref="readouts"),
                Column("note"),
                Column("readout_points", "refs", ref="readout_points"),
            ),
        ),
        Table(
            "translations",
            key=("article_id", "sentence_no"),
            columns=(
                Column("article_id", "ref", required=True, ref="articles"),
                Column("sentence_no", "int", required=True),
                Column("original", required=True),
                Column("translation", required=True),
                Column("note"),
            ),
        ),
        Table(
            "differences",
            key=("difference_id",),
            columns=(
                Column("difference_id", "id", required=True),
                Column("call_id", "ref", required=True, ref="calls"),
                Column(
                    "kind",
                    "choice",
                    required=True,
                    choices=(
                        "omission",
                        "wording",
                        "number",
                        "attribution",
                        "timing",
                        "framing",
                        "contradiction",
                    ),
                ),
                Column("propositions", "refs", required=True, ref="propositions"),
                Column("articles", "refs", required=True, ref="articles"),
                Column("claims", "refs", ref="claims"),
                Column("summary", required=True),
                Column("explanation", required=True),
                Column("readout_points", "refs", ref="readout_points"),
            ),
        ),
        Table(
            "terms",
            key=("term_id",),
            excerpt=("article_id", "term"),
            columns=(
                Column("term_id", "id", required=True),
                Column("article_id", "ref", required=True, ref="articles"),
                Column("term", required=True),
                Column("occurrence", "int"),
                Column(
                    "category",
                    "choice",
                    required=True,
                    choices=(
                        "loaded_term",
                        "scare_quotes",
                        "credited_quotation",
                        "reporting_verb",
                        "euphemism",
                        "hedge",
                        "label",
                    ),
                ),
                Column("gloss", required=True),
                Column("literal"),
                Column("note"),
            ),
        ),
    ]
}
