"""Write the input template: every input sheet, a note on each header, a worked example.

The example is the six-agent team of the source article for December 2026: two rotating
day/night pairs (A01..A04, W and N) and two regular agents (R01, R02, R), with Double-12
(2026-12-12) as the promotion day and its peak windows; its Staffing sheet sizes a shop
with a 1,000,000 sales target, and its Forecast gives pre-sales inquiries in the peak
hours of 12-12 (`example_staffing`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from ..problem import (
    DEFAULT_PEAK_WINDOWS,
    Agent,
    Demand,
    Leave,
    PeakWindow,
    Problem,
    Request,
    Rules,
    ShiftType,
    month_bounds,
)
from ..roles import ROLE_NAMES_ZH, ROLES
from ..staffing import ForecastRow, StaffingInputs
from ..staffing.report import QueueTargets, StaffingData
from . import inputs
from .files import save_atomically
from .inputs import Contents, Rows, SheetSpec
from .outputs.style import print_setup
from .sizes import MAX_AGENTS, MAX_FORECAST_ROWS, MAX_ROWS

__all__ = [
    "PROMOTION_VARIANTS",
    "TEMPLATE_MONTH",
    "build_input_workbook",
    "build_template",
    "example_problem",
    "example_staffing",
    "problem_rows",
    "promotion_variants",
    "write_input_workbook",
    "write_template",
]

#: The month of the worked example.
TEMPLATE_MONTH = date(2026, 12, 1)
_PROMOTION_DAY = date(2026, 12, 12)
_MEAL = (time(11), time(14))  # the lunch window of the example's day shifts
_SUPPER = (time(17, 30), time(19, 30))  # the night shifts', before the 20:00 peak


_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_DATE_FORMAT = "yyyy-mm-dd"
_TIME_FORMAT = "hh:mm"


#: The promotion variants of the default shifts, by code: name, start, end and the shift
#: whose family they join (their break is that shift's). N2 stays online to 02:00 (the
#: midnight rush), W0 starts at 07:00 (the morning peak): hours no default shift covers.
PROMOTION_VARIANTS: dict[str, tuple[str, time, time, str]] = {
    "N2": ("大促晚班", time(17), time(2), "N"),
    "W0": ("大促早班", time(7), time(16), "W"),
}


def promotion_variants(
    shifts: Sequence[ShiftType], days: Mapping[str, Iterable[date]]
) -> tuple[ShiftType, ...]:
    """The `PROMOTION_VARIANTS` named in ``days`` (code -> the dates it exists on), each
    in the family of its shift among ``shifts`` and with that shift's break, in the
    order of ``days``. The worked example and the example workbooks declare them here."""
    by_code = {s.code: s for s in shifts}
    out = []
    for code, on in days.items():
        name, start, end, family = PROMOTION_VARIANTS[code]
        out.append(by_code[family].variant(code, name, start, end, on))
    return tuple(out)


def example_problem() -> Problem:
    """The worked example: the six-agent team of the source article, December 2026, with
    a meal break on every shift and a night variant N2 (to 02:00) for Double-12."""
    team = (
        Agent("A01", "张敏", "presales", ("W", "N")),
        Agent("A02", "李娜", "presales", ("W", "N")),
        Agent("A03", "王芳", "presales", ("W", "N")),
        Agent("A04", "刘洋", "presales", ("W", "N")),
        Agent("R01", "陈静", "presales", ("R",)),
        Agent("R02", "杨磊", "presales", ("R",)),
    )
    night_before = date(2026, 12, 11)
    base = (
        ShiftType("W", "白班", time(8), time(17), break_minutes=60, break_window=_MEAL),
        ShiftType("N", "晚班", time(17), time(1), break_minutes=30, break_window=_SUPPER),
        ShiftType("R", "常班", time(9), time(18), break_minutes=60, break_window=_MEAL),
    )
    # The Double-12 night variant: online through 01:00-02:00, which N does not cover.
    shifts = base + promotion_variants(base, {"N2": {night_before, _PROMOTION_DAY}})
    return Problem(
        TEMPLATE_MONTH,
        team,
        shifts=shifts,
        rules=Rules(promotion_days=(_PROMOTION_DAY,)),
        leave=(Leave("A03", date(2026, 12, 3)),),
        requests=(Request("R01", date(2026, 12, 24)),),
        demand=(Demand(2, date=_PROMOTION_DAY, role="presales", shift="N"),),
        peaks=tuple(PeakWindow(p.start, p.end, _PROMOTION_DAY) for p in DEFAULT_PEAK_WINDOWS),
    )


#: Pre-sales inquiries per hour in the example's Forecast: the Double-12 peak hours.
_EXAMPLE_FORECAST: dict[int, int] = {
    0: 60,
    1: 30,
    8: 40,
    9: 70,
    10: 80,
    15: 70,
    16: 60,
    20: 70,
    21: 90,
    22: 80,
    23: 50,
}


def example_staffing() -> StaffingData:
    """The example's Staffing and Forecast sheets.

    The formula sizes a shop with a 1,000,000 sales target on Double-12: 20 % sold through
    customer service at 250 a order, 40 % of inquiries converting, 400 inquiries per
    pre-sales agent a day: 2,000 inquiries, 5 pre-sales agents. The forecast gives
    pre-sales inquiries on 2026-12-12 in the peak hours 0-2, 8-11, 15-17 and 20-24
    (handling time 180 s, 3 chats at once); the night variant N2 covers 01:00-02:00, and
    the staffing report flags the peak hour 07:00-08:00, which no shift covers.
    """
    return StaffingData(
        StaffingInputs(
            shop_sales=1_000_000,
            cs_sales_share=0.2,
            average_order_value=250,
            conversion_rate=0.4,
            saturated_load=400,
        ),
        QueueTargets(),
        tuple(
            ForecastRow(_PROMOTION_DAY, hour, "presales", inquiries, 180, 3)
            for hour, inquiries in _EXAMPLE_FORECAST.items()
        ),
    )


def problem_rows(
    problem: Problem,
    *,
    time_limit: float | None = None,
    seed: int | None = None,
    staffing: StaffingData | None = None,
) -> dict[str, Rows]:
    """The input sheets' rows that `read_problem` reads back as ``problem``.

    The workbook describes one calendar month, rest-day requests and leave; a problem
    with another horizon or with shift requests cannot be written.

    With ``staffing``, the Staffing (人员测算) and Forecast (咨询预测) sheets hold it too.
    The reader adds the forecast's demand (`StaffingData.demand`) to the problem's, so
    pass ``problem`` *without* that demand: the workbook then reads back as ``problem``
    with ``staffing.demand()`` appended.
    """
    first, last = month_bounds(problem.start.year, problem.start.month)
    if (problem.start, problem.end) != (first, last):
        raise ValueError("an input workbook holds exactly one calendar month")
    for rq in problem.requests:
        if rq.shift is not None or rq.avoid or rq.weight != 1:
            raise ValueError(f"request of '{rq.agent}': only rest-day requests fit the Leave sheet")
    if problem.cover:
        raise ValueError("cover rows have no sheet; use the Demand sheet")
    contents = Contents(problem, time_limit, seed, staffing)
    return {spec.name: spec.rows(contents) for spec in inputs.SHEETS}


_README = [
    ("排班模板 Roster input template", None),
    ("", None),
    ("Fill in the sheets, then run: roster solve staff.xlsx", None),
    ("填写各工作表后运行:roster solve staff.xlsx", None),
    (
        "Sheet and column names may be English or Chinese, in any case; extra sheets and "
        "columns are ignored. Hover over a header for what it means.",
        None,
    ),
    ("工作表名和列名可用英文或中文,不分大小写;多余的表和列会被忽略。鼠标悬停表头可看说明。", None),
    (
        "Dates: Excel dates or YYYY-MM-DD. Times: Excel times or HH:MM (24:00 = midnight). "
        "Blank optional cells take the defaults.",
        None,
    ),
    (
        "日期:Excel 日期或 YYYY-MM-DD。时间:Excel 时间或 HH:MM(24:00 为午夜)。可选项留空取默认值。",
        None,
    ),
    (
        "Roles 岗位: " + ", ".join(f"{r} ({ROLE_NAMES_ZH[r]})" for r in ROLES),
        None,
    ),
    (
        "The example: the six-agent team of the source article, December 2026, "
        "Double-12 (2026-12-12) as the promotion day.",
        None,
    ),
    ("示例:文章中的六人团队,2026 年 12 月,双十二(2026-12-12)为大促日。", None),
    (
        "How many agents: fill in Staffing (the headcount formula and response targets) and "
        "Forecast (inquiries per hour), then run: roster staffing staff.xlsx",
        None,
    ),
    (
        "人员测算:填写 Staffing(人员测算)与 Forecast(咨询预测)后运行 roster staffing staff.xlsx",
        None,
    ),
    (
        "roster solve turns each Forecast row into an hourly Demand row (agents by Erlang C "
        "against the Staffing sheet's targets), added to the Demand sheet's rows.",
        None,
    ),
    ("排班时,每行咨询预测按 Erlang C 换算为该小时的需求人数,与需求表一并生效。", None),
    (
        "Promotion days: a Shifts row may be a variant of another shift (family, e.g. N2 "
        "17:00-02:00 in family N) and carry a break (break_minutes inside break_window); "
        "breaks are staggered to keep peaks covered. China's holidays come from its calendar "
        "(Rules holiday_calendar); the Holidays sheet adds or overrides days.",
        None,
    ),
    (
        "大促:班次表可定义某班次的变体(班次组,如 N2 17:00-02:00 属于 N)"
        "并设置休息(休息分钟、休息时段),系统错开休息以保证高峰在线。"
        "法定节假日与调休取自中国节假日日历(规则 holiday_calendar),"
        "节假日表可补充或覆盖。",
        None,
    ),
    (
        f"Limits: at most {MAX_AGENTS} agents, {MAX_ROWS} rows per sheet, {MAX_FORECAST_ROWS} "
        "Forecast rows; formulas must be calculated and saved (no error values such as #REF!).",
        None,
    ),
    (
        f"限制:最多 {MAX_AGENTS} 名员工,每表 {MAX_ROWS} 行,咨询预测 {MAX_FORECAST_ROWS} 行;"
        "公式须已计算并保存(不可含 #REF! 等错误值)。",
        None,
    ),
    ("", None),
    ("Sheets 工作表", "required 必填"),
]


def _readme(ws: Any) -> None:
    for text, extra in _README:
        ws.append([text, extra])
    ws["A1"].font = Font(bold=True, size=14)
    ws.cell(row=len(_README), column=1).font = _BOLD
    ws.cell(row=len(_README), column=2).font = _BOLD
    for spec in inputs.shown():
        ws.append([f"{spec.name} ({spec.zh}): {spec.note}", "yes 是" if spec.required else ""])
    for spec in inputs.shown():
        if spec.readme is None:
            continue
        title, *lines = spec.readme()
        ws.append([])
        ws.append(list(title))
        ws.cell(row=ws.max_row, column=1).font = _BOLD
        ws.cell(row=ws.max_row, column=2).font = _BOLD
        for key, meaning in lines:
            ws.append([key, meaning])
    ws.column_dimensions["A"].width = 70
    ws.column_dimensions["B"].width = 60


def _width(value: object) -> float:
    """Display width of a value: CJK characters are two columns wide."""
    if isinstance(value, date | time):
        return 11
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _sheet(ws: Any, spec: SheetSpec, rows: Rows) -> None:
    """Header row (bold, noted, frozen), then the example rows, with fitting widths."""
    widths = []
    for col, column in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=col, value=column.name)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        note = f"{column.name} ({column.zh})" + (" — required 必填" if column.required else "")
        comment = Comment(f"{note}\n{column.note}", "rostering")
        comment.width, comment.height = 320, 120
        cell.comment = comment
        widths.append(_width(column.name) + 3)
    for r, row in enumerate(rows, start=2):
        for col, column in enumerate(spec.columns, start=1):
            value = row.get(column.name)
            cell = ws.cell(row=r, column=col, value=value)
            if isinstance(value, datetime | date):
                cell.number_format = _DATE_FORMAT
            elif isinstance(value, time):
                cell.number_format = _TIME_FORMAT
            elif isinstance(value, str):
                cell.number_format = "@"  # keep 2026-12 and 24:00 as typed
                cell.alignment = Alignment(wrap_text=False)
            widths[col - 1] = max(widths[col - 1], _width(value) + 2)
    for col, width in enumerate(widths, start=1):
        letter = ws.cell(row=1, column=col).column_letter
        ws.column_dimensions[letter].width = min(max(width, 9), 60)
    ws.freeze_panes = "A2"


def build_input_workbook(
    problem: Problem,
    *,
    time_limit: float | None = None,
    seed: int | None = None,
    readme: bool = True,
    staffing: StaffingData | None = None,
) -> Workbook:
    """An input workbook holding ``problem``: README (说明), then every input sheet.

    With ``staffing``, the Staffing and Forecast sheets hold it (see `problem_rows`).
    """
    wb = Workbook()
    first = wb.active
    rows = problem_rows(problem, time_limit=time_limit, seed=seed, staffing=staffing)
    if readme:
        first.title = "README"
        _readme(first)
        print_setup(first, "README 说明")
    else:
        wb.remove(first)
    for spec in inputs.shown():
        ws = wb.create_sheet(spec.name)
        _sheet(ws, spec, rows.get(spec.name, ()))
        if spec.style is not None:
            spec.style(ws)
        print_setup(ws, f"{spec.name} ({spec.zh})", title_rows="1:1")
    return wb


def build_template() -> Workbook:
    """The template workbook: README (说明), then every input sheet with the example."""
    return build_input_workbook(example_problem(), staffing=example_staffing())


def write_input_workbook(
    path: str | os.PathLike[str],
    problem: Problem,
    *,
    time_limit: float | None = None,
    seed: int | None = None,
    staffing: StaffingData | None = None,
) -> Path:
    """Write ``problem`` as an input workbook (atomically), readable by `read_problem`.

    Parameters
    ----------
    path
        The workbook to write (``.xlsx``); an existing file is replaced.
    problem
        The month, team, rules, leave, requests, demand and peaks.
    time_limit, seed
        The Rules sheet's solver settings (blank when None).
    staffing
        The Staffing and Forecast sheets' contents; their sheets stay empty when None.
        The forecast's demand is added to ``problem``'s when the workbook is read, so
        ``problem`` should not hold it already.

    Returns
    -------
    Path
        The path written.
    """
    target = Path(path).absolute()
    book = build_input_workbook(problem, time_limit=time_limit, seed=seed, staffing=staffing)
    save_atomically(book, target)
    return target


def write_template(path: str | os.PathLike[str]) -> Path:
    """Write the input template to ``path`` (atomically: a temporary file, then a rename).

    Parameters
    ----------
    path
        The workbook to write (``.xlsx``); an existing file is replaced.

    Returns
    -------
    Path
        The path written.
    """
    target = Path(path).absolute()
    wb = build_template()
    save_atomically(wb, target)
    return target
