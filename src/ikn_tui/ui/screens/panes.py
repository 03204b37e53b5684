"""The reader screen's panes, each looked up once (they live as long as the
screen; a query each time costs a DOM walk on every article opened).

The main screen and the helpers it owns reach the panes through this one
object, so none of them needs the screen itself to find a widget.
"""

from __future__ import annotations

from typing import TypeVar, cast

from textual.widget import Widget

from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.article_view import ArticleView
from ikn_tui.ui.widgets.feed_list import FeedList
from ikn_tui.ui.widgets.list_pane import ListPane
from ikn_tui.ui.widgets.related_pane import RelatedPane
from ikn_tui.ui.widgets.status_bar import StatusBar

PaneT = TypeVar("PaneT", bound=Widget)


class ReaderPanes:
    """The list pane (with the article list and the feed list), the article,
    the related links and the status bar of ``screen``."""

    def __init__(self, screen: Widget) -> None:
        self.screen = screen
        self._found: dict[str, Widget] = {}

    def _pane(self, name: str, kind: type[PaneT]) -> PaneT:
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = self.screen.query_one(kind)
        return cast(PaneT, found)

    @property
    def list_pane(self) -> ListPane:
        return self._pane("list_pane", ListPane)

    @property
    def article_list(self) -> ArticleList:
        return self._pane("article_list", ArticleList)

    @property
    def feed_list(self) -> FeedList:
        return self._pane("feed_list", FeedList)

    @property
    def article_view(self) -> ArticleView:
        return self._pane("article_view", ArticleView)

    @property
    def related(self) -> RelatedPane:
        return self._pane("related", RelatedPane)

    @property
    def status_bar(self) -> StatusBar:
        return self._pane("status_bar", StatusBar)

    @property
    def view(self) -> str:
        """What the list shows: all, search, bookmarks, feeds or feed."""
        return self.list_pane.mode
