"""A worksheet read as a table: a header row naming known columns, then data rows.

`Table.read` takes the rows of a sheet (``(row number, values)`` pairs, see
`rostering.workbook.files.Book.rows`), finds the header, and keeps the non-blank rows; a
`Row` converts its cells on request and records every problem at its cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from .cells import CellError, Invalid, blank, norm, text

__all__ = ["Column", "Row", "Table"]


@dataclass(frozen=True)
class Column:
    """A column of an input sheet: English name, Chinese alias and a note for the template."""

    name: str
    zh: str
    required: bool = False
    note: str = ""


@dataclass
class Row:
    """One non-blank row of a `Table`; ``ok`` turns False once one of its cells is invalid."""

    table: Table = field(repr=False)
    number: int
    values: dict[str, object]
    ok: bool = True

    def cell(self, column: str) -> str | None:
        """The reference (``"C7"``) of this row's cell in ``column``."""
        index = self.table.columns.get(column)
        return None if index is None else f"{get_column_letter(index)}{self.number}"

    def has(self, column: str) -> bool:
        """Whether this row's cell in ``column`` holds something."""
        return not blank(self.values.get(column))

    def error(self, column: str | None, message: str) -> None:
        """Report a problem in this row's cell of ``column`` (the row's first cell if None)."""
        self.ok = False
        cell = self.cell(column) if column else None
        if cell is None:
            first = min(self.table.columns.values(), default=1)
            cell = f"{get_column_letter(first)}{self.number}"
        self.table.errors.append(CellError(self.table.title, cell, message))

    def get(
        self,
        column: str,
        convert: Callable[[object], Any] = text,
        *,
        required: bool = False,
        default: Any = None,
    ) -> Any:
        """The converted value of a cell: ``default`` when blank (an error if ``required``),
        None when invalid (the error is recorded)."""
        raw = self.values.get(column)
        if blank(raw):
            if required:
                self.error(column, f"missing {column}")
            return default
        try:
            return convert(raw)
        except Invalid as problem:
            self.error(column, str(problem))
            return None


@dataclass
class Table:
    """A worksheet read as a table: header row, known columns and non-blank rows."""

    title: str
    errors: list[CellError]
    header_row: int = 0
    columns: dict[str, int] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    width: int = 0  # last used column of the header row

    @property
    def empty(self) -> bool:
        """No header row at all: the sheet holds nothing."""
        return self.header_row == 0

    def error(self, message: str, cell: str | None = None) -> None:
        """Report a problem of the sheet (at ``cell`` when given)."""
        self.errors.append(CellError(self.title, cell, message))

    def missing_column(self, column: Column, extra: str = "") -> None:
        """Report a missing column at the header cell where it would go."""
        self.width += 1
        cell = f"{get_column_letter(self.width)}{self.header_row}"
        self.error(f"missing column '{column.name}' ({column.zh}){extra}", cell)

    @classmethod
    def read(
        cls,
        rows: Iterable[tuple[int, Sequence[object]]],
        title: str,
        columns: Iterable[Column],
        errors: list[CellError],
    ) -> Table:
        """Read a sheet's rows; the header row is the first non-empty row."""
        table = cls(title, errors)
        names = {}
        for col in columns:
            names[norm(col.name)] = col.name
            names[norm(col.zh)] = col.name
        for number, values in rows:
            if table.header_row == 0:
                if all(blank(v) for v in values):
                    continue
                table.header_row = number
                table._read_header(values, names)
                continue
            cells = {
                name: values[index - 1]
                for name, index in table.columns.items()
                if index - 1 < len(values)
            }
            if any(not blank(v) for v in cells.values()):
                table.rows.append(Row(table, number, cells))
        return table

    def _read_header(self, values: Sequence[object], names: dict[str, str]) -> None:
        for index, value in enumerate(values, start=1):
            if blank(value):
                continue
            self.width = index
            name = names.get(norm(value))
            if name is None:
                continue  # an extra column: welcome, ignored
            if name in self.columns:
                first = get_column_letter(self.columns[name])
                self.error(
                    f"column '{name}' appears twice (also {first}{self.header_row})",
                    f"{get_column_letter(index)}{self.header_row}",
                )
                continue
            self.columns[name] = index
