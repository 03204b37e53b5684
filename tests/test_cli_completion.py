"""``ikn-read completion bash|zsh|fish`` prints a script that completes every subcommand."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from ikn_tui.cli.main import SUBCOMMANDS


def _script(shell: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "ikn_tui", "completion", shell], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def _complete(script: str, line: str) -> list[str]:
    """What bash offers for ``line`` (a trailing space asks for the next word)."""
    program = (
        script
        + '\nread -ra COMP_WORDS <<< "$LINE"\n[[ "$LINE" == *" " ]] && COMP_WORDS+=("")\n'
        + "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n_ikn_read\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=30,
                          env={"LINE": line, "PATH": "/usr/bin:/bin"}, cwd="/")
    assert done.returncode == 0, done.stderr
    return [word for word in done.stdout.splitlines() if word]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_subcommands_options_and_choices() -> None:
    script = _script("bash")
    assert set(SUBCOMMANDS) <= set(_complete(script, "ikn-read "))
    assert _complete(script, "ikn-read fe") == ["feeds"]
    assert _complete(script, "ikn-read feeds im") == ["import"]
    assert _complete(script, "ikn-read show --j") == ["--json"]
    assert _complete(script, "ikn-read --of") == ["--offline"]
    assert set(_complete(script, "ikn-read completion ")) >= {"bash", "zsh", "fish"}
    assert "bookmarks" not in _complete(script, "ikn-read feeds ")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_paths_for_sources() -> None:
    script = _script("bash")
    assert "usr" in [word.rstrip("/") for word in _complete(script, "ikn-read show us")]
    assert _complete(script, "ikn-read feeds remove us") == []  # a URL, not a path


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_subcommand(shell: str) -> None:
    script = _script(shell)
    for name in SUBCOMMANDS:
        assert name in script
    if shutil.which(shell):
        done = subprocess.run([shell, "-n"], input=script, capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr


def test_unknown_shell_is_one_line_and_exit_2() -> None:
    done = subprocess.run([sys.executable, "-m", "ikn_tui", "completion", "tcsh"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
