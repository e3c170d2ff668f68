"""Publishing: the build writes only where it may, replaces only what it made, and a killed build
leaves the previous or the new site in place (generator.site.publishing)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.site import publishing
from generator.exceptions import OutputFolderError
from generator.paths import CONTENT_DIR, PROJECT_DIR
from generator.pipeline import build_organization
from generator.batch.portal import write_portal

HANDBOOK = [sys.executable, "-m", "generator"]


def handbook(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([*HANDBOOK, *args], capture_output=True, text=True, cwd=cwd or PROJECT_DIR,
                            env={**os.environ, **(env or {})}, timeout=300)
    assert "Traceback" not in result.stderr + result.stdout
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------ foreign folders survive


def test_a_folder_named_like_the_organization_is_not_replaced(write_org, tmp_path, metodologia):
    from conftest import MINIMAL

    file_name = write_org(MINIMAL, slug="notas")
    out = tmp_path / "out"
    (out / "notas").mkdir(parents=True)
    (out / "notas" / "tesis.txt").write_text("datos", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="no es un manual generado por handbook"):
        build_organization(file_name, out, build_root=tmp_path / "build", metodologia=metodologia)
    assert snapshot(out / "notas") == {"tesis.txt": b"datos"}


def test_the_cli_reports_a_foreign_folder_and_leaves_it(write_org, tmp_path):
    from conftest import MINIMAL

    file_name = write_org(MINIMAL, slug="notas")
    out = tmp_path / "out"
    (out / "notas").mkdir(parents=True)
    (out / "notas" / "tesis.txt").write_text("datos", encoding="utf-8")
    result = handbook("build", str(file_name), "--out", str(out))
    assert result.returncode == 1
    assert "no es un manual generado por handbook" in result.stderr
    assert snapshot(out / "notas") == {"tesis.txt": b"datos"}


def test_a_symlink_at_the_destination_is_not_followed_or_replaced(write_org, tmp_path, metodologia):
    from conftest import MINIMAL

    file_name = write_org(MINIMAL, slug="notas")
    ajena = tmp_path / "ajena"
    ajena.mkdir()
    (ajena / "tesis.txt").write_text("datos", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "notas").symlink_to(ajena)
    with pytest.raises(OutputFolderError):
        build_organization(file_name, out, build_root=tmp_path / "build", metodologia=metodologia)
    assert (out / "notas").is_symlink() and snapshot(ajena) == {"tesis.txt": b"datos"}


def test_a_foreign_index_html_is_not_overwritten_by_the_portal(tmp_path):
    (tmp_path / "index.html").write_text("<p>mi página</p>", encoding="utf-8")
    with pytest.raises(OutputFolderError, match="no es una portada"):
        write_portal(tmp_path)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<p>mi página</p>"
    (tmp_path / "index.html").unlink()
    write_portal(tmp_path)
    write_portal(tmp_path)  # its own portal it rewrites


def test_a_site_built_before_stamps_is_recognized_by_its_record(write_org, tmp_path, metodologia):
    from conftest import MINIMAL

    file_name = write_org(MINIMAL, slug="colectivo")
    out = tmp_path / "out"
    site = build_organization(file_name, out, build_root=tmp_path / "build", metodologia=metodologia).site_dir
    (site / publishing.STAMP).unlink()
    build_organization(file_name, out, build_root=tmp_path / "build", metodologia=metodologia)
    assert publishing.stamped_for(site, "colectivo")
    # Without the record, the same folder is someone else's.
    (site / publishing.STAMP).unlink()
    (out / ".huellas" / "colectivo.json").unlink()
    with pytest.raises(OutputFolderError):
        build_organization(file_name, out, build_root=tmp_path / "build", metodologia=metodologia)


# ------------------------------------------------------------------ wrong output folders


@pytest.fixture
def content_org(tmp_path) -> Path:
    """An organization file named ``content.yaml``: its site would land on the project's content/."""
    from conftest import MINIMAL

    file_name = tmp_path / "datos" / "content.yaml"
    file_name.parent.mkdir()
    file_name.write_text(textwrap.dedent(MINIMAL), encoding="utf-8")
    return file_name


@pytest.mark.parametrize("salida, motivo", [
    ("/", "raíz del disco"),
    ("{home}", "carpeta personal"),
    ("{proyecto}", "contiene el proyecto"),
    ("{proyecto}/..", "contiene el proyecto"),
    ("{proyecto}/content/sesiones", "carpeta 'content'"),
    ("{datos}", "carpeta de los archivos de las organizaciones"),
])
def test_obviously_wrong_output_folders_are_refused_before_anything_is_written(content_org, tmp_path, salida,
                                                                                motivo):
    home = tmp_path / "casa"
    home.mkdir()
    antes = snapshot(CONTENT_DIR)
    salida = salida.format(home=home, proyecto=PROJECT_DIR, datos=content_org.parent)
    result = handbook("build", str(content_org), "--out", salida, env={"HOME": str(home)})
    assert result.returncode == 2
    assert "no se usa" in result.stderr and motivo in result.stderr
    assert snapshot(CONTENT_DIR) == antes
    assert not (Path(salida) / ".huellas").exists()
    assert list(home.iterdir()) == []


@pytest.mark.parametrize("salida, dice, state", [
    ("{file_name}", "es un archivo, no una carpeta", 2),
    ("{file_name}/debajo", "una parte de la ruta es un archivo", 1),
    ("/proc", "no admite archivos nuevos", 1),
    ("/proc/handbook-salida", "no se puede crear la carpeta de salida", 1),
])
def test_output_folders_that_cannot_be_written_get_a_spanish_message(content_org, tmp_path, salida, dice, state):
    file_name = tmp_path / "un-archivo"
    file_name.write_text("x", encoding="utf-8")
    result = handbook("build", str(content_org), "--out", salida.format(file_name=file_name))
    assert result.returncode == state
    assert dice in result.stderr
    assert file_name.read_text(encoding="utf-8") == "x"


# ------------------------------------------------------------------ killed builds

# A build in a child process that kills itself with SIGKILL right after its N-th step on the
# output folder (staging made, a rename, the atomic exchange, a leftover removed; a removal cut
# halfway is the next test's). ``sin_intercambio`` makes the exchange unavailable, as on a
# filesystem that cannot do it.
_CHILD = textwrap.dedent("""
    import os, shutil, signal, sys
    from pathlib import Path
    from generator.site import publishing
    from generator.pipeline import build_organization

    archivo, out, build_root, n, sin_intercambio = sys.argv[1:6]
    out, n = str(Path(out).resolve()), int(n)
    hechos = 0

    def contado(funcion):
        def envuelta(*args, **kwargs):
            global hechos
            resultado = funcion(*args, **kwargs)
            if any(str(a).startswith(out) for a in args):
                hechos += 1
                if hechos == n:
                    os.kill(os.getpid(), signal.SIGKILL)
            return resultado
        return envuelta

    os.replace, os.rename = contado(os.replace), contado(os.rename)
    publishing.new_staging = contado(publishing.new_staging)
    publishing.remove_owned = contado(publishing.remove_owned)
    publishing.exchange = (lambda a, b: False) if sin_intercambio == "1" else contado(publishing.exchange)
    build_organization(Path(archivo), Path(out), build_root=Path(build_root), force=True)
    print(hechos)
""")


def _build_killed_at(file_name: Path, out: Path, build_root: Path, n: int, sin_intercambio: bool):
    return subprocess.run([sys.executable, "-c", _CHILD, str(file_name), str(out), str(build_root), str(n),
                           "1" if sin_intercambio else "0"], capture_output=True, text=True, cwd=PROJECT_DIR,
                          timeout=300)


@pytest.mark.parametrize("sin_intercambio", [False, True], ids=["intercambio-atomico", "dos-renombres"])
def test_a_build_killed_at_any_step_leaves_a_site_and_the_next_build_cleans_up(write_org, tmp_path,
                                                                               metodologia, sin_intercambio):
    from conftest import MINIMAL

    file_name = write_org(MINIMAL, slug="colectivo")
    out, build_root = tmp_path / "out", tmp_path / "build"
    site = build_organization(file_name, out, build_root=build_root, metodologia=metodologia).site_dir
    file_name.write_text(file_name.read_text(encoding="utf-8").replace("Colectivo Ejemplo", "Colectivo Renovado"),
                       encoding="utf-8")
    completo = _build_killed_at(file_name, out, build_root, 10**6, sin_intercambio)
    assert completo.returncode == 0, completo.stderr
    pasos = int(completo.stdout.split()[-1])
    assert pasos >= 3
    for n in range(1, pasos + 1):
        muerto = _build_killed_at(file_name, out, build_root, n, sin_intercambio)
        assert muerto.returncode == -9, (n, muerto.stderr)
        if not sin_intercambio:
            # The exchange is atomic: at every instant one whole site is in place.
            assert (site / "index.html").is_file(), n
        publishing.recover(site)
        assert (site / "index.html").is_file(), n
        build_organization(file_name, out, build_root=build_root, metodologia=metodologia, force=True)
        restos = [p.name for p in out.iterdir() if p.name.startswith(".colectivo.")]
        assert restos == [], n
        assert "Colectivo Renovado" in (site / "index.html").read_text(encoding="utf-8")


def test_a_killed_swap_puts_the_previous_site_back(write_org, tmp_path, metodologia):
    """Without the exchange, a kill between the two renames leaves the site beside its place;
    the next build's recovery puts that same site back before anything else."""
    from conftest import MINIMAL

    file_name = write_org(MINIMAL, slug="colectivo")
    out, build_root = tmp_path / "out", tmp_path / "build"
    site = build_organization(file_name, out, build_root=build_root, metodologia=metodologia).site_dir
    antes = snapshot(site)
    retirado = out / ".colectivo.anterior-x1"
    os.replace(site, retirado)
    (out / ".colectivo.nuevo-x2").mkdir()  # a staging folder the kill left half-written
    publishing.stamp(out / ".colectivo.nuevo-x2", "colectivo")
    (out / ".otra.nuevo-x3").mkdir()  # not ours (no stamp): left alone
    publishing.recover(site)
    assert snapshot(site) == antes
    assert sorted(p.name for p in out.iterdir()) == [".huellas", ".otra.nuevo-x3", "colectivo"]


def test_the_stamp_is_removed_last_so_a_cut_removal_is_finished_later(tmp_path):
    carpeta = tmp_path / ".colectivo.anterior-x"
    (carpeta / "assets").mkdir(parents=True)
    (carpeta / "index.html").write_text("x", encoding="utf-8")
    publishing.stamp(carpeta, "colectivo")
    borrados = []
    original = shutil.rmtree

    def cortado(ruta, *args, **kwargs):
        borrados.append(Path(ruta).name)
        raise KeyboardInterrupt  # the removal is cut after its first step

    shutil.rmtree = cortado
    try:
        with pytest.raises(KeyboardInterrupt):
            publishing.remove_owned(carpeta)
    finally:
        shutil.rmtree = original
    assert publishing.leftovers(tmp_path / "colectivo") == [carpeta]
    publishing.recover(tmp_path / "colectivo")
    assert not carpeta.exists()
