"""Stage 4: the handbook's figures, drawn in Python as standalone SVG (no JavaScript).

``draw`` returns every figure of one organization's handbook by file name; rendering
writes them under ``docs/figuras/`` and the pages show them as images with their text
alternative.
"""

from __future__ import annotations

from generator.colour import palette
from generator.figures.gantt import Bar, gantt
from generator.figures.system_map import map_key_figure, ring_map
from generator.figures.critical_route import ruta_critica
from generator.figures.five_rs import five_rs
from generator.figures.outcome_map import outcome_map
from generator.figures.pitch import pitch
from generator.figures.slide_map import slide_map
from generator.figures.svg import SLIDE_TEXT, Figure
from generator.contract.models import StrategyAlly, PriorityStrategy, Relationship
from generator.figures.system_map import NO_RELATIONSHIP
from generator.methodology import Methodology
from generator.plan.products import discurso_elevador
from generator.structure import Handbook

__all__ = ["FILE_NAMES", "BLANK_RING_MAP", "FIVE_RS", "Figure", "MAPA_CLAVE", "MAPA_SISTEMA", "PITCH", "WORK_PLAN",
           "RUTA_CRITICA", "SLIDE_MAP", "SLIDE_ROUTE", "draw", "stage_map_file", "outcome_map_file"]

# The figures' file names, spelled here only (templates get them as ``figuras_archivo``).
RUTA_CRITICA = "ruta-critica.svg"
MAPA_SISTEMA = "mapa-sistema.svg"
MAPA_CLAVE = "mapa-sistema-clave.svg"  # the ring map's numbered key, printed as its own figure
WORK_PLAN = "plan-trabajo.svg"
BLANK_RING_MAP = "mapa-sistema-en-blanco.svg"  # the worksheet: rings and halves, no actors
# Figures drawn for the slide decks (laid out in slide points, generator.figures.svg.SLIDE_BOX_W).
FIVE_RS = "cinco-erres.svg"
PITCH = "discurso-elevador-estructura.svg"
SLIDE_ROUTE = "ruta-critica-diapositiva.svg"  # the Critical Route at slide text size
SLIDE_MAP = "mapa-sistema-diapositiva.svg"  # the ring map alone, numbered; its key is on the next slides


def outcome_map_file(number: int) -> str:
    """The outcome-mapping chart of the ``number``-th ally of the priority strategies (from 1)."""
    return f"mapeo-resultados-{number}.svg"


def stage_map_file(etapa: str) -> str:
    """The system map as it stands at a follow-up stage ("intermedia", "final")."""
    return f"mapa-sistema-{etapa}.svg"


FILE_NAMES = {"ruta_critica": RUTA_CRITICA, "mapa_sistema": MAPA_SISTEMA, "mapa_clave": MAPA_CLAVE, "plan_trabajo": WORK_PLAN,
            "blank_ring_map": BLANK_RING_MAP,
            "stage_map_file": stage_map_file,
            "cinco_erres": FIVE_RS, "ruta_critica_diapositiva": SLIDE_ROUTE, "discurso_elevador": PITCH, "mapa_diapositiva": SLIDE_MAP,
            "mapeo_resultados": outcome_map_file}


def draw(handbook: Handbook, metodologia: Methodology) -> dict[str, Figure]:
    org = handbook.org
    contenido = metodologia.productos
    color = palette(org.organizacion.colores)[0]
    calculados = handbook.productos
    figuras: dict[str, Figure] = {
        RUTA_CRITICA: ruta_critica(contenido.etapas_ruta_critica, contenido.rotulos["ruta"], color=color),
        BLANK_RING_MAP: ring_map(org.organizacion.nombre, [], contenido.rotulos["mapa"]),
    }
    rotulos = contenido.rotulos
    figuras[SLIDE_ROUTE] = ruta_critica(contenido.etapas_ruta_critica, rotulos["ruta"], color=color, tamano=SLIDE_TEXT)
    figuras[FIVE_RS] = five_rs(contenido.cinco_erres, rotulos["cinco_erres"], color=color)
    figuras[PITCH] = pitch(discurso_elevador(org, contenido.discurso_elevador), rotulos["discurso"], color=color)
    for number, (strategy, ally) in enumerate(_strategy_allies(org), 1):
        terms = [ally.corto_plazo, ally.mediano_plazo, ally.largo_plazo] if ally else [[], [], []]
        figuras[outcome_map_file(number)] = outcome_map(
            org.organizacion.mision, strategy.estrategia if strategy else None, ally.aliado if ally else None,
            terms, rotulos["mapeo"], color=color)
    if org.mapa_sistema and org.mapa_sistema.actores:
        nombre = org.organizacion.nombre
        rings = {r.value: r.etiqueta[:1].upper() + r.etiqueta[1:] for r in Relationship}
        rings[NO_RELATIONSHIP] = rotulos["mapa"]["sin_relacion"]
        figuras[SLIDE_MAP] = slide_map(org.organizacion.siglas or nombre, org.mapa_sistema.actores,
                                       {**rotulos["mapa"], **rotulos["mapa_diapositiva"]}, rings)
        # The map and its key are two figures, so that each prints whole on a page at a legible size.
        figuras[MAPA_SISTEMA] = ring_map(nombre, org.mapa_sistema.actores, contenido.rotulos["mapa"],
                                             clave=False)
        figuras[MAPA_CLAVE] = map_key_figure(org.mapa_sistema.actores, contenido.rotulos["mapa"])
        etapas = calculados.etapas
        if etapas:
            ultima = etapas[-1]
            cambiados = {c.actor.nombre for e in etapas for c in e.cambios}
            figuras[stage_map_file(ultima.follow_up.etapa.value)] = ring_map(
                nombre, ultima.actores, contenido.rotulos["mapa"], resaltar=cambiados, clave=False)
    barras = [Bar(t.nombre, t.inicio, t.fin, t.nivel, t.producto) for t in calculados.tareas if t.inicio and t.fin]
    if barras:
        rotulos = contenido.rotulos["gantt"]
        hitos = [(s.fecha, rotulos["hito_mapeo"] if s.clave == "mapeo" else rotulos["hito_sesion"].format(numero=s.clave))
                 for s in handbook.sesiones if s.fecha]
        figuras[WORK_PLAN] = gantt(barras, rotulos, color=color, hitos=hitos)
    return figuras


def _strategy_allies(org) -> list[tuple[PriorityStrategy | None, StrategyAlly | None]]:
    """Each ally of each priority strategy, in the file's order (a strategy without allies once);
    one empty pair when there is no priority strategy, for the chart as a template."""
    strategies = org.plan_alianzas.estrategias_prioritarias if org.plan_alianzas else []
    pairs = [(s, a) for s in strategies for a in (s.aliados or [None])]
    return pairs or [(None, None)]
