"""The command's entry point. Ctrl-C before the command runs (while Typer, Rich and the rest load,
and while Typer builds the command from its signatures: most of a start-up) ends qdaid as Ctrl-C
ends a command, exit 130 and no traceback: a handler exits at once, rather than a KeyboardInterrupt
unwinding through modules half imported. The command itself gets Python's KeyboardInterrupt back
(QdaidGroup.invoke), so its own clean-up runs and it reports the interrupt."""

# The signal module's own import builds enums for some milliseconds, in which a Ctrl-C would be
# a traceback; its C half is built into the interpreter and imports at once.
import _signal
import os
import sys


def _stop(signum, frame) -> None:
    sys.stderr.write("\n")
    sys.stderr.flush()
    os._exit(130)


def main() -> None:
    _signal.signal(_signal.SIGINT, _stop)
    try:
        from .cli import main as run

        run()
    except KeyboardInterrupt:  # after the command, while it leaves
        _stop(_signal.SIGINT, None)
