"""``handbook portal [--out DIR]``: write DIR/index.html, listing the handbooks built in DIR.

``build`` writes it too; this verb is for folders assembled from several machines (a CI
matrix builds the organizations in groups and merges their outputs before publishing).
"""

from __future__ import annotations

from types import SimpleNamespace

import click

from generator.commands._options import COMMAND, PATH
from generator.exceptions import HandbookError, system_reason, without_controls
from generator.batch.portal import write_portal
from generator.site.publishing import check_output_dir


@click.command(
    "portal", **COMMAND, short_help="escribe la portada que enlista los manuales de una carpeta",
    help="Escribe DIR/index.html con la lista de los manuales generados en DIR.")
@click.option("--out", metavar="DIR", default="site", type=PATH, help="carpeta de los manuales (por omisión: site)")
def command(**options) -> int:
    return run(SimpleNamespace(**options))


def run(args) -> int:
    salida = check_output_dir(args.out)
    try:
        cover = write_portal(salida)
    except OSError as exc:
        raise HandbookError(f"no se pudo escribir la portada en '{without_controls(str(args.out))}': "
                            f"{system_reason(exc, args.out)}") from None
    print(f"Portada: {cover}")
    return 0
