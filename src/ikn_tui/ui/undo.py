"""``u``: undo the reader's last changes to read marks, bookmarks and
subscriptions, several steps back (a plain stack; the screen records and
applies)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ikn_tui.core.models import Article
from ikn_tui.core.store import Store, StoreError
from ikn_tui.i18n import _

LIMIT = 100


@dataclass(frozen=True)
class ReadChange:
    """Read marks before the change, by article id."""

    before: dict[int, bool]
    what: str


@dataclass(frozen=True)
class BookmarkChange:
    article: Article  # the article (with its id) whose bookmark changed
    added: bool  # True: the change added the bookmark


@dataclass(frozen=True)
class SubscriptionChange:
    url: str
    title: str | None  # the removed subscription (the change removed it)


Change = ReadChange | BookmarkChange | SubscriptionChange


@dataclass
class UndoLog:
    steps: list[Change] = field(default_factory=list)

    def record(self, change: Change) -> None:
        self.steps.append(change)
        del self.steps[:-LIMIT]

    def undo(self, store: Store) -> Change | None:
        """Reverse the last change in the store; the change undone, or None when there is none."""
        if not self.steps:
            return None
        change = self.steps.pop()
        try:
            if isinstance(change, ReadChange):
                for read, ids in ((True, [i for i, r in change.before.items() if r]),
                                  (False, [i for i, r in change.before.items() if not r])):
                    if ids:
                        store.set_read_many(ids, read)
            elif isinstance(change, BookmarkChange):
                if change.added and change.article.id is not None:
                    store.remove_bookmark(change.article.id)
                else:
                    store.add_bookmark(change.article)
            else:
                store.add_subscription(change.url, change.title)
        except StoreError:
            self.steps.append(change)  # not undone: it stays on the stack
            raise
        return change


def describe(change: Change) -> str:
    """What ``u`` just undid, in one short line."""
    if isinstance(change, ReadChange):
        return _("Diurungkan: {what}.").format(what=change.what)
    if isinstance(change, BookmarkChange):
        return _("Diurungkan: markah dihapus lagi.") if change.added else _("Diurungkan: markah dikembalikan.")
    return _("Diurungkan: langganan dikembalikan.")
