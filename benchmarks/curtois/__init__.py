"""The Curtois & Qu benchmark, instances 1-8 (the files beside this module, unchanged).

``python -m benchmarks.curtois [--limits 10 60] [--workers 2] [--seed 0]`` solves each
instance at each time limit with the product's engine (`rostering.curtois`), checks every
roster with the independent checker, writes ``benchmarks/curtois-results.json`` and prints
the markdown section `render_markdown` makes of it (for ``benchmarks/RESULTS.md``).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rostering import check
from rostering.curtois import BENCHMARK_SEARCH, read_instance, solve_instance, to_problem

from ..run import machine

HERE = Path(__file__).resolve().parent
RESULTS = HERE.parent / "curtois-results.json"
INSTANCES = tuple(range(1, 9))
#: Known optima (the benchmark's published table; see README.md beside this module).
OPTIMA = {1: 607, 2: 828, 3: 1001, 4: 1716, 5: 1143, 6: 1950, 7: 1056, 8: 1300}


def run_one(number: int, limit: float, workers: int, seed: int) -> dict[str, Any]:
    """Solve one instance at one time limit; the roster is checked independently."""
    inst = read_instance(HERE / f"Instance{number}.txt")
    problem = to_problem(inst)
    started = time.perf_counter()
    result = solve_instance(problem, time_limit=limit, workers=workers, seed=seed)
    wall = time.perf_counter() - started
    violations = None if result.roster is None else len(check(problem, result.roster))
    return {
        "instance": number,
        "staff": len(inst.staff),
        "days": inst.horizon,
        "optimum": OPTIMA[number],
        "limit": limit,
        "status": result.status.value,
        "objective": result.objective,
        "bound": result.bound,
        "violations": violations,
        "wall_seconds": round(wall, 2),
        "deterministic_seconds": result.settings.get("deterministic_time"),
    }


def run(
    limits: Sequence[float] = (10, 60),
    workers: int = 2,
    seed: int = 0,
    instances: Sequence[int] = INSTANCES,
    progress: bool = True,
) -> dict[str, Any]:
    """Every instance at every limit, with the machine and the settings."""
    runs = []
    for number in instances:
        for limit in limits:
            row = run_one(number, limit, workers, seed)
            runs.append(row)
            if progress:
                print(
                    f"Instance{number} @{limit:g}s: {row['status']} objective "
                    f"{row['objective']} bound {row['bound']} (optimum {row['optimum']}) "
                    f"{row['wall_seconds']} s",
                    flush=True,
                )
    return {
        "machine": machine(),
        "settings": {
            "limits": list(limits),
            "workers": workers,
            "seed": seed,
            "search": BENCHMARK_SEARCH,
            "deterministic": True,
        },
        "runs": runs,
    }


def _num(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if isinstance(value, float) else str(value)


def render_markdown(results: dict[str, Any]) -> str:
    """A markdown section: machine, settings, the commands, the table of instances."""
    mach = results["machine"]
    settings = results["settings"]
    limits = settings["limits"]
    by: dict[tuple[int, float], dict[str, Any]] = {
        (r["instance"], r["limit"]): r for r in results["runs"]
    }
    numbers = sorted({r["instance"] for r in results["runs"]})
    lines = [
        "## Curtois & Qu benchmark, instances 1-8",
        "",
        "The standard staff-scheduling benchmark (Curtois and Qu, 2014; the instance files "
        "and their format are in `benchmarks/curtois/`), solved by the product's own engine: "
        "each instance is mapped onto our problem types and rules (`rostering.curtois`), "
        "solved, and the roster checked by the independent checker, whose objective equals "
        "the benchmark's.",
        "",
        f"- machine: {mach.get('cores')} cores, {mach.get('memory_gib')} GiB, "
        f"{mach.get('cpu')}; Python {mach.get('python')}, OR-Tools {mach.get('ortools')}; "
        f"commit {mach.get('commit')}",
        f"- settings: {settings['workers']} workers, seed {settings['seed']}, search "
        f"`{settings['search']}`, time limits {', '.join(f'{x:g}' for x in limits)} s "
        "(CP-SAT deterministic seconds; the wall time is in `curtois-results.json`); the "
        "`lp` search is not reproducible run to run, so a rerun can differ slightly",
        "- repeat: `python -m benchmarks.curtois --limits "
        + " ".join(f"{x:g}" for x in limits)
        + f" --workers {settings['workers']} --seed {settings['seed']}`, or one instance: "
        "`roster bench curtois benchmarks/curtois/Instance1.txt --time-limit 60`",
        "",
    ]
    header = ["instance", "staff", "days", "optimum"]
    for x in limits:
        header += [f"objective @{x:g}s", f"bound @{x:g}s"]
    header.append("optimum reached?")
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for n in numbers:
        rows = [by.get((n, x)) for x in limits]
        first = next(r for r in rows if r is not None)
        cells = [f"Instance{n}", str(first["staff"]), str(first["days"]), str(first["optimum"])]
        reached = []
        for x, r in zip(limits, rows, strict=True):
            if r is None:
                cells += ["-", "-"]
                continue
            ok = r["violations"] == 0
            cells += [_num(r["objective"]) + ("" if ok or r["objective"] is None else " (!)")]
            cells += [_num(r["bound"])]
            if ok and r["objective"] == first["optimum"]:
                reached.append(f"{x:g}s")
        cells.append(f"yes, at {reached[0]}" if reached else "no")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.curtois")
    parser.add_argument("--limits", type=float, nargs="+", default=[10, 60])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--instances", type=int, nargs="+", default=list(INSTANCES))
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    results = run(args.limits, args.workers, args.seed, args.instances)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(render_markdown(results))
    return 0
