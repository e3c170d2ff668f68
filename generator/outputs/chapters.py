"""Participant chapters: one PDF per session, for the people in the room."""

from __future__ import annotations

from generator.outputs.base import PdfOutput, PlannedHandbook
from generator.structure import PlannedDocument


class ParticipantChapters(PdfOutput):
    """The session page, the concept pages its activities point to and that session's blank
    worksheets, without what is for the facilitator only."""

    name = "participantes"
    participant_facing = True

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        doc_paths = planned.doc_paths
        impresion = planned.metodologia.programme.impresion
        subtitle = impresion.participantes
        documentos = []
        for sesion in planned.sesiones:
            conceptos = dict.fromkeys(f"conceptos/{c}.md" for item in sesion.carta.actividades
                                      for c in item.conceptos)
            propias = [ruta for hoja, ruta in planned.worksheets() if sesion.clave in hoja.sesiones]
            documentos.append(self.document(
                sesion.slug, sesion.titulo,
                [f"sesiones/{sesion.slug}.md", *(r for r in conceptos if r in doc_paths), *propias], subtitle=subtitle,
                session_date=sesion.fecha,
                place=sesion.lugar or (impresion.sesion_en_linea if sesion.en_linea else None)))
        return documentos
