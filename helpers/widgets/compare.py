"""The comparison view: how each article words a proposition or a call, and what it leaves out."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..analysis import comparison
from ..data.corpus import Corpus
from ..data.loading import as_corpus
from ..data.schema import LIST_SEPARATOR
from ..display.html import escape, table_html
from .common import (
    ALL,
    _dir_attrs,
    _dropdown,
    _guarded,
    _html,
    _language_label,
    _source_text,
    _style,
    _text,
    _WithRerunNote,
)
from .readouts import OUTSIDE, point_ids, points_html

# --------------------------------------------------------------------------- comparison view


class ComparisonView(_WithRerunNote, widgets.VBox):
    """Each article's wording of a call's propositions, side by side; see :func:`comparison_view`.

    Attributes: ``call`` and ``proposition`` (Dropdowns), ``wordings``, ``omitted``
    and ``differences`` (HTML areas).
    """

    def __init__(
        self,
        claims: pd.DataFrame,
        propositions: pd.DataFrame,
        differences: pd.DataFrame | None,
        data_dir: Corpus | str | Path | None,
        call_id: str | None = None,
        proposition_id: str | None = None,
        readout_points: pd.DataFrame | None = None,
    ):
        self._claims = claims
        self._points = readout_points
        self._propositions = propositions
        self._differences = differences
        self._data_dir = data_dir
        # One corpus for every comparison: the frames this view was given, the rest from data_dir.
        self._corpus = as_corpus(data_dir).replace(claims=claims, propositions=propositions)
        if proposition_id is not None and call_id is None:
            match = propositions.loc[propositions["proposition_id"] == proposition_id, "call_id"]
            if match.empty:
                raise KeyError(f"no proposition {proposition_id!r}")
            call_id = str(match.iloc[0])
        counts = claims["call_id"].astype("string").value_counts()
        calls = [c for c in dict.fromkeys(claims["call_id"].dropna().astype(str))]
        calls.sort(key=lambda c: (-int(counts[c]), c))
        if not calls:
            raise ValueError("there are no claims to compare")
        self.call = _dropdown(
            "Call",
            [(f"{c} ({int(counts[c])} claims)", c) for c in calls],
            "rr-comparison-call",
            value=call_id,
        )
        self.proposition = _dropdown(
            "Proposition",
            self._proposition_options(self.call.value),
            "rr-comparison-proposition",
            width="48em",
        )
        if proposition_id is not None:
            self.proposition.value = proposition_id
        self.wordings = _html("rr-comparison-wordings", width="100%", overflow="auto")
        self.omitted = _html("rr-comparison-omitted")
        self.differences = _html("rr-comparison-differences", width="100%", overflow="auto")
        self.readouts = _html("rr-comparison-readouts", width="100%")
        self.call.observe(self._on_call, names="value")
        self.proposition.observe(self._render, names="value")
        super().__init__(
            children=[
                _style(),
                self.call,
                self.proposition,
                self.omitted,
                self.wordings,
                self.readouts,
                self.differences,
            ]
        )
        _guarded(self)
        self.add_class("rr-comparison")
        self._render()

    def static_html(self) -> str:
        """The comparison as shown, as static markup (for handouts)."""
        return (
            '<div class="rr-label">The comparison view (a printed copy: in the notebook, choose another '
            "call or one proposition)</div>"
            f"{self.omitted.value}{self.wordings.value}{self.readouts.value}{self.differences.value}"
        )

    def _proposition_options(self, call_id: str) -> list[tuple[str, str]]:
        props = self._propositions[self._propositions["call_id"] == call_id]
        claims = self._claims[self._claims["call_id"] == call_id]
        carriers = claims.groupby("proposition_id", observed=True)["article_id"].nunique()
        rows = []
        for _, row in props.iterrows():
            pid = str(row["proposition_id"])
            n = int(carriers.get(pid, 0))
            statement = _text(row.get("statement"))
            statement = statement if len(statement) <= 90 else statement[:89] + "…"
            noun = "article" if n == 1 else "articles"
            rows.append((-n, pid, f"{_text(row.get('topic'))}: {statement} ({n} {noun})"))
        rows.sort()
        return [("All propositions of this call", ALL)] + [(label, pid) for _, pid, label in rows]

    def _on_call(self, _change: dict) -> None:
        with self.proposition.hold_trait_notifications():
            self.proposition.unobserve(self._render, names="value")
            self.proposition.options = self._proposition_options(self.call.value)
            self.proposition.value = ALL
            self.proposition.observe(self._render, names="value")
        self._render()

    def _call_differences(self, call_id: str) -> pd.DataFrame:
        if self._differences is None:
            return comparison.differences_for(call_id, corpus=self._corpus)
        return self._differences[self._differences["call_id"] == call_id].reset_index(drop=True)

    def _render(self, _change: dict | None = None) -> None:
        call_id = self.call.value
        table = comparison.coverage(call_id, self._claims, self._corpus)
        articles = list(dict.fromkeys(table["article_id"].astype(str)))
        languages = dict(
            zip(self._claims["article_id"].astype(str), self._claims["language"].astype("string"))
        )
        differences = self._call_differences(call_id)
        if self.proposition.value == ALL:
            self.readouts.value = self._readouts_html(call_id, None)
            self._render_call(call_id, table, articles, languages, differences)
        else:
            self.readouts.value = self._readouts_html(call_id, self.proposition.value)
            self._render_proposition(self.proposition.value, table, articles, languages, differences)

    def _readouts_html(self, call_id: str, pid: str | None) -> str:
        """The official readouts' points beside the articles' claims: those the claims trace to, and
        (for the whole call) those no article passes on. Facts from outside the five articles."""
        if self._points is None or "readout_points" not in self._claims.columns:
            return ""
        claims = self._claims[self._claims["call_id"] == call_id]
        if pid is not None:
            claims = claims[claims["proposition_id"] == pid]
        linked = list(dict.fromkeys(i for value in claims["readout_points"] for i in point_ids(value)))
        parts = []
        if linked:
            parts.append(
                '<div class="rr-label">What the official readouts say on this '
                f"{'proposition' if pid else 'call'}, as the articles' claims trace to it</div>"
                + points_html(linked, self._points)
            )
        if pid is None:
            on_call = self._points[self._points["call_id"] == call_id]
            unlinked = [i for i in on_call["point_id"].astype(str) if i not in set(linked)]
            if unlinked:
                parts.append(
                    '<div class="rr-label">Points of the readouts that no article\'s claim traces to</div>'
                    + points_html(unlinked, self._points)
                )
        if not parts:
            return f'<div class="rr-empty">No readout point is linked to this {"proposition" if pid else "call"}.</div>'
        return f'<div class="rr-readouts" role="group" aria-label="{OUTSIDE}">{"".join(parts)}</div>'

    def _render_proposition(
        self, pid: str, table: pd.DataFrame, articles: list[str], languages: dict, differences: pd.DataFrame
    ) -> None:
        words = comparison.wordings(pid, self._claims, self._corpus)
        statement = self._propositions.loc[self._propositions["proposition_id"] == pid]
        statement_text = _text(statement["statement"].iloc[0]) if not statement.empty else pid
        topic = _text(statement["topic"].iloc[0]) if not statement.empty else ""
        carried = [a for a in articles if not words[words["article_id"] == a].empty]
        omitting = [a for a in articles if a not in carried]
        head = _article_heads(articles, languages)
        cells = []
        for article_id in articles:
            rows = words[words["article_id"] == article_id]
            if rows.empty:
                cells.append('<td><div class="rr-omitted">Does not report this.</div></td>')
            else:
                cells.append("<td>" + "".join(_wording_html(r) for _, r in rows.iterrows()) + "</td>")
        self.omitted.value = _omitted_html(carried, omitting)
        relevant = (
            differences[
                differences["propositions"]
                .astype("string")
                .fillna("")
                .str.split(LIST_SEPARATOR)
                .map(lambda ids: pid in ids)
            ]
            if not differences.empty
            else differences
        )
        self.differences.value = _differences_html(
            relevant, "No differences are recorded for this proposition."
        )
        # Last: once the statement at its top changes, the areas below it have too.
        self.wordings.value = (
            f'<div class="rr-statement">Proposition ({escape(topic)}): {escape(statement_text)}</div>'
            f'<table class="rr-table rr-wordings"><thead><tr>{head}</tr></thead>'
            f"<tbody><tr>{''.join(cells)}</tr></tbody></table>"
        )

    def _render_call(
        self,
        call_id: str,
        table: pd.DataFrame,
        articles: list[str],
        languages: dict,
        differences: pd.DataFrame,
    ) -> None:
        claims = self._claims[self._claims["call_id"] == call_id]
        carriers = table[table["carried"]].groupby("proposition_id")["article_id"].nunique()
        props = table.drop_duplicates("proposition_id")[["proposition_id", "topic", "statement"]].copy()
        props["n"] = props["proposition_id"].map(carriers).fillna(0).astype(int)
        props = props.sort_values(["n", "topic", "proposition_id"], ascending=[False, True, True])
        head = '<th scope="col">Proposition</th>' + _article_heads(articles, languages)
        by_cell = {key: rows for key, rows in claims.groupby(["proposition_id", "article_id"], observed=True)}
        body = []
        for _, prop in props.iterrows():
            cells = [
                f'<th scope="row"><div class="rr-meta">{escape(prop["topic"])}</div>'
                f"{escape(prop['statement'])}</th>"
            ]
            for article_id in articles:
                rows = by_cell.get((prop["proposition_id"], article_id))
                if rows is None:
                    cells.append('<td><span class="rr-omitted">not reported</span></td>')
                else:
                    wording = "".join(_wording_html(r, brief=True) for _, r in rows.iterrows())
                    cells.append(f"<td>{wording}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        lines = _left_out_lines(table, articles)
        self.omitted.value = (
            f'<div class="rr-label">What each article leaves out</div><ul>{"".join(lines)}</ul>'
        )
        self.differences.value = _differences_html(differences, "No differences are recorded for this call.")
        self.wordings.value = (
            f'<div class="rr-statement">All propositions of {escape(call_id)}</div>'
            f'<table class="rr-table rr-wordings"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )


def _left_out_lines(table: pd.DataFrame, articles: list[str]) -> list[str]:
    """For each article, how many of the propositions the other articles report it leaves out.

    >>> table = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "proposition_id": ["p", "q", "p", "q"],
    ...                       "carried": [True, True, True, False]})
    >>> [line.replace("<li>", "").replace("</li>", "") for line in _left_out_lines(table, ["a", "b"])]
    ['a reports every proposition that another article on this call reports', 'b leaves out 1 of the 2 propositions that the other articles on this call report']
    >>> _left_out_lines(table[table["article_id"] == "a"], ["a"])
    ['<li>Only a reports this call: there is no other article to compare it with.</li>']
    """
    if len(articles) < 2:
        only = escape(articles[0]) if articles else "no article"
        return [f"<li>Only {only} reports this call: there is no other article to compare it with.</li>"]
    lines = []
    for article_id in articles:
        mine = table[table["article_id"] == article_id]
        others = table[(table["article_id"] != article_id) & table["carried"]]["proposition_id"]
        reported_elsewhere = set(others)
        missing = reported_elsewhere - set(mine.loc[mine["carried"], "proposition_id"])
        if not missing:
            lines.append(
                f"<li>{escape(article_id)} reports every proposition that another article on this call reports</li>"
            )
        else:
            lines.append(
                f"<li>{escape(article_id)} leaves out {len(missing)} of the {len(reported_elsewhere)} "
                "propositions that the other articles on this call report</li>"
            )
    return lines


def _article_heads(articles: list[str], languages: dict) -> str:
    """One column head per article: its id, and its language under it."""
    return "".join(
        f'<th scope="col">{escape(a)}<div class="rr-meta">'
        f"{escape(_language_label(languages.get(a, '')))}</div></th>"
        for a in articles
    )


def _wording_html(row: pd.Series, brief: bool = False) -> str:
    excerpt = f"<div{_dir_attrs(row.get('language'), 'rr-excerpt')}>{escape(row.get('excerpt'))}</div>"
    gloss = _text(row.get("gloss"))
    gloss_html = f'<div class="rr-gloss" lang="en">{escape(gloss)}</div>' if gloss else ""
    attribution = _text(row.get("attribution")).replace("_", " ")
    mode = _text(row.get("mode")).replace("_", " ")
    if brief:
        meta = f"{attribution}, {mode}"
    else:
        parts = [f"Source: {_source_text(row) or 'none given'}"]
        speaker = _text(row.get("speaker_name"))
        if speaker:
            parts.append(f"speaker: {speaker}")
        parts.append(f"{attribution}, {mode}")
        verb = _text(row.get("reporting_verb"))
        if verb:
            parts.append(f"verb: {verb}")
        meta = "; ".join(parts)
    return f'<div class="rr-wording">{excerpt}{gloss_html}<div class="rr-meta">{escape(meta)}</div></div>'


def _omitted_html(carried: list[str], omitting: list[str]) -> str:
    if not omitting:
        return '<div class="rr-meta">Every article on this call reports it.</div>'
    return (
        f'<div class="rr-meta">Reported by: {escape(", ".join(carried) or "no article")}. '
        f'<span class="rr-omitted">Not reported by: {escape(", ".join(omitting))}.</span></div>'
    )


def _differences_html(differences: pd.DataFrame, empty: str) -> str:
    columns = [c for c in ("kind", "summary", "explanation", "articles") if c in differences.columns]
    frame = differences[columns].copy() if columns else differences
    if "articles" in frame.columns:
        frame["articles"] = frame["articles"].astype("string").str.replace(LIST_SEPARATOR, ", ", regex=False)
    return table_html(
        frame,
        columns,
        caption="Recorded differences, and why they matter",
        language_column=None,
        text_columns=(),
        empty=empty,
    )


def comparison_view(
    claims: pd.DataFrame | None = None,
    propositions: pd.DataFrame | None = None,
    differences: pd.DataFrame | None = None,
    *,
    call_id: str | None = None,
    proposition_id: str | None = None,
    readout_points: pd.DataFrame | None = None,
    corpus: Corpus | None = None,
    data_dir: str | Path | None = None,
) -> ComparisonView:
    """Compare how the articles report a call, or one proposition of it, side by side.

    Pick a call to see every proposition down and every article on the call
    across (:func:`helpers.analysis.comparison.coverage`), or one proposition to see each
    article's full wording (:func:`helpers.analysis.comparison.wordings`) with its source,
    attribution and mode. Both say which articles leave it out, and list the
    recorded differences (:func:`helpers.analysis.comparison.differences_for`) with their
    explanations.

    >>> view = comparison_view(proposition_id="bl0201-duration")
    >>> view.call.value
    'blinken-lavrov-2022-02-01'
    >>> "30 minutes" in view.wordings.value
    True
    >>> view.proposition.value = ALL  # the whole call: every proposition down, every article across
    >>> "All propositions of blinken-lavrov-2022-02-01" in view.wordings.value
    True
    """
    source = as_corpus(corpus if corpus is not None else data_dir)
    claims = source.claims if claims is None else claims
    propositions = source.propositions if propositions is None else propositions
    points = source.readout_points if readout_points is None else readout_points
    return ComparisonView(claims, propositions, differences, source, call_id, proposition_id, points)
