"""Tests of `rostering.staffing`: the Double-12 headcount formula and Erlang C staffing."""

from __future__ import annotations

import math
from datetime import date, time
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rostering.problem import Demand
from rostering.roles import PRESALES, ROLES
from rostering.staffing import (
    ForecastRow,
    StaffingInputs,
    agents_needed,
    average_speed_of_answer,
    erlang_c,
    forecast_demand,
    headcount_plan,
    hourly_requirements,
    occupancy,
    service_level,
)

# The suite's hypothesis profile (tests/conftest.py) supplies derandomize etc.; cap examples.
PROPERTY = settings(max_examples=50, deadline=None)


# -- an independent textbook implementation ------------------------------------------------
def textbook_erlang_c(traffic: float, agents: int) -> float:
    """Erlang C straight from the textbook: (A^N/N! * N/(N-A)) / (sum_{k<N} A^k/k! + same)."""
    top = traffic**agents / math.factorial(agents) * agents / (agents - traffic)
    bottom = sum(traffic**k / math.factorial(k) for k in range(agents)) + top
    return top / bottom


def log_space_erlang_c(traffic: float, agents: int) -> float:
    """The textbook formula evaluated with logarithms, for traffic in the thousands."""
    logs = [k * math.log(traffic) - math.lgamma(k + 1) for k in range(agents)]
    log_top = (
        agents * math.log(traffic) - math.lgamma(agents + 1) + math.log(agents / (agents - traffic))
    )
    peak = max([*logs, log_top])
    total = sum(math.exp(x - peak) for x in logs) + math.exp(log_top - peak)
    return math.exp(log_top - peak) / total


def textbook_agents(arrivals: float, aht: float, target: float, goal: float) -> int:
    """Smallest N with 1 - C exp(-(N - A) t / AHT) >= goal, by the textbook formula."""
    traffic = arrivals * aht / 3600
    n = math.floor(traffic) + 1
    while True:
        sl = 1 - textbook_erlang_c(traffic, n) * math.exp(-(n - traffic) * target / aht)
        if sl >= goal - 1e-12:
            return n
        n += 1


# -- 1. the Double-12 headcount formula ----------------------------------------------------
def test_headcount_worked_example() -> None:
    # Worked by hand:
    #   customer-service sales = 1,000,000 x 0.6      = 600,000
    #   buyers served          = 600,000 / 200        = 3,000
    #   inquiries              = 3,000 / 0.25         = 12,000
    #   pre-sales              = 12,000 / 150         = 80 (exact)
    #   after-sales            = 80 x 1/4             = 20
    #   each other role        = ceil(80 x 1/6 = 13.33) = 14
    #   total                  = 80 + 20 + 4 x 14     = 156
    plan = headcount_plan(StaffingInputs(1_000_000, 0.6, 200, 0.25, 150))
    assert plan.cs_sales == 600_000
    assert plan.buyers == 3_000
    assert plan.inquiries == 12_000
    assert plan.presales_exact == 80
    assert plan.headcount == {
        "presales": 80,
        "aftersales": 20,
        "order_change": 14,
        "payment_chase": 14,
        "phone": 14,
        "escalation": 14,
    }
    assert list(plan.headcount) == list(ROLES)
    assert plan.total == 156
    text = "\n".join(plan.lines())
    for figure in ("600,000", "3,000", "12,000", "80", "156", "客单价", "询单转化率", "饱和接待量"):
        assert figure in text


def test_headcount_rounds_up() -> None:
    # 500,000 x 0.5 = 250,000; / 250 = 1,000 buyers; / 0.3 = 3,333.33 inquiries;
    # / 120 = 27.78 -> 28 pre-sales; after-sales 28/4 = 7; others ceil(28/6 = 4.67) = 5.
    plan = headcount_plan(StaffingInputs(500_000, 0.5, 250, 0.3, 120))
    assert plan.presales_exact == pytest.approx(27.7778, abs=1e-4)
    assert plan.headcount[PRESALES] == 28
    assert plan.headcount["aftersales"] == 7
    assert plan.headcount["phone"] == 5
    assert plan.total == 28 + 7 + 4 * 5


def test_headcount_float_noise_does_not_add_an_agent() -> None:
    # In floats 7000 x 0.1 / 1 / 0.7 / 100 is 10.000000000000002; the plan must say 10, not 11.
    assert 7000 * 0.1 / 1 / 0.7 / 100 > 10
    plan = headcount_plan(StaffingInputs(7000, 0.1, 1, 0.7, 100))
    assert plan.inquiries == 1000
    assert plan.headcount[PRESALES] == 10
    assert plan.headcount["aftersales"] == 3  # ceil(10/4 = 2.5)


def test_headcount_custom_ratios_accept_chinese_names() -> None:
    plan = headcount_plan(
        StaffingInputs(1_000_000, 0.6, 200, 0.25, 150, role_ratios={"售后": Fraction(1, 3)})
    )
    assert plan.headcount == {"presales": 80, "aftersales": 27}
    assert plan.total == 107


@PROPERTY
@given(
    st.floats(0, 1e8),
    st.floats(0.01, 1),
    st.floats(1, 5000),
    st.floats(0.01, 1),
    st.floats(1, 1000),
)
def test_headcount_is_the_exact_figure_rounded_up(
    sales: float, share: float, aov: float, rate: float, load: float
) -> None:
    plan = headcount_plan(StaffingInputs(sales, share, aov, rate, load))
    presales = plan.headcount[PRESALES]
    assert presales - 1 < plan.presales_exact * (1 + 1e-12) + 1e-12
    # Below one agent in a billion (relative) is rounding noise, not an extra agent.
    assert presales >= plan.presales_exact - 1e-9 * max(1.0, plan.presales_exact)
    assert plan.total == sum(plan.headcount.values())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"shop_sales": -1}, "shop_sales"),
        ({"shop_sales": math.nan}, "shop_sales"),
        ({"cs_sales_share": 0}, "cs_sales_share"),
        ({"cs_sales_share": 1.5}, "cs_sales_share"),
        ({"average_order_value": 0}, "average_order_value"),
        ({"conversion_rate": 0}, "conversion_rate"),
        ({"conversion_rate": "0.2"}, "conversion_rate"),
        ({"saturated_load": -150}, "saturated_load"),
        ({"role_ratios": {"cook": Fraction(1, 2)}}, "role_ratios"),
        ({"role_ratios": {"presales": 1}}, "role_ratios"),
        ({"role_ratios": {"aftersales": -1}}, "role_ratios"),
    ],
)
def test_staffing_inputs_validate(changes: dict[str, object], field: str) -> None:
    args: dict[str, object] = {
        "shop_sales": 1_000_000,
        "cs_sales_share": 0.6,
        "average_order_value": 200,
        "conversion_rate": 0.25,
        "saturated_load": 150,
        **changes,
    }
    with pytest.raises(ValueError, match=field):
        StaffingInputs(**args)  # type: ignore[arg-type]


# -- 2. Erlang C ---------------------------------------------------------------------------
def test_erlang_c_published_example() -> None:
    """Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example",
    https://www.callcentrehelper.com/erlang-c-formula-example-121281.htm

    Inputs: 100 calls in 30 minutes (200 an hour), average handling time 180 s, 80 % of
    calls answered within 20 s, maximum occupancy 85 %, shrinkage 30 %. The article finds
    traffic intensity A = 10 erlangs, starts at N = A + 1 = 11 agents, where the probability
    a call waits is Pw = 68.21 % and the service level 39 %, and ends with 14 agents online,
    20 rostered after 30 % shrinkage. Each figure is also checked against the textbook
    formula computed independently here.
    """
    assert textbook_erlang_c(10, 11) == pytest.approx(0.6821, abs=5e-5)
    assert erlang_c(10, 11) == pytest.approx(0.6821, abs=5e-5)
    assert erlang_c(10, 11) == pytest.approx(textbook_erlang_c(10, 11), rel=1e-12)
    assert erlang_c(10, 12) == pytest.approx(0.4494, abs=5e-5)
    assert service_level(200, 180, 11, 20) == pytest.approx(0.39, abs=5e-3)
    assert average_speed_of_answer(200, 180, 11) == pytest.approx(0.6821 * 180 / 1, abs=0.05)
    assert occupancy(200, 180, 11) == pytest.approx(10 / 11)

    need = agents_needed(
        200, 180, target_seconds=20, service_level=0.8, shrinkage=0.3, max_occupancy=0.85
    )
    assert need.traffic == pytest.approx(10)
    assert need.raw_agents == 14
    assert need.agents == 20  # 14 / (1 - 0.3) = 20, not 21 from float noise
    # With 14 agents: Pw 0.1741, SL = 1 - 0.1741 e^(-4 x 20 / 180) = 88.8 %, occupancy 71.4 %.
    assert need.service_level == pytest.approx(
        1 - textbook_erlang_c(10, 14) * math.exp(-4 * 20 / 180), rel=1e-12
    )
    assert round(need.service_level, 3) == 0.888
    assert round(need.occupancy, 3) == 0.714
    assert need.asa_seconds == pytest.approx(textbook_erlang_c(10, 14) * 180 / 4, rel=1e-12)
    # 13 agents fall short: SL 79.6 % < 80 %.
    assert service_level(200, 180, 13, 20) == pytest.approx(0.796, abs=5e-4)


def test_max_occupancy_can_add_agents() -> None:
    # Same example: 15 agents are needed to keep occupancy at or below 70 % (10/15 = 66.7 %).
    assert agents_needed(200, 180, target_seconds=20, max_occupancy=0.7).raw_agents == 15


@pytest.mark.parametrize(("traffic", "agents"), [(2000.0, 2050), (3333.3, 3400), (800.5, 830)])
def test_erlang_c_is_stable_for_large_traffic(traffic: float, agents: int) -> None:
    value = erlang_c(traffic, agents)
    assert 0 < value < 1
    assert value == pytest.approx(log_space_erlang_c(traffic, agents), rel=1e-9)


def test_large_forecast_is_fast_and_sane() -> None:
    need = agents_needed(60_000, 300)  # 5,000 erlangs
    assert need.traffic == pytest.approx(5000)
    assert 5000 < need.raw_agents < 5100
    assert need.service_level >= 0.8


def test_erlang_c_edge_cases() -> None:
    assert erlang_c(0, 3) == 0
    assert erlang_c(5, 5) == 1
    assert erlang_c(5, 3) == 1
    assert service_level(100, 300, 8, 20) == 0  # A = 8.33 > 8 agents
    assert service_level(0, 300, 0, 20) == 1
    assert average_speed_of_answer(100, 300, 8) == math.inf
    assert occupancy(0, 300, 5) == 0
    need = agents_needed(0, 300)
    assert (need.agents, need.raw_agents, need.traffic) == (0, 0, 0)


def test_concurrency_is_agents_times_slots() -> None:
    # An agent with three chats at once counts as three servers.
    assert service_level(300, 240, 8, 6, concurrency=3) == pytest.approx(
        service_level(300, 240, 24, 6)
    )
    assert occupancy(300, 240, 8, concurrency=3) == pytest.approx(20 / 24)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"arrivals_per_hour": -1}, "arrivals_per_hour"),
        ({"arrivals_per_hour": math.inf}, "arrivals_per_hour"),
        ({"aht_seconds": 0}, "aht_seconds"),
        ({"target_seconds": -1}, "target_seconds"),
        ({"service_level": 1}, "service_level"),
        ({"service_level": -0.1}, "service_level"),
        ({"concurrency": 0}, "concurrency"),
        ({"concurrency": 1.5}, "concurrency"),
        ({"shrinkage": 1}, "shrinkage"),
        ({"max_occupancy": 0}, "max_occupancy"),
    ],
)
def test_agents_needed_validates(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"arrivals_per_hour": 100, "aht_seconds": 120, **kwargs}
    with pytest.raises(ValueError, match=field):
        agents_needed(**args)  # type: ignore[arg-type]


def test_erlang_c_validates() -> None:
    with pytest.raises(ValueError, match="traffic"):
        erlang_c(-1, 3)
    with pytest.raises(ValueError, match="servers"):
        erlang_c(1, 2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="agents"):
        service_level(10, 60, -1, 6)


# -- properties ----------------------------------------------------------------------------
arrivals = st.floats(0, 3000)
ahts = st.floats(10, 600)
targets = st.floats(0, 60)
goals = st.floats(0.5, 0.95)
concurrencies = st.integers(1, 5)


@PROPERTY
@given(arrivals, arrivals, ahts, targets, goals, concurrencies)
def test_more_inquiries_never_need_fewer_agents(
    a1: float, a2: float, aht: float, target: float, goal: float, c: int
) -> None:
    low, high = sorted((a1, a2))

    def need(a: float) -> int:
        return agents_needed(
            a, aht, target_seconds=target, service_level=goal, concurrency=c
        ).agents

    assert need(low) <= need(high)


@PROPERTY
@given(arrivals, ahts, targets, targets, goals, goals, concurrencies)
def test_stricter_target_never_needs_fewer_agents(
    a: float, aht: float, t1: float, t2: float, g1: float, g2: float, c: int
) -> None:
    def need(t: float, g: float) -> int:
        return agents_needed(a, aht, target_seconds=t, service_level=g, concurrency=c).agents

    assert need(min(t1, t2), max(g1, g2)) >= need(max(t1, t2), min(g1, g2))


@PROPERTY
@given(st.floats(0.5, 300), st.floats(10, 300), targets, goals)
def test_concurrency_one_is_plain_erlang_c(
    a: float, aht: float, target: float, goal: float
) -> None:
    need = agents_needed(a, aht, target_seconds=target, service_level=goal, concurrency=1)
    assert need.raw_agents == textbook_agents(a, aht, target, goal)
    traffic = a * aht / 3600
    assert need.service_level == pytest.approx(
        1
        - textbook_erlang_c(traffic, need.raw_agents)
        * math.exp(-(need.raw_agents - traffic) * target / aht),
        rel=1e-9,
    )


@PROPERTY
@given(arrivals, ahts, targets, goals, concurrencies, concurrencies)
def test_more_concurrency_never_needs_more_agents(
    a: float, aht: float, target: float, goal: float, c1: int, c2: int
) -> None:
    def need(c: int) -> int:
        return agents_needed(
            a, aht, target_seconds=target, service_level=goal, concurrency=c
        ).agents

    assert need(max(c1, c2)) <= need(min(c1, c2))


@PROPERTY
@given(arrivals, ahts, concurrencies, st.floats(0, 0.9), st.floats(0, 0.9))
def test_shrinkage_never_reduces_agents(a: float, aht: float, c: int, s1: float, s2: float) -> None:
    low = agents_needed(a, aht, concurrency=c, shrinkage=min(s1, s2))
    high = agents_needed(a, aht, concurrency=c, shrinkage=max(s1, s2))
    assert low.raw_agents == high.raw_agents
    assert high.raw_agents <= low.agents <= high.agents


@PROPERTY
@given(st.floats(0.1, 100), st.integers(1, 40))
def test_erlang_c_matches_textbook(traffic: float, extra: int) -> None:
    agents = math.floor(traffic) + extra  # at most 140: A^N stays within float range
    assert erlang_c(traffic, agents) == pytest.approx(
        textbook_erlang_c(traffic, agents), rel=1e-9, abs=1e-300
    )


# -- hourly forecasts ----------------------------------------------------------------------
def test_forecast_demand_builds_hourly_demand() -> None:
    rows = [
        ForecastRow(date(2026, 12, 12), 0, "售前", 600, 120, concurrency=3),
        ForecastRow(None, 23, None, 200, 180),
        ForecastRow("2026-12-12", 4, "aftersales", 0, 180),  # type: ignore[arg-type]
    ]
    demand = forecast_demand(rows, target_seconds=20)
    assert len(demand) == 2  # the row with no inquiries needs nobody
    first, second = demand
    assert isinstance(first, Demand)
    assert first.date == date(2026, 12, 12)
    assert first.role == "presales"
    assert (first.start, first.end) == (time(0), time(1))
    assert first.required == agents_needed(600, 120, target_seconds=20, concurrency=3).agents
    assert second.date is None and second.role is None
    assert (second.start, second.end) == (time(23), time(0))
    assert second.required == 14  # the Call Centre Helper example, hour by hour

    report = hourly_requirements(rows, target_seconds=20, shrinkage=0.3)
    assert [row for row, _ in report] == rows
    assert report[1][1].agents == 20
    assert report[2][1].agents == 0


def test_forecast_demand_defaults_to_golden_six_seconds() -> None:
    rows = [ForecastRow(None, 10, None, 200, 180)]
    (demand,) = forecast_demand(rows)
    assert demand.required == agents_needed(200, 180, target_seconds=6).agents
    assert service_level(200, 180, demand.required, 6) >= 0.8
    assert service_level(200, 180, demand.required - 1, 6) < 0.8


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"hour": 24}, "hour"),
        ({"hour": -1}, "hour"),
        ({"role": "cook"}, "role"),
        ({"inquiries": -5}, "inquiries"),
        ({"aht_seconds": 0}, "aht_seconds"),
        ({"concurrency": 0}, "concurrency"),
        ({"date": "12/12/2026"}, "date"),
    ],
)
def test_forecast_row_validates(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {
        "date": None,
        "hour": 9,
        "role": None,
        "inquiries": 100,
        "aht_seconds": 120,
        **kwargs,
    }
    with pytest.raises(ValueError, match=field):
        ForecastRow(**args)  # type: ignore[arg-type]
