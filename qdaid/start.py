"""The command's entry point: Ctrl-C while the command line loads (Typer, Rich: most of a
start-up) ends it as Ctrl-C ends a command, exit 130 and no traceback; then qdaid.cli runs."""

import os
import sys


def main() -> None:
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.stderr.flush()
        os._exit(130)
    run()
