"""Refresh: fetch every subscription, parse in a process pool, store in batched transactions.

The stage that runs the pipeline (fetch -> feeds/extract -> store) for many feeds at once.
"""

from ikn_tui.core.refresh.idle import extract_stored_in_background
from ikn_tui.core.refresh.run import (
    BatchWriter,
    RefreshProgress,
    RefreshSummary,
    cancel_running_refreshes,
    feed_label,
    refresh_all,
)

__all__ = [
    "BatchWriter", "RefreshProgress", "RefreshSummary", "cancel_running_refreshes", "extract_stored_in_background",
    "feed_label", "refresh_all",
]
