"""What the printables' kit outputs share (flip charts, printables, document templates):
which sessions a kit entry belongs to, how many copies, the paper, and printing an HTML
string with WeasyPrint under our own page CSS (no running header: these sheets are cut,
pinned and handed out, not read as documents)."""

from __future__ import annotations

import html
import math
from dataclasses import replace
from pathlib import Path

from generator.contract.models import OrganizationData
from generator.outputs.base import Output, PlannedHandbook
from generator.structure import PlannedDocument, PlannedSession

#: paper of the organization's file → CSS page size and (width, height) in mm
PAPER = {"carta": ("letter", 215.9, 279.4), "a4": ("A4", 210.0, 297.0)}
FONT = "'Liberation Sans', 'DejaVu Sans', Arial, sans-serif"


def sessions_of(planned: PlannedHandbook, keys) -> list[PlannedSession]:
    """The organization's sessions named by ``keys`` ("todas" or a list of slugs), in plan order."""
    return [s for s in planned.sesiones if keys == "todas" or s.slug in keys]


def session_by_slug(sesiones: list[PlannedSession], slug: str | None) -> PlannedSession | None:
    return next((s for s in sesiones if s.slug == slug), None)


def people(org: OrganizationData | None) -> int:
    """Participants plus the facilitation team (0 when the file, or the public profile, lists none)."""
    return len(org.participantes) + len(org.equipo_facilitador) if org else 0


def copies_for(por: str, cantidad: int, org: OrganizationData | None, per_group: int) -> int | None:
    """How many copies: per participant, per team, or a fixed number; ``None`` when the file
    does not say how many people come."""
    if por == "sesion":
        return cantidad
    participants = len(org.participantes) if org else 0
    if not participants:
        return None
    if por == "grupo":
        return max(1, math.ceil(participants / per_group)) * cantidad
    return people(org) * cantidad


def paper_of(org: OrganizationData | None) -> tuple[str, float, float]:
    return PAPER[org.impresion.papel.value if org else "carta"]


def kit_document(output: Output, slug: str, name: str, title: str, session_label: str, *,
                 copies: int | None, print_size: str) -> PlannedDocument:
    """A planned kit document ``impresos/<slug>/<name>.<ext>`` of ``output`` for session ``slug``."""
    documento = output.document(f"{slug}/{name}", title, [], subtitle=session_label)
    return replace(documento, kit_session=slug, copies=copies, print_size=print_size)


def esc(value: object) -> str:
    """User or content text for HTML (the organization's data is never markup)."""
    return html.escape(str(value), quote=True)


def html_document(body: str, title: str, css: str, name: str, sitio: Path):
    """``body`` with ``css`` laid out by WeasyPrint (an ``html_pdf.LaidOut``: its pages know
    where each ``id`` landed); only the site's own files may be fetched (``name`` is the file the
    message names otherwise)."""
    from weasyprint import CSS

    from generator.outputs.html_pdf import LaidOut

    documento = (f'<!DOCTYPE html><html lang="es-MX"><head><meta charset="utf-8"><title>{esc(title)}</title>'
                 f"</head><body>{body}</body></html>")
    return LaidOut(documento, sitio, CSS(string=f"html {{ font-family: {FONT}; }}\n" + css), name)


def html_pdf_bytes(body: str, title: str, css: str, name: str, sitio: Path) -> bytes:
    """``body`` with ``css`` laid out and printed by WeasyPrint, as PDF bytes."""
    return html_document(body, title, css, name, sitio).pdf()


def print_html(body: str, title: str, css: str, destino: Path, sitio: Path) -> None:
    """Print ``body`` with ``css`` into ``destino``; only the site's own files may be fetched."""
    pdf = html_pdf_bytes(body, title, css, destino.name, sitio)
    destino.parent.mkdir(parents=True, exist_ok=True)
    destino.write_bytes(pdf)


def paper_label(settings, org: OrganizationData | None) -> str:
    """The checklist's words for the organization's paper (``content/kits/imprimibles.yaml``)."""
    return settings.tamano_a4 if paper_of(org)[0] == "A4" else settings.tamano_carta
