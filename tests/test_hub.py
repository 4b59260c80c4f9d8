"""A real JupyterHub on 127.0.0.1, set up as notebooks/instructors/hosting.md tells a hub admin.

JupyterHub (from PyPI, in .venv) with configurable-http-proxy (from npm, installed by
``make classroom``), a dummy login and local processes. The students' environment is a
fresh venv where the guide's install command (its block ``user-env-install``) installs
the lock; the guide's hub configuration (block ``hub-config``) is appended verbatim to
the test's own settings. Three students log in by opening the guide's nbgitpuller link
(block ``nbgitpuller-link``) pointing at a bare clone of this repository whose address
ends in ``.git``; each runs lesson 0 with Run All and nothing else. Then the instructor
commits, a student opens the link again, and their own work must survive.

Minutes long: ``make classroom`` runs it (READOUTS_CLASSROOM=1); CI does too.
Measurements go to test-artifacts/hosting-measurements.json.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, free_port, require_browser
from conftest import ROOT
from test_hosting import classroom, fresh_clone_and_venv, record

pytestmark = [classroom, pytest.mark.timeout(2400)]

GUIDE = ROOT / "notebooks" / "instructors" / "hosting.md"
CHP = Path(sys.prefix) / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
STUDENTS = ["ana", "binh", "karim"]
FOLDER = "reading-the-readouts"
LESSON = f"{FOLDER}/notebooks/00_start_here.ipynb"
TIMEOUT_MS = 240_000


def IDLE(state: dict) -> bool:  # noqa: N802 - reads as a constant predicate
    return state["status"] == "idle"


def guide_block(name: str) -> str:
    """The fenced block after ``<!-- test: name -->`` in the hosting guide, dedented."""
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(rf"<!-- test: {name} -->\s*\n( *)```\w*\n(.*?)\n *```", text, re.S)
    assert match, f"{GUIDE.name} has no block marked <!-- test: {name} -->"
    indent = len(match.group(1))
    return "\n".join(line[indent:] for line in match.group(2).splitlines())


def hub_config(scratch: Path, user_env: Path, ports: dict[str, int]) -> str:
    """The test's own settings (what stands in for TLJH here), then the guide's block verbatim."""
    args = ["--LabApp.expose_app_in_browser=True"]  # lets the test ask Lab when Run All is done
    if os.geteuid() == 0:
        args.append("--allow-root")  # CI runs as root; a real hub runs students as themselves
    own = f"""
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {ports["public"]}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {ports["hub"]}
c.ConfigurableHTTPProxy.command = [{str(CHP)!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{ports["proxy_api"]}"
c.JupyterHub.db_url = "sqlite:///{scratch / "jupyterhub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(scratch / "cookie_secret")!r}
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(scratch / "homes" / "{username}")!r}
c.Spawner.cmd = [{str(user_env / "bin" / "jupyterhub-singleuser")!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
"""
    return (
        own
        + "\n# ---- from notebooks/instructors/hosting.md (block hub-config)\n"
        + guide_block("hub-config")
    )


def link(hub: str, repository: str) -> str:
    template = guide_block("nbgitpuller-link").strip()
    assert template.startswith("https://HUB/") and "REPOSITORY_URL" in template
    return template.replace("https://HUB", hub).replace(
        "REPOSITORY_URL", urllib.parse.quote(repository, safe="")
    )


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Instructor", "GIT_AUTHOR_EMAIL": "instructor@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Instructor", "GIT_COMMITTER_EMAIL": "instructor@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


class Hub:
    def __init__(self, scratch: Path, user_env: Path):
        self.scratch = scratch
        ports = {name: free_port() for name in ("public", "hub", "proxy_api")}
        self.url = f"http://127.0.0.1:{ports['public']}"
        config = scratch / "jupyterhub_config.py"
        config.write_text(hub_config(scratch, user_env, ports), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "READOUTS_DATA", "VIRTUAL_ENV")}
        env["PATH"] = f"{user_env / 'bin'}{os.pathsep}{env.get('PATH', '')}"  # kept for the servers
        env["CONFIGPROXY_AUTH_TOKEN"] = os.urandom(16).hex()
        self.log_path = scratch / "jupyterhub.log"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(config)],
                cwd=scratch,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_up(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyterhub exited with {self.process.returncode}:\n{self.log()}")
            try:
                urllib.request.urlopen(f"{self.url}/hub/api/", timeout=5).close()
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        raise RuntimeError(f"jupyterhub did not answer within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-6000:]

    def memory_mb(self, user: str) -> dict[str, float]:
        """Resident memory of a student's server and of its kernels, in MB."""
        import psutil

        for process in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if process.environ().get("JUPYTERHUB_USER") != user or "singleuser" not in " ".join(
                    process.cmdline()
                ):
                    continue
                kernels = [
                    k for k in process.children(recursive=True) if "ipykernel" in " ".join(k.cmdline())
                ]
                server = process.memory_info().rss / 2**20
                kernel = sum(k.memory_info().rss for k in kernels) / 2**20
                return {"server_mb": server, "kernel_mb": kernel, "total_mb": server + kernel}
            except psutil.Error:
                continue
        raise AssertionError(f"no single-user server found for {user}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # the hub stops the servers and the proxy it started
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


LESSON_STATE = """(name) => {
  const app = window.jupyterapp;
  const widget = app && app.shell && app.shell.currentWidget;
  if (!widget || !widget.context || widget.context.path !== name) return null;
  const session = widget.sessionContext;
  const kernel = session && session.session && session.session.kernel;
  if (!session.isReady || !kernel) return null;
  const cells = widget.content.widgets.filter(cell => cell.model.type === 'code');
  const errors = cells.flatMap(cell => cell.model.outputs.toJSON()).filter(o => o.output_type === 'error');
  return {
    status: kernel.status,
    errors: errors.map(e => e.ename + ': ' + e.evalue),
    done: cells.every(cell => cell.model.executionCount !== null),
  };
}"""

IN_KERNEL = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code});
  let text = '';
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') text += msg.content.text;
    if (msg.header.msg_type === 'error') text += 'ERROR ' + msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return text;
}"""


def wait_for_lesson(page, ready, timeout_ms: int = TIMEOUT_MS) -> dict:
    """Poll Lab until lesson 0 is open and ``ready(state)``; fail at once on an error output."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout_ms / 1000
    state = None
    while time.monotonic() < deadline:
        try:
            state = page.evaluate(f"({LESSON_STATE})({json.dumps(LESSON)})")
        except PlaywrightError as error:  # the page moved on (login, spawn, pull, Lab) mid-call
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
            state = None
        if state and state["errors"]:
            raise AssertionError(f"lesson 0 raised in the student's server: {state['errors']}")
        if state and ready(state):
            return state
        time.sleep(0.25)
    raise AssertionError(f"lesson 0 was not ready in time; last state {state}; url {page.url}")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    require_browser()
    if not CHP.exists():
        pytest.fail(f"{CHP} is missing: `make classroom` installs configurable-http-proxy from npm")
    scratch = tmp_path_factory.mktemp("hub")
    # The instructor's repository as a Git host holds it: a bare repository whose address ends in .git.
    remote = scratch / "git-host" / f"{FOLDER}.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(remote)], check=True, timeout=120)
    # The students' environment, installed as the guide's step 1 says, in a fresh venv.
    admin, user_env, env = fresh_clone_and_venv(scratch / "admin")
    command = shlex.split(guide_block("user-env-install").strip())
    assert command[:3] == ["sudo", "-E", "/opt/tljh/user/bin/pip"], command
    started = time.perf_counter()
    subprocess.run([str(user_env / "bin" / "pip"), *command[3:], "--quiet"], cwd=admin, env=env, check=True)
    # TLJH's user environment already has jupyterhub (for jupyterhub-singleuser); this venv does not.
    hub_version = version("jupyterhub")
    subprocess.run(
        [str(user_env / "bin" / "pip"), "install", "--quiet", f"jupyterhub=={hub_version}"],
        env=env,
        check=True,
    )
    install_s = time.perf_counter() - started
    hub = Hub(scratch, user_env)
    try:
        hub.wait_until_up()
        yield {"hub": hub, "remote": remote, "scratch": scratch, "install_s": install_s}
    finally:
        hub.stop()


def test_three_students_pull_and_run_lesson_0_then_an_instructor_commit_reaches_them(world):
    from playwright.sync_api import sync_playwright

    hub, remote, scratch = world["hub"], world["remote"], world["scratch"]
    address = link(hub.url, f"file://{remote}")
    measured: dict[str, float] = {"install_lock_and_jupyterhub_s": world["install_s"]}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        pages = {}
        for student in STUDENTS:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on("dialog", lambda dialog: dialog.accept())  # e.g. "leave this page?" when pulling again
            started = time.perf_counter()
            page.goto(address, timeout=TIMEOUT_MS)
            page.locator("#username_input").fill(student)  # the hub's login page comes first
            page.locator("#password_input").fill("any")
            page.locator("#login_submit").click()
            wait_for_lesson(page, IDLE)  # pulled, opened, kernel up
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            wait_for_lesson(page, lambda state: state["done"] and IDLE(state))
            measured[f"{student}_link_to_lesson_run_s"] = time.perf_counter() - started
            home = scratch / "homes" / student / FOLDER
            probe = page.evaluate(
                IN_KERNEL,
                "import helpers, sys\nprint(helpers.__file__)\nprint(helpers.load_corpus().data_dir)",
            )
            assert probe.split() == [str(home / "helpers" / "__init__.py"), str(home / "data")], probe
            memory = hub.memory_mb(student)
            measured |= {f"{student}_{k}": v for k, v in memory.items()}
            pages[student] = page

        # The explorer as an app through the same server (the guide's urlpath=voila/render/...).
        app = pages[STUDENTS[1]]
        app_link = link(hub.url, f"file://{remote}").replace(
            f"urlpath=lab/tree/{LESSON}", f"urlpath=voila/render/{FOLDER}/notebooks/explorer.ipynb"
        )
        assert app_link != link(hub.url, f"file://{remote}"), (
            "the guide's link no longer ends with the lesson"
        )
        started = time.perf_counter()
        app.goto(app_link, timeout=TIMEOUT_MS)
        app.locator(".rr-explorer").wait_for(state="visible", timeout=TIMEOUT_MS)
        measured["app_through_the_hub_s"] = time.perf_counter() - started
        assert "helpers.widgets.explorer()" not in app.content()  # no code shown
        assert app.get_by_role("tab", name="Compare sources").count() == 1

        # A student's own work: lesson 0 saved with its outputs, and a file of their own.
        student = STUDENTS[0]
        page = pages[student]
        page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        mine = scratch / "homes" / student / FOLDER
        lesson = mine / "notebooks" / "00_start_here.ipynb"
        deadline = time.monotonic() + 60
        while not any(
            c.get("outputs") for c in nbformat.read(lesson, as_version=4).cells if c.cell_type == "code"
        ):
            assert time.monotonic() < deadline, "saving lesson 0 wrote no outputs"
            time.sleep(0.25)
        saved_outputs = [
            c.outputs for c in nbformat.read(lesson, as_version=4).cells if c.cell_type == "code"
        ]
        (mine / "notebooks" / "reading-list.md").write_text("my own reading list\n", encoding="utf-8")

        # The instructor fixes lesson 0's first line, edits lesson 1 and adds a reading list.
        desk = scratch / "instructor" / FOLDER
        git("clone", "--quiet", str(remote), str(desk), cwd=scratch)
        theirs = nbformat.read(desk / "notebooks" / "00_start_here.ipynb", as_version=4)
        first = theirs.cells[0]
        first.source = first.source.replace("\n", " (updated by the instructor)\n", 1)
        nbformat.write(theirs, desk / "notebooks" / "00_start_here.ipynb")
        lesson_1 = nbformat.read(desk / "notebooks" / "01_meet_the_sources.ipynb", as_version=4)
        lesson_1.cells[0].source += "\n\n(Checked by the instructor.)"
        nbformat.write(lesson_1, desk / "notebooks" / "01_meet_the_sources.ipynb")
        (desk / "notebooks" / "reading-list.md").write_text(
            "the instructor's reading list\n", encoding="utf-8"
        )
        git("add", "-A", cwd=desk)
        git("commit", "--quiet", "-m", "Instructor: a fix to lesson 0 and a reading list", cwd=desk)
        git("push", "--quiet", "origin", "HEAD", cwd=desk)

        started = time.perf_counter()
        page.goto(address, timeout=TIMEOUT_MS)
        wait_for_lesson(page, IDLE)
        measured["pull_again_s"] = time.perf_counter() - started
        browser.close()

    merged = nbformat.read(lesson, as_version=4)  # still a valid notebook after the merge
    nbformat.validate(merged)
    assert "(updated by the instructor)" in merged.cells[0].source  # the instructor's fix arrived
    assert [c.outputs for c in merged.cells if c.cell_type == "code"] == saved_outputs  # the student's kept
    assert (mine / "notebooks" / "reading-list.md").read_text(
        encoding="utf-8"
    ) == "the instructor's reading list\n"
    renamed = list((mine / "notebooks").glob("reading-list__*.md"))
    assert [p.read_text(encoding="utf-8") for p in renamed] == ["my own reading list\n"], renamed
    untouched = nbformat.read(mine / "notebooks" / "01_meet_the_sources.ipynb", as_version=4)
    assert untouched.cells[0].source.endswith("(Checked by the instructor.)")  # untouched: updated
    assert "Instructor: a fix to lesson 0" in git("log", "--format=%s", cwd=mine)
    # The other students' copies are untouched until they click the link again.
    other = scratch / "homes" / STUDENTS[1] / FOLDER / "notebooks"
    assert not (other / "reading-list.md").exists()
    record("JupyterHub, three students", measured)
    shutil.rmtree(scratch / "instructor", ignore_errors=True)
