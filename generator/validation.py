"""Stage 1b: validate an organization's data against the contract.

pydantic checks each value; the checks across fields run on the loaded data on their own,
so that the facilitator sees every problem of the file in one run, not one at a time.
"""

from __future__ import annotations

import difflib
import types
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core.core_schema import ErrorType

from generator.config.org import SLUG_RE, VOTOS_POR_PARTICIPANTE, DatosOrganizacion, sin_acentos
from generator.exceptions import Diagnostic, InvalidOrganization, mostrar
from generator.logo import LogoNoValido, revisar, ubicar
from generator.loading import LoadedDocument, format_path, load_document
from generator.methodology import Metodologia, load_methodology


@dataclass(frozen=True)
class ValidOrganization:
    """A file that passed validation: its slug, its data, its warnings and where its values are."""

    slug: str
    file: Path
    data: DatosOrganizacion
    warnings: list[Diagnostic]
    #: the file's ``LoadedDocument`` (positions of its values), for warnings found after validation
    documento: LoadedDocument | None = field(default=None, repr=False, compare=False)

    def posicion(self, path: tuple) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or of its nearest ancestor in the file)."""
        return self.documento.position(path) if self.documento else (1, 1)


# ------------------------------------------------------------------ pydantic errors


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "una lista"
    if isinstance(value, dict):
        return "una sección"
    if value is None:
        return "un valor vacío"
    return f"'{mostrar(value)}'"


_BUILTIN_ERRORS = frozenset(get_args(ErrorType))

_MESSAGES = {
    "missing": lambda e: f"falta la clave obligatoria '{e['loc'][-1]}'",
    "string_too_short": lambda e: "no puede estar vacío",
    "string_too_long": lambda e: f"tiene {len(e['input'])} caracteres; el máximo es {e['ctx']['max_length']}",
    "too_long": lambda e: f"tiene {e['ctx']['actual_length']} caracteres; el máximo es {e['ctx']['max_length']}",
    "too_short": lambda e: "no puede estar vacío",
    "int_parsing": lambda e: f"{_describe(e['input'])} no es un número entero",
    "int_type": lambda e: f"{_describe(e['input'])} no es un número entero",
    "int_from_float": lambda e: f"{_describe(e['input'])} no es un número entero",
    "greater_than_equal": lambda e: f"debe ser mayor o igual que {e['ctx']['ge']} (se recibió {mostrar(e['input'])})",
    "less_than_equal": lambda e: f"debe ser menor o igual que {e['ctx']['le']} (se recibió {mostrar(e['input'])})",
    "list_type": lambda e: f"se esperaba una lista (elementos con '- '), no {_describe(e['input'])}",
    "model_type": lambda e: f"se esperaba una sección con claves, no {_describe(e['input'])}",
    "model_attributes_type": lambda e: f"se esperaba una sección con claves, no {_describe(e['input'])}",
    "dict_type": lambda e: f"se esperaba una sección con claves, no {_describe(e['input'])}",
    "bool_parsing": lambda e: f"{_describe(e['input'])} no es sí ni no (escribe true o false)",
    "bool_type": lambda e: f"{_describe(e['input'])} no es sí ni no (escribe true o false)",
}


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that describes the mapping at ``loc`` (for key suggestions)."""
    current: Any = DatosOrganizacion
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin in (list, Union, types.UnionType):
            candidates = [a for a in get_args(annotation) if a is not type(None)]
            models = [a for a in candidates if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else (candidates[0] if candidates else None)
            continue
        if hasattr(annotation, "__metadata__"):
            annotation = annotation.__origin__
            continue
        return annotation


def _suggest_key(key: str, loc: tuple) -> str:
    model = _model_at(loc)
    if model is None:
        return ""
    names = list(model.model_fields)
    by_plain = {sin_acentos(n): n for n in names}
    match = difflib.get_close_matches(sin_acentos(key), list(by_plain), n=1, cutoff=0.6)
    return f"; ¿quisiste decir '{by_plain[match[0]]}'?" if match else ""


def _pydantic_diagnostics(doc: LoadedDocument, exc: ValidationError) -> list[Diagnostic]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            line, col = doc.position(loc, key=True)
            message = f"clave desconocida '{mostrar(loc[-1])}'{_suggest_key(str(loc[-1]), loc[:-1])}"
        elif kind == "missing":
            line, col = doc.position(loc[:-1])
            message = _MESSAGES[kind](err)
        else:
            line, col = doc.position(loc)
            translate = _MESSAGES.get(kind)
            if translate:
                message = translate(err)
            elif kind not in _BUILTIN_ERRORS:
                message = err["msg"]  # our validators raise PydanticCustomError in Spanish
            else:
                message = f"valor no válido: {_describe(err.get('input'))}"
        out.append(Diagnostic(doc.file, line, col, format_path(loc), message))
    return out


# ------------------------------------------------------------------ checks across fields


def _items(data: Any, *keys: str) -> list[tuple[int, dict]]:
    """``(index, mapping)`` of the list at ``keys``, skipping anything malformed."""
    for key in keys:
        if not isinstance(data, dict):
            return []
        data = data.get(key)
    if not isinstance(data, list):
        return []
    return [(i, item) for i, item in enumerate(data) if isinstance(item, dict)]


def _text(item: dict, key: str) -> str | None:
    value = item.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _as_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _session_key(value: Any) -> int | str | None:
    if not isinstance(value, str):
        return None
    plain = sin_acentos(value)
    if plain == "mapeo":
        return "mapeo"
    return int(plain) if plain.isdigit() and 1 <= int(plain) <= 6 else None


def _cross_field(doc: LoadedDocument, metodologia: Metodologia) -> list[Diagnostic]:
    data = doc.data
    out: list[Diagnostic] = []

    def report(path: tuple, message: str, severity: str = "error") -> None:
        line, col = doc.position(path)
        out.append(Diagnostic(doc.file, line, col, format_path(path), message, severity))

    # Actors: unique names, at most three roles (warning).
    actores: dict[str, str] = {}
    first_index: dict[str, int] = {}
    for i, actor in _items(data, "mapa_sistema", "actores"):
        nombre = _text(actor, "nombre")
        base = ("mapa_sistema", "actores", i)
        if nombre:
            plain = sin_acentos(nombre)
            if plain in actores:
                j = first_index[plain]
                report(base + ("nombre",),
                       f"el actor '{mostrar(nombre)}' está repetido (ya aparece en mapa_sistema.actores[{j}], "
                       f"línea {doc.position(('mapa_sistema', 'actores', j, 'nombre'))[0]})")
            else:
                actores[plain], first_index[plain] = nombre, i
        roles = actor.get("roles")
        if isinstance(roles, list) and len(roles) > 3:
            report(base + ("roles",), f"{len(roles)} roles; la metodología sugiere no más de 3", "aviso")

    def check_actor(path: tuple, nombre: str) -> None:
        if sin_acentos(nombre) in actores:
            return
        if not actores:
            report(path, f"'{mostrar(nombre)}' no es un actor del mapa (mapa_sistema.actores está vacío)")
            return
        match = difflib.get_close_matches(sin_acentos(nombre), list(actores), n=1, cutoff=0.6)
        hint = f"; ¿quisiste decir '{mostrar(actores[match[0]])}'?" if match else ""
        report(path, f"'{mostrar(nombre)}' no es un actor del mapa{hint}")

    for i, aliado in _items(data, "aliados_potenciales"):
        if nombre := _text(aliado, "actor"):
            check_actor(("aliados_potenciales", i, "actor"), nombre)
    for i, seguimiento in _items(data, "mapa_sistema", "seguimientos"):
        for j, cambio in _items(seguimiento, "cambios"):
            if nombre := _text(cambio, "actor"):
                check_actor(("mapa_sistema", "seguimientos", i, "cambios", j, "actor"), nombre)

    # Work plan: an end never before its start.
    def check_dates(item: dict, path: tuple) -> None:
        inicio, fin = _as_date(item.get("inicio")), _as_date(item.get("fin"))
        if inicio and fin and fin < inicio:
            report(path + ("fin",), f"la fecha de fin ({fin.isoformat()}) es anterior a la de inicio "
                                    f"({inicio.isoformat()})")

    for i, actividad in _items(data, "plan_trabajo", "actividades"):
        check_dates(actividad, ("plan_trabajo", "actividades", i))
        for j, sub in _items(actividad, "subactividades"):
            check_dates(sub, ("plan_trabajo", "actividades", i, "subactividades", j))

    # Calendar: each session once, in the order of the sessions, and part of the programme.
    nivel = sin_acentos(data.get("nivel")) if isinstance(data.get("nivel"), str) else None
    incluidas: set | None = None
    origen = ""
    if isinstance(data.get("sesiones_incluidas"), list):
        keys = {_session_key(s) for s in data["sesiones_incluidas"]}
        incluidas = {k for k in keys if isinstance(k, int)}
        origen = "sesiones_incluidas"
    elif nivel in metodologia.programa.niveles:
        incluidas = set(metodologia.sesiones_del_nivel(nivel))
        origen = f"el nivel {'básico' if nivel == 'basico' else nivel}"
    tiene_mapa = sin_acentos(str(data.get("tiene_mapa_sistema", "false"))) in ("true", "si", "yes", "verdadero", "1", "on")

    seen: dict[Any, int] = {}
    dated: list[tuple[int, Any, date, int]] = []
    orden = metodologia.programa.orden_sesiones
    for i, entrada in _items(data, "calendario"):
        key = _session_key(entrada.get("sesion"))
        if key is None:
            continue
        path = ("calendario", i, "sesion")
        nombre = "el taller de mapeo" if key == "mapeo" else f"la sesión {key}"
        if key in seen:
            report(path, f"{nombre} ya está en calendario[{seen[key]}]")
            continue
        seen[key] = i
        if key == "mapeo" and tiene_mapa:
            report(path, "el taller de mapeo (Anexo 3) no se incluye porque tiene_mapa_sistema es true", "aviso")
        elif key != "mapeo" and incluidas is not None and key not in incluidas:
            lista = ", ".join(str(s) for s in sorted(incluidas))
            report(path, f"la sesión {key} no forma parte de {origen} (sesiones {lista})", "aviso")
        if (fecha := _as_date(entrada.get("fecha"))) is not None:
            dated.append((orden.index(key), key, fecha, i))
    latest: tuple | None = None
    for position, key, fecha, i in sorted(dated):
        if latest and fecha < latest[2]:
            nombre = "el taller de mapeo" if key == "mapeo" else f"la sesión {key}"
            antes = "el taller de mapeo" if latest[1] == "mapeo" else f"la sesión {latest[1]}"
            report(("calendario", i, "fecha"),
                   f"{nombre} ({fecha.isoformat()}) queda antes que {antes} ({latest[2].isoformat()}); "
                   "las fechas no siguen el orden de las sesiones", "aviso")
        if latest is None or fecha >= latest[2]:
            latest = (position, key, fecha)

    # Votes: three per participant.
    participantes = data.get("participantes")
    if isinstance(participantes, list) and participantes:
        total = 0
        for _, estrategia in _items(data, "plan_alianzas", "estrategias_prioritarias"):
            votos = estrategia.get("votos")
            if isinstance(votos, str) and votos.strip().isdigit():
                total += int(votos)
        limite = VOTOS_POR_PARTICIPANTE * len(participantes)
        if total > limite:
            report(("plan_alianzas", "estrategias_prioritarias"),
                   f"los votos suman {total}, más de {VOTOS_POR_PARTICIPANTE} por participante "
                   f"({len(participantes)} participantes × {VOTOS_POR_PARTICIPANTE} = {limite})", "aviso")
    return out


# ------------------------------------------------------------------ the logo's content


def _logo(doc: LoadedDocument) -> list[Diagnostic]:
    """What the logo file holds, checked the way the build will use it (``generator.logo``):
    an unreadable or damaged image is an error, what the SVG loses on the way a warning."""
    org = doc.data.get("organizacion") if isinstance(doc.data, dict) else None
    valor = org.get("logo") if isinstance(org, dict) else None
    if not isinstance(valor, str) or not valor.strip():
        return []
    valor = valor.strip()
    try:
        ruta = ubicar(Path(doc.file).parent, valor)
    except LogoNoValido:
        return []  # where the logo may be is part of the contract (``Organizacion.logo``)
    path = ("organizacion", "logo")
    line, col = doc.position(path)
    try:
        revisado = revisar(ruta, valor)
    except LogoNoValido as exc:
        return [Diagnostic(doc.file, line, col, format_path(path), str(exc))]
    if not revisado.quitado:
        return []
    mensaje = ("se quitó del logo lo que un navegador ejecutaría o iría a buscar fuera del archivo "
               "(el sitio y los impresos usan el logo sin ello): " + "; ".join(revisado.quitado))
    return [Diagnostic(doc.file, line, col, format_path(path), mensaje, "aviso")]


# ------------------------------------------------------------------ entry point


def validate_file(file: Path, metodologia: Metodologia | None = None) -> ValidOrganization:
    """Load and validate one organization's file.

    Returns the valid organization (with its warnings) or raises ``InvalidOrganization``
    holding every error and warning found, sorted by their place in the file.
    """
    metodologia = metodologia or load_methodology()
    doc = load_document(file)
    diagnostics = list(doc.diagnostics)
    slug = file.stem
    if not SLUG_RE.match(slug):
        diagnostics.append(Diagnostic(file, 1, 1, "(archivo)",
                                      f"el nombre del archivo '{mostrar(file.name)}' no sirve como identificador: usa "
                                      "minúsculas sin acentos, números y guiones (por ejemplo red-ciudadana.yaml)"))
    data = None
    if doc.data is not None:
        try:
            data = DatosOrganizacion.model_validate(doc.data, context={"org_dir": file.parent})
        except ValidationError as exc:
            diagnostics.extend(_pydantic_diagnostics(doc, exc))
        diagnostics.extend(_cross_field(doc, metodologia))
        diagnostics.extend(_logo(doc))
    diagnostics.sort(key=lambda d: (d.line, d.column, d.severity != "error"))
    errors = [d for d in diagnostics if d.is_error]
    if errors or data is None:
        raise InvalidOrganization(diagnostics)
    return ValidOrganization(slug=slug, file=file, data=data, warnings=diagnostics, documento=doc)
