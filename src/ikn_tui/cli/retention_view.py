"""`ikn-read store retention` and `ikn-read store vacuum`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ikn_tui.core.text import clean_line
from ikn_tui.i18n import _, format_number, ngettext

if TYPE_CHECKING:
    from ikn_tui.core.store import Retention, Store


def retention_words(rules: Retention) -> str:
    """"30 days, at most 5,000 articles (bookmarked articles are always kept)" in the current language."""
    days = _("no age limit")
    if rules.keep_days:
        days = ngettext("{n} day", "{n} days", rules.keep_days).format(n=format_number(rules.keep_days))
    most = _("no count limit")
    if rules.max_articles:
        most = ngettext("at most {n} article", "at most {n} articles", rules.max_articles).format(
            n=format_number(rules.max_articles))
    return _("{days}, {most} (bookmarked articles are always kept)").format(days=days, most=most)


def run_retention(store: Store, args: argparse.Namespace) -> int:
    if args.keep_days is None and args.max_articles is None:
        print(_("retention: {value}").format(value=retention_words(store.retention())))
        return 0
    if (args.keep_days or 0) < 0 or (args.max_articles or 0) < 0:
        print(_("ikn-read: retention limits must be 0 (no limit) or more"), file=sys.stderr)
        return 2
    rules = store.set_retention(args.keep_days, args.max_articles)
    print(_("retention: {value}; applied after each refresh and by 'ikn-read store vacuum'").format(
        value=retention_words(rules)))
    return 0


def run_vacuum(store: Store) -> int:
    before = store.count_articles()
    deleted = store.vacuum()
    print(clean_line(_("removed {deleted} of {before} articles by retention ({rules}); the file is compacted").format(
        deleted=format_number(deleted), before=format_number(before), rules=retention_words(store.retention())
    )))
    return 0
