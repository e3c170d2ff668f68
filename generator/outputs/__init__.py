"""The printed outputs (``handbook build --pdf``), registered by name like Sphinx's builders.

``OUTPUTS`` is the one registration list, in the order documents are planned and written; each
entry is one class of its own module behind ``generator.outputs.base.Output``. Planning asks
every output which documents it makes (``plan_documents``); printing writes each document with
the output that planned it (``write_documents``), into the built site before it is swapped in.
"""

from __future__ import annotations

from pathlib import Path

from generator.methodology import Metodologia
from generator.outputs.base import FOLDER, Output, PlannedHandbook, PrintJob
from generator.outputs.chapters import ParticipantChapters
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
)
OUTPUTS_BY_NAME = {output.name: output for output in OUTPUTS}

__all__ = ["FOLDER", "OUTPUTS", "OUTPUTS_BY_NAME", "Output", "PrintJob", "plan_documents", "write_documents"]


def plan_documents(sesiones: list[SesionPlaneada], paginas: list[Pagina], metodologia: Metodologia) -> list[Documento]:
    """Every printed document of this handbook, output by output, with the pages it gathers."""
    handbook = PlannedHandbook(sesiones, paginas, metodologia)
    return [documento for output in OUTPUTS for documento in output.plan(handbook)]


def write_documents(manual: Manual, metodologia: Metodologia, sitio: Path, **printing) -> list[Path]:
    """Write every document of ``manual.documentos`` into the built site ``sitio``; ``printing``
    (``previous``, ``record``, ``runner``) as ``generator.outputs.printing.print_documents`` takes it."""
    from generator.outputs.printing import print_documents

    hechos, reusados = print_documents(manual, metodologia, sitio, **printing)
    orden = {sitio / d.archivo: i for i, d in enumerate(manual.documentos)}
    return sorted(hechos + reusados, key=orden.__getitem__)
