"""Many organizations: our batch build against the naive way, incremental rebuilds, our share.

    .venv/bin/python benchmarks/lote.py [--sizes 10 50 200] [--jobs 2]

For each size N, N synthetic organizations are made from the example (other names, slugs and
levels; same logo) in a temporary folder, and measured in one run:

- cold: ``handbook build --jobs J`` on all of them, as a separate process (wall time, and the
  peak resident memory of its largest process, workers included, from ``getrusage``);
- naive: one ``mkdocs build`` process per organization, one after the other, on the sources our
  build generated (so the naive way is not even charged for generating them);
- no-op: the same ``handbook build`` again, with nothing changed;
- one changed: (for N >= 50) one organization's YAML edited, then the whole batch again,
  against building that organization alone with ``--force``.

Then, for one organization in this process, the time of our own stages (load and validate,
plan, figures, render) as a share of its whole build. Results are printed as a Markdown table
for BENCHMARKS.md. Speed is reported here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROYECTO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROYECTO))

from generator.figures import draw  # noqa: E402
from generator.methodology import load_methodology  # noqa: E402
from generator.paths import ORG_DATA_DIR  # noqa: E402
from generator.pipeline import build_organization  # noqa: E402
from generator.plan.handbook import plan_handbook  # noqa: E402
from generator.render.pages import render_handbook  # noqa: E402
from generator.contract.validation import validate_file  # noqa: E402

NOMBRE = "Red Ciudadana por la Transparencia, A.C."
NIVELES = ("basico", "intermedio", "avanzado")


def sinteticas(carpeta: Path, n: int) -> list[Path]:
    """``n`` organizations made from the example, in ``carpeta`` (with the example's logo)."""
    carpeta.mkdir(parents=True, exist_ok=True)
    shutil.copy(ORG_DATA_DIR / "logo-red-ciudadana.svg", carpeta)
    ejemplo = (ORG_DATA_DIR / "red-ciudadana.yaml").read_text(encoding="utf-8")
    archivos = []
    for i in range(n):
        texto = ejemplo.replace(NOMBRE, f"Organización sintética {i:03d}, A.C.").replace(
            "nivel: intermedio", f"nivel: {NIVELES[i % 3]}")
        file_name = carpeta / f"org-{i:03d}.yaml"
        file_name.write_text(texto, encoding="utf-8")
        archivos.append(file_name)
    return archivos


def medir(comando: list[str], **kwargs) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MiB) of the largest process the command ran."""
    antes = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    inicio = time.perf_counter()
    subprocess.run(comando, check=True, stdout=subprocess.DEVNULL, **kwargs)
    segundos = time.perf_counter() - inicio
    pico = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return segundos, max(pico, antes) / 1024


def handbook(archivos: list[Path], out: Path, build: Path, jobs: int, *extra: str) -> tuple[float, float]:
    # The build folder is the project's (build/<slug>); a copy of the project keeps ours clean.
    return medir([sys.executable, "-m", "generator", "build", *map(str, archivos), "--out", str(out),
                  "--jobs", str(jobs), *extra], cwd=build)


def etapas(file_name: Path, tmp: Path) -> dict[str, float]:
    """Our own stages for one organization, against its whole build (this process, warm)."""
    metodologia = load_methodology()
    build_organization(file_name, tmp / "calentar", build_root=tmp / "b0", metodologia=metodologia)
    tiempos: dict[str, float] = {}
    inicio = time.perf_counter()
    valid = validate_file(file_name, metodologia)
    tiempos["load + validate"] = time.perf_counter() - inicio
    t = time.perf_counter()
    handbook = plan_handbook(valid, metodologia)
    tiempos["plan"] = time.perf_counter() - t
    t = time.perf_counter()
    figuras = draw(handbook, metodologia)
    tiempos["figures"] = time.perf_counter() - t
    t = time.perf_counter()
    render_handbook(handbook, metodologia, tmp / "b1" / "docs", figuras)
    tiempos["render"] = time.perf_counter() - t
    t = time.perf_counter()
    build_organization(file_name, tmp / "entero", build_root=tmp / "b2", metodologia=metodologia)
    tiempos["whole build"] = time.perf_counter() - t
    return tiempos


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    filas = []
    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        # A copy of the project, so that build/ of the benchmark never touches the real one.
        proyecto = tmp / "proyecto"
        shutil.copytree(PROYECTO, proyecto, ignore=shutil.ignore_patterns(
            "build", "site", ".venv", ".git", "__pycache__", "*.egg-info"))
        for n in args.sizes:
            archivos = sinteticas(tmp / f"org-{n}", n)
            out = tmp / f"site-{n}"
            frio, memoria = handbook(archivos, out, proyecto, args.jobs)
            nada, _ = handbook(archivos, out, proyecto, args.jobs)
            inicio = time.perf_counter()
            for file_name in archivos:
                subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                                str(proyecto / "build" / file_name.stem / "mkdocs.yml"),
                                "-d", str(tmp / "ingenuo" / file_name.stem)],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            ingenuo = time.perf_counter() - inicio
            fila = {"n": n, "frio": frio, "memoria": memoria, "nada": nada, "ingenuo": ingenuo}
            if n >= 50:
                cambiada = archivos[n // 2]
                cambiada.write_text(cambiada.read_text(encoding="utf-8").replace(
                    "ciudad: Monterrey", "ciudad: Saltillo"), encoding="utf-8")
                fila["una_en_lote"], _ = handbook(archivos, out, proyecto, args.jobs)
                fila["una_sola"], _ = handbook([cambiada], tmp / "sola", proyecto, 1, "--force")
            filas.append(fila)
            print(f"N={n}: {fila}", file=sys.stderr, flush=True)
            shutil.rmtree(tmp / "ingenuo", ignore_errors=True)
        partes = etapas(ORG_DATA_DIR / "red-ciudadana.yaml", tmp / "etapas")

    print(f"\n{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"CPython {platform.python_version()}, --jobs {args.jobs}\n")
    print("| organizations | cold batch build | naive (1 mkdocs process each) | speed-up | no-op rebuild "
          "| cold / no-op | peak RSS, largest process | per organization |")
    print("|---|---|---|---|---|---|---|---|")
    for f in filas:
        print(f"| {f['n']} | {f['frio']:.1f} s | {f['ingenuo']:.1f} s | {f['ingenuo'] / f['frio']:.2f}x "
              f"| {f['nada']:.2f} s | {f['frio'] / f['nada']:.0f}x | {f['memoria']:.0f} MiB "
              f"| {f['frio'] / f['n']:.2f} s |")
    print()
    for f in filas:
        if "una_en_lote" in f:
            print(f"- one changed among {f['n']}: {f['una_en_lote']:.2f} s for the batch, "
                  f"{f['una_sola']:.2f} s building that one alone ({f['una_en_lote'] / f['una_sola']:.2f}x)")
    total = partes.pop("whole build")
    propias = sum(partes.values())
    print(f"- our stages for one organization: {propias:.3f} s of {total:.3f} s = {100 * propias / total:.1f} % ("
          + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in partes.items()) + ")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
