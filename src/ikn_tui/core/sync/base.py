"""What every sync back-end offers, and the pieces they share: server items
and feeds as plain dataclasses, ``SyncError`` (one line, with a kind), and
``request``/``parse_json``, which turn an HTTP exchange through the
project's capped fetcher into bytes or JSON or a ``SyncError``.

A back-end never writes to the store: the engine collects what it returns,
checks it, and applies it in one transaction.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ikn_tui.core.problem import Problem, ProblemKind, caused, problem
from ikn_tui.core.text import clean_line

if TYPE_CHECKING:
    from ikn_tui.core.fetch import Fetcher

JSON_ACCEPT = "application/json, text/plain;q=0.5, */*;q=0.1"


class SyncError(Exception):
    """A sync failure: ``problem`` says what (for the UI and the CLI to word), ``str()`` is
    one clean English line. ``kind``: "unreachable" (no answer), "refused" (authentication),
    "invalid" (an answer that makes no sense), "config" (no account, bad URL, unreadable
    credentials). A plain message is a server that broke the protocol (``SYNC_PROTOCOL``)."""

    def __init__(self, message: str | Problem, kind: str = "invalid") -> None:
        self.problem = message if isinstance(message, Problem) else problem(ProblemKind.SYNC_PROTOCOL, detail=message)
        super().__init__(clean_line(str(self.problem), limit=300))
        self.kind = kind


@dataclass(slots=True, frozen=True)
class ServerFeed:
    id: str
    url: str
    title: str | None = None


@dataclass(slots=True)
class ServerItem:
    id: str  # the server's item id, as text
    feed_id: str | None
    title: str
    url: str | None
    html: str  # the item's content (or summary) as the server gives it
    author: str | None = None
    published: int | None = None  # unix seconds


PageHook = Callable[[list[ServerItem]], None]


class Backend(ABC):
    """One feed-server API. Every method raises ``SyncError`` on failure."""

    kind: str = ""
    # How many item states one ``mark`` call may carry.
    mark_batch: int = 50

    @abstractmethod
    async def connect(self) -> None:
        """Check the credentials (and get what later calls need)."""

    @abstractmethod
    async def feeds(self) -> list[ServerFeed]:
        """Every subscription of the account."""

    @abstractmethod
    async def new_items(
        self, marker: str | None, known: set[str], on_page: PageHook | None = None
    ) -> tuple[list[ServerItem], str | None]:
        """Items the client has not seen (``marker`` is what the last call
        returned, None the first time), and the marker to save. ``on_page``
        gets each page as it arrives (the engine extracts it meanwhile)."""

    @abstractmethod
    async def states(self) -> tuple[set[str], set[str]]:
        """(ids of unread items, ids of starred items)."""

    @abstractmethod
    async def items_by_id(self, ids: list[str]) -> list[ServerItem]:
        """These items (the ones the server still has)."""

    @abstractmethod
    async def mark(self, ids: list[str], field: str, value: bool) -> set[str]:
        """Set ``field`` ("read"/"starred") of these items; idempotent.
        Returns the ids the server says it does not have (nothing to do)."""

    async def subscribe(self, url: str, subscribed: bool) -> bool:
        """Subscribe to / unsubscribe from a feed; False when the API cannot."""
        return False


async def request(
    fetcher: Fetcher,
    url: str,
    form: dict[str, str] | list[tuple[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    *,
    what: str = "the server",
    accept: str = JSON_ACCEPT,
) -> bytes:
    """One exchange; the body, or ``SyncError``. The URL is never shown with
    its query (it may hold an item list); credentials travel only in the
    form or headers, which are never shown."""
    result = await fetcher.fetch(url, form=form, headers=headers, accept=accept)
    if result.status in (401, 403):
        raise SyncError(problem(ProblemKind.SYNC_CREDENTIALS, what=what, code=result.status), "refused")
    if result.error:
        kind = "unreachable" if result.status is None else "invalid"
        raise SyncError(caused(ProblemKind.SYNC_UNREACHABLE, result.error, what=what), kind)
    if not result.ok:
        raise SyncError(problem(ProblemKind.SYNC_HTTP, what=what, code=result.status), "invalid")
    return result.content


def parse_json(data: bytes, what: str = "the server") -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        raise SyncError(problem(ProblemKind.SYNC_NOT_JSON, what=what)) from None


def int_id(value: Any, what: str = "the server") -> str:
    """A numeric id as text (Fever and Google Reader ids are integers)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise SyncError(problem(ProblemKind.SYNC_BAD_ID, what=what))
    text = str(value).strip()
    if not text.lstrip("-").isdigit() or len(text) > 20:
        raise SyncError(problem(ProblemKind.SYNC_BAD_ID, what=what))
    return str(int(text))
