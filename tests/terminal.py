"""Running qdaid on a pseudo-terminal: what a person sees, for the process tests and the README."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

QDAID = [sys.executable, "-m", "qdaid"]


def on_terminal(args: list[str], env: dict[str, str], merge_stderr: bool = False, notes: list | None = None
                ) -> tuple[int, str]:
    """Run with stdout (and stderr, when merged) on a pseudo-terminal; the exit code and the screen.
    $QDAID_FORMAT is dropped: a terminal's default is what is tested. notes: a list that gets
    stderr's text, when it is not merged."""
    primary, secondary = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "QDAID_FORMAT"}
    environment.update(env)
    proc = subprocess.Popen([*QDAID, *args], stdout=secondary, stderr=secondary if merge_stderr else subprocess.PIPE,
                            env=environment)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    code = proc.wait(timeout=60)
    if notes is not None and proc.stderr is not None:
        notes.append(proc.stderr.read().decode("utf-8"))
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
