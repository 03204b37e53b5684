"""No orphan processes: killing `ikn-read refresh` (SIGKILL, no cleanup at all)
mid-refresh leaves none of its processes behind (parse-pool workers, the
forkserver, multiprocessing's resource tracker).

Every process of the run is found through /proc by its environment: they all
inherit the test's unique IKN_READ_HOME. Linux only (needs /proc).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc (Linux)")

FEEDS = 24  # enough for the process pool (MIN_FEEDS_FOR_POOL is 8)


def _processes_of(home: str) -> list[int]:
    """Every live (not zombie) process whose environment names ``home``."""
    found = []
    marker = f"IKN_READ_HOME={home}\0".encode()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            environ = Path(f"/proc/{name}/environ").read_bytes()
            state = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in environ and state != "Z":
            found.append(int(name))
    return found


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _start_refresh(http_server, hanging: bool) -> tuple[subprocess.Popen[bytes], str]:
    home = os.environ["IKN_READ_HOME"]
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            b"<item><title>Satu</title><link>http://127.0.0.1/a</link></item></channel></rss>")
    for n in range(FEEDS):
        http_server.route(f"feed{n}.xml", feed, content_type="application/rss+xml", hang=hanging and n % 2 == 0)
    env = dict(os.environ)
    cli = [sys.executable, "-m", "ikn_tui"]
    for n in range(FEEDS):
        subprocess.run([*cli, "feeds", "add", http_server.url(f"feed{n}.xml")], env=env, check=True, capture_output=True)
    proc = subprocess.Popen([*cli, "refresh"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc, home


def test_sigkill_mid_refresh_leaves_no_process(http_server) -> None:
    proc, home = _start_refresh(http_server, hanging=True)
    try:
        # The pool's workers, forkserver and resource tracker are up while half the feeds hang.
        assert _wait_for(lambda: len(_processes_of(home)) >= 3, 60), "the refresh never started its parse pool"
        children = [pid for pid in _processes_of(home) if pid != proc.pid]
        assert children
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        time.sleep(3)
        survivors = _processes_of(home)
    finally:
        for pid in _processes_of(home):
            os.kill(pid, signal.SIGKILL)
        http_server.stopping.set()
    assert survivors == [], f"processes outlived the killed refresh: {survivors}"


def test_a_finished_refresh_leaves_no_process(http_server) -> None:
    proc, home = _start_refresh(http_server, hanging=False)
    out, err = proc.communicate(timeout=120)
    try:
        assert proc.returncode == 0, err
        assert b"24 feeds" in out
        assert _wait_for(lambda: _processes_of(home) == [], 3), _processes_of(home)
    finally:
        for pid in _processes_of(home):
            os.kill(pid, signal.SIGKILL)


def test_a_stopped_refresh_leaves_no_worker() -> None:
    """What the reader does when it quits mid-refresh: ``shutdown()`` while a
    feed is still being parsed. The workers exit with the lifeline, at once."""
    import asyncio

    from ikn_tui.core.refresh.pool import FeedParsers

    items = "".join(f"<item><title>Judul {n}</title><description>{'kata ' * 200}</description></item>"
                    for n in range(3000))
    big = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()

    async def stop_mid_parse() -> list[int]:
        parsers = FeedParsers(feeds=50)
        parsers.start()
        pool = parsers._executor()
        assert pool is not None
        job = asyncio.ensure_future(parsers.parse(big, "http://127.0.0.1/f.xml", None))
        await asyncio.sleep(0.5)
        workers = list(pool._processes)  # type: ignore[attr-defined]
        parsers.shutdown()
        job.cancel()
        return workers

    workers = asyncio.run(stop_mid_parse())
    assert workers

    def alive(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state != "Z"

    assert _wait_for(lambda: not any(alive(pid) for pid in workers), 3), [p for p in workers if alive(p)]


def test_the_reader_quitting_mid_refresh_leaves_no_process(http_server) -> None:
    """The real reader on a pseudo-terminal: it starts refreshing 24 feeds (half
    of them hang), `q` quits it, and no process of it is left 3 s after it exits."""
    import pty
    import select

    home = os.environ["IKN_READ_HOME"]
    proc, _ = _start_refresh(http_server, hanging=True)  # subscribes, and refreshes once...
    proc.kill()  # ...which we do not need: the reader refreshes at start
    proc.wait(timeout=10)
    assert _wait_for(lambda: _processes_of(home) == [], 5)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the reader itself
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-m", "ikn_tui"])
    try:
        def drain(seconds: float) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                ready, _, _ = select.select([fd], [], [], 0.1)
                if ready:
                    try:
                        os.read(fd, 65536)
                    except OSError:
                        return

        def pool_started() -> bool:
            drain(0.2)  # the reader blocks when nobody reads its terminal
            return len(_processes_of(home)) >= 3

        assert _wait_for(pool_started, 60), "the reader never started its parse pool"
        drain(1.0)
        os.write(fd, b"q")
        end = time.monotonic() + 30
        exited = False
        while time.monotonic() < end and not exited:
            drain(0.2)
            exited = os.waitpid(pid, os.WNOHANG)[0] == pid
        assert exited, "the reader did not quit"
        time.sleep(3)
        survivors = _processes_of(home)
    finally:
        for other in _processes_of(home):
            os.kill(other, signal.SIGKILL)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
        http_server.stopping.set()
    assert survivors == [], f"processes outlived the reader: {survivors}"
