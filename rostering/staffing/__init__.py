"""Staffing: how many agents, and in which hours.

- ``rostering/staffing/formula.py``: the Double-12 headcount formula and Erlang C queueing
  per hour (pure arithmetic on numbers);
- ``rostering/staffing/report.py``: the staffing report of a team (`staffing_report`): the
  formula, the hourly requirements and the team against both.

``roster staffing`` prints the report; the workbook's Staffing and Forecast sheets feed it.
"""

from .formula import (
    CEIL_TOLERANCE,
    DEFAULT_SERVICE_LEVEL,
    DEFAULT_TARGET_SECONDS,
    ROLE_LABELS,
    ForecastRow,
    HeadcountPlan,
    QueueRequirement,
    StaffingInputs,
    agents_needed,
    average_speed_of_answer,
    erlang_c,
    forecast_demand,
    headcount_plan,
    hourly_requirements,
    occupancy,
    service_level,
)
from .report import (
    HOUR_COLUMNS,
    HOUR_NOTES,
    Capacity,
    HourRequirement,
    QueueTargets,
    RoleComparison,
    StaffingData,
    StaffingReport,
    hour_capacity,
    role_label,
    staffing_report,
    team_by_role,
)

__all__ = [
    "CEIL_TOLERANCE",
    "DEFAULT_SERVICE_LEVEL",
    "DEFAULT_TARGET_SECONDS",
    "HOUR_COLUMNS",
    "HOUR_NOTES",
    "ROLE_LABELS",
    "Capacity",
    "ForecastRow",
    "HeadcountPlan",
    "HourRequirement",
    "QueueRequirement",
    "QueueTargets",
    "RoleComparison",
    "StaffingData",
    "StaffingInputs",
    "StaffingReport",
    "agents_needed",
    "average_speed_of_answer",
    "erlang_c",
    "forecast_demand",
    "headcount_plan",
    "hour_capacity",
    "hourly_requirements",
    "occupancy",
    "role_label",
    "service_level",
    "staffing_report",
    "team_by_role",
]
