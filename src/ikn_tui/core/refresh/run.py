"""Refresh every subscription concurrently into the store.

Conditional GET (ETag/Last-Modified), 304 skips parsing, 301 moves the
stored URL, 410 marks the feed gone, Retry-After is respected. Parsing runs
off the event loop (``pool``, a process pool). Finished feeds are stored by one
``BatchWriter`` task in a worker thread, taking every feed that finished
while the previous write ran, in one transaction (a feed's articles and its
status always together).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from ikn_tui.core.models import Article, Subscription
from ikn_tui.core.problem import Problem, ProblemKind, caused, problem, text_problem
from ikn_tui.core.text import clean_line

if TYPE_CHECKING:
    from ikn_tui.core.feeds import ParsedFeed
    from ikn_tui.core.fetch import Fetcher
    from ikn_tui.core.store import PreparedRows, Store


FAILED_STATUSES = ("error", "gone")


def feed_label(url: str, status: str, limit: int = 48) -> str:
    """The feed that just finished, for a status line: its URL without the scheme
    (and ``www.``), then "gagal" when it failed."""
    name = url.split("://", 1)[-1].removeprefix("www.").rstrip("/")
    name = clean_line(name, limit=limit) or clean_line(url, limit=limit)
    return f"{name} gagal" if status in FAILED_STATUSES else name


@dataclass(slots=True)
class RefreshProgress:
    done: int
    total: int
    url: str
    status: str  # ok, not-modified, error, gone, skipped
    message: Problem | None
    new: int

    @property
    def label(self) -> str:
        """The feed that just finished, "gagal" when it failed (``feed_label``)."""
        return feed_label(self.url, self.status)


@dataclass(slots=True)
class RefreshSummary:
    total: int = 0
    ok: int = 0
    not_modified: int = 0
    failed: int = 0
    skipped: int = 0
    new: int = 0
    expired: int = 0  # deleted afterwards by the store's retention settings
    messages: list[Problem] = field(default_factory=list)

    def line(self) -> str:
        parts = [f"{self.total} feeds", f"{self.new} new articles"]
        if self.not_modified:
            parts.append(f"{self.not_modified} unchanged")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        parts.append(f"{self.failed} failed")
        if self.expired:
            parts.append(f"{self.expired} old articles removed (retention)")
        return "Refreshed " + ", ".join(parts)

    @property
    def all_failed(self) -> bool:
        return self.total > 0 and self.failed == self.total


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(dt: datetime) -> str:
    return dt.replace(microsecond=0).isoformat()


_checked: tuple[int, str] = (0, "")


def _checked_now() -> str:
    """``_iso(_now())``, made once a second: a warm refresh stamps hundreds of
    feeds within the same second."""
    global _checked
    second = int(time.time())
    seen = _checked
    if seen[0] != second:
        seen = _checked = (second, datetime.fromtimestamp(second, UTC).isoformat())
    return seen[1]


def _waiting(sub: Subscription) -> bool:
    if not sub.retry_after:
        return False
    try:
        return datetime.fromisoformat(sub.retry_after) > _now()
    except ValueError:
        return False


# (content, URL, charset, feed URL to store under) -> ParsedFeed; with
# ``rows`` set when the parser prepared the store rows (pool.parse_job).
ParseFn = Callable[[bytes, str, "str | None", "str | None"], Awaitable["ParsedFeed"]]


async def _parse_in_thread(content: bytes, url: str, charset: str | None, feed_url: str | None = None) -> ParsedFeed:
    from ikn_tui.core.refresh.pool import parse_job

    return await asyncio.to_thread(parse_job, content, url, charset, feed_url)


@dataclass(slots=True)
class _Write:
    """One feed's outcome waiting to be stored (articles None: status only)."""

    sub: Subscription
    old_url: str | None
    articles: list[Article] | PreparedRows | None
    done: asyncio.Future[int]


def _write_one(store: Store, job: _Write) -> int:
    if job.articles is None:
        store.update_subscription(job.sub, job.old_url)
        return 0
    if job.old_url:
        store.update_subscription(job.sub, job.old_url)
    return store.apply_refresh(job.sub, job.articles).new


def _write_batch(store: Store, jobs: list[_Write]) -> list[int]:
    """All of a batch in one transaction."""
    return store.apply_refreshes([(job.sub, job.old_url, job.articles) for job in jobs])


class BatchWriter:
    """Stores finished feeds from one task, many at a time.

    Feeds that finish while a batch is being written wait and go together in
    the next one, in one transaction (``Store.apply_refreshes``): a handful
    of transactions for 200 feeds instead of 200, and the event loop never
    waits on SQLite. If a batch fails, its feeds are retried one by one
    (a transaction each), so one bad feed fails alone.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pending: list[_Write] = []
        self._task: asyncio.Task[None] | None = None
        self._later: list[Subscription] = []

    def later(self, sub: Subscription) -> None:
        """Keep a feed's new state (a 304: checked now, nothing else changed)
        for ``write_later``: a warm refresh of N feeds writes one
        transaction at its end, not one per feed as they answer."""
        self._later.append(sub)

    def write_later(self) -> list[Problem]:
        """Store the states kept by ``later`` in one transaction (feed by
        feed if it fails, so only the feed at fault is left out). Returns a
        message for each feed whose state could not be stored. Synchronous:
        it also runs when the refresh is being cancelled."""
        subs, self._later = self._later, []
        if not subs:
            return []
        try:
            self.store.apply_refreshes([(sub, None, None) for sub in subs])
            return []
        except Exception:  # noqa: BLE001 - retry alone: only the feed at fault fails
            pass
        messages = []
        for sub in subs:
            try:
                self.store.update_subscription(sub)
            except Exception as error:  # noqa: BLE001 - reported in the summary, never raised
                found = getattr(error, "problem", None)
                cause = found if isinstance(found, Problem) else text_problem(str(error) or type(error).__name__)
                messages.append(caused(ProblemKind.NOT_STORED, cause, sub.url))
        return messages

    async def write(self, sub: Subscription, old_url: str | None, articles: list[Article] | PreparedRows | None) -> int:
        """Store one feed's state (and articles, or rows prepared for
        ``sub.url``); returns how many are new."""
        job = _Write(sub, old_url, articles, asyncio.get_running_loop().create_future())
        self._pending.append(job)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._drain())
        return await job.done

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                results: list[int | BaseException] = list(await asyncio.to_thread(_write_batch, self.store, batch))
            except Exception:  # noqa: BLE001 - retry alone: only the feed at fault fails
                results = []
                for job in batch:
                    try:
                        results.append(await asyncio.to_thread(_write_one, self.store, job))
                    except Exception as error:  # noqa: BLE001 - handed to the feed's future, reported there
                        results.append(error)
            for job, result in zip(batch, results, strict=True):
                if job.done.done():
                    continue
                if isinstance(result, BaseException):
                    job.done.set_exception(result)
                else:
                    job.done.set_result(result)

    def close(self) -> None:
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()


async def refresh_one(
    fetcher: Fetcher, sub: Subscription, writer: BatchWriter, parse: ParseFn | None = None
) -> tuple[str, Problem | None, int]:
    """Fetch, parse and store one feed. Returns (status, message, new)."""
    if sub.status == "gone":
        return "skipped", problem(ProblemKind.FEED_GONE, sub.url), 0
    if _waiting(sub):
        return "skipped", problem(ProblemKind.FEED_WAIT, sub.url, until=sub.retry_after), 0
    fetched = await fetcher.fetch(sub.url, etag=sub.etag, last_modified=sub.last_modified)
    old_url = None
    sub.last_checked = _checked_now()
    sub.retry_after = None
    if fetched.retry_after:
        sub.retry_after = _iso(_now() + timedelta(seconds=min(fetched.retry_after, 86400)))
    if fetched.permanent_redirect and fetched.final_url and fetched.final_url != sub.url:
        old_url, sub.url = sub.url, fetched.final_url
    if fetched.not_modified:
        sub.status, sub.message = "not-modified", None
        if old_url:  # the feed moved: renamed (and kept) with the other writes
            await writer.write(sub, old_url, None)
        else:
            writer.later(sub)
        return "not-modified", None, 0
    if fetched.error or not fetched.ok:
        gone = fetched.status == 410
        sub.status = "gone" if gone else "error"
        sub.message = fetched.error or problem(ProblemKind.HTTP_STATUS, code=fetched.status)
        await writer.write(sub, old_url, None)
        return sub.status, sub.message.at(sub.url), 0
    parsed = await (parse or _parse_in_thread)(fetched.content, fetched.final_url or sub.url, fetched.charset, sub.url)
    if parsed.error:
        sub.status, sub.message = "error", parsed.error
        await writer.write(sub, old_url, None)
        return "error", parsed.error.at(sub.url), 0
    sub.etag, sub.last_modified = fetched.etag, fetched.last_modified
    sub.status, sub.message = "ok", parsed.warnings[0] if parsed.warnings else None  # the first says most
    if parsed.title and not sub.title:
        sub.title = clean_line(parsed.title, limit=200)
    if parsed.rows is not None:  # prepared by the parser for sub.url
        new = await writer.write(sub, old_url, parsed.rows)
        return "ok", None, new
    for article in parsed.articles:
        article.feed_url = sub.url
        article.origin = article.origin or sub.url
    new = await writer.write(sub, old_url, parsed.articles)
    return "ok", None, new


def _validated(sub: Subscription) -> bool:
    """The feed was fetched before (a 304 is likely): no parsing expected."""
    return bool(sub.etag or sub.last_modified)


# Refreshes running now, each in its own event loop (the reader runs them in threads).
_RUNNING: set[tuple[asyncio.AbstractEventLoop, asyncio.Task[RefreshSummary]]] = set()
_RUNNING_LOCK = threading.Lock()


def cancel_running_refreshes() -> int:
    """Stop every refresh running in this process, from any thread (the
    reader quitting mid-refresh): fetches are abandoned, what was stored
    stays, and the parse workers exit. Returns how many were running."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for loop, task in running:
        try:
            loop.call_soon_threadsafe(task.cancel)
        except RuntimeError:  # its loop has just closed
            pass
    return len(running)


async def refresh_all(
    store: Store,
    fetcher: Fetcher,
    on_progress: Callable[[RefreshProgress], None] | None = None,
    urls: list[str] | None = None,
    defer: bool = True,
) -> RefreshSummary:
    """Refresh all subscriptions (or only ``urls``) concurrently; with ``defer``
    feed items are extracted when first read (``core.bodies``), not now.
    ``cancel_running_refreshes`` stops it from another thread."""
    task = asyncio.current_task()
    if task is None:
        return await _refresh_all(store, fetcher, on_progress, urls, defer)
    entry = (asyncio.get_running_loop(), task)
    with _RUNNING_LOCK:
        _RUNNING.add(entry)
    try:
        return await _refresh_all(store, fetcher, on_progress, urls, defer)
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(entry)


async def _refresh_all(
    store: Store,
    fetcher: Fetcher,
    on_progress: Callable[[RefreshProgress], None] | None,
    urls: list[str] | None,
    defer: bool = True,
) -> RefreshSummary:
    from ikn_tui.core.bodies import install

    install()  # the rows stored now are extracted when read (feeds.deferred)
    subs = store.list_subscriptions()
    if urls is not None:
        wanted = set(urls)
        subs = [s for s in subs if s.url in wanted]
    summary = RefreshSummary(total=len(subs))
    writer = BatchWriter(store)
    done = 0
    from ikn_tui.core.refresh.pool import FeedParsers

    parsers = FeedParsers(len(subs), defer)
    if sum(1 for s in subs if not _validated(s)) >= 8:
        parsers.start()  # many feeds will be parsed: workers come up during the fetches

    async def run(sub: Subscription) -> None:
        nonlocal done
        url = sub.url
        try:
            status, message, new = await refresh_one(fetcher, sub, writer, parsers.parse)
        except Exception as exc:  # noqa: BLE001 - one feed must never stop the others
            reason = clean_line(str(exc), limit=200) or type(exc).__name__
            status, message, new = "error", text_problem(reason, url), 0
        done += 1
        summary.new += new
        if status == "ok":
            summary.ok += 1
        elif status == "not-modified":
            summary.not_modified += 1
        elif status == "skipped":
            summary.skipped += 1
        else:
            summary.failed += 1
        if message:
            summary.messages.append(message)
        if on_progress is not None:
            on_progress(RefreshProgress(done, summary.total, url, status, message, new))

    try:
        await asyncio.gather(*(run(sub) for sub in subs))
    finally:
        writer.close()
        parsers.shutdown()
        summary.messages += writer.write_later()
    if _retention_active(store):  # no thread started (~1 ms) for a store that keeps everything
        summary.expired = await asyncio.to_thread(_apply_retention, store)
    return summary


def _retention_active(store: Store) -> bool:
    from ikn_tui.core.store import StoreError

    try:
        return store.retention().active
    except StoreError:  # unreadable settings: let apply_retention decide (and fail quietly)
        return True


def _apply_retention(store: Store) -> int:
    """The store's keep_days / max_articles, after the new articles are in."""
    from ikn_tui.core.store import StoreError

    try:
        return store.apply_retention()
    except StoreError:  # a read-only or damaged store keeps everything
        return 0
