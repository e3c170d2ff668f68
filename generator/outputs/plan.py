"""The Strategic Alliance Plan: a branded PDF with the figures as annexes, and the same page as an
editable DOCX."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.colour import palette
from generator.figures import MAPA_CLAVE, MAPA_SISTEMA, WORK_PLAN
from generator.outputs.base import Output, PdfOutput, PlannedHandbook, PrintJob
from generator.outputs.figure_print import place_figures, svg_from_file_uri
from generator.structure import PlannedDocument

PAGE = "productos/plan-alianzas.md"
FILE = "plan-alianzas"

# The figures the plan carries as annexes, when the organization's data drew them, with the key
# of their title in content/productos.yaml.
ANNEXES = ((MAPA_SISTEMA, "mapa_sistema"), (MAPA_CLAVE, "mapa_clave"), (WORK_PLAN, "plan_trabajo"))


def annex_figures(job: PrintJob) -> list[tuple[Path, str]]:
    """The annexes' figures this organization's data drew: (file, title)."""
    titulos = job.metodologia.productos.titulos
    return [(job.sitio / "figuras" / file_name, titulos[clave]) for file_name, clave in ANNEXES
            if (job.sitio / "figuras" / file_name).is_file()]


def _plan_document(output: Output, planned: PlannedHandbook) -> list[PlannedDocument]:
    if PAGE not in planned.doc_paths:  # a level without the plan and no plan data yet
        return []
    return [output.document(FILE, planned.metodologia.productos.titulos["plan_alianzas"], [PAGE])]


class AlliancePlanPdf(PdfOutput):
    name = "plan"

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        return _plan_document(self, planned)

    def body(self, secciones: list, job: PrintJob) -> list[str]:
        # The cover already shows the title, the logo and the organization's name.
        for seccion in secciones:
            for repetido in seccion.select("h1, .hb-plan-logo, .hb-plan-organizacion"):
                repetido.decompose()
        return [*super().body(secciones, job), self._annexes(job)]

    @staticmethod
    def _annexes(job: PrintJob) -> str:
        figuras = annex_figures(job)
        if not figuras:
            return ""
        sopa = BeautifulSoup("", "html.parser")
        seccion = sopa.new_tag("section", attrs={"class": "hb-anexos"})
        titulo = sopa.new_tag("h2")
        titulo.string = job.metodologia.programme.impresion.anexos
        seccion.append(titulo)
        for file_name, nombre in figuras:
            figura = sopa.new_tag("figure", attrs={"class": "hb-figura hb-anexo"})
            encabezado = sopa.new_tag("h3")
            encabezado.string = nombre
            figura.append(encabezado)
            figura.append(sopa.new_tag("img", attrs={"src": file_name.as_uri(), "alt": nombre}))
            seccion.append(figura)
        from generator.outputs.html_pdf import local_path  # WeasyPrint: imported only when printing

        place_figures(seccion, lambda src: svg_from_file_uri(src, local_path))
        return str(seccion)


class AlliancePlanDocx(Output):
    """The plan's built page converted to Word, to go on editing it."""

    name = "plan_docx"
    extension = "docx"
    icon = "material/file-word-box"

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        return _plan_document(self, planned)

    def write(self, documento: PlannedDocument, job: PrintJob) -> None:
        from generator.outputs.docx_writer import plan_docx

        org = job.handbook.org.organizacion
        primario, acento = palette(org.colores)
        plan_docx(job.paginas.article(documento.paginas[0]).decode_contents(), job.sitio / "productos",
                  job.sitio / documento.file_name, organizacion=org.nombre, siglas=org.siglas, logo=job.logo,
                  color_primario=primario, color_acento=acento, fecha="\n".join(self.cover_lines(documento, job)),
                  anexos=(job.metodologia.programme.impresion.anexos, annex_figures(job)))
