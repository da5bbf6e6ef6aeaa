"""English names for `--lang en`, made at build time so every store (JSON, SQLite, Datasette)
carries them: honorees, their posts and mottos, and programmes.

A name listed in vocabulary/english.json gets its rendering there; any other is rendered word
by word: places by the gazetteer's English names, words from the glossary (longest first), and
what neither knows in pinyin (榕昕 → Rongxin). A person's name is pinyin, family name first
(窦宗君 → Dou Zongjun). A motto has no word-by-word rendering: it stays in Chinese.
"""

from __future__ import annotations

import json
import re
from importlib import resources

from .gazetteer import Gazetteer

_QUOTES = re.compile(r"[“”‘’\"「」]")
_LEVEL_WORDS = re.compile(r"\s+(City|County|District|Province|Prefecture|Municipality|Autonomous Region)$")


def _pinyin(chinese: str) -> list[str]:
    from pypinyin import lazy_pinyin  # only the build needs romanisation

    return lazy_pinyin(chinese)


def vocabulary() -> dict:
    return json.loads(resources.files("qdaid.vocabulary").joinpath("english.json").read_text("utf-8"))


class English:
    def __init__(self, data: dict, gazetteer: Gazetteer):
        self.names = data["names"]
        self.glossary = sorted(data["glossary"].items(), key=lambda kv: -len(kv[0]))
        self.gazetteer = gazetteer

    @classmethod
    def load(cls, gazetteer: Gazetteer) -> English:
        return cls(vocabulary(), gazetteer)

    def listed(self, chinese: str | None) -> str | None:
        """The rendering english.json gives, if any (quotation marks ignored)."""
        return self.names.get(_QUOTES.sub("", chinese)) if chinese else None

    def person(self, chinese: str) -> str:
        """窦宗君 → Dou Zongjun: family name, then given name, each capitalised."""
        if found := self.listed(chinese):
            return found
        syllables = _pinyin(chinese)
        return " ".join(part.capitalize() for part in (syllables[0], "".join(syllables[1:])) if part)

    def name(self, chinese: str | None) -> str | None:
        """A listed rendering, else word by word."""
        if not chinese:
            return None
        return self.listed(chinese) or self.words(_QUOTES.sub("", chinese))

    def words(self, text: str) -> str:
        places = {m.start: m for m in self.gazetteer.mentions(text)}
        out, pending, at = [], "", 0
        while at < len(text):
            english, length = self._word_at(text, at, places)
            if english is None:
                pending += text[at]
                at += 1
                continue
            if pending:
                out.append(self._romanised(pending))
                pending = ""
            out.append(english)
            at += length
        if pending:
            out.append(self._romanised(pending))
        return re.sub(r"\s+", " ", " ".join(out)).strip()

    def _word_at(self, text: str, at: int, places: dict) -> tuple[str | None, int]:
        if (m := places.get(at)) is not None:
            region = self.gazetteer.regions[m.region]
            english = region.name_en or " ".join(p.capitalize() for p in _pinyin(text[m.start:m.end]))
            return _LEVEL_WORDS.sub("", english) if m.short or m.end < len(text) else english, m.end - m.start
        for chinese, english in self.glossary:
            if text.startswith(chinese, at):
                return english, len(chinese)
        return None, 1

    @staticmethod
    def _romanised(run: str) -> str:
        """Han characters as one capitalised pinyin word; anything else (1+2+5+N) as it stands."""
        return re.sub(r"[\u3400-\u9fff]+", lambda m: "".join(_pinyin(m[0])).capitalize() + " ", run).strip()


def add_names(english: English, honorees: list[dict], programs: list[dict]) -> None:
    """name_en (and post_en, motto_en) beside each Chinese name, in place."""
    for h in honorees:
        h["name_en"] = english.person(h["name"]) if h["kind"] == "individual" else english.name(h["name"])
        h["post_en"] = english.name(h["post"])
        h["motto_en"] = english.listed(h["motto"])
    for p in programs:
        p["name_en"] = english.name(p["name"])
