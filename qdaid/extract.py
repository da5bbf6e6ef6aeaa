"""The extraction pipeline: an article's text → records for every table of the fact base.

text → paragraphs and sentences → honoree sections (from their headings) → quantities (numbers
with a classifier) → unit, metric, period, region (from the lexicon and gazetteer, both data)
→ part_of links → records. Nothing here knows a figure of any particular article.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from . import narrative
from . import text as tx
from .gazetteer import Gazetteer, slug
from .lexicon import Lexicon
from .model import DataError
from .numbers import NUMBER_PATTERN, normalise, parse_quantity

_ZERO_RE = re.compile(r"(?:下降|降低|减少|降|减)(?:到|至|为)(零)")
_RANGE_RE = re.compile(r"((?:19|20)\d{2})\s?年?\s?(?:至|到|—|－|-|~)\s?((?:19|20)\d{2})\s?年")
_LIST_RE = re.compile(r"((?:19|20)\d{2})\s?年、\s?((?:19|20)\d{2})\s?年")
_RELATIVE_RE = re.compile(r"(近)?([零一二两三四五六七八九十\d]+)年(?:多)?(?:来|以来)")
_NEGATION = "未没不无"
_ADMIN_UNITS = {"town", "village", "county", "district", "city"}


@dataclass
class Section:
    honoree: dict
    first: int  # paragraph indexes, inclusive
    last: int
    home: str | None
    partners: list[str]


@dataclass
class Figure:
    start: int
    end: int
    raw: str
    unit: str
    sentence: tx.Sentence
    value: int | Decimal = 0
    approx: str = "exact"
    metric: str = ""
    label: str = ""
    fields: dict = field(default_factory=dict)


class Article:
    """One source text and everything read from it."""

    def __init__(self, text: str, meta: dict, gazetteer: Gazetteer, lexicon: Lexicon):
        # Matching runs on a Simplified copy of the same length, so Traditional articles (億, 個)
        # read alike; everything quoted back to the user comes from the original text.
        self.original, self.text = text, tx.simplified(text)
        self.meta, self.gaz, self.lex = meta, gazetteer, lexicon
        text = self.text
        self.paragraphs = tx.paragraphs(text)
        self.sentences = [s for p in self.paragraphs for s in tx.sentences(p)]
        self.quoted = tx.quoted_spans(text)
        idiom_re = re.compile("|".join(map(re.escape, lexicon.idioms)))
        self.idioms = [tx.Span(m.start(), m.end()) for m in idiom_re.finditer(text)]
        self.mentions = [m for m in gazetteer.mentions(text)
                         if not tx.inside(self.quoted, m.start, m.end)]
        self.report_year = int(meta["date"][:4]) if meta.get("date") else None
        self.source_id = meta["id"]
        self.sections = self._sections()

    # ---- sections -------------------------------------------------------------------------

    def _sections(self) -> list[Section]:
        heads = {w: kind for kind, words in self.lex.headings.items() for w in words}
        head_re = re.compile(rf"^({'|'.join(sorted(map(re.escape, heads), key=len, reverse=True))})"
                             r"[，,、](.+)[：:]$")
        found: list[tuple[tx.Paragraph, str, str]] = []
        end_index = len(self.paragraphs)
        for p in self.paragraphs:
            if m := head_re.match(p.text):
                found.append((p, heads[m[1]], m[2]))
            elif found and re.match(r"^(责任编辑|编辑|分享)", p.text):
                end_index = min(end_index, p.index - 1)
        sections = []
        for i, (p, kind, name_part) in enumerate(found):
            last = found[i + 1][0].index - 1 if i + 1 < len(found) else end_index
            sections.append(self._section(p, kind, name_part, last))
        ids = [s.honoree["id"] for s in sections]
        for s in sections:  # two honorees that slug alike get a number
            if ids.count(s.honoree["id"]) > 1:
                s.honoree["id"] += f"-{s.first}"
        return sections

    def _section(self, head: tx.Paragraph, kind: str, name_part: str, last: int) -> Section:
        name_start = head.start + head.text.index(name_part)
        post, name = None, name_part
        if kind == "individual":
            titles = "|".join(sorted(map(re.escape, self.lex.titles), key=len, reverse=True))
            if m := list(re.finditer(titles, name_part)):
                post = self.original[name_start:name_start + m[-1].end()]
                name = name_part[m[-1].end():]
        in_name = [m for m in self.mentions if name_start <= m.start < name_start + len(name_part)]
        destination = [m.region for m in in_name if self.text[m.start - 1] in self.lex.destination_markers]
        home_candidates = self.gaz.most_specific([m.region for m in in_name if m.region not in destination])
        home = home_candidates[0] if home_candidates else None
        motto = None
        following = [p for p in self.paragraphs if p.index == head.index + 1]
        if following and len(following[0].text) <= 16 and not re.search(r"[。\d]", following[0].text):
            motto = self.original[following[0].start:following[0].end]
        partners = self._partners(head.index, last, destination, home)
        honoree = {
            "id": self._honoree_id(kind, name, destination or ([home] if home else [])),
            "name": self.original[name_start + len(name_part) - len(name):name_start + len(name_part)],
            "aliases": [slug(re.sub(r"[^\u4e00-\u9fff]", "", name))], "kind": kind, "post": post, "motto": motto,
            "listed_under": self._listed_under(name), "home_region": home,
            "partner_regions": partners, "paragraph_start": head.index, "paragraph_end": last,
            "source": self.source_id,
        }
        return Section(honoree, head.index, last, home, partners)

    def _partners(self, first: int, last: int, destination: list[str], home: str | None) -> list[str]:
        verbs = re.compile("|".join(map(re.escape, self.lex.partner_verbs)))
        home_family = self.gaz.family(home)
        known = home_family.union(*(self.gaz.family(d) for d in destination))
        found = []
        for s in self.sentences:
            if first < s.paragraph.index <= last and verbs.search(self.text, s.start, s.end):
                found += [m.region for m in self.mentions
                          if s.start <= m.start < s.end and m.region not in known]
        # Partners named in the heading (赴安顺) stand; others count once, most specific first.
        return list(dict.fromkeys(destination)) + self.gaz.most_specific(found)

    def _honoree_id(self, kind: str, name: str, regions: list[str]) -> str:
        if kind == "individual":
            syllables = slug(name[0]), slug(name[1:])
            return "-".join(syllables)
        org = next((v for k, v in sorted(self.lex.org_kinds.items(), key=lambda kv: -len(kv[0]))
                    if name.endswith(k)), "group")
        return f"{regions[0]}-{org}" if regions else f"{slug(name)[:24]}-{org}"

    def _listed_under(self, name: str) -> str | None:
        m = re.search(rf"名列([^的，,。]{{2,10}})的{re.escape(name)}", self.text)
        if not m:
            return None
        regions = self.gaz.mentions(m[1])
        return regions[0].region if regions else None

    def section_of(self, paragraph_index: int) -> Section | None:
        return next((s for s in self.sections if s.first <= paragraph_index <= s.last), None)

    # ---- figures --------------------------------------------------------------------------

    def figures(self) -> list[Figure]:
        qty_re = re.compile(NUMBER_PATTERN + rf"(?P<cls>{self.lex.classifier_pattern})?(?P<tail>以上|左右)?")
        figures: list[Figure] = []
        for s in self.sentences:
            for m in qty_re.finditer(self.text, s.start, s.end):
                if m.end() > m.start() and (fig := self._figure(m, s)):
                    figures.append(fig)
            for m in _ZERO_RE.finditer(self.text, s.start, s.end):
                before = [f for f in figures if f.sentence == s and f.end <= m.start(1)]
                if before and not tx.inside(self.quoted, m.start(1), m.end(1)):
                    # 下降到零: zero in the unit of the figure it falls from (20.84% → 0%)
                    figures.append(Figure(m.start(1), m.end(1), self.original[m.start(1):m.end(1)], before[-1].unit, s))
        figures.sort(key=lambda f: f.start)
        for f in figures:
            q = parse_quantity(f.raw)
            f.value, f.approx = normalise(q.value), q.approx
        for f in figures:
            self._classify(f, figures)
        return figures

    def _figure(self, m: re.Match, s: tx.Sentence) -> Figure | None:
        text, start, end = self.text, m.start(), m.end()
        number = m["arabic"] or m["chinese"]
        prev = text[start - 1] if start else ""
        if tx.inside(self.quoted, start, end) or any(i.start <= start < i.end for i in self.idioms):
            return None
        if prev in ("第", "初", "之") or prev in "+>=<＋" or text[end:end + 1] in "+>=<＋":
            return None  # 第一, 初四, 之一 are not counts; 1+1>2 is a slogan
        if m["chinese"] and number.startswith("一") and any(c in text[max(0, start - 3):start] for c in _NEGATION):
            return None  # 未休过一天假: "not a single day", not a count
        cls = m["cls"]
        if cls and text[end:end + 1] == "性":
            return None  # 一次性 is an adjective
        if cls == "年":
            if m["arabic"] and re.fullmatch(r"(19|20)\d\d", m["arabic"]) and not m["mult"]:
                return None  # a calendar year
            if re.match(r"多?(来|以来)", text[end:end + 3]):
                return None  # 五年来: a period, read by _period
        if cls:
            unit = self.lex.unit_of_classifier(cls) or self._unit_from_noun(m, s, cls)
        elif m["chinese"] == "半" and text[end:end + 1] == "月":
            end, unit = end + 1, "month"
        elif m["chinese"] == "一半":
            unit = "percent"
        elif m["arabic"] and self.lex.people_noun_at(text, end):
            unit = "person"
        else:
            return None
        return Figure(start, end, self.original[start:end], unit, s)

    def _unit_from_noun(self, m: re.Match, s: tx.Sentence, cls: str) -> str:
        clause_end = tx.bounds(self.text, m.start(), m.end(), s.start, s.end, tx.CLAUSE_END)[1]
        nxt = re.search(r"\d|[一二两三四五六七八九十]", self.text[m.end():clause_end])
        stop = m.end() + nxt.start() if nxt else clause_end
        after = self.lex.nouns_in(self.text, m.end(), stop)
        if after:
            return self.lex.nouns[after[0].word]
        before = self.lex.nouns_in(self.text, s.start, m.start())
        if before:
            return self.lex.nouns[before[-1].word]
        return self.lex.general[cls]

    def _classify(self, f: Figure, figures: list[Figure]) -> None:
        f.metric, f.label = self._metric(f, figures)
        f.fields["period"] = self._period(f)
        sec = self.section_of(f.sentence.paragraph.index)
        f.fields["section"] = sec
        f.fields["region"] = self.region_of(f.start, f.end, f.sentence, sec, f.unit)

    def _metric(self, f: Figure, figures: list[Figure]) -> tuple[str, str]:
        text, s, lex = self.text, f.sentence, self.lex
        c_start, c_end = tx.bounds(text, f.start, f.end, s.start, s.end, tx.CLAUSE_END)
        before = lex.keywords_in(text, c_start, f.start)[::-1]
        after = lex.keywords_in(text, f.end, c_end)
        earlier = lex.keywords_in(text, s.start, c_start)[::-1]
        for hits in (before, after, earlier):
            for hit in hits:
                if not lex.is_weak(hit.word) and (metric := lex.metric_for(hit.word, f.unit)):
                    return self._refine(metric, hit.word, f, c_end)
        for hit in before + after:
            if metric := lex.metric_for(hit.word, f.unit, strong=False):
                return metric, hit.word
        if f.unit in ("percent", "times"):  # a ratio of the figure before it
            prior = [g for g in figures if g.sentence == s and g.end <= f.start and g.unit not in ("percent", "times")]
            if prior and prior[-1].metric:
                return prior[-1].metric, prior[-1].label
        # No keyword: the metric is what the unit counts, labelled by the noun that gave the unit.
        nouns = [n for n in lex.nouns_in(text, f.end, c_end) if lex.nouns[n.word] == f.unit]
        return lex.default_metric.get(f.unit, f.unit + "s"), nouns[0].word if nouns else f.raw

    def _refine(self, metric: str, label: str, f: Figure, clause_end: int) -> tuple[str, str]:
        """专业技术人才360名 after 选派挂职干部42名、: the noun of the figure's own list item decides."""
        rules = self.lex.refine.get(metric, {})
        item_start = max(self.text.rfind(c, f.sentence.start, f.start) for c in "、，,；;：:")
        for noun, refined in rules.get("before", {}).items():
            if noun in self.text[max(item_start, f.sentence.start):f.start]:
                return refined, noun
        for noun, refined in rules.get("after", {}).items():
            if noun in self.text[f.end:clause_end]:
                return refined, label
        return metric, label

    def _period(self, f: Figure) -> tuple[int | None, int | None]:
        """The nearest period the sentence states before the figure: a year, a range, or 'since'."""
        text, s = self.text, f.sentence
        candidates: list[tuple[int, tuple]] = []
        for m in _RANGE_RE.finditer(text, s.start, f.start):
            candidates.append((m.start(), (int(m[1]), int(m[2]))))
        for m in _LIST_RE.finditer(text, s.start, f.start):
            candidates.append((m.start(), (int(m[1]), int(m[2]))))
        for m in tx.YEAR_RE.finditer(text, s.start, f.start):
            if any(c[0] <= m.start() < c[0] + 16 and c[1][0] != c[1][1] for c in candidates):
                continue  # part of a range or list already taken
            if text[m.end():m.end() + 1] == "的" or text[m.start() - 1:m.start()] in ("至", "、", "到"):
                continue  # 是2018年的8倍: a base of comparison, not the period
            clause_start = tx.bounds(text, f.start, f.end, s.start, s.end, tx.CLAUSE_END)[0]
            if (re.match(r"\d{1,2}月", text[m.end():m.end() + 3]) and m.start() < clause_start
                    and not re.search("以来|至今", text[m.end():f.start])):
                continue  # 2020年11月满分通过: the date of an event in another clause
            year = int(m[1])
            tail = text[m.end():f.start]
            since = re.search(r"以来|至今", tail) and not re.search(r"(?<!\d)(19|20)\d\d\s?年", tail)
            candidates.append((m.start(), (year, self.report_year if since else year)))
        for m in _RELATIVE_RE.finditer(text, s.start, f.start):
            n = m[2]
            years = int(n) if n.isdigit() else int(parse_quantity(n).value)
            if self.report_year:
                candidates.append((m.start(), (self.report_year - years, self.report_year)))
        for name, (first, last) in self.lex.named_periods.items():
            for m in re.finditer(re.escape(name), text[s.start:f.start]):
                since = "以来" in text[s.start + m.end():s.start + m.end() + 4]
                candidates.append((s.start + m.start(), (first, self.report_year if since else last)))
        if not candidates:
            return None, None
        return max(candidates, key=lambda c: c[0])[1]

    # ---- regions --------------------------------------------------------------------------

    def region_of(self, start: int, end: int, s: tx.Sentence, sec: Section | None,
                unit: str | None) -> tuple[str | None, str]:
        home = self.gaz.family(sec.home) if sec else set()
        c_start, c_end = tx.bounds(self.text, start, end, s.start, s.end, tx.CLAUSE_END)
        g_start, g_end = tx.bounds(self.text, start, end, s.start, s.end, tx.SEGMENT_END)
        clause = [m for m in self.mentions if c_start <= m.start < c_end]
        if clause:
            preceding = [m for m in clause if m.start < end and m.start < start + 1][::-1]
            following = [m for m in clause if m not in preceding]
            ordered = preceding + following
            away = [m for m in ordered if m.region not in home]
            if unit in _ADMIN_UNITS:  # 青岛8个区市: a count of places belongs to the place before it
                return ordered[0].region, "explicit"
            if away:  # aid goes to the partner, not to the home city it comes from
                return away[0].region, "explicit"
            if not (sec and sec.partners and unit == "cny"):
                return self._home_region([m.region for m in ordered], sec), "explicit"
        for lo, hi in ((g_start, g_end), (s.start, s.end)):
            named = self.gaz.most_specific([m.region for m in self.mentions if lo <= m.start < hi])
            partners_named = [r for r in named if r not in home]
            if len(partners_named) == 1:
                return partners_named[0], "explicit"
            if partners_named:
                return None, "none"
            if named and not (sec and sec.partners):
                return self._home_region(named, sec), "explicit"
        if sec and len(sec.partners) == 1:
            return sec.partners[0], "section"
        if sec and not sec.partners and sec.home:
            return sec.home, "section"
        return None, "none"

    def _home_region(self, named: list[str], sec: Section | None) -> str:
        """Of places in the honoree's home family, the most specific; its own area if all are above it."""
        ids = self.gaz.most_specific(named)
        if sec and sec.home and all(r in self.gaz.ancestors(sec.home) for r in ids):
            return sec.home
        return ids[-1]

    # ---- links ----------------------------------------------------------------------------

    def link_parts(self, figures: list[Figure]) -> None:
        """part_of: 含 asides, 其中 clauses, one year inside a multi-year total, headline restatements."""
        for f in figures:
            f.fields["part_of"] = None
        for f in figures:
            s, text = f.sentence, self.text
            aside = text.rfind("含", s.start, f.start)
            if aside > 0 and text[aside - 1] in "(（" and ")" not in text[aside:f.start] and "）" not in text[aside:f.start]:
                self._link(f, [g for g in figures if g.sentence == s and g.end <= aside - 1])
                continue
            which = text.rfind("其中", s.paragraph.start, f.start)
            if which >= s.start and not tx.inside(self.quoted, which, which + 2):  # 其中 in this sentence
                self._link(f, [g for g in figures if g.sentence.paragraph == s.paragraph and g.end <= which])
        for f in figures:
            p_start, p_end = f.fields["period"]
            if f.fields["part_of"] or p_start is None or p_start != p_end:
                continue
            totals = [g for g in figures if g.start < f.start and g.metric == f.metric and g.unit == f.unit
                      and g.fields["section"] is f.fields["section"] and g.fields["period"][0] is not None
                      and g.fields["period"][0] <= p_start and (g.fields["period"][1] or 0) >= p_end
                      and g.fields["period"][0] != g.fields["period"][1]
                      and g.fields["region"][0] in (f.fields["region"][0], None) and g.value > f.value]
            if totals:
                f.fields["part_of"] = totals[-1]
        headline = self.paragraphs[0].index if self.paragraphs else None
        for f in figures:
            if f.sentence.paragraph.index == headline and not f.fields["part_of"]:
                same = [g for g in figures if g.sentence.paragraph.index != headline
                        and (g.metric, g.unit, g.value) == (f.metric, f.unit, f.value)]
                if same:
                    f.fields["part_of"] = same[0]

    @staticmethod
    def _link(f: Figure, candidates: list[Figure]) -> None:
        larger = [g for g in candidates if g.unit == f.unit and g.value > f.value]
        same_metric = [g for g in larger if g.metric == f.metric]
        if same_metric or larger:
            f.fields["part_of"] = (same_metric or larger)[-1]

    # ---- records --------------------------------------------------------------------------

    def figure_id(self, start: int) -> str:
        return f"{self.source_id}-{start:05d}"

    def figure_records(self) -> list[dict]:
        figures = self.figures()
        self.link_parts(figures)
        records = []
        for f in figures:
            sec, (region, basis) = f.fields["section"], f.fields["region"]
            parent = f.fields["part_of"]
            records.append({
                "id": self.figure_id(f.start), "source": self.source_id,
                "honoree": sec.honoree["id"] if sec else None,
                "honoree_name": sec.honoree["name"] if sec else None,
                "metric": f.metric, "label": f.label, "value": f.value if isinstance(f.value, int) else float(f.value),
                "unit": f.unit, "raw": f.raw,
                "approx": f.approx, "period_start": f.fields["period"][0],
                "period_end": f.fields["period"][1], "region": region, "region_basis": basis,
                "part_of": self.figure_id(parent.start) if parent else None,
                "quote": self.original[f.sentence.start:f.sentence.end], "paragraph": f.sentence.paragraph.index,
                "start": f.start, "end": f.end,
            })
        return records

    def source_record(self, path: str) -> dict:
        """Title, publisher, reporter and editors as the text gives them; the sidecar may override."""
        lead = self.paragraphs[1] if len(self.paragraphs) > 1 else None
        found = {
            "publisher": lead and re.compile(r"(\S{2,24}?)\d{1,2}月\d{1,2}日讯").match(self.text, lead.start, lead.end),
            "reporter": re.search(r"记者\s*([\u4e00-\u9fff]{2,4})\s*[)）]", self.text),
            "editors": re.search(r"责任编辑[：:]\s*(\S+)", self.text),
        }
        said = {k: self.original[m.start(1):m.end(1)] if m else None for k, m in found.items()}
        first = self.paragraphs[0] if self.paragraphs else None
        return {
            "id": self.source_id,
            "title": self.meta.get("title") or (self.original[first.start:first.end] if first else ""),
            "publisher": self.meta.get("publisher") or said["publisher"],
            "date": self.meta.get("date"),
            "reporter": self.meta.get("reporter") or said["reporter"],
            "editors": self.meta.get("editors") or (re.split(r"[、,，]", said["editors"]) if said["editors"] else []),
            "path": path, "sha256": hashlib.sha256(self.original.encode("utf-8")).hexdigest(),
        }


def read_source(path: Path) -> tuple[str, dict]:
    """An article's text and its metadata: NAME.meta.json beside it, if there is one."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read the article: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: the article is not UTF-8 text") from None
    meta_path = path.with_suffix(".meta.json")
    meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
    meta.setdefault("id", path.stem)
    return text, meta


def extract(paths: list[Path], relative_to: Path | None = None) -> dict[str, list[dict]]:
    """Every table's records for these articles, in a stable order."""
    gazetteer, lexicon = Gazetteer.load(), Lexicon.load()
    tables: dict[str, list[dict]] = {"sources": [], "honorees": [], "figures": [], "programs": [], "events": []}
    used_regions: set[str] = set()
    for path in paths:
        text, meta = read_source(path)
        article = Article(text, meta, gazetteer, lexicon)
        shown = path.name if relative_to and path.parent.resolve() == relative_to.resolve() else str(path)
        tables["sources"].append(article.source_record(shown))
        tables["honorees"] += [s.honoree for s in article.sections]
        tables["figures"] += article.figure_records()
        tables["programs"] += narrative.programs(article)
        tables["events"] += narrative.events(article)
        used_regions |= {m.region for m in article.mentions}
    for region in list(used_regions):
        used_regions |= set(gazetteer.ancestors(region))
    regions = [r.record() for r in gazetteer.regions.values() if r.id in used_regions]
    return {"sources": tables["sources"], "honorees": tables["honorees"], "regions": regions,
            "figures": tables["figures"], "programs": tables["programs"], "events": tables["events"]}
