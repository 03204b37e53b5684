"""Where the sync secret lives: the OS keyring through ``keyring`` when one
is installed and usable, else a file only the user may read (mode 0600,
checked before every use), and ``IKN_READ_SYNC_PASSWORD`` for scripts.

The secret is what the API needs, not always the password: the Fever API
key (md5 of "user:password"), or a Google Reader auth token. It is never
printed, logged or put in an exception message. ``IKN_READ_KEYRING=off``
keeps the keyring out (the tests set it: they must never touch a real one).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from ikn_tui.core import paths
from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.sync.account import Account
from ikn_tui.core.sync.base import SyncError

KEYRING = "the system keyring"  # where a secret went, when not to a file (the UI and CLI word it)

SERVICE = "ikn-read-sync"
PASSWORD_ENV = "IKN_READ_SYNC_PASSWORD"
KEYRING_ENV = "IKN_READ_KEYRING"


def credentials_path() -> Path:
    return paths.home() / "sync-credentials.json"


def _keyring() -> Any | None:
    """The keyring module when a real backend is there, else None."""
    if os.environ.get(KEYRING_ENV, "").lower() in ("off", "0", "no", "false"):
        return None
    try:
        import keyring  # optional dependency
        from keyring.backends import fail
    except Exception:  # noqa: BLE001 - any import problem means: no keyring
        return None
    try:
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
            return None
    except Exception:  # noqa: BLE001
        return None
    return keyring


def env_password() -> str | None:
    return os.environ.get(PASSWORD_ENV) or None


def _read_file() -> dict[str, str]:
    path = credentials_path()
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise SyncError(problem(ProblemKind.SYNC_FILE_UNREADABLE, path=path, detail=exc.strerror), "config") from None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SyncError(problem(ProblemKind.SYNC_FILE_OPEN, path=path), "config")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise SyncError(problem(ProblemKind.SYNC_FILE_OWNER, path=path), "config")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SyncError(problem(ProblemKind.SYNC_FILE_BROKEN, path=path), "config") from None
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_file(data: dict[str, str]) -> None:
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    os.chmod(path, 0o600)


def save_secret(account: Account, secret: str) -> str:
    """Store the secret; returns where ("keyring" or the file path)."""
    ring = _keyring()
    if ring is not None:
        try:
            ring.set_password(SERVICE, account.id, secret)
            return KEYRING
        except Exception:  # noqa: BLE001 - a locked/broken keyring: use the file
            pass
    try:
        data = _read_file()
    except SyncError:
        data = {}  # an unsafe or broken file is replaced, not reused
    data[account.id] = secret
    try:
        _write_file(data)
    except OSError as exc:
        what = problem(ProblemKind.SYNC_FILE_UNWRITABLE, path=credentials_path(), detail=exc.strerror)
        raise SyncError(what, "config") from None
    return str(credentials_path())


def load_secret(account: Account) -> str | None:
    """The stored secret, or None (``SyncError`` when the file is unsafe)."""
    ring = _keyring()
    if ring is not None:
        try:
            value = ring.get_password(SERVICE, account.id)
            if value:
                return str(value)
        except Exception:  # noqa: BLE001
            pass
    return _read_file().get(account.id)


def delete_secret(account: Account) -> None:
    ring = _keyring()
    if ring is not None:
        try:
            ring.delete_password(SERVICE, account.id)
        except Exception:  # noqa: BLE001 - nothing stored there
            pass
    try:
        data = _read_file()
    except SyncError:
        data = {}
    if account.id in data or credentials_path().exists():
        data.pop(account.id, None)
        if data:
            _write_file(data)
        else:
            credentials_path().unlink(missing_ok=True)
