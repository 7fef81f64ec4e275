"""Rule 5, day/night rotation (白班晚班轮换)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .base import Rule, Violation

if TYPE_CHECKING:
    from ..index import Index
    from .view import View

DAY_BLOCK, NIGHT_BLOCK = 0, 1


@dataclass(frozen=True)
class Blocks:
    """State: (kind of the current block, days already gone in it).

    Every (kind, position) is a possible start: that choice is the agent's phase.
    ``period`` None means calendar-month blocks.
    """

    day_sym: int
    night_sym: int
    period: int | None
    month_ends: frozenset[int]

    def starts(self) -> list[tuple[int, int]]:
        positions = range(self.period) if self.period else range(1)
        return [(kind, pos) for kind in (DAY_BLOCK, NIGHT_BLOCK) for pos in positions]

    def step(self, day: int, state: tuple[int, int], sym: int) -> tuple[int, int] | None:
        kind, pos = state
        if (sym == self.day_sym and kind != DAY_BLOCK) or (
            sym == self.night_sym and kind != NIGHT_BLOCK
        ):
            return None
        if self.period is None:
            return (1 - kind, 0) if day in self.month_ends else state
        pos += 1
        return (1 - kind, 0) if pos == self.period else (kind, pos)

    def accept(self, state: tuple[int, int]) -> bool:
        return True


class Rotation(Rule):
    """Rotating agents alternate blocks of day work and night work.

    An agent allowed both rotation shifts (W and N) works, within one block of
    ``rotation_period_days`` days (or one calendar month), only one of them; blocks
    alternate. Each agent's first block may be shorter: the solver picks the phase. Rest,
    leave and other shift types do not count for or against the rotation. Counts, for the
    best phase, the days worked on the wrong shift for their block.
    """

    name = "rotation"
    number = 5
    title = "Day/night rotation"
    params = ("rotation_period_days", "rotation_shifts")

    def automaton(self, ix: Index, a: int) -> Blocks | None:
        day, night = ix.rules.rotation_shifts
        if not ix.problem.rotates(ix.agents[a]):
            return None
        period = ix.rules.rotation_period_days
        return Blocks(
            ix.sym(day),
            ix.sym(night),
            None if period == "month" else int(period),
            frozenset(p.last for p in ix.month_parts),
        )

    def check(self, view: View) -> list[Violation]:
        day_code, night_code = view.rules.rotation_shifts
        period = view.rules.rotation_period_days
        days = view.days
        if period == "month":
            months = list(dict.fromkeys((d.year, d.month) for d in days))
            block_of = [months.index((d.year, d.month)) for d in days]
            phases = [block_of]
        else:
            p = int(period)
            phases = [
                [0 if i < first else 1 + (i - first) // p for i in range(len(days))]
                for first in range(1, p + 1)
            ]
        out = []
        for agent in view.agents:
            if not view.problem.rotates(agent):
                continue
            worked = [view.code(agent.id, d) for d in days]
            best: tuple[int, date | None] = (len(days) + 1, None)
            for blocks in phases:
                for first_kind in (day_code, night_code):
                    other = night_code if first_kind == day_code else day_code
                    wrong = [
                        d
                        for d, code, block in zip(days, worked, blocks, strict=True)
                        if code in (day_code, night_code)
                        and code != (first_kind if block % 2 == 0 else other)
                    ]
                    if len(wrong) < best[0]:
                        best = (len(wrong), wrong[0] if wrong else None)
            if best[0] > 0:
                out.append(
                    Violation(
                        self.name,
                        f"{agent.id}: {best[0]} day(s) break the {day_code}/{night_code} "
                        f"rotation of {period} days, first on {best[1]}",
                        agent.id,
                        best[1],
                        best[0],
                    )
                )
        return out
