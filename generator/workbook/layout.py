"""Where every contract path lives in the organization's workbook: the one mapping both ways use.

The workbook (``handbook workbook``) and its reading back (``handbook import``, ``validate`` and
``build`` given an ``.xlsx``) both walk the sheets built here, so a value is written to the
cell it is read from. The sheets are derived from the pydantic contract models
(``generator.contract.models``): every plain field becomes a column (or, on a key/value sheet,
a row), its kind (date, time, option, yes/no, number, list in one cell) comes from the field's
type, and a key added to the contract flows into the workbook without touching this module.
What this module fixes by hand is only the shape a person fills: which lists of sections are
tables of their own, which nested list hangs under which parent, which sections share a sheet.

Headers and the help attached to each of them are Spanish text, so they live in
``content/libro-de-trabajo.yaml``; a key with no label there gets one made from its name.
"""

from __future__ import annotations

import functools
import types
from dataclasses import dataclass
from enum import Enum
from typing import Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.contract import models as contract
from generator.contract.models import OrganizationData, Choice, without_accents
from generator.exceptions import ContentError
from generator.paths import CONTENT_DIR
from generator.methodology.reading import read_yaml

LABELS_FILE = CONTENT_DIR / "libro-de-trabajo.yaml"

#: Items of a list written in one cell go one per line (Alt+Intro in Excel, Ctrl+Intro in LibreOffice).
LIST_SEPARATOR = "\n"

#: How yes/no is written in the workbook's cells (the contract reads both, and true/false).
YES, NO = "sí", "no"

Path_ = tuple[str | int, ...]


# ------------------------------------------------------------------ the kind of a field


@dataclass(frozen=True)
class Kind:
    """What a cell holds: ``text``, ``date``, ``time``, ``bool``, ``choice``, ``int`` or ``session``;
    ``many`` when the field is a list of those, written in one cell."""

    name: str
    many: bool = False
    choices: tuple[str, ...] = ()


def _unwrap(annotation: Any) -> tuple[Any, bool, set]:
    """The type inside ``annotation``, whether it is a list of it, and the validators on the way."""
    many = False
    found: set = set()
    while True:
        origin = get_origin(annotation)
        if hasattr(annotation, "__metadata__"):
            found |= {getattr(m, "func", None) for m in annotation.__metadata__}
            annotation = annotation.__origin__
        elif origin in (Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        elif origin is list:
            many, annotation = True, get_args(annotation)[0]
        else:
            return annotation, many, found


def choice_label(member: Choice) -> str:
    """How an option is written in a cell: its label when the contract reads it back as the same
    option (``débil``), else its value with spaces (``sociedad civil``; «sector privado» is not read)."""
    plain = member.value.replace("_", " ")
    return member.etiqueta if without_accents(member.etiqueta) == without_accents(plain) else plain


def kind_of(info: FieldInfo) -> Kind:
    base, many, found = _unwrap(info.annotation)
    found |= {getattr(m, "func", None) for m in info.metadata}
    if contract._date in found:
        name = "date"
    elif contract._clock_time in found:
        name = "time"
    elif contract._bool in found:
        name = "bool"
    elif contract._session in found:
        return Kind("session", many, tuple(str(n) for n in range(1, 7)) + ("mapeo",))
    elif contract._session_number in found:
        name = "int"
    elif isinstance(base, type) and issubclass(base, Enum):
        return Kind("choice", many, tuple(choice_label(m) for m in base))
    elif base is int:
        name = "int"
    else:
        name = "text"
    return Kind(name, many)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _model_of(info: FieldInfo) -> tuple[type[BaseModel] | None, bool]:
    base, many, _ = _unwrap(info.annotation)
    return (base, many) if _is_model(base) else (None, many)


# ------------------------------------------------------------------ columns, groups, sheets


@dataclass(frozen=True)
class Column:
    """One plain field: ``keys`` from the item of its table (or from the document's root on a
    key/value sheet) to the value."""

    keys: tuple[str, ...]
    kind: Kind
    required: bool
    contract_path: str  # ``mapa_sistema.actores[].relacion``, as REFERENCIA.md names it
    label: str = ""
    help: str = ""


@dataclass(frozen=True)
class Group:
    """A list zipped into a table: ``keys`` to the list from the parent item (or the root);
    its items are sections (``columns`` of their fields) or plain values (one column, ``keys=()``)."""

    keys: tuple[str, ...]
    columns: tuple[Column, ...]
    sections: bool


@dataclass(frozen=True)
class Sheet:
    title: str
    #: key/value sheets: one row per field (label in A, value in B)
    fields: tuple[Column, ...] = ()
    #: tables: the list whose items start a block of rows, and the lists zipped within a block
    parent: Group | None = None
    children: tuple[Group, ...] = ()

    @property
    def is_table(self) -> bool:
        return not self.fields

    @property
    def columns(self) -> list[Column]:
        groups = ([self.parent] if self.parent else []) + list(self.children)
        return [c for g in groups for c in g.columns]

    @property
    def column_groups(self) -> list[tuple[Group, Column]]:
        groups = ([self.parent] if self.parent else []) + list(self.children)
        return [(g, c) for g in groups for c in g.columns]


def _dotted(prefix: str, key: str, *, items: bool = False) -> str:
    return (f"{prefix}.{key}" if prefix else key) + ("[]" if items else "")


def _plain_columns(model: type[BaseModel], prefix: str, keys: tuple[str, ...] = (),
                   required: bool = True, skip: frozenset[str] = frozenset()) -> list[Column]:
    """The plain fields of ``model`` (and of its nested sections, flattened), lists of
    sections left out: those are tables."""
    out = []
    for name, info in model.model_fields.items():
        path = _dotted(prefix, name)
        if path in skip:
            continue
        sub, many = _model_of(info)
        if sub is not None:
            if not many:
                out += _plain_columns(sub, path, keys + (name,), required and info.is_required(), skip)
            continue
        out.append(Column(keys + (name,), kind_of(info), required and info.is_required(), path))
    return out


def _lists_of_sections(model: type[BaseModel], prefix: str, keys: tuple[str, ...] = ()) -> dict[str, tuple]:
    """Every list of sections reachable from ``model`` through plain sections: path → (keys, model)."""
    out = {}
    for name, info in model.model_fields.items():
        sub, many = _model_of(info)
        path = _dotted(prefix, name)
        if sub is not None and many:
            out[path] = (keys + (name,), sub)
        elif sub is not None:
            out.update(_lists_of_sections(sub, path, keys + (name,)))
    return out


def _list_group(model: type[BaseModel], prefix: str, key_path: str, parent: bool = False) -> Group:
    """The group of the list at ``key_path`` (dotted, from ``model``); a ``parent``'s own lists
    of sections are its children's groups."""
    keys = tuple(key_path.split("."))
    current: Any = model
    for key in keys[:-1]:
        current, _ = _model_of(current.model_fields[key])
    info = current.model_fields[keys[-1]]
    sub, many = _model_of(info)
    path = _dotted(prefix, key_path, items=True)
    if sub is not None:
        if not parent and _lists_of_sections(sub, path):
            raise ValueError(f"{path}: a list of sections inside a nested list has no place in the workbook")
        return Group(keys, tuple(_plain_columns(sub, path)), True)
    kind = kind_of(info)
    return Group(keys, (Column((), Kind(kind.name), True, _dotted(prefix, key_path)),), False)


# The shape a person fills, by contract path. Everything else is derived.
_TABLES: list[tuple[str, str | None, tuple[str, ...]]] = [
    # (sheet, parent list, lists zipped in each block: relative to the parent's items, else to the root)
    ("calendario", None, ("calendario",)),
    ("equipo", None, ("equipo_facilitador", "consultores", "participantes")),
    ("actores", None, ("mapa_sistema.actores",)),
    ("seguimientos", "mapa_sistema.seguimientos", ("cambios",)),
    ("aprendizajes", None, ("mapa_sistema.aciertos", "mapa_sistema.errores_comunes")),
    ("recursos_propios", None, ("recursos_propios",)),
    ("aliados", None, ("aliados_potenciales",)),
    ("lineas_accion", "plan_alianzas.lineas_accion", ("funcionan", "no_funcionan", "por_integrar")),
    ("estrategias", "plan_alianzas.estrategias_prioritarias", ("aliados",)),
    ("plan_trabajo", "plan_trabajo.actividades", ("subactividades",)),
]
#: Fields that must name an actor of the system map (rules.py checks it): a drop-down of «Actores».
ACTOR_FIELDS = frozenset({"aliados_potenciales[].actor", "mapa_sistema.seguimientos[].cambios[].actor"})
#: Key/value sheets other than «Organización», which takes every plain field no other sheet takes.
_FIELD_SHEETS: list[tuple[str, tuple[str, ...]]] = [
    ("discurso", ("discurso_elevador", "ecuacion_confianza")),
]
#: Sheet order in the workbook (after «Instrucciones»).
_ORDER = ["organizacion", "calendario", "equipo", "actores", "seguimientos", "aprendizajes",
          "recursos_propios", "aliados", "discurso", "lineas_accion", "estrategias", "plan_trabajo"]


@functools.cache
def texts() -> dict:
    """``content/libro-de-trabajo.yaml``: the sheets' titles, the columns' labels and help."""
    try:
        data = read_yaml(LABELS_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError(f"{LABELS_FILE}: no se puede leer ({exc})") from None
    if not isinstance(data, dict) or not {"hojas", "columnas", "instrucciones"} <= set(data):
        raise ContentError(f"{LABELS_FILE}: faltan 'hojas', 'columnas' o 'instrucciones'")
    return data


def _made_label(contract_path: str) -> str:
    key = contract_path.replace("[]", "").rsplit(".", 1)[-1]
    return key.replace("_", " ").capitalize()


def _labelled(column: Column) -> Column:
    entry = texts()["columnas"].get(column.contract_path) or {}
    label = entry.get("etiqueta") or _made_label(column.contract_path)
    return Column(column.keys, column.kind, column.required, column.contract_path, label, entry.get("ayuda", ""))


def _labelled_group(group: Group) -> Group:
    return Group(group.keys, tuple(_labelled(c) for c in group.columns), group.sections)


@functools.cache
def sheets() -> tuple[Sheet, ...]:
    """Every sheet of the workbook but «Instrucciones», in order."""
    titles = texts()["hojas"]
    built: dict[str, Sheet] = {}
    claimed: set[str] = set()
    lists = _lists_of_sections(OrganizationData, "")
    for sheet_id, parent_path, zipped in _TABLES:
        if parent_path is not None:
            parent = _list_group(OrganizationData, "", parent_path, parent=True)
            _, parent_model = lists[parent_path]
            children = tuple(_list_group(parent_model, parent_path + "[]", z) for z in zipped)
            taken = {g.columns[0].contract_path.rsplit("[]", 1)[0] if g.sections else g.columns[0].contract_path
                     for g in children}
            parent = Group(parent.keys, tuple(c for c in parent.columns if not any(
                c.contract_path == t or c.contract_path.startswith(t + ".") for t in taken)), True)
            claimed.add(parent_path)
        else:
            parent = None
            children = tuple(_list_group(OrganizationData, "", z) for z in zipped)
            claimed.update(zipped)
        built[sheet_id] = Sheet(titles[sheet_id], parent=_labelled_group(parent) if parent else None,
                                children=tuple(_labelled_group(g) for g in children))
    # A list of sections added to the contract and placed nowhere gets a table of its own.
    for path, (keys, model) in lists.items():
        if path not in claimed:
            group = _labelled_group(_list_group(OrganizationData, "", path))
            built[path] = Sheet(titles.get(path) or _made_label(path), children=(group,))
            claimed.add(path)
    for sheet_id, prefixes in _FIELD_SHEETS:
        columns = [c for p in prefixes for c in _plain_columns(OrganizationData, "") if
                   c.contract_path == p or c.contract_path.startswith(p + ".")]
        built[sheet_id] = Sheet(titles[sheet_id], fields=tuple(_labelled(c) for c in columns))
        claimed.update(prefixes)
    rest = _plain_columns(OrganizationData, "", skip=frozenset(claimed))
    built["organizacion"] = Sheet(titles["organizacion"], fields=tuple(_labelled(c) for c in rest))
    order = _ORDER + [k for k in built if k not in _ORDER]
    return tuple(built[k] for k in order)


def contract_paths_in_workbook() -> list[str]:
    """The contract path of every column and key/value row (for the tests: each exactly once)."""
    return [c.contract_path for s in sheets() for c in (s.fields or s.columns)]


def instructions_title() -> str:
    return texts()["hojas"]["instrucciones"]
