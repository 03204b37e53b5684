"""2. Markup: Rich/Textual markup in outside text shows literally, creates no
action or link, and never crashes the reader."""

from __future__ import annotations

import json
from typing import Any

import pytest
from corpus import MARKUP, foreign_sequences, markup_title
from probes import RecordingDriver
from textual.content import Content
from textual.widgets import Input
from textual.widgets._toast import Toast
from ui_helpers import rendered_lines, seed_store, settle

from ikn_tui.core import paths
from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.ui.app import IknReadApp
from ikn_tui.ui.screens.dialogs import PromptScreen
from ikn_tui.ui.screens.help import HelpScreen
from ikn_tui.ui.screens.main import MainScreen
from ikn_tui.ui.widgets.article_list import ArticleList
from ikn_tui.ui.widgets.related_pane import RelatedPane

SIZE = (160, 40)
CASES = list(range(len(MARKUP)))



def _no_actions_or_links(strips: list[Any]) -> None:
    """No segment of the drawn lines carries a link or a click action."""
    for strip in strips:
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            assert not style.link, f"link {style.link!r} created from content"
            meta = style.meta or {}
            assert not any(str(k).startswith("@") for k in meta), f"action {meta!r} created from content"


def _content_is_literal(content: Any, expected: str) -> None:
    plain = content.plain if hasattr(content, "plain") else str(content)
    assert expected in plain, f"{expected!r} not shown literally in {plain!r}"
    for span in getattr(content, "spans", []):
        style = span.style
        text = str(style)
        assert "@click" not in text and "link" not in text, f"span {span!r} from content"


def _markup_article(i: int) -> Article:
    markup = MARKUP[i]
    return Article(
        title=markup_title(i),
        url=f"https://kabar.contoh.example/markup/{i}",
        source=f"Sumber {markup}",
        author=f"Penulis {markup}",
        published="2025-09-01T10:00:00+07:00",
        category=f"Kategori {markup}",
        body=[f"Isi {markup} paragraf.", f"{markup}"],
        related=[RelatedLink(f"Terkait {markup}", None, 1)],
    )


@pytest.mark.timeout(30)
async def test_titles_bodies_and_feed_names_show_literally(terminal_output: list[str]) -> None:
    """Every markup case in one run: the list row, the header, the body, the related pane."""
    seed_store(2, extra=[_markup_article(i) for i in CASES]).close()
    app = IknReadApp(offline=True)
    app.driver_class = RecordingDriver
    async with app.run_test(size=SIZE, headless=False) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list = screen.query_one(ArticleList)
        for i in CASES:
            markup = MARKUP[i]
            article_list.focus()
            row = next(n for n in range(article_list.row_count) if article_list.source.row(n).title == markup_title(i))
            article_list.cursor = row
            await pilot.pause()
            top = int(article_list.scroll_y)
            lines = rendered_lines(article_list, (row + 1) * 2 - top)[-2:]
            assert markup_title(i)[:20] in lines[0]  # the list truncates; the header shows it whole
            assert f"Sumber {markup}"[:16] in lines[1]
            _no_actions_or_links([article_list.render_line(y) for y in range(article_list.size.height)])
            await pilot.press("enter")
            await settle(pilot)
            header = screen.query_one("#article-header").render()
            body = screen.query_one("#article-body").render()
            _content_is_literal(header, markup_title(i))
            _content_is_literal(header, f"Sumber {markup} · Penulis {markup}")
            _content_is_literal(body, f"Isi {markup} paragraf.")
            _content_is_literal(body, f"Baca juga: Terkait {markup}")
            related = screen.query_one(RelatedPane)
            prompts = [str(related.get_option_at_index(n).prompt) for n in range(related.option_count)]
            assert any(f"Terkait {markup}" in p for p in prompts)
            for widget in (screen.query_one("#article-header"), screen.query_one("#article-body"), related):
                _no_actions_or_links([widget.render_line(y) for y in range(widget.size.height)])
            await pilot.click("#article-header")
            await pilot.click("#article-body")
            await pilot.pause()
            assert app.is_running and app.return_code is None, markup
    assert foreign_sequences("".join(terminal_output)) == []  # no OSC 8 link was ever drawn


@pytest.mark.timeout(30)
async def test_search_input_shows_literally() -> None:
    seed_store(3, extra=[_markup_article(i) for i in CASES]).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        for markup in MARKUP:
            await pilot.press("slash")
            await pilot.pause()
            bar = screen.query_one("#search-bar", Input)
            bar.value = markup + " Sepaku"
            await pilot.press("enter")
            await settle(pilot)
            assert app.is_running and screen.view == "search", markup
            title = screen.query_one("#list-pane")._border_title  # the Content the border shows
            assert title is not None
            _content_is_literal(title, "Cari: " + (markup + " Sepaku")[:24])
            await pilot.click("#list-pane", offset=(8, 0))  # on the border title
            await pilot.pause()
            assert app.is_running and app.return_code is None
            await pilot.press("escape")
            await pilot.pause()


def _toasts(app: IknReadApp) -> list[Content]:
    """What each notification's toast draws (rendered by Textual's own Toast widget)."""
    return [Toast(notification).render() for notification in app._notifications]


@pytest.mark.timeout(30)
async def test_error_notifications_show_literally() -> None:
    missing = [f"/tidak/ada/{markup}.xml" for markup in MARKUP]
    seed_store(2).close()
    app = IknReadApp(missing, offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        toasts = _toasts(app)
        for name in missing:
            assert any(name in t.plain for t in toasts), (name, [t.plain for t in toasts])
        for toast in toasts:
            _content_is_literal(toast, "")
        for markup in MARKUP:  # the "open feed" prompt: typed text is a source name, never markup
            app.action_open_feed()
            await pilot.pause()
            assert isinstance(app.screen, PromptScreen)
            app.screen.query_one(Input).value = f"/juga/tidak/ada/{markup}"
            await pilot.press("enter")
            await settle(pilot)
            await pilot.pause(0.05)
            assert any(f"/juga/tidak/ada/{markup}" in t.plain for t in _toasts(app)), markup
            assert app.is_running and app.return_code is None


@pytest.mark.timeout(20)
async def test_help_screen_shows_configured_keys_literally() -> None:
    """The help lists keys from the user's config file: literal, and without controls."""
    keymap = {f"follow-{n}": markup + "\x1b]0;x\x07" for n, markup in enumerate(MARKUP, start=1)}
    paths.config_path().parent.mkdir(parents=True, exist_ok=True)  # an old config.json, moved to config.toml
    paths.legacy_config_path().write_text(json.dumps({"keymap": keymap}), encoding="utf-8")
    seed_store(2).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-box Static")
        text = "\n".join(table.render_line(y).text for y in range(table.size.height))
        assert MARKUP[0] in text  # follow-1: "[bold]" shown as typed
        assert "\x1b" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


@pytest.mark.timeout(20)
async def test_welcome_screen_with_markup_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The welcome screen has no outside text; it must come up even with markup-laden paths."""
    home = paths.home()
    monkeypatch.setenv("IKN_READ_HOME", str(home.parent / "[bold]rumah[/]"))
    app = IknReadApp(offline=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "WelcomeScreen"
        assert app.is_running
