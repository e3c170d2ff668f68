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

from generator.contract.models import DatosOrganizacion

_PASO_RE = re.compile(r"^([a-z][a-z0-9_]*)(\[\])?$")


@dataclass(frozen=True)
class Paso:
    """One key of a path; ``cada`` when it is followed by ``[]`` (every item of its list)."""

    campo: str
    cada: bool = False


def _sin_envoltura(tipo: Any) -> tuple[Any, bool]:
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


def _es_modelo(tipo: Any) -> bool:
    return isinstance(tipo, type) and issubclass(tipo, BaseModel)


def resolver(ruta: str, modelo: type[BaseModel] = DatosOrganizacion) -> tuple[list[Paso], FieldInfo]:
    """The steps of ``ruta`` and the contract field it ends on.

    Raises ``ValueError`` (for the methodology's authors) when a key does not exist, ``[]`` is
    missing after a list of sections or follows anything else, or the path goes through a
    plain value.
    """
    pasos: list[Paso] = []
    actual: Any = modelo
    partes = ruta.split(".")
    for i, parte in enumerate(partes):
        encontrado = _PASO_RE.match(parte)
        if not encontrado:
            raise ValueError(f"{ruta!r}: {parte!r} is not a key (lower-case, optionally followed by [])")
        campo, cada = encontrado[1], bool(encontrado[2])
        if not _es_modelo(actual) or campo not in actual.model_fields:
            raise ValueError(f"{ruta!r}: the contract has no key {campo!r} there")
        info = actual.model_fields[campo]
        tipo, es_lista = _sin_envoltura(info.annotation)
        ultimo = i == len(partes) - 1
        if cada and not (es_lista and _es_modelo(tipo) and not ultimo):
            raise ValueError(f"{ruta!r}: '[]' only goes after a list of sections, before one of its keys")
        if es_lista and not cada and not ultimo:
            raise ValueError(f"{ruta!r}: {campo!r} is a list: write {campo}[]")
        pasos.append(Paso(campo, cada))
        actual = tipo
    return pasos, info
