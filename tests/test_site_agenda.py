"""Agendas people can follow, read on the built pages: online days of at most 4 h with their
dates, online steps in webinar modality, the meal a full day gets, suggested pauses, and the
out-of-order calendar warned on the home page."""

from __future__ import annotations

import re

import pytest

from generator.methodology import load_methodology
from generator.pipeline import build_organization

from htmltext import article_html, visible_text

BASIC_WEBINAR = """\
organizacion:
  nombre: Colectivo Básico en Línea
  mision: Vigilar el gasto público del municipio.
nivel: basico
modalidad: webinar
calendario:
  - sesion: 1
    fecha: 2027-03-05
    inicio: "10:00"
    enlace: https://reunion.example.org/s1
  - sesion: mapeo
    fecha: 2027-03-22
  - sesion: 2
    fecha: 2027-03-15
    inicio: "10:00"
    fechas: [2027-03-15, 2027-03-17]
  - sesion: 3
    fecha: 2027-03-29
    modalidad: presencial
"""

#: What a step says only where the group is in one room.
PHYSICAL = re.compile(r"rotafolio|post-it|\bpeg(ar|a|an|arla|arlos)\b|pared|salón|tarjetas con|planilla impresa|"
                      r"repartir la papelería|pasar al rotafolio|proyectar", re.I)


@pytest.fixture(scope="module")
def basic_webinar(tmp_path_factory):
    org_dir = tmp_path_factory.mktemp("org") / "org_data"
    org_dir.mkdir()
    path = org_dir / "basico-en-linea.yaml"
    path.write_text(BASIC_WEBINAR, encoding="utf-8")
    result = build_organization(path, tmp_path_factory.mktemp("out"), build_root=tmp_path_factory.mktemp("build"))
    return result


def _text(site, page):
    return visible_text(article_html(site / page))


def test_home_names_both_dates_of_an_out_of_order_calendar(basic_webinar):
    assert any("taller de mapeo" in w.message for w in basic_webinar.warnings)  # the terminal, as before
    text = _text(basic_webinar.site_dir, "index.html")
    assert ("Las fechas no siguen el orden de las sesiones En el calendario, la sesión 2 (lunes 15 de marzo de 2027) "
            "queda antes que el taller de mapeo (lunes 22 de marzo de 2027), aunque en el programa va después.") in text


def test_home_lists_each_online_day_with_given_and_proposed_dates(basic_webinar):
    text = _text(basic_webinar.site_dir, "index.html")
    # Session 1 starts on a Friday: its next days are the following Monday and Tuesday, proposed.
    assert ("Día 1: viernes 5 de marzo de 2027, 10:00–12:00 Día 2: lunes 8 de marzo de 2027 (propuesta), "
            "10:00–13:15 Día 3: martes 9 de marzo de 2027 (propuesta), 10:00–12:00 en 3 días (hasta 4 h cada uno)") in text
    # Session 2's days are given in the file: none is proposed.
    assert "Día 1: lunes 15 de marzo de 2027, 10:00–13:45 Día 2: miércoles 17 de marzo de 2027, 10:00–13:45 en 2" in text


def test_activities_of_a_session_over_days_say_their_day(basic_webinar):
    text = _text(basic_webinar.site_dir, "sesiones/sesion-1.html")
    assert "Día 2, 10:00–12:00 · Ventajas de colaborar" in text
    assert "Día 3, 10:00–12:00 · Principios de las Alianzas Estratégicas" in text
    dos = _text(basic_webinar.site_dir, "sesiones/sesion-2.html")
    assert "Día 1, 11:45 – día 2, 13:15 · Mapeo del sistema actual y del sistema ideal" in dos


def test_webinar_steps_are_the_online_ones(basic_webinar):
    metodologia = load_methodology()
    site = basic_webinar.site_dir
    for clave, pagina in ((1, "sesion-1"), (2, "sesion-2"), ("mapeo", "mapeo"), (4, "sesion-4"), (5, "sesion-5")):
        text = _text(site, f"sesiones/{pagina}.html")
        for item in metodologia.carta(clave).actividades:
            for n, paso in item.pasos_en_linea.items():
                assert " ".join(paso.split()) in text, (pagina, item.id, n)
                assert " ".join(item.pasos[n - 1].split()) not in text, (pagina, item.id, n)
        pasos = re.findall(r"Pasos en línea (.*?)(?:Preguntas para el grupo|En pantalla:|Productos|Para profundizar|$)",
                           text)
        assert pasos, pagina
        for bloque in pasos:
            assert not PHYSICAL.search(bloque), (pagina, PHYSICAL.search(bloque).group(0), bloque[:200])


def test_every_step_of_the_methodology_reads_online_without_paper():
    """Every step, in its online wording, asks for nothing that only exists in a room."""
    metodologia = load_methodology()
    for clave in metodologia.programme.orden_sesiones:
        for item in metodologia.carta(clave).actividades:
            for n, paso in enumerate(item.steps_for(True), start=1):
                assert not PHYSICAL.search(paso), (clave, item.id, n, paso)
            assert item.steps_for(False) == item.pasos


def test_in_person_full_day_says_the_handbook_added_the_meal(basic_webinar):
    site = basic_webinar.site_dir
    # Session 3 is in person here but half a day: no meal. The example's sessions 1 and 2 are full days.
    assert "agregada por el manual" not in _text(site, "sesiones/sesion-3.html")
    assert "pausa sugerida a las" in _text(site, "sesiones/sesion-3.html")


def test_example_full_days_get_their_meal_and_pauses(example_site):
    text = _text(example_site, "sesiones/sesion-2.html")
    for row in ["10:45–12:30 105 Mapeo del sistema actual y del sistema ideal (antes de la comida)",
                "12:30–13:30 60 Comida (agregada por el manual)",
                "13:30–16:45 195 Mapeo del sistema actual y del sistema ideal (después de la comida) · "
                "pausa sugerida a las 15:00",
                "el manual agregó 1 h de comida de 12:30 a 13:30"]:
        assert row in text, row
    uno = _text(example_site, "sesiones/sesion-1.html")
    assert "Comida (agregada por el manual)" in uno and "Horario 09:00–17:15" in uno
