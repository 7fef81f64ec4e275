"""Why no roster exists: the rules in conflict, whom and when, and what to relax.

`explain` runs a deletion filter over the hard rules of the registry: starting from all
of them, it drops each rule whose removal still leaves the problem infeasible, so the rules
left form a smallest conflicting set (removing any one of them makes a roster possible).
Then it localizes the conflict:

- agents with no legal month under the per-agent rules are named, with the per-agent
  rules that together exclude every month for them (a second, per-agent deletion filter);
- when the minimum per shift is in the conflict, a relaxation that lets coverage fall
  short at a cost finds the fewest missing agents, and names the days and shifts;
- plain arithmetic names what the team can give against what the shifts need.

Every sentence comes in English and Chinese (``lang="en"`` or ``"zh"``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import combinations

from ortools.sat.python import cp_model

from .entry import SolveParams, build, search, verdict
from .explanation import Explanation, Finding
from .index import Index
from .lookahead import without_lookahead
from .problem import Leave, Problem
from .result import Status
from .roster import Roster
from .rules import HARD_RULES, Rule, Text
from .rules.base import Lang
from .rules.rest import RestDays
from .rules.view import View

LANGS: tuple[Lang, ...] = ("en", "zh")


# -- what each rule says, and how to relax it -------------------------------------------------
# Each rule owns its texts (`Rule.explain_title`, `Rule.relax`) and when the filter tries to
# drop it (`Rule.relax_rank`, `Rule.background`): see rostering/rules/base.py.
BACKGROUND: tuple[str, ...] = tuple(r.name for r in HARD_RULES if r.background)
"""Rules never relaxed: they define what a roster is (one entry a day; leave only where
granted and shifts only where allowed). Leave still shows in the findings on agents."""

RELAX_ORDER: tuple[str, ...] = tuple(
    r.name
    for _i, r in sorted(enumerate(HARD_RULES), key=lambda item: (item[1].relax_rank, item[0]))
    if not r.background
)
"""The order the deletion filter tries to drop rules in: the ones most often blamed
(coverage, rest days, leave) are tried last, so they stay in the explanation when
several smallest conflicts exist."""


def _title(rule: str, problem: Problem) -> Text:
    return _rule(rule).explain_title(problem)


def _suggestion(rule: str, problem: Problem) -> Text:
    return _rule(rule).relax(problem)


def _rule(name: str) -> Rule:
    return next(r for r in HARD_RULES if r.name == name)


# -- the deletion filters ------------------------------------------------------------------
def _feasible(
    problem: Problem,
    rules: Sequence[Rule],
    limit: float,
    workers: int,
    seed: int,
    reproducible: bool = True,
) -> bool | None:
    """True: a roster exists under ``rules``; False: proven none; None: unknown. The
    feasibility test of `rostering.solve` with ``accept=False`` (`rostering.entry.verdict`:
    it gives no roster)."""
    params = SolveParams(
        time_limit=limit, workers=workers, seed=seed, reproducible=reproducible, explain=False
    )
    status = verdict(problem, rules, params).status
    if status is Status.INFEASIBLE:
        return False
    if status in (Status.OPTIMAL, Status.FEASIBLE):
        return True
    return None


def explain(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    seed: int = 0,
    reproducible: bool = True,
) -> Explanation:
    """Explain why ``problem`` has no roster (call it when `solve` says infeasible).

    The month's own rules are explained: the look-ahead (`rostering.lookahead`) is off.

    Parameters
    ----------
    problem
        A problem without a roster.
    time_limit
        The total budget shared by the feasibility tests: wall seconds, or CP-SAT
        deterministic seconds when ``reproducible``.
    workers, seed
        As for `rostering.solve`.
    reproducible
        Count the budget in CP-SAT's deterministic time, for the same answer every time.

    Returns
    -------
    Explanation
        A smallest set of conflicting rules, the findings (whom, when) and what to relax;
        ``lines("en" | "zh")`` for people.
    """
    problem = without_lookahead(problem)
    by_name = {r.name: r for r in HARD_RULES}
    base = [by_name[n] for n in BACKGROUND if n in by_name]
    order = [n for n in RELAX_ORDER if n in by_name] + [
        r.name for r in HARD_RULES if r.name not in RELAX_ORDER and r.name not in BACKGROUND
    ]
    candidates = [n for n in order if by_name[n].applies(problem)]
    step = max(0.2, time_limit / (len(candidates) + 3))
    proven = True
    everything = _feasible(
        problem, base + [by_name[n] for n in candidates], step, workers, seed, reproducible
    )
    if everything:
        return Explanation((), (Finding(Text("a roster exists", "存在可行排班")),))
    if everything is None:
        proven = False
    kept = list(candidates)
    for name in candidates:
        trial = [n for n in kept if n != name]
        verdict = _feasible(
            problem, base + [by_name[n] for n in trial], step, workers, seed, reproducible
        )
        if verdict is False:
            kept = trial
        elif verdict is None:
            proven = False
    rules = tuple(n for n in order if n in kept)
    findings = _agent_findings(problem, base, [by_name[n] for n in rules], by_name)
    if "coverage" in rules:
        findings += _coverage_findings(
            problem, base + [by_name[n] for n in rules], step, workers, seed, reproducible
        )
    findings += _promotion_findings(problem, rules)
    if "role_ratios" in rules:
        findings += _ratio_findings(problem)
    fixes = tuple(f.fix for f in findings if f.fix is not None)
    return Explanation(
        rules,
        tuple(findings),
        fixes + tuple(_suggestion(n, problem) for n in rules),
        proven,
        tuple(_title(n, problem) for n in rules),
    )


def _agent_findings(
    problem: Problem, base: list[Rule], rules: list[Rule], by_name: dict[str, Rule]
) -> list[Finding]:
    """Agents for whom no month satisfies the per-agent rules, and which rules exclude it."""
    model = build(problem, base + rules, group=False, accept=False)
    out = []
    taken: dict[date, set[str]] = {}  # days off proposed so far, and the shifts they cost
    for ident in model.no_legal_month[:10]:
        agent = problem.agent(ident)
        alone = problem.replace(
            agents=(agent,),
            leave=tuple(lv for lv in problem.leave if lv.agent == ident),
            limits=tuple(lim for lim in problem.limits if lim.covers(ident)),
            requests=(),
            demand=(),
            previous=problem.previous,
        )
        kept = list(rules)
        for rule in list(rules):
            trial = [r for r in kept if r is not rule]
            if build(alone, base + trial, group=False, accept=False).no_legal_month:
                kept = trial
        names = tuple(r.name for r in kept)
        leave = sorted(problem.leave_of(ident))
        en = f"{ident}: no month satisfies {', '.join(names)}"
        zh = f"{ident}: 没有任何一个月的排班能同时满足 {', '.join(names)}"
        if leave:
            en += f" with leave on {len(leave)} day(s) ({_days(leave)})"
            zh += f" (请假 {len(leave)} 天: {_days(leave)})"
        carried = View(problem, Roster(())).trailing_work_days(ident)
        if carried:
            en += f", after {carried} working day(s) in a row at the end of the previous roster"
            zh += f", 且上期排班末尾已连续上班 {carried} 天"
        options = _days_off_that_help(alone, list(by_name.values()), ident)
        # Of the fewest days off that help, those that leave the shifts the agent could
        # work most staffed: days others already take off are taken last.
        shifts = set(agent.shifts)
        off = min(
            options,
            key=lambda days: sum(len(taken.get(d, set()) & shifts) for d in days),
            default=(),
        )
        for day in off:
            taken.setdefault(day, set()).update(shifts)
        fix = None
        if off:
            shown = _days(off)
            more = ("one more day", "two more days")[len(off) - 1]
            en += f"; {more} off on {shown} would make a month possible"
            zh += f"; 若在 {shown} 多休 {len(off)} 天即可排出"
            fix = Text(
                f"{ident}: {more} off on {shown}, on top of the rest days "
                f"(a Leave row{' for each' if len(off) > 1 else ''})",
                f"{ident}: 在 {shown} 多放 {len(off)} 天假, 休息天数不变 (在请假表为每天加一行)",
            )
        out.append(Finding(Text(en, zh), names, (ident,), tuple(leave) + off, fix=fix))
    return out


#: The first days of a month searched for days off that give an agent a legal month.
DAYS_OFF_SEARCHED = 7


def _days_off_that_help(alone: Problem, rules: list[Rule], ident: str) -> list[tuple[date, ...]]:
    """Every choice of the fewest days off (one or two, among the first days of the month,
    as leave on top of the rest days) that gives the agent a legal month after the
    previous roster, in date order; none when none does (or there is no previous roster)."""
    if not alone.history(ident):
        return []
    on_leave = alone.leave_of(ident)
    free = [d for d in alone.days[:DAYS_OFF_SEARCHED] if d not in on_leave]
    for k in (1, 2):
        found = [
            days
            for days in combinations(free, k)
            if not build(
                alone.replace(leave=alone.leave + tuple(Leave(ident, d) for d in days)),
                rules,
                group=False,
                accept=False,
            ).no_legal_month
        ]
        if found:
            return found
    return []


def _coverage_findings(
    problem: Problem,
    rules: list[Rule],
    limit: float,
    workers: int,
    seed: int,
    reproducible: bool = True,
) -> list[Finding]:
    """The smallest relaxation of the minimum per shift: the fewest missing agents, where."""
    need = problem.rules.min_agents_per_shift
    relaxed = [r for r in rules if r.name != "coverage"]
    model = build(problem, relaxed, accept=False)
    if model.no_legal_month:
        return []
    missing = {
        (inst.day, inst.shift): model.cp.new_int_var(0, need, f"missing_{inst.day}_{inst.shift}")
        for inst in model.ix.all_instances
    }

    def short_at_most(stage: cp_model.CpModel) -> None:
        for (d, s), slack in missing.items():
            stage.add(model.count(d, s) + slack >= need)

    params = SolveParams(time_limit=limit, workers=workers, seed=seed, reproducible=reproducible)
    found = search(model, params, objective=sum(missing.values()), constrain=short_at_most)
    out = _capacity_findings(problem)
    if found.value is None:
        return out
    short: dict[str, list[date]] = {}
    total = 0
    for (d, s), var in missing.items():
        value = found.value(var)
        if value:
            total += value
            short.setdefault(model.ix.shifts[s].code, []).append(model.ix.days[d])
    exact = found.status is Status.OPTIMAL
    for code, days in short.items():
        en = (
            f"shift {code} would still lack an agent on {len(days)} day(s) ({_days(days)}) "
            f"even at best"
        )
        zh = f"即使最优安排, {code} 班仍有 {len(days)} 天缺人 ({_days(days)})"
        out.append(Finding(Text(en, zh), ("coverage",), (), tuple(days), code))
    if short:
        word = "at least" if exact else "about"
        out.append(
            Finding(
                Text(
                    f"the fewest missing agent-shifts is {word} {total}",
                    f"最少缺 {total} 人次{'' if exact else ' (近似)'}",
                ),
                ("coverage",),
            )
        )
    return out


def _work_days(problem: Problem) -> dict[str, int]:
    """Each agent's working days at most: the horizon less leave and the rest days the
    rest-day rule requires."""
    ix = Index(problem)
    rest_days = RestDays()
    work_days: dict[str, int] = {}
    for a, agent in enumerate(ix.agents):
        required = rest_days.automaton(ix, a).required
        rest = sum(required[part.first] for part in ix.month_parts)
        work_days[agent.id] = ix.D - len(ix.leave[a]) - rest
    return work_days


def _shift_days(problem: Problem) -> dict[str, int]:
    days = problem.days
    return {s.code: sum(1 for day in days if s.exists_on(day)) for s in problem.shifts_in_use()}


def _capacity_findings(problem: Problem) -> list[Finding]:
    """Working days the agents can give against the agent-days the shifts need."""
    need = problem.rules.min_agents_per_shift
    days_of = _shift_days(problem)
    codes = list(days_of)
    work_days = _work_days(problem)
    out = []
    for size in range(1, len(codes) + 1):
        for group in combinations(codes, size):
            wanted = need * sum(days_of[c] for c in group)
            able = [a for a in problem.agents if set(a.shifts) & set(group)]
            can = sum(work_days[a.id] for a in able)
            if can < wanted:
                names = "/".join(group)
                out.append(
                    Finding(
                        Text(
                            f"shifts {names} need {wanted} agent-days, but the {len(able)} "
                            f"agent(s) who can work them have at most {can} working days "
                            f"after rest days and leave",
                            f"{names} 班共需 {wanted} 人天, 可上这些班的 {len(able)} 人扣除休息和"
                            f"请假后最多只有 {can} 个工作日",
                        ),
                        ("coverage", "rest_days"),
                        tuple(a.id for a in able),
                        (),
                        names,
                    )
                )
                return out
    return out


def _ratio_findings(problem: Problem) -> list[Finding]:
    """A role too small to stand beside pre-sales on every shift they share, every day."""
    from .roles import PRESALES

    days_of = _shift_days(problem)
    work_days = _work_days(problem)
    presales = {c for a in problem.agents if a.role == PRESALES for c in a.shifts}
    out = []
    for role, ratio in problem.rules.role_ratios.items():
        members = [a for a in problem.agents if a.role == role]
        if ratio <= 0 or role == PRESALES or not members:
            continue
        shared = sorted({c for a in members for c in a.shifts} & presales & set(days_of))
        wanted = sum(days_of[c] for c in shared)
        can = sum(work_days[a.id] for a in members)
        if can < wanted:
            names = "/".join(shared)
            out.append(
                Finding(
                    Text(
                        f"role {role}: {len(members)} agent(s) with at most {can} working days, "
                        f"but at {ratio} of pre-sales every {names} shift with pre-sales "
                        f"on it needs one of them ({wanted} shift-days)",
                        f"岗位 {role}: {len(members)} 人最多 {can} 个工作日, "
                        f"但按售前的 {ratio} 配比, "
                        f"每个有售前的 {names} 班都需要至少 1 人 (共 {wanted} 班次)",
                    ),
                    ("role_ratios",),
                    tuple(a.id for a in members),
                    (),
                    names,
                )
            )
    return out


def _promotion_findings(problem: Problem, rules: tuple[str, ...]) -> list[Finding]:
    """A run of promotion days longer than the working days allowed in a row."""
    if "promotion" not in rules or "days_in_a_row" not in rules:
        return []
    days = sorted(problem.rules.promotion_days)
    limit = problem.rules.max_consecutive_work_days
    run: list[date] = []
    best: list[date] = []
    for day in days:
        run = [*run, day] if run and (day - run[-1]).days == 1 else [day]
        if len(run) > len(best):
            best = run
    if len(best) <= limit:
        return []
    return [
        Finding(
            Text(
                f"{len(best)} promotion days in a row ({_days(best)}) with everyone on "
                f"duty, but at most {limit} working days in a row",
                f"连续 {len(best)} 个大促日 ({_days(best)}) 要求全员在岗, "
                f"但最多连续上班 {limit} 天",
            ),
            ("promotion", "days_in_a_row"),
            (),
            tuple(best),
        )
    ]


def _days(days: Sequence[date]) -> str:
    shown = ", ".join(d.strftime("%m-%d") for d in list(days)[:8])
    return shown + (f" … (+{len(days) - 8})" if len(days) > 8 else "")
