"""Write the input template: every input sheet, a note on each header, a worked example.

The example is the six-agent team of the source article for December 2026: two rotating
day/night pairs (A01..A04, W and N) and two regular agents (R01, R02, R), with Double-12
(2026-12-12) as the promotion day and its peak windows.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from ..problem import DEFAULT_PEAK_WINDOWS, DEFAULT_SHIFTS, Rules, Weights
from ..roles import ROLE_NAMES_ZH, ROLES
from .files import save_atomically
from .reader import RULE_KEYS, SHEETS, SheetSpec

__all__ = ["TEMPLATE_MONTH", "build_template", "write_template"]

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


def _rules_rows() -> Rows:
    """Every Rules key with the example's value (the defaults written out) and its note."""
    rules, weights = Rules(), Weights()
    values: dict[str, object] = {
        "month": f"{TEMPLATE_MONTH:%Y-%m}",
        "promotion_days": _PROMOTION_DAY.isoformat(),
        "promotion_all_on_duty": "true" if rules.promotion_all_on_duty else "false",
        "time_limit_seconds": None,
        "seed": None,
    }
    for key in RULE_KEYS:
        if key in values:
            continue
        if key.startswith("weight_"):
            values[key] = getattr(weights, key.removeprefix("weight_"))
        else:
            values[key] = getattr(rules, key)
    assert {f.name for f in fields(Weights)} == {
        k.removeprefix("weight_") for k in RULE_KEYS if k.startswith("weight_")
    }
    return [{"rule": key, "value": values[key], "note": note} for key, note in RULE_KEYS.items()]


def _examples() -> dict[str, Rows]:
    """The worked example, by sheet name."""
    team = [
        ("A01", "张敏", "W,N"),
        ("A02", "李娜", "W,N"),
        ("A03", "王芳", "W,N"),
        ("A04", "刘洋", "W,N"),
        ("R01", "陈静", "R"),
        ("R02", "杨磊", "R"),
    ]
    presales = ROLE_NAMES_ZH[ROLES[0]]
    return {
        "Staff": [
            {"id": ident, "name": name, "role": presales, "shifts": shifts}
            for ident, name, shifts in team
        ],
        "Rules": _rules_rows(),
        "Shifts": [
            {"code": s.code, "name": s.name, "start": s.start, "end": s.end} for s in DEFAULT_SHIFTS
        ],
        "Leave": [
            {"id": "A03", "date": date(2026, 12, 3), "kind": "leave"},
            {"id": "R01", "date": date(2026, 12, 24), "kind": "rest"},
        ],
        "Demand": [
            {"date": _PROMOTION_DAY, "role": presales, "shift": "N", "required": 2},
        ],
        "Peaks": [
            {
                "date": _PROMOTION_DAY,
                "start": p.start,
                "end": "24:00" if p.end == time(0) else p.end,
            }
            for p in DEFAULT_PEAK_WINDOWS
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


def build_template() -> Workbook:
    """The template workbook: README (说明), then every input sheet with the example."""
    wb = Workbook()
    readme = wb.active
    readme.title = "README"
    _readme(readme)
    examples = _examples()
    for spec in _ordered():
        _sheet(wb.create_sheet(spec.name), spec, examples.get(spec.name, ()))
    return wb


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
