"""Property tests over random small problems (hypothesis; the ``ci`` profile is seeded).

Across the three tests the CI profile runs 200 examples.
"""

from __future__ import annotations

from hypothesis import event, given, settings
from hypothesis import strategies as st

from rostering import LEAVE, REST, Leave, Problem, Roster, Status, check, solve
from rostering.rules.peaks import PeakCoverage
from rostering.rules.view import View

from .strategies import PEAKS_ONLY, problems

#: Seconds per solve (wall-clock; a work budget in the reproducible test). What the tests
#: assert holds for any budget: checked rosters, bounds below objectives, equal rosters.
LIMIT = 2.0


@settings(max_examples=100)
@given(problems())
def test_every_roster_solve_returns_passes_the_checker(problem: Problem) -> None:
    result = solve(problem, time_limit=LIMIT, workers=2, seed=1)
    event(result.status.value)
    if result.roster is None:
        assert result.status in (Status.INFEASIBLE, Status.UNKNOWN)
        return
    assert check(problem, result.roster) == []
    assert len(result.roster) == len(problem.agents) * problem.num_days
    assert result.objective is not None and result.bound is not None
    assert result.bound <= result.objective + 1e-9


@settings(max_examples=50)
@given(problems(max_agents=8, max_days=21), st.integers(0, 3))
def test_same_input_and_seed_give_the_same_roster(problem: Problem, seed: int) -> None:
    """The reproducible mode: the same input, seed and worker count, the same roster."""
    first = solve(problem, time_limit=LIMIT, workers=2, seed=seed, reproducible=True)
    second = solve(problem, time_limit=LIMIT, workers=2, seed=seed, reproducible=True)
    assert first.status == second.status
    assert first.roster == second.roster
    assert first.objective == second.objective


def _peak_score(problem: Problem, roster: Roster) -> tuple[int, int]:
    """(lowest peak-slot coverage, agent-minutes online in peak slots) of ``problem``."""
    slots = PeakCoverage().slots(View(problem, roster))
    if not slots:
        return (0, 0)
    return (min(s.online for s in slots), sum(s.online * s.minutes for s in slots))


def _leave_as_rest(roster: Roster) -> Roster:
    return Roster(a if a.shift != LEAVE else type(a)(a.agent, a.date, REST) for a in roster)


@settings(max_examples=50)
@given(problems(max_agents=8, max_days=21, leave=False, rest_mode="min"), st.data())
def test_adding_leave_never_raises_peak_coverage(problem: Problem, data: st.DataObject) -> None:
    """Leave takes agents away, so the best peak coverage can only fall.

    Stated for the ``min`` rest-day mode and leave off promotion days: there, any roster
    of the problem with leave, with each leave day turned into a rest day, is a roster of
    the problem without it, with the same agents online. (In ``exact`` mode leave can
    stand in for a rest day the rules would otherwise force, and on a promotion day leave
    excuses an agent the rules would otherwise force to work, so the claim does not hold
    there.) Coverage is measured on the peak hours of the problem without leave. Extra
    rest days are unlimited and free here, as leave turned into rest adds rest days; and
    the month's own rules count, without the look-ahead to the next month.
    """
    rules = problem.rules.with_(max_extra_rest_days=31, lookahead=False)
    problem = problem.replace(weights=PEAKS_ONLY, requests=(), rules=rules)
    promo = set(problem.rules.promotion_days)
    cells = [(a.id, d) for a in problem.agents for d in problem.days if d not in promo]
    if not cells:
        return
    picked = data.draw(st.lists(st.sampled_from(cells), min_size=1, max_size=6, unique=True))
    with_leave = problem.replace(leave=tuple(Leave(a, d) for a, d in picked))
    base = solve(problem, time_limit=LIMIT, workers=2, seed=0)
    more = solve(with_leave, time_limit=LIMIT, workers=2, seed=0)
    event(f"{base.status.value} / {more.status.value}")
    if more.roster is None:
        return
    as_rest = _leave_as_rest(more.roster)
    assert check(problem, as_rest) == [], "leave turned into rest must be a valid roster"
    assert _peak_score(problem, as_rest) == _peak_score(problem, more.roster)
    if base.status is Status.OPTIMAL:
        assert base.roster is not None
        weights = (PEAKS_ONLY.peak_min, PEAKS_ONLY.peak_total)

        def score(roster: Roster) -> float:
            low, total = _peak_score(problem, roster)
            return weights[0] * low + weights[1] * total / 60

        assert score(base.roster) >= score(more.roster) - 1e-9
    else:
        assert base.status is not Status.INFEASIBLE, "a roster exists: the leave one as rest"
