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
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Literal

from ortools.sat.python import cp_model

from .index import Index
from .lookahead import without_lookahead
from .model import Model
from .problem import Leave, Problem
from .roster import Roster
from .rules import HARD_RULES, Rule
from .rules.rest import RestDays
from .rules.view import View

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

BACKGROUND = ("one_per_day", "leave")
"""Rules never relaxed: they define what a roster is (one entry a day; leave only where
granted and shifts only where allowed). Leave still shows in the findings on agents."""

RELAX_ORDER = (
    "handover",
    "roles",
    "min_rest",
    "rotation",
    "role_ratios",
    "promotion",
    "weekly_rest",
    "rest_days",
    "coverage",
)
"""The order the deletion filter tries to drop rules in: the ones most often blamed
(coverage, rest days, leave) are tried last, so they stay in the explanation when
several smallest conflicts exist."""


@dataclass(frozen=True)
class Text:
    """A sentence in each language."""

    en: str
    zh: str

    def __call__(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Finding:
    """One fact about the conflict: what, who, when."""

    text: Text
    rules: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    dates: tuple[date, ...] = ()
    shift: str | None = None
    fix: Text | None = None
    """The smallest concrete change found that removes this conflict, if any."""


@dataclass(frozen=True)
class Explanation:
    """Why ``problem`` has no roster, and what would make one possible."""

    rules: tuple[str, ...]
    """A smallest set of hard rules that together admit no roster (with one_per_day)."""
    findings: tuple[Finding, ...] = ()
    suggestions: tuple[Text, ...] = ()
    proven: bool = True
    """False when a test ran out of time: the set is then conflicting but maybe not
    smallest."""
    rule_titles: tuple[Text, ...] = field(default_factory=tuple)

    @property
    def agents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for f in self.findings for a in f.agents))

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(sorted({d for f in self.findings for d in f.dates}))

    def lines(self, lang: Lang = "en") -> list[str]:
        """The explanation for people, in ``lang``."""
        zh = lang == "zh"
        if not self.rules:
            return ["无法给出冲突的规则" if zh else "no conflicting set of rules was found"]
        names = "; ".join(
            f"{r} ({t(lang)})" for r, t in zip(self.rules, self.rule_titles, strict=True)
        )
        head = ("这些规则不能同时满足: " if zh else "these rules cannot all hold: ") + names
        out = [head]
        out += [f"- {f.text(lang)}" for f in self.findings]
        if self.suggestions:
            out.append("建议:" if zh else "to make a roster possible:")
            out += [f"- {s(lang)}" for s in self.suggestions]
        if not self.proven:
            out.append(
                "(部分检验超时: 冲突成立, 但可能不是最小的)"
                if zh
                else "(some tests ran out of time: the set conflicts but may not be the smallest)"
            )
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines("en"))


# -- what each rule says, and how to relax it -------------------------------------------------
def _title(rule: str, problem: Problem) -> Text:
    r = problem.rules
    exact = r.rest_days_mode == "exact"
    titles = {
        "one_per_day": Text("one entry per agent and day", "每人每天一个班次"),
        "rest_days": Text(
            f"{r.rest_days_per_month} rest days a month ({r.rest_days_mode})",
            f"每月休息 {r.rest_days_per_month} 天 ({'正好' if exact else '至少'})",
        ),
        "weekly_rest": Text(
            f"at most {r.max_consecutive_work_days} working days in a row",
            f"最多连续上班 {r.max_consecutive_work_days} 天",
        ),
        "min_rest": Text(
            f"at least {r.min_rest_hours:g} h rest between shifts",
            f"两班之间至少休息 {r.min_rest_hours:g} 小时",
        ),
        "rotation": Text(
            f"day/night rotation every {r.rotation_period_days} days",
            f"白晚班轮换周期 {r.rotation_period_days} 天",
        ),
        "handover": Text(
            f"handover overlap of {r.handover_min_minutes}-{r.handover_max_minutes} min",
            f"交接重叠 {r.handover_min_minutes}-{r.handover_max_minutes} 分钟",
        ),
        "role_ratios": Text(
            "role ratios (after-sales 1/4 of pre-sales, other roles 1/6)",
            "岗位配比 (售后为售前的 1/4, 其他岗位各 1/6)",
        ),
        "roles": Text(
            f"a second role on at most {r.secondary_role_days} days",
            f"兼岗最多 {r.secondary_role_days} 天",
        ),
        "coverage": Text(
            f"at least {r.min_agents_per_shift} agent(s) on every shift every day",
            f"每个班次每天至少 {r.min_agents_per_shift} 人",
        ),
        "leave": Text(
            "approved leave and each agent's allowed shifts", "已批准的请假和每人可上的班次"
        ),
        "promotion": Text("everyone on duty on promotion days", "大促日全员在岗"),
        "successions": Text("forbidden successions of shifts", "禁止的班次衔接"),
        "consecutive": Text("limits on runs of working days and days off", "连续上班/休息天数限制"),
        "max_shifts": Text("at most so many shifts (of a type)", "班次数上限"),
        "minutes": Text("minimum and maximum minutes worked", "工作时长上下限"),
        "weekends": Text("at most so many weekends worked", "周末上班次数上限"),
    }
    return titles.get(rule, Text(rule, rule))


def _suggestion(rule: str, problem: Problem) -> Text:
    r = problem.rules
    fewer_rest = max(0, r.rest_days_per_month - 1)
    texts = {
        "rest_days": Text(
            f"lower rest_days_per_month (e.g. to {fewer_rest}) or set rest_days_mode to min",
            f"减少每月休息天数 (如 {fewer_rest} 天), 或把 rest_days_mode 设为 min",
        ),
        "weekly_rest": Text(
            f"raise max_consecutive_work_days above {r.max_consecutive_work_days}",
            f"把最多连续上班天数调到 {r.max_consecutive_work_days} 天以上",
        ),
        "min_rest": Text(
            f"lower min_rest_hours below {r.min_rest_hours:g}",
            f"把两班最少间隔调到 {r.min_rest_hours:g} 小时以下",
        ),
        "rotation": Text(
            "use another rotation_period_days (7, 14 or month)",
            "换一个轮换周期 (7、14 天或按月)",
        ),
        "handover": Text(
            "widen handover_min_minutes..handover_max_minutes",
            "放宽交接重叠分钟数",
        ),
        "role_ratios": Text(
            "add agents of the short role, or lower its ratio in the Rules sheet",
            "增加人数不足岗位的客服, 或在规则表里降低其配比",
        ),
        "roles": Text(
            f"raise secondary_role_days above {r.secondary_role_days}",
            f"把兼岗天数调到 {r.secondary_role_days} 天以上",
        ),
        "coverage": Text(
            "add an agent who can work the short shift, let more agents work it, "
            "or lower min_agents_per_shift (min 0 allows an empty shift)",
            "增加能上该班次的客服, 或让更多人可上该班次, 或降低每班最少人数 (设为 0 允许空班)",
        ),
        "leave": Text(
            "move or shorten a leave, or allow more shift types to the agents named",
            "调整或缩短请假, 或让上述客服可上更多班次",
        ),
        "promotion": Text(
            "set promotion_all_on_duty to no, or shorten the run of promotion days",
            "把 promotion_all_on_duty 设为否, 或缩短连续大促天数",
        ),
    }
    limits = Text(
        "relax the agents' rows for this rule in the Limits sheet",
        "放宽限制表中该规则的相关行",
    )
    texts.update(
        {
            "successions": Text(
                "remove a pair from forbidden_successions", "从 forbidden_successions 删去一对班次"
            ),
            "consecutive": limits,
            "max_shifts": limits,
            "minutes": limits,
            "weekends": limits,
        }
    )
    return texts.get(rule, Text(f"relax {rule}", f"放宽规则 {rule}"))


# -- the deletion filters ------------------------------------------------------------------
def _feasible(
    problem: Problem, rules: Sequence[Rule], limit: float, workers: int, seed: int
) -> bool | None:
    """True: a roster exists under ``rules``; False: proven none; None: unknown."""
    model = Model(problem, rules, group=True)
    if model.no_legal_month:
        return False
    outcome = model.solve(time_limit=limit, workers=workers, seed=seed, first_roster=False)
    if outcome.status == cp_model.INFEASIBLE:
        return False
    if outcome.status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return None


def explain(
    problem: Problem, *, time_limit: float = 10.0, workers: int = 2, seed: int = 0
) -> Explanation:
    """Explain why ``problem`` has no roster (call it when `solve` says infeasible).

    The month's own rules are explained: the look-ahead (`rostering.lookahead`) is off.

    Parameters
    ----------
    problem
        A problem without a roster.
    time_limit
        The total budget (deterministic seconds) shared by the feasibility tests.
    workers, seed
        As for `rostering.solve`.

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
    everything = _feasible(problem, base + [by_name[n] for n in candidates], step, workers, seed)
    if everything:
        return Explanation((), (Finding(Text("a roster exists", "存在可行排班")),))
    if everything is None:
        proven = False
    kept = list(candidates)
    for name in candidates:
        trial = [n for n in kept if n != name]
        verdict = _feasible(problem, base + [by_name[n] for n in trial], step, workers, seed)
        if verdict is False:
            kept = trial
        elif verdict is None:
            proven = False
    rules = tuple(n for n in order if n in kept)
    findings = _agent_findings(problem, base, [by_name[n] for n in rules], by_name)
    if "coverage" in rules:
        findings += _coverage_findings(
            problem, base + [by_name[n] for n in rules], step, workers, seed
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
    model = Model(problem, base + rules, group=False)
    out = []
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
            if Model(alone, base + trial, group=False).no_legal_month:
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
        off = _days_off_that_help(alone, list(by_name.values()), ident)
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


def _days_off_that_help(alone: Problem, rules: list[Rule], ident: str) -> tuple[date, ...]:
    """The fewest days off (one or two, among the first days of the month, as leave on top
    of the rest days) that give the agent a legal month after the previous roster, or ()
    when none does (or there is no previous roster)."""
    if not alone.history(ident):
        return ()
    on_leave = alone.leave_of(ident)
    free = [d for d in alone.days[:DAYS_OFF_SEARCHED] if d not in on_leave]
    for k in (1, 2):
        for days in combinations(free, k):
            trial = alone.replace(leave=alone.leave + tuple(Leave(ident, d) for d in days))
            if not Model(trial, rules, group=False).no_legal_month:
                return days
    return ()


def _coverage_findings(
    problem: Problem, rules: list[Rule], limit: float, workers: int, seed: int
) -> list[Finding]:
    """The smallest relaxation of the minimum per shift: the fewest missing agents, where."""
    need = problem.rules.min_agents_per_shift
    relaxed = [r for r in rules if r.name != "coverage"]
    model = Model(problem, relaxed, group=True)
    if model.no_legal_month:
        return []
    missing = {}
    for inst in model.ix.all_instances:
        slack = model.cp.new_int_var(0, need, f"missing_{inst.day}_{inst.shift}")
        model.cp.add(model.count(inst.day, inst.shift) + slack >= need)
        missing[(inst.day, inst.shift)] = slack
    model.cp.minimize(sum(missing.values()))
    solver = model.new_solver(limit, workers=workers, seed=seed)
    status = solver.solve(model.cp)
    out = _capacity_findings(problem)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return out
    short: dict[str, list[date]] = {}
    total = 0
    for (d, s), var in missing.items():
        value = solver.value(var)
        if value:
            total += value
            short.setdefault(model.ix.shifts[s].code, []).append(model.ix.days[d])
    exact = status == cp_model.OPTIMAL
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
    if "promotion" not in rules or "weekly_rest" not in rules:
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
            ("promotion", "weekly_rest"),
            (),
            tuple(best),
        )
    ]


def _days(days: Sequence[date]) -> str:
    shown = ", ".join(d.strftime("%m-%d") for d in list(days)[:8])
    return shown + (f" … (+{len(days) - 8})" if len(days) > 8 else "")
