"""Contract paths: a field of the organization data named the way ``shared/ORG_DATA.md`` reads.

``mapa_sistema.actores[].reglas`` is the ``reglas`` of every actor of the system map: keys
joined by dots, ``[]`` after a key whose value is a list of sections (every item). The
methodology (``content/perfil-publico.yaml``) names fields this way, so a path is checked
against the contract models when ``content/`` is loaded: a typo there is a ``ContentError``,
never a field silently left in.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.contract.models import OrganizationData

_STEP_RE = re.compile(r"^([a-z][a-z0-9_]*)(\[\])?$")


@dataclass(frozen=True)
class Step:
    """One key of a path; ``each`` when it is followed by ``[]`` (every item of its list)."""

    field_path: str
    each: bool = False


def _unwrapped(tipo: Any) -> tuple[Any, bool]:
    """The model (or scalar type) inside ``tipo`` and whether ``tipo`` is a list of it."""
    es_lista = False
    while True:
        origen = get_origin(tipo)
        if origen in (Union, types.UnionType):
            tipo = next(a for a in get_args(tipo) if a is not type(None))
        elif origen is list:
            es_lista, tipo = True, get_args(tipo)[0]
        elif hasattr(tipo, "__metadata__"):
            tipo = tipo.__origin__
        else:
            return tipo, es_lista


def _is_model(tipo: Any) -> bool:
    return isinstance(tipo, type) and issubclass(tipo, BaseModel)


def resolve(ruta: str, modelo: type[BaseModel] = OrganizationData) -> tuple[list[Step], FieldInfo]:
    """The steps of ``ruta`` and the contract field it ends on.

    Raises ``ValueError`` (for the methodology's authors) when a key does not exist, ``[]`` is
    missing after a list of sections or follows anything else, or the path goes through a
    plain value.
    """
    pasos: list[Step] = []
    actual: Any = modelo
    partes = ruta.split(".")
    for i, parte in enumerate(partes):
        encontrado = _STEP_RE.match(parte)
        if not encontrado:
            raise ValueError(f"{ruta!r}: {parte!r} is not a key (lower-case, optionally followed by [])")
        field_path, each = encontrado[1], bool(encontrado[2])
        if not _is_model(actual) or field_path not in actual.model_fields:
            raise ValueError(f"{ruta!r}: the contract has no key {field_path!r} there")
        info = actual.model_fields[field_path]
        tipo, es_lista = _unwrapped(info.annotation)
        ultimo = i == len(partes) - 1
        if each and not (es_lista and _is_model(tipo) and not ultimo):
            raise ValueError(f"{ruta!r}: '[]' only goes after a list of sections, before one of its keys")
        if es_lista and not each and not ultimo:
            raise ValueError(f"{ruta!r}: {field_path!r} is a list: write {field_path}[]")
        pasos.append(Step(field_path, each))
        actual = tipo
    return pasos, info
