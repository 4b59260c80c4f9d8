"""Benchmarks: how fast the collection is for a student, at any class size.

    make bench                      # or: python benchmarks/run.py [--scales 1 10 100 1000] [--repeat 5]

Reports, as Markdown tables with medians over repeated runs:

* the import time of ``helpers`` (and that it leaves matplotlib and ipywidgets
  unimported);
* at each scale (the bundled corpus, and synthetic corpora 10, 100 and 1000 times
  larger, made by ``benchmarks/synthetic.py`` in a temporary folder): the time to
  load and validate every table in a fresh process (there is no cache: every
  kernel validates), beside the time of a bare ``pd.read_csv`` (C engine, every
  column as strings) of the same CSV files in another fresh process, their ratio
  (target ≤ 2 at 1000×), peak memory of the load (target < 700 MB at 1000×;
  the peak once the explorer is built is shown beside it), the cost of
  rejecting a large article or registering one by its size alone (moved here from
  the tests: no wall-clock assert in a test), and the time for one filter change
  in the claim explorer (from the new value to the new page ready) next to the
  bare pandas filter on the same frame plus rendering the visible page, and their
  ratio; a search-box change is timed too;
* the time to execute each lesson notebook headlessly, next to the floor: an
  empty notebook that imports the same libraries.

It prints figures and the targets beside them; it asserts nothing (a benchmark on
a shared machine is not a test).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {
    "load_ratio": 2.0,
    "peak_mb_1000": 700,
    "filter_100": 0.050,
    "filter_1000": 0.150,
    "ratio": 3.0,
    "import": 1.0,
    "notebooks": 1.5,
}

# Runs in a fresh interpreter for each scale, so nothing is cached from a previous one.
_MEASURE = r"""
import json, resource, statistics, sys, time
data_dir, repeat = sys.argv[1], int(sys.argv[2])
import helpers
started = time.perf_counter()
corpus = helpers.load_corpus(data_dir)
load = time.perf_counter() - started
# The peak of the first load itself, before the explorer below builds its own frames.
load_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
claims = helpers.load_claims(data_dir)
from helpers.widgets import ClaimExplorer
from helpers.display.html import table_html
from helpers.widgets.claims import _claim_table, _TABLE_COLUMNS
from helpers.widgets import ALL
view = ClaimExplorer(claims)
control = view.filters["language"]
values = [v for _, v in control.options if v != ALL][:2]
filter_times, bare_times, render_times, search_times = [], [], [], []
for i in range(repeat):
    value = values[i % len(values)]
    started = time.perf_counter()
    control.value = value
    filter_times.append(time.perf_counter() - started)
    started = time.perf_counter()
    rows = claims[claims["language"] == value]
    bare_times.append(time.perf_counter() - started)
    started = time.perf_counter()
    table_html(_claim_table(rows.head(20)), _TABLE_COLUMNS, text_columns=("Original excerpt",))
    render_times.append(time.perf_counter() - started)
    control.value = ALL
for i in range(repeat):
    started = time.perf_counter()
    view.search.value = ["blinken", "lavrov said", "بلينكين"][i % 3]
    search_times.append(time.perf_counter() - started)
    view.search.value = ""
print(json.dumps({
    "load": load, "rows": len(claims), "articles": len(corpus.frames["articles"]),
    "filter": statistics.median(filter_times), "bare": statistics.median(bare_times),
    "render": statistics.median(render_times), "search": statistics.median(search_times),
    "peak_mb": load_peak_mb,
    "peak_total_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

# The floor for loading: pandas' C parser reading every CSV file of the folder as strings.
_BARE = r"""
import glob, sys, time
import pandas as pd
started = time.perf_counter()
for path in sorted(glob.glob(sys.argv[1] + "/*.csv")):
    pd.read_csv(path, dtype=str, engine="c")
print(time.perf_counter() - started)
"""

# Refusing a 50 MB article by its size alone, and registering it: neither reads it.
_LARGE = r"""
import shutil, sys, tempfile, time
from pathlib import Path
import helpers
from helpers.data.registry import RegistrationError, register_article
scratch = Path(tempfile.mkdtemp())
data = scratch / "data"
shutil.copytree(sys.argv[1], data)
article = data / "articles" / "vi-biden-putin.txt"
chunk = article.read_bytes() * 400
with open(article, "wb") as handle:
    while handle.tell() < 50 * 2**20:
        handle.write(chunk)
started = time.perf_counter()
helpers.validate(data)
refuse = time.perf_counter() - started
started = time.perf_counter()
try:
    register_article(article, "fr", "huge-fr", data)
except RegistrationError:
    pass
register = time.perf_counter() - started
shutil.rmtree(scratch)
print(refuse, register)
"""

_IMPORT = r"""
import sys, time
started = time.perf_counter()
import helpers
elapsed = time.perf_counter() - started
print(elapsed, "matplotlib" in sys.modules, "ipywidgets" in sys.modules)
"""


def _python(code: str, *args: str, env: dict | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "0", **(env or {})},
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return result.stdout.strip().splitlines()[-1]


def measure_import(repeat: int) -> tuple[float, bool, bool]:
    runs = [_python(_IMPORT).split() for _ in range(repeat)]
    return (statistics.median(float(r[0]) for r in runs), runs[0][1] == "True", runs[0][2] == "True")


def measure_scale(data_dir: Path, repeat: int) -> dict:
    """Load and filter in fresh processes, each beside a bare read of the same files (medians)."""
    runs, bare = [], []
    for _ in range(max(1, repeat // 2)):
        bare.append(float(_python(_BARE, str(data_dir))))
        runs.append(json.loads(_python(_MEASURE, str(data_dir), str(repeat))))
    result = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    result["bare_read"] = statistics.median(bare)
    result["peak_mb"] = max(r["peak_mb"] for r in runs)
    result["peak_total_mb"] = max(r["peak_total_mb"] for r in runs)
    return result


def _execute(path: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return time.perf_counter() - started


def measure_notebooks(repeat: int) -> tuple[list[tuple[str, float]], float]:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    with tempfile.TemporaryDirectory() as scratch:
        floor_path = Path(scratch) / "floor.ipynb"
        floor = new_notebook(
            cells=[new_code_cell("import helpers, pandas, matplotlib.pyplot, ipywidgets")],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        )
        nbformat.write(floor, floor_path)
        floor_time = statistics.median(_execute(floor_path) for _ in range(repeat))
        import shutil

        work = Path(scratch) / "notebooks"
        shutil.copytree(ROOT / "notebooks", work)
        times = [(path.name, _execute(path)) for path in sorted(work.glob("*.ipynb"))]
    return times, floor_time


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmarks for Reading the Readouts (report only).")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-notebooks", action="store_true")
    args = parser.parse_args()
    from synthetic import make_corpus

    seconds, has_matplotlib, has_widgets = measure_import(args.repeat)
    print("## Import\n")
    print("| measure | median | target |\n|---|---|---|")
    print(f"| `import helpers` | {seconds * 1000:.0f} ms | < {TARGETS['import'] * 1000:.0f} ms |")
    print(f"| matplotlib imported by it | {'yes' if has_matplotlib else 'no'} | no |")
    print(f"| ipywidgets imported by it | {'yes' if has_widgets else 'no'} | no |\n")

    print("## Loading and filtering, by corpus size\n")
    print(
        "| scale | articles | claims | load + validate | bare pd.read_csv of the same files | ratio "
        "| peak memory of the load | peak with the explorer "
        "| filter change | bare pandas filter | render page | ratio (change / (filter + render)) | search change |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    first_load = None
    with tempfile.TemporaryDirectory() as scratch:
        for scale in args.scales:
            data_dir = ROOT / "data" if scale == 1 else make_corpus(scale, Path(scratch) / f"x{scale}")
            r = measure_scale(data_dir, args.repeat)
            ratio = r["filter"] / (r["bare"] + r["render"])
            print(
                f"| {scale}× | {r['articles']:,.0f} | {r['rows']:,.0f} | {r['load']:.2f} s | {r['bare_read']:.2f} s "
                f"| {r['load'] / r['bare_read']:.2f} | {r['peak_mb']:.0f} MB | {r['peak_total_mb']:.0f} MB "
                f"| {r['filter'] * 1000:.1f} ms | {r['bare'] * 1000:.1f} ms | {r['render'] * 1000:.1f} ms "
                f"| {ratio:.2f} | {r['search'] * 1000:.1f} ms |"
            )
            sys.stdout.flush()
            if scale == 1000:
                first_load = r
    if first_load is not None:
        r = first_load
        print(
            f"\nFirst load at 1000×: {r['load']:.2f} s to load and validate, beside {r['bare_read']:.2f} s for a "
            f"bare pd.read_csv of the same files (C engine, all columns as strings): ratio "
            f"{r['load'] / r['bare_read']:.2f} (target ≤ {TARGETS['load_ratio']:.0f}); peak memory of the load "
            f"{r['peak_mb']:.0f} MB (target < {TARGETS['peak_mb_1000']} MB)."
        )
    print(
        f"\nTargets: load + validate ≤ {TARGETS['load_ratio']:.0f}× the bare read at 1000×, peak memory "
        f"< {TARGETS['peak_mb_1000']} MB; a filter change ≤ {TARGETS['filter_100'] * 1000:.0f} ms at 100× and "
        f"≤ {TARGETS['filter_1000'] * 1000:.0f} ms at 1000×, and ≤ {TARGETS['ratio']:.0f}× (bare filter + render).\n"
    )
    refuse, register = (float(x) for x in _python(_LARGE, str(ROOT / "data")).split())
    print("## Large files, refused by their size alone\n")
    print("| measure | time | target |\n|---|---|---|")
    print(f"| validate a folder with a 50 MB article | {refuse:.2f} s | < 5 s |")
    print(f"| new-article with a 50 MB file | {register:.2f} s | < 5 s |\n")

    if not args.skip_notebooks:
        times, floor = measure_notebooks(max(1, args.repeat // 2))
        print("## Notebooks, executed headlessly\n")
        print("| notebook | time | floor (imports only) | ratio |\n|---|---|---|---|")
        for name, elapsed in times:
            print(f"| {name} | {elapsed:.2f} s | {floor:.2f} s | {elapsed / floor:.2f} |")
        total = sum(t for _, t in times)
        print(
            f"| **all {len(times)}** | {total:.2f} s | {floor * len(times):.2f} s | "
            f"{total / (floor * len(times)):.2f} |"
        )
        print(f"\nTarget: the whole sequence within {TARGETS['notebooks']}× its floor.")


if __name__ == "__main__":
    main()
