"""Hostile runs of the ``roster`` command: outputs that cannot be written, reruns, bugs,
signals. Whatever happens: a precise message, the right exit code, no traceback, no
roster lost or replaced, no temporary file left, no live formula from user text.

The signal cases run the real command in a subprocess on the six-agent example team and
hold it at the moment to hit (inside the workbook save, or right after the solve) with
a small patch of a library function, so that a signal lands there every time.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from rostering import Agent, check
from rostering.cli import main
from rostering.solver import InternalError
from rostering.workbook import files as workbook_files
from rostering.workbook import outputs, read_problem, read_roster
from rostering.workbook.outputs import OutputSheet, RosterReport
from rostering.workbook.template import example_problem, write_input_workbook

from .badbooks import good, save

TIME_LIMIT = "1"
_MAIN = "from rostering.cli import main; main()"  # the roster command, as its script runs it


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(folder: Path) -> list[str]:
    """Temporary files of the workbook writer left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp.xlsx"))


@pytest.fixture
def staff(tmp_path: Path) -> Path:
    path = tmp_path / "staff.xlsx"
    write_input_workbook(path, example_problem(), time_limit=1, seed=0)
    return path


@pytest.fixture
def alone(tmp_path: Path) -> Path:
    """One rotating agent for the six agents' shifts: no roster exists."""
    path = tmp_path / "alone.xlsx"
    problem = example_problem()
    one = problem.replace(agents=problem.agents[:1], leave=(), requests=(), demand=())
    write_input_workbook(path, one, time_limit=1, seed=0)
    return path


def _solve(*args: str) -> tuple[int, str]:
    # Reproducible: the status these tests read does not depend on the machine's load.
    result = CliRunner().invoke(
        main, ["solve", *args, "--quiet", "--time-limit", TIME_LIMIT, "--reproducible"]
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.output


# -- reruns ---------------------------------------------------------------------------------
def test_a_rerun_without_a_roster_keeps_the_roster(staff: Path, alone: Path) -> None:
    roster = staff.parent / "r.xlsx"
    assert _solve(str(staff), "-o", str(roster))[0] == 0
    before = _digest(roster)
    code, output = _solve(str(alone), "-o", str(roster))
    assert code == 3, output
    beside = staff.parent / "r-no-roster.xlsx"
    assert f"{roster} holds a roster and is kept as it is; {beside} has only the Summary" in output
    assert _digest(roster) == before
    assert load_workbook(beside).sheetnames == ["Summary"]
    # a second run replaces its own Summary-only workbook, not the roster
    code, output = _solve(str(alone), "-o", str(roster))
    assert code == 3 and f"{beside} has only the Summary" in output
    assert _digest(roster) == before
    assert sorted(p.name for p in staff.parent.glob("r*.xlsx")) == ["r-no-roster.xlsx", "r.xlsx"]


# -- outputs that cannot be written ---------------------------------------------------------
def _failing_save(monkeypatch: pytest.MonkeyPatch, fails: str) -> None:
    """Make saving fail with a full disk for temporary files whose name starts with
    ``fails`` (every file when empty)."""
    save_book = openpyxl.Workbook.save

    def save_or_fail(self: openpyxl.Workbook, filename: str) -> None:
        if Path(filename).name.startswith(fails):
            Path(filename).write_bytes(b"PK half a file")
            raise OSError(errno.ENOSPC, "No space left on device")
        save_book(self, filename)

    monkeypatch.setattr(openpyxl.Workbook, "save", save_or_fail)


def test_a_roster_that_cannot_be_written_goes_under_another_name(
    staff: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = staff.parent / "r.xlsx"
    _failing_save(monkeypatch, ".r.xlsx.")
    code, output = _solve(str(staff), "-o", str(target))
    assert code == 1, output
    recovered = staff.parent / "r-recovered.xlsx"
    assert f"cannot write {target}: the disk is full; free some disk space" in output
    assert f"The roster was written to {recovered} instead." in output
    assert "status: optimal" in output and "checker: every hard rule holds" in output
    assert not target.exists()
    problem = read_problem(staff)
    assert check(problem, read_roster(recovered, problem)) == []
    assert _leftovers(staff.parent) == []


def test_a_roster_that_cannot_be_written_anywhere_is_printed(
    staff: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _failing_save(monkeypatch, "")
    code, output = _solve(str(staff), "-o", str(tmp_path / "r.xlsx"))
    assert code == 1, output
    assert "No other place could be written either, so the roster is printed above." in output
    problem = read_problem(staff)
    for agent in problem.agents:  # one line per agent, one column per day
        assert re.search(rf"^{agent.id}\s+\S", output, re.MULTILINE)
    assert "status: optimal" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["staff.xlsx"]


def test_a_file_size_limit_is_reported_before_solving(staff: Path) -> None:
    resource = pytest.importorskip("resource")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))

    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MAIN, "solve", str(staff), "-o", "r.xlsx", "--quiet"],
        cwd=staff.parent,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "cannot write" in done.stderr and "file-size limit" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in staff.parent.iterdir()) == ["staff.xlsx"]
    assert time.perf_counter() - started < 60


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anyway")
def test_a_read_only_folder_is_reported_before_solving(
    staff: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    monkeypatch.setattr("rostering.cli.solve", lambda *a, **k: pytest.fail("solved first"))
    try:
        code, output = _solve(str(staff), "-o", str(folder / "r.xlsx"))
    finally:
        folder.chmod(0o755)
    assert code == 1
    assert "permission denied" in output and "close it in Excel" in output
    assert "choose another -o" in output
    assert list(folder.iterdir()) == []


# -- bugs are bugs ------------------------------------------------------------------------
def test_a_bug_in_the_writer_writes_nothing_and_keeps_the_roster_on_screen(
    staff: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(ws: object, report: RosterReport) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(outputs, "SHEETS", (*outputs.SHEETS, OutputSheet("Broken", broken)))
    target = staff.parent / "r.xlsx"
    code, output = _solve(str(staff), "-o", str(target))
    assert code == 1
    assert "internal error: ZeroDivisionError: a bug" in output
    assert "This is a bug in rostering, not a problem with your input; nothing written" in output
    assert re.search(r"^A01\s+\S", output, re.MULTILINE)
    assert not target.exists() and _leftovers(staff.parent) == []


def test_an_internal_error_of_the_solver_writes_nothing(
    staff: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def invalid(*args: object, **kwargs: object) -> None:
        raise InternalError("CP-SAT returned MODEL_INVALID")

    monkeypatch.setattr("rostering.cli.solve", invalid)
    target = staff.parent / "r.xlsx"
    code, output = _solve(str(staff), "-o", str(target))
    assert code == 1
    assert "internal error: InternalError: CP-SAT returned MODEL_INVALID" in output
    assert "This is a bug in rostering" in output
    assert not target.exists()


def test_many_problems_are_listed_up_to_a_hundred(tmp_path: Path) -> None:
    sheets = good()
    sheets["Staff"] += [[f"X{i}", "x", "cashier", "W,N"] for i in range(150)]
    path = tmp_path / "many.xlsx"
    save(sheets, path)
    code, output = _solve(str(path), "-o", str(tmp_path / "r.xlsx"))
    assert code == 1
    assert "150 problem(s) in the workbook:" in output
    assert output.count("unknown role 'cashier'") == 100
    assert "... and 50 more" in output


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_as_input_is_refused(tmp_path: Path) -> None:
    code, output = _solve("/dev/zero", "-o", str(tmp_path / "r.xlsx"))
    assert code == 1
    assert "zero: is not a regular file" in output


# -- safe output ----------------------------------------------------------------------------
def _sheet(part: str) -> bool:
    return part.startswith("xl/worksheets/sheet")


def test_user_text_is_never_written_as_a_formula(tmp_path: Path) -> None:
    names = {
        "A01": '=HYPERLINK("http://example.com","click")',
        "A02": "+86 10 1234 5678",
        "A03": "@SUM(A1)",
        "A04": "-1+1",
    }
    problem = example_problem()
    agents = tuple(Agent(a.id, names.get(a.id, a.name), a.role, a.shifts) for a in problem.agents)
    staff = tmp_path / "staff.xlsx"
    write_input_workbook(staff, problem.replace(agents=agents), time_limit=1, seed=0)
    with zipfile.ZipFile(staff) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if _sheet(n))
    assert [a.name for a in read_problem(staff).agents[:4]] == list(names.values())
    target = tmp_path / "r.xlsx"
    assert _solve(str(staff), "-o", str(target))[0] == 0
    with zipfile.ZipFile(target) as archive:
        sheets = [n for n in archive.namelist() if _sheet(n)]
        assert len(sheets) == len(outputs.SHEETS)
        for name in sheets:  # (charts refer to their data with <f>: not a cell's formula)
            assert b"<f>" not in archive.read(name), name
    book = load_workbook(target)
    shown = {
        c.value: c
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value in names.values()
    }
    assert set(shown) == set(names.values())
    assert all(c.data_type == "s" and c.quotePrefix for c in shown.values())


# -- signals --------------------------------------------------------------------------------
_HOLD = """
import os, signal, sys, time
import openpyxl
import rostering.cli as cli

MODE = sys.argv[1]
if MODE == "save":  # hold inside the workbook save, once the temporary file is written
    save = openpyxl.Workbook.save

    def holding(self, filename):
        save(self, filename)
        print("HOLDING", flush=True)
        time.sleep(60)

    openpyxl.Workbook.save = holding
else:  # Ctrl-C right after the solve, before the workbook is built
    build = cli.build_roster_workbook

    def interrupted(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
        return build(*args, **kwargs)

    cli.build_roster_workbook = interrupted
sys.argv = ["roster", *sys.argv[2:]]
cli.main()
"""


def _signals_as_at_a_terminal() -> None:
    """In the child: Ctrl-C and SIGTERM at their defaults, as under a terminal (a test
    run started in the background inherits them ignored, and Python keeps that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_held(staff: Path, mode: str, send: int | None) -> subprocess.CompletedProcess[str]:
    script = staff.parent / "hold.py"
    script.write_text(textwrap.dedent(_HOLD))
    args = ["solve", str(staff), "-o", "r.xlsx", "--quiet", "--time-limit", TIME_LIMIT]
    proc = subprocess.Popen(
        [sys.executable, str(script), mode, *args],
        cwd=staff.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_signals_as_at_a_terminal,
    )
    assert proc.stdout is not None
    if send is not None:
        line = proc.stdout.readline()
        assert line.strip() == "HOLDING", line
        proc.send_signal(send)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize(("send", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_writing_leaves_nothing_behind(staff: Path, send: int, code: int) -> None:
    done = _run_held(staff, "save", send)
    assert done.returncode == code, done.stderr
    assert "interrupted; nothing written" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (staff.parent / "r.xlsx").exists()
    assert _leftovers(staff.parent) == []


def test_ctrl_c_after_the_solve_ends_with_the_products_message(staff: Path) -> None:
    """CP-SAT leaves Ctrl-C at the system default after a solve: without the command's
    care the process would die of the signal (exit -2) with no message."""
    done = _run_held(staff, "after", None)
    assert done.returncode == 130, (done.returncode, done.stderr)
    assert "interrupted; nothing written" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (staff.parent / "r.xlsx").exists()


def test_a_kill_leaves_a_temporary_file_the_next_run_removes(staff: Path) -> None:
    done = _run_held(staff, "save", signal.SIGKILL)
    assert done.returncode == -signal.SIGKILL
    assert len(_leftovers(staff.parent)) == 1
    workbook_files.probe(staff.parent / "r.xlsx")  # what the next run does first
    assert _leftovers(staff.parent) == []


def test_a_live_runs_temporary_file_is_kept(tmp_path: Path) -> None:
    alive = tmp_path / f".r.xlsx.{os.getppid()}.abcd.tmp.xlsx"
    alive.write_bytes(b"being written")
    workbook_files.probe(tmp_path / "r.xlsx")
    assert alive.exists()


@pytest.mark.parametrize(
    ("option", "fragment"),
    [
        (["--time-limit", "nan"], "'nan' is not above 0 and at most 86400 s"),
        (["--time-limit", "inf"], "'inf' is not above 0 and at most 86400 s"),
        (["--time-limit", "0"], "'0' is not above 0 and at most 86400 s"),
        (["--seed", str(2**70)], "is not in the range 0<=x<=2147483647"),
        (["--workers", str(10**12)], "is not in the range 1<=x<=1024"),
    ],
)
def test_command_line_numbers_out_of_range_are_usage_errors(
    staff: Path, option: list[str], fragment: str
) -> None:
    result = CliRunner().invoke(main, ["solve", str(staff), *option])
    assert result.exit_code == 2
    assert fragment in result.output
