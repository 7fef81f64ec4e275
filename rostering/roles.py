"""Customer-service roles (岗位) and their default ratios to pre-sales agents."""

from __future__ import annotations

from fractions import Fraction

PRESALES = "presales"
AFTERSALES = "aftersales"

#: Canonical role names, in the order the source article lists them.
ROLES: tuple[str, ...] = (
    PRESALES,
    AFTERSALES,
    "order_change",
    "payment_chase",
    "phone",
    "escalation",
)

#: Chinese names of the roles, as used in the workbook.
ROLE_NAMES_ZH: dict[str, str] = {
    PRESALES: "售前",
    AFTERSALES: "售后",
    "order_change": "改单",
    "payment_chase": "催付",
    "phone": "电话",
    "escalation": "攻坚",
}

#: docs/domain.md rule 7: agents on duty in a role >= floor(ratio x pre-sales agents on duty).
DEFAULT_ROLE_RATIOS: dict[str, Fraction] = {
    AFTERSALES: Fraction(1, 4),
    "order_change": Fraction(1, 6),
    "payment_chase": Fraction(1, 6),
    "phone": Fraction(1, 6),
    "escalation": Fraction(1, 6),
}

_ALIASES: dict[str, str] = {
    **{name: name for name in ROLES},
    **{zh: name for name, zh in ROLE_NAMES_ZH.items()},
    "pre-sales": PRESALES,
    "after-sales": AFTERSALES,
    "order-change": "order_change",
    "payment-chase": "payment_chase",
    "payment_chasing": "payment_chase",
}


def normalize_role(text: str) -> str | None:
    """Return the canonical role for an English or Chinese name, or None if unknown."""
    return _ALIASES.get(text.strip().lower()) or _ALIASES.get(text.strip())
