"""One language at a time: how the language is chosen, the catalogues (complete, compiled,
shipped), dates and numbers per language."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ikn_tui.i18n import _, format_datetime, format_number, resolve_language, set_language
from ikn_tui.i18n.catalog import LOCALE_DIR
from ikn_tui.i18n.extract import LAYERS, layer_msgids, non_literal_calls
from ikn_tui.i18n.mo import mo_bytes, parse_po, po_files
from ikn_tui.ui import keys


def _catalogue(code: str) -> dict[str, str]:
    return parse_po((LOCALE_DIR / code / "LC_MESSAGES" / "ikn_read.po").read_text(encoding="utf-8"))


def _registry_msgids() -> set[str]:
    found = {"Spasi"}
    for key in keys.KEYS:
        found |= {text for text in (key.help, key.label, key.palette, key.palette_help) if text}
    return found


# --------------------------------------------------------------------------- choosing the language


def test_the_option_wins_then_the_environment_then_the_config_then_indonesian() -> None:
    env = {"IKN_READ_LANG": "en"}
    assert resolve_language("id", env, "en") == "id"
    assert resolve_language(None, env, "id") == "en"
    assert resolve_language(None, {}, "en") == "en"
    assert resolve_language(None, {}, None) == "id"


def test_lang_is_never_read_and_unknown_values_are_passed_over() -> None:
    assert resolve_language(None, {"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}, None) == "id"
    assert resolve_language(None, {"IKN_READ_LANG": "fr"}, "en") == "en"
    assert resolve_language(None, {"IKN_READ_LANG": "EN_gb.UTF-8"}, None) == "en"
    assert resolve_language(None, {}, 42) == "id"  # a config value of the wrong type


def test_set_language_switches_the_words() -> None:
    assert set_language("en") == "en"
    assert _("Keluar") == "Quit"
    assert _("the store is empty: add feeds with 'ikn-read feeds add URL', then 'ikn-read refresh'").startswith(
        "the store"
    )
    assert set_language("id") == "id"
    assert _("Keluar") == "Keluar"
    assert _("never").startswith("belum")
    assert set_language("xx") == "id"


# --------------------------------------------------------------------------- the catalogues


@pytest.mark.parametrize(("layer", "code"), sorted(LAYERS.items()))
def test_every_string_of_a_layer_is_in_the_other_languages_catalogue(layer: str, code: str) -> None:
    wanted = layer_msgids(layer) | (_registry_msgids() if layer == "ui" else set())
    assert len(wanted) > 100
    catalogue = _catalogue(code)
    missing = sorted(m for m in wanted if m not in catalogue)
    assert not missing, f"not in locale/{code}: {missing[:10]}"


def test_no_translated_string_is_built_at_run_time() -> None:
    for layer in LAYERS:
        assert non_literal_calls(layer) == []


@pytest.mark.parametrize("code", ["en", "id"])
def test_translations_keep_every_placeholder(code: str) -> None:
    for msgid, msgstr in _catalogue(code).items():
        if not msgid:
            continue
        wanted = sorted(re.findall(r"\{[^}]*\}", msgid.split("\0")[0]))  # plural forms: each has them all
        for form in msgstr.split("\0"):
            assert sorted(re.findall(r"\{[^}]*\}", form)) == wanted, msgid


def test_the_compiled_catalogues_are_what_the_po_files_compile_to() -> None:
    files = po_files()
    assert {p.parent.parent.name for p in files} == {"en", "id"}
    for po in files:
        expected = mo_bytes(parse_po(po.read_text(encoding="utf-8")))
        assert po.with_suffix(".mo").read_bytes() == expected, f"run: python -m ikn_tui.i18n.mo ({po})"


def test_the_mo_writer_round_trips_through_stdlib_gettext(tmp_path: Path) -> None:
    import gettext

    data = mo_bytes({"": "Content-Type: text/plain; charset=UTF-8\n", "Kata": "Word", "ü {n}": "ä {n}"})
    path = tmp_path / "t.mo"
    path.write_bytes(data)
    with path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert catalogue.gettext("Kata") == "Word"
    assert catalogue.gettext("ü {n}") == "ä {n}"
    assert catalogue.gettext("other") == "other"


def test_fuzzy_and_empty_entries_are_left_out() -> None:
    text = 'msgid "a"\nmsgstr "A"\n\n#, fuzzy\nmsgid "b"\nmsgstr "B"\n\nmsgid "c"\nmsgstr ""\n\nmsgid ""\n"d"\n"e"\nmsgstr "DE"\n'
    assert parse_po(text) == {"a": "A", "de": "DE"}


def test_the_readme_key_table_stays_indonesian_in_english() -> None:
    indonesian = keys.readme_table()
    set_language("en")
    try:
        assert keys.readme_table() == indonesian
        assert "Keluar" in indonesian
        english_help = keys.help_rows(translate=True)
        assert any(text == "Quit" for _, _, text in english_help)
    finally:
        set_language("id")


# --------------------------------------------------------------------------- dates and numbers

MONDAY = datetime(2025, 6, 22, 23, 50, tzinfo=UTC)  # 06.50 WIB on Monday 23 June


def test_dates_follow_the_language() -> None:
    assert format_datetime(MONDAY, language="id") == "Senin, 23 Juni 2025 06.50 WIB"
    assert format_datetime(MONDAY, language="en") == "Monday, 23 June 2025 06:50 WIB"
    assert format_datetime(MONDAY.replace(tzinfo=None), weekday=False, language="id") == "23 Juni 2025 06.50 WIB"


def test_numbers_follow_the_language() -> None:
    assert format_number(1234, language="id") == "1.234"
    assert format_number(1234, language="en") == "1,234"
    assert format_number(1234567.5, decimals=1, language="id") == "1.234.567,5"
    set_language("en")
    try:
        assert format_number(1234) == "1,234"
    finally:
        set_language("id")


# --------------------------------------------------------------------------- the core's words on screen


def test_feed_status_words_follow_the_language() -> None:
    from ikn_tui.core.models import Subscription
    from ikn_tui.ui.widgets.feed_list import status_label

    sub = Subscription(url="https://x.example/rss", status="error")
    assert status_label(sub)[0] == "gagal"
    set_language("en")
    try:
        assert status_label(sub)[0] == "failed"
    finally:
        set_language("id")


def test_one_layers_msgid_is_never_changed_by_the_other_layers_catalogue() -> None:
    """ui/ msgids are Indonesian and cli/ msgids English, in one gettext domain: a cli
    msgid in locale/id must not also be a ui msgid (it would change the reader's Indonesian),
    nor a ui msgid in locale/en a cli one."""
    ui = layer_msgids("ui") | _registry_msgids()
    cli = layer_msgids("cli")
    indonesian, english = _catalogue("id"), _catalogue("en")
    assert [m for m in ui if indonesian.get(m, m) != m] == []
    assert [m for m in cli if english.get(m, m) != m] == []
