"""The facilitator's guide laid out in parts and joined (generator.outputs.pdf_parts).

Splitting must not show: the guide joined from several parts is, page for page, the guide laid
out in one (words, pixels, links and where they land, bookmarks), with the running header and
"N de M" on its pages and every link landing. The scheduler runs a joined document after its parts.
"""

from __future__ import annotations

import io
import queue
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from generator.batch.pool import _lay_out, _on_the_queue, _take
from generator.contract.validation import validate_file
from generator.exceptions import SiteBuildError
from generator.outputs import OUTPUTS_BY_NAME, guide, pdf_parts
from generator.outputs.base import PrintJob, PrintTask
from generator.outputs.printing import _forget_other_pieces
from generator.plan.handbook import plan_handbook

from conftest import EXAMPLE


def links(lector: PdfReader) -> list[tuple]:
    """Each link: its page, and where it lands (page, left, top) or the address it opens."""
    destinos = lector.named_destinations
    hallados = []
    for numero, pagina in enumerate(lector.pages):
        for anotacion in pagina.get("/Annots") or []:
            anotacion = anotacion.get_object()
            if "/Dest" not in anotacion:
                hallados.append((numero, str(anotacion["/A"]["/URI"])))
                continue
            destino = destinos[str(anotacion["/Dest"])]  # a KeyError is a link that lands nowhere
            hallados.append((numero, lector.get_destination_page_number(destino),
                             round(float(destino.left)), round(float(destino.top))))
    return hallados


def outline(lector: PdfReader, items=None, nivel: int = 0) -> list[tuple]:
    hallados = []
    for item in lector.outline if items is None else items:
        if isinstance(item, list):
            hallados += outline(lector, item, nivel + 1)
        else:
            hallados.append((nivel, item.title, lector.get_destination_page_number(item), round(float(item.top))))
    return hallados


def pictures(pdf: Path, folder: Path) -> list[Path]:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(folder / "p")], check=True)
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def guides(example_site, metodologia, tmp_path_factory) -> dict[int, Path]:
    """The example's guide laid out in one part and in five, into a copy of the example's site."""
    raiz = tmp_path_factory.mktemp("partes")
    sitio = raiz / "sitio"
    shutil.copytree(example_site, sitio)
    handbook = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia, pdf=True, public=False)
    documento = next(d for d in handbook.documentos if d.tipo == "guia")
    hechos = {}
    for partes in (1, 5):
        job = PrintJob.for_site(handbook, metodologia, sitio, raiz / f"piezas-{partes}")
        total = sum(len(p.arguments[0]) for p in OUTPUTS_BY_NAME["guia"].task(documento, job).pieces)
        guide.PART_SIZE, antes = total // partes + 1, guide.PART_SIZE
        try:
            task = OUTPUTS_BY_NAME["guia"].task(documento, job)
            assert len(task.pieces) == partes
            OUTPUTS_BY_NAME["guia"].write(documento, job)
        finally:
            guide.PART_SIZE = antes
        hechos[partes] = raiz / f"guia-{partes}.pdf"
        shutil.copyfile(sitio / documento.file_name, hechos[partes])
    return hechos


def test_a_guide_joined_from_parts_is_the_guide_laid_out_in_one(guides, tmp_path):
    una, cinco = PdfReader(guides[1]), PdfReader(guides[5])
    assert len(cinco.pages) == len(una.pages) > 40
    assert [p.extract_text() for p in cinco.pages] == [p.extract_text() for p in una.pages]
    assert links(cinco) == links(una)
    assert len([e for e in links(cinco) if len(e) == 4]) > 100  # the contents and the pages' own links
    assert outline(cinco) == outline(una) and len(outline(una)) > 100
    diferentes = [a.name for a, b in zip(pictures(guides[1], tmp_path / "una"), pictures(guides[5], tmp_path / "cinco"))
                  if ImageChops.difference(Image.open(a).convert("L"), Image.open(b).convert("L")).getbbox()]
    assert diferentes == []


def test_every_page_of_the_joined_guide_has_its_header_and_number(guides):
    lector = PdfReader(guides[5])
    paginas = [" ".join((p.extract_text() or "").split()) for p in lector.pages]
    total = len(paginas)
    assert "Documento interno" in paginas[0] and f"1 de {total}" not in paginas[0]  # the cover: only the notice
    for numero, texto in enumerate(paginas[1:], start=2):
        assert f"{numero} de {total}" in texto and "RCT" in texto and "Documento interno" in texto, numero
        # Its own number only: the others' lines of the stamp are not hidden under it.
        assert re.findall(rf"\b\d+ de {total}\b", texto) == [f"{numero} de {total}"], numero
    # The contents' numbers are the pages their links land on, in every part.
    assert paginas[1].startswith("Contenido") or "Contenido" in paginas[1]
    indice = range(1, next(e[1] for e in links(lector) if e[0] == 1))  # up to where its first entry lands
    numeros = [int(n) for i in indice for n in re.findall(r"\.{3,}\s*(\d+)", paginas[i])]
    destinos = {e[1] + 1 for e in links(lector) if e[0] in indice and len(e) == 4}  # an entry may be several boxes
    assert len(numeros) > 30 and numeros == sorted(numeros) and set(numeros) == destinos
    assert max(numeros) > total / 2  # the entries of the last parts too


def test_the_joined_guide_s_header_and_number_are_those_of_a_page_laid_out_whole(guides, example_site, metodologia,
                                                                               tmp_path):
    """The stamp draws each page's margins itself: they must be where, and as, WeasyPrint's own
    margin boxes put them on a portrait and on a landscape page (font, size, colour, place)."""
    import pdfplumber

    from generator.outputs.html_pdf import laid_out

    handbook = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia, pdf=True, public=False)
    job = PrintJob.for_site(handbook, metodologia, example_site, tmp_path / "piezas")
    entero = tmp_path / "entero.pdf"
    entero.write_bytes(laid_out(
        '<!DOCTYPE html><html><body><p>a</p><p style="break-before: page">b</p><p style="page: apaisada">c</p>'
        "</body></html>", example_site, job.pagina_css, "entero.pdf").pdf())

    def margins(pagina) -> tuple[list[tuple], tuple]:
        """The header's words (text, font, size, colour, left, baseline), and the footer's looks
        (font, size, colour, baseline, centre): its total differs between the two documents."""
        palabras = pagina.extract_words(extra_attrs=["fontname", "size", "non_stroking_color"])

        def looks(w) -> tuple:
            return w["fontname"].split("+")[-1], round(w["size"], 2), tuple(round(c, 3) for c in w["non_stroking_color"])

        cabecera = [(w["text"], *looks(w), round(w["x0"], 1), round(w["bottom"], 1)) for w in palabras if w["top"] < 45]
        pie = [w for w in palabras if w["bottom"] > pagina.height - 45]
        assert len(pie) == 3  # "N de M"
        return cabecera, ({(*looks(w), round(w["bottom"], 1)) for w in pie},
                          round((pie[0]["x0"] + pie[-1]["x1"]) / 2, 1))

    with pdfplumber.open(entero) as referencia, pdfplumber.open(guides[5]) as guia:
        vertical, apaisada = margins(referencia.pages[1]), margins(referencia.pages[2])
        assert referencia.pages[2].width > referencia.pages[2].height and vertical != apaisada
        assert len(vertical[0]) == 3  # "Documento interno" and "RCT"
        giradas = 0
        for pagina in guia.pages[1:]:
            giradas += pagina.width > pagina.height
            assert margins(pagina) == (apaisada if pagina.width > pagina.height else vertical), pagina.page_number
        assert len(guia.pages) > 100 and giradas


@pytest.mark.parametrize(("sizes", "parts"), [([5, 5, 5, 5], 2), ([1, 1, 1, 9, 1], 3), ([3], 4), ([9, 1, 1, 1, 1, 1], 2),
                                              (list(range(1, 30)), 5)])
def test_split_makes_consecutive_parts_of_even_size(sizes, parts):
    rangos = pdf_parts.split(sizes, parts)
    assert rangos[0][0] == 0 and rangos[-1][1] == len(sizes)
    assert all(a < b for a, b in rangos) and all(b == c for (_, b), (c, _) in zip(rangos, rangos[1:]))
    assert len(rangos) == min(parts, len(sizes))
    mayor = max(sum(sizes[a:b]) for a, b in rangos)
    assert mayor <= sum(sizes) / len(rangos) + max(sizes)


def _write(path: str, text: str) -> None:
    Path(path).write_text(text, encoding="utf-8")


def _join(paths: list[str], destino: str) -> None:
    Path(destino).write_text("+".join(Path(p).read_text(encoding="utf-8") for p in paths), encoding="utf-8")


def _fail(path: str) -> None:
    raise OSError("disco lleno")


def test_the_shared_queue_runs_a_document_once_its_pieces_are_made(tmp_path):
    a, b, doc = (str(tmp_path / n) for n in ("a", "b", "doc"))
    tasks = [PrintTask("guia.pdf", "ha", _write, (a, "A"), cost=1, destino=a),
             PrintTask("guia.pdf", "hb", _write, (b, "B"), cost=2, destino=b),
             PrintTask("guia.pdf", "hd", _join, ([a, b], doc), cost=99, after=(a, b))]
    _on_the_queue(queue.PriorityQueue(), queue.Queue())(tasks)
    assert Path(doc).read_text(encoding="utf-8") == "A+B"


def test_a_failed_piece_stops_its_document_and_is_reported(tmp_path):
    a, doc, otro = (str(tmp_path / n) for n in ("a", "doc", "otro"))
    tasks = [PrintTask("guia.pdf", "ha", _fail, (a,), destino=a),
             PrintTask("guia.pdf", "hd", _join, ([a], doc), after=(a,)),
             PrintTask("plan.pdf", "hp", _write, (otro, "P"))]
    with pytest.raises(SiteBuildError, match="guia.pdf: disco lleno"):
        _on_the_queue(queue.PriorityQueue(), queue.Queue())(tasks)
    assert not Path(doc).exists() and Path(otro).read_text(encoding="utf-8") == "P"
    # Tasks come as they are made: here the piece fails (in "another worker") before its
    # document is even made; the document is then never waited for.
    Path(otro).unlink()
    layouts, respuestas = queue.PriorityQueue(), queue.Queue()

    def one_by_one():
        yield tasks[0]
        task, destino = _take(layouts, block=False)
        destino.put((task.key, _lay_out(task)))
        yield tasks[2]
        yield tasks[1]

    hilo = threading.Thread(target=_expect_failure, args=(_on_the_queue(layouts, respuestas), one_by_one()), daemon=True)
    hilo.start()
    hilo.join(timeout=30)
    assert not hilo.is_alive(), "the runner waits for a document that can never run"
    assert _FAILURES == ["No se pudo generar guia.pdf: disco lleno"]
    assert not Path(doc).exists() and Path(otro).read_text(encoding="utf-8") == "P"


_FAILURES: list[str] = []


def _expect_failure(runner, tasks) -> None:
    try:
        runner(tasks)
    except SiteBuildError as exc:
        _FAILURES.append(str(exc))


def test_only_the_pieces_this_build_uses_are_kept(tmp_path):
    usada, vieja, mitad = "a" * 64 + ".pdf", "b" * 64 + ".pdf", "." + "c" * 64 + ".pdf.123.tmp"
    for nombre in (usada, vieja, mitad, "notas.txt", "d" * 63 + ".pdf"):
        (tmp_path / nombre).write_text("x", encoding="utf-8")
    _forget_other_pieces(tmp_path, {usada})
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([usada, "notas.txt", "d" * 63 + ".pdf"])


def test_a_stand_in_anchor_is_escaped():
    assert pdf_parts.stand_ins(['p-a"><b>x']) == '<span class="hb-ancla-fuera" id="hb-fuera--p-a&quot;&gt;&lt;b&gt;x"></span>'


def test_each_document_gets_a_page_of_its_own_even_on_the_last_use(example_site):
    """The parsed page itself goes to its last planned use; every use may edit what it gets."""
    from generator.outputs.html_pdf import SitePages

    paginas = SitePages(example_site, {"index.md": 2})
    primera = paginas.article("index.md")
    texto = str(primera)
    primera.clear()  # a document edits its copy
    segunda = paginas.article("index.md")  # the last planned use: the parsed page itself
    assert str(segunda) == texto
    segunda.clear()
    assert str(paginas.article("index.md")) == texto  # one more than planned: parsed again


def test_the_front_is_laid_out_once_when_its_pages_are_guessed_and_numbered_right_when_not(
        example_site, metodologia, tmp_path, monkeypatch):
    """The contents' numbers count the front's own pages: its pages are guessed (from a front
    kept by an earlier join, or from its number of entries) so that one layout usually does; a
    wrong guess costs a second layout, never a wrong number."""
    from bs4 import BeautifulSoup

    from generator.outputs import html_pdf

    handbook = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia, pdf=True, public=False)
    css = PrintJob.for_site(handbook, metodologia, example_site, tmp_path / "piezas").pagina_css
    capas = []
    monkeypatch.setattr(html_pdf, "laid_out", lambda *a: capas.append(a) or html_pdf.LaidOut(
        a[0], a[1], html_pdf._stylesheet(a[2]), a[3]))

    def front(entradas: int, titulo: str) -> tuple[str, dict]:
        secciones = [BeautifulSoup(f'<section id="p{i}"><h1>{titulo} {i}</h1></section>', "lxml").section
                     for i in range(entradas)]
        grupos = [f"Grupo {i // 11}" for i in range(entradas)]
        return (html_pdf.documento_html(html_pdf.cover("Org", titulo, None, [], None)
                                        + html_pdf.index_of(secciones, "Contenido", grupos), titulo),
                {f"p{i}": (i, 0.0, 0.0) for i in range(entradas)})  # each on its page of the parts

    def numbers(pdf: bytes) -> tuple[int, list[int]]:
        lector = PdfReader(io.BytesIO(pdf))
        texto = " ".join(p.extract_text() for p in lector.pages)
        return len(lector.pages), [int(n) for n in re.findall(r"\.{3,}\s*(\d+)", texto)]

    cache = tmp_path / "cache"
    cache.mkdir()
    paginas, numeros = numbers(pdf_parts._front(*front(44, "Página"), css, example_site, "g.pdf", cache))
    assert len(capas) == 1 and paginas == 3  # as the example's contents: 48 entries, groups included
    assert numeros[:2] == [paginas + 1, paginas + 1] and numeros[-1] == paginas + 44  # a group, then its first page
    # Titles long enough to take two lines each: the guess from the number of entries is wrong,
    # so the front is laid out again, and numbered right.
    largo = "con un título tan largo que no cabe en una sola línea del índice de la guía impresa, " * 2
    capas.clear()
    paginas, numeros = numbers(pdf_parts._front(*front(48, f"Página {largo}"), css, example_site, "g.pdf", cache))
    assert len(capas) == 2 and paginas > 3
    assert numeros[-1] == paginas + 48 and len(list(cache.glob("frente-*.pdf"))) == 1
    # That front's titles edited: guessed from the front kept, one layout.
    capas.clear()
    paginas_antes, (paginas, numeros) = paginas, numbers(
        pdf_parts._front(*front(48, f"Hoja {largo}"), css, example_site, "g.pdf", cache))
    assert len(capas) == 1 and paginas == paginas_antes and numeros[-1] == paginas + 48


def test_a_document_longer_than_one_tall_page_of_numbers_gets_each_its_own(example_site, metodologia, tmp_path):
    """A thousand pages: their "N de M" lines run over several of the stamp's tall pages."""
    from pypdf import PdfWriter

    handbook = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia, pdf=True, public=False)
    css = PrintJob.for_site(handbook, metodologia, example_site, tmp_path / "piezas").pagina_css
    writer = PdfWriter()
    apaisadas = [n % 97 == 5 for n in range(1000)]
    for girada in apaisadas:
        writer.add_blank_page(*((792, 612) if girada else (612, 792)))
    sello = PdfReader(io.BytesIO(pdf_parts._stamp(len(apaisadas), css, example_site, "g.pdf", tmp_path)))
    assert len(sello.pages) > 4  # the cover's, a portrait and a landscape page's margins, then the lines
    pdf_parts._stamp_pages(writer, sello, apaisadas)
    salida = io.BytesIO()
    writer.write(salida)
    paginas = [" ".join(p.extract_text().split()) for p in PdfReader(salida).pages]
    assert paginas[0] == "Documento interno"
    for numero, texto in enumerate(paginas[1:], start=2):
        assert texto == f"Documento interno RCT {numero} de 1000", numero
    # Each in its place, from whichever tall page its line came: centred, on one baseline.
    import pdfplumber

    with pdfplumber.open(salida) as pdf:
        lugares = set()
        for pagina in (pdf.pages[i] for i in (1, 2, 5, 400, 600, 998, 999)):
            pie = [w for w in pagina.extract_words() if w["bottom"] > pagina.height - 45]
            lugares.add((round((pie[0]["x0"] + pie[-1]["x1"]) / 2 - pagina.width / 2), round(pagina.height - pie[0]["bottom"], 1)))
        assert len(lugares) == 1 and next(iter(lugares))[0] == 0
