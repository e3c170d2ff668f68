"""Forward compatibility: Zensical, Material for MkDocs' successor, builds the same generated
source (the same mkdocs.yml, theme overrides and pages).

What differs, recorded here: Zensical (0.0.73) does not run MkDocs ``hooks``; only a speed-up
lives in generator/site/hooks.py, and the organization's name is escaped by the theme
overrides, so a hostile name shows as text under Zensical too (checked below). Our copies of
Material's partials (header, nav, nav-item, footer, search) replace Zensical's own: its header
loses two visually hidden labels ("Navegación", "Buscar") and an empty source box. It writes
its own search index and assets, and its escaping writes "/" as "&#x2f;" (same text and URL).
The set of pages, their titles and our own additions above each page (the internal-profile
notice, download links) are the same. overrides/main.html looks the download links up by
``page.url`` because Zensical's pages have no ``file.src_uri``.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from generator.figures import draw
from generator.paths import ORG_DATA_DIR
from generator.plan.handbook import plan_handbook
from generator.render.pages import render_handbook
from generator.site.build import build_site, write_config
from generator.contract.validation import validate_file
from tests.htmltext import visible_text
from tests.test_hostile import NOMBRE

ZENSICAL = Path(sys.executable).with_name("zensical")


def paginas(sitio: Path) -> set[str]:
    return {p.relative_to(sitio).as_posix() for p in sitio.rglob("*.html")}


def titulo(pagina: Path) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", pagina.read_text(encoding="utf-8"), re.S).group(1)


def generated_source(organizacion: Path, metodologia, trabajo: Path, pdf: bool = False) -> Path:
    """The organization's generated source (pages and mkdocs.yml) in ``trabajo``; returns its mkdocs.yml."""
    handbook = plan_handbook(validate_file(organizacion, metodologia), metodologia, pdf=pdf)
    render_handbook(handbook, metodologia, trabajo / "docs", draw(handbook, metodologia))
    return write_config(handbook, trabajo, metodologia.programme.impresion)


def build_with_zensical(config: Path) -> Path:
    """The generated source built by Zensical; returns the site folder."""
    assert ZENSICAL.is_file() or shutil.which("zensical")
    hecho = subprocess.run([str(ZENSICAL if ZENSICAL.is_file() else shutil.which("zensical")), "build", "-f",
                            str(config)], cwd=config.parent, capture_output=True, text=True, timeout=300)
    assert hecho.returncode == 0, hecho.stdout + hecho.stderr
    return config.parent / "site"


def test_zensical_builds_the_generated_source_with_the_same_pages(example_site, metodologia, tmp_path):
    zensical = build_with_zensical(generated_source(ORG_DATA_DIR / "red-ciudadana.yaml", metodologia,
                                                    tmp_path / "red-ciudadana", pdf=True))
    assert paginas(zensical) == paginas(example_site)
    for ruta in ("index.html", "sesiones/sesion-2.html", "productos/plan-alianzas.html", "conceptos/mou.html"):
        assert re.sub(r"<[^>]+>", "", titulo(zensical / ruta)).strip() == \
            re.sub(r"<[^>]+>", "", titulo(example_site / ruta)).strip(), ruta
    # Zensical's escaping writes "/" as "&#x2f;" inside attributes: the same URL once decoded.
    sesion = html.unescape((zensical / "sesiones" / "sesion-2.html").read_text(encoding="utf-8"))
    assert 'class="hb-interno' in sesion and "impresos/sesion-2.pdf" in sesion
    assert (zensical / "figuras" / "mapa-sistema.svg").is_file()


def test_zensical_shows_a_hostile_organization_name_as_text(metodologia, tmp_path):
    organization = tmp_path / "hostil.yaml"
    organization.write_text(f"""\
organizacion:
  nombre: {json.dumps(NOMBRE, ensure_ascii=False)}
  mision: {json.dumps(NOMBRE, ensure_ascii=False)}
nivel: basico
""", encoding="utf-8")
    site = build_with_zensical(generated_source(organization, metodologia, tmp_path / "hostil"))
    for path in ("index.html", "sesiones/sesion-1.html", "conceptos/mou.html"):
        page = (site / path).read_text(encoding="utf-8")
        # Nothing became markup, and nothing was escaped twice.
        assert "<b>x</b>" not in page and "<script>alert" not in page, path
        assert "&amp;amp;" not in page and "&amp;lt;" not in page, path
        header = re.search(r'<div class="md-header__topic">(.*?)</div>', page, re.S).group(1)
        drawer = re.search(r'<label class="md-nav__title" for="__drawer">.*?</a>(.*?)</label>', page, re.S).group(1)
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        description = re.search(r'<meta name="description" content="([^"]*)"', page).group(1)
        assert visible_text(header) == NOMBRE, path
        assert visible_text(drawer) == NOMBRE, path
        assert visible_text(title).endswith(NOMBRE), path
        assert html.unescape(description).endswith(NOMBRE), path
        logo_labels = re.findall(r'aria-label="([^"]*)" data-md-component="logo"', page)
        assert [html.unescape(label) for label in logo_labels] == [NOMBRE, NOMBRE], path


TITLE = "Mapa & <b>sistema</b> {{ 7*7 }} \"q\" 'q'"
SECTION = "Productos & <i>p</i>"
MAP_PAGE = "productos/mapa-sistema.md"


def hostile_titles(nav: list) -> list:
    """``nav`` with the system-map product page and its section renamed TITLE and SECTION."""
    renamed = []
    for entry in nav:
        (name, target), = entry.items()
        if isinstance(target, list) and any(MAP_PAGE in child.values() for child in target):
            name = SECTION
            target = [{TITLE if src == MAP_PAGE else t: src for t, src in child.items()} for child in target]
        renamed.append({name: target})
    return renamed


def test_page_and_section_titles_show_as_text_under_both_engines(metodologia, tmp_path):
    """Titles are our methodology's today; the templates show them as text all the same."""
    config = generated_source(ORG_DATA_DIR / "red-ciudadana.yaml", metodologia, tmp_path / "titulos")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["nav"] = hostile_titles(data["nav"])
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build_site(config, tmp_path / "mkdocs")
    for site in (tmp_path / "mkdocs", build_with_zensical(config)):
        map_page = (site / "productos" / "mapa-sistema.html").read_text(encoding="utf-8")
        next_page = (site / "productos" / "ruta-critica.html").read_text(encoding="utf-8")
        for page in (map_page, next_page):
            assert "<b>sistema</b>" not in page and "<i>p</i>" not in page, site
            assert "&amp;amp;" not in page and "&amp;lt;" not in page, site
            nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', page, re.S).group(0)
            assert TITLE in visible_text(nav) and SECTION in visible_text(nav), site
        assert visible_text(re.search(r"<title>(.*?)</title>", map_page, re.S).group(1)).startswith(TITLE + " - ")
        topic = re.search(r'data-md-component="header-topic">(.*?)</div>', map_page, re.S).group(1)
        assert visible_text(topic) == TITLE, site
        previous = re.search(r'md-footer__link--prev".*?<div class="md-ellipsis">(.*?)</div>', next_page, re.S)
        assert visible_text(previous.group(1)) == TITLE, site
