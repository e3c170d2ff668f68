"""``handbook import ARCHIVO.xlsx [-o SALIDA.yaml]``: the organization's workbook back to its YAML file."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import click

from generator.commands._options import COMMAND, PATH
from generator.commands._written import valid_source, write_output
from generator.exceptions import UsageError, without_controls
from generator.workbook.read import is_workbook
from generator.workbook.to_yaml import organization_yaml


@click.command(
    "import", **COMMAND, short_help="pasa el libro de trabajo (.xlsx) al archivo YAML de la organización",
    help="Revisa el libro de trabajo ARCHIVO (.xlsx) y, si no tiene errores, escribe sus datos en el "
         "archivo YAML de la organización (por omisión, junto a ARCHIVO con la extensión .yaml, "
         "reemplazándolo). Si hay errores, los muestra con su hoja y su celda y no escribe nada.")
@click.argument("file_name", metavar="ARCHIVO")
@click.option("-o", "--out", metavar="SALIDA", type=PATH, default=None,
              help="el archivo YAML que se escribe (por omisión: ARCHIVO con extensión .yaml)")
def command(**options) -> int:
    return run(SimpleNamespace(**options))


def run(args) -> int:
    if not is_workbook(Path(args.file_name)):
        raise UsageError(f"'{without_controls(args.file_name)}' no es un libro .xlsx; 'handbook import' lee el libro de "
                         "trabajo que escribe 'handbook workbook'")
    valid = valid_source(args.file_name)
    if valid is None:
        return 1
    target = args.out or valid.file.with_suffix(".yaml")
    text = organization_yaml(valid.data)
    write_output(target, lambda path: path.write_text(text, encoding="utf-8"), overwrite=True)
    print(f"archivo YAML escrito en {target}")
    return 0
