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

from generator.plan.clock import to_minutes, duracion, hhmm
from generator.methodology.models import Settings, CartaDescriptiva, AgendaItem, WebinarMoment, Webinar


@dataclass(frozen=True)
class Moment:
    """One moment of the webinar format inside an expository part."""

    titulo: str
    minutos: int
    inicio: str
    fin: str


@dataclass(frozen=True)
class Stretch:
    """An activity, or one part of a divided activity, inside an online block."""

    item: AgendaItem
    minutos: int
    inicio: str
    fin: str
    parte: int
    partes: int
    moments: tuple[Moment, ...] = ()


@dataclass(frozen=True)
class Block:
    tipo: ClassVar[str] = "bloque"
    numero: int
    tramos: tuple[Stretch, ...]
    inicio: str
    fin: str
    minutos: int

    @property
    def duracion(self) -> str:
        return duracion(self.minutos)


@dataclass(frozen=True)
class Break:
    """Time off screen between two blocks: a break or meal of the carta, or a plain rest."""

    tipo: ClassVar[str] = "pausa"
    item: AgendaItem | None  # None: a rest the split added
    minutos: int
    inicio: str
    fin: str


@dataclass(frozen=True)
class OnlineDay:
    """One day of a webinar session: its blocks and pauses, at most a day's screen time."""

    number: int
    sequence: tuple[Block | Break, ...]
    start: str
    end: str
    date: date | None = None
    proposed: bool = False  # the handbook proposes this date; the calendar does not give it

    @property
    def blocks(self) -> list[Block]:
        return [b for b in self.sequence if isinstance(b, Block)]

    @property
    def screen_minutes(self) -> int:
        return sum(b.minutos for b in self.blocks)

    @property
    def span_minutes(self) -> int:
        """From start to end, pauses included."""
        return sum(paso.minutos for paso in self.sequence)


@dataclass(frozen=True)
class OnlineAgenda:
    days: tuple[OnlineDay, ...]
    inicio: str
    fin: str  # the end of the last day
    max_block_minutes: int
    max_day_minutes: int = 240

    @property
    def full_sequence(self) -> tuple[Block | Break, ...]:
        """Every day's blocks and pauses, one day after the other."""
        return tuple(paso for day in self.days for paso in day.sequence)

    @property
    def online_blocks(self) -> list[Block]:
        return [b for b in self.full_sequence if isinstance(b, Block)]

    @property
    def online_minutes(self) -> int:
        return sum(b.minutos for b in self.online_blocks)

    @property
    def in_webinar_format(self) -> bool:
        """Whether some expository part follows the webinar format."""
        return any(t.moments for b in self.online_blocks for t in b.tramos)

    def stretches_of(self, item: AgendaItem) -> list[tuple[Block, Stretch]]:
        """Where ``item`` happens: each (block, part) in order."""
        return [(b, t) for b in self.online_blocks for t in b.tramos if t.item.id == item.id]


def talk_split(minutos: int, formato: list[WebinarMoment]) -> list[tuple[str, int]]:
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


def webinar_cycles(minutos: int, formato: list[WebinarMoment]) -> list[tuple[str, int]]:
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
        return talk_split(minutos, formato)
    rondas = max(1, math.ceil(resto / (peso * 1.1)))
    cuotas = [resto // rondas + (1 if i < resto % rondas else 0) for i in range(rondas)]
    moments = [(m.momento, m.minutos) for m in formato[:principio]]
    for cuota in cuotas:
        moments += talk_split(cuota, centro)
    return moments + [(m.momento, m.minutos) for m in formato[final:]]


def _parts(minutos: int, maximum: int) -> list[int]:
    """An activity longer than a block: full blocks, then what remains."""
    completas, resto = divmod(minutos, maximum)
    return [maximum] * completas + ([resto] if resto else [])


def _closing_keeps_company(plan: list, maximum: int) -> None:
    """The last activity (the closing) never stands alone in the last block.

    It takes the previous block's last activity along when both fit in a block; otherwise
    the second half of that activity (in whole five minutes) moves in with the closing.
    """
    if not plan or isinstance(plan[-1], AgendaItem) or len(plan[-1]) != 1:
        return
    ultimo = plan[-1]
    if ultimo[0][1] != ultimo[0][0].minutos:
        return  # the end of a long activity, not a closing of its own
    anterior = next((e for e in reversed(plan[:-1]) if not isinstance(e, AgendaItem)), None)
    if anterior is None:
        return
    item, minutos = anterior[-1]
    cierre = ultimo[0][1]
    if len(anterior) > 1 and minutos + cierre <= maximum:
        anterior.pop()
        ultimo.insert(0, [item, minutos])
        return
    mitad = min(5 * round(minutos / 10), maximum - cierre)
    if 0 < mitad < minutos:
        anterior[-1][1] = minutos - mitad
        ultimo.insert(0, [item, mitad])


def _days(plan: list, maximo_dia: int, ajustes: Settings) -> list[list]:
    """Blocks grouped into days of at most ``maximo_dia`` minutes from start to end (so at most
    that on screen, and no calendar event longer). A carta break between two days is dropped:
    the day ends there."""
    dias: list[list] = [[]]
    largo = 0  # the current day's minutes, pauses included
    pendientes = 0  # carta breaks since the last block
    for elemento in plan:
        if isinstance(elemento, AgendaItem):
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
        while dia and isinstance(dia[0], AgendaItem):
            dia.pop(0)
        while dia and isinstance(dia[-1], AgendaItem):
            dia.pop()
    return [d for d in dias if d]


def online_agenda(carta: CartaDescriptiva, inicio: str | None, ajustes: Settings,
                    webinar: Webinar) -> OnlineAgenda:
    """Split ``carta`` into online blocks and days from ``inicio`` (the default start when None)."""
    maximum = ajustes.minutos_max_bloque_webinar

    # First the shape: blocks as lists of [item, minutes], and the carta's breaks.
    plan: list[list[list] | AgendaItem] = []
    actual: list[list] = []

    def close() -> None:
        nonlocal actual
        if actual:
            plan.append(actual)
            actual = []

    for item in carta.actividades:
        if item.tipo != "actividad":
            close()
            plan.append(item)
            continue
        if sum(p[1] for p in actual) + item.minutos <= maximum:
            actual.append([item, item.minutos])
            continue
        close()
        for minutos in _parts(item.minutos, maximum):
            close()
            actual.append([item, minutos])
    close()

    # A break before the first block or after the last one has nothing to separate.
    while plan and isinstance(plan[0], AgendaItem):
        plan.pop(0)
    while plan and isinstance(plan[-1], AgendaItem):
        plan.pop()
    _closing_keeps_company(plan, maximum)
    partes: dict[str, int] = {}
    for elemento in plan:
        if not isinstance(elemento, AgendaItem):
            for item, _ in elemento:
                partes[item.id] = partes.get(item.id, 0) + 1

    # Then the clock: every day starts at the session's start.
    comienzo = to_minutes(inicio or ajustes.inicio_por_omision)
    vistas: dict[str, int] = {}
    numero = 0
    dias = []
    for numero_dia, dia in enumerate(_days(plan, ajustes.minutos_max_dia_webinar, ajustes), start=1):
        reloj = comienzo
        full_sequence: list[Block | Break] = []
        for elemento in dia:
            if isinstance(elemento, AgendaItem):
                minutos = elemento.minutos or ajustes.minutos_receso_sin_duracion
                full_sequence.append(Break(elemento, minutos, hhmm(reloj), hhmm(reloj + minutos)))
                reloj += minutos
                continue
            if full_sequence and isinstance(full_sequence[-1], Block):
                minutos = ajustes.minutos_pausa_entre_bloques
                full_sequence.append(Break(None, minutos, hhmm(reloj), hhmm(reloj + minutos)))
                reloj += minutos
            desde = reloj
            tramos = []
            for item, minutos in elemento:
                vistas[item.id] = vistas.get(item.id, 0) + 1
                moments = ()
                if item.formato == "exposicion" and minutos >= webinar.minutos_minimos_formato:
                    m_reloj = reloj
                    lista = []
                    for titulo, m in webinar_cycles(minutos, webinar.formato_exposicion):
                        lista.append(Moment(titulo, m, hhmm(m_reloj), hhmm(m_reloj + m)))
                        m_reloj += m
                    moments = tuple(lista)
                tramos.append(Stretch(item, minutos, hhmm(reloj), hhmm(reloj + minutos), vistas[item.id],
                                    partes[item.id], moments))
                reloj += minutos
            numero += 1
            full_sequence.append(Block(numero, tuple(tramos), hhmm(desde), hhmm(reloj), reloj - desde))
        dias.append(OnlineDay(numero_dia, tuple(full_sequence), hhmm(comienzo), hhmm(reloj)))
    return OnlineAgenda(tuple(dias), hhmm(comienzo), dias[-1].end if dias else hhmm(comienzo), maximum,
                         ajustes.minutos_max_dia_webinar)


def following_working_day(day: date) -> date:
    """The next Monday-to-Friday day after ``day``."""
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def dated(agenda: OnlineAgenda, first: date | None, given: list[date]) -> OnlineAgenda:
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
