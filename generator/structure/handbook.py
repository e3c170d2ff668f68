"""A planned handbook: pages with their place in the navigation, before anything is rendered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.plan.clock import Agenda, RequiredMaterial
from generator.methodology.models import CartaDescriptiva, AgendaItem
from generator.contract.models import OrganizationData, CalendarEntry, Modality
from generator.plan.webinar import OnlineAgenda


@dataclass(frozen=True)
class PlannedSession:
    """One session of this organization's programme, with its calendar entry if it has one."""

    carta: CartaDescriptiva
    calendario: CalendarEntry | None
    modalidad: Modality
    agenda: Agenda  # the carta on the clock, as written
    materiales: list[RequiredMaterial]  # for the session's modality
    en_linea: OnlineAgenda | None = None  # webinar modality: the agenda split into online blocks
    in_person_only: list[str] = field(default_factory=list)  # materials a webinar leaves out

    @property
    def clave(self) -> int | str:
        return self.carta.clave

    @property
    def slug(self) -> str:
        return self.carta.slug

    @property
    def etiqueta(self) -> str:
        """How the session is named in lists: "Sesión 1"; the workshop by its title."""
        return self.carta.titulo if self.carta.clave == "mapeo" else f"Sesión {self.carta.clave}"

    @property
    def titulo(self) -> str:
        if self.carta.clave == "mapeo":
            return self.carta.titulo
        return f"{self.etiqueta} — {self.carta.titulo}"

    @property
    def fecha(self) -> date | None:
        if not self.calendario:
            return None
        return self.calendario.fecha or (self.calendario.fechas[0] if self.calendario.fechas else None)

    @property
    def days(self) -> list:
        """Webinar: the session's online days (generator.plan.webinar.OnlineDay); else none."""
        return list(self.en_linea.days) if self.en_linea else []

    @property
    def inicio(self) -> str | None:
        """The start the calendar fixes (None: the default start is only a suggestion)."""
        return self.calendario.inicio if self.calendario else None

    @property
    def start_time(self) -> str:
        return self.agenda.inicio

    @property
    def end_time(self) -> str:
        """When the session really ends: after the first day's last online block in a webinar
        (each online day starts at the same time; ``days`` gives every day's end)."""
        return self.en_linea.days[0].end if self.en_linea else self.agenda.fin

    @property
    def total_minutes(self) -> int:
        """From start to end of the (first) day, breaks and online pauses included."""
        if self.en_linea:
            return self.en_linea.days[0].span_minutes
        return self.agenda.minutos

    @property
    def enlace(self) -> str | None:
        return self.calendario.enlace if self.calendario else None

    @property
    def lugar(self) -> str | None:
        return self.calendario.lugar if self.calendario else None

    def days_of(self, item: AgendaItem) -> tuple[int, int] | None:
        """The online days an activity starts and ends on, when the session is held over
        several days (None otherwise)."""
        if len(self.days) < 2:
            return None
        numeros = [d.number for d in self.days for b in d.blocks for t in b.tramos if t.item.id == item.id]
        return (numeros[0], numeros[-1]) if numeros else None

    def schedule_of(self, item: AgendaItem) -> tuple[str, str]:
        """Clock times of an item in this session's modality (first start, last end)."""
        if self.en_linea:
            tramos = self.en_linea.stretches_of(item)
            if tramos:
                return tramos[0][1].inicio, tramos[-1][1].fin
            pausa = next((p for p in self.en_linea.full_sequence if p.tipo == "pausa" and p.item == item), None)
            if pausa:
                return pausa.inicio, pausa.fin
        slots = [f for f in self.agenda.slots if f.item.id == item.id]
        return slots[0].inicio, slots[-1].fin


@dataclass(frozen=True)
class Page:
    """One page of the handbook.

    Either rendered from a template of ``content/plantillas`` with ``context``, or copied
    as is from a methodology Markdown file (``fuente``).
    """

    ruta: str  # path inside docs/, e.g. "sesiones/sesion-1.md"
    titulo: str
    seccion: str | None = None
    template_name: str | None = None
    fuente: Path | None = None
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PlannedDocument:
    """One printed document (``handbook build --pdf``), assembled from pages of the built site:
    a PDF, or the plan's DOCX."""

    file_name: str  # path inside the site, e.g. "impresos/sesion-1.pdf"
    titulo: str
    tipo: str  # the name of the output that makes it (generator.outputs.OUTPUTS)
    paginas: list[str]  # docs paths of its pages, in order
    subtitle: str | None = None
    kit_session: str | None = None  # the session key as in content/sesiones ("sesion-2", "mapeo"): part of its kit
    copies: int | None = None  # how many to print (None: not printed, or as the facilitator sees fit)
    print_size: str | None = None  # Spanish label shown in the kit's checklist ("Carta", "Rotafolio 70 × 100 cm")
    session_date: date | None = None  # a session's chapter: its date and place go on the cover
    place: str | None = None

    @property
    def formato(self) -> str:
        """The kind of file: its extension ("pdf", "docx", "pptx", "zip")."""
        return self.file_name.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class Handbook:
    """The plan of one organization's handbook."""

    slug: str
    org: OrganizationData
    sesiones: list[PlannedSession]
    paginas: list[Page]
    logo: Path | None = None
    logo_bytes: bytes | None = None  # the checked logo's bytes (generator.contract.logo)
    productos: Any = None  # generator.plan.products.ProductosDeLaOrganizacion, computed once by planning
    documentos: list[PlannedDocument] = field(default_factory=list)  # only when PDFs are asked for
    public: bool = False  # the public profile (generator.plan.public_profile): data already redacted

    @property
    def logo_asset(self) -> str | None:
        """Where the organization's logo is inside the site (the one place this path is spelled)."""
        return f"assets/logo{self.logo.suffix.lower()}" if self.logo is not None else None

    def downloads(self) -> dict[str, list[PlannedDocument]]:
        """For each page (docs path), the printed documents it is part of: its "Descargar PDF" links."""
        por_pagina: dict[str, list[PlannedDocument]] = {}
        for documento in self.documentos:
            for ruta in documento.paginas:
                por_pagina.setdefault(ruta, []).append(documento)
        return por_pagina

    def nav(self) -> list[Any]:
        """The ``nav`` of mkdocs.yml: top-level pages and sections, in plan order."""
        nav: list[Any] = []
        sections: dict[str, list] = {}
        for pagina in self.paginas:
            entry = {pagina.titulo: pagina.ruta}
            if pagina.seccion is None:
                nav.append(entry)
            else:
                if pagina.seccion not in sections:
                    sections[pagina.seccion] = []
                    nav.append({pagina.seccion: sections[pagina.seccion]})
                sections[pagina.seccion].append(entry)
        return nav
