"""The manager's reading: the roster in plain words, requests granted or not, Ctrl-C.

The Summary sheet starts with what the roster achieved and what it could not, and why
(`rostering.briefing`), the solver's details below; the Requests sheet names every
request; a search stopped by Ctrl-C says so and exits 130 with the best roster written.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time as clock
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from rostering import REST, Demand, Problem, Request, Result, Roster, check, solve
from rostering.briefing import SUB, briefing, no_roster_briefing, request_outcomes
from rostering.cli import main
from rostering.result import Status
from rostering.workbook import read_problem, read_roster
from rostering.workbook.outputs.requests import GRANTED, REFUSED, REQUEST_COLUMNS
from rostering.workbook.template import example_problem, write_input_workbook
from rostering.workbook.writer import build_no_roster_workbook, build_roster_workbook

EXAMPLES = Path(__file__).parent.parent / "examples"
PROMOTION = date(2026, 12, 12)
SHORT_NIGHT = date(2026, 12, 10)
UNCOVERED = date(2026, 12, 11)


def _problem() -> Problem:
    """The example team with demand it cannot meet and requests it cannot grant: five on
    the night shift of 12-10 (four agents rotate), someone online 01:00-02:00 on 12-11
    (no shift covers it), A01 resting on the promotion day, R01 on a night shift."""
    base = example_problem()
    return base.replace(
        demand=(
            *base.demand,
            Demand(5, date=SHORT_NIGHT, shift="N"),
            Demand(1, date=UNCOVERED, start=time(1), end=time(2)),
        ),
        requests=(
            *base.requests,
            Request("A01", PROMOTION),
            Request("R01", date(2026, 12, 5), shift="N", weight=3),
        ),
    )


@dataclass(frozen=True)
class Solved:
    problem: Problem
    result: Result

    @property
    def roster(self) -> Roster:
        assert self.result.roster is not None
        return self.result.roster


@pytest.fixture(scope="module")
def solved() -> Solved:
    problem = _problem()
    result = solve(problem, time_limit=2, workers=2, seed=0, reproducible=True)
    assert result.roster is not None
    return Solved(problem, result)


def _sheet_text(ws: object) -> list[str]:
    """Column A of a sheet, row by row ("" for a blank cell)."""
    return [
        "" if row[0] is None else str(row[0])
        for row in ws.iter_rows(values_only=True)  # type: ignore[attr-defined]
    ]


# -- requests --------------------------------------------------------------------------------
def test_request_outcomes_agree_with_the_requests_term(solved: Solved) -> None:
    outcomes = request_outcomes(solved.problem, solved.roster)
    assert len(outcomes) == len(solved.problem.requests)
    refused = sum(o.weight for o in outcomes if not o.granted)
    assert refused == solved.result.term("requests").value
    for o in outcomes:
        code = solved.roster.shift(o.agent, o.date)
        assert o.got == code
        wanted = REST if o.asked == "rest" else o.asked.removeprefix("work ")
        assert o.granted == (code == wanted)
        assert (o.why == "") == o.granted
    by = {(o.agent, o.date): o for o in outcomes}
    assert by["A01", PROMOTION].why == "a promotion day, when everyone is on duty (全员在岗)"
    assert by["R01", date(2026, 12, 5)].why == "R01 may not work N (Staff sheet)"


def test_the_requests_sheet_names_every_request(solved: Solved) -> None:
    book = build_roster_workbook(solved.problem, solved.roster, result=solved.result)
    ws = book["Requests"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[2] == REQUEST_COLUMNS
    outcomes = request_outcomes(solved.problem, solved.roster)
    body = [r for r in rows[3:] if r[0]]
    assert [(r[0], r[2], r[5]) for r in body] == [
        (o.agent, o.date.isoformat(), GRANTED if o.granted else REFUSED) for o in outcomes
    ]
    refused = sum(1 for o in outcomes if not o.granted)
    assert f"{len(outcomes) - refused} of {len(outcomes)} granted" in str(rows[0][0])


# -- the plain words -------------------------------------------------------------------------
def test_briefing_says_what_was_met_and_what_was_not(solved: Solved) -> None:
    lines = briefing(solved.problem, solved.roster, solved.result)
    assert lines[1] == "Every hard rule holds (checked independently of the solver: see Checks)."
    on_n = sum(1 for a in solved.problem.agents if solved.roster.shift(a.id, SHORT_NIGHT) == "N")
    assert on_n < 5
    demand = next(i for i, line in enumerate(lines) if line.startswith("Demand is met on "))
    details = lines[demand + 1 : demand + 6]
    short = 5 - on_n
    assert any(
        line.startswith(
            f"{SUB}12-10 N shift: {short} agent{'s' if short > 1 else ''} short ({on_n} of 5); "
            "that day the 6 agents: "
        )
        for line in details
    ), details
    assert (
        f"{SUB}12-11 01:00-02:00: 1 agent short (0 of 1); no shift covers 01:00-02:00, so "
        "nobody can be online then."
    ) in details
    requests = next(i for i, line in enumerate(lines) if line.startswith("Requests: "))
    refused = lines[requests + 1 :]
    assert any("A01 rest on 12-12 (a promotion day" in line for line in refused)
    assert any("R01 work N on 12-05 (R01 may not work N (Staff sheet))" in line for line in refused)
    assert any(line.startswith("Peak hours on 12-12 (promotion day): ") for line in lines)
    objective = solved.result.objective
    assert objective is not None
    assert lines[-1].startswith(f"Score: {objective:,.0f} points (lower is better): unmet demand")


@pytest.mark.parametrize(
    ("change", "first"),
    [
        ({"status": Status.OPTIMAL}, "The roster is the best possible: no roster scores fewer"),
        (
            {"status": Status.FEASIBLE, "objective": 1000.0, "bound": 993.0},
            "The roster is within 0.7% of the best possible (no roster can score below 993 "
            "points; this one scores 1,000).",
        ),
        ({"status": Status.FEASIBLE, "bound": None}, "How far the roster is from the best"),
        (
            {
                "status": Status.FEASIBLE,
                "runtime": 12.34,
                "notes": ("interrupted (Ctrl-C): the search stopped early",),
            },
            "The search was interrupted (Ctrl-C) after 12.3 s: this is the best roster found",
        ),
    ],
)
def test_the_first_line_says_how_good_the_roster_is(
    solved: Solved, change: dict[str, object], first: str
) -> None:
    result = replace(solved.result, **change)  # type: ignore[arg-type]
    assert briefing(solved.problem, solved.roster, result)[0].startswith(first)


def test_a_roster_not_solved_here_and_broken_says_so(solved: Solved) -> None:
    day = next(d for d in solved.problem.days if solved.roster.shift("R01", d) == "R")
    broken = solved.roster.replace_cells({("R01", day): REST})
    lines = briefing(solved.problem, broken)
    assert lines[0].startswith("This roster was not solved here")
    assert lines[1].startswith("The roster breaks hard rules 1 time(s): rest_days (1).")
    assert "not a valid roster" in lines[1]


def test_the_summary_sheet_puts_plain_words_first(solved: Solved) -> None:
    book = build_roster_workbook(solved.problem, solved.roster, result=solved.result)
    text = _sheet_text(book["Summary"])
    words = text.index("概要 In plain words")
    solve_at = text.index("求解 Solve")
    details = text.index("求解细节 Solver details")
    assert words < solve_at < text.index("检查 Checks") < details < text.index("问题 Problem")
    shown = " ".join(t.strip(" •–") for t in text[words + 1 : solve_at] if t)
    for sentence in briefing(solved.problem, solved.roster, solved.result):
        assert " ".join(sentence.removeprefix(SUB).split()) in " ".join(shown.split())
    phases = solved.result.settings["phases"]
    assert phases and [p["phase"] for p in phases] == text[details + 2 : details + 2 + len(phases)]
    assert not any(t.startswith("setting: ") for t in text)  # the details, not labels


def test_the_no_roster_summary_says_why_in_plain_words() -> None:
    from rostering import Agent

    problem = Problem(date(2026, 12, 1), (Agent("A1"), Agent("A2")))
    result = solve(problem, time_limit=5, workers=2, seed=0, reproducible=True)
    assert result.status is Status.INFEASIBLE
    text = _sheet_text(build_no_roster_workbook(problem, result)["Summary"])
    words = text.index("概要 In plain words")
    shown = " ".join(t.strip(" •") for t in text[words + 1 : text.index("", words)])
    assert shown == " ".join(no_roster_briefing(result))
    assert shown.startswith("No roster exists: these rules cannot all hold")
    assert text.index("Why no roster (原因)") < text.index("求解 Solve")


# -- Ctrl-C ----------------------------------------------------------------------------------
def test_an_interrupted_solve_writes_its_roster_and_exits_130(
    solved: Solved, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = tmp_path / "staff.xlsx"
    rest_only = tuple(r for r in solved.problem.requests if r.shift is None and r.weight == 1)
    write_input_workbook(staff, solved.problem.replace(requests=rest_only), time_limit=2, seed=0)
    problem = read_problem(staff)
    stopped = replace(
        solved.result,
        problem=problem,
        notes=("interrupted (Ctrl-C): the search stopped early; this is the best roster",),
        settings={**solved.result.settings, "interrupted": True},
    )
    monkeypatch.setattr("rostering.cli.solve", lambda *args, **kwargs: stopped)
    out = tmp_path / "roster.xlsx"

    done = CliRunner().invoke(main, ["solve", str(staff), "-o", str(out), "--quiet"])

    assert done.exit_code == 130, done.output
    assert (
        "interrupted (Ctrl-C): the search stopped early; the best roster found until then "
        f"is written to {out}"
    ) in done.output
    assert check(problem, read_roster(out, problem)) == []
    summary = _sheet_text(openpyxl.load_workbook(out)["Summary"])
    assert summary[summary.index("概要 In plain words") + 1].startswith(
        "• The search was interrupted (Ctrl-C) after "
    )
    assert any(
        t == "note" for t in summary
    )  # and the note, in the Solve section, as the console shows it


def _signals_as_at_a_terminal() -> None:
    """In the child: Ctrl-C and SIGTERM at their defaults, as under a terminal (a test
    run started in the background inherits them ignored, and Python keeps that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_ctrl_c_during_the_search_keeps_the_best_roster(tmp_path: Path) -> None:
    """The real thing: Ctrl-C once the search has a roster (60 agents, a minute's limit)."""
    shutil.copy(EXAMPLES / "double12.xlsx", tmp_path / "team.xlsx")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-c", "from rostering.cli import main; main()"]
    args = ["solve", "team.xlsx", "-o", "out.xlsx", "--time-limit", "60", "--workers", "2"]
    proc = subprocess.Popen(
        [*command, *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=_signals_as_at_a_terminal,
    )
    assert proc.stderr is not None
    started = clock.perf_counter()
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if "rosters found" in line and "rosters found   0" not in line:
            proc.send_signal(signal.SIGINT)
            break
    out, rest = proc.communicate(timeout=120)
    err = "".join(seen) + rest
    assert clock.perf_counter() - started < 60, err  # stopped, not run to its limit
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted (Ctrl-C): the search stopped early" in out
    assert "the best roster found until then is written to out.xlsx" in err
    summary = _sheet_text(openpyxl.load_workbook(tmp_path / "out.xlsx")["Summary"])
    assert any(t.startswith("• The search was interrupted (Ctrl-C)") for t in summary)
