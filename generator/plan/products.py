"""The organization's products, computed from its data for the product pages.

Nothing here writes text for readers: it counts, compares, ranks and derives, and the
templates in ``content/plantillas/productos/`` say it in Spanish.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from generator.methodology.models import Componente, DiscursoContenido, ParteDiscurso, Productos
from generator.contract.models import (VOTOS_POR_PARTICIPANTE, Actor, AliadoPotencial, DatosOrganizacion,
                                  EcuacionConfianza, EstrategiaPrioritaria, Seguimiento, sin_acentos)

# ------------------------------------------------------------------ elevator pitch


@dataclass(frozen=True)
class ParteDelDiscurso:
    parte: ParteDiscurso
    texto: str | None
    palabras: int
    max_palabras: int  # what fits in the part's seconds at the stated speaking rate

    @property
    def excede(self) -> bool:
        return self.palabras > self.max_palabras

    @property
    def segundos(self) -> int:
        """Seconds the text takes at the same rate, rounded up."""
        return math.ceil(self.palabras * self.parte.segundos / self.max_palabras) if self.max_palabras else 0


def contar_palabras(texto: str | None) -> int:
    return len(texto.split()) if texto else 0


def discurso_elevador(org: DatosOrganizacion, contenido: DiscursoContenido) -> list[ParteDelDiscurso]:
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
        ParteDelDiscurso(parte, textos[parte.clave], contar_palabras(textos[parte.clave]),
                         parte.segundos * contenido.palabras_por_minuto // 60)
        for parte in contenido.partes
    ]


# ------------------------------------------------------------------ trust equation

COMPONENTES_CONFIANZA = ("credibilidad", "confiabilidad", "intimidad")


@dataclass(frozen=True)
class Confianza:
    """T = (C + R + I) / S, with each factor from 1 to 10."""

    credibilidad: int
    confiabilidad: int
    intimidad: int
    orientacion_a_si_mismo: int

    @property
    def valor(self) -> float:
        return (self.credibilidad + self.confiabilidad + self.intimidad) / self.orientacion_a_si_mismo

    maximo: float = 30.0  # (10 + 10 + 10) / 1
    minimo: float = 0.3   # (1 + 1 + 1) / 10

    @property
    def mas_fuerte(self) -> str:
        return max(COMPONENTES_CONFIANZA, key=lambda c: getattr(self, c))

    @property
    def mas_debil(self) -> str:
        return min(COMPONENTES_CONFIANZA, key=lambda c: getattr(self, c))

    @property
    def valor_con_menos_orientacion(self) -> float | None:
        """The value if self-orientation were one point lower: the divisor weighs the most."""
        s = self.orientacion_a_si_mismo
        return None if s <= 1 else (self.credibilidad + self.confiabilidad + self.intimidad) / (s - 1)


def confianza(datos: EcuacionConfianza | None) -> Confianza | None:
    """The computed equation, when the self-assessment gives all four factors."""
    if datos is None:
        return None
    valores = [datos.credibilidad, datos.confiabilidad, datos.intimidad, datos.orientacion_a_si_mismo]
    return None if any(v is None for v in valores) else Confianza(*valores)


# ------------------------------------------------------------------ system map and follow-ups


def actor_por_nombre(org: DatosOrganizacion) -> dict[str, Actor]:
    actores = org.mapa_sistema.actores if org.mapa_sistema else []
    return {sin_acentos(a.nombre): a for a in actores}


@dataclass(frozen=True)
class CambioDeEtapa:
    actor: Actor                  # as in the baseline
    relacion_despues: object      # Relacion | None (unchanged when None)
    resultado_despues: object     # Resultado | None
    nota: str | None

    @property
    def cambia_relacion(self) -> bool:
        return self.relacion_despues is not None and self.relacion_despues != self.actor.relacion

    @property
    def cambia_resultado(self) -> bool:
        return self.resultado_despues is not None and self.resultado_despues != self.actor.resultado


@dataclass(frozen=True)
class EtapaComparada:
    seguimiento: Seguimiento
    cambios: list[CambioDeEtapa]
    actores: list[Actor]  # the whole map at this stage (baseline plus every change so far)


def seguimientos(org: DatosOrganizacion) -> list[EtapaComparada]:
    """Each follow-up stage against the baseline, changes accumulating stage after stage."""
    mapa = org.mapa_sistema
    if mapa is None:
        return []
    base = actor_por_nombre(org)
    estado = dict(base)
    etapas = []
    for seguimiento in mapa.seguimientos:
        cambios = []
        for cambio in seguimiento.cambios:
            clave = sin_acentos(cambio.actor)
            actor = base[clave]
            cambios.append(CambioDeEtapa(actor, cambio.relacion, cambio.resultado, cambio.nota))
            update = {k: v for k, v in (("relacion", cambio.relacion), ("resultado", cambio.resultado)) if v}
            estado[clave] = estado[clave].model_copy(update=update)
        etapas.append(EtapaComparada(seguimiento, cambios, list(estado.values())))
    return etapas


# ------------------------------------------------------------------ Critical Route per ally


@dataclass(frozen=True)
class AliadoEnRuta:
    datos: AliadoPotencial
    actor: Actor          # the map's actor it names
    slug: str
    recursos: list[str]   # given, or the actor's resources in the map
    compartidos: set[str] = field(default_factory=set)  # accent-free keys present on both sides

    @property
    def nombre(self) -> str:
        return self.actor.nombre

    def es_compartido(self, recurso: str) -> bool:
        return sin_acentos(recurso) in self.compartidos

    def resource_rows(self, own: list[str]) -> list["ResourceRow"]:
        """Both sides' resources as one list, each once: shared ones first (in the
        organization's order), then the organization's own, then the ally's."""
        rows: dict[str, ResourceRow] = {}
        for name in own:
            rows.setdefault(sin_acentos(name), ResourceRow(name, ours=True, theirs=False))
        for name in self.recursos:
            key = sin_acentos(name)
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
_HUELLA_SLUG = 8


def slug_de(texto: str) -> str:
    """The file-name form of ``texto``: accent-free letters and digits joined by hyphens.

    Bounded by construction (``MAX_SLUG`` characters, at most 4 UTF-8 bytes each), so any
    valid name builds; a cut slug ends with a short hash of the whole one, so two long names
    that only differ after the cut still get their own pages.
    """
    limpio = "".join(c if c.isalnum() else "-" for c in sin_acentos(texto))
    slug = "-".join(p for p in limpio.split("-") if p) or "aliado"
    if len(slug) <= MAX_SLUG:
        return slug
    huella = hashlib.sha256(slug.encode("utf-8")).hexdigest()[:_HUELLA_SLUG]
    return f"{slug[:MAX_SLUG - _HUELLA_SLUG - 1].rstrip('-')}-{huella}"


def aliados_en_ruta(org: DatosOrganizacion) -> list[AliadoEnRuta]:
    actores = actor_por_nombre(org)
    propios = {sin_acentos(r) for r in org.recursos_propios}
    usados: set[str] = set()
    aliados = []
    for datos in org.aliados_potenciales:
        actor = actores[sin_acentos(datos.actor)]
        recursos = list(datos.recursos) if datos.recursos is not None else list(actor.recursos)
        slug = base = slug_de(actor.nombre)
        n = 2
        while slug in usados:
            slug, n = f"{base}-{n}", n + 1
        usados.add(slug)
        compartidos = propios & {sin_acentos(r) for r in recursos}
        aliados.append(AliadoEnRuta(datos, actor, slug, recursos, compartidos))
    return aliados


# ------------------------------------------------------------------ outcome mapping


@dataclass(frozen=True)
class Votacion:
    ranking: list[EstrategiaPrioritaria]  # most votes first; ties keep the file's order
    total: int
    limite: int | None                     # 3 votes per participant, when participants are known

    @property
    def excede(self) -> bool:
        return self.limite is not None and self.total > self.limite


def votacion(org: DatosOrganizacion) -> Votacion:
    estrategias = org.plan_alianzas.estrategias_prioritarias if org.plan_alianzas else []
    ranking = sorted(estrategias, key=lambda e: -e.votos)
    limite = VOTOS_POR_PARTICIPANTE * len(org.participantes) if org.participantes else None
    return Votacion(ranking, sum(e.votos for e in estrategias), limite)


# ------------------------------------------------------------------ work plan


@dataclass(frozen=True)
class Tarea:
    nombre: str
    inicio: date | None
    fin: date | None
    nivel: int = 0
    responsables: str | None = None
    equipo_org: str | None = None
    producto: str | None = None


def plan_de_trabajo(org: DatosOrganizacion, fechas: dict[int | str, date],
                    componentes: list[Componente], etiquetas: dict[int | str, str]) -> tuple[list[Tarea], bool]:
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
            tareas.append(Tarea(a.nombre, a.inicio, a.fin, 0, a.responsables, a.equipo_org, a.producto))
            tareas += [Tarea(s.nombre, s.inicio, s.fin, 1) for s in a.subactividades]
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
            subtareas = [Tarea(etiquetas[s], f, f, 1) for f, s in propias]
        else:
            dias = max(1, round(componente.porcentaje * dias_por_punto))
            if antes:
                inicio, fin = primera - timedelta(days=dias), primera - timedelta(days=1)
            else:
                inicio, fin = ultima + timedelta(days=1), ultima + timedelta(days=dias)
            subtareas = []
        tareas.append(Tarea(componente.nombre, inicio, fin, 0, componente.responsables,
                            componente.equipo_org, componente.producto))
        tareas += subtareas
    return tareas, True


# ------------------------------------------------------------------ plan completeness


@dataclass(frozen=True)
class Faltante:
    """Something the Strategic Alliance Plan still lacks: its place in the file and what."""

    ruta: str
    que: str


def faltantes_plan(org: DatosOrganizacion) -> list[Faltante]:
    """What is missing for a complete Strategic Alliance Plan (Annex 7), in the plan's order."""
    o = org.organizacion
    faltan: list[Faltante] = []

    def falta(ruta: str, que: str) -> None:
        faltan.append(Faltante(ruta, que))

    if not o.vision:
        falta("organizacion.vision", "la visión, para la semblanza del plan")
    if not o.especialidad:
        falta("organizacion.especialidad", "la especialidad de la organización (el cambio en qué tema)")
    if not o.logo:
        falta("organizacion.logo", "el logo, para la portada y el membrete")
    if not org.participantes:
        falta("participantes", "las personas que participaron en la creación del plan")
    plan = org.plan_alianzas
    if plan is None or not plan.lineas_accion:
        falta("plan_alianzas.lineas_accion", "las líneas de acción con sus estrategias")
    else:
        for i, linea in enumerate(plan.lineas_accion):
            ruta = f"plan_alianzas.lineas_accion[{i}]"
            if not linea.funcionan:
                falta(f"{ruta}.funcionan", f"«{linea.nombre}»: las estrategias que mejor han funcionado")
            elif any(not e.por_que for e in linea.funcionan):
                falta(f"{ruta}.funcionan", f"«{linea.nombre}»: por qué funciona cada estrategia")
            if not linea.no_funcionan:
                falta(f"{ruta}.no_funcionan", f"«{linea.nombre}»: las estrategias sin resultados óptimos")
            if not linea.por_integrar:
                falta(f"{ruta}.por_integrar", f"«{linea.nombre}»: las estrategias que se podrían integrar")
    if plan is None or not plan.estrategias_prioritarias:
        falta("plan_alianzas.estrategias_prioritarias", "las estrategias prioritarias con sus aliados")
    else:
        for i, estrategia in enumerate(plan.estrategias_prioritarias):
            ruta = f"plan_alianzas.estrategias_prioritarias[{i}]"
            if not estrategia.aliados:
                falta(f"{ruta}.aliados", f"«{estrategia.estrategia}»: los potenciales aliados")
            for j, aliado in enumerate(estrategia.aliados):
                sub = f"{ruta}.aliados[{j}]"
                if not aliado.objetivo:
                    falta(f"{sub}.objetivo", f"«{aliado.aliado}»: el objetivo de la alianza")
                for plazo, nombre in (("corto_plazo", "corto"), ("mediano_plazo", "mediano"), ("largo_plazo", "largo")):
                    if not getattr(aliado, plazo):
                        falta(f"{sub}.{plazo}", f"«{aliado.aliado}»: las actividades a {nombre} plazo")
    if plan is None or not plan.conclusiones:
        falta("plan_alianzas.conclusiones", "las conclusiones")
    return faltan


# ------------------------------------------------------------------ all of them, once


@dataclass(frozen=True)
class ProductosDeLaOrganizacion:
    """Everything the product pages and figures need, computed once per handbook."""

    aliados: list[AliadoEnRuta]
    etapas: list[EtapaComparada]
    votacion: Votacion
    tareas: list[Tarea]
    plan_derivado: bool


def reunir(org: DatosOrganizacion, sesiones, contenido: Productos) -> ProductosDeLaOrganizacion:
    """``sesiones``: the planned sessions (their dates and labels feed a derived work plan)."""
    fechas = {s.clave: s.fecha for s in sesiones if s.fecha}
    etiquetas = {s.clave: s.etiqueta for s in sesiones}
    tareas, derivado = plan_de_trabajo(org, fechas, contenido.componentes, etiquetas)
    return ProductosDeLaOrganizacion(aliados_en_ruta(org), seguimientos(org), votacion(org), tareas, derivado)
