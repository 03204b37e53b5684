"""Counts with a noun: one article, two articles in English; Indonesian has one form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from ikn_tui.core.models import Subscription
from ikn_tui.i18n import set_language
from ikn_tui.i18n.catalog import LOCALE_DIR
from ikn_tui.i18n.mo import parse_po
from ikn_tui.ui.sync_status import ago
from ikn_tui.ui.widgets.feed_list import FeedRow, feed_prompt


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("id")


def _counts(count: int) -> str:
    return feed_prompt(FeedRow(Subscription(url="https://example.test/feed", title="Contoh"), count)).plain


def test_the_feeds_view_says_one_article_and_two_articles_in_english(english: None) -> None:
    assert "· 1 article" in _counts(1) and "1 articles" not in _counts(1)
    assert "· 2 articles" in _counts(2)
    assert "· 0 articles" in _counts(0)


def test_indonesian_keeps_its_one_form() -> None:
    set_language("id")
    assert "· 1 berita" in _counts(1)
    assert "· 2 berita" in _counts(2)


def test_times_ago_in_english_singular_and_plural(english: None) -> None:
    now = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)
    assert ago((now - timedelta(minutes=1)).isoformat(), now) == "1 minute ago"
    assert ago((now - timedelta(minutes=5)).isoformat(), now) == "5 minutes ago"
    assert ago((now - timedelta(hours=1)).isoformat(), now) == "1 hour ago"
    assert ago((now - timedelta(days=1)).isoformat(), now) == "1 day ago"
    assert ago((now - timedelta(days=3)).isoformat(), now) == "3 days ago"


def test_no_english_count_msgstr_forces_a_plural_on_one() -> None:
    """An English msgstr with a {count} before a plural noun comes from ngettext,
    so "1 articles" cannot be shown: single-form entries must not end a count with such a noun."""
    catalogue = parse_po((LOCALE_DIR / "en" / "LC_MESSAGES" / "ikn_read.po").read_text(encoding="utf-8"))
    nouns = ("articles", "feeds", "subscriptions", "minutes", "hours", "days", "changes")
    single = [
        text for msgid, text in catalogue.items()
        if "\0" not in msgid and re.search(r"\{\w+\} (?:" + "|".join(nouns) + r")\b", text)
    ]
    assert not single, sorted(single)


def test_the_cli_says_one_day_and_one_article_in_english_and_one_form_in_indonesian() -> None:
    from ikn_tui.cli.retention_view import retention_words
    from ikn_tui.core.store import Retention

    set_language("en")
    try:
        assert retention_words(Retention(keep_days=1, max_articles=1)).startswith("1 day, at most 1 article (")
        assert retention_words(Retention(keep_days=2, max_articles=5)).startswith("2 days, at most 5 articles (")
    finally:
        set_language("id")
    assert retention_words(Retention(keep_days=1, max_articles=1)).startswith("1 hari, paling banyak 1 berita (")
