"""The rule registry: every rule the model encodes and the checker checks, in order.

Adding a rule means writing one `Rule` subclass in its own file and listing it here: the
model, the checker, the ``Checks`` sheet, the per-rule tests, the rule parameters
(`rostering.params.RuleParams`) and weights, the workbook's Rules sheet, the
explanations and the rule tables of the README and ``docs/rules.md`` all come from
`RULES`.
"""

from __future__ import annotations

from ..params import Param, RuleParams, Weights
from .base import Rule, Term, Text, Violation
from .breaks import Breaks
from .coverage import Coverage, DemandCoverage
from .days import OnePerDay
from .days_in_a_row import DaysInARow
from .extra_rest import ExtraRest
from .fairness import Fairness
from .handover import HandoverOverlap
from .holidays import HolidayCap
from .leave import LeaveAndSkills
from .limits import ForbiddenSuccessions, ShiftCounts, WeekendsWorked, WorkedMinutes
from .paired_rest import PairedRest
from .peaks import PeakCoverage
from .promotion import PromotionOnDuty
from .ratios import RoleRatios
from .requests import Requests
from .rest import MinRest, RestDays
from .rotation import Rotation
from .second_role import SecondRole
from .shift_cover import ShiftCover

RULES: tuple[Rule, ...] = (
    OnePerDay(),
    RestDays(),
    DaysInARow(),
    MinRest(),
    Rotation(),
    HandoverOverlap(),
    RoleRatios(),
    SecondRole(),
    Coverage(),
    LeaveAndSkills(),
    PromotionOnDuty(),
    ForbiddenSuccessions(),
    ShiftCounts(),
    WorkedMinutes(),
    WeekendsWorked(),
    PairedRest(),
    Breaks(),
    HolidayCap(),
    DemandCoverage(),
    PeakCoverage(),
    Requests(),
    ExtraRest(),
    Fairness(),
    ShiftCover(),
)

HARD_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.hard)
SOFT_RULES: tuple[Rule, ...] = tuple(r for r in RULES if not r.hard)
TERMS: tuple[Term, ...] = tuple(t for r in SOFT_RULES for t in r.terms)
PARAMS: tuple[Param, ...] = tuple(p for r in RULES for p in r.params)
"""Every rule parameter, in registry order."""
WEIGHTS: tuple[Param, ...] = tuple(t.param for t in TERMS)
"""Every weight (one per soft term), in registry order."""

RuleParams.declare(PARAMS, tuple(type(r).check_params for r in RULES))
Weights.declare(WEIGHTS)


def rule(name: str) -> Rule:
    """The rule registered under ``name`` (or a name it had before)."""
    for r in RULES:
        if r.name == name or name in r.former_names:
            return r
    raise KeyError(name)


def owner(param: str) -> Rule:
    """The rule that declares the parameter ``param``."""
    for r in RULES:
        if any(p.name == param for p in r.params):
            return r
    raise KeyError(param)


__all__ = [
    "HARD_RULES",
    "PARAMS",
    "RULES",
    "SOFT_RULES",
    "TERMS",
    "WEIGHTS",
    "Rule",
    "Term",
    "Text",
    "Violation",
    "owner",
    "rule",
]
