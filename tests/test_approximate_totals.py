"""A total written as a lower bound (超过50亿元, 2000多名) and the amounts of a later paragraph that
break it down: they are its parts when their sum is what the bound says, from it up to the next step
of its last digit written. Sentences written for these tests; each sum worked out by hand."""

from __future__ import annotations

from .test_extract_classes import dated, figures

OVER = ("2010年以来,三省累计向该州投入帮扶资金超过50亿元,选派干部2000多名。\n"
        "其间,甲省投入资金{a}亿元、选派干部{x}名;乙省投入资金21.5亿元、选派干部800名;"
        "丙省投入资金9.6亿元、选派干部300名。\n")


def test_parts_adding_up_past_an_over_total_are_its_parts(tmp_path):
    # 22.4 + 21.5 + 9.6 = 53.5亿: over 50亿 and short of 60亿; 1100 + 800 + 300 = 2200: 2000多
    found = figures(tmp_path, OVER.format(a="22.4", x="1100"))
    for raw in ("22.4亿元", "21.5亿元", "9.6亿元"):
        assert found[raw]["part_of"] == found["超过50亿元"]["id"], raw
    for raw in ("1100名", "800名", "300名"):
        assert found[raw]["part_of"] == found["2000多名"]["id"], raw


def test_parts_adding_up_beyond_the_bound_are_not_its_parts(tmp_path):
    # 35.4 + 21.5 + 9.6 = 66.5亿 is more than 超过50亿 says (it would be 超过60亿); 1900 + 800 + 300 = 3000
    # is not 2000多: what the paragraph counts is something else
    found = figures(tmp_path, OVER.format(a="35.4", x="1900"))
    for raw in ("35.4亿元", "21.5亿元", "9.6亿元", "1900名", "800名", "300名"):
        assert found[raw]["part_of"] is None, raw


def test_parts_short_of_the_bound_are_not_its_parts(tmp_path):
    # 12.4 + 21.5 + 9.6 = 43.5亿: not over 50亿
    found = figures(tmp_path, OVER.format(a="12.4", x="1100"))
    assert found["12.4亿元"]["part_of"] is None and found["9.6亿元"]["part_of"] is None


def test_a_titles_rounded_figure_repeats_the_bodys_exact_one(tmp_path):
    # 1200多个 in the title is the body's 1236个 rounded down: it points to it and takes its years
    text = "青岛援建定西项目达1200多个\n2015年以来,青岛在定西实施援建项目{n}个。\n"
    found = dated(tmp_path, text.format(n=1236), "2021-03-01")
    assert found["1200多个"]["part_of"] == found["1236个"]["id"]
    assert (found["1200多个"]["period_start"], found["1200多个"]["period_end"]) == (2015, 2021)
    found = dated(tmp_path, text.format(n=1350), "2021-03-01")  # 1350 is not 1200多
    assert found["1200多个"]["part_of"] is None


def test_a_titles_bound_of_one_digit_names_no_one_figure(tmp_path):
    # 超过百家 is anything from 100 to 199: too coarse to say the body's 136家 is what it rounds
    found = dated(tmp_path, "某县引进企业超过百家\n2019年以来,某县引进企业136家。\n", "2021-03-01")
    assert found["超过百家"]["part_of"] is None
