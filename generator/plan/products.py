"""The organization's products, computed from its data for the product pages.

Nothing here writes text for readers: it counts, compares, ranks and derives, and the
templates in ``content/plantillas/productos/`` say it in Spanish.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from generator.methodology.models import Component, PitchContent, PitchPartContent, PlanMissingTexts, ProductsContent
from generator.contract.models import (VOTES_PER_PARTICIPANT, Actor, PotentialAlly, OrganizationData,
                                  TrustEquation, PriorityStrategy, FollowUp, without_accents)

# ------------------------------------------------------------------ elevator pitch


@dataclass(frozen=True)
class PitchPart:
    parte: PitchPartContent
    texto: str | None
    words: int
    max_words: int  # what fits in the part's seconds at the stated speaking rate

    @property
    def exceeds(self) -> bool:
        return self.words > self.max_words

    @property
    def segundos(self) -> int:
        """Seconds the text takes at the same rate, rounded up."""
        return math.ceil(self.words * self.parte.segundos / self.max_words) if self.max_words else 0


def count_words(texto: str | None) -> int:
    return len(texto.split()) if texto else 0


def discurso_elevador(org: OrganizationData, contenido: PitchContent) -> list[PitchPart]:
    """The pitch's parts, filled with the organization's text where it has one."""
    datos = org.discurso_elevador
    textos: dict[str, str | None] = {"presentacion": None, "impacto": None, "por_que_aliarse": None}
    if datos is not None:
        if datos.vocero:
            presentacion = contenido.formato_presentacion.format(
                vocero=datos.vocero, organizacion=org.organizacion.nombre)
            # "…, A.C." followed by the sentence's own period.
            textos["presentacion"] = presentacion[:-1] if presentacion.endswith("..") else presentacion
        impacto = [t for t in (datos.problema, datos.accion, datos.resultado) if t]
        textos["impacto"] = " ".join(" ".join(t.split()) for t in impacto) or None
        textos["por_que_aliarse"] = datos.por_que_aliarse
    return [
        PitchPart(parte, textos[parte.clave], count_words(textos[parte.clave]),
                         parte.segundos * contenido.palabras_por_minuto // 60)
        for parte in contenido.partes
    ]


# ------------------------------------------------------------------ trust equation

TRUST_COMPONENTS = ("credibilidad", "confiabilidad", "intimidad")


@dataclass(frozen=True)
class Trust:
    """T = (C + R + I) / S, with each factor from 1 to 10."""

    credibilidad: int
    confiabilidad: int
    intimidad: int
    orientacion_a_si_mismo: int

    @property
    def valor(self) -> float:
        return (self.credibilidad + self.confiabilidad + self.intimidad) / self.orientacion_a_si_mismo

    maximum: float = 30.0  # (10 + 10 + 10) / 1
    minimum: float = 0.3   # (1 + 1 + 1) / 10

    @property
    def strongest(self) -> str:
        return max(TRUST_COMPONENTS, key=lambda c: getattr(self, c))

    @property
    def weakest(self) -> str:
        return min(TRUST_COMPONENTS, key=lambda c: getattr(self, c))

    @property
    def value_with_less_self_orientation(self) -> float | None:
        """The value if self-orientation were one point lower: the divisor weighs the most."""
        s = self.orientacion_a_si_mismo
        return None if s <= 1 else (self.credibilidad + self.confiabilidad + self.intimidad) / (s - 1)


def confianza(datos: TrustEquation | None) -> Trust | None:
    """The computed equation, when the self-assessment gives all four factors."""
    if datos is None:
        return None
    valores = [datos.credibilidad, datos.confiabilidad, datos.intimidad, datos.orientacion_a_si_mismo]
    return None if any(v is None for v in valores) else Trust(*valores)


# ------------------------------------------------------------------ system map and follow-ups


def actor_by_name(org: OrganizationData) -> dict[str, Actor]:
    actores = org.mapa_sistema.actores if org.mapa_sistema else []
    return {without_accents(a.nombre): a for a in actores}


@dataclass(frozen=True)
class StageChange:
    actor: Actor                  # as in the baseline
    relationship_after: object      # Relacion | None (unchanged when None)
    outcome_after: object     # Resultado | None
    nota: str | None

    @property
    def changes_relationship(self) -> bool:
        return self.relationship_after is not None and self.relationship_after != self.actor.relacion

    @property
    def changes_outcome(self) -> bool:
        return self.outcome_after is not None and self.outcome_after != self.actor.resultado


@dataclass(frozen=True)
class ComparedStage:
    follow_up: FollowUp
    cambios: list[StageChange]
    actores: list[Actor]  # the whole map at this stage (baseline plus every change so far)


def seguimientos(org: OrganizationData) -> list[ComparedStage]:
    """Each follow-up stage against the baseline, changes accumulating stage after stage. Without
    actors there is no baseline to compare with (``validate`` warns about such follow-ups)."""
    mapa = org.mapa_sistema
    if mapa is None or not mapa.actores:
        return []
    base = actor_by_name(org)
    state = dict(base)
    etapas = []
    for follow_up in mapa.seguimientos:
        cambios = []
        for cambio in follow_up.cambios:
            clave = without_accents(cambio.actor)
            actor = base[clave]
            cambios.append(StageChange(actor, cambio.relacion, cambio.resultado, cambio.nota))
            update = {k: v for k, v in (("relacion", cambio.relacion), ("resultado", cambio.resultado)) if v}
            state[clave] = state[clave].model_copy(update=update)
        etapas.append(ComparedStage(follow_up, cambios, list(state.values())))
    return etapas


# ------------------------------------------------------------------ Critical Route per ally


@dataclass(frozen=True)
class AllyOnRoute:
    datos: PotentialAlly
    actor: Actor          # the map's actor it names
    slug: str
    recursos: list[str]   # given, or the actor's resources in the map
    shared_resources: set[str] = field(default_factory=set)  # accent-free keys present on both sides

    @property
    def nombre(self) -> str:
        return self.actor.nombre

    def is_shared(self, recurso: str) -> bool:
        return without_accents(recurso) in self.shared_resources

    def resource_rows(self, own: list[str]) -> list["ResourceRow"]:
        """Both sides' resources as one list, each once: shared ones first (in the
        organization's order), then the organization's own, then the ally's."""
        rows: dict[str, ResourceRow] = {}
        for name in own:
            rows.setdefault(without_accents(name), ResourceRow(name, ours=True, theirs=False))
        for name in self.recursos:
            key = without_accents(name)
            if key in rows:
                rows[key] = replace(rows[key], theirs=True)
            else:
                rows[key] = ResourceRow(name, ours=False, theirs=True)
        values = list(rows.values())
        return [r for r in values if r.shared] + [r for r in values if not r.shared]


@dataclass(frozen=True)
class ResourceRow:
    """One resource on an ally's page and which side has it."""

    name: str
    ours: bool
    theirs: bool

    @property
    def shared(self) -> bool:
        return self.ours and self.theirs


#: Longest slug of a page named after user text. File names hold 255 bytes; a name is free text
#: (any length passes validation), so its slug is cut well before that, whatever the script.
MAX_SLUG = 60
_FINGERPRINT_SLUG = 8


def slug_of(texto: str) -> str:
    """The file-name form of ``texto``: accent-free letters and digits joined by hyphens.

    Bounded by construction (``MAX_SLUG`` characters, at most 4 UTF-8 bytes each), so any
    valid name builds; a cut slug ends with a short hash of the whole one, so two long names
    that only differ after the cut still get their own pages.
    """
    limpio = "".join(c if c.isalnum() else "-" for c in without_accents(texto))
    slug = "-".join(p for p in limpio.split("-") if p) or "aliado"
    if len(slug) <= MAX_SLUG:
        return slug
    huella = hashlib.sha256(slug.encode("utf-8")).hexdigest()[:_FINGERPRINT_SLUG]
    return f"{slug[:MAX_SLUG - _FINGERPRINT_SLUG - 1].rstrip('-')}-{huella}"


def allies_on_route(org: OrganizationData) -> list[AllyOnRoute]:
    actores = actor_by_name(org)
    propios = {without_accents(r) for r in org.recursos_propios}
    usados: set[str] = set()
    aliados = []
    for datos in org.aliados_potenciales:
        actor = actores[without_accents(datos.actor)]
        recursos = list(datos.recursos) if datos.recursos is not None else list(actor.recursos)
        slug = base = slug_of(actor.nombre)
        n = 2
        while slug in usados:
            slug, n = f"{base}-{n}", n + 1
        usados.add(slug)
        shared_resources = propios & {without_accents(r) for r in recursos}
        aliados.append(AllyOnRoute(datos, actor, slug, recursos, shared_resources))
    return aliados


# ------------------------------------------------------------------ outcome mapping


@dataclass(frozen=True)
class Vote:
    ranking: list[PriorityStrategy]  # most votes first; ties keep the file's order
    total: int
    limit: int | None                     # 3 votes per participant, when participants are known

    @property
    def exceeds(self) -> bool:
        return self.limit is not None and self.total > self.limit


def votacion(org: OrganizationData) -> Vote:
    estrategias = org.plan_alianzas.estrategias_prioritarias if org.plan_alianzas else []
    ranking = sorted(estrategias, key=lambda e: -e.votos)
    limit = VOTES_PER_PARTICIPANT * len(org.participantes) if org.participantes else None
    return Vote(ranking, sum(e.votos for e in estrategias), limit)


# ------------------------------------------------------------------ work plan


@dataclass(frozen=True)
class Task:
    nombre: str
    inicio: date | None
    fin: date | None
    nivel: int = 0
    responsables: str | None = None
    equipo_org: str | None = None
    producto: str | None = None


def work_plan(org: OrganizationData, fechas: dict[int | str, date],
                    componentes: list[Component], etiquetas: dict[int | str, str]) -> tuple[list[Task], bool]:
    """The work plan's rows and whether they were derived.

    The organization's own ``plan_trabajo`` when it has activities. Otherwise, from the dated
    sessions (``fechas``): each component with sessions spans its sessions' dates (one
    sub-row per session, named by ``etiquetas``); the components without sessions take their
    share of time before the first session and after the last one, measured against the
    span of the sessions, which stands for the shares of the components that have them.
    Without any dated session there is nothing to derive: ``([], True)``.
    """
    if org.plan_trabajo and org.plan_trabajo.actividades:
        tareas = []
        for a in org.plan_trabajo.actividades:
            tareas.append(Task(a.nombre, a.inicio, a.fin, 0, a.responsables, a.equipo_org, a.producto))
            tareas += [Task(s.nombre, s.inicio, s.fin, 1) for s in a.subactividades]
        return tareas, False
    if not fechas:
        return [], True
    primera, ultima = min(fechas.values()), max(fechas.values())
    con_sesiones = [c for c in componentes if any(s in fechas for s in c.sesiones)]
    cubierto = sum(c.porcentaje for c in con_sesiones) or 100
    dias_por_punto = max(1, (ultima - primera).days + 1) / cubierto
    tareas = []
    antes = True
    for componente in componentes:
        propias = sorted((fechas[s], s) for s in componente.sesiones if s in fechas)
        if propias:
            antes = False
            inicio, fin = propias[0][0], propias[-1][0]
            subtareas = [Task(etiquetas[s], f, f, 1) for f, s in propias]
        else:
            dias = max(1, round(componente.porcentaje * dias_por_punto))
            if antes:
                inicio, fin = primera - timedelta(days=dias), primera - timedelta(days=1)
            else:
                inicio, fin = ultima + timedelta(days=1), ultima + timedelta(days=dias)
            subtareas = []
        tareas.append(Task(componente.nombre, inicio, fin, 0, componente.responsables,
                            componente.equipo_org, componente.producto))
        tareas += subtareas
    return tareas, True


# ------------------------------------------------------------------ plan completeness


@dataclass(frozen=True)
class MissingItem:
    """Something the Strategic Alliance Plan still lacks: its place in the file and what."""

    ruta: str
    que: str


def plan_missing_items(org: OrganizationData, textos: PlanMissingTexts) -> list[MissingItem]:
    """What is missing for a complete Strategic Alliance Plan (Annex 7), in the plan's order, in
    the words of ``content/productos.yaml`` (``faltantes_plan``)."""
    o = org.organizacion
    faltan: list[MissingItem] = []

    def missing(ruta: str, que: str, **nombres: str) -> None:
        faltan.append(MissingItem(ruta, que.format(**nombres) if nombres else que))

    if not o.vision:
        missing("organizacion.vision", textos.vision)
    if not o.especialidad:
        missing("organizacion.especialidad", textos.especialidad)
    if not o.logo:
        missing("organizacion.logo", textos.logo)
    if not org.participantes:
        missing("participantes", textos.participantes)
    plan = org.plan_alianzas
    if plan is None or not plan.lineas_accion:
        missing("plan_alianzas.lineas_accion", textos.lineas_accion)
    else:
        for i, linea in enumerate(plan.lineas_accion):
            ruta = f"plan_alianzas.lineas_accion[{i}]"
            if not linea.funcionan:
                missing(f"{ruta}.funcionan", textos.funcionan, nombre=linea.nombre)
            elif any(not e.por_que for e in linea.funcionan):
                missing(f"{ruta}.funcionan", textos.por_que, nombre=linea.nombre)
            if not linea.no_funcionan:
                missing(f"{ruta}.no_funcionan", textos.no_funcionan, nombre=linea.nombre)
            if not linea.por_integrar:
                missing(f"{ruta}.por_integrar", textos.por_integrar, nombre=linea.nombre)
    if plan is None or not plan.estrategias_prioritarias:
        missing("plan_alianzas.estrategias_prioritarias", textos.estrategias_prioritarias)
    else:
        for i, estrategia in enumerate(plan.estrategias_prioritarias):
            ruta = f"plan_alianzas.estrategias_prioritarias[{i}]"
            if not estrategia.aliados:
                missing(f"{ruta}.aliados", textos.aliados, nombre=estrategia.estrategia)
            for j, aliado in enumerate(estrategia.aliados):
                sub = f"{ruta}.aliados[{j}]"
                if not aliado.objetivo:
                    missing(f"{sub}.objetivo", textos.objetivo, nombre=aliado.aliado)
                for plazo in ("corto_plazo", "mediano_plazo", "largo_plazo"):
                    if not getattr(aliado, plazo):
                        missing(f"{sub}.{plazo}", textos.actividades, nombre=aliado.aliado, plazo=textos.plazos[plazo])
    if plan is None or not plan.conclusiones:
        missing("plan_alianzas.conclusiones", textos.conclusiones)
    return faltan


# ------------------------------------------------------------------ all of them, once


@dataclass(frozen=True)
class OrganizationProducts:
    """Everything the product pages and figures need, computed once per handbook."""

    aliados: list[AllyOnRoute]
    etapas: list[ComparedStage]
    votacion: Vote
    tareas: list[Task]
    derived_plan: bool


def gather(org: OrganizationData, sesiones, contenido: ProductsContent) -> OrganizationProducts:
    """``sesiones``: the planned sessions (their dates and labels feed a derived work plan)."""
    fechas = {s.clave: s.fecha for s in sesiones if s.fecha}
    etiquetas = {s.clave: s.etiqueta for s in sesiones}
    tareas, derivado = work_plan(org, fechas, contenido.componentes, etiquetas)
    return OrganizationProducts(allies_on_route(org), seguimientos(org), votacion(org), tareas, derivado)
