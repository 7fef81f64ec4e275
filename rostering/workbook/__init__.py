"""Excel at the edge: read the input workbook and rosters, write the input template."""

from __future__ import annotations

from .reader import (
    CellError,
    InputBook,
    WorkbookError,
    read_previous,
    read_problem,
    read_roster,
    read_workbook,
)
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
