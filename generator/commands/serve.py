"""``handbook serve FILE``: live preview that rebuilds when the data or the methodology change.

Everything it writes (the site and its work folder) lives in one ``handbook-serve-*`` folder
of the temporary directory, removed however the preview ends: Ctrl+C, SIGTERM, a port in
use, an error. Ctrl+C and SIGTERM are the normal way to stop it (exit status 0).
"""

from __future__ import annotations

import shutil
import signal
import socket
import sys
import tempfile
import traceback
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import click
from mkdocs.livereload import LiveReloadServer

from generator.commands._files import organization_files
from generator.commands._options import COMMAND
from generator.exceptions import HandbookError, debugging, describe_unexpected, quote_value, system_reason
from generator.methodology import load_methodology
from generator.paths import BASE_MKDOCS_YML, CONTENT_DIR, OVERRIDES_DIR
from generator.pipeline import build_organization


class _Port(click.ParamType):
    name = "puerto"

    def convert(self, value, param, ctx) -> int:
        texto = str(value)
        if texto.isdigit() and 1 <= int(texto) <= 65535:
            return int(texto)
        self.fail(f"'{quote_value(texto)}' no es un puerto válido (un número de 1 a 65535)", param, ctx)


@click.command(
    "serve", **COMMAND, short_help="vista previa en el navegador que se actualiza al guardar cambios",
    help="Genera el manual de la organización de ARCHIVO (.yaml) y lo sirve en http://HOST:PUERTO/; "
         "al guardar el YAML, content/ u overrides/ lo vuelve a generar.")
@click.argument("file_name", metavar="ARCHIVO")
@click.option("--host", metavar="HOST", default="127.0.0.1", help="dirección (por omisión: 127.0.0.1)")
@click.option("--puerto", "--port", "puerto", metavar="PUERTO", type=_Port(), default=8000,
              help="puerto, de 1 a 65535 (por omisión: 8000)")
def command(**options) -> int:
    return run(SimpleNamespace(**options))


class _Stopped(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt, so that no ``except Exception``
    on the way (MkDocs' rebuild loop has one) swallows it."""


def _on_sigterm(signum, frame) -> None:
    raise _Stopped


@contextmanager
def _uninterrupted():
    """Ignore Ctrl+C and SIGTERM meanwhile: a second one must not stop the clean-up halfway."""
    anteriores = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, anterior in anteriores.items():
            signal.signal(s, anterior)


def run(args) -> int:
    (file,) = organization_files([args.file_name])
    anterior = signal.signal(signal.SIGTERM, _on_sigterm)
    temporal: Path | None = None
    try:
        temporal = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
        return _serve(file, temporal, args.host, args.puerto)
    except (KeyboardInterrupt, _Stopped):
        print("vista previa terminada", file=sys.stderr)
        return 0
    finally:
        with _uninterrupted():
            if temporal is not None:
                shutil.rmtree(temporal, ignore_errors=True)
        signal.signal(signal.SIGTERM, anterior)


def _serve(file: Path, temporal: Path, host: str, puerto: int) -> int:
    sitios, trabajo = temporal / "sitio", temporal / "trabajo"
    slug = file.stem

    def rebuild(primera: bool = False) -> bool:
        load_methodology.cache_clear()  # content/ may have changed
        try:
            result = build_organization(file, sitios, build_root=trabajo)
        except Exception as exc:  # whatever it is, the preview goes on with the last good version
            if isinstance(exc, HandbookError):
                print(exc, file=sys.stderr)
            elif debugging():
                traceback.print_exc()
            else:
                print(f"{file}: {describe_unexpected(exc)}", file=sys.stderr)
            print("no se pudo generar el manual; corrige lo anterior y vuelve a intentarlo" if primera
                  else "se conserva la versión anterior del manual", file=sys.stderr, flush=True)
            return False
        for warning in result.warnings:
            print(warning.format(), file=sys.stderr)
        print(f"manual actualizado: {file}", flush=True)
        return True

    if not rebuild(primera=True):
        return 1
    # Under /<slug>/, as the manual is published (its 404 page links from there).
    server = _Server(builder=rebuild, host=host, port=puerto, root=str(sitios / slug), mount_path=f"/{slug}/")
    for path in (file, CONTENT_DIR, OVERRIDES_DIR, BASE_MKDOCS_YML):
        server.watch(str(path))
    try:
        server.serve()
    except socket.gaierror:
        raise HandbookError(f"no se reconoce la dirección '{quote_value(host)}' (usa por ejemplo 127.0.0.1)") from None
    except OSError as exc:
        raise HandbookError(f"no se pudo abrir la vista previa en el puerto {puerto}: "
                            f"{system_reason(exc)}") from None
    finally:
        server.shutdown()
    return 0


class _Server(LiveReloadServer):
    def _build_loop(self) -> None:
        """Say where the preview is once it really is there: MkDocs calls this after taking the
        port and after the watcher's first snapshot of the files, so a change saved as soon as
        the address shows is seen (announced earlier, it could fall before the snapshot)."""
        print(f"vista previa en {self.url} (Ctrl+C para terminar)", flush=True)
        super()._build_loop()
