"""`ikn-read refresh`: a rich progress bar on a terminal, one summary line at the end."""

from __future__ import annotations

import asyncio
import sys

from ikn_tui.core.refresh import RefreshProgress, RefreshSummary, feed_label, refresh_all
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import _, ngettext
from ikn_tui.ui.problem_words import words


def _label(p: RefreshProgress) -> str:
    """The feed that just finished, "failed" after it when it did."""
    name = feed_label(p.url, "ok")
    return name if feed_label(p.url, p.status) == name else _("{feed} failed").format(feed=name)


def summary_words(summary: RefreshSummary) -> str:
    """"Refreshed 3 feeds, 5 new articles, 1 unchanged, 0 failed" in the current language."""
    parts = [
        ngettext("{n} feed", "{n} feeds", summary.total).format(n=summary.total),
        ngettext("{n} new article", "{n} new articles", summary.new).format(n=summary.new),
    ]
    if summary.not_modified:
        parts.append(_("{n} unchanged").format(n=summary.not_modified))
    if summary.skipped:
        parts.append(_("{n} skipped").format(n=summary.skipped))
    parts.append(_("{n} failed").format(n=summary.failed))
    if summary.expired:
        parts.append(_("{n} old articles removed (retention)").format(n=summary.expired))
    return _("Refreshed {parts}").format(parts=", ".join(parts))


def run_refresh() -> int:
    from ikn_tui import settings as settings_file
    from ikn_tui.cli.store_commands import warn_if_damaged
    from ikn_tui.core.fetch import Fetcher, NetConfig
    from ikn_tui.core.store import Store

    settings = settings_file.load()
    for problem in settings.problems:
        print(_("ikn-read: {message}").format(message=words(problem)), file=sys.stderr)
    store = Store.open_default()
    try:
        if store.damaged is not None:  # nothing new goes into a damaged file
            warn_if_damaged(store)
            return 1
        settings_file.apply_retention_settings(store, settings)
        if not store.list_subscriptions():
            print(_("ikn-read: no subscriptions: add one with 'ikn-read feeds add URL'"), file=sys.stderr)
            return 0
        show_bar = sys.stderr.isatty()

        async def go() -> RefreshSummary:
            total, per_host = settings_file.net_limits(settings)
            async with Fetcher(NetConfig(total=total, per_host=per_host)) as fetcher:
                if not show_bar:  # no terminal: rich is not even imported
                    return await refresh_all(store, fetcher)
                from rich.console import Console
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

                err = Console(stderr=True, highlight=False)
                with Progress(
                    TextColumn(_("Refreshing")), BarColumn(), MofNCompleteColumn(),
                    TextColumn(_("{task.fields[new]} new")), TimeElapsedColumn(),
                    TextColumn("{task.fields[last]}", markup=False),  # outside text: never markup
                    console=err, transient=True,
                ) as progress:
                    task = progress.add_task("refresh", total=None, new=0, last="")

                    def on_progress(p: RefreshProgress) -> None:
                        # the feed that just finished, even when it failed ("… gagal")
                        progress.update(task, total=p.total, completed=p.done,
                                        new=progress.tasks[0].fields["new"] + p.new, last=_label(p))
                        progress.refresh()

                    return await refresh_all(store, fetcher, on_progress)

        summary = asyncio.run(go())
    finally:
        store.close()
    for message in summary.messages:
        print(_("ikn-read: {message}").format(message=words(message, limit=400)), file=sys.stderr)
    print(clean_line(summary_words(summary)))
    return 1 if summary.all_failed else 0
