"""The built example site in a real browser: Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it drives /usr/bin/chromium (installed by the
CI script with apt-get). Screenshots go to build/screenshots/ for people to look at.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socketserver
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from generator.paths import BUILD_DIR, PROJECT_DIR

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = BUILD_DIR / "screenshots"

pytestmark = pytest.mark.browser


@pytest.fixture
def site(example_site) -> Path:
    return example_site


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


@pytest.fixture(scope="module")
def servidor(example_site):
    """The example site served over HTTP from this machine, as when it is published."""
    handler = functools.partial(QuietHandler, directory=str(example_site))
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{server.server_address[1]}"
        server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


def raiz(site: Path, servidor: str, desde: str) -> str:
    return site.as_uri() if desde == "file" else servidor


@pytest.mark.parametrize("desde", ["file", "http"])
@pytest.mark.parametrize("palabra", ["alianza", "diligencia"])
def test_spanish_search_finds_pages_without_leaving_the_site(site, servidor, page, desde, palabra):
    base = raiz(site, servidor, desde)
    page.goto(f"{base}/index.html")
    page.click("label.md-search__icon, .md-search__input")
    # Material says "Teclee para comenzar búsqueda" once its (offline) index is loaded.
    page.wait_for_function("() => /Teclee/.test(document.querySelector('.md-search-result__meta')?.textContent)",
                           timeout=15000)
    page.type("input.md-search__input", palabra, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    results = page.inner_text(".md-search-result__list")
    assert palabra in results.lower()
    assert [u for u in page.requests if not u.startswith(base.split("/index")[0])] == []
    assert page.console_errors == []


@pytest.mark.parametrize("desde", ["file", "http"])
def test_navigation_walks_every_page_of_the_menu(site, servidor, page, desde):
    """From the home page, every link of the navigation opens a page with its own title."""
    base = raiz(site, servidor, desde)
    page.goto(f"{base}/index.html")
    enlaces = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]",
                                        "as => [...new Set(as.map(a => a.href))]")
    assert len(enlaces) >= 40
    for enlace in enlaces:
        respuesta = page.goto(enlace)
        assert respuesta is None or respuesta.ok, enlace
        assert page.locator("article h1").count() == 1, enlace
    assert [u for u in page.requests if not u.startswith(base)] == []
    assert page.console_errors == []


def test_webinar_session_agenda_leads_to_its_activities(site, page):
    page.goto((site / "sesiones" / "sesion-3.html").as_uri())
    page.wait_for_load_state("load")
    page.screenshot(path=str(SHOTS / "sesion-3-webinar.png"), full_page=True)
    video = page.locator("article table a[href^='https://videollamada.example.org']")
    assert video.count() == 1
    page.click("article table a:has-text('Aplicación práctica de la Ruta Crítica')")
    page.wait_for_function("() => location.hash === '#ruta-critica-aplicacion'")
    heading = page.locator("#ruta-critica-aplicacion")
    # Held over two online days: it starts on the first and ends on the second.
    assert heading.inner_text().startswith("Día 1, 18:15 – día 2, 17:00 · Aplicación práctica")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 300  # scrolled to the activity, below the header
    assert [u for u in page.requests if not u.startswith("file://")] == []
    assert page.console_errors == []


def test_calendar_file_downloads_from_the_home_page(site, browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    with page.expect_download(timeout=10000) as download:
        page.click("a.md-button:has-text('Descargar el calendario')")
    assert download.value.suggested_filename == "calendario.ics"
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VEVENT") == 7  # six sessions; the webinar session 3 takes two days
    context.close()


def test_programme_materials_page_links_to_each_session_checklist(site, page):
    page.goto((site / "sesiones" / "materiales.html").as_uri())
    page.wait_for_load_state("load")
    page.screenshot(path=str(SHOTS / "materiales.png"), full_page=False)
    page.click("article table a[href='sesion-3.html#recursos-en-linea'] >> nth=0")
    page.wait_for_load_state("load")
    assert page.url.endswith("sesion-3.html#recursos-en-linea")
    assert page.locator("#recursos-en-linea").is_visible()
    assert [u for u in page.requests if not u.startswith("file://")] == []


@pytest.mark.parametrize("pagina", ["mapa-sistema", "ruta-critica", "plan-trabajo"])
def test_product_figures_load_as_images_from_disk(site, page, pagina):
    page.goto((site / "productos" / f"{pagina}.html").as_uri())
    page.wait_for_load_state("load")
    page.screenshot(path=str(SHOTS / f"producto-{pagina}.png"), full_page=True)
    figuras = page.locator("figure.hb-figura img")
    assert figuras.count() >= 1
    for i in range(figuras.count()):
        img = figuras.nth(i)
        assert img.evaluate("e => e.complete && e.naturalWidth > 0"), img.get_attribute("src")
        assert img.get_attribute("alt")  # the text alternative
    assert [u for u in page.requests if not u.startswith("file://")] == []
    assert page.console_errors == []


def test_participant_view_hides_facilitator_notes_and_is_remembered(site, page):
    page.goto((site / "sesiones" / "sesion-2.html").as_uri())
    notas = page.locator(".admonition.hb-facilitador")
    assert notas.count() >= 1 and notas.first.is_visible()
    boton = page.locator("button.hb-vista")
    assert boton.inner_text() == "Vista para participantes"
    boton.click()
    assert not notas.first.is_visible() and boton.inner_text() == "Vista de facilitación"
    assert page.locator("h2#agenda").is_visible()  # the rest of the page stays
    # content/vista-participantes.yaml: the steps, the materials list, its table-of-contents entry,
    # the internal notice and the guide's download button hide; the questions stay.
    assert not page.locator("h2#lista-de-materiales").is_visible()
    assert not page.locator('.md-sidebar--secondary a[href="#lista-de-materiales"]').is_visible()
    assert page.locator('.md-sidebar--secondary a[href="#agenda"]').is_visible()
    assert not page.locator("p.hb-interno").is_visible()
    assert not page.locator('a.hb-descarga[href$="guia-facilitacion.pdf"]').is_visible()
    assert page.get_by_text("Preguntas para el grupo").first.is_visible()
    assert not page.get_by_text("Pasos", exact=True).first.is_visible()
    page.screenshot(path=str(SHOTS / "vista-participantes.png"))
    # Another page, and the same page reloaded, open in the participant view.
    page.goto((site / "conceptos" / "conceptos-basicos.html").as_uri())
    otras = page.locator(".admonition.hb-facilitador")
    assert otras.count() >= 1 and not otras.first.is_visible()
    page.reload()
    assert not otras.first.is_visible()
    page.locator("button.hb-vista").click()
    assert otras.first.is_visible()
    assert page.console_errors == []


def test_download_links_fetch_the_documents_from_the_published_site(site, browser):
    """Served over HTTP, as when published, "Descargar PDF" downloads the document."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        try:
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/productos/plan-alianzas.html")
            enlaces = page.locator("a.hb-descarga")
            assert [enlaces.nth(i).inner_text() for i in range(enlaces.count())] == [
                "Descargar PDF: Plan de Alianzas Estratégicas",
                "Descargar para editar en Word (DOCX): Plan de Alianzas Estratégicas",
                "Descargar PDF: Guía de la persona facilitadora"]
            page.screenshot(path=str(SHOTS / "descargas-plan.png"))
            with page.expect_download(timeout=10000) as descarga:
                enlaces.first.click()
            assert descarga.value.suggested_filename == "plan-alianzas.pdf"
            assert Path(descarga.value.path()).read_bytes()[:5] == b"%PDF-"
        finally:
            context.close()
            server.shutdown()


def test_figure_text_is_at_least_11_px_on_a_laptop_screen(site, page):
    """At 1280 px, every figure of every page draws its smallest text at 11 px or more."""
    from generator.outputs.figure_print import figure_size

    page.set_viewport_size({"width": 1280, "height": 900})
    vistas = 0
    for html in sorted(p for p in site.rglob("*.html") if p.name != "404.html"):
        if "figuras/" not in html.read_text(encoding="utf-8"):
            continue
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        imagenes = page.locator("figure.hb-figura img")
        for i in range(imagenes.count()):
            img = imagenes.nth(i)
            src = img.evaluate("e => decodeURIComponent(new URL(e.src).pathname)")
            escala = img.evaluate("e => e.getBoundingClientRect().width / e.naturalWidth")
            menor = figure_size(Path(src).read_text(encoding="utf-8")).smallest_text
            assert menor * escala >= 11, (html.name, Path(src).name, menor, escala)
            vistas += 1
    assert vistas >= 5  # the ring map and its key, the follow-up map, the critical route, the Gantt


def test_no_page_is_wider_than_a_phone(site, page):
    """At 390 px no page scrolls sideways: wide tables and figures scroll inside their own box."""
    page.set_viewport_size({"width": 390, "height": 844})
    SHOTS.mkdir(parents=True, exist_ok=True)
    anchas = []
    for html in sorted(p for p in site.rglob("*.html") if p.name != "404.html"):
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        ancho = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        if ancho != 390:
            anchas.append((str(html.relative_to(site)), ancho))
        if html.name in ("mapa-sistema.html", "plan-alianzas.html", "plan-trabajo.html", "sesion-2.html"):
            page.screenshot(path=str(SHOTS / f"390-{html.parent.name}-{html.stem}.png"), full_page=True)
    assert anchas == []
    # The 5Rs matrix is wider than the phone: its own box scrolls.
    page.goto((site / "productos" / "mapa-sistema.html").as_uri())
    card_box = page.locator(".md-typeset__scrollwrap").first
    assert card_box.evaluate("e => e.scrollWidth > e.clientWidth && e.clientWidth <= 390")
    assert card_box.evaluate("e => getComputedStyle(e).overflowX") == "auto"


@pytest.fixture(scope="module")
def publicado(example_site):
    """The example served as published: the manual under /<slug>/, and a missing address there
    answered with the manual's 404.html (as a web server's error page)."""
    raiz_publicada = example_site.parent
    slug = example_site.name

    class Publicado(QuietHandler):
        def send_error(self, code, message=None, explain=None):
            if code == 404 and self.path.startswith(f"/{slug}/"):
                cuerpo = (example_site / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(cuerpo)))
                self.end_headers()
                self.wfile.write(cuerpo)
            else:
                super().send_error(code, message, explain)

    handler = functools.partial(Publicado, directory=str(raiz_publicada))
    # Threaded: the page keeps its connection open while the test asks for each link.
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{server.server_address[1]}", slug
        server.shutdown()


def test_the_404_page_works_under_the_manuals_folder(publicado, page):
    """A missing address deep under /<slug>/ shows the 404 page with its styles, and its links open pages."""
    base, slug = publicado
    fallidas = []
    page.on("response", lambda r: r.status >= 400 and fallidas.append(r.url))
    respuesta = page.goto(f"{base}/{slug}/no/existe/pagina.html")
    assert respuesta.status == 404
    page.wait_for_load_state("load")
    assert fallidas == [f"{base}/{slug}/no/existe/pagina.html"]  # every stylesheet, script and image loaded
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.inner_text("article h1") == "Página no encontrada"
    page.click("article p a")
    page.wait_for_load_state("load")
    assert page.url == f"{base}/{slug}/index.html"
    page.go_back()
    enlaces = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href], a.md-header__button[href]",
                                        "as => [...new Set(as.map(a => a.href))]")
    assert len(enlaces) >= 40
    for enlace in enlaces:
        assert enlace.startswith(f"{base}/{slug}/"), enlace
        assert page.request.get(enlace).ok, enlace
    page.goto(enlaces[-1])
    assert page.locator("article h1").count() == 1


def test_wide_tables_fit_the_printed_page(site, browser, tmp_path):
    """Printed from the browser, the 5Rs matrix keeps all seven columns on the page."""
    from pypdf import PdfReader

    page = browser.new_page()
    page.goto((site / "productos" / "mapa-sistema.html").as_uri())
    page.wait_for_load_state("load")
    pdf = tmp_path / "mapa.pdf"
    page.pdf(path=str(pdf), format="Letter")
    page.close()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Relación Reglas Resultado" in text
    assert "Sesiones públicas con orden del día cerrado" in text  # the Reglas column of the first row
    assert text.count("negativo") >= 2 and "positivo" in text


@pytest.fixture(scope="module")
def sitio_hostil(tmp_path_factory) -> Path:
    from generator.pipeline import build_organization

    carpeta = tmp_path_factory.mktemp("org_data")
    file_name = carpeta / "hostil.yaml"
    file_name.write_text(
        'organizacion:\n'
        '  nombre: "<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }}"\n'
        '  siglas: "<svg onload=alert(3)>"\n'
        '  mision: "[clic](javascript:alert(4)) <iframe src=javascript:alert(5)>"\n'
        '  sitio_web: "https://example.org/?q=<script>alert(6)</script>"\n'
        'nivel: basico\n'
        'mapa_sistema:\n'
        '  actores:\n'
        '    - nombre: "<a href=javascript:alert(7)>actor</a>"\n'
        '      relacion: fuerte\n'
        '      resultado: positivo\n'
        'discurso_elevador:\n'
        '  problema: "\\" onmouseover=\\"alert(8)"\n',
        encoding="utf-8")
    return build_organization(file_name, tmp_path_factory.mktemp("site"),
                              build_root=tmp_path_factory.mktemp("build")).site_dir


def test_the_hostile_organization_opens_no_dialog_on_any_page(sitio_hostil, page):
    dialogos = []
    page.on("dialog", lambda d: (dialogos.append(d.message), d.dismiss()))
    # 404.html links its assets from the server's root, so it only works served (not from disk).
    paginas = sorted(p for p in sitio_hostil.rglob("*.html") if p.name != "404.html")
    assert len(paginas) >= 30
    for pagina in paginas:
        page.goto(pagina.as_uri())
        page.wait_for_load_state("load")
        page.mouse.move(300, 300)
        page.mouse.move(600, 500)
    # The figures too, opened on their own (SVG can carry script).
    for figura in sorted((sitio_hostil / "figuras").glob("*.svg")):
        page.goto(figura.as_uri())
    assert dialogos == []
    page.goto((sitio_hostil / "index.html").as_uri())
    assert "<script>alert(1)</script>" in page.inner_text("article")
    assert page.console_errors == []


AXE = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"  # `make test` installs it with npm


def test_no_serious_or_critical_accessibility_violation_on_any_page(site, page):
    """axe-core, injected into every page of the example handbook (the 404 page only works served)."""
    axe = AXE.read_text(encoding="utf-8")
    graves: dict[str, list[str]] = {}
    paginas = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    assert len(paginas) >= 40
    for pagina in paginas:
        page.goto(pagina.as_uri())
        page.wait_for_load_state("load")
        page.add_script_tag(content=axe)
        violaciones = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))")
        for violacion in violaciones:
            graves.setdefault(str(pagina.relative_to(site)), []).append(violacion)
    assert graves == {}
