"""What the verbs that turn one organization file into another share (workbook, import, kumu)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from generator.commands._files import organization_files
from generator.contract.validation import ValidOrganization, validate_file
from generator.exceptions import HandbookError, InvalidOrganization, system_reason, without_controls


def valid_source(name: str) -> ValidOrganization | None:
    """The organization in ``name``, its warnings printed; ``None`` (errors printed) when invalid."""
    (file,) = organization_files([name])
    try:
        valid = validate_file(file)
    except InvalidOrganization as exc:
        print(exc, file=sys.stderr)
        print(f"{file}: no se escribió nada; corrige lo anterior y vuelve a intentarlo", file=sys.stderr)
        return None
    for warning in valid.warnings:
        print(warning.format(), file=sys.stderr)
    return valid


def write_output(target: Path, write: Callable[[Path], object], *, overwrite: bool) -> Path:
    if target.is_dir():
        raise HandbookError(f"'{without_controls(str(target))}' es una carpeta; indica el nombre del archivo")
    if target.exists() and not overwrite:
        raise HandbookError(f"{without_controls(str(target))} ya existe; no se sobrescribe (usa --force para "
                            "reemplazarlo)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write(target)
    except OSError as exc:
        raise HandbookError(f"no se pudo escribir '{without_controls(str(target))}': "
                            f"{system_reason(exc, target)}") from None
    return target
