"""The sync secret in a real keyring backend (keyrings.alt's plain-text file
keyring, pointed at the test's folder; never the user's own keyring): login
puts the secret there and writes no credentials file, a sync reads it back,
logout removes it; a keyring that fails falls back to the 0600 file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sync_servers import FakeFever

from ikn_tui.core.store import Store
from ikn_tui.core.sync import login, logout, run_sync
from ikn_tui.core.sync.credentials import SERVICE, credentials_path
from ikn_tui.core.sync.fever import api_key
from ikn_tui.core.sync.session import load_account

keyring = pytest.importorskip("keyring")
keyrings_file = pytest.importorskip("keyrings.alt.file")
from keyring.backend import KeyringBackend  # noqa: E402
from keyring.errors import KeyringLocked  # noqa: E402

USER, PASSWORD = "pembaca", "kata-sandi-panjang"


class FolderKeyring(keyrings_file.PlaintextKeyring):  # type: ignore[misc, name-defined]
    """The real plain-text keyring, in a file the test names."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path

    @property
    def file_path(self) -> str:  # type: ignore[override]
        return str(self._path)


class LockedKeyring(KeyringBackend):
    """A keyring that is there but refuses every call (a locked wallet)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("locked")


@pytest.fixture
def use_keyring(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("IKN_READ_KEYRING", "on")
    before = keyring.get_keyring()

    def install(backend: Any) -> Any:
        keyring.set_keyring(backend)
        return backend

    yield install
    keyring.set_keyring(before)


@pytest.fixture
def fever(http_server: Any) -> FakeFever:
    server = FakeFever(http_server, api_key(USER, PASSWORD))
    feed = http_server.url("feed.xml")
    server.state.feeds[feed] = "Kabar Uji"
    for n in range(1, 4):
        server.state.add(feed, f"Berita {n}", http_server.url(f"berita/{n}"), f"<p>Isi berita {n}.</p>")
    return server


async def test_the_secret_lives_in_the_keyring_and_nowhere_else(fever, use_keyring, tmp_path):
    ring = use_keyring(FolderKeyring(tmp_path / "keyring.cfg"))
    with Store.open_default() as store:
        where = await login(store, "fever", fever.url, USER, PASSWORD)
        assert where == "the system keyring"
        assert not credentials_path().exists()
        account = load_account(store)
        assert ring.get_password(SERVICE, account.id) == api_key(USER, PASSWORD)  # the API key, not the password
        assert PASSWORD not in (tmp_path / "keyring.cfg").read_text(encoding="utf-8")
        report = await run_sync(store, full_text=False)
        assert report.new_articles == 3  # the secret came back from the keyring
        logout(store)
    assert ring.get_password(SERVICE, account.id) is None


async def test_a_locked_keyring_falls_back_to_the_private_file(fever, use_keyring):
    use_keyring(LockedKeyring())
    with Store.open_default() as store:
        where = await login(store, "fever", fever.url, USER, PASSWORD)
        assert where == str(credentials_path())
        assert credentials_path().stat().st_mode & 0o077 == 0
        report = await run_sync(store, full_text=False)
        assert report.new_articles == 3
        logout(store)
    assert not credentials_path().exists()
