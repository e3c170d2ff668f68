"""The one error hierarchy of the generator.

Every problem the user can fix (their YAML, their arguments) is a ``HandbookError`` whose
message is Spanish and is printed without a traceback by the CLI. The helpers here write
messages: ``quote_value`` quotes a user's value (bounded, control characters escaped),
``system_reason`` says why the operating system refused, ``describe_unexpected`` turns
anything else into one line.
"""

from __future__ import annotations

import errno
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

#: How much of a user's value a message echoes: enough to recognise it, never a wall of text.
ECHO_LIMIT = 80

# Invisible characters that reorder the text around them on a terminal (bidirectional
# overrides and isolates): shown escaped, like control characters.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(caracter: str) -> str:
    if caracter in _NAMED:
        return _NAMED[caracter]
    codigo = ord(caracter)
    return f"\\x{codigo:02x}" if codigo < 0x100 else f"\\u{codigo:04x}"


def without_controls(texto: str) -> str:
    """``texto`` with every control character written as an escape (``\\x1b``).

    A message must not drive the user's terminal (colours, clearing the screen, moving the
    cursor) nor break the one-line ``FILE:LINE:COL`` format with a line break it echoes.
    """
    return "".join(_escape(c) if unicodedata.category(c) == "Cc" or c in _BIDI else c for c in texto)


def quote_value(valor: object, limit: int = ECHO_LIMIT) -> str:
    """A user's value as a message echoes it: at most ``limit`` characters (then "…"), escaped.

    Every message that quotes what the user typed goes through here, so a pasted paragraph
    or a terminal escape sequence in a YAML value cannot flood nor hijack the output. Paths
    are not cut (they say where to look), only escaped with ``without_controls``.
    """
    texto = str(valor)
    if len(texto) > limit:
        texto = texto[:limit - 1] + "…"
    return without_controls(texto)


_REASONS = {
    errno.ENOENT: "no existe y no se puede crear",
    errno.ENOTDIR: "una parte de la ruta es un archivo, no una carpeta",
    errno.EISDIR: "es una carpeta, no un archivo",
    errno.EEXIST: "ya existe",
    errno.EACCES: "no hay permiso de acceso",
    errno.EPERM: "no hay permiso de acceso",
    errno.EROFS: "está en un disco de solo lectura",
    errno.ENOSPC: "no queda espacio en el disco",
    errno.EDQUOT: "se agotó la cuota de disco",
    errno.ENAMETOOLONG: "el nombre es demasiado largo",
    errno.EADDRINUSE: "el puerto ya está en uso (¿otra vista previa abierta?); elige otro con --puerto",
    errno.EADDRNOTAVAIL: "esa dirección no es de esta máquina",
}


def system_reason(exc: OSError, pedida: Path | str | None = None) -> str:
    """Why the operating system refused, in Spanish.

    Names the path it refused unless that is ``pedida`` (the path the message already
    names) or a file the command was creating directly inside it.
    """
    ruta = exc.filename
    if exc.errno == errno.EEXIST and ruta is not None and Path(ruta).is_file():
        motivo = "es un archivo, no una carpeta"
    else:
        motivo = _REASONS.get(exc.errno) or f"error del sistema ({quote_value(exc.strerror or exc)})"
    if ruta is None or (pedida is not None and Path(pedida) in (Path(ruta), Path(ruta).parent)):
        return motivo
    return f"'{without_controls(str(ruta))}': {motivo}"


@dataclass(frozen=True)
class Diagnostic:
    """One located problem in an organization's file, reported like a compiler would."""

    file: Path | str
    line: int
    column: int
    path: str
    message: str
    severity: str = "error"  # "error" or "aviso"
    #: where the value is when it is not a line and column: a workbook's cell (``Actores!E7``)
    place: str = ""

    def format(self) -> str:
        where = self.place or f"{self.line}:{self.column}"
        return without_controls(f"{self.file}:{where}: {self.severity}: {self.path}: {self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


#: Set to 1 to see the traceback of an unexpected error (to report a bug) instead of one line.
DEBUG_VARIABLE = "HANDBOOK_DEBUG"


def debugging() -> bool:
    """Whether the user asked for tracebacks (``HANDBOOK_DEBUG=1``)."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def describe_unexpected(exc: Exception) -> str:
    """One Spanish line for an exception nothing turned into a message: what the operating
    system refused, or a bug of the generator (to report, with ``HANDBOOK_DEBUG=1``)."""
    if isinstance(exc, OSError):
        return f"no se pudo completar la orden: {system_reason(exc)}"
    return (f"error interno del generador: {quote_value(f'{type(exc).__name__}: {exc}', 200)} "
            f"(con {DEBUG_VARIABLE}=1 se muestra el detalle para reportarlo)")


class HandbookError(Exception):
    """Base class: a problem reported to the user in Spanish, never as a traceback."""

    exit_code = 1


class UsageError(HandbookError):
    """Wrong command-line usage (exit status 2)."""

    exit_code = 2


@dataclass
class InvalidOrganization(HandbookError):
    """The organization's file has errors; ``diagnostics`` holds all of them (and warnings)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)


class OutputFolderError(HandbookError):
    """The output folder cannot be written, or holds something that is not ours: the build
    stops before touching it."""


class WrongOutputFolder(OutputFolderError):
    """An output folder the build must never use (``--out /``, home, the project): a usage error."""

    exit_code = 2


class ContentError(HandbookError):
    """The methodology in ``content/`` is malformed (a developer's problem, still no traceback)."""


class SiteBuildError(HandbookError):
    """MkDocs refused to build the site (for example a warning in strict mode)."""
