"""Who wrote an article and who edited it.

Candidates come from the visible page (bylines, "Penulis:" rows, credit
boxes), from meta tags and from JSON-LD. Portals put the publisher there
("Kompas Cyber Media", "PT. VIVA MEDIA BARU - VIVA.co.id"), an initials code
("bgs"), or the editor; so every candidate must look like a person's name,
must not be an organisation or the site, and must not be the editor. A
person named in a visible byline beats metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ikn_tui.core.extract.dom import class_words, norm, text_of
from ikn_tui.core.extract.names import DESK_WORD, names_in, person_name

AUTHOR, EDITOR = "author", "editor"

# Labels before a name. "oleh"/"by" without a colon count only in a byline box.
_LABELS = {
    "penulis": AUTHOR, "reporter": AUTHOR, "pewarta": AUTHOR, "wartawan": AUTHOR, "jurnalis": AUTHOR,
    "ditulis oleh": AUTHOR, "oleh": AUTHOR, "author": AUTHOR, "by": AUTHOR, "rep": AUTHOR,
    "kontributor": AUTHOR, "koresponden": AUTHOR, "laporan wartawan": AUTHOR, "laporan": AUTHOR,
    "editor": EDITOR, "penyunting": EDITOR, "redaktur": EDITOR, "red": EDITOR, "editing": EDITOR,
    # one person wrote and edited it (JPNN: "Redaktur & Reporter : Name")
    "redaktur & reporter": AUTHOR, "reporter & redaktur": AUTHOR, "penulis & editor": AUTHOR,
    "editor & penulis": AUTHOR,
}
_WEAK_LABELS = frozenset({"oleh", "by", "laporan", "rep", "red", "kontributor", "koresponden", "wartawan"})
_LABEL_ALT = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _LABELS), key=len, reverse=True))
LABEL_ALT = _LABEL_ALT
_LEADING_LABEL = re.compile(rf"^\s*(?P<label>{_LABEL_ALT})(?![\w.])\s*(?P<colon>[:：])?\s*(?P<rest>.*)$", re.I | re.S)
# A role word after the name: "Dewi Kania Jurnalis", "Yoga Sukmana Editor".
_TRAILING_ROLE = re.compile(
    r"^(?P<name>.+?)\s*[/|,]?\s*(?P<label>penulis|reporter|jurnalis|pewarta|editor|penyunting|kontributor)$", re.I
)
_BYLINE_HINTS = ("author", "byline", "penulis", "reporter", "writer", "pewarta", "credit", "jurnalis", "journalist",
                 "kontributor", "wartawan")
_EDITOR_HINTS = ("editor", "redaktur", "penyunting")
_SKIP_HINTS = ("photo", "foto", "caption", "image", "img", "gallery", "galeri", "thumb", "comment", "komentar")
_MAX_BOX = 150  # a byline box's first line is short
_MAX_BARE = 80  # a bare name in a byline box is shorter still


@dataclass(slots=True)
class Credits:
    """Names found on a page, in page order, by role and strength."""

    strong: list[list[str]] = field(default_factory=list)  # labelled or marked-up bylines, one list a box
    weak: list[tuple[int, list[str]]] = field(default_factory=list)  # (place, names) of unlabelled byline boxes
    editors: list[str] = field(default_factory=list)
    weak_editors: list[str] = field(default_factory=list)
    seen: int = 0  # boxes that named someone
    looked: int = 0  # labels looked at

    def add(self, role: str, names: list[str], strong: bool, pos: int = 0) -> None:
        if not names:
            return
        self.seen += 1
        if role == EDITOR:
            (self.editors if strong else self.weak_editors).extend(names)
        elif strong:
            self.strong.append(names)
        else:
            self.weak.append((pos, names))


def _in_skipped_box(el: etree._Element) -> bool:
    """Inside a photo caption or a comment thread (photo credits are not bylines)."""
    node: etree._Element | None = el
    for _ in range(4):
        if node is None:
            return False
        if node.tag in ("figure", "figcaption"):
            return True
        if any(h in w for w in class_words(node) for h in _SKIP_HINTS):
            return True
        node = node.getparent()
    return False


def _value_after_label(el: etree._Element, rest: str, in_tail: bool) -> str:
    """The name after a label: the rest of the text node, else what follows
    the label ("Editor : <a>Heryadi</a>", "<td>Penulis</td><td>: Anju</td>",
    "<strong>Redaktur :</strong> Agus")."""
    if rest.strip(" :："):
        return rest
    if not in_tail:
        child = next((c for c in el if isinstance(c.tag, str)), None)
        if child is not None:
            return str(text_of(child))[:200]
        if el.tail and el.tail.strip(" :：\n\t"):
            return str(el.tail)
    sibling = el.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()
    return str(text_of(sibling))[:200] if sibling is not None else ""


def scan_text_label(
    el: etree._Element, text: str | None, in_tail: bool, credits: Credits, brands: frozenset[str]
) -> None:
    """A "Penulis: X" / "Editor : Y" / lone "Penulis" cell starting a text node."""
    if not text or len(text) > _MAX_BOX:
        return
    match = _LEADING_LABEL.match(text)
    if not match:
        return
    label = " ".join(match["label"].lower().split())
    rest = match["rest"]
    alone = not rest.strip()
    # "Laporan Wartawan Tribunnews.com, Name", "Kontributor Lhokseumawe, Name": the name follows the comma
    desk = (label in ("laporan wartawan", "kontributor", "koresponden") or (
        label == "laporan" and DESK_WORD.match(rest) is not None)) and "," in rest[:80]
    if desk:
        rest = rest.split(",", 1)[1]
    if not match["colon"] and not alone and not desk:
        return  # "Oleh karena itu ...", "Editor foto ..." in running text
    if label in _WEAK_LABELS and alone and not match["colon"]:
        return
    if _in_skipped_box(el):
        return
    credits.add(_LABELS[label], names_in(_value_after_label(el, rest, in_tail), brands), strong=True)
    if match["colon"] and rest:
        _more_labels(text.strip(), credits, brands)


_INNER_LABEL = re.compile(rf"(?:^|(?<=[\s|,]))(?P<label>{_LABEL_ALT})\s*[:：]", re.I)


def _more_labels(text: str, credits: Credits, brands: frozenset[str]) -> None:
    """Further "Label: value" pairs on the same line ("Penulis: A Editor : B")."""
    found = list(_INNER_LABEL.finditer(text))
    for n, match in enumerate(found[1:], start=1):
        end = found[n + 1].start() if n + 1 < len(found) else len(text)
        label = " ".join(match["label"].lower().split())
        credits.add(_LABELS[label], names_in(text[match.end():end], brands), strong=True)


def _role_of(part: str) -> str | None:
    return _LABELS.get(" ".join(part.lower().rstrip(":： ").split()))


def _role_runs(text: str) -> list[tuple[str, str]]:
    """Roles and names of a credits box read as a list: "Author, A, B, Editor, C"
    (label first) or "A, Penulis, B, Editor" (role after the name)."""
    parts = [p.strip() for p in text.split(",")]
    marks = [i for i, p in enumerate(parts) if _role_of(p)]
    if not marks or len(marks) == len(parts):
        return []
    runs: list[tuple[str, str]] = []
    if marks[0] == 0:  # label first
        for n, i in enumerate(marks):
            end = marks[n + 1] if n + 1 < len(marks) else len(parts)
            runs.append((_role_of(parts[i]) or AUTHOR, ", ".join(parts[i + 1:end])))
    else:  # role after the name
        start = 0
        for i in marks:
            runs.append((_role_of(parts[i]) or AUTHOR, ", ".join(parts[start:i])))
            start = i + 1
    return runs


def scan_box(
    el: etree._Element, words: frozenset[str], credits: Credits, brands: frozenset[str], first_line: str, pos: int = 0,
) -> None:
    """A byline box by its class ("author", "byline", "credit-author", "editor")
    or tag (``<author>``, ``itemprop=author``)."""
    text = norm(first_line)
    if not text or len(text) > _MAX_BOX or _in_skipped_box(el):
        return
    is_editor_box = any(h in w for w in words for h in _EDITOR_HINTS)
    runs = _role_runs(text) if "," in text else []
    if runs:
        for role, value in runs:
            credits.add(role, names_in(value, brands), strong=True)
        return
    match = _LEADING_LABEL.match(text)
    if match:
        label = " ".join(match["label"].lower().split())
        credits.add(_LABELS[label], names_in(match["rest"], brands), strong=True)
        _more_labels(text, credits, brands)
        return
    trailing = _TRAILING_ROLE.match(text)
    if trailing:
        credits.add(_LABELS[trailing["label"].lower()], names_in(trailing["name"], brands), strong=True)
        return
    if len(text) > _MAX_BARE:
        return
    marked = el.tag == "author" or (el.get("itemprop") or "").lower() == "author" or (
        "author" in (el.get("rel") or "").lower().split())
    role = EDITOR if is_editor_box else AUTHOR
    credits.add(role, names_in(text, brands), strong=marked and not is_editor_box, pos=pos)


_box_words: dict[frozenset[str], bool] = {}


def is_byline_box(el: etree._Element, words: frozenset[str]) -> bool:
    """Worth a look as a byline: by tag, itemprop, rel or class words."""
    if el.tag == "author" or (el.get("itemprop") or "").lower() in ("author", "editor"):
        return True
    if el.tag == "a" and "author" in (el.get("rel") or "").lower().split():
        return True
    hinted = _box_words.get(words)
    if hinted is None:
        hinted = any(h in w for w in words for h in _BYLINE_HINTS + _EDITOR_HINTS)
        if len(_box_words) < 4096:
            _box_words[words] = hinted
    return hinted


def _unique(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name.lower() not in (o.lower() for o in out):
            out.append(name)
    return out


_NEAR_TITLE = 200  # elements: a byline box this close to the headline is the article's


def choose(
    credits: Credits, meta_authors: list[str], ld_authors: list[str], meta_editors: list[str],
    brands: frozenset[str], title_pos: int | None = None,
) -> tuple[str | None, str | None]:
    """(author, editor): a visible byline beats metadata; an editor is never the author.

    An unlabelled byline box far from the headline (a sidebar's "author"
    class) ranks after the metadata."""
    meta = _unique([n for value in meta_authors for n in names_in(value, brands, cut=False)])
    ld = _unique([n for value in ld_authors for n in names_in(value, brands, cut=False)])
    meta_ed = [n for value in meta_editors for n in names_in(value, brands, cut=False)]
    editors = _unique(credits.editors + meta_ed + credits.weak_editors)
    not_editor = {e.lower() for e in editors}
    near = [names for pos, names in credits.weak if title_pos is None or abs(pos - title_pos) <= _NEAR_TITLE]
    far = [names for pos, names in credits.weak if title_pos is not None and abs(pos - title_pos) > _NEAR_TITLE]
    boxes = [[n for n in box if n.lower() not in not_editor] for box in credits.strong + near]
    groups = [[n for n in g if n.lower() not in not_editor] for g in (meta, ld)]
    rest = [[n for n in box if n.lower() not in not_editor] for box in far]
    chosen = next((g for g in boxes + groups + rest if g), [])  # the first byline box that names a person
    for fuller in groups:  # the metadata list names co-authors the byline box left out
        if chosen and len(fuller) > len(chosen) and {n.lower() for n in chosen} <= {n.lower() for n in fuller}:
            chosen = fuller
            break
    author = ", ".join(chosen[:6]) or None
    editor = editors[0] if editors else None
    if editor and author and editor.lower() == author.lower():
        editor = None
    return author, editor


_SIGNOFF = re.compile(r"^\(?(?P<name>[A-Z][A-Z.'’\- ]{3,60}?)\)?\s*(?:\|.*)?$")


def signoff_name(paragraph: str, brands: frozenset[str] = frozenset()) -> str | None:
    """The reporter's name when ``paragraph`` is nothing but a sign-off in capitals
    ("DINI TEJA", "DINI TEJA | BBC"); single words ("ANTARA") are agencies, not names."""
    match = _SIGNOFF.match(paragraph.strip())
    if not match:
        return None
    name = match["name"].strip()
    if not 2 <= len(name.split()) <= 3:
        return None
    return person_name(name, brands)


def signoff_author(paragraphs: list[str], brands: frozenset[str] = frozenset()) -> str | None:
    """A reporter's sign-off in capitals closing the text (Tempo: "DINI TEJA",
    "DINI TEJA | BBC"). Single words ("ANTARA") are agencies, not names."""
    for para in reversed(paragraphs[-2:]):
        found = signoff_name(para, brands)
        if found:
            return found
    return None
