"""Golden tests: the bundled database against an independent reading of the article.

The expected values below were read off the article by hand, not copied from the database.
"""

import pytest


def _find(figures, honoree, raw, nth=0):
    found = [f for f in figures if f["honoree"] == honoree and f["raw"] == raw]
    assert found, f"no figure {raw!r} for {honoree}"
    return found[nth]


# Every figure of the article, read paragraph by paragraph (the numbers are its non-blank lines,
# data/000_0077034771fe7207.txt). The report is dated 2021-02-25, so "since" runs to 2021.
N = (None, None)
Y16, Y17, Y14, Y13 = (2016, 2021), (2017, 2021), (2014, 2021), (2013, 2021)
GOLDEN = [
    # ¶1 headline: 青岛1人4集体受国家级表彰
    (1, "1人", 1, "person", "exact", "amount", N, "qingdao"),
    (1, "4集体", 4, "collective", "exact", "amount", N, "qingdao"),
    # ¶2 青岛市有…先进个人表彰对象1人、先进集体表彰对象4个
    (2, "1人", 1, "person", "exact", "amount", N, "qingdao"),
    (2, "4个", 4, "collective", "exact", "amount", N, "qingdao"),
    # ¶3 全国…1982人…(含追授61人)、1501个集体: nationwide nominees
    (3, "1982人", 1982, "person", "exact", "amount", N, "national"),
    (3, "61人", 61, "person", "exact", "amount", N, "national"),
    (3, "1501个", 1501, "collective", "exact", "amount", N, "national"),
    # ¶4 助力三市179.4万…: three cities, no one region; no year in its sentence
    (4, "179.4万", 1794000, "person", "exact", "amount", N, None),
    # ¶8 2018年、2019 年连续2年…; 2019年东西部…迈入国家考核“好”等次,先后获得表扬性批示65次: 先后 (one after
    # another) gathers the 65 over the years; 2019 is the year of the 好 rating in the clause before
    (8, "2年", 2, "year", "exact", "duration", (2018, 2019), "qingdao"),
    (8, "65次", 65, "occasion", "exact", "amount", N, None),
    # ¶9 几年来 (no number) 走遍了有脱贫任务的82个镇街、510个贫弱村: Qingdao's own (the office's 对内脱贫攻坚,
    # ¶8; 镇街 and 贫弱村 are the city's words for its towns and poorer villages, as Pingdu's 209个贫(弱)村, ¶36;
    # the partners' are 贫困村, ¶23, ¶26); 2019年8月…两次住院; 先后29次 (before 2020年1月);
    # 2020年1月,…连续半月在两个协作城市 (the date stands alone: it dates its clauses up to the ；);
    # 为帮助全国挂牌督战的4个县和53个村脱贫,连续半个月…,回青后…2473万元: 挂牌督战 is the national campaign of
    # 2020 (the year the sentence opens with): the 4 counties and 53 villages under it, the half month on
    # site and the 2473万元 raised for them are 2020's
    (9, "82个", 82, "town", "exact", "amount", N, "qingdao"),
    (9, "510个", 510, "village", "exact", "amount", N, "qingdao"),
    (9, "两次", 2, "occasion", "exact", "amount", (2019, 2019), None),
    (9, "29次", 29, "occasion", "exact", "amount", N, None),
    (9, "半月", 0.5, "month", "exact", "duration", (2020, 2020), None),
    (9, "两个", 2, "city", "exact", "amount", (2020, 2020), None),
    (9, "4个", 4, "county", "exact", "amount", (2020, 2020), None),
    (9, "53个", 53, "village", "exact", "amount", (2020, 2020), None),
    (9, "半个月", 0.5, "month", "exact", "duration", (2020, 2020), None),
    (9, "2473万元", 24730000, "cny", "exact", "amount", (2020, 2020), None),
    # ¶10 募集…2600万元,…1198名; 2020年疫情突发后…一批; 8月份陇南…2300多万元 (August of that 2020);
    # 2020年消费扶贫额达到10.6亿元,是2018年的8倍
    (10, "2600万元", 26000000, "cny", "exact", "amount", N, None),
    (10, "1198名", 1198, "person", "exact", "amount", N, None),
    (10, "一批", 1, "batch", "exact", "amount", (2020, 2020), None),
    (10, "2300多万元", 23000000, "cny", "more_than", "amount", (2020, 2020), "longnan"),
    (10, "10.6亿元", 1060000000, "cny", "exact", "amount", (2020, 2020), None),
    (10, "8倍", 8, "times", "exact", "ratio", (2020, 2020), None),
    # ¶13 五年来 (a duration); 连续2年被甘肃省授予… (Gansu gives the award; the years are in the five)
    (13, "五年", 5, "year", "exact", "duration", N, None),
    (13, "2年", 2, "year", "exact", "duration", Y16, None),
    # ¶14 2016年以来,共组织向协作地区捐助资金3.1亿元
    (14, "3.1亿元", 310000000, "cny", "exact", "amount", Y16, None),
    # ¶15 2016年以来,…22个,…10.3亿元,…7万多人; 其中 镇宁 3.8亿元, 7000余人; 徽县 6000万元, 126名;
    # 1个市级展销平台 (at home), 每年…2次大集 (at home, yearly), 5个组团 (before 2016年以来), 1.8亿元;
    # 259名, 1516人 (来胶: in Jiaozhou), 467个, 2100万元: undated
    (15, "22个", 22, "project", "exact", "amount", Y16, None),
    (15, "10.3亿元", 1030000000, "cny", "exact", "amount", Y16, None),
    (15, "7万多人", 70000, "person", "more_than", "amount", Y16, None),
    (15, "3.8亿元", 380000000, "cny", "exact", "amount", Y16, "zhenning"),
    (15, "7000余人", 7000, "person", "over", "amount", Y16, "zhenning"),
    (15, "6000万元", 60000000, "cny", "exact", "amount", Y16, "huixian"),
    (15, "126名", 126, "person", "exact", "amount", Y16, "huixian"),
    (15, "1个", 1, "platform", "exact", "amount", N, "jiaozhou"),
    (15, "2次", 2, "occasion", "exact", "per_year", N, "jiaozhou"),
    (15, "5个", 5, "group", "exact", "amount", N, None),
    (15, "1.8亿元", 180000000, "cny", "exact", "amount", Y16, None),
    (15, "259名", 259, "person", "exact", "amount", N, None),
    (15, "1516人", 1516, "person", "exact", "amount", N, None),
    (15, "467个", 467, "pair", "exact", "amount", N, None),
    (15, "2100万元", 21000000, "cny", "exact", "amount", N, None),
    # ¶16 目前…新疆有50多万亩、贵州4万多亩、甘肃6万多亩 (sizes now), 年产值30多亿元 (yearly), 4.7万户;
    # 每年选派9名全科老师 (yearly) to 镇宁, 本科达线率达70%
    (16, "50多万亩", 500000, "mu", "more_than", "state", N, "xinjiang"),
    (16, "4万多亩", 40000, "mu", "more_than", "state", N, "guizhou"),
    (16, "6万多亩", 60000, "mu", "more_than", "state", N, "gansu"),
    (16, "30多亿元", 3000000000, "cny", "more_than", "per_year", N, None),
    (16, "4.7万户", 47000, "household", "exact", "amount", N, None),
    (16, "9名", 9, "person", "exact", "per_year", N, "zhenning"),
    (16, "70%", 70, "percent", "exact", "ratio", N, "zhenning"),
    # ¶20 自2016年10月…以来,…2批35名干部赴陇南; 四年多来
    (20, "2批", 2, "batch", "exact", "amount", Y16, "longnan"),
    (20, "35名", 35, "person", "exact", "amount", Y16, "longnan"),
    (20, "四年多", 4, "year", "more_than", "duration", N, "longnan"),
    # ¶21 2017年以来 …; 援建扶贫车间341个,吸纳3719名 (undated); 122名 (undated); 2020年…795名;
    # 2017年以来 8.58亿元, 9.1万多人; 2020年 7.54亿元
    (21, "3个", 3, "industrial_park", "exact", "amount", Y17, "longnan"),
    (21, "50个", 50, "project", "exact", "amount", Y17, "longnan"),
    (21, "7.6亿元", 760000000, "cny", "exact", "amount", Y17, "longnan"),
    (21, "6.35万名", 63500, "person", "exact", "amount", Y17, "longnan"),
    (21, "109次", 109, "occasion", "exact", "amount", Y17, "longnan"),
    (21, "8434人次", 8434, "person_time", "exact", "amount", Y17, "longnan"),
    (21, "1.4万多名", 14000, "person", "more_than", "amount", Y17, "longnan"),
    (21, "341个", 341, "workshop", "exact", "amount", N, "longnan"),
    (21, "3719名", 3719, "person", "exact", "amount", N, "longnan"),
    (21, "122名", 122, "person", "exact", "amount", N, "longnan"),
    (21, "795名", 795, "person", "exact", "amount", (2020, 2020), "longnan"),
    (21, "8.58亿元", 858000000, "cny", "exact", "amount", Y17, "longnan"),
    (21, "9.1万多人", 91000, "person", "more_than", "amount", Y17, "longnan"),
    (21, "7.54亿元", 754000000, "cny", "exact", "amount", (2020, 2020), "longnan"),
    # ¶22 2017年以来 1.25亿元, 2.02亿元; 新冠肺炎疫情防控期间 (2020–2021) 49.25万个, 700套, 237万元, 57万元;
    # 近800万元 (its own sentence, undated); 8.12 flood (no year): 1707万元, 620余万元, 一架, 71600元, 13350元
    (22, "1.25亿元", 125000000, "cny", "exact", "amount", Y17, "longnan"),
    (22, "2.02亿元", 202000000, "cny", "exact", "amount", Y17, "longnan"),
    (22, "49.25万个", 492500, "mask", "exact", "amount", (2020, 2021), "longnan"),
    (22, "700套", 700, "protective_suit", "exact", "amount", (2020, 2021), "longnan"),
    (22, "237万元", 2370000, "cny", "exact", "amount", (2020, 2021), "longnan"),
    (22, "57万元", 570000, "cny", "exact", "amount", (2020, 2021), "longnan"),
    (22, "近800万元", 8000000, "cny", "nearly", "amount", N, "longnan"),
    (22, "1707万元", 17070000, "cny", "exact", "amount", N, "longnan"),
    (22, "620余万元", 6200000, "cny", "over", "amount", N, "longnan"),
    (22, "一架", 1, "helicopter", "exact", "amount", N, "longnan"),
    (22, "71600元", 71600, "cny", "exact", "amount", N, "longnan"),
    (22, "13350元", 13350, "cny", "exact", "amount", N, "longnan"),
    # ¶23 目前,共结对联系25个…、48个…,一对一帮扶41名…、30名… (now); 142个; 2020年 3901.5余万元, 3个, 9个
    (23, "25个", 25, "village", "exact", "state", N, "longnan"),
    (23, "48个", 48, "household", "exact", "state", N, "longnan"),
    (23, "41名", 41, "person", "exact", "state", N, "longnan"),
    (23, "30名", 30, "person", "exact", "state", N, "longnan"),
    (23, "142个", 142, "village", "exact", "amount", N, "longnan"),
    (23, "3901.5余万元", 39015000, "cny", "over", "amount", (2020, 2020), "longnan"),
    (23, "3个", 3, "county", "exact", "amount", (2020, 2020), "longnan"),
    (23, "9个", 9, "village", "exact", "amount", (2020, 2020), "longnan"),
    # ¶26 2013年8月…至今 五批62名(65人次); 七年奋战 (seven years to the report): 54.58万, 6个, 569个, 20.84%→零
    (26, "五批", 5, "batch", "exact", "amount", Y13, "anshun"),
    (26, "62名", 62, "person", "exact", "amount", Y13, "anshun"),
    (26, "65人次", 65, "person_time", "exact", "amount", Y13, "anshun"),
    (26, "七年", 7, "year", "exact", "duration", N, "anshun"),
    (26, "54.58万", 545800, "person", "exact", "amount", Y14, "anshun"),
    (26, "6个", 6, "county", "exact", "amount", Y14, "anshun"),
    (26, "569个", 569, "village", "exact", "amount", Y14, "anshun"),
    (26, "20.84%", 20.84, "percent", "exact", "ratio", Y14, "anshun"),
    (26, "零", 0, "percent", "exact", "ratio", Y14, "anshun"),
    # ¶27-30: undated, all in Anshun (the team's one partner), but 青岛8个区市 and what the team 动员…参与携手奔小康
    # 行动 (mobilised to take part in the pairing: 92个镇街…88家医院 are Qingdao's units, paired with Anshun's, as
    # Qingdao's 8 districts with Anshun's 7 counties in the clause before)
    (27, "2014人次", 2014, "person_time", "exact", "amount", N, "anshun"),
    (27, "11.0436亿元", 1104360000, "cny", "exact", "amount", N, "anshun"),
    (27, "129%", 129, "percent", "exact", "ratio", N, "anshun"),
    (27, "842个", 842, "project", "exact", "amount", N, "anshun"),
    (27, "18.63万", 186300, "person", "exact", "amount", N, "anshun"),
    (28, "49个", 49, "project", "exact", "amount", N, "anshun"),
    (28, "39.22亿元", 3922000000, "cny", "exact", "amount", N, "anshun"),
    (28, "1.4万", 14000, "person", "exact", "amount", N, "anshun"),
    (28, "104个", 104, "workshop", "exact", "amount", N, "anshun"),
    (28, "6914人", 6914, "person", "exact", "amount", N, "anshun"),
    (29, "618名", 618, "person", "exact", "amount", N, "anshun"),
    (29, "10884人次", 10884, "person_time", "exact", "amount", N, "anshun"),
    (29, "48757人次", 48757, "person_time", "exact", "amount", N, "anshun"),
    (30, "8个", 8, "district", "exact", "amount", N, "qingdao"),
    (30, "7个", 7, "county", "exact", "amount", N, "anshun"),
    (30, "92个", 92, "town", "exact", "amount", N, "qingdao"),
    (30, "252个", 252, "village", "exact", "amount", N, "qingdao"),
    (30, "135家", 135, "enterprise", "exact", "amount", N, "qingdao"),
    (30, "34家", 34, "organization", "exact", "amount", N, "qingdao"),
    (30, "318所", 318, "school", "exact", "amount", N, "qingdao"),
    (30, "88家", 88, "hospital", "exact", "amount", N, "qingdao"),
    (30, "1.89亿元", 189000000, "cny", "exact", "amount", N, "anshun"),
    (30, "4.05亿元", 405000000, "cny", "exact", "amount", N, "anshun"),
    # ¶34 平度扶贫任务占青岛市一半以上; 近五年来; 连续四年…第一名 (in the five years)
    (34, "一半以上", 50, "percent", "over", "ratio", N, "pingdu"),
    (34, "近五年", 5, "year", "nearly", "duration", N, "pingdu"),
    (34, "四年", 4, "year", "exact", "duration", Y16, "pingdu"),
    (34, "第一名", 1, "rank", "exact", "rank", Y16, "pingdu"),
    # ¶35 32个; 其中崔家集镇 6个…540万元…36个…3年…扩大到800个; 2020年 2.3亿元, 1612亩, 形成 6000余亩 1200多个
    # (建成占地1612亩的…产业园,带动全镇形成占地6000余亩…: the park's land is part of the whole town's, PART_OF)
    (35, "32个", 32, "agri_incubator", "exact", "amount", N, "pingdu"),
    (35, "6个", 6, "village", "exact", "amount", N, "cuijiaji"),
    (35, "540万元", 5400000, "cny", "exact", "amount", N, "cuijiaji"),
    (35, "36个", 36, "greenhouse", "exact", "amount", N, "cuijiaji"),
    (35, "3年", 3, "year", "exact", "duration", N, "cuijiaji"),
    (35, "800个", 800, "greenhouse", "exact", "state", N, "cuijiaji"),
    (35, "2.3亿元", 230000000, "cny", "exact", "amount", (2020, 2020), "cuijiaji"),
    (35, "1612亩", 1612, "mu", "exact", "amount", (2020, 2020), "cuijiaji"),
    (35, "6000余亩", 6000, "mu", "over", "state", (2020, 2020), "cuijiaji"),
    (35, "1200多个", 1200, "greenhouse", "more_than", "state", (2020, 2020), "cuijiaji"),
    # ¶36 三大类; 44项; 3万余户(次); 2017至2018年…209个
    (36, "三大类", 3, "category", "exact", "amount", N, "pingdu"),
    (36, "44项", 44, "policy", "exact", "amount", N, "pingdu"),
    (36, "3万余户(次)", 30000, "household_time", "over", "amount", N, "pingdu"),
    (36, "209个", 209, "village", "exact", "amount", (2017, 2018), "pingdu"),
    # ¶37 入选《…》全国50典型案例: the book's 50 cases from the whole country (Pingdu's is one of them); 三等奖
    (37, "50", 50, "case", "exact", "amount", N, "national"),
    (37, "三等奖", 3, "prize_class", "exact", "rank", N, "pingdu"),
    # ¶38 明确了一张约束清单 (the 1 of “3721”)
    (38, "一张", 1, "list", "exact", "amount", N, "pingdu"),
]


def test_every_figure_and_no_other(figures):
    assert sorted((f["paragraph"], f["raw"]) for f in figures) == sorted((g[0], g[1]) for g in GOLDEN)


@pytest.mark.parametrize("expected", GOLDEN, ids=[f"{g[0]}:{g[1]}" for g in GOLDEN])
def test_figure_fields(figures, expected):
    paragraph, raw, value, unit, approx, kind, period, region = expected
    (f,) = [f for f in figures if (f["paragraph"], f["raw"]) == (paragraph, raw)]
    assert (f["value"], f["unit"], f["approx"], f["kind"]) == (value, unit, approx, kind)
    assert (f["period_start"], f["period_end"]) == period
    assert f["region"] == region


PART_OF = [  # child raw → parent raw, same honoree
    ("jiaozhou-office", "3.8亿元", "10.3亿元"),
    ("jiaozhou-office", "6000万元", "10.3亿元"),
    ("jiaozhou-office", "7000余人", "7万多人"),
    ("jiaozhou-office", "126名", "7万多人"),
    ("longnan-group", "7.54亿元", "8.58亿元"),
    ("longnan-group", "795名", "1.4万多名"),
    (None, "61人", "1982人"),
    ("pingdu-office", "1612亩", "6000余亩"),  # 建成占地1612亩的产业园,带动全镇形成占地6000余亩: the town's whole
]


@pytest.mark.parametrize(("honoree", "child", "parent"), PART_OF)
def test_part_of(figures, honoree, child, parent):
    assert _find(figures, honoree, child)["part_of"] == _find(figures, honoree, parent)["id"]


def test_a_figure_of_three_cities_covers_them(figures):
    # ¶4 青岛与贵州省安顺市、甘肃省陇南市及省内菏泽市心手相牵…,助力三市179.4万…脱贫: the three cities are the
    # three the sentence names after Qingdao (Qingdao is the one helping); no one of them is its region
    (f,) = [f for f in figures if f["raw"] == "179.4万"]
    assert (f["covers"], f["region"]) == (["anshun", "longnan", "heze"], None)
    assert [f["raw"] for f in figures if f["covers"]] == ["179.4万"]  # every other figure speaks for one place


def test_the_parks_land_is_part_of_the_towns_not_an_earlier_size(tables):
    # 建成占地1612亩的…产业园,带动全镇形成占地6000余亩…产业: a part of the whole town's land (part_of), not
    # what the 6000余亩 grew from (the greenhouses are: 大棚36个 → 扩大到800个 → 1200多个)
    ids = {f["raw"]: f["id"] for f in tables["figures"] if f["paragraph"] == 35}
    stock = {(c["figure"], c["within"]) for c in tables["containment"] if c["reason"] == "stock"}
    assert stock == {(ids["36个"], ids["800个"]), (ids["36个"], ids["1200多个"]), (ids["800个"], ids["1200多个"])}


def test_headline_restates_the_lead(figures):
    headline = [f for f in figures if f["paragraph"] == 1]
    assert [f["raw"] for f in headline] == ["1人", "4集体"]
    lead = {f["id"]: f for f in figures if f["paragraph"] == 2}
    assert all(f["part_of"] in lead and lead[f["part_of"]]["value"] == f["value"] for f in headline)


def test_only_those_figures_are_parts(figures):
    parts = sorted(f["raw"] for f in figures if f["part_of"])
    assert parts == sorted(["1人", "4集体", "61人", "3.8亿元", "7000余人", "6000万元", "126名", "795名", "7.54亿元",
                            "1612亩"])


# Numbers in names, dates, slogans and idioms, as a careless parser would read them. (全国50典型案例
# is a figure: 50 cases, the nation's, read as 入选全省20优秀案例 is, a bare number before a counted noun.)
NOT_FIGURES = {"1", "2", "5", "N", "3721", "8.12", "8", "一万", "两", "三", "十三", "一", "1+1", "一天", "三位",
               "三等", "2019", "2018年", "2月", "10日", "初四", "四全", "一对一", "2014"}


def test_names_dates_and_slogans_are_not_figures(figures):
    assert not {f["raw"] for f in figures} & NOT_FIGURES
    assert not [f["raw"] for f in figures if f["raw"].startswith(("19", "20")) and "年" in f["raw"]]


def test_every_raw_is_its_text_span(figures):
    from qdaid.store import bundled_sources

    text = bundled_sources()[0].read_text("utf-8")
    for f in figures:
        assert text[f["start"]:f["end"]] == f["raw"]
        assert f["raw"] in f["quote"]


def test_honorees(tables):
    honorees = {h["id"]: h for h in tables["honorees"]}
    assert list(honorees) == ["dou-zongjun", "jiaozhou-office", "longnan-group", "anshun-team", "pingdu-office"]
    dou = honorees["dou-zongjun"]
    assert (dou["name"], dou["kind"], dou["post"]) == ("窦宗君", "individual", "青岛市扶贫协作工作办公室党组书记、主任")
    assert dou["motto"] == "敢打硬仗,创新模式"
    assert dou["partner_regions"] == ["anshun", "longnan", "heze"]
    assert honorees["longnan-group"]["listed_under"] == "gansu"
    assert honorees["anshun-team"]["listed_under"] == "guizhou"
    assert honorees["jiaozhou-office"]["listed_under"] is None
    assert honorees["anshun-team"]["partner_regions"] == ["anshun"]
    assert set(honorees["jiaozhou-office"]["partner_regions"]) == {
        "zhenning", "huixian", "ningshan", "cele", "sangzhuzi", "yiling", "caoxian"}
    assert honorees["pingdu-office"]["home_region"] == "pingdu"
    assert honorees["pingdu-office"]["motto"] == "满腔热忱,执着坚守"


def test_regions_form_a_tree(tables):
    regions = {r["id"]: r for r in tables["regions"]}
    assert regions["huixian"]["parent"] == "longnan" and regions["longnan"]["parent"] == "gansu"
    assert regions["cuijiaji"]["level"] == "township" and regions["cuijiaji"]["parent"] == "pingdu"
    assert "陇南" in regions["longnan"]["aliases"]
    for needed in ("anshun", "longnan", "heze", "zhenning", "huixian", "ningshan", "cele", "sangzhuzi",
                   "yiling", "caoxian", "qingdao", "jiaozhou", "pingdu", "cuijiaji"):
        assert needed in regions


def test_events(tables):
    dated = {(e["date"], e["precision"]) for e in tables["events"]}
    for expected in [("1996", "year"), ("2013-08", "month"), ("2016-10", "month"),
                     ("2021-02-10", "day"), ("2021-02-25", "day")]:
        assert expected in dated


def test_programs(tables):
    names = {p["name"].replace("“", "").replace("”", "") for p in tables["programs"]}
    for expected in ["辣椒扶贫模式", "心耳康复·光明行动", "1+2+5+N消费扶贫模式", "产业扶贫农创体模式",
                     "3721工作体系", "组团式帮扶"]:
        assert expected in names


def test_source_metadata(tables):
    (source,) = tables["sources"]
    assert source["publisher"] == "青岛日报社/观海新闻"
    assert source["date"] == "2021-02-25"
    assert source["reporter"] == "王凯"
    assert source["editors"] == ["刘聪聪", "孙丽荣"]
