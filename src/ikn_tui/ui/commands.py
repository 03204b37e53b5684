"""Command palette (ctrl+p): the registry's palette entries (``ui.keys``),
each run on the reader screen or on the app."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Provider
from textual.widgets.option_list import Option

from ikn_tui.i18n import _
from ikn_tui.ui import keys


class Palette(CommandPalette):
    """Textual's command palette, saying "no matches" in the interface's language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8's own method (textual/command.py) with its one English line through _():
        # the palette's other words come from the providers and the placeholder.
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(_("Tidak ada yang cocok"), style="not bold")),
                           disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)


class ReaderCommands(Provider):
    """The same actions as the keys."""

    def _available(self) -> list[tuple[str, str, str]]:
        # The screen the palette was opened on (``app.screen`` is the palette itself):
        # screen commands need the reader (the screen that defines the action).
        screen = self.screen
        found = []
        for key in keys.palette_commands():
            if key.palette_target == "app":
                found.append((_(key.palette), _(key.palette_help), f"app.{key.action.removeprefix('app.')}"))
            elif hasattr(screen, f"action_{key.action}"):
                found.append((_(key.palette), _(key.palette_help), f"screen.{key.action}"))
        return found

    def _runner(self, action: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.app.run_action(action)

        return run

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        for title, help_text, action in self._available():
            yield DiscoveryHit(title, self._runner(action), help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for title, help_text, action in self._available():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._runner(action), help=help_text)
