"""Stage 1a for a workbook: an organization's ``.xlsx`` read into the same plain data as its YAML.

``load_workbook_document`` gives what ``generator.contract.source.load_document`` gives for a
YAML file: the data as text (a cell's date, hour, number or yes/no becomes the text a person
would have typed in the YAML, so the contract's own types parse it), and the place of every
value, so that every pydantic error and every rule of ``generator.contract.rules`` points at the
cell (``org.xlsx:Actores!E7``). The cells are found through ``generator.workbook.layout``, the
mapping the workbook was written with. A sheet, a column or a row label the layout does not know
is a warning with its place, never ignored in silence.

A place is kept as (line, column) like YAML's; the line encodes the sheet and its row
(``sheet * ROWS_PER_SHEET + row``), so diagnostics sort sheet by sheet, row by row.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.exceptions import InvalidFileException

from generator.contract.models import without_accents
from generator.contract.source import LoadedDocument, Path_, format_path
from generator.exceptions import Diagnostic, quote_value, system_reason
from generator.workbook.layout import LIST_SEPARATOR, Column, Group, Sheet, instructions_title, sheets

#: A workbook of one organization is a few dozen kilobytes; this is far more than any.
MAX_WORKBOOK_BYTES = 10 * 1024 * 1024
#: More than the rows a sheet can have (1 048 576).
ROWS_PER_SHEET = 1 << 21
WORKBOOK_SUFFIXES = (".xlsx",)


def is_workbook(file: Path) -> bool:
    return file.suffix.lower() in WORKBOOK_SUFFIXES


def cell_sheet_name(title: str) -> str:
    """A sheet's name as a cell reference spells it: quoted only when it has spaces or signs."""
    return title if re.fullmatch(r"\w+", title) else quote_sheetname(title)


@dataclass
class WorkbookDocument(LoadedDocument):
    """A ``LoadedDocument`` whose places are cells."""

    sheet_titles: list[str] = field(default_factory=list)

    def place(self, line: int, column: int) -> str:
        sheet, row = divmod(line, ROWS_PER_SHEET)
        if not 0 <= sheet < len(self.sheet_titles) or row < 1:
            return "(libro)"
        return f"{cell_sheet_name(self.sheet_titles[sheet])}!{get_column_letter(column)}{row}"


def _text(value: Any, column: Column | None) -> str | None:
    """A cell's value as the text a person would have typed in the YAML; ``None`` when empty.

    Spreadsheets store dates and hours as numbers shown through a format, numbers as floats and
    yes/no as booleans, each program its own way; all of them come back here as text."""
    kind = column.kind.name if column is not None else "text"
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if kind == "time" or (value.date() == date(1899, 12, 30) and kind != "date"):
            return f"{value.hour:02d}:{value.minute:02d}"
        if value.time() == time(0) or kind == "date":
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value).strip()
    return text or None


def _value(text: str, column: Column) -> Any:
    if not column.kind.many:
        return text
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]


def _set(target: dict, keys: tuple[str, ...], value: Any) -> None:
    for key in keys[:-1]:
        target = target.setdefault(key, {})
    target[keys[-1]] = value


def _section(root: dict, keys: tuple[str, ...]) -> dict:
    for key in keys:
        root = root.setdefault(key, {})
    return root


def _list_at(root: dict, keys: tuple[str, ...]) -> list:
    for key in keys[:-1]:
        root = root.setdefault(key, {})
    return root.setdefault(keys[-1], [])


class _Reader:
    def __init__(self, doc: WorkbookDocument) -> None:
        self.doc = doc
        self.data: dict[str, Any] = {}

    def at(self, sheet: int, row: int, col: int) -> tuple[int, int]:
        return (sheet * ROWS_PER_SHEET + row, col)

    def warn(self, where: tuple[int, int], path: str, message: str) -> None:
        self.doc.diagnostics.append(Diagnostic(self.doc.file, *where, path, message, "aviso"))

    def error(self, where: tuple[int, int], path: str, message: str) -> None:
        self.doc.diagnostics.append(Diagnostic(self.doc.file, *where, path, message))

    def remember(self, path: Path_, where: tuple[int, int]) -> None:
        self.doc.value_positions.setdefault(path, where)

    # -------------------------------------------------------------- key/value sheets

    def fields(self, index: int, ws, sheet: Sheet) -> None:
        by_label = {without_accents(c.label): c for c in sheet.fields}
        seen: dict[str, int] = {}
        for column in sheet.fields:  # a field whose row is missing still has a place: the sheet
            self.remember(column.keys, self.at(index, 1, 1))
            if column.required and len(column.keys) > 1:  # a required section is there, even empty,
                _section(self.data, column.keys[:-1])     # so that its missing fields are named
        for row in ws.iter_rows(min_row=2):
            if not row:
                continue
            r = row[0].row
            label = _text(row[0].value, None)
            value_cell = row[1] if len(row) > 1 else None
            for extra in row[2:]:
                if _text(extra.value, None) is not None:
                    self.warn(self.at(index, r, extra.column), "(libro)",
                              f"la celda {get_column_letter(extra.column)}{r} está fuera de las columnas del dato y "
                              "su valor; se ignora")
            if label is None:
                if value_cell is not None and _text(value_cell.value, None) is not None:
                    self.warn(self.at(index, r, 2), "(libro)", "hay un valor sin el nombre de su dato en la "
                                                               "columna A; se ignora")
                continue
            column = by_label.get(without_accents(label))
            if column is None:
                match = difflib.get_close_matches(without_accents(label), list(by_label), n=1, cutoff=0.6)
                hint = f"; ¿quisiste decir '{by_label[match[0]].label}'?" if match else ""
                self.warn(self.at(index, r, 1), "(libro)", f"dato desconocido '{quote_value(label)}'; se ignora{hint}")
                continue
            key = without_accents(label)
            if key in seen:
                self.error(self.at(index, r, 1), format_path(column.keys),
                           f"el dato '{quote_value(label)}' está repetido (ya aparece en el renglón {seen[key]})")
                continue
            seen[key] = r
            where = self.at(index, r, 2)
            self.doc.value_positions[column.keys] = where
            for cut in range(1, len(column.keys)):
                self.remember(column.keys[:cut], where)
            text = _text(value_cell.value, column) if value_cell is not None else None
            if text is not None:
                _set(self.data, column.keys, _value(text, column))

    # -------------------------------------------------------------- tables

    def table(self, index: int, ws, sheet: Sheet) -> None:
        by_label = {without_accents(c.label): (g, c) for g, c in sheet.column_groups}
        where_is: dict[int, tuple[Group, Column]] = {}
        header = next(ws.iter_rows(min_row=1, max_row=1), ())
        for cell in header:
            label = _text(cell.value, None)
            if label is None:
                continue
            found = by_label.get(without_accents(label))
            if found is None:
                match = difflib.get_close_matches(without_accents(label), list(by_label), n=1, cutoff=0.6)
                hint = f"; ¿quisiste decir '{by_label[match[0]][1].label}'?" if match else ""
                self.warn(self.at(index, 1, cell.column), "(libro)",
                          f"columna desconocida '{quote_value(label)}'; se ignora{hint}")
            elif any(c is found[1] for _, c in where_is.values()):
                self.error(self.at(index, 1, cell.column), "(libro)",
                           f"la columna '{quote_value(label)}' está repetida")
            else:
                where_is[cell.column] = found
        first_col = {id(g): min((k for k, (gg, _) in where_is.items() if gg is g), default=1)
                     for g, _ in sheet.column_groups}
        for group in ([sheet.parent] if sheet.parent else []) + list(sheet.children):
            if sheet.parent is None or group is sheet.parent:
                self.remember(group.keys, self.at(index, 1, first_col[id(group)]))
        parent_index = -1
        counts: dict[int, int] = {}
        unknown_warned: set[int] = set()
        for row in ws.iter_rows(min_row=2):
            if not row:
                continue
            r = row[0].row
            values: dict[int, list[tuple[Column, str, int]]] = {}
            for cell in row:
                text = _text(cell.value, where_is.get(cell.column, (None, None))[1])
                if text is None:
                    continue
                if cell.column not in where_is:
                    if cell.column not in unknown_warned:
                        unknown_warned.add(cell.column)
                        self.warn(self.at(index, r, cell.column), "(libro)",
                                  "hay valores en una columna sin encabezado conocido; se ignoran")
                    continue
                group, column = where_is[cell.column]
                values.setdefault(id(group), []).append((column, text, cell.column))
            if not values:
                continue
            base: tuple = ()
            if sheet.parent is not None:
                if id(sheet.parent) in values or parent_index < 0:
                    parent_index += 1
                    counts = {}
                    item_path = sheet.parent.keys + (parent_index,)
                    item = {}
                    _list_at(self.data, sheet.parent.keys).append(item)
                    self.cells(index, r, sheet.parent, item, item_path, values.get(id(sheet.parent), []),
                               where_is, first_col)
                base = sheet.parent.keys + (parent_index,)
            for group in sheet.children:
                if id(group) not in values:
                    continue
                n = counts.get(id(group), 0)
                counts[id(group)] = n + 1
                container = self.data
                for key in base:
                    container = container[key]
                target = _list_at(container, group.keys)
                list_path = base + group.keys
                self.remember(list_path, self.at(index, r, first_col[id(group)]))
                if group.sections:
                    item = {}
                    target.append(item)
                    self.cells(index, r, group, item, list_path + (n,), values[id(group)], where_is, first_col)
                else:
                    ((column, text, col),) = values[id(group)]
                    target.append(text)
                    self.doc.value_positions[list_path + (n,)] = self.at(index, r, col)

    def cells(self, index: int, r: int, group: Group, item: dict, item_path: tuple,
              values: list[tuple[Column, str, int]], where_is: dict, first_col: dict) -> None:
        self.doc.value_positions[item_path] = self.at(index, r, first_col[id(group)])
        for col, (g, column) in where_is.items():
            if g is group:
                self.doc.value_positions[item_path + column.keys] = self.at(index, r, col)
                for cut in range(1, len(column.keys)):
                    self.remember(item_path + column.keys[:cut], self.at(index, r, col))
        for column, text, col in values:
            value = _value(text, column)
            _set(item, column.keys, value)
            if column.kind.many:
                for i in range(len(value)):
                    self.doc.value_positions[item_path + column.keys + (i,)] = self.at(index, r, col)


def load_workbook_document(file: Path) -> WorkbookDocument:
    """Read the workbook ``file``; problems become diagnostics (never exceptions) with their place."""
    doc = WorkbookDocument(file=file, data=None)

    def refuse(message: str) -> WorkbookDocument:
        doc.data = None
        doc.diagnostics.append(Diagnostic(file, 1, 1, "(archivo)", message))
        return doc

    try:
        size = file.stat().st_size
        if size > MAX_WORKBOOK_BYTES:
            return refuse(f"el libro pesa {size / 1024 / 1024:.1f} MB; el máximo es "
                          f"{MAX_WORKBOOK_BYTES // 1024 // 1024} MB")
        book = load_workbook(file, data_only=True)
    except OSError as exc:
        return refuse(f"no se puede leer el archivo: {system_reason(exc, file)}")
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError):
        return refuse("no es un libro de Excel (.xlsx) válido; guárdalo desde Excel o LibreOffice con el "
                      "formato «Libro de Excel 2007-365 (.xlsx)»")
    reader = _Reader(doc)
    doc.sheet_titles = list(book.sheetnames)
    known = {without_accents(s.title): s for s in sheets()}
    ignored = without_accents(instructions_title())
    for index, ws in enumerate(book.worksheets):
        sheet = known.pop(without_accents(ws.title), None)
        if sheet is None:
            if without_accents(ws.title) == ignored:
                continue
            first = next((c for row in ws.iter_rows() for c in row if _text(c.value, None) is not None), None)
            if first is not None:
                reader.warn(reader.at(index, first.row, first.column), "(libro)",
                            f"la hoja '{quote_value(ws.title)}' no es una hoja del libro de trabajo; se ignora")
            continue
        if sheet.is_table:
            reader.table(index, ws, sheet)
        else:
            reader.fields(index, ws, sheet)
    doc.data = reader.data
    return doc
