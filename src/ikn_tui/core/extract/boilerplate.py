"""What is not article text: junk elements and junk lines.

Elements: scripts and widgets (stripped outright), navigation, asides, ads,
share bars, "Terpopuler" sidebars, bylines and datelines (metadata reads
those first). Lines: prompts to follow a WhatsApp channel or Google News,
copyright and credit lines ("Pewarta: ...", "(ant/dw)"), anti-crawling
notices and bare "Baca juga" labels left without their links.
"""

from __future__ import annotations

import re

from lxml import etree

from ikn_tui.core.extract.dom import (
    BLOCK_TAGS,
    INLINE_TAGS,
    class_words,
    element_text,
    has_word,
    remove_keeping_tail,
    text_of,
)
from ikn_tui.core.extract.related.markers import MARKER_TAG
from ikn_tui.core.extract.trace import Removed, note_element

_STRIP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
               "select", "button", "input", "textarea", "canvas", "map", "audio", "video")
_DROP_TAGS = frozenset("nav header footer aside form h1 ins dialog menu picture".split())
_CAPTION_TAGS = frozenset(("figure", "figcaption"))
_JUNK_WORDS = frozenset(
    "ads ad adv advert advertisement adsbygoogle iklan banner gpt dfp parallax share sharing social sosmed "
    "socmed terpopuler popular populer mostpopular trending newsletter subscribe comment comments komentar "
    "disqus tags tag breadcrumb breadcrumbs sidebar widget promo sponsor sponsored caption credit byline "
    "author editor outbrain taboola mgid print navbar menu footer header modal popup cookie login date "
    "time datetime timestamp pubdate thumbs rating reaction reactions vote credits paging pagination pager"
    .split()
)
# Class words that start like these mark boilerplate ("sharedaddy", "authorNames").
_JUNK_STEMS = tuple(
    "advert author byline share social comment popular populer terpopuler breadcrumb sponsor "
    "newsletter banner date credit".split()
)
# Class words of a caption box, and of a photo box (whose only text is its
# caption): the text is kept aside as a caption, not as a paragraph.
_CAPTION_WORDS = frozenset("caption captions figcaption deskripsi keterangan".split())
_PHOTO_BOX_WORDS = frozenset("pic foto photo image img gambar".split())
MAX_CAPTION = 400
# A photo inside a caption or credit box is still the article's photo.
_NOT_PHOTO_WORDS = _JUNK_WORDS - {"caption", "credit"}
_NOT_PHOTO_TAGS = ("aside", "nav", "header", "footer", "ins")
_SIDEBAR_HEADING = re.compile(
    r"^(?:berita\s+)?(?:terpopuler|populer|paling\s+populer|terkini|terbaru|most\s+popular|trending"
    r"|pilihan\s+redaksi|rekomendasi|editor'?s\s+pick|jangan\s+lewatkan"
    r"|(?:baca\s+)?(?:artikel|berita)\s+(?:menarik\s+)?lainnya)(?:\s+\w+)?$",
    re.IGNORECASE,
)
_HEADING_LIKE_TAGS = ("h2", "h3", "h4", "h5", "h6", "div", "p", "span", "strong")
_JUNK_START = re.compile(
    r"^(?:advertisement|iklan$|scroll to continue|scroll (?:ke bawah )?untuk melanjutkan|ikuti saluran"
    r"|ikuti (?:kami|berita|update|terus)|simak (?:berita|breaking news|update|video|juga video)"
    r"|dapatkan (?:update|berita|informasi)|follow (?:us|kami)|copyright\b|©|hak cipta"
    r"|(?:pewarta|editor|penulis|reporter|penyunting|redaktur|fotografer|sumber)\s*:"
    r"|artikel ini (?:telah|sudah) (?:tayang|terbit)|dilarang mengambil|konten ini dilindungi"
    r"|baca (?:berita|artikel) .{0,60}lainnya di|download aplikasi|unduh aplikasi|tonton (?:juga|video)"
    r"|pilihan editor\s*:|the post .* appeared first on|\(\w{2,6}(?:/\w{2,6})+\)$"
    r"|(?:baca juga|baca pula|berita terkait|artikel terkait)\s*:?\s*$)",
    re.IGNORECASE,
)
# Phrases that mark a short paragraph as a prompt or notice wherever they stand
# (plain substring tests on the lower-cased text: much faster than a regex).
_JUNK_ANYWHERE = (
    "saluran whatsapp", "whatsapp channel", "google news", "dilarang mengambil", "menayangkan ulang",
    "konten ini dilindungi", "hak cipta dilindungi", "copyright ©", "all rights reserved", "scroll to continue",
)
_HAS_WORD = re.compile(r"\w")
# Whole lines that are page furniture: a rating bar (Liputan6 "Rate artikel
# ini / Like (0) / Dislike (0) / Credits (2)"), video embeds ("[Gambas:Video
# 20detik]"), editor initials ("[ian]"), paging and "load more" buttons, a
# dateline alone ("Kamis, 05 November 2015 | 11:13 WIB").
_FURNITURE_LINE = re.compile(
    r"^(?:rate artikel ini|beri nilai artikel ini|(?:like|dislike|suka|tidak suka)\s*\(\d+\)"
    r"|credits?\s*\(\d+\)|\[gambas:[^\]]*\]|\[\w{2,8}(?:/\w{2,8})*\]"
    r"|halaman\s+(?:selanjutnya|berikutnya|sebelumnya)|halaman\s*:?[\d\s]*(?:show all|lihat semua|tampilkan semua)?"
    r"|(?:home|beranda)(?:\s*[>»›/|]\s*[\w .&-]{1,30}){1,5}"
    r"|load more\W*|muat lebih banyak\W*|tampilkan lebih banyak\W*|indeks berita|selengkapnya\W*"
    r"|(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu),?\s+\d{1,2}\s+\w+\s+\d{4}"
    r"(?:\s*[|,\-]?\s*(?:pukul\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:wib|wita|wit))?)?)$",
    re.IGNORECASE,
)
_HOME = frozenset(("home", "beranda", "index", "indeks"))
_LABEL_LINE = re.compile(r"[A-Z][A-Z&' ]*[A-Z]")


def strip_non_content(root: etree._Element) -> None:
    """Remove scripts, styles, embeds and form controls (not their tails)."""
    etree.strip_elements(root, *_STRIP_TAGS, with_tail=False)


def _in_prose(el: etree._Element) -> bool:
    """True for an inline element inside a line of prose: the rest of its
    line (up to a ``<br>`` or block on either side, not counting junk-classed
    inline siblings) has a few words."""
    parent = el.getparent()
    if parent is None:
        return False
    parts = [parent.text or ""]
    seen = False
    for child in parent:
        if child is el:
            seen = True
        elif isinstance(child.tag, str) and (child.tag == "br" or child.tag in BLOCK_TAGS):
            if seen:
                break
            parts.clear()  # a new line starts
        elif isinstance(child.tag, str) and not (child.tag in INLINE_TAGS and class_words(child) & _JUNK_WORDS):
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return len("".join(parts).split()) >= 3


def _caption_text(el: etree._Element, words: frozenset[str], page: bool) -> str | None:
    """The caption held by a figure, caption box or (on a whole ``page``) a
    text-only photo box."""
    if el.tag in _CAPTION_TAGS or words & _CAPTION_WORDS or has_word(words, ("caption",)):
        text = element_text(el)
        return text if len(text) <= MAX_CAPTION else None
    if page and words & _PHOTO_BOX_WORDS and el.tag not in INLINE_TAGS and el.find(".//p") is None:
        text = element_text(el)
        return text if len(text) <= MAX_CAPTION else None
    return None


def _italic_caption(el: etree._Element) -> bool:
    """A short all-italic line right below a photo (Viva: ``<div><em>Taylor
    Swift ... Foto: Grammy</em></div>`` after the image)."""
    if (el.text and el.text.strip()) or len(el) != 1 or el[0].tag not in ("em", "i"):
        return False
    if (el[0].tail and el[0].tail.strip()) or len(element_text(el)) > 250:
        return False
    prev = el.getprevious()
    while prev is not None and isinstance(prev.tag, str) and not element_text(prev) and prev.find(".//img") is None \
            and prev.tag != "img":
        prev = prev.getprevious()
    return prev is not None and isinstance(prev.tag, str) and not element_text(prev) and (
        prev.tag == "img" or prev.find(".//img") is not None
    )


def _link_list(el: etree._Element) -> bool:
    """A list whose items are each one short link and nothing else, or short
    items starting at "Home"/"Beranda" (a breadcrumb: "home > gaya > kesehatan")."""
    items = [c for c in el if isinstance(c.tag, str)]
    if len(items) < 2 or any(c.tag != "li" for c in items):
        return False
    texts = [element_text(li) for li in items]
    if texts[0].lower() in _HOME and all(0 < len(t.split()) <= 3 for t in texts):
        return True
    for li, text in zip(items, texts, strict=True):
        links = li.findall(".//a")
        if len(links) != 1 or not text or element_text(links[0]) != text or len(text.split()) > 3:
            return False
    return True


def _heading_list(heading: etree._Element) -> list[etree._Element]:
    """What follows a sidebar heading: one list box, or a run of bare links
    (KapanLagi "Jangan Lewatkan" then ``<a>...</a><br>`` lines)."""
    nxt = heading.getnext()
    if nxt is not None and nxt.tag in ("ul", "ol", "div", "table"):
        return [nxt]
    run: list[etree._Element] = []
    while nxt is not None and isinstance(nxt.tag, str) and nxt.tag in ("a", "br", "p") \
            and (nxt.tag == "a" or not element_text(nxt)):
        run.append(nxt)
        if nxt.tail and nxt.tail.strip():
            break
        nxt = nxt.getnext()
    return run if any(e.tag == "a" for e in run) else []


def drop_boilerplate(
    container: etree._Element, trace: Removed | None = None, captions: list[str] | None = None
) -> None:
    """Remove non-article elements below ``container`` (keeps their tails).

    Captions go to ``captions`` (given for a whole page, where photo boxes
    and italic lines under a photo count as captions too; a feed fragment's
    are only dropped) instead of the text. An inline
    element inside a line of prose is never removed, whatever its class
    (Kompas wraps keywords in ``a.inner-link-tag``): only whole boxes leave.
    """
    total = len(element_text(container))
    page = captions is not None
    doomed: list[tuple[etree._Element, str]] = []
    walker = etree.iterwalk(container, events=("start",))
    for _event, el in walker:
        if el is container:
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag == MARKER_TAG:
            continue
        words = class_words(el)
        caption = None
        if tag in _CAPTION_TAGS or (words and tag not in _DROP_TAGS):
            caption = _caption_text(el, words, page)
        if caption is None and page and (tag == "div" or tag == "p") and len(el) == 1 and _italic_caption(el):
            caption = element_text(el)
        if caption is not None:
            why = junk_reason(caption) if caption else "caption"
            if why is None and captions is not None and caption not in captions:
                captions.append(caption)
            doomed.append((el, why or "caption"))
            walker.skip_subtree()
            continue
        junk = tag in _DROP_TAGS or bool(words & _JUNK_WORDS) or has_word(words, _JUNK_STEMS)
        if junk and tag not in _DROP_TAGS and total > 500 and len(element_text(el)) > total // 2:
            junk = False  # holds most of the text: a badly named wrapper, not junk
        if junk and tag in INLINE_TAGS and _in_prose(el):
            continue  # a word of a sentence: never cut out of it
        why = f"boilerplate:{tag if tag in _DROP_TAGS else 'class'}"
        if not junk and tag in ("ul", "ol") and _link_list(el):
            junk, why = True, "boilerplate:link-list"
        if not junk and tag in _HEADING_LIKE_TAGS:
            lead = el.text or ""
            if lead.strip() and len(lead) < 60 and _SIDEBAR_HEADING.match(element_text(el)):
                parent = el.getparent()
                if parent is not None and parent is not container and len(element_text(parent)) < total // 2:
                    doomed.append((parent, "boilerplate:sidebar"))
                    continue
                doomed.extend((e, "boilerplate:sidebar") for e in _heading_list(el))
                junk, why = True, "boilerplate:sidebar"
        if junk:
            doomed.append((el, why))
            walker.skip_subtree()
    for el, why in doomed:
        if el.getparent() is not None:
            note_element(trace, why, el)
            remove_keeping_tail(el)


def junk_reason(text: str) -> str | None:
    """Why a paragraph is a prompt, notice, credit or furniture line (None:
    it is article text)."""
    if not _HAS_WORD.search(text):
        return "line:no-words"
    if _JUNK_START.match(text):
        return "line:notice"
    if len(text) >= 300:
        return None
    if len(text) <= 80 and _FURNITURE_LINE.match(text):
        return "line:furniture"
    lowered = text.lower()
    return "line:notice" if any(phrase in lowered for phrase in _JUNK_ANYWHERE) else None


def is_junk_text(text: str) -> bool:
    """True for a paragraph that is a prompt, notice, credit or furniture line."""
    return junk_reason(text) is not None


def is_section_label(text: str) -> bool:
    """A short line in capitals without sentence punctuation ("MUDA DAN
    MENGINSPIRASI"): a section label when it stands before the text."""
    return len(text) <= 60 and len(text.split()) <= 6 and _LABEL_LINE.fullmatch(text) is not None


def in_non_photo_box(img: etree._Element, container: etree._Element) -> bool:
    """True when an image below ``container`` sits in an ad, sidebar or
    navigation box (its photos are not the article's)."""
    for ancestor in img.iterancestors():
        if ancestor is container:
            return False
        if ancestor.tag in _NOT_PHOTO_TAGS or class_words(ancestor) & _NOT_PHOTO_WORDS:
            return True
    return False
