"""Four articles of the genre written for these tests (East–West cooperation news in the styles of
different publishers: a county media centre, a city news site and a Hong Kong daily in Traditional
characters, a Xinhua dispatch; each with a breakdown under 其中：), read by hand into a gold
list, then scored: recall (gold figures found), precision (figures found that are gold) and
field accuracy (value, unit, approx, region, period and part_of of the gold figures found).
The gold comes from the text; the reasoning is beside each line. Known misses are left in the
gold, so the scores say what qdaid does not yet read."""

from __future__ import annotations

from pathlib import Path

import pytest

from qdaid.pipeline.records import extract

ARTICLES = Path(__file__).parent / "articles"
N = None

# raw, value, unit, approx, region, (period_start, period_end), raw of the total it is part of
PINGDU = [  # report date 2021-03-05
    ("五年", 5, "year", "exact", "*", (N, N), "五年@2"),  # 携手五年 in the title: the body's 五年来 again
    ("1.35亿元", 135_000_000, "cny", "exact", "minxian", (2016, 2021), N),  # 2016年以来, to the report
    ("8200万元", 82_000_000, "cny", "exact", "minxian", (2016, 2021), "1.35亿元"),  # a line under 其中：
    ("5300万元", 53_000_000, "cny", "exact", "minxian", (2016, 2021), "1.35亿元"),  # 8200万 + 5300万 = 1.35亿
    ("五年@2", 5, "year", "exact", "*", (N, N), N),  # 五年来: a duration (its period is read by classify)
    ("26个", 26, "workshop", "exact", "minxian", (2016, 2021), N),  # 五年来 → 2016–2021
    ("3200余名", 3200, "person", "over", "minxian", (2016, 2021), N),  # 余: more than
    # 冷库5座, 14辆, 46车 name no year, but go on with the results the paragraph's 五年来 opens: 2016–2021
    ("5座", 5, "building", "exact", "minxian", (2016, 2021), N),  # 座 counts buildings
    ("14辆", 14, "vehicle", "exact", "minxian", (2016, 2021), N),  # 辆: vehicles
    ("46车", 46, "truckload", "exact", "minxian", (2016, 2021), N),  # 车 used as a measure: 46 truckloads
    ("突破5000万元", 50_000_000, "cny", "over", "minxian", (2020, 2020), N),  # 突破: at least
    ("11.6%", 11.6, "percent", "exact", "minxian", (2016, 2016), N),  # 从2016年底的: that figure's date
    ("零", 0, "percent", "exact", "minxian", (2020, 2020), N),  # 降为零 in 2020: 0 percent
    ("3批", 3, "batch", "exact", "minxian", (2020, 2020), N),  # teachers sent 赴岷县: for 岷县
    ("36名", 36, "person", "exact", "minxian", (2020, 2020), N),
    ("9支", 9, "team", "exact", N, (N, N), N),  # 两地9支…服务队: both places, none named
    ("780万", 7_800_000, "cny", "exact", N, (N, N), N),  # 善款780万: money with no 元
]
WAFANGDIAN = [  # report date 2021-03-10; Traditional characters
    ("2.4億元", 240_000_000, "cny", "exact", "panxian", (2017, 2020), N),  # 盘州市 is the old 盘县
    ("1.5億元", 150_000_000, "cny", "exact", "panxian", (2017, 2020), "2.4億元"),  # 1.5亿 + 0.9亿 = 2.4亿
    ("9000萬元", 90_000_000, "cny", "exact", "panxian", (2017, 2020), "2.4億元"),
    ("四年", 4, "year", "exact", "*", (N, N), N),  # 四年間: a duration
    ("3個", 3, "industrial_park", "exact", N, (2017, 2020), N),  # 四年間 = the 2017–2020 just named
    ("21家", 21, "enterprise", "exact", N, (2017, 2020), N),
    ("1.2萬人", 12_000, "person", "exact", N, (2017, 2020), N),
    # 瓦房店市還在盤州援建…: 還 (also) goes on with the results of the paragraph's 四年間 (2017–2020)
    ("40間", 40, "room", "exact", "panxian", (2017, 2020), N),  # 在盘州援建…卫生室40间: rooms, in 盘州
    ("120台", 120, "machine", "exact", "panxian", (2017, 2020), N),  # 台: machines
    ("零", 0, "person", "exact", "panxian", (2020, 2020), N),  # 贫困人口全部清零, 截至2020年底
]
TIANJIN = [  # report date 2021-03-08; a Xinhua dispatch (its dateline 3月8日电 and 记者8日 are dates, not figures)
    ("五年", 5, "year", "exact", "*", (N, N), "五年@2"),  # 五年投入 in the title: the body's 五年间 again
    ("18.6亿元", 1_860_000_000, "cny", "exact", "gannan-gansu", (2016, 2020), "18.6亿元@2"),  # the title restates the body
    ("18.6亿元@2", 1_860_000_000, "cny", "exact", "gannan-gansu", (2016, 2020), N),  # 2016年至2020年…向甘南州
    ("4.2亿元", 420_000_000, "cny", "exact", "xiahe", (2016, 2020), "18.6亿元@2"),  # a line under 其中：
    ("3.9亿元", 390_000_000, "cny", "exact", "lintan", (2016, 2020), "18.6亿元@2"),  # 4.2 + 3.9 ≤ 18.6: two of the counties
    ("五年@2", 5, "year", "exact", "*", (N, N), N),  # 五年间: a duration
    ("58个", 58, "workshop", "exact", N, (2016, 2020), N),  # 五年间 = the five years 2016–2020; 两地: no one place
    ("1900余人", 1900, "person", "over", N, (2016, 2020), N),  # 余: more than
    # 2座 … 7个: no year of their own; sentence after sentence of the paragraph 五年间 opens goes on with its
    # results (the plants built, the trucks bought, the communities and zones paired in those years): 2016–2020
    ("2座", 2, "building", "exact", "hezuo", (2016, 2020), N),  # 在合作市: 合作 with its suffix is the city
    ("12辆", 12, "vehicle", "exact", "hezuo", (2016, 2020), N),  # 辆: vehicles, still in 合作市
    ("320车", 320, "truckload", "exact", "hezuo", (2016, 2020), N),  # 车 after a number: truckloads, shipped from 合作市
    ("12个", 12, "community", "exact", "hezuo", (2016, 2020), N),  # 合作市12个社区: communities of 合作市
    ("3个", 3, "zone", "exact", "tianjin", (2016, 2020), N),  # 天津…等3个开发区: Tianjin's development zones
    ("7个", 7, "county", "exact", "gannan-gansu", (2016, 2020), N),  # 甘南州7个县市: its counties
    ("46名", 46, "person", "exact", "gannan-gansu", (N, N), N),  # 天津…选派…46名赴甘南: sent to 甘南; no year (先后)
    ("突破3亿元", 300_000_000, "cny", "over", "gannan-gansu", (2020, 2020), N),  # 突破: at least; 甘南's products bought
    ("37.4%", 37.4, "percent", "exact", "lintan", (2013, 2013), N),  # 从2013年底的: that figure's date
    ("零", 0, "percent", "exact", "lintan", (2020, 2020), N),  # 降到零 in 2020: 0 percent
]  # not figures: 8日 (a day), 90年代 (a decade), 一花独放…百花齐放 (a saying)
FUZHOU = [  # report date 2021-03-12; Traditional characters
    ("四年", 4, "year", "exact", "*", (N, N), "四年@2"),  # 四年引進 in the title: the body's 四年間
    ("逾百家", 100, "enterprise", "over", "dingxi", (2017, 2020), N),  # 逾百: over 100; the title's 四年 are the body's 2017–2020
    ("12.8億元", 1_280_000_000, "cny", "exact", "dingxi", (2017, 2020), N),  # 向定西市撥付, 2017–2020
    ("3.1億元", 310_000_000, "cny", "exact", "anding", (2017, 2020), "12.8億元"),  # 其中：NAME VALUE、…
    ("2.6億元", 260_000_000, "cny", "exact", "tongwei", (2017, 2020), "12.8億元"),
    ("2.2億元", 220_000_000, "cny", "exact", "weiyuan-dingxi", (2017, 2020), "12.8億元"),  # 3.1 + 2.6 + 2.2 ≤ 12.8
    ("四年@2", 4, "year", "exact", "*", (N, N), N),  # 四年間: a duration
    ("127家", 127, "enterprise", "exact", "dingxi", (2017, 2020), N),  # 到定西投資: invested in 定西
    ("46億元", 4_600_000_000, "cny", "exact", "dingxi", (2017, 2020), N),  # the money those firms brought to 定西
    ("210個", 210, "workshop", "exact", "dingxi", (2017, 2020), N),
    ("85家", 85, "cooperative", "exact", "dingxi", (2017, 2020), N),  # 農民專業合作社: cooperatives
    ("3.6萬名", 36_000, "person", "exact", "dingxi", (2017, 2020), N),
    ("40所", 40, "school", "exact", "dingxi", (N, N), N),  # 在定西援建學校: schools in 定西; no year
    ("23間", 23, "room", "exact", "dingxi", (N, N), N),  # 間: what the measure word counts
    ("16輛", 16, "vehicle", "exact", "dingxi", (N, N), N),
    ("530台", 530, "machine", "exact", "dingxi", (N, N), N),
    ("8.7萬噸", 87_000, "ton", "exact", "dingxi", (N, N), N),  # 定西 sells its potatoes: 定西's sales
    ("突破9億", 900_000_000, "cny", "over", "dingxi", (N, N), N),  # 金額: money with no 元; 突破: at least
    ("7個", 7, "county", "exact", "dingxi", (2020, 2020), N),  # 定西市7個貧困縣區 摘帽 by the end of 2020
    ("零", 0, "person", "exact", "dingxi", (2020, 2020), N),  # 貧困人口全部清零: no poor people left
]  # not figures: 一分耕耘，一分收穫 (a saying in 「」)
FIELDS = ("value", "unit", "approx", "region", "period", "part_of")


def _found(name: str) -> list[dict]:
    """The figures of an article, each keyed by raw (raw@2 for the second of the same raw)."""
    figures = extract([ARTICLES / name])["figures"]
    seen: dict[str, int] = {}
    for f in figures:
        seen[f["raw"]] = seen.get(f["raw"], 0) + 1
        f["key"] = f["raw"] if seen[f["raw"]] == 1 else f"{f['raw']}@{seen[f['raw']]}"
    return figures


def score(name: str, gold: list[tuple]) -> dict:
    found = _found(name)
    by_key, by_id = {f["key"]: f for f in found}, {f["id"]: f for f in found}
    right = total = 0
    wrong = []
    for raw, value, unit, approx, region, period, part_of in gold:
        f = by_key.get(raw)
        if f is None:
            continue
        got = {"value": f["value"], "unit": f["unit"], "approx": f["approx"], "region": f["region"],
               "period": (f["period_start"], f["period_end"]),
               "part_of": by_id[f["part_of"]]["key"] if f["part_of"] else None}
        want = dict(zip(FIELDS, (value, unit, approx, region, period, part_of), strict=True))
        for field in FIELDS:
            if want[field] == "*":
                continue  # a duration's place says nothing
            total += 1
            right += got[field] == want[field]
            if got[field] != want[field]:
                wrong.append((raw, field, got[field], want[field]))
    gold_keys = {g[0] for g in gold}
    return {"recall": len(gold_keys & set(by_key)) / len(gold_keys), "precision": len(gold_keys & set(by_key)) / len(by_key),
            "fields": right / total, "missed": sorted(gold_keys - set(by_key)), "extra": sorted(set(by_key) - gold_keys),
            "wrong": wrong}


# What qdaid does not yet read, against the gold (each a gap, not an expectation): none now.
KNOWN_GAPS: set[tuple[str, str, str]] = set()


ARTICLES_AND_GOLD = [("pingdu_minxian_cooperation.txt", PINGDU), ("wafangdian_panzhou_traditional.txt", WAFANGDIAN),
                     ("tianjin_gannan_xinhua.txt", TIANJIN), ("fuzhou_dingxi_takungpao.txt", FUZHOU)]


@pytest.mark.parametrize(("name", "gold"), ARTICLES_AND_GOLD)
def test_real_articles_score(name, gold):
    result = score(name, gold)
    print(name, result)  # pytest -s shows the misses
    assert result["extra"] == []  # nothing that is not a figure: no date, decade, idiom or place name
    gaps = {(name, raw, "missed") for raw in result["missed"]} | {(name, w[0], w[1]) for w in result["wrong"]}
    assert gaps <= KNOWN_GAPS, gaps - KNOWN_GAPS
    # Measured: recall, precision and fields 1.0 in all four
    assert result["recall"] >= 0.98 and result["fields"] >= 0.99 and result["precision"] == 1.0


def test_the_scores_see_a_wrong_field():
    # the scorer itself can fail: a gold list with one wrong unit scores below 1
    wrong = [(raw, value, "yuan" if unit == "cny" else unit, *rest) for raw, value, unit, *rest in WAFANGDIAN]
    assert score("wafangdian_panzhou_traditional.txt", wrong)["fields"] < 1
