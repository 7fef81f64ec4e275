"""A worksheet read as a table: a header row naming known columns, then data rows.

`Table.read` takes the rows of a sheet (``(row number, values)`` pairs, see
`rostering.workbook.files.Book.rows`), finds the header, and keeps the non-blank rows; a
`Row` converts its cells on request and records every problem at its cell.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from .cells import CellError, Invalid, Unreadable, blank, norm, text
from .sizes import HEADER_ROWS

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
        if isinstance(raw, Unreadable):
            self.error(column, str(raw))
            return None
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
    truncated: bool = False  # reading stopped at the row limit

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
        *,
        max_rows: int | None = None,
        too_many: str = "",
    ) -> Table:
        """Read a sheet's rows (``(row number, values)``, see
        `rostering.workbook.files.Book.rows`).

        The header is the row naming the most known columns among the first
        `HEADER_ROWS` non-blank rows (the first non-blank row when none names one), so a
        title may sit above it; a row above the header holding more than one value is
        reported, never silently dropped. Past ``max_rows`` data rows, reading stops with
        the error ``too_many``.
        """
        table = cls(title, errors)
        names = {}
        for col in columns:
            names[norm(col.name)] = col.name
            names[norm(col.zh)] = col.name
        stream = iter(rows)
        first: list[tuple[int, Sequence[object]]] = []
        for number, values in stream:
            if any(not blank(v) for v in values):
                first.append((number, values))
                if len(first) == HEADER_ROWS:
                    break
        if not first:
            return table
        known = [sum(1 for v in values if _header_name(v, names)) for _, values in first]
        at = known.index(max(known)) if max(known) else 0
        for number, values in first[:at]:
            if sum(1 for v in values if not blank(v)) > 1:
                table.error(
                    f"row {number} is above the header (row {first[at][0]}) and is not read: "
                    "move the header to the top, or keep only a one-cell title above it",
                    f"A{number}",
                )
        table.header_row = first[at][0]
        table._read_header(first[at][1], names)
        for number, values in itertools.chain(first[at + 1 :], stream):
            found = {
                name: values[index - 1]
                for name, index in table.columns.items()
                if index - 1 < len(values)
            }
            if not any(not blank(v) for v in found.values()):
                continue
            if max_rows is not None and len(table.rows) >= max_rows:
                cell = f"{get_column_letter(min(table.columns.values(), default=1))}{number}"
                table.error(too_many or f"more than {max_rows} rows", cell)
                table.truncated = True
                break
            table.rows.append(Row(table, number, found))
        return table

    def _read_header(self, values: Sequence[object], names: dict[str, str]) -> None:
        for index, value in enumerate(values, start=1):
            if blank(value):
                continue
            self.width = index
            if isinstance(value, Unreadable):
                self.error(f"header cell: {value}", f"{get_column_letter(index)}{self.header_row}")
                continue
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


def _header_name(value: object, names: dict[str, str]) -> str | None:
    """The known column a header cell names, or None."""
    if blank(value) or isinstance(value, Unreadable):
        return None
    return names.get(norm(value))
