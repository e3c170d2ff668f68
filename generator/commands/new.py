"""``handbook new SLUG``: start an organization's file from the commented template."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import click

from generator.commands._options import COMMAND
from generator.commands.schema import write_schema
from generator.contract.models import SLUG_RE
from generator.exceptions import HandbookError, UsageError, quote_value
from generator.paths import CONTENT_DIR, SCHEMA_FILE, USER_ORG_DATA_DIR
from generator.workbook.write import write_workbook

TEMPLATE = CONTENT_DIR / "plantillas" / "nueva-organizacion.yaml"


def new_organization(slug: str, org_dir: Path = USER_ORG_DATA_DIR, *, xlsx: bool = False) -> Path:
    if not SLUG_RE.match(slug):
        raise UsageError(f"'{quote_value(slug)}' no sirve como identificador: usa minúsculas sin acentos, números y "
                         "guiones, por ejemplo red-ciudadana")
    target = org_dir / f"{slug}.{'xlsx' if xlsx else 'yaml'}"
    if target.exists():
        raise HandbookError(f"{target} ya existe; no se sobrescribe")
    org_dir.mkdir(parents=True, exist_ok=True)
    if xlsx:
        return write_workbook(None, target)
    schema = org_dir / SCHEMA_FILE.name
    if not schema.exists():
        write_schema(schema)
    target.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    return target


@click.command(
    "new", **COMMAND, short_help="crea org_data/SLUG.yaml (o el libro SLUG.xlsx): un archivo inicial",
    help="Crea el archivo de una organización nueva con comentarios que explican cada sección. "
         "SLUG es el identificador de la organización y el nombre del archivo: minúsculas, números "
         "y guiones, p. ej. red-ciudadana.")
@click.argument("slug", metavar="SLUG")
@click.option("--xlsx", is_flag=True,
              help="crea en su lugar org_data/SLUG.xlsx: el libro de trabajo en blanco, para llenarlo en Excel "
                   "o LibreOffice")
def command(**options) -> int:
    return run(SimpleNamespace(**options))


def run(args) -> int:
    path = new_organization(args.slug, xlsx=args.xlsx)
    print(f"archivo creado: {path}\nedítalo y luego ejecuta: handbook build {path}")
    return 0
