"""Article text → paragraphs, sentences and clauses, all as absolute character offsets.

Offsets always index the original text, so `text[start:end]` of anything found later is
exactly what a reader sees in the source file.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

SENTENCE_END = "。！？!?"
SEGMENT_END = "；;"
CLAUSE_END = "，,：:；;。！？!?"
YEAR = r"(?:19|20)\d{2}"  # a calendar year's digits; every date pattern of the pipeline uses this
YEAR_RE = re.compile(rf"({YEAR})\s?年")  # a calendar year: 2016年, 2019 年
_QUOTES = [("“", "”"), ("‘", "’"), ("《", "》"), ("「", "」"), ("『", "』"), ('"', '"')]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph(Span):
    index: int  # 1-based, counting non-blank lines
    text: str


@dataclass(frozen=True)
class Sentence(Span):
    paragraph: Paragraph


def alternation(words) -> str:
    """A regex alternation that prefers the longest word (自治县 before 县)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _t2s():
    import opencc  # only extraction reads Traditional text

    return opencc.OpenCC("t2s")  # made once: loading its dictionaries costs ~3 ms a time


def simplified(text: str) -> str:
    """The text in Simplified characters, character for character, so offsets still hold."""
    converter = _t2s()
    whole = converter.convert(text)
    if len(whole) == len(text):
        return whole
    return "".join(c2 if len(c2 := converter.convert(c)) == 1 else c for c in text)


_LINE_END = re.compile(r"\r\n?")


def normalised(text: str) -> str:
    """The text as qdaid keeps it: without a byte order mark before it, every line ended by \\n
    (\\r\\n and a lone \\r are line ends too). Applied before an article's sha256, id and offsets are
    taken, so the same article saved by Windows Notepad (CRLF, a BOM) is the same article, with
    the same figures."""
    return _LINE_END.sub("\n", text.removeprefix("\ufeff"))


def char_in(ch: str, chars: str) -> bool:
    """ch (a slice of one character) is one of chars; never the empty slice before the text's
    first character or after its last, which `in` finds in every string."""
    return bool(ch) and ch in chars


def paragraphs(text: str) -> list[Paragraph]:
    found: list[Paragraph] = []
    for match in re.finditer(r"[^\r\n]+", text):  # \n, \r\n and a lone \r all end a line
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        found.append(Paragraph(start, start + len(stripped), len(found) + 1, stripped))
    return found


def sentences(paragraph: Paragraph) -> list[Sentence]:
    found: list[Sentence] = []
    start = paragraph.start
    for i, char in enumerate(paragraph.text):
        if char in SENTENCE_END:
            end = paragraph.start + i + 1
            found.append(Sentence(start, end, paragraph))
            start = end
    if start < paragraph.end:
        found.append(Sentence(start, paragraph.end, paragraph))
    return found


# How far back the words that qualify a figure are looked for in one sentence: a sentence of a
# normal article is shorter, and a 100,000-character one must not make each figure read it all.
REACH = 400


def bounds(text: str, start: int, end: int, lo: int, hi: int, stops: str) -> tuple[int, int]:
    """The stretch of text[lo:hi] around [start, end) that contains none of `stops` (within
    2 × REACH of it: a clause longer than that is cut there)."""
    lo, hi = max(lo, start - 2 * REACH), min(hi, end + 2 * REACH)
    left = max([lo, *(text.rfind(c, lo, start) + 1 for c in stops)])
    found = [i for i in (text.find(c, end, hi) for c in stops) if i >= 0]
    return left, min(found) if found else hi


class Spans:
    """Spans, asked "does one of you hold [start, end)?" in logarithmic time: with the spans sorted
    by start, the one reaching furthest among those starting at or before `start` decides."""

    def __init__(self, spans: list[Span]):
        self.spans = sorted(spans, key=lambda s: s.start)
        self._starts = [s.start for s in self.spans]
        self._reach, furthest = [], -1
        for span in self.spans:
            furthest = max(furthest, span.end)
            self._reach.append(furthest)

    def __iter__(self):  # narrative reads the quoted spans in order
        return iter(self.spans)

    def holds(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self._reach[i] >= end


def quoted_spans(text: str) -> Spans:
    """Text inside quotation marks and book-title marks: names, not statements of fact. Speech
    quoted (“今年…目标为600万元，将带动…。”: a sentence, or clauses of some length) is no name: what
    it says is read as the rest of the text is."""
    spans = []
    for opener, closer in _QUOTES:
        pos = 0
        while (i := text.find(opener, pos)) >= 0:
            j = text.find(closer, i + 1)
            if j < 0 or "\n" in text[i:j]:
                pos = i + 1
                continue
            if not _SPEECH.search(text, i + 1, j) and not (j - i > 20 and re.search("[，,]", text[i:j])):
                spans.append(Span(i, j + 1))
            pos = j + 1
    return Spans(spans)


_SPEECH = re.compile(r"[。！？!?]")


def inside(spans: Spans, start: int, end: int) -> bool:
    return spans.holds(start, end)


_CLAUSE_RE = re.compile(r"[^，,；;：:。！？!?“”\"\s]+")
_CHINESE_NUMERAL = re.compile(r"[一二两三四五六七八九十百千万]")


def sayings(text: str, sentences: list[Sentence], cue: re.Pattern) -> list[Span]:
    """Sayings a dictionary may not list, by their shape: the clause just after a cue (俗话说,
    常言道 …: short, with no Arabic digit) and the next if it is as long, and the two halves of a couplet
    (一根筷子容易折，十根筷子抱成团): adjacent clauses of equal length (5–9 characters), a Chinese
    numeral and no Arabic digit in them, at least three characters the same in the same places."""
    spans: list[Span] = []
    for s in sentences:
        clauses = [Span(m.start(), m.end()) for m in _CLAUSE_RE.finditer(text, s.start, s.end)]
        for c in cue.finditer(text, s.start, s.end):
            after = [Span(max(x.start, c.end()), x.end) for x in clauses if x.end > c.end()][:2]
            if after and after[0].end - after[0].start <= 12 and not re.search(r"\d", text[after[0].start:after[0].end]):
                # its second half is as long as the first (一个篱笆三个桩，一个好汉三个帮)
                spans += [x for x in after if x.end - x.start == after[0].end - after[0].start]
        for a, b in zip(clauses, clauses[1:], strict=False):
            one, two = text[a.start:a.end], text[b.start:b.end]
            if len(one) == len(two) and 5 <= len(one) <= 9 and not re.search(r"\d", one + two) and \
                    _CHINESE_NUMERAL.search(one + two) and sum(x == y for x, y in zip(one, two, strict=True)) >= 3:
                spans += [a, b]
    return spans
