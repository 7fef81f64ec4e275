"""`solve`: the one path from a `Problem` to a checked `Result`.

The model is built and any CP-SAT search outside the engine's is started in
`rostering.entry` (`build`, `search`), which explanations and re-rostering use too.
"""

from __future__ import annotations

import time as _time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from .check import check, term_values
from .engine.clock import Clock, wall_guard
from .engine.model import Model, Progress
from .engine.search import Search, SearchOptions
from .entry import CP_STATUS, SolveParams, build, verdict
from .lookahead import LOOKAHEAD_DROPPED, without_lookahead
from .problem import Problem
from .result import Result, Status, TermValue
from .roster import Roster
from .rules import TERMS, Rule
from .rules.handover import handover_log
from .rules.view import View
from .uncovered import planning_notes

#: Wall seconds kept back from the time limit for checking the roster and building the
#: result, per 1000 agent-days (measured: the checker takes about 0.1 s per 1000).
CHECK_RESERVE = 0.15


class InternalError(RuntimeError):
    """The model produced a roster the independent checker rejects: a bug, never shown
    as a valid roster."""


def solve(
    problem: Problem,
    params: SolveParams | None = None,
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    start: Roster | None = None,
    progress: Callable[[Progress], None] | None = None,
    log: bool | None = None,
    reproducible: bool | None = None,
    explain: bool | None = None,
    hint: Roster | None = None,
    deterministic: bool | None = None,
    search: str | None = None,
    started: float | None = None,
    options: SearchOptions | None = None,
    rules: Sequence[Rule] | None = None,
    accept: bool = True,
) -> Result:
    """Build the roster of ``problem`` and check it independently.

    Parameters
    ----------
    problem
        The team, the month and the rules.
    params
        The settings (`SolveParams`); the keyword arguments below override its fields.
    time_limit, workers, seed, log, reproducible, explain
        See `SolveParams`. ``time_limit`` is wall-clock seconds for the whole call unless
        ``reproducible``.
    start
        A roster to start from (it need not be valid).
    progress
        Called with a `Progress` each time a better roster or bound is found.
    hint, deterministic, search
        Older names: ``hint`` is ``start``, ``deterministic`` is ``reproducible``;
        ``search="lp"`` or ``"lns"`` uses the default engine.
    started
        When the wall-clock limit started (a `time.perf_counter` reading; default: now).
        A command passes its own start, so that reading its input counts too.
    options
        Which steps of the search run (`rostering.engine.search.SearchOptions`; the
        benchmarks' ablation switches single steps off).
    rules, accept
        Only for a feasibility test (`rostering.explain`): ``accept=False`` asks whether a
        roster exists under ``rules`` (default: every rule) without the checker's
        acceptance. The result then has a status (feasible, infeasible or unknown) and
        never a roster: a solution that may break the rules left out is no valid roster.
        ``rules`` needs ``accept=False``.

    Returns
    -------
    Result
        Status, the roster when one was found, objective terms, a proven bound and
        timings. Infeasible and unknown are statuses, not exceptions.

    Examples
    --------
    >>> from datetime import date
    >>> from rostering import Agent, Problem, solve
    >>> team = [Agent(f"A{k}", shifts=("W", "N")) for k in range(4)]
    >>> result = solve(Problem(date(2026, 12, 1), team), time_limit=5)
    >>> result.status.value in ("optimal", "feasible")
    True
    """
    if started is None:
        started = _time.perf_counter()
    params = _params(
        params,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        log=log,
        reproducible=reproducible if reproducible is not None else deterministic,
        explain=explain,
    )
    if rules is not None and accept:
        raise ValueError("a subset of the rules needs accept=False (a feasibility test)")
    if not accept:
        return verdict(problem, rules, params, started)
    clock = Clock(params.time_limit, params.reproducible, started)

    def attempt(model: Model) -> Result:
        if params.engine == "cpsat":
            return _run_cpsat(model, params, progress, start if start is not None else hint)
        return run(
            model,
            params,
            clock=clock,
            progress=progress,
            start=start if start is not None else hint,
        )

    model = build(problem)
    result = attempt(model)
    if result.status is Status.INFEASIBLE and model.lookahead.active and not model.no_legal_month:
        # No roster leaves the next month possible: roster this month on its own.
        month = without_lookahead(problem)
        alone = attempt(build(month))
        dropped = (LOOKAHEAD_DROPPED,) if alone.roster is not None else ()
        result = replace(alone, problem=problem, notes=(*alone.notes, *dropped))
    planning = tuple(planning_notes(problem))
    if planning:
        result = replace(result, notes=result.notes + planning)
    if params.explain and result.status is Status.INFEASIBLE:
        from .explain import explain as explain_infeasible

        left = params.time_limit - (clock.used() if params.reproducible else clock.wall())
        why = explain_infeasible(
            problem,
            time_limit=max(left, 0.5),
            workers=params.workers,
            seed=params.seed,
            reproducible=params.reproducible,
        )
        result = replace(result, explanation=why)
    return result


def _params(params: SolveParams | None, **given: Any) -> SolveParams:
    params = params or SolveParams()
    changes = {k: v for k, v in given.items() if v is not None}
    return replace(params, **changes) if changes else params


def run(
    model: Model,
    params: SolveParams | None = None,
    *,
    clock: Clock | None = None,
    progress: Callable[[Progress], None] | None = None,
    start: Roster | None = None,
    settings: dict[str, Any] | None = None,
    options: SearchOptions | None = None,
    **given: Any,
) -> Result:
    """Solve a built `Model` (maybe with constraints added by the caller, as
    re-rostering does) and turn its outcome into a checked `Result`. ``start`` is a
    roster to start from (``first``: its older name); ``clock`` (default: started now)
    is the budget."""
    given.pop("search", None)
    if "first" in given:
        older = given.pop("first")
        start = older if start is None else start
    if "deterministic" in given:
        given["reproducible"] = given.pop("deterministic")
    params = _params(params, **given)
    if clock is None:
        clock = Clock(params.time_limit, params.reproducible)
    problem = model.problem
    # Keep back the time to check the roster and build the result.
    reserve = CHECK_RESERVE * model.ix.A * model.ix.D / 1000
    if not params.reproducible:
        clock.limit = max(clock.limit - reserve, min(clock.limit, 0.5))
    tracker = _Reporter(progress, model.objective_scale, clock) if progress else None
    start_months = None
    if start is not None:
        start_months = months_of(model, start)
    search = Search(
        model,
        clock,
        workers=params.workers,
        seed=params.seed,
        start=start_months,
        report=tracker.report if tracker else None,
        log=params.log,
        options=options,
    )
    outcome = search.run()
    if not search.f.exact:
        # Constraints the relaxation cannot read (added by a caller): CP-SAT alone.
        return _run_cpsat(model, params, progress, start, settings, clock)
    runtime = clock.wall()
    base_settings = {
        "time_limit": params.time_limit,
        "workers": params.workers,
        "seed": params.seed,
        "reproducible": params.reproducible,
        "engine": "auto",
        **model.stats(),
        **outcome.stats,
        **(settings or {}),
    }
    if params.reproducible:
        base_settings["work_units"] = round(clock.work, 3)
    notes = (
        tuple(
            f"agent {agent}: no month satisfies the per-agent rules"
            for agent in model.no_legal_month
        )
        + model.lookahead.notes()
        + tuple(outcome.notes)
    )
    if clock.guard_hit:
        notes += (
            "stopped by the wall-clock guard before the work budget was used: a rerun may "
            "give a different roster",
        )
    base_settings["phases"] = [
        {
            "phase": p.name,
            "seconds": round(p.seconds, 2),
            "objective": _points(p.objective, model),
            "bound": _points(p.bound, model),
        }
        for p in outcome.phases
    ]
    if outcome.incumbent is None:
        status = Status.INFEASIBLE if outcome.infeasible else Status.UNKNOWN
        return Result(
            problem,
            status,
            None,
            None,
            None,
            (),
            runtime,
            model.build_time,
            base_settings,
            (),
            notes,
        )
    inc = outcome.incumbent
    roster = model.roster_from(search.f.value_function(inc.months, inc.aux))
    bound = None if outcome.bound is None else max(0.0, outcome.bound / model.objective_scale)
    result = _checked(model, roster, bound, runtime, base_settings, notes)
    return replace(result, runtime=clock.wall())


def _points(value: float | None, model: Model) -> float | None:
    return None if value is None else round(value / model.objective_scale, 3)


def months_of(model: Model, roster: Roster) -> dict[int, list[tuple[int, ...]]] | None:
    """Each unit's months from a roster, or None when it cannot be represented (unknown
    codes, missing days, months outside a group's patterns)."""
    seqs, _roles, stray = model.sequences(roster)
    if stray:
        return None
    out: dict[int, list[tuple[int, ...]]] = {}
    for u, unit in enumerate(model.units):
        months = []
        for a in unit.members:
            seq = seqs[a]
            if any(
                sym is None or sym not in day for sym, day in zip(seq, unit.counts, strict=True)
            ):
                return None
            month = tuple(int(sym) for sym in seq)  # type: ignore[arg-type]
            dag = model.dags[a]
            if dag is None or not dag.accepts(month):
                return None  # not a legal month any more (new leave, changed rules)
            months.append(month)
        if unit.is_group and any(m not in unit.patterns for m in months):
            return None
        out[u] = months
    return out


def _checked(
    model: Model,
    roster: Roster,
    bound: float | None,
    runtime: float,
    settings: dict[str, Any],
    notes: tuple[str, ...],
) -> Result:
    problem = model.problem
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
    if bound is not None:
        bound = min(objective, bound)
    status = Status.OPTIMAL if bound is not None and objective <= bound + 1e-9 else Status.FEASIBLE
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


def _run_cpsat(
    model: Model,
    params: SolveParams,
    progress: Callable[[Progress], None] | None,
    start: Roster | None,
    settings: dict[str, Any] | None = None,
    clock: Clock | None = None,
) -> Result:
    """The whole model in CP-SAT (`Model.solve`): the earlier engine, and the path for
    models with constraints the relaxation cannot read."""
    problem = model.problem
    started = _time.perf_counter()
    limit = params.time_limit if clock is None else max(clock.left(), 0.1)
    if start is not None:
        model.hint(start)
    outcome = model.solve(
        time_limit=limit,
        workers=params.workers,
        seed=params.seed,
        log=params.log,
        progress=progress,
        deterministic=params.reproducible,
        start=start,
    )
    runtime = _time.perf_counter() - started
    if outcome.status not in CP_STATUS:
        raise InternalError(f"CP-SAT returned {outcome.status_name}")
    status = CP_STATUS[outcome.status]
    all_settings = {
        "time_limit": params.time_limit,
        "workers": params.workers,
        "seed": params.seed,
        "reproducible": params.reproducible,
        "engine": "cpsat",
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
    if params.reproducible and runtime >= wall_guard(limit) * 0.99:
        notes += (
            "stopped by the wall-clock guard before the deterministic limit: a rerun may "
            "give a different roster",
        )
    if status not in (Status.OPTIMAL, Status.FEASIBLE):
        return Result(
            problem,
            status,
            None,
            None,
            None,
            (),
            runtime,
            model.build_time,
            all_settings,
            (),
            notes,
        )
    roster = model.roster_from(outcome.value)
    bound = None
    if status is Status.OPTIMAL:
        bound = float("inf")
    elif outcome.bound is not None:
        bound = max(0.0, outcome.bound / model.objective_scale)
    return _checked(model, roster, bound, runtime, all_settings, notes)


class _Reporter:
    """Turns the search's reports (model units) into `Progress` calls (points)."""

    def __init__(self, callback: Callable[[Progress], None], scale: int, clock: Clock) -> None:
        self._callback = callback
        self._scale = scale
        self._clock = clock
        self._count = 0
        self._last: float | None = None

    def report(self, objective: float | None, bound: float | None) -> None:
        if objective is not None and objective != self._last:
            self._count += 1
            self._last = objective
        self._callback(
            Progress(
                self._clock.wall(),
                None if objective is None else objective / self._scale,
                None if bound is None else max(0.0, bound / self._scale),
                self._count,
            )
        )
