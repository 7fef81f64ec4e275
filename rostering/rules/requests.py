"""Requests (soft): preferred rest days and shifts are granted where possible."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..index import REST_SYM
from ..roster import REST
from .base import Rule, Term

if TYPE_CHECKING:
    from ..model import Model
    from ..problem import Problem, Request
    from .view import View


def granted(view: View, request: Request) -> bool:
    """Whether the roster of ``view`` grants ``request``: the agent rests (or works the
    shift asked for) that day, or, with ``avoid``, does not."""
    met = view.code(request.agent, request.date) == (
        REST if request.shift is None else request.shift
    )
    return met != request.avoid


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
            if not granted(view, rq):
                total += rq.weight
        return {"requests": total}
