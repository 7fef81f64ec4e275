"""The ``Shifts`` sheet (班次): shift types, extending and overriding W, N and R by code."""

from __future__ import annotations

import re
from datetime import time

from ...problem import RESERVED_CODES, ProblemError, ShiftType
from .. import cells
from ..cells import show
from ..table import Column, Table
from .base import Contents, Draft, Rows, SheetSpec

__all__ = ["SPEC"]

_MISSING_MARKS = ("?", "？")  # what a roster shows for a day without an entry
_SEPARATORS = re.compile(r"[\s,，、;；>*]")  # they split lists or mark cells elsewhere


def _code_problem(code: str) -> str | None:
    """Why ``code`` cannot be a shift code, or None."""
    if code in RESERVED_CODES or code.upper() in RESERVED_CODES or code in ("休息", "请假"):
        return f"code {show(code)} is reserved for rest or leave"
    if code in _MISSING_MARKS:
        return f"code {show(code)} is the roster's mark for a day without an entry; choose another"
    if _SEPARATORS.search(code):
        return (
            f"code {show(code)} holds a space, comma, semicolon, '>' or '*', which separate "
            "codes in other cells; choose a code without them"
        )
    return None


def parse(table: Table, draft: Draft) -> None:
    """``Shifts`` (班次): extends and overrides the default shift types by code."""
    seen: dict[str, int] = {}
    for row in table.rows:
        code = row.get("code", required=True)
        if code is None:
            continue
        if why := _code_problem(code):
            row.error("code", why)
            draft.shifts_ok = False
            draft.bad_codes.add(code)
            continue
        if code in seen:
            row.error("code", f"shift '{code}' is defined twice (first on row {seen[code]})")
            continue
        seen[code] = row.number
        default = draft.shifts.get(code)
        name = row.get("name", default=default.name if default else code)
        start = row.get("start", cells.to_time, required=default is None)
        end = row.get("end", cells.to_time, required=default is None)
        dates = row.get("dates", cells.to_dates)
        if why := draft.outside_any(dates or ()):
            row.error("dates", why)
        if not row.ok:
            draft.shifts_ok = False
            draft.bad_codes.add(code)
            continue
        if default is not None:
            start = default.start if start is None else start
            end = default.end if end is None else end
        if start == end:
            row.error(
                "end" if row.has("end") else "start",
                f"end {end:%H:%M} is the same as the start: a shift needs a length "
                "(an end before the start means the next day)",
            )
            draft.shifts_ok = False
            draft.bad_codes.add(code)
            continue
        try:
            draft.shifts[code] = ShiftType(
                code, name, start, end, None if dates is None else frozenset(dates)
            )
        except ProblemError as problem:
            row.error(problem.field or "code", problem.message)


def rows(contents: Contents) -> Rows:
    """Every shift type of the problem."""
    return [
        {
            "code": s.code,
            "name": s.name,
            "start": s.start,
            "end": "24:00" if s.end == time(0) else s.end,
            "dates": ",".join(d.isoformat() for d in sorted(s.dates)) if s.dates else None,
        }
        for s in contents.problem.shifts
    ]


SPEC = SheetSpec(
    "Shifts",
    "班次",
    (
        Column("code", "代码", True, "Shift code, e.g. W, N, R.\n班次代码,如 W、N、R。"),
        Column("name", "名称", False, "Shift name.\n班次名称。"),
        Column(
            "start",
            "开始",
            True,
            "Start time, HH:MM or an Excel time.\n开始时间,HH:MM 或 Excel 时间。",
        ),
        Column(
            "end",
            "结束",
            True,
            "End time; at or before the start = the next day; 24:00 = midnight.\n"
            "结束时间;不晚于开始时间即为次日;24:00 为午夜。",
        ),
        Column(
            "dates",
            "日期",
            False,
            "Dates the shift exists: comma list, ranges a..b; blank = every day.\n"
            "班次适用日期:逗号分隔,区间 a..b;留空=每天。",
        ),
    ),
    parse,
    rows,
    note="Shift types; extend and override W, N, R / 班次,可增加或修改 W、N、R",
)
