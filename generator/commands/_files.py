"""Which organization files a command works on."""

from __future__ import annotations

from pathlib import Path

from generator.exceptions import UsageError, without_controls
from generator.paths import USER_ORG_DATA_DIR


def organization_files(names: list[str]) -> list[Path]:
    """The files named, or every ``org_data/*.yaml`` of the current folder when none is."""
    if not names:
        files = sorted(USER_ORG_DATA_DIR.glob("*.yaml"))
        if not files:
            raise UsageError(f"no hay archivos .yaml en la carpeta {USER_ORG_DATA_DIR}/ de "
                             f"{without_controls(str(Path.cwd()))}: indica el archivo .yaml de la organización "
                             "o crea uno con 'handbook new SLUG'")
        return files
    files = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            raise UsageError(f"'{without_controls(name)}' es una carpeta, no un archivo: indica el archivo .yaml de "
                             "la organización (por ejemplo org_data/red-ciudadana.yaml)")
        if not path.is_file():
            raise UsageError(f"no existe el archivo '{without_controls(name)}'")
        files.append(path)
    return files
