"""How long the printed documents of one organization take, against WeasyPrint alone.

    .venv/bin/python benchmarks/pdf.py [ORG_FILE] [--repeat N]

Builds the organization's site once (without PDFs), then, N times each, in turns:

- ours: ``write_documents`` as ``handbook build --pdf`` runs it on the handbook's PDFs (reading
  the built pages, assembling each document, fingerprinting it, WeasyPrint);
- weasyprint: WeasyPrint alone rendering the same assembled HTML with the same style sheets.

The difference is the overhead of our code. Prints the best time of each and the ratio. Speed is
reported here, never asserted in the tests (the machine is shared and noisy).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
import platform
import sys
import tempfile
import time
from pathlib import Path

from weasyprint import HTML

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.outputs import OUTPUTS_BY_NAME, PrintJob, write_documents  # noqa: E402
from generator.outputs.html_pdf import _SiteOnly  # noqa: E402
from generator.methodology import load_methodology  # noqa: E402
from generator.paths import ORG_DATA_DIR  # noqa: E402
from generator.pipeline import build_organization  # noqa: E402
from generator.plan.handbook import plan_handbook  # noqa: E402
from generator.contract.validation import validate_file  # noqa: E402


def _body_of(documento: str) -> str:
    return documento[documento.index("<body>") + len("<body>"):documento.rindex("</body>")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file_name", nargs="?", type=Path, default=ORG_DATA_DIR / "red-ciudadana.yaml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    metodologia = load_methodology()
    handbook = plan_handbook(validate_file(args.file_name, metodologia), metodologia, pdf=True)
    with tempfile.TemporaryDirectory() as tmp:
        sitio = build_organization(args.file_name, Path(tmp) / "site", build_root=Path(tmp) / "build",
                                   metodologia=metodologia).site_dir

        # The handbook's own PDFs: the session kits are measured by benchmarks/kits.py, and the
        # plan's DOCX is a document of its own, not overhead over WeasyPrint.
        handbook = replace(handbook, documentos=[d for d in handbook.documentos
                                                 if d.kit_session is None and d.formato == "pdf"])

        def ours() -> None:
            write_documents(handbook, metodologia, sitio)

        # The same HTML WeasyPrint is given in ``ours``, assembled once beforehand; the guide,
        # laid out in parts and joined in ``ours``, as one document: its front (cover, contents)
        # and its parts, with the running header and "N de M" in its margins.
        job = PrintJob.for_site(handbook, metodologia, sitio, Path(tmp) / "piezas")
        pdfs = [d for d in handbook.documentos if d.formato == "pdf"]
        cuerpos = []
        for d in pdfs:
            task = OUTPUTS_BY_NAME[d.tipo].task(d, job)
            if task.pieces:  # the front and each part open with the same wrapper: kept once
                frente = _body_of(task.arguments[0])
                envoltura = frente[:frente.index(">") + 1]
                cuerpos.append(frente[:-len("</div>")]
                               + "".join(_body_of(p.arguments[0])[len(envoltura):] for p in task.pieces))
            else:
                cuerpos.append(_body_of(task.arguments[0]))
        cuerpos = [f'<!DOCTYPE html><html lang="es-MX"><head><meta charset="utf-8"></head><body>{c}</body></html>'
                   for c in cuerpos]

        def weasyprint_alone() -> None:
            for cuerpo, documento in zip(cuerpos, pdfs):
                HTML(string=cuerpo, base_url=str(sitio), url_fetcher=_SiteOnly(sitio)).write_pdf(
                    Path(tmp) / Path(documento.file_name).name, stylesheets=[job.pagina])

        # Taken in turns, so that a slower spell of the machine falls on both alike.
        medidas: dict[str, list[float]] = {"ours": [], "weasyprint": []}
        for _ in range(args.repeat):
            for nombre, funcion in (("ours", ours), ("weasyprint", weasyprint_alone)):
                inicio = time.perf_counter()
                funcion()
                medidas[nombre].append(time.perf_counter() - inicio)
        tiempos = {nombre: min(veces) for nombre, veces in medidas.items()}
        paginas = sum(len(__import__("pypdf").PdfReader(sitio / d.file_name).pages) for d in pdfs)

    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"organization: {args.file_name.name}; {len(pdfs)} PDFs, {paginas} pages")
    print("runs (s): " + "; ".join(f"{n} " + ", ".join(f"{v:.2f}" for v in veces) for n, veces in medidas.items()))
    print(f"ours (whole print stage):       {tiempos['ours']:.2f} s (best of {args.repeat})")
    print(f"WeasyPrint alone, same HTML:    {tiempos['weasyprint']:.2f} s")
    extra = tiempos["ours"] - tiempos["weasyprint"]
    print(f"our overhead: {extra:.2f} s = {100 * extra / tiempos['ours']:.1f} % of the print stage "
          f"(ratio {tiempos['ours'] / tiempos['weasyprint']:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
