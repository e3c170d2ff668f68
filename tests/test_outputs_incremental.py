"""Incremental and parallel printing (generator.outputs.printing, generator.batch.pool).

An edited organization is printed again only where its documents changed, and what comes out
is byte for byte what a clean build of the edited file makes; a comment changes nothing; a new
``SOURCE_DATE_EPOCH`` prints everything again. The clean build goes through the batch's shared
pool with two workers, so it also checks that parallel printing makes the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from generator.batch.pool import GENERADO, SIN_CAMBIOS, build_batch
from generator.outputs.base import PrintTask
from generator.outputs.printing import _reuse, run_here
from generator.pipeline import build_organization

ALLY_BEFORE = "interes_para_aliado: Casos reales para sus cursos de ciencia de datos."
ALLY_AFTER = "interes_para_aliado: Casos reales y datos abiertos para sus cursos de estadística."


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


class Recorder:
    """A runner that lays out in this process and remembers which files it laid out."""

    def __init__(self) -> None:
        self.laid_out: list[str] = []
        self.pieces: list[str] = []  # the guide's parts laid out (generator.outputs.pdf_parts)

    def __call__(self, tasks) -> None:
        tasks = list(tasks)  # they come one by one, as they are made
        self.laid_out += [t.file_name for t in tasks if not t.destino]
        self.pieces += [t.destino for t in tasks if t.destino]
        run_here(tasks)


@pytest.fixture(scope="module")
def edited(tmp_path_factory, metodologia):
    """The example built cold, then its copy with one ally's answer changed built again over it,
    and that changed file built clean elsewhere through the shared pool (--jobs 2)."""
    from conftest import ORG_DATA_DIR

    root = tmp_path_factory.mktemp("incremental")
    datos = root / "org_data"
    datos.mkdir()
    for f in ORG_DATA_DIR.iterdir():
        if f.suffix in (".yaml", ".svg"):
            (datos / f.name).write_bytes(f.read_bytes())
    file_name = datos / "red-ciudadana.yaml"
    cold = Recorder()
    build_organization(file_name, root / "out", build_root=root / "build", metodologia=metodologia, pdf=True,
                       force=False, runner=cold)
    antes = tree(root / "out" / "red-ciudadana")
    texto = file_name.read_text(encoding="utf-8")
    assert texto.count(ALLY_BEFORE) == 1
    file_name.write_text(texto.replace(ALLY_BEFORE, ALLY_AFTER), encoding="utf-8")
    incremental = Recorder()
    result = build_organization(file_name, root / "out", build_root=root / "build", metodologia=metodologia,
                                pdf=True, force=False, runner=incremental)
    assert result.generated
    (limpio,) = build_batch([file_name], root / "clean", jobs=2, pdf=True, build_root=root / "build-clean")
    assert limpio.state == GENERADO, limpio.messages
    return dict(root=root, file_name=file_name, cold=cold.laid_out, incremental=incremental.laid_out, antes=antes,
                cold_pieces=cold.pieces, incremental_pieces=incremental.pieces)


def test_one_ally_changed_is_byte_identical_to_a_clean_build(edited):
    incremental = tree(edited["root"] / "out" / "red-ciudadana")
    limpio = tree(edited["root"] / "clean" / "red-ciudadana")
    assert sorted(incremental) == sorted(limpio)
    assert {k for k in incremental if incremental[k] != limpio[k]} == set()
    # The ally's answer is in the site and in the documents that show it.
    assert any(edited["antes"][k] != incremental[k] for k in incremental if k.endswith(".pdf"))


def test_one_ally_changed_reuses_the_unchanged_documents(edited):
    todos = edited["cold"]
    assert len(todos) >= 8 and "impresos/guia-facilitacion.pdf" in todos  # everything printed cold
    rehechos = set(edited["incremental"])
    reusados = set(todos) - rehechos
    # The participants' chapters carry no ally's answer: copied from the last output, unchanged.
    assert {f"impresos/sesion-{n}.pdf" for n in (1, 2, 3, 5, 6)} <= reusados
    assert "impresos/hojas-de-trabajo.pdf" in reusados
    # Nor do the decks (fingerprinted by what their slides are made of).
    assert {f"impresos/{s}-presentacion.pptx" for s in ("sesion-1", "mapeo", "sesion-5", "sesion-6")} <= reusados
    # Nor do the kits' flip charts and printables (fingerprinted by what they show).
    assert {"impresos/mapeo/rotafolios-en-hojas.pdf", "impresos/sesion-5/rotafolios-en-hojas.pdf",
            "impresos/sesion-1/tarjetas-conceptos.pdf", "impresos/mapeo/postits-actores.pdf"} <= reusados
    # The guide is joined again, but of its parts only the one with the ally's page is laid out again.
    assert "impresos/guia-facilitacion.pdf" in rehechos
    assert len(edited["cold_pieces"]) >= 3 and len(edited["incremental_pieces"]) == 1
    piezas = edited["root"] / "build" / "red-ciudadana" / "piezas"
    partes = [p for p in piezas.iterdir() if len(p.stem) == 64]
    assert len(partes) == len(edited["cold_pieces"])  # the replaced part is gone
    # The front (cover, contents) and the stamp (header, "N de M") of the last join, for the next.
    assert len(list(piezas.glob("frente-*.pdf"))) == len(list(piezas.glob("sello-*.pdf"))) == 1
    for file_name in reusados:
        assert edited["antes"][file_name] == tree(edited["root"] / "out" / "red-ciudadana")[file_name]


def test_a_comment_or_a_reformatting_rebuilds_nothing(edited, metodologia):
    file_name: Path = edited["file_name"]
    file_name.write_text("# Un comentario que no cambia los datos\n" + file_name.read_text(encoding="utf-8")
                       .replace("votos: 6", "votos:   6   # contados en la sesión 5"), encoding="utf-8")
    result = build_organization(file_name, edited["root"] / "out", build_root=edited["root"] / "build",
                                metodologia=metodologia, pdf=True, force=False, runner=Recorder())
    assert not result.generated
    # The batch's fast check (the file's bytes) now knows these bytes too: nothing is parsed.
    (resultado,) = build_batch([file_name], edited["root"] / "out", jobs=1, pdf=True,
                                  build_root=edited["root"] / "build")
    assert resultado.state == SIN_CAMBIOS


def test_a_new_source_date_epoch_prints_every_document_again(edited, metodologia, monkeypatch):
    out = edited["root"] / "out"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 1 Jan 2030
    (resultado,) = build_batch([edited["file_name"]], out, jobs=1, pdf=True, build_root=edited["root"] / "build")
    assert resultado.state == GENERADO  # it used to say "sin cambios"
    guia = out / "red-ciudadana" / "impresos" / "guia-facilitacion.pdf"
    texto = subprocess.run(["pdftotext", "-l", "1", str(guia), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "2030" in texto  # the cover's date: the guide was laid out again, not copied
    registro = json.loads((out / ".huellas" / "impresos" / "red-ciudadana.json").read_text(encoding="utf-8"))
    assert set(registro) == set(edited["cold"])


def test_a_previous_file_that_is_not_what_was_recorded_is_never_reused(tmp_path):
    previo, nuevo = tmp_path / "previo", tmp_path / "nuevo"
    (previo / "impresos").mkdir(parents=True)
    (nuevo / "impresos").mkdir(parents=True)
    (previo / "impresos" / "a.pdf").write_bytes(b"hecho")
    task = PrintTask("impresos/a.pdf", "h1", print, ())
    registro = {"huella": "h1", "sha256": hashlib.sha256(b"hecho").hexdigest()}
    assert _reuse(task, registro, previo, nuevo / "impresos" / "a.pdf")
    assert (nuevo / "impresos" / "a.pdf").read_bytes() == b"hecho"
    assert not _reuse(task, {**registro, "huella": "h0"}, previo, nuevo / "impresos" / "b.pdf")
    (previo / "impresos" / "a.pdf").write_bytes(b"cambiado a mano")
    assert not _reuse(task, registro, previo, nuevo / "impresos" / "c.pdf")
    assert not (nuevo / "impresos" / "b.pdf").exists() and not (nuevo / "impresos" / "c.pdf").exists()


def test_the_organizations_colours_are_written_into_the_print_style_sheet(tmp_path):
    from PIL import Image

    from generator.outputs import html_pdf

    hoja = html_pdf.page_css("carta", "C", "#114477", "#cc5500")
    assert "var(--hb-" not in hoja  # no custom property left for WeasyPrint to carry down
    destino = tmp_path / "c.pdf"
    html_pdf.write_pdf("<h1>Título de prueba</h1><h2>Sección con borde</h2>", "C", destino, tmp_path,
                          html_pdf.page_stylesheet("carta", "C", "#114477", "#cc5500"))
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(destino), str(tmp_path / "c")], check=True)
    colores = {c for _, c in Image.open(tmp_path / "c.png").convert("RGB").getcolors(maxcolors=1 << 24)}

    def hay(objetivo: tuple[int, int, int]) -> bool:
        return any(all(abs(a - b) <= 12 for a, b in zip(c, objetivo)) for c in colores)

    assert hay((0x11, 0x44, 0x77))  # the headings in the primary colour
    assert hay((0xCC, 0x55, 0x00))  # the h2's rule in the accent colour


def test_a_sessions_new_place_makes_its_deck_again_and_only_its_own(edited, metodologia):
    """A deck is fingerprinted by what it is made of; what it shows must still reach it."""
    from pptx import Presentation

    root, file_name = edited["root"], edited["file_name"]
    build_organization(file_name, root / "out", build_root=root / "build", metodologia=metodologia, pdf=True,
                       force=False)  # settled after the tests before (a new SOURCE_DATE_EPOCH)
    texto = file_name.read_text(encoding="utf-8")
    antes = "lugar: Sala de juntas de la RCT, Col. Centro, Monterrey"
    file_name.write_text(texto.replace(antes, "lugar: Auditorio {{ 7*7 }} <b>Norte</b>", 1), encoding="utf-8")
    rehechos = Recorder()
    build_organization(file_name, root / "out", build_root=root / "build", metodologia=metodologia, pdf=True,
                       force=False, runner=rehechos)
    decks = {f for f in rehechos.laid_out if f.endswith(".pptx")}
    assert decks == {"impresos/sesion-1-presentacion.pptx"}
    deck = Presentation(root / "out" / "red-ciudadana" / "impresos" / "sesion-1-presentacion.pptx")
    portada = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert "Auditorio {{ 7*7 }} <b>Norte</b>" in portada
