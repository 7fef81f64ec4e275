"""Before and after: the model ideas we kept, each measured on and off.

``python -m benchmarks.ablation`` writes ``benchmarks/ABLATION.md``:

1. the constructive roster (`rostering.construct`) with 0, 2 and 6 rounds of "take one
   agent out, put them back on their best month": time, objective, rules broken;
2. the redundant linear constraints of the rest-day and days-in-a-row rules (rest count per
   month part, work in every window), on and off: objective and bound;
3. the light presolve for large models in phase two, on and off: time to the first roster,
   objective and bound.

Each solve uses 2 workers, seed 0 and a deterministic limit; times are wall seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import rostering.construct as construct_module
import rostering.model as model_module
from rostering import Progress, check, objective
from rostering.model import Model
from rostering.rules import RULES, Rule
from rostering.rules.days_in_a_row import DaysInARow
from rostering.rules.rest import RestDays

from .generate import generate
from .run import machine

HERE = Path(__file__).parent


class _RestDaysNoCuts(RestDays):
    def encode(self, m: Model) -> None:
        return None


class _WeeklyRestNoCuts(DaysInARow):
    def encode(self, m: Model) -> None:
        return None


def _without_cuts() -> tuple[Rule, ...]:
    swap = {"rest_days": _RestDaysNoCuts(), "days_in_a_row": _WeeklyRestNoCuts()}
    return tuple(swap.get(r.name, r) for r in RULES)


def constructor_rounds(sizes: Sequence[int]) -> list[str]:
    lines = [
        "## 1. Constructive roster: rounds of take-out/put-back",
        "",
        "| agents | rounds | time (s) | objective | rules broken |",
        "|---|---|---|---|---|",
    ]
    saved = construct_module.ROUNDS
    try:
        for size in sizes:
            problem = generate(size)
            model = Model(problem)
            for rounds in (0, 2, 6):
                construct_module.ROUNDS = rounds
                started = time.perf_counter()
                roster = model.assemble(construct_module.construct(model))
                took = time.perf_counter() - started
                broken = len(check(problem, roster))
                lines.append(
                    f"| {size} | {rounds} | {took:.1f} | {objective(problem, roster):g} | "
                    f"{broken} |"
                )
                print(lines[-1], flush=True)
    finally:
        construct_module.ROUNDS = saved
    return [*lines, ""]


def _solve(model: Model, limit: float) -> dict[str, Any]:
    first: list[float] = []

    def progress(p: Progress) -> None:
        if not first and p.objective is not None:
            first.append(p.elapsed)

    started = time.perf_counter()
    outcome = model.solve(time_limit=limit, workers=2, seed=0, progress=progress)
    out: dict[str, Any] = {
        "wall": time.perf_counter() - started,
        "first": first[0] if first else None,
    }
    if outcome.found:
        roster = model.roster_from(outcome.value)
        out["objective"] = objective(model.problem, roster)
        out["broken"] = len(check(model.problem, roster))
    bound = outcome.bound
    out["bound"] = None if bound is None else max(0.0, bound / model.objective_scale)
    return out


def _row(label: str, size: int, limit: float, r: dict[str, Any]) -> str:
    def show(value: Any, fmt: str) -> str:
        return "-" if value is None else format(value, fmt)

    return (
        f"| {size} | {label} | {limit:g} | {show(r['first'], '.1f')} | {r['wall']:.1f} | "
        f"{show(r.get('objective'), 'g')} | {show(r['bound'], '.0f')} | "
        f"{show(r.get('broken'), 'd')} |"
    )


HEADER = [
    "| agents | variant | limit (det s) | first roster (s) | solve (s) | objective | bound "
    "| rules broken |",
    "|---|---|---|---|---|---|---|---|",
]


def cuts(size: int, limit: float) -> list[str]:
    lines = ["## 2. Redundant rest-day and days-in-a-row constraints", "", *HEADER]
    problem = generate(size)
    for label, rules in (("with", RULES), ("without", _without_cuts())):
        lines.append(
            _row(f"{label} the constraints", size, limit, _solve(Model(problem, rules), limit))
        )
        print(lines[-1], flush=True)
    return [*lines, ""]


def presolve(size: int, limit: float) -> list[str]:
    lines = ["## 3. Light presolve in phase two for large models", "", *HEADER]
    problem = generate(size)
    saved = model_module.LARGE_MODEL_VARIABLES
    try:
        for label, threshold in (("light presolve", saved), ("default presolve", 10**12)):
            model_module.LARGE_MODEL_VARIABLES = threshold
            lines.append(_row(label, size, limit, _solve(Model(problem), limit)))
            print(lines[-1], flush=True)
    finally:
        model_module.LARGE_MODEL_VARIABLES = saved
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ablation", description=__doc__)
    parser.add_argument("--sizes", default="50,200,1000", help="sizes for the constructor")
    parser.add_argument("--cuts-size", type=int, default=50)
    parser.add_argument("--presolve-size", type=int, default=1000)
    parser.add_argument("--limit", type=float, default=10.0, help="deterministic seconds")
    parser.add_argument("--out", type=Path, default=HERE / "ABLATION.md")
    given = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(given)
    m = machine()
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    lines = [
        "# Ablation: the model ideas we kept, on and off",
        "",
        f"- Run {started}; {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; "
        f"Python {m['python']}, OR-Tools {m['ortools']}; commit {m['commit']}"
        + (" (dirty tree)" if m["dirty"] else ""),
        "- Teams from `benchmarks.generate` (seed 0, 5% leave); solves: 2 workers, seed 0, "
        f"deterministic limit {args.limit:g} s; times are wall seconds, first roster from the "
        "start of the solve (build excluded).",
        "- Repeat: `" + " ".join(["python -m benchmarks.ablation", *given]) + "`",
        "",
    ]
    lines += constructor_rounds([int(s) for s in args.sizes.split(",") if s])
    lines += cuts(args.cuts_size, args.limit)
    lines += presolve(args.presolve_size, args.limit)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
