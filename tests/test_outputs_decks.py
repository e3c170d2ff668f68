"""Session kits: the editable slide decks (python-pptx), the per-session ZIP and the kit pages.

The decks are opened back with python-pptx; every text box is measured again here, independently
of the generator, with Liberation Sans (the font that stands in for the decks' Arial) through
Pillow, the way a presentation program breaks lines, and must hold its text.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zipfile
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from PIL import ImageFont
from pptx import Presentation
from pptx.util import Emu

from conftest import EXAMPLE
from generator.contract.validation import validate_file
from generator.figures import draw
from generator.outputs.decks import deck_slides, figure_files, render_pptx
from generator.plan.handbook import plan_handbook

SESIONES = ["sesion-1", "mapeo", "sesion-2", "sesion-3", "sesion-5", "sesion-6"]
#: how many figures each deck shows: the example has a system map (sessions 2 and mapeo show it;
#: session 2 also the 5Rs) and two allies of its priority strategies (one chart each in session 6)
CON_FIGURA = {"sesion-2": 2, "mapeo": 1, "sesion-3": 1, "sesion-5": 1, "sesion-6": 2}
FONT = Path("/usr/share/fonts/truetype/liberation")
EM = 1000


@lru_cache(maxsize=2)
def face(bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT / ("LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf")), EM)


def lines_needed(text: str, width_pt: float, size_pt: float, bold: bool) -> int:
    """Greedy line breaking at spaces (a word too wide breaks between letters), real glyph widths."""
    def width(s: str) -> float:
        return face(bold).getlength(s) * size_pt / EM

    lines: list[str] = []
    for word in text.split():
        if lines and width(f"{lines[-1]} {word}") <= width_pt:
            lines[-1] += f" {word}"
            continue
        while width(word) > width_pt and len(word) > 1:
            cut = max([i for i in range(1, len(word)) if width(word[:i]) <= width_pt] or [1])
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return max(1, len(lines))


def overflow(shape) -> float:
    """How many points the text of ``shape`` needs beyond its height (<= 0: it fits)."""
    frame = shape.text_frame
    needed = Emu(frame.margin_top + frame.margin_bottom).pt
    for i, p in enumerate(frame.paragraphs):
        runs = p.runs
        if not runs:
            continue
        size = runs[0].font.size.pt
        bold = bool(runs[0].font.bold)
        ppr = p._p.pPr
        indent = Emu(int(ppr.get("marL"))).pt if ppr is not None and ppr.get("marL") else 0
        usable = Emu(shape.width - frame.margin_left - frame.margin_right).pt - indent
        spacing = p.line_spacing.pt if hasattr(p.line_spacing, "pt") else size * 1.2 * (p.line_spacing or 1)
        if i and p.space_before is not None:
            needed += p.space_before.pt
        needed += lines_needed(p.text, usable, size, bold) * spacing
    return needed - Emu(shape.height).pt


def slide_texts(deck) -> list[str]:
    return [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]


def slide_title(slide) -> str:
    return next(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text)


@pytest.fixture(scope="module")
def impresos(example_site) -> Path:
    return example_site / "impresos"


@pytest.fixture(scope="module")
def decks(impresos) -> dict:
    return {s: Presentation(str(impresos / f"{s}-presentacion.pptx")) for s in SESIONES}


@pytest.mark.parametrize("sesion", SESIONES)
def test_every_deck_has_title_objective_agenda_each_activity_and_closing(decks, metodologia, sesion):
    deck = decks[sesion]
    carta = next(c for c in metodologia.cartas.values() if c.slug == sesion)
    titulos = [slide_title(s) for s in deck.slides]
    rotulos = metodologia.slides.rotulos
    assert len(deck.slides) >= 4 + len(carta.actividades)
    assert any("Red Ciudadana por la Transparencia" in sh.text_frame.text
               for sh in deck.slides[0].shapes if sh.has_text_frame)
    assert titulos[1] == rotulos.objetivo and rotulos.agenda in titulos and rotulos.cierre in titulos[-1]
    for item in carta.actividades:
        assert item.titulo in titulos, item.titulo
    texto = " ".join(" ".join(t.split()) for t in slide_texts(deck))
    assert " ".join(carta.objetivo.split()) in texto
    for producto in carta.productos_esperados:
        assert producto in texto


@pytest.mark.parametrize("sesion", ["sesion-1", "sesion-2"])
def test_the_agenda_slide_shows_the_handbook_clock_with_its_added_meal(decks, metodologia, sesion):
    handbook = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia)
    planned = next(s for s in handbook.sesiones if s.slug == sesion)
    added = [s for s in planned.agenda.slots if s.added]
    assert added, "the example's full in-person days get a meal"
    rotulos = metodologia.slides.rotulos
    agenda = " ".join(sh.text_frame.text for slide in decks[sesion].slides
                      if slide_title(slide).startswith(rotulos.agenda)
                      for sh in slide.shapes if sh.has_text_frame)
    for slot in planned.agenda.slots:
        assert f"{slot.inicio}–{slot.fin}" in agenda and slot.item.titulo in agenda, slot.item.titulo


@pytest.mark.parametrize("sesion", SESIONES)
def test_steps_and_notes_go_to_the_speaker_notes_never_on_a_slide(decks, metodologia, sesion):
    deck = decks[sesion]
    carta = next(c for c in metodologia.cartas.values() if c.slug == sesion)
    texto = " ".join(" ".join(t.split()) for t in slide_texts(deck))
    notas = " ".join(" ".join(s.notes_slide.notes_text_frame.text.split())
                     for s in deck.slides if s.has_notes_slide)
    for item in carta.actividades:
        for privado in [*item.pasos, *item.notas]:
            privado = " ".join(privado.split())
            assert privado not in texto
            assert privado in notas


@pytest.mark.parametrize("sesion", SESIONES)
def test_no_text_overflows_its_box_and_the_body_reads_from_the_back(decks, sesion):
    deck = decks[sesion]
    alto = Emu(deck.slide_height).pt
    for numero, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            assert overflow(shape) <= 0.5, (numero, shape.text_frame.text[:60], overflow(shape))
            assert Emu(shape.top + shape.height).pt <= alto + 0.5  # and the box is on the slide
            if Emu(shape.top).pt < alto - 40:  # all but the footer (organization and slide number)
                assert all(r.font.size.pt >= 20 for p in shape.text_frame.paragraphs for r in p.runs)


@pytest.mark.parametrize("sesion", SESIONES)
def test_figures_are_pictures_where_the_session_uses_them(decks, sesion):
    deck = decks[sesion]
    logo_area = max(sh.width * sh.height for sh in deck.slides[1].shapes if sh.shape_type == 13)
    grandes = [sh for s in deck.slides for sh in s.shapes if sh.shape_type == 13 and sh.width * sh.height > 4 * logo_area]
    assert len(grandes) == CON_FIGURA.get(sesion, 0)


def test_session_one_shows_the_success_cases(decks, metodologia):
    titulos = [slide_title(s) for s in decks["sesion-1"].slides]
    casos = metodologia.slides.sesiones["sesion-1"].diapositivas
    assert len(casos) == 3 and all(c.titulo in titulos for c in casos)


def test_the_webinar_session_says_how_each_activity_runs_online(decks, metodologia):
    """Session 3 is a webinar in the example: each activity slide says how it runs online."""
    rotulos = metodologia.slides.rotulos
    texto = " ".join(" ".join(t.split()) for t in slide_texts(decks["sesion-3"]))
    assert texto.count(rotulos.en_linea) == sum(1 for a in metodologia.carta(3).actividades if a.tipo == "actividad")
    assert " ".join(metodologia.slides.en_linea_por_formato["exposicion"].split()) in texto
    assert rotulos.en_videollamada in texto
    assert rotulos.en_linea not in " ".join(slide_texts(decks["sesion-2"]))


def test_the_organization_colours_and_logo_are_on_the_slides(decks, impresos):
    deck = decks["sesion-2"]
    colores = {sh.fill.fore_color.rgb for sh in deck.slides[3].shapes if sh.shape_type == 1}
    assert {"0B6E4F".lower(), "F2A541".lower()} & {str(c).lower() for c in colores}, colores
    assert all(any(sh.shape_type == 13 for sh in s.shapes) for s in deck.slides)  # the logo on every slide


def kit_links(example_site: Path, sesion: str) -> list[str]:
    soup = BeautifulSoup((example_site / "kits" / f"{sesion}.html").read_text(encoding="utf-8"), "html.parser")
    return [a["href"] for a in soup.select("article table a[href]")]


@pytest.mark.parametrize("sesion", SESIONES)
def test_each_zip_holds_every_file_its_checklist_lists(example_site, impresos, sesion):
    enlaces = kit_links(example_site, sesion)
    assert f"../impresos/{sesion}-presentacion.pptx" in enlaces
    archivos = {Path(e).name: example_site / e.removeprefix("../") for e in enlaces}  # printables sit in session folders
    with zipfile.ZipFile(impresos / f"{sesion}-kit.zip") as kit:
        assert sorted(kit.namelist()) == sorted(archivos)
        for nombre in kit.namelist():
            assert kit.read(nombre) == archivos[nombre].read_bytes()


def test_the_kit_pages_link_everything(example_site, metodologia):
    kit = metodologia.slides.kit
    for sesion in SESIONES:
        pagina = BeautifulSoup((example_site / "sesiones" / f"{sesion}.html").read_text(encoding="utf-8"),
                               "html.parser")
        enlace = pagina.find("a", string=kit.enlace)
        assert enlace is not None and enlace["href"] == f"../kits/{sesion}.html"
        lista = BeautifulSoup((example_site / "kits" / f"{sesion}.html").read_text(encoding="utf-8"), "html.parser")
        celdas = [td.get_text(" ", strip=True) for td in lista.select("article table td")]
        assert metodologia.slides.rotulos.tamano_impresion in celdas
        assert "4 participantes" in lista.get_text(" ")
    preparar = BeautifulSoup((example_site / "kits" / "index.html").read_text(encoding="utf-8"), "html.parser")
    destinos = {a["href"] for a in preparar.select("article a[href]")}
    assert {f"{s}.html" for s in SESIONES} <= destinos
    assert {f"../impresos/{s}-kit.zip" for s in SESIONES} <= destinos
    assert preparar.find("h1").get_text(strip=True).startswith(kit.preparar)


def test_without_pdf_there_is_no_kit(metodologia):
    handbook = plan_handbook(validate_file(EXAMPLE, metodologia), metodologia, pdf=False)
    assert not [p for p in handbook.paginas if p.ruta.startswith("kits/")]


def deck_of(handbook, metodologia, sesion: str, sitio: Path) -> Presentation:
    """A deck written straight from the plan (no site build): figures absent, no logo."""
    planeada = next(s for s in handbook.sesiones if s.slug == sesion)
    job = SimpleNamespace(handbook=handbook, metodologia=metodologia, sitio=sitio, logo=None)
    destino = sitio / f"{sesion}.pptx"
    destino.write_bytes(render_pptx(deck_slides(planeada, job), planeada, job))
    return Presentation(str(destino))


def test_a_public_deck_names_no_person(metodologia, tmp_path):
    valid = validate_file(EXAMPLE, metodologia)
    personas = [p.nombre for p in valid.data.participantes] + [p.nombre for p in valid.data.equipo_facilitador]
    handbook = plan_handbook(valid, metodologia, pdf=True, public=True)
    kit = {d.kit_session for d in handbook.documentos if d.kit_session}
    assert kit == set(SESIONES)
    for sesion in kit:
        texto = " ".join(slide_texts(deck_of(handbook, metodologia, sesion, tmp_path)))
        assert not [p for p in personas if p in texto]


def test_a_long_word_and_a_long_title_still_fit(metodologia, write_org, tmp_path):
    largo = "Supercalifragilísticoexpialidoso" * 4
    file_name = write_org(f"""\
        organizacion:
          nombre: "{largo} {'Organización de nombre largo ' * 2}"
          mision: Promover la participación ciudadana.
        nivel: basico
        calendario:
          - sesion: 1
            fecha: 2027-02-04
            lugar: "{largo}"
        """)
    handbook = plan_handbook(validate_file(file_name, metodologia), metodologia, pdf=True)
    deck = deck_of(handbook, metodologia, "sesion-1", tmp_path)
    assert largo in re.sub(r"\s", "", " ".join(slide_texts(deck)))
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                assert overflow(shape) <= 0.5, shape.text_frame.text[:60]
                assert Emu(shape.top + shape.height).pt <= Emu(deck.slide_height).pt + 0.5


def test_the_deck_content_is_checked_when_the_methodology_loads(metodologia):
    from pydantic import ValidationError

    from generator.methodology.deck_content import Slides

    datos = metodologia.slides.model_dump()
    with pytest.raises(ValidationError):
        Slides.model_validate({**datos, "tamano": {**datos["tamano"], "cuerpo": 18}})  # shrinking is refused
    sin_concepto = {k: v for k, v in datos["conceptos"].items() if k != "mou"}
    with pytest.raises(ValidationError):
        Slides.model_validate({**datos, "conceptos": sin_concepto})
    mal = Slides.model_validate({**datos, "sesiones": {"sesion-2": {"figuras": [
        {"figura": "ruta_critica", "despues_de": "no-existe", "titulo": "x"}]}}})
    with pytest.raises(ValueError, match="no-existe"):
        mal.check_against(metodologia.cartas)


# ---------------------------------------------------------------- the decks' figures

MIN_PROJECTED_PT = 18  # the issue: text in a figure reads from the back of the room


def big_pictures_on(deck, slide) -> list:
    """The figure pictures of ``slide`` (anything larger than four logos)."""
    logo_area = max(sh.width * sh.height for sh in deck.slides[1].shapes if sh.shape_type == 13)
    return [sh for sh in slide.shapes if sh.shape_type == 13 and sh.width * sh.height > 4 * logo_area]


def big_pictures(deck) -> list:
    """The figure pictures of ``deck``, in order."""
    return [sh for s in deck.slides for sh in big_pictures_on(deck, s)]


def projected_sizes(svg: str, picture_width_pt: float) -> list[float]:
    """Every text size of ``svg`` as it shows on the slide where it is ``picture_width_pt`` wide."""
    root = ET.fromstring(svg)
    scale = picture_width_pt / float(root.get("viewBox").split()[2])
    return [float(e.get("font-size")) * scale for e in root.iter() if e.get("font-size")]


def figures_of(sitio: Path, metodologia, sesion: str) -> list[Path]:
    deck = metodologia.slides.sesiones.get(sesion)
    job = SimpleNamespace(sitio=sitio)
    return [f for figura in (deck.figuras if deck else []) for f in figure_files(job, figura.figura)]


@pytest.mark.parametrize("sesion", SESIONES)
def test_figure_text_reads_from_the_back_of_the_room(decks, example_site, metodologia, sesion):
    """The text of every figure on a slide is at least 18 pt as projected: the SVG's sizes times
    the scale at which its picture is placed on the slide."""
    pictures = big_pictures(decks[sesion])
    files = figures_of(example_site, metodologia, sesion)
    assert len(pictures) == len(files) == CON_FIGURA.get(sesion, 0)
    for picture, svg in zip(pictures, files):
        sizes = projected_sizes(svg.read_text(encoding="utf-8"), Emu(picture.width).pt)
        assert sizes and min(sizes) >= MIN_PROJECTED_PT, (svg.name, min(sizes))


def test_the_slide_map_is_followed_by_its_numbered_key(decks, metodologia):
    deck = decks["sesion-2"]
    titulos = [slide_title(s) for s in deck.slides]
    con_figura = [i for i, s in enumerate(deck.slides) if big_pictures_on(deck, s)]
    clave = titulos.index(metodologia.slides.rotulos.clave_mapa)
    assert clave - 1 == con_figura[-1]  # the key follows the map (the last figure of session 2)
    texto = " ".join(" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)
                     for s in list(deck.slides)[clave:clave + 3])
    valid = validate_file(EXAMPLE, metodologia)
    for numero, actor in enumerate(valid.data.mapa_sistema.actores, 1):
        assert f"{numero}. {actor.nombre}" in texto


def test_the_example_figures_hold_the_organization_data(example_site, metodologia):
    figuras = example_site / "figuras"
    valid = validate_file(EXAMPLE, metodologia)
    org = valid.data
    mapa = (figuras / "mapa-sistema-diapositiva.svg").read_text(encoding="utf-8")
    assert org.organizacion.siglas in mapa
    for numero, actor in enumerate(org.mapa_sistema.actores, 1):
        assert f'data-numero="{numero}"' in mapa and actor.nombre in mapa
    primera = org.plan_alianzas.estrategias_prioritarias[0]
    grafica = ET.fromstring((figuras / "mapeo-resultados-1.svg").read_text(encoding="utf-8"))
    textos = " ".join(" ".join(t.itertext()) for t in grafica.iter("{http://www.w3.org/2000/svg}text"))
    for dato in [primera.estrategia, primera.aliados[0].aliado, *primera.aliados[0].corto_plazo,
                 *primera.aliados[0].largo_plazo]:
        assert dato in textos, dato
    assert " ".join(org.organizacion.mision.split()[:6]) in textos
    cinco = ET.fromstring((figuras / "cinco-erres.svg").read_text(encoding="utf-8"))
    textos = " ".join(" ".join(t.itertext()) for t in cinco.iter("{http://www.w3.org/2000/svg}text"))
    for erre in metodologia.productos.cinco_erres:
        assert erre.titulo in textos and erre.significado.split()[0] in textos
    discurso = ET.fromstring((figuras / "discurso-elevador-estructura.svg").read_text(encoding="utf-8"))
    tramos = {g.get("data-parte"): int(g.get("data-segundos"))
              for g in discurso.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "tramo"}
    assert tramos == {p.clave: p.segundos for p in metodologia.productos.discurso_elevador.partes}


HOSTIL = "{{ 7*7 }} <b>x</b> & ]]>"


def test_hostile_text_in_the_deck_figures_is_shown_as_written(metodologia, write_org, tmp_path):
    """Session 4 (not in the example) shows the pitch; every figure escapes the organization's text."""
    h = json.dumps(HOSTIL, ensure_ascii=False)
    file_name = write_org(f"""\
        organizacion:
          nombre: {h}
          mision: {h}
        nivel: avanzado
        sesiones_incluidas: [2, 4, 6]
        mapa_sistema:
          actores:
            - nombre: {h}
              sector: gobierno
              relacion: debil
            - nombre: Otro actor
        plan_alianzas:
          estrategias_prioritarias:
            - estrategia: {h}
              aliados:
                - aliado: {h}
                  mediano_plazo: [{h}]
        """)
    handbook = plan_handbook(validate_file(file_name, metodologia), metodologia, pdf=True)
    (tmp_path / "figuras").mkdir()
    for nombre, figura in draw(handbook, metodologia).items():
        (tmp_path / "figuras" / nombre).write_text(figura.svg, encoding="utf-8")
    for nombre in ("mapa-sistema-diapositiva.svg", "mapeo-resultados-1.svg"):
        raiz = ET.fromstring((tmp_path / "figuras" / nombre).read_text(encoding="utf-8"))  # well-formed
        textos = [" ".join(t.itertext()) for t in raiz.iter("{http://www.w3.org/2000/svg}text")]
        atributos = [g.get("data-actor") for g in raiz.iter() if g.get("data-actor")]
        assert HOSTIL in textos + atributos, nombre
    grafica = (tmp_path / "figuras" / "mapeo-resultados-1.svg").read_text(encoding="utf-8")
    assert "<b>" not in grafica and "&lt;b&gt;" in grafica
    for sesion, cuantas in (("sesion-2", 2), ("sesion-4", 1), ("sesion-6", 1)):
        deck = deck_of(handbook, metodologia, sesion, tmp_path)
        pictures = [sh for s in deck.slides for sh in s.shapes if sh.shape_type == 13]
        files = figures_of(tmp_path, metodologia, sesion)
        assert len(pictures) == len(files) == cuantas, sesion  # no logo: only the figures are pictures
        for picture, svg in zip(pictures, files):
            assert min(projected_sizes(svg.read_text(encoding="utf-8"), Emu(picture.width).pt)) >= MIN_PROJECTED_PT
