"""Places: the gazetteer data, their ids and aliases, and finding their mentions in text.

Ids are pinyin slugs made by pypinyin from the place's short name (陇南市 → longnan,
徽县 → huixian); where two places romanise alike, the later one (by adcode) takes its parent's
id as a suffix, and regions.json pins the ids this project's data already uses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources

_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
             "地区", "省", "市", "县", "区", "镇", "乡", "州", "盟", "旗")


_FULL_NAME_ENDS = ("市", "区", "县", "旗", "州")


def slug(chinese: str) -> str:
    from pypinyin import lazy_pinyin  # only the build needs romanisation

    return "".join(lazy_pinyin(chinese)).lower()


# A character of several readings that place names read one way (长沙, 长治, 长阳: cháng; 成都, 都匀:
# dū; 单县: shàn; 什邡: shí …) where pypinyin, knowing no phrase of the name, reads it another; and the
# names whose reading is their own (洪洞: Hóngtóng, not the 洞 of a cave; 朝阳: Cháoyáng).
_PLACE_READINGS = {"长": "chang", "都": "du", "单": "shan", "什": "shi", "朝": "chao", "宕": "tan", "卡": "ka",
                   "蚌": "beng", "峙": "shi", "珲": "hun", "浚": "xun"}
_PLACE_NAMES = {"洪洞": ["hong", "tong"], "荥经": ["ying", "jing"], "涡阳": ["guo", "yang"], "筠连": ["jun", "lian"],
                "闵行": ["min", "hang"], "朝阳": ["chao", "yang"]}


def place_syllables(name: str) -> list[str]:
    """The pinyin of a place's name, a syllable a character: pypinyin's for the phrases it knows
    (长子: zhǎng, 乐亭: lào), the place-name reading for a character it reads alone (长阳: cháng)."""
    from pypinyin import lazy_pinyin
    from pypinyin.seg.mmseg import seg

    for whole, reading in _PLACE_NAMES.items():
        if (at := name.find(whole)) >= 0:
            return place_syllables(name[:at]) + reading + place_syllables(name[at + len(whole):])
    found: list[str] = []
    for word in seg.cut(name):
        found += lazy_pinyin(word) if len(word) > 1 or word not in _PLACE_READINGS else [_PLACE_READINGS[word]]
    return found


def place_slug(name: str) -> str:
    """长阳 → changyang, 成都 → chengdu, 六安 → luan: a place's id as its name is read."""
    return "".join(place_syllables(name)).lower()


def strip_suffix(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass
class Region:
    id: str
    name: str
    level: str
    parent: str | None
    aliases: list[str] = field(default_factory=list)
    adcode: str | None = None
    name_en: str | None = None

    def record(self) -> dict:
        return {"id": self.id, "name": self.name, "aliases": self.aliases, "level": self.level,
                "parent": self.parent, "adcode": self.adcode, "name_en": self.name_en}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    region: str
    candidates: tuple[str, ...] = ()  # more than one: a homonym, chosen by context
    short: bool = False  # written without its suffix (镇宁 for 镇宁布依族苗族自治县)

    @property
    def contextual(self) -> bool:
        return len(self.candidates) > 1


class Gazetteer:
    """Every division of China (divisions.json, from the adcodes) and the few places that are not
    divisions (regions.json: the nation, townships, extra short names, pinned ids)."""

    def __init__(self, regions: list[Region]):
        self.regions = {r.id: r for r in regions}
        self._names: dict[str, list[tuple[str, bool]]] = {}
        for region in regions:
            # 积石山县, 临夏州: an autonomous place as the news names it (its short name and its level's
            # suffix) is a full name, no province needed beside it
            kind = re.search(r"自治([县州旗])$", region.name)
            named_so = [region.aliases[0] + kind[1]] if kind and region.aliases and not region.aliases[0].isascii() else []
            for alias in [region.name, *region.aliases, *named_so]:
                if not alias.isascii():  # an alias with a suffix (盘州市 for 盘县) is a full name
                    entry = (region.id, alias != region.name and not alias.endswith(_FULL_NAME_ENDS))
                    if entry not in self._names.setdefault(alias, []):
                        self._names[alias].append(entry)
        self._longest: dict[str, int] = {}
        for name in self._names:
            self._longest[name[0]] = max(self._longest.get(name[0], 0), len(name))
        self._children: dict[str, list[str]] = {}
        for region in regions:
            if region.parent:
                self._children.setdefault(region.parent, []).append(region.id)

    @classmethod
    def load(cls) -> Gazetteer:
        folder = resources.files("qdaid.vocabulary")
        overlay = json.loads(folder.joinpath("regions.json").read_text("utf-8"))
        table = json.loads(folder.joinpath("divisions.json").read_text("utf-8"))["divisions"]
        nation = overlay["nation"]
        regions = [Region(nation["id"], nation["name"], "nation", None, list(nation.get("short", [])),
                          None, nation.get("name_en"))]
        ids_by_code: dict[str, str] = {}
        taken = {nation["id"], *overlay["ids"].values()}  # pinned ids are reserved for their places
        for code, name, level, parent_code, short, english, base, full_pinyin in table:
            parent = ids_by_code.get(parent_code) if parent_code else nation["id"]
            region_id = overlay["ids"].get(code) or (base if base not in taken else f"{base}-{parent}"
                                                     if f"{base}-{parent}" not in taken else f"{base}-{code}")
            taken.add(region_id)
            ids_by_code[code] = region_id
            aliases = ([short] if short else []) + overlay["short"].get(code, [])
            aliases += [full_pinyin] if full_pinyin != region_id else []  # 陇南市 → longnanshi, beside longnan
            regions.append(Region(region_id, name, level, parent, aliases, code, overlay["english"].get(code, english)))
        by_name = {r.name: r.id for r in regions}
        for place in overlay["places"]:  # not divisions: townships and the like
            region_id = place.get("id") or place_slug(strip_suffix(place["name"]))
            short = strip_suffix(place["name"])
            regions.append(Region(region_id, place["name"], place["level"], by_name[place["parent"]],
                                  [short] if short != place["name"] else [], None, place.get("name_en")))
        return cls(regions)

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every place name in text[start:end], longest first at each position, not overlapping;
        a name that a longer one overlaps gives way to it (郑红和平度市: 平度市, not 和平); a name
        several places share (朝阳区) carries all their ids as candidates."""
        end = len(text) if end is None else end
        found, i = [], start
        while i < end - 1:
            size = self._longest_at(text, i, end)
            if not size:
                i += 1
                continue
            later = next((j for j in range(i + 1, i + size) if self._longest_at(text, j, end) > size
                          and j + self._longest_at(text, j, end) > i + size), None)
            if later is not None:
                i = later
                continue
            entries = self._names[text[i:i + size]]
            ids = tuple(dict.fromkeys(e[0] for e in entries))
            found.append(Mention(i, i + size, ids[0], ids, all(e[1] for e in entries)))
            i += size
        return found

    def _longest_at(self, text: str, i: int, end: int) -> int:
        """The length of the longest place name at text[i], 0 if none."""
        for size in range(min(self._longest.get(text[i], 0), end - i), 1, -1):
            if text[i:i + size] in self._names:
                return size
        return 0

    def descendants(self, region_id: str) -> set[str]:
        found, todo = set(), [region_id]
        while todo:
            for child in self._children.get(todo.pop(), []):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found
    def is_nation(self, region_id: str) -> bool:
        return self.regions[region_id].level == "nation"

    def ancestors(self, region_id: str) -> list[str]:
        chain, current = [], self.regions[region_id].parent
        while current:
            chain.append(current)
            current = self.regions[current].parent
        return chain

    def province(self, region_id: str) -> str | None:
        """The province a region lies in (itself, for a province); None above provinces."""
        return next((a for a in [region_id, *self.ancestors(region_id)] if self.regions[a].level == "province"), None)

    def family(self, region_id: str | None) -> set[str]:
        """A region with its ancestors and descendants: its 'home' in a text."""
        if region_id is None:
            return set()
        return {region_id, *self.ancestors(region_id), *self.descendants(region_id)}

    def most_specific(self, region_ids: list[str]) -> list[str]:
        """Drop each region that is an ancestor of another in the list; keep first-seen order."""
        unique = list(dict.fromkeys(region_ids))
        covered = {a for r in unique for a in self.ancestors(r)}
        return [r for r in unique if r not in covered]
