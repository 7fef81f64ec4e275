"""The documented size limits of the workbook edge (README: "Limits").

Every input size is bounded, so that a hostile or damaged file ends quickly with a clear
message instead of hours of work: the file, its unpacked parts, the columns and rows read
per sheet, the team and the forecast. The team limit is the largest team the benchmarks
measured (benchmarks/RESULTS.md: 5000 agents, a valid roster within 10 deterministic
seconds on 2 workers).
"""

from __future__ import annotations

__all__ = [
    "HEADER_ROWS",
    "MAX_AGENTS",
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_FORECAST_ROWS",
    "MAX_ROSTER_COLUMNS",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
]

MAX_FILE_BYTES = 64 * 1024 * 1024
"""An input or roster workbook is at most 64 MiB on disk."""

MAX_UNPACKED_BYTES = 512 * 1024 * 1024
"""Its parts together are at most 512 MiB unpacked (a zip bomb is refused unread)."""

MAX_COLUMNS = 100
"""Columns read per input sheet (A to CV); cells further right are not read."""

MAX_ROSTER_COLUMNS = 400
"""Columns read per Roster sheet: id, name, role, a year of days and totals."""

HEADER_ROWS = 10
"""The header row is looked for in the first 10 non-blank rows (titles may sit above)."""

MAX_AGENTS = 5000
"""Agents per workbook (rows of the Staff sheet); also the most agents a Demand row or a
forecast hour may ask for."""

MAX_ROWS = 50_000
"""Data rows per input sheet other than Staff and Forecast."""

MAX_FORECAST_ROWS = 32 * 24 * 8
"""Forecast rows: one per date (31 days, or blank for every day), hour and role (six
roles, or any)."""
