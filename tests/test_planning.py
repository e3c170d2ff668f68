"""Stage 2: which pages each organization's handbook has."""

from __future__ import annotations

import pytest

from generator.plan.handbook import plan_handbook, sesiones_del_programa
from generator.contract.validation import validate_file

from conftest import EXAMPLE, HEAD_TEXT


@pytest.mark.parametrize("nivel, extra, expected", [
    ("basico", "", ["mapeo", 1, 2, 3, 4, 5]),
    ("intermedio", "", ["mapeo", 1, 2, 3, 5]),
    ("avanzado", "", ["mapeo", 1, 2, 3, 6]),
    ("avanzado", "tiene_mapa_sistema: true\n", [1, 2, 3, 6]),
    ("basico", "tiene_mapa_sistema: true\nsesiones_incluidas: [6, 2]\n", [2, 6]),
])
def test_sessions_by_level_override_and_annex_3(write_org, metodologia, nivel, extra, expected):
    valid = validate_file(write_org(HEAD_TEXT + f"nivel: {nivel}\n" + extra), metodologia)
    claves = sesiones_del_programa(valid, metodologia)
    orden = metodologia.programa.orden_sesiones
    assert sorted(claves, key=orden.index) == claves
    assert set(claves) == set(expected)


def test_example_plan_has_home_sessions_and_methodology(metodologia):
    manual = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia)
    rutas = [p.ruta for p in manual.paginas]
    assert rutas[0] == "index.md"
    assert [p.ruta for p in manual.paginas if p.seccion == "Sesiones"] == [
        "sesiones/sesion-1.md", "sesiones/mapeo.md", "sesiones/sesion-2.md", "sesiones/sesion-3.md",
        "sesiones/sesion-5.md", "sesiones/sesion-6.md", "sesiones/materiales.md"]
    titles = [p.titulo for p in manual.paginas if p.seccion == "Sesiones"]
    assert titles[0].startswith("Sesión 1 — ") and titles[-1] == metodologia.programa.titulo_materiales
    assert "Mapeo del sistema" in titles[1] and not titles[1].startswith("Sesión")
    # The session in webinar modality in the calendar keeps it; the others take the organization's.
    modalidades = {s.clave: s.modalidad.value for s in manual.sesiones}
    assert modalidades[3] == "webinar" and modalidades[1] == "presencial"
    assert manual.logo is not None and manual.logo.name == "logo-red-ciudadana.svg"


def test_nav_groups_pages_by_section(metodologia):
    manual = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia)
    nav = manual.nav()
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
    manual = plan_handbook(valid, metodologia, pdf=True)
    por_archivo = {d.archivo: d for d in manual.documentos}
    sesion2 = por_archivo["impresos/sesion-2.pdf"]
    assert sesion2.tipo == "participantes" and sesion2.paginas[0] == "sesiones/sesion-2.md"
    assert "conceptos/sistema-local.md" in sesion2.paginas
    assert sesion2.paginas[-1] == "hojas/mapa-sistema.md"
    assert por_archivo["impresos/mapeo.pdf"].paginas[-1] == "hojas/mapa-sistema.md"
    assert por_archivo["impresos/sesion-1.pdf"].paginas[-1].startswith("conceptos/")  # no worksheet
    # every page but the session kits' (lists of files to download, planned from the documents)
    assert por_archivo["impresos/guia-facilitacion.pdf"].paginas == [
        p.ruta for p in manual.paginas if not p.ruta.startswith("kits/")]
    assert [p.ruta for p in manual.paginas if p.ruta.startswith("kits/")] == [
        "kits/index.md", *(f"kits/{s.slug}.md" for s in manual.sesiones)]
    assert por_archivo["impresos/plan-alianzas.docx"].formato == "docx"
    # Every page links at least the guide; a session page also links its own chapter.
    descargas = manual.descargas()
    assert all(descargas[p.ruta] for p in manual.paginas if p.ruta != "kits/index.md")  # it lists every ZIP itself
    assert [d.archivo for d in descargas["sesiones/sesion-2.md"]] == [
        "impresos/sesion-2.pdf", "impresos/guia-facilitacion.pdf"]
