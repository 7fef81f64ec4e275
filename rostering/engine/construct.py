"""A fast constructive roster: a starting point for the solver.

Every agent gets a legal month (a path through the agent's graph, so every per-agent rule
holds). Agents are placed one at a time, pre-sales first, then after-sales, then the other
roles, each on the month that best serves the team so far: it scores every day and shift by
how many cross-agent rules placing the agent there would mend or break (the shifts'
minimum, role ratios, after-sales beside pre-sales, a same-role agent on the incoming shift
of each handover), then by demand still unmet, then by how crowded the shift already is. A
best path through a layered graph is a simple dynamic programme. Then a few rounds of
"take one agent out, put them back on their best month" mend what the first pass left
(breaches first, then demand still unmet), while they improve.
The result may still break a cross-agent rule here and there; the solver repairs it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from ..index import FIRST_SHIFT, REST_SYM, Index
from ..roles import AFTERSALES, PRESALES, ROLES
from ..rules.base import Rule
from .automaton import Dag


class Built(Protocol):
    """What the constructive start reads of a built model (`rostering.engine.model.Model`,
    which imports this module): its index, each agent's graph of legal months and the
    rules it encodes."""

    @property
    def ix(self) -> Index: ...

    @property
    def dags(self) -> Sequence[Dag | None]: ...

    @property
    def rules(self) -> Sequence[Rule]: ...


# Score of placing an agent on a day and shift, per unit.
BROKEN = 100.0  # a cross-agent rule mended (+) or broken (-)
WANTED = 10.0  # demand met that was not
CROWD = 1.0  # an agent already there (spreads agents over the shifts)
REQUEST = 5.0  # a rest-day request granted
ROUNDS = 6  # rounds of taking agents out and putting them back


def best_path(dag: Dag, weight: Sequence[dict[int, float]]) -> tuple[int, ...]:
    """The path through ``dag`` with the largest sum of ``weight[d][sym]`` (ties go to
    the first arc found, so the result is deterministic)."""
    value: list[float] = [0.0] * dag.sizes[-1]
    choice: list[list[tuple[int, int]]] = []
    for d in range(dag.num_days - 1, -1, -1):
        best = [-math.inf] * dag.sizes[d]
        pick = [(0, 0)] * dag.sizes[d]
        for src, sym, dst in dag.arcs[d]:
            score = weight[d].get(sym, 0.0) + value[dst]
            if score > best[src]:
                best[src], pick[src] = score, (sym, dst)
        value = best
        choice.append(pick)
    choice.reverse()
    node = max(range(dag.sizes[0]), key=lambda n: (value[n], -n))
    path = []
    for d in range(dag.num_days):
        sym, node = choice[d][node]
        path.append(sym)
    return tuple(path)


class _Team:
    """Counts per day, shift and role of the agents placed so far, and the rule breaches
    they cause."""

    def __init__(self, ix: Index) -> None:
        self.ix = ix
        self.counts: dict[tuple[int, int, str], int] = {}
        self.totals: dict[tuple[int, int], int] = {}
        self.minimum = ix.rules.min_agents_per_shift
        allowed = {
            (a.role, st.code)
            for a in ix.agents
            for st in ix.shifts
            if ix.problem.allows(a, st.code)
        }
        self.ratios = {
            s: [
                (role, ratio.numerator, ratio.denominator)
                for role, ratio in ix.rules.role_ratios.items()
                if (role, ix.shifts[s].code) in allowed and ratio > 0
            ]
            for s in range(ix.S)
        }
        self.follow = ix.rules.aftersales_follows_presales and bool(ix.agents_of_role(AFTERSALES))
        self.pairs: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
        for out, inc in ix.handover_pairs:
            pair = (out.day, out.shift, inc.day, inc.shift)
            self.pairs.setdefault((out.day, out.shift), []).append(pair)
            self.pairs.setdefault((inc.day, inc.shift), []).append(pair)
        self.demand: dict[tuple[int, int, str | None], int] = {}
        for dm in ix.problem.demand:
            if dm.kind != "shift":
                continue  # windows and whole days: the shifts' minimum is a fair proxy
            s = ix.shift_index[dm.shift]  # type: ignore[index]
            for d in [ix.day_index[dm.date]] if dm.date is not None else range(ix.D):
                key = (d, s, dm.role)
                self.demand[key] = max(self.demand.get(key, 0), dm.required)

        self.cover_weight = ix.problem.weights.cover
        self.cover: dict[tuple[int, int], tuple[int, int, int]] = {}
        for cv in ix.problem.cover:
            cell = (ix.day_index[cv.date], ix.shift_index[cv.shift])
            required, under, over = self.cover.get(cell, (0, 0, 0))
            self.cover[cell] = (max(required, cv.required), under + cv.under, over + cv.over)

    def move(self, d: int, s: int, role: str, by: int) -> None:
        self.counts[(d, s, role)] = self.counts.get((d, s, role), 0) + by
        self.totals[(d, s)] = self.totals.get((d, s), 0) + by

    def _breaches(self, d: int, s: int) -> int:
        """Breaches on one day and shift: minimum, ratios, after-sales beside pre-sales."""
        count = self.counts.get
        out = max(0, self.minimum - self.totals.get((d, s), 0))
        presales = count((d, s, PRESALES), 0)
        for role, num, den in self.ratios[s]:
            out += max(0, num * presales // den - count((d, s, role), 0))
        if self.follow and presales and not count((d, s, AFTERSALES), 0):
            out += 1
        return out

    def _handovers(self, pair: tuple[int, int, int, int], role: str) -> int:
        od, os_, nd, ns = pair
        return int(
            bool(self.counts.get((od, os_, role), 0)) and not self.counts.get((nd, ns, role), 0)
        )

    def gain(self, d: int, s: int, role: str) -> float:
        """The score of adding one agent of ``role`` on day ``d``, shift ``s``."""
        before = self._breaches(d, s) + sum(
            self._handovers(p, role) for p in self.pairs.get((d, s), ())
        )
        self.move(d, s, role, 1)
        after = self._breaches(d, s) + sum(
            self._handovers(p, role) for p in self.pairs.get((d, s), ())
        )
        self.move(d, s, role, -1)
        have = self.counts.get((d, s, role), 0)
        total = self.totals.get((d, s), 0)
        wanted = self.demand.get((d, s, role), 0) > have or self.demand.get((d, s, None), 0) > total
        required, under, over = self.cover.get((d, s), (0, 0, 0))
        cover = self.cover_weight * (under if total < required else -over)
        return BROKEN * (before - after) + WANTED * wanted + cover - CROWD * have

    def cover_cost(self) -> int:
        """The cover term of the roster placed so far (points)."""
        total = 0
        for (d, s), (required, under, over) in self.cover.items():
            have = self.totals.get((d, s), 0)
            total += under * (required - have) if have < required else over * (have - required)
        return self.cover_weight * total

    def unmet(self) -> int:
        """Demand (per shift) not met by the roster placed so far, in agents."""
        out = 0
        for (d, s, role), required in self.demand.items():
            have = self.totals.get((d, s), 0) if role is None else self.counts.get((d, s, role), 0)
            out += max(0, required - have)
        return out

    def breaches(self) -> int:
        """All breaches of the roster placed so far."""
        ix = self.ix
        total = 0
        for d in range(ix.D):
            for s in range(ix.S):
                if ix.instances[d][s] is not None:
                    total += self._breaches(d, s)
        roles = set(ix.roles)
        seen = {p for pairs in self.pairs.values() for p in pairs}
        return total + sum(self._handovers(p, r) for p in seen for r in roles)


def construct(
    model: Built,
    deadline: float | None = None,
    on_mended: Callable[[dict[int, tuple[int, ...]]], None] | None = None,
) -> dict[int, tuple[int, ...]]:
    """A legal month for every agent with a graph: ``{agent index: symbols by day}``.

    With a ``deadline`` (`time.perf_counter` seconds) no new round of improvement starts
    after it once the rounds have mended every breach. ``on_mended`` is called once with
    the months when every breach is mended and more rounds are to come (a roster to show
    early)."""
    ix = model.ix
    agents = sorted(
        (a for a in range(ix.A) if model.dags[a] is not None),
        key=lambda a: (
            _role_rank(ix.agents[a].role),
            model.dags[a].count_paths(),  # type: ignore[union-attr]
            a,
        ),
    )
    team = _Team(ix)
    requests = {
        (ix.agent_index[r.agent], ix.day_index[r.date])
        for r in ix.problem.requests
        if r.shift is None and not r.avoid
    }
    wishes: dict[tuple[int, int], dict[int, float]] = {}
    for r in ix.problem.requests:
        if r.shift is None:
            continue
        cell = wishes.setdefault((ix.agent_index[r.agent], ix.day_index[r.date]), {})
        sym = ix.sym(r.shift)
        cell[sym] = cell.get(sym, 0.0) + ix.problem.weights.requests * r.weight * (
            -1 if r.avoid else 1
        )
    chosen: dict[int, tuple[int, ...]] = {}

    def place(a: int) -> None:
        role = ix.agents[a].role
        weight: list[dict[int, float]] = []
        for d in range(ix.D):
            day = {
                FIRST_SHIFT + s: team.gain(d, s, role)
                for s in range(ix.S)
                if ix.instances[d][s] is not None
            }
            if (a, d) in requests:
                day[REST_SYM] = REQUEST
            for sym, bonus in wishes.get((a, d), {}).items():
                if sym in day:
                    day[sym] += bonus
            weight.append(day)
        path = fitting_path(model, a, weight)
        chosen[a] = path
        for d, sym in enumerate(path):
            if sym >= FIRST_SHIFT:
                team.move(d, sym - FIRST_SHIFT, role, 1)

    def take_out(a: int) -> None:
        for d, sym in enumerate(chosen[a]):
            if sym >= FIRST_SHIFT:
                team.move(d, sym - FIRST_SHIFT, ix.agents[a].role, -1)

    def score() -> tuple[int, int]:
        return team.breaches(), team.unmet() + team.cover_cost()

    for a in agents:
        place(a)
    left = score()
    for _round in range(ROUNDS):
        if left == (0, 0):
            break
        if deadline is not None and left[0] == 0 and time.perf_counter() >= deadline:
            break
        if on_mended is not None and left[0] == 0:
            shown = time.perf_counter()
            on_mended(dict(chosen))
            on_mended = None
            if deadline is not None:  # the rounds keep the time they had
                deadline += time.perf_counter() - shown
        kept = dict(chosen)
        for a in agents:
            take_out(a)
            place(a)
        now = score()
        if now >= left:
            if now > left:  # worse: go back to the months before this round
                for a in agents:
                    take_out(a)
                chosen.clear()
                chosen.update(kept)
                for a in agents:
                    for d, sym in enumerate(chosen[a]):
                        if sym >= FIRST_SHIFT:
                            team.move(d, sym - FIRST_SHIFT, ix.agents[a].role, 1)
            break
        left = now
    return chosen


#: Rounds of re-weighting an agent's month towards the limits the graph does not hold.
FIT_ROUNDS = 40
FIT_STEP = 8.0


class _Multiplier:
    """A bonus moved up or down by a step that doubles while the direction holds and
    halves when it turns (a simple one-dimensional search)."""

    def __init__(self) -> None:
        self.value = 0.0
        self.step = FIT_STEP
        self.last = 0

    def push(self, direction: int) -> None:
        if direction == 0:
            return
        if self.last and direction != self.last:
            self.step /= 2
        elif self.last:
            self.step *= 2
        self.value += direction * self.step
        self.last = direction


def fitting_path(model: Built, a: int, weight: list[dict[int, float]]) -> tuple[int, ...]:
    """The best path of agent ``a``, re-weighted while it breaks a rule's
    `Rule.pattern_ok` (limits counted over the horizon, which the graph does not hold):
    a bonus for working days, and costs for each shift type and for weekend work, each
    pushed by the limits the path breaks. The plain best path when no round fits."""
    ix = model.ix
    dag = model.dags[a]
    assert dag is not None
    checks = [r for r in model.rules if type(r).pattern_ok is not Rule.pattern_ok]
    limits = ix.problem.limits_of(ix.agents[a].id)
    weekend = {d for d, day in enumerate(ix.days) if day.weekday() >= 5}
    length = {FIRST_SHIFT + s: shift.minutes for s, shift in enumerate(ix.shifts)}
    work, weekend_cost = _Multiplier(), _Multiplier()
    cost = {sym: _Multiplier() for sym in ix.shift_syms}
    plain: tuple[int, ...] | None = None
    for _round in range(FIT_ROUNDS if checks else 1):
        shifted = [
            {
                sym: day.get(sym, 0.0)
                + work.value
                - cost[sym].value
                - (weekend_cost.value if d in weekend else 0.0)
                for sym in ix.shift_syms
            }
            | {sym: w for sym, w in day.items() if sym < FIRST_SHIFT}
            for d, day in enumerate(weight)
        ]
        path = best_path(dag, shifted)
        plain = plain or path
        if all(r.pattern_ok(ix, a, path) for r in checks):
            return path
        minutes = sum(length.get(sym, 0) for sym in path)
        worked = [sym for sym in path if sym >= FIRST_SHIFT]
        weekends = len({ix.days[d].isocalendar()[:2] for d in weekend if path[d] >= FIRST_SHIFT})
        more = less = 0
        heavy: set[int] = set()
        for lim in limits:
            if lim.kind == "min_minutes" and minutes < lim.value:
                more = 1
            elif (lim.kind == "max_minutes" and minutes > lim.value) or (
                lim.kind == "max_shifts" and lim.shift is None and len(worked) > lim.value
            ):
                less = 1
            elif lim.kind == "max_shifts" and lim.shift is not None:
                sym = ix.sym(lim.shift)
                if worked.count(sym) > lim.value:
                    heavy.add(sym)
        work.push(more - less)
        for sym, mult in cost.items():
            mult.push(1 if sym in heavy else 0)
        limit = min((x.value for x in limits if x.kind == "max_weekends"), default=None)
        weekend_cost.push(1 if limit is not None and weekends > limit else 0)
    assert plain is not None
    return plain


def _role_rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else len(ROLES)
