"""The rule registry: every rule the model encodes and the checker checks, in order.

Adding a rule means writing one `Rule` subclass and listing it here; the model, the
checker, the ``Checks`` sheet and the per-rule tests all iterate over `RULES`.
"""

from __future__ import annotations

from .base import Rule, Term, Violation
from .cover import ShiftCover
from .coverage import Coverage, DemandCoverage
from .days import OnePerDay
from .extra_rest import ExtraRest
from .fairness import Fairness
from .handover import Handover
from .leave import LeaveAndSkills
from .limits import (
    ConsecutiveDays,
    ForbiddenSuccessions,
    ShiftCounts,
    WeekendsWorked,
    WorkedMinutes,
)
from .peaks import PeakCoverage
from .promotion import PromotionOnDuty
from .ratios import RoleRatios
from .requests import Requests
from .rest import MinRest, RestDays, WeeklyRest
from .roles import SecondRole
from .rotation import Rotation

RULES: tuple[Rule, ...] = (
    OnePerDay(),
    RestDays(),
    WeeklyRest(),
    MinRest(),
    Rotation(),
    Handover(),
    RoleRatios(),
    SecondRole(),
    Coverage(),
    LeaveAndSkills(),
    PromotionOnDuty(),
    ForbiddenSuccessions(),
    ConsecutiveDays(),
    ShiftCounts(),
    WorkedMinutes(),
    WeekendsWorked(),
    DemandCoverage(),
    PeakCoverage(),
    Requests(),
    ExtraRest(),
    ShiftCover(),
    Fairness(),
)

HARD_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.hard)
SOFT_RULES: tuple[Rule, ...] = tuple(r for r in RULES if not r.hard)
TERMS: tuple[Term, ...] = tuple(t for r in SOFT_RULES for t in r.terms)


def rule(name: str) -> Rule:
    """The rule registered under ``name``."""
    for r in RULES:
        if r.name == name:
            return r
    raise KeyError(name)


__all__ = ["HARD_RULES", "RULES", "SOFT_RULES", "TERMS", "Rule", "Term", "Violation", "rule"]
