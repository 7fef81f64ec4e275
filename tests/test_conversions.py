"""The core types' other forms reach the edges through `rostering.conversions`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import rostering
from rostering import conversions

CORE = Path(rostering.__file__).resolve().parent


def _asked_for() -> set[str]:
    """The conversions the value types call (``convert("name", ...)``)."""
    names = set()
    for module in ("problem.py", "roster.py", "result.py"):
        tree = ast.parse((CORE / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "convert"
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(node.args[0].value)
    return names


def test_every_conversion_the_core_asks_for_is_provided() -> None:
    asked = _asked_for()
    assert {"problem_from_frames", "roster_frame", "result_to_json"} <= asked
    assert asked <= set(conversions._PROVIDED)


def test_an_unknown_conversion_is_a_clear_error() -> None:
    with pytest.raises(RuntimeError, match="no conversion 'nothing'"):
        conversions.convert("nothing")
