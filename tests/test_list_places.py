"""The clauses of one list (全国共有36人获得甲称号,30人获得乙称号,12个单位获得丙称号) say the same of
other items: a later clause that names no place is of the first clause's place (the nation here, the
scope 全国共有 gives the whole list). Sentences written for these tests; the places read off the text."""

from __future__ import annotations

import pytest

from .test_extract_classes import figures

LIST = "据统计,本年度全国共有36人获得先进个人称号,30人获得先进工作者称号,12个单位获得先进集体称号。"


@pytest.mark.parametrize("raw", ["30人", "12个"])
def test_the_clauses_of_a_list_share_its_place(tmp_path, raw):
    assert figures(tmp_path, LIST)[raw]["region"] == "national"


def test_a_list_of_other_words_after_its_first_item(tmp_path):
    # 入选 after each figure: one list, the first clause's place for all three
    found = figures(tmp_path, "本届评选中,全国共有120个案例入选,45个案例入选精品,8个案例入选示范。")
    assert [found[r]["region"] for r in ("120个", "45个", "8个")] == ["national"] * 3
