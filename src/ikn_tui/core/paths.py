"""Where ikn-read keeps its state. ``$IKN_READ_HOME`` overrides everything."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ikn-read"


def home() -> Path:
    """The directory that holds the database and the config."""
    override = os.environ.get("IKN_READ_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    return home() / "ikn-read.sqlite3"


def config_dir() -> Path:
    override = os.environ.get("IKN_READ_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """The settings file, ``config.toml``."""
    return config_dir() / "config.toml"


def legacy_config_path() -> Path:
    """The settings file of older versions (moved to config.toml once)."""
    return config_dir() / "config.json"


def ensure_home() -> Path:
    path = home()
    path.mkdir(parents=True, exist_ok=True)
    return path
