"""The words of a page in its language: every note and label a person reads, keyed by an id with
its Chinese (zh, the default) and English (en) text, and the names a human table shows for the
ids it holds (消费扶贫 for consumption_aid, 陇南市 or Longnan for longnan).

One home, so the core never asks which language it speaks: it names a message, the page says it.
Machine formats (csv, tsv, json, jsonl) never pass through here: their rows are the same in
every language.
"""

from __future__ import annotations

from functools import cache

MESSAGES: dict[str, dict[str, str]] = {
    # notes on stderr
    "left_out_columns": {"en": "note: left out {columns} to fit {width} columns (-F chooses the columns)",
                         "zh": "注：终端宽{width}列，未显示 {columns}（-F 可选择列）"},
    "no_match": {"en": "no {what} match", "zh": "没有匹配的结果"},
    "undated_left_out": {"en": "note: {n} figure{s} without a stated period left out by the period filter",
                         "zh": "注：{n}个数字未注明时期，时期筛选未计入"},
    "unplaced_left_out": {"en": "note: {n} figure{s} without a single place (several places or none stated) left "
                                "out by the place filter",
                          "zh": "注：{n}个数字无单一地点（多地或未注明），地点筛选未计入"},
    "counted_in_two_rows": {"en": "note: {n} figure{s} counted in one row lie{s1} within a figure counted in "
                                  "another: add the rows and they count twice (--explain shows which)",
                            "zh": "注：{n}个数字计入一行，又包含在另一行计入的数字之内：各行相加会重复计算（--explain 列出）"},
    "may_count_twice": {"en": "note: {n} total{s} may count the same aid twice: total_min–total_max is what the text "
                              "supports (--explain says why)",
                        "zh": "注：{n}项合计可能重复计算同一帮扶：total_min–total_max 为原文支持的区间（--explain 说明原因）"},
    "sources_disagree": {"en": "note: sources disagree on {n} fact{s} ({facts}): each is counted once, and "
                               "total_min–total_max spans the values they give (qdaid cite shows each)",
                         "zh": "注：各来源对{n}项事实说法不一（{facts}）：每项只计一次，total_min–total_max "
                               "涵盖各来源的数值（qdaid cite 逐一列出）"},
    "check_summary": {"en": "{n} figure{s}: {supported} supported, {contradicted} contradicted, {unsupported} unsupported",
                      "zh": "{n}个数字：{supported}个有来源支持，{contradicted}个与来源矛盾，{unsupported}个无来源"},
    "filtered_by": {"en": "note: filters: {filters}", "zh": "注：筛选条件：{filters}"},
    "no_match_filtered": {"en": "no {what} match: {filters}", "zh": "没有匹配的结果（{filters}）"},
    "cite_by_digits": {"en": "note: no source {source} here: {asked} taken as {found}, the one figure whose id "
                             "ends -{digits}",
                       "zh": "注：数据库中没有来源 {source}：{asked} 按编号末尾 -{digits} 取为唯一的数字 {found}"},
    "check_nothing": {"en": "note: the draft has no figures to check", "zh": "注：稿件中没有可核对的数字"},
    "check_period_unchecked": {"en": "note: {n} figure{s} of the draft count{s1} the period back from the draft's "
                                     "date (七年, 三年来 …), which is not given: compared on metric, unit, place and "
                                     "value, not on period (period_checked false); --date sets it",
                               "zh": "注：{n}个数字的时期从稿件日期倒推（七年、三年来等），稿件未注明日期：按指标、单位、"
                                     "地点和数值核对，时期未核对（period_checked 为 false）；--date 可指定日期"},
    "period_not_checked": {"en": " (period not checked)", "zh": "（时期未核对）"},
    # in tables and pages
    "stats_title": {"en": "{count} figures; ≥ a lower bound, ≈ approximate, a–b the interval the text supports",
                    "zh": "{count}个数字；≥ 为下限，≈ 为约数，a–b 为原文支持的区间"},
    "figures_title": {"en": "{count} figures", "zh": "{count}个数字"},
    "may_overlap_after": {"en": ", may overlap", "zh": "，可能重复"},
    "may_overlap": {"en": "may overlap", "zh": "可能重复"},
    "sources_differ_after": {"en": ", sources differ", "zh": "，来源不一"},
    "partly_undated": {"en": ", partly undated", "zh": "，部分未注明时期"},
    "no_single_place": {"en": "(no single place)", "zh": "（无单一地点）"},
    "no_honoree": {"en": "(the report itself)", "zh": "（报道本身）"},
    "no_year": {"en": "undated", "zh": "未注明"},
    "possibly": {"en": ", possibly", "zh": "，可能"},
    "profile_figures": {"en": "figures ({n}), in the order of the text", "zh": "数字（{n}个），按原文顺序"},
    "paragraph": {"en": "paragraph {n}", "zh": "第{n}段"},
    "source_paragraph": {"en": "{source}, paragraph {n}", "zh": "{source} 第{n}段"},
    "trivia": {"en": "other figures: durations and the like", "zh": "其他数字：时长等"},
    "programs": {"en": "programs", "zh": "项目与模式"},
    "events": {"en": "events", "zh": "事件"},
    "restatements": {"en": "the same facts in other sources", "zh": "其他来源所述的同一事实"},
    "where": {"en": "paragraph {paragraph}, characters {start}–{end}", "zh": "第{paragraph}段，第{start}–{end}字"},
    "individual": {"en": "individual", "zh": "先进个人"},
    "collective": {"en": "collective", "zh": "先进集体"},
    "figure": {"en": "figure", "zh": "数字"},
    "supported": {"en": "supported", "zh": "有来源支持"},
    "contradicted": {"en": "contradicted", "zh": "与来源矛盾"},
    "unsupported": {"en": "unsupported", "zh": "无来源"},
    "agrees": {"en": "agrees", "zh": "相符"},
    "disagrees": {"en": "disagrees", "zh": "不符"},
}
# What a filter is called on a page (filters_text), and how its values are joined.
_FILTER_WORDS = {
    "en": {"honoree": "honoree {v}", "kind": "kind {v}", "region": "place {v} (and the places within it)",
           "metric": "metric {v}", "unit": "unit {v}", "approx": "approximation {v}", "grep": 'text holding "{v}"',
           "minimum": "value ≥ {v}", "maximum": "value ≤ {v}", "within": "period within {v}",
           "touching": "period touching {v}", "from": "{y} or later", "until": "{y} or earlier", "or": " or ",
           "and": "; "},
    "zh": {"honoree": "表彰对象 {v}", "kind": "类型 {v}", "region": "地点 {v}（含下辖地区）", "metric": "指标 {v}",
           "unit": "单位 {v}", "approx": "精度 {v}", "grep": "原文含“{v}”", "minimum": "数值 ≥ {v}",
           "maximum": "数值 ≤ {v}", "within": "时期全在{v}", "touching": "时期涉及{v}", "from": "{y}年及以后",
           "until": "{y}年及以前", "or": "或", "and": "；"},
}
# The labels of a profile's and a citation's facts.
FACT_LABELS = {
    "en": {"name": "name", "id": "id", "kind": "kind", "post": "post", "motto": "motto", "listed_under": "listed under",
           "home_region": "home region", "partner_regions": "partner regions", "paragraphs": "paragraphs",
           "figure": "figure", "value": "value", "period": "period", "region": "region", "within": "within",
           "source": "source", "published": "published", "file": "file", "where": "where", "sentence": "sentence",
           "same_fact": "same fact"},
    "zh": {"name": "名称", "id": "编号", "kind": "类型", "post": "职务", "motto": "评语", "listed_under": "所属地区",
           "home_region": "所在地", "partner_regions": "帮扶地区", "paragraphs": "段落",
           "figure": "数字", "value": "数值", "period": "时期", "region": "地区", "within": "包含于",
           "source": "来源", "published": "发布", "file": "文件", "where": "位置", "sentence": "原句",
           "same_fact": "同一事实"},
}


def message(key: str, lang: str = "zh", **fields) -> str:
    """The message in the language (zh unless en), its {fields} filled; s and s1 are English
    plurals of n (figures, lies), which the Chinese never needs."""
    if "n" in fields:
        fields.setdefault("s", "" if fields["n"] == 1 else "s")
        fields.setdefault("s1", "s" if fields["n"] == 1 else "")
    return MESSAGES[key]["en" if (lang or "").lower() == "en" else "zh"].format(**fields)


@cache
def chinese_vocabulary() -> dict:
    from .vocabulary import load

    return load("chinese.json")


def metric_label(slug: str, lang: str = "zh") -> str:
    """消费扶贫 / Consumption aid; a metric the vocabularies lack by what it counts (labels.py)."""
    if lang == "en":
        from .english import metric

        return metric(slug)["label"]
    from .labels import metric_zh

    return metric_zh(slug)


def unit_name(slug: str, lang: str = "zh") -> str:
    """户 / households: how a table names a unit."""
    if lang == "en":
        from .english import unit

        return unit(slug)["many"]
    from .labels import unit_zh

    return unit_zh(slug)


REASONS_ZH = {"period": "时期", "scope": "范围", "region": "地区", "stock": "存量", "part_of": "其中",
              "restated": "同一事实"}
# Why two counted figures may overlap (overlap._why): their periods, then their places.
OVERLAP_ZH = {"undated": "未注明时期", "years meet": "时期相交", "no single place": "无单一地点",
              "same place": "同一地点", "places nest": "地点相互包含"}


def explained(line: str, lang: str = "zh") -> str:
    """One of stats' (and cite's) explanations, which machine formats carry in English, as a
    Chinese page says it: `a in b (period, possibly)` → `a 包含于 b（时期，可能）`; `a set aside
    (duration: never added)` → `a 不相加（时长）`; `b (part_of)` → `b（其中）`; `a vs b` (sources that
    disagree) → `a 与 b`; `a may overlap b (undated, same place)` (the reason for an interval) →
    `a 可能与 b 重复（未注明时期，同一地点）`."""
    import re

    if lang == "en":
        return line
    def reason(match) -> str:
        return f"（{REASONS_ZH.get(match[1], match[1])}{'，可能' if match[2] else ''}）"
    line = re.sub(r"^(\S+) set aside \((\w+): never added\)$",
                  lambda m: f"{m[1]} 不相加（{CHINESE_WORDS.get(m[2], m[2])}）", line)
    line = re.sub(r"^(\S+) in (\S+) ", r"\1 包含于 \2 ", line)
    if re.fullmatch(r"\S+( vs \S+)+", line):  # sources_disagree: the figures of one fact (two or more)
        line = "、".join(line.split(" vs ")[:-1]) + " 与 " + line.split(" vs ")[-1]
    line = re.sub(r"^(\S+) may overlap (\S+) \((.+)\)$", lambda m: f"{m[1]} 可能与 {m[2]} 重复（"
                  + "，".join(OVERLAP_ZH.get(w, w) for w in m[3].split(", ")) + "）", line)
    return re.sub(r" ?\((\w+)(, possibly)?\)$", reason, line)


# restate.py's reasons (stored, and in machine formats, as it writes them), as a page says them.
# A number as restate writes it: the approximation word before it (近, 超过 …: numbers.APPROX_BEFORE)
# and 多/余 kept, as the text has them.
_BEFORE = {"将近": "nearly", "不到": "nearly", "不足": "nearly", "不过": "nearly", "近": "nearly", "大约": "about",
           "约": "about", "超过": "over", "年过": "over", "突破": "over", "超": "over", "逾": "over", "过": "over",
           "破": "over"}
_WRITTEN = rf"(?:{'|'.join(_BEFORE)})?" \
    r"(?:\d[\d.,]*(?<![.,])|[零一二两三四五六七八九十百])(?:多|余)?[零一二两三四五六七八九十百千万亿]*(?:多|余)?"
_REASONS_ZH = [(rf"^both ({_WRITTEN})$", r"均为\1"),
               (rf"^({_WRITTEN}) is ({_WRITTEN}) rounded to ({_WRITTEN})$", r"\1即\2取整到\3"),
               (rf"^({_WRITTEN}) fits (.+)$", r"\1在\2之内"), (r"^(.+) meet$", r"\1可以相合"),
               (rf"^({_WRITTEN}) vs ({_WRITTEN}): ({_WRITTEN}) apart", r"\1与\2相差\3"),
               (rf"({_WRITTEN}) \(at least ({_WRITTEN}), below ({_WRITTEN})\)", r"\1（至少\2，不到\3）"),
               (rf"({_WRITTEN}) \(at least ({_WRITTEN})\)", r"\1（至少\2）"),
               (rf"({_WRITTEN}) \(nearly ({_WRITTEN})\)", r"\1（接近\2）"),
               (rf"({_WRITTEN}) \(about ({_WRITTEN})\)", r"\1（约\2）"),
               (rf"({_WRITTEN}) \(({_WRITTEN}) to ({_WRITTEN}) as rounded\)", r"\1（取整前在\2至\3之间）"),
               (r" and ", "、"), (r"; ", "；")]
_SCALES = {"千": 10**3, "万": 10**4, "亿": 10**8}
_INSIDE = {"多": "more_than", "余": "over"}


def reason_text(reason: str, lang: str = "zh") -> str:
    """A restatement's reason as the page says it: 8.6亿即8.58亿取整到0.1亿 (zh), 860 million is
    858 million rounded to 10 million (en; its numbers in English, as the page's amounts)."""
    import re

    if lang != "en":
        for pattern, said in _REASONS_ZH:
            reason = re.sub(pattern, said, reason)
        return reason
    from decimal import Decimal

    from .amounts import chinese_amount

    def english(match) -> str:
        text = match.group()
        if not re.search(r"\d", text):
            return text  # 五: quoted below, as the text wrote it
        value = Decimal(re.search(r"\d[\d.,]*", text).group().replace(",", ""))  # type: ignore[union-attr]
        for scale in re.findall(r"[千万亿]", text):
            value *= _SCALES[scale]
        approx = next((word for mark, word in _BEFORE.items() if text.startswith(mark)), None) or \
            next((word for mark, word in _INSIDE.items() if mark in text), None)
        return chinese_amount(value, "cny", "en", approx).removesuffix(" CNY")
    # what 近800万 allows, said for a Chinese reader: the English amount says it (nearly 8 million),
    # all but the bound a 多/余 stays below (620余万: over 6.2 million, below 6.3 million)
    reason = re.sub(rf" \(at least {_WRITTEN}, (below {_WRITTEN})\)", r" (\1)", reason)
    reason = re.sub(r" \((?:at least|nearly|about) [^)]*\)", "", reason)
    said, *bounds = reason.split("; ")
    reason = "; ".join([said, *(b for b in bounds if "(" in b)])  # 2300多万 vs …; 2300多万: said already
    return with_quoted_chinese(re.sub(_WRITTEN, english, reason))  # 五 = 5: “五” = 5


def same_fact_text(line: str, lang: str = "zh") -> str:
    """One of cite's `same_fact` lines (`wire-00140 (wire: 1.35亿元, disagrees: …)`, as machine
    formats carry it) as the page says it: the verdict and the reason in its language, the other
    source's number quoted in English."""
    import re

    found = re.fullmatch(r"(\S+) \((.+?): (\S+), (agrees|disagrees): (.*)\)", line)
    if found is None:
        return line
    other, source, raw, verdict, reason = found.groups()
    if lang == "en":
        return f"{other} ({source}: “{raw}”, {verdict}: {reason_text(reason, lang)})"
    return f"{other}（{source}：{raw}，{message(verdict, lang)}：{reason_text(reason, lang)}）"


def with_quoted_chinese(text: str, lang: str = "en") -> str:
    """In English, each run of Chinese in the text as the quotation it is (“亩”: a unit of area)."""
    if lang != "en":
        return text
    import re

    return re.sub(r"[\u3400-\u9fff\uf900-\ufaff]+", lambda m: f"“{m[0]}”", text)


# Columns of a human table that hold ids of one kind, shown by name: (kind, how).
NAMED_COLUMNS = {"metric": "metric", "unit": "unit", "units": "unit", "region": "region", "parent": "region",
                 "listed_under": "region", "home_region": "region", "partner_regions": "region", "covers": "region",
                 "honoree": "honoree", "honorees": "honoree", "kind": "word", "level": "word", "precision": "word",
                 "table": "word"}
# The model's words (model.py's vocabularies, the tables a search searches) in Chinese; English
# pages show the words themselves.
CHINESE_WORDS = {"individual": "先进个人", "collective": "先进集体", "event": "事件", "figure": "数字",
                 "amount": "累计量", "state": "存量", "per_year": "年度量", "ratio": "比率", "rank": "名次",
                 "plan": "计划量", "change": "增减量",
                 "duration": "时长", "nation": "国家", "province": "省级", "prefecture": "地级", "county": "县级",
                 "township": "乡镇", "year": "年", "month": "月", "day": "日", "figures": "数字", "honorees": "表彰对象",
                 "regions": "地区", "programs": "项目与模式", "events": "事件",
                 # approximations (figures' approx), as a filter names them
                 "exact": "精确", "more_than": "多", "over": "余/以上/超过", "nearly": "近", "about": "约"}


def filters_text(asked: list[tuple[str, list]], words: Words, lang: str = "zh") -> str:
    """What a `filters.Where` selects, as a person reads it in the page's language (地点 陇南市（含下辖
    地区）；时期在2020年内 / place Longnan (and the places within it); period within 2020): the names
    resolved, so a reader sees what --region lnn was taken to mean."""
    said = _FILTER_WORDS[lang]

    def values(key: str, vs: list) -> str:
        if key in ("within", "touching"):
            low, high = vs
            if low and high:
                return (f"{low}" if low == high else f"{low}–{high}") + ("年" if lang == "zh" else "")
            return said["from" if low else "until"].format(y=low or high)
        if key in ("minimum", "maximum"):
            from .formats import plain

            return plain(vs[0])
        if key in ("approx", "grep"):
            return said["or"].join(v if lang == "en" else CHINESE_WORDS.get(v, v) for v in vs)
        return said["or"].join(str(words.name(key, v, lang)) for v in vs)

    return said["and"].join(said[key].format(v=values(key, vs)) for key, vs in asked)


class Words:
    """The names a human table shows for the ids in its cells, in the page's language: metric
    labels, unit words, region and honoree names (Chinese, or the English the database has).
    columns: which columns to name (an id column, like `list regions`'s id, stays an id)."""

    def __init__(self, base=None, columns=tuple(NAMED_COLUMNS)):
        self.columns = {c: NAMED_COLUMNS[c] for c in columns if c in NAMED_COLUMNS}
        self.base = base
        self.regions = base.regions if base is not None else {}
        self.honorees = base.honorees if base is not None else {}

    def approx(self, figure_id: str) -> str | None:
        """How the text qualified the figure's number (more_than for 2300多万元), where a page's
        record does not say (a citation)."""
        return self.base.figure(figure_id)["approx"] if self.base is not None else None

    def name(self, column: str, value, lang: str = "zh"):
        """The value as the page names it (a list item by item); other columns' values as they are."""
        kind = self.columns.get(column)
        if kind is None or value is None or value == "":
            return value
        if isinstance(value, (list, tuple)):
            return [self.name(column, v, lang) for v in value]
        if kind == "metric":
            return metric_label(str(value), lang)
        if kind == "unit":
            return unit_name(str(value), lang)
        if kind == "word":
            return value if lang == "en" else CHINESE_WORDS.get(value, value)
        record = (self.regions if kind == "region" else self.honorees).get(value)
        if record is None:
            return value
        return (record.get("name_en") if lang == "en" else None) or record.get("name") or value
