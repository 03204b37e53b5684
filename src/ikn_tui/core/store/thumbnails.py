"""Lead-photo thumbnails: a small JPEG per image URL, so a photo seen once shows
again without the network (``--offline``, a bookmark read on a train).

The table is a cache: at most ``MAX_THUMBNAILS`` rows, the oldest going first,
except those of bookmarked articles (the first image of a bookmark's offline
copy), which stay as long as the bookmark does. Thumbnails are not in the
keepsake (``keepsake.py``): it is rewritten whole on every bookmark change, and
a lost database loses only photos the next online reading fetches again.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikn_tui.core.store.connection import StoreConnection
from ikn_tui.core.store.keys import utc_now

MAX_THUMBNAILS = 1000
MAX_THUMBNAIL_BYTES = 256 * 1024  # the decoder makes ~20-60 KB; anything larger is refused

# The first image of every bookmark's offline copy: their thumbnails are kept.
_BOOKMARKED = (
    "SELECT json_extract(record, '$.images[0]') FROM bookmarks "
    "WHERE json_valid(record) AND json_extract(record, '$.images[0]') IS NOT NULL"
)


@dataclass(frozen=True, slots=True)
class StoredThumbnail:
    url: str
    data: bytes  # JPEG
    width: int
    height: int


class ThumbnailsMixin(StoreConnection):
    """Reading and writing the lead-photo thumbnails."""

    def get_thumbnail(self, url: str) -> StoredThumbnail | None:
        if not url:
            return None
        with self._reading() as conn:
            row = conn.execute("SELECT data, width, height FROM thumbnails WHERE url = ?", (url,)).fetchone()
        if row is None or not isinstance(row[0], bytes):
            return None
        return StoredThumbnail(url, row[0], int(row[1]), int(row[2]))

    def put_thumbnail(self, url: str, data: bytes, width: int, height: int) -> bool:
        """Keep ``data`` for ``url`` (replacing an older one); False when the store
        does not take writes (read-only, damaged) or the data is too large."""
        if not url or not data or len(data) > MAX_THUMBNAIL_BYTES or self.readonly or self.damaged is not None:
            return False
        stored_at, _ = utc_now()
        with self._writing() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO thumbnails(url, data, width, height, stored_at) VALUES (?, ?, ?, ?, ?)",
                (url, data, int(width), int(height), stored_at),
            )
            conn.execute(
                "DELETE FROM thumbnails WHERE url IN (SELECT url FROM thumbnails "
                f"WHERE url NOT IN ({_BOOKMARKED}) ORDER BY stored_at DESC, rowid DESC LIMIT -1 OFFSET ?)",
                (MAX_THUMBNAILS,),
            )
        return True

    def thumbnail_count(self) -> int:
        with self._reading() as conn:
            return int(conn.execute("SELECT count(*) FROM thumbnails").fetchone()[0])
