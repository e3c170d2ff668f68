"""Stage 2: which pages each organization's handbook has."""

from __future__ import annotations

import pytest

from generator.plan.handbook import plan_handbook, programme_sessions
from generator.contract.validation import validate_file
from generator.pipeline import build_organization

from conftest import EXAMPLE, HEAD_TEXT
from htmltext import article_html, visible_text


@pytest.mark.parametrize("nivel, extra, expected", [
    ("basico", "", ["mapeo", 1, 2, 3, 4, 5]),
    ("intermedio", "", ["mapeo", 1, 2, 3, 5]),
    ("avanzado", "", ["mapeo", 1, 2, 3, 6]),
    ("avanzado", "tiene_mapa_sistema: true\n", [1, 2, 3, 6]),
    ("basico", "tiene_mapa_sistema: true\nsesiones_incluidas: [6, 2]\n", [2, 6]),
])
def test_sessions_by_level_override_and_annex_3(write_org, metodologia, nivel, extra, expected):
    valid = validate_file(write_org(HEAD_TEXT + f"nivel: {nivel}\n" + extra), metodologia)
    claves = programme_sessions(valid, metodologia)
    orden = metodologia.programme.orden_sesiones
    assert sorted(claves, key=orden.index) == claves
    assert set(claves) == set(expected)


def test_example_plan_has_home_sessions_and_methodology(metodologia):
    handbook = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia)
    doc_paths = [p.ruta for p in handbook.paginas]
    assert doc_paths[0] == "index.md"
    assert [p.ruta for p in handbook.paginas if p.seccion == "Sesiones"] == [
        "sesiones/sesion-1.md", "sesiones/mapeo.md", "sesiones/sesion-2.md", "sesiones/sesion-3.md",
        "sesiones/sesion-5.md", "sesiones/sesion-6.md", "sesiones/materiales.md"]
    titles = [p.titulo for p in handbook.paginas if p.seccion == "Sesiones"]
    assert titles[0].startswith("Sesión 1 — ") and titles[-1] == metodologia.programme.titulo_materiales
    assert "Mapeo del sistema" in titles[1] and not titles[1].startswith("Sesión")
    # The session in webinar modality in the calendar keeps it; the others take the organization's.
    modalidades = {s.clave: s.modalidad.value for s in handbook.sesiones}
    assert modalidades[3] == "webinar" and modalidades[1] == "presencial"
    assert handbook.logo is not None and handbook.logo.name == "logo-red-ciudadana.svg"


def test_nav_groups_pages_by_section(metodologia):
    handbook = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia)
    nav = handbook.nav()
    assert nav[0] == {"Inicio": "index.md"}
    assert [next(iter(entry)) for entry in nav[1:]] == [
        "Sesiones", "Productos de la organización", "Hojas de trabajo", "Metodología", "Conceptos"]
    hojas = next(entry for entry in nav if "Hojas de trabajo" in entry)["Hojas de trabajo"]
    assert [next(iter(h.values())) for h in hojas] == [
        "hojas/mapa-sistema.md", "hojas/discurso-elevador.md", "hojas/ecuacion-confianza.md", "hojas/aliado.md",
        "hojas/mapeo-resultados.md"]


def test_printed_documents_only_when_asked_and_what_each_gathers(metodologia):
    valid = validate_file(EXAMPLE, metodologia)
    assert plan_handbook(valid, metodologia).documentos == []
    handbook = plan_handbook(valid, metodologia, pdf=True)
    por_archivo = {d.file_name: d for d in handbook.documentos}
    sesion2 = por_archivo["impresos/sesion-2.pdf"]
    assert sesion2.tipo == "participantes" and sesion2.paginas[0] == "sesiones/sesion-2.md"
    assert "conceptos/sistema-local.md" in sesion2.paginas
    assert sesion2.paginas[-1] == "hojas/mapa-sistema.md"
    assert por_archivo["impresos/mapeo.pdf"].paginas[-1] == "hojas/mapa-sistema.md"
    assert por_archivo["impresos/sesion-1.pdf"].paginas[-1].startswith("conceptos/")  # no worksheet
    # every page but the session kits' (lists of files to download, planned from the documents)
    assert por_archivo["impresos/guia-facilitacion.pdf"].paginas == [
        p.ruta for p in handbook.paginas if not p.ruta.startswith("kits/")]
    assert [p.ruta for p in handbook.paginas if p.ruta.startswith("kits/")] == [
        "kits/index.md", *(f"kits/{s.slug}.md" for s in handbook.sesiones)]
    assert por_archivo["impresos/plan-alianzas.docx"].formato == "docx"
    # Every page links at least the guide; a session page also links its own chapter.
    downloads = handbook.downloads()
    assert all(downloads[p.ruta] for p in handbook.paginas if p.ruta != "kits/index.md")  # it lists every ZIP itself
    assert [d.file_name for d in downloads["sesiones/sesion-2.md"]] == [
        "impresos/sesion-2.pdf", "impresos/guia-facilitacion.pdf"]


@pytest.mark.parametrize("section, has_page", [
    ("", False), ("plan_alianzas: {}\n", False),  # an empty section records nothing, as in a workbook
    ("plan_alianzas:\n  conclusiones: Aliarnos con la universidad.\n", True),
])
def test_the_alliance_plan_page_only_when_the_level_or_the_data_asks(write_org, metodologia, section, has_page):
    valid = validate_file(write_org(HEAD_TEXT + "nivel: basico\n" + section), metodologia)
    rutas = [p.ruta for p in plan_handbook(valid, metodologia).paginas]
    assert ("productos/plan-alianzas.md" in rutas) is has_page


def test_follow_ups_recorded_before_the_actors_build_without_a_comparison(write_org, metodologia, tmp_path):
    """The follow-up compares with the baseline map: with no actor there is no map to draw."""
    source = write_org(HEAD_TEXT + "nivel: basico\ntiene_mapa_sistema: true\n"
                       "mapa_sistema:\n  resultado_buscado: Gasto público abierto.\n"
                       "  seguimientos:\n    - etapa: intermedio\n      fecha: 2027-06-01\n")
    result = build_organization(source, tmp_path / "sitio", build_root=tmp_path / "build", metodologia=metodologia)
    pagina = visible_text(article_html(result.site_dir / "productos" / "mapa-sistema.html"))
    assert "Gasto público abierto." in pagina and "Seguimiento frente a la línea base" not in pagina
