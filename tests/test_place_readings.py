"""A place's id is its name as a place is read: a character of several readings takes the one place
names give it (长阳 is Chángyáng, 成都 Chéngdū, 单县 Shàn Xiàn), where pypinyin, knowing no phrase
of the name, would read it otherwise (zhangyang, chengdou); a phrase pypinyin knows keeps its reading
(长子 Zhǎngzǐ, 乐亭 Làotíng). The readings are the ones the gazetteers print, written down here."""

from __future__ import annotations

import json

import pytest

from qdaid.pipeline.gazetteer import Gazetteer, place_slug, strip_suffix
from qdaid.pipeline.records import extract


@pytest.mark.parametrize("name, reading", [
    ("长阳土家族自治县", "changyang"),  # 长 in a place name is cháng
    ("长沙市", "changsha"), ("长治市", "changzhi"), ("天长市", "tianchang"),
    ("重庆市", "chongqing"),  # chóng
    ("乐山市", "leshan"), ("乐亭县", "laoting"), ("乐清市", "yueqing"),  # 乐: lè, lào, yuè by the name
    ("六安市", "luan"),  # Lù'ān
    ("六盘水市", "liupanshui"),  # liù
    ("长子县", "zhangzi"),  # the one 长 read zhǎng
    ("武都区", "wudu"), ("都匀市", "duyun"), ("成都市", "chengdu"),  # 都 of a place is dū
    ("单县", "shanxian"), ("什邡市", "shifang"), ("洪洞县", "hongtong"), ("宕昌县", "tanchang"),
])
def test_a_place_id_reads_the_name_as_a_place(name, reading):
    gaz = Gazetteer.load()
    ids = [r.id for r in gaz.regions.values() if r.name == name]
    assert ids and ids[0].split("-")[0] == reading


def test_the_generated_divisions_are_read_as_places():
    gaz = Gazetteer.load()
    for region in gaz.regions.values():
        if region.adcode and region.name in ("长阳土家族自治县", "宜都市", "子长县"):
            base = region.aliases[0] if region.aliases and not region.aliases[0].isascii() else strip_suffix(region.name)
            assert region.id == place_slug(base)
    assert "Changyang Autonomous County" in {r.name_en for r in gaz.regions.values()}  # its English name too


def test_a_figure_of_changyang_is_of_changyang(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("标题\n长阳县今年新建蔬菜大棚120个。\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "a", "date": "2021-03-01"}), "utf-8")
    built = extract([path])
    assert [f["region"] for f in built["figures"] if f["raw"] == "120个"] == ["changyang"]
    assert "changyang" in {r["id"] for r in built["regions"]}
