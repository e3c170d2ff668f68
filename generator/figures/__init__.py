"""Stage 4: the handbook's figures, drawn in Python as standalone SVG (no JavaScript).

``draw`` returns every figure of one organization's handbook by file name; rendering
writes them under ``docs/figuras/`` and the pages show them as images with their text
alternative.
"""

from __future__ import annotations

from generator.colour import palette
from generator.figures.gantt import Bar, gantt
from generator.figures.system_map import clave_del_mapa, ring_map
from generator.figures.critical_route import ruta_critica
from generator.figures.svg import Figure
from generator.methodology import Methodology
from generator.structure import Handbook

__all__ = ["FILE_NAMES", "BLANK_RING_MAP", "Figure", "MAPA_CLAVE", "MAPA_SISTEMA", "WORK_PLAN", "RUTA_CRITICA", "dibujar",
           "stage_map_file"]

# The figures' file names, spelled here only (templates get them as ``figuras_archivo``).
RUTA_CRITICA = "ruta-critica.svg"
MAPA_SISTEMA = "mapa-sistema.svg"
MAPA_CLAVE = "mapa-sistema-clave.svg"  # the ring map's numbered key, printed as its own figure
WORK_PLAN = "plan-trabajo.svg"
BLANK_RING_MAP = "mapa-sistema-en-blanco.svg"  # the worksheet: rings and halves, no actors


def stage_map_file(etapa: str) -> str:
    """The system map as it stands at a follow-up stage ("intermedia", "final")."""
    return f"mapa-sistema-{etapa}.svg"


FILE_NAMES = {"ruta_critica": RUTA_CRITICA, "mapa_sistema": MAPA_SISTEMA, "mapa_clave": MAPA_CLAVE, "plan_trabajo": WORK_PLAN,
            "blank_ring_map": BLANK_RING_MAP,
            "stage_map_file": stage_map_file}


def draw(handbook: Handbook, metodologia: Methodology) -> dict[str, Figure]:
    org = handbook.org
    contenido = metodologia.productos
    color = palette(org.organizacion.colores)[0]
    calculados = handbook.productos
    figuras: dict[str, Figure] = {
        RUTA_CRITICA: ruta_critica(contenido.etapas_ruta_critica, contenido.rotulos["ruta"], color=color),
        BLANK_RING_MAP: ring_map(org.organizacion.nombre, [], contenido.rotulos["mapa"]),
    }
    if org.mapa_sistema and org.mapa_sistema.actores:
        nombre = org.organizacion.nombre
        # The map and its key are two figures, so that each prints whole on a page at a legible size.
        figuras[MAPA_SISTEMA] = ring_map(nombre, org.mapa_sistema.actores, contenido.rotulos["mapa"],
                                             clave=False)
        figuras[MAPA_CLAVE] = clave_del_mapa(org.mapa_sistema.actores, contenido.rotulos["mapa"])
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
