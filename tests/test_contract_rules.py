"""The rules across fields (``generator.contract.rules``): each registered rule is triggered by a test here,
and rules keep reporting when other sections of the file are refused."""

from __future__ import annotations

import pytest

from generator.exceptions import InvalidOrganization
from generator.contract.rules import RULES, SectionRefused, Unvalidated
from generator.contract.validation import validate_file

HEAD = """\
organizacion:
  nombre: Colectivo
  mision: Vigilar el gasto.
nivel: basico
"""
MAP = HEAD + "mapa_sistema:\n  actores:\n    - nombre: Cámara de Comercio\n"


def problems(write_org, text: str):
    """(line, column, severity, path, message) of every diagnostic; [] when valid."""
    try:
        found = validate_file(write_org(text)).warnings
    except InvalidOrganization as exc:
        found = exc.diagnostics
    return [(d.line, d.column, d.severity, d.path, d.message) for d in found]


#: Every rule, with a file that breaks it and nothing else, and what it reports.
TRIGGERS = {
    "actor_names_are_unique": (
        HEAD + "mapa_sistema:\n  actores:\n    - nombre: Cámara\n    - nombre: CAMARA\n",
        (8, 15, "error", "mapa_sistema.actores[1].nombre",
         "el actor 'CAMARA' está repetido (ya aparece en mapa_sistema.actores[0], línea 7)")),
    "actors_have_at_most_three_roles": (
        HEAD + "mapa_sistema:\n  actores:\n    - nombre: A\n      roles: [a, b, c, d]\n",
        (8, 14, "aviso", "mapa_sistema.actores[0].roles", "4 roles; la metodología sugiere no más de 3")),
    "allies_are_mapped_actors": (
        MAP + "aliados_potenciales:\n  - actor: Camara de Comerci\n",
        (9, 12, "error", "aliados_potenciales[0].actor",
         "'Camara de Comerci' no es un actor del mapa; ¿quisiste decir 'Cámara de Comercio'?")),
    "follow_up_changes_name_mapped_actors": (
        MAP + "  seguimientos:\n    - etapa: final\n      cambios:\n        - actor: Iglesia\n",
        (11, 18, "error", "mapa_sistema.seguimientos[0].cambios[0].actor", "'Iglesia' no es un actor del mapa")),
    "follow_ups_have_a_baseline": (
        HEAD + "mapa_sistema:\n  seguimientos:\n    - etapa: final\n",
        (7, 5, "aviso", "mapa_sistema.seguimientos",
         "hay seguimientos pero el mapa aún no tiene actores (su línea base); "
         "el manual los mostrará cuando mapa_sistema.actores tenga actores")),
    "activities_end_after_they_start": (
        HEAD + "plan_trabajo:\n  actividades:\n    - nombre: A\n      inicio: 2027-03-10\n      fin: 2027-03-01\n",
        (9, 12, "error", "plan_trabajo.actividades[0].fin",
         "la fecha de fin (2027-03-01) es anterior a la de inicio (2027-03-10)")),
    "sessions_are_scheduled_once": (
        HEAD + "calendario:\n  - sesion: mapeo\n  - sesion: Mapeo\n",
        (7, 13, "error", "calendario[1].sesion", "el taller de mapeo ya está en calendario[0]")),
    "mapping_workshop_only_without_a_map": (
        HEAD + "tiene_mapa_sistema: sí\ncalendario:\n  - sesion: mapeo\n",
        (7, 13, "aviso", "calendario[0].sesion",
         "el taller de mapeo (Anexo 3) no se incluye porque tiene_mapa_sistema es true")),
    "scheduled_sessions_are_in_the_programme": (
        HEAD + "calendario:\n  - sesion: 6\n",
        (6, 13, "aviso", "calendario[0].sesion",
         "la sesión 6 no forma parte de el nivel básico (sesiones 1, 2, 3, 4, 5)")),
    "session_dates_follow_session_order": (
        HEAD + "calendario:\n  - sesion: 2\n    fecha: 2027-02-04\n  - sesion: mapeo\n    fecha: 2027-02-11\n",
        (7, 12, "aviso", "calendario[0].fecha",  # the mapping workshop comes before every session
         "la sesión 2 (2027-02-04) queda antes que el taller de mapeo (2027-02-11); "
         "las fechas no siguen el orden de las sesiones")),
    "part_dates_start_on_the_session_date": (
        HEAD + "calendario:\n  - sesion: 3\n    fecha: 2027-02-04\n    fechas: [2027-02-05, 2027-02-08]\n",
        (8, 14, "error", "calendario[0].fechas[0]",
         "el primer día de las partes (2027-02-05) debe ser la fecha de la sesión (2027-02-04)")),
    "votes_fit_three_per_participant": (
        HEAD + "participantes:\n  - nombre: Ana\nplan_alianzas:\n  estrategias_prioritarias:\n"
               "    - estrategia: A\n      votos: 2\n    - estrategia: B\n      votos: 2\n",
        (9, 5, "aviso", "plan_alianzas.estrategias_prioritarias",
         "los votos suman 4, más de 3 por participante (1 participantes × 3 = 3)")),
}


def test_every_registered_rule_has_a_test_that_triggers_it():
    """A rule added without an entry in TRIGGERS (or an entry left for a removed rule) fails here."""
    assert [r.__name__ for r in RULES] == list(TRIGGERS)


def test_every_rule_says_what_it_checks_in_one_line():
    for r in RULES:
        assert r.__doc__ and "\n" not in r.__doc__.strip(), r.__name__


@pytest.mark.parametrize("name", list(TRIGGERS))
def test_each_rule_reports_its_problem_at_its_place(write_org, name):
    text, expected = TRIGGERS[name]
    assert problems(write_org, text) == [expected]


@pytest.mark.parametrize("name", list(TRIGGERS))
def test_each_rule_is_the_one_that_reports(write_org, monkeypatch, name):
    """Without the rule, its file is clean: the table checks the rule it names."""
    monkeypatch.setattr("generator.contract.rules.RULES", [r for r in RULES if r.__name__ != name])
    assert problems(write_org, TRIGGERS[name][0]) == []


def test_rules_run_on_the_sections_pydantic_accepted(write_org):
    # organizacion, nivel and modalidad are refused: the map and the allies still get checked.
    text = ("organizacion:\n  nombre: X\nnivel: experto\nmodalidad: hibrida\n"
            "mapa_sistema:\n  actores:\n    - nombre: A\n    - nombre: a\n"
            "aliados_potenciales:\n  - actor: B\n")
    found = problems(write_org, text)
    assert [(f[3], f[4]) for f in found[3:]] == [
        ("mapa_sistema.actores[1].nombre",
         "el actor 'a' está repetido (ya aparece en mapa_sistema.actores[0], línea 7)"),
        ("aliados_potenciales[0].actor", "'B' no es un actor del mapa")]


def test_a_rule_that_reads_a_refused_section_reports_nothing(write_org):
    # The map is refused (one actor's relation): the ally naming that actor is not "off the map".
    text = (HEAD + "mapa_sistema:\n  actores:\n    - nombre: Vecinos\n      relacion: amistosa\n"
            "aliados_potenciales:\n  - actor: Vecinos\n")
    assert [f[3] for f in problems(write_org, text)] == ["mapa_sistema.actores[0].relacion"]


def test_a_refused_level_leaves_the_other_calendar_rules_running(write_org):
    text = HEAD.replace("basico", "experto") + "calendario:\n  - sesion: 2\n  - sesion: 2\n"
    assert [f[3] for f in problems(write_org, text)] == ["nivel", "calendario[1].sesion"]


@pytest.mark.parametrize("use", [
    lambda s: s.actores, lambda s: list(s), lambda s: len(s), lambda s: bool(s), lambda s: 1 in s,
    lambda s: s[0], lambda s: s == "basico", lambda s: "basico" == s, lambda s: {s}, lambda s: f"{s}",
])
def test_a_refused_section_refuses_every_use(use):
    with pytest.raises(SectionRefused):
        use(Unvalidated("mapa_sistema"))


def test_a_section_validated_alone_is_the_section_of_the_whole_model():
    """``validation._accepted_sections`` validates each section on its own: that holds while the
    whole model has no validator of its own (one would be skipped) and gives the same values."""
    from generator.contract.models import OrganizationData
    from generator.contract.source import load_document
    from generator.contract.validation import _section_adapter

    from conftest import EXAMPLE

    decorators = OrganizationData.__pydantic_decorators__
    assert not (decorators.field_validators or decorators.model_validators or decorators.validators)
    # As typed by a person: these need the contract's own parsers (accents, case, sí/no).
    raw = {**load_document(EXAMPLE).data, "nivel": "Intermedio", "modalidad": "Webinar", "tiene_mapa_sistema": "sí"}
    context = {"org_dir": EXAMPLE.parent}
    whole = OrganizationData.model_validate(raw, context=context)
    for name in raw:
        assert _section_adapter(name).validate_python(raw[name], context=context) == getattr(whole, name), name
