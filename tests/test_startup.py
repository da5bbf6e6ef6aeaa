"""Start-up: what a query command imports (the cost every call pays)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter


def test_query_start_up_imports_neither_rich_nor_pydantic_nor_the_pipeline():
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "qdaid", "figures", "--region", "longnan",
                             "-f", "csv"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    modules = Counter(line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()
                      if line.startswith("import time:"))
    loaded = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert len(loaded) > 50  # the report was read
    for heavy in ("rich", "pydantic", "cn2an", "pypinyin", "opencc", "tinydb"):  # sqlite3 is the engine
        assert heavy not in modules, heavy
    for ours in ("qdaid.pipeline", "qdaid.validate", "qdaid.stats"):
        assert ours not in loaded, ours


def test_a_query_answered_from_the_cache_imports_no_json_parser():
    # orjson's import, with json's that it makes, cost every query ~3 ms (cold start +12.6 ms over
    # `import typer`, against a target of +12): a query on a cached store decodes its lists alone.
    command = [sys.executable, "-X", "importtime", "-m", "qdaid", "show", "窦宗君", "-f", "csv"]
    subprocess.run(command, capture_output=True, timeout=60, check=True)  # makes the cache
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "dou-zongjun" in result.stdout, result.stderr
    loaded = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert len(loaded) > 50 and "qdaid.facts" in loaded  # the report was read
    assert not loaded & {"orjson", "json"}, loaded & {"orjson", "json"}
