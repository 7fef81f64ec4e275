"""The one entry into a solve: where a `Model` is built and a CP-SAT search started.

`rostering.solve` builds its model here (`build`) and hands it to the engine's search
(`rostering.solver.run`); its ``accept=False`` option is `verdict`. Explanations
(`rostering.explain`) test rule subsets with `solve(..., accept=False)` and search with
`search`; re-rostering (`rostering.replan`) builds with `build` and runs its own stages
(fewest changed cells, then the objective) with `search`. `SolveParams` is the settings
type they all share. This module imports neither `rostering.solver` nor the explanations,
so both can use it without an import circle.
"""

from __future__ import annotations

import time as _time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import LinearExprT

from .check import check
from .engine import interrupt
from .engine.model import Model
from .problem import Problem
from .result import Result, Status
from .roster import Roster
from .rules import RULES, Rule

CP_STATUS: dict[Any, Status] = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
}


@dataclass(frozen=True)
class SolveParams:
    """How to solve: the settings every path into a solve shares.

    Attributes
    ----------
    time_limit
        Wall-clock seconds for the whole solve, model build included. With
        ``reproducible`` it is a work budget instead (see below).
    workers
        Search threads (CP-SAT workers; the LP runs on one).
    seed
        Random seed of the search.
    reproducible
        Count the budget in work units (CP-SAT deterministic seconds, simplex iterations,
        pricing passes) instead of wall seconds: the same input, seed and worker count
        then give the same roster on any machine, at the price of a wall time that is not
        fixed (a guard stops it at three times the limit plus ten seconds).
    log
        Print CP-SAT's search log.
    explain
        When no roster exists, find which rules conflict and what to relax
        (`rostering.explain`), within what is left of the time limit.
    engine
        ``"auto"``: first roster, column generation, dive and large-neighbourhood search
        (`rostering.engine.search`); ``"cpsat"``: CP-SAT on the whole model only (the
        earlier engine, kept for comparison in the benchmarks).
    """

    time_limit: float = 10.0
    workers: int = 2
    seed: int = 0
    reproducible: bool = False
    log: bool = False
    explain: bool = True
    engine: str = "auto"

    def __post_init__(self) -> None:
        limit = self.time_limit
        if not isinstance(limit, int | float) or limit != limit or limit == float("inf"):
            raise ValueError(f"time_limit must be a finite number of seconds, not {limit!r}")
        if not limit > 0:
            raise ValueError("time_limit must be positive")
        if not isinstance(self.workers, int) or not 1 <= self.workers <= 64:
            raise ValueError(f"workers must be a whole number from 1 to 64, not {self.workers!r}")
        if not isinstance(self.seed, int) or not 0 <= self.seed < 2**31:
            raise ValueError(
                f"seed must be a whole number from 0 to {2**31 - 1}, not {self.seed!r}"
            )
        if self.engine not in ("auto", "cpsat"):
            raise ValueError(f"engine must be 'auto' or 'cpsat', not {self.engine!r}")


def _acceptance(problem: Problem) -> Callable[[Roster], bool]:
    """The engine's acceptance check: the independent checker finds nothing broken."""
    return lambda roster: not check(problem, roster)


def build(
    problem: Problem,
    rules: Sequence[Rule] | None = None,
    *,
    group: bool = True,
    accept: bool = True,
) -> Model:
    """The model of ``problem``: the one place a `Model` is built.

    Parameters
    ----------
    problem
        The team, the month and the rules.
    rules
        The rules to encode: default the whole registry (`rostering.rules.RULES`); a subset
        only for a feasibility test (explanations), whose answer is never a valid roster.
    group
        Model interchangeable agents as groups (see `Model`).
    accept
        Give the engine the independent checker as its acceptance check.
    """
    return Model(
        problem,
        RULES if rules is None else rules,
        group=group,
        accept=_acceptance(problem) if accept else None,
    )


#: ``objective=MODEL_OBJECTIVE`` in `search`: the model's own objective (the rules' terms).
MODEL_OBJECTIVE = "model"


@dataclass(frozen=True)
class Found:
    """How one `search` ended: a status and, when a solution was found, its values.

    ``value`` evaluates a variable of the searched model; ``objective`` is the searched
    objective's value (in model units, None without an objective). A solution of a model
    with rules left out or constraints added is no roster: callers read values from it,
    and any roster they build from it goes through the checker.
    """

    status: Status
    value: Callable[[Any], int] | None = None
    objective: float | None = None

    @property
    def found(self) -> bool:
        return self.value is not None


def search(
    model: Model,
    params: SolveParams,
    *,
    objective: LinearExprT | str | None = None,
    constrain: Callable[[cp_model.CpModel], None] | None = None,
    start: Roster | None = None,
) -> Found:
    """One CP-SAT search over a copy of ``model``'s constraints: the one place a solver is
    started outside the engine's search (workers, seed, limit and ``reproducible`` from
    ``params``; Ctrl-C stops it).

    Parameters
    ----------
    model
        A model from `build` (left unchanged: the search runs on a copy).
    params
        ``time_limit`` is this search's budget (work units when ``reproducible``).
    objective
        None: any solution (a feasibility test); `MODEL_OBJECTIVE`: the model's own
        objective; an expression over the model's variables: minimize it instead.
    constrain
        Adds constraints to the copy before the search (say, at most so many changes).
    start
        A roster to hint the search with.
    """
    stage = cp_model.CpModel()
    stage.proto.copy_from(model.cp.proto)
    if isinstance(objective, str):
        if objective != MODEL_OBJECTIVE:
            raise ValueError(f"objective: an expression, None or {MODEL_OBJECTIVE!r}")
    else:
        stage.clear_objective()
        if objective is not None:
            stage.minimize(objective)
    if constrain is not None:
        constrain(stage)
    if start is not None:
        stage.clear_hints()
        model.hint(start, into=stage)
    solver = model.new_solver(
        params.time_limit,
        workers=params.workers,
        seed=params.seed,
        log=params.log,
        deterministic=params.reproducible,
    )
    status = CP_STATUS.get(interrupt.solve(solver, stage), Status.UNKNOWN)
    if status not in (Status.OPTIMAL, Status.FEASIBLE):
        return Found(status)
    has_objective = objective is not None and bool(stage.proto.objective.vars)
    return Found(status, solver.value, solver.objective_value if has_objective else None)


def verdict(
    problem: Problem,
    rules: Sequence[Rule] | None,
    params: SolveParams,
    started: float | None = None,
) -> Result:
    """``solve(..., accept=False)``: whether a roster exists under ``rules`` (default all),
    as a status only (feasible, infeasible or unknown; never optimal). The model's
    solution is not checked, so it is never returned: the result has no roster, no
    objective and the note `UNCHECKED`. ``started``: when the clock started (default now).
    """
    if started is None:
        started = _time.perf_counter()
    model = build(problem, rules, accept=False)
    status = Status.INFEASIBLE if model.no_legal_month else search(model, params).status
    if status is Status.OPTIMAL:
        status = Status.FEASIBLE
    names = [r.name for r in model.rules]
    return Result(
        problem,
        status,
        None,
        None,
        None,
        (),
        _time.perf_counter() - started,
        model.build_time,
        {
            "time_limit": params.time_limit,
            "workers": params.workers,
            "seed": params.seed,
            "reproducible": params.reproducible,
            "rules": names,
            "accept": False,
        },
        (),
        (UNCHECKED,),
    )


#: The note on a `solve(..., accept=False)` result.
UNCHECKED = (
    "a feasibility test without the checker's acceptance (maybe over some of the rules): "
    "it says whether a roster exists and gives none"
)
