"""Write the staffing report (`rostering.staffing_report.StaffingReport`) to a workbook.

Sheets: ``Headcount`` (the formula step by step and the team against it per role),
``Hourly`` (the Erlang C requirement per forecast hour, with who could be online) and
``Warnings``. Written atomically, like every workbook of the tool.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from ..staffing.report import HOUR_COLUMNS, HOUR_NOTES, StaffingReport, role_label
from .files import save_atomically
from .outputs.style import print_setup

__all__ = ["build_staffing_workbook", "write_staffing_workbook"]

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_SHORT_FILL = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
_LIKELY_FILL = PatternFill("solid", start_color="FFEB9C", end_color="FFEB9C")

_PERCENT = {"SL", "occupancy"}
_HOUR_WIDTHS = (12, 13, 16, 10, 8, 7, 8, 8, 8, 8, 10, 7, 7, 20)


def _header(ws: Any, row: int, labels: Sequence[str]) -> None:
    for col, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=col, value=label)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL


def _headcount(ws: Any, report: StaffingReport) -> None:
    ws.column_dimensions["A"].width = 26
    if report.plan is None:
        ws.append(["No headcount formula inputs in the Staffing sheet (人员测算)."])
        return
    ws.append(["Headcount by the Double-12 formula [人员测算]"])
    ws["A1"].font = Font(bold=True, size=13)
    for line in report.plan.lines():
        ws.append([line])
    ws.append([])
    start = ws.max_row + 1
    _header(ws, start, ("role", "team", "formula", "difference"))
    for cmp in report.roles:
        ws.append([role_label(cmp.role), cmp.team, cmp.needed, cmp.spare])
        if cmp.spare < 0:
            ws.cell(row=ws.max_row, column=4).fill = _SHORT_FILL
    team = sum(c.team for c in report.roles)
    ws.append(["Total", team, report.plan.total, team - report.plan.total])
    ws.cell(row=ws.max_row, column=1).font = _BOLD
    for letter in "BCD":
        ws.column_dimensions[letter].width = 11


def _hourly(ws: Any, report: StaffingReport) -> None:
    ws.append([f"Agents per hour by Erlang C [咨询预测]: {report.data.targets.describe()}"])
    ws["A1"].font = Font(bold=True, size=13)
    _header(ws, 2, HOUR_COLUMNS)
    for hour in report.hours:
        cells = list(hour.cells())
        if cells[0] is None:
            cells[0] = "every day"
        ws.append(cells)
        row = ws.max_row
        ws.cell(row=row, column=1).number_format = "yyyy-mm-dd"
        for col, name in enumerate(HOUR_COLUMNS, start=1):
            if name in _PERCENT:
                ws.cell(row=row, column=col).number_format = "0.0%"
            elif name == "ASA s":
                ws.cell(row=row, column=col).number_format = "0.0"
        if hour.status != "ok":
            fill = _LIKELY_FILL if hour.status == "likely_short" else _SHORT_FILL
            ws.cell(row=row, column=len(HOUR_COLUMNS)).fill = fill
    for col, width in enumerate(_HOUR_WIDTHS, start=1):
        ws.column_dimensions[ws.cell(row=2, column=col).column_letter].width = width
    ws.freeze_panes = "A3"
    ws.append([])
    for note in HOUR_NOTES:
        ws.append([note])


def _warnings(ws: Any, report: StaffingReport) -> None:
    _header(ws, 1, ("warning",))
    ws.column_dimensions["A"].width = 140
    for warning in report.warnings:
        ws.append([warning])
    if not report.warnings:
        ws.append(["No warnings: the team can meet the formula and every forecast hour."])


def build_staffing_workbook(report: StaffingReport) -> Workbook:
    """The report as a workbook: ``Headcount``, ``Hourly`` (when forecast) and ``Warnings``."""
    wb = Workbook()
    first = wb.active
    first.title = "Headcount"
    _headcount(first, report)
    print_setup(first, "Headcount 人员测算")
    if report.hours:
        hourly = wb.create_sheet("Hourly")
        _hourly(hourly, report)
        print_setup(hourly, "Hourly 咨询预测", title_rows="2:2")
    warnings = wb.create_sheet("Warnings")
    _warnings(warnings, report)
    print_setup(warnings, "Warnings", title_rows="1:1")
    return wb


def write_staffing_workbook(path: str | os.PathLike[str], report: StaffingReport) -> Path:
    """Write the report to ``path`` atomically (a temporary file, then a rename).

    Parameters
    ----------
    path
        The workbook to write (``.xlsx``); an existing file is replaced.
    report
        The staffing report.

    Returns
    -------
    Path
        The path written.
    """
    target = Path(path).absolute()
    save_atomically(build_staffing_workbook(report), target)
    return target
