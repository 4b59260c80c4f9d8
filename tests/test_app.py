"""The explorer as an app: ``make app`` serves notebooks/explorer.ipynb through Voilà.

One Voilà server (the command ``make app`` runs, from the project folder so that
``voila.py`` applies) serves the session; Debian's chromium opens it with every
request that leaves 127.0.0.1 blocked and recorded. The tests check what a student
who may not see code gets: no code, an intro that reads right, the filters, the
search, the reader and the comparison working, and the kernel shut down when the
page closes. Each control is found by its visible label or the project's ``rr-``
classes, never by library class names.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser_support import free_port, require_browser, scratch_home_env, shared_browser, widget_errors
from conftest import ROOT

import helpers
from helpers.widgets import article_reader, claim_explorer, comparison_view

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

VOILA = Path(sys.executable).parent / "voila"  # beside this Python, as in .venv/bin
TIMEOUT_MS = 60_000
# What Voilà's lab template asks the internet for (read from its index.html.j2): Font Awesome's
# stylesheets. Blocked here; the explorer uses no Font Awesome icon, so nothing is missing.
TEMPLATE_REQUESTS = re.compile(r"^https://cdn\.jsdelivr\.net/npm/@fortawesome/fontawesome-free@")


def app_command(port: int) -> list[str]:
    """What ``make app`` runs (see the Makefile), on a given port and without opening a browser."""
    return [str(VOILA), "notebooks/explorer.ipynb", f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1"]


class App:
    """A Voilà server on a free port, its HOME and Jupyter folders in a scratch folder."""

    def __init__(self, scratch: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = scratch / "voila.log"
        home = scratch / "home"
        home.mkdir()
        env = scratch_home_env(home)
        env.pop(helpers.data.paths.DATA_ENVIRONMENT_VARIABLE, None)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                app_command(self.port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def wait_until_up(self, timeout: float = 120.0) -> None:
        # Poll a static file: a GET of the page itself would start a kernel.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"voila exited with {self.process.returncode}:\n{self.log()}")
            try:
                urllib.request.urlopen(self.url + "voila/static/voila.js", timeout=5).close()
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.25)
        raise RuntimeError(f"voila did not answer within {timeout:.0f} s:\n{self.log()}")

    def kernels(self) -> list[int]:
        """The process ids of the kernels this server runs now."""
        import psutil

        pids = []
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if child.status() != psutil.STATUS_ZOMBIE and "ipykernel_launcher" in " ".join(
                    child.cmdline()
                ):
                    pids.append(child.pid)
            except psutil.Error:  # it ended while being looked at: not running
                pass
        return pids

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    require_browser()
    server = App(tmp_path_factory.mktemp("app"))
    try:
        server.wait_until_up()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser(app):
    # The one chromium of this test process: Playwright's sync API allows one at a time, and
    # make test runs every real-browser module in the same process.
    return shared_browser()


class Visit:
    """One page of the app with every request that leaves 127.0.0.1 blocked and recorded."""

    def __init__(self, browser, app: App):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.blocked: list[str] = []
        self.messages: list[tuple[str, str]] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.messages.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.messages.append(("pageerror", str(e))))
        self.page.goto(app.url, timeout=TIMEOUT_MS * 2)
        self.page.locator(".rr-explorer").wait_for(state="visible", timeout=TIMEOUT_MS * 2)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith("http://127.0.0.1:") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def visit(browser, app):
    """One page for the tests that work the widgets (each tab keeps its own state): loading
    the app takes most of a test's time."""
    v = Visit(browser, app)
    yield v
    v.close()


def expect_text(locator, text) -> None:
    from playwright.sync_api import expect

    expect(locator).to_have_text(text, timeout=TIMEOUT_MS)


def label_of(control, value: str) -> str:
    return next(label for label, v in control.options if v == value)


def test_app_shows_no_code_and_its_intro_reads_right(visit):
    page = visit.page
    body = page.locator("body").inner_text()
    assert "Explorer: filter, read and compare the claims" in body
    assert "opened as an app (Voilà, make app), the explorer is already" in re.sub(r"\s+", " ", body)
    # No code: Voilà strips the inputs; the cells' sources must not reach the page.
    assert "helpers.widgets.explorer()" not in page.content()
    assert page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0
    # The only requests that left the machine are the template's own, and they were blocked.
    assert all(TEMPLATE_REQUESTS.match(url) for url in visit.blocked), visit.blocked
    errors = widget_errors(visit.messages)
    assert not errors, "the browser console reports widget errors:\n" + "\n".join(errors)


def test_filter_and_search(visit):
    explorer = visit.page.locator(".rr-claim-explorer")
    claims = helpers.load_claims()
    model = claim_explorer(claims)  # the same widget in Python: what the page must show
    count = explorer.locator(".rr-count-text")
    expect_text(count, model.count_text)

    explorer.get_by_label("Language", exact=True).select_option(label_of(model.filters["language"], "ar"))
    model.filters["language"].value = "ar"
    assert model.count_text == f"{(claims['language'] == 'ar').sum()} of {len(claims)} claims"
    expect_text(count, model.count_text)

    explorer.get_by_label("Search").press_sequentially("«بلينكين»", delay=20)
    model.search.value = "«بلينكين»"
    assert 0 < len(model.selection) < (claims["language"] == "ar").sum()
    expect_text(count, model.count_text)
    expect_text(
        explorer.locator(".rr-results tbody tr td:first-child"), list(model.selection["claim_id"][:20])
    )


def test_reader_and_comparison(visit):
    page = visit.page
    page.get_by_role("tab", name="Read an article").click()
    reader = page.locator(".rr-article-reader")
    article_id = helpers.load_articles().query("language == 'ar'")["article_id"].iloc[0]
    model = article_reader(article_id=article_id)
    reader.get_by_label("Article", exact=True).select_option(label_of(model.article, article_id))
    expect_text(reader.locator(".rr-article-info b"), article_id)
    claims = helpers.load_claims().query("article_id == @article_id")
    from playwright.sync_api import expect

    expect(reader.locator(".rr-claim-list li")).to_have_count(len(claims), timeout=TIMEOUT_MS)
    body = reader.locator(".rr-article-body")
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"

    page.get_by_role("tab", name="Compare sources").click()
    view = page.locator(".rr-comparison")
    pid = "bl0201-duration"
    compare = comparison_view(proposition_id=pid)
    view.get_by_label("Proposition").select_option(label_of(compare.proposition, pid))
    statement = helpers.load_propositions().set_index("proposition_id").loc[pid, "statement"]
    expect_text(view.locator(".rr-comparison-wordings .rr-statement"), re.compile(re.escape(statement)))
    shown = view.locator(".rr-comparison-wordings").inner_text()
    for excerpt in helpers.analysis.comparison.wordings(pid)["excerpt"]:
        assert excerpt in shown


def test_closing_the_page_shuts_its_kernel_down(browser, app):
    before = set(app.kernels())
    visit = Visit(browser, app)
    started = set(app.kernels()) - before
    assert len(started) == 1, f"opening the page should start one kernel, started {started}"
    visit.page.close(run_before_unload=True)  # as a browser does when a tab closes
    deadline = time.monotonic() + 30
    while started & set(app.kernels()) and time.monotonic() < deadline:
        time.sleep(0.2)
    visit.close()
    assert not started & set(app.kernels()), (
        "the closed page's kernel is still running:\n" + app.log()[-2000:]
    )
    assert "403 POST /voila/api/shutdown" not in app.log()
