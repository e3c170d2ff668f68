"""The facilitator's guide: every page of the handbook, with a table of contents."""

from __future__ import annotations

from generator.outputs.base import PdfOutput, PlannedHandbook, PrintJob
from generator.structure import PlannedDocument


class FacilitatorGuide(PdfOutput):
    name = "guia"

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        return [self.document("guia-facilitacion", planned.metodologia.programme.impresion.guia, planned.doc_paths)]

    def body(self, secciones: list, job: PrintJob) -> list[str]:
        from generator.outputs.html_pdf import index_of

        # WeasyPrint fills in the contents' page numbers (target-counter); pages are listed
        # under their section (Sesiones, Productos, Hojas de trabajo...), as the site's menu has them.
        section_of = {p.ruta: p.seccion for p in job.handbook.paginas}
        documento = next(d for d in job.handbook.documentos if d.tipo == self.name)
        groups = [section_of.get(ruta) for ruta in documento.paginas]
        return [index_of(secciones, job.metodologia.programme.impresion.contenido, groups), *super().body(secciones, job)]
