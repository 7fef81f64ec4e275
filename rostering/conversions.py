"""Other forms of the core types (DataFrames, JSON), provided by the edges.

The core types keep their convenience methods (``Problem.from_frames``,
``Problem.to_json``, ``Roster.to_frame``, ``Result.to_frames``, ``Result.to_json`` ...),
but the code that turns them into DataFrames or JSON lives at the edge
(`rostering.frames`, `rostering.jsonio`), which imports the core and never the reverse.
Each edge module provides its functions here when it is imported, and ``import
rostering`` imports both; the methods look them up by name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_PROVIDED: dict[str, Callable[..., Any]] = {}


def provide(name: str) -> Callable[[F], F]:
    """Register the decorated function as the conversion ``name`` (used by the edges)."""

    def register(function: F) -> F:
        _PROVIDED[name] = function
        return function

    return register


def convert(name: str, *args: Any, **kwargs: Any) -> Any:
    """Call the conversion ``name``.

    Raises
    ------
    RuntimeError
        When no edge module provides it (``import rostering`` loads them all).
    """
    try:
        function = _PROVIDED[name]
    except KeyError:
        raise RuntimeError(
            f"no conversion {name!r}: import rostering (which loads rostering.frames and "
            "rostering.jsonio) before using it"
        ) from None
    return function(*args, **kwargs)
