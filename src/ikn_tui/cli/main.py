"""`ikn-read` command line: the TUI by default, plus non-interactive subcommands."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

from ikn_tui import __version__

SUBCOMMANDS = ("show", "list", "feeds", "refresh", "bookmarks", "sync", "completion", "store", "config")


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ikn-read",
        description=(
            "A keyboard-first terminal news reader for Indonesian news. With no subcommand it opens the "
            "reader on the given sources (or on your stored articles and subscriptions)."
        ),
        epilog=(
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
    parser.add_argument("--version", action="version", version=f"ikn-read {__version__}")
    parser.add_argument(
        "sources", nargs="*", metavar="SOURCE",
        help="feed URL, article URL, feed file, saved .html page, OPML, JSON Feed, .txt dump, or folder",
    )
    parser.add_argument(
        "--offline", action="store_true", help="no network at all: no refresh, links resolve only to stored articles"
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the bundled demo edition (fictional samples, offline)"
    )
    return parser


def _sub_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ikn-read")
    parser.add_argument("--version", action="version", version=f"ikn-read {__version__}")
    subs = parser.add_subparsers(dest="command", required=True)

    show = subs.add_parser("show", help="extract one article (a file or a URL) and print it",
                           description="Extract one article from SOURCE (file or URL) and print it.")
    show.add_argument("source", metavar="SOURCE")
    show.add_argument("--format", choices=("text", "json", "md"), default=None,
                      help="text (default), json, or md (Markdown, with the Baca Juga links as links)")
    show.add_argument("--json", action="store_true", help="the same as --format json")
    show.add_argument("--offline", action="store_true", help="never use the network")

    lst = subs.add_parser(
        "list", help="list articles, newest first",
        description=(
            "List the articles of SOURCEs (they are also kept in the store), or of the store when none are given."
        ),
    )
    lst.add_argument("sources", nargs="*", metavar="SOURCE")
    lst.add_argument("--json", action="store_true", help="print a JSON array")
    lst.add_argument(
        "--limit", type=int, default=None, help="at most N articles (default: all of the sources, 100 from the store)"
    )
    lst.add_argument("--offline", action="store_true", help="never use the network")

    feeds = subs.add_parser("feeds", help="manage subscriptions", description="Manage feed subscriptions.")
    fsub = feeds.add_subparsers(dest="feeds_command", required=True)
    add = fsub.add_parser("add", help="subscribe to a feed URL", description="Subscribe to a feed URL.")
    add.add_argument("url", metavar="URL")
    add.add_argument("--title", default=None)
    rm = fsub.add_parser("remove", help="unsubscribe", description="Remove a subscription.")
    rm.add_argument("url", metavar="URL")
    fl = fsub.add_parser("list", help="list subscriptions and their last status", description="List subscriptions.")
    fl.add_argument("--json", action="store_true")
    imp = fsub.add_parser(
        "import", help="subscribe to every feed of an OPML file", description="Import an OPML file."
    )
    imp.add_argument("file", metavar="FILE.opml")
    fsub.add_parser(
        "export", help="print the subscriptions as OPML", description="Print subscriptions as OPML on stdout."
    )

    subs.add_parser(
        "refresh", help="fetch all subscriptions concurrently into the store",
        description="Fetch all subscriptions concurrently into the store. Exits non-zero only when every feed failed.",
    )

    bm = subs.add_parser(
        "bookmarks", help="offline bookmarks", description="List or export bookmarks (full offline copies)."
    )
    bsub = bm.add_subparsers(dest="bookmarks_command", required=True)
    bl = bsub.add_parser("list", help="list bookmarks", description="List bookmarks, newest saved first.")
    bl.add_argument("--json", action="store_true")
    be = bsub.add_parser("export", help="export bookmarks", description="Export bookmarks as Markdown or JSON.")
    be.add_argument("--format", choices=("md", "json"), default="md")
    be.add_argument("-o", "--output", default=None, help="write to FILE (atomically) instead of stdout")

    from ikn_tui.cli import sync_commands

    sync_commands.add_parser(subs)

    comp = subs.add_parser(
        "completion", help="print a shell completion script",
        description=(
            "Print a completion script for SHELL. bash: eval \"$(ikn-read completion bash)\" in ~/.bashrc; "
            "zsh: the same in ~/.zshrc; fish: ikn-read completion fish > ~/.config/fish/completions/ikn-read.fish"
        ),
    )
    comp.add_argument("shell", choices=("bash", "zsh", "fish"), metavar="SHELL", help="bash, zsh or fish")

    from ikn_tui.cli.store_commands import add_parser as add_store_parser

    add_store_parser(subs)
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
        return None if is_web_url(source) else f"{shown}: only http and https URLs are supported"
    if Path(source).expanduser().exists():
        return None
    close = difflib.get_close_matches(source, SUBCOMMANDS, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"{shown} is not a command, file or URL{hint}"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = _sub_parser().parse_args(argv)
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
                "the reader needs a terminal (stdin and stdout); in a script or a pipe use "
                "'ikn-read list' or 'ikn-read show SOURCE'"
            )
            return 2
        from ikn_tui.ui.app import run_tui

        return run_tui(args.sources, offline=args.offline, demo=args.demo)
    except KeyboardInterrupt:
        print("ikn-read: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # one clear line, never a traceback
        if os.environ.get("IKN_READ_DEBUG"):
            raise
        from ikn_tui.core.text import clean_line

        print(f"ikn-read: error: {clean_line(str(exc), limit=300) or type(exc).__name__}", file=sys.stderr)
        return 1
