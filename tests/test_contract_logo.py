"""The organization's logo (``generator.contract.logo``): an SVG is rewritten without what runs or
reaches outside it, a raster is decoded completely, both have size limits; validation reports
exactly what the outputs lack, at the logo's place in the file."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from pathlib import Path

import docx
import pytest
import weasyprint  # noqa: F401  (as in a build: importing it lets Pillow load truncated images)
from defusedxml.minidom import parseString
from PIL import Image
from pypdf import PdfReader

from generator.exceptions import InvalidOrganization
from generator.contract.logo import MAX_BYTES, InvalidLogo, review
from generator.pipeline import build_organization
from generator.contract.validation import validate_file

HEAD = """\
organizacion:
  nombre: Colectivo
  mision: Vigilar el gasto.
"""
SVG_NS = "http://www.w3.org/2000/svg"


def png(color: str = "red", tamano: tuple[int, int] = (4, 4), formato: str = "PNG") -> bytes:
    salida = io.BytesIO()
    Image.new("RGB", tamano, color).save(salida, formato)
    return salida.getvalue()


PNG_ROJO = base64.b64encode(png()).decode()

HOSTIL = f"""<?xml version="1.0"?>
<?xml-stylesheet href="https://ejemplo.org/robar.css"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="{SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:h="http://www.w3.org/1999/xhtml"
     viewBox="0 0 64 64" width="64" height="64" onload="alert(1)">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#0b6e4f"/></linearGradient></defs>
  <script>alert(document.domain)</script>
  <h:script>alert(2)</h:script>
  <style>@import url(https://ejemplo.org/a.css); .a {{ fill: url(#g) }}</style>
  <circle id="c" cx="32" cy="32" r="30" fill="url(#g)" onclick="alert(3)"/>
  <use href="#c"/>
  <image width="64" height="64" href="data:image/png;base64,{PNG_ROJO}"/>
  <image width="8" height="8" xlink:href="%2e%2e/%2e%2e/%2e%2e/secreto.png"/>
  <image width="8" height="8" href="file:///etc/passwd"/>
  <a href="javascript:alert(4)"><text x="2" y="60" style="fill: \\75 rl(https://ejemplo.org/x)">Red ñ</text></a>
  <set attributeName="xlink:href" to="javascript:alert(5)"/>
  <rect width="4" height="4" style="fill: url('file:///etc/passwd')"/>
  <foreignObject width="10" height="10"><h:iframe src="file:///etc/passwd"/></foreignObject>
</svg>
"""


def elementos(contenido: bytes):
    documento = parseString(contenido)
    pila = [documento.documentElement]
    while pila:
        elemento = pila.pop()
        yield elemento
        pila.extend(n for n in elemento.childNodes if n.nodeType == n.ELEMENT_NODE)


def escribir(carpeta: Path, nombre: str, contenido: bytes | str) -> Path:
    ruta = carpeta / nombre
    ruta.write_bytes(contenido.encode() if isinstance(contenido, str) else contenido)
    return ruta


# ---------------------------------------------------------------------- SVG


def test_a_hostile_svg_keeps_its_drawing_and_loses_what_runs_or_reaches_outside(tmp_path):
    revisado = review(escribir(tmp_path, "logo.svg", HOSTIL))
    todos = list(elementos(revisado.contenido))
    nombres = {e.localName for e in todos}
    assert {e.namespaceURI for e in todos} == {SVG_NS}
    assert nombres.isdisjoint({"script", "foreignObject", "iframe", "set", "style"})
    atributos = {(a.localName, a.value) for e in todos for a in e.attributes.values()}
    assert not [a for a in atributos if a[0].startswith("on")]
    referencias = [v for n, v in atributos if n in ("href", "src")]
    assert sorted(referencias) == ["#c", f"data:image/png;base64,{PNG_ROJO}"]
    texto = revisado.contenido.decode()
    for fuera in ("ejemplo.org", "file:", "secreto", "javascript", "alert", "DOCTYPE", "xml-stylesheet", "\\75"):
        assert fuera not in texto
    # The drawing itself stays: the gradient, the circle that uses it, the text.
    assert 'fill="url(#g)"' in texto and "<circle" in texto and "Red ñ" in texto
    assert revisado.removed == (
        "la declaración DOCTYPE",
        "la instrucción <?xml-stylesheet?>",
        "el manejador de eventos onload='alert(1)'",
        "el elemento <script>",
        "el elemento <h:script> (no es SVG)",
        "el elemento <style> (carga algo de fuera del logo)",
        "el manejador de eventos onclick='alert(3)'",
        "la referencia externa xlink:href='%2e%2e/%2e%2e/%2e%2e/secreto.png'",
        "la referencia externa href='file:///etc/passwd'",
        "la referencia externa href='javascript:alert(4)'",
        "el estilo que carga algo de fuera style='fill: \\75 rl(https://ejemplo.org/x)'",
        "la animación <set> de href",
        "el estilo que carga algo de fuera style='fill: url('file:///etc/passwd')'",
        "el elemento <foreignObject>",
    )


@pytest.mark.parametrize("estilo", [
    "fill: url(https://ejemplo.org/x.svg#a)", "fill: URL( 'file:///etc/passwd' )", "fill: u\\rl(x)",
    "background: image-set('x.png' 1x)", "fill: url(data:image/svg+xml,%3Csvg/%3E)", "fill: url(#a",
])
def test_css_that_may_fetch_is_removed(tmp_path, estilo):
    logo = escribir(tmp_path, "logo.svg", f'<svg xmlns="{SVG_NS}"><rect style="{estilo}"/></svg>')
    revisado = review(logo)
    assert "style" not in revisado.contenido.decode() and len(revisado.removed) == 1


def test_an_ordinary_inkscape_logo_loses_nothing(tmp_path):
    logo = escribir(tmp_path, "logo.svg", f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape -->
<svg xmlns="{SVG_NS}" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"
     xmlns:dc="http://purl.org/dc/elements/1.1/" inkscape:version="1.3" sodipodi:docname="logo.svg"
     viewBox="0 0 10 10">
  <sodipodi:namedview id="base" pagecolor="#ffffff"/>
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:title>Logo</dc:title></cc:Work></rdf:RDF></metadata>
  <g inkscape:label="Capa 1" inkscape:groupmode="layer" style="fill:#0b6e4f;stroke:none">
    <path d="M0 0 H10 V10 Z"/><use href="#x" xlink:href="#x" xmlns:xlink="http://www.w3.org/1999/xlink"/>
  </g>
</svg>""")
    assert review(logo).removed == ()


@pytest.mark.parametrize("contenido, motivo", [
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
     "el SVG 'logo.svg' declara entidades o referencias externas (DTD); guárdalo de nuevo como SVG simple"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>',
     "el archivo 'logo.svg' no es una imagen SVG válida: su XML está mal formado (línea 1, columna 46 del SVG)"),
    ("<svg><circle r='1'/></svg>",
     "el archivo 'logo.svg' no es una imagen SVG válida: le falta <svg xmlns=\"http://www.w3.org/2000/svg\">"),
    ('<?xml version="1.0" encoding="inventada"?><svg xmlns="http://www.w3.org/2000/svg"/>',
     "el archivo 'logo.svg' no es una imagen SVG válida: declara una codificación desconocida; guárdalo en UTF-8"),
])
def test_an_svg_that_cannot_be_read_safely_is_refused(tmp_path, contenido, motivo):
    with pytest.raises(InvalidLogo) as error:
        review(escribir(tmp_path, "logo.svg", contenido))
    assert str(error.value) == motivo


# ---------------------------------------------------------------------- raster


def png_declarado(ancho: int, alto: int) -> bytes:
    """A PNG whose header claims ``ancho`` × ``alto`` pixels, with almost no data (a bomb's shape)."""
    def chunk(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))

    cabecera = struct.pack(">IIBBBBB", ancho, alto, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", cabecera) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


def jpg_sin_cabecera() -> bytes:
    """A sound JPEG without its JFIF segment: browsers and Pillow read it, python-docx does not."""
    jpg = png(formato="JPEG")
    return jpg[:2] + jpg[4 + int.from_bytes(jpg[4:6], "big"):]


@pytest.mark.parametrize("nombre, contenido, motivo", [
    ("logo.png", png(tamano=(200, 200))[:300],
     "el archivo 'logo.png' no es una imagen PNG válida: está dañada o incompleta"),
    ("logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "el archivo 'logo.png' no es una imagen PNG válida"),
    ("logo.jpg", png(formato="JPEG", tamano=(300, 300))[:700],
     "el archivo 'logo.jpg' no es una imagen JPG válida: está dañada o incompleta"),
    ("logo.jpg", png(), "el archivo 'logo.jpg' no es una imagen JPG válida"),
    ("logo.png", png_declarado(6000, 10), "el logo 'logo.png' mide 6000×10 píxeles; el máximo es 5000 por lado"),
    ("logo.png", png_declarado(100_000, 100_000),
     "el logo 'logo.png' mide demasiados píxeles; el máximo es 5000 por lado"),
    ("logo.svg", b" " * (MAX_BYTES + 1),
     "el logo 'logo.svg' pesa 2,1 MB; el máximo es 2 MB (una versión más ligera basta para la portada)"),
    ("logo.jpg", jpg_sin_cabecera(), "el archivo 'logo.jpg' es una imagen JPG que el plan en Word (DOCX) no puede "
                                     "incluir; ábrela y guárdala de nuevo como PNG o JPG"),
])
def test_a_damaged_or_oversized_image_is_refused(tmp_path, nombre, contenido, motivo):
    with pytest.raises(InvalidLogo) as error:
        review(escribir(tmp_path, nombre, contenido))
    assert str(error.value) == motivo


@pytest.mark.parametrize("nombre, formato", [("logo.png", "PNG"), ("logo.jpg", "JPEG"), ("logo.jpeg", "JPEG")])
def test_a_sound_raster_logo_is_used_as_it_is(tmp_path, nombre, formato):
    contenido = png("blue", (120, 80), formato)
    assert review(escribir(tmp_path, nombre, contenido)).contenido == contenido


# ---------------------------------------------------------------------- validation


def diagnosticos(write_org, logo: str) -> list[tuple]:
    file_name = write_org(HEAD + f"  logo: {logo}\nnivel: basico\n")
    try:
        encontrados = validate_file(file_name).warnings
    except InvalidOrganization as exc:
        encontrados = exc.diagnostics
    return [(d.line, d.column, d.severity, d.path, d.message) for d in encontrados]


def test_validation_warns_of_what_the_svg_loses_at_the_logo(write_org, org_dir):
    logo = escribir(org_dir, "logo.svg", HOSTIL)
    [(linea, columna, gravedad, ruta, mensaje)] = diagnosticos(write_org, "logo.svg")
    assert (linea, columna, gravedad, ruta) == (4, 9, "aviso", "organizacion.logo")
    assert mensaje == ("se quitó del logo lo que un navegador ejecutaría o iría a buscar fuera del archivo "
                       "(el sitio y los impresos usan el logo sin ello): " + "; ".join(review(logo).removed))


@pytest.mark.parametrize("nombre, contenido, motivo", [
    ("logo.png", png(tamano=(200, 200))[:300], "el archivo 'logo.png' no es una imagen PNG válida: está dañada o incompleta"),
    ("logo.svg", "<svg", "el archivo 'logo.svg' no es una imagen SVG válida: su XML está mal formado"),
    ("logo.svg", b"<svg/>" + b" " * MAX_BYTES, "el logo 'logo.svg' pesa 2,1 MB; el máximo es 2 MB"),
    ("logo.png", png_declarado(9000, 9000), "el logo 'logo.png' mide 9000×9000 píxeles"),
])
def test_validation_refuses_a_logo_the_build_could_not_use(write_org, org_dir, nombre, contenido, motivo):
    escribir(org_dir, nombre, contenido)
    [(linea, columna, gravedad, ruta, mensaje)] = diagnosticos(write_org, nombre)
    assert (linea, columna, gravedad, ruta) == (4, 9, "error", "organizacion.logo")
    assert mensaje.startswith(motivo)


@pytest.mark.parametrize("logo", ['"a\\0b.png"', "x" * 5000 + ".png"])
def test_a_logo_name_the_system_cannot_open_is_a_located_error(write_org, logo):
    [(linea, columna, gravedad, ruta, mensaje)] = diagnosticos(write_org, logo)
    assert (linea, columna, gravedad, ruta) == (4, 9, "error", "organizacion.logo")
    assert mensaje.endswith("no es un nombre de archivo válido")


# ---------------------------------------------------------------------- every output


def test_every_output_uses_the_checked_logo(example_copy, tmp_path):
    """The site's asset and the PDF cover are the rewritten SVG: its embedded image is printed,
    nothing it referred to outside (a file next to the site) ever is."""
    carpeta = example_copy.parent
    escribir(carpeta, "logo-red-ciudadana.svg", HOSTIL)
    Image.new("RGB", (40, 40), "blue").save(tmp_path / "secreto.png")
    resultado = build_organization(example_copy, tmp_path / "sitio", build_root=tmp_path / "build", pdf=True)
    [aviso] = resultado.warnings
    assert (aviso.severity, aviso.path) == ("aviso", "organizacion.logo") and "<script>" in aviso.message
    revisado = review(carpeta / "logo-red-ciudadana.svg")
    asset = (resultado.site_dir / "assets" / "logo.svg").read_bytes()
    assert asset == revisado.contenido and b"script" not in asset and b"secreto" not in asset
    lector = PdfReader(resultado.site_dir / "impresos" / "plan-alianzas.pdf")
    imagenes = [i.image for p in lector.pages for i in p.images]
    assert imagenes and {(i.size, i.convert("RGB").getpixel((0, 0))) for i in imagenes} == {((4, 4), (255, 0, 0))}


def test_a_raster_logo_that_validates_reaches_every_cover(example_copy, tmp_path):
    """Validation decoded it and read its header as the DOCX does: the build uses it everywhere."""
    contenido = png("blue", (120, 80), "JPEG")
    escribir(example_copy.parent, "logo.jpg", contenido)
    example_copy.write_text(example_copy.read_text(encoding="utf-8").replace("logo-red-ciudadana.svg", "logo.jpg"),
                            encoding="utf-8")
    resultado = build_organization(example_copy, tmp_path / "sitio", build_root=tmp_path / "build", pdf=True)
    assert resultado.warnings == []
    assert (resultado.site_dir / "assets" / "logo.jpg").read_bytes() == contenido
    imagenes = [i.image for p in PdfReader(resultado.site_dir / "impresos" / "plan-alianzas.pdf").pages for i in p.images]
    assert imagenes and {i.size for i in imagenes} == {(120, 80)}
    plan = docx.Document(str(resultado.site_dir / "impresos" / "plan-alianzas.docx"))
    # The logo as it is; the other pictures are the annexes' figures, rendered from SVG to PNG.
    blobs = [parte.blob for parte in plan.part.package.image_parts]
    assert blobs.count(contenido) == 1 and all(b.startswith(b"\x89PNG") for b in blobs if b != contenido)
