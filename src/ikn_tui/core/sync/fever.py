"""The Fever API (Miniflux, FreshRSS, Tiny Tiny RSS with its plugin, yarr,
coldsweat): https://feedafever.com/api, as those servers implement it.

Every call is a POST to the endpoint with ``api_key`` (md5 of
"user:password") in the form; the command is in the query string
(``?api&items&since_id=N``). Items come 50 to a page, paged forward with
``since_id``; the read and saved states come as comma-separated id lists.
Marks are one POST per item (``mark=item&as=read|unread|saved|unsaved``),
idempotent on every server.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.sync.base import Backend, PageHook, ServerFeed, ServerItem, SyncError, int_id, parse_json, request

if TYPE_CHECKING:
    from ikn_tui.core.fetch import Fetcher

MAX_PAGES = 5000  # 250,000 items: a server that pages forever is lying
WITH_IDS = 50  # the API's page size (with_ids takes at most 50)
_ID_LIST = re.compile(r"(?:[0-9]{1,19}(?:,[0-9]{1,19})*)?")
_AS = {("read", True): "read", ("read", False): "unread", ("starred", True): "saved", ("starred", False): "unsaved"}

_FEVER = "the Fever server"  # who answered, as the messages name it (ui/problem_words words it)


def api_key(user: str, password: str) -> str:
    """The Fever API key: md5 of "user:password" (the e-mail for coldsweat)."""
    return hashlib.md5(f"{user}:{password}".encode()).hexdigest()


class FeverBackend(Backend):
    kind = "fever"
    mark_batch = 50

    def __init__(self, url: str, key: str, fetcher: Fetcher) -> None:
        self.url = url
        self._key = key
        self.secret = key  # what a login keeps
        self._fetcher = fetcher

    def _endpoint(self, *args: tuple[str, str | None]) -> str:
        """The endpoint with ``api`` and the command in its query string."""
        base, _, query = self.url.partition("?")
        parts = [p for p in query.split("&") if p]
        if "api" not in parts:
            parts.insert(0, "api")
        for name, value in args:
            parts.append(name if value is None else urlencode({name: value}))
        return base + "?" + "&".join(parts)

    async def _call(self, *args: tuple[str, str | None], form: dict[str, str] | None = None) -> dict[str, Any]:
        body = {"api_key": self._key, **(form or {})}
        data = parse_json(await request(self._fetcher, self._endpoint(*args), body, what="the Fever server"),
                          "the Fever server")
        if not isinstance(data, dict):
            raise SyncError(problem(ProblemKind.SYNC_MALFORMED, what=_FEVER, part="answer"))
        if data.get("auth") not in (1, "1", True):
            raise SyncError(problem(ProblemKind.SYNC_API_KEY), "refused")
        return data

    async def connect(self) -> None:
        await self._call()

    async def groups(self) -> list[tuple[str, str]]:
        """(group id, title) of every group."""
        data = await self._call(("groups", None))
        groups = data.get("groups")
        if not isinstance(groups, list):
            raise SyncError(problem(ProblemKind.SYNC_MISSING, what=_FEVER, part="groups"))
        return [(int_id(g.get("id")), str(g.get("title") or "")) for g in groups if isinstance(g, dict)]

    async def feeds(self) -> list[ServerFeed]:
        data = await self._call(("feeds", None))
        feeds = data.get("feeds")
        if not isinstance(feeds, list):
            raise SyncError(problem(ProblemKind.SYNC_MISSING, what=_FEVER, part="feeds"))
        out = []
        for feed in feeds:
            if not isinstance(feed, dict) or not isinstance(feed.get("url"), str):
                raise SyncError(problem(ProblemKind.SYNC_FEED_NO_URL, what=_FEVER))
            title = feed.get("title")
            out.append(ServerFeed(int_id(feed.get("id")), feed["url"], title if isinstance(title, str) else None))
        return out

    def _items(self, data: dict[str, Any], seen: set[str]) -> list[ServerItem]:
        """The items of an answer; an id already in ``seen`` (this call's
        earlier pages, or items the client has) is a lying server."""
        items = data.get("items")
        if items is None:
            items = []
        if not isinstance(items, list):
            raise SyncError(problem(ProblemKind.SYNC_MALFORMED, what=_FEVER, part="items"))
        out = []
        for raw in items:
            if not isinstance(raw, dict):
                raise SyncError(problem(ProblemKind.SYNC_MALFORMED, what=_FEVER, part="item"))
            item_id = int_id(raw.get("id"))
            if item_id in seen:
                raise SyncError(problem(ProblemKind.SYNC_DUPLICATE, what=_FEVER, item=item_id))
            seen.add(item_id)
            out.append(ServerItem(
                id=item_id,
                feed_id=None if raw.get("feed_id") is None else int_id(raw.get("feed_id")),
                title=_text(raw.get("title")),
                url=_text(raw.get("url")) or None,
                html=_text(raw.get("html")),
                author=_text(raw.get("author")) or None,
                published=_int(raw.get("created_on_time")),
            ))
        return out

    async def new_items(
        self, marker: str | None, known: set[str], on_page: PageHook | None = None
    ) -> tuple[list[ServerItem], str | None]:
        since = int(marker) if marker and marker.isdigit() else 0
        seen = set(known)
        out: list[ServerItem] = []
        for _ in range(MAX_PAGES):
            page = self._items(await self._call(("items", None), ("since_id", str(since))), seen)
            if not page:
                return out, str(since)
            top = max(int(item.id) for item in page)
            if top <= since:
                raise SyncError(problem(ProblemKind.SYNC_OLDER, what=_FEVER, since=since))
            out.extend(page)
            if on_page is not None:
                on_page(page)
            since = top
        raise SyncError(problem(ProblemKind.SYNC_ENDLESS, what=_FEVER))

    async def states(self) -> tuple[set[str], set[str]]:
        data = await self._call(("unread_item_ids", None), ("saved_item_ids", None))
        return _id_list(data, "unread_item_ids"), _id_list(data, "saved_item_ids")

    async def items_by_id(self, ids: list[str]) -> list[ServerItem]:
        out: list[ServerItem] = []
        seen: set[str] = set()
        for start in range(0, len(ids), WITH_IDS):
            chunk = ids[start : start + WITH_IDS]
            out.extend(self._items(await self._call(("items", None), ("with_ids", ",".join(chunk))), seen))
        return out

    async def mark(self, ids: list[str], field: str, value: bool) -> set[str]:
        status = _AS[(field, value)]
        gone: set[str] = set()

        async def one(item_id: str) -> None:
            try:
                await self._call(form={"mark": "item", "as": status, "id": item_id})
            except SyncError as error:
                if "HTTP 404" not in str(error):  # coldsweat: no such item (any more)
                    raise
                gone.add(item_id)

        await asyncio.gather(*(one(i) for i in ids))
        return gone

    async def mark_feed_read(self, feed_id: str, before: int) -> None:
        """Mark a feed's items read, those older than ``before`` (unix seconds)."""
        await self._call(form={"mark": "feed", "as": "read", "id": feed_id, "before": str(int(before))})

    async def mark_group_read(self, group_id: str, before: int) -> None:
        """Mark a group's items read (group 0: everything) older than ``before``."""
        await self._call(form={"mark": "group", "as": "read", "id": group_id, "before": str(int(before))})


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _id_list(data: dict[str, Any], name: str) -> set[str]:
    value = data.get(name)
    if value is None:
        raise SyncError(problem(ProblemKind.SYNC_MISSING, what=_FEVER, part=name))
    if isinstance(value, list):  # some servers send a JSON list
        parts = [str(v) for v in value]
    elif isinstance(value, str) and _ID_LIST.fullmatch(value):  # the usual answer: "1,2,3"
        ids = value.split(",") if value else []
        if len(set(ids)) != len(ids):
            raise SyncError(problem(ProblemKind.SYNC_DUPLICATE_IN, what=_FEVER, part=name))
        return {str(int(i)) for i in ids}
    elif isinstance(value, (str, int)) and not isinstance(value, bool):
        parts = [p for p in str(value).split(",") if p.strip()]
    else:
        raise SyncError(problem(ProblemKind.SYNC_MALFORMED, what=_FEVER, part=name))
    ids = [int_id(p) for p in parts]
    if len(set(ids)) != len(ids):
        raise SyncError(problem(ProblemKind.SYNC_DUPLICATE_IN, what=_FEVER, part=name))
    return set(ids)
