"""`ikn-read config path|show|edit`: where the settings file is, the settings in
use (with one line per problem on stderr), and the file in an editor."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys

from ikn_tui.core.problem import ProblemKind, problem
from ikn_tui.core.text import clean_line
from ikn_tui.i18n import _, current_language
from ikn_tui.settings import DEFAULT_THEME, Settings, quoted


def add_parser(subs: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    config = subs.add_parser("config", help=_("the settings file (config.toml)"),
                             description=_("Show where the settings file is, the settings in use, or edit it."))
    csub = config.add_subparsers(dest="config_command", required=True)
    csub.add_parser("path", help=_("print the path of config.toml"), description=_("Print the path of config.toml."))
    csub.add_parser("show", help=_("print the settings in use"),
                    description=_("Print the settings in use as TOML (defaults included); each problem "
                                  "with the file is one line on stderr."))
    csub.add_parser("edit", help=_("open config.toml in $VISUAL or $EDITOR"),
                    description=_("Open config.toml in $VISUAL, else $EDITOR, else a default editor "
                                  "(written with every setting and a comment first when it does not exist). "
                                  "Its problems are listed afterwards."))


def _problems(found: Settings) -> int:
    """One line each on stderr: the file's problems, and the theme and keys the reader
    would refuse (checked against Textual's themes and the key registry, as at start)."""
    from textual.theme import BUILTIN_THEMES

    from ikn_tui.ui import keys
    from ikn_tui.ui.config import check_keymap
    from ikn_tui.ui.problem_words import words

    lines = list(found.problems)
    if found.theme not in BUILTIN_THEMES:
        lines.append(problem(ProblemKind.CONFIG_THEME, file=found.path.name, theme=quoted(found.theme),
                             default=DEFAULT_THEME))
    _usable, key_problems = check_keymap(found.keys, {key.id: key.keys for key in keys.KEYS if key.keys and key.scope})
    for line in lines + key_problems:
        print(_("ikn-read: {message}").format(message=words(line)), file=sys.stderr)
    return 1 if lines or key_problems else 0


def _editor() -> list[str] | None:
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    if sys.platform == "win32":
        return ["notepad"]
    for name in ("sensible-editor", "nano", "vi"):
        if shutil.which(name):
            return [name]
    return None


def run(args: argparse.Namespace) -> int:
    from ikn_tui import settings as settings_file
    from ikn_tui.launch import edit

    if args.config_command == "path":
        from ikn_tui.core import paths

        print(paths.config_path())
        return 0
    found = settings_file.load(current_language())  # moves an old config.json over first
    if args.config_command == "show":
        sys.stdout.write(settings_file.effective_toml(found))
        return _problems(found)
    path = found.path
    if not path.exists() and not settings_file.save(language=current_language()):
        print(_("ikn-read: cannot write {path}").format(path=clean_line(str(path))), file=sys.stderr)
        return 1
    editor = _editor()
    if editor is None:
        print(_("ikn-read: no editor found: set $EDITOR (the file is printed by 'ikn-read config path')"),
              file=sys.stderr)
        return 1
    try:
        code = edit(editor, path)
    except OSError as error:
        print(_("ikn-read: cannot start the editor {editor}: {error}").format(
            editor=repr(clean_line(editor[0])), error=clean_line(str(error.strerror or error))), file=sys.stderr)
        return 1
    problems = _problems(settings_file.load())
    return code or problems
