"""The command line's frame: the Typer app, the one place where errors become a line on stderr
and an exit code (adding the spelling of the option an error is about: the core names fields,
not flags), and the entry point.
"""

import copy
import io
import os
import signal
import sys
from typing import Annotated, NoReturn

import click
import typer
from typer.core import TyperGroup

from .. import render
from ..model import QdaidError
from .options import debugging

REPORT = "please report it with the command you ran; QDAID_DEBUG=1 shows the traceback"


class Terminated(BaseException):
    """SIGTERM or SIGHUP (timeout, CI, docker stop, a closed terminal): unwinds like Ctrl-C, so
    every `finally` runs and a build leaves the old database and no temporary or lock file."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


# The signals the command received. One that arrives while SQLite runs a function qdaid gave it
# (qdaid_compare, the exact sum …) is raised there, and SQLite reports it as its own error
# ("user-defined function raised exception"): the command was stopped all the same.
_received: list[int] = []


def _terminate(signum, frame) -> None:
    _received.append(signum)
    raise Terminated(signum)


def _interrupt(signum, frame) -> None:
    _received.append(signum)
    raise KeyboardInterrupt


# A character two cells wide (Chinese, full-width forms). Help breaks at spaces, as click's does; a
# word wider than the line also around its wide characters and after the bars of [a|b|c].
_WIDE = ("\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3"
         "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6")
_WORDS = r"\s+|\S+"
_PIECES = f"[{_WIDE}][，。；：、）」』”！？]*|[^{_WIDE}|]+\\|?|\\|"
_SHELL_WORDS = r"\s+|\"[^\"]*\"|'[^']*'|\S+"  # an example's words: a quoted one is one


def cells(text: str) -> int:
    """The columns a terminal gives the text (a Chinese character two): the measure every table
    qdaid draws uses (wrapping's, Rich's; imported when help is drawn, not at each start)."""
    from ..wrapping import cell_len

    return cell_len(text)


def _fill(text: str, width: int, first: str = "", rest: str = "", words: str = _WORDS) -> list[str]:
    """One paragraph in lines of at most `width` cells, broken at spaces (their run kept inside a
    line, as click keeps it); a word wider than a line around its Chinese characters and bars, else
    on a line of its own."""
    import re

    lines, line, gap = [], first, ""
    room = width - max(cells(first), cells(rest))
    chunks = (piece for chunk in re.findall(words, text)
              for piece in (re.findall(_PIECES, chunk) if words == _WORDS and cells(chunk) > room else [chunk]))
    for chunk in chunks:
        if chunk.isspace():
            gap = chunk if line.strip() else ""
        elif line.strip() and cells(line + gap + chunk) > width:
            lines.append(line)
            line, gap = rest + chunk, ""
        else:
            line, gap = line + gap + chunk, ""
    return [*lines, line]


def _fold(line: str, width: int) -> list[str]:
    """A line of an example (a \\b block, not rewrapped) wider than the help: its comment (# …)
    continued under itself, or above the command where there is no room beside it; a command too
    long continued on the next line after a backslash, as a shell reads it (never inside quotes)."""
    if cells(line) <= width:
        return [line]
    at = line.find("  # ")
    indent = line[:len(line) - len(line.lstrip())]
    if at >= 0 and width - cells(line[:at + 4]) >= 16:
        return _fill(line[at + 4:], width, line[:at + 4], " " * cells(line[:at + 2]) + "# ")
    comment = _fill(line[at + 4:], width, indent + "# ", indent + "# ") if at >= 0 else []
    command = line[:at].rstrip() if at >= 0 else line
    folded = _fill(command.strip(), width - 2, indent, indent + "  ", _SHELL_WORDS)
    return comment + [part + " \\" for part in folded[:-1]] + folded[-1:]


def wrap_text(text: str, width: int, indent: str = "") -> list[str]:
    """click.formatting.wrap_text's paragraphs (blank lines between; a \\b block kept as written),
    measured in cells."""
    paragraphs: list[list[str]] = [[]]
    for line in text.expandtabs().splitlines():
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    out: list[str] = []
    for lines in (p for p in paragraphs if p):
        extra = indent + " " * (len(lines[0]) - len(lines[0].lstrip()))
        if out:
            out.append("")
        if lines[0].strip() == "\b":
            out += [folded for line in lines[1:] for folded in _fold(extra + line.strip("\n"), width)]
        else:
            out += _fill(" ".join(line.strip() for line in lines), width, extra, extra)
    return out


class HelpFormatter(click.HelpFormatter):
    """click's help layout measured in terminal cells (a Chinese character is two) and fitted to
    narrow terminals (click keeps 50 columns at least, and counts characters)."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None):
        import shutil

        if width is None:
            width = max(min(shutil.get_terminal_size().columns, max_width or 80) - 2, 20)
        super().__init__(indent_increment, width, max_width)

    def write_text(self, text: str) -> None:
        self.write("\n".join(wrap_text(text, self.width, " " * self.current_indent)) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, second) for first, second, *_ in (tuple(r) + ("",) for r in rows)]
        first_col = min(max((cells(f) for f, _ in rows), default=0), col_max) + col_spacing
        beside = self.width - self.current_indent - first_col >= 30  # else each text under its term
        at = self.current_indent + (first_col if beside else 4)
        for first, second in rows:
            term = _fill(first, self.width, " " * self.current_indent, " " * (self.current_indent + 4))
            text = wrap_text(second, self.width - at) if second else []
            if text and beside and len(term) == 1 and cells(first) <= first_col - col_spacing:
                term[0] += " " * (first_col - cells(first)) + text.pop(0)
            self.write("\n".join([*term, *(" " * at + t if t else "" for t in text)]) + "\n")


class HelpContext(click.Context):
    formatter_class = HelpFormatter


class QdaidGroup(TyperGroup):
    """Turns every failure into one line on stderr and an exit code: the one place that does.

    0 also when the reader of a pipe stops early (`qdaid figures | head -1`); 1 for data and
    runtime errors (a full disk included); 2 for usage errors; 130 on Ctrl-C, 128 + N on the
    signal N (143 for SIGTERM, 129 for SIGHUP).
    """

    context_class = HelpContext

    def get_command(self, ctx: click.Context, cmd_name: str):
        command = super().get_command(ctx, cmd_name)
        if command is not None:  # its help laid out as the group's
            command.context_class = HelpContext
        return command

    def format_epilog(self, ctx: click.Context, formatter) -> None:
        super().format_epilog(ctx, formatter)
        from .options import chosen_db

        path, why = chosen_db(None)
        formatter.write_paragraph()
        formatter.write_text(f"Database in use: {render.printable(str(path))} ({why}).")

    def make_context(self, info_name, args, parent=None, **extra):
        try:  # the group's own options (qdaid --bogus); a command's are read in invoke
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.ClickException as exc:
            _usage_error(exc)

    def invoke(self, ctx: click.Context):
        # The command's own Ctrl-C: a KeyboardInterrupt, for its clean-up (orjson, whose set-up
        # it would crash, is imported through formats.load_orjson, which holds it back).
        signal.signal(signal.SIGINT, _interrupt)
        _received.clear()  # (a test runs many commands in one process)
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at interpreter exit
            return result
        except QdaidError as exc:
            if _received:  # (a SQLite error a signal caused, told as the store's)
                _stopped(ctx, _received[0])
            say(f"qdaid: {_spelled(ctx, exc)}", note=False)
            ctx.exit(_trouble(ctx, exc.exit_code))
        except (click.exceptions.Exit, click.exceptions.NoArgsIsHelpError, click.exceptions.Abort):
            raise
        except click.ClickException as exc:  # a command's options and arguments, an unknown command
            _usage_error(exc, " ".join(filter(None, [ctx.command_path, ctx.invoked_subcommand])))
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(0)
        except KeyboardInterrupt:
            _stopped(ctx, signal.SIGINT)
        except Terminated as exc:
            _stopped(ctx, exc.signum)
        except OSError as exc:
            if exc.errno is None or debugging():
                raise
            _silence_stdout()
            say(f"qdaid: cannot write the output: {exc.strerror or exc}", note=False)
            ctx.exit(_trouble(ctx, 1))
        except Exception as exc:
            if _received:  # raised inside SQLite, which reported it as its own error
                _stopped(ctx, _received[0])
            if debugging():
                raise
            say(f"qdaid: internal error: {type(exc).__name__}: {exc}; {REPORT}", note=False)
            ctx.exit(_trouble(ctx, 1))


def _usage_error(exc: click.ClickException, command: str = "qdaid") -> NoReturn:
    """Click's usage errors in one line, as qdaid's own: the message, and where help is (click
    writes the usage, a hint and the message on four lines). command: the command it was for,
    when the error does not say (an option's missing value)."""
    ctx = getattr(exc, "ctx", None)
    say(f"qdaid: {exc.format_message().rstrip('.')} (see '{ctx.command_path if ctx else command} --help')", note=False)
    sys.exit(exc.exit_code)


def _stopped(ctx: click.Context, signum: int):
    say("qdaid: interrupted" if signum == signal.SIGINT else f"qdaid: stopped by {signal.Signals(signum).name}",
        note=False)
    ctx.exit(128 + signum)


# Commands whose exit status 1 is an answer ("something is contradicted"), as diff's is: any
# trouble exits 2 there, so `qdaid check draft || …` is never fooled by a missing database.
_ONE_IS_AN_ANSWER = frozenset({"check"})


def _trouble(ctx: click.Context, code: int) -> int:
    return 2 if ctx.invoked_subcommand in _ONE_IS_AN_ANSWER else code


def _spelled(ctx: click.Context, exc: QdaidError) -> str:
    """The core's message, led by the option it is about as this command spells it (--year: …)."""
    name = ctx.invoked_subcommand
    command = ctx.command.get_command(ctx, name) if exc.param and name and isinstance(ctx.command, click.Group) else None
    for param in command.params if command else []:
        if param.name == exc.param and isinstance(param, click.Option) and exc.param not in UNPREFIXED:
            return f"{max(param.opts, key=len)}: {exc}{HINTS.get(exc.param, '')}"
    return f"{exc}{HINTS.get(exc.param or '', '')}"


# What to run next, for errors whose fix is another command.
UNPREFIXED = {"force"}  # the message names a file, and the hint the option
HINTS = {"metric": " (qdaid list metrics shows them)", "figure": " (qdaid figures -F id lists the ids)",
         "force": "; add --force to replace it"}


def say(line: str, note: bool = True) -> None:
    """A note on stderr, whatever the terminal's encoding; control characters shown, not run;
    wrapped to a terminal's width between whole tokens, one line elsewhere. An error (note=False)
    is one line wherever it goes."""
    click.echo(render.for_stderr(line) if note else render.printable(line, keep=""), err=True)


def _silence_stdout() -> None:
    # Whatever is still buffered for a closed pipe must not fail again at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


app = typer.Typer(
    name="qdaid",
    cls=QdaidGroup,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    suggest_commands=False,  # click suggests already: Typer would say "Did you mean" a second time
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"qdaid {version('qdaid')}")
        except PackageNotFoundError:
            typer.echo("qdaid (not installed)")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """Exact, checkable figures on Qingdao's national poverty-alleviation honorees (2021).

    Every figure of the Qingdao Daily report of 2021-02-25, with its evidence. Tables on a
    terminal, CSV in a pipe (-f chooses). The database: --db, else $QDAID_DB, else the bundled one.

    \b
    Examples:
      qdaid list collectives
      qdaid stats --region longnan
      qdaid figures --region longnan -f csv | head
    """


def _command_named(args: list[str]) -> str | None:
    return args[0] if args and not args[0].startswith("-") else None


def main() -> None:
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _terminate)
    if sys.stdout is None or sys.stderr is None:  # started with `>&-` or `2>&-`
        if sys.stderr is not None:
            sys.stderr.write("qdaid: standard output is closed; nothing can be printed\n")
        sys.exit(1)
    # Output is UTF-8 whatever the locale or PYTHONIOENCODING says: the bytes of CSV and JSON
    # never depend on the environment.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")
    # PYTHONUNBUFFERED (set in many containers) makes every write a system call: one per row of
    # a CSV, ~20% of a million rows' time. A result is flushed once written (render), so its
    # stream may buffer whatever the environment says.
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.write_through:
        sys.stdout.reconfigure(write_through=False)
    # Unbuffered, stdout writes straight to the file descriptor, and a short write (a disk that
    # fills) returns a count nobody reads: the output was cut and qdaid said nothing. A buffered
    # writer writes on until every byte is out, or raises. (sys.__stdout__ keeps the old stream,
    # which would close the descriptor if it were collected.)
    if isinstance(sys.stdout, io.TextIOWrapper) and isinstance(sys.stdout.buffer, io.RawIOBase):
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(sys.stdout.buffer), encoding="utf-8",
                                      errors=sys.stdout.errors, line_buffering=sys.stdout.line_buffering)
    # Typer turns every registered command into a click command at each start: ~15 ms of
    # signature introspection (bench/RESULTS.md). A call that names its command needs only that
    # one; help, completion and unknown names still get the whole app.
    name = _command_named(sys.argv[1:])
    only = [c for c in app.registered_commands if (c.name or getattr(c.callback, "__name__", None)) == name]
    called = app
    if only and not any(k.startswith("_QDAID_COMPLETE") for k in os.environ):
        called = copy.copy(app)
        called.registered_commands = only
    try:
        called(prog_name="qdaid")
    except SystemExit as done:  # click ends every run with one, errors included (QdaidGroup.invoke)
        _leave(done.code)


def _leave(code) -> None:
    """Exit without the interpreter's teardown, which frees every module and object a finished
    command no longer needs: ~10 ms of a 75 ms query on the bundled database (bench/RESULTS.md).
    By now every file and database is closed and every child waited for; only Python's buffers
    are left, and they are flushed first."""
    if code is None:
        code = 0
    if not isinstance(code, int):
        raise SystemExit(code)  # a message: the interpreter prints it, as it always did
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None  # the interpreter reports it, as it always did
    os._exit(code)

