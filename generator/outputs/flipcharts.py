"""Flip charts of each session's kit (``content/kits/rotafolios.yaml``), drawn as SVG.

Per session that has charts, two PDFs: every chart at real size (the size set in content,
70 × 100 cm; one page each, for a print shop), and the same charts tiled onto the
organization's paper (letter or A4) for a home printer: each chart starts with an assembly key
(the chart in small with its tile grid), then its tiles, each with a grey overlap band to glue
under the next tile, dashed cut lines and its row/column label.

A chart is drawn once, in millimetres, as one SVG, and laid out once by WeasyPrint into the
real-size PDF. The tiled PDF is made from that PDF's pages (pypdf): each big page becomes a form
XObject, and each tile draws it on the home paper moved and clipped to the tile's window, so the
tiles join exactly; the key draws the same form scaled down. The marks over them (the grey bands, the cut
lines, the labels, the key's grid and texts) are laid out once per document, without the charts,
and drawn on top. Filled with the organization's data where the
content names it (``datos``: its mission, its actors, its lessons), empty lines where the group
writes.
"""

from __future__ import annotations

import io
import math
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from generator.figures.measure import wrap
from generator.figures.svg import FONT_FAMILY, esc
from generator.methodology.printable_content import FlipChart
from generator.outputs.base import PlannedHandbook, PreparedOutput, PrintJob
from generator.outputs.pdf_parts import page_as_form, place_under
from generator.outputs.kit_common import html_document, html_pdf_bytes, kit_document, paper_label, paper_of, session_by_slug
from generator.structure import PlannedDocument

MARGIN = 30.0  # mm around the chart's content
GREY = "#6b6b6b"
LINE = "#9a9a9a"
MM = 72 / 25.4  # PDF points in a millimetre
PX = 0.75  # PDF points in a CSS pixel

#: The real-size PDFs laid out lately, by their exact HTML and CSS: the real-size document and the
#: tiles of the same session share one layout when written by the same process.
_REAL_SIZE: OrderedDict[tuple[str, str, str, str], bytes] = OrderedDict()
_REAL_SIZE_KEPT = 4


@dataclass(frozen=True)
class Chart:
    """One chart to draw: the content's entry, with the ally and topic it is for."""

    spec: FlipChart
    title: str
    subtitle: str | None


def chart_data(spec_datos: str | None, org) -> list[str]:
    """The lines of the organization's file a chart shows (``datos`` in content)."""
    if spec_datos is None or org is None:
        return []
    mapa = org.mapa_sistema
    if spec_datos == "mision":
        return [org.organizacion.mision]
    if spec_datos == "resultado_buscado":
        return [mapa.resultado_buscado] if mapa and mapa.resultado_buscado else []
    if spec_datos == "actores":
        return [a.nombre for a in mapa.actores] if mapa else []
    if spec_datos == "aciertos":
        return list(mapa.aciertos) if mapa else []
    if spec_datos == "errores_comunes":
        return list(mapa.errores_comunes) if mapa else []
    raise ValueError(spec_datos)


def charts_for(specs: list[FlipChart], org) -> list[Chart]:
    """Every chart of a session: one per ally and topic where the content says ``por_aliado``."""
    charts = []
    for spec in specs:
        topics = spec.temas or [None]
        allies = [a.actor for a in org.aliados_potenciales] if spec.por_aliado and org else []
        for ally in (allies or [None]) if spec.por_aliado else [None]:
            for topic in topics:
                title = f"{spec.titulo}: {topic}" if topic else spec.titulo
                charts.append(Chart(spec, title, ally))
    return charts


def _text(x: float, y: float, lines: list[str], size: float, *, weight: str | None = None,
          colour: str = "#1a1a1a", anchor: str = "start", leading: float = 1.25) -> str:
    attrs = f'x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" fill="{colour}"'
    if weight:
        attrs += f' font-weight="{weight}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size * leading:.1f}">{esc(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f"<text {attrs}>{spans}</text>"


def draw(chart: Chart, width: float, height: float, org, primary: str, footer: str) -> list[str]:
    """The SVG elements of ``chart`` on a sheet of ``width`` × ``height`` mm."""
    spec = chart.spec
    inner = width - 2 * MARGIN
    parts = [f'<rect x="0" y="0" width="{width:g}" height="{height:g}" fill="#ffffff"/>',
             f'<rect x="0" y="0" width="{width:g}" height="14" fill="{primary}"/>']
    y = MARGIN + 30
    title = wrap(chart.title, inner, 34, bold=True)
    parts.append(_text(MARGIN, y, title, 34, weight="bold"))
    y += 34 * 1.25 * (len(title) - 1) + 22
    if chart.subtitle is not None or spec.por_aliado:
        label = wrap(chart.subtitle or "Aliado: ______________________", inner, 24, bold=True)
        y += 6
        parts.append(_text(MARGIN, y, label, 24, weight="bold", colour=primary))
        y += 24 * 1.25 * (len(label) - 1) + 18
    if spec.indicacion:
        hint = wrap(spec.indicacion, inner, 16)
        parts.append(_text(MARGIN, y, hint, 16, colour=GREY))
        y += 16 * 1.3 * (len(hint) - 1) + 20
    bottom = height - MARGIN - 16
    if spec.tipo == "lista":
        parts += _list(spec, org, y, bottom, inner)
    elif spec.tipo == "tabla":
        parts += _table(spec, org, y, bottom, inner)
    else:
        parts += _rings(spec, org, y, bottom, width, primary)
    parts.append(_text(MARGIN, height - MARGIN + 4, [footer], 11, colour=GREY))
    return parts


def _list(spec: FlipChart, org, y: float, bottom: float, inner: float) -> list[str]:
    parts = []
    size = 20
    for item in [*spec.elementos, *chart_data(spec.datos, org)]:
        lines = wrap(item, inner - 20, size)
        y += size
        parts.append(f'<circle cx="{MARGIN + 5:.1f}" cy="{y - size * 0.35:.1f}" r="3.5" fill="#1a1a1a"/>')
        parts.append(_text(MARGIN + 20, y, lines, size))
        y += size * 1.25 * (len(lines) - 1) + 14
    step = 50.0
    count = spec.lineas
    while count and y + step > bottom:  # never below the sheet: fewer lines rather than overflow
        count -= 1
        step = max(34.0, (bottom - y) / max(count, 1))
    for _ in range(count):
        y += step
        parts.append(f'<line x1="{MARGIN:.1f}" y1="{y:.1f}" x2="{MARGIN + inner:.1f}" y2="{y:.1f}" '
                     f'stroke="{LINE}" stroke-width="1"/>')
    return parts


def _table(spec: FlipChart, org, y: float, bottom: float, inner: float) -> list[str]:
    parts = []
    for header in spec.encabezados:
        value = chart_data(header.datos, org)
        label_size = 20
        parts.append(_text(MARGIN, y + label_size, [f"{header.etiqueta}:"], label_size, weight="bold"))
        if value:
            lines = wrap(" ".join(value), inner - 10, 18)
            parts.append(_text(MARGIN + 10, y + label_size + 26, lines, 18))
            y += label_size + 26 + 18 * 1.25 * (len(lines) - 1) + 20
        else:
            y += label_size + 36
            parts.append(f'<line x1="{MARGIN:.1f}" y1="{y:.1f}" x2="{MARGIN + inner:.1f}" y2="{y:.1f}" '
                         f'stroke="{LINE}" stroke-width="1"/>')
            y += 18
    columns = spec.columnas
    column_width = inner / len(columns)
    head_size = 14 if len(columns) > 4 else 18
    heads = [wrap(c, column_width - 8, head_size, bold=True) for c in columns]
    head_height = max(len(h) for h in heads) * head_size * 1.25 + 14
    parts.append(f'<rect x="{MARGIN:.1f}" y="{y:.1f}" width="{inner:.1f}" height="{head_height:.1f}" '
                 f'fill="#eeeeee" stroke="#1a1a1a" stroke-width="1.5"/>')
    for i, head in enumerate(heads):
        parts.append(_text(MARGIN + i * column_width + 4, y + head_size + 4, head, head_size, weight="bold"))
    top = y + head_height
    rows = max(spec.filas, 1)
    row_height = (bottom - top) / rows
    for r in range(rows + 1):
        yy = top + r * row_height
        parts.append(f'<line x1="{MARGIN:.1f}" y1="{yy:.1f}" x2="{MARGIN + inner:.1f}" y2="{yy:.1f}" '
                     f'stroke="#1a1a1a" stroke-width="1"/>')
    for i in range(len(columns) + 1):
        xx = MARGIN + i * column_width
        parts.append(f'<line x1="{xx:.1f}" y1="{y:.1f}" x2="{xx:.1f}" y2="{bottom:.1f}" '
                     f'stroke="#1a1a1a" stroke-width="1"/>')
    return parts


def _rings(spec: FlipChart, org, y: float, bottom: float, width: float, primary: str) -> list[str]:
    parts = []
    half_size = 20
    centre_x = width / 2
    radius = min(width / 2 - MARGIN, (bottom - y - half_size * 2) / 2)
    centre_y = y + half_size * 2 + radius
    left, right = spec.mitades
    parts.append(_text(MARGIN, y + half_size, [left], half_size, weight="bold"))
    parts.append(_text(width - MARGIN, y + half_size, [right], half_size, weight="bold", anchor="end"))
    count = len(spec.anillos)
    core = radius / (count + 1)
    for i in range(count, 0, -1):
        r = core * (i + 1)
        parts.append(f'<circle cx="{centre_x:.1f}" cy="{centre_y:.1f}" r="{r:.1f}" fill="none" '
                     f'stroke="#1a1a1a" stroke-width="1.5"/>')
    parts.append(f'<line x1="{centre_x:.1f}" y1="{centre_y - radius:.1f}" x2="{centre_x:.1f}" '
                 f'y2="{centre_y + radius:.1f}" stroke="#1a1a1a" stroke-width="1.5" stroke-dasharray="6 4"/>')
    for i, name in enumerate(spec.anillos):
        r = core * (i + 1.5)
        parts.append(_text(centre_x + 5, centre_y - r + 5, [name], 12, colour=GREY))
    parts.append(f'<circle cx="{centre_x:.1f}" cy="{centre_y:.1f}" r="{core:.1f}" fill="{primary}" '
                 f'fill-opacity="0.15" stroke="{primary}" stroke-width="2"/>')
    if spec.centro == "datos" and org is not None:
        name = org.organizacion.siglas or org.organizacion.nombre
        lines = wrap(name, core * 1.6, 16, 3, bold=True)
        parts.append(_text(centre_x, centre_y - 16 * 1.2 * (len(lines) - 1) / 2 + 5, lines, 16, weight="bold",
                           anchor="middle", leading=1.2))
    return parts


def svg(parts: list[str], view: tuple[float, float, float, float], width_mm: float, height_mm: float,
        title: str) -> str:
    x, y, w, h = view
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_mm:g}mm" height="{height_mm:g}mm" '
            f'viewBox="{x:g} {y:g} {w:g} {h:g}" font-family="{esc(FONT_FAMILY)}" role="img">'
            f"<title>{esc(title)}</title>{''.join(parts)}</svg>")


def tile_grid(width: float, height: float, paper_w: float, paper_h: float, margin: float,
              overlap: float) -> tuple[int, int, float, float]:
    """Columns, rows and each tile's printable width and height for a chart on home paper."""
    tile_w, tile_h = paper_w - 2 * margin, paper_h - 2 * margin
    cols = max(1, math.ceil((width - overlap) / (tile_w - overlap)))
    rows = max(1, math.ceil((height - overlap) / (tile_h - overlap)))
    return cols, rows, tile_w, tile_h


class FlipCharts(PreparedOutput):
    name = "rotafolios"
    extension = "pdf"
    icon = "material/file-pdf-box"

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        content = planned.metodologia.printables
        if content is None:
            return []
        size = content.charts.tamano
        paper = paper_label(content.printables, planned.org)
        documentos = []
        for sesion in planned.sesiones:
            specs = [c for c in content.charts.rotafolios if sesion.slug in c.sesiones]
            if not specs:
                continue
            documentos.append(kit_document(self, sesion.slug, "rotafolios-tamano-real",
                                           f"Rotafolios a tamaño real ({size.etiqueta})", sesion.etiqueta,
                                           copies=1, print_size=size.etiqueta))
            documentos.append(kit_document(self, sesion.slug, "rotafolios-en-hojas",
                                           f"Rotafolios en hojas para armar ({paper})", sesion.etiqueta,
                                           copies=1, print_size=paper))
        return documentos

    def prepare(self, documento: PlannedDocument, job: PrintJob) -> tuple:
        """The session's charts drawn as SVG, the chart size, the real-size file's title and, for
        the tiled file, the paper, the tiling's words and the title."""
        from generator.colour import palette

        content = job.metodologia.printables
        org = job.handbook.org
        sesion = session_by_slug(job.handbook.sesiones, documento.kit_session)
        specs = [c for c in content.charts.rotafolios if documento.kit_session in c.sesiones]
        charts = charts_for(specs, org)
        primary, _ = palette(org.organizacion.colores)
        size = content.charts.tamano
        footer = f"{org.organizacion.nombre} · {sesion.etiqueta if sesion else documento.kit_session}"
        drawn = [(chart, draw(chart, size.ancho_mm, size.alto_mm, org, primary, footer)) for chart in charts]
        real_title = f"Rotafolios a tamaño real ({size.etiqueta}) — {org.organizacion.nombre}"
        tiled = (None if documento.file_name.endswith("rotafolios-tamano-real.pdf") else
                 (paper_of(org), content.charts.mosaico, f"{documento.titulo} — {org.organizacion.nombre}"))
        return drawn, size, real_title, tiled

    def produce(self, prepared: tuple, destino: Path, sitio: Path) -> None:
        drawn, size, real_title, tiled = prepared
        real_size = real_size_pdf(drawn, size, real_title, sitio)
        if tiled is None:
            pdf = real_size
        else:
            paper, tiling, title = tiled
            pdf = self._tiled(drawn, real_size, size, paper, tiling, title, sitio, destino.name)
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_bytes(pdf)

    def _tiled(self, drawn, real_size: bytes, size, paper: tuple[str, float, float], tiling, title: str,
               sitio: Path, name: str) -> bytes:
        """The tiled PDF: the marks laid out once, each chart's real-size page placed under them."""
        from pypdf import PdfReader, PdfWriter

        page, paper_w, paper_h = paper
        margin, overlap = tiling.margen_mm, tiling.traslape_mm
        width, height = size.ancho_mm, size.alto_mm
        cols, rows, tile_w, tile_h = tile_grid(width, height, paper_w, paper_h, margin, overlap)
        step_x, step_y = tile_w - overlap, tile_h - overlap
        scale = min((paper_w - 2 * margin) / width, (paper_h - 2 * margin - 70) / height)
        body = "".join(self._marks(n, chart, tiling, width, height, rows, cols, tile_w, tile_h, overlap, scale)
                       for n, (chart, _) in enumerate(drawn))
        css = (f"@page {{ size: {page}; margin: {margin:g}mm; }}\n"
               "body { margin: 0; font-size: 11pt; }\n"
               ".key, .tile { page-break-after: always; }\n"
               ".key:last-child, .tile:last-child { page-break-after: auto; }\n"
               ".tile { line-height: 0; }\n"
               ".key-figure { line-height: 0; }\n"
               ".key h1 { font-size: 15pt; margin: 0 0 3mm; } .key p { margin: 0 0 2mm; }\n"
               ".key .ally { font-weight: bold; }\n")
        laid_out = html_document(body, title, css, name, sitio)
        marks = PdfWriter(clone_from=PdfReader(io.BytesIO(laid_out.pdf())))
        big = PdfReader(io.BytesIO(real_size)).pages
        per_chart = 1 + rows * cols
        if len(marks.pages) != len(drawn) * per_chart or len(big) != len(drawn):
            raise RuntimeError(f"{name}: {len(marks.pages)} pages of marks and {len(big)} charts "
                               f"for {len(drawn)} charts of {per_chart} pages each")
        for n, chart_page in enumerate(big):
            form = page_as_form(marks, chart_page)
            form_name = f"/FlipChart{n}"
            chart_h = float(chart_page.mediabox.height)
            key = marks.pages[n * per_chart]
            # Where the key's grid landed, in CSS pixels from the page's top left corner (older
            # WeasyPrint gives the point, newer ones the box: left, top, right, bottom).
            left, top = laid_out.pages[n * per_chart].anchors[f"key-{n}"][:2]
            key_foot = float(key.mediabox.top) - top * PX - height * scale * MM
            place_under(marks, key, form, form_name, (scale, left * PX, key_foot))
            for r in range(rows):
                for c in range(cols):
                    x, y = c * step_x * MM, r * step_y * MM  # the tile's window on the big page
                    tile = marks.pages[n * per_chart + 1 + r * cols + c]
                    foot = float(tile.mediabox.top) - (margin + tile_h) * MM
                    # The window's foot on the big page (PDF space: y upwards) goes to the tile's foot.
                    shift = foot - (chart_h - y - tile_h * MM)
                    place_under(marks, tile, form, form_name, (1.0, margin * MM - x, shift),
                                clip=(margin * MM, foot, tile_w * MM, tile_h * MM))
        out = io.BytesIO()
        marks.write(out)
        return out.getvalue()

    @staticmethod
    def _marks(n: int, chart: Chart, tiling, width: float, height: float, rows: int, cols: int, tile_w: float,
               tile_h: float, overlap: float, scale: float) -> str:
        """The HTML of a chart's key and tiles without the chart itself: texts, grid, bands, cut lines."""
        step_x, step_y = tile_w - overlap, tile_h - overlap
        grid = []
        for r in range(rows):
            for c in range(cols):
                x, y = c * step_x, r * step_y
                grid.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{tile_w:.1f}" height="{tile_h:.1f}" '
                            f'fill="none" stroke="#c0392b" stroke-width="2.5"/>')
                grid.append(_text(x + step_x / 2, y + step_y / 2 + 10, [f"F{r + 1}-C{c + 1}"], 28,
                                  weight="bold", colour="#c0392b", anchor="middle"))
        key = svg(grid, (0, 0, width, height), width * scale, height * scale, chart.title)
        sections = [
            f'<section class="key"><h1>{esc(tiling.etiqueta_clave)}: {esc(chart.title)}</h1>'
            + (f'<p class="ally">{esc(chart.subtitle)}</p>' if chart.subtitle else "")
            + f"<p>{esc(tiling.instrucciones)}</p>"
            f'<p>{rows * cols} {esc(tiling.hoja.lower())}s: {rows} × {cols}</p>'
            f'<div class="key-figure" id="key-{n}">{key}</div></section>']
        for r in range(rows):
            for c in range(cols):
                x, y = c * step_x, r * step_y
                overlay = []
                if c < cols - 1:  # the band the next tile to the right is glued over
                    overlay.append(f'<rect x="{x + tile_w - overlap:.1f}" y="{y:.1f}" width="{overlap:.1f}" '
                                   f'height="{tile_h:.1f}" fill="#000000" fill-opacity="0.12"/>')
                if r < rows - 1:
                    overlay.append(f'<rect x="{x:.1f}" y="{y + tile_h - overlap:.1f}" width="{tile_w:.1f}" '
                                   f'height="{overlap:.1f}" fill="#000000" fill-opacity="0.12"/>')
                if c > 0:  # cut here, then lay this tile over the left neighbour's band
                    overlay.append(f'<line x1="{x + overlap:.1f}" y1="{y:.1f}" x2="{x + overlap:.1f}" '
                                   f'y2="{y + tile_h:.1f}" stroke="#000000" stroke-width="0.4" '
                                   f'stroke-dasharray="3 2"/>')
                if r > 0:
                    overlay.append(f'<line x1="{x:.1f}" y1="{y + overlap:.1f}" x2="{x + tile_w:.1f}" '
                                   f'y2="{y + overlap:.1f}" stroke="#000000" stroke-width="0.4" '
                                   f'stroke-dasharray="3 2"/>')
                label = (f"F{r + 1}-C{c + 1} · {tiling.fila} {r + 1}, {tiling.columna} {c + 1} · "
                         f"{tiling.hoja} {r * cols + c + 1} {tiling.de} {rows * cols}")
                overlay.append(f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{min(tile_w - 2, 120):.1f}" '
                               f'height="6" fill="#ffffff" fill-opacity="0.85"/>')
                overlay.append(_text(x + 2, y + 5.5, [label], 3.6, colour="#000000"))
                overlay.append(_text(x + 2, y + 11, [chart.title[:80]], 3.0, colour=GREY))
                sections.append(f'<section class="tile">{svg(overlay, (x, y, tile_w, tile_h), tile_w, tile_h, chart.title)}</section>')
        return "".join(sections)


def real_size_pdf(drawn: list[tuple[Chart, list[str]]], size, title: str, sitio: Path) -> bytes:
    """Every chart at real size, one page each: laid out once, kept for the tiles of the same charts."""
    body = "".join(f'<section class="chart">{svg(parts, (0, 0, size.ancho_mm, size.alto_mm), size.ancho_mm, size.alto_mm, chart.title)}</section>'
                   for chart, parts in drawn)
    css = (f"@page {{ size: {size.ancho_mm:g}mm {size.alto_mm:g}mm; margin: 0; }}\n"
           "body { margin: 0; } .chart { page-break-after: always; line-height: 0; }\n"
           ".chart:last-child { page-break-after: auto; }")
    key = (body, css, title, str(sitio))
    if key in _REAL_SIZE:
        _REAL_SIZE.move_to_end(key)
        return _REAL_SIZE[key]
    pdf = html_pdf_bytes(body, title, css, "rotafolios-tamano-real.pdf", sitio)
    _REAL_SIZE[key] = pdf
    while len(_REAL_SIZE) > _REAL_SIZE_KEPT:
        _REAL_SIZE.popitem(last=False)
    return pdf
