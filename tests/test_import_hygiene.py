"""What the command line imports, seen from a real process (as harlequin tests it).

``ikn-read refresh`` parses feeds in worker processes: its own (parent) process never
imports lxml, feedparser, rich (no terminal: no progress bar) or Textual.
``ikn-read --version`` imports no Textual. The README says both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs the real entry point, then prints which heavy packages the process holds.
PROBE = """
import sys
from ikn_tui.cli.main import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:  # argparse's --version
    code = stop.code
heavy = sorted({name.split(".")[0] for name in sys.modules} & {"lxml", "feedparser", "rich", "textual"})
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def run_probe(home: Path, *argv: str) -> tuple[int, list[str], str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["IKN_READ_HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, env=env, timeout=120,
        stdin=subprocess.DEVNULL,
    )
    lines = done.stderr.splitlines()
    marker = [line for line in lines if line.startswith("HEAVY=")]
    assert marker, done.stderr[-2000:]
    heavy = [name for name in marker[-1].removeprefix("HEAVY=").split(",") if name]
    return done.returncode, heavy, done.stdout, "\n".join(line for line in lines if not line.startswith("HEAVY="))


def test_version_imports_no_textual(tmp_path: Path) -> None:
    code, heavy, out, _ = run_probe(tmp_path, "--version")
    assert code == 0 and out.startswith("ikn-read ")
    assert "textual" not in heavy and "lxml" not in heavy, heavy


def test_refresh_with_no_subscriptions_imports_nothing_heavy(tmp_path: Path) -> None:
    code, heavy, _, err = run_probe(tmp_path, "refresh")
    assert code == 0 and "no subscriptions" in err
    assert heavy == [], heavy


def _subscribe(home: Path, urls: list[str]) -> None:
    from ikn_tui.core.store import Store

    home.mkdir(parents=True, exist_ok=True)
    with Store(home / "ikn-read.sqlite3") as store:
        for url in urls:
            store.add_subscription(url)


def _count(home: Path) -> int:
    from ikn_tui.core.store import Store

    with Store(home / "ikn-read.sqlite3") as store:
        return store.count_articles()


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="the parse pool needs two cores")
def test_cold_refresh_parses_in_workers_and_the_parent_stays_light(tmp_path: Path, news_site) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    _subscribe(home, [news_site.url(f"feed.xml?n={n}") for n in range(12)])  # one feed file, 12 subscriptions
    code, heavy, out, err = run_probe(home, "refresh")
    assert code == 0, err
    assert "Refreshed 12 feeds" in out and "0 failed" in out, out
    assert sum(1 for path in news_site.paths() if path.startswith("/feed.xml")) == 12
    assert _count(home) > 0  # parsed (in the workers) and stored
    assert heavy == [], heavy


def test_warm_refresh_loads_no_parser(tmp_path: Path, http_server) -> None:  # type: ignore[no-untyped-def]
    feed = (Path(__file__).resolve().parent / "fixtures" / "site" / "feed.xml").read_bytes()
    http_server.route("rss.xml", feed, content_type="application/rss+xml", etag='"v1"')
    home = tmp_path / "home"
    _subscribe(home, [http_server.url("rss.xml")])
    code, _, out, err = run_probe(home, "refresh")  # cold: one feed parses in a thread here
    assert code == 0 and _count(home) > 0, err
    code, heavy, out, err = run_probe(home, "refresh")  # warm: 304 Not Modified
    assert code == 0 and "1 unchanged, 0 failed" in out, (out, err)
    assert http_server.requests[-1][1].get("if-none-match") == '"v1"'
    assert heavy == [], heavy
