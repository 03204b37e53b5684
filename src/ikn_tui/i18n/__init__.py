"""The interface's language: stdlib ``gettext`` catalogues, one language at a time.

``ui/`` writes its strings in Indonesian and ``cli/`` in English; each is the msgid.
``locale/en`` turns the Indonesian UI strings into English, ``locale/id`` turns the
English CLI strings into Indonesian, so either language reads the same everywhere.
The language comes from ``--lang``, then ``IKN_READ_LANG``, then the config's
``language``, then Indonesian (never ``LANG``): see :func:`resolve_language`.
"""

from ikn_tui.i18n.catalog import (
    DEFAULT_LANGUAGE,
    ENV_VAR,
    LANGUAGES,
    N_,
    _,
    current_language,
    ngettext,
    resolve_language,
    set_language,
)
from ikn_tui.i18n.formats import format_datetime, format_number, long_date, short_date

__all__ = [
    "DEFAULT_LANGUAGE",
    "ENV_VAR",
    "LANGUAGES",
    "N_",
    "_",
    "current_language",
    "format_datetime",
    "format_number",
    "long_date",
    "ngettext",
    "resolve_language",
    "set_language",
    "short_date",
]
