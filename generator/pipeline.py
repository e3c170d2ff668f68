"""The whole pipeline for one organization: validate → plan → draw → render → build → print → publish."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.exceptions import Diagnostic
from generator.figures import dibujar
from generator.batch.fingerprint import CARPETA, cerrojo, guardar_huella, huella_de, sin_cambios
from generator.methodology import Metodologia, load_methodology
from generator.outputs import write_documents
from generator.outputs.printing import IMPRESOS, run_here
from generator.paths import BUILD_DIR
from generator.plan.public_profile import avisos_de_publicacion
from generator.plan.handbook import plan_handbook
from generator.site.publishing import check_output_dir
from generator.render.pages import render_handbook
from generator.site.build import publish, write_config
from generator.contract.validation import validate_file


@dataclass(frozen=True)
class BuildResult:
    slug: str
    site_dir: Path
    warnings: list[Diagnostic]
    generado: bool = True  # False: its inputs had not changed, the output was left untouched


def build_organization(file: Path, out_dir: Path, *, build_root: Path = BUILD_DIR,
                       metodologia: Metodologia | None = None, pdf: bool = False,
                       force: bool = True, publico: bool = False, runner=None) -> BuildResult:
    """Build the handbook of the organization in ``file`` into ``out_dir/<slug>``.

    With ``force=False`` nothing is done when the inputs' fingerprint is the one recorded for
    ``out_dir/<slug>`` (generator.batch.fingerprint). Raises ``InvalidOrganization``, ``SiteBuildError`` or
    ``OutputFolderError`` (generator.site.publishing); then ``out_dir/<slug>`` is as before. The
    public profile adds a warning for each e-mail address or phone number its free text would
    publish (generator.plan.public_profile).
    """
    out_dir = check_output_dir(out_dir, [file])
    build_root = build_root.absolute()  # BUILD_DIR is ./build of the folder the command runs in
    metodologia = metodologia or load_methodology()
    valid = validate_file(file, metodologia)
    avisos = valid.warnings
    if publico:
        avisos = sorted(avisos + avisos_de_publicacion(valid, metodologia.perfil_publico.quita),
                        key=lambda d: (d.line, d.column, d.severity != "error"))
    opciones = {"pdf": pdf, "publico": publico}
    huella = huella_de(valid, opciones, metodologia.root)
    with cerrojo(build_root / f".{valid.slug}.lock"), cerrojo(out_dir / CARPETA / f"{valid.slug}.lock"):
        if not force and sin_cambios(out_dir, valid.slug, huella):
            # Same data, other bytes (a comment, a reformatting): recorded, so the next check is fast.
            guardar_huella(out_dir, valid, huella, opciones, metodologia.root)
            return BuildResult(valid.slug, out_dir / valid.slug, avisos, generado=False)
        site_dir = _construir(valid, metodologia, out_dir, build_root, pdf=pdf, publico=publico, runner=runner)
        guardar_huella(out_dir, valid, huella, opciones, metodologia.root)
    return BuildResult(valid.slug, site_dir, avisos)


def _construir(valid, metodologia: Metodologia, out_dir: Path, build_root: Path, *, pdf: bool,
               publico: bool, runner=None) -> Path:
    manual = plan_handbook(valid, metodologia, pdf=pdf, publico=publico)
    work = build_root / valid.slug
    render_handbook(manual, metodologia, work / "docs", dibujar(manual, metodologia))
    config_file = write_config(manual, work, metodologia.programa.impresion, metodologia.vista_participantes.sitio)
    imprimir = None
    if pdf:
        # Unchanged documents are copied from the last output (generator.outputs.printing).
        imprimir = lambda sitio: write_documents(  # noqa: E731
            manual, metodologia, sitio, previous=out_dir / valid.slug,
            record=out_dir / CARPETA / IMPRESOS / f"{valid.slug}.json", runner=runner or run_here)
    return publish(manual, config_file, out_dir / valid.slug, despues=imprimir)
