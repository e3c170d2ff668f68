"""The portal: ``<out>/index.html`` lists every handbook built into ``<out>``.

One static host can then serve all of them at ``/<slug>/``. The list comes from the
fingerprints each build records (generator.huella), so it includes organizations built by
earlier runs into the same folder. The page is self-contained (inline style, no script).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.huella import escribir_atomico, organizaciones_publicadas
from generator.paths import CONTENT_DIR
from generator.rendering import DEFAULT_PRIMARY, text_colour_on

PLANTILLA = "portal.html.j2"


def escribir_portal(out_dir: Path) -> Path:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(CONTENT_DIR / "plantillas"), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    organizaciones = organizaciones_publicadas(out_dir)
    organizaciones.sort(key=lambda o: (o["nombre"].casefold(), o["slug"]))
    pagina = env.get_template(PLANTILLA).render(
        organizaciones=organizaciones, primario=DEFAULT_PRIMARY, texto_primario=text_colour_on(DEFAULT_PRIMARY))
    destino = out_dir / "index.html"
    escribir_atomico(destino, pagina)
    return destino
