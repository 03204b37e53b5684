"""The bundled demo edition: fictional sample pages for ``ikn-read --demo``.

Every page under ``pages/`` is an invented article about IKN and Kalimantan
Timur, saved as a news portal would serve it (navigation, "Terpopuler"
sidebar, ads, footer, and "Baca juga" blocks in several portals' markups),
so the demo exercises the real extraction path offline. Nothing here is
real news: the site is "Contoh Berita IKN (sampel)" and every body starts
with "SAMPEL — ".
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DEMO_SITE_NAME = "Contoh Berita IKN (sampel)"
DEMO_BASE_URL = "https://contoh.ikn-read.example/berita/"

# The package is always installed as plain files (src layout, wheel), so the
# resource folder is a real directory on disk.
DEMO_DIR: Path = Path(str(files("ikn_tui.demo") / "pages"))


def demo_paths() -> list[Path]:
    """The demo pages, sorted by file name (which is their publication order)."""
    if not DEMO_DIR.is_dir():
        return []
    return sorted(path for path in DEMO_DIR.glob("*.html") if path.is_file())
