"""generator.dates: the handbook's dates in Mexican Spanish, from Babel."""

import datetime
from pathlib import Path

from generator.dates import cover_date, long_date, month_abbreviations, short_date
from generator.figures.gantt import months

GENERATOR = Path(__file__).resolve().parents[1] / "generator"


def test_long_date_names_the_weekday():
    assert long_date(datetime.date(2027, 2, 4)) == "jueves 4 de febrero de 2027"
    assert long_date(datetime.date(2026, 9, 16)) == "miércoles 16 de septiembre de 2026"
    assert long_date(datetime.date(2026, 11, 21)) == "sábado 21 de noviembre de 2026"
    assert long_date(None) == ""


def test_cover_date():
    assert cover_date(datetime.date(2026, 11, 21)) == "21 de noviembre de 2026"
    assert cover_date(datetime.date(2027, 1, 1)) == "1 de enero de 2027"


def test_short_date_abbreviates_the_month_without_a_period():
    assert short_date(datetime.date(2027, 2, 4)) == "4 feb 2027"
    assert short_date(datetime.date(2026, 9, 30)) == "30 sep 2026"
    assert short_date(None) == ""


def test_month_abbreviations_are_the_gantt_default():
    assert month_abbreviations() == ["ene", "feb", "mar", "abr", "may", "jun",
                                     "jul", "ago", "sep", "oct", "nov", "dic"]
    assert months({}) == month_abbreviations()


def test_no_module_writes_its_own_month_or_weekday_names():
    propios = [str(p.relative_to(GENERATOR)) for p in GENERATOR.rglob("*.py")
               if any(nombre in p.read_text(encoding="utf-8") for nombre in ('"enero"', '"lunes"', "MESES"))]
    assert propios == []
