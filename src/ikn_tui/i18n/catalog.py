"""The current language and its ``gettext`` catalogue (compiled ``.mo`` files in ``locale/``)."""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "ikn_read"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
ENV_VAR = "IKN_READ_LANG"

_current = DEFAULT_LANGUAGE
_translations: dict[str, gettext.NullTranslations] = {}


def normalise(code: object) -> str | None:
    """``"EN"``, ``" en "``, ``"en_US"`` -> ``"en"``; None when it is not a language we speak."""
    if not isinstance(code, str):
        return None
    short = code.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return short if short in LANGUAGES else None


def resolve_language(
    cli_value: str | None = None, env: Mapping[str, str] | None = None, config_value: object = None
) -> str:
    """``--lang``, then ``IKN_READ_LANG``, then the config's ``language``, then Indonesian.
    ``LANG``/``LC_*`` are never read (most Indonesian machines run an English locale).
    A value we do not speak is passed over."""
    env_value = (env or {}).get(ENV_VAR)
    for value in (cli_value, env_value, config_value):
        code = normalise(value)
        if code:
            return code
    return DEFAULT_LANGUAGE


def _catalogue(code: str) -> gettext.NullTranslations:
    if code not in _translations:
        _translations[code] = gettext.translation(
            DOMAIN, localedir=str(LOCALE_DIR), languages=[code], fallback=True
        )
    return _translations[code]


def set_language(code: str | None) -> str:
    """Speak ``code`` from now on (an unknown code: Indonesian); returns the language set."""
    global _current
    _current = normalise(code) or DEFAULT_LANGUAGE
    return _current


def current_language() -> str:
    return _current


def _(message: str) -> str:
    """The message in the current language (itself when the catalogue lacks it; "" stays "",
    not the catalogue's header)."""
    return _catalogue(_current).gettext(message) if message else message


def N_(message: str) -> str:
    """Marks a module-level msgid for the catalogue; translate it where it is shown with ``_()``."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue(_current).ngettext(singular, plural, n)
