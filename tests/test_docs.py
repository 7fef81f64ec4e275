"""The documentation runs: README snippets, docs/api.md, the notebook example, doctests."""

from __future__ import annotations

import doctest
import inspect
import re
import runpy
from pathlib import Path

import pytest

import rostering
from rostering import frames, jsonio
from rostering.frames import FRAME_COLUMNS

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text("utf-8")
API = (ROOT / "docs" / "api.md").read_text("utf-8")
PYTHON = re.compile(r"```python\n(.*?)```", re.S)


def _run(code: str, name: str, namespace: dict[str, object]) -> None:
    exec(compile(code, name, "exec"), namespace)


@pytest.mark.parametrize("number", range(len(PYTHON.findall(README))))
def test_readme_snippet_runs(
    number: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # snippets may write files
    _run(PYTHON.findall(README)[number], f"README.md snippet {number}", {"__name__": "__main__"})
    assert capsys.readouterr().out  # each snippet shows its result


def test_api_examples_run_in_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)  # the examples read examples/seed_team.xlsx
    namespace: dict[str, object] = {"__name__": "__main__"}
    blocks = PYTHON.findall(API)
    assert len(blocks) >= 7
    for number, block in enumerate(blocks):
        _run(block, f"docs/api.md example {number}", namespace)
    shown = capsys.readouterr().out
    assert "unknown role 'boss'" in shown and "LEAVE" in shown


def test_every_frame_column_is_documented_with_its_dtype() -> None:
    for name, columns in FRAME_COLUMNS.items():
        table = "\n".join(f"| `{c.name}` | `{c.dtype}` | {c.doc} |" for c in columns)
        assert f"### `{name}`\n\n| column | dtype | meaning |\n|---|---|---|\n{table}\n" in API


def test_the_api_surface_is_documented() -> None:
    """Every function of the import surface has a numpydoc docstring with its parameters
    and what it returns, and appears in docs/api.md."""
    for name in ("read_workbook", "write_workbook", "solve", "check", "explain", "resolve",
                 "swap", "solve_many", "read_json", "write_json", "read_roster"):  # fmt: skip
        function = getattr(rostering, name)
        doc = inspect.getdoc(function) or ""
        assert "Parameters\n----------" in doc, name
        assert "Returns\n-------" in doc or name == "write_json", name
        assert f"`{name}(" in API or f"{name}(" in API, name
    for name in rostering.__all__:
        assert getattr(rostering, name) is not None


def test_the_notebook_example_builds_solves_and_plots(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    namespace = runpy.run_path(str(ROOT / "examples" / "frames_notebook.py"), run_name="__main__")
    result = namespace["result"]
    assert isinstance(result, rostering.Result) and result.found
    assert (tmp_path / "coverage-12-12.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("module", [frames, jsonio], ids=lambda m: m.__name__)
def test_doctests(module: object) -> None:
    failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert tried > 0 and failed == 0
