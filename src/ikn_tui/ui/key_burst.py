"""Keys of one burst that were read before an earlier key moved the focus go where it went.

Textual hands each key to the widget focused *when the key is read*, and runs the
screen's and app's bindings only when the key has bubbled back up to the app. Keys that
arrive together ("/banjir" typed fast, or pasted) are all read while the list still has
the focus; by the time "b" reaches the bindings, "/" has put the focus on the search bar,
and "b" would bookmark, "r" refresh. The app notes the focus each key was read with
(``note``); when a key comes back up unhandled and the focus has moved since, it is given
to the widget that has the focus now (``redirect``), in the order it came.

Escape followed at once by a key ("escape j j enter" typed fast, or sent by tmux in one
write) reaches the terminal parser as one sequence and is read as alt+j: the escape
would be lost and the list would move one row short. ``split_alt`` turns such an
alt+key that nothing is bound to back into the two keys that were typed.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget

_READ_WITH = "_ikn_read_with_focus"


def split_alt(event: events.Key, bound: set[str]) -> tuple[events.Key, events.Key] | None:
    """(escape, key) for an alt+<printable key> that no binding uses, else None."""
    key = event.key
    if not key.startswith("alt+") or key in bound:
        return None
    rest = key[len("alt+"):]
    character = event.character
    if not rest or "+" in rest or character is None or len(character) != 1 or not character.isprintable():
        return None
    return events.Key("escape", "\x1b"), events.Key(rest, character)


def note(event: events.Key, focused: Widget | None) -> None:
    """Remember which widget had the focus when ``event`` was read."""
    setattr(event, _READ_WITH, focused)


def redirect(event: events.Key, focused: Widget | None) -> bool:
    """True when ``event`` was passed on to ``focused`` (the focus moved since it was read)."""
    read_with = getattr(event, _READ_WITH, None)
    if read_with is None or focused is None or focused is read_with:
        return False
    focused.post_message(events.Key(event.key, event.character))
    return True
