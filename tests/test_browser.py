"""The built example site in a real browser: Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it drives /usr/bin/chromium (installed by the
CI script with apt-get). Screenshots go to build/screenshots/ for people to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from generator.paths import BUILD_DIR, PROJECT_DIR
from generator.pipeline import build_organization

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = BUILD_DIR / "screenshots"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    return build_organization(PROJECT_DIR / "org_data" / "red-ciudadana.yaml", out,
                              build_root=tmp_path_factory.mktemp("build")).site_dir


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-MX")
    page = context.new_page()
    page.requests = []
    page.console_errors = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


def test_home_page_in_the_organization_colours_from_disk(site, page):
    page.goto((site / "index.html").as_uri())
    page.wait_for_load_state("load")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "inicio.png"), full_page=True)
    header = page.eval_on_selector("header.md-header", "e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(11, 110, 79)"
    h1 = page.eval_on_selector("article h1", "e => getComputedStyle(e).color")
    assert h1 == "rgb(11, 110, 79)"
    assert page.eval_on_selector(".md-header__button.md-logo img", "e => e.complete && e.naturalWidth > 0")
    assert page.title() == "Red Ciudadana por la Transparencia, A.C."
    assert [u for u in page.requests if not u.startswith("file://")] == []
    assert page.console_errors == []


def test_calendar_links_open_the_session_pages(site, page):
    page.goto((site / "index.html").as_uri())
    page.click("article table a:has-text('Sesión 1')")
    page.wait_for_load_state("load")
    assert page.inner_text("article h1").startswith("Sesión 1 — ")
    page.screenshot(path=str(SHOTS / "sesion-1.png"), full_page=True)
    page.click("a.md-footer__link--next")
    page.wait_for_load_state("load")
    assert "Mapeo del sistema" in page.inner_text("article h1")
    assert [u for u in page.requests if not u.startswith("file://")] == []


def test_search_finds_pages_offline(site, page):
    page.goto((site / "index.html").as_uri())
    page.click("label.md-search__icon, .md-search__input")
    # Material says "Teclee para comenzar búsqueda" once its (offline) index is loaded.
    page.wait_for_function("() => /Teclee/.test(document.querySelector('.md-search-result__meta')?.textContent)",
                           timeout=15000)
    page.type("input.md-search__input", "diligencia", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    results = page.inner_text(".md-search-result__list")
    assert "diligencia" in results.lower()
    assert [u for u in page.requests if not u.startswith("file://")] == []
    assert page.console_errors == []
