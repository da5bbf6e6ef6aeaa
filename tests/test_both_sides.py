"""A figure of both partners at once (两省互派干部46名: sent each way), or of a list of partners its own
clause names (对巫山县、巫溪县的帮扶资金…900万元), is of no one place. Sentences written for these tests;
the places read off the text."""

from __future__ import annotations

import pytest

from .test_extract_classes import figures

PAIR = "浙江省与四川省结对帮扶以来,两省互派挂职干部46名,互派专业技术人才320人;浙江省向四川省捐赠资金800万元。"


@pytest.mark.parametrize(("raw", "expected"), [
    ("46名", None),  # the cadres went each way
    ("320人", None),  # 互派: each way
    ("800万元", "sichuan"),  # one giver, one receiver
])
def test_a_figure_of_both_partners_is_of_no_one_place(tmp_path, raw, expected):
    assert figures(tmp_path, PAIR)[raw]["region"] == expected



def test_a_list_of_partners_in_the_figures_own_clause_is_of_them_together(tmp_path):
    # 对A县、B县的帮扶资金——从2019年的900万元: the money of both counties, no one of them (the last named)
    text = "威海市持续增加对重庆市巫山县、巫溪县的帮扶资金——从2019年的900万元,增加到2020年的1500万元。"
    found = figures(tmp_path, text)
    assert found["900万元"]["region"] is None
    assert sorted(found["900万元"]["covers"]) == ["wushan", "wuxi-chongqing"]
