"""The CP-SAT model: the legal months of each agent, the rules that tie agents together,
and the weighted soft terms.

Per agent, every rule that speaks about one agent's days gives a domain for each day
and/or an automaton (`rostering.engine.automaton`); their product is a small layered graph whose
paths are exactly the agent's legal months (about 64 for a rotating agent under the
defaults). The model then treats agents in *units*:

- a single agent: the graph is posted as one CP-SAT automaton constraint over the agent's
  day values, with Booleans ``x[d][sym]`` for "does sym on day d";
- a group of interchangeable agents (same graph, role and second role, no individual
  requests): the graph's paths are enumerated and an integer per path says how many of
  the group follow it. This removes the symmetry between them and gives the linear
  relaxation every legal month as a column. Names are given to paths afterwards.

Across agents, rules add linear constraints over counts ``count(d, s, role)``.
"""

from __future__ import annotations

import threading
import time as _time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from ortools.sat.python import cp_model

from ..index import FIRST_SHIFT, LEAVE_SYM, REST_SYM, Index
from ..lookahead import LookAhead
from ..problem import LEAVE, REST, Problem
from ..roster import Assignment, Roster
from ..rules.base import Rule, Term
from ..rules.breaks import break_counts, spread
from . import interrupt
from .automaton import Dag, post_automaton, restrict_dag
from .construct import construct

LinearLike = Any  # cp_model.LinearExprT

#: A group with more legal months than this, or than this many per member, is modelled
#: agent by agent.
MAX_GROUP_PATTERNS = 3000
PATTERNS_PER_MEMBER = 60
#: Share of the time limit for finding a first roster (phase one of `Model.solve`).
FIRST_ROSTER_SHARE = 0.5
#: Complete searches left out of phase two: with a first roster in hand, the large
#: neighbourhood searches improve it, and default_lp and max_lp_sym give the bound.
COMPLETE_SEARCHES_SKIPPED = (
    "core",
    "max_lp",
    "no_lp",
    "pseudo_costs",
    "quick_restart",
    "quick_restart_no_lp",
    "reduced_costs",
)
#: Above this many variables phase two presolves lightly (see `Model.solve`).
LARGE_MODEL_VARIABLES = 50_000


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


@dataclass(frozen=True)
class Outcome:
    """How a run of CP-SAT on the model ended: the status, the run whose solution is
    reported, the best bound (model units; None when unknown) and the time used."""

    status: Any
    solver: cp_model.CpSolver
    bound: float | None
    wall_time: float
    deterministic_time: float

    @property
    def status_name(self) -> str:
        return str(cp_model.CpSolver().status_name(self.status))

    @property
    def found(self) -> bool:
        return self.status in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    def value(self, var: Any) -> int:
        """The value of a model variable (or expression) in the reported solution."""
        return int(self.solver.value(var))


@dataclass
class Unit:
    """Agents the model treats together: one agent, or a group of interchangeable agents.

    ``counts[d][sym]`` is how many of the unit's agents do ``sym`` on day ``d`` (a
    variable, an expression or a constant). A group also has its legal months
    (``patterns``) and how many agents follow each (``amounts``).
    """

    members: tuple[int, ...]
    counts: list[dict[int, LinearLike]]
    patterns: tuple[tuple[int, ...], ...] = ()
    amounts: tuple[Any, ...] = ()
    values: tuple[Any, ...] = ()
    """A single agent's automaton values: the start node first when the graph has
    several, then the symbol of each day (a variable, or a constant)."""

    @property
    def is_group(self) -> bool:
        return bool(self.patterns)


class Model:
    """A CP-SAT model of a `Problem`. Build it, optionally `fix` a roster, then `solve`.

    ``rules`` are the rules to encode (`rostering.solve` passes the registry,
    `rostering.rules.RULES`; the engine does not import it). ``accept`` is the acceptance
    check (True when a roster breaks no hard rule), passed in the same way.
    ``group=False`` models every agent on their own (no groups of interchangeable agents).
    ``flow=True`` also posts each single agent's graph as a flow of arc Booleans
    (`Model._flow`): a tighter linear relaxation, for the ``lp`` search.
    """

    def __init__(
        self,
        problem: Problem,
        rules: Sequence[Rule],
        *,
        group: bool = True,
        flow: bool = False,
        accept: Callable[[Roster], bool] | None = None,
    ) -> None:
        started = _time.perf_counter()
        self.problem = problem
        #: The acceptance check (from `rostering.solve`: the independent checker), which
        #: the engine never imports: True when a roster breaks no hard rule.
        self.accept = accept
        self.ix = Index(problem)
        self.cp = cp_model.CpModel()
        self.rules = [r for r in rules if r.applies(problem)]
        self.term_specs: dict[str, Term] = {t.name: t for r in self.rules for t in r.terms}
        self.terms: dict[str, list[LinearLike]] = {name: [] for name in self.term_specs}
        self.no_legal_month: list[str] = []
        self.dags: list[Dag | None] = []
        self.units: list[Unit] = []
        self.unit_of: list[int] = []
        self._dag_cache: dict[Any, Dag | None] = {}
        self._unions: dict[Any, list[tuple[int, ...]]] = {}
        self._products: dict[Any, Dag | None] = {}
        self.lookahead = LookAhead(self.ix)
        self.flow = flow
        self._build_units(group)
        #: Constraints and variables of the units' legal months (automata, channels,
        #: group patterns); everything posted after them is a rule's (linear) row.
        self.structural_constraints = len(self.cp.proto.constraints)
        self.structural_vars = range(len(self.cp.proto.variables))
        self._index_counts()
        #: Which rule posted each constraint: (rule name, first index, end index).
        self.rule_constraints: list[tuple[str, int, int]] = []
        for rule in self.rules:
            first = len(self.cp.proto.constraints)
            rule.encode(self)
            self.rule_constraints.append((rule.name, first, len(self.cp.proto.constraints)))
        self._objective = self._build_objective()
        self.build_time = _time.perf_counter() - started

    # -- legal months, agent by agent or by group --------------------------------------------
    def _spec(self, a: int) -> tuple[tuple[Any, ...], tuple[tuple[int, ...], ...]]:
        """Agent ``a``'s automata and what each day allows them (the rules' domains), over
        the horizon and the days looked ahead past it (`rostering.lookahead`)."""
        ahead = self.lookahead
        ix = ahead.ix
        every = {REST_SYM, LEAVE_SYM, *ix.shift_syms}
        domains = []
        for d in range(ix.D):
            syms = set(every)
            for rule in self.rules:
                syms = rule.domain(ix, a, d, syms)
            domains.append(tuple(sorted(syms)))
        automata = tuple(
            auto for rule in self.rules if (auto := ahead.automaton(rule, a)) is not None
        )
        return ahead.spec(a, automata, tuple(domains))

    def _graph(self, spec: tuple[tuple[Any, ...], tuple[tuple[int, ...], ...]]) -> Dag | None:
        """The graph of legal months of an agent with these automata and domains. Agents
        who share their automata share one product, which each one's days (leave,
        allowed shifts) restrict (`restrict_dag`): the same graph, built once."""
        if spec in self._dag_cache:
            return self._dag_cache[spec]
        automata, domains = spec
        shared = (automata, domains[self.ix.D :])  # the days looked ahead, if any, alike
        union = self._unions.get(shared)
        if union is None:
            dag = self.lookahead.build(automata, domains)
        else:
            if shared not in self._products:
                self._products[shared] = self.lookahead.build(automata, union)
            product = self._products[shared]
            dag = None if product is None else restrict_dag(product, domains[: self.ix.D])
        self._dag_cache[spec] = dag
        return dag

    def _build_units(self, group: bool) -> None:
        ix = self.ix
        with_requests = {rq.agent for rq in ix.problem.requests}
        keyed: dict[Any, list[int]] = {}
        specs = [self._spec(a) for a in range(ix.A)]
        by_automata: dict[Any, set[tuple[tuple[int, ...], ...]]] = {}
        for automata, domains in specs:
            by_automata.setdefault((automata, domains[ix.D :]), set()).add(domains)
        self._unions = {
            shared: [tuple(sorted(set().union(*(d[day] for d in found)))) for day in range(ix.D)]
            + list(shared[1])
            for shared, found in by_automata.items()
            if len(found) > 1
        }
        dags = [self._graph(spec) for spec in specs]
        self.lookahead.settle(specs, dags, self._spec, self._graph, self.rules)
        for a, agent in enumerate(ix.agents):
            key, dag = specs[a], dags[a]
            self.dags.append(dag)
            if dag is None:
                self.no_legal_month.append(agent.id)
                self.cp.add_bool_or([])  # no legal month: the model is infeasible
            alone = not group or dag is None or agent.id in with_requests
            # Limits counted over the horizon filter a group's months: part of the key.
            limits = tuple(replace(lim, agent=None) for lim in ix.problem.limits_of(agent.id))
            signature = ("alone", a) if alone else (key, agent.role, agent.secondary_role, limits)
            keyed.setdefault(signature, []).append(a)
        self.unit_of = [0] * ix.A
        for signature, members in keyed.items():
            dag = self.dags[members[0]]
            patterns: tuple[tuple[int, ...], ...] = ()
            if (
                signature[0] != "alone"
                and len(members) > 1
                and dag is not None
                and dag.count_paths() <= min(MAX_GROUP_PATTERNS, PATTERNS_PER_MEMBER * len(members))
            ):
                patterns = self._patterns(members[0], dag)
            if patterns:
                units = [self._group(tuple(members), patterns)]
            else:
                units = [self._single(a, self.dags[a]) for a in members]
            for unit in units:
                for a in unit.members:
                    self.unit_of[a] = len(self.units)
                self.units.append(unit)

    def _single(self, a: int, dag: Dag | None) -> Unit:
        """One agent: an automaton over the agent's day values ``y[d]``; an extra first
        value picks the starting node when the graph has several (the rotation phase)."""
        ix = self.ix
        if dag is None:
            return Unit((a,), [{} for _ in range(ix.D)])
        posted = post_automaton(self.cp, dag, f"_{a}")
        xs: list[dict[int, LinearLike]] = list(posted.days)
        values = posted.values
        if self.flow:
            self._flow(a, dag, xs)
        return Unit((a,), xs, values=values)

    def _flow(self, a: int, dag: Dag, xs: list[dict[int, LinearLike]]) -> None:
        """The agent's graph again as a path of arc Booleans (a unit flow), tied to the
        day values: the linear relaxation then sees only convex combinations of legal
        months. The automaton constraint above keeps its stronger propagation."""
        inflow: list[Any] = [[] for _ in range(dag.sizes[0])]
        starts = [self.cp.new_bool_var(f"s_{a}_{k}") for k in range(dag.sizes[0])]
        self.cp.add_exactly_one(starts)
        for k, var in enumerate(starts):
            inflow[k].append(var)
        for d, layer in enumerate(dag.arcs):
            outflow: list[list[Any]] = [[] for _ in range(dag.sizes[d])]
            nxt: list[list[Any]] = [[] for _ in range(dag.sizes[d + 1])]
            by_sym: dict[int, list[Any]] = {}
            for k, (src, sym, dst) in enumerate(layer):
                if len(layer) == 1:
                    arc: Any = 1
                else:
                    arc = self.cp.new_bool_var(f"f_{a}_{d}_{k}")
                outflow[src].append(arc)
                nxt[dst].append(arc)
                by_sym.setdefault(sym, []).append(arc)
            for node in range(dag.sizes[d]):
                self.cp.add(sum(outflow[node]) == sum(inflow[node]))
            for sym, arcs in by_sym.items():
                x = xs[d].get(sym)
                if not isinstance(x, int):
                    self.cp.add(x == sum(arcs))
            inflow = nxt

    def month_fits(self, a: int, month: Sequence[int]) -> bool:
        """Whether agent ``a``'s ``month`` keeps every limit its graph does not hold
        (`Rule.pattern_ok`: minutes, weekends, shift counts over the horizon)."""
        return all(rule.pattern_ok(self.ix, a, month) for rule in self.rules)

    def _patterns(self, a: int, dag: Dag) -> tuple[tuple[int, ...], ...]:
        """The legal months of ``dag`` that every rule's `Rule.pattern_ok` accepts for
        agent ``a`` (limits counted over the horizon). Empty: model agent by agent."""
        return tuple(
            p
            for p in sorted(set(dag.paths()))  # start nodes may share months
            if self.month_fits(a, p)
        )

    def _group(self, members: tuple[int, ...], patterns: tuple[tuple[int, ...], ...]) -> Unit:
        """Interchangeable agents: how many of them follow each legal month."""
        size = len(members)
        tag = f"g{members[0]}"
        amounts = tuple(self.cp.new_int_var(0, size, f"{tag}_p{k}") for k in range(len(patterns)))
        self.cp.add(sum(amounts) == size)
        counts: list[dict[int, LinearLike]] = []
        for d in range(self.ix.D):
            by_sym: dict[int, list[Any]] = {}
            for amount, pattern in zip(amounts, patterns, strict=True):
                by_sym.setdefault(pattern[d], []).append(amount)
            day: dict[int, LinearLike] = {}
            for sym, vars_ in sorted(by_sym.items()):
                if len(by_sym) == 1:
                    day[sym] = size
                else:
                    count = self.cp.new_int_var(0, size, f"{tag}_d{d}_s{sym}")
                    self.cp.add(count == sum(vars_))
                    day[sym] = count
            counts.append(day)
        return Unit(members, counts, patterns, amounts)

    def xvar(self, a: int, d: int, sym: int) -> LinearLike:
        """1 when agent ``a`` (modelled on their own) does ``sym`` on day ``d``."""
        unit = self.units[self.unit_of[a]]
        if unit.is_group:
            raise ValueError(f"agent {self.ix.agents[a].id} is modelled in a group")
        return unit.counts[d].get(sym, 0)

    def agent_sum(self, a: int, value: Callable[[int, int], int]) -> LinearLike | None:
        """Sum over days of ``value(d, sym)`` for what agent ``a`` does, or None when the
        agent is modelled in a group."""
        unit = self.units[self.unit_of[a]]
        if unit.is_group:
            return None
        return sum(
            value(d, sym) * var
            for d, day in enumerate(unit.counts)
            for sym, var in day.items()
            if value(d, sym)
        )

    def works(self, a: int, d: int) -> LinearLike | None:
        """1 when agent ``a`` works on day ``d``; None when modelled in a group."""
        unit = self.units[self.unit_of[a]]
        if unit.is_group:
            return None
        return sum(var for sym, var in unit.counts[d].items() if sym >= FIRST_SHIFT)

    def bound_spread(
        self, most: Any, fewest: Any, agents: Iterable[int], value: Callable[[int, int], int]
    ) -> None:
        """Constrain ``fewest <= v(a) <= most`` for each of ``agents``, where ``v(a)`` is
        the sum over days of ``value(d, sym)`` for what the agent does (a count per day)."""
        wanted = set(agents)
        for unit in self.units:
            if not wanted.intersection(unit.members):
                continue
            if unit.is_group:
                # One indicator per distinct value rather than per legal month.
                span = self.ix.D
                by_score: dict[int, list[Any]] = {}
                for amount, pattern in zip(unit.amounts, unit.patterns, strict=True):
                    score = sum(value(d, sym) for d, sym in enumerate(pattern))
                    by_score.setdefault(score, []).append(amount)
                if len(by_score) == 1:
                    (score,) = by_score
                    self.cp.add(most >= score)
                    self.cp.add(fewest <= score)
                    continue
                for score, amounts in sorted(by_score.items()):
                    used = self.cp.new_bool_var(f"used_{unit.members[0]}_{score}")
                    self.cp.add(sum(amounts) >= used)
                    self.cp.add(sum(amounts) <= len(unit.members) * used)
                    self.cp.add(most >= score * used)
                    self.cp.add(fewest <= score + span * (1 - used))
            else:
                expr = sum(
                    value(d, sym) * var
                    for d, day in enumerate(unit.counts)
                    for sym, var in day.items()
                    if value(d, sym)
                )
                self.cp.add(most >= expr)
                self.cp.add(fewest <= expr)

    # -- counts across agents -----------------------------------------------------------------
    def _index_counts(self) -> None:
        """Who may count for which role on each day and shift.

        Usually an agent counts for their own role. On the days after a promotion an agent
        with a second role may work in it: their count splits into a part for each role.
        """
        ix = self.ix
        self._acts: dict[tuple[int, int], list[tuple[int, str, LinearLike]]] = {}
        self._second: dict[tuple[int, int, int], Any] = {}
        for u, unit in enumerate(self.units):
            agent = ix.agents[unit.members[0]]
            other = agent.secondary_role
            size = len(unit.members)
            for d, syms in enumerate(unit.counts):
                for sym, count in syms.items():
                    if sym < FIRST_SHIFT:
                        continue
                    acts = self._acts.setdefault((d, sym - FIRST_SHIFT), [])
                    if other is None or other == agent.role or d not in ix.second_role_days:
                        acts.append((u, agent.role, count))
                        continue
                    second = self.cp.new_int_var(0, size, f"second_{u}_{d}_{sym}")
                    self.cp.add(second <= count)
                    self._second[(u, d, sym)] = second
                    acts.append((u, agent.role, count - second))
                    acts.append((u, other, second))

    def agents_on(self, d: int, s: int, role: str | None = None) -> list[int]:
        """Agents who may work shift ``s`` on day ``d`` (in ``role``, when given)."""
        acts = self._acts.get((d, s), [])
        units = dict.fromkeys(u for u, r, _ in acts if role is None or r == role)
        return [a for u in units for a in self.units[u].members]

    def allowed_agents(self, s: int, role: str | None = None) -> list[int]:
        """Agents of ``role`` (their own role) allowed shift ``s`` at all."""
        code = self.ix.shifts[s].code
        return [
            i
            for i, a in enumerate(self.ix.agents)
            if self.problem.allows(a, code) and (role is None or a.role == role)
        ]

    def count(self, d: int, s: int, role: str | None = None) -> LinearLike:
        """Agents working shift ``s`` on day ``d`` (in ``role``, when given)."""
        sym = FIRST_SHIFT + s
        if role is None:
            units = dict.fromkeys(u for u, _r, _e in self._acts.get((d, s), []))
            return sum(self.units[u].counts[d][sym] for u in units)
        return sum(expr for _u, r, expr in self._acts.get((d, s), []) if r == role)

    # -- objective ------------------------------------------------------------------------------
    def add_term(self, name: str, expr: LinearLike) -> None:
        """Add to a soft term, in the term's model unit."""
        self.terms[name].append(expr)

    def _scale(self, term: Term) -> int:
        weight: int = getattr(self.problem.weights, term.weight)
        return weight if term.per_hour else weight * 60

    @property
    def objective_expr(self) -> LinearLike:
        """The objective (model units) as a CP-SAT expression."""
        return self._objective

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

    def sequences(
        self, roster: Roster
    ) -> tuple[dict[int, tuple[int | None, ...]], dict[tuple[int, int], str | None], bool]:
        """Each agent's symbols by day (None where the roster cannot be represented), the
        roles stated, and whether the roster names unknown agents or dates."""
        ix = self.ix
        cells: dict[tuple[int, int], list[str]] = {}
        roles: dict[tuple[int, int], str | None] = {}
        stray = False
        for item in roster:
            a, d = ix.agent_index.get(item.agent), ix.day_index.get(item.date)
            if a is None or d is None:
                stray = True
                continue
            cells.setdefault((a, d), []).append(item.shift)
            roles[(a, d)] = item.role
        seqs = {
            a: tuple(
                self._sym_of(c[0]) if len(c := cells.get((a, d), [])) == 1 else None
                for d in range(ix.D)
            )
            for a in range(ix.A)
        }
        return seqs, roles, stray

    def roles_allowed(self, roster: Roster) -> bool:
        """Whether every role the roster states (an agent acting in a second role) is one
        the model allows on that day and shift."""
        seqs, roles, _stray = self.sequences(roster)
        return all(
            self._acting_ok(a, d, seqs[a][d], role) is not None for (a, d), role in roles.items()
        )

    def _acting_ok(self, a: int, d: int, sym: int | None, role: str | None) -> bool | None:
        """True: works in the second role; False: own role; None: not allowed."""
        agent = self.ix.agents[a]
        if role in (None, agent.role) or sym is None or sym < FIRST_SHIFT:
            return False
        if role == agent.secondary_role and (self.unit_of[a], d, sym) in self._second:
            return True
        return None

    def fix(
        self,
        roster: Roster,
        into: cp_model.CpModel | None = None,
        only: set[int] | None = None,
    ) -> None:
        """Constrain the model (or its copy ``into``) to exactly ``roster`` (stated times
        are not modelled); with ``only``, just the units whose agents are all in it."""
        cp = self.cp if into is None else into
        seqs, roles, stray = self.sequences(roster)
        if stray:
            cp.add_bool_or([])
        if only is None:
            self._fix_breaks(roster, cp)
        for u, unit in enumerate(self.units):
            if only is not None and not only.issuperset(unit.members):
                continue
            follows: dict[tuple[int | None, ...], int] = {}
            seconds: dict[tuple[int, int], int] = {}
            for a in unit.members:
                seq = seqs[a]
                follows[seq] = follows.get(seq, 0) + 1
                for d, sym in enumerate(seq):
                    acting = self._acting_ok(a, d, sym, roles.get((a, d)))
                    if acting is None:
                        cp.add_bool_or([])
                    elif acting and sym is not None:
                        seconds[(d, sym)] = seconds.get((d, sym), 0) + 1
            for (uu, d, sym), second in self._second.items():
                if uu == u:
                    cp.add(second == seconds.get((d, sym), 0))
            if unit.is_group:
                index: dict[tuple[int | None, ...], int] = {
                    p: k for k, p in enumerate(unit.patterns)
                }
                if any(seq not in index for seq in follows):
                    cp.add_bool_or([])
                    continue
                for k, amount in enumerate(unit.amounts):
                    cp.add(amount == follows.get(unit.patterns[k], 0))
                continue
            (seq,) = follows
            for d, sym in enumerate(seq):
                value = unit.counts[d].get(sym) if sym is not None else None
                if value is None:
                    cp.add_bool_or([])
                elif not isinstance(value, int):
                    cp.add(value == 1)

    def hint_all(
        self,
        months: Mapping[int, Sequence[Sequence[int]]],
        value: Callable[[Any], int],
        into: cp_model.CpModel,
    ) -> None:
        """Hint every variable of the model (copied into ``into``) with a roster: each
        unit's months, and ``value(var)`` for the cells, patterns and rules' variables
        (`rostering.engine.formulation.Formulation.value_function`). A complete hint
        lets CP-SAT start from the roster at once."""
        into.clear_hints()
        seen: set[int] = set()
        for u, unit in enumerate(self.units):
            if unit.is_group or not unit.values:
                continue
            (month,) = months[u]
            dag = self.dags[unit.members[0]]
            assert dag is not None
            rest = list(unit.values)
            if len(rest) > len(month):  # the start node comes first
                phase = rest.pop(0)
                node = next(k for k in range(dag.sizes[0]) if _walks(dag, k, month))
                into.add_hint(phase, node)
                seen.add(phase.index)
            for var, sym in zip(rest, month, strict=True):
                if not isinstance(var, int):
                    into.add_hint(var, sym)
                    seen.add(var.index)
        for index in range(len(self.cp.proto.variables)):
            if index in seen:
                continue
            var = self.cp.get_int_var_from_proto_index(index)
            try:
                into.add_hint(var, value(var))
            except KeyError:  # a variable of the months' encoding, hinted above
                continue

    def hint(self, roster: Roster, into: cp_model.CpModel | None = None) -> None:
        """Suggest ``roster`` to the solver (of the model, or its copy ``into``) as a
        starting point."""
        cp = self.cp if into is None else into
        seqs, _roles, _stray = self.sequences(roster)
        for unit in self.units:
            if unit.is_group:
                known: dict[tuple[int | None, ...], int] = {
                    p: k for k, p in enumerate(unit.patterns)
                }
                follows = [known.get(seqs[a]) for a in unit.members]
                for k, amount in enumerate(unit.amounts):
                    cp.add_hint(amount, follows.count(k))
                continue
            (a,) = unit.members
            for d, day in enumerate(unit.counts):
                for sym, var in day.items():
                    if not isinstance(var, int):
                        cp.add_hint(var, seqs[a][d] == sym)

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
        first_roster: bool = True,
        start: Roster | None = None,
        search: str = "lns",
    ) -> Outcome:
        """Run CP-SAT and report how it ended.

        With ``first_roster`` the search runs in two phases (measured in benchmarks/):
        first any roster that satisfies the hard rules, by one worker without the
        objective; then the full objective starting from that roster, with the large
        neighbourhood searches and the two LP-based searches that give the bound. CP-SAT's
        deterministic interleaved search otherwise spends its first long chunks in the
        complete searches before any roster is found. If the second phase stops before
        it reports a roster (its presolve can use a small budget up), the first phase's
        roster is reported. ``start`` (the roster the search starts from) replaces the
        constructive roster as the first phase's starting point.

        ``search="lp"`` runs the second phase as `_lp_search` instead: better on problems
        whose linear relaxation is strong (the Curtois & Qu benchmark).
        """
        if search not in ("lns", "lp"):
            raise ValueError(f"unknown search {search!r} (lns or lp)")
        tracker = _Tracker(progress, self.objective_scale) if progress is not None else None
        budget = time_limit
        first_found: Outcome | None = None
        if first_roster and self.cp.proto.objective.vars:
            first_found = self._first_roster(
                FIRST_ROSTER_SHARE * time_limit, seed, log, deterministic, start
            )
            if first_found.status == cp_model.INFEASIBLE:
                return first_found
            budget = max(time_limit - first_found.deterministic_time, 0.1 * time_limit)
            if first_found.found:
                self.cp.clear_hints()
                values = list(first_found.solver.response_proto.solution)
                hint = self.cp.proto.solution_hint
                hint.vars.extend(range(len(values)))
                hint.values.extend(values)
        elif start is not None:
            self.cp.clear_hints()
            self.hint(start)
        if tracker is not None and first_found is not None and first_found.found:
            tracker.found(_eval(self._objective, first_found.value) / self.objective_scale)
        if search == "lp":
            status, solver = self._lp_search(budget, workers, seed, log, deterministic, tracker)
        else:
            solver = self.new_solver(
                budget, workers=workers, seed=seed, log=log, deterministic=deterministic
            )
            params = solver.parameters
            if deterministic:
                params.interleave_search = workers > 1
                if workers > 1 and first_roster:
                    params.ignore_subsolvers.extend(COMPLETE_SEARCHES_SKIPPED)
            if len(self.cp.proto.variables) > LARGE_MODEL_VARIABLES:
                # Large teams: a lighter presolve (measured in benchmarks/: at 1000 agents
                # the default presolve takes most of a 10 s budget and gives a far weaker
                # bound).
                params.max_presolve_iterations = 1
                params.cp_model_probing_level = 0
                params.merge_at_most_one_work_limit = 0
                params.find_big_linear_overlap = False
            if tracker is not None:
                solver.best_bound_callback = tracker.on_bound
            status = interrupt.solve(solver, self.cp, tracker)
        wall = solver.wall_time + (first_found.wall_time if first_found else 0.0)
        dtime = solver.deterministic_time + (first_found.deterministic_time if first_found else 0.0)
        has_bound = status != cp_model.UNKNOWN or solver.best_objective_bound > -1e30
        bound = solver.best_objective_bound if has_bound else None
        if status == cp_model.UNKNOWN and first_found is not None and first_found.found:
            return Outcome(cp_model.FEASIBLE, first_found.solver, bound, wall, dtime)
        return Outcome(status, solver, bound, wall, dtime)

    def _lp_search(
        self,
        budget: float,
        workers: int,
        seed: int,
        log: bool,
        deterministic: bool,
        tracker: _Tracker | None,
    ) -> tuple[Any, cp_model.CpSolver]:
        """The ``lp`` search: a single-thread search guided by the full linear relaxation
        (CP-SAT's linearization level 2), and, with two workers or more, next to it in a
        second thread a single-thread interleaved search (large neighbourhoods). They
        share nothing; the result is the best roster (ties: the LP search's) and the best
        bound of the two. The LP search proving optimality stops the other.

        Not reproducible: although each thread stops on deterministic time, CP-SAT's
        LP-guided search gave different rosters on identical runs of the same model
        (measured on the Curtois & Qu instances, single thread too). The default ``lns``
        search keeps the reproducibility guarantee of `rostering.solve`.
        """
        solvers = []
        for k in range(2 if workers > 1 else 1):
            solver = self.new_solver(
                budget, workers=1, seed=seed, log=log and k == 0, deterministic=deterministic
            )
            params = solver.parameters
            if k == 0:
                # The whole relaxation in the LP from the start (CP-SAT's max_lp), not
                # added lazily: on rostering problems the bound comes much sooner.
                params.linearization_level = 2
                params.add_lp_constraints_lazily = False
            else:
                params.interleave_search = True
                params.ignore_subsolvers.extend(COMPLETE_SEARCHES_SKIPPED)
            solvers.append(solver)
        statuses: list[Any] = [cp_model.UNKNOWN] * len(solvers)

        def run(k: int) -> None:
            statuses[k] = solvers[k].solve(self.cp, tracker if k == 0 else None)
            if k == 0 and statuses[k] == cp_model.OPTIMAL:
                for other in solvers[1:]:
                    other.stop_search()

        threads = [threading.Thread(target=run, args=(k,)) for k in range(1, len(solvers))]
        for thread in threads:
            thread.start()
        run(0)
        for thread in threads:
            thread.join()
        found = [
            (solvers[k].objective_value, k)
            for k in range(len(solvers))
            if statuses[k] in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        ]
        if statuses[0] == cp_model.OPTIMAL:
            best = 0
        elif found:
            best = min(found)[1]
        else:
            best = 0
        bound = max(
            (s.best_objective_bound for s in solvers if s.best_objective_bound > -1e30),
            default=None,
        )
        chosen = solvers[best]
        status = statuses[best]
        if status == cp_model.FEASIBLE and bound is not None and bound >= chosen.objective_value:
            status = cp_model.OPTIMAL
        return status, _Merged(chosen, bound, solvers)

    def _first_roster(
        self,
        limit: float,
        seed: int,
        log: bool,
        deterministic: bool,
        start: Roster | None,
        workers: int = 1,
        paths: dict[int, tuple[int, ...]] | None = None,
    ) -> Outcome:
        """Any roster satisfying the hard rules. Start from the constructive roster
        (`rostering.engine.construct`): when the acceptance check passes it, CP-SAT only
        fills in the other variables; when only some agents' months break limits their graph
        does not hold (`Rule.pattern_ok`), the others are fixed and those agents searched
        first; otherwise (or if that fails) one worker searches, without the objective and
        without probing, starting from it. ``start`` replaces the constructive roster
        (``paths``: its agents' months, to find the misfits among them the same way)."""
        if start is not None:
            misfits: set[int] = set()
            fitting = set(range(self.ix.A))
        else:
            paths = construct(self)
            start = self.assemble(paths)
        if paths is not None:
            # Agents whose month breaks a limit the graph does not hold (minutes, weekends).
            misfits = {a for a, path in paths.items() if not self.month_fits(a, path)}
            fitting = set(paths) - misfits
        # Fix the fitting agents' months (all, when the checker accepts the roster) and
        # search the others'; if that fails, search everyone's.
        accepted = self.accept is not None and self.accept(start)
        fix_first = accepted or bool(misfits and fitting)
        tries: list[set[int] | None] = [fitting, None] if fix_first else [None]
        wall = dtime = 0.0
        for fixed in tries:
            feasibility = cp_model.CpModel()
            feasibility.proto.copy_from(self.cp.proto)
            if fixed is not None:
                self.fix(start, into=feasibility, only=fixed)
                if misfits:
                    # Search the misfits' months, without the objective.
                    feasibility.clear_objective()
                    feasibility.clear_hints()
                    self.hint(start, into=feasibility)
                # Otherwise keep the objective: with the roster fixed, only the terms' own
                # variables are left, and minimizing them makes the hint's objective the
                # roster's.
            else:
                feasibility.clear_objective()
                feasibility.clear_hints()
                self.hint(start, into=feasibility)
            left = max(limit - (dtime if deterministic else wall), 0.01)
            if fixed is not None:
                left /= 2  # the whole team's search keeps the other half
            # The whole team's search gets every worker on the wall clock (with one,
            # Curtois & Qu instances 12-15 found no roster in 36 s; with two, Instance12
            # had one in 8 s). A work budget stays with one worker: interleaved workers
            # share the budget, and small budgets then found no roster.
            parallel = workers if fixed is None and not deterministic else 1
            solver = self.new_solver(
                left, workers=parallel, seed=seed, log=log, deterministic=deterministic, guard=limit
            )
            if parallel == 1:
                solver.parameters.cp_model_probing_level = 0
            status = interrupt.solve(solver, feasibility)
            wall += solver.wall_time
            dtime += solver.deterministic_time
            if fixed is not None and status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                continue
            break
        if status == cp_model.OPTIMAL:
            status = cp_model.FEASIBLE  # a roster; nothing is proven about the objective
        return Outcome(status, solver, None, wall, dtime)

    def first_roster(
        self,
        limit: float,
        *,
        seed: int,
        deterministic: bool,
        start: dict[int, tuple[int, ...]],
        workers: int = 1,
    ) -> Outcome:
        """Any roster satisfying the hard rules, searched by CP-SAT from ``start`` (each
        agent's month): the agents whose month breaks a limit their graph does not hold
        are searched first with the others fixed, then (if that fails) the whole team
        with ``workers`` workers."""
        return self._first_roster(
            limit, seed, False, deterministic, self.assemble(start), workers, paths=start
        )

    def unit_months(self, value: Callable[[Any], int]) -> dict[int, list[tuple[int, ...]]]:
        """Each unit's months (one per agent) in a solution: ``value(var)`` gives a
        variable's value."""
        out: dict[int, list[tuple[int, ...]]] = {}
        for u, unit in enumerate(self.units):
            if unit.is_group:
                out[u] = [
                    unit.patterns[k]
                    for k, amount in enumerate(unit.amounts)
                    for _ in range(value(amount))
                ]
            else:
                out[u] = [
                    tuple(
                        next(s for s, v in day.items() if (v if isinstance(v, int) else value(v)))
                        for day in unit.counts
                    )
                ]
        return out

    @staticmethod
    def wall_guard(time_limit: float) -> float:
        """Wall-clock seconds after which a deterministic solve is stopped anyway."""
        return 3 * time_limit + 10

    @classmethod
    def new_solver(
        cls,
        budget: float,
        *,
        workers: int,
        seed: int,
        log: bool = False,
        deterministic: bool = True,
        guard: float | None = None,
    ) -> cp_model.CpSolver:
        """A CP-SAT solver with the settings every solve here needs: workers, seed, and
        a time limit. With ``deterministic`` the limit is CP-SAT's deterministic work
        counter, so the same input, seed and worker count give the same roster; the wall
        clock only guards runaways (`wall_guard` of ``guard``, default ``budget``)."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = workers
        params.random_seed = seed
        params.log_search_progress = log
        if deterministic:
            params.max_deterministic_time = budget
            params.max_time_in_seconds = cls.wall_guard(budget if guard is None else guard)
            # Several workers are deterministic only when interleaved: a work limit alone
            # leaves the roster to the threads' timing (the machine's load).
            params.interleave_search = workers > 1
        else:
            params.max_time_in_seconds = budget
        return solver

    def roster_from(self, value: Callable[[Any], int]) -> Roster:
        """Read the roster from a solution: ``value(var)`` gives a variable's value.

        In a group, agents take the group's months in pattern order (the first agent of
        the group the first pattern followed, and so on); on each day the agents working
        in their second role are the first ones on that shift.
        """
        sequences: dict[int, list[int]] = {}
        second_role: set[tuple[int, int]] = set()
        for u, unit in enumerate(self.units):
            if unit.is_group:
                taken = [
                    unit.patterns[k]
                    for k, amount in enumerate(unit.amounts)
                    for _ in range(value(amount))
                ]
                for a, pattern in zip(unit.members, taken, strict=True):
                    sequences[a] = list(pattern)
            else:
                (a,) = unit.members
                sequences[a] = [
                    next(s for s, v in day.items() if (v if isinstance(v, int) else value(v)))
                    for day in unit.counts
                ]
            for (uu, d, sym), second in self._second.items():
                if uu != u:
                    continue
                wanted = value(second)
                for a in unit.members:
                    if wanted and sequences[a][d] == sym:
                        second_role.add((a, d))
                        wanted -= 1
        return self.assemble(
            sequences, second_role, self.break_starts(sequences, second_role, value)
        )

    def assemble(
        self,
        sequences: Mapping[int, Sequence[int]],
        second_role: set[tuple[int, int]] | None = None,
        breaks: Mapping[tuple[int, int], int] | None = None,
    ) -> Roster:
        """A roster from each agent's symbols by day; ``second_role`` lists the (agent,
        day) worked in the agent's second role; ``breaks`` gives each (agent, day)'s break
        start (default: `break_starts` without counts)."""
        ix = self.ix
        second_role = second_role or set()
        if breaks is None:
            breaks = self.break_starts(sequences, second_role)
        start = datetime(ix.days[0].year, ix.days[0].month, ix.days[0].day)
        out = []
        for a, agent in enumerate(ix.agents):
            if a not in sequences:
                continue
            for d, day in enumerate(ix.days):
                sym = sequences[a][d]
                if sym == REST_SYM:
                    out.append(Assignment(agent.id, day, REST))
                elif sym == LEAVE_SYM:
                    out.append(Assignment(agent.id, day, LEAVE))
                else:
                    inst = ix.instances[d][sym - FIRST_SHIFT]
                    assert inst is not None
                    pause = breaks.get((a, d))
                    out.append(
                        Assignment(
                            agent.id,
                            day,
                            ix.shifts[inst.shift].code,
                            start + timedelta(minutes=inst.actual_start),
                            start + timedelta(minutes=inst.end),
                            agent.secondary_role if (a, d) in second_role else None,
                            None if pause is None else start + timedelta(minutes=pause),
                            None
                            if pause is None
                            else start + timedelta(minutes=pause + inst.break_minutes),
                        )
                    )
        return Roster(out)

    # -- breaks (rostering.rules.breaks) ---------------------------------------------------------
    def break_starts(
        self,
        sequences: Mapping[int, Sequence[int]],
        second_role: set[tuple[int, int]],
        value: Callable[[Any], int] | None = None,
    ) -> dict[tuple[int, int], int]:
        """Each (agent, day)'s break start on a shift with a break, in minutes from 00:00
        of the first day. Per day, shift and role worked, the agents in index order take
        the starts the model's break counts give (``value`` reads them), earliest first;
        where there are no counts (or no solution), the window's starts in turn."""
        ix = self.ix
        by_key: dict[tuple[int, int, str], list[int]] = {}
        for a in sorted(sequences):
            agent = ix.agents[a]
            for d, sym in enumerate(sequences[a]):
                inst = ix.instances[d][sym - FIRST_SHIFT] if sym >= FIRST_SHIFT else None
                if inst is None or not inst.break_starts:
                    continue
                role = agent.secondary_role if (a, d) in second_role else agent.role
                by_key.setdefault((d, inst.shift, role or agent.role), []).append(a)
        made = break_counts(self)
        out: dict[tuple[int, int], int] = {}
        for key, agents in by_key.items():
            inst = ix.instances[key[0]][key[1]]
            assert inst is not None
            counts = made.get(key)
            starts: list[int] = []
            if counts is not None and value is not None:
                starts = [t for t, var in sorted(counts.items()) for _ in range(value(var))]
            if len(starts) != len(agents):
                starts = spread(inst.break_starts, len(agents))
            for a, t in zip(agents, starts, strict=True):
                out[(a, key[0])] = t
        return out

    def _fix_breaks(self, roster: Roster, cp: cp_model.CpModel) -> None:
        """Fix the model's break counts to the roster's breaks (`break_values`); a break
        the model cannot represent makes ``cp`` infeasible."""
        fixed = self.break_values(roster)
        if fixed is None:
            cp.add_bool_or([])
            return
        for var, count in fixed:
            cp.add(var == count)

    def break_values(self, roster: Roster) -> list[tuple[Any, int]] | None:
        """The value of each of the model's break counts in ``roster``: per day, shift,
        role and start, the agents whose break starts then (an unstated break is taken at
        the earliest start, as the checker reads it). None when a stated break is not one
        the model can represent (off its window's quarter-hour starts, of another length,
        or on a shift without a break)."""
        ix = self.ix
        origin = datetime(ix.days[0].year, ix.days[0].month, ix.days[0].day)
        tally: dict[tuple[int, int, str], dict[int, int]] = {}
        for item in roster:
            a, d = ix.agent_index.get(item.agent), ix.day_index.get(item.date)
            if a is None or d is None:
                continue
            s = ix.shift_index.get(item.shift)
            inst = ix.instances[d][s] if s is not None else None
            stated = item.break_start is not None or item.break_end is not None
            if inst is None or not inst.break_starts:
                if stated:
                    return None
                continue
            if item.break_start is None:
                if stated:
                    return None
                t = inst.break_starts[0]
            else:
                t = int((item.break_start - origin).total_seconds() // 60)
                end = item.break_end or item.break_start + timedelta(minutes=inst.break_minutes)
                if t not in inst.break_starts or end - item.break_start != timedelta(
                    minutes=inst.break_minutes
                ):
                    return None
            role = item.role or ix.agents[a].role
            at = tally.setdefault((d, inst.shift, role), {})
            at[t] = at.get(t, 0) + 1
        return [
            (var, tally.get(key, {}).get(t, 0))
            for key, counts in break_counts(self).items()
            for t, var in counts.items()
        ]

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
        groups = [u for u in self.units if u.is_group]
        return {
            "variables": len(proto.variables),
            "constraints": len(proto.constraints),
            "graphs": len({id(g) for g in self.dags if g is not None}),
            "groups": len(groups),
            "agents_in_groups": sum(len(u.members) for u in groups),
            "patterns": sum(len(u.patterns) for u in groups),
        }


def _walks(dag: Dag, node: int, month: Sequence[int]) -> bool:
    """Whether ``month`` is a path of ``dag`` from start node ``node``."""
    nodes = {node}
    for layer, sym in zip(dag.arcs, month, strict=True):
        nodes = {dst for src, s, dst in layer if s == sym and src in nodes}
        if not nodes:
            return False
    return True


def _eval(expr: LinearLike, value: Callable[[Any], int]) -> int:
    if isinstance(expr, int):
        return expr
    return int(value(expr))


class _Merged(cp_model.CpSolver):
    """The solver whose roster is reported, with the best bound and the summed times of
    all the searches run side by side."""

    def __init__(self, chosen: cp_model.CpSolver, bound: float | None, all_: list[Any]) -> None:
        super().__init__()
        self._chosen = chosen
        self._bound = bound
        self._all = all_

    def value(self, var: Any) -> Any:
        return self._chosen.value(var)

    @property
    def response_proto(self) -> Any:
        return self._chosen.response_proto

    @property
    def objective_value(self) -> float:
        return float(self._chosen.objective_value)

    @property
    def best_objective_bound(self) -> float:
        return self._bound if self._bound is not None else -1e31

    @property
    def wall_time(self) -> float:
        return float(max(s.wall_time for s in self._all))

    @property
    def deterministic_time(self) -> float:
        return float(max(s.deterministic_time for s in self._all))


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

    def found(self, objective: float) -> None:
        """A roster found before the search (the first phase's)."""
        with self._lock:
            self._count += 1
            self._objective = objective
            self._emit()

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
