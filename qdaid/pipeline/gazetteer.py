"""Places: the gazetteer data, their ids and aliases, and finding their mentions in text.

Ids are pinyin slugs made by pypinyin from the place's short name (陇南市 → longnan,
徽县 → huixian), so the data file lists Chinese names only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources

from .text import alternation

_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
             "地区", "省", "市", "县", "区", "镇", "乡", "州", "盟", "旗")


def slug(chinese: str) -> str:
    from pypinyin import lazy_pinyin  # only the build needs romanisation

    return "".join(lazy_pinyin(chinese)).lower()


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

    def record(self) -> dict:
        return {"id": self.id, "name": self.name, "aliases": self.aliases, "level": self.level,
                "parent": self.parent}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    region: str


class Gazetteer:
    def __init__(self, regions: list[Region]):
        self.regions = {r.id: r for r in regions}
        self._by_alias: dict[str, str] = {}
        for region in regions:
            for alias in [region.name, *region.aliases]:
                if not alias.isascii():
                    self._by_alias.setdefault(alias, region.id)

    @classmethod
    def load(cls) -> Gazetteer:
        data = json.loads(resources.files("qdaid.vocabulary").joinpath("regions.json").read_text("utf-8"))
        nation = data["nation"]
        entries = [{**nation, "level": "nation", "parent": None, "no_short": True}]
        entries += [{"name": p[0], "level": "province", "parent": nation["name"], "short": [p[1]],
                     **({"id": p[2]} if len(p) > 2 else {})} for p in data["provinces"]]
        entries += data["places"]
        ids_by_name: dict[str, str] = {}
        regions = []
        for entry in entries:
            shorts = list(entry.get("short", []))
            stem = strip_suffix(shorts[-1] if shorts else entry["name"])
            if not entry.get("no_short") and stem != entry["name"] and stem not in shorts:
                shorts.append(stem)
            region_id = entry.get("id") or slug(stem if len(stem) >= 2 else entry["name"])
            if region_id in ids_by_name.values():  # two places that romanise alike
                region_id = f"{region_id}-{slug(strip_suffix(entry['parent']))}"
            ids_by_name[entry["name"]] = region_id
            parent = ids_by_name.get(entry["parent"]) if entry["parent"] else None
            full_pinyin = slug(entry["name"])  # 陇南市 → longnanshi, beside the id longnan
            aliases = shorts + ([full_pinyin] if full_pinyin != region_id else [])
            regions.append(Region(region_id, entry["name"], entry["level"], parent, aliases))
        return cls(regions)

    @cached_property
    def _pattern(self) -> re.Pattern:
        return re.compile(alternation(self._by_alias))

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        end = len(text) if end is None else end
        return [Mention(m.start(), m.end(), self._by_alias[m.group()])
                for m in self._pattern.finditer(text, start, end)]

    def is_nation(self, region_id: str) -> bool:
        return self.regions[region_id].level == "nation"

    def ancestors(self, region_id: str) -> list[str]:
        chain, current = [], self.regions[region_id].parent
        while current:
            chain.append(current)
            current = self.regions[current].parent
        return chain

    def family(self, region_id: str | None) -> set[str]:
        """A region with its ancestors and descendants: its 'home' in a text."""
        if region_id is None:
            return set()
        return {region_id, *self.ancestors(region_id),
                *(r for r in self.regions if region_id in self.ancestors(r))}

    def most_specific(self, region_ids: list[str]) -> list[str]:
        """Drop each region that is an ancestor of another in the list; keep first-seen order."""
        unique = list(dict.fromkeys(region_ids))
        covered = {a for r in unique for a in self.ancestors(r)}
        return [r for r in unique if r not in covered]
