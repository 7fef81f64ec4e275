"""Write the input template: every input sheet, a note on each header, a worked example.

The example is the six-agent team of the source article for December 2026: two rotating
day/night pairs (A01..A04, W and N) and two regular agents (R01, R02, R), with Double-12
(2026-12-12) as the promotion day and its peak windows.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
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
    month_bounds,
)
from ..roles import ROLE_NAMES_ZH, ROLES
from .files import save_atomically
from .reader import RULE_KEYS, SHEETS, SheetSpec

__all__ = [
    "TEMPLATE_MONTH",
    "build_input_workbook",
    "build_template",
    "example_problem",
    "problem_rows",
    "write_input_workbook",
    "write_template",
]

#: The month of the worked example.
TEMPLATE_MONTH = date(2026, 12, 1)
_PROMOTION_DAY = date(2026, 12, 12)

#: The order of the input sheets in the template (after README); others follow.
_ORDER = ("Staff", "Rules", "Shifts", "Leave", "Demand", "Peaks")

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_DATE_FORMAT = "yyyy-mm-dd"
_TIME_FORMAT = "hh:mm"

Rows = Sequence[Mapping[str, object]]


def example_problem() -> Problem:
    """The worked example: the six-agent team of the source article, December 2026."""
    team = (
        Agent("A01", "张敏", "presales", ("W", "N")),
        Agent("A02", "李娜", "presales", ("W", "N")),
        Agent("A03", "王芳", "presales", ("W", "N")),
        Agent("A04", "刘洋", "presales", ("W", "N")),
        Agent("R01", "陈静", "presales", ("R",)),
        Agent("R02", "杨磊", "presales", ("R",)),
    )
    return Problem(
        TEMPLATE_MONTH,
        team,
        rules=Rules(promotion_days=(_PROMOTION_DAY,)),
        leave=(Leave("A03", date(2026, 12, 3)),),
        requests=(Request("R01", date(2026, 12, 24)),),
        demand=(Demand(2, date=_PROMOTION_DAY, role="presales", shift="N"),),
        peaks=tuple(PeakWindow(p.start, p.end, _PROMOTION_DAY) for p in DEFAULT_PEAK_WINDOWS),
    )


def _rules_rows(problem: Problem, time_limit: float | None, seed: int | None) -> Rows:
    """Every Rules key with the problem's value and its note."""
    rules, weights = problem.rules, problem.weights
    values: dict[str, object] = {
        "month": f"{problem.start:%Y-%m}",
        "promotion_days": ",".join(d.isoformat() for d in rules.promotion_days),
        "promotion_all_on_duty": "true" if rules.promotion_all_on_duty else "false",
        "time_limit_seconds": time_limit,
        "seed": seed,
    }
    for key in RULE_KEYS:
        if key in values:
            continue
        if key.startswith("weight_"):
            values[key] = getattr(weights, key.removeprefix("weight_"))
        else:
            values[key] = getattr(rules, key)
    return [{"rule": key, "value": values[key], "note": note} for key, note in RULE_KEYS.items()]


def problem_rows(
    problem: Problem, *, time_limit: float | None = None, seed: int | None = None
) -> dict[str, Rows]:
    """The input sheets' rows that `read_problem` reads back as ``problem``.

    The workbook describes one calendar month, rest-day requests and leave; a problem
    with another horizon or with shift requests cannot be written.
    """
    first, last = month_bounds(problem.start.year, problem.start.month)
    if (problem.start, problem.end) != (first, last):
        raise ValueError("an input workbook holds exactly one calendar month")
    for rq in problem.requests:
        if rq.shift is not None or rq.avoid or rq.weight != 1:
            raise ValueError(f"request of '{rq.agent}': only rest-day requests fit the Leave sheet")
    return {
        "Staff": [
            {
                "id": a.id,
                "name": a.name,
                "role": ROLE_NAMES_ZH[a.role],
                "shifts": ",".join(a.shifts),
                "secondary_role": ROLE_NAMES_ZH[a.secondary_role] if a.secondary_role else None,
            }
            for a in problem.agents
        ],
        "Rules": _rules_rows(problem, time_limit, seed),
        "Shifts": [
            {
                "code": s.code,
                "name": s.name,
                "start": s.start,
                "end": "24:00" if s.end == time(0) else s.end,
                "dates": ",".join(d.isoformat() for d in sorted(s.dates)) if s.dates else None,
            }
            for s in problem.shifts
        ],
        "Leave": [{"id": lv.agent, "date": lv.date, "kind": lv.kind} for lv in problem.leave]
        + [{"id": rq.agent, "date": rq.date, "kind": "rest"} for rq in problem.requests],
        "Demand": [
            {
                "date": dm.date,
                "role": ROLE_NAMES_ZH[dm.role] if dm.role else None,
                "shift": dm.shift,
                "start": dm.start,
                "end": "24:00" if dm.end == time(0) else dm.end,
                "required": dm.required,
            }
            for dm in problem.demand
        ],
        "Peaks": [
            {"date": p.date, "start": p.start, "end": "24:00" if p.end == time(0) else p.end}
            for p in problem.peaks
        ],
    }


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
    ("", None),
    ("Sheets 工作表", "required 必填"),
]


def _readme(ws: Any) -> None:
    for text, extra in _README:
        ws.append([text, extra])
    ws["A1"].font = Font(bold=True, size=14)
    ws.cell(row=len(_README), column=1).font = _BOLD
    ws.cell(row=len(_README), column=2).font = _BOLD
    for spec in _ordered():
        ws.append([f"{spec.name} ({spec.zh}): {spec.note}", "yes 是" if spec.required else ""])
    ws.append([])
    ws.append(["Rules keys 规则", "meaning 说明"])
    ws.cell(row=ws.max_row, column=1).font = _BOLD
    ws.cell(row=ws.max_row, column=2).font = _BOLD
    for key, note in RULE_KEYS.items():
        ws.append([key, note])
    ws.column_dimensions["A"].width = 70
    ws.column_dimensions["B"].width = 60


def _ordered() -> list[SheetSpec]:
    known = {s.name: s for s in SHEETS}
    return [known[n] for n in _ORDER if n in known] + [s for s in SHEETS if s.name not in _ORDER]


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
) -> Workbook:
    """An input workbook holding ``problem``: README (说明), then every input sheet."""
    wb = Workbook()
    first = wb.active
    rows = problem_rows(problem, time_limit=time_limit, seed=seed)
    if readme:
        first.title = "README"
        _readme(first)
    else:
        wb.remove(first)
    for spec in _ordered():
        _sheet(wb.create_sheet(spec.name), spec, rows.get(spec.name, ()))
    return wb


def build_template() -> Workbook:
    """The template workbook: README (说明), then every input sheet with the example."""
    return build_input_workbook(example_problem())


def write_input_workbook(
    path: str | os.PathLike[str],
    problem: Problem,
    *,
    time_limit: float | None = None,
    seed: int | None = None,
) -> Path:
    """Write ``problem`` as an input workbook (atomically), readable by `read_problem`."""
    target = Path(path).absolute()
    save_atomically(build_input_workbook(problem, time_limit=time_limit, seed=seed), target)
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
