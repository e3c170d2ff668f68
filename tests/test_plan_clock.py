"""Timed agendas and materials checklists of the cartas descriptivas."""

from __future__ import annotations

import itertools

import pytest

from pydantic import ValidationError

from generator.plan.clock import (agenda_of, duracion, work_groups, hhmm, materials_list,
                              programme_materials, in_person_only)
from generator.methodology.models import CartaDescriptiva

# Minutes of each item as the source gives them (None: a coffee break without a duration).
SOURCE_MINUTES = {
    1: [60, 60, None, 120, 60, 120],
    2: [60, 30, None, 300, 30],
    3: [120, 120, 30],
    4: [10, 30, 10, 40, 10, 30, 10, 40, 10, 40],
    5: [30, 60, 15, 60, 45, 45, 60, 45, 10, 60, 10],
    6: [5, 10, 45, 20, 30, 10, 150, 15],
    "mapeo": [10, 5, 45, 30, 15, 60, 15, 30, 45, 30, 10],
}


@pytest.mark.parametrize("clave", list(SOURCE_MINUTES))
@pytest.mark.parametrize("inicio", ["09:00", "16:30"])
def test_every_item_has_its_clock_times(metodologia, clave, inicio):
    carta = metodologia.carta(clave)
    assert [a.minutos for a in carta.actividades] == SOURCE_MINUTES[clave]
    ajustes = metodologia.programme.ajustes
    agenda = agenda_of(carta, inicio, ajustes)
    minutes = [m if m is not None else ajustes.minutos_receso_sin_duracion for m in SOURCE_MINUTES[clave]]
    h, m = map(int, inicio.split(":"))
    starts = [h * 60 + m + s for s in itertools.accumulate([0] + minutes[:-1])]
    assert [(f.inicio, f.fin) for f in agenda.slots] == [(hhmm(s), hhmm(s + d)) for s, d in zip(starts, minutes)]
    assert agenda.inicio == inicio
    assert agenda.fin == hhmm(h * 60 + m + sum(minutes))
    assert agenda.minutos == sum(minutes)


def test_default_start_and_break_length_are_settings(metodologia):
    ajustes = metodologia.programme.ajustes
    assert (ajustes.inicio_por_omision, ajustes.minutos_receso_sin_duracion) == ("09:00", 15)
    agenda = agenda_of(metodologia.carta(1), None, ajustes)
    assert [(f.inicio, f.fin, f.assumed_duration) for f in agenda.slots[:4]] == [
        ("09:00", "10:00", False), ("10:00", "11:00", False), ("11:00", "11:15", True), ("11:15", "13:15", False)]
    longer = agenda_of(metodologia.carta(1), None, ajustes.model_copy(update={"minutos_receso_sin_duracion": 20}))
    assert longer.fin == "16:20"


@pytest.mark.parametrize("clave, total, nominal, differs", [
    (1, 435, 480, True),    # 7 h 15 min written against 8 h announced
    (3, 270, 240, True),
    (4, 230, 240, False),   # 10 minutes short: within the 15-minute tolerance
    (6, 285, 240, True),
])
def test_agenda_length_against_the_announced_hours(metodologia, clave, total, nominal, differs):
    agenda = agenda_of(metodologia.carta(clave), "09:00", metodologia.programme.ajustes)
    assert (agenda.minutos, agenda.nominal_minutes, agenda.differs) == (total, nominal, differs)


def test_durations_read_like_a_person_would_say_them():
    assert [duracion(m) for m in (285, 240, 45, 60, 0)] == ["4 h 45 min", "4 h", "45 min", "1 h", "0 min"]


def _carta(**extra) -> CartaDescriptiva:
    return CartaDescriptiva.model_validate({
        "clave": 1, "titulo": "t", "componente": "creacion_capacidades", "objetivo": "o",
        "materiales_generales": [{"nombre": "Plumones", "cantidad": 10, "en_linea": "herramientas de texto"},
                                 {"nombre": "Servicio de café", "solo_presencial": True}],
        "actividades": [
            {"id": "a", "titulo": "A", "minutos": 30, "formato": "trabajo_grupal",
             "materiales": [{"nombre": "Rotafolio", "cantidad": 1, "por": "grupo", "en_linea": "pizarra compartida"},
                            {"nombre": "plumones", "cantidad": 2, "en_linea": "herramientas de texto"}]},
            {"id": "b", "titulo": "B", "minutos": 30,
             "materiales": [{"nombre": "Rotafolio", "cantidad": 2, "por": "grupo", "en_linea": "Pizarra compartida"},
                            {"nombre": "Tarjetas", "cantidad": 3, "por": "participante", "en_linea": "tarjetas digitales"},
                            {"nombre": "Tarjetas", "cantidad": 1, "por": "participante", "en_linea": "tarjetas digitales"},
                            {"nombre": "Masking tape", "solo_presencial": True}]},
        ], **extra})


def test_materials_merge_by_name_and_multiply_per_group_and_person(metodologia):
    ajustes = metodologia.programme.ajustes
    assert work_groups(12, ajustes) == 3 and work_groups(0, ajustes) == 0
    assert work_groups(5, ajustes) == 1
    lista = {m.nombre: m for m in materials_list(_carta(), 12, ajustes)}
    assert list(lista) == ["Plumones", "Servicio de café", "Rotafolio", "Tarjetas", "Masking tape"]
    assert lista["Plumones"].cantidad == 12 and lista["Plumones"].actividades == ("A",)
    # Flip charts are used up: (1 + 2) per group × 3 groups of up to 5 people.
    assert lista["Rotafolio"].cantidad == 9
    assert lista["Rotafolio"].detail == "1 por grupo × 3 grupos + 2 por grupo × 3 grupos"
    assert lista["Rotafolio"].en_linea == "pizarra compartida"
    # A personal item stays with its owner: the most one activity asks, not the sum.
    assert lista["Tarjetas"].cantidad == 36
    assert lista["Tarjetas"].detail == "3 por participante × 12 + 1 por participante × 12"
    assert lista["Servicio de café"].cantidad is None
    uno = {m.nombre: m for m in materials_list(_carta(), 5, ajustes)}
    assert uno["Rotafolio"].detail == "1 por grupo × 1 grupo + 2 por grupo × 1 grupo"


def test_materials_without_participants_keep_the_rule(metodologia):
    lista = {m.nombre: m for m in materials_list(_carta(), 0, metodologia.programme.ajustes)}
    assert lista["Rotafolio"].cantidad is None
    assert lista["Rotafolio"].detail == "1 por grupo de trabajo + 2 por grupo de trabajo"
    assert lista["Tarjetas"].cantidad is None and lista["Tarjetas"].detail.startswith("3 por participante")


def test_online_materials_replace_physical_ones(metodologia):
    programme = metodologia.programme
    carta = _carta()
    lista = {m.nombre: m for m in materials_list(carta, 12, programme.ajustes, programme.webinar)}
    recursos = [r.nombre for r in programme.webinar.recursos]
    # The programme's online resources come first; rooms only because activity A is group work.
    assert list(lista)[:len(recursos)] == recursos
    assert lista["Salas para grupos"].cantidad == 3 and lista["Salas para grupos"].actividades == ("A",)
    dos = _carta(actividades=[{"id": x, "titulo": x, "minutos": 30, "formato": "trabajo_grupal"} for x in "ab"])
    salas = {m.nombre: m for m in materials_list(dos, 12, programme.ajustes, programme.webinar)}["Salas para grupos"]
    assert (salas.cantidad, salas.actividades) == (3, ("a", "b"))  # the same rooms serve both
    # Each material becomes its online equivalent, merged by that name (accents and case aside).
    assert lista["Pizarra compartida"].replaces == ("Rotafolio",)
    assert lista["Pizarra compartida"].actividades == ("A", "B")
    assert lista["Herramientas de texto"].replaces == ("Plumones", "plumones")
    assert lista["Tarjetas digitales"].cantidad is None
    assert not {"Servicio de café", "Masking tape", "Rotafolio", "Plumones"} & set(lista)
    assert in_person_only(carta) == ["Servicio de café", "Masking tape"]
    sin_grupos = _carta(actividades=[{"id": "a", "titulo": "A", "minutos": 30, "formato": "exposicion"}])
    assert "Salas para grupos" not in {m.nombre for m in materials_list(sin_grupos, 12, programme.ajustes, programme.webinar)}


def test_every_material_of_the_methodology_says_what_replaces_it_online():
    with pytest.raises(ValidationError, match="either en_linea or solo_presencial"):
        _carta(materiales_generales=[{"nombre": "Rotafolio"}])
    with pytest.raises(ValidationError, match="either en_linea or solo_presencial"):
        _carta(materiales_generales=[{"nombre": "Rotafolio", "en_linea": "pizarra", "solo_presencial": True}])


def test_programme_list_gathers_sessions_and_keeps_the_largest_figure(metodologia):
    ajustes = metodologia.programme.ajustes
    s1 = materials_list(_carta(), 12, ajustes)
    s2 = materials_list(_carta(materiales_generales=[{"nombre": "PLUMONES", "cantidad": 20, "en_linea": "x"}]), 12, ajustes)
    programme = {m.nombre: m for m in programme_materials([("uno", s1), ("dos", s2)])}
    assert [s for s, _ in programme["Plumones"].uses] == ["uno", "dos"]
    assert [linea.cantidad for _, linea in programme["Plumones"].uses] == [12, 22]
    assert programme["Plumones"].maximum == 22
    assert programme["Servicio de café"].maximum is None


def test_full_days_get_a_meal_near_the_middle_of_the_day(metodologia):
    ajustes = metodologia.programme.ajustes
    # Session 1: the meal goes at the activity boundary nearest the middle of the day.
    uno = agenda_of(metodologia.carta(1), None, ajustes, add_meal=True)
    comida = uno.added_meal
    assert (comida.item.tipo, comida.minutos, comida.inicio, comida.fin) == ("comida", 60, "13:15", "14:15")
    assert comida.item.titulo == ajustes.titulo_comida
    i = uno.slots.index(comida)
    assert uno.slots[i - 1].item.tipo == uno.slots[i + 1].item.tipo == "actividad"
    assert uno.minutos == agenda_of(metodologia.carta(1), None, ajustes).minutos + 60
    # Session 2: no boundary near the middle, so its 300-minute activity is cut around the meal.
    dos = agenda_of(metodologia.carta(2), None, ajustes, add_meal=True)
    partes = [(f.inicio, f.fin, f.part) for f in dos.slots if f.item.id == "sistema-actual-ideal"]
    assert partes == [("10:45", "12:30", 1), ("13:30", "16:45", 2)]
    assert (dos.added_meal.inicio, dos.added_meal.fin) == ("12:30", "13:30")
    assert sum(f.minutos for f in dos.slots if f.item.id == "sistema-actual-ideal") == 300
    # The meal length is a setting; a carta with its own meal, or a half day, gets none.
    corta = ajustes.model_copy(update={"minutos_comida": 45})
    assert agenda_of(metodologia.carta(1), None, corta, add_meal=True).added_meal.minutos == 45
    assert agenda_of(metodologia.carta(5), None, ajustes, add_meal=True).added_meal is None
    assert agenda_of(metodologia.carta(3), None, ajustes, add_meal=True).added_meal is None
    assert agenda_of(metodologia.carta(1), None, ajustes).added_meal is None


def test_long_activities_show_suggested_pauses(metodologia):
    ajustes = metodologia.programme.ajustes
    dos = agenda_of(metodologia.carta(2), "09:00", ajustes)
    larga = next(f for f in dos.slots if f.item.id == "sistema-actual-ideal")
    assert (larga.inicio, larga.minutos) == ("10:45", 300)
    assert larga.suggested_pauses == ("12:15", "13:45", "15:15")
    corta = next(f for f in dos.slots if f.item.id == "mapeo-5rs")
    assert corta.suggested_pauses == ()
    cada_hora = ajustes.model_copy(update={"minutos_actividad_sin_pausa": 60})
    assert len(next(f for f in agenda_of(metodologia.carta(2), "09:00", cada_hora).slots
                    if f.item.id == "sistema-actual-ideal").suggested_pauses) == 4
