"""Rule 9, leave and unavailability, and allowed shifts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..index import FIRST_SHIFT, LEAVE_SYM
from ..roster import LEAVE
from .base import Rule, Text, Violation

if TYPE_CHECKING:
    from ..index import Index
    from ..problem import Problem
    from .view import View


class LeaveAndSkills(Rule):
    """Agents on leave or unavailable do not work, and work only shifts they are allowed.

    A leave date shows as leave (假), not as a rest day; leave is only shown on approved
    leave dates. An agent allowed a shift may work its variants (N2 in family N). Counts
    one per agent-day in breach.
    """

    name = "leave"
    number = 9
    title = "Leave and allowed shifts"
    title_zh = "请假和可上班次"
    background = True

    def explain_title(self, problem: Problem) -> Text:
        return Text(
            "approved leave and each agent's allowed shifts", "已批准的请假和每人可上的班次"
        )

    def relax(self, problem: Problem) -> Text:
        return Text(
            "move or shorten a leave, or allow more shift types to the agents named",
            "调整或缩短请假, 或让上述客服可上更多班次",
        )

    def domain(self, ix: Index, a: int, d: int, syms: set[int]) -> set[int]:
        if d in ix.leave[a]:
            return syms & {LEAVE_SYM}
        allowed = ix.allowed_shift_syms(a)
        return {s for s in syms if s != LEAVE_SYM and (s < FIRST_SHIFT or s in allowed)}

    def check(self, view: View) -> list[Violation]:
        out = []
        for agent in view.agents:
            leave = view.problem.leave_of(agent.id)
            for day in view.days:
                code = view.code(agent.id, day)
                if code is None:
                    continue
                if day in leave and code != LEAVE:
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id} on {day}: on {leave[day]} but rostered '{code}'",
                            agent.id,
                            day,
                        )
                    )
                elif day not in leave and code == LEAVE:
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id} on {day}: shown on leave without approved leave",
                            agent.id,
                            day,
                        )
                    )
                elif code in view.shift_types and not view.problem.allows(agent, code):
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id} on {day}: works '{code}', allowed only "
                            f"{','.join(agent.shifts)}",
                            agent.id,
                            day,
                        )
                    )
        return out
