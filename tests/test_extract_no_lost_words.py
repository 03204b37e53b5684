"""Invariant: no word of the article text vanishes.

Every line of the article container (as the page has it, before anything is
cut) must be either in the body (or kept as a caption) word for word, or
inside something the extractor reports it removed on purpose (a whole Baca
Juga block, a boilerplate box, a junk line). A line that is only partly in
the body ("Menteri Perhubungan () Budi Karya Sumadi": the tag link's word
gone) fails.

Runs over every project fixture page and demo page and, where ``../shared/real-world`` is
present, over every real page there.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from ikn_tui.core.extract import explain_article
from ikn_tui.core.text import decode_bytes

ROOT = Path(__file__).resolve().parent
DEMO = ROOT.parent / "src" / "ikn_tui" / "demo" / "pages"
FIXTURES = sorted((ROOT / "fixtures").rglob("*.html")) + sorted(DEMO.glob("*.html"))
REAL_DIR = ROOT.parent.parent / "shared" / "real-world" / "pages"
REAL = sorted(REAL_DIR.glob("*.html")) if REAL_DIR.is_dir() else []

# The test's own idea of where a line ends (not the extractor's).
_BREAKS = frozenset(
    "p div section article main li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table tbody thead tfoot "
    "tr td th caption figure figcaption header footer aside nav center hr address details summary form "
    "fieldset br".split()
)
_WORD = re.compile(r"\w+")


def words(text: str) -> str:
    """" a b c ": the words, case-folded, space-framed for substring tests."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " " + " ".join(_WORD.findall(text)) + " "


def lines_of(container: etree._Element) -> list[str]:
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = "".join(buffer).strip()
        buffer.clear()
        if text:
            lines.append(text)

    for event, el in etree.iterwalk(container, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if event == "start":
            if el.tag in _BREAKS:
                flush()
            buffer.append(el.text or "")
        else:
            if el.tag in _BREAKS:
                flush()
            if el is not container:
                buffer.append(el.tail or "")
    flush()
    return lines


def lost_lines(html: str) -> list[str]:
    """Lines of the article container neither kept whole nor removed whole."""
    explained = explain_article(html)
    article = explained.article
    kept = words(" ".join([*article.body, *article.captions]))
    removed = [words(text) for _why, text in explained.removed]
    lost = []
    for container in explained.containers:
        for line in lines_of(container):
            key = words(line)
            if key.strip() and key not in kept and not any(key in r for r in removed):
                lost.append(line)
    return lost


def _read(path: Path) -> str:
    return decode_bytes(path.read_bytes(), None, kind="html")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_pages_lose_no_word(path: Path) -> None:
    assert lost_lines(_read(path)) == []


@pytest.mark.skipif(not REAL, reason="../shared/real-world is not present")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_pages_lose_no_word(path: Path) -> None:
    assert lost_lines(_read(path)) == []


def test_a_vanished_word_is_caught() -> None:
    """The check itself: a line with one word missing from the body fails."""
    html = (
        "<html><body><article><div class='read__content'>"
        "<p>Menteri Perhubungan (<a class='inner-link-tag' href='/tag/menhub'>Menhub</a>) Budi Karya "
        "Sumadi menyebut ada sejumlah faktor yang menyebabkan harga tiket pesawat masih mahal.</p>"
        "<p>Paragraf kedua yang cukup panjang untuk menjadi isi artikel yang sebenarnya di sini.</p>"
        "</div></article></body></html>"
    )
    assert lost_lines(html) == []
    explained = explain_article(html)
    body = explained.article.body
    assert body[0].startswith("Menteri Perhubungan (Menhub) Budi Karya Sumadi")
    # Simulate an extractor that drops the tag link's word: the check must see it.
    kept = words(" ".join([body[0].replace("(Menhub)", "()"), *body[1:]]))
    line = lines_of(explained.containers[0])[0]
    assert words(line) not in kept
