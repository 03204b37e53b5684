"""`ikn-read store check|recover|backup|restore|vacuum`, and the one warning
every command gives when the database is damaged.

Messages that name a file put it on a line of its own, so a long path is
never cut and can be copied whole.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ikn_tui.core.problem import Problem
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import N_, _, format_number
from ikn_tui.ui.problem_words import damage_words, words

if TYPE_CHECKING:
    from ikn_tui.core.store import Store, StoreError

RECOVER_HINT = N_("run 'ikn-read store recover' to rebuild it from everything readable (the damaged file is kept)")


def add_parser(subs: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    store = subs.add_parser("store", help=_("check, recover, back up or restore the database"),
                            description=_("Check, recover, back up, restore or tidy the database."))
    ssub = store.add_subparsers(dest="store_command", required=True)
    ssub.add_parser("check", help=_("a full integrity check of the database"),
                    description=_("Check every page of the database and its search index. Exit 1 when damaged."))
    ssub.add_parser("recover", help=_("rebuild a damaged database from everything readable"),
                    description=_("Build a new database from every readable row of the current one (the damaged "
                                "file is moved aside, never deleted), put back kept subscriptions and bookmarks, "
                                "rebuild the search index, and say what was saved."))
    backup = ssub.add_parser("backup", help=_("copy the database to FILE (safe while the reader runs)"),
                             description=_("Copy the database to FILE with SQLite's online backup API."))
    backup.add_argument("file", metavar="FILE")
    restore = ssub.add_parser("restore", help=_("replace the database by the backup FILE"),
                              description=_("Check the backup FILE, move the current database aside and copy FILE in."))
    restore.add_argument("file", metavar="FILE")
    ssub.add_parser("vacuum", help=_("apply the retention settings now and compact the file"),
                    description=_("Delete articles beyond the retention settings (see 'store retention'; "
                                "bookmarked articles are never deleted) and compact the database file."))
    keep = ssub.add_parser("retention", help=_("show or set how long and how many articles are kept"),
                           description=_("Show the retention settings, or set them. They apply after every refresh "
                                       "and on 'store vacuum'; bookmarked articles are never deleted. "
                                       "0 means no limit."))
    keep.add_argument("--keep-days", type=int, default=None, metavar="N", help=_("delete articles older than N days"))
    keep.add_argument("--max-articles", type=int, default=None, metavar="N",
                      help=_("keep at most the N newest articles"))


def _say(line: str) -> None:
    print(_("ikn-read: {message}").format(message=clean_line(line, limit=400)), file=sys.stderr)


def _file_line(path: Path | str, stream: object = None) -> None:
    print(f"  {clean_line(str(path))}", file=stream or sys.stderr)  # type: ignore[arg-type]


def warn_if_damaged(store: Store) -> None:
    """One line (and the file on the next) when ``store`` is known to be damaged."""
    if store.damaged is None:
        return
    _say(_("warning: the database is damaged ({damaged}); changes are not saved; {hint}:").format(
        damaged=damage_words(store.damaged), hint=_(RECOVER_HINT)
    ))
    _file_line(store.path)


def report_store_error(error: StoreError) -> None:
    """A StoreError on stderr; a damaged file gets the recovery advice, the file on its own line."""
    path = getattr(error, "path", None)
    if getattr(error, "kind", None) == "corrupt":
        from ikn_tui.core.paths import database_path

        _say(_("the database is damaged; {hint}:").format(hint=_(RECOVER_HINT)))
        _file_line(path or database_path())
        return
    what = error.problem
    if path is not None and "path" in what.details:  # the file goes on a line of its own
        without = Problem(what.kind, {**what.details, "path": ""}, what.where)
        _say(words(without).rstrip(": ()") + ":")
        _file_line(path)
        return
    _say(words(what))


def cmd_store(args: argparse.Namespace) -> int:
    from ikn_tui.core import paths

    command = args.store_command
    if command == "recover":
        return _recover(paths.database_path())
    if command == "restore":
        return _restore(paths.database_path(), Path(args.file).expanduser())
    from ikn_tui.core.store import Store

    store = Store.open_default(check=False)
    try:
        if command == "check":
            return _check(store)
        if command == "backup":
            target = Path(args.file).expanduser()
            store.backup(target)
            print(_("backed up to:"))
            _file_line(target, sys.stdout)
            warn_if_damaged(store)
            return 0
        if command in ("vacuum", "retention"):
            from ikn_tui.cli.retention_view import run_retention, run_vacuum

            return run_vacuum(store) if command == "vacuum" else run_retention(store, args)
    finally:
        store.close()
    return 2


def _check(store: Store) -> int:
    problem = store.full_check()
    if problem is None:
        print(_("ok: the database is whole:"))
        _file_line(store.path, sys.stdout)
        return 0
    _say(_("the database is damaged ({problem}); writes are stopped; {hint}:").format(
        problem=damage_words(problem), hint=_(RECOVER_HINT)
    ))
    _file_line(store.path)
    return 1


def _recover(path: Path) -> int:
    from ikn_tui.core.store import Store, recover_database

    if not path.exists():  # gone altogether: a fresh store puts back what was kept
        with Store(path) as store:
            subs, marks = len(store.list_subscriptions()), len(store.list_bookmarks())
        print(_("no database was there; a new one holds the kept {marks} bookmarks and {subs} subscriptions:").format(
            marks=format_number(marks), subs=format_number(subs)))
        _file_line(path, sys.stdout)
        return 0
    report = recover_database(path)
    with Store(path) as store:  # opens, migrates and checks the new file like any start
        problem = store.full_check()
    print(_("recovered {value}").format(value=_report_words(report.counts)))
    if report.moved_to is not None:
        print(_("the damaged file is kept as:"))
        _file_line(report.moved_to, sys.stdout)
    if problem is not None:
        _say(_("the rebuilt database does not check whole ({problem})").format(problem=damage_words(problem)))
        return 1
    return 0


_NOUNS = {"articles": N_("articles"), "bookmarks": N_("bookmarks"), "subscriptions": N_("subscriptions")}


def _report_words(counts: dict[str, tuple[int, int | None]]) -> str:
    """"9,998 of 10,000 articles, 12 of 12 bookmarks, 200 of 200 subscriptions"."""
    parts = []
    for table, noun in _NOUNS.items():
        saved, total = counts.get(table, (0, None))
        if total is None:
            parts.append(_("{saved} {noun}").format(saved=format_number(saved), noun=_(noun)))
        else:
            parts.append(_("{saved} of {total} {noun}").format(
                saved=format_number(saved), total=format_number(total), noun=_(noun)))
    return ", ".join(parts)


def _restore(path: Path, source: Path) -> int:
    from ikn_tui.core.store import Store, restore_database

    aside = restore_database(path, source)
    with Store(path) as store:
        articles, marks, subs = store.count_articles(), len(store.list_bookmarks()), len(store.list_subscriptions())
        store._keep_user_data()  # the kept copies follow the restored file
    print(_("restored {articles} articles, {marks} bookmarks, {subs} subscriptions from:").format(
        articles=format_number(articles), marks=format_number(marks), subs=format_number(subs)))
    _file_line(source, sys.stdout)
    if aside is not None:
        print(_("the previous database is kept as:"))
        _file_line(aside, sys.stdout)
    return 0
