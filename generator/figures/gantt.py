"""A Gantt chart of the work plan: one row per activity, bars on a month/week time axis.

Geometry (so tests and readers can check it): the axis starts on the first day of the month
of the earliest date (bars and milestones) and ends after the month of the latest one; the
x of a date is ``x0 + days since the axis start × px_dia`` and a bar covers whole days, from
the start of ``inicio`` to the end of ``fin``. ``px_dia`` makes the chart area 732 units wide,
bounded to [0.8, 12] units per day: spans up to ~2.5 years are exactly 732 wide (so any span
of up to 12 months gets at least 2 units per day), a one-month plan stays ~370 wide, and
longer spans grow instead of squeezing month labels below their own width.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from generator.colour import DEFAULT_PRIMARY, mix
from generator.dates import month_abbreviations
from generator.figures.measure import text_width, wrap
from generator.figures.svg import Figure, documento, esc, texto

AREA = 732.0              # 366 days at 2 units per day
MIN_PX_PER_DAY = 0.8
MAX_PX_PER_DAY = 12.0
MARGIN = 12.0
COLUMN = 170.0           # width of the names column (the whole chart then fits 940 px: a 1280 px screen without the TOC)
INDENT = 14.0            # indent of sub-activity names
X0 = MARGIN + COLUMN + 12
HEADER_HEIGHT = 36.0      # month labels and years
FONT_SIZE = {0: 12.5, 1: 12.0}
STROKE_WIDTHS = {0: 16.0, 1: 10.0}
DETAIL_SIZE = 12.0
MILESTONE_SIZE = 12.0
AXIS_FONT_SIZE = 12.0  # months, years and the milestone row's name
DARK = "#1a1a1a"

Axis = Callable[[datetime.date], float]  # the x of a date's start


@dataclass(frozen=True)
class Bar:
    """One row of the chart: an activity (``nivel`` 0) or a sub-activity (``nivel`` 1)."""

    nombre: str
    inicio: datetime.date
    fin: datetime.date          # inclusive, not before inicio
    nivel: int = 0
    detail: str | None = None  # short text drawn after the bar (e.g. the product)


def months(rotulos: Mapping[str, str]) -> list[str]:
    """The 12 month abbreviations of ``rotulos["meses"]`` (comma separated), Spanish by default."""
    if "meses" not in rotulos:
        return month_abbreviations()
    nombres = [m.strip() for m in rotulos["meses"].split(",")]
    if len(nombres) != 12:
        raise ValueError("rotulos['meses'] must list 12 comma-separated month names")
    return nombres


def _date(d: datetime.date, nombres: list[str]) -> str:
    return f"{d.day} {nombres[d.month - 1]} {d.year}"


def _next_month(d: datetime.date) -> datetime.date:
    return datetime.date(d.year + d.month // 12, d.month % 12 + 1, 1)


def _alternative(barras: Sequence[Bar], hitos: Sequence[tuple[datetime.date, str]],
                 rotulos: Mapping[str, str], nombres: list[str]) -> str:
    partes = []
    for b in barras:
        fechas = _date(b.inicio, nombres)
        if b.fin != b.inicio:
            fechas += f" – {_date(b.fin, nombres)}"
        partes.append(f"{b.nombre}: {fechas}" + (f" ({b.detail})" if b.detail else ""))
    if hitos:
        partes.append(f"{rotulos['hitos']}: " + ", ".join(f"{e} ({_date(d, nombres)})" for d, e in hitos))
    return "; ".join(partes)


def gantt(barras: Sequence[Bar], rotulos: Mapping[str, str], *, color: str = DEFAULT_PRIMARY,
          hitos: Sequence[tuple[datetime.date, str]] = ()) -> Figure:
    """The chart of ``barras`` in input order, with optional milestone diamonds on top.

    ``rotulos``: ``titulo`` (SVG title), ``actividad`` (names column header), optionally ``months``
    (12 comma-separated abbreviations) and, when there are ``hitos``, ``hitos`` (their row label).
    """
    if not barras:
        raise ValueError("a Gantt chart needs at least one bar")
    for b in barras:
        if b.fin < b.inicio or b.nivel not in (0, 1):
            raise ValueError(f"bad bar {b.nombre!r}: fin before inicio or nivel not 0/1")
    nombres = months(rotulos)
    fechas = [b.inicio for b in barras] + [b.fin for b in barras] + [d for d, _ in hitos]
    inicio = min(fechas).replace(day=1)
    fin = _next_month(max(fechas))
    px_dia = round(min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, AREA / (fin - inicio).days)), 4)

    def x(d: datetime.date) -> float:
        return X0 + (d - inicio).days * px_dia

    ancho = round(x(fin) + MARGIN + 4, 2)
    oscuro, claro = mix(color, "#000000", 0.35), mix(color, "#ffffff", 0.5)

    # Rows from top to bottom: milestones (if any), then one per bar.
    cuerpo_arriba = y = MARGIN + HEADER_HEIGHT
    fondo: list[str] = []    # grid, separators, milestone guides: drawn under the bars
    frente: list[str] = []   # names, bars, details, diamonds
    guias: list[float] = []  # x of each milestone, for its dashed guide down the rows
    if hitos:
        y, guias = _milestone_row(hitos, rotulos["hitos"], x, px_dia, y, oscuro, frente)
    arriba_guias = y
    for b in barras:
        tam = FONT_SIZE[b.nivel]
        sangria = INDENT * b.nivel
        lineas = wrap(b.nombre, COLUMN - sangria, tam, max_lines=2, bold=b.nivel == 0)
        interlinea = tam * 1.25
        alto = max(28.0, len(lineas) * interlinea + 12)
        centro = y + alto / 2
        if b.nivel == 0:
            fondo.append(_line(MARGIN, y, ancho - MARGIN, y, "#d9d9d9", 1))
        frente.append(texto(MARGIN + sangria, centro + tam * 0.35 - (len(lineas) - 1) * interlinea / 2,
                            lineas, tam, interlinea=1.25, color=DARK if b.nivel == 0 else "#3d3d3d",
                            peso="bold" if b.nivel == 0 else None, clase="nombre"))
        grosor = STROKE_WIDTHS[b.nivel]
        bx, bw = x(b.inicio), ((b.fin - b.inicio).days + 1) * px_dia
        frente.append(
            f'<rect class="barra" data-nombre="{esc(b.nombre)}" data-inicio="{b.inicio.isoformat()}" '
            f'data-fin="{b.fin.isoformat()}" data-nivel="{b.nivel}" x="{bx:.2f}" y="{centro - grosor / 2:.2f}" '
            f'width="{bw:.2f}" height="{grosor:.2f}" rx="2" fill="{color if b.nivel == 0 else claro}" '
            f'stroke="{oscuro}" stroke-width="0.8"/>')
        if b.detail:
            frente.append(_detail(b.detail, bx, bx + bw, centro, ancho))
        y += alto
    abajo = y
    fondo.insert(0, _grid(inicio, fin, x, cuerpo_arriba, abajo, nombres))
    fondo.extend(_line(gx, arriba_guias, gx, abajo, claro, 1, ' stroke-dasharray="3 3"') for gx in guias)
    fondo.append(_line(MARGIN, abajo, ancho - MARGIN, abajo, "#bdbdbd", 1))
    cabecera = [
        texto(MARGIN, MARGIN + 14, [rotulos["actividad"]], 12.5, peso="bold"),
        _line(MARGIN, cuerpo_arriba, ancho - MARGIN, cuerpo_arriba, "#8c8c8c", 1.2),
    ]
    eje = (f'<g class="eje" data-inicio="{inicio.isoformat()}" data-fin="{fin.isoformat()}" '
           f'data-px-dia="{px_dia:g}" data-x0="{X0:g}">' + "".join(fondo) + "</g>")
    alto_total = abajo + MARGIN
    alternative = _alternative(barras, hitos, rotulos, nombres)
    svg = documento(ancho, alto_total, [eje]
                    + cabecera + frente, rotulos["titulo"], alternative)
    return Figure(svg=svg, alternative=alternative, ancho=ancho, alto=alto_total)


def _line(x1: float, y1: float, x2: float, y2: float, color: str, grosor: float, extra: str = "") -> str:
    return (f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" '
            f'stroke="{color}" stroke-width="{grosor:g}"{extra}/>')


def _grid(inicio: datetime.date, fin: datetime.date, x: Axis, arriba: float, abajo: float,
             nombres: list[str]) -> str:
    """Week lines (Mondays), month lines and the month/year labels above them."""
    partes = []
    d = inicio + datetime.timedelta(days=-inicio.weekday() % 7)
    while d < fin:
        partes.append(_line(x(d), arriba, x(d), abajo, "#eeeeee", 0.7))
        d += datetime.timedelta(days=7)
    mes = inicio
    while mes < fin:
        siguiente = _next_month(mes)
        centro = (x(mes) + x(siguiente)) / 2
        partes.append(_line(x(mes), MARGIN, x(mes), abajo, "#c4c4c4", 1))
        partes.append(texto(centro, MARGIN + 14, [nombres[mes.month - 1]], AXIS_FONT_SIZE, anchor="middle",
                            color="#333333", clase="mes"))
        if mes.month == 1 or mes == inicio:
            partes.append(texto(centro, MARGIN + 29, [str(mes.year)], AXIS_FONT_SIZE, anchor="middle",
                                peso="bold", color="#333333", clase="anio"))
        mes = siguiente
    partes.append(_line(x(fin), MARGIN, x(fin), abajo, "#c4c4c4", 1))
    return "".join(partes)


def _detail(detail: str, x1: float, x2: float, centro: float, ancho: float) -> str:
    """``detail`` after the bar; before it if it only fits there; cut to the roomier side."""
    izquierda = x1 - 6 - X0
    derecha = ancho - MARGIN - (x2 + 6)
    necesario = text_width(detail, DETAIL_SIZE)
    if necesario <= derecha or derecha >= izquierda:
        tx, anchor, espacio = x2 + 6, "start", derecha
    else:
        tx, anchor, espacio = x1 - 6, "end", izquierda
    linea = wrap(detail, max(espacio, DETAIL_SIZE), DETAIL_SIZE, max_lines=1)
    # A white halo keeps the text readable over the grid lines.
    return ('<g stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">'
            + texto(tx, centro + 4, linea, DETAIL_SIZE, anchor=anchor, color="#333333", clase="detalle")
            + "</g>")


def _milestone_row(hitos: Sequence[tuple[datetime.date, str]], rotulo: str, x: Axis, px_dia: float,
                y: float, oscuro: str, frente: list[str]) -> tuple[float, list[float]]:
    """Draw the milestone row at ``y`` into ``frente``; return the y below it and the diamonds' x.

    Labels go above their diamond; a label that would touch the last one on that line goes on
    the first line below the diamond where it touches none (as many lines as that takes).
    """
    fin_de_linea: list[float] = []  # where the last label of each line ends (line 0 above the diamond)
    marcas = []
    for d, etiqueta in sorted(hitos, key=lambda h: h[0]):
        cx = x(d) + px_dia / 2
        medio = text_width(etiqueta, MILESTONE_SIZE) / 2
        linea = next((i for i, fin in enumerate(fin_de_linea) if cx - medio >= fin + 4), len(fin_de_linea))
        if linea == len(fin_de_linea):
            fin_de_linea.append(cx + medio)
        else:
            fin_de_linea[linea] = cx + medio
        marcas.append((cx, etiqueta, linea))
    paso = MILESTONE_SIZE * 1.3
    centro_y = y + 8 + paso
    for cx, etiqueta, linea in marcas:
        frente.append(f'<path class="hito" d="M{cx:.2f} {centro_y - 5:.2f} l5 5 l-5 5 l-5 -5 z" '
                      f'fill="{oscuro}" stroke="#ffffff" stroke-width="0.8"/>')
        base = centro_y - 9 if linea == 0 else centro_y + 8 + linea * paso
        frente.append(texto(cx, base, [etiqueta], MILESTONE_SIZE, anchor="middle", color=DARK,
                            clase="hito-etiqueta"))
    frente.append(texto(MARGIN, centro_y + 4, wrap(rotulo, COLUMN, AXIS_FONT_SIZE, max_lines=1), AXIS_FONT_SIZE,
                        color="#3d3d3d"))
    lineas_abajo = max(0, len(fin_de_linea) - 1)
    return centro_y + 10 + lineas_abajo * paso + 4, [cx for cx, _, _ in marcas]
