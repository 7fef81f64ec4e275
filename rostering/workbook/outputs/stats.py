"""The ``Stats`` sheet: per agent work days, rest days, nights and hours."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Border
from openpyxl.utils import get_column_letter

from ...report import STAT_FIELDS, team_stats
from .base import OutputSheet, RosterReport
from .style import (
    BOLD,
    THIN,
    header,
    print_setup,
    role_label,
    widths,
)

__all__ = ["SHEET"]


_STAT_LABELS: dict[str, str] = {
    "work_days": "出勤 work days",
    "rest_days": "休息 rest days",
    "leave_days": "请假 leave days",
    "nights": "夜班 nights",
    "weekend_rest_days": "周末休 weekend rest days",
    "promotion_days_worked": "大促出勤 promotion days worked",
    "holiday_days_worked": "节假日出勤 holidays worked",
    "hours": "工时 hours",
    "unassigned_days": "未排 unassigned days",
}


def render(ws: Any, report: RosterReport) -> None:
    """Per agent: work days, rest days, nights, weekend rest days, hours; team totals."""
    shown = [f for f in STAT_FIELDS if f != "unassigned_days"]
    if any(s.unassigned_days for s in report.stats):
        shown.append("unassigned_days")
    header(ws, 1, ["工号 id", "姓名 name", "岗位 role", *(_STAT_LABELS[f] for f in shown)])
    ws.row_dimensions[1].height = 45
    row = 1
    for s in report.stats:
        row += 1
        values = (s.agent, s.name, role_label(s.role), *(getattr(s, f) for f in shown))
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
    last_agent_row = row
    team = team_stats(report.stats)
    for key, label in (
        ("total", "合计 total"),
        ("mean", "平均 mean"),
        ("min", "最少 min"),
        ("max", "最多 max"),
    ):
        row += 1
        cell = ws.cell(row=row, column=1, value=label)
        cell.font = BOLD
        for i, f in enumerate(shown):
            value = team[key][f]
            cell = ws.cell(
                row=row, column=4 + i, value=int(value) if value == int(value) else value
            )
            cell.font = BOLD
            if key == "total":
                cell.border = Border(top=THIN)
    widths(ws, {1: 10, 2: 12, 3: 8, **{4 + i: 13 for i in range(len(shown))}})
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = f"A1:{get_column_letter(3 + len(shown))}{last_agent_row}"
    print_setup(ws, f"Stats {report.label}", title_rows="1:1")


SHEET = OutputSheet("Stats", render)
