"""3. Links: only http(s) is ever opened or fetched; other schemes are shown
but do nothing; nothing from a feed reaches a shell."""

from __future__ import annotations

import ast
import webbrowser
from pathlib import Path
from typing import Any

import pytest
from corpus import BAD_LINKS, item, rss
from ui_helpers import seed_store, settle

from ikn_tui.core.feeds.rss_atom import parse_feed
from ikn_tui.core.fetch.client import Fetcher, NetConfig
from ikn_tui.core.follow import resolve_related
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.reader_mode import fetch_article
from ikn_tui.core.sources import load_source, parse_document
from ikn_tui.core.text.sanitize import is_web_url
from ikn_tui.ui.app import IknReadApp

SRC = Path(__file__).resolve().parents[2] / "src" / "ikn_tui"
FAST = NetConfig(connect_timeout=1.0, read_timeout=1.0, deadline=2.0, max_bytes=256 * 1024)
PWNED = Path("/tmp/ikn-read-pwned")


@pytest.fixture(autouse=True)
def _no_pwned_file():
    PWNED.unlink(missing_ok=True)
    yield
    assert not PWNED.exists(), "a link reached a shell"


@pytest.mark.parametrize("url", BAD_LINKS)
def test_is_web_url_refuses(url: str) -> None:
    assert not is_web_url(url)


@pytest.mark.timeout(5)
@pytest.mark.parametrize("url", BAD_LINKS)
async def test_fetcher_reader_and_sources_refuse_other_schemes(url: str, http_server: Any) -> None:
    async with Fetcher(FAST) as fetcher:
        fetched = await fetcher.fetch(url)
        assert fetched.error and fetched.status is None and fetched.content == b""
        page = await fetch_article(url, fetcher)
        assert page.error and not page.articles
        link = RelatedLink("Kabar lain", url)
        resolved = await resolve_related(link, store=None, fetcher=fetcher)
        assert resolved.article is None and resolved.how == "missing"
        if "://" in url[:12]:
            loaded = await load_source(url, fetcher)
            assert loaded.error and not loaded.articles
    assert http_server.requests == []


@pytest.mark.timeout(5)
@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "data:text/plain,halo", "ftp://127.0.0.1/"])
async def test_redirect_to_another_scheme_is_not_followed(url: str, http_server: Any) -> None:
    http_server.redirect("pindah", url)
    async with Fetcher(FAST) as fetcher:
        fetched = await fetcher.fetch(http_server.url("pindah"))
    # Refused by our scheme check, or by httpx when it cannot even parse the target.
    assert fetched.error and ("scheme" in str(fetched.error) or "invalid URL" in str(fetched.error))
    assert not fetched.ok and fetched.content == b""
    assert http_server.paths() == ["/pindah"]


def test_feed_links_and_images_of_other_schemes_are_dropped() -> None:
    items = []
    for n, url in enumerate(BAD_LINKS):
        description = f'<p>Isi {n} <img src="{url}"> <a href="{url}">tautan</a></p>'
        items.append(item(n, link=url, description=description))
    parsed = parse_feed(rss(items), base_url="https://kaltim.contoh.example/rss")
    assert len(parsed.articles) == len(BAD_LINKS)
    for article in parsed.articles:
        assert article.url is None or is_web_url(article.url)
        assert all(is_web_url(image) for image in article.images)
        assert all(r.url is None or is_web_url(r.url) for r in article.related)


def test_page_links_of_other_schemes_are_never_web_links() -> None:
    links = "".join(f'<p>Baca juga: <a href="{url}">Kabar lain nomor {n}</a></p>' for n, url in enumerate(BAD_LINKS))
    page = ("<html><head><title>Halaman - Contoh</title><link rel='canonical' href='javascript:alert(1)'></head><body>"
            "<article><h1>Halaman</h1><p>Isi pertama yang cukup panjang untuk menjadi paragraf berita.</p>"
            f"{links}<p>Isi kedua yang juga cukup panjang untuk menjadi paragraf berita.</p></article></body></html>")
    result = parse_document(page.encode(), "halaman.html")
    [article] = result.articles
    assert article.url is None or is_web_url(article.url)
    assert all(is_web_url(image) for image in article.images)
    for link in article.related:
        assert link.url is None or is_web_url(link.url), link


def _article_with_links(n: int, url: str) -> Article:
    return Article(
        title=f"Kabar dengan tautan aneh {n}", url=url, source="Contoh", published=f"2025-10-{n + 1:02d}T10:00:00+07:00",
        body=["Paragraf pertama.", "Paragraf kedua."],
        related=[RelatedLink(f"Tautan {k}", bad, 1) for k, bad in enumerate(BAD_LINKS[n : n + 9], start=1)],
    )


@pytest.mark.timeout(30)
async def test_o_and_number_keys_do_nothing_for_other_schemes(http_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bad scheme as an article URL (o) and as Baca-juga links (1-9), online."""
    opened: list[str] = []
    fetched: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda target, *a, **k: opened.append(target))
    original = Fetcher.fetch

    async def spy(self: Fetcher, target: str, **kwargs: Any) -> Any:
        fetched.append(target)
        return await original(self, target, **kwargs)

    monkeypatch.setattr(Fetcher, "fetch", spy)
    articles = [_article_with_links(n, url) for n, url in enumerate(BAD_LINKS)]
    seed_store(0, extra=articles).close()
    app = IknReadApp(offline=False, fetcher_factory=lambda: Fetcher(FAST))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        for n in range(len(BAD_LINKS)):
            app.screen.article_list.focus()
            app.screen.article_list.cursor = n
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.article is not None
            assert app.screen.article.title == app.screen.article_list.source.row(n).title
            assert not is_web_url(app.screen.article.url)
            title = app.screen.article.title
            # Articles 0 and 6 between them carry every bad scheme as a Baca-juga link.
            follow = [str(k) for k in range(1, 10)] if title.endswith((" 0", " 6")) else []
            await pilot.press("o", *follow)
            await pilot.pause()
            assert app.is_running
        await settle(pilot)
    assert opened == []
    assert all(is_web_url(target) for target in fetched), fetched
    assert http_server.requests == []


@pytest.mark.timeout(20)
async def test_o_opens_a_web_link(monkeypatch: pytest.MonkeyPatch) -> None:
    """The positive control: a https article does reach the browser."""
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda target, *a, **k: opened.append(target))
    monkeypatch.setenv("BROWSER", "stub")  # there is a browser (with none, o says so instead)
    seed_store(2).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
    assert opened and all(is_web_url(u) for u in opened)


# --------------------------------------------------------------------------- nothing reaches a shell

_FORBIDDEN_CALLS = {
    ("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execve"), ("os", "execvp"), ("os", "execl"),
    ("os", "spawnv"), ("os", "spawnl"), ("os", "startfile"), ("pty", "spawn"),
}
_FORBIDDEN_MODULES = {"subprocess", "pty", "commands", "webbrowser"}


def _python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


# The one module allowed to start programs (the settings' browser command, the
# editor of 'ikn-read config edit'): argument lists, never a shell (checked below too).
_LAUNCHER = SRC / "launch.py"


def test_no_shell_in_the_source() -> None:
    """No module imports subprocess/pty/webbrowser or calls os.system & co (launch.py
    alone may import subprocess); the only ways out to a browser are Textual's
    ``App.open_url`` and ``launch.open_with``."""
    assert _python_files() and _LAUNCHER in _python_files()
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if path == _LAUNCHER and alias.name == "subprocess":
                        continue
                    assert alias.name.split(".")[0] not in _FORBIDDEN_MODULES, f"{path}: import {alias.name}"
            elif isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] not in _FORBIDDEN_MODULES, f"{path}: from {node.module}"
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                assert (node.value.id, node.attr) not in _FORBIDDEN_CALLS, f"{path}: {node.value.id}.{node.attr}"
            elif isinstance(node, ast.keyword) and node.arg == "shell":
                raise AssertionError(f"{path}: shell= keyword")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec", "system"), f"{path}: {node.func.id}()"


def test_open_url_is_called_once_and_after_is_web() -> None:
    calls = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "open_url":
                    calls.append((path.name, func))
    assert len(calls) == 1, [name for name, _ in calls]
    name, func = calls[0]
    source = ast.unparse(func)
    assert "is_web" in source.split("open_url")[0], f"{name}: open_url without an is_web check first"
    # launch.open_with (the settings' browser command) only from that same function, after the check
    users = [
        path.name for path in _python_files() if path != _LAUNCHER
        and "open_with(" in path.read_text(encoding="utf-8")
    ]
    assert users == [name], users
    assert "is_web" in source.split("open_with(")[0], f"{name}: open_with without an is_web check first"
