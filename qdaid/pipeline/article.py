"""One article as the pipeline reads it: the text (and its Simplified twin), paragraphs,
sentences, quoted names, idioms, place mentions, and the honorees' sections.

Everything later stages need to look up is computed here once; the stages themselves
(sections, quantities, classify, regions, links, records) are functions of an Article.
"""

from __future__ import annotations

import re

from . import text as tx
from .gazetteer import Gazetteer, Mention
from .lexicon import Lexicon
from .sections import Section, find_sections


class Article:
    """One source text and what is read from it before any figure is."""

    def __init__(self, text: str, meta: dict, gazetteer: Gazetteer, lexicon: Lexicon):
        # Matching runs on a Simplified copy of the same length, so Traditional articles (億, 個)
        # read alike; everything quoted back to the user comes from the original text.
        self.original, self.text = text, tx.simplified(text)
        self.meta, self.gaz, self.lex = meta, gazetteer, lexicon
        self.paragraphs = tx.paragraphs(self.text)
        self.sentences = [s for p in self.paragraphs for s in tx.sentences(p)]
        self.quoted = tx.quoted_spans(self.text)
        idiom_re = re.compile(tx.alternation(lexicon.idioms))
        self.idioms = [tx.Span(m.start(), m.end()) for m in idiom_re.finditer(self.text)]
        self.mentions: list[Mention] = [m for m in gazetteer.mentions(self.text)
                                        if not tx.inside(self.quoted, m.start, m.end)]
        self.report_year = int(meta["date"][:4]) if meta.get("date") else None
        self.source_id: str = meta["id"]
        self.sections: list[Section] = find_sections(self)

    def section_of(self, paragraph_index: int) -> Section | None:
        return next((s for s in self.sections if s.first <= paragraph_index <= s.last), None)

    def sentence_at(self, offset: int) -> tx.Sentence:
        return next(s for s in self.sentences if s.start <= offset < s.end)

    def clause(self, start: int, end: int, s: tx.Sentence) -> tuple[int, int]:
        """The clause (between commas) of the sentence that holds [start, end)."""
        return tx.bounds(self.text, start, end, s.start, s.end, tx.CLAUSE_END)

    def segment(self, start: int, end: int, s: tx.Sentence) -> tuple[int, int]:
        """The segment (between semicolons) of the sentence that holds [start, end)."""
        return tx.bounds(self.text, start, end, s.start, s.end, tx.SEGMENT_END)

    def figure_id(self, start: int) -> str:
        return f"{self.source_id}-{start:05d}"
