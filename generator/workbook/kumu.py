"""The system map as the spreadsheet Kumu (kumu.io) imports: an «Elements» sheet (Label, Type,
Description, Tags) and a «Connections» sheet (From, To, Type). Kumu reads those English headers;
the values are the organization's, and the words for the organization and a missing relation
come from ``content/libro-de-trabajo.yaml``."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from generator.contract.models import OrganizationData
from generator.workbook.layout import texts

ELEMENT_HEADERS = ("Label", "Type", "Description", "Tags")
CONNECTION_HEADERS = ("From", "To", "Type", "Result")
#: Kumu separates the tags of one cell with "|".
TAG_SEPARATOR = "|"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def kumu_rows(data: OrganizationData) -> tuple[list[tuple], list[tuple]]:
    """(elements, connections) rows of the organization's system map."""
    words = texts()["kumu"]
    center = data.organizacion.nombre
    elements = [(center, words["organizacion"], data.organizacion.mision, "")]
    connections = []
    actors = data.mapa_sistema.actores if data.mapa_sistema else []
    for actor in actors:
        sector = _capital(actor.sector.etiqueta) if actor.sector else words["sin_sector"]
        elements.append((actor.nombre, sector, actor.reglas or "",
                         TAG_SEPARATOR.join(r.replace(TAG_SEPARATOR, "/") for r in actor.roles)))
        relation = actor.relacion.etiqueta if actor.relacion else words["sin_relacion"]
        connections.append((center, actor.nombre, relation, actor.resultado.etiqueta if actor.resultado else ""))
    return elements, connections


def write_kumu(data: OrganizationData, target: Path) -> Path:
    book = Workbook()
    sheets = [("Elements", ELEMENT_HEADERS), ("Connections", CONNECTION_HEADERS)]
    elements, connections = kumu_rows(data)
    for (title, headers), rows in zip(sheets, (elements, connections)):
        ws = book.active if title == "Elements" else book.create_sheet(title)
        ws.title = title
        ws.append(headers)
        for row in rows:
            ws.append([None] * len(headers))
            for col, value in enumerate(row, start=1):
                cell = ws.cell(row=ws.max_row, column=col, value=value or None)
                if isinstance(value, str) and value:
                    cell.data_type = "s"
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target
