"""One ZIP per session with everything of its kit: every planned document whose
``kit_session`` is that session, whichever output made it (the deck, the flip charts, the
printables...), so a new kind of kit file joins the ZIP without a change here."""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath

from generator.outputs.base import FOLDER, Output, PlannedHandbook, PrintJob
from generator.plan.kits import kit_page
from generator.structure import PlannedDocument

#: a fixed time stamp for every member: the same kit gives the same ZIP
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def kit_members(documentos, clave: str) -> list[PlannedDocument]:
    """The documents of session ``clave``'s kit, in plan order, the gathering ones left out."""
    from generator.outputs import OUTPUTS_BY_NAME

    return [d for d in documentos if d.kit_session == clave and not OUTPUTS_BY_NAME[d.tipo].gathers]


class SessionKitZip(Output):
    name = "kit"
    extension = "zip"
    icon = "material/folder-zip"
    gathers = True

    def plan(self, planned: PlannedHandbook) -> list[PlannedDocument]:
        rotulo = planned.metodologia.slides.kit.zip
        return [PlannedDocument(f"{FOLDER}/{sesion.slug}-kit.zip", rotulo.format(sesion=sesion.etiqueta), self.name,
                          [kit_page(sesion.slug)], kit_session=sesion.slug)
                for sesion in planned.sesiones if kit_members(planned.documentos, sesion.slug)]

    def write(self, documento: PlannedDocument, job: PrintJob) -> None:
        with zipfile.ZipFile(job.sitio / documento.file_name, "w", zipfile.ZIP_DEFLATED) as archive:
            for miembro in kit_members(job.handbook.documentos, documento.kit_session):
                info = zipfile.ZipInfo(PurePosixPath(miembro.file_name).name, ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, (job.sitio / miembro.file_name).read_bytes())
