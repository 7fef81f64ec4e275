"""The Rules sheet comes from the rule registry: every parameter and weight is a key (with
its Chinese alias), validated by the core, and core errors land on their cell by field."""

from __future__ import annotations

import copy
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from rostering import ProblemError, RuleParams, Weights
from rostering.workbook import WorkbookError, read_problem, reader
from rostering.workbook.inputs import RULE_KEYS

from .badbooks import Sheets, good, save

TODAY = date(2026, 11, 22)


def _read(tmp_path: Path, *rows: list[object], staff: list[object] | None = None) -> object:
    sheets: Sheets = copy.deepcopy(good())
    sheets["Rules"] += [list(r) for r in rows]
    if staff is not None:
        sheets["Staff"].append(staff)
    path = tmp_path / "staff.xlsx"
    save(sheets, path)
    return read_problem(path, today=TODAY)


def test_every_parameter_and_weight_is_a_rules_key() -> None:
    for param in RuleParams.specs().values():
        assert param.key in RULE_KEYS
    for weight in Weights.specs().values():
        assert weight.key in RULE_KEYS
    assert "weight_cover" in RULE_KEYS and "role_ratios" in RULE_KEYS


def test_keys_by_chinese_alias_and_values_of_every_kind(tmp_path: Path) -> None:
    problem = _read(
        tmp_path,
        ["最多连续上班天数", 0],  # the off value works in the workbook too
        ["岗位配比", "售后=1/5, phone=1/8"],
        ["rotation_period_days", "month"],
        ["rotation_shifts", "W, N"],
        ["weight_cover", 7],
        ["公平权重", 3],  # weight_fairness by its alias
        ["min_rest_hours", "9.5"],
    )
    rules = problem.rules  # type: ignore[attr-defined]
    assert rules.max_consecutive_work_days == 0
    assert rules.role_ratios == {"aftersales": Fraction(1, 5), "phone": Fraction(1, 8)}
    assert rules.rotation_period_days == "month"
    assert rules.min_rest_hours == 9.5
    weights = problem.weights  # type: ignore[attr-defined]
    assert weights.cover == 7 and weights.fairness == 3


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ["secondary_role_days", 400],
            "Rules!B4: secondary_role_days must be a whole number from 0 to 366, got 400",
        ),
        (
            ["min_rest_hours", "lots"],
            "Rules!B4: min_rest_hours must be a number between 0 and 48, got 'lots'",
        ),
        (["role_ratios", "sales=1/4"], "Rules!B4: role_ratios: unknown or invalid role 'sales'"),
        (
            ["weight_cover", -2],
            "Rules!B4: weight_cover must be a whole number from 0 to 1000000, got -2",
        ),
        (["forbidden_successions", "N>X"], "Rules!B4: forbidden_successions: unknown shift 'X'"),
    ],
)
def test_core_errors_land_on_their_cell(tmp_path: Path, row: list[object], expected: str) -> None:
    with pytest.raises(WorkbookError) as caught:
        _read(tmp_path, row)
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("field", "cell"),
    [
        ("agents[1].shifts", "Staff!D3"),
        ("agents[2].role", "Staff!C4"),
        ("leave[0].date", "Leave!B2"),
        ("demand[0].shift", "Demand!C2"),
        ("peaks[0].start", "Peaks!B2"),
        ("rules.promotion_days", "Rules!B3"),
        ("end", "Rules!B2"),
    ],
)
def test_problem_errors_are_placed_by_field_not_by_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str, cell: str
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise ProblemError("leave: a message that starts like another sheet's", field=field)

    monkeypatch.setattr(reader, "Problem", refuse)
    with pytest.raises(WorkbookError) as caught:
        _read(tmp_path)
    assert str(caught.value) == f"{cell}: leave: a message that starts like another sheet's"
