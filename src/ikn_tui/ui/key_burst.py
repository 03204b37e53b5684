"""Keys of one burst that were read before an earlier key moved the focus go where it went.

Textual hands each key to the widget focused *when the key is read*, and runs the
screen's and app's bindings only when the key has bubbled back up to the app. Keys that
arrive together ("/banjir" typed fast, or pasted) are all read while the list still has
the focus; by the time "b" reaches the bindings, "/" has put the focus on the search bar,
and "b" would bookmark, "r" refresh. The app notes the focus each key was read with
(``note``); when a key comes back up unhandled and the focus has moved since, it is given
to the widget that has the focus now (``redirect``), in the order it came.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget

_READ_WITH = "_ikn_read_with_focus"


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
