"""The ``roster`` command: Excel in, Excel out.

Exit codes: 0 ok; 1 bad input, or a roster that breaks a rule; 2 usage error; 3 no roster
found (infeasible, or none within the time limit). ``roster staffing`` exits 0 with
warnings too: a short team is a finding, not an error.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date as date_
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from . import __version__
from .check import check
from .model import Progress
from .problem import Problem, ProblemError
from .replan import resolve, swap, swap_options
from .result import Result, Status
from .roster import Roster
from .solver import solve
from .staffing_report import staffing_report
from .workbook import (
    InputBook,
    WorkbookError,
    read_previous,
    read_roster,
    read_workbook,
    write_template,
)
from .workbook.reader import STAFFING_ITEMS, _date, _Invalid
from .workbook.staffing_book import write_staffing_workbook
from .workbook.writer import write_no_roster_workbook, write_roster_workbook

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_NO_ROSTER = 0, 1, 2, 3
DEFAULT_TIME_LIMIT = 30.0
DEFAULT_WORKERS = 2
DEFAULT_SEED = 0

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
  1  bad input (the message names the sheet and cell), or the roster breaks a rule
  2  usage error (unknown option, missing argument)
  3  no roster found: infeasible, or none within the time limit
"""

STAFFING_EPILOG = """\b
Exit codes:
  0  done, warnings included (a short team or an hour no shift covers)
  1  bad input (the message names the sheet and cell), or neither a Staffing nor a
     Forecast sheet to compute from
  2  usage error (unknown option, missing argument)
"""


class Failure(Exception):
    """A handled failure: a message for the user and an exit code."""

    def __init__(self, message: str, code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.code = code


def _fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    raise Failure(message, code)


@contextmanager
def _handled(debug: bool) -> Iterator[None]:
    """Turn every failure into a message and an exit code; tracebacks only with --debug."""
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
        for item in error.errors:
            click.echo(f"  {item}", err=True)
        sys.exit(EXIT_INPUT)
    except KeyboardInterrupt:
        click.echo("interrupted; nothing written", err=True)
        sys.exit(130)
    except Exception as error:  # the last line of defence: a message, not a traceback
        if debug:
            traceback.print_exc()
        click.echo(
            f"error: {type(error).__name__}: {error}"
            + ("" if debug else "  (run with --debug for details)"),
            err=True,
        )
        sys.exit(EXIT_INPUT)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _output_path(
    source: Path, output: Path | None, suffix: str, also: Sequence[Path | None] = ()
) -> Path:
    """The workbook to write: ``output``, else SOURCE-suffix.xlsx beside ``source``; never
    ``source`` or one of the other inputs ``also``."""
    target = output or source.with_name(f"{source.stem}-{suffix}.xlsx")
    for given in (source, *also):
        if given is not None and (target.resolve() == given.resolve() or _same_file(given, target)):
            _fail(f"refusing to overwrite the input {given}: choose another -o")
    if target.suffix.lower() != ".xlsx":
        _fail(f"the output must be an .xlsx file, got {target.name}", EXIT_USAGE)
    if not target.parent.is_dir():
        _fail(f"the folder of the output does not exist: {target.parent}")
    return target


class _Ticker:
    """Live progress on stderr: elapsed time, best objective, bound and gap."""

    def __init__(self, stream: TextIO, limit: float) -> None:
        self.stream = stream
        self.limit = limit
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
        self.stream.write(
            "solving (the time limit counts CP-SAT's deterministic seconds; Ctrl-C stops)\n"
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
                type=click.FloatRange(min=0.1),
                help="Search time in seconds (default: the Rules sheet's time_limit_seconds, "
                "else 30).",
            ),
            click.option(
                "--workers",
                type=click.IntRange(min=1),
                default=DEFAULT_WORKERS,
                show_default=True,
                help="Search threads.",
            ),
            click.option(
                "--seed", type=int, help="Random seed (default: the Rules sheet's seed, else 0)."
            ),
            click.option("-q", "--quiet", is_flag=True, help="No progress; print only results."),
        )
    ):
        func = option(func)
    return func


def _read_input(staff: Path, previous: Path | None) -> tuple[InputBook, Problem]:
    """The input workbook, and its problem with last month's roster when given."""
    book = read_workbook(staff)
    problem = book.problem
    if previous is not None:
        if _same_file(previous, staff):
            _fail(f"--previous {previous} is the input workbook: give last month's roster")
        problem = problem.replace(previous=read_previous(previous, problem))
    return book, problem


def _with_progress(
    quiet: bool, limit: float, call: Callable[[Callable[[Progress], None] | None], Any]
) -> Any:
    """Run ``call`` with a live progress line on stderr unless ``quiet``."""
    if quiet:
        return call(None)
    ticker = _Ticker(sys.stderr, limit)
    with ticker:
        return call(ticker.update)


def _no_roster(result: Result, target: Path, lang: str, extra: dict[str, object]) -> NoReturn:
    """Report a solve without a roster: why, in the console and a Summary-only workbook."""
    for line in result.summary().splitlines():
        if result.explanation is None or line not in result.explanation.lines("en"):
            click.echo(line, err=True)
    if result.explanation is not None:
        for line in result.explanation.lines("zh" if lang == "zh" else "en"):
            click.echo(line, err=True)
    write_no_roster_workbook(target, result.problem, result, lang=lang, extra_summary=extra)
    reason = (
        "no roster satisfies every hard rule"
        if result.status is Status.INFEASIBLE
        else "no roster found within the time limit; try a longer --time-limit"
    )
    _fail(f"{result.status.value}: {reason}; {target} has only the Summary (why)", EXIT_NO_ROSTER)


@main.command("solve", epilog=EPILOG)
@click.argument("staff", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Roster workbook to write (default: STAFF-roster.xlsx beside the input).",
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
    quiet: bool,
    previous: Path | None,
    lang: str | None,
    debug: bool,
) -> None:
    """Build the roster for the team in STAFF (an input workbook) and write it to Excel.

    The roster is checked by the independent checker before it is written; the workbook's
    Checks sheet shows the result and its Summary sheet how close to optimal it is. When
    no roster exists, the rules in conflict and what to relax are printed and written to
    the Summary sheet (exit 3).
    """
    with _handled(debug):
        target = _output_path(staff, output, "roster", (previous,))
        book, problem = _read_input(staff, previous)
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
                problem, time_limit=limit, workers=workers, seed=run_seed, progress=report
            ),
        )
        extra: dict[str, object] = {"input": str(staff)}
        if previous is not None:
            extra["previous"] = str(previous)
        if result.roster is None:
            _no_roster(result, target, lang or book.language, extra)
        write_roster_workbook(target, problem, result.roster, result=result, extra_summary=extra)
        if quiet:
            click.echo(
                f"{result.status.value}: objective {result.objective:g}, gap "
                f"{(result.gap or 0) * 100:.2f}%, written {target}"
            )
        else:
            for line in _summary_lines(result, target):
                click.echo(line)


def _parse_day(value: str, what: str) -> date_:
    try:
        return _date(value)
    except _Invalid as error:
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
    with _handled(debug):
        day = _parse_day(from_day, "--from")
        target = _output_path(roster_file, output, "resolved", (staff, previous))
        book, problem = _read_input(staff, previous)
        old = read_roster(roster_file, problem)
        limit = time_limit or book.time_limit or DEFAULT_TIME_LIMIT
        run_seed = seed if seed is not None else (book.seed if book.seed is not None else 0)
        replan = _with_progress(
            quiet,
            limit,
            lambda report: resolve(
                problem,
                old,
                day,
                time_limit=limit,
                workers=workers,
                seed=run_seed,
                progress=report,
            ),
        )
        result = replan.result
        for note in replan.notes:
            click.echo(f"note: {note}", err=True)
        extra: dict[str, object] = {
            "input": str(staff),
            "re-rostered": f"{roster_file} from {day}",
        }
        if result.roster is None:
            _no_roster(result, target, lang or book.language, extra)
        cells = ", ".join(f"{a} {d:%m-%d}" for a, d in replan.changed)
        extra["changed cells"] = len(replan.changed)
        extra["changed"] = cells or "none"
        if replan.new_agents:
            extra["new agents"] = ", ".join(replan.new_agents)
        write_roster_workbook(
            target,
            result.problem,
            result.roster,
            result=result,
            extra_summary=extra,
            highlight=replan.changed,
        )
        for line in _summary_lines(result, None):
            click.echo(line)
        click.echo(f"changed cells: {len(replan.changed)} (highlighted) {cells}".rstrip())
        if replan.new_agents:
            click.echo("new agents: " + ", ".join(replan.new_agents))
        click.echo(f"written: {target}")


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
@_previous_option
@_debug_option
def swap_cmd(
    roster_file: Path,
    first: str,
    partner_and_day: tuple[str, ...],
    staff: Path,
    output: Path | None,
    previous: Path | None,
    debug: bool,
) -> None:
    """Check a swap (换班): FIRST and SECOND exchange what they do on DAY (YYYY-MM-DD).

    Writes the swapped roster when it breaks no rule (exit 0); otherwise lists the rules
    it would break and writes nothing (exit 1). Without SECOND, lists who can take
    FIRST's shift on DAY (one-day swaps, two-day swaps, short chains; each keeps every
    rule), best first, and writes nothing (exit 1 when nobody can).
    """
    with _handled(debug):
        if len(partner_and_day) > 2:
            _fail("give FIRST, then SECOND and DAY, or DAY alone", EXIT_USAGE)
        *partner, day = partner_and_day
        when = _parse_day(day, "DAY")
        target = _output_path(roster_file, output, "swapped", (staff, previous))
        _book, problem = _read_input(staff, previous)
        roster = read_roster(roster_file, problem)
        if not partner:
            _list_swap_options(problem, roster, first, when)
            return
        (second,) = partner
        outcome = swap(problem, roster, first, second, when)
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
        click.echo(f"swap ok: {first} now {a}, {second} now {b} on {when}")
        click.echo(f"written: {target}")


def _list_swap_options(problem: Problem, roster: Roster, agent: str, day: date_) -> None:
    """Print who can take ``agent``'s shift on ``day``; fail when nobody can."""
    options = swap_options(problem, roster, agent, day)
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


@main.command(epilog=EPILOG)
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False), default="staff.xlsx")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@_debug_option
def template(path: Path, force: bool, debug: bool) -> None:
    """Write an input workbook with every sheet, a note on each column and an example team.

    PATH defaults to staff.xlsx in the current folder.
    """
    with _handled(debug):
        if path.exists() and not force:
            _fail(f"{path} exists; use --force to replace it")
        if path.suffix.lower() != ".xlsx":
            _fail(f"the template must be an .xlsx file, got {path.name}", EXIT_USAGE)
        write_template(path)
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

    Reads the Assignments sheet, or the Roster sheet when there is none. Exit 0 when
    every hard rule holds, 1 with the violations listed.
    """
    with _handled(debug):
        target = (
            None
            if output is None
            else _output_path(roster_file, output, "checked", (staff, previous))
        )
        _book, problem = _read_input(staff, previous)
        roster = read_roster(roster_file, problem)
        broken = check(problem, roster)
        if target is not None:
            write_roster_workbook(
                target, problem, roster, extra_summary={"checked": str(roster_file)}
            )
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
            click.echo(f"written: {target}")


@main.group(epilog=BENCH_EPILOG)
def bench() -> None:
    """Solve standard benchmark instances with the product's own engine."""


@bench.command("curtois", epilog=BENCH_EPILOG)
@click.argument("instance", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Search budget in CP-SAT deterministic seconds.",
)
@click.option("--workers", type=click.IntRange(min=1), default=DEFAULT_WORKERS, show_default=True)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True)
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
    output: Path | None,
    debug: bool,
) -> None:
    """Solve a Curtois & Qu instance (INSTANCE.txt), check it, write the roster as CSV.

    The roster is checked by the independent checker (every hard rule of the benchmark)
    before it is written; the objective printed is the checker's, which equals the
    benchmark's objective.
    """
    from .curtois import InstanceError, read_instance, solve_instance, to_problem, write_csv

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
        click.echo(
            f"{instance.name}: {len(inst.staff)} staff, {inst.horizon} days, "
            f"{len(inst.shifts)} shift type(s); time limit {time_limit:g} s, "
            f"{workers} worker(s), seed {seed}",
            err=True,
        )
        result = solve_instance(problem, time_limit=time_limit, workers=workers, seed=seed)
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
