"""Webinar modality: a carta descriptiva laid out as online blocks.

Online attention does not last a full workshop day, so a webinar session is cut into blocks
of at most ``ajustes.minutos_max_bloque_webinar`` minutes:

- the carta's own breaks and meals stay where they are and always end a block;
- activities fill a block in order; one that does not fit whole starts the next block;
- an activity longer than a block is divided into parts, each filling a block, the last
  part sharing its block with what follows;
- two blocks that meet without a carta break get a rest of
  ``ajustes.minutos_pausa_entre_bloques`` minutes;
- the closing (the carta's last activity) never stands alone in the last block;
- blocks are grouped into days of at most ``ajustes.minutos_max_dia_webinar`` minutes from
  start to end, pauses included, each day starting at the session's start; a carta break
  between two days is dropped.

An expository part (``formato: exposicion``) follows the webinar format of the second
reference document: its fixed moments keep their minutes (presentation, closing) and the
flexible ones (talk, questions) repeat in rounds of about the format's own length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import ClassVar

from generator.plan.clock import a_minutos, duracion, hhmm
from generator.methodology.models import Ajustes, CartaDescriptiva, ItemAgenda, MomentoWebinar, Webinar


@dataclass(frozen=True)
class Momento:
    """One moment of the webinar format inside an expository part."""

    titulo: str
    minutos: int
    inicio: str
    fin: str


@dataclass(frozen=True)
class Tramo:
    """An activity, or one part of a divided activity, inside an online block."""

    item: ItemAgenda
    minutos: int
    inicio: str
    fin: str
    parte: int
    partes: int
    momentos: tuple[Momento, ...] = ()


@dataclass(frozen=True)
class Bloque:
    tipo: ClassVar[str] = "bloque"
    numero: int
    tramos: tuple[Tramo, ...]
    inicio: str
    fin: str
    minutos: int

    @property
    def duracion(self) -> str:
        return duracion(self.minutos)


@dataclass(frozen=True)
class Pausa:
    """Time off screen between two blocks: a break or meal of the carta, or a plain rest."""

    tipo: ClassVar[str] = "pausa"
    item: ItemAgenda | None  # None: a rest the split added
    minutos: int
    inicio: str
    fin: str


@dataclass(frozen=True)
class OnlineDay:
    """One day of a webinar session: its blocks and pauses, at most a day's screen time."""

    number: int
    sequence: tuple[Bloque | Pausa, ...]
    start: str
    end: str
    date: date | None = None
    proposed: bool = False  # the handbook proposes this date; the calendar does not give it

    @property
    def blocks(self) -> list[Bloque]:
        return [b for b in self.sequence if isinstance(b, Bloque)]

    @property
    def screen_minutes(self) -> int:
        return sum(b.minutos for b in self.blocks)

    @property
    def span_minutes(self) -> int:
        """From start to end, pauses included."""
        return sum(paso.minutos for paso in self.sequence)


@dataclass(frozen=True)
class AgendaEnLinea:
    days: tuple[OnlineDay, ...]
    inicio: str
    fin: str  # the end of the last day
    minutos_max_bloque: int
    max_day_minutes: int = 240

    @property
    def secuencia(self) -> tuple[Bloque | Pausa, ...]:
        """Every day's blocks and pauses, one day after the other."""
        return tuple(paso for day in self.days for paso in day.sequence)

    @property
    def bloques(self) -> list[Bloque]:
        return [b for b in self.secuencia if isinstance(b, Bloque)]

    @property
    def minutos_en_linea(self) -> int:
        return sum(b.minutos for b in self.bloques)

    @property
    def con_formato_webinar(self) -> bool:
        """Whether some expository part follows the webinar format."""
        return any(t.momentos for b in self.bloques for t in b.tramos)

    def tramos_de(self, item: ItemAgenda) -> list[tuple[Bloque, Tramo]]:
        """Where ``item`` happens: each (block, part) in order."""
        return [(b, t) for b in self.bloques for t in b.tramos if t.item.id == item.id]


def reparto_exposicion(minutos: int, formato: list[MomentoWebinar]) -> list[tuple[str, int]]:
    """The webinar format stretched or shrunk to ``minutos``, whole minutes, total kept.

    Fixed moments keep their minutes; flexible ones share the rest in proportion to their
    original minutes (largest remainders get the leftover minutes).
    """
    fijos = sum(m.minutos for m in formato if m.fijo)
    flexibles = [m for m in formato if not m.fijo]
    resto = minutos - fijos
    peso = sum(m.minutos for m in flexibles)
    cuotas = [resto * m.minutos / peso for m in flexibles]
    enteros = [math.floor(c) for c in cuotas]
    faltan = resto - sum(enteros)
    for i in sorted(range(len(cuotas)), key=lambda i: enteros[i] - cuotas[i])[:faltan]:
        enteros[i] += 1
    asignados = iter(enteros)
    return [(m.momento, m.minutos if m.fijo else next(asignados)) for m in formato]


def webinar_cycles(minutos: int, formato: list[MomentoWebinar]) -> list[tuple[str, int]]:
    """An expository part as webinars of the reference format, whole minutes, total kept.

    The leading and trailing fixed moments (presentation, closing) keep their minutes once;
    the flexible moments between them (talk, questions) repeat as often as needed so that no
    talk or round of questions runs much longer than the format's own (a tenth more at most),
    each round sharing the time in the format's proportion.
    """
    principio = 0
    while principio < len(formato) and formato[principio].fijo:
        principio += 1
    final = len(formato)
    while final > principio and formato[final - 1].fijo:
        final -= 1
    centro = formato[principio:final]
    fijos = sum(m.minutos for m in formato[:principio] + formato[final:])
    peso = sum(m.minutos for m in centro)
    resto = minutos - fijos
    if not centro or resto <= 0 or any(m.fijo for m in centro):
        return reparto_exposicion(minutos, formato)
    rondas = max(1, math.ceil(resto / (peso * 1.1)))
    cuotas = [resto // rondas + (1 if i < resto % rondas else 0) for i in range(rondas)]
    momentos = [(m.momento, m.minutos) for m in formato[:principio]]
    for cuota in cuotas:
        momentos += reparto_exposicion(cuota, centro)
    return momentos + [(m.momento, m.minutos) for m in formato[final:]]


def _partes(minutos: int, maximo: int) -> list[int]:
    """An activity longer than a block: full blocks, then what remains."""
    completas, resto = divmod(minutos, maximo)
    return [maximo] * completas + ([resto] if resto else [])


def _closing_keeps_company(plan: list, maximo: int) -> None:
    """The last activity (the closing) never stands alone in the last block.

    It takes the previous block's last activity along when both fit in a block; otherwise
    the second half of that activity (in whole five minutes) moves in with the closing.
    """
    if not plan or isinstance(plan[-1], ItemAgenda) or len(plan[-1]) != 1:
        return
    ultimo = plan[-1]
    if ultimo[0][1] != ultimo[0][0].minutos:
        return  # the end of a long activity, not a closing of its own
    anterior = next((e for e in reversed(plan[:-1]) if not isinstance(e, ItemAgenda)), None)
    if anterior is None:
        return
    item, minutos = anterior[-1]
    cierre = ultimo[0][1]
    if len(anterior) > 1 and minutos + cierre <= maximo:
        anterior.pop()
        ultimo.insert(0, [item, minutos])
        return
    mitad = min(5 * round(minutos / 10), maximo - cierre)
    if 0 < mitad < minutos:
        anterior[-1][1] = minutos - mitad
        ultimo.insert(0, [item, mitad])


def _days(plan: list, maximo_dia: int, ajustes: Ajustes) -> list[list]:
    """Blocks grouped into days of at most ``maximo_dia`` minutes from start to end (so at most
    that on screen, and no calendar event longer). A carta break between two days is dropped:
    the day ends there."""
    dias: list[list] = [[]]
    largo = 0  # the current day's minutes, pauses included
    pendientes = 0  # carta breaks since the last block
    for elemento in plan:
        if isinstance(elemento, ItemAgenda):
            dias[-1].append(elemento)
            pendientes += elemento.minutos or ajustes.minutos_receso_sin_duracion
            continue
        minutos = sum(m for _, m in elemento)
        pausa = (pendientes or ajustes.minutos_pausa_entre_bloques) if largo else 0
        if largo and largo + pausa + minutos > maximo_dia:
            dias.append([])
            largo = pausa = 0
        dias[-1].append(elemento)
        largo += pausa + minutos
        pendientes = 0
    for dia in dias:
        while dia and isinstance(dia[0], ItemAgenda):
            dia.pop(0)
        while dia and isinstance(dia[-1], ItemAgenda):
            dia.pop()
    return [d for d in dias if d]


def agenda_en_linea(carta: CartaDescriptiva, inicio: str | None, ajustes: Ajustes,
                    webinar: Webinar) -> AgendaEnLinea:
    """Split ``carta`` into online blocks and days from ``inicio`` (the default start when None)."""
    maximo = ajustes.minutos_max_bloque_webinar

    # First the shape: blocks as lists of [item, minutes], and the carta's breaks.
    plan: list[list[list] | ItemAgenda] = []
    actual: list[list] = []

    def cerrar() -> None:
        nonlocal actual
        if actual:
            plan.append(actual)
            actual = []

    for item in carta.actividades:
        if item.tipo != "actividad":
            cerrar()
            plan.append(item)
            continue
        if sum(p[1] for p in actual) + item.minutos <= maximo:
            actual.append([item, item.minutos])
            continue
        cerrar()
        for minutos in _partes(item.minutos, maximo):
            cerrar()
            actual.append([item, minutos])
    cerrar()

    # A break before the first block or after the last one has nothing to separate.
    while plan and isinstance(plan[0], ItemAgenda):
        plan.pop(0)
    while plan and isinstance(plan[-1], ItemAgenda):
        plan.pop()
    _closing_keeps_company(plan, maximo)
    partes: dict[str, int] = {}
    for elemento in plan:
        if not isinstance(elemento, ItemAgenda):
            for item, _ in elemento:
                partes[item.id] = partes.get(item.id, 0) + 1

    # Then the clock: every day starts at the session's start.
    comienzo = a_minutos(inicio or ajustes.inicio_por_omision)
    vistas: dict[str, int] = {}
    numero = 0
    dias = []
    for numero_dia, dia in enumerate(_days(plan, ajustes.minutos_max_dia_webinar, ajustes), start=1):
        reloj = comienzo
        secuencia: list[Bloque | Pausa] = []
        for elemento in dia:
            if isinstance(elemento, ItemAgenda):
                minutos = elemento.minutos or ajustes.minutos_receso_sin_duracion
                secuencia.append(Pausa(elemento, minutos, hhmm(reloj), hhmm(reloj + minutos)))
                reloj += minutos
                continue
            if secuencia and isinstance(secuencia[-1], Bloque):
                minutos = ajustes.minutos_pausa_entre_bloques
                secuencia.append(Pausa(None, minutos, hhmm(reloj), hhmm(reloj + minutos)))
                reloj += minutos
            desde = reloj
            tramos = []
            for item, minutos in elemento:
                vistas[item.id] = vistas.get(item.id, 0) + 1
                momentos = ()
                if item.formato == "exposicion" and minutos >= webinar.minutos_minimos_formato:
                    m_reloj = reloj
                    lista = []
                    for titulo, m in webinar_cycles(minutos, webinar.formato_exposicion):
                        lista.append(Momento(titulo, m, hhmm(m_reloj), hhmm(m_reloj + m)))
                        m_reloj += m
                    momentos = tuple(lista)
                tramos.append(Tramo(item, minutos, hhmm(reloj), hhmm(reloj + minutos), vistas[item.id],
                                    partes[item.id], momentos))
                reloj += minutos
            numero += 1
            secuencia.append(Bloque(numero, tuple(tramos), hhmm(desde), hhmm(reloj), reloj - desde))
        dias.append(OnlineDay(numero_dia, tuple(secuencia), hhmm(comienzo), hhmm(reloj)))
    return AgendaEnLinea(tuple(dias), hhmm(comienzo), dias[-1].end if dias else hhmm(comienzo), maximo,
                         ajustes.minutos_max_dia_webinar)


def following_working_day(day: date) -> date:
    """The next Monday-to-Friday day after ``day``."""
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def dated(agenda: AgendaEnLinea, first: date | None, given: list[date]) -> AgendaEnLinea:
    """``agenda`` with a date on each day: the ones ``given`` (``fechas``) in order, else
    ``first`` (``fecha``) for the first day, then the following working days, marked proposed."""
    days = []
    previous: date | None = None
    for i, day in enumerate(agenda.days):
        if i < len(given):
            days.append(replace(day, date=given[i], proposed=False))
        elif i == 0:
            days.append(replace(day, date=first, proposed=False))
        elif previous is not None:
            days.append(replace(day, date=following_working_day(previous), proposed=True))
        else:
            days.append(day)
        previous = days[-1].date
    return replace(agenda, days=tuple(days))
