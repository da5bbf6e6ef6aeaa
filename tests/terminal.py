"""Running qdaid on a pseudo-terminal: what a person sees, for the process tests and the README."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

QDAID = [sys.executable, "-m", "qdaid"]


def on_terminal(args: list[str], env: dict[str, str], merge_stderr: bool = False, notes: list | None = None,
                notes_on_terminal: bool = False) -> tuple[int, str]:
    """Run with stdout (and stderr, when merged) on a pseudo-terminal; the exit code and the screen.
    $QDAID_FORMAT is dropped: a terminal's default is what is tested. notes: a list that gets
    stderr's text, when it is not merged: from a pipe, or (notes_on_terminal) from a pseudo-terminal
    of its own, as a person's stderr is."""
    primary, secondary = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "QDAID_FORMAT"}
    environment.update(env)
    err_primary, err_secondary = pty.openpty() if notes_on_terminal and not merge_stderr else (None, None)
    stderr = secondary if merge_stderr else err_secondary if err_secondary is not None else subprocess.PIPE
    proc = subprocess.Popen([*QDAID, *args], stdout=secondary, stderr=stderr, env=environment)
    os.close(secondary)
    if err_secondary is not None:
        os.close(err_secondary)
    read = _read_all([primary] + ([err_primary] if err_primary is not None else []))
    code = proc.wait(timeout=60)
    if notes is not None and err_primary is not None:
        notes.append(read[err_primary].decode("utf-8").replace("\r\n", "\n"))
    elif notes is not None and proc.stderr is not None:
        notes.append(proc.stderr.read().decode("utf-8"))
    return code, read[primary].decode("utf-8").replace("\r\n", "\n")


def _read_all(fds: list[int]) -> dict[int, bytes]:
    """Everything written to the pseudo-terminals until the process closes them (read side by
    side: a full one would block the process writing to the other)."""
    chunks: dict[int, list[bytes]] = {fd: [] for fd in fds}
    open_fds = list(fds)
    while open_fds:
        ready, _, _ = select.select(open_fds, [], [], 60)
        if not ready:
            break
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if chunk:
                chunks[fd].append(chunk)
            else:
                open_fds.remove(fd)
                os.close(fd)
    return {fd: b"".join(parts) for fd, parts in chunks.items()}
