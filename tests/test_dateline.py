"""A dispatch's dateline (新华社兰州2021年1月5日电, 2021年3月1日讯) dates the article, not a figure: a
figure of its first sentence that states no period of its own has none (a second source's
2020 figure of the same money would otherwise be another year, and both would be added)."""

from __future__ import annotations

import json

from qdaid.pipeline.records import extract


def _figures(tmp_path, text: str, meta: dict | None = None) -> dict[str, dict]:
    path = tmp_path / "wire.txt"
    path.write_text(text, "utf-8")
    if meta:
        path.with_suffix(".meta.json").write_text(json.dumps(meta), "utf-8")
    return {f["raw"]: f for f in extract([path])["figures"]}


def test_the_datelines_year_is_no_figures_period(tmp_path):
    # 累计 (so far) with no year of its own: undated, not 2021 (the dispatch's year). The article is
    # still dated 2021-01-05 by its dateline, so 2020年's 5场 is 2020 and 2019年以来 runs to 2021.
    text = ("青岛帮扶陇南综述\n新华社兰州2021年1月5日电（记者王明）陇南市累计争取财政帮扶资金15.65亿元。"
            "2020年，两地共同举办对接会5场。2019年以来，陇南建成扶贫车间60个。\n")
    found = _figures(tmp_path, text)
    period = {raw: (f["period_start"], f["period_end"]) for raw, f in found.items()}
    assert period["15.65亿元"] == (None, None)
    assert period["5场"] == (2020, 2020)
    assert period["60个"] == (2019, 2021)
    # the same with the paper's own dateline form, and a sidecar date
    found = _figures(tmp_path, "标题\n本报2021年3月1日讯 陇南市累计争取财政帮扶资金15.65亿元。\n",
                     {"id": "w", "date": "2021-03-01"})
    assert (found["15.65亿元"]["period_start"], found["15.65亿元"]["period_end"]) == (None, None)


def test_the_city_a_dispatch_was_sent_from_is_no_place_of_the_article(tmp_path):
    # 兰州 in 新华社兰州2021年1月5日电 is where the wire was filed: the article is of 青岛's help to 陇南
    # alone, so 实施项目300个 (no place in its sentence's clause) is 陇南's, not 甘肃's (陇南 and 兰州's
    # common province, when 兰州 counted as a second helped place)
    text = ("青岛帮扶陇南综述\n新华社兰州2021年1月5日电（记者王明）陇南市累计争取青岛市财政帮扶资金15.65亿元，"
            "实施项目300个。\n")
    assert _figures(tmp_path, text)["300个"]["region"] == "longnan"


def test_a_wire_dispatch_names_its_agency_as_the_publisher(tmp_path):
    # 新华社兰州2021年1月5日电: the agency (新华社) published it; 兰州 is where it was filed
    path = tmp_path / "wire.txt"
    path.write_text("标题\n新华社兰州2021年1月5日电（记者王明）陇南市累计争取财政帮扶资金15.65亿元。\n", "utf-8")
    (source,) = extract([path])["sources"]
    assert (source["publisher"], source["date"], source["reporter"]) == ("新华社", "2021-01-05", "王明")
    path.write_text("标题\n中新社北京3月2日电 陇南市建成扶贫车间60个。\n", "utf-8")
    assert extract([path])["sources"][0]["publisher"] == "中新社"


def test_a_byte_order_mark_is_not_part_of_the_title(tmp_path):
    # Notepad saves UTF-8 with a BOM: the title is the first line's words, without it
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff青岛帮扶陇南综述\n2020年,青岛向陇南捐款57万元。\n".encode())
    (source,) = extract([path])["sources"]
    assert source["title"] == "青岛帮扶陇南综述"
