"""The ``Coverage`` sheet: agents online per hour against demand, with charts."""

from __future__ import annotations

from datetime import date
from typing import Any

from openpyxl.chart import BarChart, Reference, Series
from openpyxl.styles import Border, Font
from openpyxl.utils import get_column_letter

from ...report import HourRow, team_roles
from .base import OutputSheet, RosterReport
from .style import (
    BOLD,
    CENTER,
    PEAK_FILL,
    PROMO_FILL,
    PROMO_FONT,
    SHORT_FONT,
    THIN,
    TITLE,
    header,
    print_setup,
    role_label,
    weekday,
    widths,
)

__all__ = ["SHEET"]


_COV_FIRST_HOUR_COL = 4


def render(ws: Any, report: RosterReport) -> None:
    """Agents online per day and hour against demand, shortfalls and peak charts."""
    problem = report.problem
    roles = team_roles(problem)
    by_day: dict[date, list[HourRow]] = {}
    for hr in report.hours:
        by_day.setdefault(hr.day, []).append(hr)
    has_demand = any(hr.demand is not None for hr in report.hours)
    first = _COV_FIRST_HOUR_COL

    ws.cell(row=1, column=1, value="在线人数 Coverage: agents online per clock hour").font = TITLE
    ws.cell(
        row=2,
        column=1,
        value=(
            "Hour h shows the agents online in its lowest-covered quarter hour: on a shift "
            "whose own times cover the quarter (N of day d covers 00:00-01:00 of day d+1), "
            "not on break. Orange: peak hour of a promotion day. Red: below the demand of a "
            "time window containing the hour."
        ),
    ).font = Font(italic=True, size=9)
    head = 3
    header(ws, head, ["日期 date", "周", "在线 what", *range(24)])
    row = head
    chart_rows: dict[date, tuple[int, int | None]] = {}
    for day, hours in by_day.items():
        lines: list[tuple[str, list[int | None], str]] = [
            ("online 在线", [h.online for h in hours], "total")
        ]
        if len(roles) > 1:
            for role in roles:
                lines.append(
                    (f"{role} {role_label(role)}", [h.by_role[role] for h in hours], "role")
                )
        if has_demand:
            lines.append(("demand 需求", [h.demand for h in hours], "demand"))
            lines.append(
                ("short 缺口", [h.shortfall if h.demand else None for h in hours], "short")
            )
        if report.promotion(day):
            lines.append(("could be online 可在线 (peak)", [h.possible for h in hours], "peak"))
        total_row = row + 1
        peak_row = None
        for label, values, kind in lines:
            row += 1
            ws.cell(row=row, column=1, value=day.isoformat())
            ws.cell(row=row, column=2, value=weekday(day))
            ws.cell(row=row, column=3, value=label)
            if kind == "peak":
                peak_row = row
            for h, value in enumerate(values):
                cell = ws.cell(row=row, column=first + h, value=value)
                cell.alignment = CENTER
                hour = hours[h]
                if hour.peak and kind in ("total", "peak"):
                    cell.fill = PEAK_FILL
                if hour.shortfall and kind in ("total", "short"):
                    cell.font = SHORT_FONT
            if report.promotion(day):
                ws.cell(row=row, column=1).fill = PROMO_FILL
                ws.cell(row=row, column=1).font = PROMO_FONT
            if kind == "total":
                for col in range(1, first + 24):
                    ws.cell(row=row, column=col).border = Border(top=THIN)
        chart_rows[day] = (total_row, peak_row)
    last_grid_row = row
    ws.auto_filter.ref = f"A{head}:{get_column_letter(first + 23)}{last_grid_row}"

    # demand shortfalls per Demand row and day
    row += 2
    ws.cell(row=row, column=1, value="需求缺口 Demand slots (DemandCoverage)").font = BOLD
    row += 1
    shortfalls = report.shortfalls
    if not shortfalls:
        ws.cell(row=row, column=1, value="No Demand rows: nothing asked beyond the hard rules.")
    else:
        header(ws, row, ["日期 date", "row", "slot 岗位", "req", "have", "miss", "miss h"])
        ws.row_dimensions[row].height = 28
        for s in shortfalls:
            row += 1
            role = f" {role_label(s.role)}" if s.role else " any"
            slot = (
                s.date.isoformat(),
                s.row + 1,
                f"{s.what}{role}",
                s.required,
                s.have,
                s.missing,
                round(s.unmet / 60, 2),
            )
            for col, item in enumerate(slot, start=1):
                cell = ws.cell(row=row, column=col, value=item)
                if s.missing:
                    cell.font = SHORT_FONT

    # charts: agents online per hour on each promotion day against the peak windows
    row += 2
    promo = [d for d in problem.rules.promotion_days if d in chart_rows]
    cats = Reference(ws, min_col=first, max_col=first + 23, min_row=head, max_row=head)
    if promo:
        for day in promo:
            total_row, peak_row = chart_rows[day]
            chart = BarChart()
            chart.type = "col"
            chart.grouping = "clustered"
            chart.title = f"大促 {day.isoformat()}: agents online per hour vs peak windows"
            chart.y_axis.title = "agents"
            chart.x_axis.title = "hour"
            chart.height, chart.width = 7.5, 24
            online = Series(
                Reference(ws, min_col=first, max_col=first + 23, min_row=total_row), title="online"
            )
            chart.series.append(online)
            if peak_row is not None:
                could = Series(
                    Reference(ws, min_col=first, max_col=first + 23, min_row=peak_row),
                    title="peak hour: could be online",
                )
                could.graphicalProperties.solidFill = "FFC000"
                chart.series.append(could)
            chart.set_categories(cats)
            ws.add_chart(chart, f"A{row}")
            row += 16
    else:
        ws.cell(
            row=row, column=1, value="No promotion day: average agents online per hour"
        ).font = BOLD
        row += 1
        ws.cell(row=row, column=3, value="average 平均")
        n = max(1, len(by_day))
        for h in range(24):
            mean = sum(hours[h].online for hours in by_day.values()) / n
            ws.cell(row=row, column=first + h, value=round(mean, 2))
        chart = BarChart()
        chart.title = "Average agents online per hour"
        chart.y_axis.title = "agents"
        chart.x_axis.title = "hour"
        chart.height, chart.width = 7.5, 24
        chart.series.append(
            Series(Reference(ws, min_col=first, max_col=first + 23, min_row=row), title="average")
        )
        chart.set_categories(cats)
        ws.add_chart(chart, f"A{row + 2}")

    widths(ws, {1: 11, 2: 4, 3: 24, 4 + 24: 4})
    for h in range(24):
        ws.column_dimensions[get_column_letter(first + h)].width = 4.5
    ws.freeze_panes = ws.cell(row=head + 1, column=first)
    print_setup(ws, f"Coverage {report.label}", title_rows=f"{head}:{head}", title_cols="A:C")


SHEET = OutputSheet("Coverage", render)
