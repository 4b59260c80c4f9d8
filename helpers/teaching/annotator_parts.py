"""The annotator's pieces: the selectable passage, the labels of the allowed values, and its HTML.

Every text goes through :func:`helpers.display.html.escape`; excerpts carry the
passage's ``dir`` and ``lang``. See :mod:`helpers.teaching.annotator`.

>>> from helpers.teaching.annotation import own_passage, make_annotation, NEW
>>> p = own_passage("<b>x</b> said hello")
>>> a, _ = make_annotation(p, excerpt="<b>x</b>", proposition_id=NEW, new_statement="x",
...                        attribution="outlet_voice", mode="narration")
>>> "&lt;b&gt;" in claim_html(a, "x", "en") and "<b>" not in claim_html(a, "x", "en")
True
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets
import pandas as pd
import traitlets

from ..display.html import escape
from ..widgets.common import _dir_attrs
from .annotation import NEW, Annotation, Passage, pair_up

__all__ = [
    "ATTRIBUTION_LABELS",
    "MODE_LABELS",
    "ANNOTATOR_STYLE",
    "PassageView",
    "status",
    "claim_html",
    "reveal_html",
    "statement_of",
]

ATTRIBUTION_LABELS = {
    "named_official": "named_official: a person the article names",
    "spokesperson": "spokesperson: a spokesperson, named or not",
    "anonymous_source": "anonymous_source: an official or source left unnamed",
    "official_statement": "official_statement: a readout, statement or institution",
    "outlet_voice": "outlet_voice: the outlet itself, crediting no one",
    "media_report": "media_report: another outlet or unnamed reports",
}
MODE_LABELS = {
    "direct_quote": "direct_quote: the source's words inside quotation marks",
    "partial_quote": "partial_quote: a few quoted words inside reported speech",
    "paraphrase": "paraphrase: reported speech, no quotation marks",
    "narration": "narration: the outlet states it in its own voice",
}

ANNOTATOR_STYLE = """<style>
.rr-annotator { max-width: 72em; }
.rr-annotator .rr-annotator-text { white-space: pre-wrap; line-height: 1.7; border: 1px solid #c8c8c8;
  padding: 0.5em 0.7em; background: #fcfcfa; max-width: 60em; user-select: text; cursor: text; }
.rr-annotator .rr-annotator-ok { color: #1b5e20; }
.rr-annotator .rr-annotator-refused { color: #8a1c1c; font-weight: bold; }
.rr-annotator .rr-annotator-side td { width: 36%; }
.rr-annotator .rr-annotator-side td.rr-annotator-note { width: 28%; font-size: 0.9em; }
.rr-annotator .rr-annotator-agree { font-size: 0.85em; color: #333; }
.rr-annotator h4 { margin: 0.8em 0 0.3em; }
/* Arabic typed or pasted into a field runs right to left, line by line, as its own text does. */
.rr-annotator input[type="text"], .rr-annotator textarea { unicode-bidi: plaintext; }
</style>"""

# The passage as selectable text; what the student selects comes back as {text, start}.
_PASSAGE_ESM = """
function render({ model, el }) {
  const box = document.createElement('div');
  box.className = 'rr-annotator-text';
  box.tabIndex = 0;
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', 'The passage: select words in it to use them as the excerpt');
  const draw = () => {
    box.textContent = model.get('text');
    box.dir = model.get('direction');
    box.lang = model.get('language');
    box.classList.toggle('rr-rtl', model.get('direction') === 'rtl');
  };
  const take = () => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return;
    const before = document.createRange();
    before.selectNodeContents(box);
    before.setEnd(range.startContainer, range.startOffset);
    model.set('selection', { text: range.toString(), start: before.toString().length });
    model.save_changes();
  };
  draw();
  model.on('change:text', draw);
  model.on('change:direction', draw);
  box.addEventListener('mouseup', take);
  box.addEventListener('keyup', take);
  el.appendChild(box);
}
export default { render };
"""


class PassageView(anywidget.AnyWidget):
    """The passage, shown as text (never markup); ``selection`` is what the student last selected in it."""

    _esm = traitlets.Unicode(_PASSAGE_ESM).tag(sync=True)
    text = traitlets.Unicode("").tag(sync=True)
    language = traitlets.Unicode("en").tag(sync=True)
    direction = traitlets.Unicode("ltr").tag(sync=True)
    selection = traitlets.Dict({}).tag(sync=True)


def status(ok: bool, message: str) -> str:
    css = "rr-annotator-ok" if ok else "rr-annotator-refused"
    return f'<span class="{css}" role="status">{escape(message)}</span>'


def text_box(description: str, css: str, placeholder: str = "", area: bool = False) -> widgets.Text:
    kind = widgets.Textarea if area else widgets.Text
    control = kind(
        description=description,
        placeholder=placeholder,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="95%", height="8em" if area else None),
    )
    control.add_class(css)
    return control


def button(label: str, css: str, style: str = "") -> widgets.Button:
    button = widgets.Button(
        description=label, button_style=style, layout=widgets.Layout(width="auto", align_self="flex-start")
    )
    button.add_class(css)
    return button


def radio(description: str, labels: dict[str, str], css: str) -> widgets.RadioButtons:
    control = widgets.RadioButtons(
        options=[(label, value) for value, label in labels.items()],
        value=None,
        description=description,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="auto"),
    )
    control.add_class(css)
    return control


def dropdown(
    description: str, css: str, options: list | None = None, value: object = None, width: str | None = None
) -> widgets.Dropdown:
    control = widgets.Dropdown(
        options=options or [],
        value=value,
        description=description,
        style={"description_width": "initial"},
        layout=widgets.Layout(width=width),
    )
    control.add_class(css)
    return control


def html_area(css: str) -> widgets.HTML:
    area = widgets.HTML()
    area.add_class(css)
    return area


def statement_of(annotation: Annotation, propositions: pd.DataFrame) -> str:
    """The proposition a claim states, in words: the collection's statement, or the student's new one."""
    if annotation.proposition_id == NEW:
        return f"new: {annotation.new_statement}"
    match = propositions.loc[propositions["proposition_id"] == annotation.proposition_id, "statement"]
    return str(match.iloc[0]) if len(match) else annotation.proposition_id


def claim_html(annotation: Annotation, statement: str, language: str) -> str:
    """One of the student's claims: the words (in the passage's direction), the proposition, the labels."""
    a = annotation
    who = ", ".join(x for x in (a.source, f"«{a.reporting_verb}»" if a.reporting_verb else "") if x)
    return (
        f'<div class="rr-annotator-claim"><span{_dir_attrs(language, "rr-excerpt")}>{escape(a.excerpt)}</span>'
        f'<div class="rr-statement">{escape(statement)}</div>'
        f'<div class="rr-meta">{escape(a.attribution)} · {escape(a.mode)}'
        f"{' · ' + escape(who) if who else ''}</div></div>"
    )


def _theirs_html(claim: pd.Series) -> str:
    gloss = (
        f'<div class="rr-gloss" lang="en" dir="ltr">{escape(claim["gloss"])}</div>'
        if pd.notna(claim["gloss"])
        else ""
    )
    verb = f"«{claim['reporting_verb']}»" if pd.notna(claim["reporting_verb"]) else None
    who = ", ".join(escape(x) for x in (claim["source"], verb) if pd.notna(x) and x)
    return (
        f'<div class="rr-annotator-claim"><span{_dir_attrs(claim["language"], "rr-excerpt")}>'
        f'{escape(claim["excerpt"])}</span>{gloss}<div class="rr-statement">{escape(claim["statement"])}</div>'
        f'<div class="rr-meta">{escape(claim["attribution"])} · {escape(claim["mode"])}'
        f"{' · ' + who if who else ''} · {escape(claim['claim_id'])}</div></div>"
    )


def _agreement(a: Annotation, claim: pd.Series) -> str:
    def word(same: bool) -> str:
        return "same ✔" if same else "differs ✘"

    return (
        f'<div class="rr-annotator-agree">proposition {word(a.proposition_id == claim["proposition_id"])}'
        f" · attribution {word(a.attribution == claim['attribution'])}"
        f" · mode {word(a.mode == claim['mode'])}</div>"
    )


def reveal_html(
    passage: Passage, annotations: list[Annotation], theirs: pd.DataFrame, propositions: pd.DataFrame
) -> str:
    """The student's claims beside the collection's claims on the passage, with the collection's notes."""
    if passage.own or theirs.empty:
        why = "your own article" if passage.own else "this passage"
        return (
            f'<p class="rr-empty">The collection has no annotations of {escape(why)}. Swap files '
            "with a classmate and compare your readings instead.</p>"
        )
    rows = []
    for mine, position in pair_up(passage, annotations, theirs):
        yours = (
            claim_html(annotations[mine], statement_of(annotations[mine], propositions), passage.language)
            if mine is not None
            else '<span class="rr-empty">You did not annotate it.</span>'
        )
        if position is None:
            rows.append(
                f'<tr><td>{yours}</td><td class="rr-empty">Not in the collection: only yours.</td><td></td></tr>'
            )
            continue
        claim = theirs.iloc[position]
        agree = _agreement(annotations[mine], claim) if mine is not None else ""
        note = escape(claim["note"]) or '<span class="rr-empty">No note.</span>'
        rows.append(
            f'<tr><td>{yours}{agree}</td><td>{_theirs_html(claim)}</td><td class="rr-annotator-note">{note}</td></tr>'
        )
    return (
        f"<p>The collection has {len(theirs)} claim(s) whose excerpts overlap this passage; you annotated "
        f"{len(annotations)}.</p>"
        '<div class="rr-scroll"><table class="rr-table rr-annotator-side"><thead><tr><th scope="col">Yours</th>'
        '<th scope="col">The collection\'s</th><th scope="col">The collection\'s note</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
