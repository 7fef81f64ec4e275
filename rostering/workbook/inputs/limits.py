"""The ``Limits`` sheet (限制): per-agent limits over the roster's horizon."""

from __future__ import annotations

from ...problem import LIMIT_KINDS, Limit
from .. import cells
from ..cells import show
from ..table import Column, Table
from .base import Contents, Draft, Rows, SheetSpec

__all__ = ["SPEC"]

_MOST = {"min_minutes": 366 * 1440, "max_minutes": 366 * 1440}
"""The largest value of each kind: minutes over a year; any other count is of days."""
_MOST_DAYS = 366


def parse(table: Table, draft: Draft) -> None:
    """``Limits`` (限制): per-agent limits over the roster's horizon; a blank agent means
    everyone, the shift only for max_shifts (blank: shifts of any type)."""
    for row in table.rows:
        agent = None
        if row.has("agent"):
            agent = row.get("agent", cells.to_ident)
            if agent is not None and agent not in draft.ids and draft.staff_ok:
                row.error("agent", f"unknown agent {show(agent)} (not on the Staff sheet)")
        kind_text = row.get("rule", required=True)
        kind = cells.norm(kind_text) if kind_text is not None else None
        if kind is not None and kind not in LIMIT_KINDS:
            row.error("rule", f"unknown limit {show(kind_text)} (one of {', '.join(LIMIT_KINDS)})")
        shift = None
        if row.has("shift"):
            typed = row.get("shift")
            shift = draft.code(typed)
            if kind is not None and kind != "max_shifts":
                row.error("shift", f"only max_shifts takes a shift, not {kind}")
            elif shift is None and (draft.shifts_ok or typed not in draft.bad_codes):
                row.error("shift", f"unknown shift {show(typed)}")
            elif shift is None:
                row.ok = False
        most = _MOST.get(kind or "", _MOST_DAYS)
        value = row.get("value", cells.whole("value", 0, most), required=True)
        if not row.ok or kind is None or value is None:
            continue
        draft.add("limits", Limit(kind, value, agent, shift), row)


def rows(contents: Contents) -> Rows:
    """The problem's limits."""
    return [
        {"agent": lim.agent, "rule": lim.kind, "shift": lim.shift, "value": lim.value}
        for lim in contents.problem.limits
    ]


SPEC = SheetSpec(
    "Limits",
    "限制",
    (
        Column("agent", "工号", False, "Agent id; blank = every agent.\n工号;留空=所有人。"),
        Column(
            "rule",
            "规则",
            True,
            "max_shifts, min_minutes, max_minutes, min_consecutive_work, "
            "max_consecutive_work, min_consecutive_off or max_weekends.\n限制类型。",
        ),
        Column(
            "shift",
            "班次",
            False,
            "For max_shifts: the shift code; blank = any shift.\n"
            "仅 max_shifts:班次;留空=任意班次。",
        ),
        Column(
            "value",
            "值",
            True,
            "A whole number over the roster's horizon.\n整数,按整个排班周期计算。",
        ),
    ),
    parse,
    rows,
    note="Limits per agent over the horizon / 个人限制(整个排班周期)",
)
