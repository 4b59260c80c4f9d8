"""What every widget shares: constants, the stylesheet, small control and HTML builders.

Layer: widgets (controls and state only; HTML comes from helpers.display).
"""

from __future__ import annotations

from collections.abc import Sequence

import anywidget
import ipywidgets as widgets
import pandas as pd
import traitlets

from ..data.schema import RTL_LANGUAGES
from ..display.html import STYLE, escape

# The value of every "All …" choice. Not None: a Dropdown whose value is None has
# nothing selected, which would leave the "All" entry looking unselected.
ALL = "(all)"
# The speaker filter's value for claims the article credits to no named person.
NO_SPEAKER = "(none)"

# Selections up to this many rows get their CSV link at once, on every filter
# change; bigger ones only when asked, so that filtering a huge corpus stays fast.
CSV_EAGER_ROWS = 2000
# The link travels to the browser inside the widget's state, and Firefox refuses
# data: URLs over 32 MB (Debian's Chromium took a 10 MB one in a test here): stay
# well under both.
CSV_MAX_URI_CHARS = 16 * 1024 * 1024

LANGUAGE_NAMES = {
    "ar": "Arabic",
    "en": "English",
    "vi": "Vietnamese",
    "fa": "Persian",
    "he": "Hebrew",
    "ur": "Urdu",
    "fr": "French",
    "ru": "Russian",
    "uk": "Ukrainian",
    "zh": "Chinese",
}

# Columns of the CSV handout, in this order, where the frame has them. Not the claims view's
# leading columns (helpers.data.corpus._CLAIM_COLUMNS) on purpose: a handout is read by people,
# so it leaves out ``direction`` and the ``speaker`` id (``speaker_name`` says who), puts
# ``outlet`` beside the article and keeps the annotator's ``note``.
HANDOUT_COLUMNS = (
    "claim_id",
    "article_id",
    "outlet",
    "language",
    "call_id",
    "proposition_id",
    "topic",
    "statement",
    "excerpt",
    "gloss",
    "speaker_name",
    "source",
    "attribution",
    "mode",
    "reporting_verb",
    "note",
)

# What the widgets add to helpers.display.html.STYLE. Static: no data goes in here.
WIDGET_STYLE = """<style>
.rr-widget .rr-table { max-width: 100%; }
.rr-widget .rr-table td { overflow-wrap: break-word; }
.rr-widget .rr-claims td:first-child { white-space: nowrap; }
.rr-widget .rr-table, .rr-widget ol, .rr-widget ul, .rr-widget .rr-meta, .rr-widget .rr-label,
.rr-widget .rr-statement, .rr-widget .rr-empty { line-height: 1.45; }
.rr-widget .rr-excerpt { font-weight: 500; }
.rr-widget .rr-sentences td { width: 50%; }
.rr-widget .rr-article-body { white-space: pre-wrap; line-height: 1.7; max-width: 60em; }
.rr-widget .rr-claim-no { font-size: 0.72em; color: #6b4e00; vertical-align: super; padding: 0 0.1em; }
.rr-widget mark.rr-claim.rr-overlap { background: #f6cf5a; }
.rr-widget .rr-claim-list ol { padding-inline-start: 2.2em; margin: 0.3em 0; }
.rr-widget .rr-claim-list li { margin-bottom: 0.5em; }
.rr-widget .rr-meta { font-size: 0.85em; color: #444; }
.rr-widget .rr-gloss { font-style: italic; }
.rr-widget .rr-omitted { color: #8a1c1c; font-style: italic; }
.rr-widget .rr-wording + .rr-wording { border-top: 1px dashed #bbb; margin-top: 0.4em; padding-top: 0.4em; }
.rr-widget .rr-statement { font-weight: bold; margin: 0.4em 0; }
.rr-widget .rr-download-link { font-weight: bold; }
/* ipywidgets sets "outline: none !important" on selects and text inputs: a more specific rule wins. */
.rr-widget .widget-dropdown > select:focus, .rr-widget .widget-text input:focus,
.rr-widget .widget-checkbox input:focus-visible, .rr-widget button:focus-visible,
.rr-widget a:focus-visible, .rr-widget [tabindex]:focus-visible, .rr-explorer .lm-TabBar-tab:focus-visible {
  outline: 3px solid #1a4f8b !important; outline-offset: 1px; }
.rr-widget .rr-scroll { overflow-x: auto; max-width: 100%; }
/* At 200 % zoom the table scrolls sideways (in a focusable region) rather than squeeze a column
   to one word a line: excerpt, gloss, source and readout keep a readable width. */
.rr-widget .rr-claims td:nth-child(2), .rr-widget .rr-claims td:nth-child(3) { min-width: 15em; }
.rr-widget .rr-claims td:nth-child(4), .rr-widget .rr-claims td:nth-child(9) { min-width: 10em; }
.rr-widget .rr-readout { border-inline-start: 3px solid #6b6b6b; padding-inline-start: 0.5em; margin-top: 0.3em; }
.rr-widget .rr-outside { font-size: 0.8em; font-weight: bold; color: #3d3d3d; text-transform: uppercase; }
.rr-widget .rr-rerun { font-size: 0.85em; color: #444; }
</style>"""

# Keys pressed inside a project widget must never reach JupyterLab's notebook
# shortcuts (a focused <select> is not "editable", so ArrowDown would move to the
# next cell and "d d" delete one). Lumino skips every shortcut for a key event
# whose target carries data-lm-suppress-shortcuts, so each element that takes
# focus inside the widget gets it; the widget's root gets it too, and stops
# keydown from bubbling out of it, for older Lumino versions.
# ipywidgets' RadioButtons give their inputs no ``name``, and Chromium then takes every
# unnamed radio on the page for one group: ArrowDown on a question's last choice moved
# to (and chose) the first choice of another question. So each radio box inside the
# widget gets a name of its own, unique on the page, set again whenever ipywidgets
# rebuilds the inputs (it does on every change of value made from Python).
_KEY_GUARD_ESM = """
function nameRadios(root) {
  for (const box of root.querySelectorAll('.widget-radio-box')) {
    if (!box.dataset.rrGroup) {
      window.__rrRadioGroups = (window.__rrRadioGroups || 0) + 1;
      box.dataset.rrGroup = 'rr-choice-' + window.__rrRadioGroups;
    }
    for (const radio of box.querySelectorAll('input[type="radio"]')) {
      if (radio.name !== box.dataset.rrGroup) radio.name = box.dataset.rrGroup;
    }
  }
}
function guard(root) {
  if (!root || root.__rrKeyGuard) return;
  root.__rrKeyGuard = true;
  root.setAttribute('data-lm-suppress-shortcuts', 'true');
  nameRadios(root);
  new MutationObserver(() => nameRadios(root)).observe(root, { childList: true, subtree: true });
  root.addEventListener('focusin', (event) => {
    if (event.target && event.target.setAttribute) {
      event.target.setAttribute('data-lm-suppress-shortcuts', 'true');
    }
  });
  root.addEventListener('keydown', (event) => event.stopPropagation());
}
function render({ el }) {
  let tries = 0;
  const attach = () => {
    let root = el.closest('.rr-keys');
    if (!root) return false;
    for (let up = root.parentElement; up; up = up.parentElement) {
      if (up.classList && up.classList.contains('rr-keys')) root = up;
    }
    guard(root);
    return true;
  };
  if (!attach()) {
    const timer = setInterval(() => { if (attach() || ++tries > 200) clearInterval(timer); }, 50);
  }
}
export default { render };
"""


class KeyGuard(anywidget.AnyWidget):
    """An invisible widget that keeps key presses inside the project widget that holds it.

    >>> KeyGuard().layout.display
    'none'
    """

    _esm = traitlets.Unicode(_KEY_GUARD_ESM).tag(sync=True)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(layout=widgets.Layout(display="none"), **kwargs)


_TERM_QUOTES = "\"'"


# --------------------------------------------------------------------------- shared pieces


RERUN_NOTE = (
    "Widgets need a running kernel: if a reopened notebook shows “Loading widget…” below, "
    "run this cell again (Shift+Enter)."
)


def rerun_note() -> str:
    """The note shown above each widget, saved with the notebook, for when it is reopened without a kernel.

    >>> "run this cell again" in rerun_note()
    True
    """
    return f'<div class="rr-rerun" style="font-size:0.85em;color:#444">{escape(RERUN_NOTE)}</div>'


# Set (to anything) while handouts are rendered: widgets then display a static copy of their view.
STATIC_ENV = "READOUTS_STATIC_WIDGETS"


class _WithRerunNote:
    """Mixin: display a short note before the widget itself (a saved notebook keeps the note).

    While handouts are rendered (``$READOUTS_STATIC_WIDGETS`` set), display :meth:`static_html`
    instead: a printed page cannot run a widget, but it can show what the widget shows first.
    """

    def static_html(self) -> str:  # each view says what its first screen shows
        raise NotImplementedError

    def _ipython_display_(self) -> None:
        import os

        from IPython.display import HTML, display, publish_display_data

        if os.environ.get(STATIC_ENV):
            display(HTML(static_page(self.static_html())))
            return
        display(HTML(rerun_note()))
        bundle = self._repr_mimebundle_()
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        publish_display_data(data, metadata)


def static_page(body: str, title: str = "") -> str:
    """A view's markup as a static block, with the stylesheet (for handouts).

    >>> "rr-static" in static_page("<p>x</p>", "Claims")
    True
    """
    heading = f'<div class="rr-label">{escape(title)}</div>' if title else ""
    return f'{STYLE}{WIDGET_STYLE}<div class="rr-widget rr-static">{heading}{body}</div>'


def _style() -> widgets.Box:
    """The stylesheet and the key guard, in each view so that each also works on its own.

    The view that holds them must carry the class ``rr-keys`` (see :func:`_guarded`).
    """
    style = widgets.HTML(value=STYLE + WIDGET_STYLE, layout=widgets.Layout(display="none"))
    return widgets.Box([style, KeyGuard()], layout=widgets.Layout(display="none"))


def _guarded(view: widgets.DOMWidget) -> None:
    """Mark ``view`` as a project widget whose keys stay inside it (the key guard looks for ``rr-keys``)."""
    view.add_class("rr-widget")
    view.add_class("rr-keys")


def _dropdown(
    description: str,
    options: Sequence[tuple[str, str]],
    css: str,
    value: str | None = None,
    width: str = "auto",
) -> widgets.Dropdown:
    control = widgets.Dropdown(
        options=list(options),
        value=value if value is not None else options[0][1],
        description=description,
        description_allow_html=False,
        style={"description_width": "initial"},
        layout=widgets.Layout(width=width),
    )
    control.add_class(css)
    return control


def _checkbox(description: str, css: str) -> widgets.Checkbox:
    control = widgets.Checkbox(
        value=False,
        description=description,
        description_allow_html=False,
        indent=False,
        layout=widgets.Layout(width="auto"),
    )
    control.add_class(css)
    return control


def _html(css: str, value: str = "", **layout: str) -> widgets.HTML:
    area = widgets.HTML(value=value, layout=widgets.Layout(**layout))
    area.add_class(css)
    return area


def _dir_attrs(language: object, css: str = "") -> str:
    """``class``, ``dir`` and ``lang`` attributes for text in ``language`` (one class attribute, merged)."""
    language = None if language is None or pd.isna(language) else str(language)
    classes = [css] if css else []
    attributes = ""
    if language:
        rtl = language in RTL_LANGUAGES
        classes += ["rr-rtl"] if rtl else []
        attributes = f' dir="{"rtl" if rtl else "ltr"}" lang="{escape(language)}"'
    return (f' class="{" ".join(classes)}"' if classes else "") + attributes


def _language_label(code: object) -> str:
    code = str(code)
    return f"{code}, {LANGUAGE_NAMES[code]}" if code in LANGUAGE_NAMES else code


def _text(value: object) -> str:
    """A cell as plain text: missing values become ""."""
    return "" if value is None or pd.isna(value) else str(value)


def _present_values(column: pd.Series) -> list[str]:
    """The distinct values of a column: a categorical's in its declared order, others in order of appearance."""
    present = column.dropna()
    if isinstance(column.dtype, pd.CategoricalDtype):
        seen = set(present.astype(str))
        return [str(c) for c in column.cat.categories if str(c) in seen]
    return list(dict.fromkeys(present.astype(str)))


def _source_text(row: pd.Series) -> str:
    source = _text(row.get("source"))
    if source:
        return source
    return "the outlet itself" if _text(row.get("attribution")) == "outlet_voice" else ""
