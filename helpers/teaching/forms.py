"""What kind of value an answer is, and the slips of form a checker forgives.

A *domain* is the set of values a choice or set question takes: article ids, call
ids, attribution kinds, reporting verbs as written … An answer outside its domain
is a slip of form, never a wrong answer: it costs no try, and the message about it
depends only on the domain and on what the student typed, never on the expected
value, so it gives nothing away.

>>> slip("The Washington Times", "article")
'That is a name, not an article_id: give the id as the article_id column writes it.'
>>> slip("outlet voice", "attribution")
'Write the value as the data writes it: words joined by underscores or hyphens, no spaces.'
>>> slip("زعم", "verb") is not None
True
>>> slip("named_official", "attribution") is None
True
"""

from __future__ import annotations

from pathlib import Path

import helpers
from helpers.data.schema import TABLES

__all__ = ["DOMAINS", "describe", "infer_domain", "names_for", "normal", "slip", "values"]

# Domain: (how the question names the value, the table and column it comes from).
DOMAINS: dict[str, tuple[str, str, str]] = {
    "article": ("an article_id", "articles", "article_id"),
    "call": ("a call_id", "calls", "call_id"),
    "person": ("a person_id", "people", "person_id"),
    "readout": ("a readout_id", "readouts", "readout_id"),
    "claim": ("a claim_id", "claims", "claim_id"),
    "proposition": ("a proposition_id", "propositions", "proposition_id"),
    "difference": ("a difference_id", "differences", "difference_id"),
    "term": ("a term_id", "terms", "term_id"),
    "attribution": ("an attribution kind", "claims", "attribution"),
    "mode": ("a mode", "claims", "mode"),
    "topic": ("a topic", "propositions", "topic"),
    "difference_kind": ("a kind of difference", "differences", "kind"),
    "term_category": ("a term category", "terms", "category"),
    "boilerplate_kind": ("a kind of boilerplate line", "boilerplate", "kind"),
    "verb": ("a reporting verb as the article writes it", "claims", "reporting_verb"),
    "column": ("a column header", "", ""),
    "quotation": ("credited_quote or scare_quote", "", ""),
}
# Ids one question may be mistaken for another's.
_ID_DOMAINS = ("article", "call", "person", "readout", "claim", "proposition", "difference", "term")
# Letters Arabic writes joined to the next word: and, so, for/to, with/by.
_ATTACHED = ("و", "ف", "ل", "ب")
# Examples of form, one per domain, that quote no value from the data.
_EXAMPLE = {
    "verb": "one verb in quotation marks, copied letter for letter from the article",
    "column": "one column header in quotation marks, copied exactly",
    "quotation": 'one of "credited_quote" or "scare_quote"',
}


def normal(value: object) -> str:
    """The form answers are compared in: NFC, trimmed, case-folded, «guillemets» and quotes dropped.

    >>> normal('  «وزعم» '), normal("Named_Official")
    ('وزعم', 'named_official')
    """
    text = helpers.nfc(str(value)).strip().strip("«»\"'“”‘’").strip()
    return text.casefold()


def _tables(data_dir: str | None) -> dict:
    return helpers.load_corpus(data_dir).frames


def _column(data_dir: str | None, table: str, column: str) -> set[str]:
    frames = _tables(data_dir)
    if table in frames and column in frames[table].columns:
        found = {normal(v) for v in frames[table][column].dropna().astype(str) if str(v).strip()}
    else:
        found = set()
    choices = {c.name: c for c in TABLES[table].columns}.get(column) if table in TABLES else None
    return found | {normal(c) for c in (choices.choices if choices else ())}


def values(domain: str, data_dir: str | Path | None = None) -> set[str]:
    """Every value (normalised) a question of ``domain`` can take, from the schema and the data.

    >>> "outlet_voice" in values("attribution")
    True
    """
    key = None if data_dir is None else str(data_dir)
    if domain == "column":
        return {normal(c.name) for table in TABLES.values() for c in table.columns}
    if domain == "quotation":
        return {"credited_quote", "scare_quote"}
    _, table, column = DOMAINS[domain]
    found = _column(key, table, column)
    if domain == "verb":
        terms = _tables(key).get("terms")
        if terms is not None:
            found |= {normal(t) for t in terms.loc[terms["category"] == "reporting_verb", "term"].astype(str)}
    return found


def _names(domain: str, data_dir: str | None) -> set[str]:
    """Names a student may give where an id is asked (outlets, people, publishers)."""
    frames = _tables(data_dir)
    columns = {
        "article": [("articles", "outlet"), ("articles", "headline"), ("articles", "host")],
        "person": [("people", "name"), ("aliases", "alias")],
        "readout": [("readouts", "publisher")],
    }.get(domain, [])
    names = set()
    for table, column in columns:
        if table in frames and column in frames[table].columns:
            names |= {normal(v) for v in frames[table][column].dropna().astype(str)}
    return names | {name.removeprefix("the ") for name in names}


def names_for(value: str, data_dir: str | Path | None = None) -> set[str]:
    """The names (normalised) the data gives an id: an article's outlet and host, a person's name
    and aliases, a readout's publisher. Feedback that names one of them names the id.

    >>> sorted(names_for("cnn-blinken-lavrov"))
    ['cnn', 'ktvz newschannel 21']
    """
    key = None if data_dir is None else str(data_dir)
    frames = _tables(key)
    wanted = normal(value)
    sources = [
        ("articles", "article_id", ("outlet", "host")),
        ("people", "person_id", ("name",)),
        ("aliases", "person_id", ("alias",)),
        ("readouts", "readout_id", ("publisher",)),
    ]
    names: set[str] = set()
    for table, id_column, columns in sources:
        frame = frames.get(table)
        if frame is None:
            continue
        rows = frame[frame[id_column].astype(str).map(normal) == wanted]
        for column in columns:
            names |= {normal(v) for v in rows[column].dropna().astype(str) if str(v).strip()}
    return names


def infer_domain(expected: object, data_dir: str | Path | None = None) -> str | None:
    """The domain whose values hold every expected value, ids first; None when none does.

    >>> infer_domain({"cnn-blinken-lavrov"}), infer_domain("paraphrase"), infer_domain(3)
    ('article', 'mode', None)
    """
    items = expected if isinstance(expected, (set, frozenset, list, tuple)) else [expected]
    if not items or not all(isinstance(i, str) for i in items):
        return None
    wanted = {normal(i) for i in items}
    for domain in (*_ID_DOMAINS, *[d for d in DOMAINS if d not in _ID_DOMAINS]):
        if wanted <= values(domain, data_dir):
            return domain
    return None


def describe(domain: str | None, kind: str = "choice") -> str:
    """How the answer should look, with no value from the data in it.

    >>> describe("verb")
    'one verb in quotation marks, copied letter for letter from the article'
    """
    if kind == "set":
        return f"a list of values, each {DOMAINS[domain][0] if domain in DOMAINS else 'a value'}, like [..., ...]"
    if domain in _EXAMPLE:
        return _EXAMPLE[domain]
    if domain in DOMAINS:
        what = DOMAINS[domain][0]
        column = DOMAINS[domain][2]
        return f"one value in quotation marks: {what}, as the {column} column writes it"
    return "one value in quotation marks"


def slip(answer: str, domain: str | None, data_dir: str | Path | None = None) -> str | None:
    """A message about the form of ``answer``, or None when its form is right for ``domain``.

    Depends only on the domain and the answer, never on the expected value.

    >>> slip("cnn-blinken-lavrov", "call")
    'That is an article_id, not a call_id: the question asks about a call.'
    >>> slip("cnn-blinken-lavrov", "article") is None
    True
    """
    if domain is None or domain not in DOMAINS:
        return None
    key = None if data_dir is None else str(data_dir)
    given = normal(answer)
    allowed = values(domain, key)
    if given in allowed:
        return None
    what = DOMAINS[domain][0]
    for joined in (
        given.replace(" ", "_"),
        given.replace(" ", "-"),
        given.replace("_", "-"),
        given.replace("-", "_"),
    ):
        if joined != given and joined in allowed:
            return "Write the value as the data writes it: words joined by underscores or hyphens, no spaces."
    if given in _names(domain, key) or given.removeprefix("the ") in _names(domain, key):
        return f"That is a name, not {what.split(' as ')[0]}: give the id as the {DOMAINS[domain][2]} column writes it."
    if domain == "verb":
        if any(letter + given in allowed for letter in _ATTACHED) or (
            given[:1] in _ATTACHED and given[1:] in allowed
        ):
            return (
                "Copy the verb exactly as the article writes it, with any letter the text joins to it, "
                "and nothing more."
            )
        return f"Give {what}: {_EXAMPLE['verb']}."
    for other in _ID_DOMAINS:
        if other != domain and given in values(other, key):
            noun = other.replace("_", " ")
            return f"That is {DOMAINS[other][0]}, not {what}: the question asks about a {_ABOUT.get(domain, noun)}."
    return f"That is not {what}: give {describe(domain)}."


_ABOUT = {
    "article": "article",
    "call": "call",
    "person": "person",
    "readout": "readout",
    "claim": "claim",
    "proposition": "proposition",
    "difference": "difference",
    "term": "term",
}
