"""A small seeded mutation fuzzer over the project's own fixtures (issue 11).

Two kinds of cases, a fixed number of each (a few seconds in all):

* targeted: one hostile thing put into ONE item of a good feed (an invalid
  character reference, a lone surrogate escape, an item nested in a
  category, raw invalid UTF-8, an escape sequence, a NUL): every other item
  must still be read, and the damaged one too when it can be repaired;
* random: bytes flipped, cut, repeated or inserted anywhere in any fixture.

Every case goes through the real CLI (``list --json FILE``) in-process. No
case may put an exception's name or text on stderr, exit with a traceback,
or print anything on stdout but valid JSON.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from ikn_tui.cli.main import main
from ikn_tui.core.feeds import parse_feed, parse_json_feed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = 20251130
RANDOM_CASES = 60
EXCEPTION_TEXT = re.compile(
    r"Traceback|Exception\b|[A-Z][a-z]+Error\b|codec can't|surrogates not allowed|int too large|object has no attribute"
)

GOOD_FEEDS = [FIXTURES / "feeds" / name for name in ("atom.xml", "rss10_rdf.xml", "media_images.xml", "quirks.xml")]
GOOD_FEEDS += [FIXTURES / "site" / "feed.xml"]
GOOD_JSON = [FIXTURES / "jsonfeed" / "versi_1_0.json", FIXTURES / "jsonfeed" / "warta_benua_1_1.json"]

# Put inside one item's title: (text to insert, can the item itself be kept?)
XML_POISONS = [
    ("&#xD800;", True), ("&#x110000;", True), ("&#99999999999;", True), ("&#55296;", True),
    ("\x1b]8;;http://evil.example\x07klik\x1b]8;;\x07", True), ("\x1b[2J", True),
]
# Put between an item's children.
XML_SIBLING_POISONS = [
    "<category>Politik<item>x</item></category>",
    '<dc:subject xmlns:dc="http://purl.org/dc/elements/1.1/">Sub<item>x</item></dc:subject>',
    '<textInput><dc:subject xmlns:dc="http://purl.org/dc/elements/1.1/">x</dc:subject></textInput>',
]
_ITEM = re.compile(rb"<(?:item|entry)[\s>]")
_TITLE_TEXT = re.compile(rb"(<title[^>]*>)([^<]{3,})(</title>)")


def _fixtures() -> list[Path]:
    found = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.stat().st_size < 300_000]
    return [p for p in found if "__snapshots__" not in p.parts and p.suffix != ".svg"]


def _titles(path: Path) -> list[str]:
    data = path.read_bytes()
    if path.suffix == ".json":
        return [a.title for a in parse_json_feed(data, "https://contoh.example/feed.json")[1]]
    parsed = parse_feed(data, "https://contoh.example/rss")
    assert parsed.error is None
    return [a.title for a in parsed.articles]


def _run_list(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]] | None, str]:
    code = main(["list", "--json", "--offline", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert not EXCEPTION_TEXT.search(err), err
    assert not any(ch in err for ch in "\x1b\x9b\x07"), repr(err)
    rows = json.loads(out) if out.strip() else None
    return code, rows, err


def _poison_item(data: bytes, rng: random.Random, poison: bytes, in_title: bool) -> tuple[bytes, int]:
    """``poison`` put into one item; returns (document, index of the item)."""
    starts = [m.start() for m in _ITEM.finditer(data)]
    index = rng.randrange(len(starts))
    start = starts[index]
    end = starts[index + 1] if index + 1 < len(starts) else len(data)
    chunk = data[start:end]
    if in_title and (title := _TITLE_TEXT.search(chunk)):
        cut = title.start(2) + rng.randrange(1, len(title.group(2)))
        chunk = chunk[:cut] + poison + chunk[cut:]
    else:
        close = chunk.find(b">") + 1
        chunk = chunk[:close] + poison + chunk[close:]
    return data[:start] + chunk + data[end:], index


def _targeted_cases() -> list[tuple[Path, str, bool, int]]:
    rng = random.Random(SEED)
    cases = []
    for feed in GOOD_FEEDS:
        for poison, keeps in XML_POISONS:
            cases.append((feed, poison, keeps, rng.randrange(1 << 30)))
        for poison in XML_SIBLING_POISONS:
            cases.append((feed, poison, False, rng.randrange(1 << 30)))
    return cases


@pytest.mark.parametrize("feed, poison, keeps, seed", _targeted_cases(),
                         ids=lambda v: v.name if isinstance(v, Path) else None)
def test_one_poisoned_item_loses_no_other_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], feed: Path, poison: str, keeps: bool, seed: int
) -> None:
    rng = random.Random(seed)
    before = _titles(feed)
    in_title = not poison.startswith("<")
    data, index = _poison_item(feed.read_bytes(), rng, poison.encode("utf-8", "surrogatepass"), in_title)
    path = tmp_path / feed.name
    path.write_bytes(data)
    code, rows, err = _run_list(path, capsys)
    others = [t for n, t in enumerate(before) if n != index]
    if not others and not keeps and code == 1:  # the only item could not be read: said in words
        assert "0 of 1 items read; 1 skipped" in err, err
        return
    assert code == 0 and rows is not None, err
    titles = [str(row["title"]) for row in rows]
    for title in others:
        assert title in titles, (title, titles, err)
    if keeps:
        assert len(titles) == len(before), (titles, err)


@pytest.mark.parametrize("feed", GOOD_JSON, ids=lambda p: p.name)
@pytest.mark.parametrize("poison", ["\\ud800", "\\udfff", "\\ud800\\u0041", "\\u0000", "\\u001b[31m"])
def test_json_feed_with_a_poisoned_title(tmp_path: Path, capsys: pytest.CaptureFixture[str], feed: Path, poison: str) -> None:
    before = _titles(feed)
    text = feed.read_text(encoding="utf-8")
    at = text.index('"title"', text.index('"items"'))
    at = text.index('"', text.index(":", at)) + 1
    path = tmp_path / feed.name
    path.write_text(text[:at] + poison + text[at:], encoding="utf-8")
    code, rows, err = _run_list(path, capsys)
    assert code == 0 and rows is not None and len(rows) == len(before), err


def _mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif kind == 1:  # cut the rest
            del data[at:]
        elif kind == 2:  # repeat a slice
            end = min(len(data), at + rng.randint(1, 400))
            data[at:at] = data[at:end] * rng.randint(1, 3)
        elif kind == 3:  # hostile token
            token = rng.choice([b"&#xD800;", b"&#x110000;", b"&#99999999999;", b"\\ud800", b"\xff\xfe", b"\x00",
                                b"\x1b[31m", b"<item>", b"</item>", b"<![CDATA[", b"]]>", b"&amp;#xD800;", b"\xed\xa0\x80"])
            data[at:at] = token
        elif kind == 4:  # delete a slice
            del data[at : at + rng.randint(1, 200)]
        else:  # swap two slices
            other = rng.randrange(len(data) + 1)
            a, b = sorted((at, other))
            data[a:b] = data[a:b][::-1]
        if not data:
            data = bytearray(b"x")
    return bytes(data)


def test_random_mutations_never_leak_an_exception(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(SEED)
    fixtures = _fixtures()
    assert len(fixtures) > 20
    for case in range(RANDOM_CASES):
        source = rng.choice(fixtures)
        path = tmp_path / f"kasus-{case:03d}{source.suffix}"
        path.write_bytes(_mutate(source.read_bytes(), rng))
        code, rows, err = _run_list(path, capsys)
        assert code in (0, 1), (source, err)
        if code == 0:
            assert rows is not None
