"""The Strategic Alliance Plan as editable DOCX, converted from the built plan page."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import RGBColor

from generator.outputs.docx_writer import plan_docx
from generator.paths import ORG_DATA_DIR

ORGANIZACION = "Red Ciudadana por la Transparencia, A.C."
PRIMARIO = "#0b6e4f"
ACENTO = "#f2a541"
FECHA = "21 de noviembre de 2026"


def article(pagina: Path) -> str:
    soup = BeautifulSoup(pagina.read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article.md-content__inner").decode_contents()


def escribir(html: str, carpeta: Path, destino: Path, **cambios) -> docx.document.Document:
    opciones = dict(organizacion=ORGANIZACION, siglas="RCT", logo=None, color_primario=PRIMARIO,
                    color_acento=ACENTO, fecha=FECHA)
    plan_docx(html, carpeta, destino, **{**opciones, **cambios})
    return docx.Document(str(destino))


def todo_el_texto(doc) -> str:
    """Every text a reader of the DOCX meets: body, tables, headers and footers."""
    partes = [p.text for p in doc.paragraphs]
    partes += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    for s in doc.sections:
        partes += [p.text for p in s.header.paragraphs + s.footer.paragraphs]
    return "\n".join(partes)


def cuerpo(doc) -> list:
    """The paragraphs after the cover's page break."""
    for i, p in enumerate(doc.paragraphs):
        if 'w:type="page"' in p._p.xml:
            return doc.paragraphs[i + 1:]
    raise AssertionError("no page break after the cover")


def cover(doc) -> list[str]:
    return [p.text for p in doc.paragraphs[: len(doc.paragraphs) - len(cuerpo(doc))]]


def png_minimo(path: Path, ancho: int = 4, alto: int = 2) -> Path:
    """A valid RGB PNG without Pillow (not a project dependency)."""
    def chunk(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))

    filas = b"".join(b"\x00" + b"\x0b\x6e\x4f" * ancho for _ in range(alto))
    cabecera = struct.pack(">IIBBBBB", ancho, alto, 8, 2, 0, 0, 0)  # 8-bit RGB
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", cabecera) + chunk(b"IDAT", zlib.compress(filas))
                     + chunk(b"IEND", b""))
    return path


@pytest.fixture(scope="module")
def pagina(example_site) -> Path:
    return example_site / "productos" / "plan-alianzas.html"


@pytest.fixture(scope="module")
def pagina_html(pagina) -> BeautifulSoup:
    return BeautifulSoup(article(pagina), "html.parser")


@pytest.fixture(scope="module")
def plan(pagina, tmp_path_factory):
    """The example's plan, with the organization's own (SVG) logo."""
    destino = tmp_path_factory.mktemp("docx") / "plan.docx"
    return escribir(article(pagina), pagina.parent, destino, logo=ORG_DATA_DIR / "logo-red-ciudadana.svg")


def sin_enlace(tag) -> str:
    return " ".join(t for t in tag.find_all(string=True) if t.parent.get("class") != ["headerlink"]).strip()


def test_sections_follow_the_page(plan, pagina_html):
    h2 = [sin_enlace(h) for h in pagina_html.find_all("h2")]
    assert len(h2) == 6 and h2[0] == "Semblanza de la organización"
    assert [p.text for p in plan.paragraphs if p.style.name == "Heading 1"] == h2
    # Every heading level of the page, in the page's order, at the mapped Word level.
    nivel = {"h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
    pagina = [(nivel[h.name], sin_enlace(h)) for h in pagina_html.find_all(["h2", "h3", "h4"])]
    assert [(p.style.name, p.text) for p in plan.paragraphs if p.style.name.startswith("Heading")] == pagina


def test_cover_has_title_organization_and_date(plan, pagina_html):
    assert "graphic" in plan.paragraphs[0]._p.xml  # the SVG logo, rendered to PNG, comes first
    assert cover(plan)[1:4] == ["Plan de Alianzas Estratégicas", ORGANIZACION, FECHA]
    assert sin_enlace(pagina_html.h1) == "Plan de Alianzas Estratégicas"
    # The h1 and the page's own organization line live on the cover only.
    textos = [p.text for p in cuerpo(plan)]
    assert "Plan de Alianzas Estratégicas" not in textos and ORGANIZACION not in textos
    assert plan.core_properties.title == f"Plan de Alianzas Estratégicas — {ORGANIZACION}"
    assert plan.core_properties.author == ORGANIZACION


def test_body_keeps_the_organizations_texts(plan):
    textos = [p.text for p in cuerpo(plan)]
    assert "Estrategia prioritaria 1: Índice anual de apertura con respaldo empresarial" in textos
    assert "Estrategia prioritaria 2: Comités vecinales con acompañamiento académico" in textos
    # The semblanza's wrapped lines are joined (a blank line is its paragraph break); inline bold
    # and italic survive.
    assert ("La Red Ciudadana por la Transparencia nació en 2014 cuando un grupo de vecinas y "
            "vecinos de Monterrey empezó a revisar las licitaciones de obra de su colonia.") in textos
    mision = next(p for p in cuerpo(plan) if p.text.startswith("Misión."))
    assert [r.text for r in mision.runs if r.bold] == ["Misión.", "Visión."]
    assert "presupuestal. Misión." not in "".join(textos)
    estrategia = next(p for p in cuerpo(plan) if p.text.startswith("Índice anual de apertura."))
    assert estrategia.style.name == "List Bullet"
    assert [r.text for r in estrategia.runs if r.italic] == ["Por qué funciona:"]
    participantes = [p.text for p in cuerpo(plan) if p.style.name == "List Bullet"][:4]
    assert participantes[0] == "Ana Sofía Garza — Directora ejecutiva"


def test_tables_keep_every_cell_and_a_bold_shaded_header(plan, pagina_html):
    pagina = [[[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in t.find_all("tr")]
              for t in pagina_html.find_all("table")]
    assert len(pagina) == 2
    assert [[[c.text for c in row.cells] for row in t.rows] for t in plan.tables] == pagina
    encabezado = plan.tables[0].rows[0]
    assert [c.text for c in encabezado.cells] == ["Plazo", "Actividades para consolidar la alianza"]
    for celda in encabezado.cells:
        assert all(r.bold for p in celda.paragraphs for r in p.runs)
        assert celda._tc.tcPr.find(qn("w:shd")) is not None
    fila = plan.tables[0].rows[1].cells
    assert [c.text for c in fila] == ["Corto", "Firmar el convenio"]
    assert not any(r.bold for c in fila for p in c.paragraphs for r in p.runs)
    assert fila[0]._tc.tcPr is None or fila[0]._tc.tcPr.find(qn("w:shd")) is None


def test_header_has_the_short_name_and_footer_page_fields(plan, pagina, tmp_path):
    seccion = plan.sections[0]
    assert seccion.header.paragraphs[0].text == "RCT"
    assert seccion.different_first_page_header_footer  # the cover carries neither
    xml = seccion.footer._element.xml
    assert 'w:instr=" PAGE "' in xml and 'w:instr=" NUMPAGES "' in xml
    assert xml.index('" PAGE "') < xml.index(" de ") < xml.index('" NUMPAGES "')
    # Without siglas, the header carries the whole name.
    sin_siglas = escribir(article(pagina), pagina.parent, tmp_path / "p.docx", siglas=None)
    assert sin_siglas.sections[0].header.paragraphs[0].text == ORGANIZACION


def test_headings_use_the_primary_colour(pagina, tmp_path):
    doc = escribir(article(pagina), pagina.parent, tmp_path / "p.docx", color_primario="#123456")
    for estilo in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        color = doc.styles[estilo].font.color
        assert color.rgb == RGBColor(0x12, 0x34, 0x56)
        assert color.theme_color is None  # a theme colour would win over it in Word
    titulos = [p for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert titulos and all(r.font.color.rgb is None for p in titulos for r in p.runs)


def test_no_permalinks_nor_screen_only_text(plan, example_site, tmp_path):
    assert "¶" not in todo_el_texto(plan)
    # The page's action bar (downloads, participant view) is not part of the plan.
    # The internal profile's notice opens the body; then the plan's first section.
    assert cuerpo(plan)[0].text.startswith("Documento interno de la organización")
    assert cuerpo(plan)[1].text == "Semblanza de la organización"
    assert "Vista para participantes" not in todo_el_texto(plan)
    # The critical path page has a figure with a screen-only link: a real page to test both.
    ruta = example_site / "productos" / "ruta-critica.html"
    html = article(ruta)
    assert "hb-solo-pantalla" in html and "Abrir en tamaño completo" in html
    doc = escribir(html, ruta.parent, tmp_path / "ruta.docx")
    texto = todo_el_texto(doc)
    assert "Abrir en tamaño completo" not in texto and "¶" not in texto
    assert "Las seis etapas de la Ruta Crítica." in texto
    # The SVG figure is rendered to PNG (Word shows no SVG), its alternative text kept as Word's.
    (figura,) = doc.inline_shapes
    assert figura._inline.docPr.get("descr").startswith("1. Identificación de recursos y activos")
    assert not any(p.text.startswith("1. Identificación de recursos y activos") for p in doc.paragraphs)


def test_hostile_text_stays_literal_and_missing_data_highlighted(tmp_path):
    html = ("<h1>Plan de prueba</h1><h2>Semblanza</h2>"
            "<p>{{ 7*7 }} &lt;b&gt;x&lt;/b&gt; Niñez\x0b "
            '<span class="hb-por-completar">por completar: visión</span></p>'
            "<script>alert(1)</script><style>p{}</style><!-- nota interna -->"
            '<div class="hb-acciones"><a class="md-button" href="x.pdf">Descargar PDF</a>'
            '<button type="button">Vista</button></div>')
    doc = escribir(html, tmp_path, tmp_path / "p.docx")
    texto = todo_el_texto(doc)
    assert "{{ 7*7 }} <b>x</b> Niñez por completar: visión" in texto
    for ausente in ("49", "&lt;", "alert", "nota interna", "Descargar", "Vista"):
        assert ausente not in texto
    parrafo = next(p for p in doc.paragraphs if p.text.startswith("{{"))
    assert not any(r.bold for r in parrafo.runs)  # the <b> was text, not markup
    marcado = [r for r in parrafo.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert [r.text for r in marcado] == ["por completar: visión"]
    assert cover(doc)[0] == "Plan de prueba"


def test_whitespace_collapses_as_in_html(tmp_path):
    html = "<h1>Plan</h1><p>\n  Uno   <em>dos</em> \n  <br/>\n  tres\u00a0 cuatro\n</p>\n<p>  </p>"
    doc = escribir(html, tmp_path, tmp_path / "p.docx")
    assert [p.text for p in cuerpo(doc)] == ["Uno dos\ntres\u00a0 cuatro"]  # a no-break space is content


def test_admonition_lists_and_links(tmp_path):
    html = """<h1>Plan</h1>
<div class="admonition warning">
<p class="admonition-title">El plan todavía tiene partes por completar</p>
<p>Faltan 7 datos; ver <a href="#x">la lista</a> con <code>handbook validate --plan</code>.</p>
</div>
<ol><li>Uno<ul><li>Uno punto uno</li></ul></li><li><p>Dos</p><p>Dos, otro párrafo</p></li></ol>
<ol><li>Otra lista</li></ol>"""
    doc = escribir(html, tmp_path, tmp_path / "p.docx")
    parrafos = cuerpo(doc)
    titulo, texto = parrafos[0], parrafos[1]
    assert titulo.text == "El plan todavía tiene partes por completar" and all(r.bold for r in titulo.runs)
    assert texto.text == "Faltan 7 datos; ver la lista con handbook validate --plan."
    for p in (titulo, texto):
        assert p._p.pPr.find(qn("w:shd")) is not None and p.paragraph_format.left_indent
    assert [(p.style.name, p.text) for p in parrafos[2:]] == [
        ("List Number", "Uno"), ("List Bullet 2", "Uno punto uno"), ("List Number", "Dos"),
        ("List Continue", "Dos, otro párrafo"), ("List Number", "Otra lista")]
    # Each <ol> counts from 1: the two lists use different numbering instances.
    numeros = [p._p.pPr.numPr.numId.val for p in parrafos[2:] if p.style.name == "List Number"]
    assert numeros[0] == numeros[1] != numeros[2]


def test_png_and_svg_logos_on_the_cover(pagina, tmp_path):
    html = article(pagina)
    assert 'class="hb-plan-logo"' in html
    con_png = escribir(html, pagina.parent, tmp_path / "png.docx", logo=png_minimo(tmp_path / "logo.png"))
    assert len(con_png.inline_shapes) == 1
    assert "graphic" in con_png.paragraphs[0]._p.xml  # the first thing on the cover
    assert "Logo de Red Ciudadana" in con_png.inline_shapes[0]._inline.docPr.get("descr")
    svg = ORG_DATA_DIR / "logo-red-ciudadana.svg"
    con_svg = escribir(html, pagina.parent, tmp_path / "svg.docx", logo=svg)
    assert len(con_svg.inline_shapes) == 1  # rendered to PNG: Word cannot show SVG
    (imagen,) = [p for p in con_svg.part.package.parts if p.content_type == "image/png"]
    assert imagen.blob.startswith(b"\x89PNG")
    assert cover(con_svg)[1] == "Plan de Alianzas Estratégicas"
    # The page's own logo <img> is not turned into alt text either.
    assert "Logo de Red Ciudadana" not in todo_el_texto(con_svg)


def test_raster_figure_next_to_the_page_is_embedded(tmp_path):
    png_minimo(tmp_path / "figura.png")
    html = ('<h1>Plan</h1><p><img src="figura.png" alt="Una figura"></p>'
            '<p><img src="falta.png" alt="Sin archivo"></p>')
    doc = escribir(html, tmp_path, tmp_path / "p.docx")
    assert len(doc.inline_shapes) == 1
    assert [p.text for p in cuerpo(doc)] == ["", "Sin archivo"]


def test_same_plan_same_bytes(pagina, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    html = article(pagina)
    uno = escribir(html, pagina.parent, tmp_path / "uno.docx")
    escribir(html, pagina.parent, tmp_path / "dos.docx")
    assert (tmp_path / "uno.docx").read_bytes() == (tmp_path / "dos.docx").read_bytes()
    assert uno.core_properties.created.year == 2026 and uno.core_properties.modified.year == 2026
    # Zip members carry the build's time, not the clock's, so rebuilding later changes nothing.
    with zipfile.ZipFile(tmp_path / "uno.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 9, 21, 14, 13, 20)}
