"""Requests (soft): preferred rest days and shifts are granted where possible."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..index import REST_SYM
from ..roster import REST
from .base import Rule, Term

if TYPE_CHECKING:
    from ..model import Model
    from ..problem import Problem
    from .view import View


class Requests(Rule):
    """Agents' requests to rest, or to work or avoid a shift, on a date.

    Counts the weight of every request not granted.
    """

    name = "requests"
    title = "Requests"
    title_zh = "个人请求"
    terms = (
        Term(
            "requests",
            "requests",
            "requests",
            default=2,
            zh="个人请求权重",
            help="points per unit of request weight not granted",
            help_zh="每个未满足请求 (按其权重) 的扣分",
        ),
    )

    def applies(self, problem: Problem) -> bool:
        return bool(problem.requests)

    def encode(self, m: Model) -> None:
        ix = m.ix
        for rq in ix.problem.requests:
            a, d = ix.agent_index[rq.agent], ix.day_index[rq.date]
            sym = REST_SYM if rq.shift is None else ix.sym(rq.shift)
            granted = m.xvar(a, d, sym)
            m.add_term("requests", rq.weight * (granted if rq.avoid else 1 - granted))

    def cost(self, view: View) -> dict[str, int]:
        total = 0
        for rq in view.problem.requests:
            met = view.code(rq.agent, rq.date) == (REST if rq.shift is None else rq.shift)
            if met == rq.avoid:
                total += rq.weight
        return {"requests": total}
