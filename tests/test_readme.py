"""The README is true: its tour is real output, every command is in it, CI runs its test command.

Each ```console block holds `$ qdaid …` lines, each followed by exactly what the command prints.
To refresh the blocks after a deliberate change: QDAID_UPDATE_README=1 python -m pytest tests/test_readme.py
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qdaid.cli import app

from .terminal import on_terminal

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def _commands(block: str) -> list[tuple[str, str]]:
    """[(command line, expected output)] of one console block."""
    pairs, current, lines = [], None, []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            if current is not None:
                pairs.append((current, "".join(lines)))
            current, lines = line[2:].strip(), []
        else:
            lines.append(line)
    if current is not None:
        pairs.append((current, "".join(lines)))
    return pairs


def _run(command: str) -> str:
    """What the command prints; `COLUMNS=60 qdaid …` runs on a terminal of that width (a
    pseudo-terminal, without colour or pager), with its notes on stderr shown where they fall."""
    args = shlex.split(command)
    env = {}
    while "=" in args[0]:
        name, value = args.pop(0).split("=", 1)
        env[name] = value
    assert args[0] == "qdaid", command
    if env:
        return _on_terminal(args[1:], env)
    result = CliRunner().invoke(app, args[1:], catch_exceptions=False)
    assert result.exit_code == 0, f"{command}: {result.output}"
    return result.stdout


def _on_terminal(args: list[str], env: dict[str, str]) -> str:
    code, screen = on_terminal(args, {"NO_COLOR": "1", "QDAID_PAGER": "", "TERM": "xterm", "LINES": "200", **env},
                               merge_stderr=True)
    assert code == 0, args
    return screen


def _examples() -> list[tuple[str, str]]:
    return [pair for block in BLOCK.findall(README.read_text("utf-8")) for pair in _commands(block)]


def test_tour_is_real_output():
    text = README.read_text("utf-8")
    if os.environ.get("QDAID_UPDATE_README"):
        def refresh(match):
            body = "".join(f"$ {cmd}\n{_run(cmd)}" for cmd, _ in _commands(match.group(1)))
            return f"```console\n{body}```"
        README.write_text(BLOCK.sub(refresh, text), "utf-8")
        pytest.skip("README refreshed")
    examples = _examples()
    assert len(examples) >= 8
    for command, expected in examples:
        assert _run(command) == expected, f"README output of `{command}` is stale"


def test_every_command_is_in_the_readme():
    text = README.read_text("utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert len(names) >= 9
    for name in names:
        assert f"qdaid {name}" in text, name


def test_ci_runs_the_readme_test_command():
    text = README.read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", text, re.S)
    setup, tests = commands[0], commands[1]
    assert "qdaid" in setup and "pytest" in tests
    assert tests in ci.splitlines()
