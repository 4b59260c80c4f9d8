"""Handouts worth printing: lessons 1 and 4 rendered, read offline in Debian's chromium, printed to PDF.

Checks what a reader of the printed page gets: widgets shown as a static copy of
their view, links between handouts, no request to the internet, code that wraps
within an A4 page, figures with their descriptions as alt text, no "not answered
yet" boxes, and zero axe-core violations (colour contrast included) on the page.
PDF pages are converted to PNG in test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, axe_summary, require_browser, run_axe, shared_browser
from bs4 import BeautifulSoup

from helpers.teaching.handouts import render_handouts

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
LESSON_1 = "01_meet_the_sources"
LESSON_4 = "04_how_sources_differ"


@pytest.fixture(scope="module")
def handouts(tmp_path_factory) -> Path:
    require_browser()
    out = tmp_path_factory.mktemp("handouts")
    render_handouts(out, lessons=[f"{LESSON_1}.ipynb", f"{LESSON_4}.ipynb"])
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lesson", [LESSON_1, LESSON_4])
def test_page_is_complete_and_offline(handouts, lesson):
    page = soup(handouts / f"{lesson}.html")
    for tag in page.find_all(["script", "link", "img", "iframe"]):
        address = tag.get("src") or tag.get("href") or ""
        assert not address.startswith(("http:", "https:", "//")), f"{tag.name} fetches {address}"
    assert not page.find("script", type=lambda t: t and "widget" in t)
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    assert not [h for h in hrefs if h.split("#")[0].endswith(".ipynb")], "links to notebooks remain"
    nav = page.find("nav", class_="rr-handout-nav")
    assert nav and any(a["href"].endswith(".html") for a in nav.find_all("a"))
    assert "Not answered yet" not in page.get_text()
    for image in page.find_all("img"):
        assert image.get("alt") and not image["alt"].startswith("No description"), image.get("alt")
    for output in page.select(".jp-OutputArea-output"):
        assert output.get_text(strip=True) or output.find(["img", "table", "svg"]), "an empty output"


def test_widgets_are_static_copies_of_their_view(handouts):
    lesson_1 = soup(handouts / f"{LESSON_1}.html")
    reader = lesson_1.select(".rr-static .rr-article-body")
    assert reader and len(reader[0].get_text()) > 500, "the reader's text is missing"
    assert lesson_1.select(".rr-static .rr-claim-list li")
    lesson_4 = soup(handouts / f"{LESSON_4}.html")
    table = lesson_4.select(".rr-static table.rr-wordings tbody tr")
    assert len(table) >= 5, "the comparison table is missing"


@pytest.fixture(scope="module")
def chromium_page():
    require_browser()
    context = shared_browser().new_context(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lesson", [LESSON_1, LESSON_4])
def test_printed_page_fits_and_passes_axe(handouts, chromium_page, lesson):
    page = chromium_page
    remote: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file:", "data:")):
            request_route.continue_()
        else:
            remote.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.goto((handouts / f"{lesson}.html").as_uri())
    page.emulate_media(media="print")
    assert not remote, f"the page asked the network for {remote}"
    cut = page.evaluate(
        """() => Array.from(document.querySelectorAll('pre')).filter(p => p.scrollWidth > p.clientWidth + 1)
                 .map(p => p.textContent.slice(0, 80))"""
    )
    assert not cut, f"code runs past the margin: {cut}"
    wide = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert wide, "the page is wider than A4"
    page.emulate_media(media="screen")
    violations = run_axe(page, "body")
    assert not violations, axe_summary(violations)
    page.unroute("**/*")


def test_pdf_prints_and_is_kept_for_looking(handouts, tmp_path):
    require_browser()
    ARTIFACTS.mkdir(exist_ok=True)
    for lesson in (LESSON_1, LESSON_4):
        pdf = tmp_path / f"{lesson}.pdf"
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                *CHROMIUM_ARGS,
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                (handouts / f"{lesson}.html").as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2
        shutil.copy(pdf, ARTIFACTS / f"handout-{lesson}.pdf")
        if shutil.which("pdftoppm"):  # poppler-utils: pictures of the pages, for a person to look at
            for old in ARTIFACTS.glob(f"handout-{lesson}-*.png"):
                old.unlink()
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / f"handout-{lesson}")],
                check=True,
                timeout=120,
            )
            blank = [p.name for p in sorted(ARTIFACTS.glob(f"handout-{lesson}-*.png")) if _ink(p) < 0.002]
            assert not blank, f"blank pages: {blank}"


def _ink(path: Path) -> float:
    """The share of a page's pixels that are not white."""
    from PIL import Image

    grey = Image.open(path).convert("L")
    histogram = grey.histogram()
    return 1 - sum(histogram[245:]) / (grey.width * grey.height)
