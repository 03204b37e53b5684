"""Benchmark the SQLite store at 100,000 articles.

Run: ``PYTHONPATH=src .venv/bin/python bench/bench_store.py [--count N]``

Prints insert time (and the time of one 10,000-article upsert), the database
size against the size of the text it holds, ``list_rows`` at offset 0 and
near the end, and the p95 of 50 searches and 50 ``similar`` calls.
Targets: search p95 <= 50 ms, database <= 1.5x text size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ikn_tui.core.models import Article, RelatedLink
from ikn_tui.core.store.database import Store

# A fictional vocabulary; word frequencies follow a Zipf-like law, as in news text.
_COMMON = (
    "yang dan di ke dari untuk dengan pada ini itu akan dalam tidak oleh sebagai juga "
    "bagi para atau adalah karena kata telah sudah masih baru lagi hari tahun kota warga"
).split()
_TOPIC = (
    "ibu kota nusantara otorita pembangunan kalimantan timur penajam paser utara balikpapan "
    "samarinda investor jalan tol bendungan istana presiden menteri anggaran infrastruktur "
    "perumahan aparatur pemindahan kawasan inti pusat pemerintahan hutan lingkungan banjir "
    "bandara pelabuhan listrik air bersih sekolah rumah sakit pasar ekonomi pariwisata "
    "teknologi digital transportasi kereta otonom bus listrik tenaga surya konstruksi"
).split()
_SYLLABLES = "ba be bi bu ka ke ki ku la li lu ma me mi mu na ne ni nu ra ri ru sa se si su ta te ti tu".split()


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words = list(_COMMON) + list(_TOPIC)
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 5)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def _generator(seed: int = 7):
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    categories = ["Nasional", "Regional", "Ekonomi", "Politik", "Olahraga", "Teknologi", "Lingkungan", None]
    sources = ["Kabar Etam", "Warta Nusantara", "Borneo Pos", "Suara Benua"]

    def words(n: int) -> list[str]:
        return rng.choices(vocab, weights=weights, k=n)

    def make(i: int) -> Article:
        title_words = words(rng.randint(6, 12))
        title = " ".join(title_words).capitalize()
        body = []
        for _ in range(rng.randint(6, 14)):
            sentence = " ".join(words(rng.randint(25, 45)))
            body.append(sentence.capitalize() + ".")
        day = 1 + (i * 37) % 28
        month = 1 + (i * 11) % 12
        published = None if i % 50 == 0 else f"2025-{month:02d}-{day:02d}T{i % 24:02d}:{i % 60:02d}:00+07:00"
        related = [
            RelatedLink(" ".join(words(7)).capitalize(), f"https://berita.example/read/{rng.randint(1, 10**9)}", 2),
            RelatedLink(" ".join(words(6)).capitalize(), None, len(body)),
        ]
        return Article(
            title=title,
            url=f"https://berita.example/read/{i}/{'-'.join(title_words[:5])}",
            source=rng.choice(sources),
            author="Redaksi",
            published=published,
            category=rng.choice(categories),
            summary=body[0][:200],
            body=body,
            related=related,
            images=[f"https://img.example/{i}.jpg"],
            guid=f"guid-{i}",
            feed_url=f"https://berita.example/feed/{i % 10}",
            full=True,
        )

    return make, rng, vocab


def _text_size(article: Article) -> int:
    parts = [article.title, article.url, article.source, article.author, article.published,
             article.category, article.summary, article.guid, article.feed_url]
    parts += article.body + article.images
    for r in article.related:
        parts += [r.title, r.url]
    return sum(len(p.encode("utf-8")) for p in parts if p)


def _json_size(article: Article) -> int:
    return len(json.dumps(article.to_json(), ensure_ascii=False).encode("utf-8"))


def _feed_item(i: int, article: Article) -> Article:
    """What a feed gives before reader mode: title, link, date, a summary."""
    return Article(title=article.title, url=f"https://feed.example/item/{i}", published=article.published,
                   summary=article.summary, body=[article.summary or ""], guid=f"feed-{i}",
                   feed_url="https://feed.example/rss", full=False, category=article.category)


def _p95(samples: list[float]) -> float:
    samples = sorted(samples)
    return samples[max(0, round(0.95 * len(samples)) - 1)]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def build(path: Path, count: int, batch_size: int, make) -> tuple[int, int]:
    """Insert ``count`` articles; print the time. Returns (text, JSON text) sizes."""
    text = json_text = 0
    insert = 0.0
    with Store(path) as store:
        for first in range(0, count, batch_size):
            batch = [make(i) for i in range(first, min(count, first + batch_size))]
            text += sum(_text_size(a) for a in batch)
            json_text += sum(_json_size(a) for a in batch)
            t0 = time.perf_counter()
            store.upsert_articles(batch)
            insert += time.perf_counter() - t0
        print(f"articles           {store.count_articles():>8}")
    print(f"insert total       {insert:8.2f} s  ({count / insert:,.0f} articles/s, batches of {batch_size})")
    return text, json_text


def bench_upserts(path: Path, make, first: int) -> None:
    """One 10,000-article transaction, into a fresh store, full and feed-like."""
    with Store(path) as fresh:
        extra = [make(first + i) for i in range(10_000)]
        feed = [_feed_item(i, a) for i, a in enumerate(extra)]
        for label, items in (("10k full", extra), ("10k feed", feed)):
            t0 = time.perf_counter()
            result = fresh.upsert_articles(items)
            print(f"upsert {label}    {_ms(time.perf_counter() - t0)}  (new={result.new})")
            t0 = time.perf_counter()
            result = fresh.upsert_articles(items)
            print(f"  same again       {_ms(time.perf_counter() - t0)}  (updated={result.updated})")


def bench_queries(path: Path, count: int, rng: random.Random, vocab: list[str]) -> None:
    store = Store(path)
    for offset in (0, count // 2, count - 100):
        t0 = time.perf_counter()
        rows = store.list_rows(offset, 100)
        print(f"list_rows @{offset:<7} {_ms(time.perf_counter() - t0)}  ({len(rows)} rows)")
    anchor = store.list_rows(count - 200, 1)[0].id
    t0 = time.perf_counter()
    rows = store.list_rows_after(anchor, 100)
    print(f"list_rows_after    {_ms(time.perf_counter() - t0)}  ({len(rows)} rows, near the end)")

    queries = []
    for n in range(50):
        k = 1 + n % 3
        queries.append(" ".join(rng.choice(vocab[: 400 if n % 2 else 3000]) for _ in range(k)))
    queries[:6] = ["nusantara", "ibu kota", "otorita pembangunan", "yang", "kalimantan tim", "ber"]
    times = []
    hits = 0
    for q in queries:
        t0 = time.perf_counter()
        hits += len(store.search(q, 200))
        times.append(time.perf_counter() - t0)
    slowest = queries[times.index(max(times))]
    print(f"search p95         {_ms(_p95(times))}  (median {_ms(statistics.median(times)).strip()}, "
          f"max {_ms(max(times)).strip()} for {slowest!r}, {hits} hits)")

    ids = [rng.randint(1, count) for _ in range(50)]
    times = []
    found = 0
    for article_id in ids:
        t0 = time.perf_counter()
        found += len(store.similar(article_id, 5))
        times.append(time.perf_counter() - t0)
    print(f"similar p95        {_ms(_p95(times))}  (max {_ms(max(times)).strip()}, {found} rows)")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--db", type=Path, help="keep the database here; reuse it when it exists")
    args = parser.parse_args()

    make, rng, vocab = _generator()
    with tempfile.TemporaryDirectory(prefix="ikn-bench-") as tmp:
        path = args.db or Path(tmp) / "bench.sqlite3"
        sizes = path.with_name(path.name + ".sizes.json")
        if args.db and path.exists() and sizes.exists():
            text, json_text = json.loads(sizes.read_text())
            print(f"reusing {path}")
        else:
            text, json_text = build(path, args.count, args.batch, make)
            sizes.write_text(json.dumps([text, json_text]))
            bench_upserts(Path(tmp) / "upsert.sqlite3", make, args.count)
            with Store(path) as store, store._reading() as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = os.path.getsize(path)
        print(f"db size            {size / 1e6:8.1f} MB")
        print(f"  vs text strings  {size / text:8.2f}x  ({text / 1e6:.1f} MB: every stored string, UTF-8)")
        print(f"  vs JSON text     {size / json_text:8.2f}x  ({json_text / 1e6:.1f} MB: Article.to_json() per article)")
        bench_queries(path, args.count, rng, vocab)


if __name__ == "__main__":
    main()
