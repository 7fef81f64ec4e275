"""Hypothesis strategies for random small rostering problems."""

from __future__ import annotations

import math
from datetime import date, timedelta

from hypothesis import strategies as st

from rostering import ROLES, Agent, Leave, Problem, Request, Rules, Weights

SHIFT_SETS = (("W", "N"),) * 6 + (("R",), ("R",), ("W", "N", "R"), ("W",), ("N",))
FIRST = date(2026, 1, 1)


@st.composite
def problems(
    draw: st.DrawFn,
    *,
    min_agents: int = 2,
    max_agents: int = 15,
    leave: bool = True,
    rest_mode: str | None = None,
    max_days: int = 31,
) -> Problem:
    """A random small team over 7-31 days with random rules, leave and promotion days."""
    start = FIRST + timedelta(days=draw(st.integers(0, 364)))
    days = draw(st.integers(7, max_days))
    end = start + timedelta(days=days - 1)
    # Roles come in workable numbers: pre-sales first, then each other role absent or
    # with at least two agents, so that the face-to-face handover can be staffed.
    roles = ["presales"] * draw(st.integers(min_agents, min(8, max_agents)))
    for role in ROLES[1:]:
        count = draw(st.sampled_from((0, 0, 0, 2, 3)))
        if len(roles) + count <= max_agents:
            roles += [role] * count
    team = [
        Agent(f"a{i}", role=role, shifts=draw(st.sampled_from(SHIFT_SETS)))
        for i, role in enumerate(roles)
    ]
    n = len(team)
    horizon = [start + timedelta(days=k) for k in range(days)]
    promo = draw(st.lists(st.sampled_from(horizon), max_size=2, unique=True))
    # Rule parameters that can hold together: enough rest days for the longest run of
    # working days, and rotation blocks long enough for a rest day at each N->W switch.
    rest = draw(st.sampled_from((4, 4, 5, 6, 8)))
    longest = draw(st.integers(math.ceil((31 - rest) / (rest + 1)), 7))
    period = draw(st.sampled_from((7, 7, 14, "month") + ((5,) if rest >= 6 else ())))
    rules = Rules(
        rest_days_per_month=rest,
        rest_days_mode=rest_mode or draw(st.sampled_from(("exact", "min"))),
        max_consecutive_work_days=longest,
        rotation_period_days=period,
        min_agents_per_shift=draw(st.integers(0, 1)),
        promotion_days=tuple(promo),
        promotion_all_on_duty=draw(st.booleans()),
    )
    leaves: list[Leave] = []
    if leave:
        cells = st.tuples(st.integers(0, n - 1), st.sampled_from(horizon))
        for a, d in draw(st.lists(cells, max_size=n, unique=True)):
            leaves.append(Leave(f"a{a}", d, draw(st.sampled_from(("leave", "unavailable")))))
    requests = [
        Request(f"a{a}", d)
        for a, d in draw(
            st.lists(st.tuples(st.integers(0, n - 1), st.sampled_from(horizon)), max_size=3)
        )
        if (f"a{a}", d) not in {(lv.agent, lv.date) for lv in leaves}
    ]
    return Problem(
        start,
        tuple(team),
        end=end,
        rules=rules,
        leave=tuple(leaves),
        requests=tuple(requests),
    )


PEAKS_ONLY = Weights(
    unmet_demand=0, peak_min=50, peak_total=1, requests=0, fairness=0, extra_rest=0
)
