"""JSON in and out: problems and results as plain data, with a published JSON Schema.

A service sends a problem and stores the result; `rostering.solve_many` ships both to
Dask workers. Both travel as JSON documents::

    {"kind": "rostering.problem", "version": 1, "problem": {...}, "settings": {...}}
    {"kind": "rostering.result", "version": 1, "result": {...}}

The documents are derived from the dataclasses of the core (`Problem`, `Agent`,
`ShiftType`, `Rules`, `Result`, ...) field by field, from their type annotations, so a
field added to one of them is in the JSON form (and its schema) at once. Values are
spelled as in the workbook contract: dates ``YYYY-MM-DD``, clock times ``HH:MM``, actual
start and end times ``YYYY-MM-DDTHH:MM``, rest ``OFF`` and leave ``LEAVE``, ratios as
exact fractions (``"1/4"``). The schema is shipped in the package
(``rostering/schema/rostering.schema.json``, `schema`); its ``version`` goes up when a
document of the old version would be read differently.

Reading is strict: an unknown field, a missing field or a value of the wrong type is an
error naming the exact place (``problem.agents[3].role: unknown role 'x'``), and every
such problem in a document is reported at once (`JsonError`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import sys
import tempfile
import types
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields, is_dataclass
from datetime import date, datetime, time
from enum import Enum
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from .conversions import provide
from .explanation import Explanation
from .problem import Problem, ProblemError
from .result import Result
from .roster import Assignment, Roster

__all__ = [
    "SCHEMA_FILE",
    "SCHEMA_VERSION",
    "JsonError",
    "ProblemFile",
    "build_schema",
    "problem_from_dict",
    "problem_from_json",
    "problem_to_dict",
    "problem_to_json",
    "read_json",
    "read_problem_file",
    "result_from_dict",
    "result_from_json",
    "result_to_dict",
    "result_to_json",
    "schema",
    "schema_text",
    "write_json",
    "write_text",
]

SCHEMA_VERSION = 1
"""Version of the JSON form; documents of a newer version are refused."""
SCHEMA_FILE = "rostering.schema.json"
"""The schema's file name inside the package folder ``rostering/schema``."""
PROBLEM_KIND = "rostering.problem"
RESULT_KIND = "rostering.result"
SETTINGS = {"time_limit": "number", "seed": "integer"}
"""Optional solver settings a problem document may carry (as the Rules sheet's
``time_limit_seconds`` and ``seed`` do)."""
DERIVED = ("found", "gap", "checks")
"""Fields a result document states for its readers and that reading recomputes."""

PathLike = str | os.PathLike[str]


class JsonError(ValueError):
    """A JSON document that cannot be read; ``errors`` lists each problem, every one
    starting with its place in the document (``problem.agents[3].role: ...``)."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


# -- the types of the JSON form -------------------------------------------------------------
_NAMESPACE: dict[str, Any] = {
    "Roster": Roster,
    "Explanation": Explanation,
    "Problem": Problem,
    "Result": Result,
}


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """The resolved field annotations of a dataclass."""
    return get_type_hints(cls, globalns=vars(sys.modules[cls.__module__]), localns=_NAMESPACE)


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


@functools.cache
def _wire_fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    """The fields a dataclass has in JSON: its init fields."""
    return tuple(f for f in fields(cls) if f.init)


# -- encoding --------------------------------------------------------------------------------
def _encode(value: Any) -> Any:
    """Plain JSON data for a value of the core's types."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"cannot write {value!r} as JSON")
        return value
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, Roster):
        return [_encode(a) for a in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in _wire_fields(type(value))}
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return [_encode(v) for v in sorted(value)]
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def problem_to_dict(
    problem: Problem, *, settings: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """A problem as a JSON document (plain dicts, lists, strings and numbers).

    Parameters
    ----------
    problem
        Any valid problem.
    settings
        Optional solver settings to keep with it: ``time_limit`` (seconds) and ``seed``.

    Returns
    -------
    dict
        ``{"kind": "rostering.problem", "version": 1, "problem": {...}}`` plus
        ``"settings"`` when given.
    """
    doc: dict[str, Any] = {
        "kind": PROBLEM_KIND,
        "version": SCHEMA_VERSION,
        "problem": _encode(problem),
    }
    if settings:
        unknown = sorted(set(settings) - set(SETTINGS))
        if unknown:
            raise ValueError(f"unknown settings {unknown} (known: {', '.join(SETTINGS)})")
        doc["settings"] = {k: v for k, v in settings.items() if v is not None}
    return doc


def result_to_dict(result: Result, *, include_problem: bool = True) -> dict[str, Any]:
    """A result as a JSON document.

    Besides the fields of `Result` the document states ``found``, ``gap`` and ``checks``
    (every hard rule and its violations, from the independent checker run now), for
    readers of the JSON alone; reading it back recomputes them.

    Parameters
    ----------
    result
        What `rostering.solve` returned.
    include_problem
        Keep the problem in the document (the default). Without it the document is
        smaller, and `result_from_dict` needs the problem given.

    Returns
    -------
    dict
        ``{"kind": "rostering.result", "version": 1, "result": {...}}``.
    """
    body = _encode(result)
    if not include_problem:
        del body["problem"]
    body["found"] = result.found
    body["gap"] = result.gap
    body["checks"] = _checks(result)
    return {"kind": RESULT_KIND, "version": SCHEMA_VERSION, "result": body}


def _checks(result: Result) -> list[dict[str, Any]]:
    if result.roster is None:
        return []
    from .report import rule_checks

    return [
        {
            "number": c.number,
            "rule": c.name,
            "passed": c.passed,
            "violations": [_encode(v) for v in c.violations],
        }
        for c in rule_checks(result.problem, result.roster)
    ]


# -- decoding --------------------------------------------------------------------------------
class _Errors:
    """Problems found while reading a document, each at its path."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.found.append(f"{path}: {message}")


class _Bad(Exception):
    """A value that cannot be read; already recorded."""


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text"}.get(
        type(value), "a list" if isinstance(value, list) else "an object"
    )


def _decode(value: Any, tp: Any, path: str, errors: _Errors) -> Any:
    """Read ``value`` as type ``tp``; on a problem record it and raise `_Bad`."""

    def bad(message: str) -> _Bad:
        errors.add(path, message)
        return _Bad()

    if tp is Any:
        return value
    if tp is type(None):
        if value is not None:
            raise bad(f"expected null, got {_kind(value)}")
        return None
    if _is_union(tp):
        arms = get_args(tp)
        if value is None:
            if type(None) in arms:
                return None
            raise bad("missing value (null)")
        trial = _Errors()
        for arm in arms:
            if arm is type(None):
                continue
            try:
                return _decode(value, arm, path, trial)
            except _Bad:
                continue
        errors.found.extend(trial.found[-1:])
        raise _Bad()
    origin = get_origin(tp)
    if origin is Literal:
        if value not in get_args(tp):
            options = ", ".join(repr(a) for a in get_args(tp))
            raise bad(f"expected one of {options}, got {value!r}")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise bad(f"expected true or false, got {_kind(value)}")
        return value
    if tp is int:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise bad(f"expected a whole number, got {_kind(value)}")
        return value
    if tp is float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise bad(f"expected a number, got {_kind(value)}")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise bad(f"expected text, got {_kind(value)}")
        return value
    if tp in (date, datetime, time):
        return _decode_moment(value, tp, bad)
    if tp is Fraction:
        try:
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise ValueError
            return Fraction(str(value))
        except (ValueError, ZeroDivisionError):
            raise bad(f'expected a fraction such as "1/4", got {value!r}') from None
    if tp is Roster:
        items = _decode(value, tuple[Assignment, ...], path, errors)
        return Roster(items)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            options = ", ".join(repr(m.value) for m in tp)
            raise bad(f"expected one of {options}, got {value!r}") from None
    if isinstance(tp, type) and is_dataclass(tp):
        return _decode_dataclass(value, tp, path, errors)
    if origin in (tuple, frozenset, list, set):
        if not isinstance(value, list):
            raise bad(f"expected a list, got {_kind(value)}")
        args = get_args(tp)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(value) != len(args):
                raise bad(f"expected a list of {len(args)} items, got {len(value)}")
            kinds = list(args)
        else:
            kinds = [args[0] if args else Any] * len(value)
        out, failed = [], False
        for i, (item, kind) in enumerate(zip(value, kinds, strict=True)):
            try:
                out.append(_decode(item, kind, f"{path}[{i}]", errors))
            except _Bad:
                failed = True
        if failed:
            raise _Bad()
        return frozenset(out) if origin is frozenset else tuple(out) if origin is tuple else out
    if origin in (dict, Mapping):
        if not isinstance(value, dict):
            raise bad(f"expected an object, got {_kind(value)}")
        _key, value_type = get_args(tp) or (str, Any)
        result, failed = {}, False
        for key, item in value.items():
            try:
                result[key] = _decode(item, value_type, f"{path}.{key}", errors)
            except _Bad:
                failed = True
        if failed:
            raise _Bad()
        return result
    raise bad(f"cannot read type {tp!r}")  # a type of the core this module does not know


def _decode_moment(value: Any, tp: type, bad: Callable[[str], _Bad]) -> Any:
    spelled = {date: "YYYY-MM-DD", datetime: "YYYY-MM-DDTHH:MM", time: "HH:MM"}[tp]
    if isinstance(value, str):
        try:
            if tp is date and len(value) == 10:
                return date.fromisoformat(value)
            if tp is datetime and "T" in value:
                return datetime.fromisoformat(value)
            if tp is time and len(value) in (5, 8):
                return time.fromisoformat(value)
        except ValueError:
            pass
    raise bad(f"expected {spelled}, got {value!r}")


def _decode_dataclass(
    value: Any, cls: type, path: str, errors: _Errors, given: Mapping[str, Any] | None = None
) -> Any:
    """Read a dataclass from an object, field by field; ``given`` fields are taken as
    they are."""
    if not isinstance(value, dict):
        errors.add(path, f"expected an object, got {_kind(value)}")
        raise _Bad()
    hints = _hints(cls)
    known = {f.name: f for f in _wire_fields(cls)}
    failed = False
    for key in value:
        if key not in known:
            errors.add(
                f"{path}.{key}", f"unknown field (fields of {cls.__name__}: {', '.join(known)})"
            )
            failed = True
    kwargs: dict[str, Any] = dict(given or {})
    for name, f in known.items():
        if name in kwargs:
            continue
        if name not in value:
            if f.default is MISSING and f.default_factory is MISSING:
                errors.add(path, f"missing field '{name}'")
                failed = True
            continue
        try:
            kwargs[name] = _decode(value[name], hints[name], f"{path}.{name}", errors)
        except _Bad:
            failed = True
    if failed:
        raise _Bad()
    try:
        return cls(**kwargs)
    except ProblemError as problem:
        errors.add(path, str(problem))
        raise _Bad() from None


def _envelope(data: Any, kind: str, errors: _Errors) -> dict[str, Any]:
    """Check the document's kind and version; return the document."""
    if not isinstance(data, dict):
        errors.add("document", f"expected an object, got {_kind(data)}")
        raise JsonError(errors.found)
    if data.get("kind") != kind:
        errors.add("kind", f"expected {kind!r}, got {data.get('kind')!r}")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        errors.add(
            "version", f"expected a version number such as {SCHEMA_VERSION}, got {version!r}"
        )
    elif version > SCHEMA_VERSION:
        errors.add(
            "version",
            f"the document has version {version}; this rostering reads up to version "
            f"{SCHEMA_VERSION} (upgrade rostering)",
        )
    if errors.found:
        raise JsonError(errors.found)
    return data


def problem_from_dict(data: Any) -> Problem:
    """Read a problem document (as `problem_to_dict` writes it).

    Raises
    ------
    JsonError
        Naming the place of every problem in the document.

    Examples
    --------
    >>> from datetime import date
    >>> from rostering import Agent, Problem
    >>> doc = problem_to_dict(Problem(date(2026, 12, 1), (Agent("A01"), Agent("A02"))))
    >>> doc["problem"]["agents"][0]
    {'id': 'A01', 'name': 'A01', 'role': 'presales', 'shifts': ['W', 'N'], 'secondary_role': None}
    >>> problem_from_dict(doc).agents[1].id
    'A02'
    >>> doc["problem"]["agents"][1]["shifts"] = "W"
    >>> problem_from_dict(doc)
    Traceback (most recent call last):
    ...
    rostering.jsonio.JsonError: problem.agents[1].shifts: expected a list, got text
    """
    return _problem_and_settings(data)[0]


def _problem_and_settings(data: Any) -> tuple[Problem, dict[str, Any]]:
    errors = _Errors()
    doc = _envelope(data, PROBLEM_KIND, errors)
    for key in doc:
        if key not in ("kind", "version", "problem", "settings", "$schema"):
            errors.add(key, "unknown field (fields: kind, version, problem, settings)")
    settings = _settings(doc.get("settings"), errors)
    if "problem" not in doc:
        errors.add("document", "missing field 'problem'")
        raise JsonError(errors.found)
    try:
        problem = _decode(doc["problem"], Problem, "problem", errors)
    except _Bad:
        raise JsonError(errors.found) from None
    if errors.found:
        raise JsonError(errors.found)
    return problem, settings


def _settings(value: Any, errors: _Errors) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.add("settings", f"expected an object, got {_kind(value)}")
        return {}
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key not in SETTINGS:
            errors.add(f"settings.{key}", f"unknown setting (known: {', '.join(SETTINGS)})")
            continue
        kind = float if SETTINGS[key] == "number" else int
        with contextlib.suppress(_Bad):
            out[key] = _decode(item, kind, f"settings.{key}", errors)
    limit = out.get("time_limit")
    if limit is not None and limit <= 0:
        errors.add("settings.time_limit", f"must be above 0, got {limit!r}")
    if out.get("seed") is not None and out["seed"] < 0:
        errors.add("settings.seed", f"must be 0 or more, got {out['seed']!r}")
    return out


def result_from_dict(data: Any, *, problem: Problem | None = None) -> Result:
    """Read a result document (as `result_to_dict` writes it).

    Parameters
    ----------
    data
        The document.
    problem
        The problem, for a document written without it (``include_problem=False``).

    Raises
    ------
    JsonError
        Naming the place of every problem in the document.
    """
    errors = _Errors()
    doc = _envelope(data, RESULT_KIND, errors)
    body = doc.get("result")
    if not isinstance(body, dict):
        errors.add("result", f"expected an object, got {_kind(body)}")
        raise JsonError(errors.found)
    body = {k: v for k, v in body.items() if k not in DERIVED}
    given = None
    if "problem" not in body:
        if problem is None:
            errors.add("result", "missing field 'problem' (or give the problem)")
            raise JsonError(errors.found)
        given = {"problem": problem}
    try:
        result: Result = _decode_dataclass(body, Result, "result", errors, given)
    except _Bad:
        raise JsonError(errors.found) from None
    return result


# -- text and files --------------------------------------------------------------------------
def _dumps(doc: Mapping[str, Any], indent: int | None) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False)


def _loads(text: str | bytes, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as problem:
        raise JsonError(
            [f"{what}: not JSON (line {problem.lineno}, column {problem.colno}: {problem.msg})"]
        ) from None


@provide("problem_to_json")
def problem_to_json(problem: Problem, *, indent: int | None = 2) -> str:
    """A problem as JSON text (see `problem_to_dict`)."""
    return _dumps(problem_to_dict(problem), indent)


@provide("problem_from_json")
def problem_from_json(text: str | bytes) -> Problem:
    """Read a problem from JSON text (see `problem_from_dict`)."""
    return problem_from_dict(_loads(text, "document"))


@provide("result_to_json")
def result_to_json(result: Result, *, indent: int | None = 2) -> str:
    """A result as JSON text (see `result_to_dict`)."""
    return _dumps(result_to_dict(result), indent)


@provide("result_from_json")
def result_from_json(text: str | bytes) -> Result:
    """Read a result from JSON text (see `result_from_dict`)."""
    return result_from_dict(_loads(text, "document"))


@dataclass(frozen=True)
class ProblemFile:
    """A problem document read from a file, with the solver settings it carries."""

    problem: Problem
    time_limit: float | None = None
    seed: int | None = None
    path: Path | None = None


def _read_text(path: PathLike) -> str:
    where = Path(path)
    try:
        return where.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise JsonError([f"{where.name}: file not found: {where}"]) from None
    except IsADirectoryError:
        raise JsonError([f"{where.name}: is a folder, not a JSON file"]) from None
    except UnicodeDecodeError:
        raise JsonError([f"{where.name}: not UTF-8 text (is it a JSON file?)"]) from None
    except OSError as problem:
        raise JsonError([f"{where.name}: cannot read the file ({problem.strerror})"]) from None


def read_problem_file(path: PathLike) -> ProblemFile:
    """Read a problem document from a file, with its optional settings.

    Raises
    ------
    JsonError
        On a file that cannot be read, or every problem in the document, each message
        starting with the file name.
    """
    where = Path(path)
    try:
        problem, settings = _problem_and_settings(_loads(_read_text(where), "document"))
    except JsonError as error:
        raise _in_file(error, where) from None
    return ProblemFile(problem, settings.get("time_limit"), settings.get("seed"), where)


def _in_file(error: JsonError, where: Path) -> JsonError:
    named = [e if e.startswith(f"{where.name}: ") else f"{where.name}: {e}" for e in error.errors]
    return JsonError(named)


def read_json(path: PathLike) -> Problem | Result:
    """Read a problem or a result document from a file (by its ``kind``).

    Parameters
    ----------
    path
        A ``.json`` file written by `write_json` or by any tool that follows the schema.

    Returns
    -------
    Problem or Result

    Raises
    ------
    JsonError
        Every problem found, each starting with the file name and the place in the
        document.
    """
    where = Path(path)
    data = _loads(_read_text(where), f"{where.name}")
    try:
        if isinstance(data, dict) and data.get("kind") == RESULT_KIND:
            return result_from_dict(data)
        return problem_from_dict(data)
    except JsonError as error:
        raise _in_file(error, where) from None


def write_json(
    path: PathLike,
    value: Problem | Result,
    *,
    settings: Mapping[str, Any] | None = None,
    indent: int | None = 2,
) -> None:
    """Write a problem or a result as a JSON document, atomically.

    The text goes to a temporary file beside ``path`` that is then renamed onto it, so a
    failure never leaves half a file.

    Parameters
    ----------
    path
        The file to write (replaced if it exists).
    value
        A `Problem` or a `Result` (a result without a roster too: its status and
        explanation are the document).
    settings
        For a problem: ``time_limit`` and ``seed`` to keep with it.
    indent
        Indentation of the JSON text; None for one line.
    """
    if isinstance(value, Result):
        if settings:
            raise ValueError("settings belong to a problem document, not a result")
        doc = result_to_dict(value)
    elif isinstance(value, Problem):
        doc = problem_to_dict(value, settings=settings)
    else:
        raise TypeError(f"write_json writes a Problem or a Result, not {type(value).__name__}")
    write_text(Path(path), _dumps(doc, indent) + "\n")


def write_text(path: PathLike, text: str) -> None:
    """Write UTF-8 text to a temporary file beside ``path``, then rename it onto ``path``;
    on any failure ``path`` is untouched."""
    target = Path(path).absolute()
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed at once, renamed below
        "w",
        encoding="utf-8",
        delete=False,
        dir=target.parent,
        prefix=f".{target.name}.",
        suffix=".tmp",
    )
    try:
        with handle:
            handle.write(text)
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise


# -- the schema ------------------------------------------------------------------------------
_DAY = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_CLOCK = r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?"
_DATE = {"type": "string", "pattern": f"^{_DAY}$"}
_DATETIME = {"type": "string", "pattern": f"^{_DAY}T{_CLOCK}$"}
_TIME = {"type": "string", "pattern": f"^{_CLOCK}$"}
_FRACTION = {
    "anyOf": [
        {"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?(\s*/\s*\d+)?\s*$"},
        {"type": "number"},
    ]
}
_FORMATS: dict[Any, dict[str, Any]] = {
    date: _DATE,
    datetime: _DATETIME,
    time: _TIME,
    Fraction: _FRACTION,
}


def _schema_of(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if tp is Any:
        return {}
    if tp is type(None):
        return {"type": "null"}
    if _is_union(tp):
        return {"anyOf": [_schema_of(arm, defs) for arm in get_args(tp)]}
    origin = get_origin(tp)
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    simple = {bool: "boolean", int: "integer", float: "number", str: "string"}
    if tp in simple:
        return {"type": simple[tp]}
    if tp in (date, datetime, time, Fraction):
        return dict(_FORMATS[tp])
    if tp is Roster:
        return {"type": "array", "items": _schema_of(Assignment, defs)}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _dataclass_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    if origin in (tuple, frozenset, list, set):
        args = get_args(tp)
        if origin is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
            return {
                "type": "array",
                "prefixItems": [_schema_of(a, defs) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        out: dict[str, Any] = {"type": "array", "items": _schema_of(args[0], defs) if args else {}}
        if origin is frozenset:
            out["uniqueItems"] = True
        return out
    if origin in (dict, Mapping):
        args = get_args(tp)
        return {
            "type": "object",
            "additionalProperties": _schema_of(args[1], defs) if args else {},
        }
    raise TypeError(f"no JSON schema for {tp!r}")


def _dataclass_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = _hints(cls)
    props = {f.name: _schema_of(hints[f.name], defs) for f in _wire_fields(cls)}
    required = [
        f.name for f in _wire_fields(cls) if f.default is MISSING and f.default_factory is MISSING
    ]
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    out: dict[str, Any] = {"type": "object", "description": " ".join(doc.split())}
    out["properties"] = props
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of both documents, built from the dataclasses.

    The package ships its output as ``rostering/schema/rostering.schema.json`` (`schema`
    reads it); a test checks that the two agree.
    """
    defs: dict[str, Any] = {}
    problem = _schema_of(Problem, defs)
    result_body = _schema_of(Result, defs)
    result_def = defs["Result"]
    result_def["properties"] = {
        **result_def["properties"],
        "found": {"type": "boolean"},
        "gap": {"anyOf": [{"type": "number"}, {"type": "null"}]},
        "checks": {"type": "array", "items": {"$ref": "#/$defs/RuleCheck"}},
    }
    result_def["required"] = [r for r in result_def.get("required", []) if r != "problem"]
    result_def["description"] += (
        " found, gap and checks are stated for readers and recomputed on reading; the "
        "problem may be left out when the reader has it."
    )
    defs["RuleCheck"] = {
        "type": "object",
        "description": "One hard rule and the roster's violations of it, from the checker.",
        "properties": {
            "number": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
            "rule": {"type": "string"},
            "passed": {"type": "boolean"},
            "violations": {"type": "array", "items": _schema_of(_violation_type(), defs)},
        },
        "required": ["rule", "passed", "violations"],
        "additionalProperties": False,
    }
    version = {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "rostering problem and result documents",
        "description": (
            f"Version {SCHEMA_VERSION} of the JSON form of rostering's Problem and Result. "
            "Generated from the package's dataclasses by rostering.jsonio.build_schema."
        ),
        "oneOf": [
            {
                "type": "object",
                "properties": {
                    "$schema": {"type": "string"},
                    "kind": {"const": PROBLEM_KIND},
                    "version": version,
                    "problem": problem,
                    "settings": {
                        "type": "object",
                        "properties": {
                            "time_limit": {"type": "number", "exclusiveMinimum": 0},
                            "seed": {"type": "integer", "minimum": 0},
                        },
                        "additionalProperties": False,
                    },
                },
                "required": ["kind", "version", "problem"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {
                    "$schema": {"type": "string"},
                    "kind": {"const": RESULT_KIND},
                    "version": version,
                    "result": result_body,
                },
                "required": ["kind", "version", "result"],
                "additionalProperties": False,
            },
        ],
        "$defs": dict(sorted(defs.items())),
    }


def _violation_type() -> type:
    from .rules import Violation

    return Violation


def schema() -> dict[str, Any]:
    """The published JSON Schema, as shipped in the package."""
    text = resources.files("rostering").joinpath("schema", SCHEMA_FILE).read_text("utf-8")
    found: dict[str, Any] = json.loads(text)
    return found


def schema_text() -> str:
    """The schema built from the dataclasses, as the text of the shipped file.

    After a change to the dataclasses, rewrite the file with::

        python -c "import rostering.jsonio as j; print(j.schema_text(), end='')" \\
            > rostering/schema/rostering.schema.json

    and raise `SCHEMA_VERSION` when documents of the old version would be read differently.
    """
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"
