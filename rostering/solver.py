"""`solve`: the one path from a `Problem` to a checked `Result`."""

from __future__ import annotations

import time as _time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ortools.sat.python import cp_model

from .check import check, term_values
from .lookahead import LOOKAHEAD_DROPPED, without_lookahead
from .model import Model, Progress
from .problem import Problem
from .result import Result, Status, TermValue
from .roster import Roster
from .rules import TERMS
from .rules.handover import handover_log
from .rules.view import View

_STATUS: dict[Any, Status] = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
}


class InternalError(RuntimeError):
    """The model produced a roster the independent checker rejects: a bug, never shown
    as a valid roster."""


def solve(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    seed: int = 0,
    hint: Roster | None = None,
    progress: Callable[[Progress], None] | None = None,
    log: bool = False,
    deterministic: bool = True,
    explain: bool = True,
    search: str = "lns",
) -> Result:
    """Build the roster of ``problem`` with CP-SAT and check it independently.

    Parameters
    ----------
    problem
        The team, the month and the rules.
    time_limit
        Search budget in seconds. With ``deterministic`` (the default) it is measured in
        CP-SAT's deterministic time, so the same input, seed and worker count give the
        same roster on any machine; the wall clock only stops runaway searches (at three
        times the limit plus ten seconds).
    workers
        Search threads.
    seed
        Random seed of the search.
    hint
        A roster to start from (it need not be valid).
    progress
        Called with a `Progress` each time a better roster is found.
    log
        Print CP-SAT's search log.
    deterministic
        Stop on deterministic time (reproducible) rather than the wall clock.
    explain
        When no roster exists (infeasible), find which rules conflict, for whom and when,
        and what to relax (`rostering.explain`), within another ``time_limit``.
    search
        ``"lns"`` (default) or ``"lp"`` (not reproducible run to run): see `Model.solve`
        and `Model._lp_search`.

    Returns
    -------
    Result
        Status, the roster when one was found, objective terms, bound and timings.
        Infeasible and unknown are statuses, not exceptions.
    """
    if time_limit <= 0:
        raise ValueError("time_limit must be positive")
    if workers < 1:
        raise ValueError("workers must be at least 1")

    def attempt(model: Model) -> Result:
        if hint is not None:
            model.hint(hint)
        return run(
            model,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            progress=progress,
            log=log,
            deterministic=deterministic,
            search=search,
        )

    model = Model(problem, flow=search == "lp")
    result = attempt(model)
    if result.status is Status.INFEASIBLE and model.lookahead.active and not model.no_legal_month:
        # No roster leaves the next month possible: roster this month on its own.
        alone = attempt(Model(without_lookahead(problem), flow=search == "lp"))
        dropped = (LOOKAHEAD_DROPPED,) if alone.roster is not None else ()
        result = replace(alone, problem=problem, notes=(*alone.notes, *dropped))
    if explain and result.status is Status.INFEASIBLE:
        from .explain import explain as explain_infeasible

        why = explain_infeasible(problem, time_limit=time_limit, workers=workers, seed=seed)
        result = replace(result, explanation=why)
    return result


def run(
    model: Model,
    *,
    time_limit: float,
    workers: int,
    seed: int,
    progress: Callable[[Progress], None] | None = None,
    log: bool = False,
    deterministic: bool = True,
    first: Roster | None = None,
    settings: dict[str, Any] | None = None,
    search: str = "lns",
) -> Result:
    """Solve a built `Model` (maybe with constraints added by the caller, as
    re-rostering does) and turn its outcome into a checked `Result`."""
    problem = model.problem
    started = _time.perf_counter()
    outcome = model.solve(
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        log=log,
        progress=progress,
        deterministic=deterministic,
        first=first,
        search=search,
    )
    runtime = _time.perf_counter() - started
    if outcome.status not in _STATUS:
        raise InternalError(f"CP-SAT returned {outcome.status_name}")
    status = _STATUS[outcome.status]
    settings = {
        "time_limit": time_limit,
        "workers": workers,
        "seed": seed,
        "deterministic": deterministic,
        "search": search,
        "deterministic_time": round(outcome.deterministic_time, 3),
        **model.stats(),
        **(settings or {}),
    }
    notes = (
        tuple(
            f"agent {agent}: no month satisfies the per-agent rules"
            for agent in model.no_legal_month
        )
        + model.lookahead.notes()
    )
    if deterministic and runtime >= model.wall_guard(time_limit) * 0.99:
        notes += (
            "stopped by the wall-clock guard before the deterministic limit: a rerun may "
            "give a different roster",
        )
    if status not in (Status.OPTIMAL, Status.FEASIBLE):
        return Result(
            problem, status, None, None, None, (), runtime, model.build_time, settings, (), notes
        )
    roster = model.roster_from(outcome.value)
    broken = check(problem, roster)
    if broken:
        listed = "; ".join(str(v) for v in broken[:5])
        raise InternalError(f"the model's roster breaks {len(broken)} rule(s): {listed}")
    values = term_values(problem, roster)
    terms = tuple(
        TermValue(
            t.name,
            t.unit,
            values[t.name] / 60 if t.per_hour else values[t.name],
            getattr(problem.weights, t.weight),
        )
        for t in TERMS
    )
    objective = sum(t.points for t in terms)
    bound: float | None = None
    if status is Status.OPTIMAL:
        bound = objective
    elif outcome.bound is not None:
        bound = max(0.0, min(objective, outcome.bound / model.objective_scale))
    return Result(
        problem,
        status,
        roster,
        objective,
        bound,
        terms,
        runtime,
        model.build_time,
        settings,
        tuple(handover_log(View(problem, roster))),
        notes,
    )
