"""`ikn-read sync`: sync with a feed server, log in, status, log out.

Exit status: 0 when the sync completed, 1 when the server could not be
reached or refused (nothing pulled is applied then), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING, Any

from ikn_tui.core.text import clean_line
from ikn_tui.i18n import N_, _, format_number, ngettext
from ikn_tui.ui.problem_words import error_words, words

if TYPE_CHECKING:
    from ikn_tui.core.sync import SyncReport


def add_parser(subs: Any) -> None:
    """Register ``sync`` on the subcommand parsers of ``cli.main``."""
    sync = subs.add_parser(
        "sync", help=_("sync with a feed server (Fever or Google Reader API)"),
        description=(
            _("Sync subscriptions, read state and bookmarks (stars) with a Fever or Google Reader API server "
            "(Miniflux, FreshRSS, coldsweat, ...). Without a subcommand: sync now and print a one-line summary.")
        ),
    )
    ssub = sync.add_subparsers(dest="sync_command")
    login = ssub.add_parser(
        "login", help=_("connect to a server (asks for the password)"),
        description=(
            _("Check the credentials and keep them (system keyring, else a file only you can read). "
            "URL is the API endpoint: Miniflux https://HOST/fever/ or https://HOST/ (greader), "
            "FreshRSS https://HOST/api/fever.php or https://HOST/api/greader.php, coldsweat http://HOST/fever/. "
            "The password is read without echo, or from $IKN_READ_SYNC_PASSWORD.")
        ),
    )
    login.add_argument("kind", choices=("fever", "greader"))
    login.add_argument("url", metavar="URL")
    login.add_argument("user", metavar="USER")
    login.add_argument("--insecure", action="store_true", help=_("allow http:// to a host other than this machine"))
    ssub.add_parser("status", help=_("account, last sync, changes waiting"), description=_("Show the sync status."))
    ssub.add_parser("logout", help=_("forget the account and its password"), description=_("Forget the sync account."))


def _err(message: str) -> None:
    print(_("ikn-read: {message}").format(message=clean_line(message, limit=400)), file=sys.stderr)


def _password() -> str | None:
    from ikn_tui.core.sync import env_password

    password = env_password()
    if password:
        return password
    import getpass

    try:
        return getpass.getpass(_("Password: "))
    except (EOFError, OSError):
        return None


def cmd_sync(args: argparse.Namespace) -> int:
    from ikn_tui.core import bodies
    from ikn_tui.core.store import Store
    from ikn_tui.core.sync import KEYRING, SyncError, login, logout, run_sync, status

    bodies.install()  # a starred article's bookmark keeps its extracted text
    command = getattr(args, "sync_command", None)
    store = Store.open_default()
    try:
        if command == "login":
            password = _password()
            if not password:
                _err(_("no password given"))
                return 2
            try:
                where = asyncio.run(login(store, args.kind, args.url, args.user, password, insecure=args.insecure))
            except SyncError as error:
                _err(error_words(error))
                return 2 if error.kind == "config" else 1
            print(clean_line(_("logged in to {url} as {user}; credentials kept in {where}").format(
                url=args.url, user=args.user, where=_("the system keyring") if where == KEYRING else where
            ), limit=400))
            return 0
        if command == "logout":
            account = logout(store)
            print(_("logged out of ") + account.describe() if account else _("no sync account"))
            return 0
        if command == "status":
            return _print_status(status(store))
        try:
            report = asyncio.run(run_sync(store, progress=_progress()))
        except SyncError as error:
            _err(_("sync failed: {error}").format(error=error_words(error)))
            return 2 if error.kind == "config" else 1
        finally:
            _progress_done()
        print(report_words(report))
        return 0
    finally:
        store.close()


# The sync engine's progress steps (its own words, see core/sync/engine.py).
_STEPS = {"feeds": N_("feeds"), "new items": N_("new items"), "read and starred states": N_("read and starred states")}


def _step_words(step: str) -> str:
    if step in _STEPS:
        return _(_STEPS[step])
    count = step.removeprefix("extracting ").removesuffix(" items")
    return _("extracting {n} items").format(n=count) if count.isdigit() else step


def report_words(report: SyncReport) -> str:
    """What a sync did, in the current language."""
    parts = [ngettext("{n} new article", "{n} new articles", report.new_articles).format(n=report.new_articles)]
    if report.read_changed:
        parts.append(_("{n} read states changed").format(n=report.read_changed))
    if report.bookmarks_added or report.bookmarks_removed:
        parts.append(_("bookmarks +{added}/-{removed}").format(added=report.bookmarks_added,
                                                              removed=report.bookmarks_removed))
    if report.feeds_added or report.feeds_removed:
        parts.append(_("feeds +{added}/-{removed}").format(added=report.feeds_added, removed=report.feeds_removed))
    parts.append(ngettext("{n} change sent", "{n} changes sent", report.pushed).format(n=report.pushed))
    if report.dropped:
        parts.append(_("{n} not on the server").format(n=report.dropped))
    parts.append(_("{n} waiting").format(n=report.waiting))
    return _("synced in {seconds} s: {parts}").format(seconds=format_number(report.seconds, decimals=1),
                                                      parts=", ".join(parts))


def _print_status(info: Any) -> int:
    from ikn_tui.core.sync import credentials_path

    if info.account is None:
        print(_("no sync account (ikn-read sync login fever|greader URL USER)"))
    else:
        print(_("account: {value}").format(value=info.account.describe()))
    print(_("last sync: {value}").format(value=clean_line(info.last_sync) if info.last_sync else _('never')))
    if info.last_error:
        print(_("last error: {error}").format(error=words(info.last_error)))
    print(_("changes waiting: {pending}").format(pending=info.pending))
    if credentials_path().exists():
        print(_("credentials file: {path}").format(path=credentials_path()))
    return 0


_live: list[Any] = []


def _progress() -> Any:
    """A one-line status on a terminal (rich), nothing otherwise."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console

    status = Console(stderr=True, highlight=False).status(_("sync: connecting"))
    status.start()
    _live.append(status)
    return lambda step: status.update(_("sync: ") + clean_line(_step_words(step), limit=80))


def _progress_done() -> None:
    while _live:
        _live.pop().stop()
