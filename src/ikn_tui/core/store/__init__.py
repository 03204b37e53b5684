"""Store: one SQLite file holding articles, read state, bookmarks and subscriptions.

``Store`` is the facade; the modules beside it each own one group of queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ikn_tui.core.store import schema
from ikn_tui.core.store.database import Store
from ikn_tui.core.store.errors import StoreError
from ikn_tui.core.store.export import MarkdownWords, article_to_markdown, bookmarks_to_json, bookmarks_to_markdown
from ikn_tui.core.store.extractor import has_extractor, set_body_extractor
from ikn_tui.core.store.health import DAMAGE_INDEX, DAMAGE_MORE, DAMAGE_UNREADABLE, DAMAGE_UTF8
from ikn_tui.core.store.retention import Retention
from ikn_tui.core.store.syncing import PendingChange, PullApplied, ServerPull
from ikn_tui.core.store.write import PreparedRows, prepare_rows

if TYPE_CHECKING:
    from ikn_tui.core.store.recover import Recovery
    from ikn_tui.core.store.recover import recover as recover_database
    from ikn_tui.core.store.recover import restore as restore_database

# Recovery is for ``store recover``/``restore`` only: loaded on first use (PEP 562),
# not by every command that opens the store.
_RECOVER = {"Recovery": "Recovery", "recover_database": "recover", "restore_database": "restore"}


def __getattr__(name: str) -> Any:
    if name not in _RECOVER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ikn_tui.core.store import recover

    value = getattr(recover, _RECOVER[name])
    globals()[name] = value
    return value


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
    "has_extractor",
    "prepare_rows",
    "recover_database",
    "restore_database",
    "schema",
    "set_body_extractor",
]
