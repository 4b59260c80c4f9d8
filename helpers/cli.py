"""Commands an instructor runs from a terminal: ``python -m helpers <command>``.

>>> main(["validate"])  # doctest: +ELLIPSIS
data/ is valid: 5 articles, ...
0
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .data.validation import data_dir_or_default, in_file_order, read_data

__all__ = ["main"]


def _display_path(path: Path) -> str:
    try:
        return f"{path.resolve().relative_to(Path.cwd().resolve())}/"
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a link in a loop
        return f"{path}/"


def _validate(args: argparse.Namespace) -> int:
    data_dir = data_dir_or_default(args.data_dir)
    raw = read_data(data_dir)
    for problem in in_file_order(raw.problems):
        print(problem)
    errors = len(raw.errors)
    warnings = len(raw.problems) - errors
    if errors:
        print(
            f"{_display_path(data_dir)} has {errors} error{'s' if errors != 1 else ''}"
            f" and {warnings} warning{'s' if warnings != 1 else ''}; nothing was changed."
        )
        return 1
    counts = ", ".join(
        f"{len(raw.tables[name])} {name.replace('_', ' ')}"
        for name in ("articles", "calls", "propositions", "claims", "translations")
    )
    note = f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
    print(f"{_display_path(data_dir)} is valid: {counts}{note}.")
    return 0


def _lessons(args: argparse.Namespace) -> int:
    from .teaching.editions import SOLUTIONS_DIR, build_student_editions, clean_source

    if args.check:
        differ = build_student_editions(check=True)
        for name in differ:
            print(f"notebooks/{name} differs from its source notebooks/solutions/{name} — run: make lessons")
        return 1 if differ else 0
    cleaned = [p.name for p in sorted(SOLUTIONS_DIR.glob("*.ipynb")) if clean_source(p)]
    for name in cleaned:
        print(f"cleared outputs from notebooks/solutions/{name}")
    written = build_student_editions()
    for name in written:
        print(f"wrote notebooks/{name} (student edition)")
    print(f"student editions are up to date ({len(written)} written).")
    return 0


def _new_article(args: argparse.Namespace) -> int:
    import csv

    from .data.registry import RegistrationError, register_article

    try:
        done = register_article(args.file, args.language, args.id, args.data_dir)
    except RegistrationError as error:
        for problem in error.problems:
            print(problem)
        print("Nothing was written.")
        return 1
    try:  # the article is registered: a closed pipe (… | head) must not end in a traceback
        print(
            f"Registered {done.article_id}: copied to {done.article_path} and added as row {done.row} "
            "of articles.csv. (To undo: python -m helpers remove-article " + done.article_id + ")"
        )
        if args.language != "en" and done.sentences:
            print(
                "\nA translations.csv template (paste it under the header, then write the translations). "
                "Lines of page chrome (headline, byline, dateline, menus, credits) are not translated: "
                "once boilerplate.csv marks them, delete their rows here and number the rest 1, 2, 3 …"
            )
            writer = csv.writer(sys.stdout, lineterminator="\n")
            for number, sentence in enumerate(done.sentences, start=1):
                writer.writerow([done.article_id, number, sentence, "", ""])
            print()
        print("Still to fill in:")
        for item in done.to_do:
            print(f"  - {item}")
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would report the pipe again when it flushes stdout at exit: point it at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _remove_article(args: argparse.Namespace) -> int:
    from .data.registry import RegistrationError, remove_article

    try:
        removed = remove_article(args.article_id, args.data_dir)
    except RegistrationError as error:
        for problem in error.problems:
            print(problem)
        print("Nothing was changed.")
        return 1
    print(f"Removed {args.article_id}: {' and '.join(removed)}.")
    return 0


def _handouts(args: argparse.Namespace) -> int:
    from .teaching.handouts import render_handouts

    for path in render_handouts(args.out, solutions=args.solutions):
        print(f"wrote {_display_path(path.parent)}{path.name}")
    return 0


def _exercises(args: argparse.Namespace) -> int:
    from .teaching.catalogue import catalogue, render

    print(render(catalogue(args.lesson), as_json=args.json))
    return 0


def _student_release(args: argparse.Namespace) -> int:
    from .teaching.release import ReleaseError, write_release

    try:
        release = write_release(args.out_dir)
    except ReleaseError as error:
        print(error)
        print("Nothing was written.")
        return 1
    print(f"wrote a student release to {release.root}: {len(release.lessons)} notebooks, no solutions.")
    for note in release.notes:
        print(f"  - {note}")
    return 0


def _nbgrader(args: argparse.Namespace) -> int:
    from .teaching.grading import write_course

    try:
        written = write_course(args.course_dir, args.notebooks or None)
    except ValueError as error:
        print(error)
        return 1
    for path in written:
        print(f"wrote {path}")
    print("next, in that folder: nbgrader generate_assignment NAME (see notebooks/INSTRUCTORS.md)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit status (0 = success)."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every file of a data folder; change nothing")
    validate.add_argument(
        "data_dir", nargs="?", help="the data folder (default: $READOUTS_DATA, else the bundled data/)"
    )
    validate.set_defaults(run=_validate)
    new_article = commands.add_parser(
        "new-article", help="register a new article's text file in the data folder"
    )
    new_article.add_argument("file", help="a UTF-8 text file with the article")
    new_article.add_argument("--language", required=True, help="its ISO 639-1 code, e.g. fr")
    new_article.add_argument("--id", help="its article_id (default: from the file name)")
    new_article.add_argument(
        "--data-dir", help="the data folder (default: $READOUTS_DATA, else the bundled data/)"
    )
    new_article.set_defaults(run=_new_article)
    remove = commands.add_parser(
        "remove-article", help="undo new-article: remove an article's row and text file (nothing else)"
    )
    remove.add_argument("article_id", help="the id new-article registered")
    remove.add_argument(
        "--data-dir", help="the data folder (default: $READOUTS_DATA, else the bundled data/)"
    )
    remove.set_defaults(run=_remove_article)
    handouts = commands.add_parser(
        "handouts", help="render every lesson, executed, to HTML (and the claims to CSV)"
    )
    handouts.add_argument("--out", default="handouts", help="the folder to write to (default: handouts/)")
    handouts.add_argument("--solutions", action="store_true", help="render the solutions edition instead")
    handouts.set_defaults(run=_handouts)
    lessons = commands.add_parser("lessons", help="build the student editions from notebooks/solutions/")
    lessons.add_argument("--check", action="store_true", help="only report editions that are out of date")
    lessons.set_defaults(run=_lessons)
    listing = commands.add_parser(
        "exercises", help="list every exercise: lesson, track, code or not, answer type"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON list, one object per exercise")
    listing.add_argument("--lesson", type=int, help="only this lesson's exercises")
    listing.set_defaults(run=_exercises)
    release = commands.add_parser(
        "student-release", help="write a student-only copy of the collection (no solutions) into a folder"
    )
    release.add_argument("out_dir", help="an empty or new folder")
    release.set_defaults(run=_student_release)
    grading = commands.add_parser(
        "nbgrader", help="turn the solutions edition into nbgrader source assignments in a course folder"
    )
    grading.add_argument("course_dir", help="the nbgrader course folder (created if needed)")
    grading.add_argument("notebooks", nargs="*", help="notebook names without .ipynb (default: all)")
    grading.set_defaults(run=_nbgrader)
    args = parser.parse_args(argv)
    return args.run(args)
