"""Rule 10, promotion days (大促): everyone on duty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..index import REST_SYM
from ..problem import REST
from .base import Rule, Violation

if TYPE_CHECKING:
    from ..index import Index
    from ..problem import Problem
    from .view import View


class PromotionOnDuty(Rule):
    """On a promotion day nobody rests unless on leave (全员在岗).

    A rest-day request does not excuse it. ``promotion_all_on_duty`` turns the rule off.
    Counts one per agent resting on a promotion day.
    """

    name = "promotion"
    number = 10
    title = "Everyone on duty on promotion days"
    params = ("promotion_days", "promotion_all_on_duty")

    def applies(self, problem: Problem) -> bool:
        return problem.rules.promotion_all_on_duty and bool(problem.rules.promotion_days)

    def domain(self, ix: Index, a: int, d: int, syms: set[int]) -> set[int]:
        if ix.rules.promotion_all_on_duty and d in ix.promotion_days:
            return syms - {REST_SYM}
        return syms

    def check(self, view: View) -> list[Violation]:
        if not view.rules.promotion_all_on_duty:
            return []
        return [
            Violation(self.name, f"{agent.id} rests on promotion day {day}", agent.id, day)
            for day in view.rules.promotion_days
            if day in set(view.days)
            for agent in view.agents
            if view.code(agent.id, day) == REST
        ]
