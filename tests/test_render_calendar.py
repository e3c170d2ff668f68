"""The programme's calendar file, read back with the icalendar library."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from icalendar import Calendar

from generator.figures import draw
from generator.methodology import load_methodology
from generator.plan.handbook import plan_handbook
from generator.render.pages import render_handbook
from generator.contract.validation import validate_file

from conftest import EXAMPLE, HEAD_TEXT


def _ics(path, tmp_path, monkeypatch, epoch="1800000000"):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    metodologia = load_methodology()
    handbook = plan_handbook(validate_file(path, metodologia), metodologia)
    docs = tmp_path / "docs"
    render_handbook(handbook, metodologia, docs, draw(handbook, metodologia))
    ics = docs / "calendario.ics"
    return Calendar.from_ical(ics.read_bytes()) if ics.exists() else None


def _events(cal):
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_one_event_per_dated_session_with_real_times(tmp_path, monkeypatch):
    cal = _ics(EXAMPLE, tmp_path, monkeypatch)
    events = _events(cal)
    assert sorted(events) == sorted(f"red-ciudadana-{s}@manual-alianzas" for s in
                                    ["sesion-1", "mapeo", "sesion-2", "sesion-3-parte-1", "sesion-3-parte-2",
                                     "sesion-5", "sesion-6"])
    # Session 3 is a webinar from 16:00 that does not fit in 4 h: one event per day, the
    # second on the following working day, proposed; each ends after that day's last block.
    s3 = events["red-ciudadana-sesion-3-parte-1@manual-alianzas"]
    assert s3.decoded("dtstart") == datetime(2027, 2, 25, 16, 0)
    assert s3.decoded("dtend") == datetime(2027, 2, 25, 19, 15)
    assert str(s3["summary"]) == "Sesión 3 — La Ruta Crítica de las Alianzas Estratégicas (parte 1 de 2) · RCT"
    assert str(s3["location"]) == str(s3["url"]) == "https://videollamada.example.org/rct-sesion-3"
    description = str(s3["description"])
    assert "Videollamada: https://videollamada.example.org/rct-sesion-3" in description
    assert "Bloque 1: 16:00–18:00" in description and "Bloque 2: 18:15–19:15" in description
    assert "Bloque 3" not in description
    dos = events["red-ciudadana-sesion-3-parte-2@manual-alianzas"]
    assert (dos.decoded("dtstart"), dos.decoded("dtend")) == (datetime(2027, 2, 26, 16, 0), datetime(2027, 2, 26, 17, 30))
    assert "(parte 2 de 2, fecha propuesta)" in str(dos["summary"])
    assert "Fecha propuesta por el manual" in str(dos["description"]) and "Bloque 3: 16:00–17:30" in str(dos["description"])
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


def test_given_part_dates_and_no_online_event_longer_than_the_day(write_org, tmp_path, monkeypatch):
    """A basic webinar organization: every session's parts are events of at most 4 h; the
    dates given in ``fechas`` are used as they are, not proposed."""
    texto = HEAD_TEXT + """nivel: basico
modalidad: webinar
calendario:
  - sesion: 1
    fecha: 2027-03-01
    inicio: "10:00"
    fechas: [2027-03-01, 2027-03-08, 2027-03-15]
  - sesion: 2
    fecha: 2027-03-22
  - sesion: 5
    fecha: 2027-04-05
"""
    cal = _ics(write_org(texto, slug="basica-webinar"), tmp_path, monkeypatch)
    events = list(cal.walk("VEVENT"))
    assert events and all(e.decoded("dtend") - e.decoded("dtstart") <= timedelta(hours=4) for e in events)
    uno = sorted((e.decoded("dtstart") for e in events if "Sesión 1 " in str(e["summary"])))
    assert uno == [datetime(2027, 3, 1, 10), datetime(2027, 3, 8, 10), datetime(2027, 3, 15, 10)]
    assert not [e for e in events if "Sesión 1 " in str(e["summary"]) and "propuesta" in str(e["summary"])]
    assert len([e for e in events if "Sesión 2 " in str(e["summary"])]) == 2
