"""Plain values every core type shares: the structured `ProblemError`, dates and times.

This module imports nothing else of the package, so every core module can use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal


class ProblemError(ValueError):
    """An invalid problem definition.

    ``str(error)`` is a plain message naming the object at fault, for example
    ``agent 'A07': unknown shift 'X'``. The attributes say the same for programs, so an
    edge (the workbook) can point at the cell without reading the message:

    Attributes
    ----------
    field
        Where the value at fault sits, as a path from the `Problem`:
        ``rules.rest_days_per_month``, ``weights.cover``, ``agents[3].shifts``,
        ``leave[0].date``; None when no single field is at fault. A type checked on its
        own (an `Agent` before it is in a problem) names its own field (``shifts``).
    fields
        Every field the error is about (a conflict between two rules names both); the
        first is ``field``.
    allowed
        The allowed values or range in words (``a whole number >= 0``), when known.
    value
        The value at fault, when there is one.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        fields: tuple[str, ...] = (),
        allowed: str | None = None,
        value: object = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        all_fields = tuple(dict.fromkeys(((field,) if field else ()) + tuple(fields)))
        self.fields: tuple[str, ...] = all_fields
        self.field: str | None = all_fields[0] if all_fields else None
        self.allowed = allowed
        self.value = value

    def at(self, prefix: str) -> ProblemError:
        """The same error with its fields placed under ``prefix`` (``agents[3]``)."""
        moved = tuple(f"{prefix}.{f}" if f else prefix for f in self.fields) or (prefix,)
        return ProblemError(self.message, fields=moved, allowed=self.allowed, value=self.value)


def parse_time(value: time | str, what: str, field: str | None = None) -> time:
    """Accept a `datetime.time` or ``"HH:MM"`` text (``"24:00"`` means midnight)."""
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text in ("24:00", "24:00:00"):
            return time(0, 0)
        for fmt in ("%H:%M", "%H:%M:%S"):
            try:
                return datetime.strptime(text, fmt).time()
            except ValueError:
                pass
    raise ProblemError(
        f"{what}: invalid time {value!r} (expected HH:MM)",
        field=field,
        allowed="HH:MM",
        value=value,
    )


def parse_date(value: date | str, what: str, field: str | None = None) -> date:
    """Accept a `datetime.date` or ISO ``"YYYY-MM-DD"`` text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ProblemError(
        f"{what}: invalid date {value!r} (expected YYYY-MM-DD)",
        field=field,
        allowed="YYYY-MM-DD",
        value=value,
    )


def minutes_of(t: time) -> int:
    """Minutes from midnight of a clock time."""
    return t.hour * 60 + t.minute


Lang = Literal["en", "zh"]
"""The languages every sentence for people comes in."""


@dataclass(frozen=True)
class Text:
    """A sentence in each language."""

    en: str
    zh: str

    def __call__(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en
