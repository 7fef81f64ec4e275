"""Limits in the model: groups of interchangeable agents keep only the months that satisfy
limits counted over the horizon, and solving respects every limit."""

from __future__ import annotations

from rostering import Limit, Model, Rules, check, solve
from rostering.index import FIRST_SHIFT
from rostering.rules import RULES

from .cases import week


def test_groups_keep_only_months_within_the_limits() -> None:
    # W is 540 min, N 480 min; six shifts a week are 2880 + 60 x (W shifts) minutes, so at
    # most 3010 min leaves at most 2 W (at most 3 W alone would allow 3).
    # Rotation off: with it, W in midweek would need a W block of 3 days or more.
    rules = Rules(rotation_period_days=0)
    problem = week(
        rules=rules, limits=(Limit("max_shifts", 3, None, "W"), Limit("max_minutes", 3010))
    )
    free = [u for u in Model(week(rules=rules), RULES).units if u.is_group]
    model = Model(problem, RULES)
    groups = [u for u in model.units if u.is_group]
    assert groups, "the six rotating agents should form groups"
    assert sum(len(u.patterns) for u in groups) < sum(len(u.patterns) for u in free)
    w = FIRST_SHIFT + [s.code for s in problem.shifts].index("W")
    for unit in groups:
        for pattern in unit.patterns:
            assert pattern.count(w) <= 2
    result = solve(problem, time_limit=5, workers=1, seed=0)
    assert result.roster is not None
    assert check(problem, result.roster) == []


def test_an_agent_with_own_limits_leaves_the_group() -> None:
    problem = week(limits=(Limit("max_shifts", 4, "A"),))
    model = Model(problem, RULES)
    a = problem.agents.index(problem.agent("A"))
    unit = model.units[model.unit_of[a]]
    assert unit.members == (a,) or all(
        sum(sym >= FIRST_SHIFT for sym in p) <= 4 for p in unit.patterns
    )
    for other in unit.members:
        assert other == a or problem.limits_of(problem.agents[other].id) == problem.limits_of("A")
