"""The README's shell examples run, offline: every ```sh block but the installation lines (pip
fetches packages) and the blocks marked `# needs the network` runs as a script, in the README's
order in one folder (as a reader runs them: the SQLite block reads the file the block before it
wrote), and exits 0; and every field a command prints is in its data dictionary. (The ```console
blocks are compared with real output by test_readme.py.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NETWORK = "# needs the network"


def _blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)


def _offline(block: str) -> bool:
    return not block.startswith(NETWORK) and "pip install" not in block and "pip download" not in block


def test_every_example_needing_the_network_says_so():
    for block in _blocks():
        fetches = re.search(r"(?<!--url )https?://", block)  # an address to read, not one to record (--url)
        if "duckdb" in block or "datasette " in block or "pip download" in block or fetches:
            assert block.startswith(NETWORK) or "pip install" in block, block


def test_the_examples_that_run_offline_are_the_commands_a_reader_tries():
    runnable = "".join(b for b in _blocks() if _offline(b))
    for command in ("qdaid build my.txt", "qdaid export sqlite facts.sqlite", "qdaid stats --db facts.sqlite",
                    "sqlite3 facts.sqlite", "qdaid validate"):
        assert command in runnable, command
    assert "duckdb" not in runnable and "sqlite_scan" not in runnable  # an extension download


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A reader's folder: the articles the examples name (my.txt, a.txt …), articles of the genre
    from the tests."""
    here = tmp_path_factory.mktemp("reader")
    articles = ROOT / "tests" / "articles"
    for name, article in (("my.txt", "qingdao_honoree_list"), ("next.txt", "suzhou_tongren_years"),
                          ("a.txt", "qingdao_honoree_list"), ("b.txt", "pingdu_minxian_cooperation")):
        shutil.copy(articles / f"{article}.txt", here / name)
    (here / "data").mkdir()
    (here / "articles").mkdir()
    for article in ("yantai_honorees", "tianjin_gannan_xinhua"):  # none of the files above: an article is built once
        shutil.copy(articles / f"{article}.txt", here / "articles" / f"{article}.txt")
    shutil.copy(ROOT / "tests" / "pages" / "news_page.html", here / "later.html")  # a saved web page
    return here


@pytest.mark.parametrize("block", [b for b in _blocks() if _offline(b)], ids=lambda b: b.splitlines()[0][:40])
def test_readme_example_runs_offline(block, folder):
    if "sqlite3 " in block and shutil.which("sqlite3") is None:
        pytest.skip("no sqlite3 command on this machine")
    if ".html" in block:
        pytest.importorskip("trafilatura")  # qdaid[html] reads web pages
    tmp_path = folder
    bin_folder = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}",
           "QDAID_HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "QDAID_FORMAT": "csv", "http_proxy": "http://0.0.0.0:9", "https_proxy": "http://0.0.0.0:9"}
    env.pop("QDAID_DB", None)
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, f"{block}\n{result.stderr}"
    assert "Traceback" not in result.stderr


def test_every_field_a_command_prints_is_in_the_data_dictionary():
    from qdaid import fields

    text = (ROOT / "README.md").read_text("utf-8")
    printed = {*fields.FIGURES, *fields.CITE, *fields.SEARCH, *fields.TIMELINE, *fields.CHECK, *fields.STATS,
               *fields.EXPLAIN,
               *fields.PROFILE, *(f for names in fields.LIST.values() for f in names)}
    assert sorted(f for f in printed if f"`{f}`" not in text) == []
