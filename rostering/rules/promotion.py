"""Rule 10, promotion days (大促): everyone on duty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..index import REST_SYM
from ..params import Dates, Flag, Param
from ..roster import REST
from .base import Rule, Text, Violation

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
    title_zh = "大促日全员在岗"
    relax_rank = 60
    params = (
        Param(
            "promotion_days",
            "大促日期",
            Dates(),
            (),
            "promotion days, comma separated; a..b ranges",
            "大促日期, 逗号分隔, 可写 a..b 范围",
        ),
        Param(
            "promotion_all_on_duty",
            "大促全员在岗",
            Flag(),
            True,
            "nobody rests on a promotion day unless on leave: true/false",
            "大促日除请假外全员在岗",
            off=False,
        ),
    )

    def explain_title(self, problem: Problem) -> Text:
        return Text("everyone on duty on promotion days", "大促日全员在岗")

    def relax(self, problem: Problem) -> Text:
        return Text(
            "set promotion_all_on_duty to no, or shorten the run of promotion days",
            "把 promotion_all_on_duty 设为否, 或缩短连续大促天数",
        )

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
