"""rostering: monthly rosters for e-commerce customer-service teams, with CP-SAT.

One path through the core: build a `Problem`, call `solve`, read the `Result`. `check`
is a second, independent path to the verdict on any roster. Around it: `explain` (why no
roster), `resolve` and `swap` (when plans change), `solve_many` (many teams on Dask),
`read_workbook` / `write_workbook` (Excel), `read_json` / `write_json` (JSON), and
``Problem.from_frames`` / ``Result.to_frames`` (pandas). ``docs/api.md`` documents them.

The Excel names are loaded on first use, so ``import rostering`` does not load openpyxl;
Dask is loaded by `solve_many` only.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from . import frames as frames  # provides the DataFrame forms (`rostering.conversions`)
from .check import check, check_by_rule, objective, term_values
from .engine.model import Model, Progress
from .explain import Explanation, explain
from .jsonio import JsonError, read_json, write_json
from .many import TeamOutcome, solve_many
from .problem import (
    DEFAULT_PEAK_WINDOWS,
    DEFAULT_SHIFTS,
    LEAVE,
    REST,
    Agent,
    Cover,
    Demand,
    Holiday,
    Leave,
    Limit,
    PeakWindow,
    Problem,
    ProblemError,
    Request,
    RuleParams,
    Rules,
    ShiftType,
    Weights,
)
from .replan import Replan, SwapOutcome, resolve, swap
from .result import Result, Status, TermValue
from .roles import DEFAULT_ROLE_RATIOS, ROLES
from .roster import Assignment, Handover, Roster
from .rules import RULES, Violation
from .solver import InternalError, solve

if TYPE_CHECKING:
    from .excel import read_roster, read_workbook, write_workbook
    from .workbook import CellError, InputBook, WorkbookError

__version__ = "0.1.0"

_LAZY = {
    "read_workbook": "excel",
    "read_roster": "excel",
    "write_workbook": "excel",
    "InputBook": "workbook",
    "WorkbookError": "workbook",
    "CellError": "workbook",
}
"""Names loaded on first use, with the module that holds them."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rostering' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "DEFAULT_PEAK_WINDOWS",
    "DEFAULT_ROLE_RATIOS",
    "DEFAULT_SHIFTS",
    "LEAVE",
    "REST",
    "ROLES",
    "RULES",
    "Agent",
    "Assignment",
    "CellError",
    "Cover",
    "Demand",
    "Explanation",
    "Handover",
    "Holiday",
    "InputBook",
    "InternalError",
    "JsonError",
    "Leave",
    "Limit",
    "Model",
    "PeakWindow",
    "Problem",
    "ProblemError",
    "Progress",
    "Replan",
    "Request",
    "Result",
    "Roster",
    "RuleParams",
    "Rules",
    "ShiftType",
    "Status",
    "SwapOutcome",
    "TeamOutcome",
    "TermValue",
    "Violation",
    "Weights",
    "WorkbookError",
    "check",
    "check_by_rule",
    "explain",
    "objective",
    "read_json",
    "read_roster",
    "read_workbook",
    "resolve",
    "solve",
    "solve_many",
    "swap",
    "term_values",
    "write_json",
    "write_workbook",
]
