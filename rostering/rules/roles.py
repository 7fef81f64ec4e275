"""Agents work in their own role, or in their second role after a promotion."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from .base import Rule, Violation

if TYPE_CHECKING:
    from .view import View


class SecondRole(Rule):
    """Each agent works in their own role; after a promotion, possibly in their second.

    On the ``secondary_role_days`` days after a promotion day an agent with a second role
    (for example pre-sales with after-sales as second role) may work in it, to meet the
    after-sales surge. A roster states the role worked only when it is not the agent's
    own. Counts one per working day in a role the agent may not work that day.
    """

    name = "roles"
    number = 7
    title = "Roles worked"
    params = ("secondary_role_days",)

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
