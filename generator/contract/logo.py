"""The organization's logo: where it may be, and what of it the handbook may use.

One place for both, because validation reports exactly what the build does: ``locate``
applies the rules about the path (inside the organization file's folder, PNG, JPG or SVG,
an existing file) and ``review`` reads the file and gives the bytes every output uses (the
site's ``assets/logo.*``, from which the PDF and DOCX covers are made) with a list of what it
removed. A raster logo is decoded completely with Pillow, and its header read as python-docx
reads it, so a damaged one is refused here and not when printing; an SVG logo is parsed with defusedxml and rewritten without anything
that runs (scripts, event handlers) or that reaches outside the file (references other than
``#fragmento`` or an embedded PNG/JPEG/GIF, ``url(...)`` and ``@import`` in CSS, HTML inside
the SVG, processing instructions, the DOCTYPE).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from xml.dom import Node
from xml.dom.minidom import Element
from xml.parsers.expat import ExpatError

from defusedxml import DefusedXmlException
from defusedxml.minidom import parseString
from docx.image.image import Image as ImagenDocx
from PIL import Image, ImageFile

from generator.exceptions import quote_value, system_reason

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 5000  # pixels of a raster logo, each side: a small file may unpack to gigabytes

EXTENSIONS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
PILLOW_FORMATS = {"PNG": {"PNG"}, "JPEG": {"JPEG", "MPO"}}  # phones save JPEG as MPO

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
XMLNS = "http://www.w3.org/2000/xmlns/"
# Drawing programs' metadata (Inkscape, Sodipodi, RDF, Creative Commons, Dublin Core): inert
# in every renderer, so kept without a word instead of warning about every Inkscape logo.
METADATA = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://purl.org/dc/elements/1.1/",
}
ALLOWED_ELEMENTS = {SVG} | METADATA  # an XHTML <iframe> or <script> inside an SVG would work
ALLOWED_ATTRIBUTES = {None, XLINK, XML, XMLNS} | METADATA

FORBIDDEN = {"script", "foreignObject", "handler", "listener"}
ANIMATIONS = {"set", "animate", "animateColor", "animateMotion", "animateTransform"}
REFERENCES = {"href", "src"}
_EMBEDDED = re.compile(r"data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/=\s]*", re.IGNORECASE)
_URL_CSS = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)


class InvalidLogo(ValueError):
    """The logo cannot be used; the message is Spanish and names the value as written."""


@dataclass(frozen=True)
class ReviewedLogo:
    """What the handbook uses of the logo: its bytes and what was removed from them."""

    contenido: bytes
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckedLogo:
    """A logo that passed validation: where it is and the bytes every output uses."""

    ruta: Path
    contenido: bytes


def locate(carpeta: Path, valor: str) -> Path:
    """The logo file ``valor`` names, relative to ``carpeta`` (the organization file's folder)."""
    nombre = quote_value(valor)
    base = carpeta.resolve()
    try:
        ruta = (base / valor).resolve()
        existe = ruta.is_file()
    except (OSError, ValueError):  # a NUL byte, a name too long for the system
        raise InvalidLogo(f"el logo '{nombre}' no es un nombre de archivo válido") from None
    if not ruta.is_relative_to(base):
        raise InvalidLogo(f"el logo '{nombre}' está fuera de la carpeta del archivo de la organización ({quote_value(base.name)})")
    if ruta.suffix.lower() not in EXTENSIONS:
        raise InvalidLogo(f"el logo '{nombre}' debe ser una imagen PNG, JPG o SVG")
    if not existe:
        raise InvalidLogo(f"no existe el archivo de logo '{nombre}'")
    return ruta


def review(ruta: Path, valor: str | None = None) -> ReviewedLogo:
    """Read the logo at ``ruta``; ``valor`` is how the organization's file names it (messages)."""
    valor = quote_value(valor or ruta.name)
    try:
        tamano = ruta.stat().st_size
        if tamano > MAX_BYTES:
            megas = f"{math.ceil(tamano / 1024 / 1024 * 10) / 10:.1f}".replace(".", ",")
            raise InvalidLogo(f"el logo '{valor}' pesa {megas} MB; el máximo es "
                               f"{MAX_BYTES // 1024 // 1024} MB (una versión más ligera basta para la portada)")
        contenido = ruta.read_bytes()
    except OSError as exc:
        raise InvalidLogo(f"no se pudo leer el logo '{valor}': {system_reason(exc, ruta)}") from None
    formato = EXTENSIONS[ruta.suffix.lower()]
    if formato == "SVG":
        return _clean_svg(contenido, valor)
    _complete_raster(contenido, ruta.suffix, formato, valor)
    return ReviewedLogo(contenido)


# ------------------------------------------------------------------ raster


def _complete_raster(contenido: bytes, extension: str, formato: str, valor: str) -> None:
    """Decode the whole image, as printing will; its size is checked before decoding."""
    no_valida = f"el archivo '{valor}' no es una imagen {extension.lower().lstrip('.').upper()} válida"
    demasiado = f"el logo '{valor}' mide {{}} píxeles; el máximo es {MAX_SIDE} por lado"
    try:
        imagen = Image.open(BytesIO(contenido))
    except Image.DecompressionBombError:
        raise InvalidLogo(demasiado.format("demasiados")) from None
    except Exception:  # not an image Pillow knows
        raise InvalidLogo(no_valida) from None
    with imagen:
        if imagen.format not in PILLOW_FORMATS[formato]:
            raise InvalidLogo(no_valida)
        if max(imagen.size) > MAX_SIDE:
            raise InvalidLogo(demasiado.format("{}×{}".format(*imagen.size)))
        try:
            _load_complete(imagen)
        except Exception:  # Pillow raises many kinds (OSError, SyntaxError, ValueError...)
            raise InvalidLogo(f"{no_valida}: está dañada o incompleta") from None
    try:
        ImagenDocx.from_blob(contenido)  # the DOCX cover reads its header (JFIF or Exif for a JPG)
    except Exception:
        raise InvalidLogo(f"el archivo '{valor}' es una imagen {extension.lower().lstrip('.').upper()} que el "
                           "plan en Word (DOCX) no puede incluir; ábrela y guárdala de nuevo como PNG o JPG") from None


def _load_complete(imagen: Image.Image) -> None:
    """Decode every pixel, refusing a truncated file: importing WeasyPrint switches Pillow's
    process-wide ``LOAD_TRUNCATED_IMAGES`` on, which would make the answer depend on what the
    process imported before."""
    antes = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        imagen.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = antes


# ------------------------------------------------------------------ SVG


def _clean_svg(contenido: bytes, valor: str) -> ReviewedLogo:
    try:
        documento = parseString(contenido)
    except DefusedXmlException:
        raise InvalidLogo(f"el SVG '{valor}' declara entidades o referencias externas (DTD); "
                           "guárdalo de nuevo como SVG simple") from None
    except ExpatError as exc:
        raise InvalidLogo(f"el archivo '{valor}' no es una imagen SVG válida: su XML está mal formado "
                           f"(línea {exc.lineno}, columna {exc.offset + 1} del SVG)") from None
    except LookupError:  # an encoding Python does not know
        raise InvalidLogo(f"el archivo '{valor}' no es una imagen SVG válida: declara una codificación "
                           "desconocida; guárdalo en UTF-8") from None
    raiz = documento.documentElement
    if raiz.namespaceURI != SVG or raiz.localName != "svg":
        raise InvalidLogo(f"el archivo '{valor}' no es una imagen SVG válida: le falta "
                           f'<svg xmlns="{SVG}">')
    removed: list[str] = []
    if documento.doctype is not None:
        removed.append("la declaración DOCTYPE")
    for nodo in documento.childNodes:
        if nodo.nodeType == Node.PROCESSING_INSTRUCTION_NODE:
            removed.append(f"la instrucción <?{nodo.target}?>")
    _clean(raiz, removed)
    limpio = '<?xml version="1.0" encoding="UTF-8"?>\n' + raiz.toxml() + "\n"
    return ReviewedLogo(limpio.encode("utf-8"), tuple(dict.fromkeys(removed)))


def _clean(elemento: Element, removed: list[str]) -> None:
    """Remove from ``elemento`` (in place) what could run or fetch; describe it in ``removed``."""
    for atributo in list(elemento.attributes.values()):
        motivo = _forbidden_attribute(atributo.namespaceURI, atributo.localName, atributo.value)
        if motivo:
            removed.append(f"{motivo} {atributo.name}={_short(atributo.value)}")
            elemento.removeAttributeNode(atributo)
    for hijo in list(elemento.childNodes):
        if hijo.nodeType == Node.PROCESSING_INSTRUCTION_NODE:
            removed.append(f"la instrucción <?{hijo.target}?>")
            elemento.removeChild(hijo)
        elif hijo.nodeType == Node.ELEMENT_NODE:
            motivo = _forbidden_element(hijo)
            if motivo:
                removed.append(motivo)
                elemento.removeChild(hijo)
            else:
                _clean(hijo, removed)


def _forbidden_element(elemento: Element) -> str | None:
    nombre = elemento.localName
    if elemento.namespaceURI not in ALLOWED_ELEMENTS:
        return f"el elemento <{elemento.tagName}> (no es SVG)"
    if nombre in FORBIDDEN:
        return f"el elemento <{elemento.tagName}>"
    if nombre in ANIMATIONS:
        destino = elemento.getAttribute("attributeName").rpartition(":")[2].lower()
        if destino in REFERENCES | {"style"} or destino.startswith("on"):
            return f"la animación <{elemento.tagName}> de {destino}"
    if nombre == "style" and _external_css(_text(elemento)):
        return "el elemento <style> (carga algo de fuera del logo)"
    return None


def _forbidden_attribute(espacio: str | None, nombre: str, valor: str) -> str | None:
    if espacio == XMLNS:
        return None
    if espacio not in ALLOWED_ATTRIBUTES:
        return "el atributo"
    if nombre.lower().startswith("on"):
        return "el manejador de eventos"
    if nombre in REFERENCES:
        return None if _internal_reference(valor) else "la referencia externa"
    if _external_css(valor):
        return "el estilo que carga algo de fuera"
    return None


def _internal_reference(valor: str) -> bool:
    """A ``#fragment`` of the logo itself or an image embedded in it."""
    valor = valor.strip()
    return valor.startswith("#") or _EMBEDDED.fullmatch(valor) is not None


def _external_css(texto: str) -> bool:
    """CSS that may fetch something: ``@import``, ``image-set``, ``url()`` to anything but the
    logo itself, or escapes (``\\75 rl(`` spells ``url(`` to a CSS parser)."""
    minusculas = texto.lower()
    if "\\" in texto or "@import" in minusculas or "image-set" in minusculas:
        return True
    if minusculas.count("url(") != len(_URL_CSS.findall(texto)):
        return True  # an url( this pattern does not understand: refused rather than guessed
    return not all(_internal_reference(destino) for _, destino in _URL_CSS.findall(texto))


def _text(elemento: Element) -> str:
    return "".join(n.data for n in elemento.childNodes if n.nodeType in (Node.TEXT_NODE, Node.CDATA_SECTION_NODE))


def _short(valor: str, largo: int = 60) -> str:
    return f"'{quote_value(' '.join(valor.split()), largo)}'"
