"""The queue of keys that wait for an article on its way (pure Python)."""

from __future__ import annotations

from typing import Any

from ikn_tui.ui.waiting_keys import WaitingKeys


def test_keys_wait_while_busy_and_run_in_order() -> None:
    busy = {"now": True}
    ran: list[tuple[str, tuple[Any, ...]]] = []
    waiting = WaitingKeys(lambda action: busy["now"], lambda action, args: ran.append((action, args)))
    assert waiting.hold("follow", 1) and waiting.hold("bookmark")
    assert ran == [] and len(waiting) == 2
    waiting.release()
    assert ran == []  # still busy: nothing runs
    busy["now"] = False
    assert waiting.hold("back")  # not busy, but others wait first: keep the order
    waiting.release()
    assert ran == [("follow", (1,)), ("bookmark", ()), ("back", ())]
    assert not waiting.hold("page")  # nothing waits: act now


def test_an_action_that_starts_new_work_holds_the_rest() -> None:
    state = {"busy": False}
    ran: list[str] = []
    waiting: WaitingKeys

    def run(action: str, args: tuple[Any, ...]) -> None:
        ran.append(action)
        if action == "follow":
            state["busy"] = True  # a link is being fetched now

    waiting = WaitingKeys(lambda action: state["busy"], run)
    state["busy"] = True
    waiting.hold("follow", 1)
    waiting.hold("follow", 1)
    state["busy"] = False
    waiting.release()
    assert ran == ["follow"] and len(waiting) == 1
    state["busy"] = False
    waiting.release()
    assert ran == ["follow", "follow"]
