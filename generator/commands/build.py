"""``handbook build [FILE...] [--out DIR] [--pdf] [--jobs N] [--force]``: one site per organization."""

from __future__ import annotations

import os
import shutil
import sys
import time
from types import SimpleNamespace

import click

from generator.commands._files import organization_files
from generator.commands._options import COMMAND, FILES, PATH
from generator.exceptions import quote_value
from generator.batch.pool import FALLIDO, GENERADO, SIN_CAMBIOS, BatchResult, build_batch
from generator.batch.portal import write_portal
from generator.site.publishing import check_output_dir


class _Jobs(click.ParamType):
    name = "N"

    def convert(self, value, param, ctx) -> int:
        texto = str(value).strip()
        if texto.isdigit() and int(texto) >= 1:
            return int(texto)
        self.fail(f"necesita un número entero mayor que 0, no '{quote_value(str(value))}'", param, ctx)


@click.command(
    "build", **COMMAND, short_help="genera el manual (sitio web) de cada organización",
    help="Genera un sitio por organización en DIR/<organización>/ a partir de cada ARCHIVO .yaml o .xlsx (por "
         "omisión, todas las de org_data/ en site/) y la portada DIR/index.html que las enlista. Sólo "
         "vuelve a generar las organizaciones cuyos datos, metodología o generador cambiaron. Si algo "
         "falla, el sitio anterior queda intacto.")
@FILES
@click.option("--out", metavar="DIR", default="site", type=PATH, help="carpeta de salida (por omisión: site)")
@click.option("--pdf", is_flag=True,
              help="genera también los PDF (cuadernos de participantes, guía de facilitación, plan de "
                   "alianzas, hojas de trabajo) y el plan en DOCX, dentro del sitio")
@click.option("--jobs", "-j", metavar="N", type=_Jobs(), default=None,
              help="procesos a la vez: organizaciones y, con --pdf, documentos impresos (por omisión: los "
                   "núcleos de la máquina)")
@click.option("--public", "public", is_flag=True,
              help="versión para publicar en internet: sin los datos de personas ni las valoraciones "
                   "internas (la lista está en content/perfil-publico.yaml y en el README, «Publicar»); "
                   "avisa de cada correo o teléfono escrito en un texto que se publicará")
@click.option("--force", is_flag=True, help="vuelve a generar aunque nada haya cambiado")
def command(**options) -> int:
    return run(SimpleNamespace(**options))


class _Progress:
    """click's progress bar on a terminal; otherwise one plain line per organization (logs, CI)."""

    def __init__(self, total: int, terminal: bool) -> None:
        self.bar = click.progressbar(
            length=total, file=sys.stderr, width=24, fill_char="#", empty_char=".",
            bar_template="[%(bar)s] %(info)s", info_sep=" ", show_pos=True, show_percent=False,
            show_eta=False, item_show_func=self._fitted) if terminal else None

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)  # ends the line and shows the cursor again, even on Ctrl+C

    def __call__(self, r: BatchResult) -> None:
        if r.messages and self.bar is not None:
            click.echo("\r\033[K", nl=False, err=True)  # the messages go above the bar
        for mensaje in r.messages:
            print(mensaje, file=sys.stderr, flush=True)
        if r.state == FALLIDO:
            linea = f"{r.file_name}: no se generó el manual"
        elif r.state == GENERADO:
            linea = f"{r.file_name}: manual generado en {r.site_dir / 'index.html'} ({r.segundos:.1f} s)"
        else:
            linea = f"{r.file_name}: sin cambios, el manual sigue en {r.site_dir / 'index.html'}"
        if self.bar is not None:
            self.bar.update(1, linea)
        else:
            print(linea, file=sys.stderr if r.state == FALLIDO else sys.stdout, flush=True)

    @staticmethod
    def _fitted(linea: str | None) -> str | None:
        """The line cut to the terminal's width: a wrapped line could not be redrawn in place."""
        if linea is None:
            return None
        room = max(shutil.get_terminal_size().columns - 40, 10)
        return linea if len(linea) <= room else linea[:room - 1] + "…"


def run(args) -> int:
    archivos = organization_files(args.archivos)
    args.out = check_output_dir(args.out, archivos)
    inicio = time.perf_counter()
    with _Progress(len(archivos), sys.stderr.isatty() and os.environ.get("TERM") != "dumb") as progreso:
        resultados = build_batch(archivos, args.out, jobs=args.jobs, pdf=args.pdf, force=args.force,
                                    public=args.public, al_terminar=progreso)
    portal = write_portal(args.out)
    cuenta = {e: sum(r.state == e for r in resultados) for e in (GENERADO, SIN_CAMBIOS, FALLIDO)}
    print(f"Generados: {cuenta[GENERADO]} · sin cambios: {cuenta[SIN_CAMBIOS]} · fallidos: {cuenta[FALLIDO]} "
          f"· {time.perf_counter() - inicio:.1f} s. Portada: {portal}")
    return 1 if cuenta[FALLIDO] else 0
