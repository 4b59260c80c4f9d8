"""The open capstone's annotator: choose a passage, annotate its claims without code, then compare.

The student chooses a passage (paragraphs of an article of the collection, or a
passage of their own pasted in), selects or pastes the words of each claim,
which are checked verbatim at once, chooses its labels from the allowed values
of ``data/README.md``'s claims table, and writes a short comparison. Only after
**Submit** do the collection's annotations of the same passage appear, beside
the student's, with the collection's notes. The work can be saved to a CSV beside
the notebook and loaded again (:mod:`helpers.teaching.annotation_files`).

The decisions are made in :mod:`helpers.teaching.annotation`; the controls are
laid out in :mod:`helpers.teaching.annotator_form`; this module holds the state
and what each control does. Every text goes through :func:`helpers.display.html.escape`;
the passage itself is set as text (``textContent``) by a small anywidget front
end, which reports what the student selects. Keys pressed anywhere in the
annotator stay in it (the project's key guard, :func:`helpers.widgets.common._guarded`).

>>> tool = annotator("wt-blinken-lavrov", 2)
>>> tool.excerpt.value = tool.passage.text[:15]
>>> tool.excerpt_status.value.startswith('<span class="rr-annotator-ok"')
True
>>> "rr-annotator-claim" in tool.reveal.value
False
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..data.loading import load_articles
from ..display.html import escape
from . import annotation as logic
from . import annotation_files as files
from .annotator_form import AnnotatorForm
from .annotator_parts import claim_html, reveal_html, statement_of, status
from .capstone import paragraphs

__all__ = ["Annotator", "annotator", "MIN_COMPARISON_WORDS"]

MIN_COMPARISON_WORDS = 20
CHOOSE = ""  # the value of "— choose —" in a dropdown


class Annotator(AnnotatorForm):
    """The annotator's controls and state; ``view`` is the widget to display.

    ``annotations`` holds the checked claims, ``submitted`` whether the
    collection's annotations are shown (in ``reveal``).
    """

    def __init__(
        self,
        article_id: str | None = None,
        first: int = 1,
        last: int | None = None,
        file: str | Path = "my_annotations.csv",
        data_dir: str | Path | None = None,
    ):
        self.data_dir = data_dir
        self.passage: logic.Passage | None = None
        self.annotations: list[logic.Annotation] = []
        self.submitted = False
        self.propositions = pd.DataFrame()
        articles = load_articles(data_dir)
        choices = [(f"{r.article_id} ({r.language})", str(r.article_id)) for r in articles.itertuples()]
        super().__init__(choices, article_id, str(file))

        self.article.observe(lambda _: self._article_changed(), "value")
        self.first.observe(lambda _: self._range_changed(), "value")
        self.use_button.on_click(lambda _: self.use_passage())
        self.passage_view.observe(lambda change: self._selected(change["new"]), "selection")
        self.excerpt.observe(lambda _: self._check_excerpt(), "value")
        self.proposition.observe(lambda _: self._proposition_changed(), "value")
        self.add_button.on_click(lambda _: self.add())
        self.remove_button.on_click(lambda _: self.remove())
        self.submit_button.on_click(lambda _: self.submit())
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load())
        self._article_changed()
        if article_id and article_id != logic.OWN:
            self.first.value = first
            self.last.value = last or first
            self.use_passage()

    def _repr_mimebundle_(self, **kwargs):  # shown in a notebook as its view
        return self.view._repr_mimebundle_(**kwargs)

    # ------------------------------------------------------------------ choosing a passage

    def _article_changed(self) -> None:
        own = self.article.value == logic.OWN
        self.own_box.layout.display = None if own else "none"
        self.first.layout.display = self.last.layout.display = "none" if own else None
        if not own:
            numbers = list(paragraphs(self.article.value, self.data_dir)["paragraph"].astype(int))
            self.first.options = self.last.options = numbers
            self.first.value = self.last.value = numbers[0]

    def _range_changed(self) -> None:
        if (
            self.first.value is not None
            and self.last.value is not None
            and self.last.value < self.first.value
        ):
            self.last.value = self.first.value

    def use_passage(self) -> None:
        """Take the chosen paragraphs (or the pasted text) as the passage to annotate."""
        if self.annotations:
            self.passage_status.value = status(
                False,
                f"You have {len(self.annotations)} claim(s) on the current "
                "passage — save them, remove them, then choose another passage.",
            )
            return
        try:
            if self.article.value == logic.OWN:
                passage = logic.own_passage(self.own_text.value, self.own_language.value)
            else:
                passage = logic.passage_from_article(
                    self.article.value, self.first.value, self.last.value, self.data_dir
                )
        except ValueError as error:
            self.passage_status.value = status(False, f"✘ {error}")
            return
        self._set_passage(passage)
        self.passage_status.value = status(
            True, f"Annotating {passage.title}. Select words in it for each claim."
        )

    def _set_passage(self, passage: logic.Passage) -> None:
        self.passage = passage
        self.submitted = False
        self.reveal.value = ""
        self.passage_view.text, self.passage_view.language = passage.text, passage.language
        self.passage_view.direction = passage.direction
        self.propositions = logic.propositions_of(passage, self.data_dir)
        options = [("— choose —", CHOOSE)] + [
            (f"{r.statement} [{r.proposition_id}]", str(r.proposition_id))
            for r in self.propositions.itertuples()
        ]
        self.proposition.options = options + [("New proposition (write it below)", logic.NEW)]
        self.proposition.value = CHOOSE
        self._proposition_changed()
        self._check_excerpt()
        self._show_mine()

    # ------------------------------------------------------------------ one claim

    def _selected(self, selection: dict) -> None:
        text = str(selection.get("text", ""))
        self.excerpt.value = text
        found = logic.locate(self.passage, text) if self.passage else None
        if found and found.ok and len(found.spans) > 1:
            start = int(selection.get("start", -1)) + len(text) - len(text.lstrip())
            for number, (begin, _) in enumerate(found.spans, start=1):
                if begin == start:
                    self.occurrence.value = number

    def _check_excerpt(self) -> bool:
        if self.passage is None:
            self.excerpt_status.value = status(False, "Choose a passage first.")
            return False
        found = logic.locate(self.passage, self.excerpt.value)
        self.excerpt_status.value = "" if not self.excerpt.value else status(found.ok, found.message)
        several = found.ok and len(found.spans) > 1
        self.occurrence.options = [(f"occurrence {n}", n) for n in range(1, max(len(found.spans), 1) + 1)]
        self.occurrence.layout.display = None if several else "none"
        return found.ok

    def _proposition_changed(self) -> None:
        self.new_statement.layout.display = None if self.proposition.value == logic.NEW else "none"

    def add(self) -> bool:
        """Check the claim in the form; if it passes, add it and clear the form."""
        if self.passage is None:
            self.form_status.value = status(False, "✘ Choose a passage first (press “Use this passage”).")
            return False
        annotation, problems = logic.make_annotation(
            self.passage,
            excerpt=self.excerpt.value,
            occurrence=self.occurrence.value or 1,
            proposition_id=self.proposition.value or "",
            new_statement=self.new_statement.value,
            attribution=self.attribution.value or "",
            mode=self.mode.value or "",
            source=self.source.value,
            reporting_verb=self.verb.value,
            propositions=set(self.propositions["proposition_id"].astype(str)) | {logic.NEW},
        )
        if annotation is None:
            items = "".join(f"<li>{escape(p)}</li>" for p in problems)
            self.form_status.value = (
                f'<div class="rr-annotator-refused" role="status">Not added yet:<ul>{items}</ul></div>'
            )
            return False
        if annotation in self.annotations:
            self.form_status.value = status(False, "✘ You already have this claim; nothing was added.")
            return False
        self.annotations.append(annotation)
        self.annotations.sort(key=lambda a: (a.start, a.end))
        self.form_status.value = status(True, f"✔ Added. You have {len(self.annotations)} claim(s).")
        self.excerpt.value = self.new_statement.value = self.source.value = self.verb.value = ""
        self.attribution.value = self.mode.value = None
        self.proposition.value = CHOOSE
        self._changed()
        return True

    def remove(self) -> None:
        """Remove the claim chosen in the Remove dropdown (or all of them)."""
        choice = self.remove_choice.value
        if choice == -2:
            self.annotations.clear()
        elif 0 <= choice < len(self.annotations):
            del self.annotations[choice]
        self._changed()

    def _changed(self) -> None:
        self._show_mine()
        if self.submitted:
            self._show_reveal()

    def _show_mine(self) -> None:
        if not self.annotations:
            self.mine.value = '<p class="rr-empty">No claims yet.</p>'
        else:
            items = "".join(
                f"<li>{claim_html(a, statement_of(a, self.propositions), self.passage.language)}</li>"
                for a in self.annotations
            )
            self.mine.value = f'<div class="rr-claim-list"><strong>Your claims</strong><ol>{items}</ol></div>'
        options = [("—", -1)] + [(f"claim {i + 1}", i) for i in range(len(self.annotations))]
        self.remove_choice.options = options + ([("all claims", -2)] if self.annotations else [])
        self.remove_choice.value = -1

    # ------------------------------------------------------------------ submitting and comparing

    def submit(self) -> bool:
        """Reveal the collection's annotations of the passage, once the student has done their part."""
        words = len(self.comparison.value.split())
        missing = []
        if self.passage is None:
            missing.append("choose a passage")
        if not self.annotations:
            missing.append("add at least one claim")
        if words < MIN_COMPARISON_WORDS:
            missing.append(f"write your comparison (at least {MIN_COMPARISON_WORDS} words; you have {words})")
        if missing:
            self.submit_status.value = status(False, "✘ Before you submit: " + "; ".join(missing) + ".")
            return False
        self.submitted = True
        self.submit_status.value = status(True, "✔ Submitted. The collection's annotations are below.")
        self._show_reveal()
        return True

    def _show_reveal(self) -> None:
        theirs = logic.collection_claims(self.passage, self.data_dir)
        self.reveal.value = reveal_html(self.passage, self.annotations, theirs, self.propositions)

    # ------------------------------------------------------------------ keeping the work

    def save(self) -> list[Path]:
        """Save the claims and the comparison beside the notebook (never into data/)."""
        if self.passage is None or not self.annotations:
            self.file_status.value = status(False, "✘ Nothing to save yet: add at least one claim.")
            return []
        try:
            written = files.save(
                self.file.value.strip(), self.passage, self.annotations, self.comparison.value, self.data_dir
            )
        except (ValueError, OSError) as error:
            self.file_status.value = status(False, f"✘ Not saved: {error}")
            return []
        self.file_status.value = status(True, "✔ Saved " + ", ".join(p.name for p in written) + ".")
        return written

    def load(self) -> bool:
        """Load claims saved earlier; every row is checked again against its passage."""
        if self.annotations:
            self.file_status.value = status(
                False,
                f"✘ Not loaded: loading replaces your {len(self.annotations)} claim(s) here — save them "
                "under another name, or remove them (Remove › all claims), then load.",
            )
            return False
        loaded = files.load(self.file.value.strip(), self.data_dir)
        if loaded.passage is None:
            self.file_status.value = status(False, "✘ Not loaded: " + "; ".join(loaded.problems))
            return False
        self.annotations = []
        self._set_passage(loaded.passage)
        self.annotations = loaded.annotations
        self.comparison.value = loaded.comparison
        self._show_mine()
        note = f" Problems: {'; '.join(loaded.problems)}" if loaded.problems else ""
        self.file_status.value = status(
            not loaded.problems, f"Loaded {len(loaded.annotations)} claim(s) on {loaded.passage.title}.{note}"
        )
        self.passage_status.value = status(True, f"Annotating {loaded.passage.title}.")
        return True


def annotator(
    article_id: str | None = None,
    first: int = 1,
    last: int | None = None,
    file: str | Path = "my_annotations.csv",
    data_dir: str | Path | None = None,
) -> Annotator:
    """The capstone's annotator, ready to display; ``article_id``/``first``/``last`` preselect a passage.

    >>> annotator().passage is None
    True
    """
    return Annotator(article_id, first, last, file, data_dir)
