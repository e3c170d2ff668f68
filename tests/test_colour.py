"""generator.colour: the one module that does colour maths."""

import re
from pathlib import Path

import pytest

from generator.colour import (DEFAULT_ACCENT, DEFAULT_PRIMARY, contrast, legible_on_white, luminance, mix,
                              palette, rgb, text_on, tint)

GENERATOR = Path(__file__).resolve().parents[1] / "generator"


def test_organization_colours_are_darkened_for_text_until_they_read_on_white():
    assert legible_on_white("#1f4e79") == "#1f4e79"  # already readable: unchanged
    for claro in ("#ffff00", "#f4a259", "#ffffff", "#8fd3ff"):
        oscuro = legible_on_white(claro)
        assert oscuro != claro and contrast(oscuro, "#ffffff") >= 4.5
        assert contrast(oscuro, "#ffffff") < 7  # the nearest readable shade, not black


def test_wcag_luminance_and_contrast():
    assert luminance("#000000") == 0 and luminance("#ffffff") == pytest.approx(1)
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#000000") == contrast("#000000", "#ffffff")
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # WCAG's own example


def test_text_on_picks_the_candidate_that_reads_best():
    assert text_on("#1f4e79") == "#ffffff" and text_on("#ffff00") == "#000000"
    assert text_on("#e6eef6", ("#1a1a1a", "#ffffff")) == "#1a1a1a"
    assert text_on("#1f4e79", ("#1a1a1a", "#ffffff")) == "#ffffff"


def test_mix_and_tint():
    assert mix("#000000", "#ffffff", 0.5) == "#808080"
    assert mix("#1f4e79", "#000000", 0) == "#1f4e79" and mix("#1f4e79", "#000000", 1) == "#000000"
    assert tint("#c8553d", 1) == "#c8553d" and tint("#c8553d", 0) == "#ffffff"
    assert tint("#c8553d", 0.35) == "#ecc4bb"  # the DOCX table header shade of the default accent


def test_bad_colours_are_refused():
    for malo in ("1f4e79", "#1f4e7", "#gggggg", "red"):
        with pytest.raises(ValueError):
            rgb(malo)


def test_palette_falls_back_to_the_base_handbook_colours():
    class Colours:
        primario = "#123456"
        acento = None

    assert palette(None) == (DEFAULT_PRIMARY, DEFAULT_ACCENT)
    assert palette(Colours()) == ("#123456", DEFAULT_ACCENT)


def test_no_other_module_does_colour_maths():
    # The WCAG constants and hex parsing belong to generator/colour.py alone.
    señales = re.compile(r"12\.92|0\.2126|0\.03928|int\([^)]*, 16\)")
    otros = [str(p.relative_to(GENERATOR)) for p in GENERATOR.rglob("*.py")
             if p.name != "colour.py" and señales.search(p.read_text(encoding="utf-8"))]
    assert otros == []
