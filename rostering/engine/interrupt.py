"""CP-SAT solves that Ctrl-C can stop cleanly.

CP-SAT's own SIGINT handling stops the search but leaves the process's SIGINT disposition
at the system default afterwards, so the next Ctrl-C kills Python with no message. Here
CP-SAT leaves signals alone (``catch_sigint_signal`` off) and, in the main thread, the
solve runs in a helper thread while the main thread waits: a Ctrl-C raises
`KeyboardInterrupt` in the main thread at once, which stops the search and is passed on,
so the caller can keep its best roster and say it was interrupted.
"""

from __future__ import annotations

import threading
from typing import Any

from ortools.sat.python import cp_model


def solve(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> Any:
    """``solver.solve(model, callback)``, interruptible by Ctrl-C (see the module)."""
    solver.parameters.catch_sigint_signal = False
    if threading.current_thread() is not threading.main_thread():
        return solver.solve(model, callback)
    status: list[Any] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            status.append(solver.solve(model, callback))
        except BaseException as exc:  # pragma: no cover - passed on below
            failure.append(exc)

    thread = threading.Thread(target=work, name="cp-sat", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.05)
    except KeyboardInterrupt:
        solver.stop_search()
        thread.join()
        raise
    if failure:
        raise failure[0]
    return status[0]
