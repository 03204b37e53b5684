"""Feed parsing off the event loop: in worker processes when there are many feeds.

Parsing is pure-Python CPU work (lxml/feedparser, then HTML extraction and
cleaning of every entry), so threads would take turns on the GIL. A refresh
of many feeds parses them in a small process pool instead (one worker per
core, at most 4), started with ``forkserver`` so it is safe from a threaded
program (the TUI). If a pool cannot be started (no ``/dev/shm``, a sandbox),
or the feeds are few, parsing runs in a thread as before. Workers only get
bytes and return ``ParsedFeed`` values: they never touch the store. Given
the feed's URL, a worker also does the store's per-row work
(``write.prepare_rows``: cleaning, keys, JSON) and sends back plain
tuples instead of ``Article`` objects: less to unpickle, and the refresh
process (whose single writer is the critical path) only runs the SQL.

This module does not import the parsing stack itself: the refresh process
only needs it when it parses in a thread (a warm refresh, where every feed
answers 304, never loads lxml). ``start()`` brings the workers up while the
first fetches are still in flight.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ikn_tui.core.problem import Problem, ProblemError, ProblemKind, problem, text_problem

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from ikn_tui.core.feeds import ParsedFeed
    from ikn_tui.core.models import Article

MAX_WORKERS = 4
# Below this many feeds a pool costs more to start than it saves.
MIN_FEEDS_FOR_POOL = 8
_PRELOAD = [
    "ikn_tui.core.feeds.rss_atom", "ikn_tui.core.feeds.rss_fast", "ikn_tui.core.extract.page",
    "ikn_tui.core.store.write",
]


def _exit_with_parent(lifeline: Connection) -> None:
    """In a worker: a daemon thread that ends the process when the refresh
    process is gone. The refresh process holds the only writing end of the
    pipe ``lifeline`` reads: when it exits, or is killed with SIGKILL, the
    read sees end-of-file and the worker exits at once, never outliving it
    (an orphan would keep the forkserver and resource tracker alive too)."""

    def watch() -> None:
        try:
            while True:
                lifeline.recv_bytes()
        except (EOFError, OSError):
            os._exit(0)

    threading.Thread(target=watch, name="ikn-read-lifeline", daemon=True).start()


def _warm(lifeline: Connection | None = None) -> None:
    """Worker initializer: exit with the parent (``lifeline``), and import the
    parsing stack once, before the first feed.

    The packages load lazily, so naming each name loads its module."""
    if lifeline is not None:
        _exit_with_parent(lifeline)
    from ikn_tui.core.extract import extract_fragment
    from ikn_tui.core.feeds import parse_feed, parse_rss
    from ikn_tui.core.store import prepare_rows

    del extract_fragment, parse_feed, parse_rss, prepare_rows


def _ready() -> bool:
    """A no-op job: makes the pool start its workers now."""
    return True


def parse_job(
    content: bytes, url: str, charset: str | None, feed_url: str | None = None, defer: bool = True
) -> ParsedFeed:
    """``feeds.parse_feed`` (what a worker runs; also the thread fallback).

    With ``feed_url`` (the subscription the feed is stored under), the
    articles get it as their feed (and origin, when they have none) and come
    back as ``rows`` (``PreparedRows``) with ``articles`` empty, and with
    ``defer`` RSS/Atom items keep their HTML for later: their extraction is
    deferred (``feeds.deferred``; the store extracts an item when it is first read)."""
    from ikn_tui.core.feeds import parse_feed

    if _is_json_feed(content):
        parsed = _parse_json_feed(content, url)
    else:
        parsed = parse_feed(content, url, charset, defer=defer and feed_url is not None)
    if feed_url is None or parsed.error:
        return parsed
    for article in parsed.articles:
        article.feed_url = feed_url
        article.origin = article.origin or feed_url
    try:
        from ikn_tui.core.store import PreparedRows, prepare_rows
        from ikn_tui.core.text import clean_line

        raws = parsed.raws if len(parsed.raws) == len(parsed.articles) else None
        parsed.rows = PreparedRows(prepare_rows(parsed.articles, clean_line(feed_url) or None, raws))
    except (TypeError, ValueError):  # odd article data: the store prepares them itself then (and reports)
        return _undeferred(content, url, charset, feed_url) if parsed.raws else parsed
    parsed.articles = []
    parsed.raws = []
    return parsed


def _undeferred(content: bytes, url: str, charset: str | None, feed_url: str) -> ParsedFeed:
    """The feed parsed again with every item extracted now (articles handed to
    the store as they are: their HTML would otherwise be lost)."""
    from ikn_tui.core.feeds import parse_feed

    parsed = parse_feed(content, url, charset)
    for article in parsed.articles:
        article.feed_url = feed_url
        article.origin = article.origin or feed_url
    return parsed


def extract_job(raws: list[bytes]) -> list[Article]:
    """``feeds.complete_item`` on each raw item (what a worker runs for the idle pass)."""
    from ikn_tui.core.feeds import complete_item

    return [complete_item(raw) for raw in raws]


def _is_json_feed(content: bytes) -> bool:
    if b"jsonfeed.org" not in content[:65536]:
        return False
    from ikn_tui.core.feeds import looks_like_json_feed

    return looks_like_json_feed(content)


def _parse_json_feed(content: bytes, url: str) -> ParsedFeed:
    """A JSON Feed subscription, as a ``ParsedFeed`` like RSS and Atom give."""
    from ikn_tui.core.feeds import ParsedFeed, parse_json_feed

    warnings: list[Problem] = []
    try:
        title, articles = parse_json_feed(content, url, warnings)
    except ValueError as error:
        return ParsedFeed(error=error.problem if isinstance(error, ProblemError) else text_problem(str(error)))
    except RecursionError:
        return ParsedFeed(error=problem(ProblemKind.JSON_FEED_NESTED))
    return ParsedFeed(title=title, articles=articles, warnings=warnings)


@contextmanager
def _real_stderr() -> Iterator[None]:
    """multiprocessing's resource tracker starts with ``sys.stderr.fileno()``
    among the descriptors it keeps: under the reader, Textual has replaced
    ``sys.stderr`` by an object without a real descriptor, and the pool
    could never start (every refresh in the reader parsed in a thread).
    The process's own stderr stands in while the pool starts."""
    current = sys.stderr
    try:
        usable = current is not None and current.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable or sys.__stderr__ is None:
        yield
        return
    sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = current


def _workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def _broken_pool() -> tuple[type[Exception], ...]:
    """What a broken worker pool raises (a worker killed, a job that cannot be
    pickled). Only ever evaluated in an ``except`` clause, when a pool exists and
    pickle is loaded: a refresh with nothing to parse does not import it."""
    import pickle

    return (OSError, RuntimeError, pickle.PicklingError)


class FeedParsers:
    """``await parsers.parse(bytes, url, charset)``; close with ``shutdown()``."""

    def __init__(self, feeds: int, defer: bool = True) -> None:
        self._defer = defer  # items' extraction deferred (see parse_job)
        self._pool: Executor | None = None
        self._lifeline: Connection | None = None  # the writing end workers watch
        self._wanted = feeds >= MIN_FEEDS_FOR_POOL and _workers() > 1
        self._failed = False

    def start(self) -> None:
        """Start the worker processes now (when parsing is sure to come)."""
        pool = self._executor()
        if pool is not None:
            try:
                for _ in range(_workers()):
                    pool.submit(_ready)
            except (OSError, RuntimeError):  # a pool that cannot start (BrokenExecutor is a RuntimeError): threads then
                self._failed = True

    def _executor(self) -> Executor | None:
        if self._pool is None and self._wanted and not self._failed:
            try:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(_PRELOAD)
                lifeline, self._lifeline = context.Pipe(duplex=False)
                with _real_stderr():
                    self._pool = ProcessPoolExecutor(
                        _workers(), mp_context=context, initializer=_warm, initargs=(lifeline,)
                    )
            except (OSError, ValueError, ImportError, NotImplementedError):
                self._failed = True
        return self._pool

    async def parse(self, content: bytes, url: str, charset: str | None, feed_url: str | None = None) -> ParsedFeed:
        """``parse_job`` in a worker process (or a thread)."""
        pool = self._executor()
        if pool is not None:
            try:
                return await asyncio.get_running_loop().run_in_executor(
                    pool, parse_job, content, url, charset, feed_url, self._defer
                )
            except _broken_pool():  # a broken pool (worker killed): parse here instead
                self._failed = True
        return await asyncio.to_thread(parse_job, content, url, charset, feed_url, self._defer)

    def extract_many(self, raws: list[bytes]) -> list[Article]:
        """``extract_job`` over ``raws``, spread over the worker processes (in
        this thread when they cannot start). Blocks: for a worker thread."""
        pool = self._executor()
        if pool is not None:
            try:
                size = max(1, -(-len(raws) // (2 * _workers())))
                futures = [pool.submit(extract_job, raws[i : i + size]) for i in range(0, len(raws), size)]
                return [article for future in futures for article in future.result()]
            except _broken_pool():  # a broken pool: here instead
                self._failed = True
        return extract_job(raws)

    def shutdown(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        # Workers still busy with a feed exit when the pipe closes: nothing
        # outlives a refresh that was stopped (the reader quitting mid-refresh).
        lifeline, self._lifeline = self._lifeline, None
        if lifeline is not None:
            lifeline.close()
