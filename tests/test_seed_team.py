"""The six-agent team of the source article (000): two rotating W/N pairs, two regulars."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rostering import REST, Model, Status, check, solve
from rostering.index import Index
from rostering.lookahead import without_lookahead
from rostering.rules import RULES
from rostering.rules.rotation import Blocks, Rotation

EXAMPLE = Path(__file__).parent.parent / "examples" / "seed_team.py"


def _example_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("seed_team", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["seed_team"] = module
    spec.loader.exec_module(module)
    return module


def test_seed_team_solves_to_optimal_and_passes_every_rule() -> None:
    problem = _example_module().seed_team_problem()
    assert problem.num_days == 31
    result = solve(problem, time_limit=10, workers=2, seed=0)
    assert result.status is Status.OPTIMAL
    assert result.roster is not None
    assert check(problem, result.roster) == []
    assert result.gap == 0
    for agent in problem.agents:
        rests = [d for d in problem.days if result.roster.shift(agent.id, d) == REST]
        assert len(rests) == 4, agent.id
    for d in problem.days:
        on = [result.roster.shift(a.id, d) for a in problem.agents]
        assert on.count("W") >= 1 and on.count("N") >= 1 and on.count("R") >= 1


def test_the_example_script_prints_a_roster(capsys) -> None:  # type: ignore[no-untyped-def]
    _example_module().main()
    out = capsys.readouterr().out
    assert "status: optimal" in out
    assert "checker: 0 violations" in out
    assert "A01" in out and "R02" in out


@dataclass(frozen=True)
class _MonthAlignedBlocks(Blocks):
    def starts(self) -> list[tuple[int, int]]:
        return [(kind, 0) for kind in (0, 1)]


class _MonthAlignedRotation(Rotation):
    """Everyone's weekly blocks start on the 1st of the month: no per-agent phase."""

    def automaton(self, ix: Index, a: int) -> Blocks | None:
        blocks = super().automaton(ix, a)
        if blocks is None:
            return None
        return _MonthAlignedBlocks(
            blocks.day_syms, blocks.night_syms, blocks.period, blocks.month_ends
        )


def test_calendar_aligned_blocks_are_infeasible_but_phases_are_not() -> None:
    """DOMAIN rule 5: with exactly four rest days and no W the morning after N, weekly
    blocks that start on the 1st for everyone leave no roster for the team; letting each
    agent pick a phase does. (The month's own rules: without the look-ahead, which with
    two 31-day months in a row leaves the regular agents one legal month each.)"""
    problem = without_lookahead(_example_module().seed_team_problem(date(2026, 12, 1)))
    aligned = [_MonthAlignedRotation() if r.name == "rotation" else r for r in RULES]
    model = Model(problem, aligned)
    assert model.solve(time_limit=10, workers=2, seed=0).status_name == "INFEASIBLE"
    phased = Model(problem, RULES)
    assert phased.solve(time_limit=10, workers=2, seed=0).status_name == "OPTIMAL"
