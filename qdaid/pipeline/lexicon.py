"""The extractor's vocabulary (qdaid/vocabulary/lexicon.json) and the look-ups made on it.

The data says which words make a figure's unit and metric; this module only compiles it into
longest-first patterns and answers "which keyword is nearest to this number".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from .text import alternation


def _public(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if not k.startswith("_")}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    word: str


class Lexicon:
    def __init__(self, data: dict):
        self.specific = _public(data["classifiers"]["specific"])
        self.general = _public(data["classifiers"]["general"])
        self.nouns = _public(data["nouns"])
        self.people_nouns = data["people_nouns"]["nouns"]
        self.metrics = data["metrics"]
        self.weak = _public(data["weak_keywords"])
        self.neutral = set(data["neutral"]["phrases"])
        self.default_metric = _public(data["default_metric_by_unit"])
        self.refine = _public(data["refine"])
        self.idioms = data["idioms"]
        self.named_periods = data["named_periods"]
        self.headings = _public(data["honoree_headings"])
        self.titles = data["titles"]
        self.org_kinds = data["org_kinds"]
        self.program_nouns = data["program_nouns"]
        self.program_verbs = data["program_verbs"]
        self.partner_verbs = data["partner_verbs"]
        self.destination_markers = data["destination_markers"]["markers"]
        self.classifier_pattern = alternation([*self.specific, *self.general])
        self._nouns_re = re.compile(alternation(self.nouns))
        self._people_re = re.compile(alternation(self.people_nouns))
        keywords = {w for m in self.metrics for w in m["keywords"]} | set(self.weak) | self.neutral
        self._keywords_re = re.compile(alternation(keywords))

    @classmethod
    def load(cls) -> Lexicon:
        text = resources.files("qdaid.vocabulary").joinpath("lexicon.json").read_text("utf-8")
        return cls(json.loads(text))

    def unit_of_classifier(self, classifier: str) -> str | None:
        """The unit a classifier gives by itself; None for 个, 家 ... whose noun decides."""
        return self.specific.get(classifier)

    def nouns_in(self, text: str, lo: int, hi: int) -> list[Hit]:
        # A place word followed by 级 is an adjective (市级平台 is a platform, not a city).
        return [Hit(m.start(), m.end(), m.group()) for m in self._nouns_re.finditer(text, lo, hi)
                if text[m.end():m.end() + 1] != "级"]

    def people_noun_at(self, text: str, pos: int, reach: int = 8) -> bool:
        """True where a noun that counts people follows within `reach` characters, no comma between."""
        window = re.split(r"[，,、；;。：:（(]", text[pos:pos + reach], maxsplit=1)[0]
        return bool(self._people_re.search(window))

    def keywords_in(self, text: str, lo: int, hi: int) -> list[Hit]:
        """Metric keywords in text[lo:hi], left to right, neutral phrases removed."""
        return [Hit(m.start(), m.end(), m.group()) for m in self._keywords_re.finditer(text, lo, hi)
                if m.group() not in self.neutral]

    def metric_for(self, word: str, unit: str, strong: bool = True) -> str | None:
        """The metric a keyword names for a figure of this unit, or None if it does not fit."""
        if not strong:
            metric = self.weak.get(word)
            return metric if metric and self._fits(metric, unit) else None
        for entry in self.metrics:
            if word not in entry["keywords"]:
                continue
            if "by_unit" in entry and unit in entry["by_unit"]:
                return entry["by_unit"][unit]
            if unit in entry.get("units", ()):
                return entry["metric"]
        return None

    def _fits(self, metric: str, unit: str) -> bool:
        return any(e["metric"] == metric and unit in e.get("units", ()) for e in self.metrics)

    def is_weak(self, word: str) -> bool:
        return word in self.weak and not any(word in e["keywords"] for e in self.metrics)
