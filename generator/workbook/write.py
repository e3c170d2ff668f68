"""``handbook workbook``: an organization's data written as its workbook (openpyxl).

The sheets, their columns and kinds come from ``generator.workbook.layout``, the same mapping
``generator.workbook.read`` reads back with, so what is written here imports unchanged. Values
are written as what they are (dates as dates, hours as hours, numbers as numbers); every text a
person wrote stays text, never a formula (``=1+1`` is written as those four characters).
"""

from __future__ import annotations

import math
from datetime import date, time
from enum import Enum
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.contract.models import OrganizationData, Choice
from generator.contract.source import format_path
from generator.exceptions import HandbookError, quote_value
from generator.workbook.layout import (ACTOR_FIELDS, LIST_SEPARATOR, NO, YES, Column, Group, Sheet,
                                       choice_label, instructions_title, sheets, texts)

#: Rows offered with drop-downs and formats below the data, for what a person adds.
SPARE_ROWS = 200
#: Column widths, in characters: wide enough for a header, never wider than a screen's third.
MIN_WIDTH, MAX_WIDTH = 10, 60

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
LABEL_FONT = Font(bold=True)
FORMATS = {"date": "yyyy-mm-dd", "time": "hh:mm"}


class WorkbookValueError(HandbookError):
    """A value a spreadsheet cannot hold (a control character)."""


def _get(item: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if item is None:
            return None
        item = getattr(item, key)
    return item


def _scalar(value: Any, kind: str) -> Any:
    """The cell value of one contract value of ``kind``."""
    if value is None:
        return None
    if isinstance(value, Choice):
        return choice_label(value)
    if isinstance(value, Enum):  # pragma: no cover - every enumeration of the contract is an Opcion
        return value.value
    if kind == "bool":
        return YES if value else NO
    if kind == "time" and isinstance(value, str):
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    return value


def _cell_value(value: Any, column: Column) -> Any:
    if column.kind.many:
        if not value:
            return None
        items = [_scalar(v, column.kind.name) for v in value]
        return LIST_SEPARATOR.join(v.isoformat() if isinstance(v, date) else str(v) for v in items)
    return _scalar(value, column.kind.name)


def _put(ws: Worksheet, row: int, col: int, value: Any, column: Column, where: tuple) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        raise WorkbookValueError(f"{format_path(where)}: '{quote_value(value)}' lleva un carácter de control que una "
                                 "hoja de cálculo no admite; bórralo del archivo")
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text: never read as a formula
    if column.kind.name in FORMATS and not column.kind.many:
        cell.number_format = FORMATS[column.kind.name]
    if column.kind.many or column.kind.name == "text":
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    else:
        cell.alignment = Alignment(vertical="top")


def _help(column: Column) -> str:
    kinds = texts().get("tipos", {})
    parts = [column.help] if column.help else []
    if column.required:
        parts.append(kinds.get("obligatorio", ""))
    if column.contract_path in ACTOR_FIELDS:
        parts.append(kinds.get("actor", ""))
    elif column.kind.name != "text":
        parts.append(kinds.get(column.kind.name, ""))
    if column.kind.many:
        parts.append(kinds.get("many", ""))
    return " ".join(p for p in parts if p)


def _comment(text: str) -> Comment:
    comment = Comment(text, "handbook")
    comment.width, comment.height = 300, 40 + 18 * (len(text) // 40 + 1)
    return comment


class _Widths:
    def __init__(self) -> None:
        self.widths: dict[int, int] = {}

    def see(self, col: int, value: Any) -> None:
        if value is None:
            return
        text = value.isoformat() if isinstance(value, (date, time)) else str(value)
        longest = max((len(line) for line in text.split("\n")), default=0)
        self.widths[col] = max(self.widths.get(col, 0), longest + 2)

    def apply(self, ws: Worksheet) -> None:
        for col, width in self.widths.items():
            ws.column_dimensions[get_column_letter(col)].width = min(max(width, MIN_WIDTH), MAX_WIDTH)


def _header(ws: Worksheet, col: int, text: str, help_text: str, widths: _Widths) -> None:
    cell = ws.cell(row=1, column=col, value=text)
    cell.data_type = "s"
    cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if help_text:
        cell.comment = _comment(help_text)
    widths.see(col, text)


def _actor_range() -> str | None:
    """The cells of the actors' names on «Actores», for the drop-downs of the fields naming one."""
    for sheet in sheets():
        for i, column in enumerate(sheet.columns, start=1):
            if column.contract_path == "mapa_sistema.actores[].nombre":
                letter = get_column_letter(i)
                return f"{quote_sheetname(sheet.title)}!${letter}$2:${letter}${SPARE_ROWS + 500}"
    return None  # pragma: no cover - the contract has a map


def _validation(column: Column) -> DataValidation | None:
    if column.contract_path in ACTOR_FIELDS and _actor_range():
        return DataValidation(type="list", formula1=_actor_range(), allow_blank=True)
    choices = (YES, NO) if column.kind.name == "bool" else column.kind.choices
    if not choices or column.kind.many:
        return None
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    validation.error = f"Elige una opción de la lista: {', '.join(choices)}"
    validation.errorTitle = "Opción no válida"
    validation.showErrorMessage = True
    return validation


def _field_sheet(ws: Worksheet, sheet: Sheet, data: OrganizationData | None) -> None:
    heads = texts()["encabezados"]
    widths = _Widths()
    _header(ws, 1, heads["dato"], "", widths)
    _header(ws, 2, heads["valor"], "", widths)
    for row, column in enumerate(sheet.fields, start=2):
        label = ws.cell(row=row, column=1, value=column.label)
        label.data_type, label.font = "s", LABEL_FONT
        label.alignment = Alignment(wrap_text=True, vertical="top")
        label.comment = _comment(_help(column)) if _help(column) else None
        widths.see(1, column.label)
        value = _cell_value(_get(data, column.keys), column) if data is not None else None
        _put(ws, row, 2, value, column, column.keys)
        if not (column.kind.many or column.kind.name == "text"):
            widths.see(2, value)
        validation = _validation(column)
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(f"B{row}")
        if column.kind.name in FORMATS:
            ws.cell(row=row, column=2).number_format = FORMATS[column.kind.name]
    widths.widths[2] = MAX_WIDTH * 2  # long texts (mission, vision) are read here
    ws.column_dimensions["B"].width = MAX_WIDTH * 2
    widths.widths.pop(2)
    widths.apply(ws)
    ws.freeze_panes = "B2"


def _items(parent: Any, group: Group) -> list:
    found = _get(parent, group.keys)
    return list(found or [])


def _table_sheet(ws: Worksheet, sheet: Sheet, data: OrganizationData | None) -> None:
    widths = _Widths()
    layout = sheet.column_groups
    for col, (_, column) in enumerate(layout, start=1):
        _header(ws, col, column.label, _help(column), widths)
    first = {id(g): next(i for i, (gg, _) in enumerate(layout, start=1) if gg is g) for g, _ in layout}
    row = 2

    def write_group(group: Group, item: Any, row: int, where: tuple) -> None:
        start = first[id(group)]
        for offset, column in enumerate(group.columns):
            value = _cell_value(item if not group.sections else _get(item, column.keys), column)
            _put(ws, row, start + offset, value, column, where + column.keys)
            widths.see(start + offset, value)

    if data is not None:
        parents = _items(data, sheet.parent) if sheet.parent else [data]
        for p, parent in enumerate(parents):
            base = sheet.parent.keys + (p,) if sheet.parent else ()
            lists = [_items(parent, g) for g in sheet.children]
            block = max([len(items) for items in lists] + [1 if sheet.parent else 0])
            for i in range(block):
                if sheet.parent and i == 0:
                    write_group(sheet.parent, parent, row, base)
                for group, items in zip(sheet.children, lists):
                    if i < len(items):
                        write_group(group, items[i], row, base + group.keys + (i,))
                row += 1
    last = max(row - 1, 1) + SPARE_ROWS
    for col, (_, column) in enumerate(layout, start=1):
        letter = get_column_letter(col)
        validation = _validation(column)
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last}")
        if column.kind.name in FORMATS and not column.kind.many:
            for r in range(row, last + 1):
                ws.cell(row=r, column=col).number_format = FORMATS[column.kind.name]
    widths.apply(ws)
    ws.freeze_panes = "A2"


def _instructions(ws: Worksheet) -> None:
    content = texts()["instrucciones"]
    title = ws.cell(row=1, column=1, value=content["titulo"])
    title.font = Font(bold=True, size=14)
    for row, paragraph in enumerate(content["parrafos"], start=3):
        cell = ws.cell(row=row, column=1, value=" ".join(paragraph.split()))
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 15 * (len(paragraph) // 95 + 1)
    ws.column_dimensions["A"].width = 100


def build_workbook(data: OrganizationData | None) -> Workbook:
    """The workbook of ``data``; ``None`` gives a blank one with the same sheets."""
    book = Workbook()
    _instructions(book.active)
    book.active.title = instructions_title()
    for sheet in sheets():
        ws = book.create_sheet(sheet.title)
        if sheet.is_table:
            _table_sheet(ws, sheet, data)
        else:
            _field_sheet(ws, sheet, data)
        _heights(ws)
        _printable(ws)
    return book


def _heights(ws: Worksheet) -> None:
    """Rows as tall as their longest cell: spreadsheets do not grow a row written by a program
    when they open it, and a list of one item per line would show its first line only."""
    for row in ws.iter_rows(min_row=2):
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            width = ws.column_dimensions[cell.column_letter].width or MIN_WIDTH
            lines = max(lines, sum(max(1, math.ceil(len(part) / max(width - 1, 1)))
                                   for part in cell.value.split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = 15 * lines


def _printable(ws: Worksheet) -> None:
    """Printed (or saved as PDF) a sheet is as wide as the page, landscape, headers on every page."""
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"


def write_workbook(data: OrganizationData | None, target: Path) -> Path:
    book = build_workbook(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target
