"""Places the outside review found wrong: a place where firms come from, 本地, 我市 as a clause's
subject before a list of places it learnt from, and the first example before 等 and a 其中 count.
Every expectation is read off the sentence by hand; the comment beside it says how."""

from __future__ import annotations

import json

from qdaid.pipeline.records import extract


def _figures(tmp_path, text: str) -> dict[str, dict]:
    path = tmp_path / "a.txt"
    path.write_text(text, "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "a", "date": "2021-02-26"}), "utf-8")
    figures = extract([path])["figures"]
    by_id = {f["id"]: f["raw"] for f in figures}
    return {f["raw"]: {**f, "part_of": by_id.get(f["part_of"])} for f in figures}


def test_the_place_firms_come_from_is_not_the_place_of_the_next_clause(tmp_path):
    figures = _figures(tmp_path, "遵义市招商引资\n\n本报讯 2020年，遵义市新增就业3万人。\n\n"
                       "2020年，四川引进浙江企业57家，签约金额达88亿元。\n")
    assert figures["57家"]["region"] == "sichuan"  # 四川 brings in firms from 浙江
    assert figures["88亿元"]["region"] == "sichuan"  # the sum signed is 四川's, as the clause before


def test_local_firms_are_of_the_article_s_own_place(tmp_path):
    figures = _figures(tmp_path, "遵义市招商引资\n\n本报讯 2020年，遵义市新增就业3万人。\n\n"
                       "全年共引进企业90家。其中，引进江苏企业12家，引进本地企业40家。\n")
    assert figures["40家"]["region"] == "zunyi"  # 本地: the article's own city, not 江苏 of the clause before
