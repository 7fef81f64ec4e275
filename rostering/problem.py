"""The rostering problem: shift types, agents, rules, leave, requests, demand and peaks.

Every type here is an immutable dataclass validated on construction. Messages name the
object at fault, for example ``agent 'A07': unknown shift 'X'``. Users think in agent ids,
dates and shift codes; the model maps them to indices later (`rostering.index`).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Literal, get_args

from .roles import DEFAULT_ROLE_RATIOS, PRESALES, ROLES, normalize_role

if TYPE_CHECKING:
    from .roster import Roster

REST = "OFF"
"""Roster value for a rest day (休)."""
LEAVE = "LEAVE"
"""Roster value for approved leave or unavailability (假)."""
RESERVED_CODES = frozenset({REST, LEAVE, "休", "假", ""})


class ProblemError(ValueError):
    """An invalid problem definition; the message names the object at fault."""


def parse_time(value: time | str, what: str) -> time:
    """Accept a `datetime.time` or ``"HH:MM"`` text (``"24:00"`` means midnight)."""
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text in ("24:00", "24:00:00"):
            return time(0, 0)
        for fmt in ("%H:%M", "%H:%M:%S"):
            try:
                return datetime.strptime(text, fmt).time()
            except ValueError:
                pass
    raise ProblemError(f"{what}: invalid time {value!r} (expected HH:MM)")


def parse_date(value: date | str, what: str) -> date:
    """Accept a `datetime.date` or ISO ``"YYYY-MM-DD"`` text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ProblemError(f"{what}: invalid date {value!r} (expected YYYY-MM-DD)")


def minutes_of(t: time) -> int:
    return t.hour * 60 + t.minute


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


@dataclass(frozen=True)
class ShiftType:
    """A shift type (班次): a code, a name and clock times, optionally only on some dates.

    An end at or before the start means the shift ends the next day.
    """

    code: str
    name: str
    start: time
    end: time
    dates: frozenset[date] | None = None

    def __post_init__(self) -> None:
        code = str(self.code).strip()
        if not code:
            raise ProblemError("shift type: empty code")
        if code in RESERVED_CODES or code.upper() in RESERVED_CODES:
            raise ProblemError(f"shift '{code}': code is reserved for rest or leave")
        _set(self, "code", code)
        _set(self, "start", parse_time(self.start, f"shift '{code}' start"))
        _set(self, "end", parse_time(self.end, f"shift '{code}' end"))
        if self.dates is not None:
            _set(
                self,
                "dates",
                frozenset(parse_date(d, f"shift '{code}' dates") for d in self.dates),
            )

    @property
    def crosses_midnight(self) -> bool:
        """True when the shift ends on the next day."""
        return self.end <= self.start

    @property
    def minutes(self) -> int:
        """Length of the shift in minutes."""
        length = minutes_of(self.end) - minutes_of(self.start)
        return length + 1440 if length <= 0 else length

    def exists_on(self, day: date) -> bool:
        """Whether the shift type is offered on ``day``."""
        return self.dates is None or day in self.dates


#: DOMAIN.md's shift types: white, night and regular.
DEFAULT_SHIFTS: tuple[ShiftType, ...] = (
    ShiftType("W", "白班", time(8), time(17)),
    ShiftType("N", "晚班", time(17), time(1)),
    ShiftType("R", "常班", time(9), time(18)),
)


@dataclass(frozen=True)
class Agent:
    """A customer-service agent (客服): id (工号), name, role and allowed shift codes.

    An agent allowed both rotation shifts (W and N by default) rotates between them.
    ``secondary_role`` is a role the agent may be moved to after a promotion.
    """

    id: str
    name: str = ""
    role: str = PRESALES
    shifts: tuple[str, ...] = ("W", "N")
    secondary_role: str | None = None

    def __post_init__(self) -> None:
        ident = str(self.id).strip()
        if not ident:
            raise ProblemError("agent: empty id")
        _set(self, "id", ident)
        _set(self, "name", str(self.name).strip() or ident)
        role = normalize_role(str(self.role))
        if role is None:
            raise ProblemError(f"agent '{ident}': unknown role '{self.role}'")
        _set(self, "role", role)
        if self.secondary_role is not None:
            second = normalize_role(str(self.secondary_role))
            if second is None:
                raise ProblemError(
                    f"agent '{ident}': unknown secondary role '{self.secondary_role}'"
                )
            _set(self, "secondary_role", second)
        codes = (
            tuple(c.strip() for c in self.shifts.split(","))
            if isinstance(self.shifts, str)
            else tuple(str(c).strip() for c in self.shifts)
        )
        codes = tuple(c for c in codes if c)
        if not codes:
            raise ProblemError(f"agent '{ident}': no allowed shifts")
        if len(set(codes)) != len(codes):
            raise ProblemError(f"agent '{ident}': a shift is listed twice in {codes}")
        _set(self, "shifts", codes)


LeaveKind = Literal["leave", "unavailable"]


@dataclass(frozen=True)
class Leave:
    """Approved leave (请假) or unavailability: the agent does not work that date.

    A leave date is not one of the agent's rest days (DOMAIN rule 9).
    """

    agent: str
    date: date
    kind: LeaveKind = "leave"

    def __post_init__(self) -> None:
        _set(self, "agent", str(self.agent).strip())
        _set(self, "date", parse_date(self.date, f"leave of '{self.agent}'"))
        if self.kind not in ("leave", "unavailable"):
            raise ProblemError(
                f"leave of '{self.agent}' on {self.date}: unknown kind '{self.kind}'"
            )


@dataclass(frozen=True)
class Request:
    """A soft request: rest (``shift=None``) or work ``shift`` on ``date``.

    With ``avoid=True`` the request is *not* to rest / not to work that shift.
    Each request not granted costs ``weight`` (times the ``requests`` weight).
    """

    agent: str
    date: date
    shift: str | None = None
    weight: int = 1
    avoid: bool = False

    def __post_init__(self) -> None:
        _set(self, "agent", str(self.agent).strip())
        _set(self, "date", parse_date(self.date, f"request of '{self.agent}'"))
        if self.shift is not None:
            _set(self, "shift", str(self.shift).strip())
        if not isinstance(self.weight, int) or self.weight < 0:
            raise ProblemError(
                f"request of '{self.agent}' on {self.date}: weight must be a whole number >= 0"
            )


@dataclass(frozen=True)
class Demand:
    """Required headcount (需求人数) for a date (None: every day), role (None: any role) and
    a shift, a time window (agents online through the whole window), or neither (agents
    working that day)."""

    required: int
    date: date | None = None
    role: str | None = None
    shift: str | None = None
    start: time | None = None
    end: time | None = None

    def __post_init__(self) -> None:
        what = f"demand{' on ' + str(self.date) if self.date else ''}"
        if not isinstance(self.required, int) or self.required < 0:
            raise ProblemError(f"{what}: required must be a whole number >= 0")
        if self.date is not None:
            _set(self, "date", parse_date(self.date, what))
        if self.role is not None:
            role = normalize_role(str(self.role))
            if role is None:
                raise ProblemError(f"{what}: unknown role '{self.role}'")
            _set(self, "role", role)
        if (self.start is None) != (self.end is None):
            raise ProblemError(f"{what}: give both start and end, or neither")
        if self.start is not None and self.end is not None:
            if self.shift is not None:
                raise ProblemError(f"{what}: give a shift or a time window, not both")
            _set(self, "start", parse_time(self.start, f"{what} start"))
            _set(self, "end", parse_time(self.end, f"{what} end"))

    @property
    def kind(self) -> Literal["shift", "window", "day"]:
        if self.shift is not None:
            return "shift"
        return "window" if self.start is not None else "day"


LimitKind = Literal[
    "max_shifts",
    "min_minutes",
    "max_minutes",
    "min_consecutive_work",
    "max_consecutive_work",
    "min_consecutive_off",
    "max_weekends",
]
LIMIT_KINDS: tuple[str, ...] = get_args(LimitKind)


@dataclass(frozen=True)
class Limit:
    """A hard per-agent limit over the whole horizon (not per calendar month).

    ``agent`` None means every agent. Kinds:

    - ``max_shifts``: at most ``value`` shifts (of type ``shift``, or of any type);
    - ``min_minutes`` / ``max_minutes``: total minutes worked;
    - ``min_consecutive_work`` / ``max_consecutive_work``: working days in a row; a run
      touching the first or the last day of the horizon is never too short;
    - ``min_consecutive_off``: days off (rest or leave) in a row, same boundary rule;
    - ``max_weekends``: weekends worked (a shift on the Saturday or the Sunday).

    Several limits may apply to one agent: all hold.
    """

    kind: str
    value: int
    agent: str | None = None
    shift: str | None = None

    def __post_init__(self) -> None:
        what = f"limit {self.kind}" + (f" of '{self.agent}'" if self.agent else "")
        if self.kind not in LIMIT_KINDS:
            raise ProblemError(
                f"limit: unknown kind {self.kind!r} (one of {', '.join(LIMIT_KINDS)})"
            )
        if isinstance(self.value, bool) or not isinstance(self.value, int) or self.value < 0:
            raise ProblemError(f"{what}: value must be a whole number >= 0, got {self.value!r}")
        if self.agent is not None:
            ident = str(self.agent).strip()
            _set(self, "agent", ident or None)
        if self.shift is not None:
            code = str(self.shift).strip()
            _set(self, "shift", code or None)
        if self.shift is not None and self.kind != "max_shifts":
            raise ProblemError(f"{what}: only max_shifts takes a shift")

    def covers(self, agent: str) -> bool:
        """Whether the limit applies to ``agent``."""
        return self.agent is None or self.agent == agent


@dataclass(frozen=True)
class Cover:
    """Soft head-count cover of one shift on one date: each agent below ``required``
    costs ``under``, each agent above it costs ``over`` (times the ``cover`` weight)."""

    date: date
    shift: str
    required: int
    under: int = 1
    over: int = 0

    def __post_init__(self) -> None:
        _set(self, "date", parse_date(self.date, "cover"))
        _set(self, "shift", str(self.shift).strip())
        for name in ("required", "under", "over"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ProblemError(
                    f"cover of '{self.shift}' on {self.date}: {name} must be a whole "
                    f"number >= 0, got {value!r}"
                )


@dataclass(frozen=True)
class PeakWindow:
    """A peak window (高峰期) of a promotion day; ``date=None`` applies to every promotion day.

    An end at or before the start means the window ends the next day (20:00-00:00).
    """

    start: time
    end: time
    date: date | None = None

    def __post_init__(self) -> None:
        _set(self, "start", parse_time(self.start, "peak window start"))
        _set(self, "end", parse_time(self.end, "peak window end"))
        if self.date is not None:
            _set(self, "date", parse_date(self.date, "peak window"))


#: Double-12 peak hours from the source article: 0-2, 7-11, 15-17 and 20-24 o'clock.
DEFAULT_PEAK_WINDOWS: tuple[PeakWindow, ...] = (
    PeakWindow(time(0), time(2)),
    PeakWindow(time(7), time(11)),
    PeakWindow(time(15), time(17)),
    PeakWindow(time(20), time(0)),
)


RotationPeriod = int | Literal["month"]


@dataclass(frozen=True)
class Rules:
    """The hard rules' parameters, with DOMAIN.md's defaults.

    Parameters
    ----------
    rest_days_per_month
        Rest days (休) each agent gets in each calendar month (rule 2). For a part of a
        month inside the horizon the count is prorated, rounding half up; it never
        exceeds the days the agent is not on leave.
    rest_days_mode
        ``"exact"`` (exactly that many) or ``"min"`` (at least that many).
    max_extra_rest_days
        In ``min`` mode, rest days a month above ``rest_days_per_month`` at most (31: any
        number). Each one also costs ``Weights.extra_rest``.
    max_consecutive_work_days
        Working days in a row at most (rule 3).
    min_rest_hours
        Hours between the end of one shift and the (actual) start of the next (rule 4).
    rotation_period_days
        Length of the day/night rotation blocks: 7, 14 (or any number of days), or
        ``"month"`` for calendar-month blocks (rule 5).
    rotation_shifts
        The day and the night shift codes that rotate.
    handover_min_minutes, handover_max_minutes
        Early arrival of an incoming shift that takes over from another (rule 6).
    min_agents_per_shift
        Agents on each shift in use on each day it exists (rule 8).
    promotion_days
        Promotion days (大促) inside the horizon (rule 10).
    promotion_all_on_duty
        Nobody rests on a promotion day unless on leave (rule 10).
    role_ratios
        Ratio of each role to pre-sales agents on duty per day and shift (rule 7).
    aftersales_follows_presales
        After-sales covers every hour pre-sales covers, when the team has after-sales.
    secondary_role_days
        On this many days after each promotion day, an agent with a second role may work
        in it (the article's "move some pre-sales to after-sales" for the after-sales
        surge); 0 turns it off.
    forbidden_successions
        Pairs ``(X, Y)`` of shift codes: Y may not be worked the day after X.
    lookahead
        Each agent's month must leave the next month possible under the same rules (the
        runs of work and rest, rest hours and rotation phase at the boundary), so that
        month after month can be rostered with ``previous=`` (`rostering.lookahead`).

    ``max_consecutive_work_days`` 0 and ``rotation_period_days`` 0 turn those rules off.
    """

    rest_days_per_month: int = 4
    rest_days_mode: Literal["exact", "min"] = "exact"
    max_extra_rest_days: int = 2
    max_consecutive_work_days: int = 6
    min_rest_hours: float = 11
    rotation_period_days: RotationPeriod = 7
    rotation_shifts: tuple[str, str] = ("W", "N")
    handover_min_minutes: int = 10
    handover_max_minutes: int = 15
    min_agents_per_shift: int = 1
    promotion_days: tuple[date, ...] = ()
    promotion_all_on_duty: bool = True
    role_ratios: Mapping[str, Fraction] = field(default_factory=lambda: dict(DEFAULT_ROLE_RATIOS))
    aftersales_follows_presales: bool = True
    secondary_role_days: int = 3
    forbidden_successions: tuple[tuple[str, str], ...] = ()
    lookahead: bool = True

    def __post_init__(self) -> None:
        def whole(name: str, low: int, high: int | None = None) -> None:
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or value < low
                or (high is not None and value > high)
            ):
                bounds = f">= {low}" if high is None else f"between {low} and {high}"
                raise ProblemError(f"rule {name}: must be a whole number {bounds}, got {value!r}")

        whole("rest_days_per_month", 0, 31)
        if self.rest_days_mode not in ("exact", "min"):
            raise ProblemError(
                f"rule rest_days_mode: must be 'exact' or 'min', got {self.rest_days_mode!r}"
            )
        whole("max_extra_rest_days", 0, 31)
        whole("max_consecutive_work_days", 0)
        if not isinstance(self.min_rest_hours, int | float) or not 0 <= self.min_rest_hours <= 48:
            raise ProblemError(
                f"rule min_rest_hours: must be between 0 and 48, got {self.min_rest_hours!r}"
            )
        period = self.rotation_period_days
        if period != "month" and (
            isinstance(period, bool) or not isinstance(period, int) or period < 0
        ):
            raise ProblemError(
                f"rule rotation_period_days: must be 7, 14 (a whole number of days), "
                f"'month' or 0 (off), got {period!r}"
            )
        if len(self.rotation_shifts) != 2 or self.rotation_shifts[0] == self.rotation_shifts[1]:
            raise ProblemError("rule rotation_shifts: give two different shift codes")
        whole("handover_min_minutes", 0)
        whole("handover_max_minutes", 0)
        if self.handover_min_minutes > self.handover_max_minutes:
            raise ProblemError(
                "rules handover_min_minutes and handover_max_minutes: the minimum "
                f"({self.handover_min_minutes}) is above the maximum "
                f"({self.handover_max_minutes})"
            )
        whole("min_agents_per_shift", 0)
        whole("secondary_role_days", 0, 366)
        if not isinstance(self.lookahead, bool):
            raise ProblemError(f"rule lookahead: must be true or false, got {self.lookahead!r}")
        pairs = []
        for pair in self.forbidden_successions:
            if isinstance(pair, str):
                pair = tuple(pair.replace(">", "-").split("-"))
            if len(pair) != 2 or not all(str(c).strip() for c in pair):
                raise ProblemError(
                    f"rule forbidden_successions: {pair!r} is not a pair of shift codes"
                )
            pairs.append((str(pair[0]).strip(), str(pair[1]).strip()))
        _set(self, "forbidden_successions", tuple(dict.fromkeys(pairs)))
        _set(
            self,
            "promotion_days",
            tuple(sorted({parse_date(d, "rule promotion_days") for d in self.promotion_days})),
        )
        ratios: dict[str, Fraction] = {}
        for role, ratio in dict(self.role_ratios).items():
            canon = normalize_role(str(role))
            if canon is None or canon == PRESALES:
                raise ProblemError(f"rule role_ratios: unknown or invalid role '{role}'")
            value = Fraction(ratio)
            if value < 0:
                raise ProblemError(f"rule role_ratios: ratio of '{role}' is negative")
            ratios[canon] = value
        _set(self, "role_ratios", ratios)

    @property
    def min_rest_minutes(self) -> int:
        return round(self.min_rest_hours * 60)

    def with_(self, **changes: object) -> Rules:
        """A copy with some parameters changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Weights:
    """Weights of the soft objective terms, in points per unit. Lower total is better.

    The defaults put the terms in DOMAIN.md's order of importance: an agent-hour of unmet
    demand outweighs a peak-hour agent, which outweighs a request, which outweighs a day of
    fairness spread.

    Parameters
    ----------
    unmet_demand
        Per agent-hour below what the demand asks.
    peak_min
        Per agent the lowest-covered peak hour is below its best possible level.
    peak_total
        Per agent-hour the peak windows are below their possible coverage.
    requests
        Per unit of request weight not granted.
    fairness
        Per day of spread (most minus fewest) in nights, weekend rest days and
        promotion days worked.
    cover
        Per point of `Cover` penalty (agents under or over a cover row, times its weights).
    extra_rest
        Per rest day above the month's count, in ``rest_days_mode`` ``min``: more rest
        only where the rules need it, not for free (an idle agent rests at this cost).
    """

    unmet_demand: int = 100
    peak_min: int = 50
    peak_total: int = 5
    requests: int = 2
    fairness: int = 1
    cover: int = 1
    extra_rest: int = 5

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ProblemError(f"weight {f.name}: must be a whole number >= 0, got {value!r}")


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last date of a calendar month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Problem:
    """A rostering problem over the dates ``start`` .. ``end`` (inclusive).

    ``end`` defaults to the last day of ``start``'s month, so ``Problem(date(2026, 12, 1),
    agents)`` is the December roster.

    ``previous`` is an optional earlier roster (last month's): its days count for days in
    a row and rest between shifts at the boundary, and each agent's rotation continues
    where it stopped. Its rest days do not count for this month's rest days.
    """

    start: date
    agents: tuple[Agent, ...]
    end: date | None = None
    shifts: tuple[ShiftType, ...] = DEFAULT_SHIFTS
    rules: Rules = field(default_factory=Rules)
    leave: tuple[Leave, ...] = ()
    requests: tuple[Request, ...] = ()
    demand: tuple[Demand, ...] = ()
    peaks: tuple[PeakWindow, ...] = ()
    weights: Weights = field(default_factory=Weights)
    previous: Roster | None = None
    limits: tuple[Limit, ...] = ()
    cover: tuple[Cover, ...] = ()

    def __post_init__(self) -> None:
        start = parse_date(self.start, "problem start")
        end = (
            month_bounds(start.year, start.month)[1]
            if self.end is None
            else parse_date(self.end, "problem end")
        )
        if end < start:
            raise ProblemError(f"problem: end {end} is before start {start}")
        if (end - start).days >= 366:
            raise ProblemError("problem: the horizon is longer than a year")
        _set(self, "start", start)
        _set(self, "end", end)
        for name in ("agents", "shifts", "leave", "requests", "demand", "peaks", "limits", "cover"):
            _set(self, name, tuple(getattr(self, name)))
        self._validate()

    # -- derived facts --------------------------------------------------------------------
    @property
    def days(self) -> list[date]:
        """Every date of the horizon, in order."""
        return [self.start + timedelta(days=i) for i in range(self.num_days)]

    @property
    def num_days(self) -> int:
        return (self.end - self.start).days + 1  # type: ignore[operator]

    def shift(self, code: str) -> ShiftType:
        for s in self.shifts:
            if s.code == code:
                return s
        raise KeyError(code)

    def agent(self, ident: str) -> Agent:
        for a in self.agents:
            if a.id == ident:
                return a
        raise KeyError(ident)

    def shifts_in_use(self) -> tuple[ShiftType, ...]:
        """Shift types at least one agent is allowed to work."""
        used = {c for a in self.agents for c in a.shifts}
        return tuple(s for s in self.shifts if s.code in used)

    def rotates(self, agent: Agent) -> bool:
        """Whether the agent rotates between the day and night shift (rule 5; never when
        ``rotation_period_days`` is 0)."""
        if self.rules.rotation_period_days == 0:
            return False
        day, night = self.rules.rotation_shifts
        return day in agent.shifts and night in agent.shifts

    def second_role_days(self) -> set[date]:
        """Dates on which agents may work their second role: the ``secondary_role_days``
        days after each promotion day."""
        k = self.rules.secondary_role_days
        return {
            p + timedelta(days=i)
            for p in self.rules.promotion_days
            for i in range(1, k + 1)
            if p + timedelta(days=i) <= self.end  # type: ignore[operator]
        }

    def history(self, agent_id: str) -> dict[date, str]:
        """What the agent did on each date of the previous roster."""
        if self.previous is None:
            return {}
        out: dict[date, str] = {}
        for item in self.previous:
            if item.agent == agent_id:
                out.setdefault(item.date, item.shift)
        return out

    def limits_of(self, agent_id: str) -> tuple[Limit, ...]:
        """The limits that apply to an agent."""
        return tuple(lim for lim in self.limits if lim.covers(agent_id))

    def leave_of(self, agent_id: str) -> dict[date, str]:
        return {lv.date: lv.kind for lv in self.leave if lv.agent == agent_id}

    def peak_windows(self, day: date) -> tuple[PeakWindow, ...]:
        """Peak windows of a promotion day: its own Peaks rows, else blank-dated rows, else
        the defaults."""
        own = tuple(p for p in self.peaks if p.date == day)
        if own:
            return own
        generic = tuple(p for p in self.peaks if p.date is None)
        return generic or DEFAULT_PEAK_WINDOWS

    def replace(self, **changes: object) -> Problem:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    # -- other forms (rostering.frames, rostering.jsonio) ---------------------------------
    @classmethod
    def from_frames(cls, staff: object, **tables: object) -> Problem:
        """A problem from DataFrames, one per input sheet of the workbook
        (`rostering.frames.problem_from_frames`: the same columns, values and errors)."""
        from .frames import problem_from_frames

        return problem_from_frames(staff, **tables)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The problem as a JSON document (`rostering.jsonio.problem_to_json`)."""
        from .jsonio import problem_to_json

        return problem_to_json(self, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Problem:
        """Read a problem from a JSON document (`rostering.jsonio.problem_from_json`)."""
        from .jsonio import problem_from_json

        return problem_from_json(text)

    # -- validation -----------------------------------------------------------------------
    def _validate(self) -> None:
        assert self.end is not None
        start, end = self.start, self.end
        if not self.agents:
            raise ProblemError("problem: no agents")
        if not self.shifts:
            raise ProblemError("problem: no shift types")
        codes = [s.code for s in self.shifts]
        for code in codes:
            if codes.count(code) > 1:
                raise ProblemError(f"shift '{code}': defined twice")
        known = set(codes)
        ids: set[str] = set()
        for a in self.agents:
            if a.id in ids:
                raise ProblemError(f"agent '{a.id}': duplicate id")
            ids.add(a.id)
            for code in a.shifts:
                if code not in known:
                    raise ProblemError(f"agent '{a.id}': unknown shift '{code}'")
        roles = {a.role for a in self.agents}
        for role in roles:
            if role not in ROLES:
                raise ProblemError(f"role '{role}': unknown")

        def inside(d: date) -> bool:
            return start <= d <= end

        seen_leave: set[tuple[str, date]] = set()
        for lv in self.leave:
            if lv.agent not in ids:
                raise ProblemError(f"leave on {lv.date}: unknown agent '{lv.agent}'")
            if not inside(lv.date):
                raise ProblemError(f"leave of '{lv.agent}': {lv.date} is outside {start}..{end}")
            if (lv.agent, lv.date) in seen_leave:
                raise ProblemError(f"leave of '{lv.agent}': {lv.date} is listed twice")
            seen_leave.add((lv.agent, lv.date))
        for rq in self.requests:
            if rq.agent not in ids:
                raise ProblemError(f"request on {rq.date}: unknown agent '{rq.agent}'")
            if not inside(rq.date):
                raise ProblemError(f"request of '{rq.agent}': {rq.date} is outside {start}..{end}")
            if rq.shift is not None and rq.shift not in known:
                raise ProblemError(f"request of '{rq.agent}': unknown shift '{rq.shift}'")
        for dm in self.demand:
            if dm.date is not None and not inside(dm.date):
                raise ProblemError(f"demand on {dm.date}: outside {start}..{end}")
            if dm.shift is not None and dm.shift not in known:
                raise ProblemError(f"demand: unknown shift '{dm.shift}'")
        for lim in self.limits:
            if lim.agent is not None and lim.agent not in ids:
                raise ProblemError(f"limit {lim.kind}: unknown agent '{lim.agent}'")
            if lim.shift is not None and lim.shift not in known:
                raise ProblemError(f"limit {lim.kind}: unknown shift '{lim.shift}'")
        for first, then in self.rules.forbidden_successions:
            for code in (first, then):
                if code not in known:
                    raise ProblemError(f"rule forbidden_successions: unknown shift '{code}'")
        for cv in self.cover:
            if not inside(cv.date):
                raise ProblemError(f"cover on {cv.date}: outside {start}..{end}")
            if cv.shift not in known:
                raise ProblemError(f"cover on {cv.date}: unknown shift '{cv.shift}'")
        for day in self.rules.promotion_days:
            if not inside(day):
                raise ProblemError(f"rule promotion_days: {day} is outside {start}..{end}")
        for pk in self.peaks:
            if pk.date is not None and pk.date not in self.rules.promotion_days:
                raise ProblemError(f"peak window on {pk.date}: not a promotion day")
        if self.previous is not None:
            for item in self.previous:
                if item.date >= start:
                    raise ProblemError(
                        f"previous roster: {item.agent} on {item.date} is not before {start}"
                    )
