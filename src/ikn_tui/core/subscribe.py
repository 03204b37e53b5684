"""Subscribing to feeds: one code path for ``feeds add``, ``feeds import`` and the
reader (a feed URL typed in, or the feeds an OPML file names, with their titles)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ikn_tui.core.problem import Problem, ProblemKind, problem
from ikn_tui.core.text import clean_line, clean_optional

if TYPE_CHECKING:  # pragma: no cover
    from ikn_tui.core.store import Store


def feed_url_problem(url: str | None) -> Problem | None:
    """Why ``url`` cannot be a feed to subscribe to, or None when it can:
    http or https, a host, no spaces or control characters."""
    text = (url or "").strip()
    shown = repr(clean_line(text, limit=200))
    if not text:
        return problem(ProblemKind.FEED_URL_NEEDED)
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return problem(ProblemKind.FEED_URL_SPACES, url=shown)
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return problem(ProblemKind.FEED_URL_INVALID, url=shown)
    if parts.scheme.lower() not in ("http", "https"):
        return problem(ProblemKind.FEED_URL_SCHEME, url=shown)
    if not host:
        return problem(ProblemKind.FEED_URL_NO_HOST, url=shown)
    return None


@dataclass
class Subscribed:
    """What ``subscribe`` did: new subscriptions, ones already there, ones refused."""

    added: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)  # each names the URL and why


# (url, title), or (url, title, folder) from an OPML file's folders
Feed = tuple[str, str | None] | tuple[str, str | None, str | None]


def subscribe(store: Store, feeds: Iterable[Feed]) -> Subscribed:
    """Subscribe to every (url, title[, folder]) that is a valid feed URL, each URL once,
    keeping the title (an OPML outline's) and the folder. Raises ``StoreError`` when the
    store cannot write."""
    outcome = Subscribed()
    seen: set[str] = set()
    with store.keeping_later():  # the kept copy of the subscriptions is written once
        _subscribe_each(store, feeds, outcome, seen)
    return outcome


def _subscribe_each(store: Store, feeds: Iterable[Feed], outcome: Subscribed, seen: set[str]) -> None:
    for feed in feeds:
        raw_url, title = feed[0], feed[1]
        folder = feed[2] if len(feed) > 2 else None
        url = clean_line(raw_url, limit=2000)
        if url in seen:
            continue
        seen.add(url)
        why = feed_url_problem(raw_url)  # the URL as given: a control character is refused, not dropped
        if why:
            outcome.refused.append(why)
        elif store.add_subscription(url, clean_optional(title, limit=200), folder):
            outcome.added.append(url)
        else:
            outcome.known.append(url)
