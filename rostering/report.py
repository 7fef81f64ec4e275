"""Plain-Python figures for reports: hourly coverage, per-agent stats, check and solve summaries.

Nothing here knows about Excel; the workbook writer (`rostering.workbook.writer`) and any
other report read these figures. Everything is computed through the checker's own
functions (`View`, `DemandCoverage.shortfalls`, `PeakCoverage.slots`, `handover_log`,
`check_by_rule`) so that a report never disagrees with the checker.

Coverage convention (the demand and peak rules' own): an agent is *online* in clock hour
``h`` of day ``d`` when the nominal interval of a shift they work covers the whole hour;
the night shift of day ``d`` (17:00-01:00) covers 00:00-01:00 of day ``d + 1``. The early
start of a handover does not count as online time, but it does count as hours worked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import Any

from .check import check_by_rule
from .problem import LEAVE, REST, Problem, ShiftType, minutes_of
from .result import Result, TermValue
from .roles import ROLES
from .roster import Handover, Roster
from .rules import HARD_RULES, RULES, Violation
from .rules.coverage import DemandCoverage, Shortfall
from .rules.fairness import night_codes
from .rules.handover import handover_log
from .rules.peaks import PeakCoverage, PeakSlot
from .rules.view import View

__all__ = [
    "AgentStats",
    "HourRow",
    "RuleCheck",
    "SolveSummary",
    "agent_stats",
    "coverage_rows",
    "demand_shortfalls",
    "format_hhmm",
    "handovers",
    "horizon_label",
    "hourly_online",
    "peak_slots",
    "problem_summary",
    "quarter_online",
    "rule_checks",
    "rule_parameters",
    "shift_times",
    "solve_summary",
    "team_roles",
    "team_stats",
]

HOURS = 24
_HOUR = timedelta(hours=1)
_QUARTER = timedelta(minutes=15)


# -- small helpers -------------------------------------------------------------------------
def format_hhmm(moment: datetime | time | None) -> str:
    """``HH:MM`` text of a time or datetime, or ``""`` for None."""
    return "" if moment is None else f"{moment:%H:%M}"


def shift_times(shift: ShiftType) -> str:
    """A shift's clock times, e.g. ``08:00-17:00`` or ``17:00-01:00 (+1 day)``."""
    text = f"{format_hhmm(shift.start)}-{format_hhmm(shift.end)}"
    return text + " (+1 day)" if shift.crosses_midnight else text


def horizon_label(problem: Problem) -> str:
    """``2026-12`` for a calendar month, else ``2026-12-01..2027-01-15``."""
    start, end = problem.start, problem.end
    assert end is not None
    next_day = end + timedelta(days=1)
    if start.day == 1 and next_day.day == 1 and (start.year, start.month) == (end.year, end.month):
        return f"{start:%Y-%m}"
    return f"{start.isoformat()}..{end.isoformat()}"


def team_roles(problem: Problem) -> tuple[str, ...]:
    """The roles the team has, in the canonical order of `rostering.roles.ROLES`."""
    present = {a.role for a in problem.agents}
    return tuple(r for r in ROLES if r in present)


# -- hourly coverage -----------------------------------------------------------------------
def hourly_online(
    problem: Problem, roster: Roster, view: View | None = None
) -> dict[str | None, dict[date, list[int]]]:
    """Agents online in each clock hour of each day, in total and per role.

    Parameters
    ----------
    problem, roster
        The team and the roster to count (any roster, hand-made ones too).
    view
        The checker's view of the two, when the caller already has one.

    Returns
    -------
    dict
        ``{None: {day: [24 counts]}, role: {day: [24 counts]}, ...}``: key None is the
        whole team, then one key per role of the team. Hour ``h`` counts the agents online
        in its lowest-covered quarter hour: agents whose nominal shift covers the quarter
        (`View.online_minutes`) and whose break (`View.break_of`) does not fall in it,
        each agent once. Without breaks, that is the agents whose shift covers the hour.
    """
    quarters = quarter_online(problem, roster, view)
    return {
        key: {
            day: [min(counts[4 * h : 4 * h + 4]) for h in range(HOURS)]
            for day, counts in by_day.items()
        }
        for key, by_day in quarters.items()
    }


def quarter_online(
    problem: Problem, roster: Roster, view: View | None = None
) -> dict[str | None, dict[date, list[int]]]:
    """Agents online in each quarter hour of each day (96 a day), in total and per role,
    as the demand and peak rules count them (see `hourly_online`)."""
    view = view or View(problem, roster)
    roles = team_roles(problem)
    days = view.days
    horizon = set(days)
    out: dict[str | None, dict[date, list[int]]] = {
        key: {d: [0] * (4 * HOURS) for d in days} for key in (None, *roles)
    }
    for agent in problem.agents:
        covered: set[datetime] = set()
        for day in days:
            span = view.online_minutes(agent.id, day)
            if span is None:
                continue
            start, end = span
            pause = view.break_of(agent.id, day)
            quarter = start.replace(second=0, microsecond=0)
            quarter -= timedelta(minutes=quarter.minute % 15)
            if quarter < start:
                quarter += _QUARTER
            while quarter + _QUARTER <= end:
                if pause is None or not (pause[0] < quarter + _QUARTER and quarter < pause[1]):
                    covered.add(quarter)
                quarter += _QUARTER
        for quarter in covered:
            if quarter.date() in horizon:
                k = quarter.hour * 4 + quarter.minute // 15
                out[None][quarter.date()][k] += 1
                out[agent.role][quarter.date()][k] += 1
    return out


def _window_demand(problem: Problem, view: View) -> dict[tuple[date, int], dict[str | None, int]]:
    """Headcount asked by the Demand sheet's time windows, per clock hour and role key.

    An hour is asked for when it lies wholly inside a window; where windows of the same
    role key overlap, the larger headcount applies.
    """
    asked: dict[tuple[date, int], dict[str | None, int]] = {}
    horizon = set(view.days)
    for dm in problem.demand:
        if dm.kind != "window" or dm.start is None or dm.end is None:
            continue
        for day in [dm.date] if dm.date is not None else view.days:
            start = view.at(day, minutes_of(dm.start))
            end = view.at(day, minutes_of(dm.end))
            if end <= start:
                end += timedelta(days=1)
            hour = start.replace(minute=0)
            if hour < start:
                hour += _HOUR
            while hour + _HOUR <= end:
                if hour.date() in horizon:
                    slot = asked.setdefault((hour.date(), hour.hour), {})
                    slot[dm.role] = max(slot.get(dm.role, 0), dm.required)
                hour += _HOUR
    return asked


def peak_slots(problem: Problem, roster: Roster, view: View | None = None) -> list[PeakSlot]:
    """Every peak slot of the promotion days with agents online and who could be
    (`PeakCoverage.slots`)."""
    return PeakCoverage().slots(view or View(problem, roster))


def demand_shortfalls(
    problem: Problem, roster: Roster, view: View | None = None
) -> list[Shortfall]:
    """Every demand slot with what the roster gives it (`DemandCoverage.shortfalls`)."""
    return DemandCoverage().shortfalls(view or View(problem, roster))


@dataclass(frozen=True)
class HourRow:
    """One clock hour of one day: agents online against demand and peak windows.

    ``demand`` and ``shortfall`` come from the Demand sheet's time windows that contain
    the whole hour (per role key: the whole team for rows without a role); ``possible``
    is set on peak hours of promotion days: the agents who could be online then.
    """

    day: date
    hour: int
    online: int
    by_role: Mapping[str, int]
    demand: int | None = None
    shortfall: int = 0
    peak: bool = False
    possible: int | None = None


def coverage_rows(problem: Problem, roster: Roster, view: View | None = None) -> list[HourRow]:
    """One `HourRow` per day and clock hour of the horizon, days then hours ascending."""
    view = view or View(problem, roster)
    counts = hourly_online(problem, roster, view)
    roles = team_roles(problem)
    asked = _window_demand(problem, view)
    peaks: dict[tuple[date, int], int] = {}
    for slot in peak_slots(problem, roster, view):
        key = (slot.start.date(), slot.start.hour)
        peaks[key] = max(peaks.get(key, 0), slot.possible)
    rows = []
    for day in view.days:
        for hour in range(HOURS):
            by_role = {role: counts[role][day][hour] for role in roles}
            total = counts[None][day][hour]
            need = asked.get((day, hour))
            short = 0
            if need:
                for role, required in need.items():
                    have = total if role is None else by_role.get(role, 0)
                    short += max(0, required - have)
            rows.append(
                HourRow(
                    day,
                    hour,
                    total,
                    by_role,
                    sum(need.values()) if need else None,
                    short,
                    (day, hour) in peaks,
                    peaks.get((day, hour)),
                )
            )
    return rows


# -- handovers -----------------------------------------------------------------------------
def handovers(
    problem: Problem, roster: Roster, result: Result | None = None, view: View | None = None
) -> list[Handover]:
    """The handover log (交接记录): ``result.handovers`` when ``result`` solved this very
    roster, else `handover_log` computed from the roster."""
    if result is not None and result.roster is not None and result.roster == roster:
        return list(result.handovers)
    return handover_log(view or View(problem, roster))


# -- per-agent stats -----------------------------------------------------------------------
@dataclass(frozen=True)
class AgentStats:
    """What one agent does over the horizon.

    ``nights`` counts night shifts (of a family crossing midnight: N and N2);
    ``holiday_days_worked`` counts statutory holidays worked (`Problem.holiday_dates`);
    ``hours`` uses the actual times
    (`View.interval`: the stated times, else the shift's own with the early handover
    start); ``unassigned_days`` counts days without an entry in a hand-made roster.
    """

    agent: str
    name: str
    role: str
    work_days: int
    rest_days: int
    leave_days: int
    nights: int
    weekend_rest_days: int
    promotion_days_worked: int
    holiday_days_worked: int
    hours: float
    unassigned_days: int = 0


#: The numeric fields of `AgentStats`, in order.
STAT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(AgentStats) if f.name not in ("agent", "name", "role")
)


def agent_stats(problem: Problem, roster: Roster, view: View | None = None) -> list[AgentStats]:
    """Per-agent stats, agents in problem order."""
    view = view or View(problem, roster)
    promo = set(problem.rules.promotion_days)
    holidays = problem.holiday_dates()
    night = night_codes(problem)
    out = []
    for agent in problem.agents:
        work = rest = leave = nights = weekend_rest = promo_work = holiday_work = missing = 0
        minutes = 0.0
        for day in view.days:
            code = view.code(agent.id, day)
            if code is None:
                missing += 1
            elif code == REST:
                rest += 1
                weekend_rest += day.weekday() >= 5
            elif code == LEAVE:
                leave += 1
            else:
                work += 1
                promo_work += day in promo
                holiday_work += day in holidays
                nights += code in night
                span = view.interval(agent.id, day)
                if span is not None:
                    minutes += (span[1] - span[0]).total_seconds() / 60
        out.append(
            AgentStats(
                agent.id,
                agent.name,
                agent.role,
                work,
                rest,
                leave,
                nights,
                weekend_rest,
                promo_work,
                holiday_work,
                round(minutes / 60, 2),
                missing,
            )
        )
    return out


def team_stats(stats: Sequence[AgentStats]) -> dict[str, dict[str, float]]:
    """``{"total" | "min" | "max" | "mean": {field: value}}`` over the agents' stats."""
    out: dict[str, dict[str, float]] = {"total": {}, "min": {}, "max": {}, "mean": {}}
    for name in STAT_FIELDS:
        values = [float(getattr(s, name)) for s in stats]
        out["total"][name] = round(sum(values), 2)
        out["min"][name] = min(values, default=0.0)
        out["max"][name] = max(values, default=0.0)
        out["mean"][name] = round(sum(values) / len(values), 2) if values else 0.0
    return out


# -- checks --------------------------------------------------------------------------------
@dataclass(frozen=True)
class RuleCheck:
    """One hard rule of the registry and the roster's violations of it."""

    number: int | None
    name: str
    title: str
    violations: tuple[Violation, ...]

    @property
    def passed(self) -> bool:
        return not self.violations


def rule_checks(problem: Problem, roster: Roster) -> list[RuleCheck]:
    """Every hard rule of `HARD_RULES`, in registry order, checked now by `check_by_rule`."""
    found = check_by_rule(problem, roster)
    return [
        RuleCheck(rule.number, rule.name, rule.title, tuple(found.get(rule.name, ())))
        for rule in HARD_RULES
    ]


# -- solve and problem summaries -----------------------------------------------------------
@dataclass(frozen=True)
class SolveSummary:
    """What a solve reports, or ``status="not solved here"`` without a `Result`."""

    status: str
    objective: float | None = None
    bound: float | None = None
    gap_percent: float | None = None
    runtime: float | None = None
    build_time: float | None = None
    terms: tuple[TermValue, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def rows(self) -> list[tuple[str, object]]:
        """Label/value rows for people, terms and settings included."""
        rows: list[tuple[str, object]] = [
            ("status", self.status),
            ("objective (points)", self.objective),
            ("best bound (points)", self.bound),
            ("gap (%)", self.gap_percent),
            ("time in all (s)", self.runtime),
            ("of which model build (s)", self.build_time),
        ]
        rows += [(f"setting: {key}", value) for key, value in self.settings.items()]
        rows += [("note", note) for note in self.notes]
        return rows


NOT_SOLVED = "not solved here"


def solve_summary(result: Result | None) -> SolveSummary:
    """Summarise a `Result`; None gives a summary saying the roster was not solved here."""
    if result is None:
        return SolveSummary(NOT_SOLVED)
    gap = result.gap
    return SolveSummary(
        result.status.value,
        result.objective,
        result.bound,
        None if gap is None else round(gap * 100, 4),
        round(result.runtime, 3),
        round(result.build_time, 3),
        result.terms,
        dict(result.settings),
        result.notes,
    )


def _plain(value: object) -> object:
    """A value as a number, bool or text a report can show."""
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return ", ".join(f"{k}={_plain(v)}" for k, v in value.items())
    if isinstance(value, tuple | list | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return ", ".join(str(_plain(v)) for v in items)
    return str(value)


def rule_parameters(problem: Problem) -> list[tuple[str, object, str]]:
    """``(parameter, value, rules using it)`` for every field of ``problem.rules``."""
    users: dict[str, list[str]] = {}
    for rule in RULES:
        for name in (*(p.name for p in rule.params), *rule.uses):
            label = f"{rule.number} {rule.name}" if rule.number else rule.name
            users.setdefault(name, []).append(label)
    return [(name, _plain(value), ", ".join(users.get(name, []))) for name, value in problem.rules]


def problem_summary(problem: Problem) -> list[tuple[str, object]]:
    """Label/value rows describing the problem: horizon, team, shifts, promotion days."""
    rows: list[tuple[str, object]] = [
        ("horizon", horizon_label(problem)),
        ("start", problem.start.isoformat()),
        ("end", problem.end.isoformat() if problem.end else None),
        ("days", problem.num_days),
        ("agents", len(problem.agents)),
    ]
    for role in team_roles(problem):
        rows.append((f"agents: {role}", sum(1 for a in problem.agents if a.role == role)))
    for shift in problem.shifts:
        dates = f" on {_plain(shift.dates)}" if shift.dates is not None else ""
        rows.append((f"shift {shift.code}", f"{shift.name} {shift_times(shift)}{dates}"))
    rows += [
        ("promotion days", _plain(problem.rules.promotion_days) or "none"),
        ("leave entries", len(problem.leave)),
        ("request entries", len(problem.requests)),
        ("demand rows", len(problem.demand)),
    ]
    for day in problem.rules.promotion_days:
        windows = ", ".join(
            f"{format_hhmm(w.start)}-{format_hhmm(w.end)}" for w in problem.peak_windows(day)
        )
        rows.append((f"peak windows {day.isoformat()}", windows))
    rows += [(f"weight: {name}", value) for name, value in problem.weights]
    return rows
