"""The facilitator's guide: every page of the handbook, with a table of contents."""

from __future__ import annotations

from generator.outputs.base import PdfOutput, PlannedHandbook, PrintJob
from generator.structure import Documento


class FacilitatorGuide(PdfOutput):
    name = "guia"

    def plan(self, handbook: PlannedHandbook) -> list[Documento]:
        return [self.document("guia-facilitacion", handbook.metodologia.programa.impresion.guia, handbook.rutas)]

    def body(self, secciones: list, job: PrintJob) -> list[str]:
        from generator.outputs.html_pdf import indice

        # WeasyPrint fills in the contents' page numbers (target-counter); pages are listed
        # under their section (Sesiones, Productos, Hojas de trabajo...), as the site's menu has them.
        section_of = {p.ruta: p.seccion for p in job.manual.paginas}
        documento = next(d for d in job.manual.documentos if d.tipo == self.name)
        groups = [section_of.get(ruta) for ruta in documento.paginas]
        return [indice(secciones, job.metodologia.programa.impresion.contenido, groups), *super().body(secciones, job)]
