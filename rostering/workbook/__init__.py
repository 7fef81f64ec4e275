"""Excel at the edge: read the input workbook and rosters, write rosters and the template.

Input sheets are one module each in `rostering.workbook.inputs` (registry ``SHEETS``);
output sheets are one module each in `rostering.workbook.outputs` (registry ``SHEETS``).
"""

from __future__ import annotations

from .cells import CellError, WorkbookError
from .reader import InputBook, read_problem, read_workbook
from .roster_reader import read_previous, read_roster
from .template import write_template

__all__ = [
    "CellError",
    "InputBook",
    "WorkbookError",
    "read_previous",
    "read_problem",
    "read_roster",
    "read_workbook",
    "write_template",
]
