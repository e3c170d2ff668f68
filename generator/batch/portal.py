"""The portal: ``<out>/index.html`` lists every handbook built into ``<out>``.

One static host can then serve all of them at ``/<slug>/``. The list comes from the
fingerprints each build records (generator.batch.fingerprint), so it includes organizations built by
earlier runs into the same folder. The page is self-contained (inline style, no script).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.colour import DEFAULT_PRIMARY, text_on
from generator.exceptions import OutputFolderError
from generator.batch.fingerprint import write_atomically, published_organizations
from generator.paths import CONTENT_DIR

TEMPLATE_NAME = "portal.html.j2"
# The portal template's generator tag; the title alone marks portals written before it existed.
MARKS = ('<meta name="generator" content="handbook-alianzas">', "<title>Manuales de alianzas estratégicas</title>")


def is_portal(file_name: Path) -> bool:
    """Whether ``file_name`` is a portal this tool wrote (anything else there is the user's)."""
    try:
        inicio = file_name.read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        return False
    return any(marca in inicio for marca in MARKS)


def write_portal(out_dir: Path) -> Path:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(CONTENT_DIR / "plantillas"), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    organizaciones = published_organizations(out_dir)
    organizaciones.sort(key=lambda o: (o["nombre"].casefold(), o["slug"]))
    pagina = env.get_template(TEMPLATE_NAME).render(
        organizaciones=organizaciones, primario=DEFAULT_PRIMARY, texto_primario=text_on(DEFAULT_PRIMARY))
    destino = out_dir / "index.html"
    if destino.is_symlink() or (destino.exists() and not is_portal(destino)):
        raise OutputFolderError(f"'{destino}' ya existe y no es una portada de handbook: no se sobrescribe. "
                                "Elige otra carpeta de salida con --out.")
    write_atomically(destino, pagina)
    return destino
