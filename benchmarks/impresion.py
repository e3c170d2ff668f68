"""Print speed of one organization: parallel and incremental printing (issue 17).

    .venv/bin/python benchmarks/impresion.py [ORG_FILE] [--repeat N]

Runs the real command (``handbook build FILE --pdf``) in a fresh process each time, on a copy of
the organization's file in a temporary folder, and prints one Markdown table of ratios taken in
this one run:

- a cold ``--pdf --jobs 2`` build against a cold ``--pdf --jobs 1`` build;
- with ``--jobs 2``, a rebuild after a comment-only change, and after one ally's answer changed,
  each against the cold ``--jobs 2`` build;
- the peak memory of the cold ``--pdf --jobs 2`` build: the largest sum over the command and
  every process under it, sampled every 50 ms from ``/proc``, of the proportional set size (PSS,
  what the build really holds: a page the forked workers share is split among them) and, for
  comparison, of the resident set size (RSS, which counts each shared page once per process).

The print stage against WeasyPrint alone is ``benchmarks/pdf.py``. Speed is reported here, never
asserted in the tests (the machine is shared and noisy).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
HANDBOOK = Path(sys.executable).parent / "handbook"
ALLY_BEFORE = "interes_para_aliado: Casos reales para sus cursos de ciencia de datos."
ALLY_AFTER = "interes_para_aliado: Casos reales y datos abiertos para sus cursos de estadística."


def _memory_of_tree(pid: int) -> tuple[int, int]:
    """Bytes of ``pid`` and all its descendants (Linux ``/proc``): the sum of their resident sets
    (RSS: pages shared by forked processes counted once per process) and of their proportional
    sets (PSS: each shared page split among the processes sharing it, so the sum is the memory
    the build really holds)."""
    hijos: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entrada in os.listdir("/proc"):
        if not entrada.isdigit():
            continue
        try:
            with open(f"/proc/{entrada}/stat") as f:
                campos = f.read().rsplit(")", 1)[1].split()
            hijos.setdefault(int(campos[1]), []).append(int(entrada))
            rss[int(entrada)] = int(campos[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total_rss = total_pss = 0
    pendientes = [pid]
    while pendientes:
        p = pendientes.pop()
        total_rss += rss.get(p, 0)
        total_pss += _pss(p)
        pendientes += hijos.get(p, [])
    return total_rss, total_pss


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next(int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:"))
    except (OSError, StopIteration, ValueError):
        return 0


def build(file_name: Path, out: Path, jobs: int, measure_memory: bool = False) -> tuple[float, tuple[int, int]]:
    """Wall seconds of one ``handbook build --pdf`` and, if asked, its peak memory (bytes, summed
    over its processes as RSS and as PSS)."""
    inicio = time.perf_counter()
    proceso = subprocess.Popen([str(HANDBOOK), "build", str(file_name), "--out", str(out), "--pdf", "--jobs", str(jobs)],
                               cwd=file_name.parent.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    pico = [0, 0]
    parar = threading.Event()

    def muestrear() -> None:
        while not parar.is_set():
            rss, pss = _memory_of_tree(proceso.pid)
            pico[:] = [max(pico[0], rss), max(pico[1], pss)]
            parar.wait(0.05)

    hilo = threading.Thread(target=muestrear, daemon=True)
    if measure_memory:
        hilo.start()
    _, err = proceso.communicate()
    segundos = time.perf_counter() - inicio
    parar.set()
    if measure_memory:
        hilo.join()
    if proceso.returncode != 0:
        raise SystemExit(f"the build failed:\n{err.decode()}")
    return segundos, (pico[0], pico[1])


def scenario(source: Path) -> tuple[float, float, float, float, tuple[int, int]]:
    """One run of every measurement, in a temporary folder of its own: cold ``--jobs 1``, cold
    ``--jobs 2`` (and its memory), then a comment and an ally's answer changed."""
    with tempfile.TemporaryDirectory() as tmp:
        datos = Path(tmp) / "org_data"
        datos.mkdir()
        for f in source.parent.iterdir():
            if f.suffix in (".yaml", ".svg", ".png", ".jpg"):
                shutil.copy(f, datos / f.name)
        file_name = datos / source.name
        uno, _ = build(file_name, Path(tmp) / "uno", 1)
        frio, pico = build(file_name, Path(tmp) / "dos", 2, measure_memory=True)
        file_name.write_text("# Sólo un comentario\n" + file_name.read_text(encoding="utf-8"), encoding="utf-8")
        comentario, _ = build(file_name, Path(tmp) / "dos", 2)
        texto = file_name.read_text(encoding="utf-8")
        if ALLY_BEFORE not in texto:
            raise SystemExit(f"{file_name.name} has no ally answer to change: {ALLY_BEFORE!r}")
        file_name.write_text(texto.replace(ALLY_BEFORE, ALLY_AFTER), encoding="utf-8")
        aliado, _ = build(file_name, Path(tmp) / "dos", 2)
    return uno, frio, comentario, aliado, pico


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file_name", nargs="?", type=Path, default=RAIZ / "org_data" / "red-ciudadana.yaml")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the whole scenario N times; each row reports its best (the least disturbed)")
    args = parser.parse_args()
    runs = [scenario(args.file_name) for _ in range(max(1, args.repeat))]
    uno, frio, comentario, aliado = (min(r[i] for r in runs) for i in range(4))
    pico = (max(r[4][0] for r in runs), max(r[4][1] for r in runs))  # memory: the worst run

    print(f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}, load average before the run "
          f"ended: {os.getloadavg()[0]:.1f}; organization: {args.file_name.name}; best of {len(runs)} run(s)")
    print()
    print("| what | time | ratio | target |")
    print("|---|---|---|---|")
    print(f"| cold `--pdf --jobs 1` | {uno:.1f} s | 1 | |")
    print(f"| cold `--pdf --jobs 2` | {frio:.1f} s | {frio / uno:.2f}x of `--jobs 1` | at most 0.6x |")
    print(f"| comment-only change, `--jobs 2` | {comentario:.2f} s | {comentario / frio:.3f}x of cold | at most 0.1x |")
    print(f"| one ally's answer changed, `--jobs 2` | {aliado:.1f} s | {aliado / frio:.2f}x of cold | at most 0.5x |")
    print(f"| peak memory of cold `--pdf --jobs 2`, PSS summed over its processes | {pico[1] / 2**20:.0f} MiB | "
          "| under 600 MB |")
    print(f"| the same, RSS summed (shared pages counted once per process) | {pico[0] / 2**20:.0f} MiB | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
