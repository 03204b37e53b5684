"""`ikn-read sync login|status|logout` and the credential rules."""

from __future__ import annotations

import os
import pty
import re
import select
import sys
import time

import pytest
from sync_servers import FakeFever

from ikn_tui.cli.main import main as cli
from ikn_tui.core.store import Store
from ikn_tui.core.sync import SyncError, check_endpoint, credentials_path
from ikn_tui.core.sync.fever import api_key

USER, PASSWORD = "pembaca", "kata-sandi-panjang"


@pytest.fixture
def fever(http_server):
    server = FakeFever(http_server, api_key(USER, PASSWORD))
    server.state.feeds[http_server.url("feed.xml")] = "Kabar Uji"
    server.state.add(http_server.url("feed.xml"), "Berita 1", http_server.url("berita/1"))
    return server


def _run_in_pty(argv: list[str], answer: str, timeout: float = 30) -> tuple[int, str]:
    """Run ikn-read on a pseudo-terminal, type ``answer`` at the password prompt."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: ikn-read with the pty as its terminal
        os.execv(sys.executable, [sys.executable, "-m", "ikn_tui", *argv])
    output = b""
    typed = False
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if not typed and b"Password:" in output:
            os.write(fd, answer.encode() + b"\n")
            typed = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


def test_login_asks_for_the_password_without_echo_and_keeps_only_the_key(fever):
    code, output = _run_in_pty(["sync", "login", "fever", fever.url, USER], PASSWORD)
    assert code == 0, output
    assert "Password:" in output and "logged in" in output
    assert PASSWORD not in output  # never echoed
    stored = credentials_path().read_text()
    assert PASSWORD not in stored and api_key(USER, PASSWORD) in stored
    assert (credentials_path().stat().st_mode & 0o777) == 0o600


def test_login_refused_exits_1_and_keeps_nothing(fever, monkeypatch, capsys):
    monkeypatch.setenv("IKN_READ_SYNC_PASSWORD", "salah-sekali-ini")
    assert cli(["sync", "login", "fever", fever.url, USER]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused" in err and "salah" not in err
    assert not credentials_path().exists()


def test_plain_http_is_refused_beyond_loopback(monkeypatch, capsys):
    monkeypatch.setenv("IKN_READ_SYNC_PASSWORD", PASSWORD)
    assert cli(["sync", "login", "fever", "http://rss.example.com/fever/", USER]) == 2
    assert "refusing http:// to rss.example.com" in capsys.readouterr().err
    assert check_endpoint("http://rss.example.com/fever/", insecure=True) == "http://rss.example.com/fever/"
    assert check_endpoint("http://[::1]:8080/fever/") and check_endpoint("https://rss.example.com/fever/")
    for bad in ("ftp://rss.example.com/", "https://user:pw@rss.example.com/fever/", "rss.example.com"):
        with pytest.raises(SyncError):
            check_endpoint(bad)


def test_a_credentials_file_others_can_read_is_refused(fever, monkeypatch, capsys):
    monkeypatch.setenv("IKN_READ_SYNC_PASSWORD", PASSWORD)
    assert cli(["sync", "login", "fever", fever.url, USER]) == 0
    monkeypatch.delenv("IKN_READ_SYNC_PASSWORD")
    assert cli(["sync"]) == 0
    credentials_path().chmod(0o644)
    capsys.readouterr()
    assert cli(["sync"]) == 2
    err = capsys.readouterr().err
    assert "can be read by other users" in err and "chmod 600" in err


def test_status_and_logout_keep_the_waiting_changes(fever, monkeypatch, capsys):
    monkeypatch.setenv("IKN_READ_SYNC_PASSWORD", PASSWORD)
    assert cli(["sync", "login", "fever", fever.url, USER]) == 0
    assert cli(["sync"]) == 0
    with Store.open_default() as store:
        [row] = store.list_rows(0, 10)
        store.set_read(row.id, True)
    capsys.readouterr()
    assert cli(["sync", "status"]) == 0
    out = capsys.readouterr().out
    assert f"account: {USER} at {fever.url} (fever)" in out and "changes waiting: 1" in out
    assert "last sync: 20" in out and PASSWORD not in out
    assert cli(["sync", "logout"]) == 0
    assert not credentials_path().exists()
    assert cli(["sync", "status"]) == 0
    out = capsys.readouterr().out
    assert "no sync account" in out and "changes waiting: 1" in out
    with Store.open_default() as store:
        store.set_read(row.id, False)  # no account: not queued
        assert store.pending_count() == 1
    assert cli(["sync"]) == 2


def test_sync_on_a_terminal_shows_progress_then_one_summary_line(fever, monkeypatch):
    monkeypatch.setenv("IKN_READ_SYNC_PASSWORD", PASSWORD)
    assert cli(["sync", "login", "fever", fever.url, USER]) == 0
    code, output = _run_in_pty(["sync"], "")
    assert code == 0, output
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output)  # the spinner's cursor moves
    lines = [line for line in plain.replace("\r", "\n").splitlines() if line.strip()]
    assert any("sync:" in line for line in lines[:-1])  # the progress line was there
    assert lines[-1].startswith("synced in ") and "1 new article," in lines[-1]
    assert PASSWORD not in output
