"""The printed documents as PDF, made with WeasyPrint from the pages of the built site.

Each document gathers some pages of the site (``PlannedDocument.paginas``): their articles are taken
from the built HTML, so the PDF says exactly what the site says, with Material's Markdown
already rendered. On the way, each page's ids get a prefix (pages reuse ids such as
"objetivo"), links between gathered pages become links inside the PDF, other links keep only
their text, and images point at the site's own files. Participant documents leave out what is
for the facilitator only (``.hb-facilitador``, ``.hb-solo-guia``).

Only files inside the site are read: the fetcher refuses any other URL, so printing never
touches the network.
"""

from __future__ import annotations

import copy
import hashlib
import html
import mimetypes
import os
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from bs4 import BeautifulSoup, Tag
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, iri_to_uri

from generator.batch.fingerprint import PDF_LIBRARIES, library_versions, write_atomically
from generator.exceptions import SiteBuildError
from generator.outputs.figure_print import LANDSCAPE_PAGE, place_figures, svg_from_file_uri
from generator.paths import OVERRIDES_DIR
from generator.structure import PlannedDocument

STYLESHEET = OVERRIDES_DIR / "assets" / "pdf.css"
ALWAYS_LEFT_OUT = ("a.headerlink", ".hb-solo-pantalla", ".hb-acciones", ".hb-interno", "script", "style")  # the running header says "internal"
HIDDEN_FROM_PARTICIPANTS = (".hb-facilitador", ".hb-solo-guia")
PAPER_SIZES = {"carta": "letter", "a4": "A4"}


class _SiteOnly(URLFetcher):
    """Fetch the site's own files (and ``data:`` URLs) and nothing else.

    The URL is decoded the way WeasyPrint's own fetcher would (percent-escapes, non-ASCII
    names), symlinks are followed, and the real path is checked against the site's real
    path; the file read is that very path, so what was checked is what is printed. Every
    refusal is kept in ``rechazadas``: WeasyPrint only logs a failed image (even a fatal one
    inside an SVG), and every image we put in a document is a file of the site, so a refusal
    is a bug or a hostile file, never something to print around.
    """

    def __init__(self, sitio: Path) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.sitio = sitio.resolve()
        self.rechazadas: list[str] = []

    def fetch(self, url, headers=None):
        if not url:  # an SVG <image> without href: nothing to fetch, nothing left out
            raise ValueError("sin dirección")
        try:
            if url.lower().startswith("data:"):
                return super().fetch(url, headers)
            ruta = local_path(url)
            if ruta is None or not ruta.is_relative_to(self.sitio) or not ruta.is_file():
                raise ValueError(f"{url} está fuera del sitio o no existe")
            tipo = mimetypes.guess_type(ruta.name)[0] or "application/octet-stream"
            return URLFetcherResponse(ruta.as_uri(), ruta.read_bytes(), {"Content-Type": tipo})
        except Exception as exc:
            self.rechazadas.append(str(exc))
            raise


def local_path(url: str) -> Path | None:
    """The real path a ``file:`` URL names, decoded as WeasyPrint's fetcher decodes it
    (query dropped, IRI to URI, percent-escapes undone); ``None`` for any other URL."""
    partes = urlsplit(iri_to_uri(url.split("?")[0]))
    if partes.scheme.lower() != "file" or partes.netloc not in ("", "localhost"):
        return None
    return Path(url2pathname(partes.path)).resolve()


def key_of(ruta: str) -> str:
    """The id of a gathered page: "sesiones/sesion-1.md" → "p-sesiones-sesion-1"."""
    return "p-" + ruta.removesuffix(".md").replace("/", "-")


class SitePages:
    """The built pages' articles, each parsed once per print run: a page in several documents
    (a session in its chapter and in the guide) is read once, and each document edits a copy.
    ``uses`` says how many times each page will be asked for (at most): the last time, the
    parsed page itself is handed out and forgotten, with no copy made (copying cost about as
    much as parsing). A page asked for once more is parsed again."""

    def __init__(self, sitio: Path, uses: dict[str, int] | None = None) -> None:
        self.sitio = sitio
        self._leidas: dict[str, Tag] = {}
        self._uses = uses or {}
        self._pedidas: dict[str, int] = {}

    def forget(self) -> None:
        """Drop the parsed pages (they are parsed again if asked for)."""
        self._leidas.clear()

    def article(self, ruta: str) -> Tag:
        arbol = self._leidas.pop(ruta, None) or article(self.sitio, ruta)
        self._pedidas[ruta] = self._pedidas.get(ruta, 0) + 1
        if self._pedidas[ruta] >= self._uses.get(ruta, 0):
            return arbol
        self._leidas[ruta] = arbol
        return copy.copy(arbol)


def article(sitio: Path, ruta: str) -> Tag:
    """The ``<article>`` of the built page of docs path ``ruta``.

    Only the article's own text is parsed: the rest of a built page (the theme's navigation,
    header and footer) is most of its HTML, and parsing it was most of the print stage's own
    time. Material writes one ``<article>``, and the page's text is escaped, so the article runs
    from its opening tag to the page's last ``</article>``."""
    file_name = sitio / (ruta.removesuffix(".md") + ".html")
    texto = file_name.read_text(encoding="utf-8")
    inicio = _ARTICLE_START.search(texto)
    fin = texto.rfind("</article>")
    if inicio is not None and fin > inicio.start():
        texto = texto[inicio.start():fin + len("</article>")]
    # lxml's parser: twice as fast as Python's, and it reads a stray "&E;" as a browser does
    # (Python's dropped its semicolon).
    sopa = BeautifulSoup(texto, "lxml")
    encontrado = sopa.select_one("article.md-content__inner")
    if encontrado is None:
        raise SiteBuildError(f"{file_name}: la página no tiene artículo que imprimir")
    return encontrado


_ARTICLE_START = re.compile(r"<article\b[^>]*\bmd-content__inner\b")


def tags(raiz: Tag, name: str | None = None, attr: str | None = None) -> list[Tag]:
    """The elements under ``raiz`` named ``name`` and having the attribute ``attr``, in document
    order: ``find_all`` without BeautifulSoup's general filters, which cost several times as
    much as this walk (a good share of the print stage's own time)."""
    return [t for t in raiz.descendants if isinstance(t, Tag) and (name is None or t.name == name)
            and (attr is None or attr in t.attrs)]


_LEFT_OUT = ", ".join(ALWAYS_LEFT_OUT)
_LEFT_OUT_FOR_PARTICIPANTS = ", ".join(ALWAYS_LEFT_OUT + HIDDEN_FROM_PARTICIPANTS)


def section_of_page(paginas: SitePages, ruta: str, incluidas: set[str], *, participantes: bool) -> Tag:
    """One page's article as a ``<section>`` ready to join a document."""
    sitio = paginas.sitio
    contenido = paginas.article(ruta)
    # One selector list: one walk of the article instead of one per selector.
    for elemento in contenido.select(_LEFT_OUT_FOR_PARTICIPANTS if participantes else _LEFT_OUT):
        if elemento.decomposed:  # inside an element already removed
            continue
        elemento.decompose()
    for cabecera in tags(contenido, "thead"):
        if not cabecera.get_text(strip=True):  # key-value tables have an empty header row
            cabecera.decompose()
    prefijo = key_of(ruta)
    carpeta = posixpath.dirname(ruta)
    for elemento in tags(contenido, attr="id"):
        elemento["id"] = f"{prefijo}--{elemento['id']}"
    for enlace in tags(contenido, "a", "href"):
        destino = _destination(enlace["href"], carpeta, prefijo, incluidas)
        if destino is None:
            enlace.unwrap()
        else:
            enlace["href"] = destino
    for imagen in tags(contenido, "img", "src"):
        file_name = (sitio / carpeta / imagen["src"]).resolve()
        if file_name.is_relative_to(sitio.resolve()) and file_name.is_file():
            imagen["src"] = file_name.as_uri()
        else:
            imagen.decompose()
    place_figures(contenido, lambda src: svg_from_file_uri(src, local_path))
    contenido.name = "section"
    # Worksheets get their own class: their empty tables are drawn for handwriting.
    clases = ["hb-pagina"] + (["hb-pagina--hoja"] if ruta.startswith("hojas/") else [])
    contenido.attrs = {"class": clases, "id": prefijo}
    return contenido


def _destination(href: str, carpeta: str, prefijo: str, incluidas: set[str]) -> str | None:
    """Where a link goes inside the document; ``None`` when its target is not in it."""
    if href.startswith(("http://", "https://", "mailto:")):
        return href
    if href.startswith("#"):
        return f"#{prefijo}--{href[1:]}" if len(href) > 1 else None
    camino, _, fragmento = href.partition("#")
    if ":" in camino or not camino.endswith(".html"):
        return None  # calendar file, figures, other documents: not part of the PDF
    ruta = posixpath.normpath(posixpath.join(carpeta, camino)).removesuffix(".html") + ".md"
    if ruta not in incluidas:
        return None
    return f"#{key_of(ruta)}--{fragmento}" if fragmento else f"#{key_of(ruta)}"


def css_text(valor: str) -> str:
    """``valor`` as a CSS string literal (it may come from the organization's file)."""
    escapado = "".join(c if c.isalnum() or c in " .,-_()" else f"\\{ord(c):x} " for c in valor)
    return f'"{escapado}"'


def page_css(papel: str, encabezado: str, primario: str, acento: str, aviso: str = "") -> str:
    """The whole print style sheet of one document: ``pdf.css`` with the organization's colours
    written in, then the page box (paper, running header with ``aviso`` on the left: the
    internal profile's notice).

    The colours replace ``pdf.css``'s ``var(--hb-primario)`` and ``var(--hb-acento)`` instead of
    being declared as custom properties: WeasyPrint carries custom properties down to every
    element, which cost about a tenth of the guide's layout (BENCHMARKS.md)."""
    colores = {"var(--hb-primario)": primario, "var(--hb-acento)": acento}
    hoja = re.sub(r"var\(--hb-(?:primario|acento)\)", lambda m: colores[m.group(0)], _stylesheet_text())
    return (f"{hoja}\n@page {{ size: {PAPER_SIZES[papel]}; @top-right {{ content: {css_text(encabezado)}; }}"
            f" @top-left {{ content: {css_text(aviso)}; }} }}\n"
            # The stamp of a joined document has a landscape page of its own (pdf_parts, pdf.css).
            f"@page {LANDSCAPE_PAGE}, hb-sello-apaisada {{ size: {PAPER_SIZES[papel]} landscape; }}\n")


@lru_cache(maxsize=1)
def _stylesheet_text() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def page_stylesheet(papel: str, encabezado: str, primario: str, acento: str, aviso: str = "") -> CSS:
    """``page_css`` as WeasyPrint's style sheet."""
    return _stylesheet(page_css(papel, encabezado, primario, acento, aviso))


@lru_cache(maxsize=8)
def _stylesheet(texto: str) -> CSS:
    """A style sheet parsed once per process (every document of an organization shares it)."""
    return CSS(string=texto)


def documento_html(cuerpo: str, titulo: str) -> str:
    """The whole HTML document WeasyPrint prints for ``cuerpo``."""
    return (f'<!DOCTYPE html><html lang="es-MX"><head><meta charset="utf-8">'
            f"<title>{html.escape(titulo)}</title></head><body>{cuerpo}</body></html>")


def write_pdf(cuerpo: str, titulo: str, destino: Path, sitio: Path, pagina: CSS) -> None:
    """Print ``cuerpo`` into ``destino``; nothing is written when a file could not be fetched."""
    _imprimir(documento_html(cuerpo, titulo), destino, sitio, pagina)


def imprimir_html(documento: str, destino: str, sitio: str, pagina_css: str) -> None:
    """A ``PrintTask``'s work: lay out the whole HTML ``documento`` into ``destino`` (plain
    arguments, so it runs in any process)."""
    _imprimir(documento, Path(destino), Path(sitio), _stylesheet(pagina_css))


def _imprimir(documento: str, destino: Path, sitio: Path, pagina: CSS) -> None:
    destino.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(destino, LaidOut(documento, sitio, pagina, destino.name).pdf())


def laid_out(documento: str, sitio: Path, pagina_css: str, name: str) -> "LaidOut":
    """The whole HTML ``documento`` laid out with the style sheet ``pagina_css``; ``name``, the
    file it becomes, names it in any error."""
    return LaidOut(documento, sitio, _stylesheet(pagina_css), name)


class LaidOut:
    """A document laid out by WeasyPrint (``pages``), printed by ``pdf()``. Files are fetched
    while laying out and again while drawing (an SVG's images): a refusal at either stops it."""

    def __init__(self, documento: str, sitio: Path, pagina: CSS, name: str) -> None:
        self.name = name
        self.fetcher = _SiteOnly(sitio)
        self.document = HTML(string=documento, base_url=str(sitio), url_fetcher=self.fetcher).render(
            stylesheets=[pagina])
        self._check()

    @property
    def pages(self) -> list:
        return self.document.pages

    def pdf(self) -> bytes:
        contenido = self.document.write_pdf(pdf_variant=None, uncompressed_pdf=False)
        self._check()
        return contenido

    def _check(self) -> None:
        if self.fetcher.rechazadas:
            raise SiteBuildError(f"No se pudo generar {self.name}: " + "; ".join(dict.fromkeys(self.fetcher.rechazadas)))


_FILE_URL = re.compile(r"""file:[^"'()\s<>]+""")


def pdf_fingerprint(documento: str, pagina_css: str, sitio: Path) -> str:
    """The fingerprint of one PDF: the exact HTML, every file of the site it names (images,
    the logo) by content, the whole style sheet (``page_css``: ``pdf.css``, the colours,
    the paper, the running header), the layout libraries' versions, the code that prints it and
    ``SOURCE_DATE_EPOCH``."""
    h = hashlib.sha256("\n".join(library_versions(PDF_LIBRARIES)).encode() + b"\0")
    h.update(Path(__file__).read_bytes())
    h.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode() + b"\0")
    h.update(pagina_css.encode() + b"\0")
    # The site is built in a staging folder of its own each time: its files are named relative to it.
    raiz = sitio.resolve().as_uri()
    h.update(documento.replace(raiz, "file:SITIO").encode() + b"\0")
    for url in sorted(set(_FILE_URL.findall(documento))):
        ruta = local_path(url)
        contenido = ruta.read_bytes() if ruta is not None and ruta.is_file() else b"-"
        h.update(url.replace(raiz, "file:SITIO").encode() + b"\0" + hashlib.sha256(contenido).digest())
    return h.hexdigest()


def title_of(seccion: Tag) -> str:
    h1 = seccion.find("h1")
    return h1.get_text(" ", strip=True) if h1 else ""


def index_of(secciones: list[Tag], encabezado: str, grupos: list[str | None] | None = None) -> str:
    """A table of contents for a document joined from parts (``generator.outputs.pdf_parts``):
    each entry links to its page through a stand-in anchor, and its page number is written in
    when the parts are joined (``data-pagina``).

    With ``grupos`` (each page's section, ``None`` for a page outside any), consecutive pages
    of one section are listed under its name, which carries the page its first page starts on.
    """
    from generator.outputs.pdf_parts import ELSEWHERE, stand_ins

    def enlace(seccion: Tag, texto: str) -> str:
        return f'<a href="#{html.escape(ELSEWHERE + seccion["id"])}" data-pagina="">{html.escape(texto)}</a>'

    filas: list[str] = []
    abierta: str | None = None
    for seccion, grupo in zip(secciones, grupos or [None] * len(secciones)):
        if grupo != abierta and abierta is not None:
            filas.append("</ol></li>")
            abierta = None
        if grupo is not None and grupo != abierta:
            filas.append(f'<li class="hb-indice-seccion">{enlace(seccion, grupo)}<ol>')
            abierta = grupo
        filas.append(f"<li>{enlace(seccion, title_of(seccion))}</li>")
    if abierta is not None:
        filas.append("</ol></li>")
    return (f'<nav class="hb-indice">{stand_ins(dict.fromkeys(s["id"] for s in secciones))}'
            f'<h2>{html.escape(encabezado)}</h2><ol>{"".join(filas)}</ol></nav>')


def cover(organizacion: str, titulo: str, subtitle: str | None, fechas: list[str], logo: Path | None) -> str:
    partes = ['<header class="hb-portada">']
    if logo is not None:
        partes.append(f'<img class="hb-portada-logo" src="{logo.as_uri()}" alt="">')
    partes.append(f'<p class="hb-portada-organizacion">{html.escape(organizacion)}</p>')
    partes.append(f'<h1 class="hb-portada-titulo">{html.escape(titulo)}</h1>')
    if subtitle:
        partes.append(f'<p class="hb-portada-subtitulo">{html.escape(subtitle)}</p>')
    for linea in fechas:  # a session's date and place, or the edition date
        partes.append(f'<p class="hb-portada-fecha">{html.escape(linea)}</p>')
    partes.append("</header>")
    return "".join(partes)


def sections_of(documento: PlannedDocument, paginas: SitePages, *, participantes: bool) -> list[Tag]:
    """The document's pages; links to what a participant document left out keep only their text."""
    incluidas = set(documento.paginas)
    secciones = [section_of_page(paginas, ruta, incluidas, participantes=participantes)
                 for ruta in documento.paginas]
    ids = {e["id"] for s in secciones for e in tags(s, attr="id")}
    for seccion in secciones:
        for enlace in tags(seccion, "a", "href"):
            if enlace["href"].startswith("#") and enlace["href"][1:] not in ids:
                enlace.unwrap()
    return secciones
