"""When plans change: swap two agents' days (换班), and re-roster from a date on.

Both start from a roster that exists (solved here or made by hand) and keep as much of it
as they can. Every roster they return is checked by the independent checker.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from ortools.sat.python import cp_model

from .check import check
from .engine import interrupt
from .engine.model import Model, Progress
from .problem import LEAVE, Leave, Problem, ProblemError
from .result import Result
from .roster import Assignment, Roster
from .rules import RULES, Violation
from .solver import SolveParams, run

__all__ = ["Replan", "SwapOutcome", "changed_cells", "resolve", "swap"]


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
    time_limit, workers, seed = params.time_limit, params.workers, params.seed
    log, reproducible = params.log, params.reproducible
    started = time.perf_counter()
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
    model = Model(problem, RULES, group=False)
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
    notes: list[str] = []
    total = sum(changes) if changes else 0
    fewest = _fewest_changes(model, total, old, time_limit / 2, workers, seed, log, reproducible)
    if fewest is not None:
        model.cp.add(total <= fewest)
    used = time_limit / 2 if reproducible else time.perf_counter() - started
    result = run(
        model,
        replace(params, time_limit=max(time_limit - used, min(time_limit, 0.5))),
        progress=progress,
        first=old,
        settings={"resolve_from": start.isoformat(), "fewest_changes": fewest},
    )
    changed: tuple[tuple[str, date], ...] = ()
    if result.roster is not None:
        days = [problem.start + timedelta(days=i) for i in range(k, model.ix.D)]
        changed = changed_cells(old, result.roster, [a for a in team if a in known], days)
        assert not any(day < start for _agent, day in changed)
    if dropped:
        notes.append("no longer in the team, left out: " + ", ".join(dropped))
    return Replan(result, start, changed, new_agents, dropped, tuple(notes))


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
    stage = cp_model.CpModel()
    stage.proto.copy_from(model.cp.proto)
    stage.clear_objective()
    stage.clear_hints()
    stage.minimize(total)
    model.hint(old, into=stage)
    solver = model.new_solver(
        time_limit, workers=workers, seed=seed, log=log, deterministic=reproducible
    )
    status = interrupt.solve(solver, stage)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return round(solver.objective_value)
    return None


def unchanged_before(old: Roster, new: Roster, start: date) -> bool:
    """Whether ``new`` has exactly ``old``'s entries on every date before ``start``."""
    return all(new.shift(item.agent, item.date) == item.shift for item in old if item.date < start)
