"""JSON in and out: round trips, the published schema, precise errors, the CLI."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from rostering import (
    LEAVE,
    REST,
    Agent,
    Explanation,
    Handover,
    JsonError,
    Limit,
    Problem,
    Result,
    Roster,
    Status,
    TermValue,
    check,
    read_json,
    solve,
    write_json,
)
from rostering.cli import main
from rostering.explain import Finding, Text
from rostering.jsonio import (
    SCHEMA_VERSION,
    build_schema,
    problem_from_dict,
    problem_from_json,
    problem_to_dict,
    read_problem_file,
    result_from_dict,
    result_to_dict,
    schema,
    schema_text,
)
from rostering.roster import Assignment
from rostering.workbook.template import example_problem

from .strategies import problems

SCHEMA = schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


def _valid(doc: dict[str, Any]) -> None:
    VALIDATOR.validate(doc)


def _through_text(doc: dict[str, Any]) -> Any:
    return json.loads(json.dumps(doc, ensure_ascii=False))


# -- round trips ---------------------------------------------------------------------------
@settings(max_examples=40)
@given(problems())
def test_problem_round_trip(problem: Problem) -> None:
    doc = problem_to_dict(problem)
    _valid(doc)
    assert problem_from_dict(_through_text(doc)) == problem


@st.composite
def results(draw: st.DrawFn) -> Result:
    """Results of every shape (the solver is not involved): any status, rosters with and
    without times and second roles, terms, handovers, notes and explanations."""
    problem = draw(problems(max_agents=5, max_days=9, leave=False))
    status = draw(st.sampled_from(list(Status)))
    codes = [s.code for s in problem.shifts] + [REST, LEAVE]
    roster = None
    if status in (Status.OPTIMAL, Status.FEASIBLE):
        cells = []
        for agent in problem.agents:
            for day in problem.days:
                code = draw(st.sampled_from(codes))
                start = end = None
                if code not in (REST, LEAVE) and draw(st.booleans()):
                    start = datetime.combine(day, time(draw(st.integers(0, 23)), 15))
                    end = start + timedelta(minutes=draw(st.integers(60, 900)))
                role = draw(st.sampled_from((None, "aftersales")))
                cells.append(Assignment(agent.id, day, code, start, end, role))
        roster = Roster(cells)
    numbers = st.floats(allow_nan=False, allow_infinity=False, width=64)
    terms = tuple(
        TermValue(name, draw(TEXT), draw(numbers), draw(st.integers(0, 100)))
        for name in draw(st.lists(st.sampled_from(("unmet_demand", "fairness")), unique=True))
    )
    handovers = tuple(
        Handover(problem.start, "W", "N", "presales", "a0", "a1", draw(st.integers(0, 30)))
        for _ in range(draw(st.integers(0, 2)))
    )
    explanation = None
    if status is Status.INFEASIBLE:
        finding = Finding(Text(draw(TEXT), draw(TEXT)), ("coverage",), ("a0",), (problem.start,))
        explanation = Explanation(
            ("coverage",), (finding,), (Text("add one", "加人"),), draw(st.booleans()),
            (Text("Coverage", "覆盖"),),
        )  # fmt: skip
    settings_ = draw(
        st.dictionaries(
            st.sampled_from(("time_limit", "seed", "search", "deterministic")),
            st.one_of(st.integers(0, 10), st.booleans(), TEXT, numbers),
        )
    )
    return Result(
        problem,
        status,
        roster,
        None if roster is None else draw(numbers),
        draw(st.none() | numbers),
        terms,
        draw(numbers),
        draw(numbers),
        settings_,
        handovers,
        tuple(draw(st.lists(TEXT, max_size=2))),
        explanation,
    )


@settings(max_examples=30)
@given(results())
def test_result_round_trip(result: Result) -> None:
    doc = result_to_dict(result)
    _valid(doc)
    assert result_from_dict(_through_text(doc)) == result
    small = result_to_dict(result, include_problem=False)
    _valid(small)
    assert "problem" not in small["result"]
    assert result_from_dict(_through_text(small), problem=result.problem) == result


def test_a_solved_result_round_trips_with_its_checks(tmp_path: Path) -> None:
    problem = example_problem()
    result = solve(problem, time_limit=1, workers=1, seed=0)
    assert result.roster is not None
    path = tmp_path / "result.json"
    write_json(path, result)
    doc = json.loads(path.read_text("utf-8"))
    _valid(doc)
    body = doc["result"]
    assert body["found"] is True and body["status"] == result.status.value
    assert body["gap"] == result.gap
    assert body["checks"] and all(c["passed"] and not c["violations"] for c in body["checks"])
    assert {c["rule"] for c in body["checks"]} >= {"one_per_day", "rest_days", "handover"}
    cells = {a["shift"] for a in body["roster"]}
    assert {REST, "W", "N"} <= cells  # rest is spelled OFF, as in the Assignments sheet
    back = read_json(path)
    assert back == result
    assert isinstance(back, Result) and back.roster is not None
    assert check(back.problem, back.roster) == []
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # no temporary file left


def test_previous_roster_and_limits_round_trip() -> None:
    start = date(2027, 1, 1)
    previous = Roster.from_grid(date(2026, 12, 29), {"A": "W N -", "B": "N - W"})
    problem = Problem(
        start,
        (Agent("A"), Agent("B"), Agent("C", shifts="W,N,R")),
        previous=previous,
        limits=(Limit("max_shifts", 8, shift="N"), Limit("max_weekends", 3, agent="A")),
    )
    doc = problem_to_dict(problem, settings={"time_limit": 2.5, "seed": 7})
    _valid(doc)
    assert problem_from_dict(_through_text(doc)) == problem
    assert doc["problem"]["previous"][2] == {
        "agent": "A", "date": "2026-12-31", "shift": "OFF", "start": None, "end": None,
        "role": None, "break_start": None, "break_end": None,
    }  # fmt: skip


def test_the_shipped_schema_is_the_one_built_from_the_dataclasses() -> None:
    # After changing a dataclass, rewrite the file as `schema_text` says.
    assert json.loads(schema_text()) == SCHEMA == build_schema()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_dates_times_and_ratios_are_spelled_as_in_the_workbook() -> None:
    body = problem_to_dict(example_problem())["problem"]
    assert body["start"] == "2026-12-01"
    assert {s["code"]: (s["start"], s["end"]) for s in body["shifts"]}["N"] == ("17:00", "01:00")
    assert body["rules"]["role_ratios"]["aftersales"] == "1/4"
    assert body["rules"]["promotion_days"] == ["2026-12-12"]


# -- errors ----------------------------------------------------------------------------------
def _doc() -> dict[str, Any]:
    return _through_text(problem_to_dict(example_problem()))  # type: ignore[no-any-return]


def _set(path: str, value: Any) -> Any:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is KeyError:
            del node[last]
        else:
            node[int(last) if last.isdigit() else last] = value

    return change


BAD_DOCUMENTS = [
    (
        "unknown role",
        _set("problem.agents.2.role", "boss"),
        "problem.agents[2]: agent 'A03': unknown role 'boss'",
    ),
    (
        "shifts not a list",
        _set("problem.agents.0.shifts", 5),
        "problem.agents[0].shifts: expected a list, got a number",
    ),
    (
        "rest days as text",
        _set("problem.rules.rest_days_per_month", "four"),
        "problem.rules.rest_days_per_month: expected a whole number, got text",
    ),
    (
        "bad date",
        _set("problem.leave.0.date", "2026-13-03"),
        "problem.leave[0].date: expected YYYY-MM-DD, got '2026-13-03'",
    ),
    (
        "bad time",
        _set("problem.shifts.0.start", "8 am"),
        "problem.shifts[0].start: expected HH:MM, got '8 am'",
    ),
    (
        "unknown field",
        _set("problem.agents.1.colour", "red"),
        "problem.agents[1].colour: unknown field",
    ),
    (
        "missing field",
        _set("problem.agents.1.id", KeyError),
        "problem.agents[1]: missing field 'id'",
    ),
    (
        "leave of a stranger",
        _set("problem.leave.0.agent", "Z9"),
        "problem: leave on 2026-12-03: unknown agent 'Z9'",
    ),
    (
        "bad ratio",
        _set("problem.rules.role_ratios.aftersales", "a quarter"),
        "problem.rules.role_ratios.aftersales: expected a fraction",
    ),
    (
        "bad literal",
        _set("problem.rules.rest_days_mode", "most"),
        "problem.rules.rest_days_mode: expected one of 'exact', 'min', got 'most'",
    ),
    (
        "newer version",
        _set("version", SCHEMA_VERSION + 1),
        f"version: the document has version {SCHEMA_VERSION + 1}",
    ),
    ("wrong kind", _set("kind", "rostering.result"), "kind: expected 'rostering.problem'"),
    ("bad setting", _set("settings", {"time_limit": 0}), "settings.time_limit: must be above 0"),
]
SEMANTIC = ("unknown role", "leave of a stranger")
"""Mistakes only the reader finds: the schema fixes the structure and the types."""


@pytest.mark.parametrize("name, change, message", BAD_DOCUMENTS, ids=[b[0] for b in BAD_DOCUMENTS])
def test_bad_documents_name_the_place(name: str, change: Any, message: str) -> None:
    doc = _doc()
    change(doc)
    with pytest.raises(JsonError) as caught:
        problem_from_dict(doc)
    assert any(e.startswith(message) for e in caught.value.errors), caught.value.errors
    if name not in SEMANTIC:
        with pytest.raises(jsonschema.ValidationError):
            _valid(doc)


def test_every_problem_of_a_document_is_reported_at_once() -> None:
    doc = _doc()
    _set("problem.agents.2.role", "boss")(doc)
    _set("problem.rules.rest_days_per_month", "four")(doc)
    _set("problem.shifts.0.start", "8 am")(doc)
    with pytest.raises(JsonError) as caught:
        problem_from_dict(copy.deepcopy(doc))
    assert len(caught.value.errors) == 3


def test_text_that_is_not_json_names_line_and_column() -> None:
    with pytest.raises(JsonError, match=r"not JSON \(line 2, column 1"):
        problem_from_json('{"kind": "rostering.problem",\n}')


# -- the command line ------------------------------------------------------------------------
def test_roster_solve_reads_json_and_writes_json(tmp_path: Path) -> None:
    staff = tmp_path / "staff.json"
    write_json(staff, example_problem(), settings={"time_limit": 1, "seed": 0})
    assert read_problem_file(staff).time_limit == 1
    out = tmp_path / "result.json"
    run = CliRunner().invoke(main, ["solve", str(staff), "-o", str(out), "--workers", "1", "-q"])
    assert run.exit_code == 0, run.output
    result = read_json(out)
    assert isinstance(result, Result) and result.roster is not None
    assert result.settings["time_limit"] == 1 and result.settings["seed"] == 0
    assert result.problem == example_problem()
    assert check(result.problem, result.roster) == []
    # and the roster workbook from the same JSON input
    book = tmp_path / "staff-roster.xlsx"
    run = CliRunner().invoke(main, ["solve", str(staff), "--workers", "1", "-q"])
    assert run.exit_code == 0, run.output
    assert book.exists()


def test_roster_solve_bad_json_names_the_place_and_writes_nothing(tmp_path: Path) -> None:
    doc = _doc()
    _set("problem.agents.2.role", "boss")(doc)
    staff = tmp_path / "staff.json"
    staff.write_text(json.dumps(doc), "utf-8")
    run = CliRunner().invoke(main, ["solve", str(staff), "-o", str(tmp_path / "out.json")])
    assert run.exit_code == 1
    assert "staff.json: problem.agents[2]: agent 'A03': unknown role 'boss'" in run.output
    assert "Traceback" not in run.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["staff.json"]


def test_roster_solve_without_roster_writes_the_status_as_json(tmp_path: Path) -> None:
    staff = tmp_path / "one.json"
    write_json(staff, Problem(date(2026, 12, 1), (Agent("A01"),)))
    out = tmp_path / "one-result.json"
    run = CliRunner().invoke(main, ["solve", str(staff), "-o", str(out), "--time-limit", "1"])
    assert run.exit_code == 3, run.output
    doc = json.loads(out.read_text("utf-8"))
    _valid(doc)
    assert doc["result"]["status"] == "infeasible" and doc["result"]["roster"] is None
    assert doc["result"]["explanation"]["rules"]
    assert doc["result"]["checks"] == []


def test_roster_solve_refuses_other_outputs(tmp_path: Path) -> None:
    staff = tmp_path / "staff.json"
    write_json(staff, example_problem())
    run = CliRunner().invoke(main, ["solve", str(staff), "-o", str(tmp_path / "out.csv")])
    assert run.exit_code == 2
    assert "must be an .xlsx or .json file" in run.output
