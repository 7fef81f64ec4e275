"""The ``Shifts`` sheet (班次): every shift the roster uses, with the input's columns."""

from __future__ import annotations

from datetime import time
from typing import Any

from ..inputs import sheet
from ..inputs.shifts import shift_row
from .base import OutputSheet, RosterReport
from .style import header, print_setup, widths

__all__ = ["SHEET", "used_shifts"]


def used_shifts(report: RosterReport) -> list[str]:
    """The codes of the shifts the roster works, with the families of its variants, in the
    problem's order: the roster can then be read and checked on its own."""
    worked = {c.shift for c in report.roster if c.working}
    problem = report.problem
    wanted = worked | {problem.family(code) for code in worked}
    return [s.code for s in problem.shifts if s.code in wanted]


def render(ws: Any, report: RosterReport) -> None:
    """One row per shift used: code, name, start, end, dates, family, break."""
    spec = sheet("Shifts")
    names = [c.name for c in spec.columns]
    header(ws, 1, names)
    for row, code in enumerate(used_shifts(report), start=2):
        values = shift_row(report.problem.shift(code))
        for col, name in enumerate(names, start=1):
            value = values.get(name)
            cell = ws.cell(row=row, column=col, value=value)
            if isinstance(value, time):
                cell.number_format = "hh:mm"
    widths(ws, {1: 8, 2: 12, 3: 8, 4: 8, 5: 24, 6: 8, 7: 13, 8: 13})
    ws.freeze_panes = "A2"
    print_setup(ws, f"Shifts {report.label}", title_rows="1:1")


SHEET = OutputSheet("Shifts", render)
