"""rostering: monthly rosters for e-commerce customer-service teams, with CP-SAT.

One path through the core: build a `Problem`, call `solve`, read the `Result`. `check`
is a second, independent path to the verdict on any roster.
"""

from .check import check, check_by_rule, objective, term_values
from .model import Model, Progress
from .problem import (
    DEFAULT_PEAK_WINDOWS,
    DEFAULT_SHIFTS,
    LEAVE,
    REST,
    Agent,
    Cover,
    Demand,
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
from .result import Result, Status, TermValue
from .roles import DEFAULT_ROLE_RATIOS, ROLES
from .roster import Assignment, Handover, Roster
from .rules import RULES, Violation
from .solver import InternalError, solve

__version__ = "0.1.0"

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
    "Cover",
    "Demand",
    "Handover",
    "InternalError",
    "Leave",
    "Limit",
    "Model",
    "PeakWindow",
    "Problem",
    "ProblemError",
    "Progress",
    "Request",
    "Result",
    "Roster",
    "RuleParams",
    "Rules",
    "ShiftType",
    "Status",
    "TermValue",
    "Violation",
    "Weights",
    "check",
    "check_by_rule",
    "objective",
    "solve",
    "term_values",
]
