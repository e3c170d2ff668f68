"""A planned handbook: pages with their place in the navigation, before anything is rendered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.agenda import Agenda, MaterialNecesario
from generator.config.content import CartaDescriptiva
from generator.config.org import DatosOrganizacion, EntradaCalendario, Modalidad


@dataclass(frozen=True)
class SesionPlaneada:
    """One session of this organization's programme, with its calendar entry if it has one."""

    carta: CartaDescriptiva
    calendario: EntradaCalendario | None
    modalidad: Modalidad
    agenda: Agenda
    materiales: list[MaterialNecesario]

    @property
    def clave(self) -> int | str:
        return self.carta.clave

    @property
    def slug(self) -> str:
        return self.carta.slug

    @property
    def titulo(self) -> str:
        if self.carta.clave == "mapeo":
            return self.carta.titulo
        return f"Sesión {self.carta.clave} — {self.carta.titulo}"

    @property
    def fecha(self) -> date | None:
        return self.calendario.fecha if self.calendario else None

    @property
    def inicio(self) -> str | None:
        return self.calendario.inicio if self.calendario else None


@dataclass(frozen=True)
class Pagina:
    """One page of the handbook.

    Either rendered from a template of ``content/plantillas`` with ``contexto``, or copied
    as is from a methodology Markdown file (``fuente``).
    """

    ruta: str  # path inside docs/, e.g. "sesiones/sesion-1.md"
    titulo: str
    seccion: str | None = None
    plantilla: str | None = None
    fuente: Path | None = None
    contexto: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Manual:
    """The plan of one organization's handbook."""

    slug: str
    org: DatosOrganizacion
    sesiones: list[SesionPlaneada]
    paginas: list[Pagina]
    logo: Path | None = None

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
