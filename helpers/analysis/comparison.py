"""Compare sources: which article carries which proposition, in what words, from whom.

Every function takes frames (or loads the bundled ones) and returns a new tidy
frame; nothing here displays anything. Pass your own frames (a filtered
selection, an instructor's data) to compare those instead.

Layer: analysis. What concerns the calls themselves (which article mentions
which, the timeline, each call's sources) is in :mod:`helpers.analysis.calls`
and offered here too, under the names the lessons use.
"""

from __future__ import annotations

import re

import pandas as pd

from ..data.loading import Corpus, as_corpus, join_list
from ..data.schema import LIST_SEPARATOR
from ..data.text import search_key, sentence_spans
from .calls import call_mentions, call_sources, timeline

__all__ = [
    "articles_on_call",
    "coverage",
    "coverage_matrix",
    "omissions",
    "wordings",
    "attribution_counts",
    "reporting_verbs",
    "differences_for",
    "call_mentions",
    "timeline",
    "claims_in_context",
    "quotation_marks",
    "enclosed_spans",
    "difference_claims",
    "call_sources",
]


def articles_on_call(call_id: str, corpus: Corpus | None = None) -> list[str]:
    """The articles whose main subject is ``call_id``, in the order of articles.csv.

    >>> articles_on_call("blinken-lavrov-2022-02-01")
    ['ar-blinken-lavrov', 'cnn-blinken-lavrov', 'wt-blinken-lavrov']
    """
    corpus = as_corpus(corpus)
    mentions = corpus.frames["call_mentions"]
    main = set(mentions.loc[(mentions["call_id"] == call_id) & (mentions["role"] == "main"), "article_id"])
    return [a for a in corpus.articles["article_id"] if a in main]


def coverage(call_id: str, claims: pd.DataFrame | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """One row per (proposition of the call, article on the call): does it carry it?

    Columns: ``proposition_id``, ``topic``, ``statement``, ``article_id``,
    ``carried`` (bool), ``n_claims``, ``attributions`` (the attribution kinds of
    its claims, ``;``-joined). Articles are those whose main subject is the call,
    plus any other article in ``claims`` that states one of its propositions.

    >>> table = coverage("blinken-lavrov-2022-02-01")
    >>> bool(table.groupby("article_id")["carried"].any().all())
    True
    """
    corpus = as_corpus(corpus)
    claims = corpus.claims if claims is None else claims
    propositions = corpus.propositions
    propositions = propositions[propositions["call_id"] == call_id][["proposition_id", "topic", "statement"]]
    on_call = claims[claims["proposition_id"].isin(propositions["proposition_id"])]
    articles = articles_on_call(call_id, corpus)
    articles += sorted(set(on_call["article_id"]) - set(articles))
    grid = propositions.merge(pd.DataFrame({"article_id": pd.array(articles, dtype="string")}), how="cross")
    counted = (
        on_call.groupby(["proposition_id", "article_id"], observed=True)
        .agg(n_claims=("claim_id", "size"), attributions=("attribution", join_list))
        .reset_index()
    )
    table = grid.merge(counted, on=["proposition_id", "article_id"], how="left")
    table["n_claims"] = table["n_claims"].fillna(0).astype("Int64")
    table["carried"] = table["n_claims"] > 0
    table["attributions"] = table["attributions"].astype("string")
    return table[
        ["proposition_id", "topic", "statement", "article_id", "carried", "n_claims", "attributions"]
    ]


def coverage_matrix(
    call_id: str, claims: pd.DataFrame | None = None, corpus: Corpus | None = None
) -> pd.DataFrame:
    """The coverage of a call as a grid: propositions down, articles across, True/False.

    Rows are sorted by how many articles carry the proposition (most first), then
    by topic, so what every source reports comes first and what one source alone
    reports comes last.

    >>> grid = coverage_matrix("blinken-lavrov-2022-02-01")
    >>> list(grid.columns)
    ['ar-blinken-lavrov', 'cnn-blinken-lavrov', 'wt-blinken-lavrov']
    """
    corpus = as_corpus(corpus)
    table = coverage(call_id, claims, corpus)
    grid = table.pivot_table(
        index=["proposition_id", "topic", "statement"],
        columns="article_id",
        values="carried",
        aggfunc="any",
        observed=True,
        sort=False,
    )
    grid.columns = list(grid.columns)
    grid = grid.astype(bool)
    order = grid.sum(axis=1).rename("n").reset_index()
    order = order.sort_values(["n", "topic", "proposition_id"], ascending=[False, True, True])
    return grid.loc[list(zip(order["proposition_id"], order["topic"], order["statement"]))]


def omissions(call_id: str, claims: pd.DataFrame | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """Propositions of a call that some article on it carries and another leaves out.

    One row per (proposition, article that omits it), with ``carried_by``: the
    articles that do carry it.

    >>> missing = omissions("blinken-lavrov-2022-02-01")
    >>> set(missing.columns) >= {"proposition_id", "statement", "article_id", "carried_by"}
    True
    """
    corpus = as_corpus(corpus)
    table = coverage(call_id, claims, corpus)
    carriers = table[table["carried"]].groupby("proposition_id")["article_id"].agg(join_list)
    missing = table[~table["carried"] & table["proposition_id"].isin(carriers.index)].copy()
    missing["carried_by"] = missing["proposition_id"].map(carriers).astype("string")
    return missing[["proposition_id", "topic", "statement", "article_id", "carried_by"]].reset_index(
        drop=True
    )


def wordings(
    proposition_id: str, claims: pd.DataFrame | None = None, corpus: Corpus | None = None
) -> pd.DataFrame:
    """How each article words one proposition: excerpt, gloss, source, attribution, mode.

    >>> words = wordings("bl0201-duration")
    >>> sorted(words["article_id"])
    ['ar-blinken-lavrov', 'cnn-blinken-lavrov']
    """
    corpus = as_corpus(corpus)
    claims = corpus.claims if claims is None else claims
    rows = claims[claims["proposition_id"] == proposition_id]
    # The columns that show one proposition's wording, article by article. Not the claims
    # view's order (helpers.data.corpus) nor the handout's (helpers.widgets.common.HANDOUT_COLUMNS)
    # on purpose: proposition, topic and statement are the same on every row here, so they are left out.
    columns = [
        "article_id",
        "language",
        "direction",
        "claim_id",
        "excerpt",
        "gloss",
        "speaker_name",
        "source",
        "attribution",
        "mode",
        "reporting_verb",
        "note",
    ]
    return rows[columns].sort_values(["article_id", "claim_id"], ignore_index=True)


def attribution_counts(claims: pd.DataFrame | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """How many claims each article attributes in each way: articles down, kinds across.

    >>> counts = attribution_counts()
    >>> int(counts.loc["wt-blinken-lavrov"].sum()) > 0
    True
    """
    corpus = as_corpus(corpus)
    claims = corpus.claims if claims is None else claims
    return pd.crosstab(claims["article_id"], claims["attribution"]).rename_axis(
        index="article_id", columns=None
    )


def reporting_verbs(claims: pd.DataFrame | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """Each reporting verb as written, per article, with how often and for which attribution.

    >>> verbs = reporting_verbs()
    >>> {"said", "قال"} <= set(verbs["reporting_verb"])
    True
    """
    corpus = as_corpus(corpus)
    claims = corpus.claims if claims is None else claims
    verbs = claims.dropna(subset=["reporting_verb"])
    table = (
        verbs.groupby(["article_id", "language", "reporting_verb"], observed=True)
        .agg(n_claims=("claim_id", "size"), attributions=("attribution", join_list))
        .reset_index()
    )
    table["attributions"] = table["attributions"].astype("string")
    return table.sort_values(
        ["article_id", "n_claims", "reporting_verb"], ascending=[True, False, True], ignore_index=True
    )


def differences_for(
    call_id: str | None = None, kind: str | None = None, corpus: Corpus | None = None
) -> pd.DataFrame:
    """The curated differences, for one call and/or one kind.

    >>> {"omission", "wording", "timing"} <= set(differences_for("blinken-lavrov-2022-02-01")["kind"])
    True
    """
    corpus = as_corpus(corpus)
    differences = corpus.differences
    if call_id is not None:
        differences = differences[differences["call_id"] == call_id]
    if kind is not None:
        differences = differences[differences["kind"] == kind]
    return differences.reset_index(drop=True)


def claims_in_context(claims: pd.DataFrame | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """The claims with the whole sentence of the article each excerpt stands in (column ``sentence``).

    An excerpt is often only part of a sentence ("as short as makes the claim");
    the sentence shows what surrounds it, such as the "the official said" that
    credits it. The sentence is found from the excerpt's position (``start``),
    so a repeated excerpt gets the sentence of the occurrence the claim means.

    >>> context = claims_in_context().set_index("claim_id")
    >>> context.loc["cnn-blinken-lavrov-10", "sentence"].endswith("the official said.")
    True
    """
    corpus = as_corpus(corpus)
    claims = corpus.claims if claims is None else claims
    texts = corpus.articles.set_index("article_id")["text"]
    spans = {article: sentence_spans(text) for article, text in texts.items()}

    def sentence_of(article: str, start: object) -> object:
        if pd.isna(start) or article not in spans:
            return pd.NA
        # An excerpt may run over a sentence end (a quotation of several sentences):
        # take the sentence it starts in, which is where the reader meets it.
        for span in spans[article]:
            if span.start <= int(start) < span.end:
                return texts[article][span.start : span.end]
        return pd.NA

    out = claims.copy()
    out["sentence"] = pd.array(
        [sentence_of(a, s) for a, s in zip(out["article_id"], out["start"])], dtype="string"
    )
    return out


# The quotation marks the articles use, in the order a table shows them.
QUOTATION_MARKS = {
    "“": "left double",
    "”": "right double",
    '"': "straight double",
    "«": "left guillemet",
    "»": "right guillemet",
}


def quotation_marks(articles: pd.DataFrame | None = None, corpus: Corpus | None = None) -> pd.DataFrame:
    """How many of each double quotation mark stands in each article's body: articles down, marks across.

    Counts characters only: a mark tells you that words are set apart, not why
    (a quotation, a name, a term held at a distance). Single curly quotes are
    left out because ’ is also the English apostrophe.

    >>> marks = quotation_marks()
    >>> int(marks.loc["cnn-blinken-lavrov", "«"]), int(marks.loc["ar-blinken-lavrov", "«"]) > 0
    (0, True)
    """
    corpus = as_corpus(corpus)
    articles = corpus.articles if articles is None else articles
    counts = pd.DataFrame(
        {mark: [body.count(mark) for body in articles["body"]] for mark in QUOTATION_MARKS},
        index=pd.Index(articles["article_id"], name="article_id"),
    )
    counts.insert(0, "language", list(articles["language"].astype(str)))
    return counts


def enclosed_spans(
    open_mark: str = "«",
    close_mark: str = "»",
    articles: pd.DataFrame | None = None,
    corpus: Corpus | None = None,
) -> pd.DataFrame:
    """Every stretch of an article's body between ``open_mark`` and ``close_mark``, and whether it is a name.

    One row per span: ``article_id``, ``language``, ``enclosed`` (the words
    between the marks), ``person_id`` and ``name`` when the enclosed words are
    exactly one of a person's aliases (compared with :func:`helpers.data.text.search_key`),
    and ``is_person`` (True/False). The two marks must differ: a straight ``"``
    opens and closes alike, so one stray mark would shift every pair after it.

    >>> spans = enclosed_spans()
    >>> bool(spans["is_person"].any()), set(spans["language"])
    (True, {'ar'})
    """
    corpus = as_corpus(corpus)
    if open_mark == close_mark:
        raise ValueError("open_mark and close_mark must differ; straight quotes cannot be paired reliably")
    articles = corpus.articles if articles is None else articles
    aliases = corpus.aliases
    people = {
        search_key(alias): (person, name)
        for alias, person, name in zip(aliases["alias"], aliases["person_id"], aliases["name"])
    }
    pattern = re.compile(
        f"{re.escape(open_mark)}([^{re.escape(open_mark + close_mark)}]*){re.escape(close_mark)}"
    )
    rows = []
    for article in articles.itertuples():
        for match in pattern.finditer(article.body):
            person, name = people.get(search_key(match.group(1).strip()), (pd.NA, pd.NA))
            rows.append((article.article_id, str(article.language), match.group(1), person, name))
    spans = pd.DataFrame(rows, columns=["article_id", "language", "enclosed", "person_id", "name"])
    for column in spans.columns:
        spans[column] = spans[column].astype("string")
    spans["is_person"] = spans["person_id"].notna().astype(bool)
    return spans


def difference_claims(
    difference_id: str, claims: pd.DataFrame | None = None, corpus: Corpus | None = None
) -> pd.DataFrame:
    """The claims a curated difference points to (its ``claims`` column), in the order it lists them.

    Use it to read the evidence for a row of differences.csv side by side:
    excerpt, working translation (``gloss``), source, attribution and mode.

    >>> evidence = difference_claims("d-bl0201-03")
    >>> sorted(evidence["article_id"])
    ['ar-blinken-lavrov', 'cnn-blinken-lavrov']
    """
    corpus = as_corpus(corpus)
    differences = corpus.differences.set_index("difference_id")
    if difference_id not in differences.index:
        raise KeyError(f"no difference {difference_id!r} in differences.csv")
    listed = differences.loc[difference_id, "claims"]
    ids = [] if pd.isna(listed) else [c.strip() for c in str(listed).split(LIST_SEPARATOR) if c.strip()]
    claims = corpus.claims if claims is None else claims
    rows = claims.set_index("claim_id").reindex(ids).reset_index()
    # The evidence read side by side, on purpose a selection of its own (like wordings' above):
    # which proposition each claim states, and who is credited with it how.
    columns = [
        "claim_id",
        "article_id",
        "language",
        "direction",
        "proposition_id",
        "excerpt",
        "gloss",
        "source",
        "attribution",
        "mode",
        "note",
    ]
    return rows.dropna(subset=["article_id"])[columns].reset_index(drop=True)
