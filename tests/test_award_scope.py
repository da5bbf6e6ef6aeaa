"""全国 at the head of an award's name (全国…奖) says how wide the award is, not whose the figures
around it are. Sentences written for these tests; the expected places read off the text."""

from __future__ import annotations

import pytest

from .test_extract_classes import figures


@pytest.mark.parametrize(("text", "raw", "expected"), [
    # the award's name: the figure is no place's (its winners come from anywhere, named nowhere here)
    ("经研究决定,全国助残扶贫奖每届评选先进个人20名。", "20名", None),
    ("协会每年举办一次全国乡村振兴奖颁奖活动。", "一次", None),
    # 全国 as what is counted over: the nation's
    ("据统计,全国共有30人获得该奖。", "30人", "national"),
    # a place that wins a prize is the place of its count
    ("青岛市获得一等奖3项。", "3项", "qingdao"),
])
def test_a_place_heading_an_awards_name_is_not_the_figures(tmp_path, text, raw, expected):
    assert figures(tmp_path, text)[raw]["region"] == expected
