"""Shared bits of the benchmarks: result rows, percentiles, paths, the ikn-read command."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache"
SRC = ROOT / "src"


@dataclass
class Result:
    """One line of the final table."""

    name: str
    target: str
    measured: str
    ok: bool | None  # None: informational / skipped
    note: str = ""

    @property
    def verdict(self) -> str:
        return "-" if self.ok is None else ("PASS" if self.ok else "MISS")


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def ensure_bytecode() -> None:
    """Compile ikn-read's sources to bytecode once, as an installed wheel ships them.
    Where PYTHONDONTWRITEBYTECODE is set (some CI and shared machines) every run
    would otherwise compile each of its modules again: ~40 ms of every command's
    start that no installed copy pays."""
    import compileall

    compileall.compile_dir(str(SRC / "ikn_tui"), quiet=1)


def query(db: Path, sql: str) -> list[tuple]:
    """Rows of one query on a database, read-only, the connection closed after.
    (``with sqlite3.connect(...)`` only ends a transaction: a connection left open
    keeps ikn-read's next start from seeing a cleanly closed store, so the start
    check would run in every later measured command.)"""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return conn.execute(sql).fetchall()


def python() -> str:
    """The interpreter of the project's venv when there is one, else this one."""
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def ikn_command() -> list[str]:
    """How to launch ikn-read exactly as a user does (the console script)."""
    script = Path(python()).with_name("ikn-read")
    if script.exists():
        return [str(script)]
    return [python(), "-c", "import sys; from ikn_tui.cli.main import run; sys.exit(run())"]


def env_with(home: Path | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    if home is not None:
        env["IKN_READ_HOME"] = str(home)
    env.update(extra)
    return env


def _subreaper() -> bool:
    """Become the parent of our descendants that lose theirs (Linux
    PR_SET_CHILD_SUBREAPER): ikn-read's parse workers are children of a
    ``forkserver`` process it never waits for, so their CPU time would be
    counted nowhere. False where that is not available."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


SUBREAPER = _subreaper()


def _children() -> set[int]:
    """Our child processes, from /proc."""
    me, found = os.getpid(), set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                found.add(int(entry))
    return found


def _reap_orphans(known: set[int], timeout: float = 10.0) -> None:
    """Wait for the descendants of a finished command that were handed to us (see
    ``_subreaper``) and reap them, so ``RUSAGE_CHILDREN`` counts their CPU too."""
    deadline = time.monotonic() + timeout
    while True:
        orphans = _children() - known
        if not orphans:
            return
        for pid in orphans:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
        if time.monotonic() > deadline:
            return
        time.sleep(0.01)


def measured(cmd: list[str], env: dict[str, str], cwd: Path | None = None, check: bool = True) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one command: the CPU is user + system time of
    the process and of all its descendants (parse workers, newsboat's threads),
    from ``getrusage(RUSAGE_CHILDREN)`` before and after, orphans reaped first.
    Its output is captured and shown only on failure."""
    known = _children() if SUBREAPER else set()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if SUBREAPER:
        _reap_orphans(known)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def timed(cmd: list[str], env: dict[str, str], cwd: Path | None = None, check: bool = True) -> float:
    """Wall time of one command (its output is captured and shown only on failure)."""
    return measured(cmd, env, cwd, check)[0]
