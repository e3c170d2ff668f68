"""Product pages end to end: complete data (the example) and absent data (blank worksheets)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.pipeline import build_organization

from conftest import MINIMAL
from htmltext import article_html, tags, visible_text

PRODUCTOS = ["mapa-sistema", "ruta-critica", "discurso-elevador", "ecuacion-confianza",
             "mapeo-resultados", "plan-alianzas", "plan-trabajo"]


@pytest.fixture
def sitio(example_site) -> Path:
    return example_site


@pytest.fixture(scope="module")
def sitio_vacio(tmp_path_factory) -> Path:
    org_data = tmp_path_factory.mktemp("org_data")
    path = org_data / "vacio.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path_factory.mktemp("site")
    return build_organization(path, out, build_root=tmp_path_factory.mktemp("build")).site_dir


def celdas_de(tabla: str) -> list[list[str]]:
    """A table's rows as lists of cell texts."""
    return [[" ".join(visible_text(c).split()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", fila, re.S)]
            for fila in re.findall(r"<tr>(.*?)</tr>", tabla, re.S)]


def texto(site: Path, nombre: str) -> str:
    return visible_text(article_html(site / "productos" / f"{nombre}.html"))


def imagenes(site: Path, pagina: str) -> list[Path]:
    """The figures a page shows, resolved to built files (each must exist and be SVG)."""
    page = site / "productos" / f"{pagina}.html"
    srcs = [a["src"] for t, a in tags(article_html(page)) if t == "img" and a.get("src", "").endswith(".svg")]
    files = [(page.parent / src).resolve() for src in srcs]
    for f in files:
        assert f.is_file(), f
        ET.fromstring(f.read_text(encoding="utf-8"))
    return files


def test_every_product_has_its_page_in_the_navigation(sitio):
    for nombre in PRODUCTOS:
        assert (sitio / "productos" / f"{nombre}.html").is_file(), nombre
    nav = visible_text((sitio / "index.html").read_text(encoding="utf-8"))
    assert "Productos de la organización" in nav


def test_system_map_with_matrix_ring_map_and_follow_up(sitio):
    text = texto(sitio, "mapa-sistema")
    assert "Que los cinco municipios del área metropolitana publiquen" in text
    # The 5Rs matrix, one row per actor in the file's order, each value in its column.
    html = article_html(sitio / "productos" / "mapa-sistema.html")
    celdas = celdas_de(re.search(r"<table>(.*?)</table>", html, re.S).group(1))
    assert celdas[0] == ["Actor", "Sector", "Roles", "Recursos", "Relación", "Reglas", "Resultado"]
    assert celdas[1] == ["Cabildo de Monterrey", "gobierno", "Aprueba el presupuesto; Rinde cuentas",
                         "Información presupuestal; Espacios de audiencia pública", "débil",
                         "Sesiones públicas con orden del día cerrado; piden solicitudes por escrito.", "negativo"]
    assert [c[0] for c in celdas[1:]][-1] == "Fundación Comunitaria Regia"
    assert "Compartir los datos en formatos abiertos con todos los aliados." in text
    assert "Depender de una sola persona como enlace con el gobierno." in text
    # Follow-up against the baseline, and the latest map under the baseline.
    assert "Seguimiento intermedio" in text
    assert "Cabildo de Monterrey débil colaborativa negativo positivo Aceptó una audiencia pública" in " ".join(text.split())
    assert "Cámara de Comercio de Monterrey débil colaborativa positivo sin cambio" in " ".join(text.split())
    figuras = [f.name for f in imagenes(sitio, "mapa-sistema")]
    assert figuras == ["mapa-sistema.svg", "mapa-sistema-clave.svg", "mapa-sistema.svg", "mapa-sistema-intermedio.svg"]
    clave = (sitio / "figuras" / "mapa-sistema-clave.svg").read_text(encoding="utf-8")
    assert 'data-numero="8"' in clave and "Fundación Comunitaria Regia" in clave
    svg = (sitio / "figuras" / "mapa-sistema-intermedio.svg").read_text(encoding="utf-8")
    assert 'data-actor="Cabildo de Monterrey"' in svg
    # Captions end in one period, also after "A.C."; the page leaves the ring map the TOC's width.
    assert "Mapa de anillos de Red Ciudadana por la Transparencia, A.C. (línea base)." in text
    assert "Seguimiento intermedio." in text and ".." not in text
    pagina = (sitio / "productos" / "mapa-sistema.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*\bhidden\b', pagina)


def test_critical_route_page_and_one_page_per_ally(sitio):
    text = texto(sitio, "ruta-critica")
    assert [f.name for f in imagenes(sitio, "ruta-critica")] == ["ruta-critica.svg"]
    assert "Universidad Regional del Norte academia colaborativa Laboratorio de datos" in " ".join(text.split())
    page = sitio / "productos" / "aliados" / "universidad-regional-del-norte.html"
    html = article_html(page)
    assert visible_text(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip("¶ ") == "Universidad Regional del Norte"
    text = " ".join(visible_text(html).split())
    # Both sides' resources in one table: the shared one starred, on one row, held by both.
    assert text.count("★ Laboratorio de datos") == 1 and "★ Laboratorio de datos Sí Sí" in text
    assert "¿Qué le ofrecemos? Bases de datos limpias y acompañamiento en campo." in text
    assert "¿Qué estamos dispuestos a conceder? por completar" in text  # not recorded for this ally
    camara = " ".join(texto(sitio, "aliados/camara-de-comercio-de-monterrey").split())
    assert "Reputación ¿Su reputación es compatible con nuestra visión? Una directiva fue señalada en 2019" in camara
    assert "Memorándum de entendimiento Borrador de convenio con objetivos" in camara
    assert "Informe semestral con indicadores" in camara and "Reunión anual de revisión" in camara


def test_elevator_pitch_with_word_counts_and_card(sitio):
    text = " ".join(texto(sitio, "discurso-elevador").split())
    assert "150 palabras por minuto" in text
    assert "Soy Ana Sofía Garza, de Red Ciudadana por la Transparencia, A.C." in text
    assert "51 palabras de 100 que caben en 40 segundos" in text
    assert "demasiado larga" not in text
    html = article_html(sitio / "productos" / "discurso-elevador.html")
    assert 'class="hb-tarjeta"' in html


def test_trust_equation_and_outcome_mapping(sitio):
    text = " ".join(texto(sitio, "ecuacion-confianza").split())
    assert "Confianza = (8 + 7 + 6) ÷ 4 = 5.25" in text
    assert "El factor más fuerte es la credibilidad; el más débil, la intimidad" in text
    assert "llevaría la confianza a 7.00" in text
    text = " ".join(texto(sitio, "mapeo-resultados").split())
    assert "1 Índice anual de apertura con respaldo empresarial 6 2 Comités vecinales" in text
    assert "Total 10 de 12 posibles" in text
    assert "Cámara de Comercio de Monterrey. Objetivo de la alianza: Cofinanciar y difundir el índice 2028." in text
    assert "Firmar el convenio Presentar el índice en la asamblea anual Índice con financiamiento multianual" in text


def test_strategic_alliance_plan_has_every_annex_7_section_in_order(sitio):
    html = article_html(sitio / "productos" / "plan-alianzas.html")
    heads = [visible_text(h).strip("¶ ") for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    assert heads == ["Semblanza de la organización", "Participantes en la creación del plan", "Objetivos del plan",
                     "Líneas de acción", "Mapeo de resultados", "Conclusiones"]
    text = " ".join(visible_text(html).split())
    assert "por completar" not in text  # the example's plan is complete
    assert "Ana Sofía Garza — Directora ejecutiva" in text
    assert "Línea de acción 2: Apertura presupuestal" in text
    assert "Potencial aliado 1: Universidad Regional del Norte" in text
    assert "La RCT priorizará alianzas" in text
    assert ("img", {"src": "../assets/logo.svg", "alt": "Logo de Red Ciudadana por la Transparencia, A.C.",
                    "class": "hb-plan-logo"}) in tags(html)


def test_work_plan_gantt_and_table(sitio):
    assert [f.name for f in imagenes(sitio, "plan-trabajo")] == ["plan-trabajo.svg"]
    text = " ".join(texto(sitio, "plan-trabajo").split())
    assert "Sesiones de creación de capacidades 4 feb 2027 25 feb 2027 Mariana Quiroga y Julián Esparza" in text
    assert "Plan propuesto a partir del calendario" not in text
    svg = (sitio / "figuras" / "plan-trabajo.svg").read_text(encoding="utf-8")
    assert 'data-nombre="Sesiones de trabajo"' in svg


def test_absent_data_gives_blank_worksheets(sitio_vacio):
    mapa = texto(sitio_vacio, "mapa-sistema")
    assert "Hoja de trabajo" in mapa and "por completar" in mapa
    # No map of actors yet: the blank ring map to draw by hand, as on the printed worksheet.
    assert [f.name for f in imagenes(sitio_vacio, "mapa-sistema")] == ["mapa-sistema-en-blanco.svg"]
    ruta = texto(sitio_vacio, "ruta-critica")
    assert "Todavía no hay potenciales aliados registrados" in ruta
    assert not (sitio_vacio / "productos" / "aliados").exists()
    discurso = texto(sitio_vacio, "discurso-elevador")
    # Each part's word budget, with its writing lines.
    assert len(re.findall(r"Hasta \d+ palabras:", discurso)) == 3 and "por completar" not in discurso
    assert "por completar" in texto(sitio_vacio, "ecuacion-confianza")
    assert "Resultado" not in texto(sitio_vacio, "ecuacion-confianza").split("Calificación")[1]
    mapeo = texto(sitio_vacio, "mapeo-resultados")
    assert "¿Qué estrategias han funcionado y por qué?" in mapeo
    # A basic organization without plan data has no plan (issue 14): its level holds no session 6.
    assert not (sitio_vacio / "productos" / "plan-alianzas.html").exists()
    trabajo = texto(sitio_vacio, "plan-trabajo")
    assert "Hoja de trabajo" in trabajo and imagenes(sitio_vacio, "plan-trabajo") == []
    assert "Recuperación de aprendizajes (15 % del tiempo)" in trabajo


def test_work_plan_derived_when_the_organization_has_none(write_org, tmp_path):
    path = write_org(MINIMAL + "calendario:\n  - sesion: 1\n    fecha: 2027-03-01\n  - sesion: 5\n    fecha: 2027-03-29\n")
    site = build_organization(path, tmp_path / "out", build_root=tmp_path / "build").site_dir
    text = " ".join(texto(site, "plan-trabajo").split())
    assert "Plan propuesto a partir del calendario" in text
    assert "Creación de capacidades 1 mar 2027 1 mar 2027" in text
    svg = (site / "figuras" / "plan-trabajo.svg").read_text(encoding="utf-8")
    assert 'data-nombre="Cierre"' in svg
