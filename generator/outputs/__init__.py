"""The printed outputs (``handbook build --pdf``), registered by name like Sphinx's builders.

``OUTPUTS`` is the one registration list, in the order documents are planned and written; each
entry is one class of its own module behind ``generator.outputs.base.Output``. Planning asks
every output which documents it makes (``plan_documents``); printing writes each document with
the output that planned it (``write_documents``), into the built site before it is swapped in.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.contract.models import OrganizationData
from generator.exceptions import SiteBuildError
from generator.methodology import Methodology
from generator.outputs.base import FOLDER, Output, PlannedHandbook, PrintJob
from generator.outputs.chapters import ParticipantChapters
from generator.outputs.decks import SlideDeck
from generator.outputs.document_templates import DocumentTemplates
from generator.outputs.flipcharts import FlipCharts
from generator.outputs.printables import Printables
from generator.outputs.guide import FacilitatorGuide
from generator.outputs.kits import SessionKitZip
from generator.outputs.plan import AlliancePlanDocx, AlliancePlanPdf
from generator.outputs.worksheets import WorksheetSet
from generator.structure import PlannedDocument, Handbook, PlannedSession
from generator.structure.handbook import Page

OUTPUTS: tuple[Output, ...] = (
    ParticipantChapters(),
    WorksheetSet(),
    AlliancePlanPdf(),
    AlliancePlanDocx(),
    FacilitatorGuide(),
    SlideDeck(),
    FlipCharts(),
    Printables(),
    DocumentTemplates(),
    SessionKitZip(),  # gathers: planned and written after all the others, wherever it is listed
)
OUTPUTS_BY_NAME = {output.name: output for output in OUTPUTS}

__all__ = ["FOLDER", "OUTPUTS", "OUTPUTS_BY_NAME", "Output", "PrintJob", "plan_documents", "write_documents"]


def plan_documents(sesiones: list[PlannedSession], paginas: list[Page], metodologia: Methodology,
                   org: OrganizationData | None = None) -> list[PlannedDocument]:
    """Every printed document of this handbook, output by output, with the pages it gathers;
    the outputs that ``gather`` (a session kit's ZIP) come last, planned from the others'."""
    planned = PlannedHandbook(sesiones, paginas, metodologia, org)
    documentos = [documento for output in OUTPUTS if not output.gathers for documento in output.plan(planned)]
    planned = replace(planned, documentos=tuple(documentos))
    return documentos + [documento for output in OUTPUTS if output.gathers for documento in output.plan(planned)]


def write_documents(handbook: Handbook, metodologia: Methodology, sitio: Path, **printing) -> list[Path]:
    """Write every document of ``handbook.documentos`` into the built site ``sitio``; ``printing``
    (``previous``, ``record``, ``runner``) as ``generator.outputs.printing.print_documents`` takes it."""
    from generator.outputs.printing import print_documents

    hechos, reusados = print_documents(handbook, metodologia, sitio, **printing)
    orden = {sitio / d.file_name: i for i, d in enumerate(handbook.documentos)}
    return sorted(hechos + reusados, key=orden.__getitem__)
