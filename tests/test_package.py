"""The generator as a real package: built into a wheel, installed, used from an unrelated folder.

Commands read and write the user's files under the folder they run in, never the project's.

Offline: the wheel is built without build isolation (the backend comes from the test extra) and
installed without dependencies into a fresh virtual environment, which sees the libraries of
the one running the tests through a ``.pth`` file.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from generator.paths import PROJECT_DIR


# Bytecode writes allowed: the snapshot of the package must see a module compiled into it too.
ENV = {k: v for k, v in os.environ.items()
       if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE")}


def run(command: list, cwd: Path, expect: int = 0) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, cwd=cwd, env=ENV,
                          timeout=600)
    assert done.returncode == expect, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel built from this checkout; returns its folder."""
    tmp = tmp_path_factory.mktemp("paquete")
    # The sdist first, the wheel from it: what `python -m build` (and so PyPI) would ship.
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", tmp / "dist", PROJECT_DIR], cwd=tmp)
    (wheel,) = (tmp / "dist").glob("*.whl")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel],
        cwd=tmp)
    site_packages = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             cwd=tmp).stdout.strip())
    libraries = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (site_packages / "_test_dependencies.pth").write_text("\n".join(libraries) + "\n", encoding="utf-8")
    return venv


@pytest.mark.slow
def test_the_installed_package_builds_a_handbook_in_an_unrelated_folder(installed, tmp_path):
    handbook = installed / "bin" / "handbook"
    package = Path(run([installed / "bin" / "python", "-c", "import generator; print(generator.__file__)"],
                       cwd=tmp_path).stdout.strip()).parent
    assert package.is_relative_to(installed)  # the wheel's copy, not this checkout
    for bundled in ("content/plantillas/nueva-organizacion.yaml", "overrides/main.html", "mkdocs.yml"):
        assert (package / "_data" / bundled).is_file(), bundled
    before = snapshot(installed)

    work = tmp_path / "trabajo"
    work.mkdir()
    run([handbook, "new", "mi-organizacion"], cwd=work)
    assert (work / "org_data" / "mi-organizacion.yaml").is_file()
    assert (work / "org_data" / "schema.json").is_file()
    done = run([handbook, "build", "--out", "sitio"], cwd=work)  # no file named: ./org_data/*.yaml
    assert "manual generado" in done.stdout
    assert (work / "sitio" / "mi-organizacion" / "index.html").is_file()
    assert (work / "sitio" / "index.html").is_file()
    assert (work / "build" / "mi-organizacion" / "docs").is_dir()  # the working folder is ./build

    # The installed data folders are the generator's own: never an output folder.
    for own in (package / "_data" / "content" / "sitio", package / "sitio", package.parent):
        refused = run([handbook, "build", "--out", own], cwd=work, expect=2)
        assert "no se usa" in refused.stderr and "generador" in refused.stderr, refused.stderr
    assert snapshot(installed) == before  # nothing written into the installed package


def test_commands_use_the_org_data_of_the_folder_they_run_in(tmp_path):
    command = [sys.executable, "-m", "generator"]
    committed = (PROJECT_DIR / "org_data" / "schema.json").read_bytes()
    done = run([*command, "build"], cwd=tmp_path, expect=2)
    assert "Traceback" not in done.stderr
    assert "no hay archivos .yaml ni .xlsx en la carpeta org_data/" in done.stderr and "handbook new" in done.stderr
    assert list(tmp_path.iterdir()) == []
    run([*command, "schema"], cwd=tmp_path)
    assert (tmp_path / "org_data" / "schema.json").read_bytes() == committed
    run([*command, "new", "otra"], cwd=tmp_path)
    assert (tmp_path / "org_data" / "otra.yaml").is_file()
    assert not (PROJECT_DIR / "org_data" / "otra.yaml").exists()
