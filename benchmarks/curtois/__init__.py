"""The Curtois & Qu benchmark, instances 1-15 (the files beside this module, unchanged).

``python -m benchmarks.curtois [--limits 60] [--instances 1 ... 15] [--workers 2]
[--seed 0]`` solves each instance at each time limit with the product's own `solve`
(`rostering.curtois` maps the instance; no setting of its own), each solve in a fresh
process (`benchmarks.worker`) killed after its limit plus ``--timeout-extra`` seconds,
prints progress lines while it runs, checks every roster with the independent checker,
writes ``benchmarks/curtois-results.json`` and renders ``benchmarks/RESULTS.md``
(`benchmarks.report`, with the targets).

Limits are wall-clock seconds for the whole ``solve`` call (``--reproducible``: work
budgets instead).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rostering.curtois import read_instance

from ..harness import ROOT, end_meta, public, run_worker, start_meta
from ..report import FORMAT, RESULTS_MD, curtois_section, num, pct, write_results

HERE = Path(__file__).resolve().parent
RESULTS = HERE.parent / "curtois-results.json"
INSTANCES = tuple(range(1, 16))
#: Proven optima (the benchmark's published table; see README.md beside this module).
OPTIMA = {
    1: 607,
    2: 828,
    3: 1001,
    4: 1716,
    5: 1143,
    6: 1950,
    7: 1056,
    8: 1300,
    9: 439,
    10: 4631,
    11: 3443,
    12: 4040,
    13: 1348,
    14: 1278,
    15: 3829,
}


def path_of(number: int) -> Path:
    """The file of instance ``number``."""
    return HERE / f"Instance{number}.txt"


def run_one(
    number: int,
    limit: float,
    *,
    workers: int = 2,
    seed: int = 0,
    reproducible: bool = False,
    timeout_extra: float = 120,
    echo: bool = True,
) -> dict[str, Any]:
    """Solve one instance at one limit in a fresh process; the roster is checked there."""
    inst = read_instance(path_of(number))
    spec = {
        "model": "ours",
        "instance": str(path_of(number).relative_to(ROOT)),
        "limit": limit,
        "workers": workers,
        "seed": seed,
        "reproducible": reproducible,
    }
    name = f"Instance{number} @{limit:g}s"
    budget = 3 * limit + 10 if reproducible else limit
    row = run_worker(
        spec,
        budget + timeout_extra,
        echo=(lambda line: print(f"  {name}: {line}", flush=True)) if echo else None,
    )
    row.update(
        instance=number,
        staff=len(inst.staff),
        days=inst.horizon,
        shift_types=len(inst.shifts),
        optimum=OPTIMA[number],
    )
    return row


def run(
    limits: Sequence[float] = (60.0,),
    workers: int = 2,
    seed: int = 0,
    instances: Sequence[int] = INSTANCES,
    *,
    reproducible: bool = False,
    timeout_extra: float = 120,
    command: str = "python -m benchmarks.curtois",
    output: Path = RESULTS,
    report: Path | None = RESULTS_MD,
    progress: bool = True,
) -> dict[str, Any]:
    """Every instance at every limit, with the machine and the settings; the JSON (and
    the report, unless ``report`` is None) is rewritten after each solve."""
    meta = start_meta(command)
    runs: list[dict[str, Any]] = []
    results: dict[str, Any] = {}

    def save() -> None:
        end_meta(meta)
        results.update(
            format=FORMAT,
            meta=public(meta),
            settings={
                "limits": list(limits),
                "workers": workers,
                "seed": seed,
                "instances": list(instances),
                "reproducible": reproducible,
                "timeout_extra": timeout_extra,
            },
            runs=runs,
        )
        output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        if report is not None:
            write_results(report, curtois_json=output)

    for number in instances:
        for limit in limits:
            if progress:
                print(f"Instance{number} @{limit:g}s ...", flush=True)
            row = run_one(
                number,
                limit,
                workers=workers,
                seed=seed,
                reproducible=reproducible,
                timeout_extra=timeout_extra,
                echo=progress,
            )
            runs.append(row)
            if progress:
                print(
                    f"Instance{number} @{limit:g}s: {row.get('status')}, objective "
                    f"{num(row.get('checker_objective'), 'g')} (optimum {row['optimum']}), bound "
                    f"{num(row.get('bound'), 'g')}, gap {pct(row.get('gap'))}, call "
                    f"{num(row.get('call_s'))} s, check "
                    f"{ {True: 'pass', False: 'FAIL', None: '-'}[row.get('check_passed')] }",
                    flush=True,
                )
            save()
    save()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Command line; the exit code is 1 when a roster failed the check."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.curtois",
        description="Solve the Curtois & Qu instances with the product's own engine.",
    )
    parser.add_argument(
        "--limits",
        type=float,
        nargs="+",
        default=[60.0],
        help="time limits, wall-clock seconds for the whole solve (60)",
    )
    parser.add_argument("--workers", type=int, default=2, help="search threads (2)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    parser.add_argument(
        "--instances", type=int, nargs="+", default=list(INSTANCES), help="numbers (1-15)"
    )
    parser.add_argument(
        "--reproducible",
        action="store_true",
        help="limits are reproducible work budgets instead of wall-clock seconds",
    )
    parser.add_argument(
        "--timeout-extra",
        type=float,
        default=120,
        help="wall seconds a solve may run beyond its limit before it is killed (120)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="the JSON to write")
    parser.add_argument(
        "--report",
        type=Path,
        default=RESULTS_MD,
        help="RESULTS.md to render (with results.json beside it)",
    )
    given = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(given)
    unknown = [n for n in args.instances if n not in OPTIMA]
    if unknown:
        parser.error(f"no instance {', '.join(map(str, unknown))}: choose from 1-15")
    results = run(
        args.limits,
        args.workers,
        args.seed,
        args.instances,
        reproducible=args.reproducible,
        timeout_extra=args.timeout_extra,
        command=shlex.join(["python", "-m", "benchmarks.curtois", *given]),
        output=args.output,
        report=args.report,
    )
    print()
    print("\n".join(curtois_section(results)))
    print(f"written: {args.output}, {args.report}")
    return 1 if any(r.get("check_passed") is False for r in results["runs"]) else 0
