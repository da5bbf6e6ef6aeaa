"""Every place in China: articles about other pairings resolve their places, homonyms by
context, and province and prefecture filters find them. Expectations are read off each text."""

from __future__ import annotations

import json

import pytest

from qdaid.facts import FactBase, from_tables
from qdaid.filters import Filters
from qdaid.pipeline.gazetteer import Gazetteer
from qdaid.pipeline.records import extract


def build(tmp_path, name: str, text: str) -> dict:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": name, "date": "2021-02-25"}), "utf-8")
    return extract([path])


def raws(base: FactBase, region: str) -> set[str]:
    return {f["raw"] for f in base.select(base.where(Filters(regions=[region])))}


def test_the_gazetteer_holds_every_division():
    gaz = Gazetteer.load()
    levels = [r.level for r in gaz.regions.values()]
    assert levels.count("province") == 34 and levels.count("prefecture") > 330 and levels.count("county") > 2800
    assert gaz.regions["zhenning"].adcode == "520423" and gaz.regions["zhenning"].parent == "anshun"
    assert "镇宁" in gaz.regions["zhenning"].aliases  # 镇宁布依族苗族自治县 → 镇宁
    assert "新疆" in gaz.regions["xinjiang"].aliases and gaz.regions["xinjiang"].parent == "national"
    assert gaz.regions["longnan"].name_en == "Longnan City"


def test_a_shandong_city_helping_a_chongqing_county(tmp_path):
    tables = build(tmp_path, "yantai", "烟台帮扶巫山\n2018年以来,烟台市向重庆市巫山县投入帮扶资金1.2亿元,"
                                       "莱阳市在巫山援建学校3所。烟台福山区帮扶巫山县骡坪镇,捐款80万元。"
                                       "莱阳市累计培训本地农民1200人次。\n")
    found = {f["raw"]: f for f in tables["figures"]}
    assert found["1.2亿元"]["region"] == "wushan"  # aid goes to the partner, not the city it comes from
    assert found["3所"]["region"] == "wushan"  # 莱阳 builds, in 巫山 (the short name: 重庆 is named above)
    assert found["80万元"]["region"] == "wushan"  # 福山区帮扶巫山县: the place after the partner verb
    assert found["1200人次"]["region"] == "laiyang"  # at home
    base = from_tables(tables)
    assert raws(base, "重庆") == raws(base, "wushan") == {"1.2亿元", "3所", "80万元"}
    assert raws(base, "山东") == raws(base, "烟台") == {"1200人次"}  # 莱阳 is in 烟台, in 山东
    assert {r["id"] for r in tables["regions"]} == {"wushan", "chongqing", "laiyang", "yantai", "shandong", "national"}


def test_a_jiangsu_city_helping_guizhou_prefectures(tmp_path):
    tables = build(tmp_path, "suzhou", "苏州帮扶铜仁\n苏州市对口帮扶贵州省铜仁市,三年投入资金9.6亿元;"
                                       "另在黔东南州援建产业园区5个。\n")
    found = {f["raw"]: f for f in tables["figures"]}
    assert found["9.6亿元"]["region"] == "tongren"
    assert found["5个"]["region"] == "qiandongnan"  # 黔东南州: 黔东南苗族侗族自治州
    base = from_tables(tables)
    assert raws(base, "贵州") == {"三年", "9.6亿元", "5个"} and raws(base, "铜仁") == {"三年", "9.6亿元"}


@pytest.mark.parametrize(("text", "region", "basis"), [
    ("宁波市江北区投入帮扶资金300万元。", "jiangbei", "context"),  # 江北区: Ningbo's (330205) and Chongqing's
    ("重庆市江北区投入帮扶资金300万元。", "jiangbei-chongqing", "context"),
    ("辽宁省朝阳市投入帮扶资金300万元。", "chaoyang-liaoning", "explicit"),  # one 朝阳市; 朝阳区 is another name
])
def test_a_homonym_is_chosen_by_the_places_named_beside_it(tmp_path, text, region, basis):
    (figure,) = build(tmp_path, "homonym", "标题\n" + text + "\n")["figures"]
    assert (figure["region"], figure["region_basis"]) == (region, basis)


def test_a_short_county_name_alone_is_not_a_place(tmp_path):
    # 合作 (合作市), 互助 (互助县), 振兴 (振兴区), 资源 (资源县) are words first
    tables = build(tmp_path, "words", "标题\n两地开展产业合作,东西互助,推动乡村振兴,资源共享,投入资金50万元。\n")
    (figure,) = tables["figures"]
    assert figure["region"] is None
