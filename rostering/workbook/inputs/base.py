"""What every input sheet module provides (`SheetSpec`) and what they read into (`Draft`).

An input sheet is one module in this package defining a `SheetSpec`: the sheet's names,
its columns (with Chinese aliases and notes), a parser from a `Table` into the `Draft`,
and the rows the template writes for a problem. The registry `rostering.workbook.inputs.SHEETS`
lists them in the order they are parsed (later sheets use what earlier ones read).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...problem import DEFAULT_SHIFTS, Problem, ShiftType, month_bounds
from ...staffing.report import StaffingData
from ..cells import Invalid, match_code, norm, show
from ..sizes import MAX_ROWS
from ..table import Column, Row, Table

__all__ = [
    "Contents",
    "Dated",
    "Draft",
    "Parser",
    "Rows",
    "SheetSpec",
    "kind_cell",
    "next_month",
    "parse_dated",
]

Rows = Sequence[Mapping[str, object]]
"""Template rows of a sheet: one mapping of column name to value per row."""


def next_month(today: date) -> date:
    """The first day of the calendar month after ``today``."""
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


@dataclass
class Draft:
    """What the sheets have read so far; parsers add to it in the order of `SHEETS`.

    ``items`` holds the `Problem`'s tuple fields by name (``agents``, ``leave``,
    ``requests``, ``demand``, ``peaks``, ``limits``, ...): a sheet adds to them with `add`.
    ``extras`` holds, by sheet name, what a sheet reads beyond the problem (the staffing
    inputs, the forecast). ``origins`` keeps, for each name of ``items`` (and for extras
    whose rows need it), the sheet row each item came from, in the same order, so that a
    problem found later is reported at its row.
    """

    today: date
    month: date | None = None  # first day; None once the month given is invalid
    rules: dict[str, Any] = field(default_factory=dict)
    weights: dict[str, int] = field(default_factory=dict)
    time_limit: float | None = None
    seed: int | None = None
    shifts: dict[str, ShiftType] = field(
        default_factory=lambda: {s.code: s for s in DEFAULT_SHIFTS}
    )
    shifts_ok: bool = True  # False: some Shifts rows are invalid, so unknown codes may be fine
    bad_codes: set[str] = field(default_factory=set)
    bad_rules: set[str] = field(default_factory=set)  # rule keys whose value is invalid
    ids: dict[str, int] = field(default_factory=dict)  # id -> Staff row, bad rows included
    staff_ok: bool = True  # False: the Staff sheet could not be read as a table
    items: dict[str, list[Any]] = field(default_factory=dict)
    extras: dict[str, object] = field(default_factory=dict)
    origins: dict[str, list[Row]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.month is None:
            self.month = next_month(self.today)

    def add(self, name: str, item: object, row: Row) -> None:
        """Add ``item``, read from ``row``, to the problem's tuple field ``name``
        (``"leave"``, ...)."""
        self.items.setdefault(name, []).append(item)
        self.origins.setdefault(name, []).append(row)

    def outside(self, day: date) -> str | None:
        """Why ``day`` is not in the roster's month, or None when it is (or is unknown)."""
        if self.month is None:
            return None
        first, last = month_bounds(self.month.year, self.month.month)
        if first <= day <= last:
            return None
        return f"{day} is outside the month {self.month:%Y-%m}"

    def outside_any(self, days: Iterable[date]) -> str | None:
        """Why some of ``days`` are not in the roster's month (the first, and how many)."""
        wrong = [why for why in map(self.outside, days) if why]
        if len(wrong) > 1:
            return f"{wrong[0]} (and {len(wrong) - 1} more)"
        return wrong[0] if wrong else None

    def code(self, value: str) -> str | None:
        """The shift code that ``value`` names (exactly, else ignoring case), or None."""
        return match_code(value, self.shifts)


@dataclass(frozen=True)
class Contents:
    """What an input workbook holds, for writing one: the problem, the Rules sheet's
    solver settings and the staffing sheets' data."""

    problem: Problem
    time_limit: float | None = None
    seed: int | None = None
    staffing: StaffingData | None = None


Parser = Callable[[Table, Draft], None]
"""Reads a sheet's table into the draft, recording every problem at its cell."""


@dataclass(frozen=True)
class SheetSpec:
    """An input sheet: its names, columns, parser and template rows.

    Parameters
    ----------
    name, zh
        The English name and the Chinese alias (both match, in any case).
    columns
        The known columns; required ones must be in the header.
    parse
        Reads the sheet's table into the draft.
    rows
        The rows the template writes for some `Contents` (read back, they give it again).
    required
        Whether a workbook must have the sheet.
    note
        One line for the template's README sheet.
    readme
        Extra README lines: a title pair, then ``(key, meaning)`` pairs (the Rules keys).
    style
        Formats the sheet once the template wrote it (e.g. shares as percentages).
    max_rows
        The most data rows read (`rostering.workbook.sizes`); past it, reading stops with
        the error ``too_many``.
    """

    name: str
    zh: str
    columns: tuple[Column, ...]
    parse: Parser
    rows: Callable[[Contents], Rows]
    required: bool = False
    note: str = ""
    readme: Callable[[], Sequence[tuple[str, str]]] | None = None
    style: Callable[[Any], None] | None = None
    max_rows: int = MAX_ROWS
    too_many: str = ""

    def too_many_rows(self) -> str:
        """The error past `max_rows`."""
        return self.too_many or (
            f"more than {self.max_rows} rows: a sheet holds at most {self.max_rows} "
            "(see the README's limits)"
        )

    def names(self) -> set[str]:
        """The names that match this sheet, normalised."""
        return {norm(self.name), norm(self.zh)}

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)


# -- sheets of dated rows (Holidays, Leave) -------------------------------------------------------
def kind_cell(aliases: Mapping[str, str], expected: str) -> Callable[[object], str]:
    """A cell converter for a ``kind`` column: the kind that one of ``aliases`` names
    (compared as `norm` folds them); an unknown one is `Invalid`, listing ``expected``."""

    def kind(value: object) -> str:
        found = aliases.get(norm(value))
        if found is None:
            raise Invalid(f"unknown kind {show(value)} (expected {expected})")
        return found

    return kind


@dataclass(frozen=True)
class Dated:
    """One row of a sheet of dated rows, as its sheet reads it (`parse_dated`).

    ``days`` are the row's dates; ``item(day)`` is the `Draft` field and the item the
    row adds for each. A day may be listed once for each ``who`` (None: once in the
    sheet): a second row is an error at ``column``, naming the day with ``named``.
    """

    days: Sequence[date]
    item: Callable[[date], tuple[str, object]]
    who: object = None
    column: str = "date"
    named: Callable[[date], str] = str


def parse_dated(table: Table, draft: Draft, read: Callable[[Row], Dated]) -> None:
    """The rows of a sheet of dated rows: ``read`` reads a row's cells (recording their
    errors); a row without errors adds an item per day, unless one of its days is listed
    twice, which is an error at the later row."""
    seen: dict[tuple[object, date], int] = {}
    for row in table.rows:
        dated = read(row)
        if not row.ok or not dated.days:
            continue
        for day in dated.days:
            key = (dated.who, day)
            if key in seen:
                row.error(
                    dated.column, f"{dated.named(day)} is listed twice (also row {seen[key]})"
                )
                break
            seen[key] = row.number
        if not row.ok:
            continue
        for day in dated.days:
            name, item = dated.item(day)
            draft.add(name, item, row)
