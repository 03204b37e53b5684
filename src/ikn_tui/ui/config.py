"""The reader's settings file (theme, keymap), JSON at ``paths.config_path()``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ikn_tui.core import paths

DEFAULT_THEME = "textual-dark"


@dataclass
class Configuration:
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)


def _path() -> Path:
    return paths.config_path()


def load_configuration() -> Configuration:
    """Read the config; a missing or broken file gives the defaults."""
    try:
        data: Any = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Configuration()
    if not isinstance(data, dict):
        return Configuration()
    config = Configuration()
    if isinstance(data.get("theme"), str):
        config.theme = data["theme"]
    keymap = data.get("keymap")
    if isinstance(keymap, dict):
        config.keymap = {str(k): str(v) for k, v in keymap.items() if isinstance(v, str)}
    return config


def save_configuration(config: Configuration) -> None:
    """Write the config; failures are ignored (settings are a nicety)."""
    path = _path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(asdict(config), indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


@contextmanager
def update_configuration() -> Iterator[Configuration]:
    """``with update_configuration() as config: config.theme = ...`` saves on exit."""
    config = load_configuration()
    try:
        yield config
    finally:
        save_configuration(config)
