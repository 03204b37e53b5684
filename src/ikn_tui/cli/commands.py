"""The non-interactive subcommands. Each returns an exit code."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ikn_tui.core.models import Article, ArticleRow, SourceResult
from ikn_tui.core.problem import Problem, ProblemError, ProblemKind, problem
from ikn_tui.core.store import Store, StoreError
from ikn_tui.core.text import clean_line, is_web_url
from ikn_tui.i18n import N_, _
from ikn_tui.ui.problem_words import error_words, words

if TYPE_CHECKING:  # rich is imported only by the commands that print with it
    from rich.console import Console

    from ikn_tui.core.store import MarkdownWords


def _err(message: str) -> None:
    print(_("ikn-read: {message}").format(message=clean_line(message, limit=400)), file=sys.stderr)


# A feed's last status (the store's codes) in words.
_STATUS = {
    "new": N_("new"), "ok": N_("ok"), "not-modified": N_("not-modified"), "error": N_("error"), "gone": N_("gone"),
}


def _file_problem(error: OSError, name: str) -> Problem:
    """A file that cannot be read, as the core's sources say it."""
    if isinstance(error, FileNotFoundError):
        return problem(ProblemKind.NO_SUCH_FILE, name)
    if isinstance(error, PermissionError):
        return problem(ProblemKind.PERMISSION_DENIED, name)
    if isinstance(error, IsADirectoryError):
        return problem(ProblemKind.IS_A_FOLDER, name)
    return problem(ProblemKind.CANNOT_READ, name, detail=error.strerror or type(error).__name__)


def markdown_words() -> MarkdownWords:
    """The Markdown export's labels in the interface's language."""
    from ikn_tui.core.store import MarkdownWords
    from ikn_tui.i18n import long_date

    return MarkdownWords(
        untitled=_("(untitled)"), source=_("Source"), author=_("Author"), date=_("Date"), category=_("Category"),
        url="URL", saved=_("Saved"), related="Baca juga", bookmarks=_("ikn-read bookmarks"),
        exported=_("Exported {date} — {n} articles"), format_date=long_date,
    )


def _out() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _dump(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _open_store() -> Store:
    """The store, checked for damage at start (a known damage is said in one line)."""
    from ikn_tui.cli.store_commands import warn_if_damaged
    from ikn_tui.core import bodies
    from ikn_tui.core.store import Store

    bodies.install()  # articles stored with their extraction deferred read extracted
    store = Store.open_default()
    warn_if_damaged(store)
    return store


def _try_open_store() -> Store | None:
    """The store, or None (with a warning) when it cannot be opened."""
    from ikn_tui.core.store import StoreError

    try:
        return _open_store()
    except StoreError as exc:
        _err(_("warning: {error}").format(error=error_words(exc)))
        return None


async def _load(specs: list[str], offline: bool) -> list[SourceResult]:
    from ikn_tui.core.sources import load_source

    if offline or (not any("://" in s[:12] for s in specs) and not any(s.lower().endswith(".opml") for s in specs)):
        return [await load_source(s, None) for s in specs]
    from ikn_tui.core.fetch import Fetcher

    async with Fetcher() as fetcher:
        return list(await asyncio.gather(*(load_source(s, fetcher) for s in specs)))


def cmd_show(args: argparse.Namespace) -> int:
    [result] = asyncio.run(_load([args.source], args.offline))
    for warning in result.warnings:
        _err(_("warning: {warning}").format(warning=words(warning)))
    if result.error:
        _err(words(result.error))
        return 1
    if not result.articles:
        _err(_("{source}: no articles found").format(source=clean_line(args.source, limit=200)))
        return 1
    article = result.articles[0]
    if len(result.articles) > 1:
        _err(_("note: {source} holds {n} articles; showing the newest. Use 'ikn-read list' for all.").format(
            source=clean_line(args.source, limit=200), n=len(result.articles)
        ))
        article = max(result.articles, key=lambda a: a.published or "")
    if not article.full and article.url and is_web_url(article.url) and not args.offline:
        article = _reader_mode(article)
    store = _try_open_store()
    if store is not None:
        try:
            store.upsert_articles([article], feed_url=article.feed_url)
        except StoreError as exc:  # caching is best effort for show
            _err(_("warning: not cached: {error}").format(error=error_words(exc)))
        finally:
            store.close()
    output = "json" if args.json else (args.format or "text")
    if output == "json":
        _dump(article.to_json())
    elif output == "md":
        from ikn_tui.core.store import article_to_markdown

        sys.stdout.write(article_to_markdown(article, markdown_words()))
    else:
        from ikn_tui.cli.render import print_article

        print_article(_out(), article)
    return 0


def _reader_mode(article: Article) -> Article:
    from ikn_tui.core.fetch import Fetcher
    from ikn_tui.core.reader_mode import fetch_article, merge_full

    async def run() -> SourceResult:
        async with Fetcher() as fetcher:
            return await fetch_article(article.url or "", fetcher)

    page = asyncio.run(run())
    if page.error or not page.articles:
        why = words(page.error) if page.error else _("no article on the page")
        _err(_("warning: full text unavailable: {error}").format(error=why))
        return article
    return merge_full(article, page.articles[0])


def cmd_list(args: argparse.Namespace) -> int:
    if args.sources:
        store = _try_open_store()
        from ikn_tui.core.sources import dedupe

        results = asyncio.run(_load(args.sources, args.offline))
        articles: list[Article] = []
        failures = 0
        for result in results:
            for warning in result.warnings:
                _err(_("warning: {warning}").format(warning=words(warning)))
            if result.error:
                failures += 1
                _err(words(result.error))
            articles.extend(result.articles)
        articles = dedupe(articles)
        articles.sort(key=lambda a: a.published or "", reverse=True)
        if store is not None and articles:
            try:
                store.upsert_articles(articles)
            except StoreError as exc:
                _err(_("warning: not stored: {error}").format(error=error_words(exc)))
        if args.limit:
            articles = articles[: args.limit]
        if store is not None:
            store.close()
        _emit_list(args, articles)
        return 1 if failures == len(results) else 0
    limit = args.limit or 100
    store = _open_store()
    try:
        rows = store.list_rows(0, limit)
    finally:
        store.close()
    if args.json:
        _dump([_row_json(r) for r in rows])
    else:
        from ikn_tui.cli.render import print_rows

        if not rows:
            _err(_("the store is empty: add feeds with 'ikn-read feeds add URL', then 'ikn-read refresh'"))
        print_rows(_out(), rows)
    return 0


def _row_json(row: ArticleRow) -> dict[str, object]:
    return {"title": row.title, "url": row.url, "published": row.published, "source": row.source,
            "category": row.category, "read": row.read, "bookmarked": row.bookmarked}


def _emit_list(args: argparse.Namespace, articles: list[Article]) -> None:
    if args.json:
        _dump([
            {"title": a.title, "url": a.url, "published": a.published, "source": a.source,
             "category": a.category, "author": a.author, "summary": a.summary}
            for a in articles
        ])
    else:
        from ikn_tui.cli.render import print_rows

        print_rows(_out(), articles)


def cmd_feeds(args: argparse.Namespace) -> int:
    store = _open_store()
    try:
        sub = args.feeds_command
        if sub == "add":
            from ikn_tui.core.subscribe import subscribe

            done = subscribe(store, [(args.url, args.title)])
            if done.refused:
                _err(words(done.refused[0]))
                return 2
            print((_("added ") if done.added else _("already subscribed: ")) + clean_line(args.url.strip(), limit=300))
            return 0
        if sub == "remove":
            if store.remove_subscription(args.url.strip()):
                print(_("removed ") + clean_line(args.url, limit=300))
                return 0
            _err(_("not subscribed: {url}").format(url=args.url))
            return 1
        if sub == "list":
            subs = store.list_subscriptions()
            if args.json:
                _dump([{"url": s.url, "title": s.title, "status": s.status,
                        "message": str(s.message) if s.message else None,
                        "problem": s.message.kind.value if s.message else None,
                        "last_checked": s.last_checked} for s in subs])
            else:
                for s in subs:
                    code = s.status or "new"
                    status = _(_STATUS[code]) if code in _STATUS else code
                    note = f" - {words(s.message)}" if s.message else ""
                    print(clean_line(f"{status:<12} {s.url}  {s.title or ''}{note}", limit=400))
                if not subs:
                    _err(_("no subscriptions yet: 'ikn-read feeds add URL' or 'ikn-read feeds import FILE.opml'"))
            return 0
        if sub == "import":
            from ikn_tui.core.feeds import parse_opml_folders

            try:
                data = Path(args.file).expanduser().read_bytes()
            except OSError as exc:
                _err(words(_file_problem(exc, args.file)))
                return 1
            try:
                feeds = parse_opml_folders(data)
            except ValueError as exc:
                reason = words(exc.problem) if isinstance(exc, ProblemError) else error_words(exc)
                _err(f"{args.file}: {reason}")
                return 1
            from ikn_tui.core.subscribe import subscribe

            done = subscribe(store, feeds)
            for problem in done.refused:
                _err(_("warning: skipped: {problem}").format(problem=words(problem)))
            print(_("imported {new} new of {total} feeds from {file}").format(
                new=len(done.added), total=len(feeds), file=clean_line(args.file, limit=200)
            ))
            return 0
        if sub == "export":
            from ikn_tui.core.feeds import export_opml

            sys.stdout.write(export_opml([(s.url, s.title, s.folder) for s in store.list_subscriptions()]))
            return 0
    finally:
        store.close()
    return 2


def cmd_refresh(args: argparse.Namespace) -> int:
    from ikn_tui.cli.refresh_view import run_refresh

    return run_refresh()


def cmd_bookmarks(args: argparse.Namespace) -> int:
    store = _open_store()
    try:
        if args.bookmarks_command == "list":
            articles = store.list_bookmarks()
            if args.json:
                _dump([a.to_json() for a in articles])
            else:
                from ikn_tui.cli.render import print_rows

                if not articles:
                    _err(_("no bookmarks yet (press b on an article in the reader)"))
                print_rows(_out(), articles)
            return 0
        text = store.export_bookmarks(args.format, markdown_words())
        if args.output:
            from ikn_tui.core.atomic import write_atomic

            try:
                write_atomic(args.output, text)
            except OSError as exc:
                _err(_("{output}: cannot write: {value}").format(output=args.output, value=exc.strerror or exc))
                return 1
            print(_("exported {n} bookmarks to {path}").format(
                n=len(store.list_bookmarks()), path=clean_line(args.output, limit=300)
            ))
        else:
            sys.stdout.write(text)
        return 0
    finally:
        store.close()


def dispatch(args: argparse.Namespace) -> int:
    from ikn_tui.cli.store_commands import cmd_store, report_store_error
    from ikn_tui.cli.sync_commands import cmd_sync
    from ikn_tui.core.store import StoreError

    handlers = {"show": cmd_show, "list": cmd_list, "feeds": cmd_feeds,
                "refresh": cmd_refresh, "bookmarks": cmd_bookmarks, "store": cmd_store, "sync": cmd_sync}
    try:
        return handlers[args.command](args)
    except StoreError as exc:
        report_store_error(exc)
        return 1
