"""What the printables' session kits (flip charts, printables, DOCX templates) add to a
``handbook build --pdf`` of one organization.

    .venv/bin/python benchmarks/kit_printables.py [ORG_FILE] [--repeat N]

Plans the handbook as ``build --pdf`` does, then writes only the kit documents, N times, and
prints the best time of each output with its files and pages. They read no built page, so no
site is built. Speed is reported here, never asserted in the tests.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.contract.validation import validate_file  # noqa: E402
from generator.methodology import load_methodology  # noqa: E402
from generator.outputs import OUTPUTS_BY_NAME, PrintJob  # noqa: E402
from generator.paths import ORG_DATA_DIR  # noqa: E402
from generator.plan.handbook import plan_handbook  # noqa: E402

KIT_OUTPUTS = ("rotafolios", "imprimibles", "plantillas")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file_name", nargs="?", type=Path, default=ORG_DATA_DIR / "red-ciudadana.yaml")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    metodologia = load_methodology()
    handbook = plan_handbook(validate_file(args.file_name, metodologia), metodologia, pdf=True)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"organization: {args.file_name.name}")
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        sitio = Path(tmp)
        job = PrintJob.for_site(handbook, metodologia, sitio)
        for name in KIT_OUTPUTS:
            documentos = [d for d in handbook.documentos if d.tipo == name]
            best = float("inf")
            for _ in range(args.repeat):
                start = time.perf_counter()
                for documento in documentos:
                    (sitio / documento.file_name).parent.mkdir(parents=True, exist_ok=True)
                    OUTPUTS_BY_NAME[name].write(documento, job)
                best = min(best, time.perf_counter() - start)
            pages = sum(len(PdfReader(sitio / d.file_name).pages) for d in documentos if d.formato == "pdf")
            total += best
            print(f"{name:12} {len(documentos):3} files {pages:4} PDF pages  {best:6.2f} s (best of {args.repeat})")
    print(f"kits in all: {total:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
