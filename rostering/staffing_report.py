"""The staffing report: moved to ``rostering/staffing/report.py`` (the package imports it
from there).

Kept so that ``rostering.staffing_report`` imports keep working.
"""

from .staffing.report import (
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
    "HOUR_COLUMNS",
    "HOUR_NOTES",
    "Capacity",
    "HourRequirement",
    "QueueTargets",
    "RoleComparison",
    "StaffingData",
    "StaffingReport",
    "hour_capacity",
    "role_label",
    "staffing_report",
    "team_by_role",
]
