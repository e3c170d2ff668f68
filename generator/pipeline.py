"""The whole pipeline for one organization: validate → plan → draw → render → build → print → publish."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.exceptions import Diagnostic
from generator.figures import draw
from generator.batch.fingerprint import WORK_FOLDER, org_lock, save_fingerprint, fingerprint_of, unchanged
from generator.methodology import Methodology, load_methodology
from generator.outputs import write_documents
from generator.outputs.printing import PRINT_RECORDS, run_here
from generator.paths import BUILD_DIR
from generator.plan.public_profile import publication_warnings
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
    generated: bool = True  # False: its inputs had not changed, the output was left untouched


def build_organization(file: Path, out_dir: Path, *, build_root: Path = BUILD_DIR,
                       metodologia: Methodology | None = None, pdf: bool = False,
                       force: bool = True, public: bool = False, runner=None) -> BuildResult:
    """Build the handbook of the organization in ``file`` into ``out_dir/<slug>``.

    With ``force=False`` nothing is done when the inputs' fingerprint is the one recorded for
    ``out_dir/<slug>`` (generator.batch.fingerprint). Raises ``InvalidOrganization``, ``SiteBuildError`` or
    ``OutputFolderError`` (generator.site.publishing); then ``out_dir/<slug>`` is as before. The
    public profile adds a warning for each e-mail address or phone number its free text would
    publish (generator.plan.public_profile).
    """
    return _build_or_settle(file, out_dir, build_root=build_root, metodologia=metodologia, pdf=pdf,
                            force=force, public=public, runner=runner)


def settle_unchanged(file: Path, out_dir: Path, *, build_root: Path = BUILD_DIR,
                     metodologia: Methodology | None = None, pdf: bool = False,
                     public: bool = False) -> BuildResult | None:
    """What ``build_organization(..., force=False)`` returns when its data did not change (a
    comment, a reformatting), without building; ``None`` when it would build. Cheap (the file is
    validated): a batch settles these before starting its workers."""
    return _build_or_settle(file, out_dir, build_root=build_root, metodologia=metodologia, pdf=pdf,
                            force=False, public=public, build=False)


def _build_or_settle(file: Path, out_dir: Path, *, build_root: Path, metodologia: Methodology | None, pdf: bool,
                     force: bool, public: bool, runner=None, build: bool = True) -> BuildResult | None:
    out_dir = check_output_dir(out_dir, [file])
    build_root = build_root.absolute()  # BUILD_DIR is ./build of the folder the command runs in
    metodologia = metodologia or load_methodology()
    valid = validate_file(file, metodologia)
    avisos = valid.warnings
    if public:
        avisos = sorted(avisos + publication_warnings(valid, metodologia.public_profile.quita),
                        key=lambda d: (d.line, d.column, d.severity != "error"))
    opciones = {"pdf": pdf, "publico": public}
    huella = fingerprint_of(valid, opciones, metodologia.root)
    with org_lock(build_root / f".{valid.slug}.lock"), org_lock(out_dir / WORK_FOLDER / f"{valid.slug}.lock"):
        if not force and unchanged(out_dir, valid.slug, huella):
            # Same data, other bytes (a comment, a reformatting): recorded, so the next check is fast.
            save_fingerprint(out_dir, valid, huella, opciones, metodologia.root)
            return BuildResult(valid.slug, out_dir / valid.slug, avisos, generated=False)
        if not build:
            return None
        site_dir = _build(valid, metodologia, out_dir, build_root, pdf=pdf, public=public, runner=runner)
        save_fingerprint(out_dir, valid, huella, opciones, metodologia.root)
    return BuildResult(valid.slug, site_dir, avisos)


def _build(valid, metodologia: Methodology, out_dir: Path, build_root: Path, *, pdf: bool,
               public: bool, runner=None) -> Path:
    handbook = plan_handbook(valid, metodologia, pdf=pdf, public=public)
    work = build_root / valid.slug
    render_handbook(handbook, metodologia, work / "docs", draw(handbook, metodologia))
    config_file = write_config(handbook, work, metodologia.programme.impresion, metodologia.vista_participantes.sitio)
    imprimir = None
    if pdf:
        # Unchanged documents are copied from the last output (generator.outputs.printing).
        imprimir = lambda sitio: write_documents(  # noqa: E731
            handbook, metodologia, sitio, previous=out_dir / valid.slug,
            record=out_dir / WORK_FOLDER / PRINT_RECORDS / f"{valid.slug}.json", pieces=work / "piezas",
            runner=runner or run_here)
    return publish(handbook, config_file, out_dir / valid.slug, despues=imprimir)
