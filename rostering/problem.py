"""The rostering problem: shift types, agents, rules, leave, requests, demand and peaks.

Every type here is an immutable dataclass validated on construction. Messages name the
object at fault, for example ``agent 'A07': unknown shift 'X'``. Users think in agent ids,
dates and shift codes; the model maps them to indices later (`rostering.index`).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from typing import Literal, get_args

from .conversions import convert
from .holiday_calendar import HOLIDAY_KINDS, Holiday, calendar_days
from .params import MAX_WHOLE, RuleParams, Rules, Weights
from .roles import PRESALES, ROLES, normalize_role
from .roster import LEAVE, REST, Roster
from .values import ProblemError, minutes_of, parse_date, parse_time

__all__ = [
    "DEFAULT_PEAK_WINDOWS",
    "DEFAULT_SHIFTS",
    "HOLIDAY_KINDS",
    "LEAVE",
    "LIMIT_KINDS",
    "PRESALES",
    "REST",
    "Agent",
    "Cover",
    "Demand",
    "Holiday",
    "Leave",
    "Limit",
    "PeakWindow",
    "Problem",
    "ProblemError",
    "Request",
    "RuleParams",
    "Rules",
    "ShiftType",
    "Weights",
    "check_rules",
    "minutes_of",
    "month_bounds",
    "outside",
    "parse_date",
    "parse_time",
]

RESERVED_CODES = frozenset({REST, LEAVE, "休", "假", ""})


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


def _whole(value: object, message: str, field: str) -> None:
    """Raise unless ``value`` is a whole number from 0 to `MAX_WHOLE`."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_WHOLE:
        raise ProblemError(
            message, field=field, allowed=f"a whole number between 0 and {MAX_WHOLE}", value=value
        )


@dataclass(frozen=True)
class ShiftType:
    """A shift type (班次): a code, a name and clock times, optionally only on some dates.

    An end at or before the start means the shift ends the next day.

    ``family`` (班次组) is the code of another shift this one is a variant of (N2 17:00-02:00
    in family N): the shift then counts as its family for the agents' allowed shifts, the
    day/night rotation and the per-agent rules, while its own times count for rest hours,
    handover, coverage, demand windows and peaks. None: the shift is its own family.

    ``break_minutes`` (休息分钟) is a break inside the shift, wholly inside
    ``break_window`` (休息时段, clock times; None: the shift but its first and last hour).
    Breaks start on the quarter hour. 0: no break.
    """

    code: str
    name: str
    start: time
    end: time
    dates: frozenset[date] | None = None
    family: str | None = None
    break_minutes: int = 0
    break_window: tuple[time, time] | None = None

    def __post_init__(self) -> None:
        code = str(self.code).strip()
        if not code:
            raise ProblemError("shift type: empty code", field="code", value=self.code)
        if code in RESERVED_CODES or code.upper() in RESERVED_CODES:
            raise ProblemError(
                f"shift '{code}': code is reserved for rest or leave", field="code", value=code
            )
        _set(self, "code", code)
        _set(self, "start", parse_time(self.start, f"shift '{code}' start", "start"))
        _set(self, "end", parse_time(self.end, f"shift '{code}' end", "end"))
        if self.dates is not None:
            _set(
                self,
                "dates",
                frozenset(parse_date(d, f"shift '{code}' dates", "dates") for d in self.dates),
            )
        family = None if self.family is None else str(self.family).strip()
        _set(self, "family", None if not family or family == code else family)
        _whole(
            self.break_minutes,
            f"shift '{code}': break_minutes must be a whole number >= 0",
            "break_minutes",
        )
        if self.break_window is not None:
            window = self.break_window
            if isinstance(window, str):
                window = parse_window(window, f"shift '{code}' break_window", "break_window")
            if not isinstance(window, tuple | list) or len(window) != 2:
                raise ProblemError(
                    f"shift '{code}': break_window must be a start and an end",
                    field="break_window",
                    allowed="HH:MM-HH:MM",
                    value=self.break_window,
                )
            what = f"shift '{code}' break_window"
            _set(
                self,
                "break_window",
                (
                    parse_time(window[0], what, "break_window"),
                    parse_time(window[1], what, "break_window"),
                ),
            )
            if not self.break_minutes:
                raise ProblemError(
                    f"shift '{code}': a break_window needs break_minutes",
                    fields=("break_minutes", "break_window"),
                )
        if self.break_minutes:
            self._check_break()

    def variant(
        self, code: str, name: str, start: time, end: time, dates: Iterable[date]
    ) -> ShiftType:
        """A shift in this shift's family (班次组) at other times on ``dates``, with its
        break."""
        return ShiftType(
            code,
            name,
            start,
            end,
            frozenset(dates),
            family=self.family or self.code,
            break_minutes=self.break_minutes,
            break_window=self.break_window,
        )

    def _check_break(self) -> None:
        code, minutes = self.code, self.break_minutes
        if minutes >= self.minutes:
            raise ProblemError(
                f"shift '{code}': a break of {minutes} min does not fit in the shift "
                f"({self.minutes} min)",
                field="break_minutes",
                allowed=f"fewer than {self.minutes} minutes",
                value=minutes,
            )
        lo, hi = self.break_range()
        if lo < 0 or hi > self.minutes or hi <= lo:
            raise ProblemError(
                f"shift '{code}': break_window {window_text(self.break_window)} is not inside "
                f"the shift {self.start:%H:%M}-{self.end:%H:%M}",
                field="break_window",
                value=window_text(self.break_window),
            )
        if not self.break_offsets():
            where = (
                f"in break_window {window_text(self.break_window)}"
                if self.break_window
                else "in the shift but its first and last hour (give a break_window)"
            )
            raise ProblemError(
                f"shift '{code}': no break of {minutes} min starting on the quarter hour fits "
                + where,
                fields=("break_minutes", "break_window"),
                value=minutes,
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

    @property
    def family_code(self) -> str:
        """The code of the shift's family: ``family``, else its own code."""
        return self.family or self.code

    def exists_on(self, day: date) -> bool:
        """Whether the shift type is offered on ``day``."""
        return self.dates is None or day in self.dates

    def break_range(self) -> tuple[int, int]:
        """Where the break may lie, in minutes from the shift's start: ``break_window``
        placed inside the shift, else the shift without its first and last hour."""
        if self.break_window is None:
            return 60, self.minutes - 60
        begin, finish = (minutes_of(t) for t in self.break_window)
        lo = (begin - minutes_of(self.start)) % 1440
        length = (finish - begin) % 1440 or 1440
        return lo, lo + length

    def break_offsets(self) -> tuple[int, ...]:
        """Where a break may start, in minutes from 00:00 of the shift's day: every
        quarter hour that leaves the whole break inside `break_range`. Empty without a
        break."""
        if not self.break_minutes:
            return ()
        lo, hi = self.break_range()
        first = minutes_of(self.start) + lo
        last = minutes_of(self.start) + hi - self.break_minutes
        return tuple(t for t in range(first + (-first) % 15, last + 1, 15))


def window_text(window: tuple[time, time] | None) -> str:
    """``HH:MM-HH:MM`` of a window, or ``""``."""
    if window is None:
        return ""
    end = "24:00" if window[1] == time(0) else f"{window[1]:%H:%M}"
    return f"{window[0]:%H:%M}-{end}"


def parse_window(text: str, what: str, field: str | None = None) -> tuple[time, time]:
    """``HH:MM-HH:MM`` text as a pair of clock times."""
    parts = [p for p in str(text).replace("–", "-").replace("~", "-").split("-")]
    if len(parts) != 2:
        raise ProblemError(
            f"{what}: invalid window {text!r} (expected HH:MM-HH:MM)",
            field=field,
            allowed="HH:MM-HH:MM",
            value=text,
        )
    return parse_time(parts[0], what, field), parse_time(parts[1], what, field)


#: The shift types of docs/domain.md: white, night and regular.
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
            raise ProblemError("agent: empty id", field="id", value=self.id)
        _set(self, "id", ident)
        _set(self, "name", str(self.name).strip() or ident)
        role = normalize_role(str(self.role))
        if role is None:
            raise ProblemError(
                f"agent '{ident}': unknown role '{self.role}'",
                field="role",
                allowed=", ".join(ROLES),
                value=self.role,
            )
        _set(self, "role", role)
        if self.secondary_role is not None:
            second = normalize_role(str(self.secondary_role))
            if second is None:
                raise ProblemError(
                    f"agent '{ident}': unknown secondary role '{self.secondary_role}'",
                    field="secondary_role",
                    allowed=", ".join(ROLES),
                    value=self.secondary_role,
                )
            _set(self, "secondary_role", second)
        codes = (
            tuple(c.strip() for c in self.shifts.split(","))
            if isinstance(self.shifts, str)
            else tuple(str(c).strip() for c in self.shifts)
        )
        codes = tuple(c for c in codes if c)
        if not codes:
            raise ProblemError(f"agent '{ident}': no allowed shifts", field="shifts")
        if len(set(codes)) != len(codes):
            raise ProblemError(
                f"agent '{ident}': a shift is listed twice in {codes}", field="shifts", value=codes
            )
        _set(self, "shifts", codes)


LeaveKind = Literal["leave", "unavailable"]


@dataclass(frozen=True)
class Leave:
    """Approved leave (请假) or unavailability: the agent does not work that date.

    A leave date is not one of the agent's rest days (docs/domain.md, rule 9).
    """

    agent: str
    date: date
    kind: LeaveKind = "leave"

    def __post_init__(self) -> None:
        _set(self, "agent", str(self.agent).strip())
        _set(self, "date", parse_date(self.date, f"leave of '{self.agent}'", "date"))
        if self.kind not in ("leave", "unavailable"):
            raise ProblemError(
                f"leave of '{self.agent}' on {self.date}: unknown kind '{self.kind}'",
                field="kind",
                allowed="leave or unavailable",
                value=self.kind,
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
        _set(self, "date", parse_date(self.date, f"request of '{self.agent}'", "date"))
        if self.shift is not None:
            _set(self, "shift", str(self.shift).strip())
        _whole(
            self.weight,
            f"request of '{self.agent}' on {self.date}: weight must be a whole number >= 0",
            "weight",
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
        _whole(self.required, f"{what}: required must be a whole number >= 0", "required")
        if self.date is not None:
            _set(self, "date", parse_date(self.date, what, "date"))
        if self.role is not None:
            role = normalize_role(str(self.role))
            if role is None:
                raise ProblemError(
                    f"{what}: unknown role '{self.role}'", field="role", value=self.role
                )
            _set(self, "role", role)
        if (self.start is None) != (self.end is None):
            raise ProblemError(
                f"{what}: give both start and end, or neither", fields=("start", "end")
            )
        if self.start is not None and self.end is not None:
            if self.shift is not None:
                raise ProblemError(
                    f"{what}: give a shift or a time window, not both", fields=("shift", "start")
                )
            _set(self, "start", parse_time(self.start, f"{what} start", "start"))
            _set(self, "end", parse_time(self.end, f"{what} end", "end"))

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
                f"limit: unknown kind {self.kind!r} (one of {', '.join(LIMIT_KINDS)})",
                field="kind",
                allowed=", ".join(LIMIT_KINDS),
                value=self.kind,
            )
        _whole(
            self.value, f"{what}: value must be a whole number >= 0, got {self.value!r}", "value"
        )
        if self.agent is not None:
            ident = str(self.agent).strip()
            _set(self, "agent", ident or None)
        if self.shift is not None:
            code = str(self.shift).strip()
            _set(self, "shift", code or None)
        if self.shift is not None and self.kind != "max_shifts":
            raise ProblemError(f"{what}: only max_shifts takes a shift", field="shift")

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
        _set(self, "date", parse_date(self.date, "cover", "date"))
        _set(self, "shift", str(self.shift).strip())
        for name in ("required", "under", "over"):
            value = getattr(self, name)
            _whole(
                value,
                f"cover of '{self.shift}' on {self.date}: {name} must be a whole "
                f"number >= 0, got {value!r}",
                name,
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
        _set(self, "start", parse_time(self.start, "peak window start", "start"))
        _set(self, "end", parse_time(self.end, "peak window end", "end"))
        if self.date is not None:
            _set(self, "date", parse_date(self.date, "peak window", "date"))


#: Double-12 peak hours from the source article: 0-2, 7-11, 15-17 and 20-24 o'clock.
DEFAULT_PEAK_WINDOWS: tuple[PeakWindow, ...] = (
    PeakWindow(time(0), time(2)),
    PeakWindow(time(7), time(11)),
    PeakWindow(time(15), time(17)),
    PeakWindow(time(20), time(0)),
)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last date of a calendar month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def outside(day: date, start: date, end: date) -> str:
    """``is outside <the horizon>``, naming a whole calendar month as such."""
    if (start, end) == month_bounds(start.year, start.month):
        return f"is outside the month {start:%Y-%m}"
    return f"is outside {start}..{end}"


def check_rules(rules: RuleParams, start: date, end: date) -> None:
    """The checks of rule parameters against the horizon ``start`` .. ``end``: no more rest
    days a month than a calendar month of it has days, and promotion days inside it.
    `Problem` runs them; the workbook runs them too, to report them with the other cells.

    Raises
    ------
    ProblemError
        On ``rules.rest_days_per_month`` or ``rules.promotion_days``.
    """
    rest = rules.rest_days_per_month
    month = date(start.year, start.month, 1)
    while month <= end:
        days = calendar.monthrange(month.year, month.month)[1]
        if rest > days:
            raise ProblemError(
                f"rest_days_per_month {rest} is more than the {days} days of {month:%Y-%m}",
                field="rules.rest_days_per_month",
                allowed=f"a whole number between 0 and {days}",
                value=rest,
            )
        month = (month + timedelta(days=31)).replace(day=1)
    for day in rules.promotion_days:
        if not start <= day <= end:
            raise ProblemError(
                f"promotion day {day} {outside(day, start, end)}",
                field="rules.promotion_days",
                value=day,
            )


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
    rules: RuleParams = field(default_factory=RuleParams)
    leave: tuple[Leave, ...] = ()
    requests: tuple[Request, ...] = ()
    demand: tuple[Demand, ...] = ()
    peaks: tuple[PeakWindow, ...] = ()
    weights: Weights = field(default_factory=Weights)
    previous: Roster | None = None
    limits: tuple[Limit, ...] = ()
    cover: tuple[Cover, ...] = ()
    holidays: tuple[Holiday, ...] = ()

    def __post_init__(self) -> None:
        start = parse_date(self.start, "problem start", "start")
        end = (
            month_bounds(start.year, start.month)[1]
            if self.end is None
            else parse_date(self.end, "problem end", "end")
        )
        if end < start:
            raise ProblemError(
                f"problem: end {end} is before start {start}", field="end", value=end
            )
        if (end - start).days >= 366:
            raise ProblemError(
                "problem: the horizon is longer than a year",
                field="end",
                allowed="at most 366 days",
                value=end,
            )
        _set(self, "start", start)
        _set(self, "end", end)
        for name in (
            "agents",
            "shifts",
            "leave",
            "requests",
            "demand",
            "peaks",
            "limits",
            "cover",
            "holidays",
        ):
            _set(self, name, tuple(getattr(self, name)))
        for name, kind in (
            ("agents", Agent),
            ("shifts", ShiftType),
            ("leave", Leave),
            ("requests", Request),
            ("demand", Demand),
            ("peaks", PeakWindow),
            ("limits", Limit),
            ("cover", Cover),
            ("holidays", Holiday),
        ):
            for i, item in enumerate(getattr(self, name)):
                if not isinstance(item, kind):
                    raise ProblemError(
                        f"problem: {name}[{i}] is not a {kind.__name__}: {item!r}",
                        field=f"{name}[{i}]",
                        value=item,
                    )
        if not isinstance(self.rules, RuleParams):
            raise ProblemError("problem: rules must be RuleParams", field="rules")
        if not isinstance(self.weights, Weights):
            raise ProblemError("problem: weights must be Weights", field="weights")
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
        return tuple(s for s in self.shifts if any(self.allows(a, s.code) for a in self.agents))

    def family(self, code: str) -> str:
        """The family (班次组) of shift ``code``: its ``family``, else the code itself
        (also for a code that is not a shift)."""
        for s in self.shifts:
            if s.code == code:
                return s.family_code
        return code

    def counts_as(self, code: str, wanted: str) -> bool:
        """Whether shift ``code`` counts as ``wanted`` for the per-agent rules: it is
        ``wanted``, or a variant in the family ``wanted``."""
        return code == wanted or self.family(code) == wanted

    def allows(self, agent: Agent, code: str) -> bool:
        """Whether ``agent`` may work shift ``code``: the code or its family is one of
        the agent's allowed shifts (an agent allowed N may work its variant N2)."""
        return code in agent.shifts or self.family(code) in agent.shifts

    def holiday_days(self) -> dict[date, Holiday]:
        """The holiday calendar of the horizon: statutory holidays and make-up workdays
        of ``rules.holiday_calendar`` (`rostering.holiday_calendar`), with the
        `holidays` rows added or overriding them, by date."""
        assert self.end is not None
        days = calendar_days(self.rules.holiday_calendar, self.start, self.end)
        for h in self.holidays:
            days[h.date] = h
        return dict(sorted(days.items()))

    def holiday_dates(self) -> frozenset[date]:
        """The statutory holidays of the horizon (kind ``holiday``; `holiday_days`)."""
        return frozenset(d for d, h in self.holiday_days().items() if h.kind == "holiday")

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
            if p + timedelta(days=i) <= self.end
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
        problem: Problem = convert("problem_from_frames", staff, **tables)
        return problem

    def to_json(self, *, indent: int | None = 2) -> str:
        """The problem as a JSON document (`rostering.jsonio.problem_to_json`)."""
        text: str = convert("problem_to_json", self, indent=indent)
        return text

    @classmethod
    def from_json(cls, text: str | bytes) -> Problem:
        """Read a problem from a JSON document (`rostering.jsonio.problem_from_json`)."""
        problem: Problem = convert("problem_from_json", text)
        return problem

    # -- validation -----------------------------------------------------------------------
    def _validate(self) -> None:
        assert self.end is not None
        start, end = self.start, self.end
        if not self.agents:
            raise ProblemError("problem: no agents", field="agents")
        if not self.shifts:
            raise ProblemError("problem: no shift types", field="shifts")
        codes = [s.code for s in self.shifts]
        for i, code in enumerate(codes):
            if code in codes[:i]:
                raise ProblemError(f"shift '{code}': defined twice", field=f"shifts[{i}].code")
        known = set(codes)
        for i, st in enumerate(self.shifts):
            if st.family is None:
                continue
            if st.family not in known:
                raise ProblemError(
                    f"shift '{st.code}': unknown family '{st.family}'",
                    field=f"shifts[{i}].family",
                    allowed=", ".join(c for c in codes if c != st.code),
                    value=st.family,
                )
            root = self.shift(st.family)
            if root.family is not None:
                raise ProblemError(
                    f"shift '{st.code}': family '{st.family}' is itself a variant of "
                    f"'{root.family}'; name '{root.family}' as the family",
                    field=f"shifts[{i}].family",
                    value=st.family,
                )
        ids: set[str] = set()
        for i, a in enumerate(self.agents):
            if a.id in ids:
                raise ProblemError(f"agent '{a.id}': duplicate id", field=f"agents[{i}].id")
            ids.add(a.id)
            for code in a.shifts:
                if code not in known:
                    raise ProblemError(
                        f"agent '{a.id}': unknown shift '{code}'",
                        field=f"agents[{i}].shifts",
                        allowed=", ".join(codes),
                        value=code,
                    )
            if a.role not in ROLES:
                raise ProblemError(f"role '{a.role}': unknown", field=f"agents[{i}].role")

        def inside(d: date) -> bool:
            return start <= d <= end

        check_rules(self.rules, start, end)
        seen_leave: set[tuple[str, date]] = set()
        for i, lv in enumerate(self.leave):
            if lv.agent not in ids:
                raise ProblemError(
                    f"leave on {lv.date}: unknown agent '{lv.agent}'", field=f"leave[{i}].agent"
                )
            if not inside(lv.date):
                raise ProblemError(
                    f"leave of '{lv.agent}': {lv.date} {outside(lv.date, start, end)}",
                    field=f"leave[{i}].date",
                )
            if (lv.agent, lv.date) in seen_leave:
                raise ProblemError(
                    f"leave of '{lv.agent}': {lv.date} is listed twice", field=f"leave[{i}].date"
                )
            seen_leave.add((lv.agent, lv.date))
        for i, rq in enumerate(self.requests):
            if rq.agent not in ids:
                raise ProblemError(
                    f"request on {rq.date}: unknown agent '{rq.agent}'",
                    field=f"requests[{i}].agent",
                )
            if not inside(rq.date):
                raise ProblemError(
                    f"request of '{rq.agent}': {rq.date} {outside(rq.date, start, end)}",
                    field=f"requests[{i}].date",
                )
            if rq.shift is not None and rq.shift not in known:
                raise ProblemError(
                    f"request of '{rq.agent}': unknown shift '{rq.shift}'",
                    field=f"requests[{i}].shift",
                )
        for i, dm in enumerate(self.demand):
            if dm.date is not None and not inside(dm.date):
                raise ProblemError(
                    f"demand on {dm.date}: {outside(dm.date, start, end).removeprefix('is ')}",
                    field=f"demand[{i}].date",
                )
            if dm.shift is not None and dm.shift not in known:
                raise ProblemError(
                    f"demand: unknown shift '{dm.shift}'", field=f"demand[{i}].shift"
                )
        for i, lim in enumerate(self.limits):
            if lim.agent is not None and lim.agent not in ids:
                raise ProblemError(
                    f"limit {lim.kind}: unknown agent '{lim.agent}'", field=f"limits[{i}].agent"
                )
            if lim.shift is not None and lim.shift not in known:
                raise ProblemError(
                    f"limit {lim.kind}: unknown shift '{lim.shift}'", field=f"limits[{i}].shift"
                )
        for first, then in self.rules.forbidden_successions:
            for code in (first, then):
                if code not in known:
                    raise ProblemError(
                        f"forbidden_successions: unknown shift '{code}'",
                        field="rules.forbidden_successions",
                        allowed=", ".join(codes),
                        value=code,
                    )
        for i, cv in enumerate(self.cover):
            if not inside(cv.date):
                raise ProblemError(
                    f"cover on {cv.date}: {outside(cv.date, start, end).removeprefix('is ')}",
                    field=f"cover[{i}].date",
                )
            if cv.shift not in known:
                raise ProblemError(
                    f"cover on {cv.date}: unknown shift '{cv.shift}'", field=f"cover[{i}].shift"
                )
        seen_holidays: set[date] = set()
        for i, hd in enumerate(self.holidays):
            if not inside(hd.date):
                raise ProblemError(
                    f"holiday {hd.date} {outside(hd.date, start, end)}",
                    field=f"holidays[{i}].date",
                )
            if hd.date in seen_holidays:
                raise ProblemError(
                    f"holiday {hd.date} is listed twice", field=f"holidays[{i}].date"
                )
            seen_holidays.add(hd.date)
        for i, pk in enumerate(self.peaks):
            if pk.date is not None and pk.date not in self.rules.promotion_days:
                raise ProblemError(
                    f"peak window on {pk.date}: not a promotion day", field=f"peaks[{i}].date"
                )
        if self.previous is not None:
            for item in self.previous:
                if item.date >= start:
                    raise ProblemError(
                        f"previous roster: {item.agent} on {item.date} is not before {start}",
                        field="previous",
                    )
