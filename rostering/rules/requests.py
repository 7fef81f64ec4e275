"""Requests (soft): preferred rest days and shifts are granted where possible."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..index import REST_SYM
from ..roster import REST
from .base import Rule, Term

if TYPE_CHECKING:
    from ..problem import Problem, Request
    from .base import Encoding
    from .view import View


def granted(view: View, request: Request) -> bool:
    """Whether the roster of ``view`` grants ``request``: the agent rests (or works the
    shift asked for, or one of its variants) that day, or, with ``avoid``, does not."""
    code = view.code(request.agent, request.date)
    if request.shift is None:
        met = code == REST
    else:
        met = code is not None and view.problem.counts_as(code, request.shift)
    return met != request.avoid


class Requests(Rule):
    """Agents' requests to rest, or to work or avoid a shift, on a date.

    A shift's variants count as the shift (a request for N is granted by N2). Counts the
    weight of every request not granted.
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

    def encode(self, m: Encoding) -> None:
        ix = m.ix
        for rq in ix.problem.requests:
            a, d = ix.agent_index[rq.agent], ix.day_index[rq.date]
            syms = {REST_SYM} if rq.shift is None else ix.family_syms(rq.shift)
            granted = sum(m.xvar(a, d, sym) for sym in sorted(syms))
            m.add_term("requests", rq.weight * (granted if rq.avoid else 1 - granted))

    def cost(self, view: View) -> dict[str, int]:
        total = 0
        for rq in view.problem.requests:
            if not granted(view, rq):
                total += rq.weight
        return {"requests": total}
