"""Hostile and awkward inputs: what an instructor's spreadsheet, editor or file manager can do to data/.

Every test breaks (or merely re-saves) one thing in a scratch copy of the data
folder, then checks two things:

(a) a clear, precise answer: the exact problems ``helpers.validate`` reports, in
    the form ``file:row:column: what — fix``, the same lines and exit status from
    ``python -m helpers validate``, and the same problems carried by the
    ``helpers.DataError`` that a ``helpers.load_*`` function raises; or, where the
    input is valid after all (a byte-order mark, Windows line endings, decomposed
    Vietnamese …), that it loads exactly like the bundled data;
(b) that the folder is byte for byte what it was before validating and loading.

The cases that ``test_validation.py``, ``test_annotations.py`` and
``test_new_article.py`` already cover are not repeated here.
"""

from __future__ import annotations

import builtins
import contextlib
import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, ROOT, folder_digest

import helpers
from helpers.cli import main as cli_main
from helpers.data.registry import RegistrationError, register_article
from helpers.data.schema import TABLES
from helpers.data.text import find_all
from helpers.display.html import show, table_html, text_html

# The fixes the validator gives, verbatim: a message without its fix is no help.
RESAVE = (
    "open it and save it again as UTF-8 (Excel: File › Save As › 'CSV UTF-8'; LibreOffice: Save As › "
    "'Edit filter settings' › Character set 'Unicode (UTF-8)')"
)
NOT_TEXT_FIX = (
    "open it in its program and save it as UTF-8 text (a table: 'CSV UTF-8 (comma delimited)'; an "
    "article: plain text, UTF-8); nothing was read from this file"
)
QUOTING_FIX = 'a cell that contains a quotation mark must be in double quotes, with its own quotation marks doubled ("")'
INVISIBLE_FIX = "delete the invisible character (retype the text around it, or copy it from the article)"
ID_FIX = "use lower-case letters, digits and hyphens only, e.g. blinken-lavrov-2022-02-01"
COPY_FIX = "copy the words again from the article file, exactly as they stand"
WHOLE_FIX = "write digits only, e.g. 2"

# file:row:column: what — fix (row and column may be "-").
MESSAGE = re.compile(r"[^:\n]+:(?:\d+|-):[^:\n]+: .+ — .+", re.DOTALL)
MB = 2**20


# --------------------------------------------------------------------------- reading and editing copies


def records(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_records(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Every record as (spreadsheet row, {column: cell})."""
    header, *body = records(path)
    return [(number, dict(zip(header, record))) for number, record in enumerate(body, start=2)]


def row_where(path: Path, **where: str) -> tuple[int, dict[str, str]]:
    for number, row in rows(path):
        if all(row[column] == value for column, value in where.items()):
            return number, row
    raise AssertionError(f"no row {where} in {path.name}")


def edit(path: Path, where: dict[str, str], **changes: str) -> int:
    """Change cells of the first row matching ``where``; return its spreadsheet row."""
    all_records = records(path)
    header = all_records[0]
    number, _ = row_where(path, **where)
    for column, value in changes.items():
        all_records[number - 1][header.index(column)] = value
    write_records(path, all_records)
    return number


def replace_bytes(path: Path, old: bytes, new: bytes) -> None:
    raw = path.read_bytes()
    assert raw.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_bytes(raw.replace(old, new))


def article_text(article_id: str) -> str:
    return helpers.load_articles().set_index("article_id").loc[article_id, "text"]


def to_cp1258(text: str) -> bytes:
    """Text as a Vietnamese Windows editor saves it: base letters, tones as combining marks (Windows-1258)."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for letter in _clusters(text):
        decomposed = unicodedata.normalize("NFD", letter)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + "".join(c for c in decomposed if c in tones))
    return "".join(out).encode("cp1258", errors="replace")


def _clusters(text: str) -> list[str]:
    """Each letter of ``text`` with the combining marks that follow it."""
    clusters: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def first_undecodable(raw: bytes) -> tuple[int, int]:
    """The first byte that is not UTF-8, and its line."""
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return raw[error.start], raw[: error.start].count(b"\n") + 1
    raise AssertionError("the bytes are valid UTF-8")


# --------------------------------------------------------------------------- the two verdicts


def errors_of(data_dir: Path) -> list[str]:
    return [str(p) for p in helpers.validate(data_dir) if p.severity == "error"]


def run_cli(data_dir: Path) -> tuple[int, list[str]]:
    """``python -m helpers validate DATA_DIR``, in this process."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli_main(["validate", str(data_dir)])
    return status, out.getvalue().splitlines()


def refused(data_dir: Path, expected: list[str], loader=helpers.load_corpus) -> None:
    """The validator, the command and the loader all give exactly ``expected``; nothing changes."""
    before = folder_digest(data_dir)
    errors = errors_of(data_dir)
    assert errors == expected
    for error in errors:
        assert MESSAGE.fullmatch(error), error
    status, lines = run_cli(data_dir)
    assert status == 1
    assert [line for line in lines if line in expected] == expected
    assert f" has {len(expected)} error{'s' if len(expected) != 1 else ''} and " in lines[-1], lines[-1]
    assert lines[-1].endswith("; nothing was changed."), lines[-1]
    with pytest.raises(helpers.DataError) as raised:
        loader(data_dir)
    assert sorted(str(p) for p in raised.value.problems) == sorted(expected)
    assert folder_digest(data_dir) == before


def accepted(data_dir: Path, loader=helpers.load_corpus):
    """Valid data: no problem at all, and the loader returns its frames; nothing changes."""
    before = folder_digest(data_dir)
    assert [str(p) for p in helpers.validate(data_dir)] == []
    assert run_cli(data_dir)[0] == 0
    result = loader(data_dir)
    assert folder_digest(data_dir) == before
    return result


# --------------------------------------------------------------------------- encodings


def test_arabic_csv_saved_as_windows_1256(data_copy):
    # Excel on an Arabic Windows: Arabic kept in Windows-1256, Vietnamese lost to "?".
    path = data_copy / "claims.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1256", errors="replace"))
    byte, line = first_undecodable(path.read_bytes())
    refused(
        data_copy,
        [
            f"claims.csv:-:-: is not UTF-8: byte 0x{byte:02x} at line {line} cannot be read; it looks like "
            f"Windows-1256 (Arabic) — {RESAVE}; nothing was read from this file"
        ],
        helpers.load_claims,
    )  # one problem: not one for every reference into the unreadable table


def test_vietnamese_csv_saved_as_windows_1258(data_copy):
    path = data_copy / "translations.csv"
    path.write_bytes(to_cp1258(path.read_text(encoding="utf-8")))
    byte, line = first_undecodable(path.read_bytes())
    refused(
        data_copy,
        [
            f"translations.csv:-:-: is not UTF-8: byte 0x{byte:02x} at line {line} cannot be read; it looks like "
            f"Windows-1258 (Vietnamese) — {RESAVE}; nothing was read from this file"
        ],
        helpers.load_translations,
    )


def test_latin1_csv_is_not_mistaken_for_arabic(data_copy):
    # One accented letter: Latin-1's "á" is the byte of Windows-1256's "ل"; the guess must still say Latin-1.
    path = data_copy / "people.csv"
    path.write_bytes(
        path.read_text(encoding="utf-8").replace("Viktor Orban", "Viktor Orbán").encode("latin-1")
    )
    line = next(n for n, text in enumerate(path.read_bytes().split(b"\n"), start=1) if b"\xe1" in text)
    refused(
        data_copy,
        [
            f"people.csv:-:-: is not UTF-8: byte 0xe1 at line {line} cannot be read; it looks like Windows-1252 or "
            f"Latin-1 (Western European) — {RESAVE}; nothing was read from this file"
        ],
        helpers.load_people,
    )


@pytest.mark.parametrize(
    "encoding, table",
    [
        ("utf-16", "claims.csv"),  # with a byte-order mark: Excel's "Unicode Text"
        ("utf-16-le", "terms.csv"),  # no byte-order mark, mostly Arabic: no zero byte in most characters
        ("utf-16-be", "translations.csv"),
        ("utf-32", "people.csv"),
    ],
)
def test_csv_saved_as_utf16_or_utf32(data_copy, encoding, table):
    path = data_copy / table
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    refused(
        data_copy, [f"{table}:-:-: is saved as UTF-16 or UTF-32, not UTF-8 — {RESAVE}"], helpers.load_articles
    )


def test_utf8_byte_order_mark_is_accepted(data_copy):
    path = data_copy / "claims.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    pd.testing.assert_frame_equal(accepted(data_copy, helpers.load_claims), helpers.load_claims())


def test_windows_line_endings_are_accepted(data_copy):
    path = data_copy / "translations.csv"
    assert b"\r" not in path.read_bytes()
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    pd.testing.assert_frame_equal(accepted(data_copy, helpers.load_translations), helpers.load_translations())


def test_old_mac_line_endings_are_accepted(data_copy):
    # A lone CR ends a line too (classic Mac OS, some exports), also inside a quoted cell.
    path = data_copy / "calls.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    pd.testing.assert_frame_equal(accepted(data_copy, helpers.load_calls), helpers.load_calls())


def test_trailing_empty_rows_are_accepted(data_copy):
    path = data_copy / "people.csv"
    path.write_bytes(path.read_bytes() + b",,,,\n,,,,\n\n  \n")
    pd.testing.assert_frame_equal(accepted(data_copy, helpers.load_people), helpers.load_people())


def test_nfd_vietnamese_excerpt_still_matches(data_copy):
    # A Mac or a Vietnamese keyboard may type "ộ" as o + U+0302 + U+0323: it must still match the article.
    path = data_copy / "claims.csv"
    number, claim = next(
        (n, r)
        for n, r in rows(path)
        if r["article_id"] == "vi-biden-putin" and unicodedata.normalize("NFD", r["excerpt"]) != r["excerpt"]
    )
    decomposed = unicodedata.normalize("NFD", claim["excerpt"])
    edit(
        path,
        {"claim_id": claim["claim_id"]},
        excerpt=decomposed,
        gloss=unicodedata.normalize("NFD", claim["gloss"]),
    )
    assert decomposed.encode("utf-8") in path.read_bytes()
    loaded = accepted(data_copy, helpers.load_claims).set_index("claim_id").loc[claim["claim_id"]]
    bundled = helpers.load_claims().set_index("claim_id").loc[claim["claim_id"]]
    assert loaded["excerpt"] == claim["excerpt"] == unicodedata.normalize("NFC", decomposed)
    assert (loaded["start"], loaded["end"]) == (bundled["start"], bundled["end"])
    text = article_text("vi-biden-putin")
    assert text[loaded["start"] : loaded["end"]] == loaded["excerpt"]


# --------------------------------------------------------------------------- invisible characters


INVISIBLES = {"\u200b": "U+200B", "\u200f": "U+200F", "\u202e": "U+202E"}


@pytest.mark.parametrize("char", INVISIBLES, ids=INVISIBLES.values())
def test_invisible_character_inside_an_id(data_copy, char):
    code = INVISIBLES[char]
    path = data_copy / "terms.csv"
    number, term = rows(path)[1]
    broken = term["term_id"][:4] + char + term["term_id"][4:]
    edit(path, {"term_id": term["term_id"]}, term_id=broken)
    shown = broken.replace(char, f"<{code}>")  # a bidi override must not garble the message around it
    refused(
        data_copy,
        [
            f"terms.csv:{number}:term_id: contains an invisible control character ({code}) — {INVISIBLE_FIX}",
            f"terms.csv:{number}:term_id: '{shown}' is not a valid id — {ID_FIX}",
        ],
        helpers.load_terms,
    )


@pytest.mark.parametrize("char", INVISIBLES, ids=INVISIBLES.values())
def test_invisible_character_inside_an_excerpt(data_copy, char):
    code = INVISIBLES[char]
    path = data_copy / "claims.csv"
    number, claim = row_where(path, article_id="ar-blinken-lavrov", occurrence="")
    first, rest = claim["excerpt"].split(" ", 1)
    edit(path, {"claim_id": claim["claim_id"]}, excerpt=f"{first}{char} {rest}")
    assert len(claim["excerpt"]) < 59
    refused(
        data_copy,
        [
            f"claims.csv:{number}:excerpt: contains an invisible control character ({code}) — {INVISIBLE_FIX}",
            f"claims.csv:{number}:excerpt: ⟦{first}<{code}> {rest}⟧ is not in ar-blinken-lavrov as written, though it "
            f"matches once case, quotation marks and diacritics are ignored: check those — {COPY_FIX}",
        ],
        helpers.load_claims,
    )


# --------------------------------------------------------------------------- empty and odd files


def test_zero_byte_csv(data_copy):
    (data_copy / "propositions.csv").write_bytes(b"")
    refused(
        data_copy,
        [
            "propositions.csv:1:-: has no header row — put this header in row 1: proposition_id,call_id,topic,statement,note"
        ],
        helpers.load_propositions,
    )


def test_header_only_table_that_others_refer_to(data_copy):
    path = data_copy / "people.csv"
    path.write_bytes(path.read_bytes().split(b"\n")[0] + b"\n")
    expected = []  # every reference to a person, in every table, now dangles
    for table in TABLES.values():
        for number, row in rows(data_copy / table.file):
            for column in table.columns:
                if column.ref == "people" and row[column.name]:
                    expected.append(
                        f"{table.file}:{number}:{column.name}: '{row[column.name]}' is not in people.csv"
                        " — use an existing person_id, or add a row for it to people.csv"
                    )
    order = list(TABLES)
    expected.sort(key=lambda e: (order.index(e.split(".csv")[0]), int(e.split(":")[1])))
    assert len(expected) > 50
    refused(data_copy, expected, helpers.load_calls)


@pytest.mark.parametrize("content", [b"", b" \r\n\t\n\n"], ids=["zero-bytes", "whitespace-only"])
def test_empty_article_file(data_copy, content):
    article = data_copy / "articles" / "wt-blinken-lavrov.txt"
    article.write_bytes(content)
    number, _ = row_where(data_copy / "articles.csv", article_id="wt-blinken-lavrov")
    refused(
        data_copy,
        [
            f"articles.csv:{number}:sha256: does not match articles/wt-blinken-lavrov.txt (its sha256 is "
            f"{hashlib.sha256(content).hexdigest()}) — restore the article as received; if you replaced it on purpose, "
            "put the new sha256 in this cell",
            "articles/wt-blinken-lavrov.txt:-:-: is empty — put the article's text in the file",
        ],
        helpers.load_articles,
    )


@contextlib.contextmanager
def never_opened(path: Path):
    """Fail the test if anything opens ``path`` inside the ``with`` block."""
    forbidden, real_open = path.resolve(), io.open

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file).resolve() == forbidden:
            raise AssertionError(f"{forbidden.name} was opened: it must be refused by its size alone")
        return real_open(file, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(io, "open", guarded_open)  # what pathlib's read_bytes and read_text use
        patch.setattr(builtins, "open", guarded_open)
        yield


def write_large_article(path: Path, size: int = 50 * MB) -> None:
    chunk = (DATA / "articles" / "vi-biden-putin.txt").read_bytes() * 400
    with open(path, "wb") as handle:
        while handle.tell() < size:
            handle.write(chunk)


def test_50_mb_article_is_refused_by_its_size_without_being_read(data_copy):
    article = data_copy / "articles" / "vi-biden-putin.txt"
    write_large_article(article)
    size = article.stat().st_size
    before = folder_digest(data_copy)
    expected = [
        f"articles/vi-biden-putin.txt:-:-: is {size / MB:.1f} MB; an article is expected to be under 5 MB "
        "— check that this is the article's text"
    ]
    with never_opened(article):
        assert errors_of(data_copy) == expected
        with pytest.raises(helpers.DataError) as raised:
            helpers.load_articles(data_copy)
        assert [str(p) for p in raised.value.problems] == expected
        status, lines = run_cli(data_copy)
    assert status == 1 and lines[0] == expected[0]
    assert folder_digest(data_copy) == before


# --------------------------------------------------------------------------- columns and CSV structure


def test_missing_required_column(data_copy):
    path = data_copy / "people.csv"
    all_records = records(path)
    drop = all_records[0].index("country")
    write_records(path, [r[:drop] + r[drop + 1 :] for r in all_records])
    refused(
        data_copy,
        ["people.csv:1:country: column is missing — add a column headed 'country'"]
        + [
            f"people.csv:{n}:country: is empty but required — fill in the country"
            for n in range(2, len(all_records) + 1)
        ],
        helpers.load_people,
    )


def test_unknown_extra_column_is_a_warning_and_is_dropped(data_copy):
    path = data_copy / "claims.csv"
    all_records = records(path)
    write_records(path, [r + (["checked_by"] if i == 0 else ["tn"]) for i, r in enumerate(all_records)])
    before = folder_digest(data_copy)
    assert [str(p) for p in helpers.validate(data_copy)] == [
        "claims.csv:1:checked_by: warning: column is not part of this table and is ignored — expected columns: "
        + ", ".join(TABLES["claims"].column_names)
    ]
    assert run_cli(data_copy)[0] == 0
    claims = helpers.load_claims(data_copy)
    assert "checked_by" not in claims.columns
    pd.testing.assert_frame_equal(claims, helpers.load_claims())
    assert folder_digest(data_copy) == before


def test_quoted_newline_inside_a_note_is_valid_and_rows_are_counted_as_a_spreadsheet_does(data_copy):
    path = data_copy / "people.csv"
    note = 'First line\nsecond line, with a comma and "quotes"'
    number = edit(path, {"person_id": "austin"}, note=note)
    assert b'"First line\nsecond line, with a comma and ""quotes"""' in path.read_bytes()
    people = accepted(data_copy, helpers.load_people).set_index("person_id")
    assert people.loc["austin", "note"] == note
    # The record after it is the next spreadsheet row, though it stands on a later line of the file.
    next_row = edit(path, {"person_id": "shoigu"}, role="")
    assert next_row == number + 1
    refused(
        data_copy,
        [f"people.csv:{next_row}:role: is empty but required — fill in the role"],
        helpers.load_people,
    )


def test_stray_quote_inside_an_unquoted_cell_is_kept_verbatim(data_copy):
    replace_bytes(data_copy / "people.csv", b"shoigu,Sergei Shoigu,", b'shoigu,Sergei "the general" Shoigu,')
    people = accepted(data_copy, helpers.load_people).set_index("person_id")
    assert people.loc["shoigu", "name"] == 'Sergei "the general" Shoigu'


def csv_error(path: Path) -> str:
    with pytest.raises(csv.Error) as raised:
        list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""), strict=True))
    return str(raised.value)


def test_unclosed_quote_names_the_row_where_it_opens(data_copy):
    # The quote swallows the rest of the file: the row to fix is where it opened, not where reading stopped.
    path = data_copy / "claims.csv"
    number, claim = rows(path)[10]
    replace_bytes(path, f"\n{claim['claim_id']},".encode(), f'\n{claim["claim_id"]},"'.encode())
    refused(
        data_copy,
        [f"claims.csv:{number}:-: is not valid CSV ({csv_error(path)}) — {QUOTING_FIX}"],
        helpers.load_claims,
    )


def test_text_after_a_closing_quote_breaks_the_row(data_copy):
    path = data_copy / "people.csv"
    number, _ = row_where(path, person_id="orban")
    replace_bytes(path, b"orban,Viktor Orban,", b'orban,"Viktor" Orban,')
    assert csv_error(path) == "',' expected after '\"'"
    refused(
        data_copy,
        [f"people.csv:{number}:-: is not valid CSV (',' expected after '\"') — {QUOTING_FIX}"],
        helpers.load_people,
    )


# --------------------------------------------------------------------------- ids and references


def test_duplicate_id_in_a_table_nothing_refers_to(data_copy):
    path = data_copy / "terms.csv"
    (first, term), (second, other) = rows(path)[:2]
    edit(path, {"term_id": other["term_id"]}, term_id=term["term_id"])
    refused(
        data_copy,
        [
            f"terms.csv:{second}:term_id: '{term['term_id']}' is used again (first in row {first}) — "
            "give each row its own id, or delete the duplicate row"
        ],
        helpers.load_terms,
    )


def test_duplicate_row_of_a_two_column_key(data_copy):
    path = data_copy / "aliases.csv"
    all_records = records(path)
    write_records(path, all_records + [all_records[1]])
    person, alias = all_records[1][:2]
    refused(
        data_copy,
        [
            f"aliases.csv:{len(all_records) + 1}:alias: '{person} / {alias}' is used again (first in "
            "row 2) — give each row its own id, or delete the duplicate row"
        ],
        helpers.load_aliases,
    )


def test_dangling_readout_in_claims_suggests_the_close_id(data_copy):
    path = data_copy / "claims.csv"
    number, claim = next((n, r) for n, r in rows(path) if r["readout_id"])
    edit(path, {"claim_id": claim["claim_id"]}, readout_id=claim["readout_id"] + "x")
    refused(
        data_copy,
        [
            f"claims.csv:{number}:readout_id: '{claim['readout_id']}x' is not in readouts.csv — did you mean "
            f"'{claim['readout_id']}'? use an existing readout_id, or add a row for it to readouts.csv"
        ],
        helpers.load_claims,
    )


def test_dangling_person_in_calls_without_a_close_id(data_copy):
    number = edit(
        data_copy / "calls.csv", {"call_id": "blinken-lavrov-2022-02-01"}, initiator="x-unknown-person"
    )
    refused(
        data_copy,
        [
            f"calls.csv:{number}:initiator: 'x-unknown-person' is not in people.csv — use an existing "
            "person_id, or add a row for it to people.csv"
        ],
        helpers.load_calls,
    )


@pytest.mark.parametrize(
    "column, table, key",
    [
        ("propositions", "propositions", "proposition_id"),
        ("articles", "articles", "article_id"),
        ("claims", "claims", "claim_id"),
    ],
)
def test_dangling_id_inside_a_differences_list(data_copy, column, table, key):
    path = data_copy / "differences.csv"
    number, difference = next((n, r) for n, r in rows(path) if r["claims"])
    missing = f"no-such-{key.split('_')[0]}"
    edit(path, {"difference_id": difference["difference_id"]}, **{column: f"{difference[column]};{missing}"})
    refused(
        data_copy,
        [
            f"differences.csv:{number}:{column}: '{missing}' is not in {table}.csv — use an existing "
            f"{key}, or add a row for it to {table}.csv"
        ],
        helpers.load_differences,
    )


def test_line_break_inside_an_id_cell(data_copy):
    # Alt+Enter in a spreadsheet cell: the id, and the id list, must not pass as valid line by line.
    path = data_copy / "claims.csv"
    number, claim = next((n, r) for n, r in rows(path) if r["speaker"])
    edit(path, {"claim_id": claim["claim_id"]}, speaker=f"{claim['speaker']}\nprice")
    differences = data_copy / "differences.csv"
    row, difference = rows(differences)[0]
    broken = difference["articles"].replace(";", "\n", 1)
    edit(differences, {"difference_id": difference["difference_id"]}, articles=broken)
    refused(
        data_copy,
        [
            f"claims.csv:{number}:speaker: '{claim['speaker']}↵price' is not a valid id — {ID_FIX}",
            f"differences.csv:{row}:articles: '{broken.replace(chr(10), '↵')}' is not a list of ids — separate ids "
            "with ';', e.g. cnn-blinken-lavrov;wt-blinken-lavrov",
        ],
        helpers.load_claims,
    )


def test_list_separated_by_commas(data_copy):
    path = data_copy / "differences.csv"
    number, difference = rows(path)[0]
    commas = difference["articles"].replace(";", ", ")
    edit(path, {"difference_id": difference["difference_id"]}, articles=commas)
    refused(
        data_copy,
        [
            f"differences.csv:{number}:articles: '{commas}' is not a list of ids — separate ids with "
            "';', e.g. cnn-blinken-lavrov;wt-blinken-lavrov"
        ],
        helpers.load_differences,
    )


# --------------------------------------------------------------------------- excerpts and occurrences


def test_mention_excerpt_not_in_the_text(data_copy):
    path = data_copy / "event_mentions.csv"
    number, mention = rows(path)[0]
    edit(
        path,
        {"event_id": mention["event_id"], "article_id": mention["article_id"]},
        excerpt="words that no article contains",
    )
    refused(
        data_copy,
        [
            f"event_mentions.csv:{number}:excerpt: ⟦words that no article contains⟧ is not in "
            f"{mention['article_id']} — {COPY_FIX}"
        ],
        helpers.load_events,
    )


def test_term_found_several_times_without_occurrence(data_copy):
    path = data_copy / "terms.csv"
    number, term = row_where(path, article_id="wt-blinken-lavrov")
    count = len(find_all(article_text("wt-blinken-lavrov"), "said"))
    assert count > 1
    edit(path, {"term_id": term["term_id"]}, term="said", occurrence="")
    refused(
        data_copy,
        [
            f"terms.csv:{number}:occurrence: the term occurs {count} times in wt-blinken-lavrov — say "
            f"which one in the occurrence column (1 to {count}), or lengthen the excerpt until it is "
            "unique"
        ],
        helpers.load_terms,
    )


@pytest.mark.parametrize(
    "occurrence, message",
    [
        ("0", "asks for occurrence 0, but the excerpt occurs 1 time — use a number from 1 to 1"),
        ("-1", f"'-1' is not a whole number — {WHOLE_FIX}"),
        ("first", f"'first' is not a whole number — {WHOLE_FIX}"),
        ("1.0", f"'1.0' is not a whole number — {WHOLE_FIX}"),
        ("٢", f"'٢' is not a whole number — {WHOLE_FIX}"),
        (
            "99999999999999999999999",
            "'9999999999999999999…' is too large a number — check the number: it has at most 9 digits",
        ),
    ],
    ids=["zero", "negative", "word", "decimal", "arabic-indic-digit", "huge"],
)
def test_bad_occurrence(data_copy, occurrence, message):
    path = data_copy / "claims.csv"
    number, claim = row_where(path, article_id="cnn-blinken-lavrov", occurrence="")
    assert len(find_all(article_text("cnn-blinken-lavrov"), claim["excerpt"])) == 1
    edit(path, {"claim_id": claim["claim_id"]}, occurrence=occurrence)
    refused(data_copy, [f"claims.csv:{number}:occurrence: {message}"], helpers.load_claims)


def test_huge_whole_numbers_are_refused_not_crashed_on(data_copy):
    # 23 digits overflowed pandas' Int64 in the loader, and int() in the translations check.
    calls_row = edit(
        data_copy / "calls.csv", {"call_id": "blinken-lavrov-2022-02-01"}, duration_minutes="9" * 5000
    )
    path = data_copy / "translations.csv"
    translation_row = edit(
        path, {"article_id": "vi-biden-putin", "sentence_no": "1"}, sentence_no="99999999999999999999999"
    )
    errors = errors_of(data_copy)
    too_large = "'9999999999999999999…' is too large a number — check the number: it has at most 9 digits"
    assert len(errors) == 3
    assert errors[0] == f"calls.csv:{calls_row}:duration_minutes: {too_large}"
    # The sentence without a usable number is not counted as translated: the gap is named too.
    assert errors[1].startswith("translations.csv:-:original: vi-biden-putin: the body text ⟦")
    assert errors[2] == f"translations.csv:{translation_row}:sentence_no: {too_large}"
    refused(data_copy, errors, helpers.load_calls)


# --------------------------------------------------------------------------- dates and languages


@pytest.mark.parametrize(
    "value, message",
    [
        ("01/02/2022", "'01/02/2022' is not a date — write the date as YYYY-MM-DD, e.g. 2022-02-01"),
        (
            "2022-13-01",
            "'2022-13-01' is not a day of the calendar (month must be in 1..12) — check the month (01 to "
            "12) and the day: dates are YYYY-MM-DD, e.g. 2022-02-01",
        ),
        (
            "2022-02-30",
            "'2022-02-30' is not a day of the calendar (day is out of range for month) — check the month "
            "(01 to 12) and the day: dates are YYYY-MM-DD, e.g. 2022-02-01",
        ),
        ("2022-2-1", "'2022-2-1' is not a date — write the date as YYYY-MM-DD, e.g. 2022-02-01"),
    ],
)
def test_bad_date(data_copy, value, message):
    path = data_copy / "events.csv"
    number, event = next((n, r) for n, r in rows(path) if r["date"])
    edit(path, {"event_id": event["event_id"]}, date=value)
    refused(data_copy, [f"events.csv:{number}:date: {message}"], helpers.load_events)


@pytest.mark.parametrize(
    "code, fix",
    [
        ("xx", "use the two-letter code, e.g. ar (Arabic), en (English), vi (Vietnamese), fr (French)"),
        ("eng", "use the two-letter code, e.g. ar (Arabic), en (English), vi (Vietnamese), fr (French)"),
        ("EN", "write it in lower case: en"),
    ],
)
def test_language_code_that_does_not_exist(data_copy, code, fix):
    # One problem: the claims of the article are not also told that their article "is not in English".
    number = edit(data_copy / "articles.csv", {"article_id": "cnn-blinken-lavrov"}, language=code)
    refused(
        data_copy,
        [f"articles.csv:{number}:language: '{code}' is not an ISO 639-1 language code — {fix}"],
        helpers.load_claims,
    )


# --------------------------------------------------------------------------- markup is data


HOSTILE = {
    "name": '<script>alert("name")</script>',
    "role": "<img src=x onerror=alert('role')>",
    "country": '"><script src=https://example.invalid/x.js></script>',
    "note": "</td></tr></table><img src=x onerror=alert(1)><script>document.cookie</script>",
}


def test_html_and_script_in_every_text_field_are_kept_verbatim_and_escaped_when_shown(data_copy):
    edit(data_copy / "people.csv", {"person_id": "shoigu"}, **HOSTILE)
    people = accepted(data_copy, helpers.load_people).set_index("person_id")
    for column, value in HOSTILE.items():
        assert people.loc["shoigu", column] == value
    calls = helpers.load_calls(data_copy)
    assert HOSTILE["name"] in set(calls["party_b_name"].dropna())
    pages = [
        table_html(people.reset_index()),
        show(people.reset_index())._repr_html_(),
        table_html(calls, ["call_id", "party_a_name", "party_b_name"]),
    ]
    pages += [text_html(value) for value in HOSTILE.values()]
    pages += [text_html(value, "ar", label=value) for value in HOSTILE.values()]
    for page in pages:
        assert "<script" not in page.lower() and "<img" not in page.lower(), page
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in pages[0]


# --------------------------------------------------------------------------- paths


@pytest.mark.parametrize(
    "value",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "articles/../../../etc/passwd",
        "articles/../articles.csv",
        "articles\\wt-blinken-lavrov.txt",
    ],
)
def test_article_path_that_leaves_the_articles_folder(data_copy, value):
    number = edit(data_copy / "articles.csv", {"article_id": "wt-blinken-lavrov"}, file=value)
    refused(
        data_copy,
        [
            f"articles.csv:{number}:file: '{value}' is not a path inside articles/ — put the text in "
            "data/articles/ and write e.g. articles/wt-blinken-lavrov.txt"
        ],
        helpers.load_articles,
    )


def test_symlink_in_articles_pointing_outside(data_copy, tmp_path):
    article = data_copy / "articles" / "wt-blinken-lavrov.txt"
    outside = tmp_path / "outside.txt"
    outside.write_bytes(article.read_bytes())  # even the right bytes are refused: they are not in data/
    article.unlink()
    article.symlink_to(outside)
    number, _ = row_where(data_copy / "articles.csv", article_id="wt-blinken-lavrov")
    refused(
        data_copy,
        [
            f"articles.csv:{number}:file: 'articles/wt-blinken-lavrov.txt' leads outside articles/ "
            "(through a link) — copy the text itself into data/articles/"
        ],
        helpers.load_articles,
    )
    assert (
        article.is_symlink()
        and outside.read_bytes() == (DATA / "articles" / "wt-blinken-lavrov.txt").read_bytes()
    )


def test_folder_where_a_table_is_expected(data_copy):
    (data_copy / "claims.csv").unlink()
    (data_copy / "claims.csv").mkdir()
    refused(
        data_copy,
        [
            "claims.csv:-:-: is a folder, not a file — move the folder away and put the table "
            "claims.csv in its place"
        ],
        helpers.load_claims,
    )


def test_folder_where_an_article_is_expected(data_copy):
    article = data_copy / "articles" / "wt-blinken-lavrov.txt"
    article.unlink()
    article.mkdir()
    number, _ = row_where(data_copy / "articles.csv", article_id="wt-blinken-lavrov")
    refused(
        data_copy,
        [
            f"articles.csv:{number}:file: 'articles/wt-blinken-lavrov.txt' is a folder, not a file — "
            "write the path of the article's text file"
        ],
        helpers.load_articles,
    )


# --------------------------------------------------------------------------- not text at all


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as workbook:
        workbook.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        workbook.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["xlsx", "xls", "png", "random"])
def test_binary_file_named_claims_csv(data_copy, kind):
    content = {
        "xlsx": xlsx_bytes(),
        "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4",
        "random": bytes((i * 7919 + 13) % 256 for i in range(4096)),
    }[kind]
    (data_copy / "claims.csv").write_bytes(content)
    if kind in ("xlsx", "xls"):
        what = "is a spreadsheet or word-processor file (Excel, Word, LibreOffice), not plain text"
    else:
        what = f"is not a text file: it holds binary data (a zero byte at line {content[: content.index(0)].count(10) + 1})"
    refused(data_copy, [f"claims.csv:-:-: {what} — {NOT_TEXT_FIX}"], helpers.load_claims)


def test_zero_byte_inside_a_text_csv(data_copy):
    path = data_copy / "people.csv"
    replace_bytes(path, b"Hungary", b"Hung\x00ary")
    line = path.read_bytes()[: path.read_bytes().index(0)].count(b"\n") + 1
    refused(
        data_copy,
        [
            f"people.csv:-:-: is not a text file: it holds binary data (a zero byte at line {line}) — "
            f"{NOT_TEXT_FIX}"
        ],
        helpers.load_people,
    )


def test_the_real_command_on_a_binary_table(data_copy):
    (data_copy / "claims.csv").write_bytes(xlsx_bytes())
    before = folder_digest(data_copy)
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", str(data_copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == (
        "claims.csv:-:-: is a spreadsheet or word-processor file (Excel, Word, "
        f"LibreOffice), not plain text — {NOT_TEXT_FIX}"
    )
    assert result.stderr == ""
    assert folder_digest(data_copy) == before


# --------------------------------------------------------------------------- registering an article


FRENCH = "Texte d'essai. Le ministre a déclaré que l'appel avait duré « environ 30 minutes ».\n"


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "essai.txt"
    path.write_text(FRENCH, encoding="utf-8")
    return path


def registration_refused(
    source: Path,
    data_dir: Path,
    expected: list[str],
    language: str = "fr",
    article_id: str | None = "essai-fr",
) -> None:
    before = folder_digest(data_dir)
    with pytest.raises(RegistrationError) as raised:
        register_article(source, language, article_id, data_dir)
    messages = [str(p) for p in raised.value.problems]
    assert messages == expected
    for message in messages:
        assert MESSAGE.fullmatch(message), message
    assert folder_digest(data_dir) == before


def test_register_50_mb_file_is_refused_by_its_size_without_being_read(data_copy, tmp_path):
    source = tmp_path / "huge.txt"
    write_large_article(source)
    expected = [
        f"{source}:-:-: is {source.stat().st_size / MB:.1f} MB, larger than an article — check that this "
        "is the article's text"
    ]
    before = folder_digest(data_copy)
    with never_opened(source):
        with pytest.raises(RegistrationError) as raised:
            register_article(source, "fr", "huge-fr", data_copy)
    assert [str(p) for p in raised.value.problems] == expected
    assert folder_digest(data_copy) == before


def test_register_into_an_articles_csv_in_another_encoding(data_copy, article_file):
    # Was a UnicodeDecodeError: the table could not be read to check the id.
    path = data_copy / "articles.csv"
    path.write_bytes(
        path.read_text(encoding="utf-8")
        .replace("The Washington Times", "The Washington Times é")
        .encode("latin-1", errors="replace")
    )
    byte, line = first_undecodable(path.read_bytes())
    registration_refused(
        article_file,
        data_copy,
        [
            f"articles.csv:-:-: is not UTF-8: byte 0x{byte:02x} at line {line} cannot be read; it looks like "
            f"Windows-1252 or Latin-1 (Western European) — {RESAVE}; nothing was read from this file"
        ],
    )


def test_register_into_a_zero_byte_articles_csv(data_copy, article_file):
    # Was a StopIteration from reading the header of an empty file.
    (data_copy / "articles.csv").write_bytes(b"")
    registration_refused(
        article_file,
        data_copy,
        [
            "articles.csv:1:-: has no header row — put this header in row 1: "
            + ",".join(TABLES["articles"].column_names)
        ],
    )


def test_register_into_an_articles_csv_with_broken_quoting(data_copy, article_file):
    # Was accepted: the new row was appended inside the open quotation and vanished into a cell.
    path = data_copy / "articles.csv"
    number, _ = row_where(path, article_id="ar-putin-macron")
    replace_bytes(path, b"\nar-putin-macron,", b'\nar-putin-macron,"')
    registration_refused(
        article_file,
        data_copy,
        [
            f"articles.csv:{number}:-: is not valid CSV ({csv_error(path)}) — run python -m helpers validate and fix "
            "what it reports, then register the article"
        ],
    )


def test_register_over_a_dangling_symlink(data_copy, article_file):
    # Was a FileExistsError from the atomic write: the name is taken, by a link to nowhere.
    (data_copy / "articles" / "essai-fr.txt").symlink_to(data_copy / "nowhere.txt")
    registration_refused(
        article_file,
        data_copy,
        ["articles/essai-fr.txt:-:-: already exists — choose another --id; nothing was overwritten"],
    )


def test_register_a_folder(data_copy, tmp_path):
    registration_refused(
        tmp_path,
        data_copy,
        [f"{tmp_path}:-:-: is a folder, not a file — give the path of the article's text file"],
    )


def test_register_into_a_folder_without_articles(data_copy, article_file):
    shutil.rmtree(data_copy / "articles")
    registration_refused(
        article_file,
        data_copy,
        [
            "articles/:-:-: is missing: the data folder has no folder of article texts — give the path of a data "
            "folder (it holds articles.csv and articles/)"
        ],
    )


@pytest.mark.parametrize("char", INVISIBLES, ids=INVISIBLES.values())
def test_register_with_an_invisible_character_in_the_id(data_copy, article_file, char):
    registration_refused(
        article_file,
        data_copy,
        [
            f"{article_file}:-:article_id: 'essai<{INVISIBLES[char]}>-fr' is not a valid id — give --id with "
            "lower-case letters, digits and hyphens"
        ],
        article_id=f"essai{char}-fr",
    )


@pytest.mark.parametrize("code", ["xx", "eng", "fra"])
def test_register_with_a_language_code_that_does_not_exist(data_copy, article_file, code):
    registration_refused(
        article_file,
        data_copy,
        [
            f"{article_file}:-:language: '{code}' is not an ISO 639-1 language code — use the two-letter code, e.g. fr "
            "(French), de (German), es (Spanish)"
        ],
        language=code,
    )


def test_register_a_binary_file(data_copy, tmp_path):
    source = tmp_path / "article.docx.txt"
    source.write_bytes(xlsx_bytes())
    registration_refused(
        source,
        data_copy,
        [
            f"{source}:-:-: is a spreadsheet or word-processor file (Excel, Word, LibreOffice), not plain text — "
            f"{NOT_TEXT_FIX}"
        ],
    )


def test_register_into_a_spreadsheet_saved_articles_csv_keeps_its_rows_counted(data_copy, article_file):
    # BOM, CRLF and a trailing empty row, as Excel saves: the new row's number is the one validate reports.
    path = data_copy / "articles.csv"
    width = len(records(path)[0])
    original = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n") + b"," * (width - 1) + b"\r\n"
    path.write_bytes(original)
    done = register_article(article_file, "fr", "essai-fr", data_copy)
    assert path.read_bytes().startswith(original) and path.read_bytes().endswith(b"\r\n")
    assert b"\n" not in path.read_bytes().replace(b"\r\n", b"")
    assert done.row == len(records(DATA / "articles.csv")) + 2
    errors = errors_of(data_copy)
    assert (
        f"articles.csv:{done.row}:outlet_note: is empty, but is required when outlet is empty — say why the "
        "outlet is empty (e.g. 'the text names no outlet')" in errors
    )
    assert (data_copy / "articles" / "essai-fr.txt").read_bytes() == article_file.read_bytes()
