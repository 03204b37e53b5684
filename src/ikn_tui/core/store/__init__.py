"""Store: one SQLite file holding articles, read state, bookmarks and subscriptions.

``Store`` is the facade; the modules beside it each own one group of queries.
"""

from ikn_tui.core.store import schema
from ikn_tui.core.store.database import Store
from ikn_tui.core.store.errors import StoreError
from ikn_tui.core.store.export import MarkdownWords, article_to_markdown, bookmarks_to_json, bookmarks_to_markdown
from ikn_tui.core.store.health import DAMAGE_INDEX, DAMAGE_MORE, DAMAGE_UNREADABLE, DAMAGE_UTF8
from ikn_tui.core.store.recover import Recovery
from ikn_tui.core.store.recover import recover as recover_database
from ikn_tui.core.store.recover import restore as restore_database
from ikn_tui.core.store.retention import Retention
from ikn_tui.core.store.syncing import PendingChange, PullApplied, ServerPull
from ikn_tui.core.store.write import PreparedRows, prepare_rows

__all__ = [
    "DAMAGE_INDEX",
    "DAMAGE_MORE",
    "DAMAGE_UNREADABLE",
    "DAMAGE_UTF8",
    "MarkdownWords",
    "PendingChange",
    "PreparedRows",
    "PullApplied",
    "Recovery",
    "Retention",
    "ServerPull",
    "Store",
    "StoreError",
    "article_to_markdown",
    "bookmarks_to_json",
    "bookmarks_to_markdown",
    "prepare_rows",
    "recover_database",
    "restore_database",
    "schema",
]
