"""Saving workbooks safely: never half a file at the target path."""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Any


def save_atomically(book: Any, path: str | os.PathLike[str]) -> None:
    """Save an openpyxl workbook to a temporary file beside ``path``, then rename it onto
    ``path``. On any failure the temporary file is removed and ``path`` is untouched."""
    target = os.path.abspath(os.fspath(path))
    directory = os.path.dirname(target)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed at once, renamed below
        delete=False, dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".xlsx"
    )
    temp = handle.name
    try:
        handle.close()
        book.save(temp)
        os.chmod(temp, _file_mode(target))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _file_mode(target: str) -> int:
    """The mode of the file being replaced, else the usual mode of a new file."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask
