"""The search: a first roster, the relaxation's bound, rosters from it, and improvement.

1. *First roster*: the constructive roster (`rostering.engine.construct`), accepted when every
   row holds; else its agents whose months break limits their graphs do not hold are
   mended one at a time; otherwise CP-SAT searches for one from it (`Model.first_roster`).
2. *Bound*: column generation on the master LP (`rostering.engine.master`) until no month
   improves or its share of the time is used; its Lagrangian bound is a proof.
3. *Dive*: price-and-fix from the LP (`rostering.engine.dive`) gives a roster near the LP.
4. *Improvement*: a large-neighbourhood search. Each step opens part of the roster
   (`rostering.engine.submodel`): a window of days for some agents, a few agents' whole
   months, or a role re-dived in the LP against everyone else; CP-SAT (or the dive)
   re-optimises it, and the roster is kept when it costs less. Small teams also dive
   the whole team again and solve the restricted master (every priced month a choice).
5. *Proof*: on models small enough, the whole CP-SAT model runs last from the best roster,
   for a bound from its own search.

Every step watches one `Clock`: wall seconds for the whole solve, or reproducible work.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from ..rules.base import Rule
from . import interrupt
from .automaton import Dag
from .clock import PRICED_ARC, SIMPLEX_ITERATION, Clock, wall_guard
from .construct import fitting_path
from .dive import Months, dive
from .formulation import Formulation
from .master import Column, ColumnGeneration, LpSolution
from .submodel import SubModel, complete, restrict

#: Models with at most this many CP-SAT variables end with CP-SAT on the whole model
#: (improving and proving) instead of the large-neighbourhood search.
PROOF_VARIABLES = 3_000
#: Share of the time left for CP-SAT's first roster when the constructive one breaks a
#: rule (column generation and the dive come next, then CP-SAT again if need be).
FIRST_SHARE = 0.3
#: Share of the time left for the constructive roster's improvement rounds.
CONSTRUCT_SHARE = 0.1
#: A role neighbourhood opens at most this many of the role's agents' whole months, for
#: at most this many seconds; a window neighbourhood gets at most ``WINDOW_SECONDS``.
ROLE_AGENTS = 12
ROLE_SECONDS = 5.0
WINDOW_SECONDS = 2.0
#: Above this many units the dive takes bigger steps with fewer pricing rounds.
LARGE_UNITS = 400
#: A re-dive frees at most this many units (the LP rounds grow with them).
REDIVE_UNITS = 120
#: Teams of at most this many units repeat whole-team dives in the improvement phase
#: (measured on the 50-agent benchmark team: five dives from the growing set of months
#: took the roster from 15112 to 12814 points in about 17 s; at 200 agents a dive is
#: slow and its rosters are no better than the re-dives').
FULL_DIVE_UNITS = 120
#: Wall seconds (or work units) at most for one restricted-master step (measured on
#: Curtois & Qu Instance10: from the dive's 7050 to 6238 in 20 s, where the other steps
#: improved nothing).
MASTER_SECONDS = 10.0
#: Teams of at most this many units have the restricted-master step.
MASTER_UNITS = 120
#: Wall seconds (or work units) at most for one re-dive of the improvement phase.
REDIVE_SECONDS = 10.0
#: Seconds a repair goes on improving after its first roster (wall-clock searches).
REPAIR_SETTLE = 6.0
#: Agents of each role a broken row opens for its repair (then twice, four times).
REPAIR_AGENTS = 8
#: Share of the time left for mending a dive's roster that breaks a row.
REPAIR_SHARE = 0.3
#: Share of the time left for mending the constructive roster's months that break a limit
#: their graph does not hold, and how many units each of its searches opens.
MEND_SHARE = 0.5
MEND_UNITS = 1
#: Share of the time left for column generation, and for the dive.
BOUND_SHARE = 0.35
DIVE_SHARE = 0.5


@dataclass(frozen=True)
class SearchOptions:
    """Which steps of the search run: all of them by default. The benchmarks switch
    single steps off to measure what each one brings (``benchmarks/ABLATION.md``).

    Attributes
    ----------
    column_generation
        The master LP and its Lagrangian bound (without it: no dive, no re-dive, and the
        bound comes from CP-SAT alone).
    dive
        Rosters from the LP by price-and-fix.
    redive
        Re-dive neighbourhoods in the improvement phase.
    dives
        Whole-team dives, one agent fixed per step, in the improvement phase of teams of
        at most ``FULL_DIVE_UNITS`` units (each dive starts from every month priced so
        far, so the next one differs).
    roles
        Role neighbourhoods (some agents of one role, their whole months).
    windows
        Window neighbourhoods (some agents, some days) in the improvement phase.
    proof
        CP-SAT on the whole model for small models (instead of the improvement phase).
    master
        The restricted master as an integer program (every priced month a choice) in
        the improvement phase of teams of at most ``MASTER_UNITS`` units.
    mend
        Mend the constructive roster agent by agent where its months break a limit the
        graphs do not hold, before CP-SAT searches the whole team for a first roster.
    """

    column_generation: bool = True
    dive: bool = True
    redive: bool = True
    dives: bool = True
    roles: bool = True
    windows: bool = True
    proof: bool = True
    mend: bool = True
    master: bool = True


@dataclass
class Incumbent:
    """The best roster so far: each unit's months, its auxiliary values and objective."""

    months: Months
    aux: list[int]
    objective: float  # model units
    found_by: str


@dataclass
class Phase:
    name: str
    seconds: float
    objective: float | None  # model units, after the phase
    bound: float | None


@dataclass
class SearchOutcome:
    """How the search ended (objective and bound in model units)."""

    incumbent: Incumbent | None
    bound: float | None
    infeasible: bool
    phases: list[Phase] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


Report = Callable[[float | None, float | None], None]


class Search:
    """One search over a built `rostering.engine.model.Model`; see the module docstring."""

    def __init__(
        self,
        model: Any,
        clock: Clock,
        *,
        workers: int,
        seed: int,
        start: Months | None = None,
        report: Report | None = None,
        log: bool = False,
        options: SearchOptions | None = None,
    ) -> None:
        self.model = model
        self.clock = clock
        self.options = options or SearchOptions()
        self.workers = workers
        self.seed = seed
        self.start = start
        self.report = report
        self.log = log
        self.rng = random.Random(seed)
        self.f = Formulation(model)
        self.dags: list[Dag | None] = [model.dags[u.members[0]] for u in model.units]
        self.best: Incumbent | None = None
        self.bound: float | None = None
        self.phases: list[Phase] = []
        self.notes: list[str] = []
        self.cg: ColumnGeneration | None = None
        self.stats: dict[str, Any] = {}
        self.seed_months: Months | None = None

    # -- bookkeeping -----------------------------------------------------------------------
    def _offer(self, months: Months, aux: list[int], objective: float, by: str) -> bool:
        if self.best is not None and objective >= self.best.objective - 0.5:
            return False
        if objective <= 0.5:  # every term is at its least: nothing can do better
            self._raise_bound(0.0)
        self.best = Incumbent({u: list(m) for u, m in months.items()}, list(aux), objective, by)
        found = self.stats.setdefault("improved_by", {})
        found[by] = found.get(by, 0) + 1
        if self.cg is not None:
            self.cg.master.add(
                [
                    Column(u, tuple(m))
                    for u, ms in months.items()
                    for m in ms
                    if not self.f.units[u].is_group
                ]
            )
        if self.report is not None:
            self.report(objective, self.bound)
        return True

    def _raise_bound(self, bound: float) -> None:
        # The objective is an integer: a bound rounds up (after a safety margin for the
        # floating-point LP).
        value = math.ceil(bound - 1e-6 * max(1.0, abs(bound)) - 1e-6)
        if self.bound is None or value > self.bound:
            self.bound = value
            if self.report is not None:
                self.report(self.best.objective if self.best else None, self.bound)

    def _phase(self, name: str, started: float) -> None:
        self.phases.append(
            Phase(
                name,
                time.perf_counter() - started,
                self.best.objective if self.best else None,
                self.bound,
            )
        )

    def proven(self) -> bool:
        return (
            self.best is not None and self.bound is not None and self.best.objective <= self.bound
        )

    # -- the search --------------------------------------------------------------------------
    def run(self) -> SearchOutcome:
        """The search, to the end of its budget; a Ctrl-C stops it with the best roster
        so far (said in the notes)."""
        try:
            return self._run()
        except KeyboardInterrupt:
            self.notes.append(
                "interrupted (Ctrl-C): the search stopped early; this is the best roster "
                "found until then"
            )
            self.stats["interrupted"] = True
            self.stats.update(self._stats())
            return SearchOutcome(self.best, self.bound, False, self.phases, self.stats, self.notes)

    def _run(self) -> SearchOutcome:
        f = self.f
        if self.model.no_legal_month:  # some agent has no legal month: no roster exists
            return SearchOutcome(None, None, True, self.phases, self.stats, self.notes)
        if not f.exact:
            self.notes.append(
                "the relaxation does not cover every constraint of this model; the search "
                "used CP-SAT only"
            )
            return self._cpsat_only()
        started = time.perf_counter()
        self._first_roster(FIRST_SHARE)
        if self._infeasible:
            return SearchOutcome(None, None, True, self.phases, self.stats, self.notes)
        self._phase("first roster", started)
        if self.best is not None and self.best.objective <= 0:
            self._raise_bound(0.0)  # nothing to improve: every term is at its least
        options = self.options
        if options.column_generation and self.f.num_rows and not self.clock.expired():
            started = time.perf_counter()
            self._column_generation()
            self._phase("bound (column generation)", started)
        if options.dive and self.cg is not None and not self.proven() and not self.clock.expired():
            started = time.perf_counter()
            self._dive()
            self._phase("dive", started)
        if self.best is None and not self.clock.expired():
            # Neither the constructive roster nor the dive gave a roster: CP-SAT searches
            # for one with the time left.
            started = time.perf_counter()
            self._first_roster(1.0)
            self._phase("first roster (again)", started)
            if self._infeasible:
                return SearchOutcome(None, None, True, self.phases, self.stats, self.notes)
        if self.best is None:
            self.stats.update(self._stats())
            return SearchOutcome(None, self.bound, False, self.phases, self.stats, self.notes)
        small = options.proof and len(self.model.cp.proto.variables) <= PROOF_VARIABLES
        if small and not self.proven() and not self.clock.expired():
            # Small models: CP-SAT's own search on the whole model, asked for better
            # rosters than the best, both improves and proves.
            started = time.perf_counter()
            self._prove(self.clock.left())
            self._phase("proof (CP-SAT)", started)
        if not small and not self.proven() and not self.clock.expired():
            started = time.perf_counter()
            self._improve()
            self._phase("improvement", started)
        self.stats.update(self._stats())
        return SearchOutcome(self.best, self.bound, False, self.phases, self.stats, self.notes)

    _infeasible = False

    def _first_roster(self, share: float) -> bool:
        """A roster satisfying every row: the constructive roster (or the given start)
        when it does, else CP-SAT from it for ``share`` of the time left. The start's
        months are kept (`seed_months`) as the master's first columns either way."""
        model = self.model
        months = self.seed_months
        if months is None:
            months = self.start
        if months is None:
            from .construct import construct

            # Improvement rounds while they mend rules, and while a share of the time
            # allows (the relaxation's rosters take over from there); all of them when
            # reproducible, as wall time must not change the steps.
            deadline = (
                None
                if self.clock.reproducible
                else time.perf_counter() + CONSTRUCT_SHARE * self.clock.left()
            )

            def unit_months(paths: dict[int, tuple[int, ...]]) -> Months:
                return {
                    u: [tuple(paths[a]) for a in unit.members] for u, unit in enumerate(model.units)
                }

            def early(paths: dict[int, tuple[int, ...]]) -> None:
                # Every rule mended, more rounds to come: a roster to show now.
                months = unit_months(paths)
                done = complete(self.f, months, seconds=max(1.0, self.clock.left()))
                if done is not None:
                    self._offer(months, done[1], done[0], "constructive roster (early)")

            months = unit_months(construct(model, deadline=deadline, on_mended=early))
        self.seed_months = months
        done = complete(self.f, months, seconds=max(1.0, self.clock.left()))
        if done is not None:
            self._offer(months, done[1], done[0], "constructive roster")
            return True
        mended = self._mend(months, MEND_SHARE * self.clock.left()) if self.options.mend else None
        if mended is not None:
            done = complete(self.f, mended, seconds=max(1.0, self.clock.left()))
            if done is not None:
                self.seed_months = mended
                self._offer(mended, done[1], done[0], "constructive roster (mended)")
                return True
        # The constructive roster breaks a row: CP-SAT repairs it.
        limit = max(0.5, share * self.clock.left())
        outcome = model.first_roster(
            limit,
            seed=self.seed,
            deterministic=self.clock.reproducible,
            workers=self.workers,
            start={
                a: m
                for u, ms in months.items()
                for a, m in zip(model.units[u].members, ms, strict=True)
            },
        )
        if outcome.deterministic_time:
            self.clock.charge(outcome.deterministic_time)
        if outcome.status == cp_model.INFEASIBLE:
            self._infeasible = True
            return False
        if not outcome.found:
            return False
        repaired = model.unit_months(outcome.value)
        done = complete(self.f, repaired, seconds=max(1.0, self.clock.left()))
        if done is None:
            return False
        self._offer(repaired, done[1], done[0], "first roster (CP-SAT)")
        return True

    def _mend(self, months: Months, seconds: float) -> Months | None:
        """Mend the months that break a limit their agent's graph does not hold (minutes,
        weekends, shift counts: `Rule.pattern_ok`): ``MEND_UNITS`` such units at a time
        search their months against their own rows only, the rest of the roster as it
        is, without the objective. None when there are none, one search finds no month,
        or ``seconds`` are used."""
        model = self.model
        misfits = [
            u
            for u, unit in enumerate(model.units)
            if not all(
                model.month_fits(a, month) for a, month in zip(unit.members, months[u], strict=True)
            )
        ]
        if not misfits:
            return None
        until = self.clock.used() + seconds
        out = {u: list(m) for u, m in months.items()}
        for i in range(0, len(misfits), MEND_UNITS):
            if self.clock.expired() or self.clock.used() >= until:
                return None
            batch = misfits[i : i + MEND_UNITS]
            open_units = {u: self.dags[u] for u in batch}
            fixed = {u: m for u, m in out.items() if u not in open_units}
            sub = SubModel.build(self.f, fixed, open_units, only_open_rows=True)
            sub.cp.clear_objective()
            sub.hint({u: out[u] for u in batch})
            solver = self._solver(max(0.1, until - self.clock.used()))
            solver.parameters.num_workers = 1
            solver.parameters.interleave_search = False
            solver.parameters.stop_after_first_solution = True
            solver.parameters.cp_model_probing_level = 0
            solver.parameters.symmetry_level = 0
            status = interrupt.solve(solver, sub.cp)
            self.clock.charge(solver.deterministic_time)
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                return None
            out.update(sub.months(solver))
        self.stats["mended_units"] = len(misfits)
        return out

    def _column_generation(self) -> None:
        f = self.f
        self.cg = ColumnGeneration(f, self.dags)
        cg = self.cg
        model = self.model
        checks = [r for r in model.rules if type(r).pattern_ok is not Rule.pattern_ok]
        if checks:
            ix = model.ix

            def fits(u: int, month: tuple[int, ...]) -> bool:
                a = f.units[u].members[0]
                return all(r.pattern_ok(ix, a, month) for r in checks)

            def fit(u: int, cell_cost: np.ndarray) -> tuple[int, ...] | None:
                cells = f.units[u].cell
                weight = [{sym: -cell_cost[c] for sym, c in day.items() if c >= 0} for day in cells]
                return fitting_path(model, f.units[u].members[0], weight)

            cg.fits, cg.fit = fits, fit
        start = self.best.months if self.best is not None else self.seed_months
        assert start is not None
        cg.master.add(
            [Column(u, tuple(m)) for u, ms in start.items() for m in ms if not f.units[u].is_group]
        )
        share = BOUND_SHARE * self.clock.left()
        until = self.clock.used() + share
        last_iterations = [0]

        def stop() -> bool:
            return self.clock.expired() or self.clock.used() >= until

        def on_round(sol: LpSolution, bound: float, added: int) -> None:
            master = cg.master
            self.clock.charge(
                (master.lp_iterations - last_iterations[0]) * SIMPLEX_ITERATION
                + cg.pricer.arcs * PRICED_ARC
            )
            last_iterations[0] = master.lp_iterations
            if math.isfinite(bound):
                self._raise_bound(bound)

        cg.run(stop, close=1e-3, on_round=on_round)
        self.stats["lp_value"] = cg.solution.objective if cg.solution else None

    def _dive(self) -> None:
        cg = self.cg
        assert cg is not None
        until = self.clock.used() + DIVE_SHARE * self.clock.left()
        last = [cg.master.lp_iterations]

        def stop() -> bool:
            master = cg.master
            self.clock.charge(
                (master.lp_iterations - last[0]) * SIMPLEX_ITERATION + cg.pricer.arcs * PRICED_ARC
            )
            last[0] = master.lp_iterations
            return self.clock.expired() or self.clock.used() >= until

        broken: list[int] = []
        # Large teams: fewer pricing rounds and bigger steps, to end within the time.
        large = len(self.f.units) > LARGE_UNITS
        months = dive(
            cg, stop, broken=broken, share=0.3 if large else 0.2, rounds=3 if large else None
        )
        if months is None:
            return
        if broken:
            self.stats["dive_broken_rows"] = len(broken)
            if len(self.model.cp.proto.variables) <= PROOF_VARIABLES:
                return  # CP-SAT on the whole model comes next anyway
            fixed = self._repair(months, broken, REPAIR_SHARE * self.clock.left())
            if fixed is not None:
                self._offer(*fixed, "dive (repaired)")
            return
        done = complete(self.f, months, seconds=max(1.0, self.clock.left()))
        if done is not None:
            self._offer(months, done[1], done[0], "dive")

    def _repair(
        self, months: Months, rows: Sequence[int], seconds: float
    ) -> tuple[Months, list[int], float] | None:
        """Mend a roster that breaks ``rows``: for each row, some of the agents it counts
        (of each of its roles) re-optimise the days around the row's days, the rest of
        the roster fixed; wider windows and more agents while it fails."""
        f = self.f
        ix = self.model.ix
        D = ix.D
        until = self.clock.used() + seconds
        for margin, per_row in ((3, REPAIR_AGENTS), (7, 2 * REPAIR_AGENTS), (D, 4 * REPAIR_AGENTS)):
            window: dict[int, tuple[int, int]] = {}
            for r in rows:
                lo, hi = f.a_cell.indptr[r], f.a_cell.indptr[r + 1]
                by_role: dict[str, list[int]] = {}
                days: dict[int, list[int]] = {}
                for c in f.a_cell.indices[lo:hi]:
                    u = f.cell_unit[c]
                    days.setdefault(u, []).append(f.cell_day[c])
                    by_role.setdefault(ix.agents[f.units[u].members[0]].role, []).append(u)
                picked: list[int] = []
                for members in by_role.values():
                    unique = sorted(set(members))
                    picked += self.rng.sample(unique, min(len(unique), per_row))
                for u in picked:
                    first = max(0, min(days[u]) - margin)
                    last = min(D - 1, max(days[u]) + margin)
                    if u in window:
                        first, last = min(first, window[u][0]), max(last, window[u][1])
                    window[u] = (first, last)
            open_units: dict[int, Dag | None] = {}
            for u, (first, last) in window.items():
                if f.units[u].is_group:
                    open_units[u] = None
                    continue
                dag = self.dags[u]
                assert dag is not None
                sub_dag = restrict(dag, months[u][0], first, last)
                if sub_dag is not None:
                    open_units[u] = sub_dag
            fixed = {u: m for u, m in months.items() if u not in open_units}
            sub = SubModel.build(f, fixed, open_units)
            sub.hint({u: months[u] for u in open_units})
            solver = self._solver(max(0.1, (until - self.clock.used()) / 2))
            # A roster is what is wanted here (the improvement phase improves it): stop a
            # few seconds after the first one.
            settle = None if self.clock.reproducible else REPAIR_SETTLE
            status = interrupt.solve(solver, sub.cp, _Settle(solver, settle))
            self.clock.charge(solver.deterministic_time)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                out = dict(months)
                out.update(sub.months(solver))
                return out, sub.aux_values(solver), solver.objective_value
            if self.clock.expired() or self.clock.used() >= until:
                return None
        return None

    def _solver(self, seconds: float) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = self.workers
        params.random_seed = self.seed
        if self.clock.reproducible:
            params.max_deterministic_time = seconds
            # Only the whole search's wall-clock guard: a tighter wall limit here would
            # let the machine's load change the steps, and so the roster.
            params.max_time_in_seconds = max(wall_guard(self.clock.limit) - self.clock.wall(), 1.0)
            params.interleave_search = self.workers > 1
        else:
            params.max_time_in_seconds = max(seconds, 0.05)
        return solver

    # -- improvement ---------------------------------------------------------------------------
    def _improve(self) -> None:
        f = self.f
        singles = [u for u, unit in enumerate(f.units) if not unit.is_group]
        if not singles or self.best is None:
            return
        roles: dict[str, list[int]] = {}
        for u in singles:
            roles.setdefault(self.model.ix.agents[f.units[u].members[0]].role, []).append(u)
        D = self.model.ix.D
        steps = 0
        kinds = tuple(
            kind
            for kind, on in (
                (
                    "master",
                    self.options.master and self.cg is not None and len(f.units) <= MASTER_UNITS,
                ),
                (
                    "dive",
                    self.options.dives and self.cg is not None and len(f.units) <= FULL_DIVE_UNITS,
                ),
                ("redive", self.options.redive and self.cg is not None),
                ("role", self.options.roles),
                ("window", self.options.windows),
            )
            if on
        )
        if not kinds:
            return
        all_units = list(range(len(f.units)))
        while not self.clock.expired() and not self.proven():
            kind = kinds[steps % len(kinds)]
            steps += 1
            if kind == "dive":
                self._full_dive()
                continue
            if kind == "master":
                self._restricted_master()
                continue
            if kind == "redive":
                # Half from one role, half from anyone: at most REDIVE_UNITS units.
                share = self.rng.choice((0.15, 0.3))
                size = min(REDIVE_UNITS, max(2, int(share * len(all_units))))
                members = roles[self.rng.choice(sorted(roles))]
                chosen = set(self.rng.sample(members, min(len(members), size // 2)))
                chosen |= set(self.rng.sample(all_units, min(len(all_units), size - len(chosen))))
                self._redive(chosen)
                continue
            pool = roles[self.rng.choice(sorted(roles))] if steps % 2 else singles
            open_units: dict[int, Dag | None] = {}
            if kind == "window":
                width = min(D, self.rng.choice((7, 10, 14)))
                first = self.rng.randrange(0, D - width + 1)
                for u in self.rng.sample(pool, min(len(pool), 30)):
                    dag = self.dags[u]
                    assert dag is not None
                    sub = restrict(dag, self.best.months[u][0], first, first + width - 1)
                    if sub is not None:
                        open_units[u] = sub
            else:  # a role: some of its agents' whole months, the others fixed
                members = roles[self.rng.choice(sorted(roles))]
                picked = self.rng.sample(members, min(len(members), ROLE_AGENTS))
                open_units = {u: dag for u in picked if (dag := self.dags[u]) is not None}
            self._step(open_units, kind, ROLE_SECONDS if kind == "role" else WINDOW_SECONDS)
        self.stats["improvement_steps"] = steps

    def _full_dive(self) -> None:
        """Dive the whole team again, one unit fixed per step, from every month priced so
        far and the best roster's months."""
        cg = self.cg
        best = self.best
        assert cg is not None and best is not None
        f = self.f
        cg.master.add(
            [
                Column(u, tuple(m))
                for u, ms in best.months.items()
                if not f.units[u].is_group
                for m in ms
            ]
        )
        last = [cg.master.lp_iterations]

        def stop() -> bool:
            master = cg.master
            self.clock.charge(
                (master.lp_iterations - last[0]) * SIMPLEX_ITERATION + cg.pricer.arcs * PRICED_ARC
            )
            last[0] = master.lp_iterations
            return self.clock.expired()

        months = dive(cg, stop, share=0.0)
        if months is None:
            return
        done = complete(f, months, seconds=max(1.0, self.clock.left()))
        if done is not None:
            self._offer(months, done[1], done[0], "dive (again)")

    def _restricted_master(self) -> None:
        """The restricted master as an integer program: every unit chooses one of the
        months priced so far (or its month in the best roster), CP-SAT from the best
        roster for at most ``MASTER_SECONDS``."""
        cg = self.cg
        best = self.best
        assert cg is not None and best is not None
        f = self.f
        master = cg.master
        choices: dict[int, list[tuple[int, ...]]] = {}
        for u, unit in enumerate(f.units):
            if unit.is_group:
                continue
            months = {master.columns[k].month for k in master.unit_columns[u]}
            months.update(tuple(m) for m in best.months[u])
            choices[u] = sorted(months)
        sub = SubModel.build(f, {}, {u: None for u in range(len(f.units))}, choices=choices)
        sub.hint(best.months)
        sub.hint_aux(best.aux)
        solver = self._solver(min(MASTER_SECONDS, self.clock.left()))
        status = interrupt.solve(solver, sub.cp)
        self.clock.charge(solver.deterministic_time)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self._offer(
                sub.months(solver), sub.aux_values(solver), solver.objective_value, "master"
            )

    def _redive(self, units: set[int]) -> None:
        """Re-dive ``units`` in the master LP against everyone else fixed to the best
        roster: the LP prices new months for them and the dive fixes them again."""
        cg = self.cg
        best = self.best
        assert cg is not None and best is not None
        master = cg.master
        f = self.f
        master.add(
            [
                Column(u, tuple(m))
                for u, ms in best.months.items()
                if not f.units[u].is_group
                for m in ms
            ]
        )
        others = [u for u in range(len(f.units)) if u not in units]
        for u in others:
            counts: dict[int, int] = {}
            for month in best.months[u]:
                k = master.column_of(u, month)
                assert k is not None
                counts[k] = counts.get(k, 0) + 1
            master.fix(u, counts)
        until = self.clock.used() + min(self.clock.left(), REDIVE_SECONDS)
        last = [master.lp_iterations]

        def stop() -> bool:
            self.clock.charge(
                (master.lp_iterations - last[0]) * SIMPLEX_ITERATION + cg.pricer.arcs * PRICED_ARC
            )
            last[0] = master.lp_iterations
            return self.clock.expired() or self.clock.used() >= until

        try:
            months = dive(cg, stop, units=units)
        finally:
            for u in others:
                master.release(u)
        if months is None:
            return
        full = dict(best.months)
        full.update(months)
        done = complete(f, full, seconds=max(1.0, self.clock.left()))
        if done is not None:
            self._offer(full, done[1], done[0], "redive")

    def _step(self, open_units: dict[int, Dag | None], kind: str, seconds: float) -> None:
        best = self.best
        assert best is not None
        fixed = {u: m for u, m in best.months.items() if u not in open_units}
        sub = SubModel.build(self.f, fixed, open_units)
        sub.hint({u: best.months[u] for u in open_units})
        sub.hint_aux(best.aux)
        solver = self._solver(min(seconds, self.clock.left()))
        status = interrupt.solve(solver, sub.cp)
        self.clock.charge(solver.deterministic_time)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            months = dict(best.months)
            months.update(sub.months(solver))
            self._offer(months, sub.aux_values(solver), solver.objective_value, kind)

    def _prove(self, seconds: float) -> None:
        """The whole CP-SAT model from the best roster (a complete hint), with the proven
        bound as a constraint: CP-SAT improves the roster where it can, and its own bound
        bounds the optimum (optimal: proven)."""
        best = self.best
        assert best is not None
        model = self.model
        cp = model.cp.clone()
        model.hint_all(best.months, self.f.value_function(best.months, best.aux), cp)
        if self.bound is not None and self.bound > 0:
            cp.add(model.objective_expr >= int(self.bound))  # no roster costs less
        solver = self._solver(max(0.1, seconds))
        status = interrupt.solve(solver, cp)
        self.clock.charge(solver.deterministic_time)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            months = model.unit_months(solver.value)
            done = complete(self.f, months, seconds=max(1.0, self.clock.left()))
            if done is not None:
                self._offer(months, done[1], done[0], "CP-SAT (whole model)")
            if status == cp_model.OPTIMAL:
                self._raise_bound(solver.objective_value)
                return
        if solver.best_objective_bound > -1e30:
            self._raise_bound(solver.best_objective_bound)

    def _cpsat_only(self) -> SearchOutcome:
        return SearchOutcome(None, None, False, self.phases, self.stats, self.notes)

    def _stats(self) -> dict[str, Any]:
        cg = self.cg
        out: dict[str, Any] = {"rows": self.f.num_rows}
        if cg is not None:
            out.update(
                columns=len(cg.master.columns),
                lp_rounds=cg.rounds,
                lp_seconds=round(cg.master.lp_seconds, 2),
                pricing_seconds=round(cg.pricing_seconds, 2),
            )
        return out


class _Settle(cp_model.CpSolverSolutionCallback):
    """Stops a search ``seconds`` after its first solution (not in reproducible runs,
    whose steps must not depend on the clock: there the work limit ends it)."""

    def __init__(self, solver: cp_model.CpSolver, seconds: float | None) -> None:
        super().__init__()
        self._solver = solver
        self._seconds = seconds
        self._timer: threading.Timer | None = None

    def on_solution_callback(self) -> None:
        if self._timer is None and self._seconds is not None:
            self._timer = threading.Timer(self._seconds, self._solver.stop_search)
            self._timer.daemon = True
            self._timer.start()


def unit_months_from(units: Sequence[Any], sequences: dict[int, Sequence[int]]) -> Months:
    """Each unit's months from each agent's symbols by day."""
    return {u: [tuple(sequences[a]) for a in unit.members] for u, unit in enumerate(units)}
