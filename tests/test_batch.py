"""Many organizations: parallel, incremental and reproducible builds, the portal, failures."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.batch import fingerprint as huella_mod
from generator.batch.pool import FALLIDO, GENERADO, SIN_CAMBIOS, build_batch
from generator.methodology import load_methodology
from generator.paths import CONTENT_DIR, ORG_DATA_DIR, PROJECT_DIR
from generator.pipeline import build_organization
from generator.batch.portal import write_portal

EJEMPLO = (ORG_DATA_DIR / "red-ciudadana.yaml").read_text(encoding="utf-8")
NOMBRE = "Red Ciudadana por la Transparencia, A.C."


def arbol(raiz: Path) -> dict[str, str]:
    """Every file under ``raiz``: relative path → sha256 of its bytes."""
    return {p.relative_to(raiz).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(raiz.rglob("*")) if p.is_file()}


def tiempos(raiz: Path) -> dict[str, int]:
    return {p.relative_to(raiz).as_posix(): p.stat().st_mtime_ns for p in raiz.rglob("*") if p.is_file()}


@pytest.fixture
def organizaciones(org_dir: Path) -> list[Path]:
    """Three organizations made from the example: other names, levels and modality."""
    shutil.copy(ORG_DATA_DIR / "logo-red-ciudadana.svg", org_dir)
    archivos = []
    for slug, nombre, nivel in (("alfa", "Alfa Ciudadana, A.C.", "basico"),
                                ("beta", "Beta <b>Niñez</b> {{ 7*7 }}", "intermedio"),
                                ("gamma", "Gamma por la Transparencia", "avanzado")):
        texto = EJEMPLO.replace(NOMBRE, nombre).replace("nivel: intermedio", f"nivel: {nivel}")
        file_name = org_dir / f"{slug}.yaml"
        file_name.write_text(texto, encoding="utf-8")
        archivos.append(file_name)
    return archivos


@pytest.fixture(autouse=True)
def sin_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_parallel_builds_equal_sequential_ones_byte_for_byte_in_any_folder(organizaciones, tmp_path):
    paralelo = build_batch(organizaciones, tmp_path / "a", jobs=2, build_root=tmp_path / "build-a")
    secuencial = build_batch(organizaciones, tmp_path / "otra" / "b", jobs=1, build_root=tmp_path / "build-b")
    assert [r.state for r in paralelo] == [r.state for r in secuencial] == [GENERADO] * 3
    assert [r.file_name for r in paralelo] == organizaciones  # results in the files' order
    a, b = arbol(tmp_path / "a"), arbol(tmp_path / "otra" / "b")
    assert a == b and len(a) > 300
    # Nothing in the output names the folder it was built in.
    for ruta in ("alfa/index.html", "alfa/search/search_index.json", "alfa/calendario.ics", ".huellas/alfa.json"):
        contenido = (tmp_path / "a" / ruta).read_text(encoding="utf-8")
        assert str(tmp_path) not in contenido and "build-a" not in contenido


def test_unchanged_organizations_are_left_untouched_and_a_changed_yaml_rebuilds_only_itself(
        organizaciones, tmp_path):
    out = tmp_path / "site"
    build_batch(organizaciones, out, jobs=2, build_root=tmp_path / "build")
    antes = tiempos(out)
    otra_vez = build_batch(organizaciones, out, jobs=2, build_root=tmp_path / "build")
    assert [r.state for r in otra_vez] == [SIN_CAMBIOS] * 3
    assert tiempos(out) == antes

    beta = organizaciones[1]
    beta.write_text(beta.read_text(encoding="utf-8").replace("ciudad: Monterrey", "ciudad: Saltillo"),
                    encoding="utf-8")
    cambio = build_batch(organizaciones, out, jobs=2, build_root=tmp_path / "build")
    assert [r.state for r in cambio] == [SIN_CAMBIOS, GENERADO, SIN_CAMBIOS]
    despues = tiempos(out)
    for ruta, mtime in antes.items():
        if ruta.startswith(("alfa/", "gamma/", ".huellas/alfa", ".huellas/gamma")):
            assert despues[ruta] == mtime, ruta
    assert despues[".huellas/beta.json"] != antes[".huellas/beta.json"]
    assert "Saltillo" in (out / ".huellas" / "beta.json").read_text(encoding="utf-8")

    forzado = build_batch(organizaciones[:1], out, jobs=1, force=True, build_root=tmp_path / "build")
    assert forzado[0].state == GENERADO


def test_a_change_in_content_the_logo_or_the_options_rebuilds_the_organizations_it_affects(
        organizaciones, tmp_path):
    contenido = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, contenido)
    out, build = tmp_path / "site", tmp_path / "build"

    def estados(**opciones) -> list[bool]:
        metodologia = load_methodology(contenido)
        return [build_organization(f, out, build_root=build, metodologia=metodologia, force=False,
                                   **opciones).generated for f in organizaciones[:2]]

    assert estados() == [True, True]
    assert estados() == [False, False]
    pagina = contenido / "conceptos" / "mou.md"
    pagina.write_text(pagina.read_text(encoding="utf-8") + "\nUn párrafo nuevo de la metodología.\n",
                      encoding="utf-8")
    huella_mod.project_fingerprint.cache_clear()  # a new run of the generator
    assert estados() == [True, True]
    assert "Un párrafo nuevo de la metodología." in (out / "alfa" / "conceptos" / "mou.html").read_text(
        encoding="utf-8")
    assert estados() == [False, False]
    # The logo an organization references is one of its inputs too, and so are the options.
    (organizaciones[0].parent / "logo-red-ciudadana.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><circle cx="2" cy="2" r="2"/></svg>',
        encoding="utf-8")
    assert estados() == [True, True]
    assert estados(pdf=True) == [True, True]
    assert (out / "alfa" / "impresos" / "plan-alianzas.pdf").is_file()


def test_the_content_fingerprint_follows_files_not_folders(tmp_path):
    uno, dos = tmp_path / "uno" / "content", tmp_path / "dos" / "content"
    shutil.copytree(CONTENT_DIR, uno)
    shutil.copytree(CONTENT_DIR, dos)
    assert huella_mod.tree_hash(uno) == huella_mod.tree_hash(dos) == huella_mod.tree_hash(CONTENT_DIR)
    (dos / "sesiones" / "sesion-1.yaml").write_text(
        (dos / "sesiones" / "sesion-1.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert huella_mod.tree_hash(uno) != huella_mod.tree_hash(dos)
    (dos / "sesiones" / "sesion-1.yaml").rename(dos / "sesiones" / "sesion-1b.yaml")
    assert huella_mod.tree_hash(uno) != huella_mod.tree_hash(dos)


def test_a_build_with_pdfs_is_reproducible_in_another_folder(example_site, tmp_path):
    otro = build_organization(ORG_DATA_DIR / "red-ciudadana.yaml", tmp_path / "copia", build_root=tmp_path / "b",
                              pdf=True).site_dir
    a, b = arbol(example_site), arbol(otro)
    assert a == b
    assert any(r.endswith(".pdf") for r in a) and "impresos/plan-alianzas.docx" in a


def test_the_portal_lists_every_organization_built_there(organizaciones, tmp_path):
    out = tmp_path / "site"
    build_batch(organizaciones[:2], out, jobs=1, build_root=tmp_path / "build")
    build_batch(organizaciones[2:], out, jobs=1, build_root=tmp_path / "build")  # a later run
    portal = write_portal(out).read_text(encoding="utf-8")
    for slug in ("alfa", "beta", "gamma"):
        assert f'href="{slug}/index.html"' in portal
        assert (out / slug / "index.html").is_file()
    assert "Alfa Ciudadana, A.C." in portal and "básico" in portal and "avanzado" in portal
    assert "Beta &lt;b&gt;Niñez&lt;/b&gt; {{ 7*7 }}" in portal and "<b>Niñez" not in portal
    assert "Monterrey, Nuevo León" in portal
    assert "http" not in portal.replace('"http-equiv"', "")  # nothing fetched
    # An organization whose site was removed drops out.
    shutil.rmtree(out / "gamma")
    assert 'href="gamma/index.html"' not in write_portal(out).read_text(encoding="utf-8")


def test_one_failure_is_reported_while_the_others_are_built(organizaciones, tmp_path):
    malo = organizaciones[1]
    malo.write_text(malo.read_text(encoding="utf-8").replace("nivel: intermedio", "nivel: experta"),
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "build", *map(str, organizaciones),
                           "--out", str(tmp_path / "site"), "--jobs", "2"],
                          capture_output=True, text=True, cwd=PROJECT_DIR, timeout=300)
    assert done.returncode == 1
    assert f"{malo}:" in done.stderr and "nivel" in done.stderr and "no se generó el manual" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.count("manual generado en") == 2  # one plain line per organization (no terminal)
    assert "Generados: 2 · sin cambios: 0 · fallidos: 1" in done.stdout
    portal = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "alfa/index.html" in portal and "gamma/index.html" in portal and "beta/index.html" not in portal


def test_two_files_with_one_name_are_refused(organizaciones, tmp_path):
    otra = tmp_path / "otra"
    otra.mkdir()
    shutil.copy(organizaciones[0], otra / "alfa.yaml")
    resultados = build_batch([organizaciones[0], otra / "alfa.yaml"], tmp_path / "site", jobs=2,
                                build_root=tmp_path / "build")
    assert [r.state for r in resultados] == [GENERADO, FALLIDO]
    assert "mismo nombre" in resultados[1].messages[0]


def test_on_a_terminal_a_progress_bar_replaces_the_log_lines(organizaciones, tmp_path):
    import os
    import pty

    principal, secundario = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "generator", "build", *map(str, organizaciones[:2]),
                           "--out", str(tmp_path / "site"), "--jobs", "1"],
                          stdout=subprocess.PIPE, stderr=secundario, text=True, cwd=PROJECT_DIR, timeout=300,
                          env={**os.environ, "TERM": "xterm"})
    os.close(secundario)
    terminal = b""
    while True:
        try:
            trozo = os.read(principal, 65536)
        except OSError:
            break
        if not trozo:
            break
        terminal += trozo
    os.close(principal)
    assert done.returncode == 0
    pantalla = terminal.decode("utf-8")
    # click's bar, redrawn in place after a carriage return
    assert "\r\x1b[?25l[############............] 1/2" in pantalla and "[########################] 2/2" in pantalla
    assert "manual generado en" not in done.stdout and "Generados: 2" in done.stdout


def test_a_no_op_rebuild_neither_parses_nor_starts_workers(organizaciones, tmp_path, monkeypatch):
    import generator.batch.pool
    import generator.pipeline

    out = tmp_path / "site"
    build_batch(organizaciones, out, jobs=2, build_root=tmp_path / "build")

    def prohibido(*args, **kwargs):
        raise AssertionError("nothing changed: no file should be parsed and no worker started")

    monkeypatch.setattr(generator.pipeline, "validate_file", prohibido)
    monkeypatch.setattr(generator.batch.pool, "ProcessPoolExecutor", prohibido)
    monkeypatch.setattr(generator.batch.pool, "load_methodology", prohibido)
    resultados = build_batch(organizaciones, out, jobs=2, build_root=tmp_path / "build")
    assert [r.state for r in resultados] == [SIN_CAMBIOS] * 3
    assert [r.site_dir for r in resultados] == [out / s for s in ("alfa", "beta", "gamma")]


def test_a_comment_only_edit_is_settled_without_starting_workers(organizaciones, tmp_path, monkeypatch):
    """An edited file whose data did not change is validated in the batch's own process and
    settled there: no worker starts (starting them was most of such a rebuild)."""
    import generator.batch.pool

    out = tmp_path / "site"
    build_batch(organizaciones, out, jobs=2, build_root=tmp_path / "build")
    alfa, beta = organizaciones[:2]
    for editado in (alfa, beta):  # two, so that two workers would start
        editado.write_text("# una nota que no cambia los datos\n" + editado.read_text(encoding="utf-8"),
                           encoding="utf-8")

    def prohibido(*args, **kwargs):
        raise AssertionError("only a comment changed: no worker should start")

    monkeypatch.setattr(generator.batch.pool, "ProcessPoolExecutor", prohibido)
    resultados = build_batch(organizaciones, out, jobs=2, build_root=tmp_path / "build")
    assert [r.state for r in resultados] == [SIN_CAMBIOS] * 3
    assert resultados[0].site_dir == out / "alfa"
    # Recorded: the next check of these bytes is the fast one (nothing parsed).
    assert generator.batch.pool.unchanged_unvalidated(alfa, out, {"pdf": False, "publico": False})


def test_two_builds_into_the_same_folder_at_once_do_not_corrupt_it(organizaciones, tmp_path):
    referencia = build_batch(organizaciones[:1], tmp_path / "ref", jobs=1, build_root=tmp_path / "b0")[0]
    comando = [sys.executable, "-m", "generator", "build", str(organizaciones[0]), "--out", str(tmp_path / "site"),
               "--force"]
    procesos = [subprocess.Popen(comando, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for _ in range(3)]
    salidas = [p.communicate(timeout=300) for p in procesos]
    assert [p.returncode for p in procesos] == [0, 0, 0], salidas
    assert arbol(tmp_path / "site" / "alfa") == arbol(referencia.site_dir)
    # Nothing half-written is left beside the site: only the site, the portal and the records.
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [".huellas", "alfa", "index.html"]
    assert sorted(p.name for p in (tmp_path / "site" / ".huellas").iterdir()) == ["alfa.json", "alfa.lock"]


def test_a_bug_in_one_organization_is_one_located_spanish_line(organizaciones, tmp_path, monkeypatch):
    import generator.batch.pool as lote

    def roto(*args, **kwargs):
        raise RuntimeError("se rompió \x1b[2J" + "x" * 500)

    monkeypatch.setattr(lote, "build_organization", roto)
    (resultado,) = build_batch(organizaciones[:1], tmp_path / "site", jobs=1, force=True)
    assert resultado.state == FALLIDO
    (mensaje,) = resultado.messages
    assert mensaje.startswith(f"{organizaciones[0]}: error interno del generador: RuntimeError: se rompió \\x1b[2J")
    assert "\x1b" not in mensaje and len(mensaje) < 400
