"""``handbook serve FILE``: live preview that rebuilds when the data or the methodology change."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from generator.commands._files import organization_files
from generator.exceptions import HandbookError
from generator.methodology import load_methodology
from generator.paths import BASE_MKDOCS_YML, CONTENT_DIR, OVERRIDES_DIR
from generator.pipeline import build_organization


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "serve", help="vista previa en el navegador que se actualiza al guardar cambios",
        description="Genera el manual de una organización y lo sirve en http://HOST:PUERTO/; "
                    "al guardar el YAML, content/ u overrides/ lo vuelve a generar.")
    parser.add_argument("archivo", metavar="ARCHIVO", help="archivo .yaml de la organización")
    parser.add_argument("--host", default="127.0.0.1", help="dirección (por omisión: 127.0.0.1)")
    parser.add_argument("--puerto", "--port", dest="puerto", type=int, default=8000,
                        help="puerto (por omisión: 8000)")


def run(args) -> int:
    (file,) = organization_files([args.archivo])
    out = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
    slug = file.stem

    def rebuild() -> None:
        load_methodology.cache_clear()  # content/ may have changed
        try:
            result = build_organization(file, out)
        except HandbookError as exc:
            print(exc, file=sys.stderr)
            print("se conserva la versión anterior del manual", file=sys.stderr)
            return
        for warning in result.warnings:
            print(warning.format(), file=sys.stderr)
        print(f"manual actualizado: {file}", flush=True)

    rebuild()
    if not (out / slug).exists():
        shutil.rmtree(out, ignore_errors=True)
        return 1
    server = LiveReloadServer(builder=rebuild, host=args.host, port=args.puerto, root=str(out / slug))
    for path in (file, CONTENT_DIR, OVERRIDES_DIR, BASE_MKDOCS_YML):
        server.watch(str(path))
    print(f"vista previa en http://{args.host}:{args.puerto}/ (Ctrl+C para terminar)", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(out, ignore_errors=True)
    return 0
