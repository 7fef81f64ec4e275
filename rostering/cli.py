"""The ``roster`` command: Excel in, Excel out.

Exit codes: 0 ok; 1 bad input, a roster that breaks a rule, an output that could not be
written, or an internal error; 2 usage error; 3 no roster found (infeasible, or none within
the time limit); 130 (143) interrupted by Ctrl-C (a termination signal). ``roster staffing``
exits 0 with warnings too: a short team is a finding, not an error.

Whatever happens, no traceback is printed (unless ``--debug``): every failure ends with a
message saying what to do. A finished solve is never thrown away: when its workbook
cannot be written where asked, it is written under another name, and a workbook without
a roster never replaces a roster.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date as date_
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from . import __version__
from .briefing import interrupted
from .check import check
from .engine.model import Progress
from .problem import Problem, ProblemError
from .replan import resolve, swap, swap_options
from .result import Result, Status
from .roster import Roster
from .solver import solve
from .staffing.report import staffing_report
from .workbook import (
    InputBook,
    RosterReading,
    WorkbookError,
    read_previous_sheets,
    read_roster_sheets,
    read_workbook,
    write_template,
)
from .workbook.cells import Invalid, norm, to_date
from .workbook.files import WriteError, open_book, probe, save_atomically
from .workbook.inputs import STAFFING_ITEMS
from .workbook.staffing_book import write_staffing_workbook
from .workbook.writer import (
    build_roster_workbook,
    write_no_roster_workbook,
    write_roster_workbook,
)

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_NO_ROSTER = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
"""Ctrl-C: also when the search was interrupted and the best roster so far was written."""
DEFAULT_TIME_LIMIT = 30.0
DEFAULT_WORKERS = 2
DEFAULT_SEED = 0
SWAP_OPTIONS = 10
"""The most options `roster swap` lists without a partner."""

BENCH_EPILOG = """\b
Exit codes:
  0  a roster was found, checked and written
  1  bad instance file (the message names the file and line)
  2  usage error (unknown option, missing argument)
  3  no roster found within the time limit
"""

EPILOG = """\b
Exit codes:
  0  done (solve: a roster was written; validate: the roster passes every rule)
  1  bad input (the message names the sheet and cell), the roster breaks a rule,
     or the output could not be written (a solved roster is then written under
     another name, and the message says where)
  2  usage error (unknown option, missing argument)
  3  no roster found: infeasible, or none within the time limit
  130  interrupted (Ctrl-C; 143: terminated); a half-written file is never left.
     A search stopped by Ctrl-C still writes the best roster found until then
     (its Summary says it was interrupted), and exits 130
"""

STAFFING_EPILOG = """\b
Exit codes:
  0  done, warnings included (a short team or an hour no shift covers)
  1  bad input (the message names the sheet and cell), or neither a Staffing nor a
     Forecast sheet to compute from
  2  usage error (unknown option, missing argument)
"""


MAX_TIME_LIMIT = 86_400.0
"""The longest --time-limit, in seconds (a day), as the Rules sheet's time_limit_seconds."""
MAX_SEED = 2**31 - 1
"""The largest --seed CP-SAT takes."""
MAX_WORKERS = 1024


class _Seconds(click.ParamType):
    """A time limit in seconds: finite, above 0, at most `MAX_TIME_LIMIT`."""

    name = "seconds"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            found = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not 0 < found <= MAX_TIME_LIMIT:  # NaN fails too
            self.fail(f"{value!r} is not above 0 and at most {MAX_TIME_LIMIT:g} s", param, ctx)
        return found


class Failure(Exception):
    """A handled failure: a message for the user and an exit code."""

    def __init__(self, message: str, code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.code = code


def _fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    raise Failure(message, code)


SHOWN_ERRORS = 100
"""Problems listed for a bad workbook; past them, their number."""

_written: list[Path] = []  # what the running command has written, for the last message


@contextmanager
def _handled(debug: bool, elsewhere: str = "choose another -o") -> Iterator[None]:
    """Turn every failure into a message and an exit code; tracebacks only with --debug.

    ``elsewhere`` is how to pick another output, in messages about a file that cannot be
    written.
    """
    _written.clear()
    _restore_sigint()
    hook = sys.unraisablehook
    if not debug:  # errors Python can only report on its own, as a traceback: not shown
        sys.unraisablehook = lambda unraisable: None
    try:
        yield
    except Failure as failure:
        click.echo(str(failure), err=True)
        sys.exit(failure.code)
    except ProblemError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_INPUT)
    except WorkbookError as error:
        click.echo(f"{len(error.errors)} problem(s) in the workbook:", err=True)
        for item in error.errors[:SHOWN_ERRORS]:
            click.echo(f"  {item}", err=True)
        if len(error.errors) > SHOWN_ERRORS:
            click.echo(f"  ... and {len(error.errors) - SHOWN_ERRORS} more", err=True)
        sys.exit(EXIT_INPUT)
    except WriteError as error:
        click.echo(f"{error}; {_advice(error, elsewhere)}", err=True)
        sys.exit(EXIT_INPUT)
    except KeyboardInterrupt as stop:
        signum = int(getattr(stop, "signum", signal.SIGINT))
        click.echo(f"interrupted; {_what_was_written()}", err=True)
        sys.exit(128 + signum)
    except BrokenPipeError:  # the output was piped into a command that stopped reading
        _silence_stdout()
        sys.exit(EXIT_INPUT)
    except MemoryError:
        click.echo(
            "out of memory: the input is too large for this machine (see the README's "
            f"limits); {_what_was_written()}",
            err=True,
        )
        sys.exit(EXIT_INPUT)
    except Exception as error:  # the last line of defence: a message, not a traceback
        if debug:
            traceback.print_exc()
        click.echo(
            f"internal error: {type(error).__name__}: {error}\n"
            f"This is a bug in rostering, not a problem with your input; "
            f"{_what_was_written()}. Please report it with the input workbook"
            + ("." if debug else " and the output of the same command with --debug."),
            err=True,
        )
        sys.exit(EXIT_INPUT)
    finally:
        sys.unraisablehook = hook


def _what_was_written() -> str:
    if not _written:
        return "nothing written"
    return "written before that: " + ", ".join(str(p) for p in _written)


def _advice(error: WriteError, elsewhere: str) -> str:
    """What to do about a file that cannot be written."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"close it in Excel (or any program that has it open), or {elsewhere}"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"free some disk space, or {elsewhere} on another disk"
    if error.errno == errno.EFBIG:
        return f"raise the file-size limit (ulimit -f), or {elsewhere} on another disk"
    return elsewhere


def _silence_stdout() -> None:
    """Send what is left of stdout nowhere (after a broken pipe, without a traceback)."""
    with suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _restore_sigint() -> None:
    """Give Ctrl-C back to Python after a CP-SAT solve.

    CP-SAT catches Ctrl-C during a solve (to stop the search and keep the best roster)
    and leaves the system default behind, which would end the process on the spot, with
    no message and maybe a temporary file left. Restoring Python's handler makes a later
    Ctrl-C end the command with its own message and exit code.
    """
    if threading.current_thread() is threading.main_thread():
        handler = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGINT, handler or signal.default_int_handler)


def _core(call: Callable[[], Any]) -> Any:
    """Run a call into the core that may solve with CP-SAT (`_restore_sigint` after it)."""
    try:
        return call()
    finally:
        _restore_sigint()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _output_path(
    source: Path,
    output: Path | None,
    suffix: str,
    also: Sequence[Path | None] = (),
    kinds: tuple[str, ...] = (".xlsx",),
) -> Path:
    """The workbook to write: ``output``, else SOURCE-suffix.xlsx beside ``source``; never
    ``source`` or one of the other inputs ``also``; ``kinds`` are the suffixes allowed."""
    target = output or source.with_name(f"{source.stem}-{suffix}.xlsx")
    for given in (source, *also):
        if given is not None and (target.resolve() == given.resolve() or _same_file(given, target)):
            _fail(f"refusing to overwrite the input {given}: choose another -o")
    if target.suffix.lower() not in kinds:
        _fail(f"the output must be an {' or '.join(kinds)} file, got {target.name}", EXIT_USAGE)
    if not target.parent.is_dir():
        _fail(f"the folder of the output does not exist: {target.parent}")
    if target.is_dir():
        _fail(f"the output {target} is a folder: choose another -o")
    return target


def _holds_roster(path: Path) -> bool:
    """Whether ``path`` holds a roster (a Roster or Assignments sheet), or something that
    cannot be read as a workbook: either way, a workbook without a roster must not replace
    it. False when it does not exist."""
    if not path.exists():
        return False
    try:
        with open_book(path) as book:
            names = {norm(t) for t in book.titles}
    except WorkbookError:
        return True
    return bool(names & {"roster", "排班表", "assignments"})


def _beside(target: Path, suffix: str) -> Path:
    """``TARGET-suffix.xlsx`` beside ``target`` (``-2``, ``-3``, ... when that holds a roster)."""
    for n in range(1, 100):
        candidate = target.with_name(f"{target.stem}-{suffix}{'' if n == 1 else f'-{n}'}.xlsx")
        if not _holds_roster(candidate):
            return candidate
    return target.with_name(f"{target.stem}-{suffix}-{os.getpid()}.xlsx")


def _fallbacks(target: Path) -> list[Path]:
    """Where to write a roster that could not be written to ``target``: a new file
    ``TARGET-recovered.xlsx`` beside it, else in the current folder, else in the temporary
    folder."""
    out: list[Path] = []
    seen: set[Path] = set()
    for folder in (target.parent, Path.cwd(), Path(tempfile.gettempdir())):
        try:
            key = folder.resolve()
        except OSError:
            continue
        if key in seen:
            continue
        seen.add(key)
        for n in range(1, 100):
            name = f"{target.stem}-recovered{'' if n == 1 else f'-{n}'}.xlsx"
            if not (folder / name).exists():
                out.append(folder / name)
                break
    return out


def _built(roster: Roster, build: Callable[[], Any]) -> Any:
    """The roster's workbook from ``build``; on a bug in the writer the roster is printed
    as text first (a finished solve is never lost), then the error goes on."""
    try:
        return build()
    except Exception:
        click.echo(roster.to_text())
        raise


def _write_roster(
    target: Path, write: Callable[[Path], None], roster: Roster, lines: Sequence[str]
) -> Path:
    """Write a roster's workbook with ``write``: to ``target``, else (when the file system
    refuses) under a fallback name, saying so, with ``lines`` (the status) and exit 1.

    The roster is never lost: when no file can be written, or saving fails on a bug, the
    roster is printed as text first.
    """
    try:
        write(target)
    except WriteError as error:
        for candidate in _fallbacks(target):
            try:
                write(candidate)
            except WriteError:
                continue
            _written.append(candidate)
            for line in lines:
                click.echo(line)
            _fail(
                f"{error}; {_advice(error, 'choose another -o')}.\n"
                f"The roster was written to {candidate} instead."
            )
        click.echo(roster.to_text())
        for line in lines:
            click.echo(line)
        _fail(
            f"{error}; {_advice(error, 'choose another -o')}.\n"
            "No other place could be written either, so the roster is printed above."
        )
    except Exception:
        click.echo(roster.to_text())  # a bug in the writer: keep the roster on the screen
        raise
    _written.append(target)
    return target


class _Ticker:
    """Live progress on stderr: elapsed time, best objective, bound and gap."""

    def __init__(self, stream: TextIO, limit: float, reproducible: bool = False) -> None:
        self.stream = stream
        self.limit = limit
        self.reproducible = reproducible
        self.tty = stream.isatty()
        self.started = time.perf_counter()
        self.last: Progress | None = None
        self._printed = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def line(self) -> str:
        elapsed = time.perf_counter() - self.started
        p = self.last
        best = "-" if p is None or p.objective is None else f"{p.objective:,.1f}"
        bound = "-" if p is None or p.bound is None else f"{p.bound:,.1f}"
        gap = "-" if p is None or p.gap is None else f"{p.gap * 100:.2f}%"
        found = 0 if p is None else p.solutions
        return (
            f"  {elapsed:6.1f}s  rosters found {found:3d}  best {best:>12}  "
            f"bound {bound:>12}  gap {gap:>7}"
        )

    def update(self, progress: Progress) -> None:
        self.last = progress
        if not self.tty and time.perf_counter() - self._printed >= 2:
            self._emit()

    def finish(self, result: Result) -> None:
        """Show the final figures (the checker's objective, the proven bound)."""
        count = self.last.solutions if self.last else 0
        self.last = Progress(
            time.perf_counter() - self.started, result.objective, result.bound, count
        )

    def _emit(self) -> None:
        self._printed = time.perf_counter()
        if self.tty:
            self.stream.write("\r" + self.line())
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def _run(self) -> None:
        while not self._stop.wait(0.5 if self.tty else 5.0):
            self._emit()

    def __enter__(self) -> _Ticker:
        budget = (
            "a reproducible work budget, not wall seconds"
            if self.reproducible
            else "wall-clock seconds for the whole command"
        )
        self.stream.write(
            f"solving (the time limit is {budget}; Ctrl-C stops and keeps the best roster)\n"
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._emit()
        if self.tty:
            self.stream.write("\n")
        self.stream.flush()


def _summary_lines(result: Result, target: Path | None) -> list[str]:
    lines = result.summary().splitlines()
    if result.roster is not None:
        broken = check(result.problem, result.roster)
        lines.append(
            "checker: every hard rule holds"
            if not broken
            else f"checker: {len(broken)} violation(s)"
        )
    if target is not None:
        lines.append(f"written: {target}")
    return lines


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(__version__, prog_name="roster")
def main() -> None:
    """Monthly rosters (排班表) for customer-service teams, built and checked with CP-SAT.

    Start with `roster template staff.xlsx`, fill in your team, then
    `roster solve staff.xlsx`.
    """


_debug_option = click.option("--debug", is_flag=True, help="Show a traceback on unexpected errors.")


def _previous_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--previous",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Last month's roster workbook: its last days count at the month boundary "
        "(consecutive work days, rest between shifts) and each rotation continues.",
    )(func)


def _lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--lang",
        type=click.Choice(["en", "zh"]),
        help="Language of explanations (default: zh when the workbook's sheets have "
        "Chinese names, else en).",
    )(func)


def _search_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        (
            click.option(
                "--time-limit",
                type=_Seconds(),
                help="Wall-clock seconds for the whole command, reading the input included "
                "and writing the output excluded (default: the Rules sheet's "
                "time_limit_seconds, else 30).",
            ),
            click.option(
                "--workers",
                type=click.IntRange(1, MAX_WORKERS),
                default=DEFAULT_WORKERS,
                show_default=True,
                help="Search threads.",
            ),
            click.option(
                "--seed",
                type=click.IntRange(0, MAX_SEED),
                help="Random seed (default: the Rules sheet's seed, else 0).",
            ),
            click.option(
                "--reproducible",
                is_flag=True,
                help="Count --time-limit as a work budget instead of wall-clock seconds: "
                "the same input, seed and workers then give the same roster, but the "
                "command may take longer (at most 3 x the limit + 10 s).",
            ),
            click.option("-q", "--quiet", is_flag=True, help="No progress; print only results."),
        )
    ):
        func = option(func)
    return func


def _left(limit: float, started: float, reproducible: bool) -> float:
    """What is left of a wall-clock ``limit`` for the whole command, which started at
    ``started`` (reading the input counts); a reproducible work budget is not cut."""
    if reproducible:
        return limit
    return max(limit - (time.perf_counter() - started), min(limit, 0.5))


def _read_input(staff: Path, previous: Path | None) -> tuple[InputBook, Problem]:
    """The input workbook (or JSON problem), and its problem with last month's roster
    when given."""
    book = _read_json_input(staff) if staff.suffix.lower() == ".json" else read_workbook(staff)
    problem = book.problem
    if previous is not None:
        if _same_file(previous, staff):
            _fail(f"--previous {previous} is the input workbook: give last month's roster")
        reading = read_previous_sheets(previous, problem)
        _tell(reading, previous, err=True)
        problem = problem.replace(previous=reading.roster)
    return book, problem


def _tell(reading: RosterReading, path: Path, *, err: bool) -> None:
    """Print where a roster workbook's Roster and Assignments sheets disagree, and the
    cells not understood (nothing when there are none)."""
    for line in reading.lines(path.name):
        click.echo(line, err=err)


def _read_roster_file(path: Path, problem: Problem, *, err: bool = True) -> RosterReading:
    """A roster workbook read as the manager sees it (the Roster sheet wins over the
    Assignments sheet), with its differences and unknown cells printed."""
    reading = read_roster_sheets(path, problem)
    _tell(reading, path, err=err)
    return reading


def read_roster(path: Path, problem: Problem) -> Roster:
    """The roster of a roster workbook as the manager sees it (`_read_roster_file`: the
    Roster sheet wins), its differences and unknown cells printed on stderr."""
    return _read_roster_file(path, problem).roster


def _reading_rows(reading: RosterReading) -> dict[str, object]:
    """Summary rows about how a roster workbook was read."""
    rows: dict[str, object] = {"read from": f"the {reading.sheet} sheet"}
    if reading.compared is not None:
        rows["differs from Assignments"] = (
            f"{len(reading.differences)} cell(s) (the {reading.sheet} sheet wins)"
            + (
                ""
                if not reading.differences
                else ": " + "; ".join(map(str, reading.differences[:20]))
            )
            + (
                ""
                if len(reading.differences) <= 20
                else f"; and {len(reading.differences) - 20} more"
            )
        )
    if reading.unknown:
        rows["cells not understood"] = "; ".join(str(note) for note in reading.unknown[:20])
    return rows


def _stopped(result: Result, target: Path) -> None:
    """Exit 130 when Ctrl-C interrupted the search (after the best roster so far was
    written to ``target``)."""
    if interrupted(result):
        _fail(
            "interrupted (Ctrl-C): the search stopped early; the best roster found until "
            f"then is written to {target}",
            EXIT_INTERRUPTED,
        )


def _with_progress(
    quiet: bool,
    limit: float,
    call: Callable[[Callable[[Progress], None] | None], Any],
    reproducible: bool = False,
) -> Any:
    """Run ``call`` (a solve) with a live progress line on stderr unless ``quiet``."""
    if quiet:
        return _core(lambda: call(None))
    ticker = _Ticker(sys.stderr, limit, reproducible)
    with ticker:
        return _core(lambda: call(ticker.update))


def _no_roster(
    result: Result, target: Path, lang: str, extra: dict[str, object], limit: float
) -> NoReturn:
    """Report a solve without a roster: why, in the console and a Summary-only workbook.

    The workbook never replaces a roster: when ``target`` holds one, it is kept and the
    Summary goes beside it (``TARGET-no-roster.xlsx``).
    """
    for line in result.summary().splitlines():
        if result.explanation is None or line not in result.explanation.lines("en"):
            click.echo(line, err=True)
    if result.explanation is not None:
        for line in result.explanation.lines("zh" if lang == "zh" else "en"):
            click.echo(line, err=True)
    where, kept = target, ""
    if _holds_roster(target):
        where = _beside(target, "no-roster")
        kept = f"{target} holds a roster and is kept as it is; "
    try:
        write_no_roster_workbook(where, result.problem, result, lang=lang, extra_summary=extra)
    except WriteError as error:
        wrote = f"nothing written ({error})"
    else:
        _written.append(where)
        wrote = f"{where} has only the Summary (why)"
    if interrupted(result):
        _fail(f"interrupted (Ctrl-C) before a roster was found; {kept}{wrote}", EXIT_INTERRUPTED)
    if result.status is Status.INFEASIBLE:
        reason = "no roster satisfies every hard rule"
    else:
        agents = len(result.problem.agents)
        reason = (
            f"no roster found within the time limit ({limit:g} s for {agents} agents); "
            "try a longer --time-limit (large teams need more: see the README's benchmarks)"
        )
    _fail(f"{result.status.value}: {reason}; {kept}{wrote}", EXIT_NO_ROSTER)


@main.command("solve", epilog=EPILOG)
@click.argument("staff", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Roster workbook to write (default: STAFF-roster.xlsx beside the input), or a "
    ".json file for the result as a JSON document.",
)
@_search_options
@_previous_option
@_lang_option
@_debug_option
def solve_cmd(
    staff: Path,
    output: Path | None,
    time_limit: float | None,
    workers: int,
    seed: int | None,
    reproducible: bool,
    quiet: bool,
    previous: Path | None,
    lang: str | None,
    debug: bool,
) -> None:
    """Build the roster for the team in STAFF (an input workbook, or a problem as JSON)
    and write it to Excel (or JSON).

    The roster is checked by the independent checker before it is written; the workbook's
    Checks sheet shows the result and its Summary sheet how close to optimal it is. When
    no roster exists, the rules in conflict and what to relax are printed and written to
    the Summary sheet (exit 3).
    """
    started = time.perf_counter()
    with _handled(debug):
        target = _output_path(staff, output, "roster", (previous,), (".xlsx", ".json"))
        book, problem = _read_input(staff, previous)
        probe(target)  # a file open in Excel, a read-only folder: say so before solving
        limit = time_limit or book.time_limit or DEFAULT_TIME_LIMIT
        run_seed = seed if seed is not None else (book.seed if book.seed is not None else 0)
        if not quiet:
            click.echo(
                f"{staff.name}: {len(problem.agents)} agents, {problem.start} .. {problem.end}; "
                f"time limit {limit:g} s, {workers} worker(s), seed {run_seed}",
                err=True,
            )
        result: Result = _with_progress(
            quiet,
            limit,
            lambda report: solve(
                problem,
                time_limit=limit,
                workers=workers,
                seed=run_seed,
                progress=report,
                reproducible=reproducible,
                started=None if reproducible else started,
            ),
            reproducible,
        )
        if target.suffix.lower() == ".json":
            _solved_json(result, target, quiet)
            return
        extra: dict[str, object] = {"input": str(staff)}
        if previous is not None:
            extra["previous"] = str(previous)
        if result.roster is None:
            _no_roster(result, target, lang or book.language, extra, limit)
        roster = result.roster
        book = _built(
            roster,
            lambda: build_roster_workbook(problem, roster, result=result, extra_summary=extra),
        )
        _write_roster(
            target, lambda path: save_atomically(book, path), roster, _summary_lines(result, None)
        )
        if quiet:
            click.echo(
                f"{result.status.value}: objective {result.objective:g}, gap "
                f"{(result.gap or 0) * 100:.2f}%, written {target}"
            )
        else:
            for line in _summary_lines(result, target):
                click.echo(line)
        _stopped(result, target)


def _parse_day(value: str, what: str) -> date_:
    try:
        return to_date(value)
    except Invalid as error:
        _fail(f"{what}: {error}", EXIT_USAGE)


@main.command("resolve", epilog=EPILOG)
@click.argument("roster_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--staff",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The input workbook, updated (new leave, a new agent, changed rules).",
)
@click.option(
    "--from",
    "from_day",
    required=True,
    help="First day that may change (YYYY-MM-DD); earlier days are kept as they are.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Roster workbook to write (default: ROSTER_FILE-resolved.xlsx).",
)
@_search_options
@_previous_option
@_lang_option
@_debug_option
def resolve_cmd(
    roster_file: Path,
    staff: Path,
    from_day: str,
    output: Path | None,
    time_limit: float | None,
    workers: int,
    seed: int | None,
    reproducible: bool,
    quiet: bool,
    previous: Path | None,
    lang: str | None,
    debug: bool,
) -> None:
    """Re-roster from a date on after plans changed, changing as few cells as possible.

    Days before --from stay exactly as in ROSTER_FILE; from --from on every rule holds
    again (across the boundary too) and the fewest cells change. The changed cells are
    listed and highlighted in the Roster sheet of the output.
    """
    started = time.perf_counter()
    with _handled(debug):
        day = _parse_day(from_day, "--from")
        target = _output_path(roster_file, output, "resolved", (staff, previous))
        book, problem = _read_input(staff, previous)
        reading = _read_roster_file(roster_file, problem)
        old = reading.roster
        probe(target)
        limit = time_limit or book.time_limit or DEFAULT_TIME_LIMIT
        run_seed = seed if seed is not None else (book.seed if book.seed is not None else 0)
        replan = _with_progress(
            quiet,
            limit,
            lambda report: resolve(
                problem,
                old,
                day,
                time_limit=_left(limit, started, reproducible),
                workers=workers,
                seed=run_seed,
                progress=report,
                reproducible=reproducible,
            ),
            reproducible,
        )
        result = replan.result
        for note in replan.notes:
            click.echo(f"note: {note}", err=True)
        extra: dict[str, object] = {
            "input": str(staff),
            "re-rostered": f"{roster_file} from {day}",
            **_reading_rows(reading),
        }
        if result.roster is None:
            _no_roster(result, target, lang or book.language, extra, limit)
        cells = ", ".join(f"{a} {d:%m-%d}" for a, d in replan.changed)
        extra["changed cells"] = len(replan.changed)
        extra["changed"] = cells or "none"
        if replan.new_agents:
            extra["new agents"] = ", ".join(replan.new_agents)
        roster = result.roster
        book = _built(
            roster,
            lambda: build_roster_workbook(
                result.problem, roster, result=result, extra_summary=extra, highlight=replan.changed
            ),
        )
        _write_roster(
            target, lambda path: save_atomically(book, path), roster, _summary_lines(result, None)
        )
        for line in _summary_lines(result, None):
            click.echo(line)
        click.echo(f"changed cells: {len(replan.changed)} (highlighted) {cells}".rstrip())
        if replan.new_agents:
            click.echo("new agents: " + ", ".join(replan.new_agents))
        click.echo(f"written: {target}")
        _stopped(result, target)


@main.command("swap", epilog=EPILOG)
@click.argument("roster_file", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("first")
@click.argument("partner_and_day", nargs=-1, required=True, metavar="[SECOND] DAY")
@click.option(
    "--staff",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The input workbook the roster is for.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the swapped roster (default: ROSTER_FILE-swapped.xlsx).",
)
@click.option(
    "--take",
    type=click.IntRange(1, SWAP_OPTIONS),
    default=None,
    metavar="N",
    help="Without SECOND: write the N-th option listed as the swapped roster.",
)
@_previous_option
@_debug_option
def swap_cmd(
    roster_file: Path,
    first: str,
    partner_and_day: tuple[str, ...],
    staff: Path,
    output: Path | None,
    take: int | None,
    previous: Path | None,
    debug: bool,
) -> None:
    """Check a swap (换班): FIRST and SECOND exchange what they do on DAY (YYYY-MM-DD).

    Writes the swapped roster when it breaks no rule (exit 0); otherwise lists the rules
    it would break and writes nothing (exit 1). Without SECOND, lists who can take
    FIRST's shift on DAY (one-day swaps, two-day swaps, short chains; each keeps every
    rule), best first (the same list on every run), and writes nothing (exit 1 when
    nobody can); with --take N it writes the N-th option, its cells outlined.
    """
    with _handled(debug):
        if len(partner_and_day) > 2:
            _fail("give FIRST, then SECOND and DAY, or DAY alone", EXIT_USAGE)
        *partner, day = partner_and_day
        if partner and take is not None:
            _fail("--take picks a listed option: give DAY alone, without SECOND", EXIT_USAGE)
        when = _parse_day(day, "DAY")
        target = _output_path(roster_file, output, "swapped", (staff, previous))
        _book, problem = _read_input(staff, previous)
        roster = read_roster(roster_file, problem)
        if not partner:
            _list_swap_options(problem, roster, first, when, take, target, roster_file)
            return
        (second,) = partner
        outcome = _core(lambda: swap(problem, roster, first, second, when))
        a, b = outcome.roster.shift(first, when), outcome.roster.shift(second, when)
        if not outcome.ok:
            click.echo(
                f"swap refused: {first} and {second} on {when} would break "
                f"{len(outcome.broken)} rule(s):"
            )
            for violation in outcome.broken:
                click.echo(f"  rule {violation.rule}: {violation.message}")
            _fail("nothing written", EXIT_INPUT)
        if outcome.already:
            click.echo(
                f"note: the roster already broke {len(outcome.already)} rule(s) before the "
                "swap; `roster validate` lists them"
            )
        write_roster_workbook(
            target,
            problem,
            outcome.roster,
            extra_summary={"swap": f"{first} <-> {second} on {when}", "from": str(roster_file)},
            highlight=((first, when), (second, when)),
        )
        _written.append(target)
        click.echo(f"swap ok: {first} now {a}, {second} now {b} on {when}")
        click.echo(f"written: {target}")


def _list_swap_options(
    problem: Problem,
    roster: Roster,
    agent: str,
    day: date_,
    take: int | None,
    target: Path,
    source: Path,
) -> None:
    """Print who can take ``agent``'s shift on ``day`` (a work budget, so that every run
    lists the same options); with ``take``, write that option to ``target``. Fail when
    nobody can, or there is no such option."""
    options = _core(
        lambda: swap_options(problem, roster, agent, day, most=SWAP_OPTIONS, reproducible=True)
    )
    shift = roster.shift(agent, day)
    if not options:
        _fail(
            f"nobody can take {agent}'s {shift} on {day} without breaking a rule "
            "(changes searched within 6 days of it)",
            EXIT_INPUT,
        )
    click.echo(f"who can take {agent}'s {shift} on {day} (best first; each keeps every rule):")
    for k, option in enumerate(options, 1):
        click.echo(f"{k:>3}. {option.taker}: {option.describe()}")
    if take is None:
        click.echo(f"nothing written; --take N writes option N (to {target.name})")
        return
    if take > len(options):
        _fail(f"--take {take}: only {len(options)} option(s) listed; nothing written", EXIT_INPUT)
    option = options[take - 1]
    write_roster_workbook(
        target,
        problem,
        option.roster,
        extra_summary={
            "swap": f"{option.taker} takes {agent}'s {shift} on {day} ({option.kind})",
            "from": str(source),
        },
        highlight=tuple((who, when) for who, when, _before, _after in option.changes),
    )
    _written.append(target)
    click.echo(f"swap ok: option {take}, {option.taker} takes {agent}'s {shift} on {day}")
    click.echo(f"written: {target}")


@main.command(epilog=EPILOG)
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False), default="staff.xlsx")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@_debug_option
def template(path: Path, force: bool, debug: bool) -> None:
    """Write an input workbook with every sheet, a note on each column and an example team.

    PATH defaults to staff.xlsx in the current folder.
    """
    with _handled(debug, elsewhere="give another PATH"):
        if path.exists() and not force:
            _fail(f"{path} exists; use --force to replace it")
        if path.suffix.lower() != ".xlsx":
            _fail(f"the template must be an .xlsx file, got {path.name}", EXIT_USAGE)
        write_template(path)
        _written.append(path)
        click.echo(f"written: {path}")
        click.echo(f"next: fill in your team, then `roster solve {path}`")


@main.command(epilog=EPILOG)
@click.argument("roster_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--staff",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The input workbook the roster is for (team, month and rules).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the roster, re-checked, to this workbook.",
)
@_previous_option
@_debug_option
def validate(
    roster_file: Path, staff: Path, output: Path | None, previous: Path | None, debug: bool
) -> None:
    """Re-check any roster (a hand-edited one too) against the rules of STAFF.

    Reads the Roster sheet (排班表) as printed and edited, and lists every cell where the
    Assignments sheet says otherwise (the Roster sheet wins); a workbook with only an
    Assignments sheet is read as it is. Exit 0 when every hard rule holds, 1 with the
    violations listed.
    """
    with _handled(debug):
        target = (
            None
            if output is None
            else _output_path(roster_file, output, "checked", (staff, previous))
        )
        _book, problem = _read_input(staff, previous)
        reading = _read_roster_file(roster_file, problem, err=False)
        roster = reading.roster
        broken = check(problem, roster)
        if target is not None:
            write_roster_workbook(
                target,
                problem,
                roster,
                extra_summary={"checked": str(roster_file), **_reading_rows(reading)},
            )
            _written.append(target)
            click.echo(f"written: {target}")
        if not broken:
            click.echo(f"{roster_file.name}: valid, every hard rule holds")
            return
        click.echo(f"{roster_file.name}: {len(broken)} violation(s)")
        for violation in broken:
            where = " ".join(str(x) for x in (violation.agent, violation.date) if x is not None)
            click.echo(
                f"  rule {violation.rule}: {violation.message}"
                + (f"  [{where}]" if where and where not in violation.message else "")
            )
        sys.exit(EXIT_INPUT)


def _nothing_to_compute(staff: Path) -> str:
    formula = ", ".join(k for k, item in STAFFING_ITEMS.items() if item.formula)
    return (
        f"{staff.name}: nothing to compute: no headcount formula inputs in a Staffing sheet "
        f"(人员测算) and no rows in a Forecast sheet (咨询预测). Add a Staffing sheet "
        f"(columns item, value) with {formula}; or a Forecast sheet with inquiries per hour "
        "(columns date, hour, role, inquiries, handling_time, concurrency); or both. "
        "`roster template` writes both with worked examples."
    )


@main.command(epilog=STAFFING_EPILOG)
@click.argument("staff", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the report to this workbook (.xlsx): Headcount, Hourly, Warnings.",
)
@_debug_option
def staffing(staff: Path, output: Path | None, debug: bool) -> None:
    """How many agents, and in which hours: the staffing report of STAFF.

    Prints (a) the Double-12 formula's headcount per role with every intermediate figure
    (Staffing sheet, 人员测算); (b) the agents needed per forecast hour by Erlang C with chat
    concurrency, with the service level, average speed of answer and occupancy they give
    (Forecast sheet, 咨询预测); (c) the team in the Staff sheet against both, with warnings
    where it is short. The hourly 'could' column is an upper bound: every agent of the
    role allowed a shift covering the hour.
    """
    with _handled(debug):
        target = None if output is None else _output_path(staff, output, "staffing")
        book = read_workbook(staff)
        data = book.staffing
        if data is None or data.empty:
            _fail(_nothing_to_compute(staff))
        report = staffing_report(book.problem, data)
        for line in report.lines():
            click.echo(line)
        if target is not None:
            write_staffing_workbook(target, report)
            _written.append(target)
            click.echo(f"written: {target}")


@main.group(epilog=BENCH_EPILOG)
def bench() -> None:
    """Solve standard benchmark instances with the product's own engine."""


@bench.command("curtois", epilog=BENCH_EPILOG)
@click.argument("instance", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--time-limit",
    type=_Seconds(),
    default=60.0,
    show_default=True,
    help="Wall-clock seconds for the whole command, reading the instance included and "
    "writing the roster excluded (with --reproducible: a work budget).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, MAX_WORKERS),
    default=DEFAULT_WORKERS,
    show_default=True,
    help="Search threads.",
)
@click.option(
    "--seed",
    type=click.IntRange(0, MAX_SEED),
    default=DEFAULT_SEED,
    show_default=True,
    help="Random seed.",
)
@click.option(
    "--reproducible",
    is_flag=True,
    help="Count --time-limit as a work budget instead of wall-clock seconds: the same "
    "instance, seed and workers then give the same roster, but the command may take longer "
    "(at most 3 x the limit + 10 s).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress; print only results.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Roster CSV (employee,day,shift); default INSTANCE-roster.csv here.",
)
@_debug_option
def bench_curtois(
    instance: Path,
    time_limit: float,
    workers: int,
    seed: int,
    reproducible: bool,
    quiet: bool,
    output: Path | None,
    debug: bool,
) -> None:
    """Solve a Curtois & Qu instance (INSTANCE.txt), check it, write the roster as CSV.

    The roster is checked by the independent checker (every hard rule of the benchmark)
    before it is written; the objective printed is the checker's, which equals the
    benchmark's objective. Progress lines go to stderr while it solves.
    """
    from .curtois import InstanceError, read_instance, to_problem, write_csv

    started = time.perf_counter()
    with _handled(debug):
        try:
            inst = read_instance(instance)
        except InstanceError as error:
            _fail(str(error))
        problem = to_problem(inst)
        target = output or Path(f"{instance.stem}-roster.csv")
        if target.resolve() == instance.resolve():
            _fail(f"refusing to overwrite the input {instance}: choose another -o")
        if not target.parent.is_dir():
            _fail(f"the folder of the output does not exist: {target.parent}")
        if not quiet:
            click.echo(
                f"{instance.name}: {len(inst.staff)} staff, {inst.horizon} days, "
                f"{len(inst.shifts)} shift type(s); time limit {time_limit:g} s, "
                f"{workers} worker(s), seed {seed}",
                err=True,
            )
        result: Result = _with_progress(
            quiet,
            time_limit,
            lambda report: solve(
                problem,
                time_limit=_left(time_limit, started, reproducible),
                workers=workers,
                seed=seed,
                progress=report,
                reproducible=reproducible,
            ),
            reproducible,
        )
        if result.roster is None:
            _fail(f"{result.status.value}: no roster found; nothing written", EXIT_NO_ROSTER)
        broken = check(problem, result.roster)
        if broken:  # solve() refuses such a roster already; never write one
            _fail(f"the roster breaks {len(broken)} hard rule(s); nothing written")
        write_csv(problem, result.roster, target)
        gap = "-" if result.gap is None else f"{result.gap * 100:.2f}%"
        bound = "-" if result.bound is None else f"{result.bound:g}"
        click.echo(f"status:    {result.status.value}")
        click.echo(f"objective: {result.objective:g}")
        click.echo(f"bound:     {bound}")
        click.echo(f"gap:       {gap}")
        click.echo(f"time:      {result.runtime:.1f} s")
        click.echo("checker:   every hard rule holds")
        click.echo(f"written:   {target}")


# -- JSON in and out, and many teams at once (solve-many) ---------------------------------------
def _read_json_input(path: Path) -> InputBook:
    """A problem document (`rostering.jsonio`) read as an input workbook would be."""
    from .jsonio import JsonError, read_problem_file

    try:
        found = read_problem_file(path)
    except JsonError as error:
        _fail(
            f"{len(error.errors)} problem(s) in the JSON document:\n"
            + "\n".join(f"  {e}" for e in error.errors)
        )
    return InputBook(found.problem, found.time_limit, found.seed, path)


def _solved_json(result: Result, target: Path, quiet: bool) -> None:
    """Write a solve's result as a JSON document; exit 3 when it holds no roster."""
    from .jsonio import write_json

    write_json(target, result)
    if result.roster is None:
        for line in result.summary().splitlines():
            click.echo(line, err=True)
        _fail(
            f"{result.status.value}: no roster; {target} has the status and why",
            EXIT_NO_ROSTER,
        )
    if quiet:
        click.echo(
            f"{result.status.value}: objective {result.objective:g}, gap "
            f"{(result.gap or 0) * 100:.2f}%, written {target}"
        )
    else:
        for line in _summary_lines(result, target):
            click.echo(line)
    _stopped(result, target)


MANY_EPILOG = """\b
Exit codes:
  0  every team has a roster, checked and written
  1  some team failed: bad input, an error, or an output that could not be written
  2  usage error (unknown option, no input files)
  3  no team failed, but some have no roster (infeasible, or none within the time limit)
"""

_OUTPUT_ENDINGS = ("-roster.xlsx", "-result.json")


def _team_files(inputs: Sequence[Path]) -> list[Path]:
    """The input files: each file given, and the .xlsx and .json files of each folder given
    (not this command's own outputs, hidden files or Excel's ~$ lock files)."""
    files: list[Path] = []
    for given in inputs:
        if given.is_dir():
            files += sorted(
                p
                for p in given.iterdir()
                if p.is_file()
                and p.suffix.lower() in (".xlsx", ".json")
                and not p.name.startswith((".", "~$"))
                and not p.name.lower().endswith(_OUTPUT_ENDINGS)
            )
        elif given.exists():
            files.append(given)
        else:
            _fail(f"no such file or folder: {given}", EXIT_USAGE)
    if not files:
        _fail("no .xlsx or .json input files found", EXIT_USAGE)
    seen: dict[Path, Path] = {}
    for path in files:
        seen.setdefault(path.resolve(), path)
    return list(seen.values())


def _team_names(files: Sequence[Path]) -> dict[Path, str]:
    """A name per file: its stem, or its file name where two files share a stem."""
    stems = [p.stem for p in files]
    return {p: p.stem if stems.count(p.stem) == 1 else p.name for p in files}


@main.command("solve-many", epilog=MANY_EPILOG)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for each team's TEAM-roster.xlsx and summary.csv (made if missing).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.1),
    help="Search time per team in seconds (default: each team's Rules sheet "
    "time_limit_seconds, else 30).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="CP-SAT threads per solve (default: the cores per worker process).",
)
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    help="Worker processes of the local cluster (default: one per core).",
)
@click.option("--seed", type=int, help="Random seed (default: each team's Rules seed, else 0).")
@click.option(
    "--scheduler",
    help="Address of an existing Dask scheduler, e.g. tcp://host:8786 (default: a local "
    "cluster on this machine).",
)
@click.option("--json", "as_json", is_flag=True, help="Also write each TEAM-result.json.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; print only the table.")
@_debug_option
def solve_many_cmd(
    inputs: tuple[Path, ...],
    outdir: Path,
    time_limit: float | None,
    workers: int | None,
    processes: int | None,
    seed: int | None,
    scheduler: str | None,
    as_json: bool,
    quiet: bool,
    debug: bool,
) -> None:
    """Roster many teams at once: each input workbook (or JSON problem) in INPUTS (files,
    or folders of them) is solved in parallel on Dask, and its roster written to OUTDIR.

    A team whose input is bad, or whose solve fails, is reported in the table and never
    stops the others. Each roster is checked by the independent checker (its Checks
    sheet); a team without a roster gets a Summary-only workbook saying why. The summary
    table is printed and written to OUTDIR/summary.csv.
    """
    from .jsonio import write_text
    from .many import solve_many

    with _handled(debug):
        files = _team_files(inputs)
        if outdir.exists() and not outdir.is_dir():
            _fail(f"the output folder is a file: {outdir}", EXIT_USAGE)
        names = _team_names(files)
        writer = _TeamWriter(outdir, {names[p]: p for p in files}, as_json)
        for path in files:
            if any(_same_file(path, t) for t in writer.targets.values()):
                _fail(f"refusing to overwrite the input {path}: choose another -o")
        outdir.mkdir(parents=True, exist_ok=True)
        books, outcomes = _read_teams(files, names)
        writer.books = books
        if not quiet:
            where = f"on {scheduler}" if scheduler else "on a local Dask cluster"
            click.echo(f"{len(books)} team(s) to solve from {len(files)} file(s) {where}", err=True)
        settings: dict[str, Any] = {} if workers is None else {"workers": workers}
        solved = solve_many(
            {name: book.problem for name, book in books.items()},
            scheduler=scheduler,
            processes=processes,
            progress=not quiet,
            per_team={
                name: {
                    "time_limit": time_limit or book.time_limit or DEFAULT_TIME_LIMIT,
                    "seed": seed if seed is not None else (book.seed or DEFAULT_SEED),
                }
                for name, book in books.items()
            },
            on_done=writer,
            **settings,
        )
        outcomes.update({o.name: o for o in solved})
        rows = [writer.row(outcomes[names[p]]) for p in files]
        _print_table(rows)
        write_text(outdir / "summary.csv", _summary_csv(rows))
        click.echo(f"written: {outdir / 'summary.csv'}")
        if any(row["status"] == "failed" for row in rows) or writer.unwritten:
            sys.exit(EXIT_INPUT)
        if any(row["status"] not in ("optimal", "feasible") for row in rows):
            sys.exit(EXIT_NO_ROSTER)


def _read_teams(
    files: Sequence[Path], names: dict[Path, str]
) -> tuple[dict[str, InputBook], dict[str, Any]]:
    """Each input file read (a workbook or a JSON problem); a file that cannot be read is
    a failed team (a `TeamOutcome` with the first problem), its problems on stderr."""
    from .many import TeamOutcome

    books: dict[str, InputBook] = {}
    failed: dict[str, Any] = {}
    for path in files:
        name = names[path]
        try:
            json_file = path.suffix.lower() == ".json"
            books[name] = _read_json_input(path) if json_file else read_workbook(path)
        except WorkbookError as error:
            failed[name] = TeamOutcome(name, None, f"bad input: {error.errors[0]}")
            for item in error.errors:
                click.echo(f"{path.name}: {item}", err=True)
        except Failure as failure:
            failed[name] = TeamOutcome(name, None, f"bad input: {failure}")
            click.echo(str(failure), err=True)
    return books, failed


class _TeamWriter:
    """Writes each team's workbook (and JSON) as its solve comes in; a failure to write is
    recorded for that team, and its result then kept as JSON when that can be written."""

    def __init__(self, outdir: Path, paths: dict[str, Path], as_json: bool) -> None:
        self.outdir = outdir
        self.paths = paths
        self.as_json = as_json
        self.targets = {name: outdir / f"{name}-roster.xlsx" for name in paths}
        self.books: dict[str, InputBook] = {}
        self.written: dict[str, str] = {}
        self.unwritten: dict[str, str] = {}

    def __call__(self, outcome: Any) -> None:
        from .jsonio import write_json

        result = outcome.result
        if result is None:
            return
        target = self.targets[outcome.name]
        saved = self.outdir / f"{outcome.name}-result.json"
        extra: dict[str, object] = {"input": str(self.paths[outcome.name])}
        try:
            if self.as_json:
                write_json(saved, result)
            if result.roster is None:
                lang = self.books[outcome.name].language
                write_no_roster_workbook(
                    target, result.problem, result, lang=lang, extra_summary=extra
                )
            else:
                write_roster_workbook(
                    target, result.problem, result.roster, result=result, extra_summary=extra
                )
            self.written[outcome.name] = str(target)
        except Exception as error:  # keep the solve: as JSON, if that can be written
            why = f"could not write {target.name}: {type(error).__name__}: {error}"
            try:
                if not saved.exists():
                    write_json(saved, result)
                why += f"; the result is in {saved}"
            except Exception:
                pass
            self.unwritten[outcome.name] = why

    def row(self, outcome: Any) -> dict[str, str]:
        """The team's line of the summary table."""
        result = outcome.result
        name = outcome.name
        return {
            "team": name,
            "input": str(self.paths[name]),
            "agents": "" if result is None else str(len(result.problem.agents)),
            "status": outcome.status,
            "objective": ""
            if result is None or result.objective is None
            else f"{result.objective:g}",
            "gap": "" if result is None or result.gap is None else f"{result.gap * 100:.2f}%",
            "seconds": "" if result is None else f"{outcome.seconds:.1f}",
            "output": outcome.error or self.unwritten.get(name) or self.written.get(name, ""),
        }


_MANY_COLUMNS = ("team", "agents", "status", "objective", "gap", "seconds", "output")


def _print_table(rows: Sequence[dict[str, str]]) -> None:
    widths = {c: max([len(c), *(len(r[c]) for r in rows)]) for c in _MANY_COLUMNS[:-1]}
    click.echo("  ".join(c.ljust(widths[c]) for c in _MANY_COLUMNS[:-1]) + "  output / error")
    for row in rows:
        click.echo(
            "  ".join(row[c].ljust(widths[c]) for c in _MANY_COLUMNS[:-1]) + "  " + row["output"]
        )
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    click.echo(f"{len(rows)} team(s): " + ", ".join(f"{n} {s}" for s, n in counts.items()))


def _summary_csv(rows: Sequence[dict[str, str]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["team", "input", *_MANY_COLUMNS[1:]])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
