"""`ikn-read` command line: the TUI by default, plus non-interactive subcommands."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

from ikn_tui import __version__
from ikn_tui.i18n import LANGUAGES, _, resolve_language, set_language

SUBCOMMANDS = ("show", "list", "feeds", "refresh", "bookmarks", "sync", "completion", "store", "config")


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None,
        help=_("the interface's language: id (default) or en; also IKN_READ_LANG"),
    )


def take_language(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--lang X`` / ``--lang=X`` anywhere before ``--`` (the value, the other arguments);
    taken out first so the subcommand routing and every message already speak it.
    Raises ValueError for a language we do not speak."""
    lang: str | None = None
    rest: list[str] = []
    items = iter(argv)
    for item in items:
        if item == "--":
            rest.append(item)
            rest.extend(items)
            break
        if item == "--lang" or item.startswith("--lang="):
            value = item.partition("=")[2] if "=" in item else next(items, "")
            if value not in LANGUAGES:
                raise ValueError(value)
            lang = value
            continue
        rest.append(item)
    return lang, rest


def config_language() -> str | None:
    """``language`` in config.toml; None when it cannot be read (its problems are reported
    where the settings are used, not here)."""
    try:
        from ikn_tui.settings import load

        return str(load()["language"])
    except Exception:  # noqa: BLE001 - a broken config never stops the command line
        return None


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ikn-read",
        description=_(
            "A keyboard-first terminal news reader for Indonesian news. With no subcommand it opens the "
            "reader on the given sources (or on your stored articles and subscriptions)."
        ),
        epilog=_(
            "subcommands:\n"
            "  show SOURCE [--json]       extract one article and print it\n"
            "  list [SOURCE...] [--json]  list articles of sources or of the store\n"
            "  feeds add|remove|list|import|export   manage subscriptions\n"
            "  refresh                    fetch all subscriptions into the store\n"
            "  bookmarks list|export      offline bookmarks\n"
            "  sync [login|status|logout] sync with a Fever / Google Reader API server\n"
            "  completion bash|zsh|fish   print a shell completion script\n"
            "  store check|recover|backup|restore|vacuum   the database: damage, backups, retention\n"
            "  config path|show|edit      the settings file, config.toml\n"
            "Run 'ikn-read SUBCOMMAND --help' for details. State lives in $IKN_READ_HOME when set."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ikn-read {__version__}",
                        help=_("show the version and exit"))
    _add_lang(parser)
    parser.add_argument(
        "sources", nargs="*", metavar="SOURCE",
        help=_("feed URL, article URL, feed file, saved .html page, OPML, JSON Feed, .txt dump, or folder"),
    )
    parser.add_argument(
        "--offline", action="store_true", help=_("no network at all: no refresh, links resolve only to stored articles")
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("open the bundled demo edition (fictional samples, offline)")
    )
    return parser


def _sub_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The subcommands' parser; ``only``: with just that subcommand (the one
    typed; its help and errors read the same), the others are not built."""

    def want(name: str) -> bool:
        return only is None or only == name

    parser = argparse.ArgumentParser(prog="ikn-read")
    parser.add_argument("--version", action="version", version=f"ikn-read {__version__}",
                        help=_("show the version and exit"))
    _add_lang(parser)
    subs = parser.add_subparsers(dest="command", required=True)

    if want("show"):
        show = subs.add_parser("show", help=_("extract one article (a file or a URL) and print it"),
                               description=_("Extract one article from SOURCE (file or URL) and print it."))
        show.add_argument("source", metavar="SOURCE")
        show.add_argument("--format", choices=("text", "json", "md"), default=None,
                          help=_("text (default), json, or md (Markdown, with the Baca Juga links as links)"))
        show.add_argument("--json", action="store_true", help=_("the same as --format json"))
        show.add_argument("--offline", action="store_true", help=_("never use the network"))

    if want("list"):
        lst = subs.add_parser(
            "list", help=_("list articles, newest first"),
            description=(
                _("List the articles of SOURCEs (they are also kept in the store), "
                  "or of the store when none are given.")
            ),
        )
        lst.add_argument("sources", nargs="*", metavar="SOURCE")
        lst.add_argument("--json", action="store_true", help=_("print a JSON array"))
        lst.add_argument(
            "--limit", type=int, default=None,
            help=_("at most N articles (default: all of the sources, 100 from the store)"),
        )
        lst.add_argument("--offline", action="store_true", help=_("never use the network"))

    if want("feeds"):
        feeds = subs.add_parser("feeds", help=_("manage subscriptions"), description=_("Manage feed subscriptions."))
        fsub = feeds.add_subparsers(dest="feeds_command", required=True)
        add = fsub.add_parser("add", help=_("subscribe to a feed URL"), description=_("Subscribe to a feed URL."))
        add.add_argument("url", metavar="URL")
        add.add_argument("--title", default=None)
        rm = fsub.add_parser("remove", help=_("unsubscribe"), description=_("Remove a subscription."))
        rm.add_argument("url", metavar="URL")
        fl = fsub.add_parser(
            "list", help=_("list subscriptions and their last status"), description=_("List subscriptions.")
        )
        fl.add_argument("--json", action="store_true")
        imp = fsub.add_parser(
            "import", help=_("subscribe to every feed of an OPML file"), description=_("Import an OPML file.")
        )
        imp.add_argument("file", metavar="FILE.opml")
        fsub.add_parser(
            "export", help=_("print the subscriptions as OPML"), description=_("Print subscriptions as OPML on stdout.")
        )

    if want("refresh"):
        subs.add_parser(
            "refresh", help=_("fetch all subscriptions concurrently into the store"),
            description=_(
                "Fetch all subscriptions concurrently into the store. Exits non-zero only when every feed failed."
            ),
        )

    if want("bookmarks"):
        bm = subs.add_parser(
            "bookmarks", help=_("offline bookmarks"), description=_("List or export bookmarks (full offline copies).")
        )
        bsub = bm.add_subparsers(dest="bookmarks_command", required=True)
        bl = bsub.add_parser("list", help=_("list bookmarks"), description=_("List bookmarks, newest saved first."))
        bl.add_argument("--json", action="store_true")
        be = bsub.add_parser(
            "export", help=_("export bookmarks"), description=_("Export bookmarks as Markdown or JSON.")
        )
        be.add_argument("--format", choices=("md", "json"), default="md")
        be.add_argument("-o", "--output", default=None, help=_("write to FILE (atomically) instead of stdout"))

    if want("sync"):
        from ikn_tui.cli import sync_commands

        sync_commands.add_parser(subs)

    if want("completion"):
        comp = subs.add_parser(
            "completion", help=_("print a shell completion script"),
            description=_(
                "Print a completion script for SHELL. bash: eval \"$(ikn-read completion bash)\" in ~/.bashrc; "
                "zsh: the same in ~/.zshrc; fish: ikn-read completion fish > ~/.config/fish/completions/ikn-read.fish"
            ),
        )
        comp.add_argument("shell", choices=("bash", "zsh", "fish"), metavar="SHELL", help=_("bash, zsh or fish"))

    if want("store"):
        from ikn_tui.cli.store_commands import add_parser as add_store_parser

        add_store_parser(subs)
    if want("config"):
        from ikn_tui.cli import config_commands

        config_commands.add_parser(subs)
    return parser


def _fail(message: str) -> None:
    from ikn_tui.core.text import clean_line

    print(f"ikn-read: {clean_line(message, limit=400)}", file=sys.stderr)


def _source_problem(source: str) -> str | None:
    """Why the reader cannot even try SOURCE (a typo of a subcommand, a missing file,
    an unsupported URL scheme); None when it can."""
    from ikn_tui.core.text import clean_line, is_web_url

    shown = repr(clean_line(source, limit=200))
    if "://" in source[:12]:
        return None if is_web_url(source) else _("{source}: only http and https URLs are supported").format(
            source=shown
        )
    if Path(source).expanduser().exists():
        return None
    close = difflib.get_close_matches(source, SUBCOMMANDS, n=1, cutoff=0.6)
    if close:
        return _("{source} is not a command, file or URL (did you mean '{command}'?)").format(
            source=shown, command=close[0]
        )
    return _("{source} is not a command, file or URL").format(source=shown)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        cli_lang, argv = take_language(argv)
    except ValueError as bad:
        set_language(resolve_language(None, os.environ, config_language()))
        _fail(_("--lang: {value!r} is not a language of ikn-read (id or en)").format(value=str(bad)))
        return 2
    from_env = os.environ.get("IKN_READ_LANG")
    config = None if cli_lang or from_env else config_language()  # read the file only when it decides
    set_language(resolve_language(cli_lang, os.environ, config))
    from ikn_tui.cli.argparse_words import install

    install()
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = _sub_parser(argv[0]).parse_args(argv)
            if args.command == "completion":
                from ikn_tui.cli.completion import command_tree, script

                sys.stdout.write(script(args.shell, command_tree(_top_parser(), _sub_parser())))
                return 0
            if args.command == "config":
                from ikn_tui.cli import config_commands

                return config_commands.run(args)
            from ikn_tui.cli import commands

            return commands.dispatch(args)
        args = _top_parser().parse_args(argv)
        for source in args.sources:
            problem = _source_problem(source)
            if problem:
                _fail(problem)
                return 2
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            _fail(
                _("the reader needs a terminal (stdin and stdout); in a script or a pipe use "
                "'ikn-read list' or 'ikn-read show SOURCE'")
            )
            return 2
        from ikn_tui.ui.app import run_tui

        return run_tui(args.sources, offline=args.offline, demo=args.demo)
    except KeyboardInterrupt:
        print(_("ikn-read: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # one clear line, never a traceback
        if os.environ.get("IKN_READ_DEBUG"):
            raise
        from ikn_tui.core.text import clean_line

        print(_("ikn-read: error: {error}").format(error=clean_line(str(exc), limit=300) or type(exc).__name__),
              file=sys.stderr)
        return 1


def run() -> int:
    """``ikn-read`` as a process (the console script and ``python -m ikn_tui``):
    ``main``, then the objects still alive are handed to ``gc.freeze``. The
    interpreter's exit still frees them (reference counting) but its cycle
    collector no longer walks the whole heap once more: ~15 ms of every command
    with a large heap (a warm refresh: 0.25 -> 0.23 s). Files and the store are
    closed before this (``with`` blocks, ``Store.close``): nothing waits on it."""
    import gc

    try:
        return main()
    finally:  # --version and --help end in SystemExit: the same for them
        gc.freeze()

