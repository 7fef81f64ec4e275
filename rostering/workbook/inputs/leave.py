"""The ``Leave`` sheet (请假): approved leave, unavailability and rest-day requests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from ...problem import Leave, LeaveKind, Request
from .. import cells
from ..table import Column, Row, Table
from .base import Contents, Dated, Draft, Rows, SheetSpec, kind_cell, parse_dated

__all__ = ["SPEC"]

_KINDS = {
    "leave": "leave",
    "请假": "leave",
    "假": "leave",
    "rest": "rest",
    "休息": "rest",
    "休": "rest",
    "unavailable": "unavailable",
    "不可用": "unavailable",
}


_kind = kind_cell(_KINDS, "leave, rest or unavailable")


def parse(table: Table, draft: Draft) -> None:
    """``Leave`` (请假): approved leave, unavailability and rest-day requests (kind ``rest``).

    A row gives a ``date``, or a ``start`` and ``end`` (inclusive).
    """
    if not table.empty and "date" not in table.columns and "start" not in table.columns:
        table.missing_column(SPEC.column("date"), " (or 'start' and 'end')")
        return
    parse_dated(table, draft, lambda row: _read(row, table, draft))


def _read(row: Row, table: Table, draft: Draft) -> Dated:
    ident = row.get("id", cells.to_ident, required=True)
    if ident is not None and draft.staff_ok and ident not in draft.ids:
        row.error("id", f"unknown id '{ident}' (not in Staff)")
    kind = row.get("kind", _kind, default="leave")
    days: list[date] = []
    if row.has("date"):
        if row.has("start") or row.has("end"):
            row.error("start" if row.has("start") else "end", "give a date or start/end")
        day = row.get("date", cells.to_date)
        if day is not None:
            days = [day]
            if why := draft.outside(day):
                row.error("date", why)
    elif row.has("start") or row.has("end"):
        first = row.get("start", cells.to_date, required=True)
        last = row.get("end", cells.to_date, default=first)
        for column, day in (("start", first), ("end", last)):
            if day is not None and (why := draft.outside(day)) and row.has(column):
                row.error(column, why)
        if first is not None and last is not None:
            if last < first:
                row.error("end", f"end {last} is before start {first}")
            elif not row.ok:
                pass  # already refused, outside the month: not expanded
            elif (last - first).days >= 366:  # the month is unknown (invalid)
                row.error("end", f"the range {first}..{last} is longer than a year")
            else:
                days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    else:
        row.error("date" if "date" in table.columns else "start", "missing date")

    def item(day: date) -> tuple[str, object]:
        if kind == "rest":
            return "requests", Request(str(ident), day)
        return "leave", Leave(str(ident), day, cast(LeaveKind, kind))

    return Dated(
        days,
        item,
        ident,
        "date" if row.has("date") else "start",
        lambda day: f"'{ident}' on {day}",
    )


def rows(contents: Contents) -> Rows:
    """Leave and unavailability, then the rest-day requests (kind ``rest``)."""
    problem = contents.problem
    return [{"id": lv.agent, "date": lv.date, "kind": lv.kind} for lv in problem.leave] + [
        {"id": rq.agent, "date": rq.date, "kind": "rest"} for rq in problem.requests
    ]


SPEC = SheetSpec(
    "Leave",
    "请假",
    (
        Column("id", "工号", True, "Agent id from Staff.\n员工工号。"),
        Column(
            "date",
            "日期",
            False,
            "One date, YYYY-MM-DD or an Excel date.\n日期,YYYY-MM-DD 或 Excel 日期。",
        ),
        Column("start", "开始", False, "Or the first date of a range.\n或区间开始日期。"),
        Column("end", "结束", False, "And its last date (inclusive).\n区间结束日期(含)。"),
        Column(
            "kind",
            "类型",
            False,
            "leave (default), rest (a rest-day request) or unavailable.\n"
            "请假(默认)、休息(休息申请)或不可用。",
        ),
    ),
    parse,
    rows,
    note="Approved leave and rest-day requests / 请假与休息申请",
)
