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


def _east_west(words: dict) -> tuple[frozenset[str], frozenset[str], re.Pattern, dict[str, re.Pattern]]:
    """The provinces that help, those helped, the words of both sides (两地, 双方), and the words that
    make a province a helper in an article that says them (京蒙: 北京)."""
    when_said = {region: re.compile(alternation(said)) for region, said in words["helper_when_said"].items()}
    return frozenset(words["helpers"]), frozenset(words["helped"]), re.compile(alternation(words["both"])), when_said


def _idioms(data: dict, cedict: dict) -> list[str]:
    """The lexicon's set phrases, CC-CEDICT's (each half of a proverb of two, 一人拾柴火不旺，众人拾柴火焰高)
    and pypinyin's that pair two numerals (一年一度: phrases.py)."""
    halves = [half for idiom in cedict["idioms"] for half in re.split(r"[，,]", idiom) if len(half) >= 4]
    return data["idioms"] + halves + data.get("numeral_phrases", {}).get("phrases", [])


KIND_MARKERS = ("per_year", "state", "cumulative")  # the kinds table's lists of words before a figure


class Lexicon:
    def __init__(self, data: dict):
        self.specific = _public(data["classifiers"]["specific"])
        self.general = _public(data["classifiers"]["general"])
        self.noun_decides = _public(data["classifiers"]["noun_decides"])  # 17户企业: 户 measures enterprises
        self.core_classifiers = frozenset([*self.specific, *self.general])  # the lexicon's own, before CC-CEDICT's
        self.nouns = _public(data["nouns"])
        self.people_nouns = data["people_nouns"]["nouns"]
        self.money_words = re.compile(alternation(data["money_words"]["words"]))
        self.metrics = data["metrics"]
        self.weak = _public(data["weak_keywords"])
        self.neutral = set(data["neutral"]["phrases"])
        self.default_metric = _public(data["default_metric_by_unit"])
        self.refine = _public(data["refine"])
        # Measure words and idioms with numerals from a maintained dictionary (cedict.py):
        # the lexicon's own classifiers come first; a measure word's unit is its fallback.
        cedict = data.get("measure_words", {"measure_words": {}, "idioms": [], "common_words": []})
        self.common_place_words = frozenset(cedict["common_words"])
        # 车, 箱 … (nouns borrowed as measures: 运出鲜果42车) count as measure words of their load.
        borrowed = {**cedict.get("measure_nouns", {}), **cedict["measure_words"]}
        self.borrowed = frozenset(cedict.get("measure_nouns", {}))
        self.measure_words = {w: u for w, u in borrowed.items()
                              if w not in data["classifiers"]["specific"] and w not in data["classifiers"]["general"]}
        self.idioms = _idioms(data, cedict)
        self.saying_cues = re.compile(alternation(data["saying_cues"]["cues"]))
        self.named_periods = data["named_periods"]
        self.named_period_re = re.compile(alternation(self.named_periods))
        self.headings = _public(data["honoree_headings"])
        self.titles = data["titles"]
        self.org_kinds = data["org_kinds"]
        self.collective_ends = data["collective_ends"]["ends"]
        self.program_nouns = data["program_nouns"]
        self.program_verbs = data["program_verbs"]
        self.partner_verbs = data["partner_verbs"]
        self.destination_markers = data["destination_markers"]["markers"]
        self.partner_verb_re = re.compile(alternation(self.partner_verbs))
        self.kinds = data["kinds"]  # and the words of figures set aside (aside.py)
        self.per_year_markers, self.state_markers, self.cumulative_markers = map(self.kinds.get, KIND_MARKERS)
        self.home_words = re.compile(alternation(data["region_words"]["home"]))
        self.award_verbs = re.compile(alternation(data["region_words"]["award_verbs"]))
        self.helper_metrics = frozenset(data["region_words"]["helper_metrics"])
        self.place_counts = data["region_words"]["place_counts"]
        self.dispatch_verbs = re.compile(alternation(data["region_words"]["dispatch"]["verbs"]))
        self.dispatch_to = tuple(data["region_words"]["dispatch"]["to"])
        self.buyer_verbs = re.compile(alternation(data["region_words"]["buyer_verbs"]))
        self.venue_verbs = tuple(data["region_words"]["venue_verbs"])
        # 三市, 两地, 10个县 right before a figure (the number is not part of a longer one: 123市)
        self.place_count_re = re.compile(rf"(?<![\d.])(\d{{1,2}}|[两二三四五六七八九十])个?({alternation(self.place_counts)})"
                                         r"(?:的|共)?$")
        self.successive_markers = re.compile(alternation(data["successive_markers"]["markers"]))
        self.whole_place = re.compile(alternation(data["whole_place"]["words"]))
        self._read_markers(data)
        self.figurative_before = tuple(data["figurative"]["before"])
        self.speaker_re = re.compile(rf"[^，,。；;：:]{{0,8}}?(?:{alternation(data['figurative']['speakers'])})")
        self.general.update(self.measure_words)
        self.classifier_pattern = alternation([*self.specific, *self.general])
        self._nouns_re = re.compile(alternation(self.nouns))
        self._people_re = re.compile(alternation(self.people_nouns))
        keywords = {w for m in self.metrics for w in m["keywords"]} | set(self.weak) | self.neutral
        self._keywords_re = re.compile(alternation(keywords))

    def _read_markers(self, data: dict) -> None:
        """The word lists that mark how a clause reads (a base year, a plan, a turn in a paragraph) or
        whose a place is (a buyer, unnamed partners), and place nouns a numeral counts bare."""
        self.comparison_markers = tuple(data["comparison_markers"]["markers"])
        self.future_markers = re.compile(alternation(data["future_markers"]["markers"]))
        self.frame_breaks = tuple(data["frame_breaks"]["openers"])
        self.bare_place_counts = tuple(sorted(data["bare_place_counts"]["nouns"], key=len, reverse=True))
        self.digit_place_units = {**{n: self.nouns[n] for n in self.bare_place_counts},
                                  **data["bare_place_counts"]["after_digits"]}
        self.digit_place_re = re.compile(rf"(?:{alternation(self.digit_place_units)})(?![级域内外场民城委府属直辖长道块会界际])")
        self.purchase_verbs = tuple(data["region_words"]["purchase_verbs"])
        self.unnamed_partners = re.compile(alternation(data["region_words"]["unnamed_partners"]))
        self.helper_provinces, self.helped_provinces, self.both_sides, self.helper_when_said = \
            _east_west(data["region_words"]["east_west"])
        self.aided_by_word = data["region_words"]["aided_by_word"]
        self.aid_word_re = re.compile(alternation(self.aided_by_word))
        workplace = data["region_words"]["workplace"]
        self.to_work = tuple(workplace["to_work"])
        self.labour_sent, self.labour = (re.compile(alternation(workplace[k])) for k in ("labour_sent", "labour"))

    @classmethod
    def load(cls) -> Lexicon:
        folder = resources.files("qdaid.vocabulary")
        data = json.loads(folder.joinpath("lexicon.json").read_text("utf-8"))
        data["measure_words"] = json.loads(folder.joinpath("cedict.json").read_text("utf-8"))
        data["numeral_phrases"] = json.loads(folder.joinpath("phrases.json").read_text("utf-8"))
        return cls(data)

    def unit_of_classifier(self, classifier: str) -> str | None:
        """The unit a classifier gives by itself; None for 个, 家 ... whose noun decides."""
        return self.specific.get(classifier)

    def nouns_in(self, text: str, lo: int, hi: int) -> list[Hit]:
        # A place word followed by 级 is an adjective (市级平台 is a platform, not a city).
        return [Hit(m.start(), m.end(), m.group()) for m in self._nouns_re.finditer(text, lo, hi)
                if text[m.end():m.end() + 1] != "级"]

    def head_noun(self, text: str, lo: int, hi: int, skip=lambda hit: False) -> Hit | None:
        """The noun the phrase at lo counts: its first noun before a separator or a word of motion
        (9辆大货车依次从…出发), unless that is a one-character modifier of the noun after it (156所乡村
        小学 → 小学, not the 村 of 乡村); skip(hit) leaves out nouns that are not counted (a place's 县)."""
        # 9个县(市、区): a 、 in brackets separates nothing of the phrase
        phrase = re.sub(r"[（(][^（()）]{0,8}[)）]", lambda m: "(" + "□" * (len(m[0]) - 2) + ")", text[lo:hi])
        end = lo + len(re.split(r"[、，,；;。：:的和与及]|依次|从|向|往|赴", phrase, maxsplit=1)[0])
        hits = [hit for hit in self.nouns_in(text, lo, end) if not skip(hit)]
        # A one-character noun right before another noun modifies it (乡村小学: 村 → 小学).
        while len(hits) > 1 and len(hits[0].word) == 1 and hits[1].start - hits[0].end <= 1:  # 市直部门: 部门
            hits = hits[1:]
        return hits[0] if hits else None

    def noun_right_after(self, text: str, pos: int, reach: int = 6) -> Hit | None:
        """A counted noun within `reach` characters after a bare number, no digit or separator
        between (8.3万余脱贫户 → 户, 20优秀案例 → 案例)."""
        window = re.split(r"[\d、，,；;。：:（(“”\"《》\s]", text[pos:pos + reach], maxsplit=1)[0]
        hits = self.nouns_in(text, pos, pos + len(window))
        return hits[0] if hits else None

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
