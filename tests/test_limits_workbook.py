"""The workbook's Limits sheet and forbidden_successions rule key."""

from __future__ import annotations

from pathlib import Path

import pytest

from rostering import Limit
from rostering.workbook import WorkbookError, read_problem

from .badbooks import good, save


def _book(tmp_path: Path, limits: list[list[object]], successions: str | None = None) -> Path:
    sheets = good()
    sheets["Limits"] = [["agent", "rule", "shift", "value"], *limits]
    if successions is not None:
        sheets["Rules"].append(["forbidden_successions", successions])
    path = tmp_path / "staff.xlsx"
    save(sheets, path)
    return path


def test_limits_sheet_and_successions_are_read(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        [
            [None, "max_shifts", "N", 8],  # at most 8 night shifts, everyone
            ["A01", "max_weekends", None, 2],
            ["R01", "MIN_MINUTES", None, 7200],
        ],
        successions="N>W, N>R",
    )
    problem = read_problem(path)
    assert problem.limits == (
        Limit("max_shifts", 8, None, "N"),
        Limit("max_weekends", 2, "A01"),
        Limit("min_minutes", 7200, "R01"),
    )
    assert problem.rules.forbidden_successions == (("N", "W"), ("N", "R"))
    assert problem.limits_of("A02") == (Limit("max_shifts", 8, None, "N"),)


def test_limits_sheet_errors_name_the_cell(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        [
            ["Z99", "max_shifts", None, 8],  # unknown agent: A2
            [None, "most_nights", None, 8],  # unknown limit: B3
            [None, "max_weekends", "N", 1],  # a shift on a limit without one: C4
            [None, "max_shifts", "X", 1],  # unknown shift: C5
            [None, "max_shifts", "N", -1],  # negative value: D6
        ],
        successions="N-W",  # not X>Y
    )
    with pytest.raises(WorkbookError) as err:
        read_problem(path)
    text = "\n".join(str(e) for e in err.value.errors)
    assert "Limits!A2" in text and "unknown agent 'Z99'" in text
    assert "Limits!B3" in text and "unknown limit" in text
    assert "Limits!C4" in text and "only max_shifts takes a shift" in text
    assert "Limits!C5" in text and "unknown shift" in text
    assert "Limits!D6" in text
    assert "Rules!B" in text and "forbidden_successions" in text
