"""The command's entry point: Ctrl-C while the command line loads (Typer, Rich: most of a
start-up) or while Typer builds the command from its signatures ends it as Ctrl-C ends a
command, exit 130 and no traceback; then qdaid.cli runs. (Inside a command, QdaidGroup.invoke
reports the interrupt itself, after the command's own clean-up.)"""

import os
import sys


def main() -> None:
    try:
        from .cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.stderr.flush()
        os._exit(130)
