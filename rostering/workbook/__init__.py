"""Excel at the edge: read the input workbook and rosters, write rosters and the template.

Input sheets are one module each in `rostering.workbook.inputs` (registry ``SHEETS``);
output sheets are one module each in `rostering.workbook.outputs` (registry ``SHEETS``).
"""

from __future__ import annotations

from .cells import CellError, WorkbookError
from .reader import InputBook, read_problem, read_workbook
from .roster_reader import (
    RosterReading,
    read_previous,
    read_previous_sheets,
    read_roster,
    read_roster_sheets,
)
from .template import write_template

__all__ = [
    "CellError",
    "InputBook",
    "RosterReading",
    "WorkbookError",
    "read_previous",
    "read_previous_sheets",
    "read_problem",
    "read_roster",
    "read_roster_sheets",
    "read_workbook",
    "write_template",
]
