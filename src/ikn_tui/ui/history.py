"""Browser-like back/forward history of opened articles (pure Python)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class History(Generic[T]):
    """A back/forward stack around a current entry.

    ``visit`` makes a new entry current and drops anything ahead of it, like
    following a link in a browser. ``back``/``forward`` move and return the new
    current entry, or ``None`` when there is nowhere to go.
    """

    limit: int = 200
    _back: list[T] = field(default_factory=list)
    _forward: list[T] = field(default_factory=list)
    current: T | None = None

    def visit(self, entry: T) -> None:
        if self.current is not None and self.current == entry:
            return
        if self.current is not None:
            self._back.append(self.current)
            if len(self._back) > self.limit:
                del self._back[0]
        self.current = entry
        self._forward.clear()

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> T | None:
        if not self._back:
            return None
        if self.current is not None:
            self._forward.append(self.current)
        self.current = self._back.pop()
        return self.current

    def forward(self) -> T | None:
        if not self._forward:
            return None
        if self.current is not None:
            self._back.append(self.current)
        self.current = self._forward.pop()
        return self.current

    def replace(self, entry: T) -> None:
        """Swap the current entry (e.g. the same article, now with its full body)."""
        self.current = entry

    def __len__(self) -> int:
        return len(self._back) + len(self._forward) + (self.current is not None)
