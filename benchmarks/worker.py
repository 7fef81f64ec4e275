"""One benchmark solve, in a fresh process: ``python -m benchmarks.worker SPEC OUT``.

``SPEC`` is a JSON object (``model``: ``ours`` or ``naive``, ``size``, ``seed``,
``limit``, ``workers``, ``leave_share``); the measurements are written as JSON to the
file ``OUT``. The runner (`benchmarks.run`) starts one worker per solve, so each solve's
peak memory is its own process's.

All times are wall-clock seconds (``time.perf_counter``); ``limit`` is CP-SAT
deterministic seconds.
"""

from __future__ import annotations

import hashlib
import json
import resource
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import rostering
from rostering import Progress, check, objective, solve
from rostering.problem import Problem

from .generate import generate
from .naive import NaiveModel


def _rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def source_hash() -> str:
    """A short hash of the `rostering` sources this process imported, so a report can tell
    whether every solve ran the same model while the code was being edited."""
    digest = hashlib.sha256()
    package = Path(rostering.__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _checked(problem: Problem, out: dict[str, Any], roster: Any) -> None:
    started = time.perf_counter()
    violations = check(problem, roster)
    out["check_violations"] = len(violations)
    out["check_passed"] = not violations
    out["check_first"] = [str(v) for v in violations[:3]]
    out["checker_objective"] = objective(problem, roster)
    out["check_s"] = time.perf_counter() - started


def run_ours(problem: Problem, spec: dict[str, Any], out: dict[str, Any]) -> None:
    """Solve with `rostering.solve` and record its timings, status and roster check."""
    first: list[float] = []

    def progress(p: Progress) -> None:
        if not first and p.solutions >= 1 and p.objective is not None:
            first.append(p.elapsed)

    started = time.perf_counter()
    try:
        result = solve(
            problem,
            time_limit=spec["limit"],
            workers=spec["workers"],
            seed=spec["seed"],
            progress=progress,
        )
    except Exception as exc:  # InternalError: a roster the checker rejects
        out["status"] = "error"
        out["error"] = f"{type(exc).__name__}: {exc}"
        out["check_passed"] = False
        out["call_s"] = time.perf_counter() - started
        return
    out["call_s"] = time.perf_counter() - started
    out["build_s"] = result.build_time
    out["solve_wall_s"] = result.runtime
    out["first_roster_s"] = first[0] if first else None
    out["status"] = result.status.value
    out["objective"] = result.objective
    out["bound"] = result.bound
    out["gap"] = result.gap
    out["notes"] = list(result.notes)
    out["variables"] = result.settings.get("variables")
    out["constraints"] = result.settings.get("constraints")
    out["model_stats"] = {
        k: v
        for k, v in result.settings.items()
        if k not in ("time_limit", "workers", "seed", "deterministic")
    }
    if result.roster is not None:
        _checked(problem, out, result.roster)


def run_naive(problem: Problem, spec: dict[str, Any], out: dict[str, Any]) -> None:
    """Build and solve the naive model and record its timings, status and roster check."""
    started = time.perf_counter()
    model = NaiveModel(problem)
    out["build_s"] = model.build_time
    out["rss_after_build_mib"] = _rss_mib()
    result = model.solve(time_limit=spec["limit"], workers=spec["workers"], seed=spec["seed"])
    out["call_s"] = time.perf_counter() - started
    out["solve_wall_s"] = result.runtime
    out["first_roster_s"] = result.first_solution
    out["status"] = result.status
    out["objective"] = result.objective
    out["bound"] = result.bound
    out["gap"] = result.gap
    out["variables"] = result.stats.get("variables")
    out["constraints"] = result.stats.get("constraints")
    if result.roster is not None:
        _checked(problem, out, result.roster)
        # A solution that is not optimal may carry slack in the model's shortfall
        # variables; score the roster as the product does, with the checker's objective.
        out["model_objective"] = result.objective
        out["objective"] = out["checker_objective"]
        out["bound"] = min(out["objective"], 0.0 if result.bound is None else result.bound)
        out["gap"] = max(0.0, out["objective"] - out["bound"]) / max(1.0, abs(out["objective"]))


def main(argv: list[str] | None = None) -> int:
    """Run the solve described by ``argv[0]`` (JSON) and write the results to ``argv[1]``."""
    args = sys.argv[1:] if argv is None else argv
    spec: dict[str, Any] = json.loads(args[0])
    target = Path(args[1])
    out: dict[str, Any] = {"status": "started", "rostering_source": source_hash()}
    try:
        started = time.perf_counter()
        problem = generate(spec["size"], spec["seed"], leave_share=spec["leave_share"])
        out["generate_s"] = time.perf_counter() - started
        out["rss_after_generate_mib"] = _rss_mib()
        if spec["model"] == "ours":
            run_ours(problem, spec, out)
        else:
            run_naive(problem, spec, out)
        out["peak_rss_self_mib"] = _rss_mib()
    except Exception as exc:
        out["status"] = "error"
        out["error"] = f"{type(exc).__name__}: {exc}"
        out["traceback"] = traceback.format_exc()
    target.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0 if out["status"] != "error" else 1


if __name__ == "__main__":
    sys.exit(main())
