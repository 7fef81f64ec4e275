"""What every benchmark command shares: one solve per fresh process, and the machine.

`run_worker` starts ``python -m benchmarks.worker`` for one solve, relays its progress
lines while it runs, kills it after a timeout and reads its peak memory from
``os.wait4``. `machine` and `load_average` describe where a run happened, so that every
report can say it.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent


def run_worker(
    spec: dict[str, Any],
    timeout: float,
    *,
    memory_limit_gib: float = 0,
    echo: Callable[[str], None] | None = None,
    heartbeat: float = 15.0,
) -> dict[str, Any]:
    """Run one solve in a fresh ``python -m benchmarks.worker`` process.

    Parameters
    ----------
    spec
        The worker's JSON spec (see `benchmarks.worker`).
    timeout
        Wall seconds before the worker is killed.
    memory_limit_gib
        Address-space limit of the worker (``RLIMIT_AS``), so that a runaway solve fails
        instead of exhausting a shared machine; 0 for none.
    echo
        Called with each line the worker prints (its progress), as it prints it, and
        with a line saying it still runs after ``heartbeat`` seconds without one.
    heartbeat
        Wall seconds of silence before such a line.

    Returns
    -------
    dict
        The spec, the worker's measurements, ``process_wall_s`` and ``peak_rss_mib`` (the
        worker's maximum resident set size from ``os.wait4``); ``status`` is ``timeout``
        or ``crashed`` when the worker did not finish.
    """

    def limit_memory() -> None:
        if memory_limit_gib > 0:
            cap = int(memory_limit_gib * 1024**3)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        out_path = Path(tmp) / "out.json"
        tail: list[str] = []
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.worker", json.dumps(spec), str(out_path)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            preexec_fn=limit_memory,
        )

        last = [started]
        done = threading.Event()

        def relay() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                last[0] = time.perf_counter()
                tail.append(line)
                del tail[:-20]
                if echo is not None:
                    echo(line.rstrip("\n"))

        def beat() -> None:
            while not done.wait(1.0):
                now = time.perf_counter()
                if echo is not None and now - last[0] >= heartbeat:
                    last[0] = now
                    echo(f"still running, {now - started:.0f} s since the worker started")

        reader = threading.Thread(target=relay, daemon=True)
        reader.start()
        beater = threading.Thread(target=beat, daemon=True)
        beater.start()
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _pid, wait_status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        done.set()
        reader.join(timeout=10)
        beater.join(timeout=10)
        wall = time.perf_counter() - started
        result: dict[str, Any] = {}
        if out_path.exists():
            result = json.loads(out_path.read_text(encoding="utf-8"))
        if killed.is_set():
            result["status"] = "timeout"
            result["error"] = f"killed after {timeout:.0f} s wall"
        elif not out_path.exists():
            result["status"] = "crashed"
            result["error"] = f"exit code {proc.returncode}: {''.join(tail)[-600:]}"
    result.update(spec)
    result["process_wall_s"] = wall
    result["peak_rss_mib"] = usage.ru_maxrss / 1024
    return result


# -- machine and run metadata -------------------------------------------------------------
def git(*args: str) -> str:
    """The output of a git command in the project, or ``unknown``."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip()


def _proc_field(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages."""
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict[str, Any]:
    """CPU, cores, memory, Python and library versions, the git commit."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    mem = _proc_field("/proc/meminfo", "MemTotal")
    mem_gib = round(int(mem.split()[0]) / 1024**2, 1) if mem else None
    status = git("status", "--porcelain", "--untracked-files=no")
    return {
        "cores": os.cpu_count(),
        "memory_gib": mem_gib,
        "cpu": _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        "platform": platform.platform(),
        "python": platform.python_version(),
        "ortools": installed("ortools"),
        "highspy": installed("highspy"),
        "scipy": installed("scipy"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty": status not in ("", "unknown"),
    }


def now() -> str:
    """The local time, to the second, with its offset."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def start_meta(command: str) -> dict[str, Any]:
    """What a run records when it starts: time, command, machine, load."""
    return {
        "started": now(),
        "command": command,
        "machine": machine(),
        "load_start": load_average(),
        "_t0": time.perf_counter(),
    }


def end_meta(meta: dict[str, Any]) -> None:
    """Record the end of a run (time, total wall seconds, load) in ``meta``."""
    meta["finished"] = now()
    meta["wall_s"] = round(time.perf_counter() - meta["_t0"], 1)
    meta["load_end"] = load_average()


def public(meta: dict[str, Any]) -> dict[str, Any]:
    """``meta`` without its private keys (for the JSON files)."""
    return {k: v for k, v in meta.items() if not k.startswith("_")}


def machine_lines(meta: dict[str, Any]) -> list[str]:
    """Markdown bullets: date, machine, load, versions, commit, command."""
    m = meta["machine"]

    def load(key: str) -> str:
        value = meta.get(key)
        if not value:
            return "-"
        if isinstance(value, int | float):
            return f"{value:.2f}"
        return " / ".join(f"{x:.2f}" for x in value)

    wall = meta.get("wall_s")
    return [
        f"- Date: {meta['started']} to {meta.get('finished', '-')}"
        + ("" if wall is None else f", {wall:.0f} s wall in all"),
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB memory; {m['platform']}",
        f"- Load average (1 / 5 / 15 min) at the start {load('load_start')}, at the end "
        f"{load('load_end')} (other work on the machine lengthens wall times and shortens "
        "what a wall-clock limit allows)",
        f"- Python {m['python']}, OR-Tools {m['ortools']}, highspy {m.get('highspy', '-')}, "
        f"scipy {m.get('scipy', '-')}",
        f"- Commit {m['commit']}"
        + (" with uncommitted changes (dirty tree)" if m["dirty"] else " (clean tree)"),
        f"- Repeat: `{meta['command']}`",
    ]
