"""Extra rest days (soft): in ``min`` mode, rest days beyond the month's count cost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..index import REST_SYM
from ..roster import REST
from .base import Rule, Term
from .rest import RestDays, rest_days_required

if TYPE_CHECKING:
    from ..problem import Problem
    from .base import Encoding
    from .view import View


class ExtraRest(Rule):
    """With ``rest_days_mode`` ``min`` (at least so many rest days a month), each rest
    day beyond the month's count costs: more rest is given where the rules need it (the
    days in a row across two months, coverage), never for free.

    Counts, per agent and calendar month, the rest days above the count the rest-day rule
    requires (weight ``extra_rest``, Rules sheet key ``weight_extra_rest``).
    """

    name = "extra_rest"
    title = "Extra rest days"
    title_zh = "多休天数"
    terms = (
        Term(
            "extra_rest",
            "extra_rest",
            "rest days",
            default=5,
            zh="多休一天的权重",
            help="points per rest day above the count (min mode)",
            help_zh="至少模式下每多休一天的扣分",
        ),
    )

    def applies(self, problem: Problem) -> bool:
        return problem.rules.rest_days_mode == "min"

    def encode(self, m: Encoding) -> None:
        for unit in m.units:
            required = RestDays().automaton(m.ix, unit.members[0]).required
            for part in m.ix.month_parts:
                rest = sum(
                    unit.counts[d].get(REST_SYM, 0) for d in range(part.first, part.last + 1)
                )
                # The rest-day rule keeps it at least the count: the excess is >= 0.
                m.add_term("extra_rest", rest - len(unit.members) * required[part.first])

    def cost(self, view: View) -> dict[str, int]:
        if view.rules.rest_days_mode != "min":
            return {"extra_rest": 0}
        total = 0
        for agent in view.agents:
            for _month, days, wanted in rest_days_required(view, agent.id):
                rested = sum(1 for d in days if view.code(agent.id, d) == REST)
                total += max(0, rested - wanted)
        return {"extra_rest": total}
