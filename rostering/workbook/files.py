"""Workbook files: opening one to read it, and saving one safely.

`open_book` reads a workbook's bytes once (the file is never touched again) and gives a
`Book`: its sheets by name and each sheet's rows. `save_atomically` never leaves half a
file at the target path.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from .cells import CellError, WorkbookError, norm

__all__ = ["Book", "open_book", "save_atomically"]

PathLike = str | Path


class Book:
    """An opened workbook: its sheets by title and their rows."""

    def __init__(self, workbook: Any, name: str) -> None:
        self._wb = workbook
        self.name = name
        """The file's name, as messages give it."""

    @property
    def titles(self) -> list[str]:
        """The worksheets' titles, in workbook order."""
        return [ws.title for ws in self._wb.worksheets]

    def find(self, names: set[str], label: str, errors: list[CellError]) -> str | None:
        """The title of the worksheet whose name matches one of ``names`` (normalised, see
        `rostering.workbook.cells.norm`); None when there is none. Two matching sheets
        are an error (reported under ``label``); the first is used."""
        found = [t for t in self.titles if norm(t) in names]
        if len(found) > 1:
            titles = " and ".join(f"'{t}'" for t in found)
            errors.append(CellError(label, None, f"sheets {titles} are the same sheet; keep one"))
        return found[0] if found else None

    def rows(self, title: str) -> Iterator[tuple[int, tuple[object, ...]]]:
        """The rows of a sheet as ``(row number, values)``, from row 1."""
        yield from enumerate(self._wb[title].iter_rows(values_only=True), start=1)


def open_book(path: PathLike) -> Book:
    """Load a workbook from its bytes (so the file is never touched again), values only.

    Raises
    ------
    WorkbookError
        When the file is missing, not a workbook, password-protected or corrupt.
    """
    path = Path(path)
    where = path.name

    def fail(message: str) -> WorkbookError:
        return WorkbookError([CellError("", None, f"{where}: {message}")])

    if not path.exists():
        raise fail(f"file not found: {path}")
    if path.is_dir():
        raise fail("is a folder, not an Excel workbook")
    try:
        data = path.read_bytes()
    except OSError as problem:
        raise fail(f"cannot read the file ({problem.strerror or problem})") from None
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise fail(
            "is password-protected or an old .xls workbook; save it in Excel as .xlsx "
            "without a password"
        ) from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise fail("not an Excel workbook (.xlsx); save it in Excel as .xlsx") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Book(load_workbook(io.BytesIO(data), data_only=True), where)
    except Exception as problem:  # openpyxl raises many kinds on a broken file
        raise fail(
            f"corrupt or not an Excel workbook ({type(problem).__name__}: {problem})"
        ) from None


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
