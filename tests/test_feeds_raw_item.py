"""Raw items (a deferred feed item's HTML): packed and read back exactly, either way
they are packed; damaged ones are refused in words, and extract to nothing."""

from __future__ import annotations

import pytest

from ikn_tui.core.feeds import complete_item, raw_item
from ikn_tui.core.feeds.raw_item import pack_raw, unpack_raw

ITEMS = [
    (None, "", "", []),
    ("https://kabar.example/berita/1", "<p>Ringkas \"kutip\" é</p>", "<p>Isi\u00a0penuh</p>\x00", ["https://i.example/1.jpg"]),
    ("", "teks \ud800 yatim", "<p>Baca juga: <a href=\"/x\">X</a></p>", []),
]


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("item", ITEMS)
def test_an_item_reads_back_as_packed(item: tuple, compress: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(raw_item, "COMPRESS", compress)
    packed, digest = pack_raw(*item)
    assert packed[:1] == (b"z" if compress else b"b")
    assert unpack_raw(packed) == item
    assert pack_raw(*item)[1] == digest  # the hash: the item's, however packed
    monkeypatch.setattr(raw_item, "COMPRESS", not compress)
    assert pack_raw(*item)[1] == digest


def test_a_changed_item_has_another_hash() -> None:
    base = pack_raw("https://a.example/1", "ringkas", "<p>isi</p>", [])[1]
    assert pack_raw("https://a.example/2", "ringkas", "<p>isi</p>", [])[1] != base
    assert pack_raw("https://a.example/1", "ringkas", "<p>isi.</p>", [])[1] != base
    assert pack_raw("https://a.example/1", "ringkas", "<p>isi</p>", ["https://i.example/f.jpg"])[1] != base


@pytest.mark.parametrize("damaged", [b"", b"x123", b"z not zlib", b"b\x01\x00", b"b" + b"\xff" * 20])
def test_a_damaged_item_is_refused_and_extracts_to_nothing(damaged: bytes) -> None:
    with pytest.raises(ValueError):
        unpack_raw(damaged)
    article = complete_item(damaged)
    assert article.body == [] and article.related == [] and not article.full
