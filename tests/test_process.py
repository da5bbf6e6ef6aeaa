"""Real processes: what qdaid prints into a pipe and onto a terminal (a pseudo-terminal here)."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from decimal import Decimal

import pytest

from . import terminal
from .terminal import QDAID


def run(*args, env=None, **kwargs):
    environment = {k: v for k, v in os.environ.items() if k != "QDAID_FORMAT"}
    environment.update(env or {})
    return subprocess.run([*QDAID, *args], capture_output=True, env=environment, timeout=60, **kwargs)


def on_terminal(*args, env=None, columns=120) -> tuple[int, str]:
    """Run with stdout on a pseudo-terminal; return the exit code and what the terminal shows."""
    # No pager unless a test asks for one: less would wait for a key on this terminal.
    return terminal.on_terminal(list(args), {"COLUMNS": str(columns), "TERM": "xterm-256color", "QDAID_PAGER": "",
                                             **(env or {})})


def test_a_pipe_gets_csv():
    result = run("figures", "--region", "longnan")
    # stderr holds notes only: the figures of no single place a place filter leaves out
    assert result.returncode == 0 and result.stderr.startswith("注：".encode()) and result.stderr.count(b"\n") == 1
    parsed = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"))))
    assert parsed and {r["region"] for r in parsed} == {"longnan", "huixian"}
    assert b"\x1b[" not in result.stdout and b"\r\n" not in result.stdout


def test_a_terminal_gets_a_table():
    code, screen = on_terminal("stats", "--region", "longnan", "--metric", "consumption_aid")
    assert code == 0
    assert "8.58亿元" in screen and "消费扶贫" in screen
    assert "metric,unit,count" not in screen


def test_no_color_means_no_escape_codes():
    code, screen = on_terminal("figures", "--honoree", "pingdu", env={"NO_COLOR": "1"})
    assert code == 0 and "\x1b[" not in screen and "2.3亿元" in screen


def test_narrow_terminal_cuts_nothing_off():
    # One column at a time, so the folded lines of a cell can be read back in order.
    # Each value in its natural unit: 11.0436亿元 stands beside 1707万元 (longnan's) as the text writes it.
    for field, expected in (("quote", "累计争取青岛市财政帮扶资金11.0436亿元援助安顺脱贫攻坚"), ("value", "11.0436亿元"),
                            ("id", "qdrb-20210225-04306")):
        code, screen = on_terminal("figures", "--metric", "fiscal_aid", "-F", field, columns=24, env={"NO_COLOR": "1"})
        assert code == 0 and "…" not in screen
        assert max(len(line) for line in screen.splitlines()) <= 40
        assert expected in "".join(ch for ch in screen if ch not in "│ \n┃┏┓┗┛━─┡┩└┘┌┐╇╋┳┻├┤┬┴┼")


def test_format_env_and_empty_result_note():
    import json

    result = run("figures", "--min", "1e15", env={"QDAID_FORMAT": "json"})
    assert result.returncode == 0 and json.loads(result.stdout) == []
    result = run("figures", "--metric", "consumption_aid", "-F", "id,value", env={"QDAID_FORMAT": "jsonl"})
    assert [json.loads(line)["value"] for line in result.stdout.splitlines()][:1] == [1060000000]  # 10.6亿元, the first
    code, screen = on_terminal("figures", "--min", "1e15")
    assert code == 0 and screen.strip() == ""


def test_bundled_database_found_from_any_directory(tmp_path):
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_shell_completion_offers_names_from_the_database():
    result = run(env={"_QDAID_COMPLETE": "complete_bash", "COMP_WORDS": "qdaid figures --region lo", "COMP_CWORD": "3"})
    assert result.stdout.decode().split() == ["longnan"]
    result = run(env={"_QDAID_COMPLETE": "complete_bash", "COMP_WORDS": "qdaid show an", "COMP_CWORD": "2"})
    assert result.stdout.decode().split() == ["anshun-team"]


ID = re.compile(r"qdrb-[0-9e-]*")


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("command", [["figures", "--region", "longnan"], ["stats", "--region", "longnan"],
                                     ["show", "窦宗君"], ["timeline", "--honoree", "anshun-team"],
                                     ["stats", "--metric", "consumption_aid", "--explain"],
                                     ["show", "窦宗君", "--lang", "en"], ["stats", "--region", "longnan", "--lang", "en"],
                                     ["cite", "qdrb-20210225-03457", "--lang", "en"]])
def test_narrow_terminals_never_split_an_id_or_a_number(command, columns):
    code, screen = on_terminal(*command, columns=columns, env={"NO_COLOR": "1"})
    assert code == 0
    assert max(len(line) for line in screen.splitlines()) <= max(columns, 40) + 2 or columns < 40
    for token in ID.findall(screen):  # every id on screen is whole: qdrb-20210225-03457 or …-e04037
        assert re.fullmatch(r"qdrb-20210225-e?\d{5}", token), (token, screen)
    if command[0] == "figures":  # the value column alone (the raw column would show 8.58亿元 anyway)
        code, screen = on_terminal(*command, "-F", "id,value,unit", columns=columns, env={"NO_COLOR": "1"})
        rows = list(csv.DictReader(io.StringIO(run(*command, "-F", "id,value,unit,approx,raw", "-f",
                                                   "csv").stdout.decode())))
        from qdaid.amounts import chinese_amount

        lines = screen.splitlines()
        shown = set()
        for row in rows:  # each amount in its natural unit, the text's approximation kept
            amount = chinese_amount(Decimal(row["value"]), row["unit"], "zh", row["approx"], row["raw"])
            shown.add(amount)
            assert any(row["id"] in line and amount in line for line in lines), row  # whole, on the id's line
        assert {"8.58亿元", "2300多万元"} <= shown and "85800万元" not in shown  # no scale per column


@pytest.fixture
def recording_pager(tmp_path):
    """A pager that records what it was given (and that it ran) instead of showing it."""
    script = tmp_path / "pager.py"
    got = tmp_path / "paged.txt"
    script.write_text(f"import os, sys\nopen({str(got)!r}, 'w', encoding='utf-8').write(sys.stdin.read())\n"
                      f"open({str(got) + '.env'!r}, 'w').write(os.environ.get('LESSCHARSET', '') + ' ' + "
                      "os.environ.get('LESS', ''))\n")
    return f"{sys.executable} {script}", got


def test_a_long_table_on_a_terminal_goes_through_the_pager(recording_pager):
    command, got = recording_pager
    # 141 figures are far longer than a 24-line screen.
    code, screen = on_terminal("figures", "-F", "id,raw", env={"QDAID_PAGER": command, "LINES": "24"})
    assert code == 0 and got.exists()
    paged = got.read_text("utf-8")
    assert "qdrb-20210225-04306" in paged and "11.0436亿元" in paged  # the whole table, drawn for the terminal
    assert "qdrb-20210225-04306" not in screen  # it went to the pager, not past it
    # The page is UTF-8 (less is told so, whatever the locale), and less quits if it fits: LESS=FRX.
    assert got.with_name(got.name + ".env").read_text() == "utf-8 FRX"


def test_no_pager_short_output_and_pipes_print_directly(recording_pager, tmp_path):
    command, got = recording_pager
    code, screen = on_terminal("figures", "-F", "id,raw", "--no-pager", env={"QDAID_PAGER": command, "LINES": "24"})
    assert code == 0 and not got.exists() and "qdrb-20210225-04306" in screen
    code, screen = on_terminal("stats", "--metric", "fiscal_aid", env={"QDAID_PAGER": command, "LINES": "40"})
    assert code == 0 and not got.exists() and "财政帮扶资金" in screen  # fits the screen: no pager
    result = run("figures", env={"QDAID_PAGER": command})
    assert result.returncode == 0 and not got.exists()  # a pipe is never paged
    code, screen = on_terminal("figures", "-F", "id", env={"PAGER": command, "LINES": "24", "QDAID_PAGER": ""})
    assert not got.exists()  # an empty QDAID_PAGER turns the pager off, whatever PAGER says


def test_a_pipe_never_reads_the_pager_setting():
    """A $PAGER that cannot be read as a command is an error only where a pager would be used."""
    result = run("figures", "--region", "longnan", "-f", "csv", env={"PAGER": '"less', "QDAID_PAGER": '"less'})
    assert result.returncode == 0 and result.stdout.startswith(b"id,") and b"pager" not in result.stderr
    code, screen = on_terminal("figures", "-F", "id", env={"QDAID_PAGER": '"less', "LINES": "24"})
    assert code == 2  # on a terminal the pager is looked for, and this one cannot be read (a usage error)


def test_a_pager_that_cannot_start_prints_directly():
    code, screen = on_terminal("figures", "-F", "id", env={"QDAID_PAGER": "/nonexistent/pager", "LINES": "24"})
    assert code == 0 and "qdrb-20210225-04306" in screen
