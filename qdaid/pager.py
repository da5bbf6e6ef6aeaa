"""A pager program ($QDAID_PAGER, $PAGER, else less) for a table longer than the screen."""

from __future__ import annotations

from typing import TextIO


class Pager:
    """A pager program ($QDAID_PAGER, $PAGER, else less) for output longer than the screen, as
    git and gh page. A pager that cannot start means the text is printed as it is."""

    def __init__(self, argv: list[str], env: dict[str, str]):
        self.argv, self.env = argv, env

    def show(self, text: str, height: int, out: TextIO) -> None:
        import signal
        import subprocess

        if text.count("\n") < height:
            out.write(text)
            return
        try:
            proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE, env=self.env)
        except OSError:
            out.write(text)
            return
        out.flush()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's to handle
        try:
            assert proc.stdin is not None
            proc.stdin.write(text.encode("utf-8"))
            proc.stdin.close()
        except BrokenPipeError:  # the reader quit before the end (q in less)
            pass
        finally:
            proc.wait()
            signal.signal(signal.SIGINT, previous)
