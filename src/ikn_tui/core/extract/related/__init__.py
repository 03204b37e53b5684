"""Related links: find the Baca Juga blocks, read their labels, and mark where each stood."""
