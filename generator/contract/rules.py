"""The contract's rules across fields, each a small function over the validated data.

A rule is ``rule(org, where, methodology) -> Iterable[Diagnostic]``: ``org`` is the
``OrganizationData`` pydantic built, ``where`` (a ``Locator``) turns a contract path such as
``("calendario", 2, "sesion")`` into the diagnostic at that value's ``FILE:LINE:COL``. Rules are
registered, in the order they run, with ``@rule``; ``RULES`` is that list.

A file with errors still has its rules run, so that the facilitator sees every problem at once:
``generator.contract.validation`` gives them a model whose refused top-level sections are
``Unvalidated``. Touching one (reading an attribute, iterating, comparing, testing its truth)
raises ``SectionRefused``, and ``run_rules`` then drops that rule's findings for this file: a
rule only speaks about data pydantic accepted, so it never reports a consequence of an error
already reported (an ally "not on the map" because the map itself was refused).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from generator.contract.models import VOTES_PER_PARTICIPANT, OrganizationData, without_accents
from generator.exceptions import Diagnostic, quote_value
from generator.contract.source import LoadedDocument, Path_, format_path
from generator.methodology import Methodology


@dataclass(frozen=True)
class Locator:
    """Where the values of one loaded file are: a contract path to its file, line and column."""

    document: LoadedDocument

    def position(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or of its nearest ancestor in the file)."""
        return self.document.position(path)

    def line(self, path: Path_) -> int:
        return self.position(path)[0]

    def error(self, path: Path_, message: str) -> Diagnostic:
        return self._at(path, message, "error")

    def warning(self, path: Path_, message: str) -> Diagnostic:
        return self._at(path, message, "aviso")

    def _at(self, path: Path_, message: str, severity: str) -> Diagnostic:
        line, column = self.position(path)
        return Diagnostic(self.document.file, line, column, format_path(path), message, severity)


class SectionRefused(Exception):
    """A rule touched a section of the file that pydantic refused."""


class Unvalidated:
    """Stands in the model for a top-level section pydantic refused; any use of it stops the rule."""

    __slots__ = ("section",)

    def __init__(self, section: str):
        self.section = section

    def _refuse(self, *args, **kwargs):
        raise SectionRefused(self.section)

    __getattr__ = __iter__ = __len__ = __bool__ = __contains__ = __getitem__ = _refuse
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __hash__ = __str__ = __format__ = _refuse

    def __repr__(self) -> str:
        return f"Unvalidated({self.section!r})"


Rule = Callable[[OrganizationData, Locator, Methodology], Iterable[Diagnostic]]

#: Every rule, in the order they run.
RULES: list[Rule] = []


def rule(function: Rule) -> Rule:
    """Register ``function`` as a rule of the contract."""
    RULES.append(function)
    return function


def run_rules(org: OrganizationData, where: Locator, methodology: Methodology) -> list[Diagnostic]:
    """What every rule finds in ``org``; a rule that reads a refused section finds nothing."""
    found: list[Diagnostic] = []
    for check in RULES:
        try:
            found.extend(list(check(org, where, methodology)))  # all of a rule's findings or none
        except SectionRefused:
            continue  # pydantic's errors for that section are reported already
    return found


# ------------------------------------------------------------------ helpers


def _actors(org: OrganizationData) -> Iterator[tuple[int, str]]:
    """``(index, name)`` of the system map's actors that have a name."""
    if org.mapa_sistema is None:
        return
    for i, actor in enumerate(org.mapa_sistema.actores):
        if actor.nombre:
            yield i, actor.nombre


def _mapped_actors(org: OrganizationData) -> dict[str, str]:
    """The map's actors by their accent- and case-free name (the first one of each name)."""
    names: dict[str, str] = {}
    for _, nombre in _actors(org):
        names.setdefault(without_accents(nombre), nombre)
    return names


def _not_an_actor(where: Locator, path: Path_, nombre: str, actors: dict[str, str]) -> Iterator[Diagnostic]:
    if not nombre or without_accents(nombre) in actors:
        return
    if not actors:
        yield where.error(path, f"'{quote_value(nombre)}' no es un actor del mapa (mapa_sistema.actores está vacío)")
        return
    match = difflib.get_close_matches(without_accents(nombre), list(actors), n=1, cutoff=0.6)
    hint = f"; ¿quisiste decir '{quote_value(actors[match[0]])}'?" if match else ""
    yield where.error(path, f"'{quote_value(nombre)}' no es un actor del mapa{hint}")


def session_name(key: int | str) -> str:
    return "el taller de mapeo" if key == "mapeo" else f"la sesión {key}"


def _first_scheduled(org: OrganizationData) -> Iterator[tuple[int, int | str, date | None]]:
    """``(index, session, date)`` of each session's first entry in the calendar."""
    seen: set[int | str] = set()
    for i, entrada in enumerate(org.calendario):
        if entrada.sesion not in seen:
            seen.add(entrada.sesion)
            yield i, entrada.sesion, entrada.fecha


# ------------------------------------------------------------------ the system map and the allies


@rule
def actor_names_are_unique(org: OrganizationData, where: Locator, methodology: Methodology) -> Iterator[Diagnostic]:
    """No two actors of the system map share a name (accents and case aside)."""
    first: dict[str, int] = {}
    for i, nombre in _actors(org):
        plain = without_accents(nombre)
        if plain not in first:
            first[plain] = i
            continue
        j = first[plain]
        yield where.error(("mapa_sistema", "actores", i, "nombre"),
                          f"el actor '{quote_value(nombre)}' está repetido (ya aparece en mapa_sistema.actores[{j}], "
                          f"línea {where.line(('mapa_sistema', 'actores', j, 'nombre'))})")


@rule
def actors_have_at_most_three_roles(org: OrganizationData, where: Locator,
                                    methodology: Methodology) -> Iterator[Diagnostic]:
    """An actor with more than three roles is a warning: the methodology suggests three at most."""
    if org.mapa_sistema is None:
        return
    for i, actor in enumerate(org.mapa_sistema.actores):
        if len(actor.roles) > 3:
            yield where.warning(("mapa_sistema", "actores", i, "roles"),
                                f"{len(actor.roles)} roles; la metodología sugiere no más de 3")


@rule
def allies_are_mapped_actors(org: OrganizationData, where: Locator, methodology: Methodology) -> Iterator[Diagnostic]:
    """Each potential ally names an actor of the system map."""
    actors = _mapped_actors(org)
    for i, aliado in enumerate(org.aliados_potenciales):
        yield from _not_an_actor(where, ("aliados_potenciales", i, "actor"), aliado.actor, actors)


@rule
def follow_up_changes_name_mapped_actors(org: OrganizationData, where: Locator,
                                         methodology: Methodology) -> Iterator[Diagnostic]:
    """Each change recorded in a follow-up of the map names an actor of the map."""
    if org.mapa_sistema is None:
        return
    actors = _mapped_actors(org)
    for i, follow_up in enumerate(org.mapa_sistema.seguimientos):
        for j, cambio in enumerate(follow_up.cambios):
            yield from _not_an_actor(where, ("mapa_sistema", "seguimientos", i, "cambios", j, "actor"),
                                     cambio.actor, actors)


@rule
def follow_ups_have_a_baseline(org: OrganizationData, where: Locator,
                               methodology: Methodology) -> Iterator[Diagnostic]:
    """Follow-ups without actors on the map are a warning: the handbook has no baseline to show them against."""
    if org.mapa_sistema is None or org.mapa_sistema.actores or not org.mapa_sistema.seguimientos:
        return
    yield where.warning(("mapa_sistema", "seguimientos"),
                        "hay seguimientos pero el mapa aún no tiene actores (su línea base); "
                        "el manual los mostrará cuando mapa_sistema.actores tenga actores")


# ------------------------------------------------------------------ the work plan


@rule
def activities_end_after_they_start(org: OrganizationData, where: Locator,
                                    methodology: Methodology) -> Iterator[Diagnostic]:
    """No activity or sub-activity of the work plan ends before it starts."""
    if org.plan_trabajo is None:
        return
    for i, actividad in enumerate(org.plan_trabajo.actividades):
        base = ("plan_trabajo", "actividades", i)
        for path, item in [(base, actividad)] + [(base + ("subactividades", j), sub)
                                                 for j, sub in enumerate(actividad.subactividades)]:
            if item.inicio and item.fin and item.fin < item.inicio:
                yield where.error(path + ("fin",), f"la fecha de fin ({item.fin.isoformat()}) es anterior a la "
                                                   f"de inicio ({item.inicio.isoformat()})")


# ------------------------------------------------------------------ the calendar


@rule
def sessions_are_scheduled_once(org: OrganizationData, where: Locator,
                                methodology: Methodology) -> Iterator[Diagnostic]:
    """Each session (and the mapping workshop) appears at most once in the calendar."""
    first: dict[int | str, int] = {}
    for i, entrada in enumerate(org.calendario):
        if entrada.sesion in first:
            yield where.error(("calendario", i, "sesion"),
                              f"{session_name(entrada.sesion)} ya está en calendario[{first[entrada.sesion]}]")
        else:
            first[entrada.sesion] = i


@rule
def mapping_workshop_only_without_a_map(org: OrganizationData, where: Locator,
                                        methodology: Methodology) -> Iterator[Diagnostic]:
    """Scheduling the mapping workshop when the organization already has its map is a warning."""
    if not org.tiene_mapa_sistema:
        return
    for i, sesion, _ in _first_scheduled(org):
        if sesion == "mapeo":
            yield where.warning(("calendario", i, "sesion"),
                                "el taller de mapeo (Anexo 3) no se incluye porque tiene_mapa_sistema es true")


@rule
def scheduled_sessions_are_in_the_programme(org: OrganizationData, where: Locator,
                                            methodology: Methodology) -> Iterator[Diagnostic]:
    """A scheduled session outside ``sesiones_incluidas`` (or else the level's sessions) is a warning."""
    if org.sesiones_incluidas is not None:
        incluidas, origen = set(org.sesiones_incluidas), "sesiones_incluidas"
    elif org.nivel.value in methodology.programme.niveles:
        incluidas, origen = set(methodology.level_sessions(org.nivel.value)), f"el nivel {org.nivel.etiqueta}"
    else:
        return
    lista = ", ".join(str(s) for s in sorted(incluidas))
    for i, sesion, _ in _first_scheduled(org):
        if sesion != "mapeo" and sesion not in incluidas:
            yield where.warning(("calendario", i, "sesion"),
                                f"la sesión {sesion} no forma parte de {origen} (sesiones {lista})")


def sessions_out_of_order(org: OrganizationData, orden: list[int | str]) -> list[tuple[int, int | str, date, int | str, date]]:
    """Each session dated before one that comes earlier in the programme:
    ``(calendar index, session, its date, the earlier session, that session's date)``."""
    dated = sorted((orden.index(sesion), sesion, fecha, i)
                   for i, sesion, fecha in _first_scheduled(org) if fecha is not None and sesion in orden)
    found = []
    latest: tuple[int | str, date] | None = None  # the latest date so far, in session order
    for _, sesion, fecha, i in dated:
        if latest and fecha < latest[1]:
            found.append((i, sesion, fecha, latest[0], latest[1]))
        else:
            latest = (sesion, fecha)
    return found


@rule
def session_dates_follow_session_order(org: OrganizationData, where: Locator,
                                       methodology: Methodology) -> Iterator[Diagnostic]:
    """A session dated before one that comes earlier in the programme is a warning."""
    for i, sesion, fecha, anterior, su_fecha in sessions_out_of_order(org, methodology.programme.orden_sesiones):
        yield where.warning(("calendario", i, "fecha"),
                            f"{session_name(sesion)} ({fecha.isoformat()}) queda antes que "
                            f"{session_name(anterior)} ({su_fecha.isoformat()}); "
                            "las fechas no siguen el orden de las sesiones")


@rule
def part_dates_start_on_the_session_date(org: OrganizationData, where: Locator,
                                         methodology: Methodology) -> Iterator[Diagnostic]:
    """``fechas`` (the days of a session split across days) start on ``fecha`` and go forward."""
    for i, entrada in enumerate(org.calendario):
        if entrada.fechas and entrada.fecha and entrada.fechas[0] != entrada.fecha:
            yield where.error(("calendario", i, "fechas", 0),
                              f"el primer día de las partes ({entrada.fechas[0].isoformat()}) debe ser la fecha "
                              f"de la sesión ({entrada.fecha.isoformat()})")
        for j in range(1, len(entrada.fechas)):
            if entrada.fechas[j] <= entrada.fechas[j - 1]:
                yield where.error(("calendario", i, "fechas", j),
                                  f"{entrada.fechas[j].isoformat()} no es posterior al día anterior de la lista "
                                  f"({entrada.fechas[j - 1].isoformat()})")


# ------------------------------------------------------------------ the alliance plan


@rule
def votes_fit_three_per_participant(org: OrganizationData, where: Locator,
                                    methodology: Methodology) -> Iterator[Diagnostic]:
    """The priority strategies' votes add up to at most three per participant (a warning)."""
    if not org.participantes or org.plan_alianzas is None:
        return
    total = sum(e.votos for e in org.plan_alianzas.estrategias_prioritarias)
    limit = VOTES_PER_PARTICIPANT * len(org.participantes)
    if total > limit:
        yield where.warning(("plan_alianzas", "estrategias_prioritarias"),
                            f"los votos suman {total}, más de {VOTES_PER_PARTICIPANT} por participante "
                            f"({len(org.participantes)} participantes × {VOTES_PER_PARTICIPANT} = {limit})")
