"""Rule 1, one thing a day: each agent each day works exactly one shift, rests, or is on leave."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..index import FIRST_SHIFT, LEAVE_SYM, REST_SYM
from ..roster import LEAVE, REST
from .base import Rule, Text, Violation

if TYPE_CHECKING:
    from ..index import Index
    from ..problem import Problem
    from .view import View


class OnePerDay(Rule):
    """Each agent has exactly one entry a day: a shift offered that day, rest or leave.

    Counts one violation per agent-day with no entry, with several entries, or with a
    code that is not a shift offered that day.
    """

    name = "one_per_day"
    number = 1
    title = "One thing a day"
    title_zh = "每天一个班次"
    background = True

    def explain_title(self, problem: Problem) -> Text:
        return Text("one entry per agent and day", "每人每天一个班次")

    def domain(self, ix: Index, a: int, d: int, syms: set[int]) -> set[int]:
        offered = {FIRST_SHIFT + s for s in range(ix.S) if ix.instances[d][s] is not None}
        return syms & (offered | {REST_SYM, LEAVE_SYM})

    def check(self, view: View) -> list[Violation]:
        out = []
        ids = {a.id for a in view.agents}
        horizon = set(view.days)
        for who, when in view.cells:
            if who not in ids:
                out.append(Violation(self.name, f"{who}: not an agent of the team", who, when))
            elif when not in horizon:
                out.append(
                    Violation(self.name, f"{who} on {when}: date outside the roster", who, when)
                )
        for agent in view.agents:
            for day in view.days:
                cells = view.cells.get((agent.id, day), [])
                if len(cells) != 1:
                    what = "no entry" if not cells else f"{len(cells)} entries"
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id} on {day}: {what}",
                            agent.id,
                            day,
                            abs(len(cells) - 1),
                        )
                    )
                    continue
                code = cells[0].shift
                if code in (REST, LEAVE):
                    continue
                shift = view.shift_types.get(code)
                if shift is None:
                    out.append(
                        Violation(
                            self.name, f"{agent.id} on {day}: unknown shift '{code}'", agent.id, day
                        )
                    )
                elif not view.offered(shift, day):
                    out.append(
                        Violation(
                            self.name,
                            f"{agent.id} on {day}: shift '{code}' is not offered that day",
                            agent.id,
                            day,
                        )
                    )
        return out
