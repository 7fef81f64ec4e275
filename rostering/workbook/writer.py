"""Write the output workbook (roster.xlsx) of docs/workbook.md.

Sheets, in order: ``Roster`` (the printable 排班表), ``Assignments`` (machine-readable),
``Coverage``, ``Handover``, ``Stats``, ``Checks`` and ``Summary``. The ``Checks`` sheet is
always filled by running the independent checker here, whatever the caller claims. The
file is written atomically: a temporary file in the target's directory, then a rename.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, Series
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from ..problem import LEAVE, REST, Problem, ShiftType
from ..report import (
    STAT_FIELDS,
    AgentStats,
    HourRow,
    RuleCheck,
    agent_stats,
    coverage_rows,
    demand_shortfalls,
    format_hhmm,
    handovers,
    horizon_label,
    problem_summary,
    rule_checks,
    rule_parameters,
    solve_summary,
    team_roles,
    team_stats,
)
from ..result import Result
from ..roles import ROLE_NAMES_ZH
from ..roster import Roster
from ..rules.view import View
from .files import save_atomically

__all__ = [
    "ASSIGNMENT_COLUMNS",
    "SHEETS",
    "build_roster_workbook",
    "write_no_roster_workbook",
    "write_roster_workbook",
]

#: Output sheet names, in workbook order (docs/workbook.md).
SHEETS: tuple[str, ...] = (
    "Roster",
    "Assignments",
    "Coverage",
    "Handover",
    "Stats",
    "Checks",
    "Summary",
)
#: Header of the Assignments sheet, exactly.
ASSIGNMENT_COLUMNS: tuple[str, ...] = ("id", "name", "role", "date", "shift", "start", "end")

WEEKDAYS_ZH = "一二三四五六日"
REST_MARK = "休"
LEAVE_MARK = "假"
MISSING_MARK = "?"
SECOND_MARK = "*"

# -- styles --------------------------------------------------------------------------------
_THIN = Side(style="thin", color="A6A6A6")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_THICK = Side(style="thick", color="FF00FF")
_HIGHLIGHT_BORDER = Border(left=_THICK, right=_THICK, top=_THICK, bottom=_THICK)
_CENTER = Alignment(horizontal="center", vertical="center")
_WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)


def _fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


_HEADER_FILL = _fill("DDEBF7")
_WEEKEND_FILL = _fill("BFBFBF")
_PROMO_FILL = _fill("C00000")
_PROMO_FONT = Font(bold=True, color="FFFFFF")
_PEAK_FILL = _fill("FFC000")
_PASS_FILL = _fill("C6EFCE")
_PASS_FONT = Font(bold=True, color="006100")
_FAIL_FILL = _fill("FFC7CE")
_FAIL_FONT = Font(bold=True, color="9C0006")
_SHORT_FONT = Font(bold=True, color="C00000")
_REST_FILL = _fill("D9D9D9")
_LEAVE_FILL = _fill("F8CBDA")
_MISSING_FILL = _fill("F4B183")
_DAY_FILL = _fill("FFF2CC")
_NIGHT_FILL = _fill("1F3864")
_REGULAR_FILL = _fill("E2EFDA")
_PALETTE = ("DDEBF7", "FCE4D6", "E4DFEC", "D0F0EC", "FFE699", "C9C9FF", "F4B084", "B4C6E7")
_DARK = frozenset({"1F3864"})


@dataclass(frozen=True)
class _CellStyle:
    fill: PatternFill
    font: Font = field(default_factory=Font)


# -- entry points --------------------------------------------------------------------------
def write_roster_workbook(
    path: str | os.PathLike[str],
    problem: Problem,
    roster: Roster,
    *,
    result: Result | None = None,
    extra_summary: Mapping[str, object] | None = None,
    highlight: Collection[tuple[str, date]] = (),
) -> None:
    """Write every output sheet of docs/workbook.md for ``roster`` to ``path``, atomically.

    Parameters
    ----------
    path
        The ``.xlsx`` file to write (replaced if it exists; never left half written).
    problem
        The team, horizon, shift types and rules the roster belongs to.
    roster
        The roster to write; any roster, hand-made or broken ones too.
    result
        The solve that produced ``roster``, or None for a roster not solved here (a
        hand-edited roster re-checked, a swap): the Summary then says "not solved here".
    extra_summary
        Extra key/value rows for the Summary sheet.
    highlight
        ``(agent id, date)`` cells to mark in the Roster sheet (e.g. the cells a
        re-rostering changed), with a thick magenta border and bold italic text.

    Notes
    -----
    The Checks sheet always comes from `rostering.check.check_by_rule` run here.
    """
    book = build_roster_workbook(
        problem, roster, result=result, extra_summary=extra_summary, highlight=highlight
    )
    save_atomically(book, path)


def build_roster_workbook(
    problem: Problem,
    roster: Roster,
    *,
    result: Result | None = None,
    extra_summary: Mapping[str, object] | None = None,
    highlight: Collection[tuple[str, date]] = (),
) -> Any:
    """The output workbook as an in-memory `openpyxl.Workbook` (see `write_roster_workbook`)."""
    ctx = _Context.build(problem, roster, result, highlight)
    book = Workbook()
    book.remove(book.active)
    _roster_sheet(book.create_sheet(SHEETS[0]), ctx)
    _assignments_sheet(book.create_sheet(SHEETS[1]), ctx)
    _coverage_sheet(book.create_sheet(SHEETS[2]), ctx)
    _handover_sheet(book.create_sheet(SHEETS[3]), ctx)
    _stats_sheet(book.create_sheet(SHEETS[4]), ctx)
    _checks_sheet(book.create_sheet(SHEETS[5]), ctx)
    _summary_sheet(book.create_sheet(SHEETS[6]), ctx, extra_summary or {})
    book.active = 0
    return book


# -- shared figures ------------------------------------------------------------------------
@dataclass
class _Context:
    problem: Problem
    roster: Roster
    result: Result | None
    view: View
    days: list[date]
    checks: list[RuleCheck]
    stats: list[AgentStats]
    hours: list[HourRow]
    highlight: set[tuple[str, date]]
    styles: dict[str, _CellStyle]
    codes: list[str]

    @classmethod
    def build(
        cls,
        problem: Problem,
        roster: Roster,
        result: Result | None,
        highlight: Collection[tuple[str, date]],
    ) -> _Context:
        view = View(problem, roster)
        codes = [s.code for s in problem.shifts_in_use()]
        for cell in roster:
            if cell.working and cell.shift not in codes:
                codes.append(cell.shift)
        return cls(
            problem,
            roster,
            result,
            view,
            view.days,
            rule_checks(problem, roster),
            agent_stats(problem, roster, view),
            coverage_rows(problem, roster, view),
            {(str(a), d) for a, d in highlight},
            _shift_styles(problem, codes),
            codes,
        )

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def violations(self) -> int:
        return sum(len(c.violations) for c in self.checks)

    @property
    def status(self) -> str:
        return solve_summary(self.result).status

    @property
    def label(self) -> str:
        return horizon_label(self.problem)

    def promotion(self, day: date) -> bool:
        return day in self.problem.rules.promotion_days


def _shift_styles(problem: Problem, codes: Sequence[str]) -> dict[str, _CellStyle]:
    day_code, night_code = problem.rules.rotation_shifts
    fixed = {day_code: _DAY_FILL, night_code: _NIGHT_FILL, "R": _REGULAR_FILL}
    styles: dict[str, _CellStyle] = {}
    spare = iter(_PALETTE * (len(codes) // len(_PALETTE) + 1))
    for code in codes:
        fill = fixed.get(code) or _fill(next(spare))
        dark = fill.start_color.rgb[-6:] in _DARK
        styles[code] = _CellStyle(fill, Font(bold=dark, color="FFFFFF" if dark else "000000"))
    styles[REST] = _CellStyle(_REST_FILL)
    styles[LEAVE] = _CellStyle(_LEAVE_FILL)
    styles[""] = _CellStyle(_MISSING_FILL, Font(bold=True, color="C00000"))
    return styles


def _mark(code: str | None) -> str:
    if code is None:
        return MISSING_MARK
    return {REST: REST_MARK, LEAVE: LEAVE_MARK}.get(code, code)


def _role_label(role: str) -> str:
    return ROLE_NAMES_ZH.get(role, role)


def _weekday(day: date) -> str:
    return WEEKDAYS_ZH[day.weekday()]


def _cell_value(value: object) -> object:
    """A value openpyxl can store: numbers, bools, text, dates; anything else as text."""
    if value is None or isinstance(value, bool | int | float | str | datetime | date | time):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    return str(value)


# -- sheet helpers -------------------------------------------------------------------------
def _header(ws: Any, row: int, labels: Sequence[object], *, col: int = 1) -> None:
    for i, label in enumerate(labels):
        cell = ws.cell(row=row, column=col + i, value=label)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _GRID
        cell.alignment = _WRAP_CENTER


def _widths(ws: Any, widths: Mapping[int, float]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def _print_setup(
    ws: Any,
    header: str,
    *,
    title_rows: str | None = None,
    title_cols: str | None = None,
    narrow: bool = True,
) -> None:
    """A4 landscape, one page wide, as many pages down as needed, page numbers below."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if narrow:
        ws.page_margins = PageMargins(
            left=0.25, right=0.25, top=0.6, bottom=0.6, header=0.25, footer=0.25
        )
    ws.print_options.horizontalCentered = True
    ws.oddHeader.center.text = header
    ws.oddFooter.center.text = "第 &P 页 / 共 &N 页  Page &P of &N"
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols


# -- Roster --------------------------------------------------------------------------------
_ROSTER_FIRST_DAY_COL = 4
_ROSTER_HEADER_ROW = 3


def _roster_sheet(ws: Any, ctx: _Context) -> None:
    problem, view, days = ctx.problem, ctx.view, ctx.days
    first = _ROSTER_FIRST_DAY_COL
    last_day_col = first + len(days) - 1
    work_col, rest_col = last_day_col + 1, last_day_col + 2
    last_col = rest_col
    head = _ROSTER_HEADER_ROW

    verdict = (
        "规则检查 全部通过 all hard rules pass"
        if ctx.passed
        else (f"规则检查 {ctx.violations} 处违规 hard-rule violations: see Checks")
    )
    title = ws.cell(row=1, column=1, value=f"排班表 Roster {ctx.label}   状态 status: {ctx.status}")
    title.font = _TITLE
    verdict_col = min(last_col, first + 15)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=verdict_col - 1)
    note = ws.cell(row=1, column=verdict_col, value=verdict)
    note.font = _PASS_FONT if ctx.passed else _FAIL_FONT

    # note row (大促) and header row (day number over the Chinese weekday)
    _header(ws, head, ["工号", "姓名", "岗位"])
    multi_month = problem.start.month != days[-1].month or problem.start.day != 1
    for i, day in enumerate(days):
        col = first + i
        number = (
            f"{day.month}/{day.day}" if multi_month and (i == 0 or day.day == 1) else str(day.day)
        )
        cell = ws.cell(row=head, column=col, value=f"{number}\n{_weekday(day)}")
        cell.font = _BOLD
        cell.border = _GRID
        cell.alignment = _WRAP_CENTER
        cell.fill = _HEADER_FILL
        if day.weekday() >= 5:
            cell.fill = _WEEKEND_FILL
        if ctx.promotion(day):
            cell.fill = _PROMO_FILL
            cell.font = _PROMO_FONT
            tag = ws.cell(row=2, column=col, value="大促")
            tag.fill = _PROMO_FILL
            tag.font = Font(bold=True, color="FFFFFF", size=8)
            tag.alignment = _CENTER
    _header(ws, head, ["出勤", "休"], col=work_col)
    ws.row_dimensions[head].height = 28

    # one row per agent
    row = head
    stats = {s.agent: s for s in ctx.stats}
    for agent in problem.agents:
        row += 1
        for col, value in enumerate((agent.id, agent.name, _role_label(agent.role)), start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = _GRID
            cell.alignment = Alignment(vertical="center")
        for i, day in enumerate(days):
            code = view.code(agent.id, day)
            acting = view.acting(agent, day).role
            second = acting != agent.role and view.works(agent.id, day)
            cell = ws.cell(
                row=row, column=first + i, value=_mark(code) + (SECOND_MARK if second else "")
            )
            if second:
                cell.comment = Comment(
                    f"{agent.id} works as {_role_label(acting)} ({acting})", "roster"
                )
            style = ctx.styles.get(code if code is not None else "") or ctx.styles[""]
            cell.fill = style.fill
            cell.font = style.font
            cell.alignment = _CENTER
            cell.border = _GRID
            if (agent.id, day) in ctx.highlight:
                cell.border = _HIGHLIGHT_BORDER
                cell.font = Font(bold=True, italic=True, color=style.font.color)
        ws.cell(row=row, column=work_col, value=stats[agent.id].work_days)
        ws.cell(row=row, column=rest_col, value=stats[agent.id].rest_days)
        for col in (work_col, rest_col):
            ws.cell(row=row, column=col).alignment = _CENTER
            ws.cell(row=row, column=col).border = _GRID

    # per-day totals
    row += 2
    totals: list[tuple[str, str | None]] = [
        (f"{code} {_shift_name(problem, code)} 人数", code) for code in ctx.codes
    ]
    totals.append(("休 休息 rest", REST))
    if any(view.code(a.id, d) == LEAVE for a in problem.agents for d in days):
        totals.append(("假 请假 leave", LEAVE))
    totals.append(("在岗合计 on duty", None))
    for label, key in totals:
        cell = ws.cell(row=row, column=1, value=label)
        cell.font = _BOLD
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        for i, day in enumerate(days):
            codes = [view.code(a.id, day) for a in problem.agents]
            if key is None:
                count = sum(1 for a in problem.agents if view.works(a.id, day))
            else:
                count = codes.count(key)
            cell = ws.cell(row=row, column=first + i, value=count)
            cell.alignment = _CENTER
            cell.border = _GRID
            if key is None:
                cell.font = _BOLD
        row += 1

    # legend
    row += 1
    ws.cell(row=row, column=1, value="图例 Legend").font = _BOLD
    items: list[tuple[str, _CellStyle | None, Border | None, str]] = []
    for code in ctx.codes:
        items.append((code, ctx.styles[code], None, _shift_legend(problem, code)))
    items.append((REST_MARK, ctx.styles[REST], None, "休息 rest day"))
    items.append((LEAVE_MARK, ctx.styles[LEAVE], None, "请假 leave / unavailable"))
    items.append(("六", _CellStyle(_WEEKEND_FILL), None, "周末 weekend (header)"))
    items.append(("大促", _CellStyle(_PROMO_FILL, _PROMO_FONT), None, "大促 promotion day"))
    if any(
        view.acting(a, d).role != a.role and view.works(a.id, d)
        for a in problem.agents
        for d in days
    ):
        items.append((SECOND_MARK, None, None, "按第二岗位 works in the second role (see note)"))
    if ctx.highlight:
        items.append(("X", _CellStyle(_fill("FFFFFF"), _BOLD), _HIGHLIGHT_BORDER, "改动 changed"))
    if any(view.code(a.id, d) is None for a in problem.agents for d in days):
        items.append((MISSING_MARK, ctx.styles[""], None, "未排 no entry"))
    per_row = max(1, len(days) // 7)
    for i, (sample, look, border, text) in enumerate(items):
        r = row + i // per_row
        c = first + (i % per_row) * 7
        cell = ws.cell(row=r, column=c, value=sample)
        cell.alignment = _CENTER
        cell.border = border or _GRID
        if look is not None:
            cell.fill = look.fill
            cell.font = look.font
        ws.cell(row=r, column=c + 1, value=text).font = Font(size=9)

    _widths(ws, {1: 7, 2: 9, 3: 6, work_col: 5, rest_col: 4.5})
    for i in range(len(days)):
        ws.column_dimensions[get_column_letter(first + i)].width = 4.5
    ws.freeze_panes = ws.cell(row=head + 1, column=first)
    _print_setup(
        ws,
        f"排班表 Roster {ctx.label}",
        title_rows=f"2:{head}",
        title_cols="A:C",
    )
    ws.print_area = f"A1:{get_column_letter(last_col)}{row + (len(items) - 1) // per_row}"


def _shift_name(problem: Problem, code: str) -> str:
    try:
        return problem.shift(code).name
    except KeyError:
        return "unknown"


def _shift_legend(problem: Problem, code: str) -> str:
    try:
        shift: ShiftType = problem.shift(code)
    except KeyError:
        return f"{code}: not a shift type of the problem"
    text = f"{shift.name} {format_hhmm(shift.start)}-{format_hhmm(shift.end)}"
    if shift.crosses_midnight:
        text += " (次日 next day)"
    if shift.dates is not None:
        text += " on " + ", ".join(f"{d:%m-%d}" for d in sorted(shift.dates))
    return text


# -- Assignments ---------------------------------------------------------------------------
def _assignments_sheet(ws: Any, ctx: _Context) -> None:
    _header(ws, 1, ASSIGNMENT_COLUMNS)
    row = 1
    for agent in ctx.problem.agents:
        for day in ctx.days:
            row += 1
            code = ctx.view.code(agent.id, day)
            span = ctx.view.interval(agent.id, day)
            values = (
                agent.id,
                agent.name,
                ctx.view.acting(agent, day).role,
                day.isoformat(),
                code or "",
                format_hhmm(span[0]) if span else None,
                format_hhmm(span[1]) if span else None,
            )
            for col, value in enumerate(values, start=1):
                ws.cell(row=row, column=col, value=value)
    _widths(ws, {1: 10, 2: 12, 3: 14, 4: 12, 5: 8, 6: 8, 7: 8})
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:G{row}"
    _print_setup(ws, f"Assignments {ctx.label}", title_rows="1:1")


# -- Coverage ------------------------------------------------------------------------------
_COV_FIRST_HOUR_COL = 4


def _coverage_sheet(ws: Any, ctx: _Context) -> None:
    problem = ctx.problem
    roles = team_roles(problem)
    by_day: dict[date, list[HourRow]] = {}
    for hr in ctx.hours:
        by_day.setdefault(hr.day, []).append(hr)
    has_demand = any(hr.demand is not None for hr in ctx.hours)
    first = _COV_FIRST_HOUR_COL

    ws.cell(row=1, column=1, value="在线人数 Coverage: agents online per clock hour").font = _TITLE
    ws.cell(
        row=2,
        column=1,
        value=(
            "An agent counts in hour h when the shift's own times cover the whole hour "
            "(N of day d covers 00:00-01:00 of day d+1). Orange: peak hour of a promotion "
            "day. Red: below the demand of a time window containing the hour."
        ),
    ).font = Font(italic=True, size=9)
    head = 3
    _header(ws, head, ["日期 date", "周", "在线 what", *range(24)])
    row = head
    chart_rows: dict[date, tuple[int, int | None]] = {}
    for day, hours in by_day.items():
        lines: list[tuple[str, list[int | None], str]] = [
            ("online 在线", [h.online for h in hours], "total")
        ]
        if len(roles) > 1:
            for role in roles:
                lines.append(
                    (f"{role} {_role_label(role)}", [h.by_role[role] for h in hours], "role")
                )
        if has_demand:
            lines.append(("demand 需求", [h.demand for h in hours], "demand"))
            lines.append(
                ("short 缺口", [h.shortfall if h.demand else None for h in hours], "short")
            )
        if ctx.promotion(day):
            lines.append(("could be online 可在线 (peak)", [h.possible for h in hours], "peak"))
        total_row = row + 1
        peak_row = None
        for label, values, kind in lines:
            row += 1
            ws.cell(row=row, column=1, value=day.isoformat())
            ws.cell(row=row, column=2, value=_weekday(day))
            ws.cell(row=row, column=3, value=label)
            if kind == "peak":
                peak_row = row
            for h, value in enumerate(values):
                cell = ws.cell(row=row, column=first + h, value=value)
                cell.alignment = _CENTER
                hour = hours[h]
                if hour.peak and kind in ("total", "peak"):
                    cell.fill = _PEAK_FILL
                if hour.shortfall and kind in ("total", "short"):
                    cell.font = _SHORT_FONT
            if ctx.promotion(day):
                ws.cell(row=row, column=1).fill = _PROMO_FILL
                ws.cell(row=row, column=1).font = _PROMO_FONT
            if kind == "total":
                for col in range(1, first + 24):
                    ws.cell(row=row, column=col).border = Border(top=_THIN)
        chart_rows[day] = (total_row, peak_row)
    last_grid_row = row
    ws.auto_filter.ref = f"A{head}:{get_column_letter(first + 23)}{last_grid_row}"

    # demand shortfalls per Demand row and day
    row += 2
    ws.cell(row=row, column=1, value="需求缺口 Demand slots (DemandCoverage)").font = _BOLD
    row += 1
    shortfalls = demand_shortfalls(problem, ctx.roster, ctx.view)
    if not shortfalls:
        ws.cell(row=row, column=1, value="No Demand rows: nothing asked beyond the hard rules.")
    else:
        _header(ws, row, ["日期 date", "row", "slot 岗位", "req", "have", "miss", "miss h"])
        ws.row_dimensions[row].height = 28
        for s in shortfalls:
            row += 1
            role = f" {_role_label(s.role)}" if s.role else " any"
            slot = (
                s.date.isoformat(),
                s.row + 1,
                f"{s.what}{role}",
                s.required,
                s.have,
                s.missing,
                round(s.missing * s.minutes / 60, 2),
            )
            for col, item in enumerate(slot, start=1):
                cell = ws.cell(row=row, column=col, value=item)
                if s.missing:
                    cell.font = _SHORT_FONT

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
        ).font = _BOLD
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

    _widths(ws, {1: 11, 2: 4, 3: 24, 4 + 24: 4})
    for h in range(24):
        ws.column_dimensions[get_column_letter(first + h)].width = 4.5
    ws.freeze_panes = ws.cell(row=head + 1, column=first)
    _print_setup(ws, f"Coverage {ctx.label}", title_rows=f"{head}:{head}", title_cols="A:C")


# -- Handover ------------------------------------------------------------------------------
def _handover_sheet(ws: Any, ctx: _Context) -> None:
    names = {a.id: a.name for a in ctx.problem.agents}
    records = handovers(ctx.problem, ctx.roster, ctx.result, ctx.view)
    _header(
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
            _weekday(rec.date),
            rec.outgoing_shift,
            rec.incoming_shift,
            rec.role,
            _role_label(rec.role),
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
    _widths(ws, {1: 12, 2: 4, 3: 10, 4: 10, 5: 14, 6: 6, 7: 12, 8: 10, 9: 12, 10: 10, 11: 10})
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:K{max(row, 1)}"
    _print_setup(ws, f"交接 Handover {ctx.label}", title_rows="1:1")


# -- Stats ---------------------------------------------------------------------------------
_STAT_LABELS: dict[str, str] = {
    "work_days": "出勤 work days",
    "rest_days": "休息 rest days",
    "leave_days": "请假 leave days",
    "nights": "夜班 nights",
    "weekend_rest_days": "周末休 weekend rest days",
    "promotion_days_worked": "大促出勤 promotion days worked",
    "hours": "工时 hours",
    "unassigned_days": "未排 unassigned days",
}


def _stats_sheet(ws: Any, ctx: _Context) -> None:
    shown = [f for f in STAT_FIELDS if f != "unassigned_days"]
    if any(s.unassigned_days for s in ctx.stats):
        shown.append("unassigned_days")
    _header(ws, 1, ["工号 id", "姓名 name", "岗位 role", *(_STAT_LABELS[f] for f in shown)])
    ws.row_dimensions[1].height = 45
    row = 1
    for s in ctx.stats:
        row += 1
        values = (s.agent, s.name, _role_label(s.role), *(getattr(s, f) for f in shown))
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
    last_agent_row = row
    team = team_stats(ctx.stats)
    for key, label in (
        ("total", "合计 total"),
        ("mean", "平均 mean"),
        ("min", "最少 min"),
        ("max", "最多 max"),
    ):
        row += 1
        cell = ws.cell(row=row, column=1, value=label)
        cell.font = _BOLD
        for i, f in enumerate(shown):
            value = team[key][f]
            cell = ws.cell(
                row=row, column=4 + i, value=int(value) if value == int(value) else value
            )
            cell.font = _BOLD
            if key == "total":
                cell.border = Border(top=_THIN)
    _widths(ws, {1: 10, 2: 12, 3: 8, **{4 + i: 13 for i in range(len(shown))}})
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = f"A1:{get_column_letter(3 + len(shown))}{last_agent_row}"
    _print_setup(ws, f"Stats {ctx.label}", title_rows="1:1")


# -- Checks --------------------------------------------------------------------------------
def _checks_sheet(ws: Any, ctx: _Context) -> None:
    failed = [c for c in ctx.checks if not c.passed]
    if ctx.passed:
        verdict = (
            f"PASS 通过: the roster satisfies every hard rule ({len(ctx.checks)} rules checked)"
        )
    else:
        verdict = (
            f"FAIL 不通过: {ctx.violations} violation(s) of {len(failed)} hard rule(s): "
            + ", ".join(c.name for c in failed)
        )
    cell = ws.cell(row=1, column=1, value=verdict)
    cell.font = _PASS_FONT if ctx.passed else _FAIL_FONT
    cell.fill = _PASS_FILL if ctx.passed else _FAIL_FILL
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
    ws.cell(
        row=2,
        column=1,
        value=(
            "Checked by the independent checker (rostering.check_by_rule) when this file "
            "was written; not copied from the solver."
        ),
    ).font = Font(italic=True, size=9)
    head = 4
    _header(ws, head, ["rule #", "rule", "title", "result", "violations"])
    row = head
    for c in ctx.checks:
        row += 1
        values = (c.number, c.name, c.title, "PASS" if c.passed else "FAIL", len(c.violations))
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
        res = ws.cell(row=row, column=4)
        res.fill = _PASS_FILL if c.passed else _FAIL_FILL
        res.font = _PASS_FONT if c.passed else _FAIL_FONT
        res.alignment = _CENTER
    rules_end = row

    row += 2
    ws.cell(row=row, column=1, value="违规 Violations").font = _BOLD
    row += 1
    names = {a.id: a.name for a in ctx.problem.agents}
    numbers = {c.name: c.number for c in ctx.checks}
    if not failed:
        ws.cell(row=row, column=1, value="none")
        ws.auto_filter.ref = f"A{head}:E{rules_end}"
    else:
        list_head = row
        _header(ws, row, ["rule #", "rule", "agent", "name", "date", "amount", "message"])
        for c in failed:
            for v in c.violations:
                row += 1
                found = (
                    numbers.get(v.rule),
                    v.rule,
                    v.agent,
                    names.get(v.agent or "", ""),
                    v.date.isoformat() if v.date else None,
                    v.amount,
                    v.message,
                )
                for col, item in enumerate(found, start=1):
                    ws.cell(row=row, column=col, value=item)
        ws.auto_filter.ref = f"A{list_head}:G{row}"
    _widths(ws, {1: 8, 2: 14, 3: 30, 4: 10, 5: 12, 6: 9, 7: 80})
    ws.freeze_panes = f"A{head + 1}"
    _print_setup(ws, f"Checks {ctx.label}", title_rows=f"{head}:{head}")


# -- Summary -------------------------------------------------------------------------------
class _Lines:
    """Writes a Summary-style sheet top to bottom: titled sections of label/value rows."""

    def __init__(self, ws: Any, title: str) -> None:
        self.ws = ws
        ws.cell(row=1, column=1, value=title).font = _TITLE
        self.row = 1

    def section(self, title: str) -> None:
        self.row += 2
        self.ws.cell(row=self.row, column=1, value=title).font = Font(bold=True, size=12)

    def line(self, label: object, *values: object) -> None:
        self.row += 1
        self.ws.cell(row=self.row, column=1, value=_cell_value(label)).font = _BOLD
        for i, value in enumerate(values):
            self.ws.cell(row=self.row, column=2 + i, value=_cell_value(value))

    def header(self, labels: Sequence[object]) -> None:
        self.row += 1
        _header(self.ws, self.row, labels)

    def extra(self, extra: Mapping[str, object] | None) -> None:
        if extra:
            self.section("其他 Extra")
            for key, value in extra.items():
                self.line(key, value)

    def problem(self, problem: Problem) -> None:
        """The Problem and Rule parameters sections."""
        self.section("问题 Problem")
        for label, value in problem_summary(problem):
            if label.startswith("agents: "):
                role = label.removeprefix("agents: ")
                label = f"agents: {role} {_role_label(role)}"
            self.line(label, value)
        self.section("规则参数 Rule parameters")
        self.header(["parameter", "value", "rules"])
        for name, value, users in rule_parameters(problem):
            self.line(name, value, users)


def _summary_sheet(ws: Any, ctx: _Context, extra: Mapping[str, object]) -> None:
    summary = solve_summary(ctx.result)
    out = _Lines(ws, f"Summary {ctx.label}")
    out.section("求解 Solve")
    status_row = out.row + 1
    for label, value in summary.rows():
        out.line(label, value)
    ws.cell(row=status_row, column=2).font = _BOLD
    if ctx.result is not None and ctx.result.roster is not None and ctx.result.roster != ctx.roster:
        out.line("note", "this roster differs from the solved one (edited after the solve)")
    if summary.terms:
        out.section("目标 Objective terms")
        out.header(["term", "value", "unit", "weight", "points"])
        for t in summary.terms:
            out.line(t.name, round(t.value, 4), t.unit, t.weight, round(t.points, 4))

    out.section("检查 Checks")
    out.line("hard rules", "PASS" if ctx.passed else "FAIL")
    ws.cell(row=out.row, column=2).font = _PASS_FONT if ctx.passed else _FAIL_FONT
    ws.cell(row=out.row, column=2).fill = _PASS_FILL if ctx.passed else _FAIL_FILL
    out.line("violations", ctx.violations)
    out.extra(extra)
    out.problem(ctx.problem)

    _widths(ws, {1: 30, 2: 44, 3: 26, 4: 10, 5: 10})
    for r in ws.iter_rows(min_row=1, max_row=out.row, min_col=2, max_col=2):
        for cell in r:
            cell.alignment = Alignment(horizontal="left", wrap_text=True)
    _print_setup(ws, f"Summary {ctx.label}")


# -- no roster -------------------------------------------------------------------------------
def write_no_roster_workbook(
    path: str | os.PathLike[str],
    problem: Problem,
    result: Result,
    *,
    lang: str = "en",
    extra_summary: Mapping[str, object] | None = None,
) -> None:
    """Write a workbook with only a ``Summary`` sheet for a solve that found no roster:
    the status, why (the explanation, in ``lang``: ``en`` or ``zh``), the problem and the
    rule parameters. It holds no Roster sheet, so it cannot be taken for a roster."""
    book = Workbook()
    ws = book.active
    ws.title = "Summary"
    out = _Lines(ws, f"Summary {horizon_label(problem)}")
    out.section("求解 Solve")
    for label, value in solve_summary(result).rows():
        out.line(label, value)
    out.line("roster", "无排班 none: no roster is written" if lang == "zh" else "none is written")
    ws.cell(row=out.row, column=2).font = _FAIL_FONT
    for note in result.notes:
        out.line("note", note)
    if result.explanation is not None:
        out.section("原因 Why no roster" if lang == "zh" else "Why no roster (原因)")
        for text in result.explanation.lines("zh" if lang == "zh" else "en"):
            out.row += 1
            ws.cell(row=out.row, column=1, value=text)
    out.extra(extra_summary)
    out.problem(problem)
    _widths(ws, {1: 30, 2: 44, 3: 26})
    save_atomically(book, path)
