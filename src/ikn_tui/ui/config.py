"""The reader's settings file (theme, keymap), JSON at ``paths.config_path()``.

A file that cannot be used is never silent: ``Configuration.problems`` holds one
line per problem (broken JSON, a wrong type, an unknown binding id or theme, a
key that would take away the only way to quit or get help), and the reader shows
them at start. A broken file is never overwritten by a theme change.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ikn_tui.core import paths
from ikn_tui.core.atomic import write_atomic
from ikn_tui.core.text import clean_line

DEFAULT_THEME = "textual-dark"

# Bindings that must always answer to their own default key, whatever the keymap says.
ALWAYS_KEPT = ("quit", "help")


@dataclass
class Configuration:
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    readable: bool = True  # False: the file exists but is not usable JSON (it is then left alone)
    raw: dict[str, Any] = field(default_factory=dict)  # the file as read: saving keeps what we do not use


def _path() -> Path:
    return paths.config_path()


def _name(value: object, limit: int = 40) -> str:
    """Outside text from the file, quoted for a one-line message."""
    return repr(clean_line(str(value), limit))


def load_configuration() -> Configuration:
    """Read the config; what cannot be used gives the defaults and a problem line."""
    path = _path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Configuration()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        return Configuration(problems=[f"{path.name}: cannot read it ({reason}); using the defaults"], readable=False)
    try:
        data: Any = json.loads(text)
    except ValueError as error:
        where = f"line {error.lineno}" if isinstance(error, json.JSONDecodeError) else "broken"
        return Configuration(problems=[f"{path.name}: not valid JSON ({where}); using the defaults"], readable=False)
    if not isinstance(data, dict):
        return Configuration(problems=[f"{path.name}: expected a JSON object; using the defaults"], readable=False)
    config = Configuration(raw=data)
    theme = data.get("theme")
    if isinstance(theme, str):
        config.theme = theme
    elif theme is not None:
        config.problems.append(f"{path.name}: 'theme' must be a name (text); using {DEFAULT_THEME}")
    keymap = data.get("keymap")
    if isinstance(keymap, dict):
        for key, value in keymap.items():
            if isinstance(value, str):
                config.keymap[str(key)] = value
            else:
                config.problems.append(f"{path.name}: keymap {_name(key)} must be keys as text, like \"j,down\"")
    elif keymap is not None:
        config.problems.append(f"{path.name}: 'keymap' must be an object of binding id -> keys")
    for key in data:
        if key not in ("theme", "keymap"):
            config.problems.append(f"{path.name}: unknown setting {_name(key)} (ignored)")
    return config


def _keys(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


def check_keymap(keymap: Mapping[str, str], defaults: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The keymap the app can use, and one line per problem with it.

    ``defaults`` maps every binding id the app has to its default keys. Unknown ids
    are dropped. ``quit`` and ``help`` always keep their default key (added back to
    what the file gives them); another binding cannot take that key away from them."""
    name = _path().name
    usable: dict[str, str] = {}
    problems: list[str] = []
    reserved = {key: binding for binding in ALWAYS_KEPT for key in _keys(defaults.get(binding, ""))[:1]}
    for binding, text in keymap.items():
        if binding not in defaults:
            problems.append(f"{name}: unknown key binding id {_name(binding)} (ignored; see ? for the ids)")
            continue
        keys = _keys(text)
        if not keys:
            problems.append(f"{name}: no keys given for {_name(binding)} (its default stays)")
            continue
        taken = [k for k in keys if k in reserved and reserved[k] != binding]
        if taken:
            problems.append(
                f"{name}: {_name(binding)} cannot take {_name(taken[0])}: it is the key of {reserved[taken[0]]!r}"
            )
            keys = [k for k in keys if k not in taken]
            if not keys:
                continue
        if binding in ALWAYS_KEPT:
            default = _keys(defaults[binding])[:1]
            if default and default[0] not in keys:
                clashes = sorted(
                    other for other, other_keys in defaults.items()
                    if other != binding and set(_keys(keymap.get(other, other_keys))) & set(keys)
                )
                also = f" (its new key is also {clashes[0]!r})" if clashes else ""
                problems.append(f"{name}: {binding!r} keeps its key {_name(default[0])} as well{also}")
                keys = keys + default
        usable[binding] = ",".join(keys)
    return usable, problems


def save_configuration(config: Configuration) -> None:
    """Write the config atomically; failures are ignored (settings are a nicety).
    A file that was not readable JSON is left as it is (the user may want it back)."""
    if not config.readable:
        return
    path = _path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = dict(config.raw)
        data["theme"] = config.theme
        if config.keymap or "keymap" in data:
            old = data.get("keymap")
            data["keymap"] = {**(old if isinstance(old, dict) else {}), **config.keymap}
        write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
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
