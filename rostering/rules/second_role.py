"""Rule 11, second role: agents work in their own role, or in their second role after a
promotion."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ..params import Param, Whole
from .base import Rule, Text, Violation

if TYPE_CHECKING:
    from ..problem import Problem
    from .view import View


class SecondRole(Rule):
    """Each agent works in their own role; after a promotion, possibly in their second.

    On the ``secondary_role_days`` days after a promotion day an agent with a second role
    (for example pre-sales with after-sales as second role) may work in it, to meet the
    after-sales surge. A roster states the role worked only when it is not the agent's
    own. Counts one per working day in a role the agent may not work that day.
    """

    name = "second_role"
    number = 11
    title = "Roles worked"
    title_zh = "兼岗"
    relax_rank = 20
    former_names = ("roles",)
    uses = ("promotion_days",)
    params = (
        Param(
            "secondary_role_days",
            "大促后兼岗天数",
            Whole(0, 366),
            3,
            "days after a promotion an agent may work their second role (0: never)",
            "大促后可按第二岗位上班的天数",
            off=0,
        ),
    )

    def explain_title(self, problem: Problem) -> Text:
        days = problem.rules.secondary_role_days
        return Text(f"a second role on at most {days} days", f"兼岗最多 {days} 天")

    def relax(self, problem: Problem) -> Text:
        days = problem.rules.secondary_role_days
        return Text(f"raise secondary_role_days above {days}", f"把兼岗天数调到 {days} 天以上")

    def check(self, view: View) -> list[Violation]:
        rules = view.rules
        after = {
            p + timedelta(days=i)
            for p in rules.promotion_days
            for i in range(1, rules.secondary_role_days + 1)
        }
        out = []
        for agent in view.agents:
            for day in view.days:
                role = view.acting(agent, day).role
                if role == agent.role or not view.works(agent.id, day):
                    continue
                if role == agent.secondary_role and day in after:
                    continue
                why = (
                    "only on the days after a promotion"
                    if role == agent.secondary_role
                    else f"not a role of theirs ({agent.role}"
                    + (f", second role {agent.secondary_role})" if agent.secondary_role else ")")
                )
                out.append(
                    Violation(
                        self.name, f"{agent.id} on {day}: works as {role}, {why}", agent.id, day
                    )
                )
        return out
