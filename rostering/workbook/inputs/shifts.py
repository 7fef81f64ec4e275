"""The ``Shifts`` sheet (班次): shift types, extending and overriding W, N and R by code."""

from __future__ import annotations

import re
from datetime import time

from ...problem import RESERVED_CODES, ProblemError, ShiftType, parse_window, window_text
from .. import cells
from ..cells import Invalid, show
from ..table import Column, Row, Table
from .base import Contents, Draft, Rows, SheetSpec

__all__ = ["SPEC", "shift_row"]

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


def _window(value: object) -> tuple[time, time]:
    """``HH:MM-HH:MM`` text as a break window."""
    try:
        return parse_window(cells.text(value), "break_window")
    except ProblemError as error:
        raise Invalid(
            f"invalid window {show(value)} (expected HH:MM-HH:MM, e.g. 11:00-14:00)"
        ) from error


def parse(table: Table, draft: Draft) -> None:
    """``Shifts`` (班次): extends and overrides the default shift types by code."""
    seen: dict[str, int] = {}
    families: list[tuple[Row, str, str]] = []
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
        family = row.get("family", default=default.family if default else None)
        pause = row.get(
            "break_minutes",
            cells.whole("break_minutes", 0, 720),
            default=default.break_minutes if default else 0,
        )
        window = row.get("break_window", _window, default=default.break_window if default else None)
        if window is not None and not pause and row.ok:
            row.error("break_window", "a break window needs break_minutes")
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
                code,
                name,
                start,
                end,
                None if dates is None else frozenset(dates),
                family,
                pause,
                window,
            )
        except ProblemError as problem:
            column = problem.field if problem.field in table.columns else None
            row.error(column or ("break_minutes" if pause else "code"), problem.message)
            draft.shifts_ok = False
            draft.bad_codes.add(code)
            continue
        if family is not None and family != code:
            families.append((row, code, family))
    for row, code, family in families:
        root = draft.shifts.get(family)
        if root is None:
            row.error(
                "family",
                f"unknown family {show(family)}: name another shift's code "
                f"({', '.join(c for c in draft.shifts if c != code)})",
            )
        elif root.family is not None:
            row.error(
                "family",
                f"family {show(family)} is itself a variant of {show(root.family)}; "
                f"name {show(root.family)} as the family",
            )
        else:
            continue
        draft.shifts_ok = False
        draft.bad_codes.add(code)
        draft.shifts.pop(code, None)


def shift_row(s: ShiftType) -> dict[str, object]:
    """A shift type as a Shifts row (the input sheet, and the roster's Shifts sheet)."""
    return {
        "code": s.code,
        "name": s.name,
        "start": s.start,
        "end": "24:00" if s.end == time(0) else s.end,
        "dates": ",".join(d.isoformat() for d in sorted(s.dates)) if s.dates else None,
        "family": s.family,
        "break_minutes": s.break_minutes or None,
        "break_window": window_text(s.break_window) or None,
    }


def rows(contents: Contents) -> Rows:
    """Every shift type of the problem."""
    return [shift_row(s) for s in contents.problem.shifts]


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
        Column(
            "family",
            "班次组",
            False,
            "The shift this one is a variant of (N2 in family N): it counts as that shift for "
            "allowed shifts, rotation and per-agent rules; its own times count for rest, "
            "handover and coverage. Blank = its own family.\n"
            "所属班次组(如 N2 属于 N):可上班次、轮换和个人规则按该班次计;休息间隔、交接和在线人数"
            "按本班次时间计。留空=自成一组。",
        ),
        Column(
            "break_minutes",
            "休息分钟",
            False,
            "Minutes of break in the shift (one piece, starting on the quarter hour); blank "
            "or 0 = none. An agent on break is not online.\n"
            "班内休息分钟数(一次休完,整刻钟开始);留空或 0 = 不休息。休息时不计在线。",
        ),
        Column(
            "break_window",
            "休息时段",
            False,
            "HH:MM-HH:MM: the whole break lies in it; blank = anywhere but the shift's first "
            "and last hour. Breaks are staggered to keep peaks and demand covered.\n"
            "HH:MM-HH:MM,休息须完全在此时段内;留空=除首末各一小时外均可。系统错开安排休息,"
            "保证高峰和需求时段在线人数。",
        ),
    ),
    parse,
    rows,
    note="Shift types; extend and override W, N, R / 班次,可增加或修改 W、N、R",
)
