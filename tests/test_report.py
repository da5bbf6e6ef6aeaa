"""The evidence report, parsed: every figure anchored and marked at its offsets, totals equal to
`qdaid stats`, nothing fetched from elsewhere; then in a real browser (headless Chromium); and
the Datasette bridge through Datasette's own test client."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from qdaid import store


class Page(HTMLParser):
    """ids, marks (id, text), the article's paragraphs, totals rows' data, table rows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.marks: list[list] = []
        self.paragraphs: list[str] = []
        self.totals: list[dict] = []
        self.rows: list[dict] = []
        self.urls: list[str] = []
        self._section = None
        self._in_p = self._in_mark = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        self.urls += [v for k, v in attrs if k in ("href", "src", "action") and v and not v.startswith("#")]
        if tag == "section":
            self._section = a.get("id")
        if self._section == "article" and tag == "p":
            self._in_p = True
            self.paragraphs.append("")
        if tag == "mark":
            self._in_mark = True
            self.marks.append([a["id"], "", len(self.paragraphs) - 1, len(self.paragraphs[-1])])
        if tag == "tr" and "data-total" in a:
            self.totals.append({k[5:].replace("-", "_"): v for k, v in a.items() if k.startswith("data-")})
        if tag == "tr" and "data-metric" in a and "data-total" not in a:
            self.rows.append(a)

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_p = False
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._in_p:
            self.paragraphs[-1] += data
        if self._in_mark:
            self.marks[-1][1] += data


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[str, Path]:
    from typer.testing import CliRunner

    from qdaid.cli import app

    target = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(app, ["report", "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target.read_text("utf-8"), target


def parse(text: str) -> Page:
    parser = Page()
    parser.feed(text)
    return parser


def test_every_figure_is_an_anchor_once_and_marked_at_its_offsets(page, figures):
    parsed = parse(page[0])
    ids = [f["id"] for f in figures]
    assert all(parsed.ids.count(i) == 1 for i in ids)
    assert [m[0] for m in parsed.marks] == sorted(ids, key=lambda i: next(f["start"] for f in figures if f["id"] == i))
    text = store.bundled_sources()[0].read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    assert parsed.paragraphs == lines  # the article, whole and unchanged
    line_start = {}
    at = 0
    for n, line in enumerate(text.splitlines(keepends=True)):
        line_start[n] = at
        at += len(line)
    nonblank = [n for n, line in enumerate(text.splitlines()) if line.strip()]
    by_id = {f["id"]: f for f in figures}
    for figure_id, mark_text, paragraph, offset in parsed.marks:
        f = by_id[figure_id]
        assert mark_text == f["raw"]
        assert line_start[nonblank[paragraph]] + offset == f["start"]  # the mark sits at the figure's offsets


def test_totals_are_the_stats_totals(page, cli):
    parsed = parse(page[0])
    stats = json.loads(cli("stats", "-f", "json").stdout)
    shown = [(r["metric"], r["unit"], r["total"], r["total_min"], r["total_max"], r["excluded"]) for r in parsed.totals]
    assert shown == [(r["metric"], r["unit"], *("" if r[k] is None else str(r[k]) for k in ("total", "total_min",
                                                                                          "total_max")),
                      str(r["excluded"])) for r in stats]


def test_self_contained_small_and_semantic(page):
    text = page[0]
    assert len(text.encode("utf-8")) < 1_000_000
    assert parse(text).urls == []  # no link but the source's own (the bundled one has none)
    assert not re.search(r"https?://|url\(|@import|<link|<img", text)
    assert "<th scope=\"col\">" in text and "<label>" in text and "<mark " in text and "@media print" in text


def test_filters_and_english(cli, tmp_path, figures):
    target = tmp_path / "pingdu.html"
    assert cli("report", "--honoree", "pingdu", "--lang", "en", "-o", target).exit_code == 0
    parsed = parse(target.read_text("utf-8"))
    assert {r["data-honoree"] for r in parsed.rows} == {"pingdu-office"}
    assert len(parsed.rows) == sum(f["honoree"] == "pingdu-office" for f in figures)
    assert '<html lang="en"' in target.read_text("utf-8") and "Every figure" in target.read_text("utf-8")
    assert cli("report", "--lang", "fr", "-o", tmp_path / "x.html").exit_code == 2


# ---- in a real browser -----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium: .ci/run installs Debian's package")


def chromium(*args, timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--enable-logging=stderr", "--v=0", *args], capture_output=True, text=True, timeout=timeout)


@needs_chromium
def test_the_page_runs_and_filters_in_a_browser(page, figures):
    url = page[1].as_uri()
    result = chromium("--dump-dom", url + "#filter=honoree:pingdu-office")
    assert 'data-ready="yes"' in result.stdout, result.stderr[-2000:]
    assert f'data-visible-rows="{sum(f["honoree"] == "pingdu-office" for f in figures)}"' in result.stdout
    assert "Uncaught" not in result.stderr and "SyntaxError" not in result.stderr
    whole = chromium("--dump-dom", url)
    assert f'data-visible-rows="{len(figures)}"' in whole.stdout
    render = int(re.search(r'data-render-ms="(\d+)"', whole.stdout)[1])
    assert render < 1000


@needs_chromium
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_fits_a_phone_and_its_tables_scroll_inside_it(cli, tmp_path, lang):
    # a phone's 585 px: the totals table (cells kept whole) and the figures table scroll in their
    # own boxes, the filters' names (the English honoree names are long) fit; the whole page
    # scrolled sideways (1492 px wide in the English report)
    target = tmp_path / f"{lang}.html"
    assert cli("report", "-o", target, "--lang", lang).exit_code == 0
    result = chromium("--dump-dom", "--window-size=585,900", target.as_uri())
    width = re.search(r'data-page-width="(\d+)"', result.stdout)
    assert width is not None, result.stderr[-2000:]
    assert int(width[1]) <= 585


def _distinct_bytes(png: bytes) -> int:
    """How varied the picture's pixels are (a blank page decompresses to a few byte values)."""
    data, at = b"", 8
    while at < len(png):
        length = int.from_bytes(png[at:at + 4], "big")
        kind = png[at + 4:at + 8]
        if kind == b"IDAT":
            data += png[at + 8:at + 8 + length]
        at += 12 + length
    return len(set(zlib.decompress(data)))


@needs_chromium
def test_a_screenshot_is_not_blank(page, tmp_path):
    shot = tmp_path / "shot.png"
    result = chromium(f"--screenshot={shot}", "--window-size=1280,1600", "--hide-scrollbars", page[1].as_uri())
    assert shot.exists(), result.stderr[-2000:]
    assert _distinct_bytes(shot.read_bytes()) > 50


# ---- Datasette -------------------------------------------------------------------------------

def test_datasette_serves_the_totals_qdaid_computes(cli, tmp_path):
    datasette = pytest.importorskip("datasette.app")
    folder = tmp_path / "site"
    assert cli("export", "datasette", folder).exit_code == 0
    metadata = json.loads((folder / "metadata.json").read_text("utf-8"))
    ds = datasette.Datasette([str(folder / "qdaid.db")], metadata=metadata)

    async def get(path):
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text[:500]
        return response.json()

    rows = asyncio.run(get("/qdaid/overlap_aware_totals.json?metric=&_shape=array"))
    stats = json.loads(cli("stats", "-f", "json").stdout)
    keys = ("metric", "unit", "count", "total", "total_min", "total_max", "excluded")
    # the same totals; stats gives them in the reader's order (order.arrange), the view by name
    assert sorted(tuple(r[k] for k in keys) for r in rows) == sorted(tuple(s[k] for k in keys) for s in stats)
    overlaps = {(s["metric"], s["unit"]): s["overlap_possible"] for s in stats}
    assert all(bool(r["overlap_possible"]) == overlaps[(r["metric"], r["unit"])] for r in rows)
    gansu = asyncio.run(get("/qdaid/figures_in_region.json?region=gansu&_shape=array"))
    assert {r["id"] for r in gansu} == {f["id"] for f in json.loads(cli("figures", "--region", "gansu", "-f",
                                                                            "json").stdout)}
    table = asyncio.run(get("/qdaid/figures.json?_facet=honoree&_size=0"))
    assert {f["value"] for f in table["facet_results"]["honoree"]["results"] if f["value"]} >= {"pingdu-office"}
    assert metadata["databases"]["qdaid"]["tables"]["figures"]["facets"][:3] == ["honoree", "region", "metric"]


class Shown(HTMLParser):
    """What a reader sees of the page, as text runs: the text (not the script, the style, the
    article's blockquote when `quoted` leaves quotations out, or the cells of id columns) and the
    tooltips (data-tip, aria-label, title)."""

    VOID = {"br", "meta", "input", "img", "hr", "rect", "text"}

    def __init__(self, quoted: bool = False):
        super().__init__(convert_charrefs=True)
        self.runs: list[str] = []
        self.hidden: list[bool] = []
        self.quoted = quoted

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.runs += [v for k, v in attrs if k in ("data-tip", "aria-label", "title") and v]
        if tag not in self.VOID:
            self.hidden.append(tag in ("script", "style") or (tag == "blockquote" and self.quoted)
                               or (tag == "td" and a.get("class") == "id"))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.hidden:
            self.hidden.pop()

    def handle_data(self, data):
        if not any(self.hidden):
            self.runs.append(data)


def test_the_english_report_is_in_english(cli, tmp_path):
    from .test_english import HAN, outside_quotes

    target = tmp_path / "en.html"
    assert cli("report", "--lang", "en", "-o", target).exit_code == 0
    shown = Shown(quoted=True)
    shown.feed(target.read_text("utf-8"))
    chinese = [run for run in shown.runs if HAN.search(outside_quotes(run))]
    assert chinese == []  # title, publisher, names, mottos, amounts, tooltips: the article alone is quoted
    text = "\n".join(shown.runs)
    assert "Qingdao Daily / Guanhai News" in text and "26 regions" in text and "Dou Zongjun" in text
    assert "1.06 billion CNY" in text and "(may overlap)" not in text  # 10.6亿元; the interval says it once


def test_the_chinese_report_names_things_in_chinese(page):
    from .test_screens import slugs

    shown = Shown()
    shown.feed(page[0])
    words = {w for run in shown.runs for w in re.findall(r"[A-Za-z0-9][\w.\-]*", run)}
    assert words & slugs() == set()  # consumption_aid and longnan only in id cells and attributes
    assert "消费扶贫" in "".join(shown.runs) and "陇南市" in "".join(shown.runs)


def test_ids_periods_and_marks_keep_whole_and_apart(page):
    text = page[0]
    # every figure id and period cell is unbroken (white-space: nowrap); so is each amount as written
    assert re.search(r"td\.id,td\.whole\{white-space:nowrap\}", text) and "td.num{text-align:right;white-space:nowrap}" in text
    assert re.search(r'<td class="id"><a href="#qdrb-20210225-03457">', text)
    assert '<td class="num">2017–2021</td>' in text
    # 先后选派2批35名干部 (¶20): two figures, two marks, the second set apart from the first
    assert re.search(r">2批</mark><mark id=\"[^\"]+\" class=\"adjacent\"[^>]*>35名</mark>", text)
    assert "mark.adjacent{margin-left" in text


def test_bars_compare_one_unit(page):
    parsed = parse(page[0])
    rows = re.findall(r'<tr data-metric="([^"]+)" data-unit="([^"]+)"[^>]*>(.*?)</tr>', page[0])
    bars = {(metric, unit): "<svg" in cells for metric, unit, cells in rows}
    assert bars[("consumption_aid", "cny")] and bars[("donations_cash", "cny")]  # yuan beside yuan
    assert not bars[("aircraft", "helicopter")]  # 一架直升机: alone in its unit, nothing to compare with
    assert len(parsed.totals) == len(rows)


def test_report_never_replaces_a_file_that_is_not_a_report_without_force(cli, tmp_path):
    # report -o notes.txt turned a text file into HTML without a word, where build and export refuse
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    result = cli("report", "-o", notes)
    assert result.exit_code == 2 and "not a qdaid report" in result.stderr and "--force" in result.stderr
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    page = tmp_path / "r.html"
    assert cli("report", "-o", page).exit_code == 0
    assert cli("report", "--lang", "en", "-o", page).exit_code == 0  # a report is replaced by the next
    assert cli("report", "-o", notes, "--force").exit_code == 0 and notes.read_text("utf-8").startswith("<!doctype html>")
