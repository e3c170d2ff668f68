"""``handbook validate [FILE...]``: check organization files against the contract."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import click

from generator.commands._files import organization_files
from generator.commands._options import COMMAND, FILES
from generator.exceptions import InvalidOrganization
from generator.methodology import load_methodology
from generator.plan.products import plan_missing_items
from generator.contract.validation import validate_file


@click.command(
    "validate", **COMMAND, short_help="revisa archivos de organización y reporta cada problema con su línea",
    help="Revisa los archivos de organización ARCHIVO (.yaml, o el libro de trabajo .xlsx; por omisión, "
         "los de org_data/: cada .yaml y cada .xlsx sin un .yaml del mismo nombre) y reporta cada error y aviso "
         "como ARCHIVO:LÍNEA:COLUMNA "
         "(en un libro, ARCHIVO:HOJA!CELDA).")
@FILES
@click.option("--plan", is_flag=True,
              help="además, lista lo que falta para un Plan de Alianzas Estratégicas completo "
                   "(sale con 1 si falta algo)")
def command(**options) -> int:
    return run(SimpleNamespace(**options))


def run(args) -> int:
    metodologia = load_methodology()
    status = 0
    for file in organization_files(args.archivos):
        try:
            valid = validate_file(file, metodologia)
        except InvalidOrganization as exc:
            print(exc, file=sys.stderr)
            status = 1
            continue
        for warning in valid.warnings:
            print(warning.format(), file=sys.stderr)
        print(f"{file}: válido" + (f" ({len(valid.warnings)} aviso{'s' if len(valid.warnings) > 1 else ''})" if valid.warnings else ""))
        if args.plan:
            faltantes = plan_missing_items(valid.data, metodologia.productos.faltantes_plan)
            for faltante in faltantes:
                print(f"{file}: por completar: {faltante.ruta}: {faltante.que}")
            if faltantes:
                n = len(faltantes)
                print(f"{file}: al Plan de Alianzas Estratégicas " + ("le falta 1 dato" if n == 1 else f"le faltan {n} datos"))
                status = 1
            else:
                print(f"{file}: el Plan de Alianzas Estratégicas está completo")
    return status
