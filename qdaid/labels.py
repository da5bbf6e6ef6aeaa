"""The Chinese name of every metric and unit a database can hold, for a Chinese page.

vocabulary/chinese.json names the common ones (消费扶贫, 个口罩). The build makes others: a unit
from any measure word or noun of CC-CEDICT (座 → building, 车 → truckload), from a noun the
lexicon knows after 个/家/所 (合作社 → cooperative), or, for a noun no list knows, its pinyin
(8个蓄水塘坝 → xushuitangba); a metric with no keyword is named after its unit (buildings,
xushuitangbas), and a family's own metric (built, for 援建 of a unit it has no metric for) is named
by the first word it is read from. Their Chinese is the word the text wrote, so it is derived: from the database in
use (the figure's classifier and the noun after it), else from the vocabularies the build read
(the measure word, the noun). A metric named after its unit counts it: 座数, 蓄水塘坝数.

The database in use is given once (`use`); a name is looked for in it only when no vocabulary has
it, so a page of known names asks the database nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from .vocabulary import load as _vocabulary

_IN_USE: dict = {"base": None, "units": {}, "metrics": {}}
GENERAL = "个家所项"  # classifiers that stand before a noun in a unit's name (个合作社), not in a count (合作社数)
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def use(base) -> None:
    """The fact base the names of its unknown metrics and units are read from."""
    _IN_USE.update(base=base, units={}, metrics={})


@cache
def _written_as() -> dict[str, list[str]]:
    """unit → the Chinese words the build reads it from: measure words (座), nouns used as
    measures (车), nouns after a general classifier (个合作社)."""
    found: dict[str, list[str]] = defaultdict(list)
    cedict, lexicon = _vocabulary("cedict.json"), _vocabulary("lexicon.json")
    for table in ("specific", "general"):
        for word, unit in lexicon["classifiers"][table].items():
            if not word.startswith("_"):
                found[unit].append(word)
    for word, unit in [*cedict["measure_words"].items(), *cedict["measure_nouns"].items()]:
        found[unit].append(word)
    for word, unit in lexicon["nouns"].items():
        if not word.startswith("_") and _HAN.fullmatch(word):
            found[unit].append(f"个{word}")
    return found


def unit_zh(slug: str) -> str:
    """个口罩, 座, 个蓄水塘坝: the words after a number of this unit on a Chinese page."""
    known = _vocabulary("chinese.json")["units"].get(slug)
    if known:
        return known
    if slug not in _IN_USE["units"]:
        _IN_USE["units"][slug] = _unit_in_use(slug) or (_written_as().get(slug) or [slug])[0]
    return _IN_USE["units"][slug]


def metric_zh(slug: str) -> str:
    """消费扶贫; for a metric named after its unit, what it counts: 座数, 蓄水塘坝数; else the first
    word the build reads it from (援建)."""
    known = _vocabulary("chinese.json")["metrics"].get(slug)
    if known:
        return known
    if slug not in _IN_USE["metrics"]:
        from .english import keywords

        unit = unit_of(slug)
        words = keywords().get(slug) or [slug]  # a family's own metric (built): the first word it is read from
        _IN_USE["metrics"][slug] = counted(unit_zh(unit)) if unit else words[0]
    return _IN_USE["metrics"][slug]


def counted(unit_words: str) -> str:
    """How many of a unit: 座 → 座数, 个合作社 → 合作社数."""
    noun = unit_words[1:] if len(unit_words) > 1 and unit_words[0] in GENERAL else unit_words
    return f"{noun}数"


def unit_of(metric: str) -> str | None:
    """The unit a metric is named after (buildings → building, boxes → box, industries →
    industry), from the database in use, else from the units the vocabularies know."""
    candidates = [metric[:-3] + "y", metric[:-2], metric[:-1]] if metric.endswith("s") else []
    base = _IN_USE["base"]
    if base is not None:
        for figure in base._rows("figures", "metric = ?", (metric,), limit=1):
            if figure["unit"] in candidates:
                return figure["unit"]
    known = set(_written_as()) | set(_vocabulary("chinese.json")["units"])
    return next((u for u in candidates if u in known), None)


def _unit_in_use(slug: str) -> str | None:
    """The unit's words as a figure of the database in use writes them: its classifier when the
    build reads that word as this unit (5座; 輛, Traditional, is not), or the classifier and the
    noun after it whose pinyin the unit is (8个蓄水塘坝 → xushuitangba)."""
    base = _IN_USE["base"]
    if base is None:
        return None
    for figure in base._rows("figures", "unit = ?", (slug,), limit=3):
        classifier = _HAN.search(figure["raw"][-3:])
        word = classifier.group() if classifier and figure["raw"].endswith(classifier.group()) else ""
        if word and word in _written_as().get(slug, ()):
            return word
        at = figure["quote"].find(figure["raw"])
        after = _HAN.match(figure["quote"][at + len(figure["raw"]):]) if at >= 0 else None
        if after and (noun := _noun_of(slug, after.group()[:6])):
            return f"{word if len(word) == 1 else '个'}{noun}"
    return None


def _noun_of(slug: str, text: str) -> str | None:
    """The start of the text whose pinyin is the unit's id (蓄水塘坝 for xushuitangba)."""
    from pypinyin import lazy_pinyin  # a dependency; read only for a unit no vocabulary names

    for size in range(len(text), 1, -1):
        if re.sub(r"[^a-z]", "", "".join(lazy_pinyin(text[:size])).lower()) == slug:
            return text[:size]
    return None
