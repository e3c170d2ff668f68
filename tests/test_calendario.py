"""The programme's calendar file, read back with the icalendar library."""

from __future__ import annotations

from datetime import datetime

import pytest
from icalendar import Calendar

from generator.figures import dibujar
from generator.methodology import load_methodology
from generator.plan.handbook import plan_handbook
from generator.render.pages import render_handbook
from generator.contract.validation import validate_file

from conftest import EXAMPLE, HEAD_TEXT


def _ics(path, tmp_path, monkeypatch, epoch="1800000000"):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    metodologia = load_methodology()
    manual = plan_handbook(validate_file(path, metodologia), metodologia)
    docs = tmp_path / "docs"
    render_handbook(manual, metodologia, docs, dibujar(manual, metodologia))
    ics = docs / "calendario.ics"
    return Calendar.from_ical(ics.read_bytes()) if ics.exists() else None


def _events(cal):
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_one_event_per_dated_session_with_real_times(tmp_path, monkeypatch):
    cal = _ics(EXAMPLE, tmp_path, monkeypatch)
    events = _events(cal)
    assert sorted(events) == sorted(f"red-ciudadana-{s}@manual-alianzas" for s in
                                    ["sesion-1", "mapeo", "sesion-2", "sesion-3", "sesion-5", "sesion-6"])
    # Session 3 is a webinar from 16:00: its end is the end of the last online block.
    s3 = events["red-ciudadana-sesion-3@manual-alianzas"]
    assert s3.decoded("dtstart") == datetime(2027, 2, 25, 16, 0)
    assert s3.decoded("dtend") == datetime(2027, 2, 25, 21, 0)
    assert str(s3["summary"]) == "Sesión 3 — La Ruta Crítica de las Alianzas Estratégicas · RCT"
    assert str(s3["location"]) == str(s3["url"]) == "https://videollamada.example.org/rct-sesion-3"
    description = str(s3["description"])
    assert "Videollamada: https://videollamada.example.org/rct-sesion-3" in description
    assert "Bloque 1: 16:00–18:00" in description and "Bloque 3: 20:30–21:00" in description
    # Session 6 is in person from 10:00, with the agenda's full length.
    s6 = events["red-ciudadana-sesion-6@manual-alianzas"]
    assert (s6.decoded("dtstart"), s6.decoded("dtend")) == (datetime(2027, 3, 11, 10, 0), datetime(2027, 3, 11, 14, 45))
    assert str(s6["location"]) == "Sala de juntas de la RCT, Col. Centro, Monterrey"
    assert "url" not in s6
    assert str(s6["summary"]).startswith("Sesión 6 — ")
    # Floating local times (no time zone) and a reproducible stamp.
    assert s6.decoded("dtstart").tzinfo is None
    assert s6.decoded("dtstamp").timestamp() == 1800000000


def test_sessions_without_a_date_are_left_out_and_no_dates_means_no_file(write_org, tmp_path, monkeypatch):
    sin_fechas = write_org(HEAD_TEXT + "nivel: basico\n", slug="sin-fechas")
    assert _ics(sin_fechas, tmp_path / "a", monkeypatch) is None
    una = write_org(HEAD_TEXT + "nivel: basico\ncalendario:\n  - sesion: 4\n    fecha: 2027-05-03\n"
                    "    inicio: \"22:30\"\n", slug="una")
    events = list(_ics(una, tmp_path / "b", monkeypatch).walk("VEVENT"))
    assert len(events) == 1
    # A late start runs past midnight: the end is on the next day.
    assert events[0].decoded("dtend") == datetime(2027, 5, 4, 2, 20)
    assert "location" not in events[0]


@pytest.mark.parametrize("nombre", ["{{ 7*7 }} <b>x</b>; a, b\\c", "Línea: ñ — 🤝"])
def test_organization_text_is_carried_as_plain_text(write_org, tmp_path, monkeypatch, nombre):
    path = write_org(f"""\
organizacion:
  nombre: '{nombre}'
  mision: Vigilar el gasto.
nivel: basico
calendario:
  - sesion: 1
    fecha: 2027-05-03
    lugar: '{nombre}'
""")
    event = next(iter(_ics(path, tmp_path, monkeypatch).walk("VEVENT")))
    assert str(event["location"]) == nombre
    assert str(event["summary"]).endswith(f" · {nombre}")
    assert str(event["description"]).startswith(nombre + "\n")
