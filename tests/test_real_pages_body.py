"""Body text of the 28 real pages in ../shared/real-world/pages (skipped where
that folder is absent). Expectations written by reading each page: where the
text starts, words that must be in the body (inline links inside sentences
included), and page furniture, captions and related titles that must not.

``python tests/test_real_pages_body.py`` prints the score (checks that hold).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
REAL_DIR = ROOT.parent.parent / "shared" / "real-world" / "pages"

# file: (body starts with, must contain, must not contain)
EXPECT: dict[str, tuple[str, list[str], list[str]]] = {
    "antara-brotoseno-angie-2017.html": (
        "Jakarta (ANTARA News) - Peribahasa garam di laut",
        ["Awal Cerita", "Lantas bagaimana akhir cerita kedua sejoli ini?", "(Tipikor) Jakarta"],
        ["Baca juga", "Editor:"],
    ),
    "antara-lombok-penerbangan-2015.html": (
        "Mataram, NTB (ANTARA News) - Sebanyak 29 penerbangan",
        ["anak Gunung Rinjani", "348 orang penumpang internasional"],
        ["Editor:", "COPYRIGHT"],
    ),
    "detikhealth-stroke-2023.html": (
        "Jakarta - Seorang wanita muda terkena stroke",
        ["Donna King di County Durham", "National Health Service (NHS)"],
        ["[Gambas:", "SCROLL TO CONTINUE", "ADVERTISEMENT", "Simak Video", "Sederet Kebiasaan Pemicu"],
    ),
    "detikinet-galaxy-s6-2015.html": (
        "Jakarta - Galaxy S6 Edge, dengan material premium",
        ["tim Project Zero", "raksasa elektronik asal Korea Selatan"],
        ["(fyk/ash)"],
    ),
    "detiknews-robot-ugm-2015.html": (
        "Yogyakarta - Lima mahasiswa Universitas Gadjah Mada",
        ["Indonesia Rehabilitation Robot for Foot atau I-REBOT", "pungkas Nabil"],
        ["MUDA DAN MENGINSPIRASI", "(Bagus Kurniawan/detikcom)", "SHARES", "Follow detikcom"],
    ),
    "kapanlagi-brandon-salim-2015.html": (
        "Kapanlagi.com - Brandon Nicholas Salim",
        ["7 HARI MENEMBUS WAKTU", "Sahabat adalah Keluarga Yang Kita Pilih"],
        ["Jangan Lewatkan", "Terjebak Cinta Segitiga", "Fedi Nuril Kangen", "Heart Beat bikin Brandon terpukau"],
    ),
    "kompas-bola-pengaturan-skor-2015.html": (
        "JAKARTA, KOMPAS.com - Mantan pelatih Persidafon",
        ["Testimoni Membongkar Mafia Bola", "harus asisten"],
        ["Baca juga", "Editor", "Terpopuler"],
    ),
    "kompas-money-menhub-2023.html": (
        "JAKARTA, KOMPAS.com - Menteri Perhubungan (Menhub) Budi Karya Sumadi",
        ["harga tiket pesawat masih mahal saat ini", "menyebabkan harga tiket pesawat masih tinggi",
         "kondisi sosial politik global"],
        ["Perhubungan () Budi", "harga  masih", "Menhub Lobi Sri Mulyani", "Halaman Selanjutnya", "Show All"],
    ),
    "kompas-nasional-yuddy-pns-2016.html": (
        "JAKARTA, KOMPAS.com — Menteri Pendayagunaan Aparatur Negara",
        ["ranking 36 terbawah dirasionalisasi", "dilayani oleh 1,7 pegawai"],
        ["Baca juga", "Penulis"],
    ),
    "kompas-otomotif-gaikindo-2016.html": (
        "Jakarta, KompasOtomotif – Tahun depan",
        ["Persaingan", "PT Isuzu Astra Motor Indonesia (IAMI)"],
        ["Baca juga", "Editor"],
    ),
    "kompas-regional-lhokseumawe-2015.html": (
        "LHOKSEUMAWE, KOMPAS.com – Penyidik Polres Lhokseumawe",
        ["Din Minimi ke Kejari Lhoksukon", "ujar Teuku Rahmatsyah"],
        ["Baca juga", "Penulis"],
    ),
    "liputan6-news-jk-ahok-2015.html": (
        "Liputan6.com, Jakarta - Pada hari pertama puasa",
        ["Basuki Tjahaja Purnama atau Ahok", "331 ribu unit rumah"],
        ["JK: Puasa atau Tidak Puasa Dilarang Sweeping", "LOAD MORE"],
    ),
    "liputan6-showbiz-london-love-story-2016.html": (
        "Liputan6.com, Jakarta London Love Story",
        ["803.732 penonton", "sejak 4 Februari lalu"],
        ["Rate artikel ini", "Like (0)", "Dislike (0)", "Credits (2)", "Aditia Saputra", "Poster London Love Story",
         "5 Adegan London Love Story"],
    ),
    "liputan6-tekno-tri-2016.html": (
        "Liputan6.com, Jakarta - Indonesia memasuki fase dinamis",
        ["Layanan 4G", "Indosat Ooredoo, dan Smartfren"],
        ["Rate artikel ini", "Like (0)", "Credits (2)", "Baca Juga", "Telkomsel Targetkan Selimuti 40 Kota",
         "(tengah kiri-kanan)"],
    ),
    "mediaindonesia-igi-wisuda-2026.html": (
        "INTERNATIONAL Golden Institute (IGI School of Economics Jakarta)",
        ["ibu saya adalah seorang ekonom sejati", "cahaya dalam setiap langkah kehidupan"],
        ["(Dok.IGI )", "Baca juga"],
    ),
    "mediaindonesia-ihsg-2026.html": (
        "INDEKS Harga Saham Gabungan atau IHSG",
        ["Tekanan Sektor Bahan Baku", "To the moon"],
        ["IHSG Cetak Sejarah Tembus 9.000", "Biro Pers Sekretariat Presiden"],
    ),
    "mediaindonesia-raja-ampat-2025.html": (
        "Komisi Pemberantasan Korupsi (KPK) mengaku",
        ["PT Kawei Sejahtera Mining", "geopark Raja Ampat"],
        ["Hasil Penyelidikan Tambang Nikel Raja Ampat Segera Dirilis", "(Auriga Nusantara)"],
    ),
    "merdeka-guantanamo-2015.html": (
        "Merdeka.com - Banyak jalan seseorang beralih keyakinan",
        ["Muslim Legal Fund of America", "memperjuangkan kebenaran"],
        ["[ian]", "Kisah Mayor Raheem"],
    ),
    "okezone-lifestyle-diabetes-2015.html": (
        "DEPRESI jadi satu momok",
        ["Jakarta Diabetes Meeting 2015", "memiliki risiko dalam jangka panjang"],
        ["(ind)", "Baca Juga"],
    ),
    "okezone-news-ahok-bintang-lima-2015.html": (
        "JAKARTA - Gubernur DKI Jakarta Basuki Tjahaja Purnama (Ahok)",
        ["Panglima Besar Jenderal Sudirman", "Irman Putra Sidin"],
        ["Baca Juga"],
    ),
    "republika-ihram-haji-2017.html": (
        "IHRAM.CO.ID, BANJARMASIH -- Kepala Kantor Kementerian Agama",
        ["Peraturan Menteri Kesehatan Nomor 15 tahun 2016", "berasal dari Kota Banjarmasin"],
        ["Red:", "Rep:"],
    ),
    "republika-marcella-zalianty-2016.html": (
        "REPUBLIKA.CO.ID, JAKARTA -- Aktris dan sutradara Marcella Zalianty",
        ["Leonardo di Caprio", "Pantai Santolo, Jawa Barat"],
        ["Red:", "Sumber :"],
    ),
    "suara-angeline-2015.html": (
        "Suara.com - Kapolda Bali Irjen Pol.Ronny F Sompie",
        ["Pusat Labfor Mabes Polri", "Jalan Sedap Malam, Denpasar"],
        ["Baca Juga"],
    ),
    "tempo-gaya-malas-bergerak-2015.html": (
        "TEMPO.CO, Jakarta - Organisasi Kesehatan Dunia (WHO)",
        ["Kurang Motivasi", "Kurangnya Fasilitas Olahraga", "jalan saja bisa dilakukan"],
        ["home\n", "Kamis, 05 November 2015 | 11:13 WIB", "Rektor UNY buka invitasi", "KOMUNIKA ONLINE"],
    ),
    "tribunnews-tvri-belajar-2020.html": (
        "TRIBUNNEWS.COM - Berikut ini jawaban soal",
        ["Berikut ini soal yang akan diberikan", "Salah satunya adalah depresi."],
        ["Halaman selanjutnya", "Jawaban Soal SMP, Senin 4 Mei 2020"],
    ),
    "tribunnews-uber-2015.html": (
        "TRIBUNNEWS.COM, JAKARTA - Kepala Dinas Perhubungan DKI Jakarta",
        ["Toyota Avanza", "melakukan pengembangan kasus ini"],
        ["Baca Juga", "Penulis:", "Editor:"],
    ),
    "viva-joey-alexander-2016.html": (
        "VIVA.co.id - Pianis cilik Indonesia, Joey Alexander",
        ["Neil Portnow", "Bruno Mars beranjak dari tempat duduk"],
        ["Foto: Grammy", "Load More", "BACA ARTIKEL MENARIK LAINNYA", "Joey Alexander Foto Bareng Johny Deep"],
    ),
    "viva-mers-thailand-2015.html": (
        "VIVA.co.id - Otoritas Thailand menghabiskan waktu",
        ["Rajata Rajatanavin", "di rumah masing-masing"],
        ["Baca Juga", "Berita Terkait"],
    ),
}
# Saved single pages of a split article: (page, pages). Every other page is one page.
PAGED = {"kompas-money-menhub-2023.html": (1, 2), "tribunnews-tvri-belajar-2020.html": (1, 4)}
# Related titles that must never be listed (navigation buttons, not stories).
NOT_RELATED = ("load more", "selengkapnya", "indeks berita", "baca artikel menarik lainnya")


def checks(path: Path) -> list[tuple[str, bool]]:
    """Every check for one page: (description, holds)."""
    from ikn_tui.core.sources import load_path

    start, must, must_not = EXPECT[path.name]
    article = load_path(path).articles[0]
    body = "\n".join(article.body)
    result = [(f"starts with {start!r}", bool(article.body) and article.body[0].startswith(start))]
    result += [(f"contains {text!r}", text in body) for text in must]
    result += [(f"lacks {text!r}", text not in body) for text in must_not]
    titles = " | ".join(r.title.lower() for r in article.related)
    result.append(("no navigation link listed as related", not any(n in titles for n in NOT_RELATED)))
    paging = (getattr(article, "page", None), getattr(article, "pages", None))
    result.append((f"paging {PAGED.get(path.name)}", paging == PAGED.get(path.name, (None, None))))
    return result


pytestmark = pytest.mark.skipif(not REAL_DIR.is_dir(), reason="../shared/real-world is not present")


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_real_page_body(name: str) -> None:
    path = REAL_DIR / name
    if not path.is_file():
        pytest.skip(f"{name} is not in ../shared/real-world/pages")
    failed = [what for what, ok in checks(path) if not ok]
    assert failed == []


def test_every_real_page_has_expectations() -> None:
    assert sorted(p.name for p in REAL_DIR.glob("*.html")) == sorted(EXPECT)


if __name__ == "__main__":
    total = held = 0
    for name in sorted(EXPECT):
        results = checks(REAL_DIR / name)
        total += len(results)
        held += sum(ok for _, ok in results)
        for what, ok in results:
            if not ok:
                print(f"FAIL {name}: {what}")
    print(f"{held}/{total} body checks hold ({100 * held / total:.1f}%)")
