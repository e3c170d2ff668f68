"""Timed agendas: a carta descriptiva's items laid on the clock from the session's start."""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.config.content import Ajustes, CartaDescriptiva, ItemAgenda, Material
from generator.config.org import sin_acentos


def a_minutos(hora: str) -> int:
    horas, minutos = hora.split(":")
    return int(horas) * 60 + int(minutos)


def hhmm(minutos: int) -> str:
    minutos %= 24 * 60
    return f"{minutos // 60:02d}:{minutos % 60:02d}"


def duracion(minutos: int) -> str:
    """``285`` → ``4 h 45 min``; ``240`` → ``4 h``; ``45`` → ``45 min``."""
    horas, resto = divmod(abs(minutos), 60)
    partes = ([f"{horas} h"] if horas else []) + ([f"{resto} min"] if resto or not horas else [])
    return " ".join(partes)


@dataclass(frozen=True)
class Franja:
    """One item of the agenda with its clock times."""

    item: ItemAgenda
    minutos: int
    inicio: str
    fin: str
    duracion_supuesta: bool  # a break the source gives no duration for


@dataclass(frozen=True)
class Agenda:
    franjas: list[Franja]
    inicio: str
    fin: str
    minutos: int
    minutos_nominales: int | None
    tolerancia: int  # minutes of difference from the announced hours before the page says so

    @property
    def diferencia(self) -> int | None:
        return None if self.minutos_nominales is None else self.minutos - self.minutos_nominales

    @property
    def difiere(self) -> bool:
        return self.diferencia is not None and abs(self.diferencia) > self.tolerancia

    @property
    def duracion(self) -> str:
        return duracion(self.minutos)

    @property
    def duracion_nominal(self) -> str:
        return duracion(self.minutos_nominales or 0)


def agenda_de(carta: CartaDescriptiva, inicio: str | None, ajustes: Ajustes) -> Agenda:
    """Lay ``carta`` on the clock from ``inicio`` (the programme's default start when None)."""
    reloj = a_minutos(inicio or ajustes.inicio_por_omision)
    comienzo = reloj
    franjas = []
    for item in carta.actividades:
        minutos = item.minutos if item.minutos is not None else ajustes.minutos_receso_sin_duracion
        franjas.append(Franja(item, minutos, hhmm(reloj), hhmm(reloj + minutos), item.minutos is None))
        reloj += minutos
    nominales = round(carta.horas_nominales * 60) if carta.horas_nominales else None
    return Agenda(franjas, hhmm(comienzo), hhmm(reloj), reloj - comienzo, nominales,
                  ajustes.minutos_tolerancia_duracion)


# --------------------------------------------------------------------- materials


@dataclass(frozen=True)
class MaterialNecesario:
    """One line of a materials checklist, merged across the session's activities."""

    nombre: str
    cantidad: int | None  # None: as many as the activities need, no figure in the source
    detalle: str          # how the quantity was computed, e.g. "1 por grupo × 2 grupos"
    en_linea: str | None
    actividades: tuple[str, ...]


def grupos_de_trabajo(participantes: int, ajustes: Ajustes) -> int:
    return max(1, math.ceil(participantes / ajustes.personas_por_grupo)) if participantes else 0


def lista_materiales(carta: CartaDescriptiva, participantes: int, ajustes: Ajustes) -> list[MaterialNecesario]:
    """The session's general materials plus every activity's, merged by name.

    Quantities "per group" or "per participant" are multiplied out when the number of
    participants is known (groups of ``ajustes.personas_por_grupo``).
    """
    grupos = grupos_de_trabajo(participantes, ajustes)
    merged: dict[str, dict] = {}

    def add(material: Material, donde: str | None) -> None:
        entry = merged.setdefault(sin_acentos(material.nombre), {
            "nombre": material.nombre, "cantidad": 0, "sin_cifra": False, "detalles": [],
            "en_linea": material.en_linea, "actividades": []})
        entry["en_linea"] = entry["en_linea"] or material.en_linea
        if donde and donde not in entry["actividades"]:
            entry["actividades"].append(donde)
        if material.cantidad is None:
            entry["sin_cifra"] = True
            return
        if material.por == "sesion":
            entry["cantidad"] += material.cantidad
            entry["detalles"].append(str(material.cantidad))
            return
        regla = f"{material.cantidad} por {material.por}"
        veces, de_cuantos = (grupos, f"{grupos} grupos") if material.por == "grupo" else (participantes, str(participantes))
        if veces:
            entry["cantidad"] += material.cantidad * veces
            entry["detalles"].append(f"{regla} × {de_cuantos}")
        else:
            entry["sin_cifra"] = True
            entry["detalles"].append(f"{regla} de trabajo" if material.por == "grupo" else regla)

    for material in carta.materiales_generales:
        add(material, None)
    for item in carta.actividades:
        for material in item.materiales:
            add(material, item.titulo)
    return [
        MaterialNecesario(
            nombre=e["nombre"],
            cantidad=None if e["sin_cifra"] or not e["cantidad"] else e["cantidad"],
            detalle=" + ".join(e["detalles"]),
            en_linea=e["en_linea"],
            actividades=tuple(e["actividades"]),
        )
        for e in merged.values()
    ]
