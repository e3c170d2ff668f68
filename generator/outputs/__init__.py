"""The printed outputs (``handbook build --pdf``), registered by name like Sphinx's builders.

``OUTPUTS`` is the one registration list, in the order documents are planned and written; each
entry is one class of its own module behind ``generator.outputs.base.Output``. Planning asks
every output which documents it makes (``plan_documents``); printing writes each document with
the output that planned it (``write_documents``), into the built site before it is swapped in.
"""

from __future__ import annotations

from pathlib import Path

from generator.contract.models import DatosOrganizacion
from generator.exceptions import SiteBuildError
from generator.methodology import Metodologia
from generator.outputs.base import FOLDER, Output, PlannedHandbook, PrintJob
from generator.outputs.chapters import ParticipantChapters
from generator.outputs.document_templates import DocumentTemplates
from generator.outputs.flipcharts import FlipCharts
from generator.outputs.printables import Printables
from generator.outputs.guide import FacilitatorGuide
from generator.outputs.plan import AlliancePlanDocx, AlliancePlanPdf
from generator.outputs.worksheets import WorksheetSet
from generator.structure import Documento, Manual, SesionPlaneada
from generator.structure.handbook import Pagina

OUTPUTS: tuple[Output, ...] = (
    ParticipantChapters(),
    WorksheetSet(),
    AlliancePlanPdf(),
    AlliancePlanDocx(),
    FacilitatorGuide(),
    FlipCharts(),
    Printables(),
    DocumentTemplates(),
)
OUTPUTS_BY_NAME = {output.name: output for output in OUTPUTS}

__all__ = ["FOLDER", "OUTPUTS", "OUTPUTS_BY_NAME", "Output", "PrintJob", "plan_documents", "write_documents"]


def plan_documents(sesiones: list[SesionPlaneada], paginas: list[Pagina], metodologia: Metodologia,
                   org: DatosOrganizacion | None = None) -> list[Documento]:
    """Every printed document of this handbook, output by output, with the pages it gathers."""
    handbook = PlannedHandbook(sesiones, paginas, metodologia, org)
    return [documento for output in OUTPUTS for documento in output.plan(handbook)]


def write_documents(manual: Manual, metodologia: Metodologia, sitio: Path) -> list[Path]:
    """Write every document of ``manual.documentos`` into the built site ``sitio``."""
    job = PrintJob.for_site(manual, metodologia, sitio)
    escritos = []
    for documento in manual.documentos:
        try:
            (sitio / documento.archivo).parent.mkdir(parents=True, exist_ok=True)
            OUTPUTS_BY_NAME[documento.tipo].write(documento, job)
        except SiteBuildError:
            raise
        except Exception as exc:  # WeasyPrint, python-docx or the disk: reported, never a traceback
            raise SiteBuildError(f"No se pudo generar {documento.archivo}: {exc}") from None
        escritos.append(sitio / documento.archivo)
    return escritos
