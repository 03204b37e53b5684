"""Sync with the feed servers people already run (issue 13): the Fever API
and the Google Reader API behind one interface (``base.Backend``), an
offline-first engine (pending local changes are pushed, never overwritten by
the server), credentials in the keyring or a 0600 file.

No Textual here; the store keeps the tables (``store.pending``/``store.syncing``).
"""

from ikn_tui.core.sync.account import KINDS, Account, check_endpoint, is_loopback
from ikn_tui.core.sync.base import Backend, ServerFeed, ServerItem, SyncError
from ikn_tui.core.sync.credentials import KEYRING, PASSWORD_ENV, credentials_path, env_password
from ikn_tui.core.sync.engine import LAST_ERROR, LAST_SYNC, SyncReport, sync
from ikn_tui.core.sync.session import SyncStatus, load_account, login, logout, run_sync, status

__all__ = [
    "KEYRING",
    "KINDS",
    "LAST_ERROR",
    "LAST_SYNC",
    "PASSWORD_ENV",
    "Account",
    "Backend",
    "ServerFeed",
    "ServerItem",
    "SyncError",
    "SyncReport",
    "SyncStatus",
    "check_endpoint",
    "credentials_path",
    "env_password",
    "is_loopback",
    "load_account",
    "login",
    "logout",
    "run_sync",
    "status",
    "sync",
]
