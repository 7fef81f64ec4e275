"""One benchmark solve, in a fresh process: ``python -m benchmarks.worker SPEC OUT``.

``SPEC`` is a JSON object; the measurements are written as JSON to the file ``OUT``.
The runners (`benchmarks.run`, `benchmarks.curtois`, `benchmarks.ablation`) start one
worker per solve, so each solve's peak memory is its own process's. While it runs, the
worker prints a progress line when the roster or the bound improves (at most one a
second); the runners relay them.

The spec:

- the problem: ``size``, ``seed`` and ``leave_share`` for a generated team
  (`benchmarks.generate`), or ``instance``, a Curtois & Qu file (relative to the project);
- ``model``: ``ours`` (`rostering.solve`), ``cpsat`` (the previous engine,
  ``SolveParams(engine="cpsat")``) or ``naive`` (`benchmarks.naive`);
- ``limit`` (seconds), ``workers``, ``seed`` and ``reproducible`` (default false: the
  limit is wall-clock seconds for the whole ``solve`` call, model build included; for the
  naive model it is the CP-SAT wall limit after its build);
- ablation only: ``options`` (`rostering.engine.search.SearchOptions` fields),
  ``rules`` (``"no_redundant_rows"``: the rules whose encoding only adds redundant rows,
  without them) and ``task`` (``"build"``: build the model and stop) with ``graphs``
  (``"per_agent"``: one graph per distinct agent instead of one product per automata).

All times are wall-clock seconds (``time.perf_counter``), counted from the start of the
``solve`` call (problem generation and the check excluded).
"""

from __future__ import annotations

import hashlib
import json
import resource
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import rostering
from rostering import Progress, check, objective, solve
from rostering.engine.automaton import Dag, build_dag
from rostering.engine.clock import Clock
from rostering.engine.model import Model
from rostering.engine.search import SearchOptions
from rostering.entry import build
from rostering.problem import Problem
from rostering.result import Result
from rostering.rules import RULES, Rule
from rostering.solver import SolveParams, run

from .generate import generate
from .naive import NaiveModel

ROOT = Path(__file__).resolve().parent.parent

#: Rules whose `encode` only adds rows the legal-month graphs already imply (for the
#: relaxation); the ablation takes them out (``"rules": "no_redundant_rows"``).
REDUNDANT_ROWS = ("rest_days", "weekly_rest", "days_in_a_row")


def _rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def source_hash() -> str:
    """A short hash of the `rostering` sources this process imported, so a report can tell
    whether every solve ran the same code while it was being edited."""
    digest = hashlib.sha256()
    package = Path(rostering.__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def problem_of(spec: dict[str, Any]) -> Problem:
    """The spec's problem: a generated team or a Curtois & Qu instance."""
    if spec.get("instance"):
        from rostering.curtois import read_instance, to_problem

        return to_problem(read_instance(ROOT / spec["instance"]))
    return generate(
        spec["size"],
        spec["seed"],
        leave_share=spec["leave_share"],
        breaks=spec.get("breaks", False),
    )


def without_redundant_rows() -> tuple[Rule, ...]:
    """The registry's rules, those of `REDUNDANT_ROWS` with an `encode` that adds nothing."""

    def silent(rule: Rule) -> Rule:
        cls = type(rule)
        quiet = type(f"{cls.__name__}WithoutRows", (cls,), {"encode": lambda self, m: None})
        made: Rule = quiet()
        return made

    return tuple(silent(r) if r.name in REDUNDANT_ROWS else r for r in RULES)


class PerAgentGraphs(Model):
    """The model built as before one product graph per automata: each distinct agent's
    (automata, days) builds its own graph (`build_dag`), none restricted from a shared
    product. For the build-time ablation only."""

    def _graph(self, spec: tuple[tuple[Any, ...], tuple[tuple[int, ...], ...]]) -> Dag | None:
        if spec not in self._dag_cache:
            self._dag_cache[spec] = build_dag(*spec)
        return self._dag_cache[spec]


class Watch:
    """The progress callback: when the first roster came, and a line per improvement."""

    def __init__(self, started: float, quiet: bool = False) -> None:
        self.started = started
        self.quiet = quiet
        self.first_s: float | None = None
        self.first_objective: float | None = None
        self.reports = 0
        self._printed = -1.0
        self._last: tuple[float | None, float | None] = (None, None)

    def __call__(self, p: Progress) -> None:
        now = time.perf_counter() - self.started
        self.reports += 1
        first = self.first_s is None and p.objective is not None
        if first:
            self.first_s = now
            self.first_objective = p.objective
        if self.quiet or (p.objective, p.bound) == self._last:
            return
        if first or now - self._printed >= 1.0:
            self._printed = now
            self._last = (p.objective, p.bound)
            gap = "-" if p.gap is None else f"{100 * p.gap:.2f}%"
            print(
                f"{now:7.1f} s  objective {_fmt(p.objective)}  bound {_fmt(p.bound)}  gap {gap}",
                flush=True,
            )


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _checked(problem: Problem, out: dict[str, Any], roster: Any) -> None:
    started = time.perf_counter()
    violations = check(problem, roster)
    out["check_violations"] = len(violations)
    out["check_passed"] = not violations
    out["check_first"] = [str(v) for v in violations[:3]]
    out["checker_objective"] = objective(problem, roster)
    out["check_s"] = time.perf_counter() - started


def _record(result: Result, out: dict[str, Any]) -> None:
    settings = dict(result.settings)
    out["phases"] = settings.pop("phases", [])
    out["build_s"] = result.build_time
    out["status"] = result.status.value
    out["objective"] = result.objective
    out["bound"] = result.bound
    out["gap"] = result.gap
    out["notes"] = list(result.notes)
    out["variables"] = settings.get("variables")
    out["constraints"] = settings.get("constraints")
    out["model_stats"] = {
        k: v
        for k, v in settings.items()
        if k not in ("time_limit", "workers", "seed", "reproducible", "deterministic")
    }


def run_ours(problem: Problem, spec: dict[str, Any], out: dict[str, Any]) -> None:
    """Solve with the product (`rostering.solve`, or `rostering.solver.run` for the
    ablation's variants) and record its timings, status and roster check."""
    params = SolveParams(
        time_limit=spec["limit"],
        workers=spec["workers"],
        seed=spec["seed"],
        reproducible=bool(spec.get("reproducible", False)),
        engine="cpsat" if spec["model"] == "cpsat" else "auto",
    )
    variant = spec.get("options") is not None or spec.get("rules") is not None
    started = time.perf_counter()
    watch = Watch(started)
    solver: Callable[[], Result]
    if variant:
        # What `solve` does, with the ablation's search options or rules.
        options = SearchOptions(**(spec.get("options") or {}))
        rules = without_redundant_rows() if spec.get("rules") == "no_redundant_rows" else RULES

        def solver() -> Result:
            clock = Clock(params.time_limit, params.reproducible, started)
            model = build(problem, rules)
            return run(model, params, clock=clock, progress=watch, options=options)

    else:

        def solver() -> Result:
            return solve(problem, params, progress=watch)

    try:
        result = solver()
    except Exception as exc:  # InternalError: a roster the checker rejects
        out["status"] = "error"
        out["error"] = f"{type(exc).__name__}: {exc}"
        out["check_passed"] = False
        out["call_s"] = time.perf_counter() - started
        return
    out["call_s"] = time.perf_counter() - started
    out["first_roster_s"] = watch.first_s
    out["first_roster_objective"] = watch.first_objective
    _record(result, out)
    if result.roster is not None:
        _checked(problem, out, result.roster)


def run_naive(problem: Problem, spec: dict[str, Any], out: dict[str, Any]) -> None:
    """Build and solve the naive model (wall-clock limit after its build) and record its
    timings, status and roster check."""
    started = time.perf_counter()
    model = NaiveModel(problem)
    out["build_s"] = model.build_time
    out["rss_after_build_mib"] = _rss_mib()
    result = model.solve(
        time_limit=spec["limit"],
        workers=spec["workers"],
        seed=spec["seed"],
        deterministic=bool(spec.get("reproducible", False)),
    )
    out["call_s"] = time.perf_counter() - started
    out["first_roster_s"] = (
        None if result.first_solution is None else model.build_time + result.first_solution
    )
    out["status"] = result.status
    out["objective"] = result.objective
    out["bound"] = result.bound
    out["gap"] = result.gap
    out["variables"] = result.stats.get("variables")
    out["constraints"] = result.stats.get("constraints")
    out["model_stats"] = dict(result.stats)
    if result.roster is not None:
        _checked(problem, out, result.roster)
        # A solution that is not optimal may carry slack in the model's shortfall
        # variables; score the roster as the product does, with the checker's objective.
        out["model_objective"] = result.objective
        out["objective"] = out["checker_objective"]
        out["bound"] = min(out["objective"], 0.0 if result.bound is None else result.bound)
        out["gap"] = max(0.0, out["objective"] - out["bound"]) / max(1.0, abs(out["objective"]))


def run_build(problem: Problem, spec: dict[str, Any], out: dict[str, Any]) -> None:
    """Build the product's model only (one product graph per automata, or per agent)."""
    cls = PerAgentGraphs if spec.get("graphs") == "per_agent" else Model
    started = time.perf_counter()
    model = cls(problem, RULES)
    out["call_s"] = time.perf_counter() - started
    out["build_s"] = model.build_time
    out["status"] = "built"
    stats = model.stats()
    out["variables"] = stats["variables"]
    out["constraints"] = stats["constraints"]
    out["model_stats"] = {
        **stats,
        "arcs": sum(d.num_arcs for d in {id(d): d for d in model.dags if d}.values()),
        "no_legal_month": len(model.no_legal_month),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the solve described by ``argv[0]`` (JSON) and write the results to ``argv[1]``."""
    args = sys.argv[1:] if argv is None else argv
    spec: dict[str, Any] = json.loads(args[0])
    target = Path(args[1])
    out: dict[str, Any] = {"status": "started", "rostering_source": source_hash()}
    try:
        started = time.perf_counter()
        problem = problem_of(spec)
        out["generate_s"] = time.perf_counter() - started
        out["rss_after_generate_mib"] = _rss_mib()
        if spec["model"] not in ("ours", "cpsat", "naive"):
            raise ValueError(f"unknown model {spec['model']!r}: ours, cpsat or naive")
        if spec.get("task") == "build":
            run_build(problem, spec, out)
        elif spec["model"] == "naive":
            run_naive(problem, spec, out)
        else:
            run_ours(problem, spec, out)
        out["peak_rss_self_mib"] = _rss_mib()
    except Exception as exc:
        out["status"] = "error"
        out["error"] = f"{type(exc).__name__}: {exc}"
        out["traceback"] = traceback.format_exc()
    target.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0 if out["status"] != "error" else 1


if __name__ == "__main__":
    sys.exit(main())
