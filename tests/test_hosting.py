"""Hosting: the data is found however ``helpers`` is installed, and Binder's install works.

The fast tests run in ``make test``: the lock pins what requirements.txt asks for,
and ``helpers`` installed away from any checkout (as a wheel or repo2docker's
``pip install .`` leave it) finds the data of the checkout it runs in, or says
how to point it at one. The replays of repo2docker's two ways of installing (fresh
venvs, a clean clone, then lesson 0 executed from notebooks/) take minutes, so
``make classroom`` runs them (READOUTS_CLASSROOM=1); CI runs both.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.version import Version

CLASSROOM = os.environ.get("READOUTS_CLASSROOM") == "1"
classroom = pytest.mark.skipif(not CLASSROOM, reason="minutes long: `make classroom` runs it (CI does too)")
MEASUREMENTS = ROOT / "test-artifacts" / "hosting-measurements.json"
LESSON_0 = "00_start_here.ipynb"


def requirement_lines(path: Path) -> list[str]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #")[0].strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def lock_pins() -> dict[str, Version]:
    """``name -> version`` for every ``name==version`` line of the lock (markers allowed)."""
    pins = {}
    for line in requirement_lines(ROOT / "binder" / "requirements.txt"):
        if line == "-e .":
            continue
        requirement = Requirement(line)
        (specifier,) = requirement.specifier  # exactly one: ==version
        assert specifier.operator == "==", f"binder/requirements.txt: {line!r} is not pinned with =="
        pins[requirement.name.lower().replace("_", "-")] = Version(specifier.version)
    return pins


def test_the_lock_pins_everything_requirements_txt_asks_for():
    pins = lock_pins()
    wanted = [Requirement(line) for line in requirement_lines(ROOT / "requirements.txt") if line != "-e ."]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted += [Requirement(line) for line in project["dependencies"]]
    stale = []
    for requirement in wanted:
        name = requirement.name.lower().replace("_", "-")
        if name not in pins:
            stale.append(f"{requirement} is not in the lock")
        elif pins[name] not in requirement.specifier:
            stale.append(f"{requirement} but the lock pins {pins[name]}")
    assert not stale, "binder/requirements.txt is stale: run `make lock` and commit it\n" + "\n".join(stale)


def test_binder_installs_the_checkout_itself_on_the_supported_python():
    # With a binder/ folder, repo2docker skips `pip install .`: the lock must install helpers.
    lines = requirement_lines(ROOT / "binder" / "requirements.txt")
    assert lines.count("-e .") == 1, "the lock must install the checkout (a line `-e .`)"
    assert [line for line in lines if line.startswith(("-e", ".", "/", "file:"))] == ["-e ."]
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"python-3\.\d+", runtime), runtime
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "requires-python"
    ]
    from packaging.specifiers import SpecifierSet

    assert Version(runtime.removeprefix("python-")) in SpecifierSet(requires)
    header = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8")
    assert "make lock" in header.splitlines()[1], "the lock's header should say how it is regenerated"


def test_every_package_helpers_imports_is_in_the_lock():
    """A clean install from the lock must be able to import all of helpers (anywidget was missed once)."""
    import ast
    from importlib.metadata import packages_distributions

    modules = set()
    for path in (ROOT / "helpers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    third_party = sorted(m for m in modules - set(sys.stdlib_module_names) - {"helpers", "__future__"})
    distributions = packages_distributions()
    pins = lock_pins()
    missing = [
        f"{module} (distribution {', '.join(distributions.get(module, ['?']))})"
        for module in third_party
        if not any(d.lower().replace("_", "-") in pins for d in distributions.get(module, [module]))
    ]
    assert not missing, (
        "helpers imports packages the lock does not install (add them to requirements.txt, "
        "then `make lock`): " + ", ".join(missing)
    )


PROBE = """
import json, os, sys
import helpers
out = {"helpers": helpers.__file__, "bundled": str(helpers.BUNDLED_DATA_DIR)}
for label, folder in json.loads(sys.argv[1]):
    os.chdir(folder)
    try:
        out[label] = str(helpers.load_corpus().data_dir)
    except helpers.DataError as error:
        out[label] = "DataError: " + str(error)
print(json.dumps(out))
"""


def test_helpers_away_from_any_checkout_finds_the_checkout_it_runs_in(tmp_path):
    """As a regular wheel (or repo2docker's `pip install .`) leaves it: a copy of the package alone."""
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "helpers", site / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    checkout = tmp_path / "class-copy"
    shutil.copytree(ROOT / "data", checkout / "data")
    (checkout / "notebooks" / "solutions").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    places = [
        ("notebooks", str(checkout / "notebooks")),
        ("solutions", str(checkout / "notebooks" / "solutions")),
        ("outside", str(elsewhere)),
    ]
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "c"),
    }
    env.pop("READOUTS_DATA", None)
    run = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(places)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert found["helpers"] == str(site / "helpers" / "__init__.py")
    assert found["bundled"] == str(site / "data")  # imported outside any checkout: absent
    assert not (site / "data").exists()
    assert found["notebooks"] == found["solutions"] == str(checkout / "data")
    assert found["outside"].startswith("DataError: "), found["outside"]
    assert "no data folder found" in found["outside"] and "READOUTS_DATA" in found["outside"]

    # Told where the data is, it loads from anywhere.
    env["READOUTS_DATA"] = str(checkout / "data")
    run = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([("outside", str(elsewhere))])],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["outside"] == str(checkout / "data")


# --------------------------------------------------------------------------- repo2docker replayed

RUN_LESSON = """
import json, sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
probe = "import helpers, sys; print(helpers.__file__); print(helpers.load_corpus().data_dir); print(sys.prefix)"
nb.cells.append(nbformat.v4.new_code_cell(probe))
NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
print(json.dumps({"errors": errors, "probe": nb.cells[-1].outputs[0]["text"].split()}))
"""


def record(name: str, seconds: dict[str, float]) -> None:
    MEASUREMENTS.parent.mkdir(exist_ok=True)
    data = json.loads(MEASUREMENTS.read_text(encoding="utf-8")) if MEASUREMENTS.exists() else {}
    data[name] = {k: round(v, 1) for k, v in seconds.items()}
    MEASUREMENTS.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(name, data[name])


def wheelhouse(lock: Path) -> Path:
    """Every package the lock names (and jupyterhub, and the build backend), downloaded once.

    pip's cache is not written on this machine, and fetching ~115 packages from the
    index took 2-14 minutes per fresh venv here, so the replays install from this folder
    with no index: the same packages at the same versions, in a few seconds each. It is
    kept in .venv/wheelhouse/, one folder per lock.
    """
    from importlib.metadata import version

    wanted = [line for line in requirement_lines(lock) if line != "-e ."]
    wanted += ["setuptools>=68", "wheel", f"jupyterhub=={version('jupyterhub')}"]
    key = hashlib.sha256("\n".join(wanted).encode()).hexdigest()[:16]
    folder = Path(sys.prefix) / "wheelhouse" / key
    if not (folder / ".complete").exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "requirements.txt").write_text("\n".join(wanted) + "\n", encoding="utf-8")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "-r", "requirements.txt", "-d", "."],
            cwd=folder,
            check=True,
            timeout=3600,
        )
        record("wheelhouse download (once per lock)", {"download_s": time.perf_counter() - started})
        (folder / ".complete").touch()
    return folder


def fresh_clone_and_venv(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A clean clone of this repository (what repo2docker builds) and a venv that sees no other packages."""
    clone = tmp_path / "reading-the-readouts"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=120)
    wheels = wheelhouse(clone / "binder" / "requirements.txt")
    venv = tmp_path / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True, timeout=120)
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "READOUTS_DATA")},
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),  # no user kernelspecs or site-packages from the real home
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PIP_FIND_LINKS": str(wheels),
        "PIP_NO_INDEX": "1",
        "JUPYTER_PLATFORM_DIRS": "1",
        "PIP_NO_INPUT": "1",
    }
    return clone, venv, env


def pip(venv: Path, args: list[str], clone: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    run = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", *args],
        cwd=clone,  # repo2docker runs its installs in the repository's folder
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert run.returncode == 0, f"pip install {' '.join(args)} failed:\n{run.stderr[-4000:]}"
    return time.perf_counter() - started


def run_lesson_0(venv: Path, clone: Path, env: dict[str, str]) -> tuple[list[str], float]:
    """Execute lesson 0 in a kernel started in notebooks/, as a student's would be; return the probe."""
    started = time.perf_counter()
    run = subprocess.run(
        [str(venv / "bin" / "python"), "-c", RUN_LESSON, LESSON_0],
        cwd=clone / "notebooks",
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, f"lesson 0 did not run:\n{run.stderr[-4000:]}"
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert not result["errors"], f"lesson 0 raised: {result['errors']}"
    return result["probe"], time.perf_counter() - started


@classroom
@pytest.mark.timeout(1800)
def test_binder_with_the_lock(tmp_path):
    """repo2docker with binder/: `pip install -r binder/requirements.txt`, nothing else."""
    clone, venv, env = fresh_clone_and_venv(tmp_path)
    install = pip(venv, ["-r", "binder/requirements.txt"], clone, env)
    (helpers_file, data_dir, prefix), lesson = run_lesson_0(venv, clone, env)
    assert Path(prefix) == venv
    assert Path(helpers_file) == clone / "helpers" / "__init__.py"  # the lock's `-e .`
    assert Path(data_dir) == clone / "data"
    record("binder/requirements.txt in a fresh venv", {"install_s": install, "lesson_0_s": lesson})


@classroom
@pytest.mark.timeout(1800)
def test_repo2docker_two_steps_without_binder_folder(tmp_path):
    """Without binder/: `pip install -r requirements.txt`, then `pip install .` (a copy in site-packages)."""
    clone, venv, env = fresh_clone_and_venv(tmp_path)
    shutil.rmtree(clone / "binder")
    first = pip(venv, ["-r", "requirements.txt"], clone, env)
    second = pip(venv, ["."], clone, env)
    (helpers_file, data_dir, prefix), lesson = run_lesson_0(venv, clone, env)
    assert Path(prefix) == venv
    assert "site-packages" in Path(helpers_file).parts  # pip install . replaced the editable install
    assert Path(data_dir) == clone / "data"  # found above the kernel's folder, notebooks/
    record(
        "requirements.txt then pip install . in a fresh venv",
        {"install_s": first, "pip_install_dot_s": second, "lesson_0_s": lesson},
    )


def test_the_guides_hub_config_points_each_kernel_at_the_students_own_copy():
    """The hosting guide's jupyterhub_config block, run as JupyterHub would, for each kind of spawner."""
    import pwd
    from types import SimpleNamespace

    from test_hub import guide_block
    from traitlets.config import Config

    c = Config()
    exec(compile(guide_block("hub-config"), "hub-config", "exec"), {"c": c})  # noqa: S102 - the guide's own code
    pythonpath = c.Spawner.environment.get_value({})["PYTHONPATH"]  # what its .update(...) adds
    user = SimpleNamespace(name="ana")
    local = SimpleNamespace(user=user, home_dir="/tmp/homes/ana")  # SimpleLocalProcessSpawner
    assert pythonpath(local) == "/tmp/homes/ana/reading-the-readouts"
    me = pwd.getpwuid(os.getuid())
    systemd = SimpleNamespace(  # TLJH's SystemdSpawner: the system user is jupyter-<name>
        user=user, username_template="{USERNAME}", _expand_user_vars=lambda template: me.pw_name
    )
    assert pythonpath(systemd) == os.path.join(me.pw_dir, "reading-the-readouts")
    assert pythonpath(SimpleNamespace(user=user)) == "/home/jovyan/reading-the-readouts"  # KubeSpawner images
