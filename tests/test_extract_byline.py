"""Author and editor on hand-written imitations of real portal bylines.

Each page below imitates one pattern seen on real Indonesian portals (the
real pages are in ../shared; these are ours): the publisher in meta author,
initials codes, the editor in JSON-LD, "Penulis" table rows, credit boxes
with the role after the name, ``<author>`` tags, sign-offs in capitals.
"""

from __future__ import annotations

import pytest

from ikn_tui.core.extract import extract_article
from ikn_tui.core.extract.byline import signoff_author
from ikn_tui.core.extract.names import brand_tokens, names_in, person_name

BODY = "<p>" + "Warga Sepaku menyambut jalur bus baru yang melayani kawasan inti setiap pagi. " * 3 + "</p>"


def page(head: str, body: str, url: str = "https://regional.kabarbenua.com/read/2025/06/16/1") -> tuple[str | None, str | None]:
    html = f"<html><head><title>Judul Berita Uji</title>{head}</head><body><h1>Judul Berita Uji</h1>{body}</body></html>"
    article = extract_article(html, url)
    return article.author, article.editor


def test_publisher_in_meta_loses_to_penulis_table_row() -> None:
    # Kompas (2015-2016): meta author is the company; the writer is in a table at the end.
    author, editor = page(
        '<meta name="author" content="Kabar Benua Cyber Media">',
        f'<div class="read">{BODY}</div><div class="read-copy"><table><tr><td>Penulis</td><td>: Rina Wulandari</td></tr>'
        "<tr><td> Editor </td><td> : Bayu Saputra </td></tr></table></div>",
    )
    assert (author, editor) == ("Rina Wulandari", "Bayu Saputra")


def test_kontributor_place_prefix_is_stripped() -> None:
    author, _ = page("", f'{BODY}<table><tr><td>Penulis</td><td>: Kontributor Sepaku, Masrani </td></tr></table>')
    assert author == "Masrani"


def test_credit_box_with_role_after_name_and_editor_in_json_ld() -> None:
    # Kompas (2023): "Name / Penulis", "Name / Editor" boxes; JSON-LD "author" names the editor.
    head = ('<meta name="author" content="Kabar Benua Cyber Media">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Yoga Pratama"}}</script>')
    body = ('<div class="credit"><div class="credit-title-name">Isna Maharani, Yoga Pratama</div>'
            '<div class="credit-author"><h6 class="credit-author-name">Isna Maharani</h6><h6>Penulis</h6></div>'
            '<div class="credit-author"><h6 class="credit-author-name">Yoga Pratama</h6><h6>Editor</h6></div></div>' + BODY)
    assert page(head, body) == ("Isna Maharani", "Yoga Pratama")


def test_name_then_jurnalis_box() -> None:
    # Okezone: <div class="nmreporter"><div>Name</div><span>Jurnalis</span></div>
    author, _ = page("", f'<div class="nmreporter"><div>Dewi Lestari</div> <span>Jurnalis</span></div>{BODY}')
    assert author == "Dewi Lestari"


def test_author_tag_beside_the_dateline() -> None:
    # Suara: <author>Name</author> : <time>...</time>
    author, _ = page("", f'<div class="dateDetail"><span><author>Laban Siregar</author> : <time>19 Jun 2025 | 13:06</time></span></div>{BODY}')
    assert author == "Laban Siregar"


def test_initials_in_meta_lose_to_visible_byline() -> None:
    # detik: <meta name="author" content="bgs">, visible "Name - detiknews"
    author, _ = page('<meta name="author" content="bgs">', f'<div class="author">Bagus Hartono - kabarbenua</div>{BODY}')
    assert author == "Bagus Hartono"


def test_initials_only_means_no_author() -> None:
    assert page('<meta name="author" content="bgs">', BODY) == (None, None)


def test_company_and_domain_in_meta_lose_to_oleh_byline() -> None:
    # Viva: meta author "PT. VIVA MEDIA BARU - VIVA.co.id", visible "Oleh : Name"
    author, _ = page('<meta name="author" content="PT. KABAR BENUA BARU - KabarBenua.com">',
                     f'<div class="author">Oleh : Maya Anggraini</div>{BODY}')
    assert author == "Maya Anggraini"


def test_organisation_byline_and_editor_only() -> None:
    # Media Indonesia: the byline box says the paper's name; JSON-LD "author" is the editor.
    head = ('<meta name="author" content="kabarbenua.com developer">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Indah Astuti"},'
            ' "publisher": {"@type": "Organization", "name": "Kabar Benua"}}</script>')
    body = (f'<div class="info"><div class="author-2"> Kabar Benua</div></div>{BODY}'
            '<div class="info-author"> Editor : <a class="author" href="/author/1">Indah Astuti</a></div>')
    assert page(head, body) == (None, "Indah Astuti")


def test_redaktur_only_is_an_editor_not_an_author() -> None:
    # Republika: "Red: Name" under the headline, no writer named.
    assert page("", f'<div class="red"><span> </span> Red: Yudha Manggala P Putra</div>{BODY}') == (
        None, "Yudha Manggala P Putra")
    assert page("", f'{BODY}<table><tr><td><strong>Redaktur :</strong> Agus Santoso</td></tr></table>') == (
        None, "Agus Santoso")


def test_credits_list_label_first() -> None:
    # Liputan6: <li>Author</li><li>Name</li><li>Name</li><li>Editor</li><li>Name</li>
    body = ('<div class="credits"><ul><li class="role">Author</li><li><span>Silvia Anggraini</span></li>'
            '<li><span>Hanif Salim</span></li><li class="role">Editor</li><li><span>Mevi Larasati</span></li></ul></div>' + BODY)
    assert page("", body) == ("Silvia Anggraini, Hanif Salim", "Mevi Larasati")


def test_photo_credit_with_author_class_is_not_a_byline() -> None:
    body = ('<div class="photo"><img src="/a.jpg"><span class="author">KABARBENUA.COM/NABILA TASHA</span></div>'
            f'{BODY}<div class="penulis-editor">Penulis: Aditya Nugraha Editor : Agung Wibowo</div>')
    assert page("", body) == ("Aditya Nugraha", "Agung Wibowo")


def test_sign_off_in_capitals_closes_the_text() -> None:
    # Tempo (2015): the reporter's name in capitals as the last line of the text.
    body = f'<div class="artikel">{BODY}<p>Ia juga menjelaskan hal itu.<br><br><strong>DINI ANGGRAINI</strong></p></div>'
    assert page("", body)[0] == "Dini Anggraini"


def test_oleh_in_running_text_is_not_a_byline() -> None:
    assert page("", "<p>Oleh karena itu, warga diminta bersabar menunggu jadwal baru yang dibagikan pekan depan.</p>" + BODY) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kompas Cyber Media", None),  # the host's brand
        ("PT. KABAR BENUA BARU", None),
        ("kabarbenua.com developer", None),
        ("Redaksi", None),
        ("Tim Redaksi", None),
        ("bgs", None),
        ("ANT", None),
        ("@kabarbenua", None),
        ("https://www.facebook.com/kabarbenua", None),
        ("DINI TEJA", "Dini Teja"),
        ("B Kunto Wibisono", "B Kunto Wibisono"),
        ("Iskandar", "Iskandar"),
        ("Muhammad bin Salman", "Muhammad bin Salman"),
    ],
)
def test_person_name(text: str, expected: str | None) -> None:
    assert person_name(text, brand_tokens("regional.kompas.com", ["KOMPAS.com"])) == expected


def test_names_in_byline_values() -> None:
    brands = brand_tokens("news.kabarbenua.com", ["kabarbenua"])
    assert names_in("Fino Yurio Kristo - kabarbenua", brands) == ["Fino Yurio Kristo"]
    assert names_in("Ratnaning Asihon 16 Feb 2016 at 09:20 WIB", brands) == ["Ratnaning Asih"]
    assert names_in("Laporan Wartawan Kabarbenua.com, Glery Lazuardi", brands) == ["Glery Lazuardi"]
    assert names_in("Andi Saputra dan Sari Dewi", brands) == ["Andi Saputra", "Sari Dewi"]
    assert names_in("KABARBENUA.COM/MASRIADI", brands) == []


def test_signoff_needs_two_words_and_not_an_agency() -> None:
    assert signoff_author(["Teks.", "ANTARA"]) is None
    assert signoff_author(["Teks.", "BACA JUGA"]) is None
    assert signoff_author(["Teks.", "DINI TEJA | BBC"]) == "Dini Teja"
    assert signoff_author(["Teks biasa di akhir."]) is None


def test_laporan_wartawan_line_opening_the_text() -> None:
    # Tribun: "Laporan Wartawan Tribunnews.com, Name" (no colon) above the first paragraph.
    body = "<p><strong>Laporan Wartawan Tribun Benua, Glery Lazuardi</strong></p>" + BODY
    assert page("", body)[0] == "Glery Lazuardi"
    body = "<p>Laporan tersebut dibuat pada 28 Februari 2025, kata Kepala Dinas yang ditemui di kantornya.</p>" + BODY
    assert page("", body) == (None, None)


def test_json_ld_organisation_author_is_skipped() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
            '[{"@type": "Organization", "name": "Warta Sepaku Grup"}, {"@type": "Person", "name": "Sari Wulan"}]}</script>')
    assert page(head, BODY)[0] == "Sari Wulan"


def test_unlabelled_author_box_far_from_the_headline_ranks_after_metadata() -> None:
    sidebar = "".join(f"<li><a href='/b/{i}'>Berita lain nomor {i}</a></li>" for i in range(260))
    body = f"{BODY}<ul>{sidebar}</ul><div class='author-name'>Rudi Hartono</div>"
    assert page('<meta name="author" content="Sinta Maharani">', body)[0] == "Sinta Maharani"
    near = f"<div class='author-name'>Rudi Hartono</div>{BODY}"
    assert page('<meta name="author" content="Sinta Maharani">', near)[0] == "Rudi Hartono"


def test_one_person_wrote_and_edited() -> None:
    # JPNN: "Redaktur & Reporter : Name"
    assert page("", f'{BODY}<div class="f12">Redaktur &amp; Reporter : Fathan Sinaga</div>')[0] == "Fathan Sinaga"


def test_label_cell_then_name_in_the_next_element() -> None:
    # Tempo (2023): <span>Reporter</span><p>Name</p>; Suara: <span>Penulis:</span> <a>Name</a>
    assert page("", f'<div><span>Reporter</span><p>Hendrik Yaputra</p></div>{BODY}')[0] == "Hendrik Yaputra"
    assert page("", f'<div class="writer"><span>Penulis:</span> <a href="/u/1">Agung Sandy</a></div>{BODY}')[0] == "Agung Sandy"


def test_a_page_made_of_labels_stays_bounded() -> None:
    rows = "".join(f"<tr><td>Penulis</td><td>: Nama Ke {i}</td></tr>" for i in range(5000))
    author, _ = page("", f"<div class='penulis'>Penulis: Rina Wulandari</div>{BODY}<table>{rows}</table>")
    assert author == "Rina Wulandari"
