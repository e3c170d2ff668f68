"""The Strategic Alliance Plan as an editable DOCX, converted from its rendered HTML page.

Converting the built page (instead of re-rendering from the organization's data) keeps the
DOCX identical in sections, texts and tables to what the organization reads on the site, and
keeps every Spanish sentence in ``content/``: this module only maps HTML structure to Word.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt, RGBColor

from generator.colour import tint
from generator.plan.edition import source_date_epoch

# Children of <w:pPr> and <w:tcPr> must follow the schema's order or Word refuses the file;
# python-docx knows the order only for the properties it exposes, so these are spelled out.
_PPR_AFTER_SHD = ("w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                  "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                  "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                  "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                  "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                  "w:pPrChange")
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                   "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")

_HEADING_LEVEL = {"h2": 1, "h3": 2, "h4": 3, "h5": 3, "h6": 3}
# Elements that start their own Word paragraph(s); everything else flows inline.
_BLOCKS = {"p", "ul", "ol", "table", "div", "section", "figure", "blockquote", "pre", "hr",
           "details", *_HEADING_LEVEL}
# Page chrome that is not part of the plan (the same as generator.outputs.html_pdf leaves out,
# plus buttons). The h1 is read for the cover, then dropped; p.hb-plan-organizacion is the
# page's own cover line, which the DOCX cover replaces.
_SKIP = ("a.headerlink, .hb-solo-pantalla, .hb-acciones, button, script, style, noscript, "
         "template, img.hb-plan-logo, p.hb-plan-organizacion")
_LOGO_SRC = re.compile(r"(^|/)assets/logo\.[A-Za-z]+$")
_RASTER = {".png", ".jpg", ".jpeg"}  # what python-docx can embed as it is
_PICTURES = _RASTER | {".svg"}  # an SVG is rendered to PNG first (svg_to_png)
# HTML collapses these; a no-break space (U+00A0) is content and survives.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_BREAK = object()  # a <br> among a paragraph's text segments
# Control characters XML cannot hold: lxml would refuse the whole document over one of them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class _Fmt:
    bold: bool = False
    italic: bool = False
    code: bool = False
    marked: bool = False  # data the organization still has to fill in


@dataclass(frozen=True)
class _Picture:
    path: Path
    alt: str

    def image_bytes(self, width_inches: float) -> bytes:
        """The picture as python-docx can embed it: a PNG or JPEG as it is, an SVG rendered to
        PNG (python-docx cannot embed SVG) at 200 px per inch of the width it gets in Word."""
        if self.path.suffix.lower() != ".svg":
            return self.path.read_bytes()
        return svg_to_png(self.path, round(width_inches * PNG_PX_PER_INCH))


#: Resolution of the PNG an SVG (logo, map, Gantt) becomes in the DOCX: sharp when printed.
PNG_PX_PER_INCH = 200


def svg_to_png(svg: Path, width_px: int) -> bytes:
    """``svg`` rendered to PNG ``width_px`` wide with resvg (a Rust renderer: no system library,
    no network; the SVGs are the generator's figures and the checked logo, which reference
    nothing outside themselves), on white, as it shows on the page."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg.read_text(encoding="utf-8"), width=max(width_px, 1),
                                       background="#ffffff"))


def plan_docx(article: str, carpeta_pagina: Path, destino: Path, *, organizacion: str,
              siglas: str | None, logo: Path | None, color_primario: str, color_acento: str,
              fecha: str, anexos: tuple[str, list[tuple[Path, str]]] | None = None) -> None:
    """Write the plan as DOCX to ``destino``. ``article`` is the inner HTML of the page's
    <article class="md-content__inner">; relative image sources resolve against ``carpeta_pagina``.
    ``anexos`` is the annexes' heading and its figures (file, title), as the plan's PDF has them."""
    soup = BeautifulSoup(article, "html.parser")  # decodes entities exactly once
    logo_alt = next((img.get("alt", "") for img in soup.find_all("img") if _is_logo(img)), "")
    for element in soup.select(_SKIP):
        if not element.decomposed:  # an earlier match may have contained it
            element.decompose()
    for img in soup.find_all("img"):
        if _is_logo(img):
            img.decompose()
    h1 = soup.find("h1")
    titulo = " ".join(h1.get_text().split()) if h1 else ""
    if h1:
        h1.decompose()

    doc = Document()
    _styles(doc, color_primario.lstrip("#"), color_acento.lstrip("#"))
    _cover(doc, titulo, organizacion, fecha, logo, logo_alt)
    _header_footer(doc, siglas or organizacion)
    _Writer(doc, carpeta_pagina, _fill(color_acento, 0.35), _fill(color_acento, 0.15)).blocks(doc, soup)
    if anexos and anexos[1]:
        _annexes(doc, *anexos)

    props = doc.core_properties
    props.title = " — ".join(t for t in (titulo, organizacion) if t)[:255]
    props.author, props.last_modified_by, props.comments = organizacion[:255], "", ""
    props.language = "es-MX"
    epoch = source_date_epoch()
    if epoch:
        props.created = props.modified = epoch
    destino.write_bytes(stable_zip(doc, epoch))


def _is_logo(img: Tag) -> bool:
    return "hb-plan-logo" in img.get("class", []) or bool(_LOGO_SRC.search(img.get("src", "")))


def _styles(doc, primary: str, accent: str) -> None:
    """Spanish proofing and the organization's colours, set on the styles so that headings
    the organization adds later in Word look like the generated ones."""
    for lang in doc.styles.element.iterfind(f"{qn('w:docDefaults')}//{qn('w:lang')}"):
        lang.set(qn("w:val"), "es-MX")
        lang.set(qn("w:eastAsia"), "es-MX")
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.color.rgb = RGBColor.from_string(primary.upper())
    for name in ("Title", "Heading 1"):  # the page underlines h1/h2 in the accent colour
        ppr = doc.styles[name].element.get_or_add_pPr()
        for old in ppr.findall(qn("w:pBdr")):
            ppr.remove(old)
        border = _element("w:pBdr")
        border.append(_element("w:bottom", **{"w:val": "single", "w:sz": "8", "w:space": "4",
                                              "w:color": accent.upper()}))
        ppr.insert_element_before(border, "w:shd", *_PPR_AFTER_SHD)


def _cover(doc, titulo: str, organizacion: str, fecha: str, logo: Path | None, alt: str) -> None:
    if logo is not None and logo.suffix.lower() in _PICTURES:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _picture(paragraph, _Picture(logo, alt), Inches(1.5), Inches(4))
    title = doc.add_paragraph(titulo, style="Title")
    title.paragraph_format.space_before = Pt(96)
    name = doc.add_paragraph()
    name.add_run(organizacion).bold = True
    name.runs[0].font.size = Pt(16)
    doc.add_paragraph(fecha)
    doc.add_page_break()


def _picture(paragraph, picture: _Picture, height, max_width) -> None:
    """A picture at ``height`` unless that makes it wider than ``max_width``."""
    data = picture.image_bytes(Emu(max_width).inches)
    image = Image.from_blob(data)
    aspect = image.px_width / max(image.px_height, 1)
    size = {"height": height} if height * aspect <= max_width else {"width": max_width}
    shape = paragraph.add_run().add_picture(io.BytesIO(data), **size)
    shape._inline.docPr.set("descr", picture.alt)  # Word's alternative text, as on the page


def _annexes(doc, heading: str, figures: list[tuple[Path, str]]) -> None:
    """The figures after the plan, each on its own page with its title, as wide as the text."""
    section = doc.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    text_height = section.page_height - section.top_margin - section.bottom_margin
    for i, (path, title) in enumerate(figures):
        doc.add_page_break()
        if i == 0:
            doc.add_heading(heading, level=1)
        doc.add_heading(title, level=2)
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _picture(paragraph, _Picture(path, title), Emu(int(text_height * 0.75)), text_width)


def _header_footer(doc, nombre_corto: str) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True  # the cover carries neither
    section.header.paragraphs[0].text = nombre_corto
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Fields, not numbers: Word fills them in and keeps them right as the plan is edited.
    footer._p.append(_field("PAGE"))
    footer.add_run(" de ")
    footer._p.append(_field("NUMPAGES"))


def _field(instruction: str):
    """A simple field; the "1" is only its placeholder result until Word computes it."""
    field = _element("w:fldSimple", **{"w:instr": f" {instruction} "})
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    return field


def _element(tag: str, **attrs):
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key), value)
    return element


def _shade_paragraph(paragraph, fill: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(_element("w:shd", **{"w:val": "clear", "w:fill": fill}), *_PPR_AFTER_SHD)


def _shade_cell(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    tcpr.insert_element_before(_element("w:shd", **{"w:val": "clear", "w:fill": fill}), *_TCPR_AFTER_SHD)


def _fill(color: str, share: float) -> str:
    """A cell shading (Word's ``RRGGBB``): ``share`` of ``color`` on white."""
    return tint(color, share).lstrip("#").upper()


def stable_zip(doc, epoch: datetime | None) -> bytes:
    """The saved DOCX or PPTX (``doc.save``) with fixed member timestamps: the same input, the same bytes."""
    raw = io.BytesIO()
    doc.save(raw)
    stamp = time.gmtime(max(int(epoch.timestamp()), 315532800))[:6] if epoch else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, stamp), source.read(info),
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


class _Writer:
    """Walks the article's HTML and appends its blocks to a document or a table cell."""

    def __init__(self, doc, carpeta_pagina: Path, header_fill: str, note_fill: str):
        self.doc, self.carpeta, self.header_fill, self.note_fill = doc, carpeta_pagina, header_fill, note_fill
        self.made: list = []  # every paragraph written, in order

    def blocks(self, container, node: Tag, style: str | None = None, cont: str | None = None,
               depth: int = 0) -> None:
        """Write ``node``'s children. The first paragraph gets ``style``, later ones ``cont``
        (how a list item's first paragraph gets the bullet and the rest only the indent)."""
        pending: list = []
        start = len(self.made)

        def current() -> str | None:
            return style if len(self.made) == start else cont

        def flush() -> None:
            segments = [s for child in pending for s in self.inline(child, _Fmt())]
            self.paragraph(container, segments, current())
            pending.clear()

        for child in node.children:
            if isinstance(child, PreformattedString):  # comments, doctypes, CDATA
                continue
            if not (isinstance(child, Tag) and child.name in _BLOCKS):
                pending.append(child)
                continue
            flush()
            self.block(container, child, current, depth)
        flush()

    def block(self, container, node: Tag, style_now, depth: int) -> None:
        """One block element; ``style_now()`` is the style its paragraph takes in a list item."""
        name = node.name
        if name in _HEADING_LEVEL:
            self.paragraph(container, self.inline(node, _Fmt()), f"Heading {_HEADING_LEVEL[name]}")
        elif name == "p":
            self.paragraph(container, self.inline(node, _Fmt()), style_now())
        elif name in ("ul", "ol"):
            self.list(container, node, depth + 1)
        elif name == "table":
            self.table(container, node)
        elif name == "figure":
            for image in node.find_all(["img", "svg"]):
                self.paragraph(container, self.inline(image, _Fmt()))
            for caption in node.find_all("figcaption"):
                self.paragraph(container, self.inline(caption, _Fmt()), "Caption")
        elif "admonition" in node.get("class", []) or name == "details":
            self.admonition(container, node, depth)
        elif name != "hr":  # div, section, blockquote, pre: their content, in order
            self.blocks(container, node, depth=depth)

    def inline(self, node, fmt: _Fmt) -> list:
        """Segments of an inline node: ``(text, _Fmt)``, ``_BREAK`` and ``_Picture``."""
        if isinstance(node, PreformattedString):
            return []
        if isinstance(node, NavigableString):
            return [(str(node), fmt)]
        name, classes = node.name, node.get("class", [])
        if name == "br":
            return [_BREAK]
        if name in ("img", "svg"):
            return self.image(node)
        if name in ("strong", "b"):
            fmt = replace(fmt, bold=True)
        elif name in ("em", "i"):
            fmt = replace(fmt, italic=True)
        elif name in ("code", "kbd", "samp"):
            fmt = replace(fmt, code=True)
        elif name == "mark" or "hb-por-completar" in classes:
            fmt = replace(fmt, marked=True)
        # Links and any other wrapper: their text only.
        return [s for child in node.children for s in self.inline(child, fmt)]

    def image(self, node: Tag) -> list:
        """A PNG/JPEG next to the page is embedded; anything else (SVG figures, remote or
        missing files) becomes its alternative text in italics, so nothing is silently lost."""
        alt = node.get("alt") or node.get("aria-label") or (node.title.get_text() if node.title else "")
        alt = " ".join(alt.split())
        src = node.get("src", "")
        path = self.carpeta / src if src and ":" not in src else None  # no http:, data:
        if path is not None and path.suffix.lower() in _PICTURES and path.is_file():
            return [_Picture(path, alt)]
        return [(alt, _Fmt(italic=True))] if alt else []

    def paragraph(self, container, segments: list, style: str | None = None):
        """A paragraph from segments, collapsing whitespace as HTML does; None if empty."""
        clean: list = []
        for segment in segments:
            if segment is _BREAK or isinstance(segment, _Picture):
                _strip_end(clean)
                clean.append(segment)
                continue
            text = _HTML_SPACE.sub(" ", segment[0])
            if not clean or not isinstance(clean[-1], tuple) or clean[-1][0].endswith(" "):
                text = text.lstrip(" ")
            if text:
                clean.append((text, segment[1]))
        _strip_end(clean)
        while clean and clean[0] is _BREAK:
            clean.pop(0)
        if not clean:
            return None
        paragraph = container.add_paragraph(style=style)
        section = self.doc.sections[0]
        for segment in clean:
            if segment is _BREAK:
                paragraph.add_run().add_break()
            elif isinstance(segment, _Picture):
                text_width = section.page_width - section.left_margin - section.right_margin
                _picture(paragraph, segment, Inches(3), text_width)
            else:
                _run(paragraph, *segment)
        self.made.append(paragraph)
        return paragraph

    def list(self, container, node: Tag, depth: int) -> None:
        kind = "Number" if node.name == "ol" else "Bullet"
        level = f" {min(depth, 3)}" if depth > 1 else ""
        item_style, cont_style = f"List {kind}{level}", f"List Continue{level}"
        num_id = self.restart_numbering(item_style) if kind == "Number" else None
        for item in node.find_all("li", recursive=False):
            start = len(self.made)
            self.blocks(container, item, item_style, cont_style, depth)
            if num_id is not None and len(self.made) > start:
                numpr = self.made[start]._p.get_or_add_pPr().get_or_add_numPr()
                numpr.get_or_add_numId().val = num_id

    def restart_numbering(self, style: str) -> int:
        """A fresh numbering instance of the style's list, so each <ol> counts from 1
        (Word otherwise continues one list's numbers into the next)."""
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles[style].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def table(self, container, node: Tag) -> None:
        """Markdown tables: one header row, no merged cells."""
        rows = [tr for tr in node.find_all("tr") if tr.find_parent("table") is node]
        cells = [tr.find_all(["th", "td"], recursive=False) for tr in rows]
        width = max(map(len, cells), default=0)
        if not width:
            return
        table = container.add_table(rows=len(rows), cols=width)
        table.style = self.doc.styles["Table Grid"]
        for r, (tr, row) in enumerate(zip(rows, cells)):
            header = tr.parent.name == "thead" or all(c.name == "th" for c in row)
            if header:  # repeats on every page the table runs into
                table.rows[r]._tr.get_or_add_trPr().append(_element("w:tblHeader"))
            for c, html_cell in enumerate(row):
                cell = table.cell(r, c)
                empty = cell.paragraphs[0]  # every new cell has one; the HTML's content replaces it
                self.blocks(cell, html_cell)
                if len(cell.paragraphs) > 1:
                    cell._tc.remove(empty._p)
                if header:
                    _shade_cell(cell, self.header_fill)
                    for paragraph in cell.paragraphs:
                        for run in paragraph.runs:
                            run.bold = True

    def admonition(self, container, node: Tag, depth: int) -> None:
        """A note box: the bold title, then its text, shaded and indented together."""
        title = node.find(class_="admonition-title", recursive=False) or node.find("summary", recursive=False)
        start = len(self.made)
        if title is not None:
            self.paragraph(container, self.inline(title, _Fmt(bold=True)))
            title.decompose()
        self.blocks(container, node, depth=depth)
        for paragraph in self.made[start:]:
            _shade_paragraph(paragraph, self.note_fill)
            paragraph.paragraph_format.left_indent = Inches(0.25)
            paragraph.paragraph_format.right_indent = Inches(0.25)


def _run(paragraph, text: str, fmt: _Fmt) -> None:
    run = paragraph.add_run(_NOT_XML.sub("", text))
    if fmt.bold:
        run.bold = True
    if fmt.italic:
        run.italic = True
    if fmt.code:
        run.font.name = "Courier New"
    if fmt.marked:  # yellow, like a reviewer's marker, so what is missing stays visible
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _strip_end(segments: list) -> None:
    """Drop the trailing space HTML would not show at the end of a line."""
    while segments and isinstance(segments[-1], tuple):
        text = segments[-1][0].rstrip(" ")
        if text:
            segments[-1] = (text, segments[-1][1])
            return
        segments.pop()
