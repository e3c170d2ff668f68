"""Webinar modality: online blocks, the webinar format for expositions, and the plan's choice."""

from __future__ import annotations

import pytest

from generator.plan.clock import to_minutes
from generator.plan.handbook import plan_handbook
from generator.contract.validation import validate_file
from generator.plan.webinar import online_agenda, talk_split

from conftest import HEAD_TEXT
from test_plan_clock import SOURCE_MINUTES


def _resumen(agenda):
    """Each step as text: blocks with their parts, pauses with what they stand for."""
    out = []
    for paso in agenda.full_sequence:
        if paso.tipo == "bloque":
            partes = ", ".join(f"{t.item.id} {t.inicio}-{t.fin}" + (f" ({t.parte}/{t.partes})" if t.partes > 1 else "")
                               for t in paso.tramos)
            out.append(f"B{paso.numero} {paso.inicio}-{paso.fin}: {partes}")
        else:
            out.append(f"pausa {paso.inicio}-{paso.fin}" + (f" {paso.item.id}" if paso.item else ""))
    return out


def test_session_3_over_two_days_with_the_closing_in_company(metodologia):
    programme = metodologia.programme
    agenda = online_agenda(metodologia.carta(3), "16:00", programme.ajustes, programme.webinar)
    # 270 minutes on screen do not fit in one day of 4 h: two days, each from 16:00; the
    # closing shares its block with the second half of the application exercise.
    assert [_resumen_dia(d) for d in agenda.days] == [
        ["B1 16:00-18:00: ruta-critica-conceptos 16:00-18:00",
         "pausa 18:00-18:15",
         "B2 18:15-19:15: ruta-critica-aplicacion 18:15-19:15 (1/2)"],
        ["B3 16:00-17:30: ruta-critica-aplicacion 16:00-17:00 (2/2), cierre-reflexion 17:00-17:30"],
    ]
    assert (agenda.inicio, agenda.fin, agenda.online_minutes) == ("16:00", "17:30", 270)
    # The 120-minute exposition follows the webinar format: 2' opening, rounds of talk and
    # questions of about 20' and 30', 5' closing.
    moments = agenda.online_blocks[0].tramos[0].moments
    assert [(m.minutos, m.inicio, m.fin) for m in moments] == [
        (2, "16:00", "16:02"), (15, "16:02", "16:17"), (23, "16:17", "16:40"), (15, "16:40", "16:55"),
        (23, "16:55", "17:18"), (15, "17:18", "17:33"), (22, "17:33", "17:55"), (5, "17:55", "18:00")]
    assert moments[0].titulo == programme.webinar.formato_exposicion[0].momento


def _resumen_dia(day):
    return _resumen(type("A", (), {"full_sequence": day.sequence})())


@pytest.mark.parametrize("clave", list(SOURCE_MINUTES))
def test_expositions_follow_the_webinar_pattern(metodologia, clave):
    """2' opening and 5' closing, and no talk or round of questions much longer than 20' and 30'."""
    programme = metodologia.programme
    formato = programme.webinar.formato_exposicion
    agenda = online_agenda(metodologia.carta(clave), None, programme.ajustes, programme.webinar)
    for bloque in agenda.online_blocks:
        for tramo in bloque.tramos:
            if not tramo.moments:
                continue
            titulos = [m.titulo for m in tramo.moments]
            assert titulos[0] == formato[0].momento and titulos[-1] == formato[-1].momento
            assert (tramo.moments[0].minutos, tramo.moments[-1].minutos) == (2, 5)
            for m in tramo.moments[1:-1]:
                limit = next(f.minutos for f in formato if f.momento == m.titulo)
                assert m.minutos <= limit * 1.1 + 1, (clave, tramo.item.id, m)


@pytest.mark.parametrize("clave", list(SOURCE_MINUTES))
@pytest.mark.parametrize("dia", [240, 180, 120])
def test_no_online_day_passes_the_setting_and_the_closing_never_stands_alone(metodologia, clave, dia):
    programme = metodologia.programme
    ajustes = programme.ajustes.model_copy(update={"minutos_max_dia_webinar": dia})
    carta = metodologia.carta(clave)
    agenda = online_agenda(carta, "09:00", ajustes, programme.webinar)
    for day in agenda.days:
        assert 0 < day.screen_minutes <= day.span_minutes <= dia
        assert to_minutes(day.end) - to_minutes(day.start) == day.span_minutes
        assert day.start == "09:00" and day.sequence[0].tipo == day.sequence[-1].tipo == "bloque"
    cierre = [i for i in carta.actividades if i.tipo == "actividad"][-1]
    ultimo = agenda.online_blocks[-1]
    assert ultimo.tramos[-1].item == cierre
    if len(agenda.online_blocks) > 1 and cierre.minutos <= ajustes.minutos_max_bloque_webinar / 2:
        assert len(ultimo.tramos) > 1, "the closing stands alone in its block"


def test_days_take_the_given_dates_or_propose_working_days(metodologia):
    from datetime import date
    from generator.plan.webinar import dated
    programme = metodologia.programme
    agenda = online_agenda(metodologia.carta(3), None, programme.ajustes, programme.webinar)
    assert len(agenda.days) == 2
    friday = date(2027, 3, 5)
    propuesto = dated(agenda, friday, [])
    assert [(d.date, d.proposed) for d in propuesto.days] == [(friday, False), (date(2027, 3, 8), True)]
    dadas = dated(agenda, friday, [friday, date(2027, 3, 10)])
    assert [(d.date, d.proposed) for d in dadas.days] == [(friday, False), (date(2027, 3, 10), False)]
    assert [d.date for d in dated(agenda, None, []).days] == [None, None]


def test_a_long_activity_is_divided_and_carta_breaks_stay(metodologia):
    programme = metodologia.programme
    un_dia = programme.ajustes.model_copy(update={"minutos_max_dia_webinar": 1000})  # blocks only
    agenda = online_agenda(metodologia.carta(2), None, un_dia, programme.webinar)
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
    assert [(b.numero, t.minutos) for b, t in agenda.stretches_of(item)] == [(2, 120), (3, 120), (4, 60)]


def test_session_5_keeps_its_meal_as_the_pause(metodologia):
    programme = metodologia.programme
    un_dia = programme.ajustes.model_copy(update={"minutos_max_dia_webinar": 1000})  # blocks only
    agenda = online_agenda(metodologia.carta(5), "09:00", un_dia, programme.webinar)
    pausas = [p for p in agenda.full_sequence if p.tipo == "pausa"]
    assert [(p.item.id, p.minutos) for p in pausas] == [("receso-manana", 15), ("comida", 45), ("receso-tarde", 10)]


@pytest.mark.parametrize("clave", list(SOURCE_MINUTES))
@pytest.mark.parametrize("maximum", [120, 90, 45])
def test_every_session_splits_into_blocks_that_respect_the_setting(metodologia, clave, maximum):
    programme = metodologia.programme
    ajustes = programme.ajustes.model_copy(update={"minutos_max_bloque_webinar": maximum})
    carta = metodologia.carta(clave)
    agenda = online_agenda(carta, "08:30", ajustes, programme.webinar)
    for day in agenda.days:
        pasos = day.sequence
        assert pasos[0].tipo == pasos[-1].tipo == "bloque"
        # Blocks and pauses alternate; the clock runs on without gaps within a day.
        assert all(a.tipo != b.tipo for a, b in zip(pasos, pasos[1:]))
        assert all(to_minutes(a.fin) == to_minutes(b.inicio) for a, b in zip(pasos, pasos[1:]))
        assert day.start == "08:30" and day.end == pasos[-1].fin
    assert agenda.inicio == "08:30" and agenda.fin == agenda.days[-1].end
    for bloque in agenda.online_blocks:
        assert 0 < bloque.minutos <= maximum
        assert bloque.minutos == sum(t.minutos for t in bloque.tramos)
        for tramo in bloque.tramos:
            assert sum(m.minutos for m in tramo.moments) in (0, tramo.minutos)
    # Every activity appears, in order, with all its minutes from the source.
    actividades = [i for i in carta.actividades if i.tipo == "actividad"]
    vistos = []
    for bloque in agenda.online_blocks:
        for tramo in bloque.tramos:
            if not vistos or vistos[-1] != tramo.item.id:
                vistos.append(tramo.item.id)
    assert vistos == [i.id for i in actividades]
    for item in actividades:
        assert sum(t.minutos for _, t in agenda.stretches_of(item)) == item.minutos


def test_webinar_format_stretches_only_the_flexible_moments(metodologia):
    formato = metodologia.programme.webinar.formato_exposicion
    assert [m for _, m in talk_split(57, formato)] == [2, 20, 30, 5]  # the source webinar
    for minutos in (20, 40, 60, 61, 119, 120, 300):
        reparto = [m for _, m in talk_split(minutos, formato)]
        assert sum(reparto) == minutos and reparto[0] == 2 and reparto[-1] == 5
        assert reparto[2] >= reparto[1]  # questions keep more time than the talk


def test_short_expositions_keep_a_single_slot(metodologia):
    programme = metodologia.programme
    agenda = online_agenda(metodologia.carta("mapeo"), None, programme.ajustes, programme.webinar)
    explicacion = next(i for i in metodologia.carta("mapeo").actividades if i.id == "explicacion-mapeo")
    assert explicacion.formato == "exposicion" and explicacion.minutos < programme.webinar.minutos_minimos_formato
    assert agenda.stretches_of(explicacion)[0][1].moments == ()


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
    handbook = plan_handbook(validate_file(write_org(text), metodologia), metodologia)
    por_clave = {s.clave: s for s in handbook.sesiones}
    assert por_clave[1].en_linea is not None and por_clave[2].en_linea is None
    assert por_clave[4].en_linea is not None  # no calendar entry: the organization's modality
    # Seven hours on screen no longer make one day: days of at most 4 h, pauses included,
    # each from 10:00, the next ones on the following working days, proposed.
    assert (por_clave[1].start_time, por_clave[1].end_time) == ("10:00", "12:00")
    assert por_clave[1].total_minutes == 120
    from datetime import date
    assert [(d.date, d.proposed, d.start, d.end) for d in por_clave[1].days] == [
        (date(2027, 3, 1), False, "10:00", "12:00"), (date(2027, 3, 2), True, "10:00", "13:15"),
        (date(2027, 3, 3), True, "10:00", "12:00")]
    assert por_clave[2].end_time == por_clave[2].agenda.fin
    # Online checklists hold online resources only; in person, the physical materials.
    assert "Plataforma de videollamada con chat y pantalla compartida" in {m.nombre for m in por_clave[1].materiales}
    assert "Servicio de café" in por_clave[1].in_person_only
    assert "Servicio de café" in {m.nombre for m in por_clave[2].materiales}
