"""The session kits' pages: one checklist per session (what to print, how many copies, at which
size, with the links to each file and the kit's ZIP) and the "Preparar las sesiones" page that
lists them. Planned only when the documents are (``build --pdf``), from the documents' own
``kit_session``, ``copies`` and ``print_size``."""

from __future__ import annotations

from dataclasses import dataclass

from generator.structure import PlannedDocument, Page, PlannedSession

#: the "Preparar las sesiones" page
KITS_INDEX = "kits/index.md"


def kit_page(clave: str) -> str:
    """The docs path of a session kit's checklist page (the one place it is spelled)."""
    return f"kits/{clave}.md"


@dataclass(frozen=True)
class SessionKit:
    sesion: PlannedSession
    documentos: list[PlannedDocument]  # the kit's files, the ZIP left out
    zip: PlannedDocument | None

    @property
    def pagina(self) -> str:
        return kit_page(self.sesion.slug)


def kit_pages(sesiones: list[PlannedSession], documentos: list[PlannedDocument], metodologia) -> list[Page]:
    """The kit pages of this handbook (none when no document belongs to a kit)."""
    from generator.outputs.kits import SessionKitZip, kit_members

    rotulos = metodologia.slides.kit
    kits = []
    for sesion in sesiones:
        miembros = kit_members(documentos, sesion.slug)
        if miembros:
            zip_ = next((d for d in documentos if d.kit_session == sesion.slug and d.tipo == SessionKitZip.name),
                        None)
            kits.append(SessionKit(sesion, miembros, zip_))
    if not kits:
        return []
    paginas = [Page(KITS_INDEX, rotulos.preparar, rotulos.preparar, template_name="preparar.md.j2",
                      context={"kits": kits})]
    paginas += [Page(kit.pagina, rotulos.titulo_pagina.format(sesion=kit.sesion.etiqueta), rotulos.preparar,
                       template_name="kit.md.j2", context={"kit": kit}) for kit in kits]
    return paginas
