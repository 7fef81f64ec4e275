"""Read the input workbook (staff.xlsx) into a `Problem`.

The reader is the edge where spreadsheets meet the core: it reports every problem it can
find in one pass, each as ``Sheet!C7: message`` naming the exact cell, and only then builds
the `Problem`, whose constructors fail fast. Each input sheet is one module of
`rostering.workbook.inputs`, listed in its registry ``SHEETS``; this module only drives
them. Reading a roster workbook is `rostering.workbook.roster_reader`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..problem import Problem, ProblemError, Rules, Weights
from ..staffing.report import StaffingData
from . import inputs
from .cells import CellError, WorkbookError
from .files import open_book
from .inputs import SHEETS, STAFFING_ITEMS, Draft, SheetSpec, StaffingItem
from .roster_reader import read_previous, read_roster
from .sizes import MAX_AGENTS
from .table import Column, Row, Table

# The names this module gave before each sheet became its own module stay importable here.
__all__ = [
    "SHEETS",
    "STAFFING_ITEMS",
    "CellError",
    "Column",
    "Draft",
    "InputBook",
    "SheetSpec",
    "StaffingItem",
    "Table",
    "WorkbookError",
    "read_previous",
    "read_problem",
    "read_roster",
    "read_workbook",
]

PathLike = str | Path


@dataclass(frozen=True)
class InputBook:
    """What the input workbook holds: the problem, the solver settings of its Rules sheet,
    and what extra sheets read (``extras``, by sheet name)."""

    problem: Problem
    time_limit: float | None = None
    seed: int | None = None
    path: Path | None = None
    extras: dict[str, object] = field(default_factory=dict)
    language: str = "en"
    """``zh`` when the workbook's sheets have Chinese names, else ``en``: the language of
    explanations by default."""

    @property
    def staffing(self) -> StaffingData | None:
        """What the ``Staffing`` (人员测算) and ``Forecast`` (咨询预测) sheets hold, or None
        when the workbook has neither."""
        return _staffing(self.extras)


def _staffing(extras: dict[str, object]) -> StaffingData | None:
    staffing = extras.get("Staffing")
    forecast = extras.get("Forecast")
    if staffing is None and forecast is None:
        return None
    data = staffing if isinstance(staffing, StaffingData) else StaffingData()
    if isinstance(forecast, tuple):
        data = replace(data, forecast=forecast)
    return data


_FIELD_SHEETS = {
    "agents": "Staff",
    "leave": "Leave",
    "requests": "Leave",
    "demand": "Demand",
    "peaks": "Peaks",
    "limits": "Limits",
    "holidays": "Holidays",
    "shifts": "Shifts",
    "rules": "Rules",
    "weights": "Rules",
    "start": "Rules",
    "end": "Rules",
}
"""The sheet of each `Problem` field."""

_FIELD_COLUMNS = {"agents": {}, "leave": {"agent": "id"}, "requests": {"agent": "id"}}
_FIELD_COLUMNS |= {"limits": {"kind": "rule"}}
_FIELD_RE = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?")


def cell_error(error: ProblemError, draft: Draft) -> CellError:
    """A core `ProblemError` at its sheet and cell, found by its field, never by its
    message: ``rules.x`` is the value cell of the Rules row of x, ``agents[3].shifts`` the
    shifts cell of the Staff row the fourth agent came from (`Draft.origins`)."""
    match = _FIELD_RE.match(error.field or "")
    if match is None:
        return CellError("", None, error.message)
    root, index, leaf = match.group(1), match.group(2), match.group(3) or ""
    rows: list[Row] = []
    column = leaf
    if root in ("rules", "weights"):
        rows, column = draft.origins.get(f"{root}.{leaf}", []), "value"
    elif root in ("start", "end"):
        rows, column = draft.origins.get("rules.month", []), "value"
    elif index is not None:
        found = draft.origins.get(root, [])
        rows = found[int(index) :][:1]
        column = _FIELD_COLUMNS.get(root, {}).get(leaf, leaf)
    if not rows:
        return CellError(_FIELD_SHEETS.get(root, ""), None, error.message)
    row = rows[0]
    cell = row.cell(column)
    if cell is None:
        first = min(row.table.columns.values(), default=1)
        cell = f"{get_column_letter(first)}{row.number}"
    return CellError(row.table.title, cell, error.message)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def read_workbook(path: PathLike, *, today: date | None = None) -> InputBook:
    """Read an input workbook (staff.xlsx).

    Parameters
    ----------
    path
        The workbook; it is read, never written.
    today
        The date the month default (the calendar month after today) counts from;
        ``date.today()`` when None.

    Returns
    -------
    InputBook
        The problem plus ``time_limit_seconds`` and ``seed`` from the Rules sheet. Its
        demand is the Demand sheet's rows, then the Forecast's hourly rows
        (`rostering.staffing_report.StaffingData.demand`).

    Raises
    ------
    WorkbookError
        With every problem found, each naming its sheet and cell.
    """
    errors: list[CellError] = []
    draft = Draft(today or date.today())
    titles: list[str] = []
    with open_book(path) as book:
        for spec in inputs.SHEETS:
            title = book.find(spec.names(), spec.name, errors)
            if title is None:
                if spec.required:
                    sheets = ", ".join(f"'{t}'" for t in book.titles)
                    errors.append(
                        CellError(
                            spec.name,
                            None,
                            f"missing sheet '{spec.name}' ({spec.zh}); the workbook has {sheets}",
                        )
                    )
                    if spec.name == "Staff":
                        draft.staff_ok = False
                continue
            titles.append(title)
            before = len(errors)
            table = Table.read(
                book.rows(title, errors),
                title,
                spec.columns,
                errors,
                max_rows=spec.max_rows,
                too_many=spec.too_many_rows(),
            )
            missing = [c for c in spec.columns if c.required and c.name not in table.columns]
            for column in [] if table.empty else missing:
                table.missing_column(column)
            damaged = any(e.cell is None for e in errors[before:])
            if (missing and not table.empty) or damaged or table.truncated:
                if spec.name == "Staff":
                    draft.staff_ok = False
                if spec.name == "Shifts":
                    draft.shifts_ok = False
                continue
            spec.parse(table, draft)
    if errors:
        raise WorkbookError(errors)
    staffing = _staffing(draft.extras)
    if staffing is not None and staffing.forecast:
        _check_forecast(staffing, draft)
    try:
        problem = problem_of(draft)
    except ProblemError as problem_error:
        raise WorkbookError([cell_error(problem_error, draft)]) from None
    language = "zh" if any(_CJK.search(t) for t in titles) else "en"
    return InputBook(
        problem, draft.time_limit, draft.seed, Path(path), dict(draft.extras), language
    )


def problem_of(draft: Draft) -> Problem:
    """The `Problem` of what the sheets have read (the forecast's hourly demand after the
    Demand sheet's rows); raises `ProblemError` when the core refuses it. Reading a
    workbook and reading DataFrames (`rostering.frames`) both end here."""
    assert draft.month is not None
    staffing = _staffing(draft.extras)
    items = {name: tuple(found) for name, found in draft.items.items()}
    agents = items.pop("agents", ())
    if staffing is not None and staffing.forecast:
        items["demand"] = (*items.get("demand", ()), *staffing.demand())
    return Problem(
        draft.month,
        agents,
        shifts=tuple(draft.shifts.values()),
        rules=Rules(**draft.rules),
        weights=Weights(**draft.weights),
        **items,  # type: ignore[arg-type]
    )


def _check_forecast(staffing: StaffingData, draft: Draft) -> None:
    """Refuse forecast hours that ask for more agents online than a workbook may hold, at
    the row's inquiries cell (the figure is the core's Erlang C, after every cell read)."""
    rows = draft.origins.get("Forecast", [])
    errors = []
    for row, (forecast, need) in zip(rows, staffing.requirements(), strict=True):
        if need.agents > MAX_AGENTS:
            cell = row.cell("inquiries")
            errors.append(
                CellError(
                    row.table.title,
                    cell,
                    f"this hour needs {need.agents} agents online ({forecast.inquiries:g} "
                    f"inquiries against the Staffing targets); at most {MAX_AGENTS} (check the "
                    "inquiries, handling_time and the Staffing sheet's shrinkage and "
                    "max_occupancy)",
                )
            )
    if errors:
        raise WorkbookError(errors)


def read_problem(path: PathLike, *, today: date | None = None) -> Problem:
    """Read an input workbook into a `Problem` (see `read_workbook`)."""
    return read_workbook(path, today=today).problem
