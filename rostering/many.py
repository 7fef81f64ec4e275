"""Many teams at once: `solve_many` solves each team's problem on a Dask cluster.

By default the cluster is local: the scheduler runs in this process and there is one
worker process per core, each with one thread, and each solve gets ``cores // processes``
CP-SAT workers, so worker processes x CP-SAT workers = cores and nothing is
oversubscribed. ``scheduler="tcp://host:8786"`` (or a `distributed.Client`) uses an
existing cluster instead; then each solve gets, by default, the cores of the busiest
host divided by the Dask threads on it.

Problems and results travel as plain data (`rostering.jsonio` documents), never as
CP-SAT objects; each solve is `rostering.solve` with the same settings, so a team's
result is the one it gets solved alone with those settings (with ``deterministic`` time,
the same roster). A failure in one team - a bad problem, an error, a worker that died -
is reported for that team (`TeamOutcome.error`) and never stops the others.

Progress across teams is a `tqdm` bar on stderr: teams done, running and failed, and the
time left at the rate so far.
"""

from __future__ import annotations

import inspect
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .jsonio import JsonError, problem_from_dict, problem_to_dict, result_from_dict, result_to_dict
from .problem import Problem
from .result import Result

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["NOT_PLAIN", "TeamOutcome", "cores", "plain_settings", "solve_many", "solve_team"]

NOT_PLAIN = frozenset({"progress", "hint", "start"})
"""Keyword arguments of `rostering.solve` that cannot travel to a worker: a callback, a
roster to start from."""


def plain_settings() -> frozenset[str]:
    """The keyword arguments of `rostering.solve` that `solve_many` passes on: all of its
    keyword-only settings (read from its signature, so a new one passes on too) but
    `NOT_PLAIN`."""
    from .solver import solve

    return frozenset(
        name
        for name, param in inspect.signature(solve).parameters.items()
        if param.kind is inspect.Parameter.KEYWORD_ONLY and name not in NOT_PLAIN
    )


@dataclass(frozen=True)
class TeamOutcome:
    """What became of one team: its result, or why there is none.

    ``result`` is None only when the solve failed (``error`` says why); a solve that
    found no roster is a result with status ``infeasible`` or ``unknown``.
    """

    name: str
    result: Result | None
    error: str | None = None
    seconds: float = 0.0
    """Wall-clock seconds of the task on its worker (reading, solving, writing back)."""
    settings: Mapping[str, Any] | None = None
    """The keyword arguments `rostering.solve` was called with."""

    @property
    def ok(self) -> bool:
        """Whether the team was solved (with or without a roster)."""
        return self.result is not None

    @property
    def status(self) -> str:
        """The result's status, or ``failed``."""
        return "failed" if self.result is None else self.result.status.value


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def solve_team(
    name: str, problem: Mapping[str, Any], settings: Mapping[str, Any]
) -> dict[str, Any]:
    """Solve one team from plain data on a worker; return plain data.

    Never raises: any failure comes back as ``{"name", "error", "seconds"}``.
    """
    from .solver import solve

    started = time.perf_counter()
    try:
        result = solve(problem_from_dict(problem), **settings)
        body = result_to_dict(result, include_problem=False)
        return {"name": name, "result": body, "seconds": time.perf_counter() - started}
    except Exception as error:  # reported for this team; the others go on
        return {
            "name": name,
            "error": _describe(error),
            "traceback": traceback.format_exc(),
            "seconds": time.perf_counter() - started,
        }


def _describe(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _teams(problems: Mapping[str, Any] | Iterable[Any]) -> list[tuple[str, Any]]:
    if isinstance(problems, Mapping):
        return [(str(k), v) for k, v in problems.items()]
    return [(f"team-{i + 1}", p) for i, p in enumerate(problems)]


def solve_many(
    problems: Mapping[str, Problem | Mapping[str, Any]] | Iterable[Problem | Mapping[str, Any]],
    *,
    scheduler: str | Client | None = None,
    processes: int | None = None,
    progress: bool = True,
    per_team: Mapping[str, Mapping[str, Any]] | None = None,
    on_done: Callable[[TeamOutcome], None] | None = None,
    **settings: Any,
) -> list[TeamOutcome]:
    """Solve many teams in parallel on Dask; one `TeamOutcome` per team, in input order.

    Parameters
    ----------
    problems
        ``{name: problem}``, or problems named ``team-1``, ``team-2``, ...; a problem is
        a `Problem` or its JSON document (`rostering.jsonio.problem_to_dict`). A document
        that cannot be read fails for its team only.
    scheduler
        None for a local cluster (started and closed here), the address of an existing
        cluster's scheduler (``"tcp://host:8786"``), or a `distributed.Client`.
    processes
        Worker processes of the local cluster: default one per core (never more than
        the teams).
    progress
        Show a progress bar on stderr (teams done, running, failed, time left).
    per_team
        ``{name: settings}`` overriding ``settings`` for some teams (for example the
        time limit and seed of each team's workbook).
    on_done
        Called in this process with each team's outcome as soon as it is in (for
        example to write its roster at once), in the order they finish. An exception it
        raises is recorded as that team's error.
    **settings
        Keyword arguments of `rostering.solve` for every team (``time_limit``, ``seed``,
        ``workers``, ``explain``, its reproducible mode, ...; all but a progress callback
        and a starting roster, `NOT_PLAIN`). ``workers`` (CP-SAT threads per solve)
        defaults to the cores per Dask thread, so nothing is oversubscribed.

    Returns
    -------
    list of TeamOutcome
        In the order of ``problems``.

    Notes
    -----
    A script that starts the local cluster must guard its entry point with
    ``if __name__ == "__main__":``, as Python's process spawning requires.
    """
    _check_settings(settings)
    for name, extra in (per_team or {}).items():
        _check_settings(extra, f" (team {name!r})")
    teams = _teams(problems)
    names = [n for n, _ in teams]
    if len(set(names)) != len(names):
        raise ValueError("two teams have the same name")
    outcomes: dict[str, TeamOutcome] = {}
    ready: list[tuple[str, Problem]] = []
    for name, problem in teams:
        try:
            ready.append(
                (name, problem if isinstance(problem, Problem) else problem_from_dict(problem))
            )
        except JsonError as error:
            outcomes[name] = TeamOutcome(name, None, f"bad problem: {error}")
            _notify(on_done, outcomes, name)
    if ready:
        with _client(scheduler, processes, len(ready)) as client:
            cpu = _cpu_per_thread(client)
            calls = {
                name: {"workers": cpu, **settings, **(per_team or {}).get(name, {})}
                for name, _ in ready
            }
            _run(client, ready, calls, progress, on_done, outcomes)
    return [outcomes[n] for n in names]


def _check_settings(settings: Mapping[str, Any], where: str = "") -> None:
    known = plain_settings()
    unknown = sorted(set(settings) - known)
    if unknown:
        raise TypeError(
            f"solve_many passes on only {', '.join(sorted(known))}; got {', '.join(unknown)}{where}"
        )


def _notify(
    on_done: Callable[[TeamOutcome], None] | None, outcomes: dict[str, TeamOutcome], name: str
) -> None:
    if on_done is None:
        return
    try:
        on_done(outcomes[name])
    except Exception as error:
        old = outcomes[name]
        note = f"on_done failed: {_describe(error)}"
        outcomes[name] = TeamOutcome(
            name,
            old.result,
            f"{old.error}; {note}" if old.error else note,
            old.seconds,
            old.settings,
        )


@contextmanager
def _client(scheduler: str | Client | None, processes: int | None, teams: int) -> Iterator[Client]:
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None and not isinstance(scheduler, str):
        yield scheduler
        return
    if isinstance(scheduler, str):
        with Client(scheduler, timeout="30s") as client:
            yield client
        return
    n = processes or min(cores(), teams)
    if n < 1:
        raise ValueError("processes must be at least 1")
    with (
        dask.config.set({"distributed.scheduler.worker-saturation": 1.0}),
        LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # its HTTP server runs anyway: on loopback
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _cpu_per_thread(client: Client) -> int:
    """CP-SAT workers per solve so that nothing is oversubscribed: for each host, its
    cores divided by the Dask threads on it; the smallest over the hosts, at least 1."""
    info = client.scheduler_info()["workers"]
    counts = client.run(cores)
    threads: dict[str, int] = {}
    per_host: dict[str, int] = {}
    for address, worker in info.items():
        host = worker.get("host", address)
        threads[host] = threads.get(host, 0) + int(worker.get("nthreads", 1))
        per_host[host] = int(counts.get(address, 1))
    if not threads:
        return 1
    return max(1, min(per_host[h] // max(1, t) for h, t in threads.items()))


def _run(
    client: Client,
    ready: list[tuple[str, Problem]],
    calls: Mapping[str, dict[str, Any]],
    progress: bool,
    on_done: Callable[[TeamOutcome], None] | None,
    outcomes: dict[str, TeamOutcome],
) -> None:
    """Submit each team with its settings (``calls``), collect each outcome into
    ``outcomes`` as it is in, and show the progress bar (teams failed before counted)."""
    from distributed import as_completed
    from tqdm import tqdm

    problems = dict(ready)
    futures = {
        client.submit(solve_team, name, problem_to_dict(problem), calls[name], pure=False): name
        for name, problem in ready
    }
    failed_before = failed = len(outcomes)
    live = sys.stderr.isatty()
    bar = tqdm(
        total=len(ready) + failed_before,
        initial=failed_before,
        desc="teams",
        unit="team",
        file=sys.stderr,
        disable=not progress,
        dynamic_ncols=True,
        mininterval=0.2 if live else 10.0,
    )
    slots = sum(client.nthreads().values()) or 1
    pending = set(futures)
    try:
        done = as_completed(list(futures))
        while pending:
            batch = done.next_batch(block=False) if done.has_ready() else []
            if not batch:
                _show(bar, client, pending, failed, slots, live)
                time.sleep(0.2)
                continue
            for future in batch:
                pending.discard(future)
                name = futures[future]
                outcome = _outcome(future, name, problems[name], calls[name])
                outcomes[name] = outcome
                _notify(on_done, outcomes, name)
                failed += outcomes[name].error is not None
                bar.update(1)
            _show(bar, client, pending, failed, slots, live)
    finally:
        for future in pending:
            future.cancel()
        bar.close()


def _show(bar: Any, client: Client, pending: set[Any], failed: int, slots: int, live: bool) -> None:
    """Update the bar's "running, failed" note: on a terminal at once, in a log only when
    it changed (the bar itself prints at most every ten seconds there)."""
    if bar.disable:
        return
    keys = {f.key for f in pending}
    try:
        assigned = sum(1 for tasks in client.processing().values() for k in tasks if k in keys)
    except Exception:  # a busy scheduler: count every team left as waiting or running
        assigned = len(pending)
    note = f"running {min(assigned, slots)}, failed {failed}"
    if live or note != bar.postfix:
        bar.set_postfix_str(note, refresh=False)
        if live:
            bar.refresh()


def _outcome(future: Any, name: str, problem: Problem, call: dict[str, Any]) -> TeamOutcome:
    if future.status != "finished":
        why = future.status
        if future.status == "error":
            why = _describe(future.exception())
        return TeamOutcome(name, None, f"the task failed: {why}", 0.0, call)
    data = future.result()
    seconds = float(data.get("seconds", 0.0))
    if "error" in data:
        return TeamOutcome(name, None, data["error"], seconds, call)
    try:
        result = result_from_dict(data["result"], problem=problem)
    except JsonError as error:  # pragma: no cover - both ends are this module
        return TeamOutcome(name, None, f"unreadable result: {error}", seconds, call)
    return TeamOutcome(name, result, None, seconds, call)
