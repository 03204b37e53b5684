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

from ikn_tui.core.extract.dom import class_words, element_text, has_word, remove_keeping_tail
from ikn_tui.core.extract.related.markers import MARKER_TAG

_STRIP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
               "select", "button", "input", "textarea", "canvas", "map", "audio", "video")
_DROP_TAGS = frozenset("nav header footer aside figure figcaption form h1 ins dialog menu picture".split())
_JUNK_WORDS = frozenset(
    "ads ad adv advert advertisement adsbygoogle iklan banner gpt dfp parallax share sharing social sosmed "
    "socmed terpopuler popular populer mostpopular trending newsletter subscribe comment comments komentar "
    "disqus tags tag breadcrumb breadcrumbs sidebar widget promo sponsor sponsored caption credit byline "
    "author editor outbrain taboola mgid print navbar menu footer header modal popup cookie login date "
    "time datetime timestamp pubdate".split()
)
# Class words that start like these mark boilerplate ("sharedaddy", "authorNames").
_JUNK_STEMS = tuple(
    "advert author byline share social comment popular populer terpopuler breadcrumb sponsor "
    "newsletter banner caption date".split()
)
# A photo inside a caption or credit box is still the article's photo.
_NOT_PHOTO_WORDS = _JUNK_WORDS - {"caption", "credit"}
_NOT_PHOTO_TAGS = ("aside", "nav", "header", "footer", "ins")
_SIDEBAR_HEADING = re.compile(
    r"^(?:berita\s+)?(?:terpopuler|populer|paling\s+populer|terkini|terbaru|most\s+popular|trending"
    r"|pilihan\s+redaksi|rekomendasi|editor'?s\s+pick)(?:\s+\w+)?$",
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


def strip_non_content(root: etree._Element) -> None:
    """Remove scripts, styles, embeds and form controls (not their tails)."""
    etree.strip_elements(root, *_STRIP_TAGS, with_tail=False)


def drop_boilerplate(container: etree._Element) -> None:
    """Remove non-article elements below ``container`` (keeps their tails)."""
    total = len(element_text(container))
    doomed: list[etree._Element] = []
    walker = etree.iterwalk(container, events=("start",))
    for _event, el in walker:
        if el is container:
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag == MARKER_TAG:
            continue
        words = class_words(el)
        junk = tag in _DROP_TAGS or bool(words & _JUNK_WORDS) or has_word(words, _JUNK_STEMS)
        if junk and tag not in _DROP_TAGS and total > 500 and len(element_text(el)) > total // 2:
            junk = False  # holds most of the text: a badly named wrapper, not junk
        if not junk and tag in _HEADING_LIKE_TAGS:
            lead = el.text or ""
            if lead.strip() and len(lead) < 60 and _SIDEBAR_HEADING.match(element_text(el)):
                parent = el.getparent()
                if parent is not None and parent is not container and len(element_text(parent)) < total // 2:
                    doomed.append(parent)
                    continue
                nxt = el.getnext()
                if nxt is not None and nxt.tag in ("ul", "ol", "div"):
                    doomed.append(nxt)
                junk = True
        if junk:
            doomed.append(el)
            walker.skip_subtree()
    for el in doomed:
        if el.getparent() is not None:
            remove_keeping_tail(el)


def is_junk_text(text: str) -> bool:
    """True for a paragraph that is a prompt, notice or credit line."""
    if not _HAS_WORD.search(text) or _JUNK_START.match(text):
        return True
    if len(text) >= 300:
        return False
    lowered = text.lower()
    return any(phrase in lowered for phrase in _JUNK_ANYWHERE)


def in_non_photo_box(img: etree._Element, container: etree._Element) -> bool:
    """True when an image below ``container`` sits in an ad, sidebar or
    navigation box (its photos are not the article's)."""
    for ancestor in img.iterancestors():
        if ancestor is container:
            return False
        if ancestor.tag in _NOT_PHOTO_TAGS or class_words(ancestor) & _NOT_PHOTO_WORDS:
            return True
    return False
