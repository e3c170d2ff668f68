"""Stages 4-5 end to end: real MkDocs builds of real organizations."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.exceptions import InvalidOrganization, SiteBuildError
from generator.contract.logo import review
from generator.methodology import load_methodology
from generator.pipeline import build_organization
from generator.paths import PROJECT_DIR

from htmltext import article_html, tags, visible_text


def tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_example_site_has_home_and_one_page_per_session(example_site):
    for page in ["index.html", "sesiones/sesion-1.html", "sesiones/mapeo.html", "sesiones/sesion-2.html",
                 "sesiones/sesion-3.html", "sesiones/sesion-5.html", "sesiones/sesion-6.html",
                 "metodologia/programa.html", "conceptos/ruta-critica.html", "search/search_index.js"]:
        assert (example_site / page).is_file(), page
    assert not (example_site / "sesiones" / "sesion-4.html").exists()  # not in this organization's plan


def test_home_page_presents_the_organization(example_site):
    text = visible_text(article_html(example_site / "index.html"))
    for expected in ["Red Ciudadana por la Transparencia, A.C.", "RCT · Monterrey, Nuevo León",
                     "Promover la participación ciudadana en la vigilancia del gasto público municipal",
                     "Nivel en alianzas estratégicas intermedio", "Modalidad presencial",
                     "jueves 4 de febrero de 2027", "Mariana Quiroga Treviño", "Dra. Lucía Benavides",
                     "Cómo usar este manual"]:
        assert expected in text, expected
    # The session links of the calendar point at the built pages.
    hrefs = [a.get("href") for t, a in tags(article_html(example_site / "index.html")) if t == "a"]
    for href in [h for h in hrefs if h and h.startswith("sesiones/")]:
        assert (example_site / href).is_file(), href


def test_site_is_spanish_with_spanish_search(example_site):
    html = (example_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in html
    index = (example_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["es"]' in index.replace(" ", "")


def test_organization_colours_and_logo(example_site):
    css = (example_site / "assets" / "organizacion.css").read_text()
    assert "--md-primary-fg-color: #0b6e4f;" in css and "--md-accent-fg-color: #f2a541;" in css
    # The logo as checked (generator.contract.logo): the example has nothing to remove, so the same drawing.
    logo = PROJECT_DIR / "org_data" / "logo-red-ciudadana.svg"
    assert review(logo).removed == ()
    assert (example_site / "assets" / "logo.svg").read_bytes() == review(logo).contenido
    html = (example_site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/logo.svg"' in html and 'href="assets/organizacion.css"' in html


EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def test_no_page_loads_anything_from_the_network(example_site):
    for page in example_site.rglob("*.html"):
        for tag, attrs in tags(page.read_text(encoding="utf-8")):
            loaded = attrs.get("src") if tag in ("script", "img", "iframe", "source", "video", "audio") else None
            if tag == "link" and attrs.get("rel") not in ("canonical", None) or tag == "link" and "stylesheet" in (attrs.get("rel") or ""):
                loaded = attrs.get("href")
            assert not (loaded and EXTERNAL.match(loaded)), f"{page}: {tag} {loaded}"
    for css in example_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert not EXTERNAL.match(url), f"{css}: {url}"
        assert "@import" not in css.read_text(encoding="utf-8") or "http" not in css.read_text(encoding="utf-8")


def test_generated_config_inherits_the_base(tmp_path):
    out, build = tmp_path / "out", tmp_path / "build"
    build_organization(PROJECT_DIR / "org_data" / "red-ciudadana.yaml", out, build_root=build)
    config = yaml.safe_load((build / "red-ciudadana" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (build / "red-ciudadana" / config["INHERIT"]).resolve() == PROJECT_DIR / "mkdocs.yml"
    assert config["site_name"] == "Red Ciudadana por la Transparencia, A.C."
    assert config["theme"]["logo"] == "assets/logo.svg"
    assert (build / "red-ciudadana" / "docs" / "index.md").is_file()


HOSTILE_NAME = "{{ 7*7 }} <script>alert('x')</script> **RCT** [a](javascript:alert(1))"


def test_hostile_organization_text_is_shown_exactly(write_org, tmp_path):
    path = write_org(f"""\
        organizacion:
          nombre: "{HOSTILE_NAME.replace('"', '')}"
          siglas: "{{% raw %}} <b>x</b>"
          mision: |
            # no es título
            - ni lista <img src=x onerror=alert(1)>

            {{{{ config }}}} segundo párrafo
          ciudad: "&amp; &lt;"
        nivel: basico
        equipo_facilitador:
          - nombre: "<i>Ana</i> | tabla |"
        """, slug="hostil")
    result = build_organization(path, tmp_path / "out", build_root=tmp_path / "build")
    page = result.site_dir / "index.html"
    html = page.read_text(encoding="utf-8")
    text = visible_text(article_html(page))
    assert HOSTILE_NAME in text
    assert "{% raw %} <b>x</b> · &amp; &lt;" in text
    assert "# no es título - ni lista <img src=x onerror=alert(1)> {{ config }} segundo párrafo" in text
    assert "<i>Ana</i> | tabla |" in text
    assert "49" not in text
    # Nothing became markup: no script, image, bold or italic element, no javascript: link.
    assert not {t for t, _ in tags(article_html(page))} & {"script", "img", "i", "b"}
    for other in result.site_dir.rglob("*.html"):
        raw = other.read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<img src=x" not in raw, other
    assert "javascript:" not in " ".join(a.get("href", "") for t, a in tags(html) if t == "a")
    # The page title and header carry the name as text too.
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert visible_text(title) == HOSTILE_NAME
    header = re.search(r'<div class="md-header__topic">(.*?)</div>', html, re.S).group(1)
    assert visible_text(header) == HOSTILE_NAME


def test_invalid_data_leaves_the_previous_site_byte_for_byte(example_copy, tmp_path):
    out, build = tmp_path / "out", tmp_path / "build"
    site = build_organization(example_copy, out, build_root=build).site_dir
    before = tree(site)
    example_copy.write_text(example_copy.read_text(encoding="utf-8").replace("nivel: intermedio", "nivel: experto"),
                            encoding="utf-8")
    with pytest.raises(InvalidOrganization):
        build_organization(example_copy, out, build_root=build)
    assert tree(site) == before
    assert sorted(p.name for p in out.iterdir()) == [".huellas", "red-ciudadana"]  # no leftovers


def test_failed_mkdocs_build_leaves_the_previous_site_byte_for_byte(example_copy, tmp_path):
    out, build = tmp_path / "out", tmp_path / "build"
    site = build_organization(example_copy, out, build_root=build).site_dir
    before = tree(site)
    # A methodology page with a broken link makes MkDocs (strict) refuse the build.
    content = tmp_path / "content"
    shutil.copytree(PROJECT_DIR / "content", content)
    page = content / "conceptos" / "mou.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[roto](no-existe.md)\n", encoding="utf-8")
    with pytest.raises(SiteBuildError) as failure:
        build_organization(example_copy, out, build_root=build, metodologia=load_methodology(content))
    assert "no-existe.md" in str(failure.value)
    assert tree(site) == before
    assert sorted(p.name for p in out.iterdir()) == [".huellas", "red-ciudadana"]


def test_build_works_with_the_network_cut_off(tmp_path):
    """`unshare -n` (root) runs the real CLI, PDFs included, in a network namespace with no
    interfaces up."""
    command = ["unshare", "-n", sys.executable, "-m", "generator", "build",
               str(PROJECT_DIR / "org_data" / "red-ciudadana.yaml"), "--out", str(tmp_path / "out"), "--pdf"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_DIR, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "red-ciudadana" / "index.html").is_file()
    assert (tmp_path / "out" / "red-ciudadana" / "impresos" / "plan-alianzas.pdf").is_file()


def test_session_page_is_a_timed_carta_descriptiva(example_site):
    page = example_site / "sesiones" / "sesion-6.html"
    html = article_html(page)
    text = visible_text(html)
    assert "Horario 10:00–14:45" in text  # the calendar starts session 6 at 10:00
    assert "la agenda dura 4 h 45 min y la sesión se anuncia de 4 h: sobran 45 min" in text
    assert "10:00–10:05 5 Bienvenida y objetivo del taller" in text
    assert "12:00–14:30 150 Mapeo de resultados" in text
    assert "14:45 285 Fin de la sesión" in text
    titles = [visible_text(m) for m in re.findall(r'<p class="admonition-title">(.*?)</p>', html)]
    assert "Nota para la persona facilitadora" in titles
    assert "Lista de materiales" in text and "Cantidades calculadas para 4 participantes" in text
    # Activities link to the concept chapters they rely on.
    hrefs = {a.get("href") for t, a in tags(html) if t == "a"}
    assert "../conceptos/mapeo-resultados.html" in hrefs


def test_session_without_calendar_time_uses_the_default_start(write_org, tmp_path):
    path = write_org("organizacion:\n  nombre: X\n  mision: Y\nnivel: basico\ntiene_mapa_sistema: true\n")
    site = build_organization(path, tmp_path / "out", build_root=tmp_path / "build").site_dir
    text = visible_text(article_html(site / "sesiones" / "sesion-4.html"))
    assert "Horario 09:00–12:50 (inicio sugerido" in text
    assert "sobran" not in text  # 230 minutes against 4 hours is within the tolerance
    assert not (site / "sesiones" / "mapeo.html").exists()


def test_webinar_session_page_is_an_online_agenda(example_site):
    html = article_html(example_site / "sesiones" / "sesion-3.html")
    text = visible_text(html)
    # 4 h 30 min on screen: two days of at most 4 h, the second proposed (the next working day).
    assert "Día 1 de 2 jueves 25 de febrero de 2027, 16:00–19:15" in text and "Modalidad webinar" in text
    assert "Día 2 de 2 viernes 26 de febrero de 2027 (fecha propuesta), 16:00–17:30" in text
    assert "Tiempo en pantalla 4 h 30 min en 3 bloques" in text
    assert '<a href="https://videollamada.example.org/rct-sesion-3">' in html
    for row in ["Día 1 jueves 25 de febrero de 2027",
                "16:00–18:00 120 Bloque 1 en línea",
                "16:00–16:02 2 ↳ Presentación y reglas de participación",
                "16:02–16:17 15 ↳ Exposición con diapositivas",
                "17:55–18:00 5 ↳ Cierre y valoración",
                "18:00–18:15 15 Pausa fuera de pantalla",
                "18:15–19:15 60 Bloque 2 en línea",
                "19:15 Fin del día 1",
                "Día 2 viernes 26 de febrero de 2027 (fecha propuesta)",
                "16:00–17:00 60 Aplicación práctica de la Ruta Crítica (parte 2 de 2)",
                "17:00–17:30 30 Cierre y reflexión",
                "17:30 Fin de la sesión"]:
        assert row in text, row
    titles = [visible_text(m) for m in re.findall(r'<p class="admonition-title">(.*?)</p>', html)]
    assert "Sesión en línea" in titles and "Falta el enlace de la videollamada" not in titles
    assert "Las preguntas se escriben en el chat" in text
    # The checklist is the online one: resources and what each replaces, no coffee or tape.
    assert "Recursos en línea" in text and "Lista de materiales" not in text
    # What the board replaces is named as the materials catalogue names it (content/programa.yaml).
    assert "Pizarra compartida Hojas de rotafolio Aplicación práctica de la Ruta Crítica" in text
    assert "Salas para grupos: 1 — Aplicación práctica de la Ruta Crítica" in text
    assert "En línea no hacen falta: Masking tape, Servicio de café." in text
    checklist = text[text.index("Recursos en línea"):text.index("En línea no hacen falta")]
    assert "Servicio de café" not in checklist and "Plumones" in checklist  # Plumones only as replaced
    assert "En pantalla: presentación compartida en pantalla." in text
    assert "Materiales:" not in text


def test_programme_materials_page_gathers_every_session(example_site):
    page = example_site / "sesiones" / "materiales.html"
    html = article_html(page)
    text = visible_text(html)
    # In person: what is counted (with its quantities) apart from what is brought or prepared.
    assert "Para comprar o reunir" in text and "Para llevar o preparar" in text and "Sesiones en línea" in text
    assert "Etiquetas adheribles para nombres (gafetes) 4 Taller de mapeo: 4" in text
    assert "Servicio de café Sesión 1 · Taller de mapeo · Sesión 2" in text
    assert "Presentación compartida en pantalla" in text  # session 3 is online
    hrefs = [a["href"] for t, a in tags(html) if t == "a" and ".html" in a.get("href", "")]
    assert "sesion-3.html#recursos-en-linea" in hrefs and "mapeo.html#lista-de-materiales" in hrefs
    for href in hrefs:
        target, _, anchor = href.partition("#")
        if target:
            built = (page.parent / target).read_text(encoding="utf-8")
            assert not anchor or f'id="{anchor}"' in built, href


def test_home_offers_the_calendar_and_the_level_closing_products(example_site):
    html = article_html(example_site / "index.html")
    text = visible_text(html)
    assert (example_site / "calendario.ics").is_file()
    assert ("a", {"href": "calendario.ics", "class": "md-button"}) in tags(html)
    assert ("Sesión 3 — La Ruta Crítica de las Alianzas Estratégicas Día 1: jueves 25 de febrero de 2027, 16:00–19:15 "
            "Día 2: viernes 26 de febrero de 2027 (propuesta), 16:00–17:30 en 2 días (hasta 4 h cada uno)") in text
    assert "Productos de cierre para el nivel intermedio" in text
    assert "Ruta Crítica ya aplicada a cada aliado potencial" in text
    assert "el siguiente paso es mapeo de resultados" in text


def test_webinar_organization_without_links_is_warned(write_org, tmp_path):
    path = write_org(HEAD_TEXT_WEBINAR, slug="en-linea")
    site = build_organization(path, tmp_path / "out", build_root=tmp_path / "build").site_dir
    html = article_html(site / "sesiones" / "sesion-6.html")
    titles = [visible_text(m) for m in re.findall(r'<p class="admonition-title">(.*?)</p>', html)]
    assert "Falta el enlace de la videollamada" in titles
    home = visible_text(article_html(site / "index.html"))
    assert "webinar falta el enlace" in home
    assert "Productos de cierre para el nivel avanzado" in home
    assert "Plan de Alianzas Estratégicas propio" in home and "Ruta Crítica ya aplicada" not in home
    assert "siguiente paso" not in home
    # No session has a date: no calendar file and no button.
    assert not (site / "calendario.ics").exists() and "Descargar el calendario" not in home


HEAD_TEXT_WEBINAR = """\
organizacion:
  nombre: Colectivo en Línea
  mision: Vigilar el gasto.
nivel: avanzado
modalidad: webinar
tiene_mapa_sistema: true
"""


@pytest.mark.parametrize("failure", ["mkdocs-refuses", "interrupted"])
def test_a_failing_build_leaves_the_environment_and_mkdocs_logger_as_they_were(tmp_path, monkeypatch, failure):
    import logging
    import os

    from generator.site import build as site
    from generator.plan.edition import EPOCH

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    logger = logging.getLogger("mkdocs")
    before = (dict(os.environ), list(logger.handlers), logger.propagate, logger.level)
    seen = {}

    def interrupted(config):
        seen["epoch"] = os.environ.get("SOURCE_DATE_EPOCH")
        seen["propagate"] = logger.propagate
        raise KeyboardInterrupt

    config = tmp_path / "mkdocs.yml"
    if failure == "interrupted":
        (tmp_path / "docs").mkdir()
        config.write_text("site_name: x\n", encoding="utf-8")
        monkeypatch.setattr(site, "mkdocs_build", interrupted)
    expected = KeyboardInterrupt if failure == "interrupted" else SiteBuildError
    with pytest.raises(expected):
        site.build_site(config, tmp_path / "site", EPOCH)
    assert (dict(os.environ), list(logger.handlers), logger.propagate, logger.level) == before
    if failure == "interrupted":  # set during the build, and only then
        assert seen == {"epoch": str(int(EPOCH.timestamp())), "propagate": False}
    # A date the caller set is left alone.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "123")
    with pytest.raises(expected):
        site.build_site(config, tmp_path / "site", EPOCH)
    assert os.environ["SOURCE_DATE_EPOCH"] == "123"
