"""The organization's workbook (issue 16): YAML → workbook → YAML gives the same data and the same
handbook; a workbook saved by LibreOffice imports the same; every contract error points at its
sheet and cell; unknown cells are warnings; the verbs workbook, import, new --xlsx and kumu."""

from __future__ import annotations

import copy
import difflib
import itertools
import shutil
import subprocess
from datetime import date, datetime, time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pydantic import BaseModel

from generator.cli import main
from generator.contract import models as contract
from generator.contract.models import OrganizationData
from generator.contract.rules import RULES
from generator.contract.validation import validate_file
from generator.exceptions import InvalidOrganization
from generator.pipeline import build_organization
from generator.workbook import layout
from generator.workbook.kumu import kumu_rows
from generator.workbook.read import load_workbook_document
from generator.workbook.to_yaml import organization_yaml
from generator.workbook.write import build_workbook, write_workbook

from conftest import EXAMPLE

HOSTILE = "{{ 7*7 }} <b>x</b>"
FORMULA = "=1+1"


# ------------------------------------------------------------------ helpers


def canonical(data: OrganizationData) -> object:
    """The data as the YAML holds it; an empty section or list is the same as none (a workbook
    has no way to write «an empty list» apart from «no list»)."""

    def prune(value):
        if isinstance(value, dict):
            pruned = {k: prune(v) for k, v in value.items()}
            return {k: v for k, v in pruned.items() if v not in (None, [], {})}
        if isinstance(value, list):
            return [prune(v) for v in value]
        return value

    return prune(data.model_dump(mode="json"))


def read_back(path: Path) -> OrganizationData:
    doc = load_workbook_document(path)
    assert [d.format() for d in doc.diagnostics] == []
    return OrganizationData.model_validate(doc.data)


def header_column(ws, label: str) -> int:
    for cell in ws[1]:
        if cell.value == label:
            return cell.column
    raise AssertionError(f"no header {label!r} on {ws.title}")


def field_row(ws, label: str) -> int:
    for row in ws.iter_rows(min_row=2, max_col=1):
        if row[0].value == label:
            return row[0].row
    raise AssertionError(f"no row {label!r} on {ws.title}")


def soffice() -> str:
    found = shutil.which("soffice")
    assert found, "LibreOffice is required for these tests: 'make system-deps' installs libreoffice-calc"
    return found


def libreoffice_resave(source: Path, out_dir: Path) -> Path:
    """``source`` opened and saved again by LibreOffice Calc (headless), as .xlsx."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = (out_dir.parent / f"lo-profile-{out_dir.name}").as_uri()
    subprocess.run([soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True, timeout=240)
    result = out_dir / source.name
    assert result.is_file()
    return result


@pytest.fixture(scope="module")
def example():
    return validate_file(EXAMPLE)


@pytest.fixture
def example_book(tmp_path, example) -> Path:
    """The example's workbook in a folder with its logo, as an organization would keep it."""
    shutil.copy(EXAMPLE.parent / "logo-red-ciudadana.svg", tmp_path / "logo-red-ciudadana.svg")
    return write_workbook(example.data, tmp_path / "red-ciudadana.xlsx")


# ------------------------------------------------------------------ the mapping


def _leaf_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    out = []
    for name, info in model.model_fields.items():
        base, many, _ = layout._unwrap(info.annotation)
        path = f"{prefix}.{name}" if prefix else name
        if isinstance(base, type) and issubclass(base, BaseModel):
            out += _leaf_paths(base, path + ("[]" if many else ""))
        else:
            out.append(path)
    return out


def test_every_contract_field_has_exactly_one_place_in_the_workbook():
    assert sorted(layout.contract_paths_in_workbook()) == sorted(_leaf_paths(OrganizationData))


def test_headers_are_unique_on_each_sheet_and_sheet_titles_are_valid():
    titles = [s.title for s in layout.sheets()] + [layout.instructions_title()]
    assert len(set(titles)) == len(titles)
    for sheet in layout.sheets():
        assert len(sheet.title) <= 31 and not set(sheet.title) & set("[]:*?/\\")
        labels = [contract.without_accents(c.label) for c in (sheet.fields or sheet.columns)]
        assert len(set(labels)) == len(labels), sheet.title


# ------------------------------------------------------------------ round trips


def test_example_round_trip_gives_the_same_data_and_yaml(tmp_path, example, example_book):
    back = validate_file(example_book)
    assert back.warnings == []
    assert back.data == example.data
    yaml_file = tmp_path / "vuelta.yaml"
    yaml_file.write_text(organization_yaml(back.data), encoding="utf-8")
    shutil.copy(EXAMPLE.parent / "logo-red-ciudadana.svg", tmp_path / "logo-red-ciudadana.svg")
    assert validate_file(yaml_file).data == example.data


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_handbook_from_the_workbook_and_from_its_import_is_byte_identical(tmp_path, example_book):
    yaml_dir = tmp_path / "yaml"
    yaml_dir.mkdir()
    shutil.copy(EXAMPLE, yaml_dir / EXAMPLE.name)
    shutil.copy(EXAMPLE.parent / "logo-red-ciudadana.svg", yaml_dir / "logo-red-ciudadana.svg")
    assert main(["import", str(example_book), "-o", str(tmp_path / "importado" / "red-ciudadana.yaml")]) == 0
    shutil.copy(EXAMPLE.parent / "logo-red-ciudadana.svg", tmp_path / "importado" / "logo-red-ciudadana.svg")
    sites = {}
    for name, source in [("yaml", yaml_dir / EXAMPLE.name), ("xlsx", example_book),
                         ("importado", tmp_path / "importado" / "red-ciudadana.yaml")]:
        result = build_organization(source, tmp_path / f"sitio-{name}", build_root=tmp_path / f"build-{name}")
        assert result.warnings == []
        sites[name] = _tree(result.site_dir)
    assert len(sites["yaml"]) > 20
    assert sites["xlsx"] == sites["yaml"]
    assert sites["importado"] == sites["yaml"]


# A valid organization, from the contract models themselves: a key added to the contract is
# generated too, and must make the round trip.
TEXTO = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=30)\
    .map(lambda t: " ".join(t.split())).filter(bool)
SPECIAL_TEXTS = st.sampled_from([HOSTILE, FORMULA, "0042", "true", "2027-02-04", "09:00", "1,5", "mapeo"])
TEXTS = st.one_of(TEXTO, SPECIAL_TEXTS)


def _limits(annotation, metadata) -> dict:
    """``ge`` and ``le`` of an integer field, wherever pydantic keeps them (Annotated inside a union)."""
    found = {k: getattr(m, k) for m in metadata for k in ("ge", "le") if getattr(m, k, None) is not None}
    stack = [annotation]
    while stack:
        current = stack.pop()
        if hasattr(current, "__metadata__"):
            for m in current.__metadata__:
                for item in [m, *getattr(m, "metadata", [])]:
                    found.update({k: getattr(item, k) for k in ("ge", "le") if getattr(item, k, None) is not None})
            stack.append(current.__origin__)
        stack.extend(getattr(current, "__args__", ()))
    return found


def _scalar_strategy(info) -> st.SearchStrategy:
    base, _, found = layout._unwrap(info.annotation)
    found |= {getattr(m, "func", None) for m in info.metadata}
    kind = layout.kind_of(info)
    if contract._url in found:
        return st.sampled_from(["https://ejemplo.org", "http://a.example.org/ruta?x=1"])
    if contract._email in found:
        return st.sampled_from(["ana@example.org", "x.y@dominio.mx"])
    if contract._color in found:
        return st.sampled_from(["#0b6e4f", "#ffffff"])
    if kind.name == "date":
        return st.dates(contract.EARLIEST_DATE, contract.LATEST_DATE)
    if kind.name == "time":
        return st.times().map(lambda t: f"{t.hour:02d}:{t.minute:02d}")
    if kind.name == "bool":
        return st.booleans()
    if kind.name == "session":
        return st.sampled_from([1, 2, 3, 4, 5, 6, "mapeo"])
    if kind.name == "choice":
        return st.sampled_from(list(base))
    if kind.name == "int":
        limits = _limits(info.annotation, info.metadata)
        return st.integers(limits.get("ge", 1), limits.get("le", 6 if contract._session_number in found else 50))
    return TEXTS


def model_strategy(model: type[BaseModel]) -> st.SearchStrategy:
    required, optional = {}, {}
    for name, info in model.model_fields.items():
        if name == "logo":
            continue  # a logo is a file next to the data: tests/test_contract_logo.py
        base, many, _ = layout._unwrap(info.annotation)
        if isinstance(base, type) and issubclass(base, BaseModel):
            strategy = st.lists(model_strategy(base), max_size=3) if many else model_strategy(base)
        else:
            strategy = _scalar_strategy(info)
            if many:
                strategy = st.lists(strategy, max_size=3)
        (required if info.is_required() else optional)[name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(raw=model_strategy(OrganizationData))
def test_any_organization_round_trips_through_the_workbook(tmp_path_factory, raw):
    data = OrganizationData.model_validate(raw)
    path = tmp_path_factory.mktemp("libro") / "colectivo.xlsx"
    build_workbook(data).save(path)
    back = read_back(path)
    assert canonical(back) == canonical(data)
    again = OrganizationData.model_validate(yaml.safe_load(organization_yaml(back)))
    assert canonical(again) == canonical(data)


def consistent(raw: dict) -> dict:
    """``raw`` changed so that the rules across fields accept it (those are tested below): unique
    actors, allies and changes naming them, each session once, the days of a split session in
    order from its date, activities ending after they start."""
    raw = copy.deepcopy(raw)
    mapa = raw.get("mapa_sistema") or {}
    actors, seen = [], set()
    for actor in mapa.get("actores", []):
        if contract.without_accents(actor["nombre"]) not in seen:
            seen.add(contract.without_accents(actor["nombre"]))
            actors.append(actor)
    if mapa:
        mapa["actores"] = actors
    names = [a["nombre"] for a in actors]
    raw["aliados_potenciales"] = [dict(a, actor=names[i % len(names)])
                                  for i, a in enumerate(raw.get("aliados_potenciales", []))] if names else []
    for follow_up in mapa.get("seguimientos", []):
        follow_up["cambios"] = [dict(c, actor=names[i % len(names)])
                                  for i, c in enumerate(follow_up.get("cambios", []))] if names else []
    sessions, calendar = set(), []
    for entry in raw.get("calendario", []):
        if entry["sesion"] not in sessions:
            sessions.add(entry["sesion"])
            calendar.append(entry)
    raw["calendario"] = calendar
    for entry in calendar:  # the days of a split session: from its date on, each after the one before
        days = sorted(set(entry.get("fechas", [])))
        if days and entry.get("fecha"):
            days = [entry["fecha"], *(d for d in days if d > entry["fecha"])]
        if "fechas" in entry:
            entry["fechas"] = days
    for actividad in (raw.get("plan_trabajo") or {}).get("actividades", []):
        for item in [actividad, *actividad.get("subactividades", [])]:
            if item.get("inicio") and item.get("fin") and item["fin"] < item["inicio"]:
                item["inicio"], item["fin"] = item["fin"], item["inicio"]
    return raw


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(raw=model_strategy(OrganizationData))
def test_generated_organizations_build_the_same_handbook_from_the_workbook(tmp_path_factory, metodologia, raw):
    data = OrganizationData.model_validate(consistent(raw))
    carpeta = tmp_path_factory.mktemp("org")
    (carpeta / "yaml").mkdir()
    original = carpeta / "yaml" / "colectivo.yaml"
    original.write_text(organization_yaml(data), encoding="utf-8")
    book = write_workbook(data, carpeta / "xlsx" / "colectivo.xlsx")
    trees = []
    for source in (original, book):
        result = build_organization(source, carpeta / f"sitio-{source.suffix[1:]}",
                                    build_root=carpeta / f"build-{source.suffix[1:]}", metodologia=metodologia)
        trees.append(_tree(result.site_dir))
    assert len(trees[0]) > 20
    assert sorted(trees[0]) == sorted(trees[1])
    differing = [name for name in trees[0] if trees[0][name] != trees[1][name]]
    assert differing == [], _first_difference(trees, differing)  # a short report: whole trees took minutes


def _first_difference(trees: list[dict[str, bytes]], differing: list[str]) -> str:
    """The differing names and, for the first text file among them, its first changed lines."""
    for name in differing:
        if name.endswith((".html", ".svg", ".md", ".yml", ".json", ".txt", ".ics", ".csv")):
            lines = [t[name].decode("utf-8", "replace").splitlines() for t in trees]
            diff = difflib.unified_diff(*lines, "yaml/" + name, "xlsx/" + name, n=1, lineterm="")
            return "\n".join([", ".join(differing), *itertools.islice(diff, 40)])
    return ", ".join(differing)


def test_hostile_text_stays_text_in_the_cells(tmp_path, example):
    data = example.data.model_copy(update={"recursos_propios": [HOSTILE, FORMULA]})
    path = write_workbook(data, tmp_path / "colectivo.xlsx")
    ws = load_workbook(path)["Recursos propios"]  # not data_only: a formula would show as one
    values = [(c.value, c.data_type) for c in ws["A"][1:3]]
    assert values == [(HOSTILE, "s"), (FORMULA, "s")]
    assert read_back(path).recursos_propios == [HOSTILE, FORMULA]


# ------------------------------------------------------------------ LibreOffice


def test_a_workbook_saved_by_libreoffice_imports_identically(tmp_path, example, example_book):
    resaved = libreoffice_resave(example_book, tmp_path / "lo")
    assert resaved.read_bytes() != example_book.read_bytes()  # LibreOffice wrote its own file
    shutil.copy(EXAMPLE.parent / "logo-red-ciudadana.svg", resaved.parent / "logo-red-ciudadana.svg")
    back = validate_file(resaved)
    assert back.warnings == []
    assert back.data == example.data


def test_values_typed_the_spreadsheet_way_import_the_same(tmp_path, example, example_book):
    """A person types numbers, dates, hours and TRUE/FALSE: each program stores them its own way
    (LibreOffice saves them again here). They import as the YAML's values."""
    book = load_workbook(example_book)
    org = book["Organización"]
    org.cell(field_row(org, "¿Tiene mapa del sistema?"), 2).value = False
    org.cell(field_row(org, "Sesiones incluidas"), 2).value = 1  # one session only: a number
    cal = book["Calendario"]
    cal.cell(2, header_column(cal, "Sesión")).value = 1.0
    cal.cell(2, header_column(cal, "Fecha")).value = datetime(2027, 2, 4)
    cal.cell(2, header_column(cal, "Hora de inicio")).value = "9:00"
    cal.cell(3, header_column(cal, "Hora de inicio")).value = datetime(1899, 12, 30, 9, 30)
    est = book["Estrategias prioritarias"]
    votes = est.cell(2, header_column(est, "Votos"))
    expected_votes = example.data.plan_alianzas.estrategias_prioritarias[0].votos
    votes.value = float(expected_votes)
    edited = tmp_path / "editado" / "red-ciudadana.xlsx"
    edited.parent.mkdir()
    book.save(edited)
    resaved = libreoffice_resave(edited, tmp_path / "lo")
    for path in (edited, resaved):
        shutil.copy(EXAMPLE.parent / "logo-red-ciudadana.svg", path.parent / "logo-red-ciudadana.svg")
        data = validate_file(path).data
        assert data.tiene_mapa_sistema is False
        assert data.sesiones_incluidas == [1]
        assert (data.calendario[0].sesion, data.calendario[0].fecha, data.calendario[0].inicio) == \
            (1, date(2027, 2, 4), "09:00")
        assert data.calendario[1].inicio == "09:30"
        assert data.plan_alianzas.estrategias_prioritarias[0].votos == expected_votes
        assert data.calendario[2:] == example.data.calendario[2:]


# ------------------------------------------------------------------ errors at their cell


def _edit_and_check(tmp_path, example_book, sheet, label, row, value, place, fragment, severity="error"):
    book = load_workbook(example_book)
    ws = book[sheet]
    if row is None:  # a key/value sheet: the value of the row labelled `label`
        cell = ws.cell(field_row(ws, label), 2)
    else:
        cell = ws.cell(row, header_column(ws, label))
    cell.value = value
    book.save(example_book)
    try:
        found = validate_file(example_book).warnings
    except InvalidOrganization as exc:
        found = exc.diagnostics
    lines = [d.format() for d in found if d.severity == severity]
    expected = f"{example_book}:{place}: {severity}: "
    assert any(line.startswith(expected) and fragment in line for line in lines), lines
    return lines


# (sheet, header or row label, row (None: a key/value sheet), value, place, part of the message)
FIELD_ERRORS = {
    "opcion_invalida": ("Actores", "Relación", 7, "amistosa", "Actores!E7",
                        "actores[5].relacion: 'amistosa' no es una opción válida (fuerte, colaborativa, débil, conflictiva)"),
    "opcion_sugerencia": ("Actores", "Sector", 3, "gobiern", "Actores!B3", "¿quisiste decir 'gobierno'?"),
    "fecha_formato": ("Calendario", "Fecha", 2, "4 de febrero", "Calendario!B2", "no es una fecha con el formato AAAA-MM-DD"),
    "fecha_inexistente": ("Calendario", "Fecha", 3, "2027-02-30", "Calendario!B3", "no existe en el calendario"),
    "fecha_fuera_de_rango": ("'Plan de trabajo'", "Inicio", 2, datetime(2207, 1, 1), "'Plan de trabajo'!B2",
                             "fuera del rango admitido"),
    "hora_formato": ("Calendario", "Hora de inicio", 2, "mañana", "Calendario!C2", "no es una hora con el formato HH:MM"),
    "hora_inexistente": ("Calendario", "Hora de inicio", 2, "25:00", "Calendario!C2", "la hora '25:00' no existe"),
    "url_esquema": ("Organización", "Sitio web", None, "www.ejemplo.org", "Organización!B9", "debe ser una dirección"),
    "url_formato": ("Calendario", "Enlace de la videollamada", 5, "https://", "Calendario!F5", "no es una dirección web válida"),
    "correo_formato": ("Equipo", "Facilitación: correo", 3, "julian", "Equipo!C3", "no es un correo electrónico válido"),
    "color_formato": ("Organización", "Color primario", None, "verde", "Organización!B11", "no es un color con el formato"),
    "sesion_invalida": ("Calendario", "Sesión", 2, 7, "Calendario!A2", "'7' no es una sesión (1 a 6, o mapeo)"),
    "sesion_incluida_invalida": ("Organización", "Sesiones incluidas", None, "1\n9", "Organización!B16",
                                 "'9' no es una sesión (de 1 a 6)"),
    "bool_invalido": ("Organización", "¿Tiene mapa del sistema?", None, "quizá", "Organización!B15", "no es sí ni no"),
    "missing_in_table": ("Seguimientos", "Etapa", 2, None, "Seguimientos!A2", "falta la clave obligatoria 'etapa'"),
    "missing_in_fields": ("Organización", "Misión", None, None, "Organización!B4", "falta la clave obligatoria 'mision'"),
    "string_too_long": ("Organización", "Nombre de la organización", None, "x" * 201, "Organización!B2",
                        "tiene 201 caracteres; el máximo es 200"),
    "int_parsing": ("'Estrategias prioritarias'", "Votos", 2, "muchos", "'Estrategias prioritarias'!B2",
                    "'muchos' no es un número entero"),
    "greater_than_equal": ("'Discurso y confianza'", "Confianza: credibilidad", None, 0, "'Discurso y confianza'!B7",
                           "debe ser mayor o igual que 1"),
    "less_than_equal": ("'Discurso y confianza'", "Confianza: intimidad", None, 11, "'Discurso y confianza'!B9",
                        "debe ser menor o igual que 10"),
    "logo": ("Organización", "Logo", None, "no-existe.png", "Organización!B10", "no-existe.png"),
}


@pytest.mark.parametrize("case", list(FIELD_ERRORS), ids=list(FIELD_ERRORS))
def test_each_value_error_points_at_its_cell(tmp_path, example_book, case):
    sheet, label, row, value, place, fragment = FIELD_ERRORS[case]
    _edit_and_check(tmp_path, example_book, sheet.strip("'"), label, row, value, place, fragment)


def test_every_custom_value_error_of_the_contract_has_a_workbook_case():
    source = Path(contract.__file__).read_text(encoding="utf-8")
    import re

    kinds = set(re.findall(r'PydanticCustomError\(\s*"([a-z_]+)"', source))
    unreachable = {"opcion_tipo", "texto_vacio", "texto_tipo"}  # a cell is always text or empty
    assert kinds - unreachable <= set(FIELD_ERRORS), kinds - unreachable - set(FIELD_ERRORS)


# Each rule across fields (generator/contract/rules.py), broken from the workbook.
RULE_ERRORS = {
    "actor_names_are_unique": ("Actores", "Actor", 3, "Cabildo de Monterrey", "Actores!A3", "error", "repet"),
    "actors_have_at_most_three_roles": ("Actores", "Roles", 2, "a\nb\nc\nd", "Actores!C2", "aviso", "4 roles"),
    "allies_are_mapped_actors": ("Aliados", "Aliado (actor del mapa)", 2, "Actor inventado", "Aliados!A2", "error",
                                 "no es un actor del mapa"),
    "follow_up_changes_name_mapped_actors": ("Seguimientos", "Actor", 2, "Cabildo de Monterey", "Seguimientos!C2",
                                             "error", "¿quisiste decir 'Cabildo de Monterrey'?"),
    "activities_end_after_they_start": ("'Plan de trabajo'", "Fin", 2, datetime(2000, 1, 1),
                                        "'Plan de trabajo'!C2", "error", ""),
    "sessions_are_scheduled_once": ("Calendario", "Sesión", 4, 1, "Calendario!A4", "error", ""),
    "mapping_workshop_only_without_a_map": ("Organización", "¿Tiene mapa del sistema?", None, "sí",
                                            "Calendario!A3", "", ""),
    "scheduled_sessions_are_in_the_programme": ("Calendario", "Sesión", 4, 4, "Calendario!A4", "", ""),
    "session_dates_follow_session_order": ("Calendario", "Fecha", 2, datetime(2027, 3, 30), "Calendario!B", "", ""),
    "part_dates_start_on_the_session_date": ("Calendario", "Días de cada parte", 2, "2027-02-05\n2027-02-08",
                                             "Calendario!G2", "error", "debe ser la fecha de la sesión"),
    "votes_fit_three_per_participant": ("'Estrategias prioritarias'", "Votos", 2, 99, "'Estrategias prioritarias'!A1",
                                        "", ""),
}


@pytest.mark.parametrize("rule_name", list(RULE_ERRORS), ids=list(RULE_ERRORS))
def test_each_rule_points_at_its_cell(tmp_path, example_book, rule_name):
    sheet, label, row, value, place, severity, fragment = RULE_ERRORS[rule_name]
    book = load_workbook(example_book)
    ws = book[sheet.strip("'")]
    cell = ws.cell(field_row(ws, label), 2) if row is None else ws.cell(row, header_column(ws, label))
    cell.value = value
    book.save(example_book)
    try:
        found = validate_file(example_book).warnings
    except InvalidOrganization as exc:
        found = exc.diagnostics
    lines = [d.format() for d in found if severity in ("", d.severity)]
    assert any(f"{example_book}:{place}" in line and fragment in line for line in lines), lines


def test_follow_ups_without_actors_are_a_warning_on_their_sheet(tmp_path):
    """The rule no single cell can break: the Actores sheet emptied while Seguimientos keeps rows."""
    data = OrganizationData.model_validate({
        "organizacion": {"nombre": "Colectivo", "mision": "Vigilar el gasto."}, "nivel": "basico",
        "mapa_sistema": {"seguimientos": [{"etapa": "final", "fecha": date(2027, 6, 1)}]}})
    book = write_workbook(data, tmp_path / "colectivo.xlsx")
    lines = [d.format() for d in validate_file(book).warnings]
    assert [line for line in lines if f"{book}:Seguimientos!" in line and "no tiene actores" in line], lines


def test_every_rule_has_a_workbook_case():
    own_test = {"follow_ups_have_a_baseline"}  # needs a whole sheet emptied: tested just above
    assert {r.__name__ for r in RULES} == set(RULE_ERRORS) | own_test


# ------------------------------------------------------------------ cells the workbook does not know


def test_unknown_columns_sheets_and_rows_are_warnings_with_their_place(tmp_path, example_book):
    book = load_workbook(example_book)
    actores = book["Actores"]
    actores.cell(1, 20).value = "Teléfono"
    actores.cell(2, 20).value = "555"
    actores.cell(3, 21).value = "sin encabezado"
    actores.cell(1, 22).value = "Relacion"  # the header of a column already there, without accent: repeated
    org = book["Organización"]
    org.cell(30, 1).value = "Mison"
    org.cell(30, 2).value = "otra"
    book.create_sheet("Notas").cell(4, 2).value = "apuntes"
    book.save(example_book)
    with pytest.raises(InvalidOrganization) as exc:
        validate_file(example_book)
    lines = [d.format() for d in exc.value.diagnostics]
    f = example_book
    assert f"{f}:Actores!T1: aviso: (libro): columna desconocida 'Teléfono'; se ignora" in lines
    assert f"{f}:Actores!U3: aviso: (libro): hay valores en una columna sin encabezado conocido; se ignoran" in lines
    assert f"{f}:Actores!V1: error: (libro): la columna 'Relacion' está repetida" in lines
    assert (f"{f}:Organización!A30: aviso: (libro): dato desconocido 'Mison'; se ignora; "
            "¿quisiste decir 'Misión'?") in lines
    assert f"{f}:Notas!B4: aviso: (libro): la hoja 'Notas' no es una hoja del libro de trabajo; se ignora" in lines


def test_a_file_that_is_not_a_workbook_is_one_error(tmp_path):
    bad = tmp_path / "colectivo.xlsx"
    bad.write_text("organizacion: no soy un libro", encoding="utf-8")
    with pytest.raises(InvalidOrganization) as exc:
        validate_file(bad)
    (only,) = exc.value.diagnostics
    assert "no es un libro de Excel (.xlsx) válido" in only.message


# ------------------------------------------------------------------ what the workbook offers


def test_workbook_structure_dropdowns_formats_and_help(example_book):
    book = load_workbook(example_book)
    assert book.sheetnames[0] == "Instrucciones"
    assert book.sheetnames[1:] == [s.title for s in layout.sheets()]
    instructions = " ".join(str(c.value) for c in book["Instrucciones"]["A"] if c.value)
    assert "Alt+Intro" in instructions and "Ctrl+Intro" in instructions
    actores = book["Actores"]
    assert actores.freeze_panes == "A2"
    formulas = {dv.formula1: str(dv.sqref) for dv in actores.data_validations.dataValidation}
    assert formulas['"fuerte,colaborativa,débil,conflictiva"'].startswith("E2:E")
    assert '"gobierno,sociedad civil,privado,academia,internacional,medios,religioso,comunitario,informal,otro"' in formulas
    aliados = {dv.formula1 for dv in book["Aliados"].data_validations.dataValidation}
    assert "'Actores'!$A$2:$A$700" in aliados
    assert actores["C1"].comment is not None and "renglón" in actores["C1"].comment.text
    assert actores.column_dimensions["A"].width >= len("Constructora Pavimentos del Norte")
    cal = book["Calendario"]
    assert cal["B2"].number_format == "yyyy-mm-dd" and cal["B2"].value == datetime(2027, 2, 4)
    assert cal["C2"].number_format == "hh:mm" and cal["C2"].value == time(9, 0)
    sesiones = {dv.formula1 for dv in cal.data_validations.dataValidation}
    assert '"1,2,3,4,5,6,mapeo"' in sesiones


# ------------------------------------------------------------------ the verbs


def test_workbook_import_and_new_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLE.parent, tmp_path / "org_data", ignore=shutil.ignore_patterns("*.md", "*.json"))
    assert main(["workbook", "org_data/red-ciudadana.yaml"]) == 0
    assert (tmp_path / "org_data" / "red-ciudadana.xlsx").is_file()
    assert main(["workbook", "org_data/red-ciudadana.yaml"]) == 1  # never overwritten without --force
    assert "ya existe; no se sobrescribe" in capsys.readouterr().err
    assert main(["validate", "org_data/red-ciudadana.xlsx"]) == 0
    assert main(["import", "org_data/red-ciudadana.xlsx", "-o", "vuelta/red-ciudadana.yaml"]) == 0
    shutil.copy(EXAMPLE.parent / "logo-red-ciudadana.svg", tmp_path / "vuelta")
    assert validate_file(tmp_path / "vuelta" / "red-ciudadana.yaml").data == validate_file(EXAMPLE).data

    assert main(["new", "colectivo", "--xlsx"]) == 0
    blank = tmp_path / "org_data" / "colectivo.xlsx"
    assert load_workbook(blank).sheetnames[1:] == [s.title for s in layout.sheets()]
    capsys.readouterr()
    assert main(["import", str(blank)]) == 1
    err = capsys.readouterr().err
    assert f"{blank}:Organización!B2: error: organizacion.nombre: falta la clave obligatoria 'nombre'" in err
    assert not blank.with_suffix(".yaml").exists()  # nothing written when the workbook has errors


def test_kumu_export_has_elements_and_connections(tmp_path, example):
    elements, connections = kumu_rows(example.data)
    assert elements[0][:2] == ("Red Ciudadana por la Transparencia, A.C.", "Organización")
    assert ("Cabildo de Monterrey", "Gobierno") == elements[1][:2]
    assert len(connections) == len(example.data.mapa_sistema.actores)
    assert connections[0][:3] == ("Red Ciudadana por la Transparencia, A.C.", "Cabildo de Monterrey", "débil")
    assert main(["kumu", str(EXAMPLE), "-o", str(tmp_path / "kumu.xlsx")]) == 0
    book = load_workbook(tmp_path / "kumu.xlsx")
    assert [c.value for c in book["Elements"][1]] == ["Label", "Type", "Description", "Tags"]
    assert [c.value for c in book["Connections"][1]] == ["From", "To", "Type", "Result"]
    assert book["Connections"].max_row == len(connections) + 1
    assert book["Elements"]["D3"].value == "Aprueba el presupuesto|Rinde cuentas"
