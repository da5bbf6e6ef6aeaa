"""What a terminal shows, measured as drawn: no line wider than the terminal (cells, CJK = 2)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from .terminal import on_terminal

BORDERS = "┏┃┡│└┓┩┘"


def whole_tables(lines: list[str]) -> bool:
    """Every line of a table ends with its right border: a table drawn wider than the terminal is
    cut at its edge (Rich crops the line), and loses it."""
    return all(line.rstrip()[-1] in BORDERS for line in lines if line[:1] in BORDERS and line.strip())


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_a_chart_fits_the_terminal(columns):
    # 81 rows of totals, the longest label 'industrial_parks_built industrial_park' (38 cells) and
    # totals up to '10.6亿–17.49亿元, may overlap' (30): at 40 columns each bar goes under its label
    code, screen = on_terminal(["stats", "--chart"], {"COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "xterm"})
    lines = screen.splitlines()
    assert code == 0 and len(lines) >= 81
    assert max(map(cell_len, lines)) <= columns
    assert any("10.6亿–17.49亿元, may overlap" in line for line in lines)  # totals whole, never cut


COMMANDS = [["show", "陇南"], ["show", "窦宗君"], ["search", "陇南"], ["search", "捐款"], ["list", "honorees"],
            ["list", "metrics"], ["stats"], ["stats", "--explain"], ["figures"], ["cite", "3457"], ["timeline"]]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_no_line_is_wider_than_the_terminal(columns, lang):
    """Every command's screen, measured as drawn (a table planned to fit was drawn one or two
    cells wider, and its right border and the ends of its sentences were lost)."""
    for command in COMMANDS:
        code, screen = on_terminal([*command, "--lang", lang, "--no-pager"],
                                   {"COLUMNS": str(columns), "LINES": "200", "NO_COLOR": "1", "TERM": "xterm"})
        widest = max(map(cell_len, screen.splitlines()))
        assert code == 0 and widest <= columns and whole_tables(screen.splitlines()), (command, columns, widest)


@pytest.mark.parametrize("columns", [40, 60])
def test_numbers_stay_whole_when_a_sentence_wraps(columns):
    # ¶21–¶24 of the article, in 陇南's profile: each amount whole on one line (6.35万名 was drawn
    # 【6. / 万名】); at 40 columns the figures go one a block, their sentences marked 【…】 and wrapped
    code, screen = on_terminal(["show", "陇南", "--no-pager"],
                               {"COLUMNS": str(columns), "LINES": "400", "NO_COLOR": "1", "TERM": "xterm"})
    assert code == 0
    lines = screen.splitlines()
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

    monkeypatch.setattr(render, "_fitting", lambda columns, cells, width, priority: list(columns))
    rows = [{"id": f"qdrb-20210225-0{n}", "raw": "8.58亿元", "metric": "consumption_aid", "region": "longnan",
             "period": "2017–2021", "quote": "2017年以来,陇南市累计完成消费扶贫8.58亿元"} for n in range(1000, 1003)]
    out = io.StringIO()
    render.print_table(Console(file=out, width=50, force_terminal=True, color_system=None), rows,
                       ["id", "raw", "metric", "region", "period", "quote"], priority=["id", "raw", "metric"])
    lines = out.getvalue().splitlines()
    assert max(map(cell_len, lines)) <= 50 and whole_tables(lines)
    assert "qdrb-20210225-01000" in out.getvalue() and "8.58亿元" in out.getvalue()


@pytest.mark.parametrize("columns", [60, 80])
def test_a_profile_keeps_one_set_of_columns_and_one_note(columns):
    # 陇南's figures stand in six paragraphs: each paragraph's table chose its own columns, and said so
    # (five notes); now one choice for the page
    code, screen = on_terminal(["show", "陇南", "--no-pager"],
                               {"COLUMNS": str(columns), "LINES": "400", "NO_COLOR": "1", "TERM": "xterm"},
                               merge_stderr=True)
    lines = screen.splitlines()
    headers = {tuple(cell.strip() for cell in line.split("┃") if cell.strip()) for line in lines if line.startswith("┃ id ")}
    assert code == 0 and sum("left out" in line for line in lines) <= 1 and len(headers) <= 2  # figures, programs
