"""A small ``.po`` reader and ``.mo`` writer (the stdlib has ``gettext`` to read
catalogues but nothing importable to compile them).

``python -m ikn_tui.i18n.mo`` compiles every ``locale/*/LC_MESSAGES/*.po`` next to itself;
a test checks the shipped ``.mo`` files are what the ``.po`` files compile to.
"""

from __future__ import annotations

import ast
import re
import struct
import sys
from pathlib import Path

from ikn_tui.i18n.catalog import LOCALE_DIR


def _unquote(text: str) -> str:
    value = ast.literal_eval(text.strip())
    if not isinstance(value, str):
        raise ValueError(f"not a string: {text!r}")
    return value


def parse_po(text: str) -> dict[str, str]:
    """msgid -> msgstr, entries separated by blank lines (plural forms as
    ``singular\\0plural`` -> ``form0\\0form1``); fuzzy entries and empty translations
    are left out, the header (msgid "") kept."""
    entries: dict[str, str] = {}
    for block in re.split(r"\n\s*\n", text):
        fields: dict[str, str] = {}
        field = ""
        fuzzy = False
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#"):
                fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
            elif line.startswith('"') and field:
                fields[field] += _unquote(line)
            elif line:
                field, _, rest = line.partition(" ")
                fields[field] = _unquote(rest)
        if "msgid" not in fields or fuzzy:
            continue
        msgid = fields["msgid"]
        if "msgid_plural" in fields:
            msgid += "\0" + fields["msgid_plural"]
            msgstr = "\0".join(fields[k] for k in sorted(fields) if k.startswith("msgstr["))
        else:
            msgstr = fields.get("msgstr", "")
        if msgstr.replace("\0", ""):
            entries[msgid] = msgstr
    return entries


def mo_bytes(entries: dict[str, str]) -> bytes:
    """The GNU ``.mo`` format (little endian, no hash table), keys sorted."""
    keys = sorted(entries)
    ids = b""
    strs = b""
    offsets: list[tuple[int, int, int, int]] = []
    for key in keys:
        k = key.encode("utf-8")
        v = entries[key].encode("utf-8")
        offsets.append((len(ids), len(k), len(strs), len(v)))
        ids += k + b"\0"
        strs += v + b"\0"
    count = len(keys)
    key_table_at = 7 * 4
    value_table_at = key_table_at + count * 8
    ids_at = value_table_at + count * 8
    strs_at = ids_at + len(ids)
    key_table = b"".join(struct.pack("<2I", length, ids_at + at) for at, length, _, _ in offsets)
    value_table = b"".join(struct.pack("<2I", length, strs_at + at) for _, _, at, length in offsets)
    header = struct.pack("<7I", 0x950412DE, 0, count, key_table_at, value_table_at, 0, 0)
    return header + key_table + value_table + ids + strs


def po_files(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    written = []
    for po in po_files(locale_dir):
        mo = po.with_suffix(".mo")
        data = mo_bytes(parse_po(po.read_text(encoding="utf-8")))
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(path, file=sys.stderr)
