"""The annotator's form: every control of its four steps, laid out in one view, with no behaviour.

Layer: teaching (the open capstone). :class:`helpers.teaching.annotator.Annotator`
builds on :class:`AnnotatorForm` and says what each control does; the pieces the
form is made of (the selectable passage, the labels of the allowed values, the
control builders) are in :mod:`helpers.teaching.annotator_parts`.

>>> form = AnnotatorForm([("wt-blinken-lavrov (en)", "wt-blinken-lavrov")], None, "mine.csv")
>>> form.article.value, form.article.options[-1][1], form.file.value
('wt-blinken-lavrov', 'own', 'mine.csv')
"""

from __future__ import annotations

import ipywidgets as widgets

from ..display.html import escape
from ..widgets.common import _guarded, _style
from . import annotation as logic
from .annotator_parts import (
    ANNOTATOR_STYLE,
    ATTRIBUTION_LABELS,
    MODE_LABELS,
    PassageView,
    button,
    dropdown,
    html_area,
    radio,
    text_box,
)

__all__ = ["AnnotatorForm"]


class AnnotatorForm:
    """The annotator's controls, each an attribute, and ``view``, the widget that lays them out.

    ``choices`` are the (label, article id) pairs of the article dropdown; the
    form adds "My own article" after them. ``article_id`` is the one chosen at
    first (the first choice if None); ``file`` is where the work is kept.
    """

    def __init__(self, choices: list[tuple[str, str]], article_id: str | None, file: str) -> None:
        own = [("My own article (paste it below)", logic.OWN)]
        self.article = dropdown("Article", "rr-annotator-article", choices + own, article_id or choices[0][1])
        self.first = dropdown("From paragraph", "rr-annotator-first")
        self.last = dropdown("to paragraph", "rr-annotator-last")
        self.own_text = text_box(
            "Your article", "rr-annotator-own-text", "Paste a passage of your own article here", area=True
        )
        self.own_language = text_box("Language code", "rr-annotator-own-language", "en, ar, vi, fr …")
        self.own_language.value = "en"
        self.own_box = widgets.VBox([self.own_text, self.own_language])
        self.use_button = button("Use this passage", "rr-annotator-use")
        self.passage_status = html_area("rr-annotator-passage-status")
        self.passage_view = PassageView()
        self.passage_view.add_class("rr-annotator-passage")

        self.excerpt = text_box(
            "Words of the claim", "rr-annotator-excerpt", "Select them in the passage, or paste them"
        )
        self.excerpt_status = html_area("rr-annotator-excerpt-status")
        self.occurrence = dropdown("Which occurrence", "rr-annotator-occurrence", [("occurrence 1", 1)], 1)
        self.occurrence.layout.display = "none"
        self.proposition = dropdown("Proposition", "rr-annotator-proposition", width="95%")
        self.new_statement = text_box(
            "New proposition", "rr-annotator-new", "One short, neutral sentence, crediting no one"
        )
        self.attribution = radio("Attribution", ATTRIBUTION_LABELS, "rr-annotator-attribution")
        self.mode = radio("Mode", MODE_LABELS, "rr-annotator-mode")
        self.source = text_box(
            "Speaker or source",
            "rr-annotator-source",
            "As the article describes them; empty for outlet_voice",
        )
        self.verb = text_box(
            "Reporting verb", "rr-annotator-verb", "As written in the passage, e.g. said; empty if none"
        )
        self.add_button = button("Add this claim", "rr-annotator-add", "primary")
        self.form_status = html_area("rr-annotator-form-status")
        self.mine = html_area("rr-annotator-mine")
        self.remove_choice = dropdown("Remove", "rr-annotator-remove-choice", [("—", -1)], -1)
        self.remove_button = button("Remove", "rr-annotator-remove")

        self.comparison = text_box(
            "Your comparison",
            "rr-annotator-comparison",
            "How do two sources treat one proposition? (at least 20 words)",
            area=True,
        )
        self.submit_button = button(
            "Submit, then see the collection's annotations", "rr-annotator-submit", "success"
        )
        self.submit_status = html_area("rr-annotator-submit-status")
        self.reveal = html_area("rr-annotator-reveal")
        self.file = text_box("File", "rr-annotator-file")
        self.file.value = file
        self.save_button = button("Save", "rr-annotator-save")
        self.load_button = button("Load", "rr-annotator-load")
        self.file_status = html_area("rr-annotator-file-status")

        def heading(text: str) -> widgets.HTML:
            return widgets.HTML(f"<h3>{escape(text)}</h3>")

        self.view = widgets.VBox(
            [
                _style(),
                widgets.HTML(ANNOTATOR_STYLE, layout=widgets.Layout(display="none")),
                heading("1 · Choose a passage"),
                widgets.HBox([self.article, self.first, self.last]),
                self.own_box,
                self.use_button,
                self.passage_status,
                self.passage_view,
                heading("2 · Annotate its claims"),
                self.excerpt,
                self.excerpt_status,
                self.occurrence,
                self.proposition,
                self.new_statement,
                widgets.HBox([self.attribution, self.mode]),
                self.source,
                self.verb,
                self.add_button,
                self.form_status,
                self.mine,
                widgets.HBox([self.remove_choice, self.remove_button]),
                heading("3 · Compare two sources"),
                self.comparison,
                heading("4 · Submit, then compare with the collection"),
                self.submit_button,
                self.submit_status,
                self.reveal,
                heading("Keep your work"),
                widgets.HBox([self.file, self.save_button, self.load_button]),
                self.file_status,
            ]
        )
        self.view.add_class("rr-annotator")
        _guarded(self.view)
