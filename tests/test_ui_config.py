"""config.toml: a file that cannot be used says so at start, one line per problem;
``quit`` and ``help`` always keep a key; saving is atomic and loses nothing."""

from __future__ import annotations

import tomllib

import pytest
from ui_helpers import seed_store, settle

from ikn_tui.core import paths
from ikn_tui.ui.app import IknReadApp, binding_defaults
from ikn_tui.ui.config import check_keymap, load_configuration, update_configuration
from ikn_tui.ui.widgets.article_list import ArticleList

SIZE = (120, 36)


def write_config(text: str) -> None:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def warnings(app: IknReadApp) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "warning"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('theme = "nord', "config.toml: not valid TOML ("),
        ('[keys]\n"bogus.id" = "x"', "config.toml: unknown key binding id 'bogus.id'"),
        ('theme = "tidak-ada"', "config.toml: unknown theme 'tidak-ada'; using textual-dark"),
        ('theme = 7', "config.toml: 'theme' must be text, not '7'; using \"textual-dark\""),
        ('[keys]\n"list.down" = 5', "config.toml: keys.'list.down' must be keys as text"),
        ('keys = "j"', "config.toml: [keys] must be a table"),
        ('[keys]\nbookmark = "q"', "config.toml: 'bookmark' cannot take 'q': it is the key of 'quit'"),
        ('thema = "nord"', "config.toml: unknown setting 'thema'"),
        ('[refresh]\nevery = 5', "config.toml: unknown setting 'refresh.every'"),
        ('refresh = 3', "config.toml: [refresh] must be a table"),
        ('[refresh]\nconcurrency = 0', "config.toml: 'refresh.concurrency' must be a whole number, 1 or more, not '0'; using 16"),
        ('[refresh]\nper_host = 2.5', "config.toml: 'refresh.per_host' must be a whole number, 1 or more"),
        ('[refresh]\non_start = "yes"', "config.toml: 'refresh.on_start' must be true or false, not '\"yes\"'; using true"),
        ('[store]\nkeep_days = -1', "config.toml: 'store.keep_days' must be a whole number, 0 or more, not '-1'; not set"),
        ('images = "sometimes"', "config.toml: 'images' must be 'auto' or 'off'"),
        ('language = "jv"', "config.toml: 'language' must be 'id' or 'en'"),
        ('[sync]\non_start = 1', "config.toml: 'sync.on_start' must be true or false"),
    ],
)
async def test_each_problem_is_one_warning_at_start(text: str, expected: str) -> None:
    write_config(text)
    seed_store(3).close()
    app = IknReadApp(offline=True, language="en")  # the English words; Indonesian below
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = warnings(app)
    assert len(shown) == 1, shown
    assert shown[0].startswith(expected), shown
    assert "\n" not in shown[0]


async def test_config_problems_speak_indonesian_by_default() -> None:
    write_config('[refresh]\nconcurrency = 0\ntheme = 7\n')
    seed_store(3).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = warnings(app)
    assert shown == ["config.toml: 'refresh.concurrency' harus bilangan bulat, 1 atau lebih, bukan '0'; memakai 16",
                     "config.toml: pengaturan tidak dikenal 'refresh.theme' (diabaikan)"]


async def test_a_good_config_gives_no_warning() -> None:
    write_config('theme = "nord"\n[keys]\n"list.down" = "j,down,n"\n')
    seed_store(3).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert warnings(app) == []
        assert app.theme == "nord"
        await pilot.press("n")
        assert app.screen.query_one(ArticleList).cursor == 1


async def test_quit_bound_to_j_still_quits_on_q_and_says_so() -> None:
    write_config('[keys]\nquit = "j"\n')
    seed_store(3).close()
    app = IknReadApp(offline=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = warnings(app)
        assert len(shown) == 1 and "'quit' tetap memakai tombol 'q' juga" in shown[0], shown
        assert "list.down" in shown[0] or "article.down" in shown[0]  # names the clash
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code is not None or not app.is_running


def test_check_keymap_keeps_quit_and_help_keys() -> None:
    defaults = {"quit": "q", "help": "question_mark", "list.down": "j,down", "bookmark": "b"}
    usable, problems = check_keymap({"quit": "x", "help": "h", "bookmark": "q,s"}, defaults)
    assert usable == {"quit": "x,q", "help": "h,question_mark", "bookmark": "s"}
    assert len(problems) == 3
    usable, problems = check_keymap({"quit": "q,x", "list.down": "n"}, defaults)
    assert usable == {"quit": "q,x", "list.down": "n"} and problems == []


def test_binding_defaults_name_every_binding_id_the_app_has() -> None:
    defaults = binding_defaults()
    assert defaults["quit"] == "q" and defaults["help"] == "question_mark"
    assert {"list.down", "bookmark", "refresh", "article.page-down"} <= set(defaults)


def test_a_broken_file_is_never_overwritten_by_a_theme_change() -> None:
    write_config('theme = "nord')
    with update_configuration() as config:
        config.theme = "gruvbox"
    assert paths.config_path().read_text(encoding="utf-8") == 'theme = "nord'
    assert not load_configuration().readable


def test_saving_keeps_comments_and_settings_it_does_not_know_and_leaves_no_temp_file() -> None:
    original = (
        '# my settings\ntheme = "nord"  # dark at night\nlater = [1, 2]\n\n'
        '[keys]\n# vim habits\n"list.down" = "n"  # next\n'
    )
    write_config(original)
    with update_configuration() as config:
        config.theme = "gruvbox"
    text = paths.config_path().read_text(encoding="utf-8")
    assert text == original.replace('"nord"', '"gruvbox"')  # comments, order and spacing kept
    assert tomllib.loads(text) == {"theme": "gruvbox", "later": [1, 2], "keys": {"list.down": "n"}}
    assert [p.name for p in paths.config_path().parent.iterdir() if "config" in p.name] == ["config.toml"]
