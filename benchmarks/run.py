"""Benchmark the engine on generated teams of growing size, against two baselines.

``python -m benchmarks`` solves each generated team (`benchmarks.generate`) with our
engine (`rostering.solve`), and up to 1000 agents with the previous engine
(``SolveParams(engine="cpsat")``) and the naive model (`benchmarks.naive`), once per time
limit, each solve in a fresh process (`benchmarks.worker`). It writes
``benchmarks/results.json`` after every solve and renders ``benchmarks/RESULTS.md``
(`benchmarks.report`: the targets, the tables, the machine and the command to repeat).

Time limits are wall-clock seconds for the whole ``solve`` call, model build included
(``--reproducible``: work budgets instead). Peak memory is the worker process's maximum
resident set size, read by this process from ``os.wait4``.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .generate import LEAVE_SHARE, SIZES, describe, generate
from .harness import HERE, end_meta, public, run_worker, start_meta
from .report import CURTOIS_JSON, FORMAT, num, pct, write_results

MODELS = ("ours", "cpsat", "naive")
LIMITS = (60.0,)


@dataclass(frozen=True)
class Settings:
    """What to run."""

    sizes: tuple[int, ...]
    limits: tuple[float, ...]
    workers: int
    seed: int
    models: tuple[str, ...]
    baselines_up_to: int
    leave_share: float
    reproducible: bool
    timeout_extra: float
    memory_limit_gib: float
    smoke: bool
    breaks: bool = False

    def timeout(self, limit: float) -> float:
        """Wall seconds a worker may take before it is killed."""
        budget = 3 * limit + 10 if self.reproducible else limit
        return budget + self.timeout_extra


def specs(settings: Settings) -> list[dict[str, Any]]:
    """One worker spec per solve, in the order they run (or a skip record)."""
    out: list[dict[str, Any]] = []
    for size in settings.sizes:
        for limit in settings.limits:
            for model in settings.models:
                spec: dict[str, Any] = {
                    "model": model,
                    "size": size,
                    "seed": settings.seed,
                    "limit": limit,
                    "workers": settings.workers,
                    "leave_share": settings.leave_share,
                    "reproducible": settings.reproducible,
                }
                if settings.breaks:
                    spec["breaks"] = True
                if model != "ours" and size > settings.baselines_up_to:
                    spec["skipped"] = (
                        f"not run above {settings.baselines_up_to} agents "
                        "(--baselines-up-to; too large to build and solve in the time)"
                    )
                out.append(spec)
    return out


def run(settings: Settings, out: Path, json_out: Path, command: str) -> list[dict[str, Any]]:
    """Run every solve of ``settings``, rewriting the JSON and the report after each."""
    meta = start_meta(command)
    runs: list[dict[str, Any]] = []
    descriptions: dict[str, str] = {}

    def save() -> None:
        end_meta(meta)
        payload = {
            "format": FORMAT,
            "meta": public(meta),
            "settings": asdict(settings),
            "instances": descriptions,
            "runs": runs,
        }
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        write_results(out, json_out)

    todo = specs(settings)
    for k, spec in enumerate(todo, 1):
        size = spec["size"]
        if str(size) not in descriptions:
            descriptions[str(size)] = describe(
                generate(
                    size, settings.seed, leave_share=settings.leave_share, breaks=settings.breaks
                )
            )
        if spec.get("skipped"):
            runs.append(spec)
            continue
        name = f"[{k}/{len(todo)}] {size} agents, {spec['model']}, {spec['limit']:g} s"
        print(f"{name} ...", flush=True)

        def echo(line: str, name: str = name) -> None:
            print(f"  {name}: {line}", flush=True)

        result = run_worker(
            spec,
            settings.timeout(spec["limit"]),
            memory_limit_gib=settings.memory_limit_gib,
            echo=echo,
        )
        runs.append(result)
        print(
            f"{name}: {result.get('status')}, objective "
            f"{num(result.get('checker_objective'), 'g')}, bound {num(result.get('bound'), 'g')}, "
            f"gap {pct(result.get('gap'))}, first roster {num(result.get('first_roster_s'))} s, "
            f"build {num(result.get('build_s'))} s, call {num(result.get('call_s'))} s, "
            f"{num(result.get('peak_rss_mib'), '.0f')} MiB, check "
            f"{ {True: 'pass', False: 'FAIL', None: '-'}[result.get('check_passed')] }",
            flush=True,
        )
        save()
    save()
    return runs


def parse(argv: Sequence[str] | None = None) -> tuple[Settings, Path, Path]:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Benchmark the engine on generated teams against two baselines.",
    )
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="team sizes (50,200,1000,3000,5000)"
    )
    parser.add_argument(
        "--limits", default="60", help="time limits, wall-clock seconds for the call (60)"
    )
    parser.add_argument("--workers", type=int, default=2, help="search threads (2)")
    parser.add_argument("--seed", type=int, default=0, help="generator and solver seed (0)")
    parser.add_argument(
        "--models",
        default=",".join(MODELS),
        help="which of ours, cpsat (the previous engine), naive (all three)",
    )
    parser.add_argument(
        "--baselines-up-to",
        type=int,
        default=1000,
        help="run the previous engine and the naive model up to N agents (1000)",
    )
    parser.add_argument(
        "--reproducible",
        action="store_true",
        help="limits are reproducible work budgets instead of wall-clock seconds",
    )
    parser.add_argument(
        "--breaks",
        action="store_true",
        help="teams with meal breaks and the promotion variants N2, W0 (benchmarks.generate); "
        "the report goes to BREAKS.md and breaks-results.json unless --out/--json say otherwise",
    )
    parser.add_argument("--out", type=Path, default=None, help="report to write (RESULTS.md)")
    parser.add_argument(
        "--json", type=Path, default=None, help="JSON results (results.json beside --out)"
    )
    parser.add_argument(
        "--timeout-extra",
        type=float,
        default=300,
        help="wall seconds a solve may run beyond its limit before it is killed (300)",
    )
    parser.add_argument(
        "--memory-limit",
        type=float,
        default=16,
        help="address-space limit per solve in GiB, 0 for none (16)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a tiny run of a few seconds: 20 agents without leave, limit 1 (overrides "
        "--sizes and --limits)",
    )
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in str(args.sizes).split(",") if s.strip())
    limits = tuple(float(s) for s in str(args.limits).split(",") if s.strip())
    models = tuple(m.strip() for m in str(args.models).split(",") if m.strip())
    unknown = [m for m in models if m not in MODELS]
    if unknown:
        parser.error(f"unknown model(s) {', '.join(unknown)}: choose from {', '.join(MODELS)}")
    if not sizes or not limits or any(x <= 0 for x in limits):
        parser.error("give at least one size and positive limits")
    leave = LEAVE_SHARE
    if args.smoke:
        sizes, limits, leave = (20,), (1.0,), 0.0
    settings = Settings(
        sizes=sizes,
        limits=limits,
        workers=args.workers,
        seed=args.seed,
        models=models,
        baselines_up_to=args.baselines_up_to,
        leave_share=leave,
        reproducible=args.reproducible,
        timeout_extra=60 if args.smoke else args.timeout_extra,
        memory_limit_gib=args.memory_limit,
        smoke=args.smoke,
        breaks=args.breaks,
    )
    out: Path = args.out or HERE / ("BREAKS.md" if args.breaks else "RESULTS.md")
    json_out: Path = args.json or out.with_name(
        "breaks-results.json" if args.breaks and args.out is None else "results.json"
    )
    return settings, out, json_out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the exit code is 1 when a roster failed the check."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--render"]:
        _settings, out, json_out = parse(args[1:])
        write_results(out, json_out)
        print(f"written: {out} (from {json_out} and {CURTOIS_JSON.name} beside {out.name})")
        return 0
    settings, out, json_out = parse(args)
    command = shlex.join(["python", "-m", "benchmarks", *args])
    runs = run(settings, out, json_out, command)
    print(f"written: {out}, {json_out}")
    return 1 if any(r.get("check_passed") is False for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
