"""Stage 1b: every rule of the contract (shared/ORG_DATA.md), with its message and place."""

from __future__ import annotations

import pytest
from PIL import Image

from generator.contract.models import Modality, Level, Relationship
from generator.exceptions import InvalidOrganization
from generator.contract.validation import validate_file

from conftest import EXAMPLE, MINIMAL

HEAD = """\
organizacion:
  nombre: Colectivo
  mision: Vigilar el gasto.
"""


def problems(write_org, text: str, slug: str = "colectivo"):
    """(line, column, severity, path, message) of every diagnostic; [] when valid."""
    path = write_org(text, slug)
    try:
        valid = validate_file(path)
        found = valid.warnings
    except InvalidOrganization as exc:
        found = exc.diagnostics
    return [(d.line, d.column, d.severity, d.path, d.message) for d in found]


def only(write_org, text: str):
    found = problems(write_org, text)
    assert len(found) == 1, found
    return found[0]


def test_minimal_file_is_valid_with_defaults(write_org):
    valid = validate_file(write_org(MINIMAL))
    assert valid.warnings == []
    data = valid.data
    assert data.nivel is Level.basico
    assert data.modalidad is Modality.presencial
    assert data.tiene_mapa_sistema is False
    assert data.impresion.papel.value == "carta"
    assert data.mapa_sistema is None


def test_example_organization_is_valid_without_warnings():
    valid = validate_file(EXAMPLE)
    assert valid.warnings == []
    assert valid.slug == "red-ciudadana"
    assert len(valid.data.mapa_sistema.actores) == 8


@pytest.mark.parametrize("written", ["Básico", "basico", "BÁSICO", " basico "])
def test_enumerations_ignore_accents_and_case(write_org, written):
    valid = validate_file(write_org(HEAD + f"nivel: {written}\n"))
    assert valid.data.nivel is Level.basico
    assert valid.data.nivel.etiqueta == "básico"


def test_enumeration_labels_keep_accents(write_org):
    valid = validate_file(write_org(HEAD + "nivel: basico\nmapa_sistema:\n  actores:\n"
                                    "    - nombre: A\n      relacion: DÉBIL\n      sector: Sociedad Civil\n"))
    actor = valid.data.mapa_sistema.actores[0]
    assert actor.relacion is Relationship.debil and actor.relacion.etiqueta == "débil"
    assert actor.sector.etiqueta == "sociedad civil"


# --------------------------------------------------------------------- errors


def test_missing_required_keys(write_org):
    found = problems(write_org, "organizacion:\n  nombre: X\n")
    assert (2, 3, "error", "organizacion.mision", "falta la clave obligatoria 'mision'") in found
    assert (1, 1, "error", "nivel", "falta la clave obligatoria 'nivel'") in found


def test_wrong_types(write_org):
    found = problems(write_org, HEAD + "nivel: basico\nparticipantes: Ana\nrecursos_propios:\n  a: b\n"
                                       "ecuacion_confianza:\n  credibilidad: mucha\n")
    assert (5, 16, "error", "participantes", "se esperaba una lista (elementos con '- '), no 'Ana'") in found
    assert (7, 3, "error", "recursos_propios", "se esperaba una lista (elementos con '- '), no una sección") in found
    assert (9, 17, "error", "ecuacion_confianza.credibilidad", "'mucha' no es un número entero") in found


def test_text_expected_not_a_list(write_org):
    assert only(write_org, "organizacion:\n  nombre: [a, b]\n  mision: x\nnivel: basico\n") == (
        2, 11, "error", "organizacion.nombre", "se esperaba un texto, no una lista")


def test_name_length(write_org):
    line, col, sev, path, msg = only(write_org, f"organizacion:\n  nombre: {'x' * 201}\n  mision: y\nnivel: basico\n")
    assert (line, col, path, msg) == (2, 11, "organizacion.nombre", "tiene 201 caracteres; el máximo es 200")


def test_invalid_enumeration_lists_the_options(write_org):
    text = HEAD + "nivel: basico\nmapa_sistema:\n  actores:\n    - nombre: A\n      relacion: amistosa\n"
    assert only(write_org, text) == (
        8, 17, "error", "mapa_sistema.actores[0].relacion",
        "'amistosa' no es una opción válida (fuerte, colaborativa, débil, conflictiva)")


def test_invalid_enumeration_suggests_the_closest(write_org):
    assert only(write_org, HEAD + "nivel: intermedo\n") == (
        4, 8, "error", "nivel", "'intermedo' no es una opción válida (básico, intermedio, avanzado); "
                                "¿quisiste decir 'intermedio'?")


def test_unknown_key_with_suggestion(write_org):
    text = "organizacion:\n  nombre: X\n  mision: Y\n  misión_2: Z\nnivel: basico\nmodalida: webinar\n"
    found = problems(write_org, text)
    assert (4, 3, "error", "organizacion.misión_2", "clave desconocida 'misión_2'; ¿quisiste decir 'mision'?") in found
    assert (6, 1, "error", "modalida", "clave desconocida 'modalida'; ¿quisiste decir 'modalidad'?") in found


def test_unknown_key_deep_in_a_list(write_org):
    text = HEAD + "nivel: basico\nplan_trabajo:\n  actividades:\n    - nombre: A\n      responsable: B\n"
    assert only(write_org, text) == (
        8, 7, "error", "plan_trabajo.actividades[0].responsable",
        "clave desconocida 'responsable'; ¿quisiste decir 'responsables'?")


def test_key_given_twice(write_org):
    assert only(write_org, HEAD + "nivel: basico\nnivel: avanzado\n") == (
        5, 1, "error", "nivel", "la clave 'nivel' está repetida (ya aparece en la línea 4); "
                                "YAML conservaría solo la última")


def test_duplicate_actor_names_ignore_accents_and_case(write_org):
    text = HEAD + "nivel: basico\nmapa_sistema:\n  actores:\n    - nombre: Cámara de Comercio\n" \
                  "    - nombre: CAMARA de comercio\n"
    assert only(write_org, text) == (
        8, 15, "error", "mapa_sistema.actores[1].nombre",
        "el actor 'CAMARA de comercio' está repetido (ya aparece en mapa_sistema.actores[0], línea 7)")


MAP = HEAD + "nivel: basico\nmapa_sistema:\n  actores:\n    - nombre: Cámara de Comercio\n"


def test_ally_must_name_an_actor_matching_loosely(write_org):
    assert problems(write_org, MAP + "aliados_potenciales:\n  - actor: '  camara DE comercio '\n") == []
    assert only(write_org, MAP + "aliados_potenciales:\n  - actor: Camara de Comerci\n") == (
        9, 12, "error", "aliados_potenciales[0].actor",
        "'Camara de Comerci' no es un actor del mapa; ¿quisiste decir 'Cámara de Comercio'?")


def test_ally_without_any_map(write_org):
    assert only(write_org, HEAD + "nivel: basico\naliados_potenciales:\n  - actor: Gobierno\n") == (
        6, 12, "error", "aliados_potenciales[0].actor",
        "'Gobierno' no es un actor del mapa (mapa_sistema.actores está vacío)")


def test_follow_up_change_must_name_an_actor(write_org):
    text = MAP + "  seguimientos:\n    - etapa: final\n      cambios:\n        - actor: Iglesia\n"
    assert only(write_org, text) == (
        11, 18, "error", "mapa_sistema.seguimientos[0].cambios[0].actor", "'Iglesia' no es un actor del mapa")


def test_end_before_start(write_org):
    text = HEAD + ("nivel: basico\nplan_trabajo:\n  actividades:\n    - nombre: A\n      inicio: 2027-03-10\n"
                   "      fin: 2027-03-01\n      subactividades:\n        - nombre: B\n"
                   "          inicio: 2027-03-05\n          fin: 2027-03-04\n")
    found = problems(write_org, text)
    assert found == [
        (9, 12, "error", "plan_trabajo.actividades[0].fin",
         "la fecha de fin (2027-03-01) es anterior a la de inicio (2027-03-10)"),
        (13, 16, "error", "plan_trabajo.actividades[0].subactividades[0].fin",
         "la fecha de fin (2027-03-04) es anterior a la de inicio (2027-03-05)"),
    ]


@pytest.mark.parametrize("line, expected", [
    ("    fecha: 2027-02-30", (7, 12, "calendario[0].fecha", "la fecha '2027-02-30' no existe en el calendario")),
    ("    fecha: 30/01/2027", (7, 12, "calendario[0].fecha", "'30/01/2027' no es una fecha con el formato AAAA-MM-DD")),
    ("    inicio: '25:00'", (7, 13, "calendario[0].inicio", "la hora '25:00' no existe (de 00:00 a 23:59)")),
    ("    inicio: nueve", (7, 13, "calendario[0].inicio", "'nueve' no es una hora con el formato HH:MM (24 horas)")),
])
def test_dates_and_times_that_do_not_exist(write_org, line, expected):
    text = HEAD + "nivel: basico\ncalendario:\n  - sesion: 1\n" + line + "\n"
    assert only(write_org, text) == (expected[0], expected[1], "error", expected[2], expected[3])


def test_unquoted_time_is_read_as_a_time(write_org):
    valid = validate_file(write_org(HEAD + "nivel: basico\ncalendario:\n  - sesion: 1\n    inicio: 9:30\n"))
    assert valid.data.calendario[0].inicio == "09:30"


def test_same_session_twice_in_calendar(write_org):
    text = HEAD + "nivel: basico\ncalendario:\n  - sesion: 2\n  - sesion: 1\n  - sesion: 2\n"
    assert only(write_org, text) == (8, 13, "error", "calendario[2].sesion", "la sesión 2 ya está en calendario[0]")


def test_session_must_exist(write_org):
    assert only(write_org, HEAD + "nivel: basico\ncalendario:\n  - sesion: 7\n") == (
        6, 13, "error", "calendario[0].sesion", "'7' no es una sesión (1 a 6, o mapeo)")
    assert only(write_org, HEAD + "nivel: basico\nsesiones_incluidas: [1, 9]\n") == (
        5, 25, "error", "sesiones_incluidas[1]", "'9' no es una sesión (de 1 a 6)")


@pytest.mark.parametrize("key, value, path, line, col", [
    ("sitio_web", "ftp://ejemplo.org", "organizacion.sitio_web", 4, 14),
    ("sitio_web", "javascript:alert(1)", "organizacion.sitio_web", 4, 14),
])
def test_web_address_scheme(write_org, key, value, path, line, col):
    text = HEAD + f"  {key}: '{value}'\nnivel: basico\n"
    assert only(write_org, text) == (
        line, col, "error", path, f"'{value}' debe ser una dirección que empiece con http:// o https://")


def test_video_call_link_scheme(write_org):
    text = HEAD + "nivel: basico\ncalendario:\n  - sesion: 1\n    enlace: file:///etc/passwd\n"
    assert only(write_org, text) == (
        7, 13, "error", "calendario[0].enlace",
        "'file:///etc/passwd' debe ser una dirección que empiece con http:// o https://")


def test_email_and_colour_formats(write_org):
    text = HEAD + ("  colores:\n    primario: verde\nnivel: basico\nequipo_facilitador:\n"
                   "  - nombre: Ana\n    correo: ana-arroba-ejemplo\n")
    assert problems(write_org, text) == [
        (5, 15, "error", "organizacion.colores.primario", "'verde' no es un color con el formato #RRGGBB"),
        (9, 13, "error", "equipo_facilitador[0].correo", "'ana-arroba-ejemplo' no es un correo electrónico válido"),
    ]


def test_votes_cannot_be_negative(write_org):
    text = HEAD + "nivel: basico\nplan_alianzas:\n  estrategias_prioritarias:\n    - estrategia: A\n      votos: -1\n"
    assert only(write_org, text) == (
        8, 14, "error", "plan_alianzas.estrategias_prioritarias[0].votos",
        "debe ser mayor o igual que 0 (se recibió -1)")


def test_trust_scores_between_1_and_10(write_org):
    text = HEAD + "nivel: basico\necuacion_confianza:\n  intimidad: 11\n"
    assert only(write_org, text) == (
        6, 14, "error", "ecuacion_confianza.intimidad", "debe ser menor o igual que 10 (se recibió 11)")


# --------------------------------------------------------------------- logo


def test_logo_inside_org_data_is_accepted(write_org, org_dir):
    Image.new("RGB", (4, 4), "red").save(org_dir / "logo.png")
    assert problems(write_org, HEAD + "  logo: logo.png\nnivel: basico\n") == []


@pytest.mark.parametrize("logo, setup, message", [
    ("../fuera.png", "outside",
     "el logo '../fuera.png' está fuera de la carpeta del archivo de la organización (org_data)"),
    ("/etc/passwd", None, "el logo '/etc/passwd' está fuera de la carpeta del archivo de la organización (org_data)"),
    ("no-existe.png", None, "no existe el archivo de logo 'no-existe.png'"),
    ("logo.gif", "gif", "el logo 'logo.gif' debe ser una imagen PNG, JPG o SVG"),
    ("falso.png", "fake", "el archivo 'falso.png' no es una imagen PNG válida"),
])
def test_logo_errors(write_org, org_dir, logo, setup, message):
    if setup == "outside":
        (org_dir.parent / "fuera.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    elif setup == "gif":
        (org_dir / "logo.gif").write_bytes(b"GIF89a")
    elif setup == "fake":
        (org_dir / "falso.png").write_text("no soy una imagen")
    assert only(write_org, HEAD + f"  logo: '{logo}'\nnivel: basico\n") == (
        4, 9, "error", "organizacion.logo", message)


def test_file_name_must_be_a_slug(write_org):
    found = problems(write_org, MINIMAL, slug="Red Ciudadana")
    assert found[0][:4] == (1, 1, "error", "(archivo)")
    assert "minúsculas" in found[0][4]


def test_all_errors_are_reported_at_once(write_org):
    text = ("organizacion:\n  nombre: X\nnivel: experto\nmodalidad: hibrida\n"
            "mapa_sistema:\n  actores:\n    - nombre: A\n    - nombre: a\n"
            "aliados_potenciales:\n  - actor: B\n")
    found = problems(write_org, text)
    assert [f[3] for f in found] == ["organizacion.mision", "nivel", "modalidad",
                                     "mapa_sistema.actores[1].nombre", "aliados_potenciales[0].actor"]


# --------------------------------------------------------------------- warnings


def test_more_than_three_roles_is_a_warning(write_org):
    text = HEAD + "nivel: basico\nmapa_sistema:\n  actores:\n    - nombre: A\n      roles: [a, b, c, d]\n"
    assert only(write_org, text) == (
        8, 14, "aviso", "mapa_sistema.actores[0].roles", "4 roles; la metodología sugiere no más de 3")


def test_votes_above_three_per_participant_is_a_warning(write_org):
    text = HEAD + ("nivel: basico\nparticipantes:\n  - nombre: Ana\n  - nombre: Luis\nplan_alianzas:\n"
                   "  estrategias_prioritarias:\n    - estrategia: A\n      votos: 4\n"
                   "    - estrategia: B\n      votos: 3\n")
    assert only(write_org, text) == (
        10, 5, "aviso", "plan_alianzas.estrategias_prioritarias",
        "los votos suman 7, más de 3 por participante (2 participantes × 3 = 6)")
    # Exactly three per person is fine; without participants there is nothing to compare.
    assert problems(write_org, text.replace("votos: 4", "votos: 3")) == []
    assert problems(write_org, text.replace("participantes:\n  - nombre: Ana\n  - nombre: Luis\n", "")) == []


def test_calendar_out_of_session_order_is_a_warning(write_org):
    text = HEAD + ("nivel: basico\ncalendario:\n  - sesion: 1\n    fecha: 2027-02-04\n"
                   "  - sesion: 3\n    fecha: 2027-02-11\n  - sesion: 2\n    fecha: 2027-02-18\n")
    assert only(write_org, text) == (
        9, 12, "aviso", "calendario[1].fecha",
        "la sesión 3 (2027-02-11) queda antes que la sesión 2 (2027-02-18); las fechas no siguen el orden de las sesiones")


def test_calendar_session_outside_the_level_is_a_warning(write_org):
    text = HEAD + "nivel: intermedio\ncalendario:\n  - sesion: 4\n"
    assert only(write_org, text) == (
        6, 13, "aviso", "calendario[0].sesion", "la sesión 4 no forma parte de el nivel intermedio (sesiones 1, 2, 3, 5)")
    override = HEAD + "nivel: intermedio\nsesiones_incluidas: [1, 4]\ncalendario:\n  - sesion: 5\n"
    assert only(write_org, override) == (
        7, 13, "aviso", "calendario[0].sesion", "la sesión 5 no forma parte de sesiones_incluidas (sesiones 1, 4)")
    mapping = HEAD + "nivel: basico\ntiene_mapa_sistema: true\ncalendario:\n  - sesion: mapeo\n"
    assert only(write_org, mapping)[2:4] == ("aviso", "calendario[0].sesion")


def test_warnings_do_not_stop_a_valid_file(write_org):
    text = HEAD + "nivel: basico\nmapa_sistema:\n  actores:\n    - nombre: A\n      roles: [a, b, c, d]\n"
    valid = validate_file(write_org(text))
    assert [w.severity for w in valid.warnings] == ["aviso"]


# Every date of the contract, with the text that puts it at line 7, column 12 or 13.
FECHAS = {
    ("CalendarEntry", "fecha"): ("calendario:\n  - sesion: 1\n    fecha: {}\n", (7, 12), "calendario[0].fecha"),
    ("CalendarEntry", "fechas"): ("calendario:\n  - sesion: 1\n    fechas: [{}]\n", (7, 14), "calendario[0].fechas[0]"),
    ("FollowUp", "fecha"): ("mapa_sistema:\n  seguimientos:\n    - etapa: final\n      fecha: {}\n",
                               (8, 14), "mapa_sistema.seguimientos[0].fecha"),
    ("Activity", "inicio"): ("plan_trabajo:\n  actividades:\n    - nombre: A\n      inicio: {}\n",
                              (8, 15), "plan_trabajo.actividades[0].inicio"),
    ("Activity", "fin"): ("plan_trabajo:\n  actividades:\n    - nombre: A\n      fin: {}\n",
                           (8, 12), "plan_trabajo.actividades[0].fin"),
    ("SubActivity", "inicio"): ("plan_trabajo:\n  actividades:\n    - nombre: A\n      subactividades:\n"
                                 "        - nombre: B\n          inicio: {}\n",
                                 (10, 19), "plan_trabajo.actividades[0].subactividades[0].inicio"),
    ("SubActivity", "fin"): ("plan_trabajo:\n  actividades:\n    - nombre: A\n      subactividades:\n"
                              "        - nombre: B\n          fin: {}\n",
                              (10, 16), "plan_trabajo.actividades[0].subactividades[0].fin"),
}


def test_the_date_range_check_covers_every_date_of_the_contract():
    """A date field added to the contract must be added to FECHAS (and so checked below)."""
    from datetime import date

    from pydantic import BaseModel

    from generator.contract import models as org
    from generator.contract.validation import _unwrap

    con_fecha = set()
    for nombre, modelo in vars(org).items():
        if isinstance(modelo, type) and issubclass(modelo, BaseModel):
            for field_path, info in modelo.model_fields.items():
                if _unwrap(info.annotation) is date:
                    con_fecha.add((nombre, field_path))
    assert con_fecha == set(FECHAS)


@pytest.mark.parametrize("field_path", list(FECHAS), ids=lambda c: ".".join(c))
@pytest.mark.parametrize("fecha", ["2207-03-01", "1969-12-31", "1999-12-31", "2100-01-01"])
def test_dates_outside_what_a_handbook_can_hold_are_located_errors(write_org, field_path, fecha):
    # The build stores dates as 32-bit seconds since 1970 (sitemap, calendar): 2207 used to
    # pass validation and fail the build with an internal error and no place.
    texto, (line, col), ruta = FECHAS[field_path]
    found = only(write_org, HEAD + "nivel: basico\n" + texto.format(fecha))
    assert found == (line, col, "error", ruta,
                     f"la fecha '{fecha}' está fuera del rango admitido (de 2000 a 2099); "
                     "¿un error al teclear el año?")


@pytest.mark.parametrize("fecha", ["2000-01-01", "2099-12-31"])
def test_dates_at_the_ends_of_the_range_are_valid(write_org, fecha):
    valid = validate_file(write_org(HEAD + f"nivel: basico\ncalendario:\n  - sesion: 1\n    fecha: {fecha}\n"))
    assert valid.data.calendario[0].fecha.isoformat() == fecha


def _sin_controles(texto: str) -> bool:
    return not any(ord(c) < 0x20 or ord(c) == 0x7f or 0x80 <= ord(c) < 0xa0 or c == "\u202e" for c in texto)


def test_messages_escape_control_characters_the_user_typed(write_org):
    # YAML's double-quoted escapes (\e, \a, \n) put control characters in values and keys;
    # echoed raw they would drive the user's terminal (here: clear the screen).
    text = HEAD.replace("Colectivo", "Colectivo") + (
        'nivel: "basi\\e[2Jco"\n'
        '"cla\\u202eve": 1\n'
        'modalidad: "web\\ninar"\n'
        "mapa_sistema:\n  actores:\n    - nombre: Vecinos\n"
        'aliados_potenciales:\n  - actor: "Vecin\\aos"\n'
        'calendario:\n  - sesion: "\\e]0;hola\\a"\n')
    found = problems(write_org, text)
    messages = {ruta: mensaje for _, _, _, ruta, mensaje in found}
    assert messages["nivel"].startswith("'basi\\x1b[2Jco' no es una opción válida")
    assert messages["cla\\u202eve"] == "clave desconocida 'cla\\u202eve'"
    assert messages["modalidad"].startswith("'web\\ninar' no es una opción válida")
    assert messages["aliados_potenciales[0].actor"].startswith("'Vecin\\x07os' no es un actor del mapa")
    assert messages["calendario[0].sesion"] == "'\\x1b]0;hola\\x07' no es una sesión (1 a 6, o mapeo)"
    path = write_org(text)
    with pytest.raises(InvalidOrganization) as exc:
        validate_file(path)
    for d in exc.value.diagnostics:
        assert _sin_controles(d.format()), d.format()


def test_messages_cut_long_values(write_org):
    largo = "x" * 1000  # YAML's longest key
    text = HEAD + f"nivel: {largo * 5}\n{largo}: 1\nmodalidad: [{largo}]\nimpresion:\n  papel: 9{largo}\n"
    found = problems(write_org, text)
    assert len(found) == 4
    for _, _, _, ruta, mensaje in found:
        assert len(ruta) <= 80 and len(mensaje) < 250, (ruta, mensaje)
    messages = {ruta: mensaje for _, _, _, ruta, mensaje in found}
    assert messages["nivel"].startswith("'" + "x" * 79 + "…' no es una opción válida")
    assert messages["x" * 79 + "…"] == "clave desconocida '" + "x" * 79 + "…'"


def test_diagnostic_format_never_prints_a_raw_control_character():
    from generator.exceptions import Diagnostic

    d = Diagnostic("org\x1b[31m.yaml", 1, 2, "a\tb", "dice \x1b[2J\x00\r\n\x9b fin \u202eal revés")
    assert d.format() == ("org\\x1b[31m.yaml:1:2: error: a\\tb: dice \\x1b[2J\\x00\\r\\n\\x9b fin "
                          "\\u202eal revés")
