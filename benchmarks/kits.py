"""What the session kits add to ``handbook build --pdf``: time per kind of printed output.

    .venv/bin/python benchmarks/kits.py [ORG_FILE] [--repeat N]

Builds the organization's site once (without PDFs), then writes every planned document N times
with the output that planned it, as ``write_documents`` does, and reports the best total per
output: the participant chapters, guide and plan (WeasyPrint), and the kit's slide decks (python-pptx,
figures rendered by resvg) and ZIPs. Speed is reported here, never asserted in the tests.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.outputs import OUTPUTS_BY_NAME, PrintJob  # noqa: E402
from generator.methodology import load_methodology  # noqa: E402
from generator.paths import ORG_DATA_DIR  # noqa: E402
from generator.pipeline import build_organization  # noqa: E402
from generator.plan.handbook import plan_handbook  # noqa: E402
from generator.contract.validation import validate_file  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file_name", nargs="?", type=Path, default=ORG_DATA_DIR / "red-ciudadana.yaml")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    metodologia = load_methodology()
    handbook = plan_handbook(validate_file(args.file_name, metodologia), metodologia, pdf=True)
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        sitio = build_organization(args.file_name, Path(tmp) / "site", build_root=Path(tmp) / "build",
                                   metodologia=metodologia).site_dir
        job = PrintJob.for_site(handbook, metodologia, sitio)
        for _ in range(args.repeat):
            por_salida: dict[str, float] = defaultdict(float)
            for documento in handbook.documentos:
                (sitio / documento.file_name).parent.mkdir(parents=True, exist_ok=True)
                inicio = time.perf_counter()
                OUTPUTS_BY_NAME[documento.tipo].write(documento, job)
                por_salida[documento.tipo] += time.perf_counter() - inicio
            for nombre, segundos in por_salida.items():
                best[nombre] = min(best.get(nombre, segundos), segundos)
        cuantos = defaultdict(int)
        for documento in handbook.documentos:
            cuantos[documento.tipo] += 1
    total = sum(best.values())
    kit = sum(best[n] for n in ("diapositivas", "kit") if n in best)
    print(f"{platform.machine()}, Python {platform.python_version()}, best of {args.repeat}")
    print("| output | documents | time |")
    print("|---|---|---|")
    for nombre, segundos in best.items():
        print(f"| {nombre} | {cuantos[nombre]} | {segundos:.2f} s |")
    print(f"| all | {len(handbook.documentos)} | {total:.2f} s |")
    print(f"kits (decks and ZIPs): {kit:.2f} s, {100 * kit / total:.1f} % of the print stage")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
