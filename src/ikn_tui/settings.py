"""The settings file, ``config.toml`` (read with ``tomllib``, written with ``tomlkit``
so a user's comments survive a save). No Textual here: the reader and the
``ikn-read config`` command both use it.

Every setting has a default and a check. What cannot be used gives one line in
``Settings.problems`` naming the file, the key and what was expected, and the
default for that key; the rest of the file still applies. A file that is not
valid TOML is never overwritten. An old ``config.json`` is moved over once
(its values kept) and renamed ``config.json.migrated``.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ikn_tui.core import paths
from ikn_tui.core.atomic import write_atomic
from ikn_tui.core.problem import Problem, ProblemKind, problem
from ikn_tui.core.text import clean_line
from ikn_tui.settings_template import template

DEFAULT_THEME = "textual-dark"

# None: the value is good; else what was expected, in English that ui/problem_words.py words
# ("text", "true or false", "a whole number, N or more", "'a' or 'b'").
Check = Callable[[Any], str | None]


def _choice(*allowed: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in allowed else " or ".join(repr(a) for a in allowed)
    return check


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else "text"


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "true or false"


def _at_least(low: int) -> Check:
    def check(value: Any) -> str | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= low
        return None if ok else f"a whole number, {low} or more"
    return check



# dotted key -> (default, check). None as a default: not set (see the template's comments).
SPEC: dict[str, tuple[Any, Check]] = {
    "language": ("id", _choice("id", "en")),
    "theme": (DEFAULT_THEME, _text),
    "images": ("auto", _choice("auto", "off")),
    "browser": ("", _text),
    "refresh.on_start": (True, _flag),
    "refresh.every_minutes": (0, _at_least(0)),
    "refresh.concurrency": (16, _at_least(1)),
    "refresh.per_host": (4, _at_least(1)),
    "store.keep_days": (None, _at_least(0)),
    "store.max_articles": (None, _at_least(0)),
    "sync.on_start": (True, _flag),
}
TABLES = ("keys", "refresh", "store", "sync")

# The commented file written on the first save, in the reader's language (settings_template.py).
TEMPLATE = template("id")


@dataclass
class Settings:
    values: dict[str, Any] = field(default_factory=lambda: {k: d for k, (d, _) in SPEC.items()})
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True  # False: config.toml exists but cannot be used (never overwritten)
    path: Path = field(default_factory=lambda: paths.config_path())

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def theme(self) -> str:
        return str(self.values["theme"])


def quoted(value: object, limit: int = 40) -> str:
    """Outside text from the file, quoted for a one-line message."""
    return repr(clean_line(str(value), limit))


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if key in TABLES and key != "keys" and isinstance(value, dict):
            for inner, item in value.items():
                flat[f"{key}.{inner}"] = item
        else:
            flat[key] = value
    return flat


def _dotted(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``list.down = "n"`` unquoted is a nested table in TOML: back to the id "list.down"."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_dotted(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def parse(data: dict[str, Any], name: str) -> Settings:
    """The settings of an already parsed TOML document; one problem line per bad key."""
    settings = Settings()
    keys = data.get("keys")
    if isinstance(keys, dict):
        for binding, value in _dotted(keys).items():
            if isinstance(value, str):
                settings.keys[str(binding)] = value
            else:
                settings.problems.append(problem(ProblemKind.CONFIG_KEYS_NOT_TEXT, file=name, binding=quoted(binding)))
    elif keys is not None:
        settings.problems.append(problem(ProblemKind.CONFIG_KEYS_NOT_TABLE, file=name))
    for key, value in _flatten({k: v for k, v in data.items() if k != "keys"}).items():
        if key in TABLES:
            settings.problems.append(problem(ProblemKind.CONFIG_NOT_TABLE, file=name, table=key))
            continue
        if key not in SPEC:
            settings.problems.append(problem(ProblemKind.CONFIG_UNKNOWN, file=name, key=quoted(key)))
            continue
        default, check = SPEC[key]
        expected = check(value)
        if expected is None:
            settings.values[key] = value
        else:
            shown = quoted(json.dumps(value, default=str))
            settings.problems.append(
                problem(ProblemKind.CONFIG_BAD_VALUE_UNSET, file=name, key=repr(key), expected=expected, value=shown)
                if default is None else
                problem(ProblemKind.CONFIG_BAD_VALUE, file=name, key=repr(key), expected=expected, value=shown,
                        default=json.dumps(default))
            )
    return settings


def _migrate(toml_path: Path, language: str | None = None) -> list[Problem]:
    """Move an old config.json's theme and keymap to config.toml (once). Its problem lines."""
    old = paths.legacy_config_path()
    if toml_path.exists() or not old.is_file():
        return []
    try:
        data = json.loads(old.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return [problem(ProblemKind.CONFIG_OLD_UNREADABLE, old=old.name, file=toml_path.name)]
    if not isinstance(data, dict):
        return [problem(ProblemKind.CONFIG_OLD_NOT_OBJECT, old=old.name, file=toml_path.name)]
    import tomlkit

    doc = tomlkit.parse(template(language))
    problems: list[Problem] = []
    for key, value in data.items():
        if key == "theme" and isinstance(value, str):
            doc["theme"] = value
        elif key == "keymap" and isinstance(value, dict):
            table = doc["keys"]
            for binding, keys in value.items():
                table[str(binding)] = keys  # type: ignore[index]
        else:
            problems.append(
                problem(ProblemKind.CONFIG_OLD_NOT_MOVED, old=old.name, key=quoted(key), file=toml_path.name)
            )
    try:
        toml_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(toml_path, tomlkit.dumps(doc))
        old.rename(old.with_name(old.name + ".migrated"))
    except OSError as error:
        return [problem(ProblemKind.CONFIG_OLD_MOVE_FAILED, old=old.name, file=toml_path.name,
                        detail=error.strerror or error)]
    return problems + [problem(ProblemKind.CONFIG_OLD_MOVED, old=old.name, file=toml_path.name)]


def load(language: str | None = None) -> Settings:
    """The settings from config.toml (after a one-time move from config.json, whose new
    file has its comments in ``language``: the language is not known before this file
    is read, so callers that know it pass it; else Indonesian)."""
    path = paths.config_path()
    moved = _migrate(path, language)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(problems=moved, path=path)
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None)
        unreadable = (problem(ProblemKind.CONFIG_UNREADABLE, file=path.name, detail=reason) if reason
                      else problem(ProblemKind.CONFIG_NOT_UTF8, file=path.name))
        return Settings(problems=[*moved, unreadable], readable=False, path=path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = clean_line(str(error), 80)
        return Settings(problems=[*moved, problem(ProblemKind.CONFIG_NOT_TOML, file=path.name, detail=where)],
                        readable=False, path=path)
    settings = parse(data, path.name)
    settings.problems[:0] = moved
    settings.path = path
    return settings


def save(theme: str | None = None, keys: dict[str, str] | None = None, images: str | None = None,
         language: str | None = None) -> bool:
    """Set the theme, ``images`` and/or key overrides in config.toml, keeping everything else
    (comments included). The commented template, its comments in ``language``, on the
    first save. False: not saved (an unreadable file is left as it is)."""
    import tomlkit

    path = paths.config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = template(language)
    except (OSError, UnicodeDecodeError):
        return False
    try:
        doc = tomlkit.parse(text)
    except Exception:  # noqa: BLE001 - tomlkit's parse errors have no common base worth naming
        return False
    if theme is not None:
        doc["theme"] = theme
    if images is not None:
        doc["images"] = images
    if keys:
        table = doc.get("keys")
        if not isinstance(table, dict):
            table = tomlkit.table()
            doc["keys"] = table
        for binding, value in keys.items():
            table[binding] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, tomlkit.dumps(doc))
    except OSError:
        return False
    return True


def effective_toml(settings: Settings) -> str:
    """The settings in use, as TOML (for ``ikn-read config show``)."""
    import tomlkit

    doc = tomlkit.document()
    tables: dict[str, Any] = {}
    for key, value in settings.values.items():
        if value is None:
            continue
        if "." in key:
            table, inner = key.split(".", 1)
            tables.setdefault(table, {})[inner] = value
        else:
            doc[key] = value
    for table, items in tables.items():
        doc[table] = items
    doc["keys"] = dict(settings.keys)
    return tomlkit.dumps(doc)


def net_limits(settings: Settings) -> tuple[int, int]:
    """``[refresh]`` concurrency and per_host: ``NetConfig(total=..., per_host=...)``."""
    return int(settings["refresh.concurrency"]), int(settings["refresh.per_host"])


def apply_retention_settings(store: Any, settings: Settings) -> None:
    """``[store]`` keep_days / max_articles, when set, replace the store's retention
    settings (written only when they differ). ``store`` is a ``core.store.Store``."""
    wanted = {k: settings[f"store.{k}"] for k in ("keep_days", "max_articles") if settings[f"store.{k}"] is not None}
    if not wanted:
        return
    current = store.retention()
    if any(getattr(current, k) != v for k, v in wanted.items()):
        store.set_retention(**wanted)
