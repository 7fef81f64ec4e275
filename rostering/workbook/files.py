"""Workbook files: opening one to read it, and saving one safely.

Reading: `open_book` reads a workbook's bytes once (the file is never touched again),
refuses what is not a workbook or is too large (`rostering.workbook.sizes`), and gives a
`Book`: its sheets by name and each sheet's rows as the cells hold them. A formula with
a saved result reads as that result; a formula saved without one, or an error value such
as ``#REF!``, reads as an `Unreadable` cell, which the sheets report at that cell. Rows
stop at the data's real extent: formatting-only cells are not data.

Writing: `save_atomically` writes a temporary file beside the target and renames it onto
the target, so a failure or an interrupt (Ctrl-C, a kill) never leaves half a workbook
or a temporary file behind, and a temporary file left by a run that was killed outright
is removed by the next write to the same target. User text beginning with ``=``, ``+``,
``-`` or ``@`` is written as text, never as a formula. `probe` tries the target before a
long computation, so that a file open in Excel or a read-only folder is reported first.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import itertools
import os
import re
import signal
import stat
import sys
import tempfile
import threading
import time
import traceback
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from types import FrameType
from typing import Any
from xml.etree import ElementTree

from openpyxl import load_workbook

from .cells import CellError, Unreadable, WorkbookError, norm
from .sizes import MAX_COLUMNS, MAX_FILE_BYTES, MAX_UNPACKED_BYTES

__all__ = [
    "Book",
    "Interrupted",
    "WriteError",
    "open_book",
    "probe",
    "save_atomically",
]

PathLike = str | Path
_MIB = 1024 * 1024


# -- reading -------------------------------------------------------------------------------
class Book:
    """An opened workbook: its sheets by title and their rows. Close it when done (or use
    it in a ``with`` block)."""

    def __init__(self, workbook: Any, name: str, data: bytes, parts: dict[str, str]) -> None:
        self._wb = workbook
        self._values: Any = None  # the same file loaded for formulas' saved values
        self._data = data
        self._parts = parts
        self.name = name
        """The file's name, as messages give it."""

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the file's contents."""
        for wb in (self._wb, self._values):
            if wb is not None:
                with contextlib.suppress(Exception):
                    wb.close()

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

    def rows(
        self, title: str, errors: list[CellError], *, max_columns: int = MAX_COLUMNS
    ) -> Iterator[tuple[int, tuple[object, ...]]]:
        """The rows of a sheet that hold a value, as ``(row number, values)``.

        ``values`` runs from column A to the row's last value (at most ``max_columns``);
        an empty cell is None, an unknowable one an `Unreadable`. A sheet that cannot be
        parsed stops with an error in ``errors``.
        """
        try:
            ws = self._wb[title]
            ws.reset_dimensions()  # the stated extent may be a stray cell far out: ignore it
            saved = None
            if self._has_formulas(title):
                values_ws = self._values_book()[title]
                values_ws.reset_dimensions()
                saved = values_ws.iter_rows(max_col=max_columns)
            found = _values(ws.iter_rows(max_col=max_columns), saved)
            while True:
                with warnings.catch_warnings():  # openpyxl warns as it parses odd cells
                    warnings.simplefilter("ignore")
                    batch = list(itertools.islice(found, 256))
                if not batch:
                    return
                yield from batch
        except Exception as problem:  # openpyxl raises many kinds on a damaged sheet
            errors.append(
                CellError(
                    title,
                    None,
                    f"cannot read this sheet, it is damaged ({type(problem).__name__}: "
                    f"{problem}); open the file in Excel and save it again",
                )
            )

    def _has_formulas(self, title: str) -> bool:
        """Whether the sheet's part holds a formula (a ``<f>`` element); True when unsure."""
        part = self._parts.get(title)
        if part is None:
            return True
        pattern = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
        with zipfile.ZipFile(io.BytesIO(self._data)) as archive, archive.open(part) as stream:
            tail = b""
            while chunk := stream.read(_MIB):
                if pattern.search(tail + chunk):
                    return True
                tail = chunk[-32:]
        return False

    def _values_book(self) -> Any:
        if self._values is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._values = load_workbook(io.BytesIO(self._data), read_only=True, data_only=True)
        return self._values


def _values(
    rows: Iterator[tuple[Any, ...]], saved: Iterator[tuple[Any, ...]] | None
) -> Iterator[tuple[int, tuple[object, ...]]]:
    """The rows holding a value, numbered, as `_read_cell` reads them; ``saved`` runs over
    the same rows loaded for formulas' saved results (None: no formula in the sheet)."""
    empty: object = None  # openpyxl yields one shared tuple for every missing row
    for number, row in enumerate(rows, start=1):
        saved_row = next(saved, ()) if saved is not None else ()
        if row is empty:
            continue
        values: list[object] = []
        last = 0
        for i, cell in enumerate(row):
            value = cell.value
            if value is not None:
                value = _read_cell(cell, saved_row[i] if i < len(saved_row) else None)
                last = i + 1
            values.append(value)
        if last:
            yield number, tuple(values[:last])
        else:
            empty = row


def _read_cell(cell: Any, saved: Any) -> object:
    """A cell's value: its saved result for a formula; `Unreadable` when unknowable."""
    value = cell.value
    if cell.data_type == "e":
        return Unreadable(
            f"the cell shows the error {value}: correct it (or its formula) and save in "
            "Excel, or type the value"
        )
    if cell.data_type != "f":
        return value
    result = None if saved is None else saved.value
    if result is None:
        return Unreadable(
            f"the formula {value} has no saved value: recalculate and save in Excel, "
            "or type the value"
        )
    if saved.data_type == "e":
        return Unreadable(
            f"the formula {value} gives the error {result}: correct it and save in Excel, "
            "or type the value"
        )
    return result


def open_book(path: PathLike) -> Book:
    """Read a workbook's bytes (the file is never touched again) and open them.

    Raises
    ------
    WorkbookError
        When the file is missing, not a regular file, too large, not a workbook,
        password-protected, corrupt, or has lost a sheet's part.
    """
    path = Path(path)
    where = path.name

    def fail(message: str) -> WorkbookError:
        return WorkbookError([CellError("", None, f"{where}: {message}")])

    try:
        info = path.stat()
    except FileNotFoundError:
        raise fail(f"file not found: {path}") from None
    except OSError as problem:
        raise fail(f"cannot read the file ({problem.strerror or problem})") from None
    if stat.S_ISDIR(info.st_mode):
        raise fail("is a folder, not an Excel workbook")
    if not stat.S_ISREG(info.st_mode):
        raise fail("is not a regular file (a device or a pipe?); give an Excel workbook (.xlsx)")
    too_large = fail(
        f"is larger than {_size(MAX_FILE_BYTES)}, the most a workbook may be "
        "(see the README's limits)"
    )
    if info.st_size > MAX_FILE_BYTES:
        raise too_large
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as problem:
        raise fail(f"cannot read the file ({problem.strerror or problem})") from None
    if len(data) > MAX_FILE_BYTES:
        raise too_large
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise fail(
            "is password-protected or an old .xls workbook; save it in Excel as .xlsx "
            "without a password"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise fail("not an Excel workbook (.xlsx); save it in Excel as .xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = set(archive.namelist())
            unpacked = sum(member.file_size for member in archive.infolist())
            parts = _sheet_parts(archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as problem:
        raise fail(f"corrupt or not an Excel workbook ({problem})") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise fail(
            f"unpacks to {_size(unpacked)}, more than the {_size(MAX_UNPACKED_BYTES)} a "
            "workbook may hold (see the README's limits)"
        )
    lost = [
        CellError(
            title,
            None,
            f"the sheet's contents ({part}) are missing from {where}: the file is damaged; "
            "open it in Excel and save it again, or use a copy",
        )
        for title, part in parts.items()
        if part not in members
    ]
    if lost:
        raise WorkbookError(lost)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as problem:  # openpyxl raises many kinds on a broken file
        raise fail(
            f"corrupt or not an Excel workbook ({type(problem).__name__}: {problem})"
        ) from None
    return Book(workbook, where, data, parts)


def _size(count: int) -> str:
    return f"{count // _MIB} MiB" if count >= _MIB else f"{count} bytes"


_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet the workbook lists, with the part (``xl/worksheets/sheet1.xml``) that
    should hold it; empty when the listing itself cannot be read (openpyxl then says why)."""
    try:
        root_rels = ElementTree.fromstring(archive.read("_rels/.rels"))
        main = next(
            r.get("Target", "") for r in root_rels if r.get("Type", "").endswith("/officeDocument")
        ).lstrip("/")
        folder = PurePosixPath(main).parent
        rels_part = str(folder / "_rels" / f"{PurePosixPath(main).name}.rels")
        targets = {}
        for rel in ElementTree.fromstring(archive.read(rels_part)):
            if rel.get("Type", "").endswith(("/worksheet", "/chartsheet")):
                target = rel.get("Target", "")
                full = target.lstrip("/") if target.startswith("/") else str(folder / target)
                targets[rel.get("Id")] = os.path.normpath(full).replace(os.sep, "/")
        parts = {}
        for element in ElementTree.fromstring(archive.read(main)).iter():
            if element.tag.rsplit("}", 1)[-1] != "sheet":
                continue
            rid = element.get(f"{{{_RELATIONSHIP}}}id") or next(
                (v for k, v in element.attrib.items() if k.endswith("}id")), None
            )
            if rid in targets and element.get("name"):
                parts[str(element.get("name"))] = targets[rid]
        return parts
    except (KeyError, StopIteration, ElementTree.ParseError, ValueError):
        return {}


# -- writing -------------------------------------------------------------------------------
_TEMP_SUFFIX = ".tmp.xlsx"


class WriteError(OSError):
    """A workbook that could not be written: ``path`` and why, in plain words (``reason``).

    The temporary file is gone and ``path`` is untouched. ``errno`` is the failure's."""

    def __init__(self, path: PathLike, error: OSError) -> None:
        self.reason = _reason(error)
        super().__init__(error.errno, self.reason)
        self.path = Path(path)
        self.error = error

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"


def _reason(error: OSError) -> str:
    reasons = {
        errno.EACCES: "permission denied (is it open in Excel, or is the folder read-only?)",
        errno.EPERM: "permission denied (is it open in Excel, or is the folder read-only?)",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EFBIG: "the file would exceed this system's file-size limit",
        errno.EROFS: "the folder is on a read-only disk",
        errno.ENOENT: "the folder does not exist",
        errno.EISDIR: "it is a folder",
        errno.ENAMETOOLONG: "the name is too long",
    }
    return reasons.get(error.errno or 0) or (error.strerror or str(error)).lower()


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or a termination signal (``signum``) while a workbook was being written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _signals() -> tuple[signal.Signals, ...]:
    found = [signal.SIGINT, signal.SIGTERM]
    if hasattr(signal, "SIGHUP"):
        found.append(signal.SIGHUP)
    return tuple(found)


@contextlib.contextmanager
def _stop_cleanly() -> Iterator[None]:
    """While writing: Ctrl-C and termination signals raise `Interrupted`, so that the
    temporary file is removed; a second signal does not interrupt that cleanup. Only in
    the main thread (signal handlers live there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        if fired:
            return  # already stopping: let the cleanup finish
        fired.append(signum)
        raise Interrupted(signum)

    saved: dict[signal.Signals, Any] = {}
    for sig in _signals():
        with contextlib.suppress(ValueError, OSError):
            saved[sig] = signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, before in saved.items():
            signal.signal(sig, before)


def _temp_prefix(target: str) -> str:
    return f".{os.path.basename(target)}."


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove_stale(target: str) -> None:
    """Remove temporary files of this target left by runs that were killed outright
    (their process is gone; on Windows: older than a day)."""
    directory, prefix = os.path.dirname(target), _temp_prefix(target)
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(_TEMP_SUFFIX)):
            continue
        pid_text = name[len(prefix) :].split(".", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            if _alive(int(pid_text)) and (
                os.name != "nt" or time.time() - entry.stat().st_mtime < 86400
            ):
                continue
            os.unlink(entry.path)


def _new_temp(target: str) -> str:
    fd, temp = tempfile.mkstemp(
        dir=os.path.dirname(target),
        prefix=f"{_temp_prefix(target)}{os.getpid()}.",
        suffix=_TEMP_SUFFIX,
    )
    os.close(fd)
    return temp


def text_not_formulas(book: Any) -> None:
    """Make every cell of ``book`` whose text begins with ``=``, ``+``, ``-`` or ``@`` plain
    text: never a formula (openpyxl makes ``=...`` a formula), and quoted so that Excel
    keeps it text when the cell is edited."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value and value[0] in "=+-@":
                    cell.data_type = "s"
                    cell.quotePrefix = True


def save_atomically(book: Any, path: str | os.PathLike[str]) -> None:
    """Save an openpyxl workbook to a temporary file beside ``path``, then rename it onto
    ``path``.

    On any failure or interrupt the temporary file is removed and ``path`` is untouched;
    text cells never become formulas (`text_not_formulas`).

    Raises
    ------
    WriteError
        When the file system refuses (permission, full disk, file-size limit, ...).
    Interrupted
        On Ctrl-C or a termination signal during the write.
    """
    target = os.path.abspath(os.fspath(path))
    _remove_stale(target)
    text_not_formulas(book)
    with _stop_cleanly():
        temp = None
        try:
            temp = _new_temp(target)
            book.save(temp)
            os.chmod(temp, _file_mode(target))
            os.replace(temp, target)
        except BaseException as problem:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            _release(problem)
            if isinstance(problem, OSError):
                raise WriteError(target, problem) from None
            raise


def _release(problem: BaseException) -> None:
    """Let go of the writers a failed save left half-run, quietly: openpyxl's sheet writers
    are generators that fail again (and print a traceback) when collected later."""
    traceback.clear_frames(problem.__traceback__)
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


def probe(path: str | os.PathLike[str]) -> None:
    """Check that ``path`` can be written, before a long computation: a small temporary
    file is written beside it and removed (a full disk or a file-size limit show here),
    and an existing file is opened for writing on Windows (where Excel locks it).

    Raises
    ------
    WriteError
        When it cannot be written.
    """
    target = os.path.abspath(os.fspath(path))
    _remove_stale(target)
    with _stop_cleanly():
        temp = None
        try:
            if os.path.isdir(target):
                raise IsADirectoryError(errno.EISDIR, "is a folder", target)
            if os.name == "nt" and os.path.exists(target):
                with open(target, "r+b"):
                    pass
            temp = _new_temp(target)
            with open(temp, "wb") as stream:
                stream.write(bytes(64 * 1024))
        except OSError as problem:
            raise WriteError(target, problem) from None
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)


def _file_mode(target: str) -> int:
    """The mode of the file being replaced, else the usual mode of a new file."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask
