"""Time ``extract_article`` on ~200 KB pages built from the test fixtures.

Run: .venv/bin/python bench/bench_extract.py [--runs N] [--size KB]
Prints the median and p95 wall-clock extraction time per fixture and overall,
and the median CPU time (steadier on a busy machine).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ikn_tui.core.extract.page import extract_article  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"
_PARAGRAPH = re.compile(r"<p[^>]*>((?:(?!</p>).){80,}?)</p>", re.DOTALL)
_RELATED = re.compile(r"baca|terkait|simak|lihat juga|<a\b|</?(?:div|ul|li|table)\b", re.IGNORECASE)


def inflate(html: str, target: int) -> str:
    """Repeat the page's plain body paragraphs (not its read-also blocks)
    right after the last one until the page is about ``target`` bytes."""
    found = [m.group(0) for m in _PARAGRAPH.finditer(html) if not _RELATED.search(m.group(1))]
    paragraphs = found or ["<p>" + "Teks paragraf panjang tentang pembangunan IKN. " * 5 + "</p>"]
    filler = "\n".join(paragraphs)
    repeats = max(0, (target - len(html)) // max(1, len(filler) + 1) + 1)
    extra = "\n" + "\n".join([filler] * repeats)
    anchor = found[-1] if found else None
    at = html.rfind(anchor) if anchor else -1
    bare = html.find("<br><br>")
    if at < 0 or 0 <= bare < html.find(anchor or ""):
        # Bare text + <br> bodies (Antara): repeat lines inside the body instead.
        at, anchor = bare, "<br><br>"
        if at < 0:
            return html + extra
        line = "Teks paragraf panjang tentang pembangunan IKN di Sepaku. " * 3 + "<br><br>\n"
        extra = line * max(1, (target - len(html)) // len(line))
    return html[: at + len(anchor)] + extra + html[at + len(anchor):]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--size", type=int, default=200, help="page size in KB")
    args = parser.parse_args()
    overall: list[float] = []
    overall_cpu: list[float] = []
    for path in sorted(PAGES.glob("*.html")):
        html = inflate(path.read_text(encoding="utf-8"), args.size * 1024)
        extract_article(html, url="https://portal.example.com/x")  # warm up
        times: list[float] = []
        cpu: list[float] = []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            article = extract_article(html, url="https://portal.example.com/x")
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        overall += times
        overall_cpu += cpu
        print(f"{path.name:32s} {len(html) / 1024:4.0f} KB  paragraphs={len(article.body):4d}  "
              f"median={statistics.median(times):6.2f} ms  p95={percentile(times, 0.95):6.2f} ms  "
              f"cpu median={statistics.median(cpu):6.2f} ms")
    print(f"{'ALL':32s} {'':7s} {'':15s}  median={statistics.median(overall):6.2f} ms  "
          f"p95={percentile(overall, 0.95):6.2f} ms  cpu median={statistics.median(overall_cpu):6.2f} ms")


if __name__ == "__main__":
    main()
