"""The tree-free path for <p> bodies with inline links, emphasis and "Baca juga: <a>" paragraphs
gives exactly what the full extraction gives, and is really taken for the common shape."""

from __future__ import annotations

import random

import pytest

from ikn_tui.core.extract import extract_fragment
from ikn_tui.core.extract.inline_markup import inline_fragment
from ikn_tui.core.feeds.rss_atom import extract

BASE = "https://kabar.example/berita/1"

COMMON = (
    '<p>Menteri Perhubungan (<a href="https://kabar.example/tag/menhub">Menhub</a>) Budi Karya '
    "Sumadi mengatakan harga <strong>tiket pesawat</strong> masih <em>mahal</em>.</p>\n"
    '<p><strong>Baca Juga: <a href="/berita/2">Bandara VVIP IKN Siap Dipakai</a></strong></p>\n'
    "<p>Paragraf kedua &amp; terakhir.</p>"
)

TRICKY = [
    COMMON,
    '<p><strong>Baca juga:</strong> <a href="https://kabar.example/3">Judul tiga</a></p><p>Isi.</p>',
    '<p>BACA JUGA: <a href="https://kabar.example/4">Judul empat</a></p>',
    '<p>Baca juga: <a href="https://kabar.example/4">Judul</a> dan kalimat panjang setelahnya yang bukan judul.</p>',
    '<p>Baca juga: <a href="https://kabar.example/4">Satu</a> <a href="https://kabar.example/5">Dua</a></p>',
    '<p>Baca juga <a href="https://kabar.example/4">tanpa titik dua</a></p>',
    '<p>Berita terkait: <a href="#atas">jangkar</a></p>',
    '<p>Baca juga: <a href="javascript:alert(1)">skrip</a></p>',
    '<p><a href="https://kabar.example/6">Hanya tautan</a></p><p>Isi.</p>',
    "<p><strong>Terpopuler</strong></p><p>Isi.</p>",
    "<p><strong>Terkini</strong> kabar dari Sepaku hari ini yang cukup panjang.</p>",
    "<p>Tidak <strong>bersarang <em>rapi</strong></em>.</p>",
    '<p>Tautan <a href="x">dalam <a href="y">tautan</a></a>.</p>',
    '<p>Atribut <a href="x" class="inner-link-tag">lain</a>.</p>',
    "<p>Tag <span>lain</span>.</p>",
    "<p>Tidak ditutup <strong>tebal.</p>",
    "<p>a &lt; b dan a &gt; b &amp; c</p>",
    "<p>Entitas &foo; aneh</p>",
    '<p>Href &amp; <a href="/q?a=1&amp;b=2">kueri</a>.</p>',
    "<p>Pewarta: Budi</p><p>(ant/dw)</p>",
    "<p>  </p><p></p><p>Isi saja.</p>",
    "<p>\x1b[31mkontrol</p>",
    "Teks <strong>tanpa</strong> paragraf",
    "<p>Dua</p> teks liar <p>Tiga</p>",
    '<p><strong>Baca Juga: <a href="/b/9"></a></strong></p>',
    '<p><b>Baca Juga</b>: <a href="/b/9">Judul - Kompas.com</a></p>',
    "<p>Simak breaking news di sini</p>",
]


@pytest.mark.parametrize("fragment", TRICKY)
def test_inline_path_matches_full_extraction(fragment: str) -> None:
    fast = inline_fragment(fragment, BASE)
    if fast is not None:
        assert fast == extract_fragment(fragment, BASE)
    assert extract(fragment, BASE, fast=True) == extract(fragment, BASE, fast=False)


def test_inline_path_taken_for_the_common_shape() -> None:
    body, related, images = inline_fragment(COMMON, BASE) or ([], [], None)
    assert body[0].startswith("Menteri Perhubungan (Menhub) Budi Karya Sumadi")
    assert "tiket pesawat masih mahal" in body[0]
    assert [(r.title, r.url, r.position) for r in related] == [
        ("Bandara VVIP IKN Siap Dipakai", "https://kabar.example/berita/2", 1)
    ]
    assert images == []
    with_photo = '<figure><img src="/foto/1.jpg" alt="Sepaku"><figcaption>Warga (Foto: Antara)</figcaption></figure>' + COMMON
    assert inline_fragment(with_photo, BASE) == extract_fragment(with_photo, BASE)
    assert inline_fragment(with_photo, BASE)[2] == ["https://kabar.example/foto/1.jpg"]
    assert inline_fragment('<p>Atribut <a href="x" class="c">lain</a>.</p>', BASE) is None
    assert inline_fragment("<p>Tag <span>lain</span>.</p>", BASE) is None


_WORDS = "Ibu Kota Nusantara Sepaku warga jalan tol bendungan Otorita proyek tahap dana".split()
_PIECES = [
    "<strong>", "</strong>", "<em>", "</em>", "<b>", "</b>", "<i>", "</i>", "</a>",
    '<a href="/t/1">', '<a href="https://kabar.example/t/2">', '<a href="#x">', '<a href="">',
    "&amp;", "&nbsp;", "&#8220;", "&quot;", " ", "  ", "\n", ". ", ", ", ": ",
    "Baca juga:", "BACA JUGA: ", "Berita terkait", "Terpopuler", "Pewarta:", "(ant)", "Simak video",
]


def _words(rng: random.Random, most: int = 6) -> str:
    return " ".join(rng.choice(_WORDS) if rng.random() < 0.8 else rng.choice(_PIECES[11:]) for _ in range(rng.randint(0, most)))


def _element(rng: random.Random, depth: int = 0) -> str:
    name = rng.choice(["strong", "em", "b", "i", "a", "a"])
    opening = f'<a href="{rng.choice(["/t/1", "https://kabar.example/t/2", "#x", "", "/q?a=1&amp;b=2"])}">' if name == "a" else f"<{name}>"
    inner = _words(rng)
    if depth == 0 and rng.random() < 0.25:
        inner += " " + _element(rng, 1)
    return f"{opening}{inner}</{name}>"


def _random_figure(rng: random.Random) -> str:
    img = rng.choice([
        '<img src="/foto/1.jpg" alt="Foto">', '<img alt="x" src="https://kabar.example/f.jpg"/>',
        '<img src="/f.jpg" width="1" height="1">', '<img data-src="/lazy.jpg" src="/f.jpg">',
        '<img src="javascript:x">', '<img src="#a">', '<img src="/f.jpg" class="foto" loading="lazy" />',
        "<img>", '<img src="/q?a=1&amp;b=2">',
    ])
    caption = rng.choice(["", "<figcaption>Warga di Sepaku (Foto: Antara)</figcaption>",
                          "<figcaption>Baca juga: keterangan</figcaption>", "<figcaption></figcaption>",
                          "<figcaption>Dua <b>tebal</b></figcaption>"])
    return f"<figure>{img}{caption}</figure>"


def _random_paragraph(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return _random_figure(rng)
    if rng.random() < 0.15:
        label = rng.choice(["Baca juga: ", "BACA JUGA: ", "Baca Juga : ", "Berita Terkait: ", "Baca juga "])
        link = f'<a href="/r/{rng.randint(1, 99)}">{_words(rng)}</a>'
        inner = rng.choice([f"<strong>{label}{link}</strong>", f"<strong>{label}</strong>{link}", f"{label}{link}"])
        return f"<p>{inner}</p>"
    parts = []
    for _ in range(rng.randint(1, 8)):
        roll = rng.random()
        parts.append(_words(rng) if roll < 0.55 else _element(rng) if roll < 0.95 else rng.choice(_PIECES))
    return "<p>" + " ".join(parts) + "</p>"


def test_inline_path_matches_on_random_fragments() -> None:
    rng = random.Random(14)
    taken = 0
    for _ in range(3000):
        fragment = "\n".join(_random_paragraph(rng) for _ in range(rng.randint(1, 6)))
        fast = inline_fragment(fragment, BASE)
        if fast is not None:
            taken += 1
            assert fast == extract_fragment(fragment, BASE), repr(fragment)
    assert taken > 500  # the comparison covered the inline path, not only fallbacks
