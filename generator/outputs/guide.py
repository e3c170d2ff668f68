"""The facilitator's guide: every page of the handbook, with a table of contents.

The longest layout of all, so it is laid out in parts, side by side, and joined
(``generator.outputs.pdf_parts``): an answer changed on one page lays out that page's part again.
"""

from __future__ import annotations

import hashlib
import math
import tempfile
from dataclasses import replace
from pathlib import Path

from generator.batch.fingerprint import library_versions
from generator.outputs.base import PdfOutput, PlannedHandbook, PrintJob, PrintTask
from generator.structure import PlannedDocument

#: About this much HTML per part: the example's guide (about 120 pages) makes four, enough to keep
#: two cores busy and to lay out a quarter of it again when one page changes. More parts cost
#: more joining (each part embeds its own fonts) for less gain.
PART_SIZE = 80_000
MOST_PARTS = 8


class FacilitatorGuide(PdfOutput):
    name = "guia"

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        return [self.document("guia-facilitacion", planned.metodologia.programme.impresion.guia, planned.doc_paths)]

    def write(self, documento: PlannedDocument, job: PrintJob) -> None:
        from generator.outputs.printing import run_task, with_pieces

        with tempfile.TemporaryDirectory(prefix="handbook-piezas-") as temporal:
            for task in with_pieces(self.task(documento, replace(job, piezas=Path(temporal)))):
                run_task(task)

    def task(self, documento: PlannedDocument, job: PrintJob) -> PrintTask:
        """The parts, each a piece laid out on its own, and the work that joins them."""
        from generator.outputs import pdf_parts
        from generator.outputs.html_pdf import documento_html, imprimir_html, index_of, pdf_fingerprint, sections_of

        if job.piezas is None:
            raise ValueError("the guide's parts need a folder (PrintJob.piezas)")
        secciones = sections_of(documento, job.paginas, participantes=False)
        titulo = self._title(documento, job)
        # Pages are listed under their section (Sesiones, Productos, Hojas de trabajo...), as the site's menu has them.
        section_of = {p.ruta: p.seccion for p in job.handbook.paginas}
        grupos = [section_of.get(ruta) for ruta in documento.paginas]
        envoltura = f'<div class="hb-documento hb-documento--{self.name}">'
        frente = documento_html(
            envoltura + self.cover_html(documento, job)
            + index_of(secciones, job.metodologia.programme.impresion.contenido, grupos) + "</div>", titulo)
        textos = [str(s) for s in secciones]
        tamanos = [len(t) for t in textos]
        partes = pdf_parts.split(tamanos, min(MOST_PARTS, math.ceil(sum(tamanos) / PART_SIZE)))
        css_partes = job.pagina_css + pdf_parts.PART_CSS
        piezas = []
        for inicio, fin in partes:
            grupo = secciones[inicio:fin]
            anclas, cambiadas = pdf_parts.detach(grupo)
            for i in cambiadas:  # only these sections' HTML changed
                textos[inicio + i] = str(grupo[i])
            html = documento_html(envoltura + anclas + "".join(textos[inicio:fin]) + "</div>", titulo)
            huella = pdf_fingerprint(html, css_partes, job.sitio)
            destino = str(job.piezas / f"{huella}.pdf")
            piezas.append(PrintTask(documento.file_name, huella, imprimir_html,
                                    (html, destino, str(job.sitio), css_partes), cost=len(html), destino=destino))
        h = hashlib.sha256(pdf_fingerprint(frente, job.pagina_css, job.sitio).encode())
        for codigo in (pdf_parts.__file__, __file__):
            h.update(Path(codigo).read_bytes())
        h.update("\n".join(library_versions(("pypdf",))).encode())
        h.update(" ".join(p.huella for p in piezas).encode())
        # Costed as the whole guide: it ends the longest chain of work, so it goes ahead of the
        # small tasks queued while its parts were laid out.
        return PrintTask(documento.file_name, h.hexdigest(), pdf_parts.join,
                         (frente, [p.destino for p in piezas], job.pagina_css,
                          str(job.sitio / documento.file_name), str(job.sitio), str(job.piezas)),
                         cost=len(frente) + sum(p.cost for p in piezas), pieces=tuple(piezas))
