"""The only places ikn-read starts another program: the ``browser`` command of the
settings (the ``o`` key) and the editor of ``ikn-read config edit``.

Both are argument lists split from the user's own setting or ``$EDITOR``, never a
shell; the URL handed to a browser has been checked to be http(s) by the caller,
so it cannot pass for an option.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path


def open_with(command: str, url: str) -> str | None:
    """Start ``command URL`` detached from the terminal; None, or why it could not start."""
    try:
        subprocess.Popen(
            [*shlex.split(command), url], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )
    except (OSError, ValueError) as error:
        return getattr(error, "strerror", None) or str(error)
    return None


def edit(editor: list[str], path: Path) -> int:
    """Run ``editor PATH`` in this terminal and wait; its exit code (OSError when it cannot start)."""
    return subprocess.call([*editor, str(path)])
