"""Keys that must wait for an article on its way.

Enter on a row posts a message; a followed link or the full text of a
summary is fetched in a worker. A key typed meanwhile (``1``, ``b``, space,
backspace…) must act on the article that is coming, not on the one still
on display, and never be dropped: it waits here and runs, in order, once
the article is shown (a plain helper: the screen says when to wait and
runs the actions)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any


class WaitingKeys:
    """``must_wait(action)`` says whether an action has to wait now;
    ``run(action, args)`` performs one (the screen's ``action_*``)."""

    def __init__(self, must_wait: Callable[[str], bool], run: Callable[[str, tuple[Any, ...]], None]) -> None:
        self.must_wait = must_wait
        self.run = run
        self._queue: deque[tuple[str, tuple[Any, ...]]] = deque()
        self._replaying = False

    def hold(self, action: str, *args: Any) -> bool:
        """True: ``action`` was queued (the caller returns); False: act now."""
        if self._replaying:
            return False
        if self._queue or self.must_wait(action):
            self._queue.append((action, args))
            return True
        return False

    def release(self) -> None:
        """An article arrived: run what waited, in order, until one has to wait again."""
        while self._queue and not self.must_wait(self._queue[0][0]):
            action, args = self._queue.popleft()
            self._replaying = True
            try:
                self.run(action, args)
            finally:
                self._replaying = False

    def __len__(self) -> int:
        return len(self._queue)
