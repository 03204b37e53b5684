"""The store's side of syncing with a feed server (issue 13): the account and
markers (``sync_state``), which server item is which article
(``sync_items``), the pending local changes (``store.pending``), and
``apply_server_state``: everything one sync pulled, applied in ONE
transaction.

The rule for each field (read, starred) of each server item, given the
server's state at the last sync (``prev``), the server's state now, the
local state and whether a local change is pending (``decide``):

- a pending local change wins: it is pushed after the pull, never overwritten;
- first contact (``prev`` is None): whichever side has the mark keeps it
  (read anywhere is read; starred/bookmarked anywhere is starred);
- the server changed since the last sync: the server's value is taken;
- otherwise the local side changed without a pending row (e.g. while no
  account was set): it is queued and pushed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from ikn_tui.core.models import Article
from ikn_tui.core.store.bookmarks import delete_bookmark, save_bookmark
from ikn_tui.core.store.connection import StoreConnection
from ikn_tui.core.store.keys import canonical_url, utc_now
from ikn_tui.core.store.pending import ACCOUNT_KEY, FIELDS, record_change
from ikn_tui.core.store.rows import article_by_id
from ikn_tui.core.store.write import upsert

_SERVER_FEEDS = "server_feeds"


@dataclass(slots=True, frozen=True)
class PendingChange:
    id: int
    item_key: str
    field: str  # "read", "starred" or "subscribed"
    value: bool


@dataclass(slots=True)
class ServerPull:
    """What one sync read from the server (ids are the server's, as text)."""

    feeds: list[tuple[str, str | None]]  # (feed URL, title) of every subscription
    items: list[tuple[str, Article]]  # items not seen before, extracted
    unread: set[str]  # ids of the unread items
    starred: set[str]  # ids of the starred items
    state: dict[str, str | None] = field(default_factory=dict)  # markers to save (None: delete)


@dataclass(slots=True)
class PullApplied:
    new_articles: int = 0
    read_changed: int = 0
    bookmarks_added: int = 0
    bookmarks_removed: int = 0
    queued: int = 0  # local marks the server lacked, queued to push
    feeds_added: int = 0
    feeds_removed: int = 0
    needs_full_text: list[int] = field(default_factory=list)  # new bookmarks holding a summary only


def decide(prev: int | None, server: bool, local: bool | None, pending: bool) -> tuple[bool | None, bool | None]:
    """(value to set locally, value to queue for the server); None = nothing."""
    if pending or local is None or server == local:
        return None, None
    if prev is None:  # first contact: the side that has the mark keeps it
        return (True, None) if server else (None, True)
    if bool(prev) != server:  # changed on the server since the last sync
        return server, None
    return None, local  # changed here without a pending row: send it


class SyncMixin(StoreConnection):
    """Sync bookkeeping: account, markers, item map, pending changes."""

    # -- account and markers -----------------------------------------------------

    def sync_get(self, key: str) -> str | None:
        with self._reading() as conn:
            row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def sync_set(self, values: dict[str, str | None]) -> None:
        """Save markers (a None value deletes the key); one transaction."""
        with self._writing() as conn:
            _set_state(conn, values)

    def sync_account(self) -> str | None:
        """The account (JSON text), or None when sync is off."""
        return self.sync_get(ACCOUNT_KEY)

    def set_sync_account(self, account: str | None, *, reset_items: bool = False) -> None:
        """Set (JSON text) or clear the account; ``reset_items``: forget the
        server item map and markers (another server: its ids mean nothing here).
        Pending changes are kept either way."""
        with self._writing() as conn:
            if reset_items:
                conn.execute("DELETE FROM sync_items")
                conn.execute("DELETE FROM sync_state WHERE key <> ?", (ACCOUNT_KEY,))
            _set_state(conn, {ACCOUNT_KEY: account})

    # -- pending changes -----------------------------------------------------------

    def pending_changes(self) -> list[PendingChange]:
        with self._reading() as conn:
            rows = conn.execute("SELECT id, item_key, field, value FROM sync_pending ORDER BY id").fetchall()
        return [PendingChange(int(i), str(k), str(f), bool(v)) for i, k, f, v in rows]

    def pending_count(self) -> int:
        with self._reading() as conn:
            return int(conn.execute("SELECT count(*) FROM sync_pending").fetchone()[0])

    def server_ids_by_key(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """Item key -> the server ids it is known by (only keys that have one)."""
        out: dict[str, list[str]] = {}
        with self._reading() as conn:
            for key in dict.fromkeys(keys):
                ids = [str(r[0]) for r in conn.execute("SELECT server_id FROM sync_items WHERE item_key = ?", (key,))]
                if ids:
                    out[key] = ids
        return out

    def known_server_ids(self) -> set[str]:
        with self._reading() as conn:
            return {str(r[0]) for r in conn.execute("SELECT server_id FROM sync_items")}

    def pushed(self, done: list[tuple[PendingChange, list[str]]], dropped: Iterable[int] = ()) -> None:
        """Changes the server accepted (with the server ids they were sent
        to): their pending rows go, the server's known state follows.
        ``dropped``: pending ids to forget (nothing to push them to)."""
        with self._writing() as conn:
            for change, server_ids in done:
                conn.execute("DELETE FROM sync_pending WHERE id = ?", (change.id,))
                if change.field in ("read", "starred"):
                    conn.executemany(
                        f"UPDATE sync_items SET {change.field} = ? WHERE server_id = ?",
                        [(int(change.value), sid) for sid in server_ids],
                    )
            conn.executemany("DELETE FROM sync_pending WHERE id = ?", [(int(i),) for i in dropped])

    # -- the pull --------------------------------------------------------------------

    def apply_server_state(self, pull: ServerPull) -> PullApplied:
        """Apply one sync's pull in ONE transaction (see the module docstring)."""
        result = PullApplied()
        with self._writing() as conn:
            _apply_feeds(conn, pull.feeds, result)
            if pull.items:
                ids = upsert(conn, [article for _, article in pull.items], None)
                result.new_articles = ids.new
                rows = []
                for (server_id, article), article_id in zip(pull.items, ids.ids, strict=True):
                    key = canonical_url(article.url) or f"#{article_id}"
                    rows.append((server_id, key, article_id))
                conn.executemany(
                    "INSERT INTO sync_items(server_id, item_key, article_id) VALUES (?, ?, ?) "
                    "ON CONFLICT(server_id) DO UPDATE SET item_key = excluded.item_key, "
                    "article_id = excluded.article_id",
                    rows,
                )
            _apply_states(conn, pull.unread, pull.starred, result)
            _set_state(conn, pull.state)
        parts: list[str] = ["subscriptions"] if result.feeds_added or result.feeds_removed else []
        if result.bookmarks_added or result.bookmarks_removed:
            parts.append("bookmarks")
        if parts:  # the copies kept outside the database (keepsake) follow
            self._keep_user_data(*parts)
        return result


def _set_state(conn: sqlite3.Connection, values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
        else:
            conn.execute("INSERT OR REPLACE INTO sync_state(key, value) VALUES (?, ?)", (key, value))


def _apply_feeds(conn: sqlite3.Connection, feeds: list[tuple[str, str | None]], result: PullApplied) -> None:
    """Subscribe to the server's feeds; drop the ones the server dropped
    (only those an earlier sync brought, and not while a local subscribe of
    that feed waits to be pushed)."""
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (_SERVER_FEEDS,)).fetchone()
    before = set(json.loads(row[0])) if row else set()
    now = utc_now()[0]
    urls = []
    for url, title in feeds:
        urls.append(url)
        cur = conn.execute(
            "INSERT OR IGNORE INTO subscriptions(url, title, added_at) VALUES (?, ?, ?)", (url, title, now)
        )
        result.feeds_added += max(0, cur.rowcount)
    for url in sorted(before - set(urls)):
        waiting = conn.execute(
            "SELECT 1 FROM sync_pending WHERE item_key = ? AND field = 'subscribed' AND value = 1", (url,)
        ).fetchone()
        if not waiting:
            result.feeds_removed += conn.execute("DELETE FROM subscriptions WHERE url = ?", (url,)).rowcount
    _set_state(conn, {_SERVER_FEEDS: json.dumps(sorted(set(urls)))})


# Each server item with its local state. An item whose article row was
# deleted finds a newer row with the same URL (a later refresh stored it again).
_STATES = """
SELECT s.server_id, s.item_key, a.id, s.read, s.starred, a.read,
       EXISTS(SELECT 1 FROM bookmarks b WHERE b.article_id = a.id)
       OR EXISTS(SELECT 1 FROM bookmarks b WHERE b.url_key = s.item_key),
       EXISTS(SELECT 1 FROM sync_pending p WHERE p.item_key = s.item_key AND p.field = 'read'),
       EXISTS(SELECT 1 FROM sync_pending p WHERE p.item_key = s.item_key AND p.field = 'starred')
FROM sync_items s LEFT JOIN articles a
  ON a.id = COALESCE(s.article_id, (SELECT id FROM articles WHERE url_key = s.item_key))
"""


def _apply_states(conn: sqlite3.Connection, unread: set[str], starred: set[str], result: PullApplied) -> None:
    known_updates: list[tuple[int, int, str]] = []
    queue: dict[tuple[str, bool], list[str]] = {}
    for (server_id, key, article_id, prev_read, prev_star, local_read, bookmarked,
         read_pending, star_pending) in conn.execute(_STATES).fetchall():
        s_read, s_star = server_id not in unread, server_id in starred
        l_read = None if local_read is None else bool(local_read)
        set_read, send_read = decide(prev_read, s_read, l_read, bool(read_pending))
        # No article row and no bookmark: nothing here to compare (never "unstarred here").
        l_star = bool(bookmarked) if bookmarked or article_id is not None else None
        set_star, send_star = decide(prev_star, s_star, l_star, bool(star_pending))
        if set_read is not None and article_id is not None:
            result.read_changed += conn.execute(
                "UPDATE articles SET read = ? WHERE id = ? AND read <> ?", (int(set_read), article_id, int(set_read))
            ).rowcount
        if set_star is True and article_id is not None:
            article = article_by_id(conn, article_id)
            if article is not None and save_bookmark(conn, article)[1]:
                result.bookmarks_added += 1
                if not article.full:
                    result.needs_full_text.append(article_id)
        elif set_star is False:
            if article_id is not None:
                delete_bookmark(conn, article_id)
            elif not key.startswith("#"):
                conn.execute("DELETE FROM bookmarks WHERE url_key = ?", (key,))
            result.bookmarks_removed += 1
        for field_name, value in (("read", send_read), ("starred", send_star)):
            if value is not None:
                queue.setdefault((field_name, value), []).append(key)
        if prev_read is None or prev_star is None or bool(prev_read) != s_read or bool(prev_star) != s_star:
            known_updates.append((int(s_read), int(s_star), server_id))
    conn.executemany("UPDATE sync_items SET read = ?, starred = ? WHERE server_id = ?", known_updates)
    for (field_name, value), keys in queue.items():
        assert field_name in FIELDS
        result.queued += record_change(conn, keys, field_name, value)
