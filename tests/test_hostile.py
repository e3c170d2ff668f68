"""Hostile text in the organization's file appears exactly as written in every output (pages,
search index, SVG figures, PDF, DOCX, calendar) and never runs."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import pytest
from icalendar import Calendar
from pypdf import PdfReader

from generator.pipeline import build_organization
from tests.htmltext import article_html, visible_text

NOMBRE = "{{ 7*7 }} <b>x</b> <script>alert(1)</script> & \"q\" 'q' ñ Ñandú"
SIGLAS = "<i>S</i>&{% raw %}"
ACTOR = "Actor <img src=x onerror=alert(1)> ]]> &amp; {{ 9*9 }}"
LARGA = "Supercalifragilísticoexpialidoso" * 4  # a 128-letter word
ESTRATEGIA = "[clic](javascript:alert(1)) **negrita** `código` | celda |"
EXOTICO = "עמותה נגישה (RTL) — 🌱"


def sin_espacios(texto: str) -> str:
    return " ".join(texto.split())


@pytest.fixture(scope="module")
def sitio(tmp_path_factory) -> Path:
    carpeta = tmp_path_factory.mktemp("org_data")
    file_name = carpeta / "hostil.yaml"
    file_name.write_text(f"""\
organizacion:
  nombre: {json.dumps(NOMBRE, ensure_ascii=False)}
  siglas: {json.dumps(SIGLAS, ensure_ascii=False)}
  mision: {json.dumps(EXOTICO + " " + LARGA, ensure_ascii=False)}
  ciudad: {json.dumps(EXOTICO, ensure_ascii=False)}
nivel: avanzado
calendario:
  - sesion: 1
    fecha: 2027-02-04
    lugar: {json.dumps(ACTOR, ensure_ascii=False)}
mapa_sistema:
  actores:
    - nombre: {json.dumps(ACTOR, ensure_ascii=False)}
      sector: gobierno
      relacion: fuerte
      resultado: positivo
      recursos: [{json.dumps(LARGA, ensure_ascii=False)}]
plan_alianzas:
  estrategias_prioritarias:
    - estrategia: {json.dumps(ESTRATEGIA, ensure_ascii=False)}
      votos: 1
""", encoding="utf-8")
    return build_organization(file_name, tmp_path_factory.mktemp("site"), build_root=tmp_path_factory.mktemp("b"),
                              pdf=True).site_dir


def test_pages_show_the_text_exactly_and_run_nothing_from_it(sitio):
    inicio = sin_espacios(visible_text(article_html(sitio / "index.html")))
    for valor in (NOMBRE, EXOTICO, ACTOR):
        assert sin_espacios(valor) in inicio, valor
    plan = sin_espacios(visible_text(article_html(sitio / "productos" / "plan-alianzas.html")))
    assert ESTRATEGIA in plan
    for pagina in sitio.rglob("*.html"):
        html = pagina.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>x</b>" not in html, pagina
        assert not re.search(r'href="javascript:', html), pagina


def test_the_search_index_holds_the_text_as_text(sitio):
    index_of = json.loads((sitio / "search" / "search_index.json").read_text(encoding="utf-8"))
    textos = " ".join(d["title"] + " " + d["text"] for d in index_of["docs"])
    assert "{{ 7*7 }}" in textos and "Ñandú" in textos and "<script>" not in textos


def test_figures_keep_the_text_and_stay_well_formed(sitio):
    mapa = ET.parse(sitio / "figuras" / "mapa-sistema.svg").getroot()
    actores = [g.get("data-actor") for g in mapa.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "actor"]
    assert actores == [ACTOR]
    assert not list(mapa.iter("{http://www.w3.org/2000/svg}script"))
    assert not list(mapa.iter("{http://www.w3.org/2000/svg}img"))
    clave = ET.parse(sitio / "figuras" / "mapa-sistema-clave.svg").getroot()
    nombres = [" ".join(t.itertext()) for t in clave.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "nombre"]
    assert [n.replace(" ", "") for n in nombres] == [ACTOR.replace(" ", "")]


def test_the_calendar_keeps_the_text(sitio):
    calendario = Calendar.from_ical((sitio / "calendario.ics").read_bytes())
    evento = next(iter(calendario.walk("VEVENT")))
    assert str(evento["summary"]).endswith(f"· {SIGLAS}")
    assert str(evento["location"]) == ACTOR
    assert str(calendario["x-wr-calname"]) == NOMBRE


def pdftotext(pdf: Path, pagina: int | None = None) -> str:
    """Poppler's reading of a PDF. (pypdf misreads WeasyPrint's subset fonts with a custom
    encoding, which WeasyPrint uses once a page needs many glyphs: it returns UTF-16 bytes.)"""
    rango = ["-f", str(pagina), "-l", str(pagina)] if pagina else []
    hecho = subprocess.run(["pdftotext", *rango, str(pdf), "-"], capture_output=True, text=True, check=True)
    return sin_espacios(hecho.stdout)


def test_pdfs_and_docx_keep_the_text(sitio):
    plan = sitio / "impresos" / "plan-alianzas.pdf"
    assert len(PdfReader(plan).pages) >= 3
    texto = pdftotext(plan)
    assert NOMBRE in texto and ESTRATEGIA in texto
    assert SIGLAS in pdftotext(plan, 2)  # the running header
    guia = pdftotext(sitio / "impresos" / "guia-facilitacion.pdf")
    assert sin_espacios(ACTOR) in guia and "עמותה" in guia
    documento = docx.Document(sitio / "impresos" / "plan-alianzas.docx")
    texto_docx = sin_espacios(" ".join(p.text for p in documento.paragraphs))
    assert NOMBRE in texto_docx and ESTRATEGIA in texto_docx
    assert documento.sections[0].header.paragraphs[0].text == SIGLAS or any(
        SIGLAS in p.text for s in documento.sections for p in s.header.paragraphs)


def test_the_slide_deck_and_kit_page_keep_the_text(sitio):
    from pptx import Presentation

    deck = Presentation(str(sitio / "impresos" / "sesion-1-presentacion.pptx"))
    cover = [p.text for sh in deck.slides[0].shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
    assert NOMBRE in cover and ACTOR in cover  # the organization and the place, as typed
    pies = {sh.text_frame.text for s in list(deck.slides)[1:] for sh in s.shapes if sh.has_text_frame}
    assert f"{SIGLAS} · Sesión 1" in pies
    # the kit's pages hold no raw markup either: test_pages_show_the_text_exactly... walks them
    assert (sitio / "kits" / "sesion-1.html").is_file() and (sitio / "kits" / "index.html").is_file()
