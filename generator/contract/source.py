"""Stage 1a: read an organization's YAML file into plain data, remembering where each value is.

PyYAML's composer gives us the node tree with line and column marks; we build the Python
data ourselves so that

* every value keeps its position (errors are reported as ``FILE:LINE:COL``);
* duplicate keys are errors (a plain YAML load would silently keep the last one);
* scalars stay the text the facilitator typed (``09:00`` is not the number 540, ``no`` is not
  ``False``): pydantic converts them according to the contract's types;
* alias expansion and nesting are bounded, so an alias bomb is refused quickly;
* nothing is ever constructed from tags (no ``!!python/object``): the document is data only.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.exceptions import Diagnostic, quote_value, system_reason

#: An organization's file is a few kilobytes; anything this large is not one.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Values after alias expansion; a real file has a few thousand.
MAX_VALUES = 100_000
MAX_DEPTH = 40

NULL_TAG = "tag:yaml.org,2002:null"

Path_ = tuple[str | int, ...]

# PyYAML's problems, in Spanish. The key is a fragment of PyYAML's English message.
_YAML_PROBLEMS = [
    ("could not find expected ':'", "falta ':' después de una clave, o una línea está mal sangrada"),
    ("mapping values are not allowed here", "aquí no se permite ':'; si el texto lleva ':' ponlo entre comillas"),
    ("cannot start any token", "hay un carácter que no puede iniciar un valor (¿un tabulador? sangra con espacios)"),
    ("expected <block end>", "la sangría no es coherente con las líneas anteriores"),
    ("expected <block mapping start>", "la sangría no es coherente con las líneas anteriores"),
    ("found undefined alias", "se usa un alias (*) que no está definido"),
    ("found unexpected end of stream", "el archivo termina antes de cerrar unas comillas o un corchete"),
    ("found unclosed", "unas comillas o un corchete no se cierran"),
    ("expected a single document", "el archivo debe contener un solo documento (sin '---' adicionales)"),
    ("found duplicate anchor", "un ancla (&) está definida dos veces"),
    ("expected ',' or ']'", "falta ',' o ']' en una lista entre corchetes"),
    ("expected ',' or '}'", "falta ',' o '}' en una sección entre llaves"),
    ("did not find expected key", "se esperaba una clave: revisa la sangría y los guiones de las listas"),
    ("did not find expected '-' indicator", "se esperaba un elemento de lista ('- '): revisa la sangría"),
    ("found character that cannot start any token", "hay un carácter que no puede iniciar un valor"),
    ("found unknown escape character", "secuencia de escape desconocida dentro de comillas dobles"),
]


@dataclass
class LoadedDocument:
    """Plain data of one YAML file plus where every key and value stands in it."""

    file: Path
    data: Any
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def place(self, line: int, column: int) -> str:
        """How a diagnostic names a position of this document besides its line and column:
        nothing for a YAML file (``generator.workbook.read`` names a workbook's cells)."""
        return ""

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of a value (or of its key); falls back to the nearest known ancestor."""
        table = self.key_positions if key else self.value_positions
        if path in table:
            return table[path]
        for cut in range(len(path) - 1, -1, -1):
            if path[:cut] in self.value_positions:
                return self.value_positions[path[:cut]]
        return (1, 1)


class _Refused(Exception):
    def __init__(self, line: int, column: int, message: str):
        self.line, self.column, self.message = line, column, message


def format_path(path: Path_) -> str:
    """``('mapa_sistema', 'actores', 2, 'relacion')`` → ``mapa_sistema.actores[2].relacion``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + quote_value(part)  # an unknown key is the user's text
    return out or "(documento)"


def _translate(problem: str) -> str:
    for fragment, spanish in _YAML_PROBLEMS:
        if fragment in problem:
            return spanish
    return f"el YAML no es válido ({quote_value(' '.join(problem.split()), 200)})"


class _Builder:
    def __init__(self, doc: LoadedDocument):
        self.doc = doc
        self.count = 0

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        mark = node.start_mark
        if self.count > MAX_VALUES:
            raise _Refused(mark.line + 1, mark.column + 1,
                           f"el documento se expande a más de {MAX_VALUES} valores "
                           "(¿alias anidados?); no es un archivo de organización válido")
        if depth > MAX_DEPTH:
            raise _Refused(mark.line + 1, mark.column + 1,
                           f"el documento anida más de {MAX_DEPTH} niveles")
        self.doc.value_positions.setdefault(path, (mark.line + 1, mark.column + 1))
        if isinstance(node, ScalarNode):
            if node.tag == NULL_TAG:
                return None
            return node.value
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                kmark = key_node.start_mark
                if not isinstance(key_node, ScalarNode):
                    raise _Refused(kmark.line + 1, kmark.column + 1,
                                   "una clave debe ser un texto simple, no una lista ni una sección")
                key = key_node.value
                if key in result:
                    first_line = self.doc.key_positions[path + (key,)][0]
                    self.doc.diagnostics.append(Diagnostic(
                        self.doc.file, kmark.line + 1, kmark.column + 1, format_path(path + (key,)),
                        f"la clave '{quote_value(key)}' está repetida (ya aparece en la línea {first_line}); "
                        "YAML conservaría solo la última"))
                    continue
                self.doc.key_positions[path + (key,)] = (kmark.line + 1, kmark.column + 1)
                result[key] = self.build(value_node, path + (key,), depth + 1)
            return result
        raise _Refused(mark.line + 1, mark.column + 1, "nodo YAML no reconocido")  # pragma: no cover


def _offset_to_line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")) + 1
    return line, column


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _refused_character(character: str | int) -> str:
    """YAML refuses invisible characters anywhere, even inside quotes: name the one found."""
    code = character if isinstance(character, int) else ord(character)
    shown = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    kind = "un carácter de control" if unicodedata.category(chr(code)) == "Cc" else "un carácter no permitido"
    return (f"hay {kind} ({shown}) que YAML no admite, ni siquiera entre comillas; bórralo "
            "(suele llegar al copiar y pegar texto)")


def load_document(file: Path) -> LoadedDocument:
    """Read ``file``; problems become diagnostics (never exceptions) with their place."""
    doc = LoadedDocument(file=file, data=None)

    def refuse(line: int, column: int, message: str) -> LoadedDocument:
        doc.data = None
        doc.diagnostics.append(Diagnostic(file, line, column, "(archivo)", message))
        return doc

    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return refuse(1, 1, f"el archivo pesa {size / 1024 / 1024:.1f} MB; el máximo es "
                                f"{MAX_FILE_BYTES // 1024 // 1024} MB")
        raw = file.read_bytes()
    except OSError as exc:
        return refuse(1, 1, f"no se puede leer el archivo: {system_reason(exc, file)}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _offset_to_line_col(raw, exc.start)
        return refuse(line, column, "el archivo no está en UTF-8; guárdalo con codificación UTF-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return refuse(line, column, _translate(exc.problem or str(exc)))
    except yaml.reader.ReaderError as exc:
        line, column = _text_position(text, exc.position)
        return refuse(line, column, _refused_character(exc.character))
    except yaml.YAMLError as exc:
        return refuse(1, 1, _translate(str(exc)))
    except RecursionError:
        return refuse(1, 1, "el documento anida demasiados niveles")
    if node is None:
        return refuse(1, 1, "el archivo está vacío; necesita al menos 'organizacion' y 'nivel'")
    try:
        doc.data = _Builder(doc).build(node, (), 0)
    except _Refused as exc:
        return refuse(exc.line, exc.column, exc.message)
    if not isinstance(doc.data, dict):
        return refuse(1, 1, "el archivo debe ser una sección de claves (organizacion:, nivel:, ...)")
    return doc
