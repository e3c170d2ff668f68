"""Timed agendas: a carta descriptiva's items laid on the clock from the session's start."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from collections.abc import Mapping

from generator.methodology.models import Settings, CartaDescriptiva, CatalogueMaterial, AgendaItem, Webinar
from generator.contract.models import without_accents


def to_minutes(hora: str) -> int:
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
class TimeSlot:
    """One item of the agenda with its clock times."""

    item: AgendaItem
    minutos: int
    inicio: str
    fin: str
    assumed_duration: bool  # a break the source gives no duration for
    added: bool = False  # a meal the handbook added to a full day (not in the carta)
    suggested_pauses: tuple[str, ...] = ()  # clock times of suggested pauses inside a long activity
    part: int = 0  # 1 or 2: an activity before or after the meal the handbook added; 0: whole


@dataclass(frozen=True)
class Agenda:
    slots: list[TimeSlot]
    inicio: str
    fin: str
    minutos: int
    nominal_minutes: int | None
    tolerance: int  # minutes of difference from the announced hours before the page says so

    @property
    def difference(self) -> int | None:
        return None if self.nominal_minutes is None else self.minutos - self.nominal_minutes

    @property
    def differs(self) -> bool:
        return self.difference is not None and abs(self.difference) > self.tolerance

    @property
    def duracion(self) -> str:
        return duracion(self.minutos)

    @property
    def added_meal(self) -> TimeSlot | None:
        """The meal the handbook added to this full day, if any."""
        return next((f for f in self.slots if f.added), None)

    @property
    def nominal_duration(self) -> str:
        return duracion(self.nominal_minutes or 0)


def _meal_position(items: list[AgendaItem], ajustes: Settings) -> tuple[int, int] | None:
    """Where a full day without a meal gets one: ``(index, minutes)``, the meal going after
    ``minutes`` of item ``index`` (0: before it). None when the carta has its meal or the
    session is not a full day.

    The activity boundary nearest the middle of the day; when none lies within
    ``ajustes.minutos_comida`` of it, a long activity that spans the middle is cut there
    (on the quarter hour) and continues after the meal.
    """
    minutos = [i.minutos if i.minutos is not None else ajustes.minutos_receso_sin_duracion for i in items]
    total = sum(minutos)
    if any(i.tipo == "comida" for i in items) or total < ajustes.minutos_jornada_completa or not ajustes.minutos_comida:
        return None
    mitad = total / 2
    bordes = []
    reloj = 0
    for index_of in range(1, len(items)):
        reloj += minutos[index_of - 1]
        if items[index_of - 1].tipo == "actividad" and items[index_of].tipo == "actividad":
            bordes.append((abs(reloj - mitad), index_of, 0))
    mejor = min(bordes) if bordes else None
    if mejor is None or mejor[0] > ajustes.minutos_comida:
        reloj = 0
        for index_of, item in enumerate(items):
            if item.tipo == "actividad" and reloj < mitad < reloj + minutos[index_of] \
                    and minutos[index_of] > ajustes.minutos_actividad_sin_pausa:
                corte = min(max(15 * round(mitad / 15) - reloj, 15), minutos[index_of] - 15)
                if 0 < corte < minutos[index_of]:
                    return index_of, corte
            reloj += minutos[index_of]
    return (mejor[1], 0) if mejor else None


def agenda_of(carta: CartaDescriptiva, inicio: str | None, ajustes: Settings, *, add_meal: bool = False) -> Agenda:
    """Lay ``carta`` on the clock from ``inicio`` (the programme's default start when None).

    With ``add_meal`` (in-person sessions), a full day whose carta has no meal gets one of
    ``ajustes.minutos_comida`` near the middle of the day (see ``_meal_position``). An activity
    longer than ``ajustes.minutos_actividad_sin_pausa`` gets the clock times of suggested
    pauses, one every that many minutes, none in its last half hour.
    """
    # (item, minutes, part): part 1 and 2 are an activity before and after an added meal.
    filas: list[tuple[AgendaItem, int | None, int]] = [(i, i.minutos, 0) for i in carta.actividades]
    position_of = _meal_position(list(carta.actividades), ajustes) if add_meal else None
    comida = None
    if position_of is not None:
        comida = AgendaItem(id="comida-agregada", tipo="comida", titulo=ajustes.titulo_comida,
                            minutos=ajustes.minutos_comida)
        index_of, corte = position_of
        if corte:
            item = filas[index_of][0]
            filas[index_of:index_of + 1] = [(item, corte, 1), (comida, comida.minutos, 0), (item, item.minutos - corte, 2)]
        else:
            filas.insert(index_of, (comida, comida.minutos, 0))
    reloj = to_minutes(inicio or ajustes.inicio_por_omision)
    comienzo = reloj
    slots = []
    each = ajustes.minutos_actividad_sin_pausa
    for item, minutos, parte in filas:
        minutos = minutos if minutos is not None else ajustes.minutos_receso_sin_duracion
        # No pause in the last half hour: the end of the activity (or the meal) is near.
        pausas = tuple(hhmm(reloj + m) for m in range(each, minutos - 29, each)) if item.tipo == "actividad" else ()
        slots.append(TimeSlot(item, minutos, hhmm(reloj), hhmm(reloj + minutos), item.minutos is None,
                              added=item is comida, suggested_pauses=pausas, part=parte))
        reloj += minutos
    nominales = round(carta.horas_nominales * 60) if carta.horas_nominales else None
    return Agenda(slots, hhmm(comienzo), hhmm(reloj), reloj - comienzo, nominales,
                  ajustes.minutos_tolerancia_duracion)


# --------------------------------------------------------------------- materials


@dataclass(frozen=True)
class RequiredMaterial:
    """One line of a materials checklist, merged across the session's activities."""

    nombre: str
    cantidad: int | None  # None: as many as the activities need, no figure in the source
    detail: str          # how the quantity was computed, e.g. "1 por grupo × 2 grupos"
    en_linea: str | None
    actividades: tuple[str, ...]
    replaces: tuple[str, ...] = ()  # online: the physical materials this resource replaces


def work_groups(participantes: int, ajustes: Settings) -> int:
    return max(1, math.ceil(participantes / ajustes.personas_por_grupo)) if participantes else 0


def materials_list(carta: CartaDescriptiva, participantes: int, ajustes: Settings,
                     webinar: Webinar | None = None,
                     catalogue: Mapping[str, CatalogueMaterial] | None = None) -> list[RequiredMaterial]:
    """The session's general materials plus every activity's, merged by name.

    Quantities "per group" or "per participant" are multiplied out when the number of
    participants is known (groups of ``ajustes.personas_por_grupo``). What each activity
    uses up (per session or per group) adds up over the session; a personal item (per
    participant) is counted once, at the most any activity asks. With ``webinar``, the
    list is the online one: the programme's online resources, then each material's online
    equivalent (merged by that name); materials with no place online are left out (see
    ``in_person_only``). A material with an ``id`` merges with the others of that id under
    the ``catalogue``'s name, and takes its quantity when it gives none.
    """
    catalogue = catalogue or {}
    grupos = work_groups(participantes, ajustes)
    merged: dict[str, dict] = {}

    def add(nombre: str, cantidad: int | None, por: str, donde: str | list[str] | None,
            en_linea: str | None = None, replaces: str | None = None) -> None:
        # Merged by name: every use of a catalogue id carries the catalogue's name.
        entry = merged.setdefault(without_accents(nombre), {
            "nombre": nombre[:1].upper() + nombre[1:], "suma": 0, "por_persona": 0, "sin_cifra": False,
            "detalles": [], "en_linea": en_linea, "actividades": [], "sustituye": []})
        entry["en_linea"] = entry["en_linea"] or en_linea
        for titulo in [donde] if isinstance(donde, str) else donde or []:
            if titulo not in entry["actividades"]:
                entry["actividades"].append(titulo)
        if replaces and replaces not in entry["sustituye"]:
            entry["sustituye"].append(replaces)
        if cantidad is None:
            entry["sin_cifra"] = True
            return
        if por == "sesion":
            entry["suma"] += cantidad
            detail = str(cantidad)
        elif por == "grupo":
            # Flip-chart sheets and the like are used up: each activity needs its own.
            entry["suma"] += cantidad * grupos
            detail = f"{cantidad} por grupo × {grupos} grupo{'s' if grupos > 1 else ''}" if grupos else f"{cantidad} por grupo de trabajo"
            entry["sin_cifra"] |= not grupos
        else:
            # A personal item (a marker, a name tag) stays with its owner all session long.
            entry["por_persona"] = max(entry["por_persona"], cantidad * participantes)
            detail = f"{cantidad} por participante × {participantes}" if participantes else f"{cantidad} por participante"
            entry["sin_cifra"] |= not participantes
        if detail not in entry["detalles"]:
            entry["detalles"].append(detail)

    uses = [(m, None) for m in carta.materiales_generales]
    uses += [(m, item.titulo) for item in carta.actividades for m in item.materiales]
    if webinar is None:
        for material, donde in uses:
            shared = catalogue.get(material.id) if material.id else None
            if shared is None:
                add(material.nombre, material.cantidad, material.por, donde, en_linea=material.en_linea)
            elif material.cantidad:
                add(shared.nombre, material.cantidad, material.por, donde, en_linea=material.en_linea)
            else:
                add(shared.nombre, shared.cantidad, shared.por, donde, en_linea=material.en_linea)
    else:
        for recurso in webinar.recursos:
            if recurso.solo_con_formato is None:
                add(recurso.nombre, recurso.cantidad, recurso.por, None)
                continue
            # Breakout rooms and the like: only where an activity has that format, and
            # counted once, since the same rooms serve every such activity.
            donde = [i.titulo for i in carta.actividades if i.formato == recurso.solo_con_formato]
            if donde:
                add(recurso.nombre, recurso.cantidad, recurso.por, donde)
        for material, donde in uses:
            if not material.solo_presencial:
                # Online equivalents come without figures: one shared board serves everyone.
                shared = catalogue.get(material.id) if material.id else None
                add(material.en_linea, None, "sesion", donde, replaces=shared.nombre if shared else material.nombre)
    return [
        RequiredMaterial(
            nombre=e["nombre"],
            cantidad=None if e["sin_cifra"] or not e["suma"] + e["por_persona"] else e["suma"] + e["por_persona"],
            detail=" + ".join(e["detalles"]),
            en_linea=e["en_linea"],
            actividades=tuple(e["actividades"]),
            replaces=tuple(e["sustituye"]),
        )
        for e in merged.values()
    ]


def in_person_only(carta: CartaDescriptiva) -> list[str]:
    """Names of the materials that have no place in a webinar (coffee service, tape...)."""
    nombres: dict[str, str] = {}
    for material in [*carta.materiales_generales, *(m for i in carta.actividades for m in i.materiales)]:
        if material.solo_presencial:
            nombres.setdefault(without_accents(material.nombre), material.nombre)
    return list(nombres.values())


@dataclass(frozen=True)
class ProgrammeMaterial:
    """One material across the programme: each session that uses it, with its line there."""

    nombre: str
    uses: tuple[tuple[Any, RequiredMaterial], ...]  # (planned session, its checklist line)

    @property
    def maximum(self) -> int | None:
        """The most any one session needs: what to have of a reusable material."""
        cifras = [linea.cantidad for _, linea in self.uses if linea.cantidad]
        return max(cifras) if cifras else None

    @property
    def counted(self) -> bool:
        """Whether some session gives it a quantity (or a rule for one): what is bought or
        gathered, as against what is brought or prepared once."""
        return any(linea.cantidad or linea.detail for _, linea in self.uses)


def programme_materials(listas: Iterable[tuple[Any, list[RequiredMaterial]]]) -> list[ProgrammeMaterial]:
    """Merge the sessions' checklists by material name, in order of first appearance."""
    uses: dict[str, list] = {}
    nombres: dict[str, str] = {}
    for sesion, lineas in listas:
        for linea in lineas:
            clave = without_accents(linea.nombre)
            nombres.setdefault(clave, linea.nombre)
            uses.setdefault(clave, []).append((sesion, linea))
    return [ProgrammeMaterial(nombres[c], tuple(u)) for c, u in uses.items()]
