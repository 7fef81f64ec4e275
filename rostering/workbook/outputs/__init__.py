"""The output sheets of roster.xlsx, one module each, and their registry `SHEETS`.

Adding an output sheet is one module here (an `OutputSheet`: a name and a function that
renders it from the `RosterReport`) and one line in `SHEETS`, where its position is its
place in the workbook; `rostering.workbook.writer` renders the list in order.
"""

from __future__ import annotations

from . import (
    assignments,
    checks,
    coverage,
    handover,
    requests,
    roster,
    shifts,
    stats,
    summary,
)
from .assignments import ASSIGNMENT_COLUMNS
from .base import OutputSheet, RosterReport

__all__ = ["ASSIGNMENT_COLUMNS", "SHEETS", "OutputSheet", "RosterReport"]

SHEETS: tuple[OutputSheet, ...] = (
    roster.SHEET,
    assignments.SHEET,
    shifts.SHEET,
    coverage.SHEET,
    handover.SHEET,
    stats.SHEET,
    requests.SHEET,
    checks.SHEET,
    summary.SHEET,
)
"""The sheets of a roster workbook, in workbook order (docs/workbook.md)."""
