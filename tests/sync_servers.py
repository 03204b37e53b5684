"""Small feed servers for the sync tests, on the tests' loopback ``TestServer``.

``FakeGReader`` implements the Google Reader API endpoints ikn-read uses, from
the published descriptions (FreshRSS's and Miniflux's): ClientLogin, token,
subscription/list and /edit, stream/items/ids (n, c, xt), stream/items/contents
(i repeated; long-form ids), edit-tag (a/r, T required). ``FakeFever`` is a
Fever API with switches that make it misbehave (the hostile suite).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
READING_LIST = "user/-/state/com.google/reading-list"


def _form(handler: Any) -> list[tuple[str, str]]:
    length = int(handler.headers.get("Content-Length") or 0)
    body = handler.rfile.read(length).decode("utf-8") if length else ""
    return parse_qsl(body, keep_blank_values=True)


def _query(handler: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(handler.path).query, keep_blank_values=True)


@dataclass
class Item:
    id: int
    feed: str
    title: str
    url: str
    html: str
    published: int = 1_750_000_000


@dataclass
class ServerState:
    feeds: dict[str, str] = field(default_factory=dict)  # url -> title
    items: dict[int, Item] = field(default_factory=dict)
    read: set[int] = field(default_factory=set)
    starred: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, feed: str, title: str, url: str, html: str = "<p>Isi berita.</p>") -> Item:
        with self.lock:
            item = Item(max(self.items, default=0) + 1, feed, title, url, html)
            self.items[item.id] = item
            return item


class FakeGReader:
    """A Google Reader API at ``{server}/greader`` (the endpoint users give)."""

    def __init__(self, server: Any, user: str = "pembaca", password: str = "rahasia-sekali") -> None:
        self.server = server
        self.user, self.password = user, password
        self.auth = "auth-token-0123456789"
        self.write_token = "write-token-42"
        self.state = ServerState()
        self.edits: list[list[tuple[str, str]]] = []
        self.expire_token_once = False  # refuse the next edit-tag as if its T had expired
        self.token_requests = 0
        self.url = server.url("greader")
        routes = {
            "accounts/ClientLogin": self._login, "reader/api/0/token": self._token,
            "reader/api/0/subscription/list": self._subs, "reader/api/0/subscription/edit": self._sub_edit,
            "reader/api/0/stream/items/ids": self._ids, "reader/api/0/stream/items/contents": self._contents,
            "reader/api/0/edit-tag": self._edit_tag,
        }
        for path, handler in routes.items():
            server.route(f"greader/{path}", handler=self._guard(handler), content_type="application/json")

    def _guard(self, handler: Any) -> Any:
        def run(request: Any) -> Any:
            if handler != self._login and request.headers.get("Authorization") != f"GoogleLogin auth={self.auth}":
                return 401, {}, b"Unauthorized"
            return handler(request)
        return run

    @staticmethod
    def long_id(number: int) -> str:
        return f"tag:google.com,2005:reader/item/{number & (2**64 - 1):016x}"

    def _login(self, request: Any) -> Any:
        form = dict(_form(request))
        if form.get("Email") != self.user or form.get("Passwd") != self.password:
            return 401, {}, b"Error=BadAuthentication\n"
        return 200, {"Content-Type": "text/plain"}, f"SID=x\nLSID=x\nAuth={self.auth}\n".encode()

    def _token(self, request: Any) -> Any:
        self.token_requests += 1
        return 200, {"Content-Type": "text/plain"}, self.write_token.encode()

    def _subs(self, request: Any) -> Any:
        subs = [{"id": f"feed/{url}", "title": title, "url": url, "htmlUrl": url, "categories": []}
                for url, title in self.state.feeds.items()]
        return json.dumps({"subscriptions": subs}).encode()

    def _write(self, form: list[tuple[str, str]]) -> bool:
        return dict(form).get("T") == self.write_token

    def _sub_edit(self, request: Any) -> Any:
        form = _form(request)
        if not self._write(form):
            return 401, {"X-Reader-Google-Bad-Token": "true"}, b"Unauthorized"
        values = dict(form)
        url = values.get("s", "").removeprefix("feed/")
        with self.state.lock:
            if values.get("ac") == "subscribe":
                self.state.feeds[url] = values.get("t") or url
            elif values.get("ac") == "unsubscribe":
                self.state.feeds.pop(url, None)
        return 200, {"Content-Type": "text/plain"}, b"OK"

    def _ids(self, request: Any) -> Any:
        query = _query(request)
        stream = query.get("s", [""])[0]
        exclude = query.get("xt", [""])[0]
        n = int(query.get("n", ["20"])[0])
        start = int(query.get("c", ["0"])[0] or 0)
        with self.state.lock:
            ids = sorted(self.state.items, reverse=True)
            if stream == STARRED:
                ids = [i for i in ids if i in self.state.starred]
            if exclude == READ:
                ids = [i for i in ids if i not in self.state.read]
        page = ids[start : start + n]
        answer: dict[str, Any] = {"itemRefs": [{"id": str(i), "directStreamIds": [], "timestampUsec": "0"} for i in page]}
        if start + n < len(ids):
            answer["continuation"] = str(start + n)
        return json.dumps(answer).encode()

    def _contents(self, request: Any) -> Any:
        form = _form(request)
        wanted = [v for k, v in form if k == "i"]
        out = []
        with self.state.lock:
            for value in wanted:
                number = int(value.rsplit("/", 1)[-1], 16) if value.startswith("tag:") else int(value)
                item = self.state.items.get(number)
                if item is None:
                    continue
                categories = [READING_LIST] + ([READ] if number in self.state.read else []) + (
                    [STARRED] if number in self.state.starred else [])
                out.append({
                    "id": self.long_id(number), "title": item.title, "published": item.published,
                    "canonical": [{"href": item.url}], "alternate": [{"href": item.url, "type": "text/html"}],
                    "summary": {"content": item.html}, "author": "Redaksi", "categories": categories,
                    "origin": {"streamId": f"feed/{item.feed}", "title": self.state.feeds.get(item.feed, "")},
                })
        return json.dumps({"id": READING_LIST, "items": out}).encode()

    def _edit_tag(self, request: Any) -> Any:
        form = _form(request)
        self.edits.append(form)
        if self.expire_token_once:
            self.expire_token_once = False
            return 401, {"X-Reader-Google-Bad-Token": "true"}, b"Unauthorized"
        if not self._write(form):
            return 401, {"X-Reader-Google-Bad-Token": "true"}, b"Unauthorized"
        values = [v for k, v in form if k == "i"]
        ids = {int(v.rsplit("/", 1)[-1], 16) if v.startswith("tag:") else int(v) for v in values}
        with self.state.lock:
            for key, tag in form:
                target = self.state.read if tag == READ else self.state.starred if tag == STARRED else None
                if target is None or key not in ("a", "r"):
                    continue
                if key == "a":
                    target.update(ids & set(self.state.items))
                else:
                    target.difference_update(ids)
        return 200, {"Content-Type": "text/plain"}, b"OK"


class FakeFever:
    """A Fever API at ``{server}/fever/`` with switches for misbehaviour:
    ``garbage`` (not JSON), ``status`` (an HTTP error), ``hang``, ``huge``
    (60 MB streamed), ``duplicate`` (an item twice), ``lie`` (an unread id it
    does not serve), ``markfail`` (500 to every mark)."""

    def __init__(self, server: Any, api_key: str) -> None:
        self.server = server
        self.api_key = api_key
        self.state = ServerState()
        self.url = server.url("fever/")
        self.mode = ""
        self.calls: list[str] = []
        server.route("fever/", handler=self._answer, content_type="application/json")

    def _answer(self, request: Any) -> Any:
        query = _query(request)
        form = dict(_form(request))
        self.calls.append(urlsplit(request.path).query)
        mode = self.mode
        if mode == "garbage":
            return b"<html>502 Bad Gateway, sort of</html>{"
        if mode == "status":
            return 401, {}, b"Unauthorized"
        if mode == "hang":
            self.server.stopping.wait(30)
            return None
        if mode == "huge":
            request.send_response(200)
            request.send_header("Content-Type", "application/json")
            request.end_headers()
            try:
                request.wfile.write(b'{"auth":1,"items":[')
                chunk = b'{"id":1,"title":"' + b"x" * (1024 * 1024) + b'"},'
                for _ in range(60):
                    request.wfile.write(chunk)
            except OSError:
                pass
            return None
        answer: dict[str, Any] = {"api_version": 3, "auth": int(form.get("api_key") == self.api_key)}
        if not answer["auth"]:
            return json.dumps(answer).encode()
        st = self.state
        with st.lock:
            if "feeds" in query:
                urls = list(st.feeds)
                answer["feeds"] = [{"id": n + 1, "url": u, "title": st.feeds[u], "site_url": u, "is_spark": 0,
                                    "favicon_id": 0, "last_updated_on_time": 0} for n, u in enumerate(urls)]
                answer["feeds_groups"] = []
            if "items" in query:
                answer["total_items"] = len(st.items)
                ids = sorted(st.items)
                if "since_id" in query:
                    ids = [i for i in ids if i > int(query["since_id"][0])][:50]
                elif "with_ids" in query:
                    wanted = {int(v) for v in query["with_ids"][0].split(",") if v}
                    ids = [i for i in ids if i in wanted][:50]
                else:
                    ids = ids[:50]
                urls = list(st.feeds)
                answer["items"] = [self._item(st.items[i], urls) for i in ids]
                if mode == "duplicate" and answer["items"]:
                    answer["items"].append(answer["items"][0])
            if "unread_item_ids" in query:
                unread = [i for i in sorted(st.items) if i not in st.read]
                if mode == "lie":
                    unread.append(999_999)
                answer["unread_item_ids"] = ",".join(map(str, unread))
            if "saved_item_ids" in query:
                answer["saved_item_ids"] = ",".join(map(str, sorted(st.starred)))
            if form.get("mark") == "item":
                if mode == "markfail":
                    return 500, {}, b"Internal Server Error"
                number = int(form["id"])
                if number not in st.items:
                    return 404, {}, b"not found"
                target = st.read if form["as"] in ("read", "unread") else st.starred
                (target.add if form["as"] in ("read", "saved") else target.discard)(number)
        return json.dumps(answer).encode()

    @staticmethod
    def _item(item: Item, feeds: list[str]) -> dict[str, Any]:
        return {"id": item.id, "feed_id": feeds.index(item.feed) + 1 if item.feed in feeds else 0,
                "title": item.title, "author": "Redaksi", "html": item.html, "url": item.url,
                "is_saved": 0, "is_read": 0, "created_on_time": item.published}
