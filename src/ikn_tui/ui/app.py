"""The Textual application: ``ikn-read`` with no subcommand."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen

from ikn_tui.core import bodies, paths
from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.store import Store, StoreError
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import _, set_language
from ikn_tui.settings import Settings, apply_retention_settings, net_limits
from ikn_tui.ui import gc_pauses, key_burst, keys
from ikn_tui.ui.commands import Palette, ReaderCommands
from ikn_tui.ui.config import DEFAULT_THEME, check_keymap, load_configuration, update_configuration
from ikn_tui.ui.context import ReaderContext
from ikn_tui.ui.problem_words import damage_words, error_words, words
from ikn_tui.ui.resources import style_paths


def default_fetcher_factory(settings: Settings | None = None) -> Any:
    """A fetcher with the download limits of ``[refresh]`` in the settings."""
    from ikn_tui.core.fetch import Fetcher, NetConfig

    if settings is None:
        return Fetcher()
    total, per_host = net_limits(settings)
    return Fetcher(NetConfig(total=total, per_host=per_host))


def binding_defaults() -> dict[str, str]:
    """Every binding id of the reader, with its default keys (the key registry)."""
    return {key.id: key.keys for key in keys.KEYS if key.keys and key.scope}


class IknReadApp(App[int]):
    """Three panes: list, article, related links."""

    TITLE = "ikn-read"
    CSS_PATH = style_paths()
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("app")

    def __init__(
        self,
        sources: Iterable[str] = (),
        *,
        offline: bool = False,
        demo: bool = False,
        store: Store | None = None,
        fetcher_factory: Callable[[], Any] | None = None,
        language: str | None = None,
        image_renderer: str = "auto",
        settle_gc: bool | None = None,
    ) -> None:
        if language is not None:
            set_language(language)
        keys.translate_bindings(DOMNode)  # the footer speaks the language chosen now
        bodies.install()  # articles stored with their extraction deferred read extracted
        super().__init__()
        self.sources = list(sources)
        self.demo = demo
        self.offline = offline or demo
        self._store = store
        self.image_renderer = image_renderer  # the photo's renderer: auto (from the terminal), halfcell, tgp, sixel
        self._own_store = store is None
        self.settle_gc = settle_gc  # gc_pauses after the first paint; None: in a real terminal only
        self._demo_dir: Path | None = None
        self.startup_error: str | None = None
        config = load_configuration()
        self.settings = config.settings
        self.fetcher_factory = fetcher_factory or partial(default_fetcher_factory, self.settings)
        self.config_problems = list(config.problems)
        self.keymap_overrides = dict(config.keymap)  # checked against the bindings at mount
        if config.theme in self.available_themes:
            self.theme = config.theme
        elif config.theme != DEFAULT_THEME:
            self.config_problems.append(problem(
                ProblemKind.CONFIG_THEME, file=paths.config_path().name, theme=repr(clean_line(config.theme, 40)),
                default=DEFAULT_THEME,
            ))

    # the store ---------------------------------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open_default(check=False)  # checked in the background (_check_store)
        return self._store

    def reader_context(self) -> ReaderContext:
        """What the reader screen is given: the store, the fetcher, offline or not."""
        return ReaderContext(
            self.store, self.fetcher_factory, self.offline, self.demo,
            refresh_on_start=self.settings["refresh.on_start"],
            refresh_every_minutes=self.settings["refresh.every_minutes"],
            sync_on_start=self.settings["sync.on_start"],
            images=self.settings["images"] != "off",
            image_renderer=self.image_renderer,
        )

    def _open_demo_store(self) -> list[str]:
        from ikn_tui.demo import DEMO_DIR, demo_paths

        self._demo_dir = Path(tempfile.mkdtemp(prefix="ikn-read-demo-"))
        if self._store is not None and self._own_store:
            self._store.close()
        self._store = Store(self._demo_dir / "demo.sqlite3")
        self._own_store = True
        self.offline = True
        if not demo_paths():
            raise OSError(_("Halaman demo tidak ada di instalasi ini"))
        # The folder, not its pages: a folder is not "a single article", so the
        # demo opens on the newest article like any list.
        return [str(DEMO_DIR)]

    # keys ---------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            typed = key_burst.split_alt(event, self._bound_keys()) if event.key.startswith("alt+") else None
            if typed is not None:  # escape and a key read as one alt+key
                for key in typed:
                    key_burst.note(key, self.focused)
                    await super().on_event(key)
                return
            key_burst.note(event, self.focused)
        await super().on_event(event)

    def _bound_keys(self) -> set[str]:
        """Every key a binding of the registry or the user's [keys] uses."""
        found = set()
        for spec in [*binding_defaults().values(), *self.keymap_overrides.values()]:
            found.update(part.strip() for part in spec.split(",") if part.strip())
        return found

    async def _on_key(self, event: events.Key) -> None:
        # Textual then runs App._on_key too (the bindings), unless the default is prevented.
        if key_burst.redirect(event, self.focused):  # the focus moved while this key was on its way
            event.prevent_default()

    # start -------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.keymap_overrides:
            self.keymap_overrides, problems = check_keymap(self.keymap_overrides, binding_defaults())
            self.config_problems.extend(problems)
            self.set_keymap(self.keymap_overrides)
        for found in self.config_problems:  # outside text: never markup
            self.notify(Content(words(found)), title=_("Pengaturan"), severity="warning", timeout=12)
        self.theme_changed_signal.subscribe(self, self._save_theme)
        self._open_first_screen()
        if self.settle_gc if self.settle_gc is not None else not self.is_headless:  # tests keep CPython's defaults
            self.call_after_refresh(gc_pauses.settle_heap)

    def _open_first_screen(self, switch: bool = False) -> None:
        """Welcome (nothing stored yet), the reader, or the corrupt-database offer."""
        from ikn_tui.ui.screens.main import MainScreen
        from ikn_tui.ui.screens.welcome import WelcomeScreen

        try:
            if self.demo:
                self.sources = self._open_demo_store() + self.sources
            store = self.store
            empty = not self.sources and store.count_articles() == 0 and not store.list_subscriptions()
            empty = empty and store.sync_account() is None  # a feed server will fill it
        except StoreError as error:
            if error.kind == "corrupt" and self._own_store and not self.demo:
                from ikn_tui.ui.screens.corrupt import CorruptDatabaseScreen

                self._store = None
                self.push_screen(CorruptDatabaseScreen(paths.database_path(), error_words(error)))
                return
            self.startup_error = error_words(error)
            self.exit(1)
            return
        except (OSError, ImportError) as error:
            self.startup_error = clean_line(str(error), 300)
            self.exit(1)
            return
        if not self.demo and store.damaged is None:
            try:
                apply_retention_settings(store, self.settings)  # [store] in the settings, when set
            except StoreError as error:
                self.notify(Content(clean_line(f"[store]: {error_words(error)}", 300)), severity="warning")
        if store.damaged is not None:  # damage seen before: one line, writes are stopped
            self._say_damaged(store.damaged)
        elif self._own_store and not self.demo:
            self.run_worker(self._check_store, thread=True, group="health", exit_on_error=False)
        screen = WelcomeScreen() if empty else MainScreen(self.reader_context(), self.sources)
        if switch:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _say_damaged(self, reason: str) -> None:
        self.notify(Content(clean_line(
            _("Basis data rusak, perubahan tidak disimpan: jalankan 'ikn-read store recover'. ({detail})").format(
                detail=damage_words(reason)
            ), 300
        )), severity="error", timeout=30)

    def _check_store(self) -> None:
        """The start check, in a thread on a connection of its own: the first paint and
        the keys never wait for it (a big store is checked whole once a day)."""
        store = self._store
        if store is None:
            return
        problem = store.check_health_aside()
        if problem is not None:
            self.call_from_thread(self._say_damaged, problem)

    def restart_after_move(self, moved_to: Path) -> None:
        """The corrupt file was moved aside: start again on a fresh database."""
        self.notify(Content(clean_line(_("Basis data lama dipindahkan ke {path} (tidak dihapus).").format(
            path=moved_to
        ), 300)))
        self._open_first_screen(switch=True)

    @property
    def browser_command(self) -> str:
        """``browser`` from the settings: the command that opens a link ("": the system's)."""
        return str(self.settings["browser"]).strip()

    def on_lead_photo_toggled(self, event: Any) -> None:
        """``i`` (``LeadPhoto.Toggled``): kept in config.toml like the theme, comments and all."""
        images = "auto" if event.enabled else "off"
        self.settings.values["images"] = images
        with update_configuration() as config:
            config.images = images

    def _save_theme(self, theme: Any) -> None:
        name = getattr(theme, "name", None)
        if isinstance(name, str):
            with update_configuration() as config:
                config.theme = name

    # Textual's own words, in Indonesian ---------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's system commands: only the theme (quit and help are the reader's own)."""
        yield SystemCommand(_("Tema"), _("Ganti tema tampilan"), self.action_change_theme)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette", placeholder=_("Cari perintah…")))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=_("Cari tema…")))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies in an input): say which key does."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(Content(_("Tekan {key} untuk keluar.").format(key=key)), title=_("Keluar?"))
                return

    # actions -----------------------------------------------------------------
    def action_help(self) -> None:
        from ikn_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_start_demo(self) -> None:
        from ikn_tui.ui.screens.main import MainScreen

        try:
            sources = self._open_demo_store()
        except (StoreError, OSError, ImportError) as error:
            failed = _("Demo gagal: {error}").format(error=error_words(error))
            self.notify(Content(clean_line(failed, 300)), severity="error")
            return
        self.demo = True
        self.switch_screen(MainScreen(self.reader_context(), sources))

    def action_open_feed(self) -> None:
        from ikn_tui.ui.screens.dialogs import PromptScreen
        from ikn_tui.ui.screens.main import MainScreen

        def chosen(value: str | None) -> None:
            if value and isinstance(self.screen, MainScreen):
                self.screen.load_sources([value], initial=False)

        self.push_screen(PromptScreen(_("Buka feed…"), _("URL, file, folder atau OPML")), chosen)

    def action_open_bookmark(self) -> None:
        from ikn_tui.ui.screens.dialogs import BookmarkPicker
        from ikn_tui.ui.screens.main import MainScreen

        def chosen(article_id: int | None) -> None:
            if article_id is not None and isinstance(self.screen, MainScreen):
                self.screen.open_id(article_id)

        try:
            rows = self.store.bookmark_rows()
        except StoreError as error:
            self.notify(Content(error_words(error, 200)), severity="error")
            return
        self.push_screen(BookmarkPicker(rows), chosen)

    def on_unmount(self) -> None:
        from ikn_tui.core.refresh import cancel_running_refreshes

        cancel_running_refreshes()  # quitting mid-refresh: nothing keeps running
        if self._own_store and self._store is not None:
            self._store.close()  # never raises
        if self._demo_dir is not None:
            shutil.rmtree(self._demo_dir, ignore_errors=True)


def run_tui(sources: list[str], *, offline: bool = False, demo: bool = False, language: str | None = None) -> int:
    """Run the reader; returns the exit code."""
    app = IknReadApp(sources, offline=offline, demo=demo, language=language)
    result = app.run()
    if app.startup_error:
        print(f"ikn-read: {app.startup_error}", file=sys.stderr)
        return 1
    return int(result or 0) if app.return_code is None else app.return_code
