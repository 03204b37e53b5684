"""Full-text search over the store: ``search``, ``similar`` ("Berita lain")
and rebuilding the FTS5 index.

Ranking every match of a common word costs ~12 us a row (over a second at
100k rows), so only the newest ``SEARCH_CANDIDATES`` / ``SIMILAR_CANDIDATES``
matches are ranked: FTS5 walks rowids newest first and stops early.
"""

from __future__ import annotations

import re
import sqlite3

from ikn_tui.core.models import ArticleRow
from ikn_tui.core.store.deferred import DeferredMixin
from ikn_tui.core.store.keys import fts_query
from ikn_tui.core.store.rows import ROW_COLUMNS, bookmark_copy, to_rows
from ikn_tui.core.text import normalize_title

# How many of the newest matches are ranked (see _fts_rows).
SEARCH_CANDIDATES = 500
SIMILAR_CANDIDATES = 300

_STOPWORDS = frozenset(
    "yang dan di ke dari untuk dengan pada ini itu akan dalam tidak oleh sebagai juga "
    "bagi para atau adalah karena kata soal usai jadi bisa masih baru lagi hari tahun "
    "terhadap tersebut kepada setelah sebelum menjadi antara hingga sampai saat ketika "
    "begini begitu berita video foto halaman".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)


def title_terms(norm_title: str, count: int = 5) -> list[str]:
    """The longest significant words of a normalised title."""
    seen: list[str] = []
    for word in _WORD.findall(norm_title):
        if len(word) < 3 or word.isdigit() or word in _STOPWORDS or word in seen:
            continue
        seen.append(word)
    seen.sort(key=len, reverse=True)
    return seen[:count]


def _fts_rows(
    conn: sqlite3.Connection, match: str, limit: int, candidates: int, exclude: int | None = None
) -> list[ArticleRow]:
    """The best (bm25, titles weigh 4x) ``limit`` of the newest
    ``candidates`` matches of the FTS5 query ``match``."""
    try:
        rows = conn.execute(
            f"SELECT {ROW_COLUMNS} FROM (SELECT rowid AS rid, bm25(articles_fts, 4.0, 1.0) AS score "
            f"FROM articles_fts WHERE articles_fts MATCH ? AND rowid IS NOT ? "
            f"ORDER BY rowid DESC LIMIT ?) AS hits "
            f"JOIN articles a ON a.id = hits.rid ORDER BY hits.score, a.sort_ts DESC LIMIT ?",
            (match, exclude, max(candidates, limit), limit),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
            return []  # a query we failed to quote: no results, never a crash
        raise
    return to_rows(rows)


class SearchMixin(DeferredMixin):
    """Search, similar articles, and the search index itself."""

    def search(self, query: str, limit: int = 200) -> list[ArticleRow]:
        """Full-text search over titles and bodies, best (bm25) first among
        the newest ``SEARCH_CANDIDATES`` matches. Untrusted input is safe:
        see ``fts_query``. An empty query gives []."""
        match = fts_query(query)
        if not match or limit <= 0:
            return []
        self._catch_up()
        with self._reading() as conn:
            return _fts_rows(conn, match, int(limit), SEARCH_CANDIDATES)

    def similar(self, article_id: int, limit: int = 5) -> list[ArticleRow]:
        """"Berita lain": articles sharing significant title words, then the
        newest of the same category; never the article itself."""
        if limit <= 0:
            return []
        with self._reading() as conn:
            if article_id < 0:
                copy = bookmark_copy(conn, article_id)
                if copy is None:
                    return []
                title, category, exclude = normalize_title(copy.title), copy.category, copy.id
            else:
                row = conn.execute(
                    "SELECT norm_title, category FROM articles WHERE id = ?", (article_id,)
                ).fetchone()
                if row is None:
                    return []
                title, category, exclude = row[0], row[1], article_id
            out: list[ArticleRow] = []
            seen = {exclude}
            terms = title_terms(title)
            if terms:
                match = "title : (" + " OR ".join(f'"{t}"' for t in terms) + ")"
                for r in _fts_rows(conn, match, limit + 5, SIMILAR_CANDIDATES, exclude):
                    if r.id not in seen and normalize_title(r.title) != title:
                        seen.add(r.id)
                        out.append(r)
            if len(out) < limit and category:
                rows = conn.execute(
                    f"SELECT {ROW_COLUMNS} FROM articles a WHERE a.category = ? AND a.id IS NOT ? "
                    f"ORDER BY a.sort_ts DESC LIMIT ?",
                    (category, exclude, limit + len(seen)),
                ).fetchall()
                for r in to_rows(rows):
                    if r.id not in seen and normalize_title(r.title) != title:
                        seen.add(r.id)
                        out.append(r)
            return out[:limit]
