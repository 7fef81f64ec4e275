"""The ``Demand`` sheet (需求): headcount per date, role and shift or time window."""

from __future__ import annotations

from datetime import time

from ...problem import Demand, ProblemError
from ...roles import ROLE_NAMES_ZH
from .. import cells
from ..cells import show
from ..sizes import MAX_AGENTS
from ..table import Column, Table
from .base import Contents, Draft, Rows, SheetSpec

__all__ = ["SPEC"]


def parse(table: Table, draft: Draft) -> None:
    """``Demand`` (需求): headcount per date, role and shift or window (or working day)."""
    for row in table.rows:
        day = row.get("date", cells.to_date)
        if day is not None and (why := draft.outside(day)):
            row.error("date", why)
        role = row.get("role", cells.role)
        shift = None
        if row.has("shift"):
            typed = row.get("shift")
            shift = draft.code(typed)
            if shift is None and (draft.shifts_ok or typed not in draft.bad_codes):
                row.error("shift", f"unknown shift {show(typed)}")
            elif shift is None:
                row.ok = False
            if row.has("start") or row.has("end"):
                row.error("start" if row.has("start") else "end", "give a shift or start/end")
        start = end = None
        if row.has("start") or row.has("end"):
            start = row.get("start", cells.to_time, required=True)
            end = row.get("end", cells.to_time, required=True)
        required = row.get("required", cells.whole("required", 0, MAX_AGENTS), required=True)
        if not row.ok:
            continue
        try:
            draft.add("demand", Demand(required, day, role, shift, start, end), row)
        except ProblemError as problem:
            row.error(problem.field or "required", problem.message)


def rows(contents: Contents) -> Rows:
    """The problem's demand rows."""
    return [
        {
            "date": dm.date,
            "role": ROLE_NAMES_ZH[dm.role] if dm.role else None,
            "shift": dm.shift,
            "start": dm.start,
            "end": "24:00" if dm.end == time(0) else dm.end,
            "required": dm.required,
        }
        for dm in contents.problem.demand
    ]


SPEC = SheetSpec(
    "Demand",
    "需求",
    (
        Column("date", "日期", False, "Date; blank = every day.\n日期;留空=每天。"),
        Column("role", "岗位", False, "Role; blank = any role.\n岗位;留空=任意岗位。"),
        Column(
            "shift",
            "班次",
            False,
            "Shift code, or give start/end; neither = agents working that day.\n"
            "班次代码,或填开始/结束;都不填=当天上班人数。",
        ),
        Column(
            "start",
            "开始",
            False,
            "Window start: agents online through the whole window.\n时段开始:全程在线人数。",
        ),
        Column("end", "结束", False, "Window end.\n时段结束。"),
        Column("required", "人数", True, "Agents required, a whole number.\n需求人数,整数。"),
    ),
    parse,
    rows,
    note="Headcount required / 需求人数",
)
