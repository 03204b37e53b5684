"""The core's problems (a kind plus details) and their words: every kind has an English
line for logs and wording in both catalogues; stored problems come back in the language
of the moment; untrusted details stay clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ikn_tui.core.models import Subscription
from ikn_tui.core.problem import ENGLISH, Problem, ProblemKind, caused, problem, text_problem
from ikn_tui.core.store import Store, StoreError
from ikn_tui.i18n import set_language
from ikn_tui.i18n.catalog import LOCALE_DIR
from ikn_tui.i18n.mo import parse_po
from ikn_tui.ui.problem_words import WORDS, error_words, words

PLACEHOLDER = re.compile(r"\{([^}]*)\}")


@pytest.fixture(autouse=True)
def _indonesian_after() -> object:
    yield
    set_language("id")


def _english_catalogue() -> dict[str, str]:
    return parse_po((LOCALE_DIR / "en" / "LC_MESSAGES" / "ikn_read.po").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", list(ProblemKind))
def test_every_kind_has_english_for_logs_and_words_in_both_languages(kind: ProblemKind) -> None:
    assert kind in ENGLISH, f"no English line for {kind}"
    assert kind in WORDS, f"no wording for {kind} in ui/problem_words.py"
    english = _english_catalogue()
    indonesian = WORDS[kind]
    assert indonesian in english, f"locale/en lacks {indonesian!r}"
    details = set(PLACEHOLDER.findall(ENGLISH[kind]))
    if kind not in (ProblemKind.HTTP_STATUS, ProblemKind.HTTP_GONE, ProblemKind.HTTP_RETRY):
        assert set(PLACEHOLDER.findall(indonesian)) == details, kind  # every detail the core gives is shown
    else:  # the status phrase ("Not Found") is English: only the log line has it
        assert set(PLACEHOLDER.findall(indonesian)) == details - {"phrase"}, kind
    sample = problem(kind, **{name: f"<{name}>" for name in details})
    set_language("id")
    said_id = words(sample)
    set_language("en")
    said_en = words(sample)
    assert all(f"<{name}>" in said_id and f"<{name}>" in said_en for name in details - {"phrase", "cause", "expected"})
    if re.search(r"[a-z]", PLACEHOLDER.sub("", indonesian)):  # words of its own, not only details
        assert said_id != said_en, f"{kind}: the same words in both languages"


def test_a_problem_is_english_in_logs_and_worded_on_screen() -> None:
    refused = problem(ProblemKind.REFUSED, "http://127.0.0.1:9/rss", host="127.0.0.1")
    assert str(refused) == "http://127.0.0.1:9/rss: connection refused by 127.0.0.1"
    assert words(refused) == "http://127.0.0.1:9/rss: 127.0.0.1 menolak sambungan"
    set_language("en")
    assert words(refused) == "http://127.0.0.1:9/rss: connection refused by 127.0.0.1"


def test_details_are_cleaned_and_never_markup() -> None:
    hostile = problem(ProblemKind.DNS, "x\x1b]8;;evil\x07y", host="[b]bad\x1b[31m\u202e.example\x9b")
    assert "\x1b" not in str(hostile) and "\u202e" not in words(hostile) and "\x9b" not in words(hostile)
    assert "[b]bad.example" in words(hostile)  # shown literally: the UI draws it as Text, never markup
    assert "\n" not in words(text_problem("two\nlines"))


def test_a_nested_problem_is_worded_too() -> None:
    store_down = StoreError(problem(ProblemKind.DB_READONLY, path="/data/ikn.db"), "readonly")
    not_stored = caused(ProblemKind.NOT_STORED, store_down.problem)
    assert str(not_stored) == "not stored: database is read-only: /data/ikn.db"
    assert words(not_stored) == "Tidak tersimpan: basis data hanya-baca: /data/ikn.db"
    assert error_words(store_down) == "basis data hanya-baca: /data/ikn.db"
    assert error_words(ValueError("plain\x1b[31m")) == "plain"


def test_a_stored_problem_round_trips_and_old_english_text_stays_as_it_was() -> None:
    http = problem(ProblemKind.HTTP_STATUS, "https://x.example/rss", code=503, phrase="Service Unavailable")
    assert Problem.from_stored(http.to_json()) == http
    old = Problem.from_stored("HTTP 503 Service Unavailable\x1b[31m")
    assert old is not None and old.kind is ProblemKind.TEXT and words(old) == "HTTP 503 Service Unavailable"
    assert Problem.from_stored('{"kind": "no-such-kind"}') == text_problem('{"kind": "no-such-kind"}')
    assert Problem.from_stored(None) is None and Problem.from_stored("") is None


def test_a_feeds_last_error_is_stored_as_a_kind_and_worded_in_the_language_of_the_moment(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.add_subscription("https://x.example/rss")
        sub = Subscription("https://x.example/rss", status="error",
                           message=problem(ProblemKind.HTTP_STATUS, code=404, phrase="Not Found"))
        store.update_subscription(sub)
        got = store.get_subscription("https://x.example/rss")
        assert got is not None and got.message is not None and got.message.kind is ProblemKind.HTTP_STATUS
        assert words(got.message) == "jawaban HTTP 404"
        set_language("en")
        assert words(got.message) == "HTTP 404"
        # A message written by an older ikn-read (English text) is shown as it is.
        with store._writing() as conn:
            conn.execute("UPDATE subscriptions SET message = ? WHERE url = ?", ("HTTP 410 Gone", sub.url))
        old = store.get_subscription(sub.url)
        assert old is not None and words(old.message) == "HTTP 410 Gone"


def test_config_expectations_are_worded() -> None:
    wrong = problem(ProblemKind.CONFIG_BAD_VALUE, file="config.toml", key="'refresh.per_host'",
                    expected="a whole number, 1 or more", value="'0'", default="4")
    assert words(wrong) == "config.toml: 'refresh.per_host' harus bilangan bulat, 1 atau lebih, bukan '0'; memakai 4"
    flag = problem(ProblemKind.CONFIG_BAD_VALUE_UNSET, file="c", key="'k'", expected="true or false", value="1")
    assert "true atau false" in words(flag)
    set_language("en")
    assert "true or false" in words(flag)


def test_the_stores_damage_report_keeps_sqlites_words_and_says_its_own_in_the_language() -> None:
    from ikn_tui.core.store import DAMAGE_INDEX, DAMAGE_MORE, DAMAGE_UTF8
    from ikn_tui.ui.problem_words import damage_words

    sqlite_report = "row 5 missing from index idx_url; wrong # of entries in index idx_url"
    report = sqlite_report + DAMAGE_MORE.format(n=3)
    assert damage_words(report) == sqlite_report + " (dan 3 lagi)"
    assert damage_words(DAMAGE_INDEX + DAMAGE_UTF8) == (
        "indeks pencarian: teks yang bukan UTF-8 sah di tempat yang seharusnya berisi teks"
    )
    set_language("en")
    assert damage_words(report) == report
    assert damage_words("bad\x1b[31m page") == "bad page"


def test_a_problem_crosses_a_process_boundary_and_can_be_a_set_member() -> None:
    import pickle

    sent = problem(ProblemKind.FEED_ITEMS_SKIPPED, "https://x.example/rss", read=2, total=3, skipped=1,
                   reasons="unreadable markup")
    back = pickle.loads(pickle.dumps(sent))  # parse workers send ParsedFeed values pickled
    assert back == sent and back.kind is ProblemKind.FEED_ITEMS_SKIPPED and str(back) == str(sent)
    assert len({sent, back, text_problem("x")}) == 2
