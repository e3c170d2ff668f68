"""Webinar modality: online blocks, the webinar format for expositions, and the plan's choice."""

from __future__ import annotations

import pytest

from generator.plan.clock import a_minutos
from generator.plan.handbook import plan_handbook
from generator.contract.validation import validate_file
from generator.plan.webinar import agenda_en_linea, reparto_exposicion

from conftest import HEAD_TEXT
from test_agenda import SOURCE_MINUTES


def _resumen(agenda):
    """Each step as text: blocks with their parts, pauses with what they stand for."""
    out = []
    for paso in agenda.secuencia:
        if paso.tipo == "bloque":
            partes = ", ".join(f"{t.item.id} {t.inicio}-{t.fin}" + (f" ({t.parte}/{t.partes})" if t.partes > 1 else "")
                               for t in paso.tramos)
            out.append(f"B{paso.numero} {paso.inicio}-{paso.fin}: {partes}")
        else:
            out.append(f"pausa {paso.inicio}-{paso.fin}" + (f" {paso.item.id}" if paso.item else ""))
    return out


def test_session_3_in_three_blocks_from_its_calendar_start(metodologia):
    programa = metodologia.programa
    agenda = agenda_en_linea(metodologia.carta(3), "16:00", programa.ajustes, programa.webinar)
    assert _resumen(agenda) == [
        "B1 16:00-18:00: ruta-critica-conceptos 16:00-18:00",
        "pausa 18:00-18:15",
        "B2 18:15-20:15: ruta-critica-aplicacion 18:15-20:15",
        "pausa 20:15-20:30",
        "B3 20:30-21:00: cierre-reflexion 20:30-21:00",
    ]
    assert (agenda.inicio, agenda.fin, agenda.minutos_en_linea) == ("16:00", "21:00", 270)
    # The 120-minute exposition follows the webinar format: 2' and 5' kept, 20:30 for the rest.
    momentos = agenda.bloques[0].tramos[0].momentos
    assert [(m.minutos, m.inicio, m.fin) for m in momentos] == [
        (2, "16:00", "16:02"), (45, "16:02", "16:47"), (68, "16:47", "17:55"), (5, "17:55", "18:00")]
    assert momentos[0].titulo == programa.webinar.formato_exposicion[0].momento


def test_a_long_activity_is_divided_and_carta_breaks_stay(metodologia):
    programa = metodologia.programa
    agenda = agenda_en_linea(metodologia.carta(2), None, programa.ajustes, programa.webinar)
    assert _resumen(agenda) == [
        "B1 09:00-10:30: sistema-local 09:00-10:00, mapeo-5rs 10:00-10:30",
        "pausa 10:30-10:45 receso-cafe",  # the carta's break, with the default 15 minutes
        "B2 10:45-12:45: sistema-actual-ideal 10:45-12:45 (1/3)",
        "pausa 12:45-13:00",
        "B3 13:00-15:00: sistema-actual-ideal 13:00-15:00 (2/3)",
        "pausa 15:00-15:15",
        "B4 15:15-16:45: sistema-actual-ideal 15:15-16:15 (3/3), cierre-reflexion 16:15-16:45",
    ]
    item = metodologia.carta(2).actividades[3]
    assert [(b.numero, t.minutos) for b, t in agenda.tramos_de(item)] == [(2, 120), (3, 120), (4, 60)]


def test_session_5_keeps_its_meal_as_the_pause(metodologia):
    programa = metodologia.programa
    agenda = agenda_en_linea(metodologia.carta(5), "09:00", programa.ajustes, programa.webinar)
    pausas = [p for p in agenda.secuencia if p.tipo == "pausa"]
    assert [(p.item.id, p.minutos) for p in pausas] == [("receso-manana", 15), ("comida", 45), ("receso-tarde", 10)]


@pytest.mark.parametrize("clave", list(SOURCE_MINUTES))
@pytest.mark.parametrize("maximo", [120, 90, 45])
def test_every_session_splits_into_blocks_that_respect_the_setting(metodologia, clave, maximo):
    programa = metodologia.programa
    ajustes = programa.ajustes.model_copy(update={"minutos_max_bloque_webinar": maximo})
    carta = metodologia.carta(clave)
    agenda = agenda_en_linea(carta, "08:30", ajustes, programa.webinar)
    pasos = agenda.secuencia
    assert pasos[0].tipo == pasos[-1].tipo == "bloque"
    # Blocks and pauses alternate; the clock runs on without gaps.
    assert all(a.tipo != b.tipo for a, b in zip(pasos, pasos[1:]))
    assert all(a_minutos(a.fin) == a_minutos(b.inicio) for a, b in zip(pasos, pasos[1:]))
    assert agenda.inicio == "08:30" and agenda.fin == pasos[-1].fin
    for bloque in agenda.bloques:
        assert 0 < bloque.minutos <= maximo
        assert bloque.minutos == sum(t.minutos for t in bloque.tramos)
        for tramo in bloque.tramos:
            assert sum(m.minutos for m in tramo.momentos) in (0, tramo.minutos)
    # Every activity appears, in order, with all its minutes from the source.
    actividades = [i for i in carta.actividades if i.tipo == "actividad"]
    vistos = []
    for bloque in agenda.bloques:
        for tramo in bloque.tramos:
            if not vistos or vistos[-1] != tramo.item.id:
                vistos.append(tramo.item.id)
    assert vistos == [i.id for i in actividades]
    for item in actividades:
        assert sum(t.minutos for _, t in agenda.tramos_de(item)) == item.minutos


def test_webinar_format_stretches_only_the_flexible_moments(metodologia):
    formato = metodologia.programa.webinar.formato_exposicion
    assert [m for _, m in reparto_exposicion(57, formato)] == [2, 20, 30, 5]  # the source webinar
    for minutos in (20, 40, 60, 61, 119, 120, 300):
        reparto = [m for _, m in reparto_exposicion(minutos, formato)]
        assert sum(reparto) == minutos and reparto[0] == 2 and reparto[-1] == 5
        assert reparto[2] >= reparto[1]  # questions keep more time than the talk


def test_short_expositions_keep_a_single_slot(metodologia):
    programa = metodologia.programa
    agenda = agenda_en_linea(metodologia.carta("mapeo"), None, programa.ajustes, programa.webinar)
    explicacion = next(i for i in metodologia.carta("mapeo").actividades if i.id == "explicacion-mapeo")
    assert explicacion.formato == "exposicion" and explicacion.minutos < programa.webinar.minutos_minimos_formato
    assert agenda.tramos_de(explicacion)[0][1].momentos == ()


def test_plan_applies_webinar_per_organization_or_per_session(write_org, metodologia):
    text = HEAD_TEXT + """\
nivel: basico
modalidad: webinar
tiene_mapa_sistema: true
calendario:
  - sesion: 1
    fecha: 2027-03-01
    inicio: "10:00"
    enlace: https://reunion.example.org/s1
  - sesion: 2
    fecha: 2027-03-08
    modalidad: presencial
    lugar: Casa de la cultura
"""
    manual = plan_handbook(validate_file(write_org(text), metodologia), metodologia)
    por_clave = {s.clave: s for s in manual.sesiones}
    assert por_clave[1].en_linea is not None and por_clave[2].en_linea is None
    assert por_clave[4].en_linea is not None  # no calendar entry: the organization's modality
    assert (por_clave[1].hora_inicio, por_clave[1].hora_fin) == ("10:00", "17:45")
    assert por_clave[1].minutos_totales == 465
    assert por_clave[2].hora_fin == por_clave[2].agenda.fin
    # Online checklists hold online resources only; in person, the physical materials.
    assert "Plataforma de videollamada con chat y pantalla compartida" in {m.nombre for m in por_clave[1].materiales}
    assert "Servicio de café" in por_clave[1].solo_presenciales
    assert "Servicio de café" in {m.nombre for m in por_clave[2].materiales}
