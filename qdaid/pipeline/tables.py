"""Tables whose header gives the unit: under a header cell 资金分配额(万元), a cell 819 is 819万元,
8190000 yuan. The cell's digits are the figure's raw text (text[start:end] == raw); its value is
that number times the header's multiplier, which validate reads again from the text with
`column_scale`.

A table is lines of cells split by tabs; its header is the nearest line above a cell, in the same
run of such lines, whose cell in that column is not a number.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .numbers import MULTIPLIERS, arabic_to_decimal, normalise

if TYPE_CHECKING:
    from .article import Article
    from .quantities import Figure

_CELL_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# 资金分配额(万元), 人数（人）: the multiplier (Simplified or Traditional) and the measure word
_HEADER_UNIT = re.compile(r"[(（]\s*(千万|百万|万|萬|亿|億|千)?(元|人|户|戶|个|個|亩|畝)\s*[)）]")
_NOT_AMOUNT = re.compile(r"均|率|增长|增幅|比")
_TRADITIONAL = str.maketrans("萬億戶個畝", "万亿户个亩")


def _line(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def column_scale(text: str, start: int, end: int) -> tuple[int, str] | None:
    """(multiplier, measure word) that the header of its column gives the number text[start:end],
    a whole cell of a tab-separated line; None when it is no such cell or the header gives none."""
    lo, hi = _line(text, start)
    if "\t" not in text[lo:hi] or not _CELL_NUMBER.fullmatch(text, start, end):
        return None
    cells = text[lo:hi].split("\t")
    column = text.count("\t", lo, start)
    if cells[column].strip() != text[start:end]:
        return None
    while lo > 0:
        lo, hi = _line(text, lo - 1)
        above = text[lo:hi].split("\t")
        if len(above) < 2:
            return None  # the run of the table's lines ends: no header
        if column < len(above) and not _CELL_NUMBER.fullmatch(above[column].strip()):
            unit = _HEADER_UNIT.search(above[column])
            if unit is None or _NOT_AMOUNT.search(above[column]):
                return None  # 人均收入(元), 增长率: an average or a rate, no amount a total may count
            mult = (unit[1] or "").translate(_TRADITIONAL)
            return MULTIPLIERS.get(mult, 1), unit[2].translate(_TRADITIONAL)
    return None


def table_figures(article: Article, make: type[Figure]) -> list[Figure]:
    """The cells of tables whose header gives their unit, as figures (value and unit set)."""
    text, found = article.text, []
    for line in re.finditer(r"[^\n]*\t[^\n]*", text):
        for m in _CELL_NUMBER.finditer(text, line.start(), line.end()):
            scale = column_scale(text, m.start(), m.end())
            unit = article.lex.unit_of_classifier(scale[1]) if scale else None
            if scale is None or unit is None:
                continue
            f = make(m.start(), m.end(), article.original[m.start():m.end()], unit, article.sentence_at(m.start()))
            f.value = normalise(arabic_to_decimal(m[0]) * scale[0])
            found.append(f)
    _link_total_row(text, found)
    return found


_TOTAL_ROW = re.compile(r"\s*(?:合计|总计|共计|小计|合計|總計|共計|小計)\s*\t")


def _link_total_row(text: str, cells: list[Figure]) -> None:
    """The cell of a row 合计 (总计) holds the other cells of its column in its table, when they add
    up to it exactly."""
    tables: dict[tuple[int, int], list[Figure]] = {}  # (the table's header line, column) → its cells
    for f in cells:
        tables.setdefault((_header_line(text, f.start), text.count("\t", _line(text, f.start)[0], f.start)), []).append(f)
    for column in tables.values():
        totals = [f for f in column if _TOTAL_ROW.match(text, _line(text, f.start)[0])]
        parts = [f for f in column if f not in totals]
        if len(totals) == 1 and len(parts) >= 2 and sum(f.value for f in parts) == totals[0].value:
            for f in parts:
                f.part_of = totals[0]


def _header_line(text: str, at: int) -> int:
    """Where the run of tab-separated lines holding offset `at` begins."""
    lo = _line(text, at)[0]
    while lo > 0 and "\t" in text[_line(text, lo - 1)[0]:lo - 1]:
        lo = _line(text, lo - 1)[0]
    return lo
