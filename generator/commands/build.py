"""``handbook build [FILE...] [--out DIR]``: build one site per organization."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.commands._files import organization_files
from generator.exceptions import HandbookError
from generator.methodology import load_methodology
from generator.pipeline import build_organization


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "build", help="genera el manual (sitio web) de cada organización",
        description="Genera un sitio por organización en DIR/<organización>/ (por omisión, todas "
                    "las de org_data/ en site/). Si algo falla, el sitio anterior queda intacto.")
    parser.add_argument("archivos", nargs="*", metavar="ARCHIVO", help="archivo .yaml de una organización")
    parser.add_argument("--out", metavar="DIR", default="site", type=Path,
                        help="carpeta de salida (por omisión: site)")
    parser.add_argument("--pdf", action="store_true",
                        help="genera también los PDF (cuadernos de participantes, guía de facilitación, "
                             "plan de alianzas, hojas de trabajo) y el plan en DOCX, dentro del sitio")


def run(args) -> int:
    metodologia = load_methodology()
    status = 0
    for file in organization_files(args.archivos):
        try:
            result = build_organization(file, args.out, metodologia=metodologia, pdf=args.pdf)
        except HandbookError as exc:
            print(exc, file=sys.stderr)
            print(f"{file}: no se generó el manual", file=sys.stderr)
            status = 1
            continue
        for warning in result.warnings:
            print(warning.format(), file=sys.stderr)
        print(f"{file}: manual generado en {result.site_dir / 'index.html'}")
    return status
