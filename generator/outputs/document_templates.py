"""Editable DOCX templates the work sessions call for (``content/kits/documentos.yaml``): the
base memorandum of understanding, prefilled with the organization and, one part per ally,
with what the file knows of that ally; the communication-strategy outline; and the periodic
alliance-results report, prefilled with each ally of the outcome mapping and its milestones
(short, medium and long term) as the indicators to report on.

Headings and guidance come from content; the organization's values are written as text runs
(python-docx escapes them), never as markup or templates.
"""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_BREAK

from generator.colour import palette
from generator.methodology.printable_content import DocumentTemplate
from generator.outputs.base import Output, PlannedHandbook, PrintJob
from generator.outputs.docx_writer import _NOT_XML, _cover, _header_footer, stable_zip, _styles
from generator.outputs.kit_common import kit_document, sessions_of
from generator.plan.edition import source_date_epoch
from generator.structure import PlannedDocument


def _clean(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def ally_indicators(org, ally: str) -> list[tuple[str, str | None, list[tuple[str, list[str]]]]]:
    """For ``ally``: each priority strategy that names it, its objective, and the milestones by term."""
    found = []
    plan = org.plan_alianzas
    for strategy in plan.estrategias_prioritarias if plan else []:
        for entry in strategy.aliados:
            if entry.aliado.casefold() == ally.casefold():
                found.append((strategy.estrategia, entry.objetivo, [
                    ("corto", list(entry.corto_plazo)), ("mediano", list(entry.mediano_plazo)),
                    ("largo", list(entry.largo_plazo))]))
    return found


def allies_of(org) -> list[str]:
    """The potential allies, then the outcome mapping's allies not among them, once each."""
    names: list[str] = [a.actor for a in org.aliados_potenciales]
    plan = org.plan_alianzas
    for strategy in plan.estrategias_prioritarias if plan else []:
        names += [entry.aliado for entry in strategy.aliados]
    seen: set[str] = set()
    return [n for n in names if not (n.casefold() in seen or seen.add(n.casefold()))]


class DocumentTemplates(Output):
    name = "plantillas"
    extension = "docx"
    icon = "material/file-word-box"

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        content = planned.metodologia.printables
        if content is None:
            return []
        documentos = []
        for template in content.documents.documentos:
            for sesion in sessions_of(planned, [template.sesion]):
                documentos.append(kit_document(self, sesion.slug, template.clave, template.titulo, sesion.etiqueta,
                                               copies=None, print_size="DOCX editable"))
        return documentos

    def write(self, documento: PlannedDocument, job: PrintJob) -> None:
        clave = documento.file_name.rsplit("/", 1)[-1].removesuffix(".docx")
        template = next(t for t in job.metodologia.printables.documents.documentos if t.clave == clave)
        org = job.handbook.org
        nombre = _clean(org.organizacion.nombre)
        primary, accent = palette(org.organizacion.colores)
        doc = Document()
        _styles(doc, primary.lstrip("#"), accent.lstrip("#"))
        logo = job.logo if job.logo is not None and job.logo.is_file() else None
        _cover(doc, _clean(template.titulo), nombre, job.fecha, logo, "")
        _header_footer(doc, _clean(org.organizacion.siglas or org.organizacion.nombre))
        doc.add_paragraph(_clean(template.introduccion))
        if template.por_aliado:
            allies = allies_of(org) or [None]
            for ally in allies:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                self._ally_part(doc, template, org, ally)
        else:
            self._sections(doc, template, level=1)
        props = doc.core_properties
        props.title = f"{_clean(template.titulo)} — {nombre}"[:255]
        props.author, props.last_modified_by, props.comments = nombre[:255], "", ""
        props.language = "es-MX"
        (job.sitio / documento.file_name).write_bytes(stable_zip(doc, source_date_epoch()))

    def _sections(self, doc, template: DocumentTemplate, level: int) -> None:
        for section in template.secciones:
            doc.add_heading(_clean(section.titulo), level=level)
            doc.add_paragraph(_clean(section.guia))

    def _ally_part(self, doc, template: DocumentTemplate, org, ally: str | None) -> None:
        labels = template.etiquetas
        nombre = org.organizacion.nombre
        heading = ally or "[Aliado]"
        if template.partes_etiqueta:
            heading = template.partes_etiqueta.replace("{organizacion}", nombre).replace("{aliado}", heading)
        doc.add_heading(_clean(heading), level=1)
        known = next((a for a in org.aliados_potenciales if ally and a.actor == ally), None)
        if known is not None:
            for key, value in (("interes", known.interes_para_aliado), ("ofrecemos", known.que_ofrecemos),
                               ("beneficios", known.beneficios_esperados)):
                if value and key in labels:
                    paragraph = doc.add_paragraph()
                    paragraph.add_run(_clean(labels[key]) + " ").bold = True
                    paragraph.add_run(_clean(value))
        if "indicadores" in labels:
            self._indicators(doc, labels, org, ally)
        self._sections(doc, template, level=2)
        if "firmas" in labels:
            doc.add_heading(_clean(labels["firmas"]), level=2)
            table = doc.add_table(rows=2, cols=2)
            table.style = "Table Grid"
            table.cell(0, 0).text, table.cell(0, 1).text = _clean(nombre), _clean(ally or "[Aliado]")
            table.cell(1, 0).text = table.cell(1, 1).text = "\n\n______________________________"

    def _indicators(self, doc, labels: dict[str, str], org, ally: str | None) -> None:
        found = ally_indicators(org, ally) if ally else []
        doc.add_heading(_clean(labels["indicadores"]), level=2)
        if not found:
            doc.add_paragraph(_clean(labels.get("sin_indicadores", "")))
            return
        for strategy, objective, terms in found:
            paragraph = doc.add_paragraph()
            paragraph.add_run(_clean(labels.get("estrategia", "")) + " ").bold = True
            paragraph.add_run(_clean(strategy))
            if objective:
                paragraph = doc.add_paragraph()
                paragraph.add_run(_clean(labels.get("objetivo", "")) + " ").bold = True
                paragraph.add_run(_clean(objective))
            table = doc.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, key in zip(table.rows[0].cells, ("plazo", "indicador", "avance")):
                cell.text = _clean(labels.get(key, ""))
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for term, milestones in terms:
                for milestone in milestones:
                    row = table.add_row().cells
                    row[0].text = _clean(labels.get(term, term))
                    row[1].text = _clean(milestone)
