"""Names a person types, resolved to ids: honorees, regions, metrics, units, kinds and fields.

Every name the tool prints is taken back: 陇南, Longnan, 陇南市, ＬｏｎｇＮａｎ, 隴南, Lǒngnán and a
unique prefix all name one region; a metric is its slug, its English label (Cash donations) or a
Chinese keyword `list metrics` shows (捐赠); a unit its id, English name (masks) or Chinese word
(元, 口罩). A name that names nothing gets "did you mean" help. Resolution reads the small tables
(honorees, regions) held in memory and asks the fact base for the metric and unit names its
figures use; the vocabulary files are read only when a name is not an id.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import cache

from .model import METRIC_FAMILIES, UNIT_NAMES, UsageError
from .vocabulary import load

# Patterns are compiled at first use (re caches them): compiled at import they cost every query's
# start-up ~1.5 ms, and most queries name places by id.
_PLACE_SUFFIX = r"(省|市|县|区|镇|乡|自治区|自治州|自治县|地区)$"
_ENGLISH_LEVEL = (r"(autonomousregion|autonomousprefecture|autonomouscounty|province|prefecture|city|"
                  r"county|district|municipality|league|banner|town)$")
_JOINERS = str.maketrans("", "", "-_·‐‑–—,.'’")  # hyphens and dashes (East-West, East–West), commas, stops


def normalise(text: str) -> str:
    """What a person typed, made comparable: full-width folded (ＬｏｎｇＮａｎ), trimmed, any case."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def squash(text: str) -> str:
    """Without spaces, hyphens, dashes, underscores, middle dots, commas and stops (Long-nan, 陇 南)."""
    return "".join(normalise(text).translate(_JOINERS).split())  # split(): what \s matches


def _abbreviates(short: str, name: str) -> bool:
    """平度市扶贫办 for 平度市扶贫开发领导小组办公室: Chinese short names keep characters in order."""
    rest = iter(name)
    return short[0] == name[0] and all(char in rest for char in short)


def _english_bare(key: str) -> str:
    """longnancity → longnan, huixiancounty → huixian, samzhubzêdistrict → samzhubzê (squashed
    names in Latin letters)."""
    return key if has_han(key) else re.sub(_ENGLISH_LEVEL, "", key)


def plain_pinyin(key: str) -> str:
    """lǒngnán → longnan, long3nan2 → longnan: tone marks and tone numbers dropped."""
    plain = unmarked(key)
    return re.sub(r"[1-5]", "", plain) if re.fullmatch(r"(?:[a-z]+[1-5])+[a-z]*", plain) else plain


def simplified_chars(text: str) -> str:
    """Traditional characters as Simplified (隴南 → 陇南); OpenCC is loaded only when a name is not found."""
    try:
        text.encode("utf-8")  # an argument of bytes that are not UTF-8 is no name at all
        import opencc
    except (ImportError, UnicodeEncodeError):
        return text
    return opencc.OpenCC("t2s").convert(text)


def suggest(word: str, choices) -> str:
    """"; did you mean a, b?" for the choices close to the word, or nothing; choices that differ
    only in case, spaces or hyphens are one."""
    import difflib  # only an error needs it

    by_key: dict[str, str] = {}  # dou-zongjun and Dou Zongjun are one suggestion
    for c in sorted({c for c in choices if c}):
        by_key.setdefault(squash(c), c)
    key = squash(word)
    # A Chinese short name holds its characters in the full name's order (陇南工作组 in 青岛赴陇南
    # 扶贫协作挂职干部工作组): too short beside it for difflib's ratio.
    held = sorted((k for k in by_key if len(key) > 1 and not key.isascii() and _in_order(key, k)), key=len)
    close = held[:3] or difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(by_key[k] for k in close)}?" if close else ""


def _in_order(short: str, name: str) -> bool:
    rest = iter(name)
    return all(char in rest for char in short)


def choice(text: str, choices: tuple[str, ...] | list[str], what: str, param: str) -> str:
    """One of a few words (a kind, an approximation), in any case, with "did you mean" help."""
    key = normalise(text)
    if key in choices or (key := _singular(key)) in choices:  # --kind individuals, --by metrics
        return key
    from .messages import CHINESE_WORDS

    typed = simplified_chars(key) if not key.isascii() else key  # 先進個人 → 先进个人
    for word in choices:  # as a Chinese page prints it (先进个人, 近), or one of its words (余 of 余/以上/超过)
        if word in CHINESE_WORDS and typed in (CHINESE_WORDS[word], *CHINESE_WORDS[word].split("/")):
            return word
    # worded as click words the options it checks (-f, --by): 'x' is not one of …
    raise UsageError(f"{what} {text!r} is not one of {', '.join(choices)}{suggest(key, choices)}", param=param)


def _singular(word: str) -> str:
    """masks → mask, batches → batch, categories → category, suits → suit: English plurals by the
    few rules the vocabulary's nouns need (a library of English morphology would cost its import)."""
    for plural, one in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x")):
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[:-len(plural)] + one
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def english_words(text: str) -> str:
    """An English phrase made comparable: folded, each word singular (Face Masks → face mask)."""
    return " ".join(_singular(w) for w in re.findall(r"[a-z0-9]+", normalise(text)))


def unit_words() -> dict[str, str]:
    """Every name of a unit a person may type, folded, → the unit: the Chinese classifiers and
    nouns the extractor reads (元, 亩, 口罩), model.UNIT_NAMES, and the English names `list units`
    prints (masks, protective suits), singular."""
    from .english import vocabulary
    from .messages import chinese_vocabulary

    found = {word: u for u, names in vocabulary()["units"].items() for n in (names["one"], names["many"])
             for word in (n, english_words(n))}  # × as it is; Protective Suits singular
    lexicon = load("lexicon.json")
    for table in ("specific", "general"):
        found.update(lexicon["classifiers"][table])
    found.update({k: u for k, u in lexicon["nouns"].items() if not k.startswith("_")})
    found.update(UNIT_NAMES)
    # the measure words a Chinese page writes after a number (5组, 3个基地), where no other name is
    found.update({word: u for u, word in chinese_vocabulary()["units"].items() if word not in found})
    return {normalise(k): u for k, u in found.items() if k and not k.startswith("_")}


def metric_words(metrics: list[str]) -> dict[str, set[str]]:
    """Every name of these metrics a person may type, folded → the metrics: the English label
    (Cash donations, singular) and the Chinese keywords `list metrics` shows (捐赠)."""
    from .english import keywords, metric
    from .labels import metric_zh

    found: dict[str, set[str]] = defaultdict(set)
    for m in metrics:
        found[english_words(metric(m)["label"])].add(m)
        for word in keywords().get(m, []):
            found[normalise(word)].add(m)
        found[normalise(metric_zh(m))].add(m)  # the label a Chinese page shows (消费扶贫, 座数)
    return found


def chinese_words(text: str) -> list[tuple[range, set[str]]]:
    """The Chinese words an English search stands for (masks → 口罩, protective suits → 防护服,
    flood → 洪, 汛), one set per part of the phrase, with the positions of its words (of
    english_words(text)): the nouns of the unit it names, the keywords
    of the metric whose label it is, the glossary's renderings (english.json) and the search words
    (search.json). A phrase of several words is read by its longest known parts (face masks →
    masks; masks and protective suits → masks, protective suits)."""
    known, longest = _english_to_chinese(), _longest_phrase()
    words = english_words(text).split()
    found: list[tuple[range, set[str]]] = []
    covered: set[int] = set()
    # no phrase is longer than the vocabulary's longest: spans of at most that many words (a search
    # of n words tries n × longest spans, not n²/2 spans of up to n words each)
    for size in range(min(len(words), longest), 0, -1):
        for at in range(len(words) - size + 1):
            span = set(range(at, at + size))
            if not span & covered and (hit := known.get(" ".join(words[at:at + size]))):
                found.append((range(at, at + size), hit))
                covered |= span
    return sorted(found, key=lambda part: part[0].start)


@cache
def _longest_phrase() -> int:
    """The most words a phrase the vocabulary knows has (protective suits: 2)."""
    return max((len(phrase.split()) for phrase in _english_to_chinese()), default=0)


@cache
def _english_to_chinese() -> dict[str, set[str]]:
    from .english import keywords, vocabulary

    known: dict[str, set[str]] = defaultdict(set)
    nouns = defaultdict(set)
    for word, unit in load("lexicon.json")["nouns"].items():
        nouns[unit].add(word)
    for unit, names in vocabulary()["units"].items():
        for name in (names["one"], names["many"]):
            known[english_words(name)] |= nouns.get(unit, set())
    for metric, entry in vocabulary()["metrics"].items():
        known[english_words(entry["label"])] |= set(keywords().get(metric, []))
    for chinese, english in vocabulary()["glossary"].items():
        if len(chinese) > 1:  # 局, 赴, 、: parts of names, not words a search means
            known[english_words(english)].add(chinese)
    for english, chinese in load("search.json")["words"].items():
        known[english_words(english)] |= set(chinese)
    return {k: v for k, v in known.items() if k and v}


def _region_names(r: dict) -> set[str]:
    """The names a region is found by, squashed: id, name, aliases, English name, each also without
    its 市/县 (two characters at least) and a Latin one without City/County and without its marks
    (Samzhubzê District: samzhubze); an English name's part in brackets is a name too, and the name
    without it (Xizang (Tibet) Autonomous Region: Tibet, Tibet Autonomous Region, Xizang Autonomous
    Region; China (nationwide): China, nationwide)."""
    written = [r["id"], r["name"], *r.get("aliases", []), *_bracketed(r.get("name_en") or "")]
    names = {squash(n) for n in written if n}
    names |= {b for b in (re.sub(_PLACE_SUFFIX, "", n) for n in names) if len(b) >= 2}
    latin = {n for n in names if not has_han(n)}
    latin |= {unmarked(n) for n in latin}
    return names | latin | {_english_bare(n) for n in latin}


def _honoree_names(h: dict) -> list[str]:
    """The names an honoree is found by, squashed: id, name, English name, aliases."""
    return [squash(n) for n in [h["id"], h["name"], h.get("name_en") or "", *h.get("aliases", [])] if n]


def has_han(text: str) -> bool:
    """Whether the text holds a Chinese character."""
    return re.search(r"[\u3400-\u9fff]", text) is not None


def _bracketed(name: str) -> list[str]:
    """An English name, and where it holds a part in brackets, that part alone, the name without
    it, and the name with that part in its place."""
    m = re.fullmatch(r"(.*?)\s*\(([^()]+)\)\s*(.*)", name)
    if not m:
        return [name]
    before, inside, after = m.groups()
    return [name, inside, f"{before} {after}", f"{inside} {after}"]


def _reads_as(letters: str, readings: list[list[str]]) -> bool:
    """Whether the letters are the characters' readings in order, one reading each."""
    ends = {0}  # where the characters read so far may end in the letters
    for choices in readings:
        ends = {end + len(c) for end in ends for c in choices if letters.startswith(c, end)}
    return len(letters) in ends


def unmarked(text: str) -> str:
    """Latin letters without their marks: samzhubzê → samzhubze, lǒngnán → longnan."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _readings(regions: dict[str, dict]) -> list[tuple[str, list[list[str]]]]:
    """Each region's Chinese names (with and without 市/县) as the readings of each character,
    every reading of a character that has several (勒: lè, lēi); pypinyin is loaded only here."""
    from pypinyin import Style, pinyin

    found = []
    for r in regions.values():
        chinese = [n for n in (r["name"], *r.get("aliases", [])) if n and has_han(n)]
        for name in dict.fromkeys([*chinese, *(re.sub(_PLACE_SUFFIX, "", n) for n in chinese)]):
            if len(name) >= 2:
                found.append((r["id"], pinyin(name, style=Style.NORMAL, heteronym=True)))
    return found


class Names:
    """Resolution over the honorees and regions (id → record). The fact base that holds it
    supplies metric_names(), unit_names() and metrics_labelled(word)."""

    def __init__(self, honorees: dict[str, dict], regions: dict[str, dict]):
        self.honorees, self.regions = honorees, regions
        self._within: dict[str, set[str]] = {}
        self._regions_by_name: dict[str, tuple[int, str]] | None = None
        self._readings: list[tuple[str, list[list[str]]]] | None = None
        self.children: dict[str, list[str]] = defaultdict(list)
        for r in regions.values():
            if r.get("parent"):
                self.children[r["parent"]].append(r["id"])

    figure_columns: frozenset[str] = frozenset()  # the figures table's columns, where the store has some

    def metric_names(self) -> list[str]:
        raise NotImplementedError

    def unit_names(self) -> list[str]:
        raise NotImplementedError

    def metrics_labelled(self, word: str) -> set[str]:
        raise NotImplementedError

    def honoree(self, text: str) -> str:
        """An honoree id from its id, full, partial or short Chinese name (平度市扶贫办; Traditional
        too), English name, pinyin, or a unique prefix."""
        key = squash(text)
        if not key:
            raise UsageError("an honoree name is empty", param="honoree")
        found = self._honorees_of(key)
        if len(found) == 1:
            return found[0]
        if found:
            raise UsageError(f"honoree {text!r} is ambiguous: {', '.join(found)}", param="honoree")
        names = [n for h in self.honorees.values() for n in (h["id"], h["name"], h.get("name_en"))]
        raise UsageError(f"no honoree {text!r}{suggest(normalise(text), names)}", param="honoree")

    def named_honoree(self, text: str) -> str | None:
        """The one honoree this name names, else None (no error, no suggestions: a search asks word
        by word)."""
        found = self._honorees_of(key) if (key := squash(text)) else []
        return found[0] if len(found) == 1 else None

    def _honorees_of(self, key: str) -> list[str]:
        found = self._honorees_named(key)
        if not found and (plain := plain_pinyin(key)) != key and plain.isascii():  # píngdù, ping2du4 → pingdu
            found = self._honorees_named(plain)
        if not found and not key.isascii() and (simplified := simplified_chars(key)) != key:  # 竇宗君 → 窦宗君
            found = self._honorees_named(simplified)
        return found

    def _honorees_named(self, key: str) -> list[str]:
        """The honorees this squashed name names: exactly, else by a part, else as an abbreviation."""
        exact, partial, abbreviated = [], [], []
        for h in self.honorees.values():
            squashed = _honoree_names(h)
            if key in squashed:
                exact.append(h["id"])
            elif any(s.startswith(key) or (not key.isascii() and key in s) for s in squashed) or \
                    any(key in s for s in squashed if s.isascii() and len(key) >= 4):
                partial.append(h["id"])
            elif not key.isascii() and len(key) >= 2 and _abbreviates(key, squash(h["name"])):
                abbreviated.append(h["id"])
        return exact or partial or abbreviated

    def region(self, text: str) -> str:
        """A region id from its id, Chinese name with or without 市/县 (Traditional too), alias,
        pinyin (tones and spaces ignored), or English name with or without City/County/Province."""
        key = squash(text)
        if not key:
            raise UsageError("a region name is empty", param="region")
        if (found := self._region_of(key)) is not None:
            return found
        choices = [n for r in self.regions.values() for n in (r["id"], r["name"], r.get("name_en"), *r.get("aliases", []))]
        raise UsageError(f"no region {text!r}{suggest(simplified_chars(key) if not key.isascii() else key, choices)}",
                         param="region")

    def named_region(self, text: str) -> str | None:
        """The region this name names, else None (no error, no suggestions: a search asks word by word)."""
        return self._region_of(key) if (key := squash(text)) else None

    def _region_of(self, key: str) -> str | None:
        if key in self.regions:  # an id is exact: no name need be read
            return key
        for candidate in dict.fromkeys([key, _english_bare(key), plain_pinyin(key)]):
            if found := self._region_named(candidate):
                return found
        if not key.isascii() and (simplified := simplified_chars(key)) != key:  # 隴南 → 陇南
            if found := self._region_named(simplified):
                return found
        if (plain := plain_pinyin(key)).isascii() and plain.isalpha():  # celexian: 策勒县 by any reading of 勒
            self._readings = self._readings or _readings(self.regions)  # once, and only when needed
            return next((r for r, name in self._readings if _reads_as(plain, name)), None)
        return None

    def _region_named(self, key: str) -> str | None:
        """The first region (in the table's order) one of whose names is the key, with or without
        its 市/县."""
        index = self._region_index()
        found = [index[k] for k in (key, re.sub(_PLACE_SUFFIX, "", key)) if k in index]
        return min(found)[1] if found else None

    def _region_index(self) -> dict[str, tuple[int, str]]:
        """Every name of every region, squashed → (the region's position, its id): built once, not
        at each look-up (a search asks one per word)."""
        if self._regions_by_name is None:
            self._regions_by_name = {}
            for at, r in enumerate(self.regions.values()):
                for name in _region_names(r):
                    self._regions_by_name.setdefault(name, (at, r["id"]))
        return self._regions_by_name

    def completing(self, kind: str, text: str) -> list[str]:
        """The ids of the honorees or regions a name begun with this text may name, for the shell to
        complete: one of their names (id, Chinese, English, pinyin, alias; any case, spaces and tone
        marks ignored) starts with it; an honoree's Chinese name may also hold it (陇南 in
        青岛赴陇南扶贫协作挂职干部工作组), as `show 陇南` reads it."""
        keys = {squash(text), unmarked(squash(text))}
        found = []
        for r in (self.honorees if kind == "honoree" else self.regions).values():
            names = _region_names(r) if kind == "region" else {*(h := _honoree_names(r)), *map(unmarked, h)}
            if any(n.startswith(k) or (kind == "honoree" and not k.isascii() and k in n) for n in names for k in keys):
                found.append(r["id"])
        return found

    def within(self, region_id: str) -> set[str]:
        """The region and every place below it (gansu → longnan → huixian)."""
        if region_id in self._within:
            return self._within[region_id]
        found, todo = set(), [region_id]
        while todo:
            current = todo.pop()
            if current not in found:  # a damaged file may hold a cycle
                found.add(current)
                todo += self.children.get(current, [])
        self._within[region_id] = found
        return found

    def places(self, names: list[str]) -> set[str]:
        """Every region id at or below the named regions (--region gansu --region 菏泽)."""
        return set().union(*(self.within(self.region(name)) for name in names))

    def metrics(self, text: str) -> set[str]:
        """A metric; a family by prefix (donations → donations_cash, donations_goods …) or by name
        (money, people, places, things, rates, honours); its English label (Cash donations) or a
        Chinese keyword `list metrics` prints (捐赠, Traditional too); or the Chinese word the text
        used (消费扶贫, 捐款: the metrics read from exactly that word, else from words that hold it)."""
        key = normalise(text)
        if not key:
            raise UsageError("a metric name is empty", param="metric")
        names = self.metric_names()
        slug = re.sub(r"[\s-]+", "_", key)  # people lifted out, people-lifted-out: the slug with spaces
        if slug in names:
            return {slug}
        if family := {m for m in names if m.startswith(slug)} or set(METRIC_FAMILIES.get(key, ())) & set(names):
            return family
        words = metric_words(names)
        for candidate in dict.fromkeys([key, english_words(key) if key.isascii() else simplified_chars(key)]):
            if found := words.get(candidate, set()) & set(names):  # Cash donations, 捐赠, 捐贈
                return found
            if not candidate.isascii() and (labelled := self.metrics_labelled(candidate)):
                return labelled  # a word the text used (消费扶贫额 holds 消费扶贫)
        from .english import keywords, metric

        printed = [*names, *METRIC_FAMILIES, *(metric(m)["label"] for m in names),
                   *(word for m in names for word in keywords().get(m, []))]  # as list metrics prints them
        raise UsageError(f"no metric {text!r}{suggest(key, printed)}", param="metric")

    def unit(self, text: str) -> str:
        """A unit from its id, English name (mask, masks, protective suits) or Chinese word (元, 亩,
        口罩, Traditional too)."""
        key, units = normalise(text), self.unit_names()
        if not key:
            raise UsageError("a unit name is empty", param="unit")
        if key in units:
            return key
        words = unit_words()
        folded = english_words(key) if key.isascii() else simplified_chars(key)  # Protective Suits, 口罩 in Traditional
        from .labels import unit_zh

        shown = {normalise(unit_zh(u)): u for u in units}  # as a Chinese page writes it (座, 个蓄水塘坝)
        for candidate in dict.fromkeys([key, key.replace(" ", "_"), folded]):
            if words.get(candidate) in units:
                return words[candidate]
            if candidate in units or candidate in shown:
                return shown.get(candidate, candidate)
        names = [*units, *(n for n, u in words.items() if u in units)]
        raise UsageError(f"no unit {text!r}{suggest(key, names)} (units: {', '.join(units)})", param="unit")
