"""The ``Handover`` sheet (交接): who hands over to whom, per day."""

from __future__ import annotations

from typing import Any

from .base import OutputSheet, RosterReport
from .style import (
    header,
    print_setup,
    role_label,
    weekday,
    widths,
)

__all__ = ["SHEET"]


def render(ws: Any, report: RosterReport) -> None:
    """Per day and handover: outgoing agent, incoming agent, role, overlap minutes."""
    names = {a.id: a.name for a in report.problem.agents}
    records = report.handovers
    header(
        ws,
        1,
        [
            "日期 date",
            "周",
            "交班 outgoing shift",
            "接班 incoming shift",
            "role",
            "岗位",
            "交班人 outgoing id",
            "姓名 name",
            "接班人 incoming id",
            "姓名 name",
            "重叠 overlap min",
        ],
    )
    ws.row_dimensions[1].height = 30
    row = 1
    for rec in records:
        row += 1
        values = (
            rec.date.isoformat(),
            weekday(rec.date),
            rec.outgoing_shift,
            rec.incoming_shift,
            rec.role,
            role_label(rec.role),
            rec.outgoing_agent,
            names.get(rec.outgoing_agent, ""),
            rec.incoming_agent,
            names.get(rec.incoming_agent, ""),
            rec.overlap_minutes,
        )
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
    if not records:
        ws.cell(row=2, column=1, value="No handovers: no shift starts as another ends.")
    widths(ws, {1: 12, 2: 4, 3: 10, 4: 10, 5: 14, 6: 6, 7: 12, 8: 10, 9: 12, 10: 10, 11: 10})
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:K{max(row, 1)}"
    print_setup(ws, f"交接 Handover {report.label}", title_rows="1:1")


SHEET = OutputSheet("Handover", render)
