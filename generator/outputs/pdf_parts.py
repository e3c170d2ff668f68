"""A long PDF laid out in parts, side by side, then joined: a change lays out one part again.

WeasyPrint lays out one document on one core, and the facilitator's guide is the longest
layout of all (BENCHMARKS.md). Every page of the handbook starts a new printed page, so the
guide's pages can be split into parts that WeasyPrint lays out apart, each page exactly as in
one layout. Each part is a piece of its own fingerprint (``generator.outputs.printing``):
unchanged, it is reused; changed, it alone is laid out again. Joining them (``join``) redoes
what only a whole layout knows:

* the page numbers: the cover and the contents (``front``) are laid out last, with the page
  each entry starts on written in (``data-pagina``), instead of WeasyPrint's ``target-counter``;
* the running header and "N de M": the parts are laid out with empty margins, and the margins
  are laid out once for the whole document, as pages with nothing else on them (the stamp),
  each drawn under its page;
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

#: About how many entries of the contents fit on a page (a guess; see ``_front``).
LINES_PER_PAGE = 48
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


def detach(secciones: list[Tag]) -> str:
    """Point each link of ``secciones`` whose target is not among them at a stand-in anchor;
    returns the stand-ins' HTML, to be put at the start of the part."""
    ids = {s["id"] for s in secciones if s.get("id")} | {e["id"] for s in secciones for e in s.find_all(id=True)}
    fuera: dict[str, None] = {}
    for seccion in secciones:
        for enlace in seccion.find_all("a", href=True):
            destino = enlace["href"]
            if destino.startswith("#") and destino[1:] not in ids:
                enlace["href"] = f"#{ELSEWHERE}{destino[1:]}"
                fuera[destino[1:]] = None
    return stand_ins(fuera)


def stand_ins(ids) -> str:
    """Empty anchors ``ELSEWHERE + id``, out of the flow (``pdf.css``: ``.hb-ancla-fuera``):
    nothing moves on the page."""
    return "".join(f'<span class="hb-ancla-fuera" id="{html.escape(ELSEWHERE + i)}"></span>' for i in ids)


_PAGE_SLOT = re.compile(r'href="#' + re.escape(ELSEWHERE) + r'([^"]+)" data-pagina=""')


def join(front: str, part_files: list[str], page_css: str, landscape_page: str, destino: str, sitio: str,
         cache: str) -> None:
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
    sello = PdfReader(io.BytesIO(_stamp(apaisadas, page_css, landscape_page, Path(sitio), name, carpeta)))
    if len(sello.pages) != len(writer.pages):
        raise RuntimeError(f"{len(sello.pages)} páginas de encabezados para {len(writer.pages)} páginas")
    # A form of its own per page: the pages of one part share one resource dictionary.
    for numero, pagina in enumerate(writer.pages):
        place_under(writer, pagina, page_as_form(writer, sello.pages[numero]), f"/HbSello{numero}", (1.0, 0.0, 0.0))

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

    for paginas_frente in range(1, 10):  # laid out at an earlier join?
        guardado = cache / f"frente-{pdf_fingerprint(numbered(paginas_frente), css, sitio)}.pdf"
        if guardado.is_file():
            return guardado.read_bytes()
    # A first guess, so that one layout usually does: the cover, then about LINES_PER_PAGE
    # entries of the contents a page. A wrong guess costs one more layout, never a wrong number.
    paginas_frente = 1 + math.ceil(front.count("<li") / LINES_PER_PAGE)
    for _ in range(4):
        documento = numbered(paginas_frente)
        hecho = laid_out(documento, sitio, css, name)
        if len(hecho.pages) == paginas_frente:
            return _keep(cache, "frente", pdf_fingerprint(documento, css, sitio), hecho.pdf())
        paginas_frente = len(hecho.pages)
    raise RuntimeError("el índice no se estabiliza")


def _stamp(apaisadas: list[bool], page_css: str, landscape_page: str, sitio: Path, name: str, cache: Path) -> bytes:
    """The stamp: one page per page, in its orientation, nothing but the margins."""
    from generator.outputs.html_pdf import laid_out, pdf_fingerprint

    girada = f' style="page: {landscape_page}"'
    cuerpo = "".join(f'<div class="hb-sello"{girada if a else ""}></div>' for a in apaisadas)
    documento = f'<!DOCTYPE html><html lang="es-MX"><head><meta charset="utf-8"></head><body>{cuerpo}</body></html>'
    css = page_css
    huella = pdf_fingerprint(documento, css, sitio)
    guardado = cache / f"sello-{huella}.pdf"
    if guardado.is_file():
        return guardado.read_bytes()
    return _keep(cache, "sello", huella, laid_out(documento, sitio, css, name).pdf())


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


def page_as_form(writer, page):
    """A PDF page of another file as a form XObject of ``writer``: drawn by reference, never parsed."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    contents = page.get("/Contents")
    contents = [] if contents is None else contents.get_object()
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    form = DecodedStreamObject()
    form.set_data(b"\n".join(stream.get_object().get_data() for stream in streams))
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(float(v)) for v in page.mediabox)
    form[NameObject("/Resources")] = page["/Resources"].get_object().clone(writer)
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
