"""The editable slide deck of each session's kit (``.pptx``, python-pptx).

What a deck holds is data: the session's carta (``content/sesiones``) gives the objective, the
agenda, each activity's purpose, questions and products, and the facilitator's steps and notes
(in the speaker notes, never on a slide); ``content/kits/diapositivas.yaml`` gives the words
of the slides, the short form of each concept, the figures and the extra slides (session 1's
success cases). Slides are 16:9 in the organization's colours with its logo.

Every text box is laid out here with the font's own metrics: the deck names Arial, which
Liberation Sans matches glyph for glyph (what LibreOffice shows where Arial is missing), so lines
are measured with Liberation Sans through Pillow and broken greedily at spaces as presentation
programs break them (``generator.figures.measure``'s wider estimate where the font file is
missing). Body text keeps its size (at least 20 pt) and what does not fit continues on the next
slide, so no box overflows. Figures are the site's own SVG rendered to PNG with resvg.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.colour import WHITE, legible_on_white, mix, palette, rgb, text_on
from generator.dates import long_date
from generator.figures import FILE_NAMES
from generator.figures.measure import EM, FONT_DIR, wrap
from generator.methodology.deck_content import Slides
from generator.outputs.base import (FOLDER, Output, PlannedHandbook, PrintJob, PrintTask, prepared_fingerprint,
                                   write_in_worker)
from generator.outputs.docx_writer import stable_zip
from generator.plan.edition import source_date_epoch
from generator.plan.kits import kit_page
from generator.structure import PlannedDocument, PlannedSession

# The slide, in points (16:9).
SLIDE_W, SLIDE_H = 960, 540
MARGIN = 40
BAND_H = 112  # the coloured title band
FOOTER_H = 36
BODY_TOP = BAND_H + 22
BODY_H = SLIDE_H - BODY_TOP - FOOTER_H - 12
INSET = 7.2  # python-pptx's default left/right inset is 0.1 in; we set every inset to this
LINE = 1.2  # exact line spacing, as a multiple of the font size
GAP = 0.45  # space before a paragraph, in the same unit
BULLET_INDENT = 26
PNG_WIDTH = 1800  # pixels of a rendered figure: about 135 dpi across a whole slide


@dataclass
class Para:
    """One paragraph of a slide: its text, size and whether it is bold or a bullet."""

    text: str
    size: int
    bold: bool = False
    bullet: bool = False
    keep_with_next: bool = False  # a heading never ends a slide


@dataclass
class Slide:
    title: str
    body: list[Para] = field(default_factory=list)
    notes: str = ""
    picture: bytes | None = None


FONT_FILES = {False: FONT_DIR / "liberation/LiberationSans-Regular.ttf",
              True: FONT_DIR / "liberation/LiberationSans-Bold.ttf"}


@lru_cache(maxsize=2)
def _face(bold: bool):
    from PIL import ImageFont

    path = FONT_FILES[bold]
    return ImageFont.truetype(str(path), EM, layout_engine=ImageFont.Layout.BASIC) if path.is_file() else None


def wrap_greedy(text: str, width: float, size: float, bold: bool) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` (a longer word stands alone)."""
    face = _face(bold)
    if face is None:
        return wrap(text, width, size, bold=bold)
    def fits(line: str) -> bool:
        return face.getlength(line) * size / EM <= width

    lines: list[str] = []
    for word in text.split():
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while not fits(word) and len(word) > 1:  # a word wider than the box breaks where it must
            cut = max(i for i in range(1, len(word)) if fits(word[:i]) or i == 1)
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines


def lines_of(para: Para, width: float) -> list[str]:
    """The lines ``para`` takes in a box ``width`` points wide (insets included)."""
    usable = width - 2 * INSET - (BULLET_INDENT if para.bullet else 0) - 2  # 2 pt for rounding
    return wrap_greedy(para.text, usable, para.size, para.bold) or [""]


def height_of(paras: list[Para], width: float) -> float:
    """The height ``paras`` take in a box ``width`` wide: exact line spacing, gaps, insets."""
    total = 2 * INSET
    for i, para in enumerate(paras):
        if i:
            total += para.size * GAP
        total += len(lines_of(para, width)) * para.size * LINE
    return total


def paginate(title: str, paras: list[Para], continued: str, notes: str = "",
             width: float = SLIDE_W - 2 * MARGIN, height: float = BODY_H) -> list[Slide]:
    """``paras`` over as many slides as they need at their size: never shrunk, never overflowing."""
    slides: list[Slide] = []
    current: list[Para] = []
    queue = list(paras)
    while queue:
        para = queue.pop(0)
        if height_of([*current, para], width) <= height:
            current.append(para)
            continue
        if not current:  # one paragraph taller than a slide: cut it between lines
            lines = lines_of(para, width)
            fit = max(1, int((height - 2 * INSET) // (para.size * LINE)))
            current.append(Para(" ".join(lines[:fit]), para.size, para.bold, para.bullet))
            queue.insert(0, Para(" ".join(lines[fit:]), para.size, para.bold, False))
            continue
        while current and current[-1].keep_with_next:  # a heading goes with what follows
            queue.insert(0, para)
            para = current.pop()
        slides.append(Slide(title, current))
        current = []
        queue.insert(0, para)
    if current or not slides:
        slides.append(Slide(title, current))
    for i, slide in enumerate(slides):
        if i:
            slide.title = f"{title} {continued}"
    slides[0].notes = notes
    return slides


def one_line(text: str, width: float, size: int) -> str:
    """``text`` cut with "…" to the one line a footer of ``width`` holds."""
    text = " ".join(text.split())
    cut = len(text)
    while cut > 1 and len(lines_of(Para(text if cut == len(text) else text[:cut] + "…", size), width)) > 1:
        cut -= 1
    return text if cut == len(text) else text[:cut].rstrip() + "…"


TITLE_W = SLIDE_W - 2 * MARGIN - 90  # the logo sits at the band's right


def title_size(title: str, largest: int, smallest: int = 24) -> int:
    """The largest size from ``largest`` down at which ``title`` fits the title band."""
    for size in range(largest, smallest - 1, -2):
        if height_of([Para(title, size, bold=True)], TITLE_W) <= BAND_H:
            return size
    return smallest


class SlideDeck(Output):
    """One editable deck per session of this handbook (the Annex 3 workshop included)."""

    name = "diapositivas"
    extension = "pptx"
    icon = "material/presentation"

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        rotulos = planned.metodologia.slides.rotulos
        return [PlannedDocument(f"{FOLDER}/{sesion.slug}-presentacion.pptx",
                          f"{rotulos.titulo_documento}: {sesion.etiqueta}", self.name, [kit_page(sesion.slug)],
                          subtitle=sesion.carta.titulo, kit_session=sesion.slug, copies=None,
                          print_size=rotulos.tamano_impresion)
                for sesion in planned.sesiones]

    def write(self, documento: PlannedDocument, job: PrintJob) -> None:
        sesion = next(s for s in job.handbook.sesiones if s.slug == documento.kit_session)
        slides = deck_slides(sesion, job)
        (job.sitio / documento.file_name).write_bytes(render_pptx(slides, sesion, job))

    def task(self, documento: PlannedDocument, job: PrintJob) -> PrintTask:
        """Fingerprinted by what the deck is made of, not the whole organization's file: its
        session as planned (activities, agenda, date, place, online blocks), the organization's
        name, short name and colours, the logo, the actors (the map's key) and the figures it
        shows, by content. An answer no slide shows (an ally's) leaves it alone. Making the
        slides (measuring every line, drawing the figures) stays in the worker."""
        sesion = next(s for s in job.handbook.sesiones if s.slug == documento.kit_session)
        extra = job.metodologia.slides.sesiones.get(sesion.slug)
        figuras = [f for figura in (extra.figuras if extra else []) for f in figure_files(job, figura.figura)]
        org = job.handbook.org
        hecho_de = repr((sesion, org.organizacion, org.mapa_sistema.actores if org.mapa_sistema else None,
                         job.handbook.logo_bytes, [(f.name, f.read_bytes()) for f in figuras]))
        return PrintTask(documento.file_name, prepared_fingerprint(job, self.name, documento, hecho_de),
                         write_in_worker, (self.name, documento, job.handbook, job.metodologia.root, job.sitio))


def deck_slides(sesion: PlannedSession, job: PrintJob) -> list[Slide]:
    """The slides of ``sesion``'s deck, in order (the title slide is drawn apart, first)."""
    contenido: Slides = job.metodologia.slides
    r = contenido.rotulos
    body = contenido.tamano.cuerpo
    carta = sesion.carta
    extra = contenido.sesiones.get(sesion.slug)
    slides: list[Slide] = []

    def heading(text: str) -> Para:
        return Para(text, body, bold=True, keep_with_next=True)

    objetivo = [Para(carta.objetivo, body)]
    if carta.temario:
        objetivo += [heading(r.temario), *(Para(t, body, bullet=True) for t in carta.temario)]
    slides += paginate(r.objetivo, objetivo, r.continua)

    agenda = []
    if sesion.en_linea is None:  # in person: the clock's slots, with the meal the handbook may have added
        for slot in sesion.agenda.slots:
            agenda.append(Para(f"{slot.inicio}–{slot.fin}   {slot.item.titulo}", body,
                               bold=slot.item.tipo == "actividad"))
    else:
        for item in carta.actividades:
            inicio, fin = sesion.schedule_of(item)
            agenda.append(Para(f"{inicio}–{fin}   {item.titulo}", body, bold=item.tipo == "actividad"))
    slides += paginate(r.agenda, agenda, r.continua)

    vistos: set[str] = set()
    for item in carta.actividades:
        inicio, fin = sesion.schedule_of(item)
        if item.tipo != "actividad":
            nombre = r.receso if item.tipo == "receso" else r.comida
            slides += paginate(item.titulo, [Para(f"{nombre}: {inicio}–{fin}", body)], r.continua)
            continue
        paras = [Para(r.horario.format(inicio=inicio, fin=fin), body)]
        if item.descripcion:
            paras += [heading(r.proposito), Para(item.descripcion, body)]
        if sesion.en_linea:
            paras += [heading(r.en_linea)]
            if item.formato:
                paras.append(Para(contenido.en_linea_por_formato[item.formato], body, bullet=True))
            tramos = sesion.en_linea.stretches_of(item)
            if tramos:
                horas = ", ".join(f"{t.inicio}–{t.fin}" for _, t in tramos)
                paras.append(Para(r.bloques_en_linea.format(tramos=horas), body, bullet=True))
            herramientas = list(dict.fromkeys(m.en_linea for m in item.materiales if m.en_linea))
            if herramientas:
                paras.append(Para(r.materiales_en_linea.format(materiales="; ".join(herramientas)), body,
                                  bullet=True))
        if item.preguntas:
            paras += [heading(r.preguntas), *(Para(p, body, bullet=True) for p in item.preguntas)]
        if item.productos:
            paras += [heading(r.productos), *(Para(p, body, bullet=True) for p in item.productos)]
        nuevos = [c for c in item.conceptos if c not in vistos]
        vistos.update(nuevos)
        if nuevos:
            paras.append(heading(r.conceptos))
            paras += [Para(f"{job.metodologia.titulos['conceptos'][c]}: {contenido.conceptos[c]}", body,
                           bullet=True) for c in nuevos]
        slides += paginate(item.titulo, paras, r.continua, notes=speaker_notes(item, r))
        for figura in (extra.figuras if extra else []):
            if figura.despues_de == item.id:
                slides += [Slide(figura.titulo, picture=png) for png in figure_pngs(job, figura.figura)]
                if figura.figura == "mapa_diapositiva" and slides[-1].picture is not None:
                    slides += map_key(job, body, r)
        for adicional in (extra.diapositivas if extra else []):
            if adicional.despues_de == item.id:
                slides += paginate(adicional.titulo, [Para(p, body, bullet=True) for p in adicional.puntos],
                                   r.continua)

    cierre = [Para(p, body, bullet=True) for p in carta.productos_esperados]
    cierre.append(Para(r.gracias, body, bold=True))
    slides += paginate(r.cierre, cierre, r.continua)
    return slides


def speaker_notes(item, r) -> str:
    partes = []
    if item.pasos:
        partes.append(r.notas_pasos + "\n" + "\n".join(f"{i}. {p}" for i, p in enumerate(item.pasos, 1)))
    if item.notas:
        partes.append(r.notas_notas + "\n" + "\n".join(f"- {n}" for n in item.notas))
    return "\n\n".join(partes)


def figure_files(job: PrintJob, figura: str) -> list[Path]:
    """The built site's SVGs of ``figura`` (none when this organization has none); a figure drawn
    once per item (the outcome-mapping chart of each ally) has numbered files, in order."""
    carpeta = job.sitio / "figuras"
    nombre = FILE_NAMES[figura]
    if not callable(nombre):
        return [carpeta / nombre] if (carpeta / nombre).is_file() else []
    archivos = []
    while (carpeta / nombre(len(archivos) + 1)).is_file():
        archivos.append(carpeta / nombre(len(archivos) + 1))
    return archivos


def figure_pngs(job: PrintJob, figura: str) -> list[bytes]:
    """The SVGs of ``figura`` as PNG."""
    return [svg_to_png(svg.read_text(encoding="utf-8")) for svg in figure_files(job, figura)]


def map_key(job: PrintJob, size: int, r) -> list[Slide]:
    """The slide map's numbered key: each actor's number and name (and sector), as slide text."""
    mapa = job.handbook.org.mapa_sistema
    actores = mapa.actores if mapa else []
    paras = [Para(f"{n}. {a.nombre}" + (f" ({a.sector.etiqueta})" if a.sector else ""), size)
             for n, a in enumerate(actores, 1)]
    return paginate(r.clave_mapa, paras, r.continua) if paras else []


@lru_cache(maxsize=8)
def svg_to_png(svg: str, width: int = PNG_WIDTH) -> bytes:
    """``svg`` as PNG, drawn with the fonts the figures were measured with (Liberation, DejaVu)."""
    import resvg_py

    fuentes = [str(FONT_DIR / "liberation"), str(FONT_DIR / "dejavu")]
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, width=width, background=WHITE, skip_system_fonts=True,
                                       font_dirs=fuentes, sans_serif_family="Liberation Sans"))


def render_pptx(slides: list[Slide], sesion: PlannedSession, job: PrintJob) -> bytes:
    """The deck as a .pptx file: the title slide, then ``slides``."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    contenido: Slides = job.metodologia.slides
    sizes, fuente, r = contenido.tamano, contenido.fuente, contenido.rotulos
    org = job.handbook.org.organizacion
    primario, acento = palette(org.colores)
    sobre_primario = text_on(primario)
    texto = legible_on_white(mix(primario, "#000000", 0.35))
    logo = job.logo if job.logo and job.logo.is_file() else None
    if logo is not None and logo.suffix.lower() == ".svg":
        logo_bytes = svg_to_png(logo.read_text(encoding="utf-8"), 600)
    else:
        logo_bytes = logo.read_bytes() if logo else None

    deck = Presentation()
    deck.slide_width, deck.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    blank = deck.slide_layouts[6]

    def colour(hex_: str) -> RGBColor:
        return RGBColor(*rgb(hex_))

    def rect(slide, x, y, w, h, fill: str) -> None:
        shape = slide.shapes.add_shape(1, Pt(x), Pt(y), Pt(w), Pt(h))  # MSO_SHAPE.RECTANGLE
        shape.fill.solid()
        shape.fill.fore_color.rgb = colour(fill)
        shape.line.fill.background()
        shape.shadow.inherit = False

    def box(slide, x, y, w, h, paras: list[Para], color: str, anchor=MSO_ANCHOR.TOP, align=PP_ALIGN.LEFT):
        frame = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h)).text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Pt(INSET)
        for i, para in enumerate(paras):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.alignment = align
            p.line_spacing = Pt(para.size * LINE)
            if i:
                p.space_before = Pt(para.size * GAP)
            if para.bullet:
                ppr = p._p.get_or_add_pPr()
                ppr.set("marL", str(Pt(BULLET_INDENT)))
                ppr.set("indent", str(-Pt(BULLET_INDENT)))
                bu = ppr.makeelement(qn("a:buChar"), {"char": "•"})
                ppr.append(bu)
            run = p.add_run()
            run.text = para.text
            run.font.size = Pt(para.size)
            run.font.bold = para.bold
            run.font.name = fuente
            run.font.color.rgb = colour(color)
        return frame

    def picture(slide, data: bytes, x, y, w, h) -> None:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            iw, ih = img.size
        scale = min(w / iw, h / ih)
        pw, ph = iw * scale, ih * scale
        slide.shapes.add_picture(io.BytesIO(data), Pt(x + (w - pw) / 2), Pt(y + (h - ph) / 2), Pt(pw), Pt(ph))

    # The title slide: the organization, the session, its date, time and place.
    slide = deck.slides.add_slide(blank)
    rect(slide, 0, 0, SLIDE_W, SLIDE_H, primario)
    rect(slide, 0, SLIDE_H - 18, SLIDE_W, 18, acento)
    left = MARGIN
    if logo_bytes:
        picture(slide, logo_bytes, SLIDE_W - MARGIN - 160, MARGIN, 160, 120)
    cuando = long_date(sesion.fecha) if sesion.fecha else r.fecha_por_definir
    donde = sesion.lugar or (r.en_videollamada if sesion.en_linea else None)
    datos = [Para(f"{cuando}, {sesion.start_time}–{sesion.end_time}", sizes.cuerpo)]
    if donde:
        datos.append(Para(donde, sizes.cuerpo))
    titulo = [Para(org.nombre, sizes.cuerpo, bold=True), Para(sesion.titulo, sizes.titulo, bold=True)]
    ancho = SLIDE_W - 2 * MARGIN - 180
    alto_titulo, alto_datos = height_of(titulo, ancho), height_of(datos, ancho)
    arriba = max(MARGIN, min(150, SLIDE_H - 30 - alto_titulo - 16 - alto_datos))  # a long name moves up
    box(slide, left, arriba, ancho, alto_titulo, titulo, sobre_primario)
    box(slide, left, arriba + alto_titulo + 16, ancho, alto_datos, datos, sobre_primario)

    pie = one_line(f"{org.siglas or org.nombre} · {sesion.etiqueta}", SLIDE_W - 2 * MARGIN - 60, sizes.pie)
    for numero, contenido_slide in enumerate(slides, start=2):
        slide = deck.slides.add_slide(blank)
        rect(slide, 0, 0, SLIDE_W, BAND_H, primario)
        rect(slide, 0, BAND_H, SLIDE_W, 6, acento)
        tamano = title_size(contenido_slide.title, sizes.titulo)
        box(slide, MARGIN, 0, TITLE_W, BAND_H,
            [Para(contenido_slide.title, tamano, bold=True)], sobre_primario, anchor=MSO_ANCHOR.MIDDLE)
        if logo_bytes:
            picture(slide, logo_bytes, SLIDE_W - MARGIN - 70, 21, 70, 70)
        if contenido_slide.picture is not None:
            picture(slide, contenido_slide.picture, MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, BODY_H)
        elif contenido_slide.body:
            box(slide, MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, BODY_H, contenido_slide.body, texto)
        box(slide, MARGIN, SLIDE_H - FOOTER_H, SLIDE_W - 2 * MARGIN - 60, FOOTER_H,
            [Para(pie, sizes.pie)], texto, anchor=MSO_ANCHOR.MIDDLE)
        box(slide, SLIDE_W - MARGIN - 60, SLIDE_H - FOOTER_H, 60, FOOTER_H, [Para(str(numero), sizes.pie)],
            texto, anchor=MSO_ANCHOR.MIDDLE, align=PP_ALIGN.RIGHT)
        if contenido_slide.notes:
            slide.notes_slide.notes_text_frame.text = contenido_slide.notes
    # Same handbook, same bytes: python-pptx stamps the save time into the core properties and
    # every ZIP member, so both are fixed (to SOURCE_DATE_EPOCH when set).
    props = deck.core_properties
    props.title = f"{sesion.carta.titulo} — {job.handbook.org.organizacion.nombre}"[:255]
    props.last_modified_by, props.revision = "", 1
    epoch = source_date_epoch()
    props.created = props.modified = epoch or datetime(2000, 1, 1, tzinfo=timezone.utc)
    return stable_zip(deck, epoch)
