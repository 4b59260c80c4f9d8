"""Issue 11: the remaining bad inputs (1–10) and the instructor's path for a new language.

Each test breaks one thing in a scratch copy of the data folder (or hands a
command a bad file) and checks the exact message, or that a valid input loads;
and that the copy is byte for byte what it was, unless a command made to write
it was run.
"""

from __future__ import annotations

import builtins
import contextlib
import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, folder_digest

import helpers
from helpers.cli import main as cli_main
from helpers.data.files import csv_for_people, safe_for_spreadsheets, spreadsheet_safe
from helpers.data.reading import MAX_CELL_CHARS
from helpers.data.registry import RegistrationError, default_id, register_article, remove_article


def records(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    rows = records(path)
    rows[row - 1][rows[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def problems_of(data_dir: Path, severity: str = "error") -> list[str]:
    return [str(p) for p in helpers.validate(data_dir) if p.severity == severity]


@contextlib.contextmanager
def never_opened(path: Path):
    """Fail the test if anything opens ``path`` (after following links) inside the block."""
    forbidden, real_open = path.resolve(), io.open

    def guarded(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file).resolve() == forbidden:
            raise AssertionError(f"{forbidden} was opened")
        return real_open(file, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(io, "open", guarded)
        patch.setattr(builtins, "open", guarded)
        yield


# --------------------------------------------------------------------------- 1. long cells


def test_a_200_kb_gloss_loads(data_copy):
    gloss = "a long but honest gloss " * 8_500  # about 200 KB
    set_cell(data_copy / "claims.csv", 2, "gloss", gloss)
    claims = helpers.load_claims(data_copy)
    assert len(claims.loc[0, "gloss"]) == len(gloss.strip())


def test_a_cell_beyond_the_limit_names_the_real_cause(data_copy):
    path = data_copy / "people.csv"
    # An opening quotation mark never closed: the rest of the file runs into one cell.
    path.write_bytes(path.read_bytes() + b'x,"' + b"y" * (MAX_CELL_CHARS + 10) + b"\n")
    [error] = problems_of(data_copy)
    assert error.startswith(f"people.csv:15:-: has a cell of more than {MAX_CELL_CHARS:,} characters")
    assert "a quotation mark that opens a cell and is never closed" in error


# --------------------------------------------------------------------------- 2. a few bad bytes


@pytest.mark.parametrize("bad", [b"\xff", b"\xed\xa0\x80"], ids=["0xff", "lone-surrogate"])
def test_utf8_with_a_few_bad_bytes_is_not_called_a_legacy_file(data_copy, bad):
    path = data_copy / "claims.csv"
    lines = path.read_bytes().split(b"\n")
    lines[4] = lines[4].replace(b" ", b" " + bad, 1)
    path.write_bytes(b"\n".join(lines))
    before = folder_digest(data_copy)
    [error] = problems_of(data_copy)
    shown = " ".join(f"0x{b:02x}" for b in bad)
    assert error.startswith(
        f"claims.csv:-:-: is UTF-8 except at line 5: byte{'s' if len(bad) > 1 else ''} {shown}"
    )
    assert "not a file in another encoding" in error
    assert "go to line 5 and retype the character there or delete it" in error
    assert "Windows-1252" not in error and "save it again as UTF-8" not in error
    assert folder_digest(data_copy) == before


def test_a_legacy_file_is_still_told_to_be_resaved(data_copy):
    path = data_copy / "people.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Sergey", "Sérgey").encode("cp1252"))
    [error] = problems_of(data_copy)
    assert "it looks like Windows-1252 or Latin-1" in error and "save it again as UTF-8" in error


# --------------------------------------------------------------------------- 3. symlink loops


def test_an_article_linked_to_itself(data_copy):
    article = data_copy / "articles" / "wt-blinken-lavrov.txt"
    article.unlink()
    article.symlink_to(article)
    errors = problems_of(data_copy)
    assert (
        "articles.csv:5:file: 'articles/wt-blinken-lavrov.txt' is a link that leads round in a loop (to itself) "
        "— replace the link with the article's text file itself in data/articles/" in errors
    )
    with pytest.raises(helpers.DataError, match="leads round in a loop"):
        helpers.load_claims(data_copy)


def test_a_table_linked_to_itself(data_copy):
    table = data_copy / "people.csv"
    table.unlink()
    table.symlink_to(table)
    assert problems_of(data_copy)[0] == (
        "people.csv:-:-: is a link that leads round in a loop (to itself) — replace the link with the table "
        "people.csv itself"
    )


def test_a_data_folder_in_a_loop_from_the_command_line(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", str(loop)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{loop}:-:-: is a link that leads round in a loop" in result.stdout


# --------------------------------------------------------------------------- 4. and 5. unregistered, twice


def test_an_unregistered_file_is_warned_about_and_a_link_out_is_never_read(data_copy):
    articles = data_copy / "articles"
    (articles / "copy of wt.txt").write_bytes((articles / "wt-blinken-lavrov.txt").read_bytes())
    (articles / "passwd.txt").symlink_to("/etc/passwd")
    with never_opened(Path("/etc/passwd")):
        warnings = problems_of(data_copy, "warning")
        helpers.load_corpus(data_copy)
        helpers.load_corpus(data_copy)  # and again: deciding "unchanged" reads nothing outside either
    fix = "register it (python -m helpers new-article) or move it out of the data folder"
    assert warnings == [
        f"articles/copy of wt.txt:-:-: warning: is a file in articles/ that no row of articles.csv registers; "
        f"it is not read — {fix}",
        f"articles/passwd.txt:-:-: warning: is a link in articles/ that no row of articles.csv registers; "
        f"it is not read — {fix}",
    ]


def test_the_same_text_under_two_ids_is_warned_about(data_copy):
    rows = records(data_copy / "articles.csv")
    twin = list(rows[4])
    twin[0] = "wt-twin"
    rows.append(twin)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (data_copy / "articles.csv").write_text(buffer.getvalue(), encoding="utf-8")
    warnings = [w for w in problems_of(data_copy, "warning") if "same text" in w]
    assert warnings == [
        "articles.csv:7:file: warning: wt-twin has the same text as wt-blinken-lavrov (row 5) — register each "
        "article once: delete one of the two rows, or put the right text in the file"
    ]


# --------------------------------------------------------------------------- 7., 8., 9. new-article


FRENCH = "Le ministre a déclaré que l'appel avait duré « environ 30 minutes ».\nUne deuxième phrase.\n"


def test_new_article_into_a_closed_pipe_leaves_no_traceback(data_copy, tmp_path):
    source = tmp_path / "Lavrov Blinken 12 février.txt"
    source.write_text(FRENCH * 200, encoding="utf-8")
    command = (
        f"{sys.executable} -m helpers new-article '{source}' --language fr --data-dir '{data_copy}' | head -1"
    )
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=ROOT)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
    assert result.stdout.startswith("Registered lavrov-blinken-12-fevrier")


def test_the_default_id_transliterates():
    assert default_id("Lavrov Blinken 12 février.txt") == "lavrov-blinken-12-fevrier"
    assert default_id("Điện đàm Nga–Mỹ.txt") == "dien-dam-nga-my"
    assert default_id("Straße Øresund.txt") == "strasse-oresund"


def test_remove_article_undoes_new_article_exactly(data_copy, tmp_path, capsys):
    before = folder_digest(data_copy)
    source = tmp_path / "Le Monde février.txt"
    source.write_text(FRENCH, encoding="utf-8")
    assert cli_main(["new-article", str(source), "--language", "fr", "--data-dir", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "python -m helpers remove-article le-monde-fevrier" in out
    assert folder_digest(data_copy) != before
    assert cli_main(["remove-article", "le-monde-fevrier", "--data-dir", str(data_copy)]) == 0
    assert folder_digest(data_copy) == before


def test_remove_article_refuses_an_article_still_in_use(data_copy):
    before = folder_digest(data_copy)
    with pytest.raises(RegistrationError, match="is still used by boilerplate.csv row"):
        remove_article("wt-blinken-lavrov", data_copy)
    with pytest.raises(RegistrationError, match="'no-such-article' is not registered"):
        remove_article("no-such-article", data_copy)
    assert folder_digest(data_copy) == before


@pytest.mark.parametrize("codec", ["utf-16", "cp1252"])
def test_a_refused_article_gets_text_file_advice(data_copy, tmp_path, codec):
    source = tmp_path / "article.txt"
    source.write_bytes(FRENCH.encode(codec))
    with pytest.raises(RegistrationError) as raised:
        register_article(source, "fr", "lemonde", data_copy)
    [problem] = raised.value.problems
    assert "open it in a text editor and save it again as UTF-8" in problem.fix
    assert "Notepad" in problem.fix and "CSV UTF-8" not in problem.fix


def test_the_translations_template_says_chrome_is_not_translated(data_copy, tmp_path, capsys):
    source = tmp_path / "lemonde.txt"
    source.write_text(FRENCH, encoding="utf-8")
    cli_main(["new-article", str(source), "--language", "fr", "--data-dir", str(data_copy)])
    out = capsys.readouterr().out
    assert "Lines of page chrome (headline, byline, dateline, menus, credits) are not translated" in out
    assert out.index("translations.csv template") < out.index("Still to fill in")  # template first


# --------------------------------------------------------------------------- 10. formulas in CSV for people


def test_cells_that_a_spreadsheet_would_run_are_neutralised():
    for cell in ['=HYPERLINK("https://x.example","x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"]:
        assert spreadsheet_safe(cell) == "'" + cell
    assert spreadsheet_safe("Blinken said") == "Blinken said"
    frame = pd.DataFrame({"gloss": pd.array(["=1+1", pd.NA, "ok"], dtype="string"), "n": [-1, 2, 3]})
    written = list(csv.reader(io.StringIO(safe_for_spreadsheets(frame).to_csv(index=False))))
    assert written == [["gloss", "n"], ["'=1+1", "-1"], ["", "2"], ["ok", "3"]]
    assert csv_for_people([["=x"]], ["@h"]) == "'@h\n'=x\n"


def test_handouts_claims_csv_is_written_spreadsheet_safe():
    source = (ROOT / "helpers" / "teaching" / "handouts.py").read_text(encoding="utf-8")
    assert "safe_for_spreadsheets(claims).to_csv(" in source


# --------------------------------------------------------------------------- the instructor's path


def test_an_unmarked_first_line_that_repeats_the_headline_is_warned_about(data_copy):
    rows = records(data_copy / "boilerplate.csv")
    headline = next(r for r in rows if r[0] == "cnn-blinken-lavrov" and r[3] == "headline")
    rows.remove(headline)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (data_copy / "boilerplate.csv").write_text(buffer.getvalue(), encoding="utf-8")
    warnings = [w for w in problems_of(data_copy, "warning") if "repeats its headline" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith("boilerplate.csv:-:excerpt: warning: the first line of cnn-blinken-lavrov")
    assert warnings[0].endswith("— add a row: cnn-blinken-lavrov, the line as excerpt, kind headline")


def test_no_break_spaces_typed_as_ordinary_ones_get_their_own_hint(data_copy):
    article = data_copy / "articles" / "wt-blinken-lavrov.txt"
    text = article.read_text(encoding="utf-8")
    claims = records(data_copy / "claims.csv")
    header = claims[0]
    number, row = next(
        (n, r)
        for n, r in enumerate(claims[1:], start=2)
        if r[1] == "wt-blinken-lavrov" and " " in r[3] and not r[4] and text.count(r[3]) == 1
    )
    excerpt = row[header.index("excerpt")]
    with_nbsp = excerpt.replace(" ", "\u00a0", 1)
    article.write_text(text.replace(excerpt, with_nbsp), encoding="utf-8")
    set_cell(
        data_copy / "articles.csv",
        5,
        "sha256",
        __import__("hashlib").sha256(article.read_bytes()).hexdigest(),
    )
    errors = [e for e in problems_of(data_copy) if e.startswith(f"claims.csv:{number}:excerpt")]
    assert errors == [
        f"claims.csv:{number}:excerpt: ⟦{excerpt if len(excerpt) <= 60 else excerpt[:57] + '…'}⟧ is not in "
        "wt-blinken-lavrov as written, though it matches once spaces are compared alike: the article has "
        "no-break spaces (U+00A0) where the excerpt has ordinary ones — copy the words again from the article "
        "file, exactly as they stand"
    ]


def test_excerpts_are_quoted_so_that_guillemets_inside_are_not_confused(data_copy):
    set_cell(data_copy / "claims.csv", 2, "excerpt", "«لافروف» قال كذا")
    [error] = [e for e in problems_of(data_copy) if e.startswith("claims.csv:2:excerpt")]
    assert error.startswith("claims.csv:2:excerpt: ⟦«لافروف» قال كذا⟧ is not in")
