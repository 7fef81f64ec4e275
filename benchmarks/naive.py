"""The naive baseline: the textbook CP-SAT rostering model, written plainly.

One Boolean ``x[a, d, c]`` per agent ``a``, day ``d`` and code ``c`` (every shift type,
rest and leave), and every rule posted directly, per agent where the rule is about one
agent:

1. one thing a day: ``sum_c x[a, d, c] == 1``; shifts not offered or not allowed are 0;
2. rest days: ``sum_d x[a, d, REST]`` equals (or, in ``min`` mode, is at least) the
   prorated count of each calendar month;
3. days in a row: every window of ``max_consecutive_work_days + 1`` days has a rest or
   leave day;
4. rest between shifts: forbidden pairs ``x[a, d, s] + x[a, d', t] <= 1`` wherever the
   gap from the end of ``s`` to the actual (early, for a handover) start of ``t`` is
   shorter than ``min_rest_hours``;
5. rotation: per rotating agent, one Boolean per phase (first block kind x position in
   the block, ``2 * period`` of them), exactly one; each day the phase says which of the
   day and night shift the agent may work;
6. handover: per outgoing and incoming shift and role, an outgoing agent of that role
   implies an incoming agent of that role;
7. role ratios with floor, and after-sales on duty through every segment pre-sales works;
8. at least ``min_agents_per_shift`` on every shift offered;
9. leave fixed, disallowed shifts 0; 10. no rest on promotion days;

and the soft terms with `rostering.Weights` and the product's units (agent-minutes for
per-hour terms, 60 per point otherwise): demand shortfall, peak coverage (lowest slot,
then total), requests and fairness spreads.

Not modelled (the generator uses neither; `NaiveModel` refuses such problems): a previous
roster carried over, and agents' second roles.

No other work: no automata, no symmetry breaking, no hints, no redundant constraints.
The CP-SAT parameters are the product's (`rostering.Model.solve`), so the comparison is
fair. The roster is returned as a `rostering.Roster` (times omitted) for
`rostering.check` to judge.
"""

from __future__ import annotations

import itertools
import threading
import time as _time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ortools.sat.python import cp_model

from rostering import LEAVE, REST, Assignment, Problem, Roster
from rostering.problem import minutes_of
from rostering.roles import AFTERSALES, PRESALES

DAY = 1440
SCALE = 60
"""Model objective units per point (as in the product)."""

_STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.UNKNOWN: "unknown",
    cp_model.MODEL_INVALID: "model_invalid",
}


@dataclass(frozen=True)
class Slot:
    """A shift type offered on a day: nominal and actual (early) start, end, in minutes
    from 00:00 of the first day."""

    day: int
    code: str
    start: int
    end: int
    actual_start: int


@dataclass
class NaiveResult:
    """Outcome of a naive solve; times are wall seconds."""

    status: str
    roster: Roster | None
    objective: float | None
    bound: float | None
    build_time: float
    runtime: float
    first_solution: float | None
    solutions: int
    stats: dict[str, int] = field(default_factory=dict)

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        return max(0.0, self.objective - self.bound) / max(1.0, abs(self.objective))


class NaiveModel:
    """The naive CP-SAT model of a `Problem`; built on construction.

    Parameters
    ----------
    problem
        The team, month and rules.
    """

    def __init__(self, problem: Problem) -> None:
        if problem.previous is not None or any(a.secondary_role for a in problem.agents):
            raise ValueError("the naive model has no previous roster and no second roles")
        started = _time.perf_counter()
        self.problem = problem
        self.rules = problem.rules
        self.days: list[date] = problem.days
        self.D = len(self.days)
        self.cp = cp_model.CpModel()
        self.codes = [s.code for s in problem.shifts] + [REST, LEAVE]
        self._allowed: dict[tuple[str, str | None], list[int]] = {}
        self._slots()
        self.x: list[list[dict[str, Any]]] = [
            [{c: self.cp.new_bool_var(f"x_{a}_{d}_{c}") for c in self.codes} for d in range(self.D)]
            for a in range(len(problem.agents))
        ]
        self.objective: list[Any] = []
        self.terms: dict[str, list[Any]] = {}
        self._one_thing_a_day()
        self._rest_days()
        self._days_in_a_row()
        self._min_rest()
        self._rotation()
        self._handover()
        self._ratios()
        self._coverage()
        self._promotion()
        self._demand()
        self._peaks()
        self._requests()
        self._fairness()
        self.cp.minimize(sum(self.objective))
        self.build_time = _time.perf_counter() - started

    # -- shift slots -------------------------------------------------------------------
    def _slots(self) -> None:
        used = {c for a in self.problem.agents for c in a.shifts}
        nominal: dict[tuple[int, str], tuple[int, int]] = {}
        for d, day in enumerate(self.days):
            for s in self.problem.shifts:
                if s.code in used and s.exists_on(day):
                    start = d * DAY + minutes_of(s.start)
                    nominal[d, s.code] = (start, start + s.minutes)
        self.slots: dict[tuple[int, str], Slot] = {}
        for (d, code), (start, end) in nominal.items():
            takes_over = any(
                other_end == start
                for (od, oc), (_os, other_end) in nominal.items()
                if od in (d - 1, d) and (od, oc) != (d, code)
            )
            early = self.rules.handover_min_minutes if takes_over else 0
            self.slots[d, code] = Slot(d, code, start, end, start - early)

    def _agents(self, code: str, role: str | None = None) -> list[int]:
        """Agents (of ``role``) allowed shift ``code``."""
        key = (code, role)
        if key not in self._allowed:
            self._allowed[key] = [
                a
                for a, agent in enumerate(self.problem.agents)
                if code in agent.shifts and (role is None or agent.role == role)
            ]
        return self._allowed[key]

    def _count(self, slot: Slot, role: str | None = None) -> Any:
        return sum(self.x[a][slot.day][slot.code] for a in self._agents(slot.code, role))

    def _work(self, a: int, d: int) -> Any:
        return sum(self.x[a][d][s.code] for s in self.problem.shifts)

    # -- hard rules --------------------------------------------------------------------
    def _one_thing_a_day(self) -> None:
        for a, agent in enumerate(self.problem.agents):
            leave = self.problem.leave_of(agent.id)
            for d, day in enumerate(self.days):
                x = self.x[a][d]
                self.cp.add(sum(x.values()) == 1)
                self.cp.add(x[LEAVE] == (1 if day in leave else 0))
                for s in self.problem.shifts:
                    if (d, s.code) not in self.slots or s.code not in agent.shifts:
                        self.cp.add(x[s.code] == 0)

    def _rest_days(self) -> None:
        rules = self.rules
        months: dict[tuple[int, int], list[int]] = {}
        for d, day in enumerate(self.days):
            months.setdefault((day.year, day.month), []).append(d)
        promo = set(rules.promotion_days) if rules.promotion_all_on_duty else set()
        for a, agent in enumerate(self.problem.agents):
            leave = self.problem.leave_of(agent.id)
            for (year, month), ds in months.items():
                length = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
                wanted = (2 * rules.rest_days_per_month * len(ds) + length) // (2 * length)
                free = [d for d in ds if self.days[d] not in leave and self.days[d] not in promo]
                wanted = min(wanted, len(free))
                rested = sum(self.x[a][d][REST] for d in ds)
                if rules.rest_days_mode == "exact":
                    self.cp.add(rested == wanted)
                else:
                    self.cp.add(rested >= wanted)
                    self.cp.add(rested <= wanted + rules.max_extra_rest_days)

    def _days_in_a_row(self) -> None:
        limit = self.rules.max_consecutive_work_days
        for a in range(len(self.problem.agents)):
            for first in range(self.D - limit):
                self.cp.add(sum(self._work(a, d) for d in range(first, first + limit + 1)) <= limit)

    def _min_rest(self) -> None:
        need = self.rules.min_rest_minutes
        forbidden = [
            (one, two)
            for one in self.slots.values()
            for two in self.slots.values()
            if one.day < two.day <= one.day + 3 and two.actual_start - one.end < need
        ]
        for a, agent in enumerate(self.problem.agents):
            for one, two in forbidden:
                if one.code in agent.shifts and two.code in agent.shifts:
                    self.cp.add_bool_or(
                        [self.x[a][one.day][one.code].Not(), self.x[a][two.day][two.code].Not()]
                    )

    def _rotation(self) -> None:
        day_code, night_code = self.rules.rotation_shifts
        period = self.rules.rotation_period_days
        if period == "month":
            months = list(dict.fromkeys((d.year, d.month) for d in self.days))
            phases = [(kind, 0) for kind in (0, 1)]

            def block(pos: int, d: int) -> int:
                return months.index((self.days[d].year, self.days[d].month))

        else:
            p = int(period)
            phases = [(kind, pos) for kind in (0, 1) for pos in range(p)]

            def block(pos: int, d: int) -> int:
                return (pos + d) // p

        for a, agent in enumerate(self.problem.agents):
            if not self.problem.rotates(agent):
                continue
            phase = [self.cp.new_bool_var(f"phase_{a}_{k}_{pos}") for k, pos in phases]
            self.cp.add_exactly_one(phase)
            for d in range(self.D):
                night = sum(
                    var
                    for var, (kind, pos) in zip(phase, phases, strict=True)
                    if (kind + block(pos, d)) % 2 == 1
                )
                self.cp.add(self.x[a][d][day_code] + night <= 1)
                self.cp.add(self.x[a][d][night_code] <= night)

    def _handover(self) -> None:
        roles = list(dict.fromkeys(a.role for a in self.problem.agents))
        for out in self.slots.values():
            for inc in self.slots.values():
                if inc is out or inc.start != out.end:
                    continue
                for role in roles:
                    givers = self._agents(out.code, role)
                    if not givers:
                        continue
                    takers = self._agents(inc.code, role)
                    if not takers:
                        for a in givers:
                            self.cp.add(self.x[a][out.day][out.code] == 0)
                        continue
                    met = self.cp.new_bool_var(f"handover_{out.day}_{out.code}_{inc.code}_{role}")
                    for a in givers:
                        self.cp.add(self.x[a][out.day][out.code] <= met)
                    self.cp.add(sum(self.x[a][inc.day][inc.code] for a in takers) >= met)

    def _ratios(self) -> None:
        for slot in self.slots.values():
            presales = self._count(slot, PRESALES)
            for role, ratio in self.rules.role_ratios.items():
                if not self._agents(slot.code, role):
                    continue
                num, den = ratio.numerator, ratio.denominator
                self.cp.add(den * self._count(slot, role) >= num * presales - (den - 1))
        if not self.rules.aftersales_follows_presales or not any(
            a.role == AFTERSALES for a in self.problem.agents
        ):
            return
        after = [s for s in self.slots.values() if self._agents(s.code, AFTERSALES)]
        for slot in self.slots.values():
            pre = self._agents(slot.code, PRESALES)
            if not pre:
                continue
            on = self.cp.new_bool_var(f"presales_on_{slot.day}_{slot.code}")
            for a in pre:
                self.cp.add(self.x[a][slot.day][slot.code] <= on)
            cuts = sorted(
                {slot.start, slot.end}
                | set(range((slot.start // 60 + 1) * 60, slot.end, 60))
                | {t for s in after for t in (s.start, s.end) if slot.start < t < slot.end}
            )
            for lo, hi in itertools.pairwise(cuts):
                cover = [s for s in after if s.start <= lo and hi <= s.end]
                self.cp.add(sum(self._count(s, AFTERSALES) for s in cover) >= on)

    def _coverage(self) -> None:
        need = self.rules.min_agents_per_shift
        if need > 0:
            for slot in self.slots.values():
                self.cp.add(self._count(slot) >= need)

    def _promotion(self) -> None:
        if not self.rules.promotion_all_on_duty:
            return
        for day in self.rules.promotion_days:
            d = self.days.index(day)
            for a in range(len(self.problem.agents)):
                self.cp.add(self.x[a][d][REST] == 0)

    # -- soft terms --------------------------------------------------------------------
    def _add(self, weight: str, expr: Any, per_hour: bool = False) -> None:
        w: int = getattr(self.problem.weights, weight)
        self.objective.append((w if per_hour else w * SCALE) * expr)
        self.terms.setdefault(weight, []).append(expr)

    def _demand(self) -> None:
        used = {c for a in self.problem.agents for c in a.shifts}
        day_minutes = min((s.minutes for s in self.problem.shifts if s.code in used), default=0)
        for row, dm in enumerate(self.problem.demand):
            ds = [self.days.index(dm.date)] if dm.date is not None else range(self.D)
            for d in ds:
                if dm.required == 0:
                    continue
                if dm.shift is not None:
                    slot = self.slots.get((d, dm.shift))
                    have = self._count(slot, dm.role) if slot else 0
                    minutes = self.problem.shift(dm.shift).minutes
                elif dm.start is not None and dm.end is not None:
                    start = d * DAY + minutes_of(dm.start)
                    minutes = (minutes_of(dm.end) - minutes_of(dm.start)) % DAY or DAY
                    have = sum(
                        self._count(s, dm.role)
                        for s in self.slots.values()
                        if s.start <= start and start + minutes <= s.end
                    )
                else:
                    have = sum(self._count(s, dm.role) for s in self.slots.values() if s.day == d)
                    minutes = day_minutes
                short = self.cp.new_int_var(0, dm.required, f"short_{row}_{d}")
                self.cp.add(short >= dm.required - have)
                self._add("unmet_demand", short * minutes, per_hour=True)

    def _peaks(self) -> None:
        cuts: set[tuple[int, int]] = set()
        for day in self.rules.promotion_days:
            d = self.days.index(day)
            for window in self.problem.peak_windows(day):
                start = d * DAY + minutes_of(window.start)
                end = start + ((minutes_of(window.end) - minutes_of(window.start)) % DAY or DAY)
                points = {start, end} | set(range((start // 60 + 1) * 60, end, 60))
                cuts.update(itertools.pairwise(sorted(points)))
        leave = [self.problem.leave_of(a.id) for a in self.problem.agents]
        found = []
        for lo, hi in sorted(cuts):
            cover = [s for s in self.slots.values() if s.start <= lo and hi <= s.end]
            possible = sum(
                1
                for a, agent in enumerate(self.problem.agents)
                if any(s.code in agent.shifts and self.days[s.day] not in leave[a] for s in cover)
            )
            if possible:
                found.append((lo, hi, sum(self._count(s) for s in cover), possible))
        if not found:
            return
        floor = min(p for *_rest, p in found)
        lowest = self.cp.new_int_var(0, floor, "peak_lowest")
        for lo, hi, online, possible in found:
            self.cp.add(lowest <= online)
            self._add("peak_total", (possible - online) * (hi - lo), per_hour=True)
        self._add("peak_min", floor - lowest)

    def _requests(self) -> None:
        index = {a.id: i for i, a in enumerate(self.problem.agents)}
        for rq in self.problem.requests:
            granted = self.x[index[rq.agent]][self.days.index(rq.date)][rq.shift or REST]
            self._add("requests", rq.weight * (granted if rq.avoid else 1 - granted))

    def _fairness(self) -> None:
        agents = self.problem.agents
        nights = [s.code for s in self.problem.shifts if s.crosses_midnight]
        weekend = [d for d, day in enumerate(self.days) if day.weekday() >= 5]
        promo = [self.days.index(day) for day in self.rules.promotion_days]
        groups: list[tuple[str, list[int], Callable[[int], Any]]] = [
            (
                "nights",
                [a for a, agent in enumerate(agents) if set(nights) & set(agent.shifts)],
                lambda a: sum(self.x[a][d][c] for d in range(self.D) for c in nights),
            ),
            (
                "weekend_rest",
                list(range(len(agents))),
                lambda a: sum(self.x[a][d][REST] for d in weekend),
            ),
            (
                "promotion_work",
                list(range(len(agents))) if promo else [],
                lambda a: sum(self._work(a, d) for d in promo),
            ),
        ]
        for label, members, value in groups:
            if len(members) < 2:
                continue
            most = self.cp.new_int_var(0, self.D, f"fair_{label}_max")
            fewest = self.cp.new_int_var(0, self.D, f"fair_{label}_min")
            for a in members:
                v = value(a)
                self.cp.add(most >= v)
                self.cp.add(fewest <= v)
            self._add("fairness", most - fewest)

    # -- solving -----------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        """Variables and constraints of the CP-SAT model."""
        proto = self.cp.proto
        return {"variables": len(proto.variables), "constraints": len(proto.constraints)}

    def solve(
        self,
        *,
        time_limit: float,
        workers: int = 2,
        seed: int = 0,
        deterministic: bool = True,
        log: bool = False,
    ) -> NaiveResult:
        """Solve with the product's CP-SAT parameters.

        Parameters
        ----------
        time_limit
            Deterministic seconds (or wall seconds when ``deterministic`` is false).
        workers
            Search threads.
        seed
            CP-SAT random seed.
        deterministic
            Stop on deterministic time, with the product's wall-clock guard
            (``3 * time_limit + 10``) and interleaved search when ``workers > 1``.
        log
            Print CP-SAT's search log.

        Returns
        -------
        NaiveResult
            Status, roster, objective and bound in points, wall times.
        """
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = workers
        params.random_seed = seed
        params.log_search_progress = log
        if deterministic:
            params.max_deterministic_time = time_limit
            params.max_time_in_seconds = 3 * time_limit + 10
            params.interleave_search = workers > 1
        else:
            params.max_time_in_seconds = time_limit
        watch = _FirstSolution()
        started = _time.perf_counter()
        code = solver.solve(self.cp, watch)
        runtime = _time.perf_counter() - started
        status = _STATUS.get(code, str(code))
        roster = None
        objective = bound = None
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            roster = self.roster(solver.boolean_value)
            objective = solver.objective_value / SCALE
            bound = (
                objective
                if code == cp_model.OPTIMAL
                else min(objective, solver.best_objective_bound / SCALE)
            )
        first = None if watch.first is None else watch.first - started
        return NaiveResult(
            status,
            roster,
            objective,
            bound,
            self.build_time,
            runtime,
            first,
            watch.count,
            self.stats(),
        )

    def roster(self, value: Callable[[Any], bool]) -> Roster:
        """The roster of a solution; ``value(var)`` gives a Boolean's value."""
        out = []
        for a, agent in enumerate(self.problem.agents):
            for d, day in enumerate(self.days):
                code = next(c for c, var in self.x[a][d].items() if value(var))
                out.append(Assignment(agent.id, day, code))
        return Roster(out)


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    """Records when the first solution arrives (perf_counter) and counts solutions."""

    def __init__(self) -> None:
        super().__init__()
        self.first: float | None = None
        self.count = 0
        self._lock = threading.Lock()

    def on_solution_callback(self) -> None:
        with self._lock:
            if self.first is None:
                self.first = _time.perf_counter()
            self.count += 1


def solve_naive(
    problem: Problem, *, time_limit: float, workers: int = 2, seed: int = 0, log: bool = False
) -> NaiveResult:
    """Build the naive model of ``problem`` and solve it (deterministic time limit)."""
    return NaiveModel(problem).solve(time_limit=time_limit, workers=workers, seed=seed, log=log)
