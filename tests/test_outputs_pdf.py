"""The printed documents (``handbook build --pdf``): read back with pypdf, page by page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from generator.outputs import html_pdf as impresion_pdf
from generator.exceptions import HandbookError, SiteBuildError
from generator.pipeline import build_organization

from conftest import EXAMPLE

ORG = "Red Ciudadana por la Transparencia, A.C."
NOTA = "Nota para la persona facilitadora"
LETTER = (612, 792)
A4 = (595, 842)
SESIONES = ["sesion-1", "mapeo", "sesion-2", "sesion-3", "sesion-5", "sesion-6"]


def leer(path: Path) -> tuple[PdfReader, list[str]]:
    lector = PdfReader(path)
    return lector, [" ".join((p.extract_text() or "").split()) for p in lector.pages]


def dibujos(pagina) -> int:
    """How many XObjects (images, SVG groups) the page's content draws."""
    return len(re.findall(rb"/[^\s/]+\s+Do\b", pagina.get_contents().get_data()))


def tamano(lector: PdfReader) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in lector.pages}


@pytest.fixture(scope="module")
def impresos(example_site) -> Path:
    return example_site / "impresos"


def test_every_document_is_written(impresos):
    esperados = {f"{s}.pdf" for s in SESIONES} | {
        "guia-facilitacion.pdf", "plan-alianzas.pdf", "plan-alianzas.docx", "hojas-de-trabajo.pdf"} | {
        f"{s}-presentacion.pptx" for s in SESIONES} | {f"{s}-kit.zip" for s in SESIONES}
    assert {p.name for p in impresos.iterdir() if p.is_file()} == esperados  # the printables are in session folders


@pytest.mark.parametrize("sesion", SESIONES)
def test_participant_chapter_has_agenda_concepts_and_worksheets_without_facilitator_notes(impresos, sesion):
    lector, paginas = leer(impresos / f"{sesion}.pdf")
    texto = " ".join(paginas)
    assert tamano(lector) == {LETTER}
    assert 3 <= len(paginas) <= 40
    assert ORG in paginas[0] and "Cuaderno de participantes" in paginas[0]  # the cover, accents intact
    assert "Agenda" in texto and "Objetivo" in texto
    assert NOTA not in texto and "Pasos" not in texto  # tests/test_participant_view.py checks every step
    assert "Lista de materiales" not in texto and "Recursos en línea" not in texto
    # Numbered pages from the second on, and the organization's short name as running header.
    for numero, pagina in enumerate(paginas[1:], start=2):
        assert f"{numero} de {len(paginas)}" in pagina
        assert "RCT" in pagina


def test_chapters_carry_their_sessions_concepts_and_worksheets(impresos):
    _, sesion2 = leer(impresos / "sesion-2.pdf")
    texto = " ".join(sesion2)
    assert "Sistema local, pensamiento sistémico y las 5Rs" in texto  # a concept page of session 2
    assert "Matriz de las 5Rs y mapa del sistema" in texto  # its blank worksheet
    _, sesion6 = leer(impresos / "sesion-6.pdf")
    assert "Mapeo de resultados" in " ".join(sesion6)
    # A worksheet in a chapter is blank: the organization's own actors are not there.
    assert "Cabildo de Monterrey" not in texto


def test_facilitator_guide_has_every_page_notes_and_a_table_of_contents(impresos, example_site):
    lector, paginas = leer(impresos / "guia-facilitacion.pdf")
    texto = " ".join(paginas)
    assert tamano(lector) == {LETTER, LETTER[::-1]}  # the Gantt on a landscape page (tests/test_outputs_figure_print.py)
    assert 40 <= len(paginas) <= 400
    assert "Guía de la persona facilitadora" in paginas[0] and ORG in paginas[0]
    assert "Contenido" in paginas[1]
    assert NOTA in texto and "Desarrollo de las actividades" in texto and "Lista de materiales" in texto
    # The table of contents lists the pages with the page each starts on.
    nav = BeautifulSoup((example_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert nav.select_one("nav.md-nav--primary")
    index_of = " ".join(paginas[1:4])
    entrada = re.search(r"Mapa del sistema \.*\s*(\d+)", index_of)
    assert entrada, index_of[:400]
    assert "Mapa del sistema" in paginas[int(entrada.group(1)) - 1]
    # Internal links of the handbook became links inside the PDF.
    enlaces = [a for p in lector.pages for a in (p.get("/Annots") or [])]
    assert enlaces


def test_the_printed_text_is_the_text_the_site_shows(impresos, example_site):
    # The methodology writes "M&E;" (monitoring and evaluation, then a semicolon). "&E;" is no
    # entity, so a browser shows it as typed; the built page's parser must read it alike.
    pagina = (example_site / "conceptos" / "mou.html").read_text(encoding="utf-8")
    assert "objetivo común de M&E;" in pagina
    _, paginas = leer(impresos / "sesion-5.pdf")
    assert "objetivo común de M&E;" in " ".join(paginas)


def test_plan_has_cover_numbered_pages_strategies_and_vector_figures(impresos):
    lector, paginas = leer(impresos / "plan-alianzas.pdf")
    assert tamano(lector) == {LETTER, LETTER[::-1]}  # the Gantt on a landscape page
    assert 3 <= len(paginas) <= 20
    cover = paginas[0]
    assert ORG in cover and "Plan de Alianzas Estratégicas" in cover
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", cover)  # the date
    texto = " ".join(paginas)
    for estrategia in ("Índice anual de apertura con respaldo empresarial",
                       "Comités vecinales con acompañamiento académico"):
        assert estrategia in texto
    for seccion in ("Semblanza de la organización", "Participantes en la creación del plan", "Objetivos del plan",
                    "Líneas de acción", "Mapeo de resultados", "Conclusiones", "Anexos"):
        assert seccion in texto
    assert texto.index("Semblanza") < texto.index("Conclusiones") < texto.index("Anexos")
    assert f"2 de {len(paginas)}" in paginas[1] and "RCT" in paginas[1]
    # The ring map and the Gantt are drawn as vectors: their words are text, with no raster image.
    mapa = next(i for i, p in enumerate(paginas) if "Resultado positivo" in p)
    # The map numbers the actors; its key (the next figure, on the next page) names them.
    assert "Cabildo de Monterrey" in paginas[mapa + 1] and not lector.pages[mapa].images
    assert any("Sesiones de trabajo" in p and "feb" in p for p in paginas[mapa:])


def test_worksheet_set_is_blank_and_has_every_sheet(impresos):
    lector, paginas = leer(impresos / "hojas-de-trabajo.pdf")
    texto = " ".join(paginas)
    assert tamano(lector) == {LETTER}
    for hoja in ("Matriz de las 5Rs y mapa del sistema", "Tarjeta del discurso de elevador",
                 "Ecuación de la confianza", "Ruta Crítica de un aliado y debida diligencia",
                 "Mapeo de resultados"):
        assert hoja in texto
    assert "Debida diligencia" in texto and "Reputación" in texto
    # Blank: no recorded data, and room to write instead of "por completar" chips.
    assert "por completar" not in texto and "Cabildo de Monterrey" not in texto
    assert NOTA not in texto


def test_each_page_links_its_documents_and_the_links_resolve(example_site):
    paginas = list(example_site.rglob("*.html"))
    enlazados = set()
    for pagina in paginas:
        sopa = BeautifulSoup(pagina.read_text(encoding="utf-8"), "html.parser")
        for enlace in sopa.select("a.hb-descarga"):
            destino = (pagina.parent / enlace["href"]).resolve()
            assert destino.is_file(), (pagina, enlace["href"])
            enlazados.add(destino.name)
    # every top-level document has its download link; the session kits (folders) are linked from their checklists
    assert enlazados == {p.name for p in (example_site / "impresos").iterdir() if p.is_file()}
    sesion = BeautifulSoup((example_site / "sesiones" / "sesion-2.html").read_text(encoding="utf-8"), "html.parser")
    textos = [a.get_text(" ", strip=True) for a in sesion.select("a.hb-descarga")]
    assert textos == ["Descargar PDF: Sesión 2 — Sistema local y mapeo del sistema actual e ideal",
                      "Descargar PDF: Guía de la persona facilitadora"]


def test_a4_paper_and_a_site_without_pdf_has_no_download_links(write_org, tmp_path):
    path = write_org("""\
        organizacion:
          nombre: "Asociación Niñez {{ 7*7 }} <b>x</b>"
          siglas: "Ñ<\\"/>"
          mision: Vigilar el gasto.
        nivel: avanzado
        impresion:
          papel: a4
        """)
    sitio = build_organization(path, tmp_path / "site", build_root=tmp_path / "build", pdf=True).site_dir
    lector, paginas = leer(sitio / "impresos" / "plan-alianzas.pdf")
    assert tamano(lector) == {A4}
    assert "Asociación Niñez {{ 7*7 }} <b>x</b>" in paginas[0]
    assert 'Ñ<"/>' in paginas[1]  # the running header, taken literally
    sin_pdf = build_organization(path, tmp_path / "otro", build_root=tmp_path / "build2").site_dir
    assert not (sin_pdf / "impresos").exists()
    assert "hb-descarga" not in (sin_pdf / "sesiones" / "sesion-1.html").read_text(encoding="utf-8")


def test_a_failed_print_leaves_the_previous_site_intact(write_org, tmp_path, monkeypatch):
    path = write_org("""\
        organizacion:
          nombre: Colectivo
          mision: Vigilar el gasto.
        nivel: avanzado
        """)
    sitio = build_organization(path, tmp_path / "site", build_root=tmp_path / "build").site_dir
    antes = sorted(p.relative_to(sitio) for p in sitio.rglob("*"))

    def falla(*args, **kwargs):
        raise OSError("disco lleno")

    monkeypatch.setattr(impresion_pdf, "write_atomically", falla)
    with pytest.raises(HandbookError, match="disco lleno"):
        build_organization(path, tmp_path / "site", build_root=tmp_path / "build", pdf=True)
    assert sorted(p.relative_to(sitio) for p in sitio.rglob("*")) == antes
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [".huellas", sitio.name]  # no leftovers


def test_nothing_outside_the_site_is_read(tmp_path):
    fetcher = impresion_pdf._SiteOnly(tmp_path)
    (tmp_path / "a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    fetcher.fetch((tmp_path / "a.svg").as_uri())
    for url in ("https://example.org/x.png", (tmp_path.parent / "b.svg").as_uri(), "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_the_fetcher_decodes_urls_as_weasyprint_and_checks_the_real_path(tmp_path):
    sitio = tmp_path / "Mis Documentos" / "manuales ñ" / "sitio"
    (sitio / "assets").mkdir(parents=True)
    propio = sitio / "assets" / "logo ñ.svg"
    propio.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (tmp_path / "secreto.txt").write_text("clave", encoding="utf-8")
    (sitio / "assets" / "enlace.svg").symlink_to(tmp_path / "secreto.txt")
    fetcher = impresion_pdf._SiteOnly(sitio)
    assert fetcher.fetch(propio.as_uri()).read() == propio.read_bytes()  # spaces and accents, percent-encoded
    carpeta = (sitio / "assets").as_uri()
    for url in (f"{carpeta}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secreto.txt", f"{carpeta}/..%2F..%2F..%2F..%2Fsecreto.txt",
                f"{carpeta}/enlace.svg", f"file://otra-maquina{propio}", f"{carpeta}/no-existe.svg"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.rechazadas) == 5
    with pytest.raises(ValueError):
        fetcher.fetch(None)  # an SVG <image> without href: nothing was left out
    assert len(fetcher.rechazadas) == 5


@pytest.mark.parametrize("referencia", ["%2e%2e/%2e%2e/secreto.png", "enlace.png"])
def test_a_logo_reaching_outside_the_site_stops_the_print(tmp_path, referencia):
    """An SVG in the site that slipped past ``generator.contract.logo``: the file it names outside the
    site (through encoded ``..`` or a symlink) is never printed, and the print says so."""
    sitio = tmp_path / "sitio"
    (sitio / "assets").mkdir(parents=True)
    Image.new("RGB", (40, 40), "blue").save(tmp_path / "secreto.png")
    (sitio / "assets" / "enlace.png").symlink_to(tmp_path / "secreto.png")
    logo = sitio / "assets" / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
                    f'<image width="64" height="64" href="{referencia}"/></svg>', encoding="utf-8")
    destino = tmp_path / "plan.pdf"
    with pytest.raises(SiteBuildError, match="fuera del sitio"):
        impresion_pdf.write_pdf(impresion_pdf.cover("Colectivo", "Plan", None, [], logo), "Plan", destino,
                                   sitio, impresion_pdf.page_stylesheet("carta", "C", "#114477", "#cc5500"))
    assert not destino.exists()


def test_a_folder_with_spaces_and_accents_prints_the_same_documents(example_site, tmp_path):
    """Facilitators keep their files in folders like "Mis Documentos/manuales ñ": the PDFs
    printed there have every image (the logo, the figures) the plain folder's have."""
    carpeta = tmp_path / "mis manuales ñ"
    sitio = build_organization(EXAMPLE, carpeta / "sitio", build_root=carpeta / "build", pdf=True).site_dir
    for nombre in ("plan-alianzas.pdf", "guia-facilitacion.pdf"):
        llano, acentos = PdfReader(example_site / "impresos" / nombre), PdfReader(sitio / "impresos" / nombre)
        assert len(acentos.pages) == len(llano.pages)
        assert [dibujos(p) for p in acentos.pages] == [dibujos(p) for p in llano.pages]
        # The SVG logo is drawn on the cover itself, not as an XObject: the same drawing.
        assert acentos.pages[0].get_contents().get_data() == llano.pages[0].get_contents().get_data()
    # The plan's annexes draw the figures (as XObjects).
    _, paginas = leer(sitio / "impresos" / "plan-alianzas.pdf")
    mapa = next(i for i, p in enumerate(paginas) if "Resultado positivo" in p)
    assert dibujos(PdfReader(sitio / "impresos" / "plan-alianzas.pdf").pages[mapa]) > 0


def test_table_rows_are_never_cut_across_pages_and_fonts_are_embedded(tmp_path):
    """A long table of tall rows: each row starts and ends on the same page."""
    filas = "".join(
        f"<tr><td>fila {i} inicio</td><td>{'texto que ocupa varias líneas de la celda con ñ y acentos ' * 25}"
        f"fila {i} fin</td></tr>" for i in range(30))
    cuerpo = f"<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody>{filas}</tbody></table>"
    destino = tmp_path / "tabla.pdf"
    impresion_pdf.write_pdf(cuerpo, "Tabla", destino, tmp_path,
                               impresion_pdf.page_stylesheet("carta", "Ñandú", "#114477", "#cc5500"))
    lector, paginas = leer(destino)
    assert len(paginas) > 3
    for i in range(30):
        donde = [n for n, texto in enumerate(paginas) if f"fila {i} inicio" in texto]
        assert donde and f"fila {i} fin" in paginas[donde[0]], i
    assert "Ñandú" in paginas[1] and "ñ y acentos" in paginas[0]
    fuentes = [f for p in lector.pages for f in p["/Resources"]["/Font"].values()]
    assert fuentes and all("/FontFile2" in f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                           for f in fuentes)
