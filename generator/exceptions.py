"""The one error hierarchy of the generator.

Every problem the user can fix (their YAML, their arguments) is a ``HandbookError`` whose
message is Spanish and is printed without a traceback by the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Diagnostic:
    """One located problem in an organization's file, reported like a compiler would."""

    file: Path | str
    line: int
    column: int
    path: str
    message: str
    severity: str = "error"  # "error" or "aviso"

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.path}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


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


class OutputFolderError(UsageError):
    """The output folder cannot or must not be written: the build stops before touching it."""


class ContentError(HandbookError):
    """The methodology in ``content/`` is malformed (a developer's problem, still no traceback)."""


class SiteBuildError(HandbookError):
    """MkDocs refused to build the site (for example a warning in strict mode)."""
