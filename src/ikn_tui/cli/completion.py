"""``ikn-read completion bash|zsh|fish``: a shell completion script built from the argparse tree.

The script is generated from the same parsers the commands use, so a new subcommand or
option completes without editing anything here. SOURCE and FILE arguments complete as
paths (the shell's own file completion).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

SHELLS = ("bash", "zsh", "fish")


@dataclass
class Node:
    """One command level: ``ikn-read``, ``ikn-read feeds``, ``ikn-read feeds add``..."""

    path: tuple[str, ...]
    help: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)  # (flag, help)
    values: list[str] = field(default_factory=list)  # choices of a positional argument
    children: dict[str, Node] = field(default_factory=dict)
    takes_paths: bool = False


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...], help_text: str = "") -> Node:
    node = Node(path, help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                node.children[name] = _walk(sub, (*path, name), helps.get(name, ""))
        elif action.option_strings:
            for flag in action.option_strings:
                if flag.startswith("--") or len(action.option_strings) == 1:
                    node.options.append((flag, action.help or ""))
        elif action.choices:
            node.values += [str(choice) for choice in action.choices]
        elif action.metavar in ("SOURCE", "FILE.opml", "FILE"):
            node.takes_paths = True
    return node


def command_tree(top: argparse.ArgumentParser, subs: argparse.ArgumentParser) -> Node:
    """The reader's own options and sources, with the subcommands beneath."""
    root = _walk(top, ())
    root.children = _walk(subs, ()).children
    return root


def _nodes(node: Node) -> list[Node]:
    out = [node]
    for child in node.children.values():
        out += _nodes(child)
    return out


def _bash(root: Node) -> str:
    cases = []
    for node in _nodes(root):
        words = " ".join([*node.children, *node.values, *(flag for flag, _ in node.options)])
        key = " ".join(node.path)
        cases.append(f'        "{key}") words="{words}"; paths={int(node.takes_paths)} ;;')
    known = " ".join(f'"{" ".join(n.path)}"' for n in _nodes(root) if n.path)
    return f"""# ikn-read completion for bash: eval "$(ikn-read completion bash)"
_ikn_read() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" path="" candidate word i
    local -a known=({known})
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        [[ $word == -* ]] && continue
        candidate="${{path:+$path }}$word"
        for k in "${{known[@]}}"; do
            [[ $k == "$candidate" ]] && path="$candidate" && break
        done
    done
    local words="" paths=0
    case "$path" in
{chr(10).join(cases)}
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
    if [[ $paths == 1 && $cur != -* ]]; then
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -o bashdefault -F _ikn_read ikn-read
"""


def _zsh(root: Node) -> str:
    return (
        "# ikn-read completion for zsh: eval \"$(ikn-read completion zsh)\"\n"
        "autoload -U +X compinit && compinit\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + _bash(root).split("\n", 1)[1]
    )


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish(root: Node) -> str:
    lines = ["# ikn-read completion for fish: ikn-read completion fish | source", "complete -c ikn-read -e"]
    for node in _nodes(root):
        if node.path:
            condition = " && ".join(f"__fish_seen_subcommand_from {word}" for word in node.path)
            deeper = " ".join(node.children)
            if deeper:
                condition += f" && not __fish_seen_subcommand_from {deeper}"
        else:
            condition = "__fish_use_subcommand"
        files = "" if node.takes_paths else " -f"
        when = _fish_quote(condition)
        for name, child in node.children.items():
            lines.append(f"complete -c ikn-read{files} -n {when} -a {name} -d {_fish_quote(child.help)}")
        for value in node.values:
            lines.append(f"complete -c ikn-read -f -n {_fish_quote(condition)} -a {value}")
        for flag, text in node.options:
            option = f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}"
            lines.append(f"complete -c ikn-read{files} -n {_fish_quote(condition)} {option} -d {_fish_quote(text)}")
    return "\n".join(lines) + "\n"


def script(shell: str, root: Node) -> str:
    """The completion script for ``shell`` (one of ``SHELLS``)."""
    return {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell](root)
