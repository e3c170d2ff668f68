"""Stage 6: print the handbook's documents (``handbook build --pdf``) into the built site.

Participant chapters, the facilitator's guide, the Strategic Alliance Plan and the blank
worksheets as PDF (WeasyPrint), and the plan as an editable DOCX, all written into
``<site>/impresos/`` before the site is put in place, so the site links and serves them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from weasyprint import CSS

from generator.colour import palette
from generator.dates import cover_date
from generator.exceptions import SiteBuildError
from generator.fechas import fecha_de_edicion
from generator.impresion.docx import plan_docx
from generator.impresion.pdf import PaginasDelSitio, escribir_pdf, hoja_de_pagina, indice, portada, secciones_de
from generator.methodology import Metodologia
from generator.structure import Documento, Manual

# The figures the plan carries as annexes, when the organization's data drew them.
ANEXOS_DEL_PLAN = (("mapa-sistema.svg", "mapa_sistema"), ("plan-trabajo.svg", "plan_trabajo"))


@dataclass(frozen=True)
class Preparativos:
    """What every document of one organization shares: its page box, cover date and logo."""

    pagina: CSS
    fecha: str
    logo: Path | None


def preparar(manual: Manual, metodologia: Metodologia, sitio: Path) -> Preparativos:
    org = manual.org.organizacion
    primario, acento = palette(org.colores)
    edicion = fecha_de_edicion(manual.org)
    aviso = "" if manual.publico else metodologia.programa.impresion.interno_pdf
    return Preparativos(
        pagina=hoja_de_pagina(manual.org.impresion.papel.value, org.siglas or org.nombre, primario, acento, aviso),
        fecha=cover_date(edicion.date()) if edicion else "",
        logo=sitio / "assets" / f"logo{manual.logo.suffix.lower()}" if manual.logo else None)


def imprimir_documentos(manual: Manual, metodologia: Metodologia, sitio: Path) -> list[Path]:
    """Write every document of ``manual.documentos`` into the built site ``sitio``."""
    org = manual.org.organizacion
    primario, acento = palette(org.colores)
    comun = preparar(manual, metodologia, sitio)
    paginas = PaginasDelSitio(sitio)
    escritos = []
    for documento in manual.documentos:
        destino = sitio / documento.archivo
        try:
            if documento.formato == "docx":
                plan_docx(paginas.articulo(documento.paginas[0]).decode_contents(), sitio / "productos", destino,
                          organizacion=org.nombre, siglas=org.siglas, logo=comun.logo, color_primario=primario,
                          color_acento=acento, fecha=comun.fecha)
            else:
                cuerpo = cuerpo_de(documento, paginas, metodologia, org.nombre, comun)
                escribir_pdf(cuerpo, f"{documento.titulo} — {org.nombre}", destino, sitio, comun.pagina)
        except SiteBuildError:
            raise
        except Exception as exc:  # WeasyPrint, python-docx or the disk: reported, never a traceback
            raise SiteBuildError(f"No se pudo generar {documento.archivo}: {exc}") from None
        escritos.append(destino)
    return escritos


def cuerpo_de(documento: Documento, paginas: PaginasDelSitio, metodologia: Metodologia, organizacion: str,
              comun: Preparativos) -> str:
    """The HTML body WeasyPrint prints for ``documento``: cover, contents, pages, annexes."""
    secciones = secciones_de(documento, paginas)
    partes = [portada(organizacion, documento.titulo, documento.subtitulo, comun.fecha, comun.logo)]
    clase = f"hb-documento hb-documento--{documento.tipo}"
    if documento.tipo == "guia":
        partes.append(indice(secciones, metodologia.programa.impresion.contenido))
    if documento.tipo == "plan":
        # The cover already shows the title, the logo and the organization's name.
        for seccion in secciones:
            for repetido in seccion.select("h1, .hb-plan-logo, .hb-plan-organizacion"):
                repetido.decompose()
    partes += [str(s) for s in secciones]
    if documento.tipo == "plan":
        partes.append(_anexos(paginas.sitio, metodologia))
    return f'<div class="{clase}">{"".join(partes)}</div>'


def _anexos(sitio: Path, metodologia: Metodologia) -> str:
    titulos = metodologia.productos.titulos
    figuras = [(sitio / "figuras" / archivo, titulos[clave]) for archivo, clave in ANEXOS_DEL_PLAN
               if (sitio / "figuras" / archivo).is_file()]
    if not figuras:
        return ""
    sopa = BeautifulSoup("", "html.parser")
    seccion = sopa.new_tag("section", attrs={"class": "hb-anexos"})
    titulo = sopa.new_tag("h2")
    titulo.string = metodologia.programa.impresion.anexos
    seccion.append(titulo)
    for archivo, nombre in figuras:
        figura = sopa.new_tag("figure", attrs={"class": "hb-figura hb-anexo"})
        encabezado = sopa.new_tag("h3")
        encabezado.string = nombre
        figura.append(encabezado)
        figura.append(sopa.new_tag("img", attrs={"src": archivo.as_uri(), "alt": nombre}))
        seccion.append(figura)
    return str(seccion)
