"""The programme's sessions as an iCalendar file (``calendario.ics``) to import anywhere.

One event per session that has a date in ``calendario``: its real start and end (after the
last online block for a webinar), the place or the video-call link, and a description
rendered from ``content/plantillas/evento-calendario.txt.j2``. A webinar held over several
days (``generator.plan.webinar``) has one event per day, each with that day's blocks; a day
the handbook proposes says so in its title.

Times are *floating* (no time zone): a session happens at the local time of its place, and
the YAML contract has no time zone to state. Calendar programs show floating times as given.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable

from icalendar import Calendar, Event

from generator.plan.clock import to_minutes
from generator.plan.edition import EPOCH, edition_date
from generator.structure import Handbook, PlannedSession

FILE_NAME = "calendario.ics"


def calendar_ics(handbook: Handbook, descripcion: Callable[..., str]) -> bytes | None:
    """The ``.ics`` of ``handbook``'s dated sessions; None when no session has a date yet."""
    fechadas = [s for s in handbook.sesiones if s.fecha is not None]
    if not fechadas:
        return None
    nombre = handbook.org.organizacion.nombre
    cal = Calendar()
    cal.add("prodid", "-//Manual de alianzas estrategicas//ES")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", nombre)
    stamp = edition_date(handbook.org) or EPOCH  # never the clock: same inputs, same file
    for sesion in fechadas:
        if sesion.days:
            partes = [(d.date, d.span_minutes, d) for d in sesion.days if d.date is not None]
        else:
            partes = [(sesion.fecha, sesion.total_minutes, None)]
        for fecha, minutos, day in partes:
            inicio = datetime.combine(fecha, datetime.min.time()) + timedelta(minutes=to_minutes(sesion.start_time))
            event = Event()
            resumen = sesion.titulo
            uid = f"{handbook.slug}-{sesion.slug}"
            if len(sesion.days) > 1:
                uid += f"-parte-{day.number}"
                resumen += f" (parte {day.number} de {len(sesion.days)}{', fecha propuesta' if day.proposed else ''})"
            event.add("uid", f"{uid}@manual-alianzas")
            event.add("dtstamp", stamp)
            event.add("dtstart", inicio)
            event.add("dtend", inicio + timedelta(minutes=minutos))
            event.add("summary", f"{resumen} · {handbook.org.organizacion.siglas or nombre}")
            if sesion.enlace:
                event.add("location", sesion.enlace)
                event.add("url", sesion.enlace)
            elif sesion.lugar:
                event.add("location", sesion.lugar)
            event.add("description", descripcion(sesion, day).strip())
            cal.add_component(event)
    return cal.to_ical()
