"""The blank worksheets in one PDF, drawn for handwriting."""

from __future__ import annotations

from generator.outputs.base import PdfOutput, PlannedHandbook
from generator.structure import Documento


class WorksheetSet(PdfOutput):
    name = "hojas"
    participant_facing = True

    def plan(self, handbook: PlannedHandbook) -> list[Documento]:
        return [self.document("hojas-de-trabajo", handbook.metodologia.programa.impresion.hojas,
                              [ruta for _, ruta in handbook.worksheets()])]
