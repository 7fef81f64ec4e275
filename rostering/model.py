"""The CP-SAT model: one flow per agent through its graph of legal months, plus the rules
that tie agents together, plus the weighted soft terms.

Per agent: every rule that speaks about one agent's days gives a domain for each day
and/or an automaton (`rostering.automaton`); their product is a small layered graph whose
paths are exactly the agent's legal months. The graph is posted as one CP-SAT automaton
constraint over the agent's day values (CP-SAT expands it into a path encoding with a
strong propagation and linear relaxation); ``x[a][d][sym]`` are Booleans for "agent a does
sym on day d". Agents with equal domains and automata share the graph (built once).

Across agents: rules add linear constraints over counts ``count(d, s, role)``.
"""

from __future__ import annotations

import threading
import time as _time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ortools.sat.python import cp_model

from .automaton import Dag, build_dag
from .index import FIRST_SHIFT, LEAVE_SYM, REST_SYM, Index
from .problem import LEAVE, REST, Problem
from .roster import Assignment, Roster
from .rules import RULES, Rule, Term

LinearLike = Any  # cp_model.LinearExprT


@dataclass(frozen=True)
class Progress:
    """A progress report while the solver runs (objective and bound in points)."""

    elapsed: float
    objective: float | None
    bound: float | None
    solutions: int

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        return max(0.0, self.objective - self.bound) / max(1.0, abs(self.objective))


class Model:
    """A CP-SAT model of a `Problem`. Build it, optionally `fix` a roster, then `solve`."""

    def __init__(self, problem: Problem, rules: Sequence[Rule] = RULES) -> None:
        started = _time.perf_counter()
        self.problem = problem
        self.ix = Index(problem)
        self.cp = cp_model.CpModel()
        self.rules = [r for r in rules if r.applies(problem)]
        self.term_specs: dict[str, Term] = {t.name: t for r in self.rules for t in r.terms}
        self.terms: dict[str, list[LinearLike]] = {name: [] for name in self.term_specs}
        self.no_legal_month: list[str] = []
        self.dags: list[Dag | None] = []
        self._x: list[list[dict[int, LinearLike]]] = []
        self._dag_cache: dict[Any, Dag | None] = {}
        self._build_agents()
        self._index_counts()
        for rule in self.rules:
            rule.encode(self)
        self._objective = self._build_objective()
        self.build_time = _time.perf_counter() - started

    # -- per-agent graphs -------------------------------------------------------------------
    def _build_agents(self) -> None:
        ix = self.ix
        every = {REST_SYM, LEAVE_SYM, *ix.shift_syms}
        for a in range(ix.A):
            domains = []
            for d in range(ix.D):
                syms = set(every)
                for rule in self.rules:
                    syms = rule.domain(ix, a, d, syms)
                domains.append(tuple(sorted(syms)))
            automata = tuple(
                auto for rule in self.rules if (auto := rule.automaton(ix, a)) is not None
            )
            key = (automata, tuple(domains))
            if key not in self._dag_cache:
                self._dag_cache[key] = build_dag(automata, domains)
            dag = self._dag_cache[key]
            self.dags.append(dag)
            self._x.append(self._flow(a, dag))

    def _flow(self, a: int, dag: Dag | None) -> list[dict[int, LinearLike]]:
        """Post agent ``a``'s legal months as one automaton over its day values.

        ``y[d]`` is what the agent does on day ``d``; an extra first value picks the
        starting node when the graph has several (the rotation phase, for instance).
        Returns ``x[d][sym]``: Booleans equal to ``y[d] == sym``.
        """
        ix = self.ix
        if dag is None:
            self.no_legal_month.append(ix.agents[a].id)
            self.cp.add_bool_or([])  # no legal month: the model is infeasible
            return [{} for _ in range(ix.D)]
        offsets = [0]
        for size in dag.sizes:
            offsets.append(offsets[-1] + size)
        start = offsets[0]
        values: list[Any] = []
        transitions: list[tuple[int, int, int]] = []
        if dag.sizes[0] > 1:
            start = offsets[-1]
            values.append(self.cp.new_int_var(0, dag.sizes[0] - 1, f"phase_{a}"))
            transitions += [(start, k, offsets[0] + k) for k in range(dag.sizes[0])]
        xs: list[dict[int, LinearLike]] = []
        for d, layer in enumerate(dag.arcs):
            syms = sorted({sym for _src, sym, _dst in layer})
            transitions += [
                (offsets[d] + src, sym, offsets[d + 1] + dst) for src, sym, dst in layer
            ]
            if len(syms) == 1:
                values.append(syms[0])
                xs.append({syms[0]: 1})
                continue
            y = self.cp.new_int_var_from_domain(cp_model.Domain.from_values(syms), f"y_{a}_{d}")
            values.append(y)
            day: dict[int, LinearLike] = {}
            for sym in syms:
                x = self.cp.new_bool_var(f"x_{a}_{d}_{sym}")
                self.cp.add(y == sym).only_enforce_if(x)
                self.cp.add(y != sym).only_enforce_if(x.Not())
                day[sym] = x
            self.cp.add_exactly_one(day.values())
            xs.append(day)
        self.cp.add_automaton(values, start, [offsets[len(dag.arcs)]], transitions)
        return xs

    def xvar(self, a: int, d: int, sym: int) -> LinearLike:
        """1 when agent ``a`` does ``sym`` on day ``d`` (a variable or a constant)."""
        return self._x[a][d].get(sym, 0)

    # -- counts across agents -----------------------------------------------------------------
    def _index_counts(self) -> None:
        """Who may count for which role on each day and shift.

        Usually an agent counts for their own role. On the days after a promotion an agent
        with a second role may work in it: their ``x`` splits into a part for each role.
        """
        ix = self.ix
        self._acts: dict[tuple[int, int], list[tuple[int, str, LinearLike]]] = {}
        self._second: dict[tuple[int, int, int], Any] = {}
        for a, days in enumerate(self._x):
            agent = ix.agents[a]
            other = agent.secondary_role
            for d, syms in enumerate(days):
                for sym, var in syms.items():
                    if sym < FIRST_SHIFT:
                        continue
                    acts = self._acts.setdefault((d, sym - FIRST_SHIFT), [])
                    if other is None or other == agent.role or d not in ix.second_role_days:
                        acts.append((a, agent.role, var))
                        continue
                    second = self.cp.new_bool_var(f"second_{a}_{d}_{sym}")
                    self.cp.add(second <= var)
                    self._second[(a, d, sym)] = second
                    acts.append((a, agent.role, var - second))
                    acts.append((a, other, second))

    def agents_on(self, d: int, s: int, role: str | None = None) -> list[int]:
        """Agents who may work shift ``s`` on day ``d`` (in ``role``, when given)."""
        acts = self._acts.get((d, s), [])
        return list(dict.fromkeys(a for a, r, _ in acts if role is None or r == role))

    def allowed_agents(self, s: int, role: str | None = None) -> list[int]:
        """Agents of ``role`` (their own role) allowed shift ``s`` at all."""
        code = self.ix.shifts[s].code
        return [
            i
            for i, a in enumerate(self.ix.agents)
            if code in a.shifts and (role is None or a.role == role)
        ]

    def count(self, d: int, s: int, role: str | None = None) -> LinearLike:
        """Agents working shift ``s`` on day ``d`` (in ``role``, when given)."""
        sym = FIRST_SHIFT + s
        if role is None:
            return sum(self._x[a][d][sym] for a in self.agents_on(d, s))
        return sum(expr for _a, r, expr in self._acts.get((d, s), []) if r == role)

    # -- objective ------------------------------------------------------------------------------
    def add_term(self, name: str, expr: LinearLike) -> None:
        """Add to a soft term, in the term's model unit."""
        self.terms[name].append(expr)

    def _scale(self, term: Term) -> int:
        weight: int = getattr(self.problem.weights, term.weight)
        return weight if term.per_hour else weight * 60

    def _build_objective(self) -> LinearLike:
        objective = sum(
            self._scale(self.term_specs[name]) * sum(exprs)
            for name, exprs in self.terms.items()
            if exprs
        )
        self.cp.minimize(objective)
        return objective

    # -- fixing and hints -------------------------------------------------------------------------
    def _sym_of(self, code: str) -> int | None:
        if code == REST:
            return REST_SYM
        if code == LEAVE:
            return LEAVE_SYM
        s = self.ix.shift_index.get(code)
        return None if s is None else FIRST_SHIFT + s

    def fix(self, roster: Roster) -> None:
        """Constrain the model to exactly ``roster`` (stated times are not modelled)."""
        ix = self.ix
        known = {a.id for a in ix.agents}
        cells: dict[tuple[str, Any], list[str]] = {}
        roles: dict[tuple[str, Any], str | None] = {}
        for item in roster:
            if item.agent not in known or item.date not in ix.day_index:
                self.cp.add_bool_or([])
                continue
            cells.setdefault((item.agent, item.date), []).append(item.shift)
            roles[(item.agent, item.date)] = item.role
        for a, agent in enumerate(ix.agents):
            for d, day in enumerate(ix.days):
                codes = cells.get((agent.id, day), [])
                sym = self._sym_of(codes[0]) if len(codes) == 1 else None
                if sym is None or sym not in self._x[a][d]:
                    self.cp.add_bool_or([])
                    continue
                value = self._x[a][d][sym]
                if not isinstance(value, int):
                    self.cp.add(value == 1)
                acting = roles.get((agent.id, day))
                second = self._second.get((a, d, sym))
                if acting in (None, agent.role) or sym < FIRST_SHIFT:
                    if second is not None:
                        self.cp.add(second == 0)
                elif second is not None and acting == agent.secondary_role:
                    self.cp.add(second == 1)
                else:
                    self.cp.add_bool_or([])

    def hint(self, roster: Roster) -> None:
        """Suggest ``roster`` to the solver as a starting point."""
        ix = self.ix
        for a, agent in enumerate(ix.agents):
            for d, day in enumerate(ix.days):
                code = roster.shift(agent.id, day)
                sym = None if code is None else self._sym_of(code)
                for s, var in self._x[a][d].items():
                    if not isinstance(var, int):
                        self.cp.add_hint(var, s == sym)

    # -- solving ----------------------------------------------------------------------------------
    def solve(
        self,
        *,
        time_limit: float,
        workers: int,
        seed: int,
        log: bool = False,
        progress: Callable[[Progress], None] | None = None,
        deterministic: bool = True,
    ) -> tuple[cp_model.CpSolver, Any]:
        """Run CP-SAT; return the solver and its status code."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = workers
        params.random_seed = seed
        params.log_search_progress = log
        if deterministic:
            # Stop on CP-SAT's deterministic work counter, so the same input, seed and
            # worker count give the same roster; the wall clock only guards runaways.
            params.max_deterministic_time = time_limit
            params.max_time_in_seconds = self.wall_guard(time_limit)
            params.interleave_search = workers > 1
        else:
            params.max_time_in_seconds = time_limit
        tracker = None
        if progress is not None:
            tracker = _Tracker(progress, self.objective_scale)
            solver.best_bound_callback = tracker.on_bound
        status = solver.solve(self.cp, tracker)
        return solver, status

    @staticmethod
    def wall_guard(time_limit: float) -> float:
        """Wall-clock seconds after which a deterministic solve is stopped anyway."""
        return 3 * time_limit + 10

    def roster_from(self, value: Callable[[Any], int]) -> Roster:
        """Read the roster from a solution: ``value(var)`` gives a variable's value."""
        ix = self.ix
        start = datetime(ix.days[0].year, ix.days[0].month, ix.days[0].day)
        out = []
        for a, agent in enumerate(ix.agents):
            for d, day in enumerate(ix.days):
                sym = next(
                    s
                    for s, var in self._x[a][d].items()
                    if (var if isinstance(var, int) else value(var))
                )
                if sym == REST_SYM:
                    out.append(Assignment(agent.id, day, REST))
                elif sym == LEAVE_SYM:
                    out.append(Assignment(agent.id, day, LEAVE))
                else:
                    inst = ix.instances[d][sym - FIRST_SHIFT]
                    assert inst is not None
                    second = self._second.get((a, d, sym))
                    out.append(
                        Assignment(
                            agent.id,
                            day,
                            ix.shifts[inst.shift].code,
                            start + timedelta(minutes=inst.actual_start),
                            start + timedelta(minutes=inst.end),
                            agent.secondary_role if second is not None and value(second) else None,
                        )
                    )
        return Roster(out)

    def term_values(self, value: Callable[[Any], int]) -> dict[str, int]:
        """Each term's value in a solution, in its model unit."""
        return {
            name: int(sum(_eval(e, value) for e in exprs)) for name, exprs in self.terms.items()
        }

    @property
    def objective_scale(self) -> int:
        """Model objective units per point."""
        return 60

    def stats(self) -> dict[str, int]:
        proto = self.cp.proto
        return {
            "variables": len(proto.variables),
            "constraints": len(proto.constraints),
            "graphs": len({id(g) for g in self.dags if g is not None}),
            "arcs": sum(g.num_arcs for g in self.dags if g is not None),
        }


def _eval(expr: LinearLike, value: Callable[[Any], int]) -> int:
    if isinstance(expr, int):
        return expr
    return int(value(expr))


class _Tracker(cp_model.CpSolverSolutionCallback):
    """Reports a `Progress` on every new roster and every better bound."""

    def __init__(self, report: Callable[[Progress], None], scale: int) -> None:
        super().__init__()
        self._report = report
        self._scale = scale
        self._started = _time.perf_counter()
        self._objective: float | None = None
        self._bound: float | None = None
        self._count = 0
        self._lock = threading.Lock()

    def _emit(self) -> None:
        self._report(
            Progress(
                _time.perf_counter() - self._started, self._objective, self._bound, self._count
            )
        )

    def on_solution_callback(self) -> None:
        with self._lock:
            self._count += 1
            self._objective = self.objective_value / self._scale
            self._bound = max(0.0, self.best_objective_bound / self._scale)
            self._emit()

    def on_bound(self, bound: float) -> None:
        with self._lock:
            self._bound = max(0.0, bound / self._scale)
            self._emit()
