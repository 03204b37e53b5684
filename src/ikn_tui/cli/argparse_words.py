"""argparse's own words ("usage:", "options", "the following arguments are required", -h's
help...) in the interface's language.

argparse (3.11 to 3.13) looks its messages up through the module globals ``_`` and
``ngettext`` (``gettext``'s, with the process's ``LANG``, which ikn-read never follows).
``install`` points them at ikn-read's catalogue, so they follow ``--lang``,
``IKN_READ_LANG`` and the config like every other line. A message of another Python's
argparse that the catalogue does not know stays as argparse words it.
"""

from __future__ import annotations

import argparse

from ikn_tui.i18n import N_, _, ngettext

# What argparse says, as its msgids (the catalogue's ``locale/id`` translates them).
MESSAGES = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _words(message: str) -> str:
    return _(message)


def _plural_words(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n)


def install() -> None:
    """argparse speaks the current language from now on (it looks the words up at each use)."""
    argparse._ = _words  # type: ignore[attr-defined]
    argparse.ngettext = _plural_words  # type: ignore[attr-defined]
