"""Store: one SQLite file holding articles, read state, bookmarks and subscriptions.

``Store`` is the facade; the modules beside it each own one group of queries.
"""

from ikn_tui.core.store import schema
from ikn_tui.core.store.database import Store
from ikn_tui.core.store.errors import StoreError
from ikn_tui.core.store.export import article_to_markdown, bookmarks_to_json, bookmarks_to_markdown
from ikn_tui.core.store.extractor import has_extractor, set_body_extractor
from ikn_tui.core.store.recover import Recovery
from ikn_tui.core.store.recover import recover as recover_database
from ikn_tui.core.store.recover import restore as restore_database
from ikn_tui.core.store.syncing import PendingChange, PullApplied, ServerPull
from ikn_tui.core.store.write import PreparedRows, prepare_rows

__all__ = [
    "PendingChange",
    "PreparedRows",
    "PullApplied",
    "Recovery",
    "ServerPull",
    "Store",
    "StoreError",
    "article_to_markdown",
    "bookmarks_to_json",
    "bookmarks_to_markdown",
    "has_extractor",
    "prepare_rows",
    "recover_database",
    "restore_database",
    "schema",
    "set_body_extractor",
]
