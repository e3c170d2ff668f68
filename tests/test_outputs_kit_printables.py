"""Session kits, printables side (issue 15): flip charts at real size and tiled, printables each
its own PDF, DOCX templates. Planned from the organization's file as ``build --pdf`` plans them,
written by their registered outputs, then read back as a person sees them (pypdf text and page
sizes, python-docx paragraphs and tables)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from pypdf import PdfReader

from generator.contract.validation import validate_file
from generator.exceptions import ContentError
from generator.methodology import load_methodology
from generator.methodology.printable_content import load_printables
from generator.outputs import OUTPUTS_BY_NAME
from generator.outputs import base
from generator.outputs.base import PrintJob
from generator.plan.handbook import plan_handbook

from conftest import EXAMPLE

KIT_OUTPUTS = {"rotafolios", "imprimibles", "plantillas"}
MM = 72 / 25.4
ORG = "Red Ciudadana por la Transparencia, A.C."
PEOPLE = ["Ana Sofía Garza", "Roberto Cantú", "Itzel Morales", "Pedro Villarreal", "Mariana Quiroga Treviño",
          "Julián Esparza"]
HOSTILE = "{{ 7*7 }} <b>x</b> & 'q' Ñandú"


def write_kits(file: Path, sitio: Path, metodologia, *, public: bool = False):
    """Plan ``file``'s handbook with PDFs and write its kit documents into ``sitio``."""
    handbook = plan_handbook(validate_file(file, metodologia), metodologia, pdf=True, public=public)
    job = PrintJob.for_site(handbook, metodologia, sitio)
    kits = [d for d in handbook.documentos if d.tipo in KIT_OUTPUTS]
    for documento in kits:
        (sitio / documento.file_name).parent.mkdir(parents=True, exist_ok=True)
        OUTPUTS_BY_NAME[documento.tipo].write(documento, job)
    return handbook, {d.file_name.removeprefix("impresos/"): d for d in kits}


def pdf_text(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def sizes_mm(path: Path) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM))
            for p in PdfReader(path).pages}


def docx_text(path: Path) -> str:
    document = docx.Document(path)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture(scope="module")
def kit(tmp_path_factory, metodologia):
    sitio = tmp_path_factory.mktemp("kit")
    handbook, documentos = write_kits(EXAMPLE, sitio, metodologia)
    return handbook, documentos, sitio / "impresos"


def test_each_session_gets_its_kit_documents_with_copies_and_size(kit):
    _, documentos, _ = kit
    assert set(documentos) == {
        "sesion-1/rotafolios-tamano-real.pdf", "sesion-1/rotafolios-en-hojas.pdf", "sesion-1/tarjetas-conceptos.pdf",
        "sesion-1/planilla-ventajas.pdf", "sesion-1/gafetes.pdf", "sesion-1/valoracion.pdf",
        "mapeo/rotafolios-tamano-real.pdf", "mapeo/rotafolios-en-hojas.pdf", "mapeo/postits-actores.pdf",
        "mapeo/gafetes.pdf", "mapeo/valoracion.pdf",
        "sesion-2/valoracion.pdf", "sesion-3/valoracion.pdf",
        "sesion-5/rotafolios-tamano-real.pdf", "sesion-5/rotafolios-en-hojas.pdf", "sesion-5/valoracion.pdf",
        "sesion-5/convenio-base.docx", "sesion-5/estrategia-comunicacion.docx",
        "sesion-6/rotafolios-tamano-real.pdf", "sesion-6/rotafolios-en-hojas.pdf", "sesion-6/valoracion.pdf",
        "sesion-6/informe-resultados.docx"}
    for file_name, documento in documentos.items():
        assert documento.kit_session == file_name.split("/")[0]
        assert documento.print_size
    assert documentos["sesion-1/valoracion.pdf"].copies == 6  # 4 participants + 2 facilitators
    assert documentos["sesion-1/tarjetas-conceptos.pdf"].copies == 1  # 4 participants, teams of 4
    assert documentos["mapeo/rotafolios-tamano-real.pdf"].print_size == "Rotafolio 70 × 100 cm"
    assert documentos["mapeo/rotafolios-en-hojas.pdf"].print_size == "Carta"
    assert documentos["mapeo/postits-actores.pdf"].print_size == "Nota adhesiva 76 × 76 mm"


def test_real_size_charts_are_700_by_1000_mm_and_carry_the_organizations_data(kit, metodologia):
    handbook, _, impresos = kit
    org = handbook.org
    mapeo = pdf_text(impresos / "mapeo" / "rotafolios-tamano-real.pdf")
    assert sizes_mm(impresos / "mapeo" / "rotafolios-tamano-real.pdf") == {(700, 1000)}
    charts = [c for c in metodologia.printables.charts.rotafolios if "mapeo" in c.sesiones]
    assert len(mapeo) == len(charts)
    for chart, page in zip(charts, mapeo):
        assert chart.titulo.replace(" ", "") in page.replace(" ", "")
    text = " ".join(mapeo)
    for actor in org.mapa_sistema.actores:
        assert actor.nombre in text
    for lesson in [*org.mapa_sistema.aciertos, *org.mapa_sistema.errores_comunes]:
        assert " ".join(lesson.split()[:4]) in text
    assert "Promover la participación ciudadana" in text  # the mission, in chart A
    assert "Resultado positivo" in text and "Conflictiva" in text  # the ring map's halves and rings
    # Session 5: one chart per ally and topic of the Critical Route.
    sesion5 = pdf_text(impresos / "sesion-5" / "rotafolios-tamano-real.pdf")
    allies = [a.actor for a in org.aliados_potenciales]
    spec = next(c for c in metodologia.printables.charts.rotafolios if c.por_aliado)
    assert len(sesion5) == len(allies) * len(spec.temas)
    for ally in allies:
        for topic in spec.temas:
            assert any(ally in page and topic in page for page in sesion5), (ally, topic)
    sesion6 = " ".join(pdf_text(impresos / "sesion-6" / "rotafolios-tamano-real.pdf"))
    assert "Misión:" in sesion6 and "Promover la participación" in sesion6 and "Largo plazo" in sesion6


def test_tiled_charts_have_a_key_then_letter_tiles_with_their_labels(kit, metodologia):
    _, _, impresos = kit
    path = impresos / "sesion-1" / "rotafolios-en-hojas.pdf"
    pages = pdf_text(path)
    assert sizes_mm(path) == {(216, 279)}
    charts = [c for c in metodologia.printables.charts.rotafolios if "sesion-1" in c.sesiones]
    # 70 × 100 cm on letter less 8 mm margins, 15 mm overlap: 4 columns × 4 rows, plus the key.
    assert len(pages) == len(charts) * (1 + 16)
    key = pages[0]
    assert "Clave de armado" in key and "Acuerdos de convivencia" in key and "F4-C4" in key
    assert "línea punteada" in key
    tiles = pages[1:17]
    for n, page in enumerate(tiles):
        row, col = divmod(n, 4)
        assert f"F{row + 1}-C{col + 1}" in page and f"Hoja {n + 1} de 16" in page


def test_tiles_follow_the_paper_of_the_file(tmp_path, metodologia, org_dir):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["impresion"] = {"papel": "a4"}
    data["sesiones_incluidas"] = [6]
    (org_dir / "a4.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(EXAMPLE.parent / data["organizacion"]["logo"], org_dir)
    _, documentos = write_kits(org_dir / "a4.yaml", tmp_path, metodologia)
    tiled = tmp_path / "impresos" / "sesion-6" / "rotafolios-en-hojas.pdf"
    assert sizes_mm(tiled) == {(210, 297)}
    assert documentos["sesion-6/rotafolios-en-hojas.pdf"].print_size == "A4"
    assert sizes_mm(tmp_path / "impresos" / "sesion-6" / "valoracion.pdf") == {(210, 297)}


def test_concept_cards_have_every_concept_on_the_front_and_its_definition_behind(kit, metodologia):
    _, _, impresos = kit
    spec = next(p for p in metodologia.printables.printables.imprimibles if p.tipo == "tarjetas_conceptos")
    pages = pdf_text(impresos / "sesion-1" / "tarjetas-conceptos.pdf")
    assert len(pages) % 2 == 0  # fronts and backs alternate, for duplex printing
    fronts, backs = " ".join(pages[0::2]), " ".join(pages[1::2])
    for concept in spec.conceptos:
        assert concept.termino in fronts
        assert " ".join(concept.definicion.split()[:6]) in backs
        assert " ".join(concept.definicion.split()[:6]) not in fronts


def test_question_sheet_has_the_exercise_questions(kit, metodologia):
    _, _, impresos = kit
    pages = pdf_text(impresos / "sesion-1" / "planilla-ventajas.pdf")
    activity = next(a for a in metodologia.carta(1).actividades if a.id == "ventajas-colaboracion")
    assert len(pages) == 1
    for question in activity.preguntas:
        assert " ".join(question.split()) in pages[0]


def test_one_76_mm_post_it_per_actor_with_its_resources_and_rules(kit):
    handbook, _, impresos = kit
    path = impresos / "mapeo" / "postits-actores.pdf"
    pages = pdf_text(path)
    assert sizes_mm(path) == {(76, 76)}
    actores = handbook.org.mapa_sistema.actores
    assert len(pages) == len(actores)
    for actor, page in zip(actores, pages):
        assert actor.nombre in page
        assert actor.recursos[0] in page
        assert " ".join(actor.reglas.split()[:3]) in page


def test_badges_name_every_participant_and_facilitator(kit):
    _, _, impresos = kit
    text = " ".join(pdf_text(impresos / "sesion-1" / "gafetes.pdf"))
    for name in PEOPLE:
        assert name in text


def test_evaluation_form_is_one_page_per_session_with_the_qr_of_the_online_form(kit, metodologia):
    handbook, _, impresos = kit
    for sesion in handbook.sesiones:
        path = impresos / sesion.slug / "valoracion.pdf"
        reader = PdfReader(path)
        assert len(reader.pages) == 1
        text = " ".join((reader.pages[0].extract_text() or "").split())
        assert sesion.carta.titulo.split()[0] in text and "Valoración de la sesión" in text
        assert "https://red-ciudadana.example.org/valoracion" in text
        assert "¿Qué mejorarías para la próxima?" in text


def test_evaluation_form_without_url_has_no_qr(tmp_path, metodologia, write_org):
    file = write_org("""
        organizacion:
          nombre: Colectivo Ejemplo, A.C.
          mision: Vigilar el gasto público.
        nivel: avanzado
        sesiones_incluidas: [6]
        tiene_mapa_sistema: true
    """)
    _, documentos = write_kits(file, tmp_path, metodologia)
    text = " ".join(pdf_text(tmp_path / "impresos" / "sesion-6" / "valoracion.pdf"))
    assert "responder en línea" not in text and "Valoración de la sesión" in text
    assert "sesion-6/gafetes.pdf" not in documentos  # nobody named: no badges


def test_qr_code_on_the_printed_form_is_the_url(kit, tmp_path):
    """The printed QR, rasterised with pdftoppm, has exactly the modules of the URL's code."""
    import segno
    from PIL import Image

    _, _, impresos = kit
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(impresos / "sesion-1" / "valoracion.pdf"),
                    str(tmp_path / "form")], check=True)
    image = Image.open(next(tmp_path.glob("form*.png"))).convert("L")
    dots_per_mm = 300 / 25.4
    # The QR is the lowest drawing in the left 44 mm of the page (its text is to its right).
    region = image.crop((0, image.height // 2, int(44 * dots_per_mm), image.height))
    pixels = region.load()
    dark_rows = [y for y in range(region.height) if any(pixels[x, y] < 128 for x in range(region.width))]
    block = [dark_rows[-1]]
    for y in reversed(dark_rows[:-1]):
        if block[-1] - y > 2 * dots_per_mm:
            break
        block.append(y)
    top, bottom = min(block), max(block)
    dark_cols = [x for x in range(region.width) if any(pixels[x, y] < 128 for y in range(top, bottom + 1))]
    left, right = min(dark_cols), max(dark_cols)
    code = segno.make("https://red-ciudadana.example.org/valoracion", error="m")
    size = code.symbol_size(border=0)[0]
    module = (right - left + 1) / size
    assert abs((bottom - top + 1) - (right - left + 1)) < module  # square
    printed = [[pixels[int(left + (c + 0.5) * module), int(top + (r + 0.5) * module)] < 128 for c in range(size)]
               for r in range(size)]
    assert printed == [[bool(v & 1) for v in row] for row in code.matrix]


def test_mou_has_a_part_per_ally_with_the_organization_and_every_point(kit, metodologia):
    handbook, _, impresos = kit
    document = docx.Document(impresos / "sesion-5" / "convenio-base.docx")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"Entre {ORG} y {a.actor}" for a in handbook.org.aliados_potenciales]
    spec = next(d for d in metodologia.printables.documents.documentos if d.clave == "convenio-base")
    subheadings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    for section in spec.secciones:
        assert subheadings.count(section.titulo) == len(headings)
    text = docx_text(impresos / "sesion-5" / "convenio-base.docx")
    assert "Datos abiertos de licitaciones y talleres para sus socios." in text  # what we offer that ally


def test_communication_strategy_outline_has_its_sections(kit, metodologia):
    _, _, impresos = kit
    text = docx_text(impresos / "sesion-5" / "estrategia-comunicacion.docx")
    spec = next(d for d in metodologia.printables.documents.documentos if d.clave == "estrategia-comunicacion")
    for section in spec.secciones:
        assert section.titulo in text
    assert ORG in text


def test_results_report_lists_each_ally_with_its_outcome_mapping_indicators(kit):
    handbook, _, impresos = kit
    document = docx.Document(impresos / "sesion-6" / "informe-resultados.docx")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Cámara de Comercio de Monterrey" in headings and "Universidad Regional del Norte" in headings
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    for strategy in handbook.org.plan_alianzas.estrategias_prioritarias:
        for ally in strategy.aliados:
            for milestone in [*ally.corto_plazo, *ally.mediano_plazo, *ally.largo_plazo]:
                assert any(row[1] == milestone for row in rows), milestone
    assert ["Corto plazo", "Firmar el convenio", ""] in rows


def test_public_build_has_no_badges_and_no_names_in_any_kit_file(tmp_path, metodologia):
    _, documentos = write_kits(EXAMPLE, tmp_path, metodologia, public=True)
    assert not [a for a in documentos if "gafetes" in a]
    assert "mapeo/postits-actores.pdf" in documentos
    for file_name in documentos:
        path = tmp_path / "impresos" / file_name
        text = docx_text(path) if file_name.endswith(".docx") else " ".join(pdf_text(path))
        for name in PEOPLE:
            assert name not in text, (file_name, name)
        assert "Sesiones públicas con orden del día cerrado" not in text  # actors' rules are internal


def test_hostile_names_show_as_written_in_every_kit_file(tmp_path, metodologia, write_org):
    value = json.dumps(HOSTILE, ensure_ascii=False)
    file = write_org(f"""
        organizacion:
          nombre: {value}
          mision: {value}
        nivel: avanzado
        sesiones_incluidas: [6]
        participantes:
          - nombre: {value}
        mapa_sistema:
          actores:
            - nombre: {value}
              recursos: [{value}]
              reglas: {json.dumps(HOSTILE * 12, ensure_ascii=False)}
        aliados_potenciales:
          - actor: {value}
        plan_alianzas:
          estrategias_prioritarias:
            - estrategia: {value}
              aliados:
                - aliado: {value}
                  corto_plazo: [{value}]
    """)
    _, documentos = write_kits(file, tmp_path, metodologia)
    impresos = tmp_path / "impresos"
    postits = pdf_text(impresos / "mapeo" / "postits-actores.pdf")
    assert len(postits) == 1 and HOSTILE in postits[0]  # long rules stay on their one note
    for file_name in ("mapeo/gafetes.pdf", "mapeo/rotafolios-tamano-real.pdf", "sesion-6/valoracion.pdf",
                    "sesion-6/rotafolios-tamano-real.pdf"):
        assert HOSTILE in " ".join(pdf_text(impresos / file_name)), file_name
    report = docx_text(impresos / "sesion-6" / "informe-resultados.docx")
    assert HOSTILE in report and "49" not in report


def test_content_naming_an_unknown_session_or_activity_is_refused(tmp_path, metodologia):
    kits = metodologia.root / "kits"
    keys = {c.slug for c in metodologia.cartas.values()}
    activities = {c.slug: {a.id for a in c.actividades} for c in metodologia.cartas.values()}
    assert load_printables(kits, keys, activities).printables.imprimibles
    for name in ("rotafolios.yaml", "imprimibles.yaml", "documentos.yaml"):
        shutil.copy(kits / name, tmp_path / name)
    sheet = (tmp_path / "imprimibles.yaml").read_text(encoding="utf-8")
    (tmp_path / "imprimibles.yaml").write_text(sheet.replace("actividad: ventajas-colaboracion",
                                                             "actividad: no-existe"), encoding="utf-8")
    with pytest.raises(ContentError, match="no tiene la actividad 'no-existe'"):
        load_printables(tmp_path, keys, activities)
    shutil.copy(kits / "imprimibles.yaml", tmp_path / "imprimibles.yaml")
    charts = (tmp_path / "rotafolios.yaml").read_text(encoding="utf-8")
    (tmp_path / "rotafolios.yaml").write_text(charts.replace("sesiones: [sesion-6]", "sesiones: [sesion-9]"),
                                              encoding="utf-8")
    with pytest.raises(ContentError, match="sesion-9"):
        load_printables(tmp_path, keys, activities)


def test_a_printable_added_in_content_reaches_the_session_kit(tmp_path, metodologia):
    """Adding a printable to a session is a change in content/ only."""
    root = tmp_path / "content"
    shutil.copytree(metodologia.root, root)
    sheet = (root / "kits" / "imprimibles.yaml").read_text(encoding="utf-8")
    (root / "kits" / "imprimibles.yaml").write_text(sheet.replace(
        "    sesiones: [sesion-1]\n    actividad: ventajas-colaboracion",
        "    sesiones: [sesion-1, sesion-6]\n    actividad: ventajas-colaboracion"), encoding="utf-8")
    (root / "kits" / "imprimibles.yaml").write_text(
        (root / "kits" / "imprimibles.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ContentError, match="sesion-6"):  # session 6 has no such activity
        load_methodology.__wrapped__(root)


def test_tiles_are_placed_from_one_layout_of_each_chart(tmp_path, metodologia, monkeypatch):
    """Each chart is laid out once by WeasyPrint for both its PDFs: the tiles and the key place the
    real-size page, they do not lay the chart out again (issue 15: 17 layouts a chart made the
    kits take minutes)."""
    import weasyprint

    from generator.outputs import flipcharts

    laid_out: list[str] = []

    class CountingHTML(weasyprint.HTML):
        def __init__(self, *args, string=None, **kwargs):
            laid_out.append(string or "")
            super().__init__(*args, string=string, **kwargs)

    from generator.outputs import html_pdf

    monkeypatch.setattr(html_pdf, "HTML", CountingHTML)  # every layout goes through html_pdf.LaidOut
    monkeypatch.setattr(flipcharts, "_REAL_SIZE", type(flipcharts._REAL_SIZE)())
    handbook = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia, pdf=True)
    job = PrintJob.for_site(handbook, metodologia, tmp_path)
    documentos = {d.file_name.removeprefix("impresos/"): d for d in handbook.documentos if d.tipo == "rotafolios"}
    specs = [c for c in metodologia.printables.charts.rotafolios if "sesion-1" in c.sesiones]
    charts = len(flipcharts.charts_for(specs, handbook.org))
    size = metodologia.printables.charts.tamano
    # The white sheet every chart's drawing starts with: only a layout of the chart itself has it.
    sheet = f'width="{size.ancho_mm:g}" height="{size.alto_mm:g}" fill="#ffffff"'

    def chart_layouts() -> int:
        return sum(html.count(sheet) for html in laid_out)

    (tmp_path / "impresos" / "sesion-1").mkdir(parents=True)
    OUTPUTS_BY_NAME["rotafolios"].write(documentos["sesion-1/rotafolios-en-hojas.pdf"], job)
    assert chart_layouts() == charts
    assert len(PdfReader(tmp_path / "impresos" / "sesion-1" / "rotafolios-en-hojas.pdf").pages) == charts * 17
    OUTPUTS_BY_NAME["rotafolios"].write(documentos["sesion-1/rotafolios-tamano-real.pdf"], job)
    assert chart_layouts() == charts  # the real-size file is the layout the tiles were made from
    assert sizes_mm(tmp_path / "impresos" / "sesion-1" / "rotafolios-tamano-real.pdf") == {(700, 1000)}


def _page_image(path: Path, page: int, tmp_path: Path):
    """Page ``page`` (1-based) of ``path`` as poppler prints it, at 72 dpi (a pixel a point)."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), "-singlefile", "-png", str(path),
                    str(tmp_path / f"page-{page}")], check=True)
    return Image.open(tmp_path / f"page-{page}.png").convert("RGB")


def test_each_tile_shows_its_window_of_the_chart_clipped_to_the_printable_area(kit, tmp_path):
    """Seen as printed: the chart's coloured top bar runs across the first tile, stops at the
    tile's edge (the page margin stays blank for the printer), and shows in small on the key."""
    _, _, impresos = kit
    path = impresos / "sesion-1" / "rotafolios-en-hojas.pdf"
    primary = (0x0B, 0x6E, 0x4F)  # colores.primario of the example organization

    def near(pixel, colour, tolerance=30):
        return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))

    def at(image, x_mm, y_mm):
        return image.getpixel((round(x_mm * MM), round(y_mm * MM)))

    tile = _page_image(path, 2, tmp_path)  # F1-C1: letter, 8 mm margins; the bar is the chart's top 14 mm
    assert near(at(tile, 150, 18), primary)
    assert near(at(tile, 60, 12), primary) is False  # the label's white box over it
    assert at(tile, 212, 18) == (255, 255, 255)  # clipped: nothing of the chart in the right margin
    assert at(tile, 150, 4) == (255, 255, 255)
    key = _page_image(path, 1, tmp_path)
    pixels = key.tobytes()
    bar = [p for p in zip(pixels[0::3], pixels[1::3], pixels[2::3]) if near(p, primary)]
    assert len(bar) > 500  # the chart in small, under the grid of tiles


def test_a_kit_sheet_is_fingerprinted_by_what_it_shows(tmp_path, metodologia, monkeypatch):
    """Flip charts and printables are made from data prepared in the main process: their
    fingerprint changes with what they show (an actor's name on its post-it and on the ring map
    chart) and not with the rest of the file (an ally's answer), so an edit reprints only them."""

    def fingerprints(text: str) -> dict[str, str]:
        path = tmp_path / "org_data" / EXAMPLE.name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        shutil.copy(EXAMPLE.parent / "logo-red-ciudadana.svg", path.parent / "logo-red-ciudadana.svg")
        handbook = plan_handbook(validate_file(path, metodologia), metodologia, pdf=True)
        job = PrintJob.for_site(handbook, metodologia, tmp_path)
        return {d.file_name.removeprefix("impresos/"): OUTPUTS_BY_NAME[d.tipo].task(d, job).huella
                for d in handbook.documentos if d.tipo in {"rotafolios", "imprimibles"}}

    texto = EXAMPLE.read_text(encoding="utf-8")
    antes = fingerprints(texto)
    ally = "interes_para_aliado: Casos reales para sus cursos de ciencia de datos."
    assert fingerprints(texto.replace(ally, ally.replace("ciencia de datos", "estadística"))) == antes
    actor = "Periódico El Vigía"
    assert texto.count(actor) >= 1
    renombrado = fingerprints(texto.replace(actor, "Diario El Vigía"))
    changed = {name for name in antes if renombrado[name] != antes[name]}
    assert {"mapeo/postits-actores.pdf", "mapeo/rotafolios-tamano-real.pdf"} <= changed
    assert "sesion-1/tarjetas-conceptos.pdf" not in changed
    # A new version of a library that makes the files (pypdf assembles the tiles) prints them again.
    monkeypatch.setattr(base, "_producing_versions", lambda: "pypdf=99")
    nuevas = fingerprints(texto)
    assert all(nuevas[name] != antes[name] for name in antes)
