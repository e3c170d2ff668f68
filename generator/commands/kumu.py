"""``handbook kumu ARCHIVO [-o SALIDA.xlsx]``: the system map as a spreadsheet Kumu imports."""

from __future__ import annotations

from types import SimpleNamespace

import click

from generator.commands._options import COMMAND, PATH
from generator.commands._written import valid_source, write_output
from generator.workbook.kumu import write_kumu


@click.command(
    "kumu", **COMMAND, short_help="exporta el mapa del sistema para seguir trabajándolo en Kumu",
    help="Escribe el mapa del sistema de la organización de ARCHIVO (.yaml o .xlsx) en el formato de hoja de "
         "cálculo que importa Kumu (kumu.io): la hoja Elements con la organización y sus actores, y la hoja "
         "Connections con la relación de la organización con cada actor.")
@click.argument("file_name", metavar="ARCHIVO")
@click.option("-o", "--out", metavar="SALIDA", type=PATH, default=None,
              help="el archivo que se escribe (por omisión: ARCHIVO terminado en -kumu.xlsx)")
@click.option("--force", is_flag=True, help="reemplaza SALIDA si ya existe")
def command(**options) -> int:
    return run(SimpleNamespace(**options))


def run(args) -> int:
    valid = valid_source(args.file_name)
    if valid is None:
        return 1
    target = args.out or valid.file.with_name(f"{valid.file.stem}-kumu.xlsx")
    write_output(target, lambda path: write_kumu(valid.data, path), overwrite=args.force)
    print(f"mapa para Kumu escrito en {target}")
    return 0
