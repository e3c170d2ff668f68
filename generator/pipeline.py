"""The whole pipeline for one organization: validate → plan → draw → render → build → print → publish."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.exceptions import Diagnostic
from generator.figuras import dibujar
from generator.impresion import imprimir_documentos
from generator.methodology import Metodologia, load_methodology
from generator.paths import BUILD_DIR
from generator.planning import plan_handbook
from generator.rendering import render_handbook
from generator.site import publish, write_config
from generator.validation import validate_file


@dataclass(frozen=True)
class BuildResult:
    slug: str
    site_dir: Path
    warnings: list[Diagnostic]


def build_organization(file: Path, out_dir: Path, *, build_root: Path = BUILD_DIR,
                       metodologia: Metodologia | None = None, pdf: bool = False) -> BuildResult:
    """Build the handbook of the organization in ``file`` into ``out_dir/<slug>``.

    Raises ``InvalidOrganization`` or ``SiteBuildError``; then ``out_dir/<slug>`` is as before.
    """
    metodologia = metodologia or load_methodology()
    valid = validate_file(file, metodologia)
    manual = plan_handbook(valid, metodologia, pdf=pdf)
    work = build_root / valid.slug
    render_handbook(manual, metodologia, work / "docs", dibujar(manual, metodologia))
    config_file = write_config(manual, work, metodologia.programa.impresion)
    imprimir = (lambda sitio: imprimir_documentos(manual, metodologia, sitio)) if pdf else None
    site_dir = publish(manual, config_file, out_dir / valid.slug, despues=imprimir)
    return BuildResult(valid.slug, site_dir, valid.warnings)
