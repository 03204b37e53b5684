"""Articles split over pages: the page count on a saved page, and joining the
pages when ikn-read fetches an article (a real loopback HTTP server serves
hand-written pages in the Kompas and Tribun forms)."""

from __future__ import annotations

from pathlib import Path
from typing import Any as TestServer  # the http_server fixture (tests/conftest.py)

from ikn_tui.core.extract import extract_article
from ikn_tui.core.fetch import Fetcher
from ikn_tui.core.reader_mode import fetch_article
from ikn_tui.core.sources import load_path, load_source
from ikn_tui.ui.widgets.article_view import header_text

PAGES = Path(__file__).parent / "fixtures" / "pages"
PATH = "read/2026/03/02/1/otorita-ikn"


def kompas_page(base: str, number: int, total: int, paragraphs: list[str], related: str | None = None) -> str:
    """A page in Kompas' form: read__content, then read__paging with numbered
    links, "Halaman Selanjutnya" and "Show All"."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    if related:
        body += f'<p><strong>Baca juga: <a href="{base}/read/lain/{len(related)}">{related}</a></strong></p>'
    links = "".join(
        f'<div class="paging__item"><a class="paging__link{" paging__link--active" if n == number else ""}" '
        f'href="{base}/{PATH}?page={n}">{n}</a></div>'
        for n in range(1, total + 1)
    )
    nxt = (
        f'<div class="read__paging__footnote"><span>Halaman Selanjutnya</span><h5>'
        f'<a href="{base}/{PATH}?page={number + 1}" class="next">Lanjutan cerita&#8230;</a></h5></div>'
        if number < total else ""
    )
    return (
        "<html><head><meta charset='utf-8'><title>Otorita IKN Siapkan Kereta Otonom - Kompas.com</title></head>"
        f"<body><h1>Otorita IKN Siapkan Kereta Otonom</h1><div class='read__content'>{body}</div>{nxt}"
        f"<div class='read__paging'><div class='paging__wrap'>{links}</div>"
        f'<a class="paging__link paging__link--show" href="{base}/{PATH}?page=all#page2">Show All</a></div>'
        "</body></html>"
    )


P1 = ["Kepala Otorita IKN menyebut uji coba kereta otonom berjalan lancar sepanjang pekan ini di kawasan inti.",
      "Warga Sepaku akan menjadi penumpang pertama setelah izin operasi terbit dari kementerian."]
P2 = ["Jadwal operasi penuh diumumkan bulan depan setelah evaluasi keselamatan oleh tim independen selesai.",
      "Tarif perjalanan masih dibahas bersama pemerintah daerah dan operator transportasi setempat."]
P3 = ["Pemerintah berharap kereta ini mengurangi kendaraan pribadi di kawasan inti pusat pemerintahan."]


def base_of(server: TestServer) -> str:
    return server.url("").rstrip("/")


def test_saved_page_knows_it_is_page_one_of_two() -> None:
    article = load_path(PAGES / "kompas_inner_link_paging.html").articles[0]
    assert (article.page, article.pages) == (1, 2)
    assert article.page_note() == "halaman 1 dari 2"
    assert "halaman 1 dari 2" in header_text(article).plain
    tribun = load_path(PAGES / "tribun_halaman.html").articles[0]
    assert (tribun.page, tribun.pages) == (1, 3)
    assert tribun.all_pages_url and tribun.all_pages_url.endswith("?page=all")  # the portal quirk table
    one_page = load_path(PAGES / "tempo_breadcrumb_caption.html").articles[0]
    assert one_page.page_note() is None and one_page.pages is None


async def test_all_pages_form_is_fetched_and_used(http_server: TestServer) -> None:
    base = base_of(http_server)
    http_server.route(f"{PATH}?page=all", kompas_page(base, 1, 2, P1 + P2))
    http_server.route(PATH, kompas_page(base, 1, 2, P1))
    async with Fetcher() as fetcher:
        result = await fetch_article(f"{base}/{PATH}", fetcher)
    article = result.articles[0]
    assert article.body == P1 + P2
    assert (article.page, article.pages) == (None, 2)
    assert article.page_note() is None
    assert f"/{PATH}?page=2" not in http_server.paths()  # one request was enough


async def test_next_links_are_followed_when_there_is_no_all_form(http_server: TestServer) -> None:
    base = base_of(http_server)
    http_server.route(f"{PATH}?page=all", "<h1>Tidak ditemukan</h1>", status=404)
    http_server.route(PATH, kompas_page(base, 1, 3, P1))
    # Page 2 repeats page 1's last paragraph (portals do) and carries a Baca juga.
    http_server.route(f"{PATH}?page=2", kompas_page(base, 2, 3, [P1[-1], *P2], related="Bus Listrik IKN Tambah Rute"))
    http_server.route(f"{PATH}?page=3", kompas_page(base, 3, 3, P3))
    async with Fetcher() as fetcher:
        result = await load_source(f"{base}/{PATH}", fetcher)  # the `show URL` path
    article = result.articles[0]
    assert article.body == P1 + P2 + P3
    assert article.pages == 3 and article.page is None
    [link] = article.related
    assert link.title == "Bus Listrik IKN Tambah Rute"
    assert link.position == len(P1) + len(P2)  # after page 2's text, in the joined body


async def test_page_walk_is_bounded_and_stays_on_the_host(http_server: TestServer) -> None:
    base = base_of(http_server)
    total = 15
    for n in range(1, total + 1):
        text = [f"Bagian {n} dari laporan panjang tentang pembangunan ibu kota baru di Kalimantan Timur."]
        http_server.route(f"{PATH}?page={n}" if n > 1 else PATH, kompas_page(base, n, total, text))
    async with Fetcher() as fetcher:
        result = await fetch_article(f"{base}/{PATH}", fetcher)
    article = result.articles[0]
    assert article.pages == 10 and len(article.body) == 10
    fetched_pages = [p for p in http_server.paths() if "page=" in p and "page=all" not in p]
    assert len(fetched_pages) == 9

    # A "next page" on another host is not followed.
    http_server.requests.clear()
    other = base.replace("127.0.0.1", "localhost")
    page = kompas_page(other, 1, 2, P1).replace(f"{other}/{PATH}?page=all", f"{base}/nowhere")
    http_server.route("elsewhere", page)
    async with Fetcher() as fetcher:
        result = await fetch_article(f"{base}/elsewhere", fetcher)
    assert result.articles[0].body == P1
    assert not any("page=2" in p for p in http_server.paths())


async def test_a_failing_next_page_keeps_what_was_read(http_server: TestServer) -> None:
    base = base_of(http_server)
    http_server.route(PATH, kompas_page(base, 1, 2, P1).replace("?page=all", "?page=semua"))
    http_server.route(f"{PATH}?page=2", "gagal", status=500)
    async with Fetcher() as fetcher:
        result = await fetch_article(f"{base}/{PATH}", fetcher)
    assert result.error is None
    assert result.articles[0].body == P1


def test_paging_links_of_a_single_page_article_are_ignored() -> None:
    html = (
        "<html><body><div class='read__content'><p>" + P1[0] + "</p></div>"
        "<a href='https://news.example.test/read/1/x?page=2' id='pagination-button'>LOAD MORE</a>"
        "<a href='https://news.example.test/read/lain?page=2'>2</a></body></html>"
    )
    article = extract_article(html, "https://news.example.test/read/1/x")
    assert article.pages is None and article.page_note() is None


def test_detik_pages_numbered_in_the_path() -> None:
    """detik: page 2 is ``.../judul/2``; the all-pages form is ``?single=1`` (quirk table)."""
    stem = "https://news.detik.com/berita/d-7000001/banjir-samarinda"
    paging = (
        f'<div class="detail__anchor-numb"><a href="{stem}" class="active">1</a>'
        f'<a href="{stem}/2">2</a><a href="{stem}/3">3</a>'
        f'<a href="{stem}/2" class="next">Selanjutnya</a></div>'
    )
    html = (
        "<html><head><meta charset='utf-8'><title>Banjir Samarinda</title></head><body>"
        f"<div class='detail__body-text'><p>{P1[0]}</p><p>{P1[1]}</p></div>{paging}</body></html>"
    )
    first = extract_article(html, stem)
    assert (first.page, first.pages) == (1, 3)
    assert first.next_page_url == f"{stem}/2"
    assert first.all_pages_url == f"{stem}?single=1"
    html = html.replace('class="active">1', ">1").replace(f'{stem}/2">2', f'{stem}/2" class="active">2')
    second = extract_article(html, f"{stem}/2")
    assert (second.page, second.pages, second.next_page_url) == (2, 3, f"{stem}/3")


async def test_reader_header_says_which_page_of_a_saved_split_article() -> None:
    """The real app opens a saved page 1 of 2: its header says so, and its caption."""
    from ui_helpers import settle

    from ikn_tui.ui.app import IknReadApp

    app = IknReadApp([str(PAGES / "tempo_breadcrumb_caption.html"), str(PAGES / "kompas_inner_link_paging.html")],
                     offline=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        header = str(app.screen.query_one("#article-header").render())
        assert "Lima Cara Tetap Bugar" in header  # the first source is opened
        assert "Foto: Warga berolahraga di taman kota" in header
        assert "halaman" not in header
        app.screen.show_article(load_path(PAGES / "kompas_inner_link_paging.html").articles[0])
        await pilot.pause()
        header = str(app.screen.query_one("#article-header").render())
        assert "halaman 1 dari 2" in header
