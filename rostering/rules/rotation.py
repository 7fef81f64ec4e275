"""Rule 5, day/night rotation (白班晚班轮换)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..params import CodePair, DaysOrMonth, Param
from .base import Rule, Text, Violation

if TYPE_CHECKING:
    from ..index import Index
    from ..problem import Problem
    from .view import View

DAY_BLOCK, NIGHT_BLOCK = 0, 1


@dataclass(frozen=True)
class Blocks:
    """State: (kind of the current block, days already gone in it).

    Every (kind, position) is a possible start: that choice is the agent's phase.
    ``period`` None means calendar-month blocks.
    """

    day_syms: frozenset[int]
    night_syms: frozenset[int]
    period: int | None
    month_ends: frozenset[int]
    initial: tuple[tuple[int, int], ...] | None = None

    def all_starts(self) -> list[tuple[int, int]]:
        positions = range(self.period) if self.period else range(1)
        return [(kind, pos) for kind in (DAY_BLOCK, NIGHT_BLOCK) for pos in positions]

    def starts(self) -> list[tuple[int, int]]:
        return list(self.initial) if self.initial else self.all_starts()

    def step(self, day: int, state: tuple[int, int], sym: int) -> tuple[int, int] | None:
        kind, pos = state
        if (sym in self.day_syms and kind != DAY_BLOCK) or (
            sym in self.night_syms and kind != NIGHT_BLOCK
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
    alternate. A variant counts as its family (W0 is a W day). Each agent's first block
    may be shorter: the solver picks the phase. Rest, leave and other shift types do not
    count for or against the rotation. Counts, for the
    best phase, the days worked on the wrong shift for their block.
    """

    name = "rotation"
    number = 5
    title = "Day/night rotation"
    title_zh = "白晚班轮换"
    relax_rank = 40
    params = (
        Param(
            "rotation_period_days",
            "白晚班轮换周期",
            DaysOrMonth(1),
            7,
            "day/night rotation blocks: 7, 14 (days) or month",
            "白晚班轮换周期: 7、14 天或 month (按月)",
            off=0,
        ),
        Param(
            "rotation_shifts",
            "轮换班次",
            CodePair(),
            ("W", "N"),
            "the day and the night shift codes that rotate, e.g. W,N",
            "轮换的白班和晚班代码, 如 W,N",
        ),
    )

    def explain_title(self, problem: Problem) -> Text:
        period = problem.rules.rotation_period_days
        return Text(f"day/night rotation every {period} days", f"白晚班轮换周期 {period} 天")

    def relax(self, problem: Problem) -> Text:
        return Text(
            "use another rotation_period_days (7, 14 or month)",
            "换一个轮换周期 (7、14 天或按月)",
        )

    def automaton(self, ix: Index, a: int) -> Blocks | None:
        day, night = ix.rules.rotation_shifts
        if not ix.problem.rotates(ix.agents[a]):
            return None
        period = ix.rules.rotation_period_days
        blocks = Blocks(
            ix.family_syms(day),
            ix.family_syms(night),
            None if period == "month" else int(period),
            frozenset(p.last for p in ix.month_parts),
        )
        history = ix.history(a)
        if not history:
            return blocks
        return replace(blocks, initial=self._continue(ix, blocks, history))

    @staticmethod
    def _continue(
        ix: Index, blocks: Blocks, history: dict[int, int | None]
    ) -> tuple[tuple[int, int], ...] | None:
        """The (kind, position) states at the first day that the previous roster allows:
        run the blocks over its days (gaps count as days, unconstrained). None when the
        previous roster fits no phase (then every phase is open again)."""
        first = min(history)
        start = ix.days[0]
        ends = {
            offset for offset in range(first, 0) if (start + timedelta(days=offset + 1)).day == 1
        }
        walker = replace(blocks, month_ends=frozenset(ends), initial=None)
        states = set(walker.all_starts())
        for offset in range(first, 0):
            sym = history.get(offset)
            states = {
                nxt
                for state in states
                if (nxt := walker.step(offset, state, -1 if sym is None else sym)) is not None
            }
        return tuple(sorted(states)) or None

    def check(self, view: View) -> list[Violation]:
        day_code, night_code = view.rules.rotation_shifts
        period = view.rules.rotation_period_days
        out = []
        for agent in view.agents:
            if not view.problem.rotates(agent):
                continue
            history = view.history(agent.id)
            first = min(history, default=view.problem.start)
            days = [first + timedelta(days=i) for i in range((view.days[-1] - first).days + 1)]
            worked = [
                view.problem.family(code) if code is not None else None
                for code in (
                    history.get(d) if d < view.problem.start else view.code(agent.id, d)
                    for d in days
                )
            ]
            current = [d >= view.problem.start for d in days]
            if period == "month":
                months = list(dict.fromkeys((d.year, d.month) for d in days))
                phases = [[months.index((d.year, d.month)) for d in days]]
            else:
                p = int(period)
                phases = [
                    [0 if i < lead else 1 + (i - lead) // p for i in range(len(days))]
                    for lead in range(1, p + 1)
                ]
            fits: list[tuple[bool, int, date | None]] = []
            for blocks in phases:
                for first_kind in (day_code, night_code):
                    other = night_code if first_kind == day_code else day_code
                    wrong = [
                        (d, now)
                        for d, code, block, now in zip(days, worked, blocks, current, strict=True)
                        if code in (day_code, night_code)
                        and code != (first_kind if block % 2 == 0 else other)
                    ]
                    late = [d for d, now in wrong if now]
                    fits.append((len(late) < len(wrong), len(late), late[0] if late else None))
            # Phases that fit the previous roster come first; if none does, any phase.
            candidates = [f for f in fits if not f[0]] or fits
            _, count, when = min(candidates, key=lambda f: f[1])
            if count > 0:
                out.append(
                    Violation(
                        self.name,
                        f"{agent.id}: {count} day(s) break the {day_code}/{night_code} "
                        f"rotation of {period} days, first on {when}",
                        agent.id,
                        when,
                        count,
                    )
                )
        return out
