"""A long PDF laid out in parts, side by side, then joined: a change lays out one part again.

WeasyPrint lays out one document on one core, and the facilitator's guide is the longest
layout of all (BENCHMARKS.md). Every page of the handbook starts a new printed page, so the
guide's pages can be split into parts that WeasyPrint lays out apart, each page exactly as in
one layout. Each part is a piece of its own fingerprint (``generator.outputs.printing``):
unchanged, it is reused; changed, it alone is laid out again. Joining them (``join``) redoes
what only a whole layout knows:

* the page numbers: the cover and the contents (``front``) are laid out last, with the page
  each entry starts on written in (``data-pagina``), instead of WeasyPrint's ``target-counter``;
* the running header and "N de M": the parts are laid out with empty margins. The stamp, a
  small document, has the margins of a cover, of a portrait page and of a landscape page, and
  every page's "N de M" as the lines of tall pages (a page of its own each would cost a layout
  of as many pages as the document). Under each page are drawn its orientation's header and its
  own footer line, moved to where that orientation's page showed its footer;
* the links between parts: in its part, a link to another part's page points at a stand-in
  anchor named ``ELSEWHERE + id`` (WeasyPrint keeps no link without a target); the joined file's
  named destinations send the stand-in's name to where the id really landed;
* the outline (bookmarks): each part's, in order, after the front's.

A page is drawn under another by reference, as a form (``page_as_form``, ``place_under``): the
tiled flip charts place their charts the same way.
"""

from __future__ import annotations

import html
import io
import math
import re
from pathlib import Path

from bs4 import Tag

#: About how many entries of the contents fit on a page, and how many entries' height its
#: heading takes (a guess, measured on letter paper; see ``_front``).
LINES_PER_PAGE = 38
HEADING_LINES = 3
#: The prefix of a stand-in anchor, for a link whose target is in another part.
ELSEWHERE = "hb-fuera--"
#: Appended to the print style sheet of the parts and the front: their margins are the stamp's.
BLANK_MARGINS = ("\n@page { @top-left { content: none; } @top-right { content: none; }"
                 " @bottom-center { content: none; } }\n")
#: Appended to the parts' style sheet: a part starts where a page of the whole document would,
#: not below the body's top margin (which only the cover has).
PART_CSS = BLANK_MARGINS + "body { margin-top: 0; margin-bottom: 0; }\n"


def split(sizes: list[int], parts: int) -> list[tuple[int, int]]:
    """``parts`` consecutive ranges of ``sizes`` (start, end), as even in total size as the
    order allows; never an empty one."""
    parts = max(1, min(parts, len(sizes)))
    total, ranges, start, sum_so_far = sum(sizes), [], 0, 0
    for i, size in enumerate(sizes):
        sum_so_far += size
        left = parts - len(ranges) - 1  # ranges still to close after this one
        if left and (sum_so_far >= total * (len(ranges) + 1) / parts or len(sizes) - i - 1 == left):
            ranges.append((start, i + 1))
            start = i + 1
    ranges.append((start, len(sizes)))
    return ranges


def detach(secciones: list[Tag]) -> tuple[str, list[int]]:
    """Point each link of ``secciones`` whose target is not among them at a stand-in anchor.
    Returns the stand-ins' HTML, to be put at the start of the part, and which sections changed."""
    from generator.outputs.html_pdf import tags

    ids = {s["id"] for s in secciones if s.get("id")} | {e["id"] for s in secciones for e in tags(s, attr="id")}
    fuera: dict[str, None] = {}
    cambiadas = []
    for numero, seccion in enumerate(secciones):
        for enlace in tags(seccion, "a", "href"):
            destino = enlace["href"]
            if destino.startswith("#") and destino[1:] not in ids:
                enlace["href"] = f"#{ELSEWHERE}{destino[1:]}"
                fuera[destino[1:]] = None
                if not cambiadas or cambiadas[-1] != numero:
                    cambiadas.append(numero)
    return stand_ins(fuera), cambiadas


def stand_ins(ids) -> str:
    """Empty anchors ``ELSEWHERE + id``, out of the flow (``pdf.css``: ``.hb-ancla-fuera``):
    nothing moves on the page."""
    return "".join(f'<span class="hb-ancla-fuera" id="{html.escape(ELSEWHERE + i)}"></span>' for i in ids)


_PAGE_SLOT = re.compile(r'href="#' + re.escape(ELSEWHERE) + r'([^"]+)" data-pagina=""')


def join(front: str, part_files: list[str], page_css: str, destino: str, sitio: str, cache: str) -> None:
    """Write ``destino``: the document ``front`` (whole HTML: the cover and the contents, whose
    entries are ``<a href="#hb-fuera--ID" data-pagina="">``) followed by the laid-out parts,
    with ``page_css``'s margins (header, "N de M") stamped on every page. The front and the
    stamp laid out are kept in the folder ``cache`` for the next join: when no part changed its
    number of pages (an answer edited), neither is laid out again."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

    from generator.batch.fingerprint import write_atomically

    partes = [PdfReader(f) for f in part_files]
    donde: dict[str, tuple[int, float, float]] = {}  # id → (page of the parts, from 0; left; top)
    desde = 0
    for parte in partes:
        _collect_anchors(parte, desde, donde)
        desde += len(parte.pages)
    name, carpeta = Path(destino).name, Path(cache)
    lector_frente = PdfReader(io.BytesIO(_front(front, donde, page_css, Path(sitio), name, carpeta)))
    paginas_frente = len(lector_frente.pages)
    writer = PdfWriter(clone_from=lector_frente)
    for parte in partes:
        for pagina in parte.pages:
            writer.add_page(pagina)
    apaisadas = [float(p.mediabox.width) > float(p.mediabox.height) for p in writer.pages]
    _stamp_pages(writer, PdfReader(io.BytesIO(_stamp(len(apaisadas), page_css, Path(sitio), name, carpeta))), apaisadas)

    # Named destinations: every anchor where it landed, each stand-in where its id landed.
    destinos: dict[str, tuple[int, float, float]] = {}
    _collect_anchors(lector_frente, 0, destinos)
    for i, (pagina, left, top) in donde.items():
        destinos.setdefault(i, (paginas_frente + pagina, left, top))
    nombres = ArrayObject()
    for i in sorted({**destinos, **{ELSEWHERE + i: None for i in destinos}}):
        pagina, left, top = destinos[i.removeprefix(ELSEWHERE)]
        nombres.append(TextStringObject(i))
        nombres.append(ArrayObject([writer.pages[pagina].indirect_reference, NameObject("/XYZ"),
                                    FloatObject(left), FloatObject(top), NumberObject(0)]))
    raiz = writer._root_object  # pypdf has no public setter for the catalog's /Names
    raiz[NameObject("/Names")] = DictionaryObject({NameObject("/Dests"): DictionaryObject({NameObject("/Names"): nombres})})

    desde = paginas_frente
    for parte in partes:
        _copy_outline(writer, parte, parte.outline, desde, None)
        desde += len(parte.pages)
    salida = io.BytesIO()
    writer.write(salida)
    write_atomically(Path(destino), salida.getvalue())


def _front(front: str, donde: dict, page_css: str, sitio: Path, name: str, cache: Path) -> bytes:
    """The front laid out, its contents numbered. The numbers count the front's own pages, so
    it is laid out until the number of pages it was numbered for is the number it takes."""
    from generator.outputs.html_pdf import laid_out, pdf_fingerprint

    css = page_css + BLANK_MARGINS

    def numbered(paginas_frente: int) -> str:
        numeros = {i: paginas_frente + pagina + 1 for i, (pagina, _, _) in donde.items()}
        return _PAGE_SLOT.sub(
            lambda m: f'href="#{ELSEWHERE}{m[1]}" data-pagina="{numeros.get(html.unescape(m[1]), "")}"', front)

    # A first guess, so that one layout usually does: as many pages as the front kept from an
    # earlier join (itself, when nothing changed), or else the cover and about LINES_PER_PAGE
    # entries of the contents a page. A wrong guess costs one more layout, never a wrong number.
    anterior = next(iter(cache.glob("frente-*.pdf")), None)
    paginas_frente = (_page_count(anterior) if anterior is not None
                      else 1 + math.ceil((front.count("<li") + HEADING_LINES) / LINES_PER_PAGE))
    for _ in range(4):
        documento = numbered(paginas_frente)
        huella = pdf_fingerprint(documento, css, sitio)
        if (cache / f"frente-{huella}.pdf").is_file():
            return (cache / f"frente-{huella}.pdf").read_bytes()
        hecho = laid_out(documento, sitio, css, name)
        if len(hecho.pages) == paginas_frente:
            return _keep(cache, "frente", huella, hecho.pdf())
        paginas_frente = len(hecho.pages)
    raise RuntimeError("el índice no se estabiliza")


def _stamp(total: int, page_css: str, sitio: Path, name: str, cache: Path) -> bytes:
    """The stamp of a document of ``total`` pages (``pdf.css``: ``.hb-sello``): a cover's margins,
    a portrait page's and a landscape page's, then the lines "N de ``total``"."""
    from generator.outputs.html_pdf import laid_out, pdf_fingerprint

    lineas = "".join(f'<div class="hb-pie" data-pagina="{n}" data-paginas="{total}"></div>'
                     for n in range(1, max(total, 3) + 1))
    documento = ('<!DOCTYPE html><html lang="es-MX"><head><meta charset="utf-8"></head><body>'
                 f'<div class="hb-sello-portada" data-paginas="{total}"></div><div class="hb-sello"></div>'
                 f'<div class="hb-sello--apaisada"></div>{lineas}</body></html>')
    huella = pdf_fingerprint(documento, page_css, sitio)
    guardado = cache / f"sello-{huella}.pdf"
    if guardado.is_file():
        return guardado.read_bytes()
    return _keep(cache, "sello", huella, laid_out(documento, sitio, page_css, name).pdf())


def _stamp_pages(writer, sello, apaisadas: list[bool]) -> None:
    """Draw under each page of ``writer`` its margins from the stamp ``sello``: the cover's under
    the first; under every other, its orientation's header and its own footer line.

    Each footer line becomes a form of its own, its tall page without the other lines' text, so
    that a page holds its own number only (as found, copied and read aloud). A line is moved to
    where its orientation's page drew its footer: that page says "2 de M" (or "3 de M"), and so
    does the line 2 (or 3), centred alike, so the move that lays the one on the other lays every
    line where its page's footer belongs."""
    vertical, apaisada = _StampPage(sello, 1), _StampPage(sello, 2)
    hojas = [_StampPage(sello, n) for n in range(3, len(sello.pages))]
    lineas = [(hoja, linea) for hoja in hojas for linea in hoja.lines]
    if len(lineas) < max(len(apaisadas), 3):
        raise RuntimeError(f"{len(lineas)} pies de página para {len(apaisadas)} páginas")
    cabeceras, pies = [], []
    for muestra, (_, igual) in ((vertical, lineas[1]), (apaisada, lineas[2])):
        pie = muestra.lines[-1]  # its lowest text
        cabeceras.append(muestra.form(writer, drop=pie))
        pies.append((pie[0] - igual[0], pie[1]))
    place_under(writer, writer.pages[0], page_as_form(writer, sello.pages[0]), "/HbPortada", (1.0, 0.0, 0.0))
    for numero in range(1, len(apaisadas)):
        girada = int(apaisadas[numero])
        hoja, linea = lineas[numero]
        movida, y = pies[girada]
        pagina = writer.pages[numero]
        place_under(writer, pagina, hoja.form(writer, keep=linea), f"/HbPie{numero}", (1.0, movida, y - linea[1]))
        place_under(writer, pagina, cabeceras[girada], f"/HbCabecera{girada}", (1.0, 0.0, 0.0))


class _StampPage:
    """A page of the stamp, read: its operators, each line of text it draws (``lines``: where the
    line starts, x and y in the page's space, top to bottom), and forms of it with or without one
    line's text.

    WeasyPrint places each piece of text with an absolute text matrix (``Tm``); other ways of
    placing text are refused rather than guessed."""

    _SHOW = {b"TJ", b"Tj"}
    _REFUSED = {b"Td", b"TD", b"T*", b"'", b'"'}

    def __init__(self, reader, number: int) -> None:
        from pypdf.generic import ContentStream

        self.page = reader.pages[number]
        self.operations = ContentStream(self.page.get_contents(), reader).operations
        self.line_of: list[float | None] = []  # per operator: the line (its y) it places or draws
        estado, pila, linea = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], None
        inicios: dict[float, float] = {}  # y → the leftmost x a piece of text starts at
        for operandos, operador in self.operations:
            if operador == b"q":
                pila.append(estado)
            elif operador == b"Q":
                estado = pila.pop()
            elif operador == b"cm":
                estado = _compose([float(v) for v in operandos], estado)
            elif operador == b"Tm":
                e, f = float(operandos[4]), float(operandos[5])
                x, y = (round(estado[0] * e + estado[2] * f + estado[4], 2),
                        round(estado[1] * e + estado[3] * f + estado[5], 2))
                inicios[y] = min(x, inicios.get(y, x))
                linea = y
            elif operador in self._REFUSED:
                raise RuntimeError(f"el sello coloca texto con {operador.decode()}, no previsto")
            self.line_of.append(linea if operador in self._SHOW or operador == b"Tm" else None)
        self.lines = [(inicios[y], y) for y in sorted(inicios, reverse=True)]
        self._resources = None

    def form(self, writer, keep: tuple[float, float] | None = None, drop: tuple[float, float] | None = None):
        """This page as a form: whole, with only the line ``keep``'s text, or without ``drop``'s."""
        from pypdf.generic import ContentStream

        if keep is None and drop is None:
            return page_as_form(writer, self.page)
        contenido = ContentStream(None, None)
        contenido.operations = [op for op, y in zip(self.operations, self.line_of)
                                if y is None or (y == keep[1] if keep else y != drop[1])]
        if self._resources is None:  # the page's lines share its fonts
            self._resources = writer._add_object(self.page["/Resources"].get_object().clone(writer))
        return page_as_form(writer, self.page, contenido.get_data(), self._resources)


def _compose(m: list[float], ctm: tuple) -> tuple:
    """The matrix ``m`` then ``ctm`` (PDF's ``cm``: the new space is ``m`` within the current)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = ctm
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    try:
        return len(PdfReader(pdf).pages)
    except Exception:  # a damaged file: only the guess suffers
        return 1


def _keep(cache: Path, kind: str, huella: str, contenido: bytes) -> bytes:
    """Keep ``contenido`` as the one ``kind`` of ``cache`` (the one before is of no more use)."""
    from generator.batch.fingerprint import write_atomically

    for viejo in cache.glob(f"{kind}-*.pdf"):
        viejo.unlink(missing_ok=True)
    write_atomically(cache / f"{kind}-{huella}.pdf", contenido)
    return contenido


def _collect_anchors(reader, desde: int, donde: dict) -> None:
    """Every real anchor of ``reader`` (stand-ins left out): its page (+ ``desde``), left, top.

    Read from the one flat array of names and explicit destinations WeasyPrint writes (pypdf's
    ``named_destinations`` makes an object of each, stand-ins too: a tenth of a join)."""
    try:
        plana = reader.trailer["/Root"]["/Names"]["/Dests"]["/Names"]
    except KeyError:  # a document without anchors
        return
    paginas = {pagina.indirect_reference.idnum: i for i, pagina in enumerate(reader.pages)}
    for nombre, destino in zip(plana[::2], plana[1::2]):
        nombre = str(nombre)
        if nombre.startswith(ELSEWHERE) or nombre in donde:
            continue
        destino = destino.get_object()
        donde[nombre] = (desde + paginas[destino[0].idnum], float(destino[2]), float(destino[3]))


def _copy_outline(writer, reader, items, desde: int, parent) -> None:
    """``reader``'s outline ``items`` under ``parent`` in ``writer``, pages moved by ``desde``."""
    from pypdf.generic import Fit

    anterior = parent
    for item in items:
        if isinstance(item, list):  # the children of the item before
            _copy_outline(writer, reader, item, desde, anterior)
            continue
        anterior = writer.add_outline_item(
            title=item.title, page_number=desde + reader.get_destination_page_number(item), parent=parent,
            fit=Fit.xyz(float(item.left or 0), float(item.top or 0), 0))


def page_as_form(writer, page, content: bytes | None = None, resources=None):
    """A PDF page of another file as a form XObject of ``writer``: drawn by reference, never
    parsed. ``content`` replaces the page's operators, and ``resources`` (already ``writer``'s)
    its resources, when given."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    if content is None:
        contents = page.get("/Contents")
        contents = [] if contents is None else contents.get_object()
        streams = contents if isinstance(contents, ArrayObject) else [contents]
        content = b"\n".join(stream.get_object().get_data() for stream in streams)
    form = DecodedStreamObject()
    form.set_data(content)
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(float(v)) for v in page.mediabox)
    form[NameObject("/Resources")] = (resources if resources is not None
                                      else page["/Resources"].get_object().clone(writer))
    if "/Group" in page:  # the page's transparency group, so its translucent fills blend alike
        form[NameObject("/Group")] = page["/Group"].get_object().clone(writer)
    return writer._add_object(form.flate_encode())  # pypdf has no public name for it


def place_under(writer, page, form, form_name: str, scale_x_y: tuple[float, float, float],
                clip: tuple[float, float, float, float] | None = None) -> None:
    """Draw ``form`` on ``page`` under what the page already shows: scaled, moved, and clipped
    to the rectangle ``clip`` (x, y, width, height in the page's points) if given."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, StreamObject

    scale, x, y = scale_x_y
    ops = "q "
    if clip:
        ops += "{:.3f} {:.3f} {:.3f} {:.3f} re W n ".format(*clip)
    ops += f"{scale:.6f} 0 0 {scale:.6f} {x:.3f} {y:.3f} cm {form_name} Do Q\n"
    stream = DecodedStreamObject()
    stream.set_data(ops.encode("ascii"))
    first = writer._add_object(stream)
    existing = page.raw_get("/Contents") if "/Contents" in page else None
    if existing is None:
        rest = []
    elif isinstance(existing.get_object(), ArrayObject):
        rest = list(existing.get_object())
    else:
        rest = [existing if not isinstance(existing, StreamObject) else writer._add_object(existing)]
    page[NameObject("/Contents")] = ArrayObject([first, *rest])
    resources = page.get("/Resources")
    if resources is None:
        resources = page[NameObject("/Resources")] = DictionaryObject()
    resources = resources.get_object()
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    resources["/XObject"].get_object()[NameObject(form_name)] = form
