"""A count of honoured people and bodies together (70个先进个人和先进集体) holds the later paragraph's
people and bodies that add up to it exactly. Sentences written for these tests; the sums by hand."""

from __future__ import annotations

from .test_extract_classes import figures

TEXT = "本届评选共有70个先进个人和先进集体受到表彰。\n根据名单,32人获得甲奖,18人获得乙奖,{n}个集体获得丙奖。"


def test_people_and_bodies_adding_up_to_a_count_of_both_are_its_parts(tmp_path):
    found = figures(tmp_path, TEXT.format(n=20))  # 32 + 18 + 20 = 70
    total = found["70个"]["id"]
    assert [found[r]["part_of"] for r in ("32人", "18人", "20个")] == [total] * 3


def test_people_and_bodies_adding_up_to_something_else_are_not(tmp_path):
    found = figures(tmp_path, TEXT.format(n=25))  # 75: not the 70
    assert [found[r]["part_of"] for r in ("32人", "18人", "25个")] == [None] * 3
