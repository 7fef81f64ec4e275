"""Rule parameters and weights: declared by the rules, validated once, with fields."""

from __future__ import annotations

import math
import pickle
from datetime import date
from fractions import Fraction

import pytest

from rostering import Agent, Leave, Problem, ProblemError, RuleParams, Rules, Weights
from rostering.curtois import BENCHMARK_RULES, BENCHMARK_WEIGHTS
from rostering.params import MAX_WHOLE
from rostering.rules import PARAMS, RULES, TERMS, WEIGHTS, owner, rule

DECEMBER = date(2026, 12, 1)


def test_every_rule_parameter_and_weight_comes_from_a_rule() -> None:
    assert list(RuleParams.specs().values()) == list(PARAMS)
    assert [w.name for w in Weights.specs().values()] == [t.weight for t in TERMS]
    for param in (*PARAMS, *WEIGHTS):
        assert param.zh and param.help, param.name
    keys = [p.key for p in (*PARAMS, *WEIGHTS)]
    aliases = [p.zh for p in (*PARAMS, *WEIGHTS)]
    assert len(set(keys)) == len(keys)
    assert len(set(aliases)) == len(aliases)
    assert owner("max_consecutive_work_days").name == "days_in_a_row"


def test_rules_is_rule_params_and_defaults_are_the_domains() -> None:
    assert Rules is RuleParams
    params = Rules()
    assert params.rest_days_per_month == 4 and params.max_consecutive_work_days == 6
    assert params.role_ratios["aftersales"] == Fraction(1, 4)
    assert params.with_(min_rest_hours=8).min_rest_hours == 8
    assert params == Rules() and hash(params) == hash(Rules())
    assert pickle.loads(pickle.dumps(params)) == params


@pytest.mark.parametrize(
    ("values", "field", "text"),
    [
        ({"rest_days_per_month": -1}, "rules.rest_days_per_month", "a whole number >= 0"),
        ({"rest_days_per_month": True}, "rules.rest_days_per_month", "got True"),
        ({"min_rest_hours": math.nan}, "rules.min_rest_hours", "between 0 and 48"),
        ({"min_rest_hours": math.inf}, "rules.min_rest_hours", "between 0 and 48"),
        ({"max_consecutive_work_days": "six"}, "rules.max_consecutive_work_days", ">= 1"),
        ({"secondary_role_days": 400}, "rules.secondary_role_days", "from 0 to 366"),
        ({"min_agents_per_shift": MAX_WHOLE + 1}, "rules.min_agents_per_shift", "at most"),
        ({"rest_days_mode": "some"}, "rules.rest_days_mode", "'exact' or 'min'"),
        ({"role_ratios": {"sales": 1}}, "rules.role_ratios", "unknown or invalid role"),
        ({"handover_min_minutes": 20}, "rules.handover_min_minutes", "above"),
    ],
)
def test_bad_rule_parameters_name_their_field(values: dict, field: str, text: str) -> None:
    with pytest.raises(ProblemError) as caught:
        Rules(**values)
    assert caught.value.field == field
    assert text in str(caught.value)


def test_an_unknown_parameter_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="colour"):
        Rules(colour="red")  # type: ignore[call-arg]


def test_off_values_are_accepted_outside_the_range() -> None:
    assert Rules(max_consecutive_work_days=0).max_consecutive_work_days == 0
    assert Rules(rotation_period_days=0).rotation_period_days == 0
    with pytest.raises(ProblemError, match="0 switches the rule off"):
        Rules(max_consecutive_work_days=-1)


def test_the_benchmark_switches_rules_off_through_the_registry() -> None:
    for r in RULES:
        for name, value in r.off.items():
            assert getattr(BENCHMARK_RULES, name) == value, name
    assert rule("days_in_a_row").off == {"max_consecutive_work_days": 0}
    only_theirs = dict(unmet_demand=0, peak_min=0, peak_total=0, extra_rest=0, fairness=0)
    assert Weights(**only_theirs, requests=1, cover=1) == BENCHMARK_WEIGHTS
    assert BENCHMARK_RULES.lookahead is False  # a fixed horizon: nothing follows it


def test_every_weight_is_a_parameter_cover_included() -> None:
    assert Weights(cover=7).cover == 7
    assert Weights().unmet_demand == 100
    with pytest.raises(ProblemError) as caught:
        Weights(cover=-1)
    assert caught.value.field == "weights.cover"


def test_problem_errors_name_the_field_and_the_allowed_values() -> None:
    team = (Agent("A"), Agent("B", shifts=("W", "X")))
    with pytest.raises(ProblemError) as caught:
        Problem(DECEMBER, team)
    assert caught.value.field == "agents[1].shifts"
    assert caught.value.allowed == "W, N, R" and caught.value.value == "X"
    with pytest.raises(ProblemError) as caught:
        Problem(DECEMBER, (Agent("A"),), leave=(Leave("A", date(2027, 1, 2)),))
    assert caught.value.field == "leave[0].date"
    assert "is outside the month 2026-12" in str(caught.value)
    with pytest.raises(ProblemError) as caught:
        Problem(date(2027, 2, 1), (Agent("A"),), rules=Rules(rest_days_per_month=29))
    assert caught.value.field == "rules.rest_days_per_month"
    assert str(caught.value) == "rest_days_per_month 29 is more than the 28 days of 2027-02"
    with pytest.raises(ProblemError) as caught:
        Agent("A", role="sales")
    assert caught.value.field == "role"
    with pytest.raises(ProblemError) as caught:
        Problem(DECEMBER, ("A",))  # type: ignore[arg-type]
    assert caught.value.field == "agents[0]"
