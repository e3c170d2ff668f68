"""The blank worksheets in one PDF, drawn for handwriting."""

from __future__ import annotations

from generator.outputs.base import PdfOutput, PlannedHandbook
from generator.structure import PlannedDocument


class WorksheetSet(PdfOutput):
    name = "hojas"
    participant_facing = True

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        return [self.document("hojas-de-trabajo", planned.metodologia.programme.impresion.hojas,
                              [ruta for _, ruta in planned.worksheets()])]
