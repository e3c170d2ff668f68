"""Webinar modality: a carta descriptiva laid out as online blocks.

Online attention does not last a full workshop day, so a webinar session is cut into blocks
of at most ``ajustes.minutos_max_bloque_webinar`` minutes:

- the carta's own breaks and meals stay where they are and always end a block;
- activities fill a block in order; one that does not fit whole starts the next block;
- an activity longer than a block is divided into parts, each filling a block, the last
  part sharing its block with what follows;
- two blocks that meet without a carta break get a rest of
  ``ajustes.minutos_pausa_entre_bloques`` minutes.

An expository part (``formato: exposicion``) follows the webinar format of the second
reference document: its fixed moments keep their minutes (presentation, closing) and the
flexible ones (talk, questions) share the rest in their original proportion.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
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
class AgendaEnLinea:
    secuencia: tuple[Bloque | Pausa, ...]
    inicio: str
    fin: str
    minutos_max_bloque: int

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


def _partes(minutos: int, maximo: int) -> list[int]:
    """An activity longer than a block: full blocks, then what remains."""
    completas, resto = divmod(minutos, maximo)
    return [maximo] * completas + ([resto] if resto else [])


def agenda_en_linea(carta: CartaDescriptiva, inicio: str | None, ajustes: Ajustes,
                    webinar: Webinar) -> AgendaEnLinea:
    """Split ``carta`` into online blocks from ``inicio`` (the default start when None)."""
    maximo = ajustes.minutos_max_bloque_webinar

    # First the shape: blocks as lists of (item, minutes, part, parts), and the carta's breaks.
    plan: list[list[tuple[ItemAgenda, int, int, int]] | ItemAgenda] = []
    actual: list[tuple[ItemAgenda, int, int, int]] = []

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
            actual.append((item, item.minutos, 1, 1))
            continue
        cerrar()
        partes = _partes(item.minutos, maximo)
        for numero, minutos in enumerate(partes, start=1):
            cerrar()
            actual.append((item, minutos, numero, len(partes)))
    cerrar()

    # A break before the first block or after the last one has nothing to separate.
    while plan and isinstance(plan[0], ItemAgenda):
        plan.pop(0)
    while plan and isinstance(plan[-1], ItemAgenda):
        plan.pop()

    # Then the clock.
    reloj = comienzo = a_minutos(inicio or ajustes.inicio_por_omision)
    secuencia: list[Bloque | Pausa] = []
    for elemento in plan:
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
        for item, minutos, parte, partes in elemento:
            momentos = ()
            if item.formato == "exposicion" and minutos >= webinar.minutos_minimos_formato:
                m_reloj = reloj
                lista = []
                for titulo, m in reparto_exposicion(minutos, webinar.formato_exposicion):
                    lista.append(Momento(titulo, m, hhmm(m_reloj), hhmm(m_reloj + m)))
                    m_reloj += m
                momentos = tuple(lista)
            tramos.append(Tramo(item, minutos, hhmm(reloj), hhmm(reloj + minutos), parte, partes, momentos))
            reloj += minutos
        numero = sum(isinstance(b, Bloque) for b in secuencia) + 1
        secuencia.append(Bloque(numero, tuple(tramos), hhmm(desde), hhmm(reloj), reloj - desde))
    return AgendaEnLinea(tuple(secuencia), hhmm(comienzo), hhmm(reloj), maximo)
