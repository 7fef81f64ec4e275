"""The manager's reading of a roster: what it achieved, what it could not, and why.

`briefing` turns a roster and its solve into a few sentences a customer-service manager
reads first ("demand met on 29 of 31 days; on 12-12 the N shift is 2 agents short in the
after-sales role"); `request_outcomes` says for each request (a rest day or a shift asked
for) whether the roster grants it. The Summary and Requests sheets and the command line
show them; the solver's own figures (engine phases, bound, settings) come after them.

Everything here is computed from the roster with the checker's own functions (`View`,
`DemandCoverage.shortfalls`, `PeakCoverage.slots`, `check_by_rule`), so a sentence never
disagrees with the Checks sheet. The sentences state what the roster does; where they
give a reason, it is a fact of the roster or the rules (a promotion day, leave, the
agents of the role that day), never a guess about the search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .problem import LEAVE, REST, Problem, Request
from .report import (
    AgentStats,
    RuleCheck,
    agent_stats,
    demand_shortfalls,
    peak_slots,
    rule_checks,
)
from .result import Result, Status
from .roster import Roster
from .rules.coverage import Shortfall
from .rules.requests import granted
from .rules.view import View

__all__ = [
    "SUB",
    "RequestOutcome",
    "briefing",
    "interrupted",
    "no_roster_briefing",
    "request_outcomes",
    "role_words",
]

#: Roles as a sentence names them.
ROLE_WORDS: dict[str, str] = {
    "presales": "pre-sales",
    "aftersales": "after-sales",
    "order_change": "order-change",
    "payment_chase": "payment-chasing",
    "phone": "phone",
    "escalation": "escalation",
}

SHOWN = 5
"""Items a sentence lists before "and N more"."""
SUB = "  - "
"""How a line that details the line above it starts."""


def role_words(role: str | None) -> str:
    """``after-sales role``, or ``any role`` for None."""
    return "any role" if role is None else f"{ROLE_WORDS.get(role, role)} role"


def interrupted(result: Result | None) -> bool:
    """Whether the solve was stopped by Ctrl-C before its time was up."""
    if result is None:
        return False
    return bool(result.settings.get("interrupted")) or any(
        note.startswith("interrupted") for note in result.notes
    )


def _day(day: date) -> str:
    return f"{day:%m-%d}"


def _num(value: float) -> str:
    """A figure as a sentence shows it: ``18,653``, ``157.5``."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _range(low: float, high: float) -> str:
    return f"{_num(low)} each" if low == high else f"{_num(low)} to {_num(high)}"


def _listed(items: Sequence[str]) -> str:
    shown = "; ".join(items[:SHOWN])
    if len(items) > SHOWN:
        shown += f"; and {len(items) - SHOWN} more"
    return shown


# -- requests ------------------------------------------------------------------------------
@dataclass(frozen=True)
class RequestOutcome:
    """One request and what the roster does with it.

    ``asked`` is the request in words (``rest``, ``work N``, ``not N``, ``not rest``);
    ``got`` is the agent's entry that day (a shift code, `REST`, `LEAVE`, or None when
    the roster has none); ``why`` says, for a request not granted, what stands in its
    way when a rule or the input decides it, else that it was weighed against the rest.
    """

    agent: str
    name: str
    date: date
    asked: str
    weight: int
    granted: bool
    got: str | None
    why: str = ""


def _asked(request: Request) -> str:
    what = "rest" if request.shift is None else request.shift
    if request.avoid:
        return f"not {what}"
    return what if request.shift is None else f"work {what}"


def _why_not(problem: Problem, view: View, request: Request) -> str:
    """What keeps a request from being granted, as far as the rules and input say."""
    day, agent_id = request.date, request.agent
    got = view.code(agent_id, day)
    if got == LEAVE:
        return "on leave that day"
    rules = problem.rules
    promotion = day in rules.promotion_days and rules.promotion_all_on_duty
    if request.shift is None and not request.avoid and promotion:
        return "a promotion day, when everyone is on duty (全员在岗)"
    if request.shift is not None and not request.avoid:
        try:
            agent = problem.agent(agent_id)
            shift = problem.shift(request.shift)
        except KeyError:
            return f"{request.shift} is not a shift of the roster"
        if shift.code not in agent.shifts:
            return f"{agent_id} may not work {shift.code} (Staff sheet)"
        if not shift.exists_on(day):
            return f"there is no {shift.code} shift that day"
    return "weighed against demand, the rules and other requests"


def request_outcomes(
    problem: Problem, roster: Roster, view: View | None = None
) -> list[RequestOutcome]:
    """Every request of ``problem`` (rest days and shifts asked for, Leave rows of kind
    ``rest`` included) and whether ``roster`` grants it, in agent order then by date."""
    view = view or View(problem, roster)
    order = {a.id: i for i, a in enumerate(problem.agents)}
    names = {a.id: a.name for a in problem.agents}
    out = []
    for request in sorted(problem.requests, key=lambda r: (order.get(r.agent, len(order)), r.date)):
        ok = granted(view, request)
        out.append(
            RequestOutcome(
                request.agent,
                names.get(request.agent, ""),
                request.date,
                _asked(request),
                request.weight,
                ok,
                view.code(request.agent, request.date),
                "" if ok else _why_not(problem, view, request),
            )
        )
    return out


# -- the sentences -------------------------------------------------------------------------
def _headline(result: Result | None) -> list[str]:
    if result is None:
        return [
            "This roster was not solved here (a hand-edited, swapped or re-checked roster): "
            "the figures below are for the roster as it is."
        ]
    lines = []
    if interrupted(result):
        lines.append(
            f"The search was interrupted (Ctrl-C) after {result.runtime:.1f} s: this is "
            "the best roster found until then."
        )
    gap = result.gap
    if result.status is Status.OPTIMAL:
        lines.append("The roster is the best possible: no roster scores fewer points.")
    elif gap is not None and result.bound is not None:
        if gap < 0.0005:
            lines.append("The roster is as good as the best possible, to 0.1%.")
        else:
            lines.append(
                f"The roster is within {gap * 100:.1f}% of the best possible (no roster can "
                f"score below {_num(round(result.bound, 1))} points; this one scores "
                f"{_num(result.objective or 0)})."
            )
    else:
        lines.append(
            "How far the roster is from the best possible is not known (no bound was found)."
        )
    return lines


def _checks_line(checks: Sequence[RuleCheck]) -> str:
    broken = [c for c in checks if not c.passed]
    if not broken:
        return "Every hard rule holds (checked independently of the solver: see Checks)."
    named = ", ".join(f"{c.name} ({len(c.violations)})" for c in broken)
    total = sum(len(c.violations) for c in broken)
    return (
        f"The roster breaks hard rules {total} time(s): {named}. It is not a valid roster "
        "until they are fixed (see Checks)."
    )


def _short_words(view: View, slot: Shortfall) -> str:
    """One short demand slot in words, with why: no shift covers it, or what the agents
    of its role do that day."""
    missing = slot.missing
    agents = "agent" if missing == 1 else "agents"
    role = "" if slot.role is None else f" in the {role_words(slot.role)}"
    if slot.what == "day":
        text = f"{_day(slot.date)}: {missing} {agents} short of the {slot.required} asked to "
        text += f"work{role}"
    elif "-" in slot.what:
        text = f"{_day(slot.date)} {slot.what}: {missing} {agents} short{role}"
    else:
        text = f"{_day(slot.date)} {slot.what} shift: {missing} {agents} short{role}"
    text += f" ({slot.have} of {slot.required})"
    if "-" in slot.what and not _covered(view, slot):
        return text + f"; no shift covers {slot.what}, so nobody can be online then"
    return text + _doing(view, slot)


def _covered(view: View, slot: Shortfall) -> bool:
    """Whether some shift of the problem (that day's, or the night before's) covers the
    whole of a demand window (``HH:MM-HH:MM``)."""
    first, last = slot.what.split("-")
    start = view.at(slot.date, int(first[:2]) * 60 + int(first[3:]))
    end = view.at(slot.date, int(last[:2]) * 60 + int(last[3:]))
    if end <= start:
        end += timedelta(days=1)
    for day in (slot.date - timedelta(days=1), slot.date):
        for shift in view.problem.shifts:
            if not shift.exists_on(day):
                continue
            begin, finish = view.nominal(shift, day)
            if begin <= start and end <= finish:
                return True
    return False


def _doing(view: View, slot: Shortfall) -> str:
    """What the agents of the slot's role do that day (``; that day the 8 after-sales
    agents: 6 on N, 2 on W``), so the manager sees whether the team is too small or busy
    elsewhere."""
    fits = [a for a in view.agents if slot.role is None or a.role == slot.role]
    if not fits:
        return f"; the team has no agent in the {role_words(slot.role)}"
    counts: dict[str, int] = {}
    for agent in fits:
        code = view.code(agent.id, slot.date)
        key = {REST: "resting", LEAVE: "on leave", None: "with no entry"}.get(code)
        key = key or f"on {code}"
        counts[key] = counts.get(key, 0) + 1
    doing = ", ".join(f"{n} {what}" for what, n in sorted(counts.items(), key=lambda x: -x[1]))
    who = "agents" if slot.role is None else f"{ROLE_WORDS.get(slot.role, slot.role)} agents"
    return f"; that day the {len(fits)} {who}: {doing}"


def _demand_lines(
    problem: Problem, roster: Roster, view: View, slots: Sequence[Shortfall] | None
) -> list[str]:
    if not problem.demand:
        return []
    if slots is None:
        slots = demand_shortfalls(problem, roster, view)
    days = sorted({s.date for s in slots})
    short = [s for s in slots if s.missing]
    if not short:
        return [f"Demand is met on all {len(days)} day(s) it asks for."]
    met = len(days) - len({s.date for s in short})
    worst = sorted(short, key=lambda s: (-s.missing * s.minutes, s.date, s.row))
    hours = sum(s.missing * s.minutes for s in short) / 60
    lines = [
        f"Demand is met on {met} of {len(days)} days; {_num(round(hours, 1))} agent-hours "
        "are short in all (Coverage sheet). Where it is shortest:"
    ]
    lines += [SUB + _short_words(view, s) + "." for s in worst[:SHOWN]]
    if len(worst) > SHOWN:
        lines.append(SUB + f"and {len(worst) - SHOWN} more short slot(s).")
    return lines


def _peak_lines(problem: Problem, roster: Roster, view: View) -> list[str]:
    if not problem.rules.promotion_days:
        return []
    slots = peak_slots(problem, roster, view)
    lines = []
    for day in sorted(problem.rules.promotion_days):
        mine = [s for s in slots if s.day == day]
        if not mine:
            continue
        below = sum((s.possible - s.online) * s.minutes for s in mine) / 60
        low = min(mine, key=lambda s: (s.online, s.start))
        if below <= 0:
            lines.append(
                f"Peak hours on {_day(day)} (promotion day): every peak hour has as many "
                "agents online as could be."
            )
            continue
        lines.append(
            f"Peak hours on {_day(day)} (promotion day): the lowest peak hour, "
            f"{low.start:%H:%M}-{low.end:%H:%M}, has {low.online} agent(s) online "
            f"({low.possible} could be); in all the peak hours are "
            f"{_num(round(below, 1))} agent-hours below the most each could have on its "
            "own (an agent works one shift, so the peak hours compete for the same agents)."
        )
    return lines


def _request_lines(outcomes: Sequence[RequestOutcome]) -> list[str]:
    if not outcomes:
        return []
    refused = [o for o in outcomes if not o.granted]
    granted_count = len(outcomes) - len(refused)
    if not refused:
        return [f"All {len(outcomes)} request(s) are granted (Requests sheet)."]
    lines = [f"Requests: {granted_count} of {len(outcomes)} granted; not granted (Requests sheet):"]
    reasons: dict[str, list[str]] = {}
    for o in refused:
        reasons.setdefault(o.why, []).append(f"{o.agent} {o.asked} on {_day(o.date)}")
    for why, named in reasons.items():
        lines.append(SUB + _listed(named) + f" ({why}).")
    return lines


def _fairness_lines(
    problem: Problem, roster: Roster, view: View, stats: Sequence[AgentStats] | None
) -> list[str]:
    if stats is None:
        stats = agent_stats(problem, roster, view)
    night_codes = {s.code for s in problem.shifts if s.crosses_midnight}
    nights = [
        s.nights for s, a in zip(stats, problem.agents, strict=True) if night_codes & set(a.shifts)
    ]
    parts = []
    if nights:
        parts.append(f"nights {_range(min(nights), max(nights))} per agent who works nights")
    weekend = [s.weekend_rest_days for s in stats]
    if weekend:
        parts.append(f"weekend rest days {_range(min(weekend), max(weekend))}")
    if problem.rules.promotion_days:
        promo = [s.promotion_days_worked for s in stats]
        parts.append(f"promotion days worked {_range(min(promo), max(promo))}")
    return [f"Spread over the team: {'; '.join(parts)} (Stats sheet)."] if parts else []


def _points_line(result: Result | None) -> list[str]:
    if result is None or result.objective is None:
        return []
    terms = [t for t in result.terms if t.points]
    if not terms:
        return [f"Score: {_num(result.objective)} points (lower is better; nothing to improve)."]
    shown = ", ".join(f"{t.name.replace('_', ' ')} {_num(round(t.points, 1))}" for t in terms)
    return [f"Score: {_num(round(result.objective, 1))} points (lower is better): {shown}."]


def briefing(
    problem: Problem,
    roster: Roster,
    result: Result | None = None,
    *,
    view: View | None = None,
    checks: Sequence[RuleCheck] | None = None,
    stats: Sequence[AgentStats] | None = None,
    shortfalls: Sequence[Shortfall] | None = None,
) -> list[str]:
    """The roster in plain words, one sentence a line, most important first.

    Parameters
    ----------
    problem, roster
        The team and the roster (any roster: hand-made, swapped, broken).
    result
        The solve that made ``roster``, or None for a roster not solved here.
    view, checks, stats, shortfalls
        The checker's view and verdict, the agents' stats and the demand slots' shortfalls,
        when the caller has them already (`rostering.report`).

    Returns
    -------
    list of str
        How good the roster is against the best possible (or that it was interrupted,
        or not solved here); whether every hard rule holds; demand met and where it is
        short, with what the agents of that role do that day; the peak hours of each
        promotion day; requests granted and not, named per agent; the spread of nights,
        weekend rest and promotion days; the points per objective term.

    Examples
    --------
    >>> from datetime import date
    >>> from rostering import Agent, Problem, Roster
    >>> problem = Problem(date(2026, 12, 1), [Agent("A1", shifts=("R",))], end=date(2026, 12, 2))
    >>> roster = Roster.from_grid(date(2026, 12, 1), {"A1": "R R"})
    >>> briefing(problem, roster)[0].startswith("This roster was not solved here")
    True
    """
    view = view or View(problem, roster)
    checks = checks if checks is not None else rule_checks(problem, roster)
    lines = _headline(result)
    lines.append(_checks_line(checks))
    lines += _demand_lines(problem, roster, view, shortfalls)
    lines += _peak_lines(problem, roster, view)
    lines += _request_lines(request_outcomes(problem, roster, view))
    lines += _fairness_lines(problem, roster, view, stats)
    lines += _points_line(result)
    return lines


def no_roster_briefing(result: Result) -> list[str]:
    """A solve without a roster in plain words: what happened, and where to read why."""
    lines = []
    if interrupted(result):
        lines.append(
            f"The search was interrupted (Ctrl-C) after {result.runtime:.1f} s, before any "
            "roster was found."
        )
    if result.status is Status.INFEASIBLE:
        below = ""
        if result.explanation is not None:
            below = " What conflicts, for whom, and what to relax is below."
        elif result.notes:
            below = " The notes below say what to change."
        lines.append(
            f"No roster exists: these rules cannot all hold for this team and month.{below}"
        )
    elif not interrupted(result):
        lines.append(
            f"No roster was found within the time limit ({result.runtime:.1f} s), and no "
            "proof that none exists: try a longer time limit."
        )
    lines.append("Nothing here is a roster: this workbook has no Roster sheet.")
    return lines
