"""`ikn-read store retention` and `ikn-read store vacuum`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ikn_tui.core.text import clean_line
from ikn_tui.i18n import _

if TYPE_CHECKING:
    from ikn_tui.core.store import Store


def run_retention(store: Store, args: argparse.Namespace) -> int:
    if args.keep_days is None and args.max_articles is None:
        print(_("retention: {value}").format(value=store.retention().line()))
        return 0
    if (args.keep_days or 0) < 0 or (args.max_articles or 0) < 0:
        print(_("ikn-read: retention limits must be 0 (no limit) or more"), file=sys.stderr)
        return 2
    rules = store.set_retention(args.keep_days, args.max_articles)
    print(_("retention: {value}; applied after each refresh and by 'ikn-read store vacuum'").format(value=rules.line()))
    return 0


def run_vacuum(store: Store) -> int:
    before = store.count_articles()
    deleted = store.vacuum()
    print(clean_line(f"removed {deleted:,} of {before:,} articles by retention ({store.retention().line()}); "
                     "the file is compacted"))
    return 0
