"""The Google Reader API as FreshRSS, Miniflux, Inoreader and The Old Reader
implement it (FreshRSS's and Miniflux's published descriptions).

- ``POST {base}/accounts/ClientLogin`` (Email, Passwd) -> ``Auth=TOKEN``;
  every later call carries ``Authorization: GoogleLogin auth=TOKEN``;
- ``GET {base}/reader/api/0/token`` -> the write token ``T`` for POSTs;
- ``GET .../subscription/list?output=json``;
- ``GET .../stream/items/ids?output=json&s=STREAM&n=N[&xt=EXCLUDE][&c=CONT]``:
  every item (reading-list), the unread ones (``xt=user/-/state/com.google/read``),
  the starred ones (``s=user/-/state/com.google/starred``);
- ``POST .../stream/items/contents?output=json`` with ``i=ID`` repeated;
- ``POST .../edit-tag`` (``i``..., ``a=`` or ``r=`` a state tag, ``T``) -> "OK";
- ``POST .../subscription/edit`` (``ac=subscribe|unsubscribe``, ``s=feed/URL``, ``T``).

Item ids come in two forms: decimal in id lists, ``tag:google.com,2005:reader/item/<16 hex>``
in contents; both are kept as the decimal of the signed 64-bit value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.sync.base import Backend, PageHook, ServerFeed, ServerItem, SyncError, int_id, parse_json, request
from ikn_tui.core.text import is_web_url

if TYPE_CHECKING:
    from ikn_tui.core.fetch import Fetcher

READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
_TAGS = {"read": READ, "starred": STARRED}
_LONG_ID = "tag:google.com,2005:reader/item/"
IDS_PAGE = 10000
CONTENTS_PAGE = 250
MAX_PAGES = 1000
WHAT = "the Google Reader API server"


def item_id(value: Any) -> str:
    """Either id form -> the decimal of the signed 64-bit id."""
    if isinstance(value, str) and value.startswith(_LONG_ID):
        digits = value[len(_LONG_ID):]
        try:
            number = int(digits, 16)
        except ValueError:
            raise SyncError(problem(ProblemKind.SYNC_BAD_ID, what=WHAT)) from None
        if number >= 1 << 63:
            number -= 1 << 64
        return str(number)
    return int_id(value, WHAT)


class GReaderBackend(Backend):
    kind = "greader"
    mark_batch = CONTENTS_PAGE

    def __init__(
        self, url: str, fetcher: Fetcher, *, user: str | None = None, password: str | None = None,
        token: str | None = None,
    ) -> None:
        self.base = url.rstrip("/")
        self._fetcher = fetcher
        self._user, self._password = user, password
        self.secret = token  # the auth token, what a login keeps
        self._write_token = ""
        self._feed_ids: dict[str, str] = {}

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"GoogleLogin auth={self.secret}"}

    async def _get(self, path: str, **query: str) -> bytes:
        url = f"{self.base}/reader/api/0/{path}"
        if query:
            url += "?" + urlencode(query)
        return await request(self._fetcher, url, headers=self._headers(), what=WHAT)

    async def _post(self, path: str, form: list[tuple[str, str]], **query: str) -> bytes:
        """A POST with the write token; a refused one is retried once with a
        fresh token (servers expire them: X-Reader-Google-Bad-Token)."""
        url = f"{self.base}/reader/api/0/{path}" + ("?" + urlencode(query) if query else "")
        try:
            return await request(self._fetcher, url, [*form, ("T", self._write_token)], self._headers(), what=WHAT)
        except SyncError as error:
            if error.kind != "refused":
                raise
        await self._refresh_write_token()
        return await request(self._fetcher, url, [*form, ("T", self._write_token)], self._headers(), what=WHAT)

    async def _refresh_write_token(self) -> None:
        token = (await self._get("token")).decode("utf-8", "replace").strip()
        if not token or len(token) > 4096 or not token.isprintable():
            raise SyncError(problem(ProblemKind.SYNC_NO_WRITE_TOKEN, what=WHAT))
        self._write_token = token

    async def connect(self) -> None:
        if self._password is not None:
            answer = await request(
                self._fetcher, f"{self.base}/accounts/ClientLogin",
                {"Email": self._user or "", "Passwd": self._password}, what=WHAT, accept="text/plain, */*",
            )
            auth = ""
            for line in answer.decode("utf-8", "replace").splitlines():
                if line.startswith("Auth="):
                    auth = line[5:].strip()
            if not auth or len(auth) > 4096 or not auth.isprintable():
                raise SyncError(problem(ProblemKind.SYNC_NO_AUTH_TOKEN, what=WHAT), "refused")
            self.secret = auth
        if not self.secret:
            raise SyncError(problem(ProblemKind.SYNC_NO_ACCOUNT), "config")
        await self._refresh_write_token()

    async def feeds(self) -> list[ServerFeed]:
        data = parse_json(await self._get("subscription/list", output="json"), WHAT)
        subs = data.get("subscriptions") if isinstance(data, dict) else None
        if not isinstance(subs, list):
            raise SyncError(problem(ProblemKind.SYNC_MISSING, what=WHAT, part="subscriptions"))
        out = []
        for sub in subs:
            if not isinstance(sub, dict) or not isinstance(sub.get("id"), str):
                raise SyncError(problem(ProblemKind.SYNC_FEED_NO_ID, what=WHAT))
            url = sub.get("url")
            if not isinstance(url, str) or not is_web_url(url):
                stream = sub["id"]
                url = stream[5:] if stream.startswith("feed/") else ""
            if not is_web_url(url):
                raise SyncError(problem(ProblemKind.SYNC_FEED_NO_URL, what=WHAT))
            title = sub.get("title")
            out.append(ServerFeed(sub["id"], url, title if isinstance(title, str) else None))
        self._feed_ids = {feed.url: feed.id for feed in out}
        return out

    async def _ids(self, stream: str, exclude: str | None = None) -> set[str]:
        ids: set[str] = set()
        continuation = ""
        for _ in range(MAX_PAGES):
            query = {"output": "json", "s": stream, "n": str(IDS_PAGE)}
            if exclude:
                query["xt"] = exclude
            if continuation:
                query["c"] = continuation
            data = parse_json(await self._get("stream/items/ids", **query), WHAT)
            refs = data.get("itemRefs") if isinstance(data, dict) else None
            if refs is None:
                refs = []
            if not isinstance(refs, list):
                raise SyncError(problem(ProblemKind.SYNC_MALFORMED, what=WHAT, part="ids"))
            for ref in refs:
                if not isinstance(ref, dict):
                    raise SyncError(problem(ProblemKind.SYNC_MALFORMED, what=WHAT, part="item"))
                value = item_id(ref.get("id"))
                if value in ids:
                    raise SyncError(problem(ProblemKind.SYNC_DUPLICATE, what=WHAT, item=value))
                ids.add(value)
            next_c = data.get("continuation")
            if not refs or not isinstance(next_c, (str, int)) or not str(next_c) or str(next_c) == continuation:
                return ids
            continuation = str(next_c)
        raise SyncError(problem(ProblemKind.SYNC_ENDLESS, what=WHAT))

    async def new_items(
        self, marker: str | None, known: set[str], on_page: PageHook | None = None
    ) -> tuple[list[ServerItem], str | None]:
        every = await self._ids(READING_LIST)
        fresh = sorted(every - known, key=lambda i: (len(i), i))
        return await self.items_by_id(fresh, on_page), marker

    async def states(self) -> tuple[set[str], set[str]]:
        return await self._ids(READING_LIST, READ), await self._ids(STARRED)

    async def items_by_id(self, ids: list[str], on_page: PageHook | None = None) -> list[ServerItem]:
        out: list[ServerItem] = []
        seen: set[str] = set()
        for start in range(0, len(ids), CONTENTS_PAGE):
            chunk = ids[start : start + CONTENTS_PAGE]
            data = parse_json(await self._post("stream/items/contents", [("i", i) for i in chunk], output="json"), WHAT)
            items = data.get("items") if isinstance(data, dict) else None
            if not isinstance(items, list):
                raise SyncError(problem(ProblemKind.SYNC_MISSING, what=WHAT, part="items"))
            for raw in items:
                item = _item(raw)
                if item.id in seen:
                    raise SyncError(problem(ProblemKind.SYNC_DUPLICATE, what=WHAT, item=item.id))
                seen.add(item.id)
                out.append(item)
            if on_page is not None:
                on_page(out[-len(items):] if items else [])
        return out

    async def mark(self, ids: list[str], field: str, value: bool) -> set[str]:
        tag = _TAGS[field]
        for start in range(0, len(ids), self.mark_batch):
            form = [("i", i) for i in ids[start : start + self.mark_batch]]
            form.append(("a" if value else "r", tag))
            answer = await self._post("edit-tag", form)
            if answer.strip() != b"OK":
                raise SyncError(problem(ProblemKind.SYNC_NOT_ACCEPTED, what=WHAT))
        return set()

    async def subscribe(self, url: str, subscribed: bool) -> bool:
        if not self._feed_ids:
            await self.feeds()  # the server may name its feeds "feed/<number>"
        stream = self._feed_ids.get(url, f"feed/{url}")
        form = [("ac", "subscribe" if subscribed else "unsubscribe"), ("s", stream)]
        answer = await self._post("subscription/edit", form)
        if answer.strip() != b"OK":
            raise SyncError(problem(ProblemKind.SYNC_NOT_ACCEPTED, what=WHAT))
        return True


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _href(value: Any) -> str | None:
    if isinstance(value, list):
        for link in value:
            if isinstance(link, dict) and isinstance(link.get("href"), str) and is_web_url(link["href"]):
                return str(link["href"])
    return None


def _item(raw: Any) -> ServerItem:
    if not isinstance(raw, dict):
        raise SyncError(problem(ProblemKind.SYNC_MALFORMED, what=WHAT, part="item"))
    content = raw.get("content") if isinstance(raw.get("content"), dict) else raw.get("summary")
    origin: dict[str, Any] = raw["origin"] if isinstance(raw.get("origin"), dict) else {}
    published = raw.get("published")
    return ServerItem(
        id=item_id(raw.get("id")),
        feed_id=_text(origin.get("streamId")) or None,
        title=_text(raw.get("title")),
        url=_href(raw.get("canonical")) or _href(raw.get("alternate")),
        html=_text(content.get("content")) if isinstance(content, dict) else "",
        author=_text(raw.get("author")) or None,
        published=published if isinstance(published, int) and not isinstance(published, bool) else None,
    )
