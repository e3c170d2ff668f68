"""Stage 1b: validate an organization's data against the contract.

pydantic checks each value (``generator.contract.models``); the rules across fields
(``generator.contract.rules``) are functions over the model it builds. The facilitator sees every problem
of the file in one run, not one at a time, so the rules also run when pydantic refuses part of
the file: each top-level section pydantic accepted is validated again on its own (sections do not
depend on each other) and the model is assembled with ``model_construct``, a refused section
standing in it as ``rules.Unvalidated``. A rule that reads a refused section reports nothing for
that file; the others run. Top-level sections are the unit because it is the simplest that keeps
every problem reported before: a finer one (a list item) would let a rule see a list with holes
and report what is only a consequence of an error already reported.

The logo's content is not a rule: it is one value checked against a file, reported even when
another key of ``organizacion`` is refused.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core.core_schema import ErrorType

from generator.contract.models import SLUG_RE, OrganizationData, without_accents
from generator.exceptions import Diagnostic, InvalidOrganization, quote_value
from generator.contract.logo import CheckedLogo, InvalidLogo, review, locate
from generator.contract.source import LoadedDocument, format_path, load_document
from generator.methodology import Methodology, load_methodology
from generator.contract.rules import Locator, Unvalidated, run_rules
from generator.workbook.read import is_workbook, load_workbook_document


@dataclass(frozen=True)
class ValidOrganization:
    """A file that passed validation: its slug, its data, its warnings and where its values are."""

    slug: str
    file: Path
    data: OrganizationData
    warnings: list[Diagnostic]
    #: the file's ``LoadedDocument`` (positions of its values), for warnings found after validation
    documento: LoadedDocument | None = field(default=None, repr=False, compare=False)
    #: the logo as validation checked it, the one every output uses
    logo: CheckedLogo | None = field(default=None, repr=False, compare=False)

    def position_of(self, path: tuple) -> tuple[int, int]:
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
    return f"'{quote_value(value)}'"


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
    "greater_than_equal": lambda e: f"debe ser mayor o igual que {e['ctx']['ge']} (se recibió {quote_value(e['input'])})",
    "less_than_equal": lambda e: f"debe ser menor o igual que {e['ctx']['le']} (se recibió {quote_value(e['input'])})",
    "list_type": lambda e: f"se esperaba una lista (elementos con '- '), no {_describe(e['input'])}",
    "model_type": lambda e: f"se esperaba una sección con claves, no {_describe(e['input'])}",
    "model_attributes_type": lambda e: f"se esperaba una sección con claves, no {_describe(e['input'])}",
    "dict_type": lambda e: f"se esperaba una sección con claves, no {_describe(e['input'])}",
    "bool_parsing": lambda e: f"{_describe(e['input'])} no es sí ni no (escribe true o false)",
    "bool_type": lambda e: f"{_describe(e['input'])} no es sí ni no (escribe true o false)",
}


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that describes the mapping at ``loc`` (for key suggestions)."""
    current: Any = OrganizationData
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
    by_plain = {without_accents(n): n for n in names}
    match = difflib.get_close_matches(without_accents(key), list(by_plain), n=1, cutoff=0.6)
    return f"; ¿quisiste decir '{by_plain[match[0]]}'?" if match else ""


def _pydantic_diagnostics(doc: LoadedDocument, exc: ValidationError) -> list[Diagnostic]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            line, col = doc.position(loc, key=True)
            message = f"clave desconocida '{quote_value(loc[-1])}'{_suggest_key(str(loc[-1]), loc[:-1])}"
        elif kind == "missing":
            # A file has no place for a key it lacks: its section's (a workbook has the empty cell's)
            line, col = doc.position(loc)
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


# ------------------------------------------------------------------ the rules across fields


@functools.cache
def _section_adapter(name: str) -> TypeAdapter:
    """Validates one top-level section alone, exactly as ``OrganizationData`` does."""
    info = OrganizationData.model_fields[name]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


def _accepted_sections(data: dict, exc: ValidationError, context: dict) -> OrganizationData:
    """The file's model as far as pydantic accepted it: each refused top-level section is
    ``Unvalidated``, the others are validated on their own (sections do not depend on each other)."""
    refused = {err["loc"][0] for err in exc.errors() if err["loc"]}
    values: dict[str, Any] = {}
    for name in OrganizationData.model_fields:
        if name in refused:
            values[name] = Unvalidated(name)
        elif name in data:
            try:
                values[name] = _section_adapter(name).validate_python(data[name], context=context)
            except ValidationError:  # pragma: no cover - the whole model reported no error here
                values[name] = Unvalidated(name)
    return OrganizationData.model_construct(**values)


# ------------------------------------------------------------------ the logo's content


def _logo(doc: LoadedDocument) -> tuple[list[Diagnostic], CheckedLogo | None]:
    """What the logo file holds, checked the way the build will use it (``generator.contract.logo``):
    an unreadable or damaged image is an error, what the SVG loses on the way a warning. The
    checked logo is kept, so that the outputs use exactly the bytes validation reported on."""
    org = doc.data.get("organizacion") if isinstance(doc.data, dict) else None
    valor = org.get("logo") if isinstance(org, dict) else None
    if not isinstance(valor, str) or not valor.strip():
        return [], None
    valor = valor.strip()
    try:
        ruta = locate(Path(doc.file).parent, valor)
    except InvalidLogo:
        return [], None  # where the logo may be is part of the contract (``Organization.logo``)
    path = ("organizacion", "logo")
    line, col = doc.position(path)
    try:
        revisado = review(ruta, valor)
    except InvalidLogo as exc:
        return [Diagnostic(doc.file, line, col, format_path(path), str(exc))], None
    logo = CheckedLogo(ruta, revisado.contenido)
    if not revisado.removed:
        return [], logo
    mensaje = ("se quitó del logo lo que un navegador ejecutaría o iría a buscar fuera del archivo "
               "(el sitio y los impresos usan el logo sin ello): " + "; ".join(revisado.removed))
    return [Diagnostic(doc.file, line, col, format_path(path), mensaje, "aviso")], logo


# ------------------------------------------------------------------ entry point


def located(doc: LoadedDocument, diagnostic: Diagnostic) -> Diagnostic:
    """``diagnostic`` naming its place the way ``doc`` does (a workbook's cell); as it is for YAML."""
    place = doc.place(diagnostic.line, diagnostic.column) if diagnostic.file == doc.file else ""
    return dataclasses.replace(diagnostic, place=place) if place and not diagnostic.place else diagnostic


def validate_file(file: Path, metodologia: Methodology | None = None) -> ValidOrganization:
    """Load and validate one organization's file.

    Returns the valid organization (with its warnings) or raises ``InvalidOrganization``
    holding every error and warning found, sorted by their place in the file.
    """
    metodologia = metodologia or load_methodology()
    doc = load_workbook_document(file) if is_workbook(file) else load_document(file)
    diagnostics = list(doc.diagnostics)
    slug = file.stem
    if not SLUG_RE.match(slug):
        diagnostics.append(Diagnostic(file, 1, 1, "(archivo)",
                                      f"el nombre del archivo '{quote_value(file.name)}' no sirve como identificador: usa "
                                      "minúsculas sin acentos, números y guiones (por ejemplo red-ciudadana.yaml)"))
    data = logo = None
    if doc.data is not None:
        context = {"org_dir": file.parent}
        try:
            data = checked = OrganizationData.model_validate(doc.data, context=context)
        except ValidationError as exc:
            diagnostics.extend(_pydantic_diagnostics(doc, exc))
            checked = _accepted_sections(doc.data, exc, context)
        diagnostics.extend(run_rules(checked, Locator(doc), metodologia))
        avisos_del_logo, logo = _logo(doc)
        diagnostics.extend(avisos_del_logo)
    diagnostics.sort(key=lambda d: (d.line, d.column, d.severity != "error"))
    diagnostics = [located(doc, d) for d in diagnostics]
    errors = [d for d in diagnostics if d.is_error]
    if errors or data is None:
        raise InvalidOrganization(diagnostics)
    return ValidOrganization(slug=slug, file=file, data=data, warnings=diagnostics, documento=doc, logo=logo)
