"""The ``Roster`` sheet (排班表): the printable roster, colours per shift, A4 landscape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font
from openpyxl.utils import get_column_letter

from ...problem import LEAVE, REST, Problem, ShiftType, window_text
from ...report import format_hhmm
from .base import OutputSheet, RosterReport
from .style import (
    BOLD,
    CENTER,
    DARK,
    DAY_FILL,
    FAIL_FONT,
    GRID,
    HEADER_FILL,
    HIGHLIGHT_BORDER,
    LEAVE_FILL,
    LEAVE_MARK,
    MISSING_FILL,
    MISSING_MARK,
    NIGHT_FILL,
    PALETTE,
    PASS_FONT,
    PROMO_FILL,
    PROMO_FONT,
    REGULAR_FILL,
    REST_FILL,
    REST_MARK,
    SECOND_MARK,
    TITLE,
    WEEKEND_FILL,
    WRAP_CENTER,
    CellStyle,
    fill,
    header,
    mark,
    print_setup,
    role_label,
    weekday,
    widths,
)

__all__ = ["SHEET"]


HOLIDAY_MARK, WORKDAY_MARK = "节", "班"
HOLIDAY_FILL = fill("F8CBAD")
WORKDAY_FILL = fill("C6E0B4")

_ROSTER_FIRST_DAY_COL = 4
_ROSTER_HEADER_ROW = 3


def render(ws: Any, report: RosterReport) -> None:
    """The printable 排班表: one row per agent, one column per day, totals and a legend."""
    problem, view, days = report.problem, report.view, report.days
    styles = shift_styles(problem, report.codes)
    first = _ROSTER_FIRST_DAY_COL
    last_day_col = first + len(days) - 1
    work_col, rest_col = last_day_col + 1, last_day_col + 2
    last_col = rest_col
    head = _ROSTER_HEADER_ROW

    verdict = (
        "规则检查 全部通过 all hard rules pass"
        if report.passed
        else (f"规则检查 {report.violations} 处违规 hard-rule violations: see Checks")
    )
    title = ws.cell(
        row=1, column=1, value=f"排班表 Roster {report.label}   状态 status: {report.status}"
    )
    title.font = TITLE
    verdict_col = min(last_col, first + 15)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=verdict_col - 1)
    note = ws.cell(row=1, column=verdict_col, value=verdict)
    note.font = PASS_FONT if report.passed else FAIL_FONT

    # note row (大促) and header row (day number over the Chinese weekday)
    header(ws, head, ["工号", "姓名", "岗位"])
    holidays = problem.holiday_days()
    multi_month = problem.start.month != days[-1].month or problem.start.day != 1
    for i, day in enumerate(days):
        col = first + i
        number = (
            f"{day.month}/{day.day}" if multi_month and (i == 0 or day.day == 1) else str(day.day)
        )
        cell = ws.cell(row=head, column=col, value=f"{number}\n{weekday(day)}")
        cell.font = BOLD
        cell.border = GRID
        cell.alignment = WRAP_CENTER
        cell.fill = HEADER_FILL
        if day.weekday() >= 5:
            cell.fill = WEEKEND_FILL
        holiday = holidays.get(day)
        if holiday is not None:
            # 节: a statutory holiday, 班: a make-up workday (调休上班); named in a note.
            holiday_tag = HOLIDAY_MARK if holiday.kind == "holiday" else WORKDAY_MARK
            tag = ws.cell(row=2, column=col, value=holiday_tag)
            tag.fill = HOLIDAY_FILL if holiday.kind == "holiday" else WORKDAY_FILL
            tag.font = Font(bold=True, size=8)
            tag.alignment = CENTER
            tag.comment = Comment(
                f"{day}: {holiday.name or holiday.kind} ({holiday.kind})", "roster"
            )
            if holiday.kind == "holiday":
                cell.fill = HOLIDAY_FILL
        if report.promotion(day):
            cell.fill = PROMO_FILL
            cell.font = PROMO_FONT
            tag = ws.cell(
                row=2,
                column=col,
                value="大促" if holiday is None else f"大促{tag.value}",
            )
            tag.fill = PROMO_FILL
            tag.font = Font(bold=True, color="FFFFFF", size=8)
            tag.alignment = CENTER
    header(ws, head, ["出勤", "休"], col=work_col)
    ws.row_dimensions[head].height = 28

    # one row per agent
    row = head
    stats = {s.agent: s for s in report.stats}
    for agent in problem.agents:
        row += 1
        for col, value in enumerate((agent.id, agent.name, role_label(agent.role)), start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = GRID
            cell.alignment = Alignment(vertical="center")
        for i, day in enumerate(days):
            code = view.code(agent.id, day)
            acting = view.acting(agent, day).role
            second = acting != agent.role and view.works(agent.id, day)
            cell = ws.cell(
                row=row, column=first + i, value=mark(code) + (SECOND_MARK if second else "")
            )
            if second:
                cell.comment = Comment(
                    f"{agent.id} works as {role_label(acting)} ({acting})", "roster"
                )
            style = styles.get(code if code is not None else "") or styles[""]
            cell.fill = style.fill
            cell.font = style.font
            cell.alignment = CENTER
            cell.border = GRID
            if (agent.id, day) in report.highlight:
                cell.border = HIGHLIGHT_BORDER
                cell.font = Font(bold=True, italic=True, color=style.font.color)
        ws.cell(row=row, column=work_col, value=stats[agent.id].work_days)
        ws.cell(row=row, column=rest_col, value=stats[agent.id].rest_days)
        for col in (work_col, rest_col):
            ws.cell(row=row, column=col).alignment = CENTER
            ws.cell(row=row, column=col).border = GRID

    # per-day totals
    row += 2
    totals: list[tuple[str, str | None]] = [
        (f"{code} {_shift_name(problem, code)} 人数", code) for code in report.codes
    ]
    totals.append(("休 休息 rest", REST))
    if any(view.code(a.id, d) == LEAVE for a in problem.agents for d in days):
        totals.append(("假 请假 leave", LEAVE))
    totals.append(("在岗合计 on duty", None))
    for label, key in totals:
        cell = ws.cell(row=row, column=1, value=label)
        cell.font = BOLD
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        for i, day in enumerate(days):
            codes = [view.code(a.id, day) for a in problem.agents]
            if key is None:
                count = sum(1 for a in problem.agents if view.works(a.id, day))
            else:
                count = codes.count(key)
            cell = ws.cell(row=row, column=first + i, value=count)
            cell.alignment = CENTER
            cell.border = GRID
            if key is None:
                cell.font = BOLD
        row += 1

    # legend
    row += 1
    ws.cell(row=row, column=1, value="图例 Legend").font = BOLD
    items: list[tuple[str, CellStyle | None, Border | None, str]] = []
    for code in report.codes:
        items.append((code, styles[code], None, _shift_legend(report, code)))
    items.append((REST_MARK, styles[REST], None, "休息 rest day"))
    items.append((LEAVE_MARK, styles[LEAVE], None, "请假 leave / unavailable"))
    items.append(("六", CellStyle(WEEKEND_FILL), None, "周末 weekend (header)"))
    items.append(("大促", CellStyle(PROMO_FILL, PROMO_FONT), None, "大促 promotion day"))
    kinds = {h.kind for d, h in holidays.items() if d in set(days)}
    if "holiday" in kinds:
        items.append((HOLIDAY_MARK, CellStyle(HOLIDAY_FILL), None, "法定节假日 statutory holiday"))
    if "workday" in kinds:
        items.append((WORKDAY_MARK, CellStyle(WORKDAY_FILL), None, "调休上班 make-up workday"))
    if any(
        view.acting(a, d).role != a.role and view.works(a.id, d)
        for a in problem.agents
        for d in days
    ):
        items.append((SECOND_MARK, None, None, "按第二岗位 works in the second role (see note)"))
    if report.highlight:
        items.append(("X", CellStyle(fill("FFFFFF"), BOLD), HIGHLIGHT_BORDER, "改动 changed"))
    if any(view.code(a.id, d) is None for a in problem.agents for d in days):
        items.append((MISSING_MARK, styles[""], None, "未排 no entry"))
    per_row = max(1, len(days) // 7)
    for i, (sample, look, border, text) in enumerate(items):
        r = row + i // per_row
        c = first + (i % per_row) * 7
        cell = ws.cell(row=r, column=c, value=sample)
        cell.alignment = CENTER
        cell.border = border or GRID
        if look is not None:
            cell.fill = look.fill
            cell.font = look.font
        ws.cell(row=r, column=c + 1, value=text).font = Font(size=9)

    widths(ws, {1: 7, 2: 9, 3: 6, work_col: 5, rest_col: 4.5})
    for i in range(len(days)):
        ws.column_dimensions[get_column_letter(first + i)].width = 4.5
    ws.freeze_panes = ws.cell(row=head + 1, column=first)
    print_setup(
        ws,
        f"排班表 Roster {report.label}",
        title_rows=f"2:{head}",
        title_cols="A:C",
        landscape=True,
    )
    ws.print_area = f"A1:{get_column_letter(last_col)}{row + (len(items) - 1) // per_row}"


def _shift_name(problem: Problem, code: str) -> str:
    try:
        return problem.shift(code).name
    except KeyError:
        return "unknown"


def _shift_legend(report: RosterReport, code: str) -> str:
    """A shift's real times: its own, and the early start of a handover when it takes
    over from another (as the roster states it), its family and its break."""
    problem, view = report.problem, report.view
    try:
        shift: ShiftType = problem.shift(code)
    except KeyError:
        return f"{code}: not a shift type of the problem"
    text = f"{shift.name} {format_hhmm(shift.start)}-{format_hhmm(shift.end)}"
    if shift.crosses_midnight:
        text += " (次日 next day)"
    early = [
        span[0]
        for a in problem.agents
        for d in report.days
        if view.code(a.id, d) == code
        and (span := view.interval(a.id, d)) is not None
        and span[0] < view.nominal(shift, d)[0]
    ]
    if early:
        text += f", 交接 from {format_hhmm(min(early, key=lambda t: t.time()))}"
    if shift.family is not None:
        text += f", {shift.family} 组 family {shift.family}"
    if shift.break_minutes:
        window = window_text(shift.break_window) or "in the shift"
        text += f", 休息 break {shift.break_minutes} min {window}"
    if shift.dates is not None:
        text += " on " + ", ".join(f"{d:%m-%d}" for d in sorted(shift.dates))
    return text


def shift_styles(problem: Problem, codes: Sequence[str]) -> dict[str, CellStyle]:
    """The look of each shift code, rest, leave and a missing entry."""
    day_code, night_code = problem.rules.rotation_shifts
    fixed = {day_code: DAY_FILL, night_code: NIGHT_FILL, "R": REGULAR_FILL}
    styles: dict[str, CellStyle] = {}
    spare = iter(PALETTE * (len(codes) // len(PALETTE) + 1))
    for code in codes:
        colour = fixed.get(code) or fill(next(spare))
        dark = colour.start_color.rgb[-6:] in DARK
        styles[code] = CellStyle(colour, Font(bold=dark, color="FFFFFF" if dark else "000000"))
    styles[REST] = CellStyle(REST_FILL)
    styles[LEAVE] = CellStyle(LEAVE_FILL)
    styles[""] = CellStyle(MISSING_FILL, Font(bold=True, color="C00000"))
    return styles


SHEET = OutputSheet("Roster", render)
