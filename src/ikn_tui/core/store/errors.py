"""The store's one error type, and sqlite3 errors mapped to one-line messages.

Every ``sqlite3.Error`` the store meets becomes a ``StoreError`` whose
``kind`` says what went wrong (the UI and the CLI act on it) and whose
message names the database file, sanitised, on one line.
"""

from __future__ import annotations

from pathlib import Path

from ikn_tui.core.problem import Problem, ProblemKind, problem, text_problem
from ikn_tui.core.text import clean_line


class StoreError(Exception):
    """A problem with the database (corrupt, read-only, full): ``problem`` says what, for
    the UI and the CLI to word; ``str()`` is one English line for logs.

    ``kind`` is one of "corrupt", "readonly", "full", "locked", "cantopen",
    "too-new", "closed", "invalid", "error" (what the callers act on).
    """

    def __init__(self, what: Problem | str, kind: str = "error", path: Path | None = None) -> None:
        self.problem = what if isinstance(what, Problem) else text_problem(what)
        super().__init__(str(self.problem))
        self.kind = kind
        self.path = path  # the database file, for messages that name it on a line of its own


# SQLite primary result codes (extended code & 0xFF) -> kind.
_PRIMARY = {11: "corrupt", 26: "corrupt", 8: "readonly", 13: "full", 5: "locked", 6: "locked", 14: "cantopen"}


def error_kind(exc: BaseException) -> str:
    """The ``StoreError.kind`` of a sqlite3 error (by code, else by its text)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _PRIMARY:
        return _PRIMARY[code & 0xFF]
    text = str(exc).lower()
    # Python's sqlite3 reading bytes that are not UTF-8 from a TEXT column:
    # scattered damage (SQLite itself never writes such text for us).
    if text.startswith("could not decode to utf-8"):
        return "corrupt"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "corrupt"
    if "readonly" in text or "read-only" in text:
        return "readonly"
    if "disk is full" in text or "no space" in text:
        return "full"
    if "locked" in text or "busy" in text:
        return "locked"
    if "unable to open" in text:
        return "cantopen"
    return "error"


def store_error(exc: BaseException, path: Path) -> StoreError:
    """A sqlite3 error on the database at ``path`` as a one-line ``StoreError``."""
    kind = error_kind(exc)
    where = clean_line(str(path))
    kinds = {
        "corrupt": ProblemKind.DB_DAMAGED, "readonly": ProblemKind.DB_READONLY, "full": ProblemKind.DB_FULL,
        "locked": ProblemKind.DB_LOCKED, "cantopen": ProblemKind.DB_CANNOT_OPEN,
    }
    what = problem(kinds[kind], path=where) if kind in kinds else problem(
        ProblemKind.DB_ERROR, detail=clean_line(str(exc), limit=200), path=where
    )
    return StoreError(what, kind, path)


def damaged_error(path: Path) -> StoreError:
    """A write refused because the file is damaged (writes stop until it is recovered)."""
    return StoreError(problem(ProblemKind.DB_DAMAGED_NOT_SAVED, path=clean_line(str(path))), "corrupt", path)


def too_new_error(path: Path) -> StoreError:
    """The file was written by a newer ikn-read (its schema version is higher)."""
    return StoreError(problem(ProblemKind.DB_TOO_NEW, path=clean_line(str(path))), "too-new")
