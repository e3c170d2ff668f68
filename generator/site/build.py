"""Stage 4: build the organization's MkDocs Material site and put it in place atomically.

The generated ``build/<slug>/mkdocs.yml`` INHERITs the project's base ``mkdocs.yml`` and sets
what belongs to the organization. MkDocs runs in strict mode through its Python API; the site
is built into a temporary folder beside the destination and swapped in only when the build
succeeded, so a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import jinja2
import jinja2.bccache
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.site import publishing
from generator.methodology.models import PrintSettings, SiteView
from generator.exceptions import SiteBuildError
from generator.plan.edition import EPOCH, edition_date
from generator.paths import BASE_MKDOCS_YML, OVERRIDES_DIR
from generator.outputs import OUTPUTS_BY_NAME
from generator.structure import PlannedDocument, Handbook

HOOKS_FILE = Path(__file__).resolve().parent / "hooks.py"


class _CompiledTemplates(jinja2.BytecodeCache):
    """Material's templates compiled once per process, then reused by every build in it.

    MkDocs makes a new theme environment for each build; set as its bytecode cache (by
    ``generator.site.hooks.on_env``), this spares a worker recompiling the same templates for each
    organization. Jinja checks each entry against the template's source, so a changed theme
    file is compiled again.
    """

    def __init__(self) -> None:
        self._compiladas: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiladas:
            bucket.bytecode_from_string(self._compiladas[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiladas[bucket.key] = bucket.bytecode_to_string()


THEME_TEMPLATES = _CompiledTemplates()


def write_config(handbook: Handbook, build_dir: Path, rotulos: PrintSettings, vista: SiteView | None = None) -> Path:
    """Write ``build_dir/mkdocs.yml`` for ``handbook``; returns its path.

    ``extra`` carries what overrides/main.html shows above each page: the links to the printed
    documents the page is part of, and the participant-view switch's words. ``vista`` (from
    content/vista-participantes.yaml) says which of them the participant view hides.
    """
    vista = vista or SiteView()
    org = handbook.org.organizacion
    theme: dict = {"custom_dir": os.path.relpath(OVERRIDES_DIR, build_dir)}
    if handbook.logo_asset is not None:
        theme.update(logo=handbook.logo_asset, favicon=handbook.logo_asset)
    config = {
        "INHERIT": os.path.relpath(BASE_MKDOCS_YML, build_dir),
        "site_name": org.nombre,
        "docs_dir": "docs",
        "theme": theme,
        "nav": handbook.nav(),
        "hooks": [os.path.relpath(HOOKS_FILE, build_dir)],
        "extra": {
            # Not site_description, which Material prints unescaped (overrides/main.html).
            "description": f"Manual de alianzas estratégicas de {org.nombre}",
            "perfil": "publico" if handbook.public else "interno",
            "interno_para_facilitacion": vista.ocultar_aviso_interno,
            "rotulos": {"vista_participantes": rotulos.vista_participantes, "interno": rotulos.interno,
                        "vista_facilitacion": rotulos.vista_facilitacion},
            # Keyed by the page's URL, which MkDocs and Zensical both give their templates.
            "descargas": {ruta.removesuffix(".md") + ".html": [download_link(d, rotulos, vista) for d in documentos]
                          for ruta, documentos in handbook.downloads().items()},
        },
    }
    path = build_dir / "mkdocs.yml"
    # safe_dump quotes whatever the organization wrote: its name can never become YAML syntax.
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def download_link(documento: PlannedDocument, rotulos: PrintSettings, vista: SiteView | None = None) -> dict:
    """What overrides/main.html shows for one document: its file, the words and the icon of the
    output that makes it, and whether the participant view hides it."""
    output = OUTPUTS_BY_NAME[documento.tipo]
    return {"archivo": documento.file_name, "titulo": documento.titulo, "enlace": rotulos.descargar[output.extension],
            "icono": output.icon,
            "facilitacion": documento.tipo in (vista or SiteView()).descargas_de_facilitacion}


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _mkdocs_log_collected() -> Iterator[_Collect]:
    """MkDocs' warnings collected, and kept out of the user's terminal (they are English);
    its logger is left as it was however the block ends."""
    logger = logging.getLogger("mkdocs")
    collector = _Collect()
    previous_propagate = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.propagate = previous_propagate


@contextmanager
def _source_date_epoch(edicion: datetime) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` set to ``edicion`` inside the block, unless the caller set it.

    MkDocs dates its sitemap (and the gzip header) with it or today, and offers no other way
    to give it a date; the variable goes when the block ends, however it ends.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(edicion.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def build_site(config_file: Path, site_dir: Path, edicion: datetime = EPOCH) -> None:
    """Run MkDocs (strict) on ``config_file`` into ``site_dir``; warnings become errors.

    The sitemap is dated with the handbook's edition date, so nothing reads the clock.
    """
    with _source_date_epoch(edicion), _mkdocs_log_collected() as collector:
        try:
            config = load_config(str(config_file), strict=True, site_dir=str(site_dir))
            mkdocs_build(config)
        except (MkDocsException, SystemExit, OSError) as exc:
            detail = "\n".join(f"  {m}" for m in collector.messages) or f"  {exc}"
            raise SiteBuildError(f"MkDocs no pudo construir el sitio:\n{detail}") from None


# What MkDocs writes from the server's root into 404.html (the one page it does not link relatively,
# because a server shows it at whatever depth the missing address had): the text up to that "/".
_FROM_ROOT = re.compile(r'(\b(?:href|src)="|"(?:base|search)": "|new URL\(")/(?!/)')


def not_found_page_under(site_dir: Path, carpeta: str) -> None:
    """Point 404.html's links to ``/<carpeta>/``, where the manual is served (the portal of
    ``handbook build`` keeps each organization's manual in its own folder, and ``handbook serve``
    serves it under the same path), so its styles, search and menu work at any depth."""
    pagina = site_dir / "404.html"
    if not pagina.is_file():
        return
    raiz = "/" + quote(carpeta) + "/"
    texto = _FROM_ROOT.sub(lambda m: m.group(1) + raiz, pagina.read_text(encoding="utf-8"))
    pagina.write_text(texto, encoding="utf-8")


def publish(handbook: Handbook, config_file: Path, destination: Path,
            despues: Callable[[Path], None] | None = None) -> Path:
    """Build into a staging folder beside ``destination``, call ``despues`` on it (the printed
    documents are made there), then swap it in (generator.site.publishing).

    The caller holds the organization's lock. ``destination`` is replaced only if it is a site
    this build made; what an interrupted earlier build left is recovered first.
    """
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    publishing.recover(destination)
    publishing.claim_destination(destination)
    staging = publishing.new_staging(destination)
    try:
        build_site(config_file, staging, edition_date(handbook.org) or EPOCH)
        not_found_page_under(staging, destination.name)
        if despues is not None:
            despues(staging)
        publishing.swap_in(staging, destination)
    except BaseException:
        if staging.exists():
            publishing.remove_owned(staging)
        raise
    return destination
