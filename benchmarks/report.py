"""``benchmarks/RESULTS.md`` from the runs' JSON files: the targets, the large teams and
the Curtois & Qu instances.

`python -m benchmarks` writes ``results.json`` and `python -m benchmarks.curtois` writes
``curtois-results.json``; each then renders RESULTS.md from both (`write_results`), so the
targets table always shows every target, each from the run named in its section. Nothing
here solves: it only reads the measurements (``python -m benchmarks --render`` re-renders).
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .harness import HERE, machine_lines

#: The version of the JSON files this renderer reads (older files are not rendered).
FORMAT = 2
RESULTS_JSON = HERE / "results.json"
CURTOIS_JSON = HERE / "curtois-results.json"
RESULTS_MD = HERE / "RESULTS.md"
BEST_KNOWN = HERE / "best_known.csv"
#: The issue's target setting: a wall-clock limit of 60 s for the whole solve call.
TARGET_LIMIT = 60.0
#: Every solve must end within its limit plus this many wall seconds.
WALL_SLACK = 5.0
MODELS = ("ours", "cpsat", "naive")
LABELS = {"ours": "ours", "cpsat": "previous engine", "naive": "naive model"}
GIB = 1024.0  # MiB
#: Curtois & Qu targets: instances within 2% of the optimum, and those only feasible
#: and within 10%.
CURTOIS_CLOSE = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14)
CURTOIS_FEASIBLE = (13, 15)

Row = tuple[str, str, str, str]  # target, result, verdict, distance
MISSING = "not measured"


# -- reading ------------------------------------------------------------------------------
def load(path: Path) -> dict[str, Any] | None:
    """A results JSON of this harness, or None when missing or from an older harness."""
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data if data.get("format") == FORMAT else None


@dataclass(frozen=True)
class Known:
    """A best known objective: its value and where it comes from."""

    objective: float
    source: str
    detail: str = ""


def issue_best_known(size: int, seed: int, leave_share: float) -> Known | None:
    """The value of ``best_known.csv`` for a generated team, if listed."""
    with BEST_KNOWN.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if (
                int(row["size"]) == size
                and int(row["seed"]) == seed
                and math.isclose(float(row["leave_share"]), leave_share)
            ):
                return Known(float(row["objective"]), f"issue 11: {row['kind']}", row["how"])
    return None


# -- formatting ---------------------------------------------------------------------------
def num(value: Any, fmt: str = ".1f") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return format(value, fmt)


def pct(value: Any) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


def cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def valid(run: dict[str, Any] | None) -> bool:
    """A roster was found and the independent checker passed it."""
    return run is not None and run.get("check_passed") is True


def check_text(run: dict[str, Any]) -> str:
    if run.get("check_passed") is None:
        return "no roster"
    if run["check_passed"]:
        return "pass"
    return f"FAIL ({run.get('check_violations', '?')})"


def status_text(run: dict[str, Any]) -> str:
    status = str(run.get("status", "?"))
    if run.get("error"):
        status += f" ({run['error'][:80]})"
    return cell(status)


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


# -- the generated teams ------------------------------------------------------------------
def target_limit(limits: Sequence[float]) -> float:
    """The limit whose solves the targets read: 60 s, else the longest of the run."""
    return TARGET_LIMIT if TARGET_LIMIT in limits else max(limits)


def find(
    runs: Sequence[dict[str, Any]], model: str, size: int, limit: float
) -> dict[str, Any] | None:
    for r in runs:
        if r.get("model") == model and r.get("size") == size and r.get("limit") == limit:
            return r
    return None


def best_known(results: dict[str, Any], size: int) -> Known | None:
    """The lowest of the issue's value and every valid roster's objective in this run."""
    settings = results["settings"]
    known = issue_best_known(size, settings["seed"], settings["leave_share"])
    for r in results["runs"]:
        if r.get("size") == size and valid(r) and r.get("checker_objective") is not None:
            value = float(r["checker_objective"])
            if known is None or value < known.objective:
                known = Known(value, f"this run: {LABELS[r['model']]} at {num(r['limit'], 'g')} s")
    return known


def size_section(results: dict[str, Any], size: int) -> list[str]:
    """One size: a row per model and limit, the phases of our solves, the best known."""
    runs = [r for r in results["runs"] if r.get("size") == size]
    lines = [f"### {size} agents", "", results["instances"].get(str(size), ""), ""]
    lines += [
        "| model | limit (s) | build (s) | first roster (s) | call (s) | status | objective "
        "| bound | gap | peak memory (MiB) | check | variables | constraints | LP rows / columns |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    skipped = []
    for model in MODELS:
        mine = sorted((r for r in runs if r.get("model") == model), key=lambda r: r["limit"])
        for r in mine:
            if r.get("skipped"):
                skipped.append(f"{LABELS[model]}: {r['skipped']}")
                continue
            stats = r.get("model_stats") or {}
            lp = (
                f"{stats['rows']} / {stats.get('columns', '-')}"
                if stats.get("rows") is not None
                else "-"
            )
            lines.append(
                f"| {LABELS[model]} | {num(r['limit'], 'g')} | {num(r.get('build_s'), '.2f')} "
                f"| {num(r.get('first_roster_s'), '.2f')} | {num(r.get('call_s'), '.1f')} "
                f"| {status_text(r)} | {num(r.get('checker_objective', r.get('objective')), 'g')} "
                f"| {num(r.get('bound'), 'g')} | {pct(r.get('gap'))} "
                f"| {num(r.get('peak_rss_mib'), '.0f')} | {check_text(r)} "
                f"| {num(r.get('variables'), 'd')} | {num(r.get('constraints'), 'd')} | {lp} |"
            )
    lines.append("")
    lines += [f"- Skipped: {s}" for s in dict.fromkeys(skipped)]
    for r in sorted((r for r in runs if r.get("model") == "ours"), key=lambda r: r["limit"]):
        phases = r.get("phases") or []
        if phases:
            lines.append(
                f"- Phases of our {num(r['limit'], 'g')} s solve: "
                + "; ".join(
                    f"{p['phase']} {p['seconds']:.1f} s (objective {num(p.get('objective'), 'g')}"
                    f", bound {num(p.get('bound'), 'g')})"
                    for p in phases
                )
            )
        notes = r.get("notes") or []
        if notes:
            lines.append(f"- Notes of our {num(r['limit'], 'g')} s solve: " + "; ".join(notes))
    known = best_known(results, size)
    if known is not None:
        detail = f"; {known.detail}" if known.detail else ""
        lines.append(f"- Best known objective: {known.objective:g} ({known.source}{detail})")
    lines.append("")
    return lines


def teams_targets(results: dict[str, Any] | None) -> list[Row]:
    """The targets of the generated teams, read from our solves at the target limit."""
    if results is None:
        empty = {
            "settings": {"sizes": [], "limits": [TARGET_LIMIT], "seed": 0, "leave_share": 0},
            "runs": [],
        }
        missing = "not measured: run `python -m benchmarks`"
        return [(t, missing, MISSING, "-") for t, _r, _v, _d in teams_targets(empty)]
    rows: list[Row] = []
    settings = results["settings"]
    runs = results["runs"]
    limit = target_limit(settings["limits"])
    at = f"{limit:g} s"

    def ours(size: int) -> dict[str, Any] | None:
        return find(runs, "ours", size, limit)

    def absent(target: str) -> Row:
        return (target, f"not measured in this run (no {at} solve at that size)", MISSING, "-")

    for size in (50, 200):
        target = f"{size} agents: objective within 1% of the best known"
        r, known = ours(size), best_known(results, size)
        if r is None:
            rows.append(absent(target))
        elif not valid(r) or known is None:
            rows.append((target, f"no valid roster ({status_text(r)})", verdict(False), "-"))
        else:
            obj = float(r["checker_objective"])
            dist = obj / known.objective - 1 if known.objective else 0.0
            rows.append(
                (
                    target,
                    f"objective {obj:g}; best known {known.objective:g} ({known.source})",
                    verdict(dist <= 0.01),
                    f"{100 * dist:+.2f}% (allowed +1%)",
                )
            )
        rows.append(_gap_row(f"{size} agents: gap <= 1% (proven bound)", r, 0.01, at))
    r = ours(1000)
    target = "1000 agents: first valid roster <= 10 s"
    if r is None:
        rows.append(absent(target))
    elif r.get("first_roster_s") is None or not valid(r):
        rows.append((target, f"no valid roster ({status_text(r)})", verdict(False), "-"))
    else:
        first = float(r["first_roster_s"])
        rows.append(
            (
                target,
                f"{first:.1f} s after the call started (the {num(r.get('build_s'), '.1f')} s "
                "model build included)",
                verdict(first <= 10),
                f"{first - 10:+.1f} s",
            )
        )
    rows.append(_gap_row("1000 agents: gap <= 2%", r, 0.02, at))
    target = "1000 agents: peak memory <= 2 GiB"
    if r is None:
        rows.append(absent(target))
    else:
        peak = float(r.get("peak_rss_mib") or 0) / GIB
        rows.append(
            (
                target,
                f"{peak:.2f} GiB (the worker process's peak resident memory)",
                verdict(peak <= 2),
                f"{peak - 2:+.2f} GiB",
            )
        )
    for size in (3000, 5000):
        target = f"{size} agents: valid roster, gap <= 5%"
        r = ours(size)
        if r is None:
            rows.append(absent(target))
        elif not valid(r):
            rows.append((target, f"no valid roster ({status_text(r)})", verdict(False), "-"))
        else:
            rows.append(_gap_row(target, r, 0.05, at, prefix="valid roster; "))
    rows += _never_worse(results, limit)
    rows.append(_wall_row("every solve of ours within its limit + 5 s (generated teams)", runs))
    return rows


def _gap_row(
    target: str, r: dict[str, Any] | None, allowed: float, at: str, prefix: str = ""
) -> Row:
    if r is None:
        return (target, f"not measured in this run (no {at} solve at that size)", MISSING, "-")
    if not valid(r):
        return (target, f"no valid roster ({status_text(r)})", verdict(False), "-")
    if r.get("gap") is None:
        return (target, f"{prefix}no proven bound within the limit", verdict(False), "-")
    gap = float(r["gap"])
    return (
        target,
        f"{prefix}gap {pct(gap)} (objective {num(r.get('objective'), 'g')}, proven bound "
        f"{num(r.get('bound'), 'g')})",
        verdict(gap <= allowed + 1e-12),
        f"{100 * (gap - allowed):+.2f} points",
    )


def _never_worse(results: dict[str, Any], limit: float) -> list[Row]:
    rows: list[Row] = []
    runs = results["runs"]
    skipped: list[int] = []
    for size in results["settings"]["sizes"]:
        ours, naive = find(runs, "ours", size, limit), find(runs, "naive", size, limit)
        if ours is None:
            continue
        if naive is None or naive.get("skipped"):
            skipped.append(size)
            continue
        target = f"never worse than the naive model, {size} agents: objective"
        if not valid(ours):
            ok = not valid(naive)
            rows.append(
                (
                    target,
                    f"ours: no valid roster; naive: {check_text(naive)}",
                    verdict(ok),
                    "-",
                )
            )
        elif not valid(naive):
            rows.append(
                (
                    target,
                    f"ours {ours['checker_objective']:g}; naive: no valid roster "
                    f"({status_text(naive)})",
                    verdict(True),
                    "-",
                )
            )
        else:
            o, n = float(ours["checker_objective"]), float(naive["checker_objective"])
            rows.append(
                (
                    target,
                    f"ours {o:g}, naive {n:g}",
                    verdict(o <= n),
                    f"{o - n:+g} ({100 * (o / n - 1) if n else 0:+.2f}%)",
                )
            )
        target = f"never worse than the naive model, {size} agents: bound"
        ob, nb = ours.get("bound"), naive.get("bound")
        if nb is None:
            rows.append((target, f"ours {num(ob, 'g')}; naive: no bound", verdict(True), "-"))
        else:
            ok = ob is not None and float(ob) >= float(nb)
            rows.append(
                (
                    target,
                    f"ours {num(ob, 'g')}, naive {float(nb):g}",
                    verdict(ok),
                    "-" if ob is None else f"{float(ob) - float(nb):+g}",
                )
            )
    if skipped:
        rows.append(
            (
                "never worse than the naive model, "
                + ", ".join(str(s) for s in skipped)
                + " agents",
                "not measured: the naive model is not run at these sizes (too large to build "
                "and solve in the time)",
                MISSING,
                "-",
            )
        )
    if not rows:
        rows.append(("never worse than the naive model", "no size with our solve", MISSING, "-"))
    return rows


def _wall_row(target: str, runs: Sequence[dict[str, Any]], key: str = "size") -> Row:
    done = [r for r in runs if r.get("model", "ours") == "ours" and not r.get("skipped")]
    if not done:
        return (target, "no solve in this run", MISSING, "-")
    if any(r.get("reproducible") for r in done):
        return (target, "not a wall-clock run (--reproducible)", MISSING, "-")

    def over(r: dict[str, Any]) -> float:
        if r.get("call_s") is None:  # killed or crashed: the process time is the bound
            return float(r.get("process_wall_s") or math.inf) - r["limit"]
        return float(r["call_s"]) - r["limit"]

    worst = max(done, key=over)
    late = [r for r in done if over(r) > WALL_SLACK]
    where = f"{key} {worst.get(key)}" if key != "size" else f"{worst.get('size')} agents"
    result = (
        f"{len(done) - len(late)} of {len(done)} solves; the longest: "
        f"{num(worst.get('call_s') or worst.get('process_wall_s'), '.1f')} s at {where} "
        f"(limit {num(worst['limit'], 'g')} s)"
    )
    if late:
        result += "; late: " + ", ".join(
            f"{r.get(key)} ({over(r):+.1f} s)" for r in late[:8] if math.isfinite(over(r))
        )
    return (target, result, verdict(not late), f"{over(worst):+.1f} s over the limit (allowed +5)")


def bound_checks(results: dict[str, Any]) -> list[str]:
    """A bound is a proof: no bound above a valid roster's objective of the same team."""
    lines = []
    for size in results["settings"]["sizes"]:
        runs = [r for r in results["runs"] if r.get("size") == size and not r.get("skipped")]
        known = best_known(results, size)
        if known is None:
            continue
        for r in runs:
            b = r.get("bound")
            if b is not None and float(b) > known.objective + 1e-6:
                lines.append(
                    f"- **{size} agents, {LABELS[r['model']]} at {num(r['limit'], 'g')} s: bound "
                    f"{float(b):g} is above a valid roster's objective {known.objective:g} "
                    f"({known.source}): not a proof.**"
                )
    lines = lines or [
        "- Every bound is at most the best known objective of its team (as a proof must be)."
    ]
    differ = [
        r
        for r in results["runs"]
        if r.get("model") != "naive"  # the naive model's own objective is replaced by it
        and r.get("objective") is not None
        and r.get("checker_objective") is not None
        and abs(float(r["objective"]) - float(r["checker_objective"])) > 1e-6
    ]
    lines += [
        f"- **{r['size']} agents, {LABELS[r['model']]} at {num(r['limit'], 'g')} s: the solver's "
        f"objective {r['objective']:g} is not the checker's {r['checker_objective']:g}.**"
        for r in differ
    ] or ["- Every solver's objective equals the independent checker's objective of its roster."]
    return lines


def teams_section(results: dict[str, Any]) -> list[str]:
    s = results["settings"]
    meta = results["meta"]
    done = [r for r in results["runs"] if not r.get("skipped")]
    passed = sum(1 for r in done if r.get("check_passed"))
    found = sum(1 for r in done if r.get("check_passed") is not None)
    hashes = sorted({str(r.get("rostering_source")) for r in done})
    mode = (
        "reproducible work budgets (not wall seconds)"
        if s.get("reproducible")
        else "wall-clock seconds"
    )
    lines = [
        "## Generated teams (`python -m benchmarks`)",
        "",
        *machine_lines(meta),
        f"- Settings: teams {', '.join(map(str, s['sizes']))} from `benchmarks/generate.py` "
        f"(seed {s['seed']}, leave {s['leave_share']:.0%}); limits "
        f"{', '.join(num(x, 'g') for x in s['limits'])} s ({mode}), {s['workers']} workers, "
        f"solver seed {s['seed']}; each solve in a fresh process; baselines up to "
        f"{s['baselines_up_to']} agents; address space per solve capped at "
        f"{num(s['memory_limit_gib'], 'g')} GiB (0: none)"
        + (" - **smoke run** (tiny, not a benchmark)" if s.get("smoke") else ""),
        f"- Rosters passing the independent checker: {passed} of {found} found ({len(done)} "
        "solves)",
        "- `rostering` sources (hash taken by each solve): "
        + (
            f"{hashes[0]} for every solve"
            if len(hashes) == 1
            else "**mixed: the code changed during the run** (" + ", ".join(hashes) + ")"
        ),
        "",
        "How to read: **ours** is `rostering.solve` (`time_limit` is wall-clock seconds for "
        "the whole call, model build included). The baselines, run up to "
        f"{s['baselines_up_to']} agents, are the **previous engine** "
        '(`SolveParams(engine="cpsat")`: CP-SAT on the whole model) and the **naive model** '
        "(`benchmarks/naive.py`: one Boolean per agent, day and shift, every rule posted "
        "plainly); both get the limit as CP-SAT's wall-clock limit *after* their model build, "
        "a little more time than ours. **build**: the model's construction; **first roster**: "
        "the progress callback's first report of a roster, from the start of the call (build "
        "included); **call**: the whole call, wall seconds; **objective**: the independent "
        "`rostering.objective` of the roster; **bound**: the proven lower bound the solver "
        "reports, and **gap** = (objective - bound) / objective; **peak memory**: the worker "
        "process's peak resident set (`os.wait4`), problem generation included; **check**: "
        "`rostering.check`; **LP rows / columns**: the master LP's rows and the months it "
        "generated. The times exclude generating the team and checking the roster.",
        "",
    ]
    for size in s["sizes"]:
        lines += size_section(results, size)
    lines += ["#### Bounds and objectives", "", *bound_checks(results), ""]
    return lines


# -- Curtois & Qu ------------------------------------------------------------------------
def curtois_limit(curtois: dict[str, Any]) -> float:
    return target_limit(curtois["settings"]["limits"])


def curtois_targets(curtois: dict[str, Any] | None) -> list[Row]:
    if curtois is None:
        missing = "not measured: run `python -m benchmarks.curtois`"
        return [
            ("Curtois & Qu 1-12, 14: within 2% of the optimum", missing, MISSING, "-"),
            ("Curtois & Qu 13, 15: feasible, within 10%", missing, MISSING, "-"),
            ("every solve within its limit + 5 s (Curtois & Qu)", missing, MISSING, "-"),
        ]
    limit = curtois_limit(curtois)
    by = {r["instance"]: r for r in curtois["runs"] if r["limit"] == limit}

    def distance(r: dict[str, Any]) -> float | None:
        if not valid(r):
            return None
        return float(r["checker_objective"]) / r["optimum"] - 1

    rows: list[Row] = []
    for numbers, allowed, target in (
        (CURTOIS_CLOSE, 0.02, "Curtois & Qu 1-12, 14: within 2% of the optimum"),
        (CURTOIS_FEASIBLE, 0.10, "Curtois & Qu 13, 15: feasible, within 10%"),
    ):
        measured = [n for n in numbers if n in by]
        if not measured:
            rows.append((target, f"not measured at {limit:g} s", MISSING, "-"))
            continue
        dists = {n: distance(by[n]) for n in measured}
        missed = [n for n, d in dists.items() if d is None or d > allowed + 1e-12]
        worst = max(measured, key=lambda n: math.inf if (x := dists[n]) is None else x)
        d = dists[worst]
        result = f"{len(measured) - len(missed)} of {len(measured)} within {allowed:.0%}"
        if missed:
            result += "; missed: " + ", ".join(
                f"Instance{n} " + ("no valid roster" if dists[n] is None else pct(dists[n]))
                for n in missed
            )
        absent = [n for n in numbers if n not in by]
        if absent:
            result += "; not run: " + ", ".join(f"Instance{n}" for n in absent)
        rows.append(
            (
                target,
                result,
                verdict(not missed and not absent),
                f"worst: Instance{worst} "
                + ("no roster" if d is None else f"{100 * d:+.2f}% (allowed +{allowed:.0%})"),
            )
        )
    rows.append(
        _wall_row(
            "every solve within its limit + 5 s (Curtois & Qu)",
            [r for r in curtois["runs"] if r["limit"] == limit],
            key="instance",
        )
    )
    return rows


def curtois_section(curtois: dict[str, Any]) -> list[str]:
    s = curtois["settings"]
    mode = "reproducible work budgets" if s.get("reproducible") else "wall-clock seconds"
    lines = [
        "## Curtois & Qu instances (`python -m benchmarks.curtois`)",
        "",
        "The standard staff-scheduling benchmark (Curtois and Qu, 2014; files, format and "
        "proven optima in `benchmarks/curtois/`), solved by the product's own `solve`: each "
        "instance is mapped onto our problem types and rules (`rostering.curtois`), with no "
        "setting of its own, and the roster checked by the independent checker, whose "
        "objective equals the benchmark's.",
        "",
        *machine_lines(curtois["meta"]),
        f"- Settings: limits {', '.join(num(x, 'g') for x in s['limits'])} s ({mode}, the "
        f"whole solve call), {s['workers']} workers, seed {s['seed']}; each instance in a fresh "
        "process",
        "- One instance: `roster bench curtois benchmarks/curtois/Instance1.txt --time-limit 60`",
        "",
        "| instance | staff | days | optimum | limit (s) | status | objective | bound | gap "
        "| to the optimum | first roster (s) | call (s) | peak memory (MiB) | check |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    invalid = []
    for r in sorted(curtois["runs"], key=lambda r: (r["instance"], r["limit"])):
        obj = r.get("checker_objective")
        to_opt = None if obj is None or not valid(r) else float(obj) / r["optimum"] - 1
        bound = r.get("bound")
        if bound is not None and float(bound) > r["optimum"] + 1e-6:
            invalid.append(r)
        lines.append(
            f"| Instance{r['instance']} | {r.get('staff', '-')} | {r.get('days', '-')} "
            f"| {r['optimum']} | {num(r['limit'], 'g')} | {status_text(r)} | {num(obj, 'g')} "
            f"| {num(bound, 'g')} | {pct(r.get('gap'))} "
            f"| {'-' if to_opt is None else f'{100 * to_opt:+.2f}%'} "
            f"| {num(r.get('first_roster_s'), '.1f')} | {num(r.get('call_s'), '.1f')} "
            f"| {num(r.get('peak_rss_mib'), '.0f')} | {check_text(r)} |"
        )
    lines.append("")
    if invalid:
        lines += [
            f"- **Instance{r['instance']} at {num(r['limit'], 'g')} s: bound {r['bound']:g} is "
            f"above the proven optimum {r['optimum']}: not a proof.**"
            for r in invalid
        ]
    else:
        lines.append("- Every bound is at most the instance's proven optimum (as a proof must be).")
    lines.append("")
    return lines


# -- the whole file -----------------------------------------------------------------------
def render(results: dict[str, Any] | None, curtois: dict[str, Any] | None) -> str:
    """RESULTS.md: the targets, then each run's section."""
    rows = teams_targets(results) + curtois_targets(curtois)
    met = sum(1 for r in rows if r[2] == verdict(True))
    missed = sum(1 for r in rows if r[2] == verdict(False))
    limits = []
    if results is not None:
        limits.append(target_limit(results["settings"]["limits"]))
    if curtois is not None:
        limits.append(curtois_limit(curtois))
    limit = "-" if results is None else f"{limits[0]:g}"
    climit = "-" if curtois is None else f"{limits[-1]:g}"
    stand_in = (
        " **Not the issue's 60 s: these verdicts only stand in for it.**"
        if any(x != TARGET_LIMIT for x in limits)
        else ""
    )
    lines = [
        "# Benchmarks",
        "",
        "Written by `python -m benchmarks` (generated teams) and `python -m benchmarks.curtois` "
        "(Curtois & Qu); each renders this file from both runs' JSON (`results.json`, "
        "`curtois-results.json`), and every number below comes from the run whose section "
        "states its machine, commit, settings and command. `python -m benchmarks --render` "
        "renders it again without solving.",
        "",
        "## Targets (issue 11)",
        "",
        f"From our solves at the target limit (generated teams: {limit} s; Curtois & Qu: "
        f"{climit} s; the issue's setting is 60 wall seconds including the build, 2 workers). "
        f"Met {met}, missed {missed}, not measured {len(rows) - met - missed}, of {len(rows)}."
        + stand_in,
        "",
        "| target | result | verdict | distance |",
        "|---|---|---|---|",
    ]
    lines += [f"| {cell(t)} | {cell(r)} | {v} | {cell(d)} |" for t, r, v, d in rows]
    lines.append("")
    if results is not None:
        lines += teams_section(results)
    if curtois is not None:
        lines += curtois_section(curtois)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_results(
    out: Path = RESULTS_MD,
    results_json: Path | None = None,
    curtois_json: Path | None = None,
) -> Path:
    """Render ``out`` from the two JSON files (by default ``results.json`` and
    ``curtois-results.json`` beside it; either may be missing)."""
    found = []
    for path in (
        results_json or out.with_name(RESULTS_JSON.name),
        curtois_json or out.with_name(CURTOIS_JSON.name),
    ):
        data = load(path)
        if data is None and path.exists():
            print(
                f"note: {path} comes from an older harness (not format {FORMAT}); its runs "
                "are not rendered",
                file=sys.stderr,
            )
        found.append(data)
    out.write_text(render(*found), encoding="utf-8")
    return out
