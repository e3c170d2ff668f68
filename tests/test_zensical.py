"""Forward compatibility: Zensical, Material for MkDocs' successor, builds the same generated
source (the same mkdocs.yml, theme overrides and pages).

What differs, recorded here: Zensical (0.0.73) does not run MkDocs ``hooks``
(generator/mkdocs_hooks.py), so the site name is not turned into escaped Markup there: an
organization named ``<b>x</b>`` shows as bold in Zensical's header and navigation (checked by
hand, 2026-11-21). Moving to Zensical needs that escaping done another way first. It writes its own search
index and assets, and its escaping writes "/" in attributes as "&#x2f;" (same URL). The set
of pages, their titles and our own additions above each page (the internal-profile notice,
download links) are the same. overrides/main.html looks the download links up by ``page.url``
because Zensical's pages have no ``file.src_uri``.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator.figuras import dibujar
from generator.paths import ORG_DATA_DIR
from generator.planning import plan_handbook
from generator.rendering import render_handbook
from generator.site import write_config
from generator.validation import validate_file

ZENSICAL = Path(sys.executable).with_name("zensical")


def paginas(sitio: Path) -> set[str]:
    return {p.relative_to(sitio).as_posix() for p in sitio.rglob("*.html")}


def titulo(pagina: Path) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", pagina.read_text(encoding="utf-8"), re.S).group(1)


def test_zensical_builds_the_generated_source_with_the_same_pages(example_site, metodologia, tmp_path):
    assert ZENSICAL.is_file() or shutil.which("zensical")
    manual = plan_handbook(validate_file(ORG_DATA_DIR / "red-ciudadana.yaml", metodologia), metodologia, pdf=True)
    trabajo = tmp_path / "red-ciudadana"
    render_handbook(manual, metodologia, trabajo / "docs", dibujar(manual, metodologia))
    config = write_config(manual, trabajo, metodologia.programa.impresion)
    hecho = subprocess.run([str(ZENSICAL if ZENSICAL.is_file() else shutil.which("zensical")), "build", "-f",
                            str(config)], cwd=trabajo, capture_output=True, text=True, timeout=300)
    assert hecho.returncode == 0, hecho.stdout + hecho.stderr
    zensical = trabajo / "site"
    assert paginas(zensical) == paginas(example_site)
    for ruta in ("index.html", "sesiones/sesion-2.html", "productos/plan-alianzas.html", "conceptos/mou.html"):
        assert re.sub(r"<[^>]+>", "", titulo(zensical / ruta)).strip() == \
            re.sub(r"<[^>]+>", "", titulo(example_site / ruta)).strip(), ruta
    # Zensical's escaping writes "/" as "&#x2f;" inside attributes: the same URL once decoded.
    sesion = html.unescape((zensical / "sesiones" / "sesion-2.html").read_text(encoding="utf-8"))
    assert 'class="hb-interno"' in sesion and "impresos/sesion-2.pdf" in sesion
    assert (zensical / "figuras" / "mapa-sistema.svg").is_file()
