"""The ``Requests`` sheet (个人请求): each request, granted or not, named per agent."""

from __future__ import annotations

from typing import Any

from ...briefing import request_outcomes
from .base import OutputSheet, RosterReport
from .style import (
    BOLD,
    FAIL_FILL,
    FAIL_FONT,
    PASS_FILL,
    PASS_FONT,
    TITLE,
    header,
    mark,
    print_setup,
    widths,
)

__all__ = ["REQUEST_COLUMNS", "SHEET"]

#: The header of the Requests sheet (docs/workbook.md): Chinese, then English.
REQUEST_COLUMNS: tuple[str, ...] = (
    "工号 id",
    "姓名 name",
    "日期 date",
    "请求 request",
    "权重 weight",
    "结果 granted",
    "排班 roster",
    "原因 why not",
)
GRANTED, REFUSED = "yes 已满足", "no 未满足"
_HEAD = 3


def render(ws: Any, report: RosterReport) -> None:
    """One row per request (a rest day, or a shift to work or avoid, on a date): whether
    the roster grants it, what the agent does that day, and what stands in its way."""
    outcomes = request_outcomes(report.problem, report.roster, report.view)
    refused = sum(1 for o in outcomes if not o.granted)
    if outcomes:
        title = (
            f"个人请求 Requests {report.label}: {len(outcomes) - refused} of {len(outcomes)} "
            f"granted (已满足), {refused} not granted (未满足)"
        )
    else:
        title = (
            f"个人请求 Requests {report.label}: none (rest-day requests are Leave rows of "
            "kind 'rest')"
        )
    ws.cell(row=1, column=1, value=title).font = TITLE if not refused else BOLD
    header(ws, _HEAD, REQUEST_COLUMNS)
    row = _HEAD
    for outcome in outcomes:
        row += 1
        values = (
            outcome.agent,
            outcome.name,
            outcome.date.isoformat(),
            outcome.asked,
            outcome.weight,
            GRANTED if outcome.granted else REFUSED,
            mark(outcome.got),
            outcome.why,
        )
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
        verdict = ws.cell(row=row, column=6)
        verdict.fill = PASS_FILL if outcome.granted else FAIL_FILL
        verdict.font = PASS_FONT if outcome.granted else FAIL_FONT
    widths(ws, {1: 9, 2: 10, 3: 11, 4: 11, 5: 8, 6: 11, 7: 8, 8: 56})
    ws.row_dimensions[_HEAD].height = 30
    ws.freeze_panes = f"A{_HEAD + 1}"
    if outcomes:
        ws.auto_filter.ref = f"A{_HEAD}:H{row}"
    ws.print_area = f"A1:H{row}"
    print_setup(ws, f"个人请求 Requests {report.label}", title_rows=f"{_HEAD}:{_HEAD}")


SHEET = OutputSheet("Requests", render)
