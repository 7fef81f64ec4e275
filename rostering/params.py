"""Parameters with their metadata, and the two sets of them: `RuleParams` and `Weights`.

A rule unit (``rostering/rules/``) declares each of its parameters as a `Param`: the name
(which is also its key in the workbook's Rules sheet), the Chinese alias of the key, the
kind of value with its allowed range, the default, the help text, and the value that
switches the rule off (what an adapter such as the Curtois & Qu benchmark uses). A soft
rule declares its weights the same way. The registry (``rostering/rules/__init__.py``)
hands every declared parameter to `RuleParams` and `Weights`, so the parameters of a new
rule exist, validate, show in the workbook and in the docs without another edit.

Validation happens here, once: `Param.check` is what `RuleParams` runs on every value,
and what the workbook runs on every Rules cell (after turning the cell into a value), so
the bounds are never written twice.
"""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from typing import Any, ClassVar, Literal

from .roles import PRESALES, normalize_role
from .values import ProblemError, parse_date

#: The largest whole number a parameter, weight or count may take: CP-SAT works in
#: 64-bit integers, and weights multiply terms, so keep well below that.
MAX_WHOLE = 10**9


class _Keep:
    """The `Param.off` of a parameter that no value switches off."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


def show(value: object) -> str:
    """A value as the workbook shows it in a message (text quoted, numbers plain)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


# -- kinds of values ----------------------------------------------------------------------------
class Kind:
    """The kind of a parameter's value: how it is checked and how it reads as text."""

    name: ClassVar[str] = "value"

    @property
    def annotation(self) -> Any:
        """The Python type of the value (the field's annotation)."""
        return object

    @property
    def allowed(self) -> str:
        """The allowed values in words (``a whole number >= 0``)."""
        return "a value"

    def check(self, key: str, value: Any) -> Any:
        """``value`` normalised, or a `ProblemError` saying what is allowed."""
        return value

    def text(self, value: Any) -> object:
        """The value as a workbook cell writes it (the template, the docs)."""
        if isinstance(value, tuple | list):
            return ",".join(str(v) for v in value)
        return value

    def fail(self, key: str, value: object, note: str = "") -> ProblemError:
        return ProblemError(
            f"{key} must be {self.allowed}, got {show(value)}{note}",
            allowed=self.allowed,
            value=value,
        )


@dataclass(frozen=True)
class Whole(Kind):
    """A whole number from ``low`` to ``high`` (None: up to `MAX_WHOLE`)."""

    low: int = 0
    high: int | None = None
    name: ClassVar[str] = "whole"

    @property
    def annotation(self) -> Any:
        return int

    @property
    def allowed(self) -> str:
        if self.high is None:
            return f"a whole number >= {self.low}"
        return f"a whole number from {self.low} to {self.high}"

    def check(self, key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            at_most = "" if self.high is None else f" (at most {self.high})"
            raise ProblemError(
                f"{key} must be a whole number >= {self.low}, got {show(value)}{at_most}",
                allowed=self.allowed,
                value=value,
            )
        if value < self.low or (self.high is not None and value > self.high):
            raise self.fail(key, value)
        if value > MAX_WHOLE:
            raise ProblemError(
                f"{key} must be at most {MAX_WHOLE} (what the solver can count), got {value}",
                allowed=self.allowed,
                value=value,
            )
        return value


@dataclass(frozen=True)
class Number(Kind):
    """A finite number between ``low`` and ``high``."""

    low: float
    high: float
    name: ClassVar[str] = "number"

    @property
    def annotation(self) -> Any:
        return float

    @property
    def allowed(self) -> str:
        return f"a number between {self.low:g} and {self.high:g}"

    def check(self, key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
            raise self.fail(key, value)
        if not math.isfinite(value) or not self.low <= value <= self.high:
            raise self.fail(key, value)
        return int(value) if float(value).is_integer() else float(value)


@dataclass(frozen=True)
class Flag(Kind):
    """True or false."""

    name: ClassVar[str] = "flag"

    @property
    def annotation(self) -> Any:
        return bool

    @property
    def allowed(self) -> str:
        return "true or false"

    def check(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, value)
        return value

    def text(self, value: Any) -> object:
        return "true" if value else "false"


@dataclass(frozen=True)
class Choice(Kind):
    """One of ``options``; ``aliases`` (other words, Chinese) name the same options."""

    options: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)
    name: ClassVar[str] = "choice"

    @property
    def annotation(self) -> Any:
        return Literal[self.options]

    @property
    def allowed(self) -> str:
        return " or ".join(f"'{o}'" for o in self.options)

    def check(self, key: str, value: Any) -> str:
        if isinstance(value, str):
            text = value.strip()
            found = self.aliases.get(text.lower(), self.aliases.get(text, text.lower()))
            if found in self.options:
                return found
        raise self.fail(key, value)


@dataclass(frozen=True)
class DaysOrMonth(Kind):
    """A whole number of days >= ``low``, or ``"month"`` (calendar months)."""

    low: int = 1
    words: tuple[str, ...] = ("month", "monthly", "月", "整月")
    name: ClassVar[str] = "days_or_month"

    @property
    def annotation(self) -> Any:
        return int | Literal["month"]

    @property
    def allowed(self) -> str:
        return f"a whole number of days >= {self.low} or 'month'"

    def check(self, key: str, value: Any) -> int | str:
        if isinstance(value, str) and value.strip().lower() in self.words:
            return "month"
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, value)
        if not self.low <= value <= 366:
            raise self.fail(key, value)
        return value


@dataclass(frozen=True)
class Dates(Kind):
    """Dates (a comma-separated list in the workbook), kept sorted and once each."""

    name: ClassVar[str] = "dates"

    @property
    def annotation(self) -> Any:
        return tuple[date, ...]

    @property
    def allowed(self) -> str:
        return "dates (YYYY-MM-DD)"

    def check(self, key: str, value: Any) -> tuple[date, ...]:
        if isinstance(value, str | date) or not isinstance(value, Iterable):
            raise self.fail(key, value)
        return tuple(sorted({parse_date(d, key) for d in value}))

    def text(self, value: Any) -> object:
        return ",".join(d.isoformat() for d in value)


@dataclass(frozen=True)
class CodePair(Kind):
    """Two different shift codes (the workbook writes ``W,N``)."""

    name: ClassVar[str] = "code_pair"

    @property
    def annotation(self) -> Any:
        return tuple[str, str]

    @property
    def allowed(self) -> str:
        return "two different shift codes"

    def check(self, key: str, value: Any) -> tuple[str, str]:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, Sequence):
            raise self.fail(key, value)
        codes = tuple(str(c).strip() for c in items)
        if len(codes) != 2 or not all(codes) or codes[0] == codes[1]:
            raise self.fail(key, value)
        return codes[0], codes[1]


@dataclass(frozen=True)
class Successions(Kind):
    """Pairs ``(X, Y)`` of shift codes (the workbook writes ``N>W, N>R``)."""

    name: ClassVar[str] = "successions"

    @property
    def annotation(self) -> Any:
        return tuple[tuple[str, str], ...]

    @property
    def allowed(self) -> str:
        return "pairs of shift codes like N>W"

    def check(self, key: str, value: Any) -> tuple[tuple[str, str], ...]:
        if isinstance(value, str):
            value = [v for v in value.replace("，", ",").split(",") if v.strip()]
        if not isinstance(value, Iterable):
            raise self.fail(key, value)
        pairs = []
        for pair in value:
            if isinstance(pair, str):
                pair = tuple(pair.replace(">", "-").split("-"))
            if (
                not isinstance(pair, Sequence)
                or len(pair) != 2
                or not all(str(c).strip() for c in pair)
            ):
                raise ProblemError(
                    f"{key}: {pair!r} is not a pair of shift codes like N>W",
                    allowed=self.allowed,
                    value=value,
                )
            pairs.append((str(pair[0]).strip(), str(pair[1]).strip()))
        return tuple(dict.fromkeys(pairs))

    def text(self, value: Any) -> object:
        return ",".join(f"{x}>{y}" for x, y in value)


@dataclass(frozen=True)
class Ratios(Kind):
    """A ratio to pre-sales per role (the workbook writes ``aftersales=1/4, phone=1/6``)."""

    name: ClassVar[str] = "ratios"

    @property
    def annotation(self) -> Any:
        return Mapping[str, Fraction]

    @property
    def allowed(self) -> str:
        return "ratios to pre-sales like aftersales=1/4, phone=1/6"

    def check(self, key: str, value: Any) -> dict[str, Fraction]:
        if isinstance(value, str):
            value = _ratio_items(key, value, self)
        if not isinstance(value, Mapping):
            raise self.fail(key, value)
        ratios: dict[str, Fraction] = {}
        for role, ratio in dict(value).items():
            canon = normalize_role(str(role))
            if canon is None or canon == PRESALES:
                raise ProblemError(
                    f"{key}: unknown or invalid role '{role}'", allowed=self.allowed, value=role
                )
            try:
                number = Fraction(ratio)
            except (TypeError, ValueError, ZeroDivisionError):
                raise ProblemError(
                    f"{key}: ratio of '{role}' is not a number, got {show(ratio)}",
                    allowed=self.allowed,
                    value=ratio,
                ) from None
            if number < 0 or number > 100:
                raise ProblemError(
                    f"{key}: ratio of '{role}' must be between 0 and 100, got {ratio}",
                    allowed=self.allowed,
                    value=ratio,
                )
            ratios[canon] = number
        return ratios

    def text(self, value: Any) -> object:
        return ", ".join(f"{role}={ratio}" for role, ratio in value.items())


def _ratio_items(key: str, text: str, kind: Ratios) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in text.replace("，", ",").replace("、", ",").split(","):
        if not item.strip():
            continue
        role, sep, ratio = item.replace("：", "=").replace(":", "=").partition("=")
        if not sep or not role.strip() or not ratio.strip():
            raise kind.fail(key, item.strip())
        out[role.strip()] = ratio.strip()
    return out


# -- a parameter ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Param:
    """One parameter of a rule (or one weight of a soft term), with its metadata.

    Parameters
    ----------
    name
        The attribute (``RuleParams.rest_days_per_month``) and the Rules-sheet key.
    zh
        The Chinese alias of the Rules-sheet key (每月休息天数).
    kind
        The kind of value and its allowed range (`Whole`, `Number`, `Flag`, ...).
    default
        The default value (those of docs/domain.md).
    help
        What it means, in English, for the workbook's notes and the docs.
    help_zh
        The same in Chinese, where the workbook shows it.
    off
        The value that switches the rule off (`KEEP`: none does; leave the default).
        It is accepted even outside the kind's range (0 days in a row: no limit).
    key
        The Rules-sheet key when it is not ``name`` (weights: ``weight_<name>``).
    """

    name: str
    zh: str
    kind: Kind
    default: Any
    help: str
    help_zh: str = ""
    off: Any = KEEP
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.name)

    @property
    def can_switch_off(self) -> bool:
        return self.off is not KEEP

    def check(self, value: Any, path: str = "") -> Any:
        """The value normalised, or a `ProblemError` with the field ``path.name``."""
        where = f"{path}.{self.name}" if path else self.name
        if self.can_switch_off and _same(value, self.off):
            return self.kind.check(self.key, value) if _in_kind(self, value) else value
        try:
            return self.kind.check(self.key, value)
        except ProblemError as error:
            message = error.message
            if (
                self.can_switch_off
                and not _in_kind(self, self.off)
                and message.startswith(f"{self.key} must be")
            ):
                message += f" ({self.kind.text(self.off)} switches the rule off)"
            raise ProblemError(
                message, field=where, allowed=error.allowed, value=error.value
            ) from None

    def text(self, value: Any = KEEP) -> object:
        """A value (the default) as the workbook writes it."""
        return self.kind.text(self.default if value is KEEP else value)


def _same(value: object, off: object) -> bool:
    if isinstance(value, bool) != isinstance(off, bool):
        return False
    try:
        return bool(value == off)
    except Exception:
        return False


def _in_kind(param: Param, value: object) -> bool:
    try:
        param.kind.check(param.key, value)
    except ProblemError:
        return False
    return True


# -- sets of parameters ----------------------------------------------------------------------------
def _frozen(value: object) -> object:
    if isinstance(value, Mapping):
        return tuple(sorted(value.items()))
    return value


class ParamSet:
    """Validated, immutable values of declared parameters (attributes by name).

    Each subclass becomes a frozen dataclass when the registry declares its parameters
    (`declare`): one field per parameter, typed and defaulted from its `Param`, so
    ``dataclasses.fields``, ``replace`` and the JSON documents (``rostering/jsonio.py``)
    treat it like the other core types. ``__post_init__`` validates every value.
    """

    _specs: ClassVar[dict[str, Param]]
    _checks: ClassVar[list[Callable[[Any], None]]]
    path: ClassVar[str] = ""
    what: ClassVar[str] = "parameter"

    def __init__(self, *args: Any, **values: Any) -> None:
        raise RuntimeError(f"{type(self).__name__}: the rule registry has not declared it yet")

    def __post_init__(self) -> None:
        for name, spec in self.specs().items():
            object.__setattr__(self, name, spec.check(getattr(self, name), self.path))
        for check in self._checks:
            check(self)

    @classmethod
    def declare(cls, params: Iterable[Param], checks: Iterable[Callable[[Any], None]] = ()) -> None:
        """Make ``params`` the parameters (fields) of this set; the registry calls this once."""
        if "_specs" in cls.__dict__:
            raise RuntimeError(f"{cls.__name__}: parameters are declared once")
        specs: dict[str, Param] = {}
        for param in params:
            if hasattr(cls, param.name) or param.name.startswith("_"):
                raise ValueError(f"{cls.__name__}: {param.name!r} is not a free attribute name")
            if param.name in specs and specs[param.name] != param:
                raise ValueError(f"{cls.__name__}: {param.name!r} is declared twice, differently")
            specs[param.name] = param
        cls._specs = specs
        cls._checks = list(checks)
        cls.__annotations__ = {name: spec.kind.annotation for name, spec in specs.items()}
        for name, spec in specs.items():
            default = spec.default
            if isinstance(default, dict | list | set):
                setattr(cls, name, field(default_factory=functools.partial(copy.copy, default)))
            else:
                setattr(cls, name, default)
        cls.__hash__ = ParamSet.__hash__  # type: ignore[method-assign]
        dataclass(frozen=True)(cls)

    @classmethod
    def specs(cls) -> dict[str, Param]:
        """Every declared parameter by name, in the registry's order."""
        if "_specs" not in cls.__dict__:
            raise RuntimeError(f"{cls.__name__}: the rule registry has not declared them yet")
        return cls._specs

    @classmethod
    def spec(cls, name: str) -> Param:
        return cls.specs()[name]

    @classmethod
    def default(cls, name: str) -> Any:
        """The default value of a parameter."""
        return cls.specs()[name].default

    @classmethod
    def switched_off(cls) -> Any:
        """Every parameter at the value that switches its rule off (those no value
        switches off keep their default)."""
        return cls(**{name: spec.off for name, spec in cls.specs().items() if spec.can_switch_off})

    def __getattr__(self, name: str) -> Any:
        """Only called for a name that is not a parameter (parameters are attributes)."""
        raise AttributeError(f"{type(self).__name__} has no parameter {name!r}")

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """``(name, value)`` of every parameter, in the registry's order."""
        return iter([(name, getattr(self, name)) for name in self.specs()])

    def items(self) -> list[tuple[str, Any]]:
        return list(self)

    def with_(self, **changes: Any) -> Any:
        """A copy with some parameters changed (validated again)."""
        return replace(self, **changes)  # type: ignore[type-var]

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple((k, _frozen(v)) for k, v in self)))


class RuleParams(ParamSet):
    """The hard rules' parameters, with the defaults of docs/domain.md.

    Each parameter belongs to the rule unit that declares it in ``rostering/rules/``;
    ``docs/rules.md`` lists them all, generated from the registry. Read them as
    attributes (``params.rest_days_per_month``); change them with `with_`. A parameter
    that can switch its rule off accepts its off value too (``max_consecutive_work_days``
    0: no limit); `switched_off` gives every rule off.
    """

    path = "rules"
    what = "rule parameter"

    @property
    def min_rest_minutes(self) -> int:
        return round(self.min_rest_hours * 60)


class Weights(ParamSet):
    """Weights of the soft objective terms, in points per unit. Lower total is better.

    Each weight belongs to the soft rule that declares its term in ``rostering/rules/``
    (``docs/rules.md`` lists them). The defaults put the terms in docs/domain.md's order of
    importance: an agent-hour of unmet demand outweighs a peak-hour agent, which outweighs
    a request, which outweighs a day of fairness spread.
    """

    path = "weights"
    what = "weight"


Rules = RuleParams
"""The former name of `RuleParams`, kept for code and README snippets that use it."""
