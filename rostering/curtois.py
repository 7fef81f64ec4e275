"""The Curtois & Qu benchmark format: moved to ``rostering/formats/curtois.py``.

Kept so that ``rostering.curtois`` imports keep working.
"""

from .formats.curtois import (
    BENCHMARK_RULES,
    BENCHMARK_SEARCH,
    BENCHMARK_WEIGHTS,
    DEFAULT_START,
    SECTIONS,
    CurtoisCover,
    CurtoisRequest,
    CurtoisShift,
    CurtoisStaff,
    Instance,
    InstanceError,
    parse_instance,
    read_instance,
    roster_rows,
    solve_instance,
    to_problem,
    write_csv,
)

__all__ = [
    "BENCHMARK_RULES",
    "BENCHMARK_SEARCH",
    "BENCHMARK_WEIGHTS",
    "DEFAULT_START",
    "SECTIONS",
    "CurtoisCover",
    "CurtoisRequest",
    "CurtoisShift",
    "CurtoisStaff",
    "Instance",
    "InstanceError",
    "parse_instance",
    "read_instance",
    "roster_rows",
    "solve_instance",
    "to_problem",
    "write_csv",
]
