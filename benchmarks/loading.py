"""How fast the loader refuses hostile files: an alias bomb and a 50 MB file.

    .venv/bin/python benchmarks/loading.py [--repeat N]

The tests check that both are refused with a located message (and that the large file is never
read); how long that takes is measured here, never asserted in the tests (the machine is shared
and noisy). Prints the best time of each.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.contract.source import load_document  # noqa: E402


def alias_bomb(folder: Path) -> Path:
    """Ten levels of nine aliases each: 9**10 values if expanded."""
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    path = folder / "bomba.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def huge_file(folder: Path) -> Path:
    path = folder / "enorme.yaml"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    return path


def best_of(repeat: int, path: Path) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        doc = load_document(path)
        times.append(time.perf_counter() - start)
        assert doc.data is None and doc.diagnostics
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{platform.node()} · {platform.processor() or platform.machine()} · Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in (("alias bomb (9**10 values)", alias_bomb), ("50 MB file", huge_file)):
            print(f"{name}: refused in {best_of(args.repeat, make(Path(folder))) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
