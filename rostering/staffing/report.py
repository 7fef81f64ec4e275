"""The staffing report: how many agents, in which hours, and whether the team can supply them.

`staffing_report` takes a `Problem` (its team, shifts, leave and rules) and the staffing
inputs (`StaffingData`: the Double-12 formula's inputs, the queueing targets and the hourly
inquiry forecast) and returns a `StaffingReport` with

(a) the formula's headcount per role with every intermediate figure
    (`rostering.staffing.headcount_plan`);
(b) the queueing requirement per forecast hour (per date if dated, per role): agents needed,
    with the service level, average speed of answer and occupancy they achieve
    (`rostering.staffing.agents_needed`);
(c) the team against both: agents per role in the team against the formula
    (`RoleComparison`), and per hour the agents of the role who *could* be online against
    the hour's requirement (`Capacity`).

Who could be online in an hour
------------------------------
An agent could be online in the hour ``h:00``-``h+1:00`` of a day when they are allowed a
shift whose nominal times cover the whole hour: a shift of that day, or one of the day
before that runs past midnight (the night shift ``N`` of 12-11 covers 00:00-01:00 on 12-12).
For a dated hour the shift must exist on its day inside the month (so nothing covers
00:00-01:00 of the first day) and agents on leave that day are left out; a forecast row
without a date is judged on an ordinary day (shifts offered every day, nobody on leave).

`Capacity.could` counts those agents: an **upper bound**, reached only if every one of them
works a covering shift that day. `Capacity.likely` is a rough estimate of what a roster
gives: an agent who rotates between the day and night shift and covers the hour only with
one of them counts one half (about half the rotating agents are on each of W and N on a
given day), and on a day that is not an all-on-duty promotion day every agent counts
``1 - rest days / days of the month`` (their rest days). Neither figure is a roster; run
``roster solve`` for that.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from ..problem import Demand, Problem, ShiftType, minutes_of
from ..roles import ROLE_NAMES_ZH, ROLES
from ..uncovered import planning_notes
from .formula import (
    DEFAULT_SERVICE_LEVEL,
    DEFAULT_TARGET_SECONDS,
    ROLE_LABELS,
    ForecastRow,
    HeadcountPlan,
    QueueRequirement,
    StaffingInputs,
    forecast_demand,
    headcount_plan,
    hourly_requirements,
)

__all__ = [
    "HOUR_COLUMNS",
    "HOUR_NOTES",
    "Capacity",
    "HourRequirement",
    "QueueTargets",
    "RoleComparison",
    "StaffingData",
    "StaffingReport",
    "hour_capacity",
    "role_label",
    "staffing_report",
    "team_by_role",
]

HourStatus = Literal["ok", "likely_short", "short", "uncovered"]

_STATUS_NOTES: dict[str, str] = {
    "ok": "",
    "likely_short": "likely short",
    "short": "short even with all",
    "uncovered": "no shift covers it",
}


def role_label(role: str | None) -> str:
    """A role for people: ``After-sales [售后]``; ``Any role`` for None."""
    if role is None:
        return "Any role [任意岗位]"
    return f"{ROLE_LABELS.get(role, role)} [{ROLE_NAMES_ZH.get(role, role)}]"


def _short_label(role: str | None) -> str:
    return "any role" if role is None else ROLE_LABELS.get(role, role).lower()


def _table_label(role: str | None) -> str:
    """A role in one word, for the hourly table."""
    return "any" if role is None else ROLE_LABELS.get(role, role).lower()


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


# -- inputs ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class QueueTargets:
    """The first-response targets an hourly forecast is staffed against.

    Parameters
    ----------
    target_seconds
        Answer-time target in seconds, >= 0 (default 6: the golden six seconds 黄金六秒).
    service_level
        Share of inquiries to answer within the target, in [0, 1) (default 0.8).
    shrinkage
        Share of paid time agents cannot answer (breaks, training), in [0, 1) (default 0).
    max_occupancy
        Highest acceptable share of busy chat slots, in (0, 1] (default 1: no limit).
    """

    target_seconds: float = DEFAULT_TARGET_SECONDS
    service_level: float = DEFAULT_SERVICE_LEVEL
    shrinkage: float = 0.0
    max_occupancy: float = 1.0

    def __post_init__(self) -> None:
        checks = (
            ("target_seconds", self.target_seconds, 0.0, math.inf, False, True),
            ("service_level", self.service_level, 0.0, 1.0, False, True),
            ("shrinkage", self.shrinkage, 0.0, 1.0, False, True),
            ("max_occupancy", self.max_occupancy, 0.0, 1.0, True, False),
        )
        for name, value, low, high, low_open, high_open in checks:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{name}: must be a number, got {value!r}")
            too_low = value <= low if low_open else value < low
            too_high = value >= high if high_open else value > high
            if too_low or too_high or math.isnan(value):
                left, right = "(" if low_open else "[", ")" if high_open else "]"
                interval = f"in {left}{low:g}, {high:g}{right}"
                if high == math.inf:
                    interval = f">= {low:g}"
                raise ValueError(f"{name}: must be {interval}, got {value!r}")

    def kwargs(self) -> dict[str, float]:
        """The targets as keyword arguments of `rostering.staffing.agents_needed`."""
        return {
            "target_seconds": self.target_seconds,
            "service_level": self.service_level,
            "shrinkage": self.shrinkage,
            "max_occupancy": self.max_occupancy,
        }

    def describe(self) -> str:
        """The targets in one line, e.g. ``80% of inquiries answered within 6 s, ...``."""
        return (
            f"{self.service_level * 100:g}% of inquiries answered within "
            f"{self.target_seconds:g} s, shrinkage {self.shrinkage * 100:g}%, occupancy at most "
            f"{self.max_occupancy * 100:g}%"
        )


@dataclass(frozen=True)
class StaffingData:
    """What the ``Staffing`` (人员测算) and ``Forecast`` (咨询预测) sheets hold.

    Parameters
    ----------
    inputs
        The Double-12 formula's inputs, or None when not given.
    targets
        The queueing targets the forecast is staffed against.
    forecast
        Inquiries per hour (per date, per role).
    """

    inputs: StaffingInputs | None = None
    targets: QueueTargets = field(default_factory=QueueTargets)
    forecast: tuple[ForecastRow, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "forecast", tuple(self.forecast))

    @property
    def empty(self) -> bool:
        """Neither the formula's inputs nor a forecast: nothing to compute."""
        return self.inputs is None and not self.forecast

    def plan(self) -> HeadcountPlan | None:
        """The formula's headcount, or None without its inputs."""
        return None if self.inputs is None else headcount_plan(self.inputs)

    def requirements(self) -> list[tuple[ForecastRow, QueueRequirement]]:
        """Each forecast row with the agents it needs (`hourly_requirements`)."""
        return hourly_requirements(self.forecast, **self.targets.kwargs())

    def demand(self) -> list[Demand]:
        """The forecast as hourly `Demand` rows (`forecast_demand`), as the reader adds them."""
        return forecast_demand(self.forecast, **self.targets.kwargs())


# -- the team --------------------------------------------------------------------------------
def team_by_role(problem: Problem) -> dict[str, int]:
    """Agents per (primary) role in the team, in `ROLES` order, roles with agents only."""
    counts = {role: 0 for role in ROLES}
    for agent in problem.agents:
        counts[agent.role] = counts.get(agent.role, 0) + 1
    return {role: n for role, n in counts.items() if n}


@dataclass(frozen=True)
class RoleComparison:
    """Agents of one role in the team against the formula's headcount."""

    role: str
    team: int
    needed: int

    @property
    def spare(self) -> int:
        """Team minus formula: negative when the team is short."""
        return self.team - self.needed

    def line(self) -> str:
        """E.g. ``after-sales: team 6, formula needs 8: short by 2``."""
        head = f"{_short_label(self.role)}: team {self.team}, formula needs {self.needed}"
        if self.spare < 0:
            return f"{head}: short by {-self.spare}"
        if self.spare > 0:
            return f"{head}: {self.spare} spare"
        return f"{head}: exactly enough"


@dataclass(frozen=True)
class Capacity:
    """Agents of a role who could be online through one clock hour.

    Attributes
    ----------
    covered
        Some shift in use covers the whole hour.
    could
        Agents of the role allowed such a shift (and not on leave): an upper bound.
    likely
        A rough estimate of how many a roster has online (see the module notes).
    """

    covered: bool
    could: int
    likely: float


def _instances(
    problem: Problem, day: date | None, hour: int, shifts: Sequence[ShiftType]
) -> list[tuple[ShiftType, date | None]]:
    """Shift instances (type, day; None on an ordinary day) covering ``hour`` of ``day``."""
    start = hour * 60
    out: list[tuple[ShiftType, date | None]] = []
    for shift in shifts:
        begin = minutes_of(shift.start)
        for offset in (0, -1):
            first = offset * 1440 + begin
            if not (first <= start and start + 60 <= first + shift.minutes):
                continue
            if day is None:
                if shift.dates is None:
                    out.append((shift, None))
                continue
            on = day + timedelta(days=offset)
            assert problem.end is not None
            if problem.start <= on <= problem.end and shift.exists_on(on):
                out.append((shift, on))
    return out


def hour_capacity(problem: Problem, day: date | None, hour: int, role: str | None) -> Capacity:
    """Agents of ``role`` (None: any role) who could be online through ``hour`` of ``day``.

    Parameters
    ----------
    problem
        The team, its shifts, leave and rules.
    day
        The date, or None for an ordinary day (shifts offered every day, nobody on leave).
    hour
        The clock hour 0-23: ``hour:00`` to ``hour+1:00``.
    role
        The role, or None for agents of any role.

    Returns
    -------
    Capacity
        Whether a shift covers the hour, the upper bound and the rough estimate.
    """
    instances = _instances(problem, day, hour, problem.shifts_in_use())
    rotation = set(problem.rules.rotation_shifts)
    promotion = set(problem.rules.promotion_days) if problem.rules.promotion_all_on_duty else set()
    month_days = problem.num_days
    working = max(0.0, 1.0 - problem.rules.rest_days_per_month / max(month_days, 1))
    could = 0
    likely = 0.0
    for agent in problem.agents:
        if role is not None and agent.role != role:
            continue
        off = problem.leave_of(agent.id) if day is not None else {}
        best: float | None = None
        for shift, on in instances:
            if not problem.allows(agent, shift.code) or (on is not None and on in off):
                continue
            rotating = problem.rotates(agent) and shift.family_code in rotation
            share = 0.5 if rotating else 1.0
            present = 1.0 if on is not None and on in promotion else working
            best = max(best or 0.0, share * present)
        if best is not None:
            could += 1
            likely += best
    return Capacity(bool(instances), could, likely)


# -- one hour ------------------------------------------------------------------------------
HOUR_COLUMNS: tuple[str, ...] = (
    "date",
    "hour",
    "role",
    "inquiries",
    "AHT s",
    "chats",
    "online",
    "roster",
    "SL",
    "ASA s",
    "occupancy",
    "could",
    "likely",
    "note",
)
"""The columns of `HourRequirement.cells` (the report's hourly table)."""

HOUR_NOTES: tuple[str, ...] = (
    "online: agents online for the target (SL, ASA and occupancy are with that many);",
    "roster: online grossed up for shrinkage (the hour's Demand row when solving).",
    "could: agents of the role allowed a shift covering the whole hour, not on leave -",
    "an upper bound. likely: rough - rotating agents count half (about half are on",
    "each of W and N on a day), and on ordinary days less their rest days.",
)
"""What the hourly table's columns mean (printed below it)."""


@dataclass(frozen=True)
class HourRequirement:
    """One forecast hour: its requirement by Erlang C and the agents who could be online.

    Attributes
    ----------
    row
        The forecast row.
    need
        Agents needed: ``need.raw_agents`` online, ``need.agents`` rostered (after
        shrinkage), with the service level, ASA and occupancy of ``raw_agents`` online.
    capacity
        Agents of the row's role who could be online in that hour.
    """

    row: ForecastRow
    need: QueueRequirement
    capacity: Capacity

    @property
    def agents(self) -> int:
        """Agents to roster for the hour (the Demand row the reader adds)."""
        return self.need.agents

    @property
    def status(self) -> HourStatus:
        """``uncovered`` (no shift covers the hour), ``short`` (more than could be online),
        ``likely_short`` (more than the rough estimate) or ``ok``."""
        if self.agents == 0:
            return "ok"
        if not self.capacity.covered:
            return "uncovered"
        if self.agents > self.capacity.could:
            return "short"
        if self.agents > self.capacity.likely + 1e-9:
            return "likely_short"
        return "ok"

    @property
    def hours(self) -> str:
        """``20:00-21:00``."""
        return f"{self.row.hour:02d}:00-{(self.row.hour + 1):02d}:00"

    def cells(self) -> tuple[object, ...]:
        """The row of the hourly table, in `HOUR_COLUMNS` order (numbers as numbers)."""
        row, need = self.row, self.need
        return (
            row.date,
            self.hours,
            _table_label(row.role),
            row.inquiries,
            row.aht_seconds,
            row.concurrency,
            need.raw_agents,
            need.agents,
            need.service_level,
            need.asa_seconds,
            need.occupancy,
            self.capacity.could,
            round(self.capacity.likely, 1),
            _STATUS_NOTES[self.status],
        )


# -- the report ----------------------------------------------------------------------------
@dataclass(frozen=True)
class StaffingReport:
    """Everything `staffing_report` found; `lines` is the text the ``roster staffing``
    command prints.

    Attributes
    ----------
    data
        The inputs the report was computed from.
    plan
        The formula's headcount, or None without its inputs.
    roles
        The team against the formula, per role (empty without a plan).
    hours
        The hourly requirement, in forecast order.
    warnings
        Where the team is short (by the formula, or in an hour), and hours no shift covers.
    """

    data: StaffingData
    plan: HeadcountPlan | None
    roles: tuple[RoleComparison, ...]
    hours: tuple[HourRequirement, ...]
    warnings: tuple[str, ...]

    def formula_lines(self) -> list[str]:
        """(a) The formula step by step, then the team against it per role."""
        if self.plan is None:
            return []
        out = ["Headcount by the Double-12 formula [人员测算]", ""]
        out += [f"  {line}" for line in self.plan.lines()]
        out += ["", "Team (Staff sheet) against the formula", ""]
        out.append(f"  {'role':<26}{'team':>6}{'formula':>9}  difference")
        for cmp in self.roles:
            diff = (
                f"short by {-cmp.spare}"
                if cmp.spare < 0
                else f"+{cmp.spare}"
                if cmp.spare
                else "ok"
            )
            out.append(f"  {role_label(cmp.role):<24}{cmp.team:>6}{cmp.needed:>9}  {diff}")
        team = sum(c.team for c in self.roles)
        out.append(f"  {'Total':<26}{team:>6}{self.plan.total:>9}  {team - self.plan.total:+d}")
        return out

    def hour_lines(self) -> list[str]:
        """(b) and (c) The hourly requirement with who could be online, as a table."""
        if not self.hours:
            return []
        out = [
            "Agents per hour by Erlang C [咨询预测]: " + self.data.targets.describe(),
            "",
            "  date        hour         role              inq   AHT s chats online roster"
            "      SL  ASA s  occup.  could likely  note",
        ]
        for hour in self.hours:
            row, need, cap = hour.row, hour.need, hour.capacity
            day = "every day" if row.date is None else row.date.isoformat()
            out.append(
                f"  {day:<11} {hour.hours:<12} {_table_label(row.role):<15}"
                f"{_num(row.inquiries):>7} {row.aht_seconds:>6g} {row.concurrency:>5}"
                f" {need.raw_agents:>6} {need.agents:>6} {_pct(need.service_level):>7}"
                f" {need.asa_seconds:>6.1f} {_pct(need.occupancy):>7}"
                f" {cap.could:>6} {cap.likely:>6.1f}  {_STATUS_NOTES[hour.status]}".rstrip()
            )
        out += ["", *(f"  {note}" for note in HOUR_NOTES)]
        return out

    def lines(self) -> list[str]:
        """The whole report: (a) formula and team, (b)+(c) hourly table, then warnings."""
        out: list[str] = []
        for part in (self.formula_lines(), self.hour_lines()):
            if part:
                out += [*part, ""]
        if self.warnings:
            out.append(f"Warnings ({len(self.warnings)})")
            out += [f"  - {w}" for w in self.warnings]
        else:
            out.append("No warnings: the team can meet the formula and every forecast hour.")
        return out


def _span(hours: Sequence[HourRequirement]) -> str:
    first, last = hours[0].row.hour, hours[-1].row.hour
    return f"{first:02d}:00-{last + 1:02d}:00"


def _hour_warning(group: Sequence[HourRequirement]) -> str:
    row = group[0].row
    where = f"{'every day' if row.date is None else row.date.isoformat()} {_span(group)}"
    who = _short_label(row.role)
    most = max(h.agents for h in group)
    status = group[0].status
    if status == "uncovered":
        return (
            f"{where} {who}: no shift covers {'this hour' if len(group) == 1 else 'these hours'}"
            f" (up to {most} agent(s) needed); add a shift in the Shifts sheet that covers it"
        )
    if status == "short" and all(h.capacity.could == 0 for h in group):
        return (
            f"{where} {who}: up to {most} agent(s) needed but no {who} agent is allowed a "
            f"shift covering {'this hour' if len(group) == 1 else 'these hours'}"
        )
    if status == "short":
        gap = max(h.agents - h.capacity.could for h in group)
        could = min(h.capacity.could for h in group)
        return (
            f"{where} {who}: needs up to {most} agent(s) online but at most {could} "
            f"{who} agent(s) could be (everyone allowed a covering shift): short by up to {gap}"
        )
    excess = max(h.agents - h.capacity.likely for h in group)
    likely = min(h.capacity.likely for h in group)
    could = min(h.capacity.could for h in group)
    return (
        f"{where} {who}: needs up to {most} agent(s) online; at most {could} could be, but "
        f"with about half the rotating agents on each of W and N expect about "
        f"{likely:.1f}: likely short by up to {math.ceil(excess - 1e-9)}"
    )


def _group(hours: Iterable[HourRequirement]) -> list[list[HourRequirement]]:
    """Consecutive hours of the same date and role with the same (not ok) status."""
    ordered = sorted(
        (h for h in hours if h.status != "ok"),
        key=lambda h: (
            h.row.date or date.min,
            ROLES.index(h.row.role) if h.row.role in ROLES else -1,
            h.row.hour,
        ),
    )
    groups: list[list[HourRequirement]] = []
    for hour in ordered:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and (last.row.date, last.row.role, last.status)
            == (hour.row.date, hour.row.role, hour.status)
            and last.row.hour + 1 == hour.row.hour
        ):
            groups[-1].append(hour)
        else:
            groups.append([hour])
    return groups


def staffing_report(problem: Problem, data: StaffingData) -> StaffingReport:
    """The staffing report of a team: formula, hourly requirement, and the team against both.

    Parameters
    ----------
    problem
        The team (agents and roles), shifts, leave and rules; its demand is not used.
    data
        The formula's inputs, the queueing targets and the hourly forecast.

    Returns
    -------
    StaffingReport
        Dataclasses for Python and `StaffingReport.lines` for people.

    Examples
    --------
    >>> from datetime import date
    >>> from rostering import Agent, Problem
    >>> from rostering.staffing import StaffingInputs
    >>> team = Problem(date(2026, 12, 1), (Agent("A01"), Agent("A02")))
    >>> report = staffing_report(team, StaffingData(StaffingInputs(100_000, 0.5, 100, 0.5, 400)))
    >>> report.plan.headcount["presales"], report.roles[0].line()
    (3, 'pre-sales: team 2, formula needs 3: short by 1')
    """
    plan = data.plan()
    warnings: list[str] = []
    roles: list[RoleComparison] = []
    if plan is not None:
        team = team_by_role(problem)
        for role in ROLES:
            if role in plan.headcount or role in team:
                cmp = RoleComparison(role, team.get(role, 0), plan.headcount.get(role, 0))
                roles.append(cmp)
                if cmp.spare < 0:
                    warnings.append(cmp.line())
    cache: dict[tuple[date | None, int, str | None], Capacity] = {}
    hours: list[HourRequirement] = []
    for row, need in data.requirements():
        key = (row.date, row.hour, row.role)
        if key not in cache:
            cache[key] = hour_capacity(problem, row.date, row.hour, row.role)
        hours.append(HourRequirement(row, need, cache[key]))
    warnings += [_hour_warning(group) for group in _group(hours)]
    warnings += planning_notes(problem)
    return StaffingReport(data, plan, tuple(roles), tuple(hours), tuple(warnings))
