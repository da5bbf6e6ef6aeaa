"""What a terminal shows, measured as drawn: no line wider than the terminal (cells, CJK = 2)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from .terminal import on_terminal


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_a_chart_fits_the_terminal(columns):
    # 81 rows of totals, the longest label 'industrial_parks_built industrial_park' (38 cells) and
    # totals up to '10.6亿–17.49亿元, may overlap' (30): at 40 columns each bar goes under its label
    code, screen = on_terminal(["stats", "--chart"], {"COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "xterm"})
    lines = screen.splitlines()
    assert code == 0 and len(lines) >= 81
    assert max(map(cell_len, lines)) <= columns
    assert any("10.6亿–17.49亿元, may overlap" in line for line in lines)  # totals whole, never cut
