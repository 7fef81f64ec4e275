"""Many teams at once on a real Dask LocalCluster with two worker processes."""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import psutil
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster
from openpyxl import load_workbook

from rostering import Agent, Problem, Result, Roster, check, read_json, solve, solve_many
from rostering.cli import main
from rostering.jsonio import problem_to_dict
from rostering.many import cores
from rostering.workbook.template import example_problem

EXAMPLES = Path(__file__).parent.parent / "examples"
QUICK = {"time_limit": 0.5, "seed": 0, "workers": 1, "deterministic": True}
"""Short solves in solve's reproducible mode (the limit in deterministic time), so that a
team solved on the cluster and alone get the same roster."""


def _load_make_teams() -> Any:
    spec = importlib.util.spec_from_file_location("make_teams", EXAMPLES / "make_teams.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_teams = _load_make_teams()


def _workers() -> list[psutil.Process]:
    """Worker processes started by this process (not multiprocessing's resource tracker,
    which lives as long as this process)."""
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


def _none_left(before: list[psutil.Process]) -> None:
    """No worker process is left but those of ``before`` (the module's own cluster)."""
    new = [p for p in _workers() if p.pid not in {b.pid for b in before}]
    _gone, alive = psutil.wait_procs(new, timeout=10)
    assert not alive, f"worker processes left behind: {alive}"


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two single-threaded worker processes, the scheduler in this process."""
    assert not _workers()
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        Client(cluster) as connected,
    ):
        assert len(_workers()) == 2
        yield connected
    _none_left([])


def _same(a: Result, b: Result) -> None:
    assert a.status == b.status
    assert a.roster == b.roster
    assert (a.objective, a.bound, a.terms, a.handovers) == (
        b.objective,
        b.bound,
        b.terms,
        b.handovers,
    )


def test_each_team_is_solved_as_it_would_be_alone(client: Client) -> None:
    teams = {"a": example_problem(), "b": make_teams.team(3)}
    outcomes = solve_many(teams, scheduler=client, progress=False, **QUICK)
    assert [o.name for o in outcomes] == ["a", "b"]
    for outcome in outcomes:
        assert outcome.ok and outcome.error is None and outcome.result is not None
        assert outcome.result.problem == teams[outcome.name]
        assert outcome.result.roster is not None
        assert check(outcome.result.problem, outcome.result.roster) == []
        _same(outcome.result, solve(teams[outcome.name], **QUICK))


def test_a_failing_team_never_stops_the_others(client: Client) -> None:
    bad_document = {"kind": "rostering.problem", "version": 1, "problem": {"start": "soon"}}
    teams: dict[str, Any] = {
        "good": example_problem(),
        "unreadable": bad_document,
        "error": example_problem(),  # its settings make solve raise on the worker
        "infeasible": Problem(date(2026, 12, 1), (Agent("A01"),)),
        "as json": problem_to_dict(make_teams.team(5)),
    }
    done: list[str] = []
    outcomes = solve_many(
        teams,
        scheduler=client,
        progress=False,
        per_team={"error": {"time_limit": -1.0}},
        on_done=lambda o: done.append(o.name),
        **QUICK,
    )
    by_name = {o.name: o for o in outcomes}
    assert sorted(done) == sorted(teams)
    assert by_name["good"].status in ("optimal", "feasible")
    assert by_name["as json"].status in ("optimal", "feasible")
    assert by_name["unreadable"].status == "failed"
    assert "problem.start: expected YYYY-MM-DD, got 'soon'" in str(by_name["unreadable"].error)
    assert by_name["error"].status == "failed"
    assert by_name["error"].error == "ValueError: time_limit must be positive"
    assert by_name["infeasible"].status == "infeasible"  # a result, not a failure
    infeasible = by_name["infeasible"].result
    assert infeasible is not None and infeasible.explanation is not None


def test_the_progress_bar_counts_done_running_and_failed(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {"kind": "rostering.problem", "version": 1}
    solve_many({"a": example_problem(), "bad": bad}, scheduler=client, **QUICK)
    shown = capsys.readouterr().err
    assert "teams: 100%" in shown and "2/2" in shown
    assert "failed 1" in shown and "running" in shown


def test_settings_that_cannot_travel_are_refused() -> None:
    start = Roster.from_grid(date(2026, 12, 1), {"A01": "W"})
    with pytest.raises(TypeError, match=r"solve_many passes on only .*; got hint"):
        solve_many([example_problem()], progress=False, hint=start)
    with pytest.raises(TypeError, match=r"got colour \(team 'a'\)"):
        solve_many({"a": example_problem()}, progress=False, per_team={"a": {"colour": 1}})


# -- roster solve-many -----------------------------------------------------------------------
def _summary(folder: Path) -> list[dict[str, str]]:
    with open(folder / "summary.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_solve_many_rosters_twenty_generated_teams(tmp_path: Path) -> None:
    before = _workers()
    teams = make_teams.write_teams(20, tmp_path / "teams")
    assert {p.suffix for p in teams} == {".xlsx", ".json"}
    out = tmp_path / "rosters"
    run = CliRunner().invoke(
        main,
        ["solve-many", str(tmp_path / "teams"), "-o", str(out), "--time-limit", "0.25", "--json"],
    )
    assert run.exit_code == 0, run.output
    assert "teams: 100%" in run.stderr and "20/20" in run.stderr  # the progress bar
    table = run.stdout.splitlines()
    assert table[0].split()[:4] == ["team", "agents", "status", "objective"]
    assert "20 team(s):" in run.stdout
    rows = _summary(out)
    assert [r["team"] for r in rows] == [f"shop-{k:02d}" for k in range(1, 21)]
    assert all(r["status"] in ("optimal", "feasible") for r in rows)
    for row in rows:
        book = load_workbook(out / f"{row['team']}-roster.xlsx", read_only=True)
        assert str(book["Checks"]["A1"].value).startswith("PASS"), row["team"]
        book.close()
        result = read_json(out / f"{row['team']}-result.json")
        assert isinstance(result, Result)
        # the default local cluster: two worker processes on two cores, one CP-SAT worker each
        assert result.settings["workers"] == max(1, cores() // 2)
        assert result.settings["time_limit"] == 0.25 and result.settings["seed"] == 0
    _none_left(before)


def test_solve_many_reports_bad_inputs_and_goes_on(client: Client, tmp_path: Path) -> None:
    folder = tmp_path / "teams"
    make_teams.write_teams(2, folder)
    (folder / "broken.json").write_text("{not json", "utf-8")
    (folder / "empty.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "out"
    address = client.scheduler.address
    run = CliRunner().invoke(
        main,
        ["solve-many", str(folder), "-o", str(out), "--scheduler", address, "--json", "-q",
         "--time-limit", "0.25"],
    )  # fmt: skip
    assert run.exit_code == 1, run.output
    rows = {r["team"]: r for r in _summary(out)}
    assert rows["broken"]["status"] == "failed" and "not JSON" in rows["broken"]["output"]
    assert rows["empty"]["status"] == "failed" and "bad input" in rows["empty"]["output"]
    for good in ("shop-01", "shop-02"):
        assert rows[good]["status"] in ("optimal", "feasible")
        assert (out / f"{good}-roster.xlsx").exists() and (out / f"{good}-result.json").exists()
    assert "Traceback" not in run.output


def test_solve_many_help() -> None:
    run = CliRunner().invoke(main, ["solve-many", "--help"])
    assert run.exit_code == 0
    assert "Exit codes" in run.output and "--scheduler" in run.output
    assert "solve-many" in CliRunner().invoke(main, ["--help"]).output


def test_solve_many_needs_inputs(tmp_path: Path) -> None:
    run = CliRunner().invoke(main, ["solve-many", str(tmp_path), "-o", str(tmp_path / "o")])
    assert run.exit_code == 2
    assert "no .xlsx or .json input files" in run.output


def test_a_roster_that_cannot_be_written_is_kept_as_json(
    client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("rostering.cli.write_roster_workbook", broken)
    make_teams.write_teams(1, tmp_path / "teams")
    out = tmp_path / "out"
    run = CliRunner().invoke(
        main,
        ["solve-many", str(tmp_path / "teams"), "-o", str(out), "-q", "--time-limit", "0.25",
         "--scheduler", client.scheduler.address],
    )  # fmt: skip
    assert run.exit_code == 1, run.output
    [row] = _summary(out)
    assert row["status"] in ("optimal", "feasible")  # solved: only the writing failed
    assert "could not write shop-01-roster.xlsx: OSError: disk full" in row["output"]
    saved = read_json(out / "shop-01-result.json")
    assert isinstance(saved, Result) and saved.roster is not None
    assert not (out / "shop-01-roster.xlsx").exists()
