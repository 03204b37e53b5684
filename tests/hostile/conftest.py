"""The hostile suite's fixtures (its generated inputs live in ``corpus.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent):  # corpus/probes, and tests/ui_helpers
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from probes import RecordingDriver  # noqa: E402


@pytest.fixture
def terminal_output() -> list[str]:
    """What the recording driver receives: every byte Textual writes to the terminal."""
    RecordingDriver.written = []
    return RecordingDriver.written
