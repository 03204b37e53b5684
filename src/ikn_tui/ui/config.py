"""The reader's settings (theme, keys and the rest of ``config.toml``): see
``ikn_tui.settings`` for the file, its checks and the move from config.json.

A file that cannot be used is never silent: ``Configuration.problems`` holds one
line per problem (broken TOML, a wrong type, an unknown binding id or theme, a
key that would take away the only way to quit or get help), and the reader shows
them at start. A broken file is never overwritten by a theme change.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ikn_tui import settings as settings_file
from ikn_tui.core import paths
from ikn_tui.core.problem import Problem, ProblemKind, problem
from ikn_tui.i18n import current_language
from ikn_tui.settings import DEFAULT_THEME, Settings
from ikn_tui.settings import quoted as _name

__all__ = ["DEFAULT_THEME", "Configuration", "check_keymap", "load_configuration", "update_configuration"]

# Bindings that must always answer to their own default key, whatever the keymap says.
ALWAYS_KEPT = ("quit", "help")


@dataclass
class Configuration:
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True  # False: the file exists but is not usable TOML (it is then left alone)
    settings: Settings = field(default_factory=Settings)  # every setting, checked
    images: str = "auto"  # "auto" or "off" (the i key saves it)


def _path() -> Path:
    return paths.config_path()


def load_configuration() -> Configuration:
    """Read the config; what cannot be used gives the defaults and a problem line."""
    found = settings_file.load(current_language())
    return Configuration(
        theme=found.theme, keymap=dict(found.keys), problems=list(found.problems),
        readable=found.readable, settings=found, images=str(found["images"]),
    )


def _keys(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


def check_keymap(keymap: Mapping[str, str], defaults: Mapping[str, str]) -> tuple[dict[str, str], list[Problem]]:
    """The keymap the app can use, and one line per problem with it.

    ``defaults`` maps every binding id the app has to its default keys. Unknown ids
    are dropped. ``quit`` and ``help`` always keep their default key (added back to
    what the file gives them); another binding cannot take that key away from them."""
    name = _path().name
    usable: dict[str, str] = {}
    problems: list[Problem] = []
    reserved = {key: binding for binding in ALWAYS_KEPT for key in _keys(defaults.get(binding, ""))[:1]}
    for binding, text in keymap.items():
        if binding not in defaults:
            problems.append(problem(ProblemKind.CONFIG_KEY_UNKNOWN_ID, file=name, binding=_name(binding)))
            continue
        keys = _keys(text)
        if not keys:
            problems.append(problem(ProblemKind.CONFIG_KEY_EMPTY, file=name, binding=_name(binding)))
            continue
        taken = [k for k in keys if k in reserved and reserved[k] != binding]
        if taken:
            problems.append(problem(ProblemKind.CONFIG_KEY_TAKEN, file=name, binding=_name(binding),
                                    key=_name(taken[0]), owner=repr(reserved[taken[0]])))
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
                problems.append(
                    problem(ProblemKind.CONFIG_KEY_KEPT_CLASH, file=name, binding=repr(binding), key=_name(default[0]),
                            other=repr(clashes[0]))
                    if clashes else
                    problem(ProblemKind.CONFIG_KEY_KEPT, file=name, binding=repr(binding), key=_name(default[0]))
                )
                keys = keys + default
        usable[binding] = ",".join(keys)
    return usable, problems


def save_configuration(config: Configuration) -> None:
    """Write the theme and keys (comments and other settings kept); failures are
    ignored (settings are a nicety). An unusable file is left as it is."""
    if not config.readable:
        return
    changed = {k: v for k, v in config.keymap.items() if config.settings.keys.get(k) != v}
    images = config.images if config.images != config.settings["images"] else None
    settings_file.save(theme=config.theme, keys=changed, images=images, language=current_language())


@contextmanager
def update_configuration() -> Iterator[Configuration]:
    """``with update_configuration() as config: config.theme = ...`` saves on exit."""
    config = load_configuration()
    try:
        yield config
    finally:
        save_configuration(config)
