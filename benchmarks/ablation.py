"""Before and after: each idea of the engine, measured on and off.

``python -m benchmarks.ablation`` writes ``benchmarks/ABLATION.md`` (and the raw
measurements to ``benchmarks/ablation.json``):

1. the search's steps (`rostering.engine.search.SearchOptions`: column generation, the
   dive, re-dive and window neighbourhoods, CP-SAT's proof on small models), each
   switched off alone, against the whole search, on the 50- and 200-agent teams (and the
   proof on a 20-agent team, as it only runs on small models);
2. the redundant rows of the rest-day and days-in-a-row rules (`encode` of those rules,
   implied by each agent's legal-month graph), on and off, on the same teams;
3. one product graph per set of automata, restricted to each agent's days, against one
   graph built per distinct agent (as before): model build time and memory at 50, 200
   and 1000 agents;
4. the constructive roster (`rostering.engine.construct`) with 0, 2 and 6 rounds of "take one
   agent out, put them back on their best month": time, objective, rules broken.

Every solve and build runs in a fresh process (`benchmarks.worker`), with the benchmark's
settings: 2 workers, seed 0 and a limit of wall-clock seconds for the whole ``solve``
call, model build included (60 by default, as in ``python -m benchmarks``).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import rostering.engine.construct as construct_module
from rostering import check, objective
from rostering.engine.search import PROOF_VARIABLES
from rostering.entry import build

from .generate import LEAVE_SHARE, generate
from .harness import HERE, end_meta, machine_lines, public, run_worker, start_meta
from .report import num, pct

#: The search variants: a name and the `SearchOptions` fields switched off.
VARIANTS: tuple[tuple[str, dict[str, bool]], ...] = (
    ("whole search", {}),
    ("without column generation (and so without dive and re-dive)", {"column_generation": False}),
    ("without the dive", {"dive": False}),
    (
        "without the restricted master (teams of at most FULL_DIVE_UNITS units)",
        {"master": False},
    ),
    ("without re-dive neighbourhoods", {"redive": False}),
    ("without whole-team dives again (teams of at most FULL_DIVE_UNITS units)", {"dives": False}),
    ("without window neighbourhoods", {"windows": False}),
    ("without CP-SAT's proof on small models", {"proof": False}),
)


class Runner:
    """Runs the ablation's workers with common settings and keeps every measurement."""

    def __init__(self, limit: float, workers: int, seed: int, timeout_extra: float) -> None:
        self.limit = limit
        self.workers = workers
        self.seed = seed
        self.timeout_extra = timeout_extra
        self.runs: list[dict[str, Any]] = []

    def __call__(self, name: str, size: int, **extra: Any) -> dict[str, Any]:
        spec = {
            "model": "ours",
            "size": size,
            "seed": self.seed,
            "leave_share": LEAVE_SHARE,
            "limit": self.limit,
            "workers": self.workers,
            **extra,
        }
        label = f"{size} agents, {name}"
        print(f"{label} ...", flush=True)
        result = run_worker(
            spec,
            self.limit + self.timeout_extra,
            echo=lambda line: print(f"  {label}: {line}", flush=True),
        )
        result["variant"] = name
        self.runs.append(result)
        print(
            f"{label}: {result.get('status')}, objective "
            f"{num(result.get('checker_objective'), 'g')}, bound {num(result.get('bound'), 'g')}, "
            f"build {num(result.get('build_s'), '.2f')} s, call {num(result.get('call_s'))} s",
            flush=True,
        )
        return result


SOLVE_HEADER = [
    "| agents | variant | first roster (s) | call (s) | objective | bound | gap | check "
    "| phases (s) |",
    "|---|---|---|---|---|---|---|---|---|",
]


def _check(r: dict[str, Any]) -> str:
    if r.get("check_passed") is None:
        return f"no roster ({r.get('status')})"
    return "pass" if r["check_passed"] else f"FAIL ({r.get('check_violations', '?')})"


def _solve_row(size: int, r: dict[str, Any]) -> str:
    phases = ", ".join(f"{p['phase']} {p['seconds']:.1f}" for p in r.get("phases") or []) or "-"
    steps = (r.get("model_stats") or {}).get("improvement_steps")
    if steps is not None:
        phases += f"; {steps} improvement steps"
    return (
        f"| {size} | {r['variant']} | {num(r.get('first_roster_s'))} | {num(r.get('call_s'))} "
        f"| {num(r.get('checker_objective'), 'g')} | {num(r.get('bound'), 'g')} "
        f"| {pct(r.get('gap'))} | {_check(r)} | {phases} |"
    )


def search_steps(
    run: Runner, sizes: Sequence[int], proof_sizes: Sequence[int]
) -> tuple[list[str], dict[int, dict]]:
    """Section 1 (every variant on ``sizes``; the whole search and the one without the
    proof on ``proof_sizes``, small enough for the proof to run); returns the whole
    search's solve of each of ``sizes`` for section 2."""
    lines = [
        "## 1. The search's steps, each switched off",
        "",
        "`SearchOptions` switches one step off; everything else is as in `rostering.solve`. "
        "Without column generation there is no LP, so no dive and no re-dive either, and the "
        "bound comes from CP-SAT only (when its proof runs). The proof step runs only on "
        "models of at most `PROOF_VARIABLES` CP-SAT variables (see the phases and the line "
        "below the table): where it does not run, switching it off changes nothing but the "
        "run's noise, so a small team shows it too.",
        "",
        *SOLVE_HEADER,
    ]
    whole: dict[int, dict] = {}
    plan = [(size, VARIANTS) for size in sizes]
    plan += [(size, (VARIANTS[0], VARIANTS[-1])) for size in proof_sizes if size not in sizes]
    proof_runs: dict[int, int | None] = {}
    for size, variants in plan:
        for name, off in variants:
            r = run(name, size, options={key: False for key in off})
            if not off:
                whole.setdefault(size, r)
                proof_runs[size] = r.get("variables")
            lines.append(_solve_row(size, r))
    lines.append("")
    small = [f"{n} ({v})" for n, v in proof_runs.items() if v is not None and v <= PROOF_VARIABLES]
    large = [f"{n} ({v})" for n, v in proof_runs.items() if v is not None and v > PROOF_VARIABLES]
    lines.append(
        f"CP-SAT variables by team size: the proof runs at {', '.join(small) or 'none'}; not "
        f"at {', '.join(large) or 'none'} (more than {PROOF_VARIABLES})."
    )
    return [*lines, ""], {size: r for size, r in whole.items() if size in sizes}


def redundant_rows(run: Runner, sizes: Sequence[int], whole: dict[int, dict]) -> list[str]:
    """Section 2: the rules' redundant rows on (the whole search of section 1) and off."""
    lines = [
        "## 2. Redundant rows of the rest-day and days-in-a-row rules",
        "",
        "Rest days per month part and work in every window of days, per unit: implied by each "
        "agent's legal-month graph, posted for the relaxation (CP-SAT's, in the proof and "
        "the sub-models). *With* is the whole search of section 1.",
        "",
        *SOLVE_HEADER,
    ]
    for size in sizes:
        if size in whole:
            with_rows = dict(whole[size], variant="with the rows (whole search)")
            lines.append(_solve_row(size, with_rows))
        r = run("without the rows", size, options={}, rules="no_redundant_rows")
        lines.append(_solve_row(size, r))
    return [*lines, ""]


def product_graph(run: Runner, sizes: Sequence[int]) -> list[str]:
    """Section 3: the model's build with one product graph per automata, or per agent."""
    lines = [
        "## 3. One product graph per set of automata",
        "",
        "Agents with the same automata share one product graph, built over the union of "
        "their days and restricted to each agent's own (leave, allowed shifts); before, each "
        "distinct agent's graph was built on its own (`PerAgentGraphs` in "
        "`benchmarks/worker.py` rebuilds that way). Model build only.",
        "",
        "| agents | graphs built | build (s) | peak memory (MiB) | distinct graphs | arcs "
        "| CP-SAT variables | constraints |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        for name, graphs in (("one product per automata", "product"), ("per agent", "per_agent")):
            r = run(f"build, {name}", size, task="build", graphs=graphs)
            stats = r.get("model_stats") or {}
            lines.append(
                f"| {size} | {name} | {num(r.get('build_s'), '.2f')} "
                f"| {num(r.get('peak_rss_mib'), '.0f')} | {num(stats.get('graphs'), 'd')} "
                f"| {num(stats.get('arcs'), 'd')} | {num(r.get('variables'), 'd')} "
                f"| {num(r.get('constraints'), 'd')} |"
            )
            if r.get("error"):
                lines[-1] += f" error: {r['error'][:80]}"
    return [*lines, ""]


def constructor_rounds(sizes: Sequence[int], seed: int) -> list[str]:
    """Section 4: the constructive roster with 0, 2 and 6 rounds (in this process)."""
    lines = [
        "## 4. Constructive roster: rounds of take-out/put-back",
        "",
        "The first roster of the search (`rostering.engine.construct`, without its deadline), in "
        "this process; the objective is the independent `rostering.objective`.",
        "",
        "| agents | rounds | time (s) | objective | rules broken |",
        "|---|---|---|---|---|",
    ]
    saved = construct_module.ROUNDS
    try:
        for size in sizes:
            problem = generate(size, seed)
            model = build(problem)
            for rounds in (0, 2, 6):
                construct_module.ROUNDS = rounds
                started = time.perf_counter()
                roster = model.assemble(construct_module.construct(model))
                took = time.perf_counter() - started
                broken = len(check(problem, roster))
                lines.append(
                    f"| {size} | {rounds} | {took:.1f} | {objective(problem, roster):g} "
                    f"| {broken} |"
                )
                print(lines[-1], flush=True)
    finally:
        construct_module.ROUNDS = saved
    return [*lines, ""]


#: Curtois & Qu instances whose constructive roster breaks limits the graphs do not hold.
MEND_INSTANCES = ("Instance13", "Instance15")


def mending(run: Runner, instances: Sequence[str]) -> list[str]:
    """Section 5: mending the constructive roster agent by agent, on and off."""
    lines = [
        "## 5. Mending the constructive roster agent by agent",
        "",
        "Where the constructive roster's months break limits each agent's graph does not "
        "hold (minutes, weekends, shift counts), the agents concerned search their months "
        "one at a time against their own rows (`SearchOptions.mend`); without it CP-SAT "
        "searches the whole team for a first roster at once. The generated teams' "
        "constructive rosters need no mending; these Curtois & Qu instances (through "
        "`rostering.curtois`) do.",
        "",
        "| instance | variant | first roster (s) | call (s) | objective | bound | gap | check "
        "| phases (s) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in instances:
        for variant, off in (("whole search", {}), ("without mending", {"mend": False})):
            r = run(variant, 0, instance=f"benchmarks/curtois/{name}.txt", options=off)
            lines.append(_solve_row(0, r).replace("| 0 |", f"| {name} |", 1))
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the ablation and write ABLATION.md."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.ablation",
        description="Each idea of the engine on and off (ABLATION.md).",
    )
    parser.add_argument("--sizes", default="50,200", help="teams for the search steps (50,200)")
    parser.add_argument(
        "--proof-sizes",
        default="20",
        help="small teams where CP-SAT's proof runs, for that step on and off (20)",
    )
    parser.add_argument(
        "--build-sizes", default="50,200,1000", help="teams for the build (50,200,1000)"
    )
    parser.add_argument(
        "--construct-sizes", default="50,200,1000", help="teams for the constructor"
    )
    parser.add_argument(
        "--mend-instances",
        default=",".join(MEND_INSTANCES),
        help="Curtois & Qu instances for mending on and off (" + ",".join(MEND_INSTANCES) + ")",
    )
    parser.add_argument(
        "--limit", type=float, default=60.0, help="wall-clock seconds per solve call (60)"
    )
    parser.add_argument("--workers", type=int, default=2, help="search threads (2)")
    parser.add_argument("--seed", type=int, default=0, help="generator and solver seed (0)")
    parser.add_argument(
        "--timeout-extra",
        type=float,
        default=300,
        help="wall seconds a solve may run beyond its limit before it is killed (300)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "ABLATION.md", help="report")
    parser.add_argument(
        "--json", type=Path, default=None, help="raw measurements (ablation.json beside --out)"
    )
    given = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(given)

    def ints(text: str) -> list[int]:
        return [int(s) for s in text.split(",") if s.strip()]

    meta = start_meta(shlex.join(["python", "-m", "benchmarks.ablation", *given]))
    run = Runner(args.limit, args.workers, args.seed, args.timeout_extra)
    sizes = ints(args.sizes)
    steps, whole = search_steps(run, sizes, ints(args.proof_sizes))
    body = steps + redundant_rows(run, sizes, whole)
    body += product_graph(run, ints(args.build_sizes))
    body += constructor_rounds(ints(args.construct_sizes), args.seed)
    body += mending(run, [s for s in args.mend_instances.split(",") if s.strip()])
    end_meta(meta)
    hashes = sorted({str(r.get("rostering_source")) for r in run.runs})
    lines = [
        "# Ablation: each idea of the engine, on and off",
        "",
        "Written by `python -m benchmarks.ablation` from one run; every number below comes "
        "from it.",
        "",
        *machine_lines(meta),
        f"- Settings: teams from `benchmarks/generate.py` (seed {args.seed}, leave "
        f"{LEAVE_SHARE:.0%}); every solve {args.limit:g} wall-clock seconds for the whole "
        f"`solve` call (model build included), {args.workers} workers, seed {args.seed}, in a "
        "fresh process; first roster and call times are wall seconds from the start of the "
        "call; objective is the independent `rostering.objective`, bound the proven lower "
        "bound, check `rostering.check`",
        "- `rostering` sources (hash taken by each worker): " + ", ".join(hashes),
        "- Not measured any more: the light presolve of large models (`LARGE_MODEL_VARIABLES`) "
        "only changes `Model.solve`, which the search does not use (only the previous engine, "
        '`SolveParams(engine="cpsat")`, and models with constraints the relaxation cannot '
        "read go through it).",
        "",
        *body,
    ]
    args.out.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    json_out: Path = args.json or args.out.with_name("ablation.json")
    json_out.write_text(
        json.dumps({"meta": public(meta), "runs": run.runs}, indent=1) + "\n", encoding="utf-8"
    )
    print(f"written: {args.out}, {json_out}")
    return 1 if any(r.get("check_passed") is False for r in run.runs) else 0


if __name__ == "__main__":
    sys.exit(main())
