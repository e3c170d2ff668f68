"""Figures on paper: every character a figure prints is at least 7 pt, measured in the PDFs.

Figures are SVG drawn into the PDF by WeasyPrint, so their text becomes PDF characters. Each
figure is drawn on a background of its own colour (``generator.figures.svg.BACKGROUND``): the
PDF's rectangle of exactly that fill is the figure's box, and the characters inside it are the
figure's. pdfplumber gives each character's size on the page, after every scaling.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from generator.figures.svg import BACKGROUND, documento, texto
from generator.outputs.figure_print import LANDSCAPE, MIN_PRINTED_PT, PORTRAIT, figure_size

FONDO = tuple(int(BACKGROUND[i:i + 2], 16) / 255 for i in (1, 3, 5))


def figure_boxes(page) -> list[dict]:
    return [r for r in page.rects
            if len(r.get("non_stroking_color") or ()) == 3
            and all(abs(a - b) < 0.002 for a, b in zip(r["non_stroking_color"], FONDO))]


def figures_in(pdf_path: Path) -> list[tuple[int, dict, list[dict]]]:
    """(page number, the figure's box, its characters) for every figure of the PDF."""
    encontradas = []
    with pdfplumber.open(pdf_path) as pdf:
        for numero, page in enumerate(pdf.pages, 1):
            for card_box in figure_boxes(page):
                dentro = [c for c in page.chars
                          if card_box["x0"] - 1 <= c["x0"] and c["x1"] <= card_box["x1"] + 1
                          and card_box["top"] - 1 <= c["top"] and c["bottom"] <= card_box["bottom"] + 1]
                encontradas.append((numero, {**card_box, "page_width": page.width, "page_height": page.height}, dentro))
    return encontradas


def test_every_character_of_every_figure_in_every_pdf_is_at_least_7_pt(example_site):
    impresos = sorted((example_site / "impresos").glob("*.pdf"))
    assert len(impresos) >= 5
    por_documento = {}
    for pdf in impresos:
        figuras = figures_in(pdf)
        por_documento[pdf.stem] = figuras
        for numero, card_box, caracteres in figuras:
            pequenos = [c for c in caracteres if c["size"] < 7]
            assert not pequenos, (pdf.name, numero, min(c["size"] for c in pequenos),
                                  "".join(c["text"] for c in pequenos[:30]))
    # The measure found the figures: the guide has the critical route, the ring map, its key, the
    # follow-up maps and the Gantt; the plan the map, its key and the Gantt; each with its text.
    assert len(por_documento["guia-facilitacion"]) >= 6
    assert len(por_documento["plan-alianzas"]) >= 3
    for figuras in por_documento.values():
        for _, _, caracteres in figuras:
            assert len(caracteres) >= 5


def test_wide_figures_get_a_landscape_page_and_maps_are_stacked_full_width(example_site):
    plan = figures_in(example_site / "impresos" / "plan-alianzas.pdf")
    apaisadas = [card_box for _, card_box, _ in plan if card_box["page_width"] > card_box["page_height"]]
    assert len(apaisadas) == 1  # the Gantt
    assert apaisadas[0]["width"] > 0.8 * (apaisadas[0]["page_width"] - 2 * 51)
    guia = figures_in(example_site / "impresos" / "guia-facilitacion.pdf")
    # The baseline and follow-up maps one under the other, each as wide as the text block.
    mapas = [card_box for _, card_box, caracteres in guia
             if "Resultado positivo" in "".join(c["text"] for c in caracteres).replace("  ", " ")
             or "Resultadopositivo" in "".join(c["text"] for c in caracteres)]
    assert len(mapas) == 4  # the map's own page, baseline and follow-up, and the worksheet's blank map
    for card_box in mapas:
        assert card_box["page_width"] < card_box["page_height"] and card_box["width"] > 0.9 * (card_box["page_width"] - 2 * 51)


def _svg(ancho: float, alto: float, tamano: float) -> str:
    return documento(ancho, alto, [texto(10, 20, ["Texto"], tamano)], "t", "d")


def test_figure_size_reads_the_drawing_and_chooses_the_page():
    size = figure_size(_svg(720, 880, 12))
    assert (size.width, size.height, size.smallest_text) == (720, 880, 12)
    assert size.smallest_printed(PORTRAIT) >= MIN_PRINTED_PT and not size.needs_landscape()
    # A wide chart whose 11-unit text would print at 5.5 pt across a portrait page goes landscape,
    # where it prints at 7 pt or more.
    ancha = figure_size(_svg(990, 480, 11))
    assert ancha.smallest_printed(PORTRAIT) < MIN_PRINTED_PT and ancha.needs_landscape()
    assert ancha.smallest_printed(LANDSCAPE) >= MIN_PRINTED_PT
    # A small figure prints at its natural size (0.75 pt per unit), never blown up.
    assert figure_size(_svg(300, 100, 12)).smallest_printed(PORTRAIT) == pytest.approx(9)
    assert figure_size(documento(100, 100, [], "t", "d")).smallest_text is None
    assert not figure_size(documento(100, 100, [], "t", "d")).needs_landscape()
    with pytest.raises(ValueError):
        figure_size("<svg/>")


def test_every_figure_of_the_example_prints_at_7_pt_on_its_page(example_site):
    """Each figure file, on the page orientation the PDFs give it, prints its smallest text at 7 pt or more."""
    figuras = sorted((example_site / "figuras").glob("*.svg"))
    assert len(figuras) >= 5
    for file_name in figuras:
        size = figure_size(file_name.read_text(encoding="utf-8"))
        card_box = LANDSCAPE if size.needs_landscape() else PORTRAIT
        assert size.smallest_printed(card_box) >= MIN_PRINTED_PT, file_name.name
