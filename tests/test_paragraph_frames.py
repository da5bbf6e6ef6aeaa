"""A period given once for a paragraph (结对帮扶3年来，…。“十三五”期间，…。今年的获奖者中，…) frames
the later sentences of the paragraph that name no period of their own; where the frame ends.
Sentences written for these tests (report date 2021-02-25, so "since" runs to 2021); each expected
period is read off the text by hand, the reasoning beside it."""

from __future__ import annotations

import pytest

from qdaid.pipeline.records import extract

from .test_extract_classes import figures, period

N = (None, None)


@pytest.mark.parametrize(("text", "raw", "expected"), [
    # an opening sentence that only says when: the figures after it are of those years
    ("结对帮扶四年来，烟台坚持精准施策、持续发力。两地共投入帮扶资金3.6亿元，实施项目210个。", "3.6亿元", (2017, 2021)),
    ("结对帮扶四年来，烟台坚持精准施策、持续发力。两地共投入帮扶资金3.6亿元，实施项目210个。", "210个", (2017, 2021)),
    # 据统计 before it says who counted, not when: the clause after it opens the sentence
    ("据统计，“十三五”期间，全县持续加大投入。共建成易地扶贫搬迁安置点26个。", "26个", (2016, 2020)),
    # the opening sentence has figures of its own: the next one goes on with its results
    ("今年以来，全市新建扶贫车间18个。车间吸纳800名群众就业，其中脱贫户600名。", "800名", (2021, 2021)),
    ("今年以来，全市新建扶贫车间18个。车间吸纳800名群众就业，其中脱贫户600名。", "600名", (2021, 2021)),
    # "among this year's winners": every count of the paragraph after it is of this year's
    ("今年的获奖者中，来自基层的有25人。来自企业的共9人，占22.5%。", "9人", (2021, 2021)),
    # a sentence that only comments, with durations alone, does not end the frame
    ("“十三五”以来，全市上下合力攻坚。这5年，是砥砺奋进的岁月。全市312个贫困村全部退出。", "312个", (2016, 2021)),
])
def test_a_period_opening_a_paragraph_frames_the_sentences_after_it(tmp_path, text, raw, expected):
    assert period(figures(tmp_path, text)[raw]) == expected


@pytest.mark.parametrize(("text", "raw"), [
    ("2019年以来，该县新建车间12个。同时，邻县捐赠图书5000册。", "5000册"),  # 同时: another matter
    ("2018年以来，累计投入资金2亿元。全力做好防汛救灾。捐助物资价值300万元。", "300万元"),  # a heading: a new topic
    ("2018年以来，累计投入资金2亿元。新建车间5个，2020年又新建3个。", "5个"),  # its sentence names a year of its own
    ("2019年8月，工作组赴岷县调研。捐赠图书3000册。", "3000册"),  # a month: the date of an event, not a period
    ("2018年以来，累计投入资金2亿元。\n捐赠图书3000册。", "3000册"),  # another paragraph
    ("据悉，该县投入资金2亿元。捐赠图书3000册。", "3000册"),  # no period opens the paragraph
])
def test_where_a_paragraphs_period_does_not_reach(tmp_path, text, raw):
    assert period(figures(tmp_path, text)[raw]) == N


def test_a_duration_is_not_framed(tmp_path):
    # 坚守三年 is how long, not when: a duration keeps no period
    found = figures(tmp_path, "2017年以来，工作组累计投入资金1亿元。队员们在山区坚守了三年，捐赠图书3000册。")
    assert period(found["三年"]) == N and period(found["3000册"]) == (2017, 2021)


def test_a_year_points_to_the_total_its_sentence_dates_not_to_a_framed_one(tmp_path):
    # 2017年以来 dates 1.2万名 in its own sentence; 车间吸纳3000名 is only framed by it (the jobs of
    # the workshops, not a sum over the years of the jobs found elsewhere): the 600 found in 2020
    # are part of the 1.2万 helped to jobs since 2017, and nothing says they are of the 3000.
    path = tmp_path / "f.txt"
    path.write_text("标题\n2017年以来，举办培训班80次，帮助1.2万名群众就业。援建车间吸纳3000名群众就业。"
                    "2020年新吸纳就业600名。\n", "utf-8")
    path.with_suffix(".meta.json").write_text('{"id": "f", "date": "2021-02-25"}', "utf-8")
    tables = extract([path])
    by_raw = {f["raw"]: f for f in tables["figures"]}
    assert period(by_raw["3000名"]) == (2017, 2021)  # framed
    assert by_raw["600名"]["part_of"] == by_raw["1.2万名"]["id"]
    assert not [c for c in tables["containment"] if c["within"] == by_raw["3000名"]["id"]]


def test_n_years_cumulative_is_the_last_n_years(tmp_path):
    # 3年累计: summed over the last three years, to the report (2021): 2018–2021, as 3年来 would be
    found = figures(tmp_path, "在劳务协作方面，我市3年累计输转贫困劳动力就业8200人次。")
    assert period(found["8200人次"]) == (2018, 2021)


def test_the_years_before_a_period_are_not_in_it(tmp_path):
    # 过去三年…是此前20年…的2.6倍: the 20 years before those three, not inside them; 连续2年 inside 五年来 is
    found = figures(tmp_path, "在过去三年，东部省市投入资金265亿元，是此前20年投入总数的2.6倍。五年来，该县连续2年获评先进。")
    assert period(found["20年"]) == N
    assert period(found["2年"]) == (2016, 2021)


def test_a_count_that_wins_an_award_of_a_year_is_of_that_year(tmp_path):
    # 李明等8人获得“2019年全国脱贫攻坚奖贡献奖”: the award of 2019, the year given after the count
    found = figures(tmp_path, "经评审，李明等8人获得“2019年全国脱贫攻坚奖贡献奖”。")
    assert period(found["8人"]) == (2019, 2019)


@pytest.mark.parametrize(("text", "raw", "expected"), [
    # 此后: the years after the year just named, not that year
    ("2017年，两地签订帮扶协议。此后，青岛投入资金10亿元。", "10亿元", N),
    # a running total (累计) after a past year: not that year's alone
    ("2016年，两市建立结对关系。双方累计投入资金12亿元，实施项目300个。", "12亿元", N),
    # 今年以来 runs to the report: a running total of this year is framed
    ("今年以来，全市新建扶贫车间18个。车间累计吸纳800名群众就业。", "800名", (2021, 2021)),
    # a year that frames the year's work (全年: the whole of it)
    ("2020年，青岛市援助资金共计2.5亿元。全年选派挂职干部42名。", "42名", (2020, 2020)),
])
def test_a_past_year_frames_that_years_work_not_what_came_after(tmp_path, text, raw, expected):
    assert period(figures(tmp_path, text)[raw]) == expected


def test_a_long_paragraph_is_read_back_once_not_once_per_figure(tmp_path, monkeypatch):
    # 100 sentences of figures under one frame: each earlier sentence is asked for its opening period
    # about once (a paragraph of 3000 such sentences took over ten minutes when it was asked per figure)
    from qdaid.pipeline import classify

    calls = []
    opening = classify._opening_period
    monkeypatch.setattr(classify, "_opening_period", lambda *args: calls.append(1) or opening(*args))
    text = "2017年以来，青岛帮扶陇南。" + "".join(f"新建车间{i}个。" for i in range(1, 101))
    found = figures(tmp_path, text)
    assert period(found["1个"]) == period(found["100个"]) == (2017, 2021)
    assert len(calls) < 300


@pytest.mark.parametrize(("text", "raw", "expected"), [
    # a heading of no figure, then the sentence that says when: that sentence opens the paragraph
    ("攻坚克难，争当产业协作的排头兵。2018年以来，两地共建产业园区4个。园区吸纳600名群众就业。", "600名", (2018, 2021)),
    # the heading, then a sentence whose period comes after its first clause: it dates only itself
    ("做强产业，当好增收的引擎。推进产业协作行动，2018年以来，引进企业20家。新建车间15个。", "15个", N),
    # a period opening the third sentence, after a heading and a sentence it does not date: how far
    # it reaches is not said, so it dates its own sentence and no other
    ("深化劳务协作。组织企业进村招聘。2018年以来，开办技能培训班60期，培训群众5000人次。"
     "新建就业帮扶车间90个，吸纳1200名群众就业。", "60期", (2018, 2021)),
    ("深化劳务协作。组织企业进村招聘。2018年以来，开办技能培训班60期，培训群众5000人次。"
     "新建就业帮扶车间90个，吸纳1200名群众就业。", "90个", N),
    # a period opening the second sentence, after one with figures and a period of its own
    ("2014年以来，两地互派干部80名。“十三五”期间，工作组援建学校12所。协调捐赠图书2万册。", "12所", (2016, 2020)),
    ("2014年以来，两地互派干部80名。“十三五”期间，工作组援建学校12所。协调捐赠图书2万册。", "2万册", N),
    # a period opening the second sentence, after one of figures that names no period
    ("两地共建园区3个。2018年以来，引进企业20家。新建车间15个。", "15个", N),
])
def test_only_a_period_that_opens_the_paragraph_frames_the_sentences_after_it(tmp_path, text, raw, expected):
    assert period(figures(tmp_path, text)[raw]) == expected


def test_a_stock_as_of_now_is_of_the_report_s_year_not_the_frame_s(tmp_path):
    # 截至目前 turns to a stock at a time of its own: now, the report's year (2021), not 2019–2021
    found = figures(tmp_path, "2019年以来，该县新建车间12个。截至目前，全县共有车间40个。")
    assert (period(found["12个"]), period(found["40个"])) == ((2019, 2021), (2021, 2021))
