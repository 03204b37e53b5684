"""Fetch: bytes over HTTP(S) with deadlines, size caps, redirects and conditional requests."""

from ikn_tui.core.fetch.client import Fetcher, NetConfig

__all__ = ["Fetcher", "NetConfig"]
