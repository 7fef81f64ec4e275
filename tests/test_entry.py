"""The one entry into a solve (`rostering.entry`): explanations and re-rostering build
their models and start their CP-SAT searches there, and a feasibility test over some of
the rules never comes back as a roster."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from rostering import Agent, Leave, Problem, Rules, Status, solve
from rostering.engine.model import Model
from rostering.entry import UNCHECKED, SolveParams, verdict
from rostering.explain import explain
from rostering.replan import resolve, swap_options
from rostering.rules import HARD_RULES, RULES

PARAMS = SolveParams(time_limit=2.0, workers=1, seed=0, reproducible=True)
SWAP: dict[str, Any] = {"time_limit": 1.0, "workers": 1, "seed": 0, "reproducible": True, "most": 2}


def _short_team() -> Problem:
    """Two rotating agents cannot cover W and N every day with their rest days."""
    return Problem(date(2026, 12, 1), (Agent("A1"), Agent("A2")))


def _without(*names: str) -> list[Any]:
    return [r for r in RULES if r.name not in names]


def test_a_subset_solve_says_feasible_and_gives_no_roster() -> None:
    problem = _short_team()
    assert solve(problem, PARAMS, explain=False).status is Status.INFEASIBLE
    result = solve(problem, PARAMS, rules=_without("coverage"), accept=False)
    assert result.status is Status.FEASIBLE
    assert result.roster is None and not result.found
    assert result.objective is None and result.terms == ()
    assert UNCHECKED in result.notes
    assert "coverage" not in result.settings["rules"]
    assert result.settings["accept"] is False


def test_a_subset_solve_proves_infeasible() -> None:
    result = solve(_short_team(), PARAMS, rules=_without("promotion"), accept=False)
    assert result.status is Status.INFEASIBLE and result.roster is None


def test_no_acceptance_never_gives_a_roster_even_with_every_rule() -> None:
    problem = Problem(
        date(2026, 12, 1), tuple(Agent(f"A{k}") for k in range(6)), rules=Rules(lookahead=False)
    )
    assert solve(problem, PARAMS).roster is not None
    result = solve(problem, PARAMS, accept=False)
    assert result.status is Status.FEASIBLE
    assert result.roster is None and result.explanation is None


def test_a_subset_needs_the_option_without_acceptance() -> None:
    with pytest.raises(ValueError, match="accept=False"):
        solve(_short_team(), PARAMS, rules=_without("coverage"))


@pytest.fixture
def callers(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[str]]]:
    """Which files build a `Model` and start a CP-SAT solver through `Model.new_solver`."""
    seen: dict[str, list[str]] = {"model": [], "solver": []}
    build, new_solver = Model.__init__, Model.new_solver.__func__  # type: ignore[attr-defined]

    def where() -> str:
        frame = inspect.stack()[2]
        return f"{Path(frame.filename).parent.name}/{Path(frame.filename).name}:{frame.function}"

    def init(self: Model, *args: Any, **kwargs: Any) -> None:
        seen["model"].append(where())
        build(self, *args, **kwargs)

    def solver(cls: type[Model], *args: Any, **kwargs: Any) -> Any:
        seen["solver"].append(where())
        return new_solver(cls, *args, **kwargs)

    monkeypatch.setattr(Model, "__init__", init)
    monkeypatch.setattr(Model, "new_solver", classmethod(solver))
    yield seen


def _outside_the_entry(places: list[str]) -> list[str]:
    return [
        p for p in places if not (p.startswith("rostering/entry.py") or p.startswith("engine/"))
    ]


def test_explanations_go_through_the_entry(callers: dict[str, list[str]]) -> None:
    why = explain(_short_team(), time_limit=4.0, workers=1, seed=0, reproducible=True)
    assert set(why.rules) == {"rest_days", "coverage"}
    assert callers["model"] and callers["solver"]
    assert set(callers["model"]) == {"rostering/entry.py:build"}
    assert "rostering/entry.py:search" in callers["solver"]
    assert not _outside_the_entry(callers["solver"]), callers["solver"]


def test_explain_tests_subsets_through_the_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("rostering.explain")  # the package's `explain` is the function
    asked: list[tuple[str, ...]] = []

    def counted(problem: Problem, rules: Any, params: SolveParams, started: Any = None) -> Any:
        asked.append(tuple(r.name for r in rules))
        result = verdict(problem, rules, params, started)
        assert result.roster is None
        return result

    monkeypatch.setattr(module, "verdict", counted)
    why = explain(_short_team(), time_limit=4.0, workers=1, seed=0, reproducible=True)
    hard = {r.name for r in HARD_RULES}
    # the whole set first, then one test per candidate rule left out
    assert len(asked) >= 2 and set(asked[0]) <= hard
    assert any("coverage" not in names for names in asked)
    assert set(why.rules) == {"rest_days", "coverage"}


def test_resolve_goes_through_the_entry(callers: dict[str, list[str]]) -> None:
    problem = Problem(
        date(2026, 12, 1),
        tuple(Agent(f"A{k}") for k in range(6)),
        rules=Rules(min_agents_per_shift=1, lookahead=False),
    )
    first = solve(problem, PARAMS)
    assert first.roster is not None
    callers["model"].clear()
    callers["solver"].clear()
    day = date(2026, 12, 20)
    after = problem.replace(leave=(Leave("A0", day), Leave("A0", day + timedelta(days=1))))
    replan = resolve(after, first.roster, date(2026, 12, 15), PARAMS)
    assert replan.result.roster is not None
    assert set(callers["model"]) == {"rostering/entry.py:build"}
    # the fewest-changes stage is a search of the entry; the rest is the engine's
    assert "rostering/entry.py:search" in callers["solver"]
    assert not _outside_the_entry(callers["solver"]), callers["solver"]
    callers["model"].clear()
    callers["solver"].clear()
    cell = next(c for c in replan.result.roster if c.working and c.date == day + timedelta(days=3))
    swap_options(after, replan.result.roster, cell.agent, cell.date, **SWAP)
    # (this small team has no swap: the searches still ran, through the entry)
    assert set(callers["model"]) == {"rostering/entry.py:build"}
    assert set(callers["solver"]) == {"rostering/entry.py:search"}
