"""The reader's back/forward history (pure Python)."""

from __future__ import annotations

from ikn_tui.ui.history import History


def test_back_and_forward_walk_the_visits() -> None:
    history: History[int] = History()
    for entry in (1, 2, 3):
        history.visit(entry)
    assert history.back() == 2
    assert history.back() == 1
    assert history.back() is None
    assert history.current == 1
    assert history.forward() == 2
    assert history.forward() == 3
    assert history.forward() is None


def test_a_new_visit_drops_the_forward_entries() -> None:
    history: History[int] = History()
    history.visit(1)
    history.visit(2)
    history.back()
    history.visit(5)
    assert not history.can_go_forward
    assert history.back() == 1


def test_visiting_the_current_entry_again_adds_nothing() -> None:
    history: History[int] = History()
    history.visit(1)
    history.visit(1)
    assert not history.can_go_back
    assert len(history) == 1


def test_limit_drops_the_oldest() -> None:
    history: History[int] = History(limit=3)
    for entry in range(10):
        history.visit(entry)
    assert [history.back() for _ in range(4)] == [8, 7, 6, None]
