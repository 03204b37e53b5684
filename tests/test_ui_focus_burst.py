"""Keys that arrive in one burst (as a terminal delivers "/banjir" typed fast or pasted) right
after a key that moves the focus land where the focus went, not on the list."""

from __future__ import annotations

from textual import events
from ui_helpers import settle

from ikn_tui.core.store import Store
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.widgets.search_bar import SearchBar


def _burst(app: IknReadApp, keys: list[tuple[str, str]]) -> None:
    """Queue every key at once, as the driver does for bytes read together (Pilot.press
    would wait for each key to be handled, which hides the race)."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


async def test_slash_then_a_word_types_the_word_into_the_search_bar() -> None:
    app = IknReadApp(demo=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        # "b" would bookmark and "r" refresh if they reached the list
        _burst(app, [("slash", "/")] + [(c, c) for c in "banjir"])
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        assert bar.value == "banjir"
        assert app.screen.focused is bar
        store: Store = app.store
        assert store.list_bookmarks() == []


def test_alt_key_is_split_only_when_nothing_is_bound_to_it() -> None:
    from ikn_tui.ui import key_burst

    typed = key_burst.split_alt(events.Key("alt+j", "j"), bound={"j", "alt+left"})
    assert typed is not None and [(k.key, k.character) for k in typed] == [("escape", "\x1b"), ("j", "j")]
    assert key_burst.split_alt(events.Key("alt+x", "x"), bound={"alt+x"}) is None  # the user's [keys] binding
    assert key_burst.split_alt(events.Key("alt+left", None), bound=set()) is None
    assert key_burst.split_alt(events.Key("j", "j"), bound=set()) is None
