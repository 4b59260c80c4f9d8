"""Answer a judgement item by choosing: the passage, the choices, Check, Show why.

Layer: widgets. The question, the passage and the explanation come from
:mod:`helpers.teaching.judgement`; every text is escaped before it becomes HTML.
The keyboard path needs no typing: Tab to the choices, arrow keys (or Space on a
check box) to choose, Tab to "Check", Enter.

>>> from helpers.teaching.judgement import judge, _unregister
>>> _ = judge("9.7", "mode", claim="ar-putin-macron-14", notebook="x.ipynb")
>>> view = ChoiceQuestion("9.7")
>>> view.choose("paraphrase").correct, view.explained
(False, False)
>>> view.choose("direct_quote").correct, view.first_correct, view.explained
(True, False, True)
>>> view.buttons.value = None; view.feedback.value  # a new choice clears the old verdict
''
>>> view.submit()
✘ Nothing chosen yet: choose one of the answers above, then press Check.
>>> _ = _unregister("9.7")
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ..display.html import escape
from ..widgets.common import _guarded, _style
from . import exercises as registry
from .feedback import Feedback

__all__ = ["ChoiceQuestion", "NOTHING_CHOSEN"]

# Check pressed before any choice: the typed answers' "replace ... with your answer" would make no
# sense here, and, like that message, it costs no try.
NOTHING_CHOSEN = "Nothing chosen yet: choose one of the answers above, then press Check."
NOTHING_TICKED = "Nothing chosen yet: tick one or more of the answers above, then press Check."


class ChoiceQuestion(widgets.VBox):
    """One judgement item as a widget; ``first_correct`` is the verdict on the first answer."""

    def __init__(self, item_id: str, data_dir: str | Path | None = None):
        registry._load_lessons()
        self.item = registry._REGISTRY[item_id]
        self.data_dir = data_dir
        judgement = self.item.judgement
        self.first_correct: bool | None = None
        self.explained = False
        heading = widgets.HTML(
            f'<p class="rr-question"><b>{escape(item_id)}</b> {escape(self.item.question)}</p>'
        )
        passage = widgets.HTML(judgement.passage(data_dir).markup)
        passage.add_class("rr-passage")
        options = judgement.choices(data_dir)
        self._several = self.item.kind == "set"
        if self._several:
            self.boxes = [
                widgets.Checkbox(description=label, value=False, indent=False) for label, _ in options
            ]
            self._values = [value for _, value in options]
            chooser: widgets.Widget = widgets.VBox(self.boxes)
            for box in self.boxes:
                box.observe(self._changed, names="value")
        else:
            # Each question's radios form their own group (the key guard names them in the browser):
            # arrow keys never move to, or choose in, another question on the page.
            chooser = self.buttons = widgets.RadioButtons(
                options=options, value=None, layout=widgets.Layout(width="auto")
            )
            self.buttons.observe(self._changed, names="value")
        chooser.add_class("rr-choices")
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.why_button = widgets.Button(description="Show why", layout=widgets.Layout(display="none"))
        self.feedback = widgets.HTML("")
        self.feedback.add_class("rr-choice-feedback")
        self.check_button.on_click(lambda _: self.submit())
        self.why_button.on_click(lambda _: self.show_why())
        super().__init__(
            [
                _style(),
                heading,
                passage,
                chooser,
                widgets.HBox([self.check_button, self.why_button]),
                self.feedback,
            ]
        )
        _guarded(self)
        self.add_class("rr-choice")

    def answer(self):
        """The current choice: a value, a list of values (several), or ``...`` when nothing is chosen."""
        if self._several:
            chosen = [v for box, v in zip(self.boxes, self._values) if box.value]
            return chosen or ...
        return self.buttons.value if self.buttons.value is not None else ...

    def choose(self, value):
        """Select ``value`` (or a list of values) as a keyboard would, then check it; returns the Feedback."""
        if self._several:
            wanted = set(value if isinstance(value, (list, set, tuple)) else [value])
            for box, v in zip(self.boxes, self._values):
                box.value = v in wanted
        else:
            self.buttons.value = value
        return self.submit()

    def _changed(self, _change: object = None) -> None:
        """A new choice makes the shown verdict stale: clear it, so the next Check's verdict is news."""
        self.feedback.value = ""

    def submit(self):
        """Check the current choice, show the verdict; the explanation comes with a right answer."""
        answer = self.answer()
        if answer is ...:  # a slip of form, like the typed "..." (no try spent, no first verdict)
            result = Feedback(False, NOTHING_TICKED if self._several else NOTHING_CHOSEN, form=True)
            self.feedback.value = result._repr_html_()
            return result
        result = registry.check(self.item.id, answer, self.data_dir)
        if not result.form and self.first_correct is None:
            self.first_correct = bool(result.correct)
        if result.correct:
            self.explained = True
            self.why_button.layout.display = "none"
        elif not result.form:
            self.why_button.layout.display = None
        self.feedback.value = result._repr_html_()
        return result

    def show_why(self):
        """Show the collection's reading and the explanation from the data (the student asked)."""
        shown = registry.reveal(self.item.id, self.data_dir)
        self.explained = True
        self.feedback.value = shown._repr_html_()
        return shown
