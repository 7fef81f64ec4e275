"""Per-rule tests, generated from the rule registry: every hard rule has rosters that
break it and rosters that do not, and each breaking roster breaks that rule only."""

from __future__ import annotations

import pytest

from rostering import RULES, check, term_values
from rostering.rules import HARD_RULES, SOFT_RULES

from .cases import Case, hard_cases, soft_cases

HARD = hard_cases()
SOFT = soft_cases()


def test_every_hard_rule_has_breaking_and_passing_cases() -> None:
    for rule in HARD_RULES:
        kinds = {c.broken for c in HARD if c.rule == rule.name}
        assert kinds == {True, False}, f"rule {rule.name} lacks a breaking or passing case"


def test_every_soft_rule_has_a_case() -> None:
    names = {c.rule for c in SOFT}
    assert {r.name for r in SOFT_RULES} <= names


def test_cases_name_registered_rules() -> None:
    names = {r.name for r in RULES}
    assert {c.rule for c in HARD + SOFT} <= names


@pytest.mark.parametrize("case", HARD, ids=lambda c: c.id)
def test_hard_rule_case(case: Case) -> None:
    found = check(case.problem, case.roster)
    if case.broken:
        assert found, "expected a violation"
        assert {v.rule for v in found} == {case.rule}, [str(v) for v in found]
        for v in found:
            assert v.amount > 0
            assert v.message
    else:
        assert found == [], [str(v) for v in found]


@pytest.mark.parametrize("case", SOFT, ids=lambda c: c.id)
def test_soft_term_case(case: Case) -> None:
    assert check(case.problem, case.roster) == []
    values = term_values(case.problem, case.roster)
    for term, expected in case.notes.items():
        assert values[term] == expected, term
