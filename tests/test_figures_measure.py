"""generator.figures.measure: label widths from the fonts' own metrics, wrapping with textwrap."""

import pytest

from generator.figures import measure
from generator.figures.measure import text_width, uses_font_metrics, wrap


def test_the_suite_measures_with_the_real_fonts():
    # Debian's fonts-liberation and fonts-dejavu are installed wherever the tests run.
    assert uses_font_metrics()


def test_widths_follow_the_glyphs_not_the_character_count():
    assert text_width("iiiiiiiiii", 12) < text_width("MMMMMMMMMM", 12) / 2
    assert text_width("Alianza", 12, bold=True) > text_width("Alianza", 12)
    assert text_width("Alianza", 24) == pytest.approx(2 * text_width("Alianza", 12))
    # DejaVu Sans (the wider face of the stack) sets "Alianza" at 12 units in 43.5 units
    # (an average glyph width of 0.56 em said 47).
    assert text_width("Alianza", 12) == pytest.approx(43.5, abs=0.1)


@pytest.mark.parametrize("bold", [False, True])
def test_wrapped_lines_fit_and_use_the_room(bold):
    texto = "Consejo Municipal de Participación Ciudadana del Área Metropolitana de Monterrey"
    lineas = wrap(texto, 120, 11, bold=bold)
    assert " ".join(lineas) == texto
    assert all(text_width(l, 11, bold=bold) <= 120 for l in lineas)
    # No line could take the next line's first word.
    for linea, siguiente in zip(lineas, lineas[1:]):
        assert text_width(f"{linea} {siguiente.split()[0]}", 11, bold=bold) > 120


def test_narrow_letters_fit_more_per_line():
    assert len(wrap("iiii " * 20, 100, 12)) < len(wrap("MMMM " * 20, 100, 12))


def test_max_lines_ends_in_an_ellipsis_and_long_words_are_cut():
    lineas = wrap("uno dos tres cuatro cinco seis siete ocho nueve diez", 60, 12, max_lines=2)
    assert len(lineas) == 2 and lineas[-1].endswith("…")
    assert all(text_width(l, 12) <= 60 for l in lineas)
    partida = wrap("Interinstitucionalmente", 50, 12)
    assert len(partida) > 1 and "".join(partida) == "Interinstitucionalmente"
    assert wrap("   ", 50, 12) == []


def test_without_the_font_files_an_average_glyph_stands_in(monkeypatch, tmp_path):
    missing = tmp_path / "no-existe.ttf"
    monkeypatch.setattr(measure, "FONTS", {False: (missing,), True: (missing,)})
    measure._faces.cache_clear()
    measure._width_in_ems.cache_clear()
    try:
        assert not uses_font_metrics()
        assert text_width("iiii", 10) == text_width("MMMM", 10) == pytest.approx(4 * 10 * 0.56)
    finally:
        measure._faces.cache_clear()
        measure._width_in_ems.cache_clear()
