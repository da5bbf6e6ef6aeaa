"""Text for a terminal that never breaks inside a number, an amount or an id: the tokens that stay
whole (6.35万名, 858 million CNY, qdrb-20210225-03457), lines wrapped between them, a table cell
that Rich wraps only there, a table's columns narrowed to fit where they can, a note wrapped under
its 注：, and a record printed as lines of `field  value`. Imported when
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


def vertical(con, columns: list[str], cells: list[list[str]], title: str | None = None) -> None:
    """Each row as lines of `field  value`, a long value wrapped under itself, never inside a
    number, an amount or an id; under the table's title, as a table has it (a profile's sections:
    第34段 …)."""
    pad = max(len(c) for c in columns)
    room = max(10, con.width - pad - 2)
    if title:
        for line in wrap(title, con.width):
            con.print(Text(line, style="bold italic"), soft_wrap=True)
    for n, row in enumerate(cells):
        if n or title:
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


# What never breaks across lines: a date (2021-02-25), a number with its scale, approximation and a
# unit character (6.35万名, 3901.5余万元, 20.84%, 8倍, 2018年), an id or a word of Latin letters with the
# brackets and punctuation about it ((period), id;), each with the 【】 that mark it; whatever stands
# marked 【…】.
_WHOLE = (r"【[^【】\s]{1,16}】|"  # a number the page marks in its sentence, as the text wrote it: 【一半以上】
          r"[(\[“（]?\d{4}-\d\d-\d\d(?![\d.])[)\],;:”）]*|"  # a date, 2021-02-25 (not 2021-02 and -25)
          r"【?(?:[(\[“（]?(?:(?:more than|over|nearly|about) )?[≥≈近约]?" + _number(1) + r"(?:[–-]" + _number(2) + r")?"
          r"(?: (?:million|billion))?(?: CNY|人次|户次|公斤|"
          r"[元名个人户亩次所家项座批株头只套台辆件倍年月日天吨岁位支种条箱车场处栋斤]"
          r"| [a-z][a-z-]*(?: [a-z][a-z-]*)?)?"
          r"\+?(?![A-Za-z_])[)\],;:”]*"  # not the 5 of a hash 5e68…; the comma after 858 million CNY,
          r"|[(\[“（]?-{0,2}[A-Za-z0-9/~][A-Za-z0-9_.\-–/~]*[)\],;:”）]*)】?|\S")  # --explain, total_min–total_max, a path


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
                # the space before a break: rstrip_end(width) counts characters, not cells, and kept it
                # on a line of Chinese one cell too wide, which Rich then cut with an ellipsis
                part.rstrip()
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


def settle(con, grid):
    """The table's column widths set to fit the console where its columns can narrow enough: the
    widest column that may still narrow gives a cell at a time, none below its narrowest (the
    widest id, amount or whole token in it). Rich's own last resort narrows every column alike and
    then widens back those that cannot narrow, so a table that could fit was drawn wider than
    the terminal, and a column that would have fitted was left out. (Rich's Table measures its
    columns with the private methods used here; rich>=13 has them all.)"""
    room = con.width - grid._extra_width
    options = con.options.update_width(room)
    ranges = [grid._measure_column(con, options, column) for column in grid.columns]
    widths = [r.maximum for r in ranges]
    while sum(widths) > room:
        slack = [(w - r.minimum, i) for i, (w, r) in enumerate(zip(widths, ranges, strict=True)) if w > r.minimum]
        if not slack:
            break
        widths[max(slack, key=lambda s: (widths[s[1]], s[0]))[1]] -= 1
    for i, (column, width, measured) in enumerate(zip(grid.columns, widths, ranges, strict=True)):
        if width < measured.maximum:
            column.width = width - grid._get_padding_width(i)
    return grid


def widest_whole(text: str) -> int:
    """The widest token of the text that stays whole (an id, an amount): a column of such text is
    never narrower."""
    return max((cell_len(m.group()) for m in re.finditer(_WHOLE, text)), default=0)


NOTE_HEADS = re.compile(r"注：|(?:note|warning): ")


def hanging(line: str, width: int) -> list[str]:
    """A note for a terminal `width` cells wide: wrapped between whole tokens (never inside a
    number, an id or an option), its lines after the first indented under the text after its
    `注：` or `note: `."""
    head = NOTE_HEADS.match(line)
    lead = head.group() if head else ""
    indent = cell_len(lead) if cell_len(lead) < width // 2 else 0
    return [(lead if not n else " " * indent) + text
            for n, text in enumerate(wrap(line[len(lead):], max(10, width - indent)))]
