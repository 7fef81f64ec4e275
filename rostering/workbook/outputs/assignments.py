"""The ``Assignments`` sheet: one row per agent and day, machine-readable."""

from __future__ import annotations

from typing import Any

from ...report import format_hhmm
from .base import OutputSheet, RosterReport
from .style import (
    header,
    print_setup,
    widths,
)

__all__ = ["SHEET"]


#: Header of the Assignments sheet, exactly (docs/workbook.md).
ASSIGNMENT_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "role",
    "date",
    "shift",
    "start",
    "end",
    "break_start",
    "break_end",
)


def render(ws: Any, report: RosterReport) -> None:
    """One row per agent and day, machine-readable."""
    header(ws, 1, ASSIGNMENT_COLUMNS)
    row = 1
    for agent in report.problem.agents:
        for day in report.days:
            row += 1
            code = report.view.code(agent.id, day)
            span = report.view.interval(agent.id, day)
            pause = report.view.break_of(agent.id, day)
            values = (
                agent.id,
                agent.name,
                report.view.acting(agent, day).role,
                day.isoformat(),
                code or "",
                format_hhmm(span[0]) if span else None,
                format_hhmm(span[1]) if span else None,
                format_hhmm(pause[0]) if pause else None,
                format_hhmm(pause[1]) if pause else None,
            )
            for col, value in enumerate(values, start=1):
                ws.cell(row=row, column=col, value=value)
    widths(ws, {1: 10, 2: 12, 3: 14, 4: 12, 5: 8, 6: 8, 7: 8, 8: 11, 9: 11})
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:I{row}"
    print_setup(ws, f"Assignments {report.label}", title_rows="1:1")


SHEET = OutputSheet("Assignments", render)
