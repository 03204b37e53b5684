"""``o``: the article's address in a web browser, or one line saying why not
(no article, no web address, no browser here, the configured one failed)."""

from __future__ import annotations

from textual.widget import Widget

from ikn_tui.core.models import Article
from ikn_tui.core.text import is_web_url
from ikn_tui.i18n import _
from ikn_tui.ui.explain import has_browser
from ikn_tui.ui.notices import say


def open_in_browser(node: Widget, article: Article | None) -> None:
    """Open ``article`` with ``browser = "..."`` from config.toml, else the system's
    browser; the warnings are toasts of ``node``."""
    if article is None:
        say(node, _("o: buka artikel dulu (Enter)."), "warning")
        return
    if not is_web_url(article.url):
        say(node, _("o: artikel ini tidak punya alamat web."), "warning")
        return
    command = getattr(node.app, "browser_command", "")  # browser = "..." in config.toml
    if not has_browser() and not command:
        say(node, _("o: tidak ada peramban di sini. Alamatnya: {url}").format(url=article.url), "warning")
        return
    if command:
        from ikn_tui.launch import open_with

        failed = open_with(command, article.url or "")
        if failed:
            say(node, _("o: peramban {command!r}: {failed}").format(command=command, failed=failed), "warning")
        return
    node.app.open_url(article.url or "")
