"""When plans change: swap two agents' days (换班), and re-roster from a date on.

Both start from a roster that exists (solved here or made by hand) and keep as much of it
as they can. Every roster they return is checked by the independent checker.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from ortools.sat.python import cp_model

from .check import check, objective
from .engine.model import Model, Progress
from .entry import MODEL_OBJECTIVE, SolveParams, build, search
from .index import LEAVE_SYM, REST_SYM
from .lookahead import LOOKAHEAD_DROPPED, without_lookahead
from .problem import LEAVE, REST, Leave, Problem, ProblemError
from .result import Result, Status
from .roster import Assignment, Roster
from .rules import Violation
from .solver import run

__all__ = [
    "Replan",
    "SwapOption",
    "SwapOutcome",
    "changed_cells",
    "resolve",
    "swap",
    "swap_options",
]


# -- swaps ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SwapOutcome:
    """A proposed swap: the roster after it and the hard rules it would break."""

    roster: Roster
    """The roster with the two cells exchanged."""
    broken: tuple[Violation, ...]
    """Violations of the swapped roster that the roster before the swap did not have."""
    already: tuple[Violation, ...] = ()
    """Violations the roster had before the swap (the swap is not blamed for them)."""

    @property
    def ok(self) -> bool:
        return not self.broken


def _key(v: Violation) -> tuple[object, ...]:
    return (v.rule, v.agent, v.date, v.message)


def swap(problem: Problem, roster: Roster, first: str, second: str, day: date) -> SwapOutcome:
    """Exchange what agents ``first`` and ``second`` do on ``day`` (换班) and check it.

    The agent taking over a shift takes over its times (handover overlap included) and
    works it in their own role. Leave cannot be swapped.

    Parameters
    ----------
    problem
        The problem the roster is for.
    roster
        The roster in use.
    first, second
        The two agents' ids.
    day
        The date of the swap.

    Returns
    -------
    SwapOutcome
        The swapped roster and the rules it would break (``ok`` when none).

    Raises
    ------
    ProblemError
        When an agent is unknown, the date is outside the roster, one of the two has no
        cell that day, is on leave, or both already do the same thing.
    """
    ids = {a.id for a in problem.agents}
    for who in (first, second):
        if who not in ids:
            raise ProblemError(f"swap: unknown agent '{who}'")
    if first == second:
        raise ProblemError("swap: name two different agents")
    a, b = roster.get(first, day), roster.get(second, day)
    for who, cell in ((first, a), (second, b)):
        if cell is None:
            raise ProblemError(f"swap: {who} has no entry on {day} in the roster")
        if cell.shift == LEAVE:
            raise ProblemError(f"swap: {who} is on leave on {day}; leave cannot be swapped")
    assert a is not None and b is not None
    if a.shift == b.shift:
        raise ProblemError(f"swap: {first} and {second} both have '{a.shift}' on {day}")
    swapped: list[Assignment] = []
    for item in roster:
        if item is a:
            swapped.append(Assignment(first, day, b.shift, b.start, b.end))
        elif item is b:
            swapped.append(Assignment(second, day, a.shift, a.start, a.end))
        else:
            swapped.append(item)
    after = Roster(swapped)
    before = check(problem, roster)
    seen = {_key(v) for v in before}
    broken = tuple(v for v in check(problem, after) if _key(v) not in seen)
    return SwapOutcome(after, broken, tuple(before))


# -- who can take a shift -----------------------------------------------------------------------
@dataclass(frozen=True)
class SwapOption:
    """A way to have someone else take an agent's shift on a date (换班): the cells that
    change, the roster after the change (checked: it breaks no hard rule) and its
    objective."""

    changes: tuple[tuple[str, date, str, str], ...]
    """(agent, date, before, after) of every cell that changes, by agent and date."""
    roster: Roster
    objective: float
    """The roster's objective in points, as the checker scores it."""
    taker: str
    """The agent who takes the shift."""

    @property
    def cells(self) -> int:
        return len(self.changes)

    @property
    def kind(self) -> str:
        """``one-day swap``, ``two-day swap``, ``swap over N days`` (two agents) or
        ``chain of N agents over M day(s)``."""
        agents = {c[0] for c in self.changes}
        days = {c[1] for c in self.changes}
        if len(agents) > 2:
            return f"chain of {len(agents)} agents over {len(days)} day(s)"
        if len(days) <= 2:
            return ("one-day swap", "two-day swap")[len(days) - 1]
        return f"swap over {len(days)} days"

    def describe(self) -> str:
        """One line: the kind, the taker and each changed cell."""
        cells = "; ".join(
            f"{agent} {day:%m-%d} {before}->{after}" for agent, day, before, after in self.changes
        )
        return f"{self.kind}, {self.cells} cells, {self.objective:g} points: {cells}"


def swap_options(
    problem: Problem,
    roster: Roster,
    agent: str,
    day: date,
    *,
    most: int = 10,
    window: int = 6,
    time_limit: float = 2.0,
    workers: int = 1,
    seed: int = 0,
    reproducible: bool = False,
) -> list[SwapOption]:
    """Who can take ``agent``'s shift on ``day``, best first (换班 suggestions).

    A small CP-SAT search over the roster in which only ``agent`` and the agents who could
    take the shift may change, and only within ``window`` days of ``day``: the fewest
    changed cells, then the lowest objective, with which someone else works the shift
    that day and ``agent`` does not, under every hard rule. Each taker found is then left
    out, for up to ``most`` takers. One-day swaps, two-day swaps (the taker's day is paid
    back on another day) and short chains (a third agent moves too) come out as they fit.
    Every option returned passes the independent checker; they are sorted by changed
    cells, then objective. ``time_limit`` bounds each search (two per taker; with
    ``reproducible``, in CPU-independent work units as for `rostering.solve`). The
    look-ahead is not asked for: the checker decides.

    Raises
    ------
    ProblemError
        When the agent is unknown, the date outside the roster, the agent does not work
        that day, or the roster already breaks a hard rule.
    """
    if agent not in {a.id for a in problem.agents}:
        raise ProblemError(f"swap: unknown agent '{agent}'")
    if day not in problem.days:
        raise ProblemError(f"swap: {day} is outside the roster ({problem.start}..{problem.end})")
    cell = roster.get(agent, day)
    if cell is None or not cell.working:
        what = "no entry" if cell is None else ("rest" if cell.shift == REST else "leave")
        raise ProblemError(f"swap: {agent} does not work on {day} ({what}): no shift to take")
    broken = check(problem, roster)
    if broken:
        raise ProblemError(
            f"swap: the roster already breaks {len(broken)} rule(s) (first: {broken[0]}); "
            "`roster validate` lists them"
        )
    model = build(without_lookahead(problem), group=False, accept=False)
    ix = model.ix
    a, d, sym = ix.agent_index[agent], ix.day_index[day], ix.sym(cell.shift)
    takes = {
        b: model.xvar(b, d, sym)
        for b, other in enumerate(ix.agents)
        if b != a and roster.shift(other.id, day) != cell.shift
    }
    takers = [b for b, x in takes.items() if not isinstance(x, int)]
    free = sorted({a, *takers})
    model.fix(roster, only=set(range(ix.A)) - set(free))
    days = range(max(0, d - window), min(ix.D, d + window + 1))
    seqs, _roles, _stray = model.sequences(roster)
    changed: list[cp_model.LinearExprT] = []
    for b in free:
        for t in range(ix.D):
            old = seqs[b][t]
            var = model.xvar(b, t, old) if old is not None else 0
            if isinstance(var, int):
                continue  # the only thing the agent may do that day
            if t in days:
                changed.append(1 - var)
            else:
                model.cp.add(var == 1)
    model.cp.add(model.xvar(a, d, sym) == 0)
    options: list[SwapOption] = []
    left = list(takers)
    while left and len(options) < most:
        value = _fewest_then_best(
            model,
            changed,
            [takes[b] for b in left],
            [takes[b] for b in takers if b not in left],
            roster,
            time_limit,
            workers,
            seed,
            reproducible,
        )
        if value is None:
            break
        after = {
            (b, t): next(
                s for s, v in model.units[model.unit_of[b]].counts[t].items() if _eval(v, value)
            )
            for b in free
            for t in days
        }
        found = [b for b in left if after[(b, d)] == sym]
        left = [b for b in left if b not in found]
        option = _option(problem, roster, model, seqs, after, ix.agents[found[0]].id)
        if option is not None:
            options.append(option)
    options.sort(key=lambda o: (o.cells, o.objective))
    return options


def _eval(value: Any, solution: Callable[[Any], int]) -> int:
    return value if isinstance(value, int) else solution(value)


def _fewest_then_best(
    model: Model,
    changed: list[cp_model.LinearExprT],
    any_of: list[Any],
    none_of: list[Any],
    roster: Roster,
    time_limit: float,
    workers: int,
    seed: int,
    reproducible: bool,
) -> Callable[[Any], int] | None:
    """A solution where one of ``any_of`` and none of ``none_of`` holds, with the fewest
    ``changed`` cells and then the lowest objective; None when there is none (in time).
    Both stages are `rostering.entry.search` runs from ``roster``."""
    total = sum(changed)
    params = SolveParams(
        time_limit=time_limit, workers=workers, seed=seed, reproducible=reproducible
    )

    def taken(stage: cp_model.CpModel) -> None:
        stage.add(sum(any_of) >= 1)
        for var in none_of:
            stage.add(var == 0)

    first = search(model, params, objective=total, constrain=taken, start=roster)
    if first.value is None:
        return None
    fewest = round(first.value(total))

    def within(stage: cp_model.CpModel) -> None:
        taken(stage)
        stage.add(total <= fewest)

    best = search(model, params, objective=MODEL_OBJECTIVE, constrain=within, start=roster)
    return best.value or first.value


def _option(
    problem: Problem,
    roster: Roster,
    model: Model,
    seqs: dict[int, tuple[int | None, ...]],
    after: dict[tuple[int, int], int],
    taker: str,
) -> SwapOption | None:
    """The option that sets the cells ``after`` ((agent, day) -> symbol), if the checker
    accepts it. A shift taken over keeps the times someone worked it with that day."""
    ix = model.ix
    origin = datetime.combine(ix.days[0], datetime.min.time())
    worked: dict[tuple[date, str], Assignment] = {}
    for item in roster:
        if item.working and item.start is not None and item.end is not None:
            worked.setdefault((item.date, item.shift), item)
    cells: dict[tuple[str, date], Assignment] = {}
    changes = []
    for (b, t), sym in sorted(after.items()):
        if seqs[b][t] == sym:
            continue
        who, when = ix.agents[b].id, ix.days[t]
        if sym == REST_SYM:
            cells[(who, when)] = Assignment(who, when, REST)
        elif sym == LEAVE_SYM:
            cells[(who, when)] = Assignment(who, when, LEAVE)
        else:
            code = ix.shifts[ix.shift_of(sym)].code
            like = worked.get((when, code))
            if like is not None:
                cells[(who, when)] = Assignment(who, when, code, like.start, like.end)
            else:
                inst = ix.instances[t][ix.shift_of(sym)]
                assert inst is not None
                start = origin + timedelta(minutes=inst.actual_start)
                cells[(who, when)] = Assignment(
                    who, when, code, start, origin + timedelta(minutes=inst.end)
                )
        changes.append((who, when, roster.shift(who, when) or "", cells[(who, when)].shift))
    new = Roster(cells.get((item.agent, item.date), item) for item in roster)
    if check(problem, new):
        return None
    return SwapOption(tuple(changes), new, objective(problem, new), taker)


# -- re-rostering ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Replan:
    """The outcome of `resolve`: the new roster's `Result` and what changed."""

    result: Result
    start: date
    """Days before this date were kept as they were."""
    changed: tuple[tuple[str, date], ...] = ()
    """Cells (agent, date) on or after ``start`` whose entry differs from the old roster."""
    new_agents: tuple[str, ...] = ()
    """Agents in the team that the old roster did not have."""
    dropped_agents: tuple[str, ...] = ()
    """Agents of the old roster no longer in the team (their rows are gone)."""
    notes: tuple[str, ...] = field(default_factory=tuple)


def changed_cells(
    old: Roster, new: Roster, agents: list[str], days: list[date]
) -> tuple[tuple[str, date], ...]:
    """The (agent, date) cells where ``old`` and ``new`` say different things."""
    return tuple(
        (agent, day)
        for agent in agents
        for day in days
        if old.shift(agent, day) is not None and old.shift(agent, day) != new.shift(agent, day)
    )


def resolve(
    problem: Problem,
    roster: Roster,
    start: date,
    params: SolveParams | None = None,
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    progress: Callable[[Progress], None] | None = None,
    log: bool | None = None,
    reproducible: bool | None = None,
) -> Replan:
    """Re-roster from ``start`` on, after new leave, a new agent or changed rules.

    Days before ``start`` are kept exactly as ``roster`` has them; from ``start`` on every
    rule holds again (across the boundary too) and as few cells as possible change: the
    search first minimizes the number of changed cells, then, with that number fixed as a
    limit, the usual objective. A new agent counts as not employed before ``start`` (its
    days there are `unavailable`, so its rest days are prorated).

    Parameters
    ----------
    problem
        The problem as it is now (new leave, a new agent, changed rules).
    roster
        The roster in use (solved here or made by hand).
    start
        The first day that may change; it must be after ``problem.start``.
    params
        The settings, as for `rostering.solve` (`rostering.solver.SolveParams`; the limit
        covers both stages).
    time_limit, workers, seed, progress, log, reproducible
        As for `rostering.solve`: they override the fields of ``params``.

    When the look-ahead (`rostering.lookahead`) leaves the kept days or the team no
    roster, the month is re-rostered without it, and a note says so. When no roster
    keeps the days before ``start`` (a hand-typed cell there breaks a rule, say), the
    result's notes name the latest day to re-roster from instead (`latest_start`).

    Returns
    -------
    Replan
        The checked `Result` (infeasible is a status), the changed cells and notes.
    """
    given: dict[str, Any] = {
        "time_limit": time_limit,
        "workers": workers,
        "seed": seed,
        "log": log,
        "reproducible": reproducible,
    }
    params = replace(params or SolveParams(), **{k: v for k, v in given.items() if v is not None})
    args = (roster, start, params, progress)
    if not problem.rules.lookahead:
        replan = _resolve(problem, *args)
    else:
        try:
            ahead = _resolve(problem, *args)
        except ProblemError:
            ahead = None
        if ahead is not None and ahead.result.status is not Status.INFEASIBLE:
            return ahead
        plain = _resolve(without_lookahead(problem), *args)
        replan = replace(
            plain,
            result=replace(plain.result, problem=plain.result.problem.replace(rules=problem.rules)),
            notes=(*plain.notes, *((LOOKAHEAD_DROPPED,) if plain.result.roster else ())),
        )
    if replan.result.status is Status.INFEASIBLE:
        hint = _earlier_start(
            problem, roster, start, min(params.time_limit, 5.0), params.workers, params.seed
        )
        replan = replace(replan, result=replace(replan.result, notes=(*replan.result.notes, hint)))
    return replan


def _earlier_start(
    problem: Problem, roster: Roster, start: date, time_limit: float, workers: int, seed: int
) -> str:
    """What to do when no roster keeps the days before ``start``: the latest day to
    re-roster from instead (`latest_start`)."""
    kept = f"no roster keeps every day before {start} as it is"
    earlier = latest_start(
        problem, roster, start, time_limit=time_limit, workers=workers, seed=seed
    )
    if earlier is None:
        return f"{kept}, nor any re-roster found in time: `roster solve` the input to see why"
    return (
        f"{kept} (a kept day breaks a rule, or leaves the days after it no way to hold): "
        f"re-roster from {earlier} or earlier"
    )


@dataclass
class _Kept:
    """The model of a re-roster from ``start``: the days before it fixed as the old
    roster has them, and the count of changed cells from ``start`` on."""

    problem: Problem
    model: Model
    old: Roster
    changes: cp_model.LinearExprT
    known: set[str]
    team: list[str]
    new_agents: tuple[str, ...]
    dropped: tuple[str, ...]


def _kept(problem: Problem, roster: Roster, start: date) -> _Kept:
    """Fix the days before ``start`` (a new agent is not employed there); `ProblemError`
    when a kept day cannot stay as it is under the current leave and rules."""
    end = problem.end
    assert end is not None
    if not problem.start < start <= end:
        raise ProblemError(
            f"re-roster from {start}: must be after {problem.start} and at most {end}"
        )
    known = set(roster.agents())
    team = [a.id for a in problem.agents]
    new_agents = tuple(a for a in team if a not in known)
    dropped = tuple(a for a in roster.agents() if a not in set(team))
    before = [problem.start + timedelta(days=i) for i in range((start - problem.start).days)]
    if new_agents:
        on_leave = {(lv.agent, lv.date) for lv in problem.leave}
        extra = tuple(
            Leave(agent, day, "unavailable")
            for agent in new_agents
            for day in before
            if (agent, day) not in on_leave
        )
        problem = problem.replace(leave=problem.leave + extra)
    kept = Roster(
        item
        for item in roster
        if item.agent not in set(dropped) and problem.start <= item.date <= end
    )
    old = Roster(
        list(kept) + [Assignment(agent, day, LEAVE) for agent in new_agents for day in before]
    )
    model = build(problem, group=False, accept=False)
    k = (start - problem.start).days
    seqs, _roles, _stray = model.sequences(old)
    changes: list[cp_model.LinearExprT] = []
    impossible: list[tuple[str, date]] = []
    for unit in model.units:
        (a,) = unit.members
        agent = model.ix.agents[a].id
        for d, counts in enumerate(unit.counts):
            sym = seqs[a][d]
            if d < k:
                var = counts.get(sym) if sym is not None else None
                if var is None:
                    impossible.append((agent, model.ix.days[d]))
                elif not isinstance(var, int):
                    model.cp.add(var == 1)
            elif sym is not None and agent in known:
                var = counts.get(sym)
                changes.append(1 if var is None else 1 - var)
    if impossible:
        first_day = min(day for _a, day in impossible)
        raise ProblemError(
            f"re-roster from {start}: the kept days before it cannot stay as they are "
            f"under the current leave and rules ({_cells(impossible)}); "
            f"re-roster from {first_day} or earlier"
        )
    total = sum(changes) if changes else 0
    return _Kept(problem, model, old, total, known, team, new_agents, dropped)


def _resolve(
    problem: Problem,
    roster: Roster,
    start: date,
    params: SolveParams,
    progress: Callable[[Progress], None] | None,
) -> Replan:
    time_limit, workers, seed = params.time_limit, params.workers, params.seed
    log, reproducible = params.log, params.reproducible
    started = time.perf_counter()
    kept = _kept(problem, roster, start)
    problem, model, old, total = kept.problem, kept.model, kept.old, kept.changes
    notes: list[str] = []
    fewest = _fewest_changes(model, total, old, time_limit / 2, workers, seed, log, reproducible)
    if fewest is not None:
        model.cp.add(total <= fewest)
    used = time_limit / 2 if reproducible else time.perf_counter() - started
    result = run(
        model,
        replace(params, time_limit=max(time_limit - used, min(time_limit, 0.5))),
        progress=progress,
        start=old,
        settings={"resolve_from": start.isoformat(), "fewest_changes": fewest},
    )
    changed: tuple[tuple[str, date], ...] = ()
    if result.roster is not None:
        k = (start - problem.start).days
        days = [problem.start + timedelta(days=i) for i in range(k, model.ix.D)]
        agents = [a for a in kept.team if a in kept.known]
        changed = changed_cells(old, result.roster, agents, days)
        assert not any(day < start for _agent, day in changed)
    if kept.dropped:
        notes.append("no longer in the team, left out: " + ", ".join(kept.dropped))
    return Replan(result, start, changed, kept.new_agents, kept.dropped, tuple(notes))


def _keeps(
    problem: Problem, roster: Roster, start: date, time_limit: float, workers: int, seed: int
) -> bool | None:
    """Whether some roster keeps the days before ``start``: a short feasibility search
    (a work budget), ``None`` when it ends undecided."""
    try:
        kept = _kept(problem, roster, start)
    except ProblemError:
        return False
    params = SolveParams(time_limit=time_limit, workers=workers, seed=seed, reproducible=True)
    found = search(kept.model, params, start=kept.old)
    if found.found:
        return True
    return False if found.status is Status.INFEASIBLE else None


def latest_start(
    problem: Problem,
    roster: Roster,
    start: date,
    *,
    time_limit: float = 5.0,
    workers: int = 2,
    seed: int = 0,
) -> date | None:
    """The latest day before ``start`` from which a re-roster has a roster, for when
    keeping every day before ``start`` leaves none (a hand-typed cell that breaks a
    rule, say).

    The days before ``start`` are tried from the latest back, each a short feasibility
    search of the kept days with the look-ahead off, until one has a roster; the work
    budget ``time_limit`` (about seconds) is shared. ``None`` when none is found: no
    day has one, or a search ended undecided or out of budget.
    """
    plain = without_lookahead(problem)
    left = time_limit
    day = start - timedelta(days=1)
    while day > problem.start and left > 0:
        each = max(0.2, left / 4)
        keeps = _keeps(plain, roster, day, each, workers, seed)
        if keeps:
            return day
        if keeps is None:
            return None
        left -= each
        day -= timedelta(days=1)
    return None


def _cells(cells: list[tuple[str, date]]) -> str:
    shown = ", ".join(f"{agent} {day}" for agent, day in cells[:8])
    return shown + (f" and {len(cells) - 8} more" if len(cells) > 8 else "")


def _fewest_changes(
    model: Model,
    total: cp_model.LinearExprT,
    old: Roster,
    time_limit: float,
    workers: int,
    seed: int,
    log: bool,
    reproducible: bool = False,
) -> int | None:
    """The fewest changed cells any valid roster needs (the best found in the time)."""
    if isinstance(total, int):
        return None
    params = SolveParams(
        time_limit=time_limit, workers=workers, seed=seed, log=log, reproducible=reproducible
    )
    found = search(model, params, objective=total, start=old)
    return None if found.objective is None else round(found.objective)


def unchanged_before(old: Roster, new: Roster, start: date) -> bool:
    """Whether ``new`` has exactly ``old``'s entries on every date before ``start``."""
    return all(new.shift(item.agent, item.date) == item.shift for item in old if item.date < start)
