"""Which organization files a command works on."""

from __future__ import annotations

from pathlib import Path

from generator.exceptions import UsageError, without_controls
from generator.paths import USER_ORG_DATA_DIR


def organization_files(names: list[str]) -> list[Path]:
    """The files named or, when none is, every organization of ``org_data/`` in the current folder:
    each ``.yaml``, and each workbook (``.xlsx``) without a ``.yaml`` of the same name (that one
    is the source of truth; both would build into one folder). The lock files Excel (``~$``) and
    LibreOffice (``.~lock``) leave beside an open workbook are not organizations."""
    if not names:
        yamls = sorted(USER_ORG_DATA_DIR.glob("*.yaml"))
        with_yaml = {p.stem for p in yamls}
        books = [p for p in sorted(USER_ORG_DATA_DIR.glob("*.xlsx"))
                 if not p.name.startswith(("~$", ".")) and p.stem not in with_yaml]
        files = sorted(yamls + books)
        if not files:
            raise UsageError(f"no hay archivos .yaml ni .xlsx en la carpeta {USER_ORG_DATA_DIR}/ de "
                             f"{without_controls(str(Path.cwd()))}: indica el archivo de la organización "
                             "o crea uno con 'handbook new SLUG' (o 'handbook new SLUG --xlsx')")
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
