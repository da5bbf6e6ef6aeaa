"""Web pages as sources: saved pages written for these tests (tests/pages) and a local HTTP
server on 127.0.0.1, never the network.

news_page.html: an article (three paragraphs) inside a site's navigation, a banner ad, comments,
    a sidebar with its own ad and a footer; its title in <title> and <h1>, its time in <time>, its
    address in <link rel=canonical>, no publisher tag. The article states two figures:
    8.6亿元 (products bought and sold since 2017) and 9万多人 (people it helped); everything else on
    the page with a number (首付20万元, 300套, 共128条, 5箱, 356人点赞, 10亿元, 3万个, 6号线, 2000元,
    the ICP and telephone numbers) is not the article.
meta_page.html: a page in Chinese whose meta tags give the title (og:title), publisher
    (og:site_name 贵州日报天眼新闻), date (publishdate 2021-02-27) and address (og:url); its article
    states 54.6万人, 6个 (counties), 569个 (villages), 五批 (batches of cadres).
"""

import hashlib
import http.server
import json
import sys
import threading
import time
from pathlib import Path

import pytest

from qdaid import store

PAGES = Path(__file__).parent / "pages"
pytest.importorskip("trafilatura")


def build(cli, tmp_path, *inputs):
    target = tmp_path / "db.json"
    result = cli("build", *inputs, "-o", target)
    assert result.exit_code == 0, result.output
    return target, store.load(target)


def test_a_saved_news_page_gives_the_article_and_its_metadata_not_the_page_around_it(cli, tmp_path):
    target, tables = build(cli, tmp_path, PAGES / "news_page.html")
    (source,) = tables["sources"]
    assert {k: source[k] for k in ("id", "title", "date", "publisher", "url", "path")} == {
        "id": "news_page", "title": "青岛帮扶陇南:消费扶贫助农增收", "date": "2021-03-02",
        "publisher": "news.example.cn",  # no publisher tag: the host of its canonical address
        "url": "https://news.example.cn/2021/0302/longnan.html", "path": "news_page.txt"}
    assert [f["raw"] for f in tables["figures"]] == ["8.6亿元", "9万多人"]
    text = (tmp_path / "news_page.txt").read_bytes()  # the text is kept beside the database, as a .txt source is
    assert hashlib.sha256(text).hexdigest() == source["sha256"]
    lines = text.decode().splitlines()
    assert lines[0] == "青岛帮扶陇南:消费扶贫助农增收"
    assert "2017年以来,青岛采购、销售陇南已认定扶贫产品8.6亿元,带动贫困人口9万多人增收。" in lines
    for other in ("首页", "首付20万元", "网友评论", "356人点赞", "热门排行", "2000元", "版权所有"):
        assert other not in text.decode()
    assert json.loads((tmp_path / "news_page.meta.json").read_text())["url"] == source["url"]
    result = cli("validate", "--db", target)  # the evidence checks against the kept text
    assert result.exit_code == 0, result.output


def test_a_chinese_page_gives_its_date_and_publisher_from_its_meta_tags(cli, tmp_path):
    _, tables = build(cli, tmp_path, PAGES / "meta_page.html")
    (source,) = tables["sources"]
    assert (source["title"], source["date"], source["publisher"], source["url"]) == (
        "安顺:山海携手 决战脱贫", "2021-02-27", "贵州日报天眼新闻", "https://www.example.org/anshun/20210227/shanhai.shtml")
    assert source["reporter"] == "李华"  # <meta name="author" content="李华">
    # the text kept beside the database has a sidecar saying so: a build from it gives the same source
    assert json.loads((tmp_path / "meta_page.meta.json").read_text("utf-8"))["reporter"] == "李华"
    assert [f["raw"] for f in tables["figures"]] == ["54.6万人", "6个", "569个", "五批"]
    # the date is the article's: "2014年以来" runs to 2021 (the publishdate), not left open
    assert (tables["figures"][0]["period_start"], tables["figures"][0]["period_end"]) == (2014, 2021)


def test_options_override_what_the_page_says(cli, tmp_path):
    _, tables = build(cli, tmp_path, PAGES / "meta_page.html", "--publisher", "天眼新闻", "--id", "tyxw-0227")
    assert (tables["sources"][0]["id"], tables["sources"][0]["publisher"]) == ("tyxw-0227", "天眼新闻")


def test_without_the_extra_a_page_is_one_line_saying_how_to_install_it(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now fails
    result = cli("build", PAGES / "news_page.html", "-o", tmp_path / "db.json")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "pip install 'qdaid[html]'" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "db.json").exists()


# ---- fetched pages: a local server --------------------------------------------------------------

class Handler(http.server.BaseHTTPRequestHandler):
    aliases: dict[str, str] = {}  # another path for the same page

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.path = self.aliases.get(self.path, self.path)
        page = (PAGES / "meta_page.html").read_bytes()
        answers = {
            "/anshun/shanhai.html": (200, "text/html; charset=utf-8", page),
            "/other/news.html": (200, "text/html; charset=utf-8", (PAGES / "news_page.html").read_bytes()),
            "/data.json": (200, "application/json", b'{"a": 1}'),
            "/untyped": (200, None, page),  # no Content-Type at all (Python would call it text/plain)
            "/big.html": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
        }
        if self.path == "/slow.html":
            time.sleep(2)
            answers[self.path] = (200, "text/html", page)
        if self.path == "/trickle.html":  # a byte at a time, each well within the socket's timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for byte in page[:40]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
            return
        if self.path == "/menu.html":  # links and a menu, no article: trafilatura keeps the menu
            answers[self.path] = (200, "text/html", "<html><head><title>专题_新闻网</title></head><body><nav>"
                                  "<a href='/'>首页</a> <a href='/a'>新闻</a></nav><ul><li><a href='/1'>青岛援助"
                                  "资金达15亿元</a></li></ul></body></html>".encode())
        code, kind, body = answers.get(self.path, (404, "text/html", b"not here"))
        self.send_response(code)
        if kind:
            self.send_header("Content-Type", kind)
        if self.path != "/big.html":  # the big page does not say its size: the read must stop it
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch):
    for proxy in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(proxy, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_fetched_by_its_address(cli, tmp_path, server):
    _, tables = build(cli, tmp_path, f"{server}/anshun/shanhai.html")
    (source,) = tables["sources"]
    # id from the address's last segment; the url the page gives (og:url) is kept
    assert (source["id"], source["path"], source["publisher"]) == ("shanhai", "shanhai.txt", "贵州日报天眼新闻")
    assert [f["raw"] for f in tables["figures"]] == ["54.6万人", "6个", "569个", "五批"]
    assert (tmp_path / "shanhai.txt").is_file()


@pytest.mark.parametrize(("path", "said"), [
    ("/missing.html", "the server answered 404 Not Found"),
    ("/data.json", "is application/json, not a web page (HTML)"),
    ("/untyped", "says no content type, not a web page (HTML)"),
    ("/big.html", "over the limit of 1,000 bytes"),
    ("/slow.html", "timed out"),
    ("/trickle.html", "the page took over 1 s"),  # 40 bytes at 0.1 s: the whole page, not each read, is timed
    ("/menu.html", "no article text found in the page"),
])
def test_a_page_that_cannot_be_used_is_one_line(cli, tmp_path, server, monkeypatch, path, said):
    from qdaid.pipeline import webpage

    monkeypatch.setattr(webpage, "TIMEOUT", 0.5)
    monkeypatch.setattr(webpage, "MAX_PAGE_BYTES", 1000)
    monkeypatch.setattr(webpage, "WHOLE_TIMEOUT", 1.0)
    result = cli("build", f"{server}{path}", "-o", tmp_path / "db.json")
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"qdaid: {server}{path}: ") and said in line
    assert not (tmp_path / "db.json").exists()


def test_two_addresses_ending_alike_are_two_sources(cli, tmp_path, server, monkeypatch):
    # …/a/shanhai.html and …/b/shanhai.html (another article) both read as "shanhai": the second gets
    # the first 8 hex digits of its address's sha256, so each address keeps one id whatever else is built
    import hashlib

    second = f"{server}/b/shanhai.html"
    monkeypatch.setattr(Handler, "aliases", {"/b/shanhai.html": "/other/news.html"})
    _, tables = build(cli, tmp_path, f"{server}/anshun/shanhai.html", second)
    suffix = hashlib.sha256(second.encode()).hexdigest()[:8]
    assert [s["id"] for s in tables["sources"]] == ["shanhai", f"shanhai-{suffix}"]
    assert [s["path"] for s in tables["sources"]] == ["shanhai.txt", f"shanhai-{suffix}.txt"]
