"""Head-count cover per shift and date (soft), with weights for under- and over-cover.

The `Cover` rows of the Curtois & Qu benchmark; the minimum per shift and the Demand
sheet are ``rostering/rules/coverage.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Rule, Term

if TYPE_CHECKING:
    from ..problem import Problem
    from .base import Encoding
    from .view import View


class ShiftCover(Rule):
    """Each `Cover` row asks for ``required`` agents on a shift on a date: every agent
    short costs ``under``, every agent too many costs ``over``. The term is the sum of
    these penalties (times the ``cover`` weight)."""

    name = "cover"
    title = "Shift cover"
    title_zh = "班次人数覆盖"
    terms = (
        Term(
            "cover",
            "cover",
            "points",
            default=1,
            zh="覆盖权重",
            help="points per point of Cover penalty (agents under or over a cover row)",
            help_zh="班次人数不足或超出的扣分倍数",
        ),
    )

    def applies(self, problem: Problem) -> bool:
        return bool(problem.cover)

    def encode(self, m: Encoding) -> None:
        ix = m.ix
        for row, cv in enumerate(ix.problem.cover):
            d, s = ix.day_index[cv.date], ix.shift_index[cv.shift]
            have = m.count(d, s) if ix.instances[d][s] is not None else 0
            most = len(m.agents_on(d, s))
            if cv.under and cv.required > 0:
                short = m.cp.new_int_var(0, cv.required, f"cover_under_{row}")
                m.cp.add(short >= cv.required - have)
                m.add_term("cover", cv.under * short)
            if cv.over and most > cv.required:
                extra = m.cp.new_int_var(0, most - cv.required, f"cover_over_{row}")
                m.cp.add(extra >= have - cv.required)
                m.add_term("cover", cv.over * extra)

    def cost(self, view: View) -> dict[str, int]:
        total = 0
        for cv in view.problem.cover:
            have = sum(1 for a in view.agents if view.code(a.id, cv.date) == cv.shift)
            if have < cv.required:
                total += (cv.required - have) * cv.under
            else:
                total += (have - cv.required) * cv.over
        return {"cover": total}
