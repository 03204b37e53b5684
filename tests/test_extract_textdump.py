"""Plain-text article dumps: header, body, Baca Juga blocks, sign-offs."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikn_tui.core.extract.textdump import looks_like_text_dump, parse_text_dump
from ikn_tui.core.models import RelatedLink

FIXTURES = Path(__file__).parent / "fixtures" / "text"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_26612fbb2dd94467.txt"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _no_leftovers(article, related_titles: list[str]) -> None:
    for paragraph in article.body:
        assert paragraph.strip(" :").casefold() not in {"baca juga", "author", "artikel terkait"}
        assert paragraph not in related_titles
        assert not paragraph.startswith(("BACA JUGA", "Baca Juga", "Simak juga", "Artikel terkait"))


def test_seed_article() -> None:
    if not SEED.exists():
        pytest.skip("shared seed article not available")
    text = SEED.read_text(encoding="utf-8")
    assert looks_like_text_dump(text)
    article = parse_text_dump(text, origin=str(SEED))
    assert article.title == "Rakor Perencanaan di IKN, Sinergi Perkuat Arah Kebijakan"
    assert article.category == "Kabar Ibu Kota"
    assert article.author == "Is Wahyudi"
    assert [r.to_json() for r in article.related] == [
        {"title": "Lima Desa di PPU Segera Nikmati Internet Gratis", "url": None}
    ]
    assert article.body[0].startswith("IBUKOTAKINI.COM – Wakil Bupati")
    assert article.body[-1].endswith("pungkasnya.")
    assert article.source == "ibukotakini.com"
    assert article.summary and article.summary.startswith("Sinkronisasi perencanaan")
    assert article.url is None and article.published is None and article.full is True
    assert article.origin == str(SEED)
    _no_leftovers(article, ["Lima Desa di PPU Segera Nikmati Internet Gratis"])
    # the related block stood before the paragraph that follows it
    position = article.related[0].position
    assert 0 < position < len(article.body)
    assert article.body[position - 1].endswith("Syarifah Alawiyah.")


def test_lima_desa_fixture() -> None:
    article = parse_text_dump(_fixture("lima_desa_internet.txt"), origin="lima.txt")
    assert article.title == "Lima Desa di PPU Segera Nikmati Internet Gratis"
    assert article.category == "Teknologi Daerah"
    assert article.author == "Rina Maharani"
    assert article.source == "wartabenua.id"
    assert article.summary == (
        "Menara pemancar baru dibangun di tepi Sungai Riko untuk menjangkau permukiman nelayan"
    )
    assert article.related == [
        RelatedLink(
            "Jaringan Serat Optik Mulai Menjangkau Kecamatan Sepaku",
            "https://wartabenua.id/2025/06/serat-optik-sepaku",
            2,
        )
    ]
    assert len(article.body) == 4
    assert article.body[0].startswith("WARTABENUA.ID – Warga di lima desa")
    assert article.body[-1].endswith("usaha kecil.")  # "(ant)" removed
    assert article.origin == "lima.txt"


def test_two_baca_juga_blocks() -> None:
    article = parse_text_dump(_fixture("two_baca_juga.txt"))
    assert article.title == "Pasar Apung Balikpapan Ramai Dikunjungi Saat Libur Sekolah"
    assert article.category == "Ekonomi"
    assert article.author == "Dimas Prasetyo"
    assert article.published == "2025-06-17T09:30:00+08:00"
    assert article.related == [
        RelatedLink("Festival Perahu Hias Digelar Akhir Pekan Ini", None, 2),
        RelatedLink("Harga Bawang Merah di Samarinda Mulai Turun", None, 4),
    ]
    assert article.body[2].startswith("“Biasanya jam sepuluh")
    assert article.body[4].startswith("Dinas Perdagangan")
    # the hard-wrapped paragraph is joined back into one
    assert article.body[1] == (
        "Salah seorang pedagang, Siti Aminah, mengaku sejak pagi perahunya "
        "sudah dipenuhi pembeli yang mencari ikan asin dan kue tradisional."
    )
    assert article.body[-1].endswith("musim liburan.")
    _no_leftovers(article, [r.title for r in article.related])


def test_no_author_block() -> None:
    article = parse_text_dump(_fixture("no_author.txt"))
    assert article.title == "Jembatan Gantung Desa Bukit Raya Selesai Diperbaiki"
    assert article.category == "Kabar Daerah"
    assert article.author is None
    assert article.source is None
    assert article.summary == "Warga kembali bisa menyeberang tanpa perahu setelah tiga bulan menunggu"
    assert article.body[0].startswith("Perbaikan jembatan gantung")
    assert article.body[-1] == "Ia berharap pemerintah kabupaten juga membangun penerangan di kedua ujung jembatan."
    assert [r.title for r in article.related] == [
        "Pemkab Siapkan Anggaran Perbaikan Jalan Desa",
        "Sungai Meluap, Akses Dusun Terputus Sementara",
    ]
    assert {r.position for r in article.related} == {2}
    _no_leftovers(article, [r.title for r in article.related])


def test_no_category() -> None:
    article = parse_text_dump(_fixture("no_category.txt"))
    assert article.title == "Petani Sepaku Mulai Panen Jagung di Lahan Bekas Tambang"
    assert article.category is None
    assert article.author == "Yohana Lestari"
    assert article.related == [RelatedLink("Bibit Durian Unggul Dibagikan ke Warga Sepaku", None, 2)]
    assert len(article.body) == 3  # the lone "(Red)" paragraph is dropped
    assert article.body[-1].endswith("musim tanam berikutnya.")


def test_crlf_bom_tabs_and_nbsp_are_tolerated() -> None:
    plain = parse_text_dump(_fixture("two_baca_juga.txt"))
    messy_text = "\ufeff" + _fixture("two_baca_juga.txt").replace("\n", "\r\n")
    messy_text = messy_text.replace("Baca Juga:", "Baca\u00a0Juga\t:").replace("Author", "\tAuthor  ")
    messy = parse_text_dump(messy_text)
    assert messy.to_json() == plain.to_json()
    assert looks_like_text_dump(messy_text)


@pytest.mark.parametrize(
    "label",
    ["BACA JUGA:", "Baca juga :", "Baca Juga Lainnya:", "Baca pula:", "ARTIKEL TERKAIT",
     "Berita Terkait:", "Simak juga:", "Lihat Juga -", "BACA\u00a0JUGA:"],
)
def test_every_label_is_recognised(label: str) -> None:
    text = (
        "Judul Berita Contoh\nDaerah\n\n"
        "Paragraf pertama berisi cukup banyak kata untuk menjadi isi berita yang wajar.\n\n"
        f"{label}\n\nJudul Berita Lain - contoh.com\n\n"
        "Paragraf kedua juga berisi cukup banyak kata agar tampak seperti isi berita."
    )
    article = parse_text_dump(text)
    assert article.related == [RelatedLink("Judul Berita Lain", None, 1)]
    assert len(article.body) == 2


@pytest.mark.parametrize("sep", [": ", ":", " : ", " - "])
def test_label_and_title_on_one_line(sep: str) -> None:
    text = (
        "Judul Berita Contoh\n\n"
        "Paragraf pertama berisi cukup banyak kata untuk menjadi isi berita yang wajar.\n\n"
        f"BACA JUGA{sep}Judul Berita Lain - contoh.com\n\n"
        "Paragraf kedua juga berisi cukup banyak kata agar tampak seperti isi berita."
    )
    article = parse_text_dump(text)
    assert article.related == [RelatedLink("Judul Berita Lain", None, 1)]
    assert [p[:9] for p in article.body] == ["Paragraf ", "Paragraf "]


def test_related_at_the_end_points_past_the_body() -> None:
    text = (
        "Judul\n\nSatu-satunya paragraf isi berita ini cukup panjang untuk dibaca orang.\n\n"
        "Baca juga:\nhttps://contoh.com/berita/lain"
    )
    article = parse_text_dump(text)
    assert article.related == [
        RelatedLink("https://contoh.com/berita/lain", "https://contoh.com/berita/lain", 1)
    ]


def test_body_sentence_starting_with_lihat_juga_is_kept() -> None:
    text = (
        "Judul\n\nParagraf pertama yang cukup panjang untuk menjadi isi berita biasa.\n\n"
        "Lihat juga bagaimana warga menanam pohon di sepanjang jalan desa itu."
    )
    article = parse_text_dump(text)
    assert article.related == []
    assert article.body[-1].startswith("Lihat juga bagaimana")


@pytest.mark.parametrize(
    ("ending", "expected"),
    [
        ("selesai. (Adv/Diskominfo)", "selesai."),
        ("selesai. (*)", "selesai."),
        ("selesai.(ant)", "selesai."),
        ("selesai. (Red)", "selesai."),
        ("selesai. (Adv)", "selesai."),
        ("selesai.” (ndi/rdh)", "selesai.”"),
        ("kata Kepala Otorita (OIKN)", "kata Kepala Otorita (OIKN)"),  # no sentence end: kept
    ],
)
def test_sign_off_is_removed(ending: str, expected: str) -> None:
    text = f"Judul\n\nParagraf isi berita yang cukup panjang dan akhirnya {ending}"
    article = parse_text_dump(text)
    assert article.body[-1] == f"Paragraf isi berita yang cukup panjang dan akhirnya {expected}"


def test_escape_sequences_are_removed() -> None:
    text = (
        "Judul \x1b[31mMerah\x1b[0m\x1b]8;;http://x\x07\nKategori\n\n"
        "Isi berita \x1b[2J yang tidak boleh membersihkan layar pembaca sama sekali.\u202e"
    )
    article = parse_text_dump(text)
    assert article.title == "Judul Merah"
    assert "\x1b" not in article.body[0] and "\u202e" not in article.body[0]


def test_trailer_author_line() -> None:
    text = (
        "Judul Berita\n\nParagraf isi berita yang cukup panjang agar terbaca sebagai isi.\n\n"
        "Penulis: Budi Santoso\nEditor: Ani Rahma"
    )
    article = parse_text_dump(text)
    assert article.author == "Budi Santoso"
    assert len(article.body) == 1


def test_title_only() -> None:
    article = parse_text_dump("Hanya Judul Saja\n")
    assert article.title == "Hanya Judul Saja"
    assert article.body == [] and article.related == []


@pytest.mark.parametrize("text", ["", "   \n\n\t", "\ufeff"])
def test_empty_text_raises_one_line_error(text: str) -> None:
    with pytest.raises(ValueError, match="no title"):
        parse_text_dump(text)


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><head><title>x</title></head><body><p>Isi berita</p></body></html>",
        "<html>\n<body>\n<p>Paragraf panjang berisi banyak kata untuk menguji deteksi.</p></body></html>",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        '<?xml version="1.0"?>\n<opml version="2.0"><head/><body><outline xmlUrl="https://a.id/feed"/></body></opml>',
        '<opml version="1.0"><body><outline xmlUrl="https://a.id/feed"/></body></opml>',
        '{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}',
        '[{"title": "a"}]',
        "https://a.id/feed\nhttps://b.id/feed\nhttps://c.id/feed\n",
        "Judul\n\x00\x01\x02 binary junk",
        "",
        "Judul saja",
        "Judul\n<p>satu</p>\n<p>dua</p>\n<div>tiga empat lima enam tujuh delapan sembilan</div>",
    ],
)
def test_looks_like_text_dump_rejects(text: str) -> None:
    assert not looks_like_text_dump(text)


@pytest.mark.parametrize(
    "name", ["lima_desa_internet.txt", "two_baca_juga.txt", "no_author.txt", "no_category.txt"]
)
def test_looks_like_text_dump_accepts_fixtures(name: str) -> None:
    assert looks_like_text_dump(_fixture(name))
