"""What a terminal shows, measured as drawn, for every read command at 40, 60, 80 and 120 columns
in Chinese and English (one run of each, shared by the tests of each property): no line wider
than the terminal (cells, CJK = 2), no id or number-with-unit split across lines, one set of
columns per command, and one language per page."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest
from rich.cells import cell_len

from qdaid import model

from .terminal import on_terminal
from .test_english import outside_quotes

BORDERS = "┏┃┡│└┓┩┘"
WIDTHS = [40, 60, 80, 120]
LANGS = ["zh", "en"]
# {two}: a database of two sources, the article and a wire that restates three of its Longnan
# figures (one agrees, two do not); {draft}: test_check's draft, checked against it
COMMANDS = [("list", "honorees"), ("list", "collectives"), ("list", "regions"), ("list", "metrics"), ("list", "units"),
            ("list", "sources", "--db", "{two}"), ("show", "陇南"), ("show", "窦宗君"), ("show", "平度"), ("figures",),
            ("stats",), ("stats", "--explain"), ("stats", "--chart"), ("stats", "--by", "honoree"),
            ("search", "陇南"), ("search", "捐款"), ("search", "masks"),
            ("cite", "3457"), ("timeline",), ("check", "{draft}", "--db", "{two}", "--date", "2021-04-01")]
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WIRE = ("青岛对口帮扶陇南\n青岛赴陇南扶贫协作挂职干部工作组2017年以来组织社会各界向陇南捐款1.35亿元，"
        "在陇南帮助销售农特产品8.6亿元，带动贫困人口9.1万多人。\n")


@cache
def _files() -> dict[str, str]:
    """The wire article, the two-source database and the draft, made once for the module."""
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    from .test_check import DRAFT

    folder = Path(tempfile.mkdtemp(prefix="qdaid-screens-"))
    atexit.register(shutil.rmtree, folder, True)
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "wire.meta.json").write_text(json.dumps({"id": "wire", "title": "青岛对口帮扶陇南", "publisher": "某通讯社",
                                                       "date": "2021-03-01"}), encoding="utf-8")
    (folder / "draft.txt").write_text(DRAFT, encoding="utf-8")
    article = Path(__file__).parent.parent / "data" / "000_0077034771fe7207.txt"
    code, _ = on_terminal(["build", str(article), str(folder / "wire.txt"), "-o", str(folder / "two.json")], {})
    assert code == 0
    return {"two": str(folder / "two.json"), "draft": str(folder / "draft.txt")}


@cache
def screen(command: tuple[str, ...], columns: int, lang: str) -> tuple[list[str], str]:
    """The lines on the terminal, and the notes on stderr (a terminal too, of the same width), of
    one run."""
    notes: list[str] = []
    args = [arg.format(**_files()) if "{" in arg else arg for arg in command]
    code, shown = on_terminal([*args, "--lang", lang, "--no-pager"],
                              {"COLUMNS": str(columns), "LINES": "400", "NO_COLOR": "1", "TERM": "xterm"}, notes=notes,
                              notes_on_terminal=True)
    assert code == (1 if command[0] == "check" else 0), (command, notes)  # check: 2 figures contradicted
    return shown.splitlines(), notes[0]


def whole_tables(lines: list[str]) -> bool:
    """Every line of a table ends with its right border: a table drawn wider than the terminal is
    cut at its edge (Rich crops the line), and loses it."""
    return all(line.rstrip()[-1] in BORDERS for line in lines if line[:1] in BORDERS and line.strip())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_no_line_is_wider_than_the_terminal(columns, lang):
    """Every command's screen, measured as drawn (a table planned to fit was drawn one or two
    cells wider, and its right border and the ends of its sentences were lost)."""
    for command in COMMANDS:
        lines, notes = screen(command, columns, lang)
        widest = max(map(cell_len, lines))
        assert widest <= columns and whole_tables(lines), (command, columns, widest)
        # notes too: a terminal wraps a longer one anywhere (91 cells at 80 columns, 6.35万 cut)
        assert max(map(cell_len, notes.splitlines()), default=0) <= columns, (command, columns, notes)


# A number's end at the end of a line, and its scale, unit or digits at the start of the next:
# 6.35 / 万名, 858 / million CNY, 2 / batches, more than / 23 million.
# 8 / 倍 (a multiple) and 2021-02 / -25 (a date) too.
_NUMBER_END = re.compile(r"((?<![A-Za-z0-9_.,-])\d[\d.,]*|(?<![\w.-])\d{4}-\d\d|[≥≈近约]|more than|over|nearly|about)$")
_NUMBER_GOES_ON = re.compile(r"^([\d.,万亿千百余多元人名个户亩次批倍%]|[-–]\d|million|billion|CNY|persons?\b|masks?\b|"
                             r"households?\b|villages?\b|batch(es)?\b|mu\b|\d)")


def split_numbers(lines: list[str]) -> list[tuple[str, str]]:
    """Pairs of lines, cell by cell in a table, where a number is cut from its scale or unit (an
    id is checked by its own pattern). A table's next line continues its row when its first cell is
    empty; a line of text continues the one above when it is indented as far as that one's value."""
    found = []
    for above, below in zip(lines, lines[1:], strict=False):
        if above.count("│") == below.count("│") > 0:
            if below.split("│")[1].strip():
                continue  # a new row
            cells = list(zip(above.split("│"), below.split("│"), strict=True))
        elif len(below) - len(below.lstrip()) < _value_at(above):
            continue  # a new field, or no continuation
        else:
            cells = [(above, below)]
        for a, b in cells:
            a, b = a.strip(), b.strip()
            if a and b and _NUMBER_END.search(a) and _NUMBER_GOES_ON.match(b):
                found.append((a, b))
    return found


def _value_at(line: str) -> int:
    """Where a `field  value` line's value starts (a page's facts, a record a block): its
    continuation lines are indented so far."""
    match = re.match(r"\s*\S+  ", line)
    return match.end() if match else 0


def test_split_numbers_sees_a_split():
    assert split_numbers(["│ x │ 【6. │", "│   │ 35万名】 │"]) and split_numbers(["  raw  x 858", "       million CNY"])
    assert split_numbers(["│ x │ Cadres dispatched 2 │", "│   │ batches │"])
    assert split_numbers(["│ x │ 是2018年的8 │", "│   │ 倍;与退役 │"])
    assert split_numbers(["      发布  青岛日报社/观海新闻 2021-02", "            -25"])
    assert not split_numbers(["│ x │ 2016年10月 │", "│   │ 中央确定 │"])
    assert not split_numbers(["│ a │ 2018 │", "│ b │ 2019 │"])  # two rows
    assert not split_numbers(["  file  x.txt  sha256", "        5e68b1c8d42b1bb3…"])  # a word, then a hash


ID = re.compile(r"qdrb-[0-9e-]*")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", WIDTHS)
def test_ids_and_numbers_stay_whole(columns, lang):
    for command in COMMANDS:
        lines, notes = screen(command, columns, lang)
        for token in ID.findall("\n".join(lines)):  # every id whole: qdrb-20210225, qdrb-20210225-03457, …-e04037
            assert re.fullmatch(r"qdrb-20210225(-e?\d{5})?", token), (command, columns, token)  # a source, a figure
        assert split_numbers(lines) == [], (command, columns)
        wrapped = [line.strip() for line in notes.splitlines()]  # a note's lines: each goes on from the one above
        assert [(a, b) for a, b in zip(wrapped, wrapped[1:], strict=False)
                if _NUMBER_END.search(a) and _NUMBER_GOES_ON.match(b)] == [], (command, columns, notes)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", [60, 80])
def test_one_set_of_columns_and_one_note_per_command(columns, lang):
    # 陇南's figures stand in six paragraphs: each paragraph's table chose its own columns, and said so
    # (five notes); now one choice for the page
    for command in COMMANDS:
        lines, notes = screen(command, columns, lang)
        assert sum(("left out" in line or "未显示" in line) for line in notes.splitlines()) <= 1, command
        headers = {tuple(cell.strip() for cell in line.split("┃") if cell.strip())
                   for line in lines if line.startswith("┃ id ")}
        assert len(headers) <= (2 if command[0] == "show" else 1), (command, headers)  # figures, programs


def unquoted_chinese(text: str) -> list[str]:
    """The Chinese outside quotations, read column by column (a table's cell may wrap a quotation
    over several lines; a quotation never spans two columns)."""
    columns: dict[int, list[str]] = {}
    for line in text.splitlines():
        parts = line.split("│") if line.count("│") > 1 else [line]
        for i, part in enumerate(parts):
            columns.setdefault(i if len(parts) > 1 else -1, []).append(part.strip())
    return [found for column in columns.values() for found in HAN.findall(outside_quotes("\n".join(column)))]


def test_unquoted_chinese_sees_it():
    assert unquoted_chinese("a “陇南” b\n│ “陇 │ x │\n│ 南” │ y │") == []
    assert unquoted_chinese("│ 陇南 │ x │") and unquoted_chinese("name 陇南")


@pytest.mark.parametrize("columns", WIDTHS)
def test_english_pages_have_no_chinese_outside_quotations(columns):
    for command in COMMANDS:
        lines, notes = screen(command, columns, "en")
        assert unquoted_chinese("\n".join(lines) + "\n" + notes) == [], (command, columns)


@cache
def slugs() -> set[str]:
    """Metric slugs, unit ids and region ids the databases of the matrix use (and the draft's),
    less the field names -F takes (a header or a note may name them: honorees is a metric and a
    column)."""
    from typer.testing import CliRunner

    from qdaid.cli import app

    run = CliRunner()
    metrics, regions = set(), set()
    for db in ([], ["--db", _files()["two"]]):
        metrics |= {r["metric"] for r in json.loads(run.invoke(app, ["list", "metrics", "-f", "json", *db]).stdout)}
        metrics |= {r["unit"] for r in json.loads(run.invoke(app, ["list", "units", "-f", "json", *db]).stdout)}
        regions |= {r["id"] for r in json.loads(run.invoke(app, ["list", "regions", "-f", "json", *db]).stdout)}
    checked = run.invoke(app, ["check", _files()["draft"], "--db", _files()["two"], "-f", "json"]).stdout
    metrics |= {r[key] for r in json.loads(checked) for key in ("metric", "unit")}  # the draft's 12座: buildings
    fields = {f for table in model.SCHEMA.values() for f in table} | {"count", "honorees", "total", "excluded"}
    return (metrics | regions) - fields


# Columns (and a page's fact labels) that hold ids: the one place a slug or region id may stand.
ID_COLUMNS = {"id", "headline", "part_of", "figure_ids", "excluded_ids", "excluded_because", "编号", "数字"}
LIST_IDS = {("list", "metrics"): "metric", ("list", "units"): "unit"}


def outside_id_columns(lines: list[str], ids: set[str]) -> list[str]:
    """The text of the lines but for headers and the cells of id columns (a table's, or a record's
    `field  value` lines)."""
    kept, header, field, at = [], [], "", 0
    for line in lines:
        if line.startswith("┃"):
            header = [cell.strip() for cell in line.strip("┃").split("┃")]
            continue
        cells = line.split("│")
        if len(cells) > 2 and len(cells) - 2 == len(header):
            kept.append(" ".join(c for name, c in zip(header, cells[1:-1], strict=True) if name not in ids))
            continue
        if not line.strip() or len(line) - len(line.lstrip()) < at or not at:  # not a continuation: a field
            field, at = (line.split()[:1] or [""])[0], _value_at(line)
        if field not in ids:
            kept.append(line)
    return kept


@pytest.mark.parametrize("columns", WIDTHS)
def test_chinese_pages_name_things_in_chinese(columns):
    """No metric slug (consumption_aid) or pinyin region id (longnan) outside id columns and headers:
    消费扶贫, 陇南市. An id of another kind (longnan-group) is one word, and no region id."""
    for command in COMMANDS:
        lines, notes = screen(command, columns, "zh")
        ids = ID_COLUMNS | {LIST_IDS.get(command, "id")}
        words = set(re.findall(r"[A-Za-z0-9][\w.\-]*", "\n".join(outside_id_columns(lines, ids)) + "\n" + notes))
        assert words & slugs() == set(), (command, columns, sorted(words & slugs()))


def test_a_chart_fits_the_terminal():
    # 81 rows of totals, the longest label 'industrial_parks_built industrial_park' (38 cells) and
    # totals up to '12.63亿–17.49亿元，可能重复' (31; consumption aid: tests/test_totals_lower_end.py): at 40
    # columns each bar goes under its label
    for columns in WIDTHS:
        lines, _ = screen(("stats", "--chart"), columns, "zh")
        assert len(lines) >= 81 and max(map(cell_len, lines)) <= columns
        assert any("12.63亿–17.49亿元，可能重复" in line for line in lines)  # totals whole, never cut


@pytest.mark.parametrize("columns", [40, 60])
def test_numbers_stay_whole_when_a_sentence_wraps(columns):
    # ¶21–¶24 of the article, in 陇南's profile: each amount whole on one line (6.35万名 was drawn
    # 【6. / 万名】); at 40 columns the figures go one a block, their sentences marked 【…】 and wrapped
    lines, _ = screen(("show", "陇南"), columns, "zh")
    for amount in ("6.35万名", "8.58亿元", "49.25万个", "71600元"):
        marked = f"【{amount}】" if columns == 40 else amount
        assert any(marked in line for line in lines), marked


def test_a_table_planned_too_wide_is_narrowed_as_drawn(monkeypatch):
    """The plan is an estimate (text at 12 cells, ids at their widest); what is drawn is measured.
    Given a plan that keeps every column, the table drawn at 50 columns still fits: the least
    important columns go until it does."""
    import io

    from rich.console import Console

    from qdaid import render

    monkeypatch.setattr(render, "_fitting", lambda columns, cells, width, priority, **_: list(columns))
    rows = [{"id": f"qdrb-20210225-0{n}", "raw": "8.58亿元", "metric": "consumption_aid", "region": "longnan",
             "period": "2017–2021", "quote": "2017年以来,陇南市累计完成消费扶贫8.58亿元"} for n in range(1000, 1003)]
    out = io.StringIO()
    render.print_table(Console(file=out, width=50, force_terminal=True, color_system=None), rows,
                       ["id", "raw", "metric", "region", "period", "quote"], priority=["id", "raw", "metric"])
    lines = out.getvalue().splitlines()
    assert max(map(cell_len, lines)) <= 50 and whole_tables(lines)
    assert "qdrb-20210225-01000" in out.getvalue() and "8.58亿元" in out.getvalue()


def test_wrap_keeps_numbers_ids_and_hashes_whole():
    from qdaid.wrapping import wrap

    # at 6 cells every token stands alone, so the tokens show: 2批 and 35名 (¶20's 先后选派2批35名干部) two
    # figures; a hash and a program id one word each (not 5 + e68…, 372 + 1gongzuotixi); an English
    # amount with its unit and its comma
    lines = wrap("选派2批35名 5e68b1c8d42b1bb3 3721gongzuotixi 858 million CNY, 2 batches", 6)
    assert lines == ["选派", "2批", "35名", "5e68b1c8d42b1bb3", "3721gongzuotixi", "858 million CNY,", "2 batches"]
    # a multiple with its 倍 and a date whole (search 陇南 at 120 columns drew 8 / 倍; cite 3457 at 40, 2021-02 / -25)
    assert wrap("是2018年的8倍;", 6) == ["是", "2018年", "的8倍;"]
    assert wrap("观海新闻 2021-02-25", 14) == ["观海新闻", "2021-02-25"]
    # the article's other measure words after a number: ¶22's 120吨 (物资), durations in days and months,
    # 公斤 of two characters; at 4 cells each number stands with its unit
    assert wrap("物资120吨棉被3000条30天12个月5公斤", 4) == ["物资", "120吨", "棉被", "3000条", "30天", "12个", "月", "5公斤"]


@pytest.mark.parametrize("columns", [40, 50])
def test_a_citation_wraps_its_facts_between_whole_amounts(columns):
    # ¶10's 捐款款物2300多万元 cited in English: its value line wraps under itself, the amount whole
    lines, _ = screen(("cite", "1553"), columns, "en")
    assert any("more than 23 million CNY" in line for line in lines), lines


def test_a_column_that_fits_is_kept():
    """¶35 of the article as 平度's profile shows it, at 80 columns: id, raw, value, metric and a
    context of 20 cells fit (1 + 22 + 13 + 15 + 11 + 18 = 80). Rich's own narrowing took a cell
    or two from every column, gave the ids and amounts theirs back, and drew 82: the context was
    left out where it had room."""
    import io

    from rich.console import Console

    from qdaid import render

    sentence = "其中崔家集镇统筹6个贫困村540万元扶贫资金,联村建设西红柿大棚36个,短短3年时间扩大到800个"
    rows = [{"id": "qdrb-20210225-05380", "raw": "3万余户(次)", "value": 1200, "unit": "greenhouse", "approx": "more_than",
             "metric": "占地面积", "context": sentence}]
    out = io.StringIO()
    con = Console(file=out, width=80, force_terminal=True, color_system=None)
    render.print_table(con, rows, ["id", "raw", "value", "metric", "context"], amounts={"value": "unit"},
                       numeric=("value",), priority=["id", "raw", "value", "metric", "context"])
    lines = out.getvalue().splitlines()
    assert "context" in lines[1] and max(map(cell_len, lines)) <= 80 and whole_tables(lines)


def test_a_list_of_sources_shows_its_counts_at_80_columns():
    # the counts are what list sources is for: at 80 the publisher goes, not figures/confirmed/disputed
    for lang in LANGS:
        lines, notes = screen(("list", "sources", "--db", "{two}"), 80, lang)
        header = next(line for line in lines if line.startswith("┃"))
        assert all(c in header for c in ("figures", "confirmed", "disputed")), (lang, header, notes)


@pytest.mark.parametrize("lang", LANGS)
def test_a_note_wraps_between_whole_tokens(lang):
    from qdaid.messages import message
    from qdaid.wrapping import hanging

    note = message("may_count_twice", lang, n=5) + " 6.35万名 858 million CNY qdrb-20210225-03457"
    for width in (30, 40, 60):
        lines = hanging(note, width)
        assert max(map(cell_len, lines)) <= width and len(lines) > 1
        for token in ("total_min–total_max", "--explain", "6.35万名", "858 million CNY", "qdrb-20210225-03457"):
            assert any(token in line for line in lines), (token, lines)
        indent = cell_len(lines[0]) - cell_len(lines[0].split("：" if lang == "zh" else ": ", 1)[1])
        assert all(line.startswith(" " * indent) for line in lines[1:])  # under the text, not the 注：
    # a path is one word: build's "wrote …" broke at its slashes
    assert "/tmp/qdaid/my.json:" in "\n".join(hanging("wrote /tmp/qdaid/my.json: 2 sources, 5 honorees", 20))


def test_lists_name_honorees_and_sources_in_the_pages_language(cli):
    # list metrics showed honoree ids (longnan-group) in its honorees column on a Chinese page; list
    # sources quoted the Chinese title on an English one, where cite gives the English title
    zh = cli("list", "metrics", "-f", "md", "-F", "metric,honorees").stdout
    en = cli("list", "metrics", "-f", "md", "-F", "metric,honorees", "--lang", "en").stdout
    assert "青岛赴陇南扶贫协作挂职干部工作组" in zh and "longnan-group" not in zh
    assert "Working Group of Qingdao Cadres Seconded to Longnan" in en and "longnan-group" not in en
    en = cli("list", "sources", "-f", "md", "--lang", "en").stdout
    assert "Their stories: one person and four collectives" in en and "Qingdao Daily / Guanhai News" in en


def test_a_group_of_no_honoree_or_no_year_is_named(cli):
    # stats --by honoree / --by year left the cell blank for the report's own figures (1982 honorees
    # nationwide) and for undated ones: read as the row above's honoree or year
    for by, zh, en in (("honoree", "（报道本身）", "(the report itself)"), ("year", "未注明", "undated")):
        for lang, said in (("zh", zh), ("en", en)):
            for fmt in ("table", "md"):
                page = cli("stats", "--by", by, "-f", fmt, "--lang", lang).stdout
                assert said in page, (by, lang, fmt)
        assert zh not in cli("stats", "--by", by, "-f", "csv").stdout  # machine formats: empty, as ever
    chart = cli("stats", "--by", "honoree", "--chart").stdout
    assert "（报道本身） 表彰对象" in chart


EXPLAINED = ("honorees", "period", "figure_ids", "excluded_ids", "excluded_because")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("columns", [80, 100])
def test_stats_explain_never_leaves_its_explanation_out(columns, lang):
    # at 80 columns the table left out honorees, period, figure_ids, excluded_ids and excluded_because
    # (a note said so), at 100 and 120 figure_ids: the explanation --explain asks for. Where its
    # columns do not fit as a table, each total is a block of `field  value` lines, as at 40 and 60
    lines, notes = screen(("stats", "--explain"), columns, lang)
    assert "未显示" not in notes and "left out" not in notes, notes
    header = next((line for line in lines if line.startswith("┃")), None)
    if header is not None:
        assert all(f" {field} " in header for field in EXPLAINED), header
        return
    fields = [m.group(1) for line in lines if (m := re.match(r"\s*([a-z_]+)  ", line))]
    blocks = fields.count("metric")
    assert blocks >= 30 and all(fields.count(field) == blocks for field in EXPLAINED), (blocks, fields[:20])
    assert "qdrb-20210225-03457" in "\n".join(lines)  # 8.58亿元, among consumption_aid's figure_ids


@pytest.mark.parametrize("columns", [40, 48, 52, 80])
def test_a_profile_keeps_its_section_headings_when_records_stand_one_a_block(columns):
    # 平度 (¶32–38): its figures in sections by paragraph, then the other figures (durations …)
    # and its programmes; at 40–52 columns a section's rows stand one record a block, and each
    # section's heading was dropped there (the records of ¶34 and ¶35 ran together)
    lines, _ = screen(("show", "平度"), columns, "zh")
    headings = [line.strip() for line in lines]
    for heading in ("第34段", "第35段", "第36段", "第37段", "第38段", "其他数字：时长等", "项目与模式"):
        assert heading in headings, (columns, heading)
