"""The list of every exercise, for an instructor planning a class (``python -m helpers exercises``).

>>> rows = catalogue()
>>> {"id", "lesson", "track", "needs_code", "answer"} <= set(rows[0])
True
>>> all(row["answer"] in ("number", "choice", "set", "text") for row in rows)
True
"""

from __future__ import annotations

import json
from typing import Any

from .exercises import _REGISTRY, _load_lessons, _order

__all__ = ["catalogue", "render"]


def catalogue(lesson: int | None = None) -> list[dict[str, Any]]:
    """One dict per registered exercise, in lesson order; only lesson ``lesson`` if given.

    Keys: id, lesson (a number; None for an id like "A.1"), notebook, track ("core" or
    "data"), needs_code, answer ("number", "choice", "set" or "text"), judgement (the
    kind of judgement item, or None) and question. The answer itself is never listed.
    """
    _load_lessons()
    rows = []
    for item in sorted(_REGISTRY.values(), key=lambda e: _order(e.id)):
        if lesson is not None and item.lesson != lesson:
            continue
        rows.append(
            {
                "id": item.id,
                "lesson": item.lesson,
                "notebook": item.notebook,
                "track": item.track,
                "needs_code": bool(item.needs_code),
                "answer": item.kind,
                "judgement": getattr(item.judgement, "kind", None),
                "question": item.question,
            }
        )
    return rows


def render(rows: list[dict[str, Any]], as_json: bool = False) -> str:
    """The rows as JSON, or as a plain table grouped by lesson with a count per track.

    >>> print(render([{"id": "1.1", "lesson": 1, "notebook": "n.ipynb", "track": "core",
    ...     "needs_code": False, "answer": "choice", "judgement": "mode", "question": "Q?"}]))
    Lesson 1 (n.ipynb): 1 core, 0 data
      1.1   core  no code  choice   [judge: mode]  Q?
    """
    if as_json:
        return json.dumps(rows, ensure_ascii=False, indent=2)
    lines: list[str] = []
    lessons = list(dict.fromkeys((row["lesson"], row["notebook"]) for row in rows))
    for lesson, notebook in lessons:
        group = [r for r in rows if r["lesson"] == lesson and r["notebook"] == notebook]
        core = sum(r["track"] == "core" for r in group)
        title = f"Lesson {lesson}" if lesson is not None else "Not in a lesson"
        lines.append(f"{title} ({notebook}): {core} core, {len(group) - core} data")
        for r in group:
            code = "code   " if r["needs_code"] else "no code"
            judged = f"  [judge: {r['judgement']}]" if r["judgement"] else ""
            lines.append(f"  {r['id']:<5} {r['track']:<5} {code}  {r['answer']:<7}{judged}  {r['question']}")
    return "\n".join(lines)
