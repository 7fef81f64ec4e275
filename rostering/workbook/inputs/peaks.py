"""The ``Peaks`` sheet (高峰): peak windows of promotion days."""

from __future__ import annotations

from datetime import time

from ...problem import PeakWindow
from .. import cells
from ..table import Column, Table
from .base import Contents, Draft, Rows, SheetSpec

__all__ = ["SPEC"]


def parse(table: Table, draft: Draft) -> None:
    """``Peaks`` (高峰): peak windows of promotion days; a blank date means every one."""
    promotion = draft.rules.get("promotion_days", ())
    for row in table.rows:
        day = row.get("date", cells.to_date)
        if day is not None and day not in promotion and "promotion_days" not in draft.bad_rules:
            listed = ", ".join(str(d) for d in promotion) or "none"
            row.error("date", f"{day} is not a promotion day (promotion_days: {listed})")
        start = row.get("start", cells.to_time, required=True)
        end = row.get("end", cells.to_time, required=True)
        if row.ok:
            draft.add("peaks", PeakWindow(start, end, day), row)


def rows(contents: Contents) -> Rows:
    """The problem's peak windows."""
    return [
        {"date": p.date, "start": p.start, "end": "24:00" if p.end == time(0) else p.end}
        for p in contents.problem.peaks
    ]


SPEC = SheetSpec(
    "Peaks",
    "高峰",
    (
        Column(
            "date",
            "日期",
            False,
            "A promotion day; blank = every promotion day.\n大促日期;留空=所有大促日。",
        ),
        Column("start", "开始", True, "Peak start, HH:MM.\n高峰开始时间。"),
        Column("end", "结束", True, "Peak end; 24:00 = midnight.\n高峰结束时间;24:00 为午夜。"),
    ),
    parse,
    rows,
    note="Peak windows of promotion days / 大促高峰时段",
)
