"""``handbook build [FILE...] [--out DIR] [--pdf] [--jobs N] [--force]``: one site per organization."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from generator.commands._files import organization_files
from generator.lote import FALLIDO, GENERADO, SIN_CAMBIOS, ResultadoLote, construir_lote
from generator.portal import escribir_portal
from generator.publishing import check_output_dir


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "build", help="genera el manual (sitio web) de cada organización",
        description="Genera un sitio por organización en DIR/<organización>/ (por omisión, todas "
                    "las de org_data/ en site/) y la portada DIR/index.html que las enlista. Sólo "
                    "vuelve a generar las organizaciones cuyos datos, metodología o generador "
                    "cambiaron. Si algo falla, el sitio anterior queda intacto.")
    parser.add_argument("archivos", nargs="*", metavar="ARCHIVO", help="archivo .yaml de una organización")
    parser.add_argument("--out", metavar="DIR", default="site", type=Path,
                        help="carpeta de salida (por omisión: site)")
    parser.add_argument("--pdf", action="store_true",
                        help="genera también los PDF (cuadernos de participantes, guía de facilitación, "
                             "plan de alianzas, hojas de trabajo) y el plan en DOCX, dentro del sitio")
    parser.add_argument("--jobs", "-j", metavar="N", type=int, default=None,
                        help="organizaciones a la vez (por omisión: los núcleos de la máquina)")
    parser.add_argument("--public", action="store_true", dest="publico",
                        help="versión para publicar en internet: sin los datos de personas ni las "
                             "valoraciones internas (la lista está en content/perfil-publico.yaml y en el "
                             "README, «Publicar»); avisa de cada correo o teléfono escrito en un texto "
                             "que se publicará")
    parser.add_argument("--force", action="store_true",
                        help="vuelve a generar aunque nada haya cambiado")


class _Progreso:
    """A bar on a terminal; otherwise one plain line per organization (logs, CI)."""

    def __init__(self, total: int, terminal: bool) -> None:
        self.total, self.hechos, self.terminal = total, 0, terminal

    def __call__(self, r: ResultadoLote) -> None:
        self.hechos += 1
        if r.estado == FALLIDO or r.mensajes:
            self._limpiar()
            for mensaje in r.mensajes:
                print(mensaje, file=sys.stderr)
        if r.estado == FALLIDO:
            linea = f"{r.archivo}: no se generó el manual"
        elif r.estado == GENERADO:
            linea = f"{r.archivo}: manual generado en {r.site_dir / 'index.html'} ({r.segundos:.1f} s)"
        else:
            linea = f"{r.archivo}: sin cambios, el manual sigue en {r.site_dir / 'index.html'}"
        if self.terminal:
            lleno = round(24 * self.hechos / self.total)
            print(f"\r\033[K[{'#' * lleno}{'.' * (24 - lleno)}] {self.hechos}/{self.total} {linea}",
                  end="", file=sys.stderr, flush=True)
        else:
            print(linea, file=sys.stderr if r.estado == FALLIDO else sys.stdout, flush=True)

    def _limpiar(self) -> None:
        if self.terminal:
            print("\r\033[K", end="", file=sys.stderr)

    def terminar(self) -> None:
        if self.terminal:
            print(file=sys.stderr)


def run(args) -> int:
    if args.jobs is not None and args.jobs < 1:
        print("--jobs necesita un número entero mayor que 0", file=sys.stderr)
        return 2
    archivos = organization_files(args.archivos)
    args.out = check_output_dir(args.out, archivos)
    progreso = _Progreso(len(archivos), sys.stderr.isatty() and os.environ.get("TERM") != "dumb")
    inicio = time.perf_counter()
    resultados = construir_lote(archivos, args.out, jobs=args.jobs, pdf=args.pdf, force=args.force,
                                publico=args.publico,
                                al_terminar=progreso)
    progreso.terminar()
    portal = escribir_portal(args.out)
    cuenta = {e: sum(r.estado == e for r in resultados) for e in (GENERADO, SIN_CAMBIOS, FALLIDO)}
    print(f"Generados: {cuenta[GENERADO]} · sin cambios: {cuenta[SIN_CAMBIOS]} · fallidos: {cuenta[FALLIDO]} "
          f"· {time.perf_counter() - inicio:.1f} s. Portada: {portal}")
    return 1 if cuenta[FALLIDO] else 0
