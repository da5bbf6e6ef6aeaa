"""Text for a terminal that never breaks inside a number, an amount or an id: the tokens that stay
whole (6.35万名, 858 million CNY, qdrb-20210225-03457), lines wrapped between them, a table cell
that Rich wraps only there, and a record printed as lines of `field  value`. Imported when
something is drawn (render imports it then), as Rich is.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text


def widest_token(header: str, values: list[str], whole: bool = False) -> int:
    """The widest run without a space or line break: ids and numbers have none, so they stay whole.
    whole: the widest line (an amount in English has spaces, and stays whole all the same)."""
    return max([cell_len(header)] + [cell_len(token) for value in values
                                     for token in (value.splitlines() if whole else value.split())])


def vertical(con, columns: list[str], cells: list[list[str]]) -> None:
    """Each row as lines of `field  value`, a long value wrapped under itself, never inside a
    number, an amount or an id."""
    pad = max(len(c) for c in columns)
    room = max(10, con.width - pad - 2)
    for n, row in enumerate(cells):
        if n:
            con.print("")
        for c, value in zip(columns, row, strict=True):
            lines = wrap(value, room) or [""]
            if max(map(cell_len, lines)) > room:  # an id wider than the room beside the names: under its name
                con.print(Text(f"{c:>{pad}}", style="bold"))
                lines, c, indent = wrap(value, con.width), "", ""
            else:
                indent = " " * (pad + 2)
            for at, line in enumerate(lines):
                head = f"{c:>{pad}}  " if not at and c else indent
                con.print(Text(head, style="bold") + Text(line), soft_wrap=True)


def _number(group: int) -> str:
    # The digits taken whole, never fewer (a lookahead and its backreference: an atomic group before
    # Python 3.11), so 3721gongzuotixi is one word, not 372 and 1gongzuotixi.
    return rf"(?=(\d[\d.,]*))\{group}(?:[%万亿千百]|余|多)*"


# What never breaks across lines: a number with its scale, approximation and a unit character
# (6.35万名, 3901.5余万元, 20.84%), an id or a word of Latin letters with the brackets and
# punctuation about it ((period), id;), each with the 【】 that mark it.
_WHOLE = (r"【?(?:(?:(?:more than|over|nearly|about) )?[≥≈近约]?" + _number(1) + r"(?:[–-]" + _number(2) + r")?"
          r"(?: (?:million|billion))?(?: CNY|[元名个人户亩次所家项座批株头只套台辆件]| [a-z][a-z-]*(?: [a-z][a-z-]*)?)?"
          r"\+?(?![A-Za-z_])[)\],;:”]*"  # not the 5 of a hash 5e68…; the comma after 858 million CNY,
          r"|[(\[“]?[A-Za-z0-9][A-Za-z0-9_.\-]*[)\],;:”]*)】?|\S")


def wrap(text: str, width: int) -> list[str]:
    """The text's lines, each at most `width` cells (a token wider than that has a line of its
    own), broken between tokens: never inside a number, an amount or an id."""
    lines = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for token in (m.group() for m in re.finditer(_WHOLE + r"|\s+", paragraph)):
            size = cell_len(token)
            if used + size > width and line.strip():
                lines.append(line.rstrip())
                line, used = "", 0
                if token.isspace():
                    continue
            line, used = line + token, used + size
        lines.append(line.rstrip())
    return lines


class Unbroken(Text):
    """Text that Rich wraps only between the tokens `wrap` keeps whole (a number with its unit,
    858 million CNY, an id): Rich's own wrapping breaks at any space and folds Chinese anywhere."""

    def wrap(self, console, width, *, justify=None, overflow=None, tab_size=8, no_wrap=None) -> Lines:
        lines = Lines()
        for line in self.split(allow_blank=True):
            parts = line.divide(_breaks(line.plain, width))
            for part in parts:
                part.rstrip_end(width)
            parts.justify(console, width, justify=justify or self.justify or "default",
                          overflow=overflow or self.overflow or "fold")
            lines.extend(parts)
        return lines

    def __rich_measure__(self, console, options) -> Measurement:
        widest = max((cell_len(line) for line in self.plain.splitlines()), default=0)
        return Measurement(min(widest, widest_whole(self.plain)), widest)


def _breaks(text: str, width: int) -> list[int]:
    """Where to break a line of text to fit `width` cells: only before a token (wrap's)."""
    offsets, used, start = [], 0, 0
    for match in re.finditer(_WHOLE + r"|\s+", text):
        size = cell_len(match.group())
        if not match.group().isspace() and used + size > width and match.start() > start:
            offsets.append(match.start())
            start, used = match.start(), 0
        used += size
    return offsets


def widest_whole(text: str) -> int:
    """The widest token of the text that stays whole (an id, an amount): a column of such text is
    never narrower."""
    return max((cell_len(m.group()) for m in re.finditer(_WHOLE, text)), default=0)
