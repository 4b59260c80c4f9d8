"""Make a synthetic corpus N times the size of the bundled one, for benchmarks.

    python benchmarks/synthetic.py --scale 100 --out /tmp/corpus-100

Copy k (0 ≤ k < N) of every article, call, event, readout, proposition, claim,
translation, difference, term and mention gets the suffix ``-sK`` on its id and
on every id it points to, so the copies form N independent, valid corpora in one
folder. The article texts are the real ones: each copy's text differs from the
original by one line naming the copy (so every file has its own sha256), placed
at the end where no excerpt reaches and marked as boilerplate. Copies of English articles are relabelled in
turn as en, fr, de, es and it (with the excerpt as gloss, which the validator
requires outside English) to vary the languages. People and aliases are shared.
Nothing here is meant to be read as news: the output is for timing only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.data.schema import LIST_SEPARATOR, TABLES  # noqa: E402

SHARED = {"people", "aliases"}
LATIN_LANGUAGES = ["en", "fr", "de", "es", "it"]


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    return records[0], records[1:]


def _suffix(value: str, suffix: str) -> str:
    return value + suffix if value else value


def make_corpus(scale: int, out: Path, source: Path = ROOT / "data") -> Path:
    """Write a corpus ``scale`` times the size of ``source`` into ``out`` (replaced if present)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "articles").mkdir(parents=True)
    for name in SHARED:
        shutil.copy(source / f"{name}.csv", out / f"{name}.csv")
    header, articles = _read(source / "articles.csv")
    column = {name: header.index(name) for name in header}
    texts = {row[0]: (source / row[column["file"]]).read_bytes() for row in articles}
    rows_out: dict[str, list[list[str]]] = {name: [] for name in TABLES if name not in SHARED}
    tables = {name: _read(source / TABLES[name].file) for name in TABLES if name not in SHARED}
    for k in range(scale):
        suffix = f"-s{k}"
        language_of = {}
        for row in articles:
            new = list(row)
            article_id = row[0] + suffix
            text = texts[row[0]] + f"\n\n[synthetic copy {k}]".encode()
            (out / "articles" / f"{article_id}.txt").write_bytes(text)
            new[0] = article_id
            new[column["file"]] = f"articles/{article_id}.txt"
            new[column["sha256"]] = hashlib.sha256(text).hexdigest()
            if row[column["language"]] == "en":
                new[column["language"]] = LATIN_LANGUAGES[k % len(LATIN_LANGUAGES)]
            language_of[article_id] = new[column["language"]]
            rows_out["articles"].append(new)
            rows_out["boilerplate"].append(
                [article_id, f"[synthetic copy {k}]", "", "credit", "marks the synthetic copy"]
            )
        for name, (table_header, rows) in tables.items():
            if name == "articles":
                continue
            table = TABLES[name]
            for row in rows:
                new = list(row)
                for position, heading in enumerate(table_header):
                    spec = next((c for c in table.columns if c.name == heading), None)
                    if spec is None or not new[position]:
                        continue
                    if spec.kind == "id" or (spec.kind == "ref" and spec.ref not in SHARED):
                        new[position] = _suffix(new[position], suffix)
                    elif spec.kind == "refs":
                        new[position] = LIST_SEPARATOR.join(
                            _suffix(v, suffix) for v in new[position].split(LIST_SEPARATOR)
                        )
                if name == "claims":
                    gloss, excerpt = table_header.index("gloss"), table_header.index("excerpt")
                    article = new[table_header.index("article_id")]
                    if language_of[article] != "en" and not new[gloss]:
                        new[gloss] = new[excerpt]
                rows_out[name].append(new)
    for name, rows in rows_out.items():
        table_header = tables[name][0]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(table_header)
        writer.writerows(rows)
        (out / TABLES[name].file).write_text(buffer.getvalue(), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    make_corpus(args.scale, args.out)
    print(f"wrote a {args.scale}x corpus to {args.out}")


if __name__ == "__main__":
    main()
