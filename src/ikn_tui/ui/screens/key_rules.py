"""When the reader's keys act: the one key switched off when it has nothing
to do (escape, ``check_action``), rebuilding the footer only when that
answer changes, and the keys that must wait for an article on its way
(``WaitingKeys`` holds them)."""

from __future__ import annotations

from collections.abc import Callable

from ikn_tui.ui.screens.following import LinkFollower
from ikn_tui.ui.screens.panes import ReaderPanes
from ikn_tui.ui.screens.reading import Reading

# The actions whose availability (check_action) depends on state: the footer
# only needs rebuilding when one of their answers changes.
DYNAMIC_ACTIONS: tuple[tuple[str, tuple[object, ...]], ...] = (("clear_search", ()),)


def available(action: str, panes: ReaderPanes) -> bool:
    """Every key answers: an action that cannot act says why (see the actions),
    so only escape is switched off when there is nothing to close."""
    if action == "clear_search":
        return panes.list_pane.can_go_back or not panes.list_pane.has_focus_within
    return True


class FooterKeys:
    """``check(action, parameters)`` is the screen's ``check_action``; ``refresh()`` its ``refresh_bindings``."""

    def __init__(self, check: Callable[[str, tuple[object, ...]], bool | None], refresh: Callable[[], None]) -> None:
        self.check = check
        self.refresh = refresh
        self._state: tuple[bool | None, ...] | None = None

    def sync(self) -> None:
        """``refresh()`` only when an answer of ``check`` changed: the footer is
        rebuilt on every call (~10 ms of each article opened)."""
        state = tuple(self.check(action, params) for action, params in DYNAMIC_ACTIONS)
        if state != self._state:
            self._state = state
            self.refresh()


def must_wait(action: str, panes: ReaderPanes, reading: Reading, follower: LinkFollower) -> bool:
    """An article is on its way (Enter's message is still travelling, a link is
    being resolved), or ``action`` needs the full text being fetched."""
    if panes.article_list.opening is not None or follower.resolving is not None:
        return True
    completing, article = reading.completing, reading.article
    return action in ("follow", "bookmark") and completing is not None and (
        article is not None and article.id == completing
    )
