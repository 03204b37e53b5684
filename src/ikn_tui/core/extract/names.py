"""Is this a person's name? Byline values as portals write them -> names.

"Fino Yurio Kristo - detikinet", "Kontributor Lhokseumawe, Masriadi",
"By Ratnaning Asihon 16 Feb 2016": the name is cut out of its decoration.
Publishers ("Kompas Cyber Media", "PT. VIVA MEDIA BARU - VIVA.co.id"),
domains, desks ("Tim Redaksi"), initials codes ("bgs") and photo credits
("KOMPAS.com/NABILLA") are not names.
"""

from __future__ import annotations

import re

from ikn_tui.core.text import clean_line

# A place or desk before a comma: "Kontributor Lhokseumawe, Masriadi", "Laporan Wartawan Tribunnews.com, Glery".
_DESK_PREFIX = re.compile(r"^(?:kontributor|koresponden|laporan\s+wartawan|wartawan|reporter)\b[^,]{0,50},\s*", re.I)
DESK_WORD = re.compile(r"^(?:kontributor|koresponden|laporan\s+wartawan|wartawan|reporter|jurnalis)\s+", re.I)
# Where a byline's name ends: " - detikinet", " | 12:00", " on 18 Jun", "Editor: ...", a digit, "(".
_CUT = re.compile(
    r"\s+[-–—]\s+.*$|\s*[|•·(\[].*$|(?:\s+|(?<=[a-z]))(?:on|pada)\s+\S*\d.*$|\s*\d.*$"
    r"|\s+(?:editor|penyunting|redaktur|red|foto|fotografer|sumber|update|diperbarui)\b.*$",
    re.I,
)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\bdan\b|\band\b)\s*", re.I)
_ORG_WORDS = frozenset({
    "pt", "cv", "tbk", "developer", "developers", "redaksi", "tim", "team", "admin", "administrator", "media",
    "cyber", "news", "network", "group", "grup", "corp", "corporation", "inc", "ltd", "online", "newsroom",
    "desk", "staff", "editorial", "portal", "official", "humas", "biro", "kontributor", "jurnalis", "penulis",
    "reporter", "editor", "wartawan", "pewarta", "penyunting", "redaktur", "antara", "reuters", "afp", "ap",
    "bbc", "cnn", "xinhua", "anadolu", "dpa", "efe", "kyodo", "bernama", "dok", "foto", "ilustrasi", "sumber",
    "kanal", "youtube", "instagram", "twitter", "facebook", "tangkapan", "layar", "www", "http", "https",
})
# Words of link labels and section heads, never part of a name ("BACA JUGA", "LIHAT VIDEO").
_NON_NAME_WORDS = frozenset({
    "baca", "juga", "lihat", "simak", "video", "berita", "terkait", "pilihan", "artikel", "selengkapnya",
    "klik", "sini", "tonton", "ikuti", "halaman", "selanjutnya", "lainnya", "tag", "topik", "populer",
    "terpopuler", "terbaru", "rekomendasi", "advertisement", "iklan", "scroll", "continue", "content",
    # datelines after a byline ("Name, Jakarta")
    "jakarta", "surabaya", "bandung", "medan", "semarang", "yogyakarta", "makassar", "denpasar", "palembang",
    "balikpapan", "samarinda", "pontianak", "banjarmasin", "manado", "padang", "pekanbaru", "batam", "malang",
})
_PARTICLES = frozenset({"bin", "binti", "van", "der", "den", "de", "da", "al", "el", "la", "le", "von"})
_DOMAIN = re.compile(r"\w\.(?:com|co|id|net|org|tv|info|news|biz|go)\b", re.I)
_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.'’\-])*$")  # letters (no digits) and . ' -
_CAMEL = re.compile(r"[a-z][A-Z]")
_HOST_SUFFIXES = frozenset(
    {"com", "co", "id", "net", "org", "go", "or", "ac", "web", "tv", "news", "info", "biz", "my", "sg"}
)


def brand_tokens(host: str | None, names: list[str | None]) -> frozenset[str]:
    """What names the site: the host's brand label ("kompas" of
    regional.kompas.com), one-word site names ("Tempo", "detikHealth") and whole
    site names ("tempo gaya"). A person's name never holds the brand."""
    tokens: set[str] = set()
    labels = [label for label in (host or "").lower().split(".") if label]
    while labels and labels[-1] in _HOST_SUFFIXES:
        labels.pop()
    if labels and not labels[-1].isdigit():
        tokens.add(labels[-1])
    for name in names:
        words = re.sub(r"\.(?:com|co\.id|co|id|net|org)\b", "", (name or "").lower()).split()
        if len(words) == 1:
            tokens.add(words[0].strip(".-"))
        elif 1 < len(words) <= 4:
            tokens.add(" ".join(words))
    tokens.discard("")
    return frozenset(tokens)


def _is_person_word(word: str, brands: frozenset[str]) -> bool:
    bare = word.strip(".'’-").lower()
    if not bare or bare in _ORG_WORDS or bare in _NON_NAME_WORDS or bare in brands:
        return False
    if any(len(b) >= 5 and bare.startswith(b) for b in brands):
        return False
    if bare in _PARTICLES:
        return True
    return bool(_WORD.match(word)) and word[0].isupper() and not _CAMEL.search(word.lstrip("M").lstrip("c"))


def person_name(text: str | None, brands: frozenset[str] = frozenset()) -> str | None:
    """``text`` as a person's name, or ``None`` when it is an organisation,
    a site, initials, a URL or not a name at all. All-capitals become title case."""
    name = clean_line(text or "", limit=200).strip(" .,;:-–—")
    if not name or len(name) > 60 or "@" in name or "/" in name or _DOMAIN.search(name):
        return None
    words = name.split()
    if not 1 <= len(words) <= 6:
        return None
    if len(words) == 1 and (len(name) <= 2 or name.islower() or (name.isupper() and len(name) <= 4)):
        return None  # "bgs", "ANT": an initials code
    if name.isupper():
        name = name.title()
        words = name.split()
    if not all(_is_person_word(w, brands) for w in words) or name.lower() in brands:
        return None
    if all(w.lower() in _PARTICLES for w in words):
        return None
    return name


def names_in(value: str | None, brands: frozenset[str], cut: bool = True) -> list[str]:
    """The person names in a byline value ("A, B dan C - detikNews")."""
    text = clean_line(value or "", limit=400).lstrip(":：").strip()  # controls out before any split
    if not text or re.search(r"\S/\S", text):
        return []  # "KOMPAS.com/NABILLA TASHANDRA": a photo credit
    text = _DESK_PREFIX.sub("", text, count=1) if "," in text[:60] else DESK_WORD.sub("", text, count=1)
    if cut:
        text = _CUT.sub("", text)
    found: list[str] = []
    for part in _SPLIT_NAMES.split(text):
        name = person_name(part, brands)
        if name and name.lower() not in (f.lower() for f in found):
            found.append(name)
    return found[:6]
