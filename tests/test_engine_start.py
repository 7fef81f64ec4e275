"""The engine's first roster: the constructive roster shown as soon as every rule is
mended, before its improvement rounds end."""

from __future__ import annotations

from benchmarks.generate import generate
from rostering import check, objective
from rostering.engine.construct import construct
from rostering.entry import build


def test_the_constructive_roster_is_offered_once_every_rule_is_mended() -> None:
    problem = generate(50, 0)
    model = build(problem)
    early: list[dict[int, tuple[int, ...]]] = []
    final = construct(model, on_mended=early.append)
    assert len(early) == 1  # this team's rounds go on after the rules are mended
    first = model.assemble(early[0])
    assert not check(problem, first)
    last = model.assemble(final)
    assert not check(problem, last)
    assert objective(problem, last) <= objective(problem, first)
