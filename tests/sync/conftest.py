"""Sync tests' fixtures (see ``sync_helpers``): no real keyring, a loopback
news site, a real coldsweat Fever server per test."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent):  # sync_helpers, and tests/sync_servers
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from sync_helpers import Coldsweat, NewsSite, coldsweat_exe  # noqa: E402


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch a real keyring (the subprocesses inherit this too)."""
    monkeypatch.setenv("IKN_READ_KEYRING", "off")
    monkeypatch.delenv("IKN_READ_SYNC_PASSWORD", raising=False)


@pytest.fixture
def news(http_server: Any) -> NewsSite:
    return NewsSite(http_server)


@pytest.fixture
def coldsweat(tmp_path: Path, news: NewsSite) -> Any:
    if coldsweat_exe() is None:
        pytest.skip("coldsweat is not installed (pip install -e '.[test]')")
    root = tmp_path / "coldsweat"
    root.mkdir()
    server = Coldsweat(root, news)
    server.start()
    try:
        yield server
    finally:
        server.stop()
