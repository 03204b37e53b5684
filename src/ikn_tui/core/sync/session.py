"""Logging in and out, running a sync with the stored account, and its status.

The functions the CLI and the reader call: they tie the account (kept in
the store), the secret (``credentials``), a back-end and the engine
together, and remember the last error for the status bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ikn_tui.core.problem import Problem, ProblemKind, problem
from ikn_tui.core.sync import credentials
from ikn_tui.core.sync.account import KINDS, Account, check_endpoint
from ikn_tui.core.sync.base import Backend, SyncError
from ikn_tui.core.sync.engine import LAST_ERROR, LAST_SYNC, Progress, SyncReport, sync

if TYPE_CHECKING:
    from ikn_tui.core.fetch import Fetcher, NetConfig
    from ikn_tui.core.store import Store


@dataclass(slots=True)
class SyncStatus:
    account: Account | None
    last_sync: str | None  # ISO 8601 UTC
    last_error: Problem | None  # kept as JSON (older versions kept an English line)
    pending: int


def load_account(store: Store) -> Account | None:
    return Account.from_json(store.sync_account())


def status(store: Store) -> SyncStatus:
    last_error = Problem.from_stored(store.sync_get(LAST_ERROR))
    return SyncStatus(load_account(store), store.sync_get(LAST_SYNC), last_error, store.pending_count())


def _backend(account: Account, secret: str, fetcher: Fetcher, *, is_password: bool) -> Backend:
    if account.kind == "fever":
        from ikn_tui.core.sync.fever import FeverBackend, api_key

        return FeverBackend(account.url, api_key(account.user, secret) if is_password else secret, fetcher)
    if account.kind == "greader":
        from ikn_tui.core.sync.greader import GReaderBackend

        if is_password:
            return GReaderBackend(account.url, fetcher, user=account.user, password=secret)
        return GReaderBackend(account.url, fetcher, token=secret)
    raise SyncError(problem(ProblemKind.SYNC_UNKNOWN_KIND, server=account.kind, kinds=" | ".join(KINDS)), "config")


def _stored_secret(backend: Backend) -> str:
    """What is kept after a login: the Fever API key, or the Google Reader auth token."""
    secret = getattr(backend, "secret", None)
    if not secret:
        raise SyncError(problem(ProblemKind.SYNC_NO_SECRET, what="the server"), "invalid")
    return str(secret)


def _fetcher(config: NetConfig | None) -> Fetcher:
    from ikn_tui.core.fetch import Fetcher

    return Fetcher(config)


async def login(
    store: Store, kind: str, url: str, user: str, password: str, *, insecure: bool = False,
    config: NetConfig | None = None,
) -> str:
    """Check the credentials against the server, then keep them; returns
    where the secret went. Logging in to another account forgets the old
    account's item map (pending local changes are kept)."""
    if kind not in KINDS:
        raise SyncError(problem(ProblemKind.SYNC_UNKNOWN_KIND, server=kind, kinds=" | ".join(KINDS)), "config")
    account = Account(kind, check_endpoint(url, insecure), user.strip(), insecure)
    if not account.user:
        raise SyncError(problem(ProblemKind.SYNC_EMPTY_USER), "config")
    async with _fetcher(config) as fetcher:
        backend = _backend(account, password, fetcher, is_password=True)
        await backend.connect()
    where = credentials.save_secret(account, _stored_secret(backend))
    old = load_account(store)
    store.set_sync_account(account.to_json(), reset_items=old is None or old.id != account.id)
    return where


def logout(store: Store) -> Account | None:
    """Forget the account and its secret (articles, bookmarks and pending
    changes stay; no new change is queued until the next login)."""
    account = load_account(store)
    if account is not None:
        credentials.delete_secret(account)
    store.set_sync_account(None)
    return account


async def run_sync(
    store: Store, config: NetConfig | None = None, progress: Progress | None = None, *, full_text: bool = True
) -> SyncReport:
    """Sync with the stored account. ``SyncError`` on failure (its message is
    also kept as the last error)."""
    try:
        account = load_account(store)
        if account is None:
            raise SyncError(problem(ProblemKind.SYNC_NO_ACCOUNT), "config")
        check_endpoint(account.url, account.insecure)
        password = credentials.env_password()
        secret = password or credentials.load_secret(account)
        if not secret:
            what = problem(ProblemKind.SYNC_NO_PASSWORD, account=account.describe())
            raise SyncError(what, "config")
        async with _fetcher(config) as fetcher:
            backend = _backend(account, secret, fetcher, is_password=password is not None)
            return await sync(store, backend, fetcher, progress, full_text=full_text)
    except SyncError as error:
        try:
            store.sync_set({LAST_ERROR: error.problem.to_json()})
        except Exception:  # noqa: BLE001 - a read-only store: the error still reaches the caller
            pass
        raise
