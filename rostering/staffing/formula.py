"""How many agents: the Double-12 headcount formula and Erlang C queueing per hour.

Two independent tools answer "how many agents of each role do we need?":

`headcount_plan`
    The source article's daily formula (备战双十二): customer-service sales -> buyers served
    -> inquiries to receive -> pre-sales agents at their saturated daily load
    (饱和接待量) -> the other roles by their ratio to pre-sales (docs/domain.md, rule 7). Every
    intermediate figure is kept so the manager can check the arithmetic.

`agents_needed` / `forecast_demand`
    An hourly inquiry forecast turned into agents per hour with the Erlang C queueing
    model (M/M/N: Poisson arrivals, exponential handling times, nobody abandons), against a
    first-response target: by default 80 % of inquiries answered within 6 seconds, the
    "golden six seconds" (黄金六秒).

Chat concurrency
----------------
A chat agent serves several chats at once. The model treats an agent who handles up to
``c`` chats at once as ``c`` independent *slots*, so ``N`` agents are ``N * c`` Erlang C
servers. Each chat holds one slot for its whole handling time. This assumption is only
as good as the handling time you give: a chat handled alongside others takes longer from
first response to close than one handled alone, so ``aht_seconds`` must be the average
handling time *observed under that concurrency*, not the single-chat time. Traffic,
occupancy and waiting are all measured in slots: occupancy is the share of slots busy.
With ``concurrency=1`` every function is plain Erlang C.

The formulas, with ``A`` = arrivals per hour x AHT / 3600 (offered traffic in erlangs),
``S = N * c`` servers and ``t`` the target answer time:

* probability an arrival waits ``C(A, S)`` (Erlang C, computed from the Erlang B
  recursion ``B(k) = A B(k-1) / (k + A B(k-1))``, which stays within [0, 1] and so is
  stable for traffic in the thousands);
* service level ``SL = 1 - C(A, S) exp(-(S - A) t / AHT)``, and 0 when ``S <= A``;
* average speed of answer ``ASA = C(A, S) AHT / (S - A)``;
* occupancy ``A / S``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from fractions import Fraction

from ..problem import Demand
from ..roles import DEFAULT_ROLE_RATIOS, PRESALES, ROLE_NAMES_ZH, ROLES, normalize_role
from ..values import parse_date

__all__ = [
    "ForecastRow",
    "HeadcountPlan",
    "QueueRequirement",
    "StaffingInputs",
    "agents_needed",
    "average_speed_of_answer",
    "erlang_c",
    "forecast_demand",
    "headcount_plan",
    "hourly_requirements",
    "occupancy",
    "service_level",
]

#: Relative tolerance when rounding agents up: 10.000000001 agents is 10, not 11.
CEIL_TOLERANCE = 1e-9

#: "Golden six seconds" (黄金六秒): the default first-response target.
DEFAULT_TARGET_SECONDS = 6.0
#: Default share of inquiries to answer within the target.
DEFAULT_SERVICE_LEVEL = 0.8

ROLE_LABELS: dict[str, str] = {
    PRESALES: "Pre-sales",
    "aftersales": "After-sales",
    "order_change": "Order-change",
    "payment_chase": "Payment-chasing",
    "phone": "Phone",
    "escalation": "Escalation",
}


# -- validation helpers -------------------------------------------------------------------
def _number(name: str, value: object) -> float:
    """A finite real number, or ValueError naming the field."""
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise ValueError(f"{name}: must be a number, got {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name}: must be finite, got {value!r}")
    return result


def _positive(name: str, value: object) -> float:
    result = _number(name, value)
    if result <= 0:
        raise ValueError(f"{name}: must be > 0, got {value!r}")
    return result


def _non_negative(name: str, value: object) -> float:
    result = _number(name, value)
    if result < 0:
        raise ValueError(f"{name}: must be >= 0, got {value!r}")
    return result


def _share(name: str, value: object, *, low_open: bool, high_open: bool) -> float:
    """A number in the interval 0..1 with the given open ends."""
    result = _number(name, value)
    too_low = result <= 0 if low_open else result < 0
    too_high = result >= 1 if high_open else result > 1
    if too_low or too_high:
        interval = f"{'(' if low_open else '['}0, 1{')' if high_open else ']'}"
        raise ValueError(f"{name}: must be in {interval}, got {value!r}")
    return result


def _whole(name: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueError(f"{name}: must be a whole number >= {low}, got {value!r}")
    return value


def _exact(value: float | Fraction) -> Fraction:
    """The number as the user typed it: 0.6 is 3/5, not the nearest binary float."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(repr(float(value)))


def _ceil(value: float | Fraction) -> int:
    """Round up, ignoring a relative excess below `CEIL_TOLERANCE` (rounding noise)."""
    floor = math.floor(value)
    if value - floor <= CEIL_TOLERANCE * max(1.0, abs(float(value))):
        return int(floor)
    return int(floor) + 1


# -- the Double-12 headcount formula ------------------------------------------------------
def _role_ratios(ratios: Mapping[str, Fraction | float | int | str]) -> dict[str, Fraction]:
    result: dict[str, Fraction] = {}
    for role, ratio in dict(ratios).items():
        canon = normalize_role(str(role))
        if canon is None or canon == PRESALES:
            raise ValueError(f"role_ratios: unknown or invalid role {role!r}")
        if canon in result:
            raise ValueError(f"role_ratios: role {role!r} is given twice")
        try:
            value = (
                _exact(ratio)
                if isinstance(ratio, int | float | Fraction) and not isinstance(ratio, bool)
                else Fraction(str(ratio))
            )
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"role_ratios: ratio of {role!r} is not a number: {ratio!r}") from None
        if value < 0:
            raise ValueError(f"role_ratios: ratio of {role!r} is negative ({ratio!r})")
        result[canon] = value
    return {role: result[role] for role in ROLES if role in result}


@dataclass(frozen=True)
class StaffingInputs:
    """Inputs of the Double-12 headcount formula (one promotion day).

    Parameters
    ----------
    shop_sales
        The shop's sales target for the day (店铺销售额), in currency units, >= 0.
    cs_sales_share
        Share of sales made through customer service (客服销售占比), in (0, 1].
    average_order_value
        Average order value of customer-service sales (客服客单价), > 0.
    conversion_rate
        Inquiry conversion rate (询单转化率): buyers per inquiry, in (0, 1].
    saturated_load
        Inquiries one pre-sales agent can receive in a day at full load (客服饱和接待量),
        taken from an ordinary promotion day, > 0.
    role_ratios
        Agents of each other role per pre-sales agent; English or Chinese role names.
        Defaults to `rostering.roles.DEFAULT_ROLE_RATIOS` (after-sales 1/4, the others 1/6).
    """

    shop_sales: float
    cs_sales_share: float
    average_order_value: float
    conversion_rate: float
    saturated_load: float
    role_ratios: Mapping[str, Fraction] = field(
        default_factory=lambda: dict(DEFAULT_ROLE_RATIOS), hash=False
    )

    def __post_init__(self) -> None:
        _non_negative("shop_sales", self.shop_sales)
        _share("cs_sales_share", self.cs_sales_share, low_open=True, high_open=False)
        _positive("average_order_value", self.average_order_value)
        _share("conversion_rate", self.conversion_rate, low_open=True, high_open=False)
        _positive("saturated_load", self.saturated_load)
        object.__setattr__(self, "role_ratios", _role_ratios(self.role_ratios))


@dataclass(frozen=True)
class HeadcountPlan:
    """The result of `headcount_plan`: every intermediate figure and the agents per role.

    Attributes
    ----------
    inputs
        The inputs the plan was computed from.
    cs_sales
        Customer-service sales (客服销售额) = shop sales x customer-service share.
    buyers
        Buyers served by customer service (客服销售人数) = cs sales / average order value.
    inquiries
        Inquiries to receive (售前客服总接待量) = buyers / conversion rate.
    presales_exact
        Inquiries / saturated load, before rounding up.
    headcount
        Agents per role, rounded up: pre-sales first, then the other roles in
        `rostering.roles.ROLES` order. Other roles are ceil(ratio x pre-sales agents).
    total
        Sum of `headcount`.
    """

    inputs: StaffingInputs
    cs_sales: float
    buyers: float
    inquiries: float
    presales_exact: float
    headcount: dict[str, int] = field(hash=False)
    total: int

    def lines(self) -> list[str]:
        """The calculation step by step, in English with the article's Chinese terms."""
        inp = self.inputs
        presales = self.headcount[PRESALES]
        out = [
            f"Customer-service sales [客服销售额] = shop sales [店铺销售额] "
            f"{_fmt(inp.shop_sales)} x customer-service share [客服销售占比] "
            f"{_pct(inp.cs_sales_share)} = {_fmt(self.cs_sales)}",
            f"Buyers served [客服销售人数] = {_fmt(self.cs_sales)} / average order value "
            f"[客单价] {_fmt(inp.average_order_value)} = {_fmt(self.buyers)}",
            f"Inquiries to receive [售前客服总接待量] = {_fmt(self.buyers)} / inquiry "
            f"conversion rate [询单转化率] {_pct(inp.conversion_rate)} = "
            f"{_fmt(self.inquiries)}",
            f"Pre-sales agents [售前] = {_fmt(self.inquiries)} / saturated load per agent "
            f"[饱和接待量] {_fmt(inp.saturated_load)} = {_fmt(self.presales_exact)}, "
            f"rounded up: {presales}",
        ]
        for role, count in self.headcount.items():
            if role == PRESALES:
                continue
            ratio = inp.role_ratios[role]
            out.append(
                f"{ROLE_LABELS.get(role, role)} agents [{ROLE_NAMES_ZH.get(role, role)}] = "
                f"{presales} x {ratio} = {_fmt(float(presales * ratio))}, rounded up: {count}"
            )
        out.append(f"Total agents [客服总人数] = {self.total}")
        return out


def _fmt(value: float) -> str:
    """A figure for people: thousands separators, at most two decimals."""
    if abs(value - round(value)) < 0.005:
        return f"{round(value):,}"
    return f"{value:,.2f}"


def _pct(value: float) -> str:
    return f"{value * 100:.6g}%"


def headcount_plan(inputs: StaffingInputs) -> HeadcountPlan:
    """Agents per role for a promotion day, by the Double-12 article's formula.

    Parameters
    ----------
    inputs
        Sales target, shares, order value, conversion rate, load and role ratios.

    Returns
    -------
    HeadcountPlan
        The intermediate figures and the agents per role, rounded up.

    Notes
    -----
    The arithmetic is exact (on the decimals as given), so float noise never adds an
    agent; a remaining excess of less than `CEIL_TOLERANCE` (relative) is ignored too.
    """
    cs_sales = _exact(inputs.shop_sales) * _exact(inputs.cs_sales_share)
    buyers = cs_sales / _exact(inputs.average_order_value)
    inquiries = buyers / _exact(inputs.conversion_rate)
    presales_exact = inquiries / _exact(inputs.saturated_load)
    presales = _ceil(presales_exact)
    headcount = {PRESALES: presales}
    for role, ratio in inputs.role_ratios.items():
        headcount[role] = _ceil(presales * ratio)
    return HeadcountPlan(
        inputs=inputs,
        cs_sales=float(cs_sales),
        buyers=float(buyers),
        inquiries=float(inquiries),
        presales_exact=float(presales_exact),
        headcount=headcount,
        total=sum(headcount.values()),
    )


# -- Erlang C -----------------------------------------------------------------------------
def _erlang_b_step(traffic: float, k: int, b_previous: float) -> float:
    """Erlang B with ``k`` servers from Erlang B with ``k - 1``."""
    return traffic * b_previous / (k + traffic * b_previous)


def _c_from_b(traffic: float, servers: int, b: float) -> float:
    """Erlang C from Erlang B with the same traffic and servers (requires servers > traffic)."""
    return servers * b / (servers - traffic * (1.0 - b))


def erlang_c(traffic: float, servers: int) -> float:
    """Probability that an arrival has to wait (Erlang C).

    Parameters
    ----------
    traffic
        Offered traffic in erlangs (arrival rate x mean handling time), >= 0.
    servers
        Number of servers (agents, or chat slots), a whole number >= 0.

    Returns
    -------
    float
        ``C(A, N)`` in [0, 1]; 1 when ``servers <= traffic`` (the queue grows without end)
        and 0 when there is no traffic.

    Notes
    -----
    Computed with the Erlang B recursion and ``C = N B / (N - A (1 - B))``, which avoids
    the factorials of the textbook formula and works for traffic in the thousands.
    """
    a = _non_negative("traffic", traffic)
    n = _whole("servers", servers, 0)
    if a == 0:
        return 0.0
    if n <= a:
        return 1.0
    b = 1.0
    for k in range(1, n + 1):
        b = _erlang_b_step(a, k, b)
    return min(1.0, max(0.0, _c_from_b(a, n, b)))


def _traffic(arrivals_per_hour: object, aht_seconds: object) -> float:
    arrivals = _non_negative("arrivals_per_hour", arrivals_per_hour)
    aht = _positive("aht_seconds", aht_seconds)
    return arrivals * aht / 3600.0


def _sl_from_c(c: float, traffic: float, servers: int, target: float, aht: float) -> float:
    return min(1.0, max(0.0, 1.0 - c * math.exp(-(servers - traffic) * target / aht)))


def service_level(
    arrivals_per_hour: float,
    aht_seconds: float,
    agents: int,
    target_seconds: float = DEFAULT_TARGET_SECONDS,
    concurrency: int = 1,
) -> float:
    """Share of inquiries answered within ``target_seconds``.

    Parameters
    ----------
    arrivals_per_hour
        Inquiries arriving per hour, >= 0.
    aht_seconds
        Average handling time of one inquiry in seconds (under ``concurrency``), > 0.
    agents
        Agents online, a whole number >= 0.
    target_seconds
        Answer-time target in seconds, >= 0 (default 6, the golden six seconds).
    concurrency
        Chats one agent handles at once, a whole number >= 1.

    Returns
    -------
    float
        ``1 - C(A, N c) exp(-(N c - A) t / AHT)``; 0 when ``N c <= A``, 1 with no arrivals.
    """
    traffic = _traffic(arrivals_per_hour, aht_seconds)
    n = _whole("agents", agents, 0)
    c = _whole("concurrency", concurrency, 1)
    target = _non_negative("target_seconds", target_seconds)
    servers = n * c
    if traffic == 0:
        return 1.0
    if servers <= traffic:
        return 0.0
    return _sl_from_c(erlang_c(traffic, servers), traffic, servers, target, float(aht_seconds))


def average_speed_of_answer(
    arrivals_per_hour: float, aht_seconds: float, agents: int, concurrency: int = 1
) -> float:
    """Mean wait before an inquiry is answered, in seconds (ASA).

    Parameters
    ----------
    arrivals_per_hour
        Inquiries arriving per hour, >= 0.
    aht_seconds
        Average handling time in seconds (under ``concurrency``), > 0.
    agents
        Agents online, a whole number >= 0.
    concurrency
        Chats one agent handles at once, a whole number >= 1.

    Returns
    -------
    float
        ``C(A, N c) AHT / (N c - A)``; ``inf`` when ``N c <= A``, 0 with no arrivals.
    """
    traffic = _traffic(arrivals_per_hour, aht_seconds)
    servers = _whole("agents", agents, 0) * _whole("concurrency", concurrency, 1)
    if traffic == 0:
        return 0.0
    if servers <= traffic:
        return math.inf
    return erlang_c(traffic, servers) * float(aht_seconds) / (servers - traffic)


def occupancy(
    arrivals_per_hour: float, aht_seconds: float, agents: int, concurrency: int = 1
) -> float:
    """Share of the agents' chat slots busy: ``A / (N c)``, at most 1.

    Parameters
    ----------
    arrivals_per_hour
        Inquiries arriving per hour, >= 0.
    aht_seconds
        Average handling time in seconds (under ``concurrency``), > 0.
    agents
        Agents online, a whole number >= 0.
    concurrency
        Chats one agent handles at once, a whole number >= 1.

    Returns
    -------
    float
        Occupancy in [0, 1]; 1 when the agents cannot keep up (or there are none).
    """
    traffic = _traffic(arrivals_per_hour, aht_seconds)
    servers = _whole("agents", agents, 0) * _whole("concurrency", concurrency, 1)
    if traffic == 0:
        return 0.0
    if servers <= traffic:
        return 1.0
    return traffic / servers


@dataclass(frozen=True)
class QueueRequirement:
    """Agents needed for one interval, and how the queue performs with them.

    Attributes
    ----------
    agents
        Agents to roster: ``ceil(raw_agents / (1 - shrinkage))``.
    raw_agents
        Agents that must be online (before shrinkage).
    service_level
        Share of inquiries answered within the target with ``raw_agents`` online.
    asa_seconds
        Average speed of answer in seconds with ``raw_agents`` online.
    occupancy
        Share of chat slots busy with ``raw_agents`` online.
    traffic
        Offered traffic in erlangs (inquiries per hour x AHT / 3600).
    """

    agents: int
    raw_agents: int
    service_level: float
    asa_seconds: float
    occupancy: float
    traffic: float


def agents_needed(
    arrivals_per_hour: float,
    aht_seconds: float,
    *,
    target_seconds: float = DEFAULT_TARGET_SECONDS,
    service_level: float = DEFAULT_SERVICE_LEVEL,
    concurrency: int = 1,
    shrinkage: float = 0.0,
    max_occupancy: float = 1.0,
) -> QueueRequirement:
    """The fewest agents that answer ``service_level`` of inquiries within the target.

    Parameters
    ----------
    arrivals_per_hour
        Inquiries arriving per hour, >= 0.
    aht_seconds
        Average handling time in seconds, observed under ``concurrency``, > 0.
    target_seconds
        Answer-time target in seconds, >= 0 (default 6, the golden six seconds 黄金六秒).
    service_level
        Share of inquiries to answer within the target, in [0, 1) (default 0.8).
    concurrency
        Chats one agent handles at once, a whole number >= 1.
    shrinkage
        Share of paid time agents are not available to answer (breaks, training), in [0, 1).
    max_occupancy
        Highest acceptable share of busy chat slots, in (0, 1] (default 1: no limit).

    Returns
    -------
    QueueRequirement
        The smallest ``N`` (searching upward from ``ceil(A / c)``) whose service level meets
        the target and whose occupancy is at most ``max_occupancy``, then grossed up for
        shrinkage. No arrivals need no agents.
    """
    traffic = _traffic(arrivals_per_hour, aht_seconds)
    aht = float(aht_seconds)
    target = _non_negative("target_seconds", target_seconds)
    goal = _share("service_level", service_level, low_open=False, high_open=True)
    c = _whole("concurrency", concurrency, 1)
    loss = _share("shrinkage", shrinkage, low_open=False, high_open=True)
    max_occ = _share("max_occupancy", max_occupancy, low_open=True, high_open=False)
    if traffic == 0:
        return QueueRequirement(0, 0, 1.0, 0.0, 0.0, 0.0)

    n = max(1, _ceil(traffic / c))
    k, b = 0, 1.0  # Erlang B with k servers, extended as n grows
    while True:
        servers = n * c
        if servers > traffic:
            while k < servers:
                k += 1
                b = _erlang_b_step(traffic, k, b)
            wait = min(1.0, max(0.0, _c_from_b(traffic, servers, b)))
            sl = _sl_from_c(wait, traffic, servers, target, aht)
            occ = traffic / servers
            if sl >= goal - 1e-12 and occ <= max_occ + 1e-12:
                return QueueRequirement(
                    agents=_ceil(n / (1.0 - loss)),
                    raw_agents=n,
                    service_level=sl,
                    asa_seconds=wait * aht / (servers - traffic),
                    occupancy=occ,
                    traffic=traffic,
                )
        n += 1


# -- hourly forecasts -> Demand -----------------------------------------------------------
@dataclass(frozen=True)
class ForecastRow:
    """Forecast inquiries for one clock hour.

    Parameters
    ----------
    date
        The day, or None for every day of the roster.
    hour
        Clock hour 0-23; the row covers ``hour:00`` to ``hour+1:00``.
    role
        Role that answers these inquiries (English or Chinese name), or None for any role.
    inquiries
        Inquiries arriving in that hour, >= 0.
    aht_seconds
        Average handling time in seconds, observed under ``concurrency``, > 0.
    concurrency
        Chats one agent handles at once, a whole number >= 1.
    """

    date: date | None
    hour: int
    role: str | None
    inquiries: float
    aht_seconds: float
    concurrency: int = 1

    def __post_init__(self) -> None:
        if self.date is not None:
            object.__setattr__(self, "date", parse_date(self.date, "forecast row date"))
        if isinstance(self.hour, bool) or not isinstance(self.hour, int):
            raise ValueError(f"{self._what()}: hour must be a whole number 0-23")
        if not 0 <= self.hour <= 23:
            raise ValueError(f"{self._what()}: hour must be 0-23, got {self.hour}")
        what = self._what()
        if self.role is not None:
            role = normalize_role(str(self.role))
            if role is None:
                raise ValueError(f"{what}: unknown role {self.role!r}")
            object.__setattr__(self, "role", role)
        for name, check in (("inquiries", _non_negative), ("aht_seconds", _positive)):
            try:
                check(name, getattr(self, name))
            except ValueError as exc:
                raise ValueError(f"{what}: {exc}") from None
        try:
            _whole("concurrency", self.concurrency, 1)
        except ValueError as exc:
            raise ValueError(f"{what}: {exc}") from None

    def _what(self) -> str:
        day = "every day" if self.date is None else str(self.date)
        return f"forecast row {day} hour {self.hour!r}"


def hourly_requirements(
    rows: Iterable[ForecastRow],
    *,
    target_seconds: float = DEFAULT_TARGET_SECONDS,
    service_level: float = DEFAULT_SERVICE_LEVEL,
    shrinkage: float = 0.0,
    max_occupancy: float = 1.0,
) -> list[tuple[ForecastRow, QueueRequirement]]:
    """Each forecast row with the agents it needs (see `agents_needed`), for reporting.

    Parameters
    ----------
    rows
        Hourly forecasts.
    target_seconds, service_level, shrinkage, max_occupancy
        As in `agents_needed`, the same for every row.

    Returns
    -------
    list of (ForecastRow, QueueRequirement)
        In the order of ``rows``, including rows that need no agents.
    """
    cache: dict[tuple[float, float, int], QueueRequirement] = {}
    out: list[tuple[ForecastRow, QueueRequirement]] = []
    for row in rows:
        key = (float(row.inquiries), float(row.aht_seconds), row.concurrency)
        if key not in cache:
            cache[key] = agents_needed(
                row.inquiries,
                row.aht_seconds,
                target_seconds=target_seconds,
                service_level=service_level,
                concurrency=row.concurrency,
                shrinkage=shrinkage,
                max_occupancy=max_occupancy,
            )
        out.append((row, cache[key]))
    return out


def forecast_demand(
    rows: Iterable[ForecastRow],
    *,
    target_seconds: float = DEFAULT_TARGET_SECONDS,
    service_level: float = DEFAULT_SERVICE_LEVEL,
    shrinkage: float = 0.0,
    max_occupancy: float = 1.0,
) -> list[Demand]:
    """Hourly forecasts as `rostering.problem.Demand` rows for the roster.

    Parameters
    ----------
    rows
        Hourly forecasts.
    target_seconds, service_level, shrinkage, max_occupancy
        As in `agents_needed`, the same for every row.

    Returns
    -------
    list of Demand
        One hour-window demand per row (``hour:00``-``hour+1:00``, date and role of the row)
        requiring `QueueRequirement.agents`; rows needing no agents are left out.
    """
    out: list[Demand] = []
    for row, need in hourly_requirements(
        rows,
        target_seconds=target_seconds,
        service_level=service_level,
        shrinkage=shrinkage,
        max_occupancy=max_occupancy,
    ):
        if need.agents == 0:
            continue
        out.append(
            Demand(
                required=need.agents,
                date=row.date,
                role=row.role,
                start=time(row.hour),
                end=time((row.hour + 1) % 24),
            )
        )
    return out
