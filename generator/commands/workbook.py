"""``handbook workbook ARCHIVO [-o SALIDA.xlsx]``: the organization's workbook, to fill in a spreadsheet."""

from __future__ import annotations

from types import SimpleNamespace

import click

from generator.commands._options import COMMAND, PATH
from generator.commands._written import valid_source, write_output
from generator.exceptions import HandbookError, without_controls
from generator.workbook.write import write_workbook


@click.command(
    "workbook", **COMMAND, short_help="escribe el libro de trabajo (Excel/LibreOffice) de una organización",
    help="Escribe los datos de la organización de ARCHIVO (.yaml o .xlsx) como un libro de Excel para "
         "llenarlo en Excel o LibreOffice: una hoja por parte del programa, encabezados con notas y listas "
         "desplegables. Por omisión lo guarda junto a ARCHIVO con la extensión .xlsx. 'handbook import' "
         "lo vuelve a pasar a YAML; 'handbook validate' y 'handbook build' también lo aceptan tal cual.")
@click.argument("file_name", metavar="ARCHIVO")
@click.option("-o", "--out", metavar="SALIDA", type=PATH, default=None,
              help="el libro que se escribe (por omisión: ARCHIVO con extensión .xlsx)")
@click.option("--force", is_flag=True, help="reemplaza SALIDA si ya existe")
def command(**options) -> int:
    return run(SimpleNamespace(**options))


def run(args) -> int:
    valid = valid_source(args.file_name)
    if valid is None:
        return 1
    target = args.out or valid.file.with_suffix(".xlsx")
    if target.resolve() == valid.file.resolve():
        raise HandbookError(f"{without_controls(str(target))} es el archivo de entrada; indica otro con -o")
    write_output(target, lambda path: write_workbook(valid.data, path), overwrite=args.force)
    print(f"libro de trabajo escrito en {target}")
    return 0
