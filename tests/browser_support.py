"""Support for the real-browser tests: a throwaway JupyterLab server, Debian's chromium, hostile data.

See /work/shared/BROWSER-TESTING.md (kept beside the project) for why each step
is done the way it is: each trap it lists is avoided here and named in a comment.
Nothing here runs at import time except cheap checks, so pytest's doctest
collection can import this module on a machine without playwright.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hostile_data import (  # noqa: F401 - re-exported: the browser and widget tests import them from here
    HOSTILE_ARTICLE,
    HOSTILE_CLAIM,
    HOSTILE_IMG,
    HOSTILE_LINE,
    HOSTILE_SCRIPT,
    hostile_notebook,
    make_hostile_data,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Lab settings that keep dialogs and toasts out of the way (BROWSER-TESTING.md, "User settings").
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # windowingMode "none": every cell stays in the DOM, so axe and the tests see every output (trap 5).
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "autoStartDefaultKernel": True,
        "windowingMode": "none",
    },
}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_browser() -> None:
    """Skip when chromium or playwright is missing, with the reason; in CI (CI=true), fail instead."""
    problems = []
    if not CHROMIUM.exists():
        problems.append(f"{CHROMIUM} is missing (apt-get install chromium; never `playwright install`)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the playwright package is missing (pip install -r requirements-dev.txt)")
    if problems:
        reason = "real-browser tests need Debian's chromium and playwright: " + "; ".join(problems)
        if in_ci():
            pytest.fail(f"CI=true, so a missing browser is a failure, not a skip: {reason}", pytrace=False)
        pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scratch_home_env(home: Path) -> dict[str, str]:
    """This process's environment with HOME and every folder Jupyter, IPython, matplotlib and
    chromium would write into moved under ``home``: a test server never touches the real home."""
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_DATA_DIR": str(home / ".local/share/jupyter"),
        "JUPYTER_RUNTIME_DIR": str(home / ".local/share/jupyter/runtime"),
        "IPYTHONDIR": str(home / ".ipython"),
        "MPLCONFIGDIR": str(home / ".matplotlib"),
    }


@dataclass
class LabServer:
    """A JupyterLab server on a free local port with a random token, in temporary folders."""

    root: Path  # the folder it serves: a temporary copy of notebooks/
    scratch: Path  # HOME, Jupyter's folders, the settings and workspaces
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90.0) -> None:
        home, settings, workspaces = (self.scratch / n for n in ("home", "settings", "workspaces"))
        for folder in (home, settings, workspaces):
            folder.mkdir(parents=True, exist_ok=True)
        for name, values in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        # Everything Jupyter, IPython, matplotlib and chromium would write into the
        # real home goes into the scratch folder instead.
        env = {**scratch_home_env(home), "JUPYTER_PLATFORM_DIRS": "1", "PYTHONUNBUFFERED": "1"}
        command = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.token={self.token}",
            "--LabApp.expose_app_in_browser=True",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={workspaces}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")  # CI and containers run as root
        self.log_path = self.scratch / "jupyterlab.log"
        log = open(self.log_path, "wb")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(command, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT)
        # The very first start on a machine can take 20 s (BROWSER-TESTING.md): poll generously.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(
            f"JupyterLab did not answer /api/status within {timeout:.0f} s:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])

    def api(self, method: str, path: str) -> object:
        request = urllib.request.Request(
            f"{self.base_url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def delete_sessions(self) -> None:
        """Lab reattaches to an existing session for the same path, so tests would share kernel state."""
        for session in self.api("GET", "/api/sessions") or []:
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def notebook_url(self, name: str) -> str:
        # A fresh workspace name, so Lab restores no tabs from earlier runs (trap 1).
        return f"{self.base_url}/lab/workspaces/t{secrets.token_hex(6)}/tree/{name}?token={self.token}"

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.delete_sessions()
        except (urllib.error.URLError, OSError):
            pass
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


# --------------------------------------------------------------------------- driving a notebook

_NOTEBOOK_READY = """(name) => {
  const app = window.jupyterapp;
  const widget = app && app.shell && app.shell.currentWidget;
  if (!widget || !widget.context || widget.context.path !== name) return false;
  const session = widget.sessionContext;
  const kernel = session && session.session && session.session.kernel;
  return Boolean(session.isReady && kernel && kernel.status === 'idle');
}"""


def open_and_run(page, lab: LabServer, name: str, timeout_ms: int = 90_000) -> None:
    """Open notebook ``name`` in a fresh workspace, wait for an idle kernel, run all cells."""
    page.goto(lab.notebook_url(name))
    page.wait_for_function(_NOTEBOOK_READY, arg=name, timeout=timeout_ms, polling=200)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.locator(".rr-explorer").wait_for(state="visible", timeout=timeout_ms)


def widget_errors(messages: list[tuple[str, str]]) -> list[str]:
    """Console messages that say a widget failed: they show nowhere else (trap 6)."""
    words = ("widget", "Widget", "jupyter-widgets", "Could not create", "model not found", "Error rendering")
    return [
        text for kind, text in messages if kind in ("error", "pageerror") and any(w in text for w in words)
    ]


# --------------------------------------------------------------------------- shared fixtures
# Imported by each real-browser test module (``from browser_support import lab, browser, ...``).

_TIMEOUT_MS = 30_000


def _copy_notebooks(target: Path) -> Path:
    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "notebooks", target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return target


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab serving a temporary copy of notebooks/ (one per test module)."""
    require_browser()
    scratch = tmp_path_factory.mktemp("lab")
    server = LabServer(root=_copy_notebooks(scratch / "notebooks"), scratch=scratch)
    server.start()
    yield server
    server.stop()


_SHARED: dict[str, object] = {}


def shared_browser():
    """One Debian chromium for the whole test process: Playwright's sync API allows one instance at a
    time per thread, and every real-browser module runs in the same pytest process."""
    if "browser" not in _SHARED:
        import atexit

        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        # Debian's chromium, never a downloaded one (`playwright install` fails here).
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        _SHARED.update(playwright=playwright, browser=browser)

        def close() -> None:
            browser.close()
            playwright.stop()

        atexit.register(close)
    return _SHARED["browser"]


@pytest.fixture(scope="module")
def browser():
    require_browser()
    return shared_browser()


def new_page(lab: LabServer, browser, viewport: dict[str, int] | None = None):
    """A fresh page (fresh kernel, console collected in ``page.rr_messages``)."""
    lab.delete_sessions()  # a fresh kernel for every test (trap 2)
    context = browser.new_context(viewport=viewport or {"width": 1400, "height": 1000})
    tab = context.new_page()
    messages: list[tuple[str, str]] = []
    tab.on("console", lambda message: messages.append((message.type, message.text)))
    tab.on("pageerror", lambda error: messages.append(("pageerror", str(error))))
    tab.set_default_timeout(_TIMEOUT_MS)
    tab.rr_messages = messages
    return tab


def close_page(tab, name: str) -> None:
    """Close ``tab``, keep its console log in test-artifacts/, fail on widget errors (trap 6)."""
    messages = tab.rr_messages
    context = tab.context
    tab.close()
    context.close()
    artifacts = Path(__file__).resolve().parent.parent / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / f"console-{name}.log").write_text(
        "".join(f"{kind}\t{text}\n" for kind, text in messages), encoding="utf-8"
    )
    errors = widget_errors(messages)
    assert not errors, "the browser console reports widget errors:\n" + "\n".join(errors)


def open_notebook(page, lab: LabServer, name: str, timeout_ms: int = 90_000) -> None:
    """Open notebook ``name`` in a fresh workspace, wait for an idle kernel, run all cells, wait for the kernel."""
    page.goto(lab.notebook_url(name))
    page.wait_for_function(_NOTEBOOK_READY, arg=name, timeout=timeout_ms, polling=200)
    # The command's promise settles when the last cell has run, or when one raised (run-all stops there).
    page.evaluate("async () => { await window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(_KERNEL_IDLE, timeout=timeout_ms, polling=250)


_KERNEL_IDLE = """() => {
  const session = window.jupyterapp.shell.currentWidget.sessionContext.session;
  return Boolean(session && session.kernel && session.kernel.status === 'idle');
}"""


# Every code cell has run (an execution count, no "*") and the kernel is idle again.
_NOTEBOOK_DONE = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const kernel = widget.sessionContext.session && widget.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const cells = widget.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type === 'code' && cell.sharedModel.getSource().trim() && !cell.executionCount) return false;
  }
  return true;
}"""

# The notebook's cells as (id, type, source): what a stray shortcut would change.
CELLS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    out.push([cell.id, cell.type, cell.sharedModel.getSource()]);
  }
  return out;
}"""


# --------------------------------------------------------------------------- accessibility (axe-core)


def axe_script() -> Path:
    """axe.min.js as bundled by the axe-playwright-python package (no download)."""
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).resolve().parent / "axe.min.js"


_AXE_RUN = """async (selector) => {
  if (!document.querySelector(selector)) return [];
  const result = await axe.run({include: [[selector]]}, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 300),
                             summary: (n.failureSummary || '').slice(0, 300)})),
  }));
}"""


def run_axe(page, selector: str = ".jp-OutputArea-output") -> list[dict]:
    """axe-core's violations inside ``selector`` only (the project's output, not JupyterLab's chrome)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    return page.evaluate(_AXE_RUN, selector)


def axe_summary(violations: list[dict]) -> str:
    """One line per rule: id, impact, how many elements, and the first element's markup."""
    return "\n".join(
        f"{v['id']} ({v['impact']}): {len(v['nodes'])} element(s), e.g. {v['nodes'][0]['target']}: "
        f"{v['nodes'][0]['html'][:160]}"
        for v in violations
    )
