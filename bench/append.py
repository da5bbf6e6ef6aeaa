"""Build time per article against the size of a corpus (issue 26): corpora of 10, 30, 100 and
300 generated articles, built at once and appended to, in JSON and in SQLite.

    python bench/append.py                      # 10, 30, 100, 300 articles (~10 min on 2 cores)
    python bench/append.py --sizes 10,30        # quicker

Each article is the bundled one varied by a seeded random generator, so that the facts are not
all the same: half of its numbers written another way, one of three every article shares (5–20%
more, 5–20% less, or rounded to one decimal fewer; years, months and days kept), the
individual honoree renamed, the partner cities of some articles replaced by others of the same
province (陇南 → 天水 or 定西, 安顺 → 毕节 or 六盘水), a date of its own. Honorees and figures therefore
partly coincide across articles (one record, restatements that agree or disagree), as in a real
corpus.

For each size N it times `qdaid build DIR -o corpus.json|.db` (every article at once) and then
`qdaid build --append` of 10 more articles onto that corpus, and prints the seconds per article of
each: both should stay flat as N grows (a build linear in the corpus, an append linear in what
it adds).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from qdaid import store  # noqa: E402 (the checkout's, as the commands run it)

OUT = ROOT / "bench" / "out" / "append"
ARTICLE = next((ROOT / "data").glob("*.txt"))
QDAID = [sys.executable, "-m", "qdaid"]
_NUMBER = re.compile(r"(?<![\d.])(\d+)(?:\.(\d+))?(?![\d.]|\s?[年月日号时])")
SURNAMES, GIVEN = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
PLACES = {"陇南": ("陇南", "天水", "定西"), "安顺": ("安顺", "毕节", "六盘水")}


def _vary_number(rng: random.Random, match: re.Match) -> str:
    """The number as this article writes it: as the bundled article does (half the time), or one
    of three variants of it that every article shares (±5–20%, or rounded to one figure fewer),
    so a fact is written a few ways across the corpus, as it is in real reports, not 300 ways."""
    whole, decimals = match[1], match[2]
    variant = rng.randrange(6)
    if variant < 3:
        return match[0]  # as written: a fact other articles restate alike
    places = len(decimals or "")
    value = float(f"{whole}.{decimals}" if decimals else whole)
    factor = random.Random(match.start()).uniform(0.05, 0.2)  # one per number of the text, shared
    value = value * (1 + factor) if variant == 3 else value * (1 - factor) if variant == 4 else value
    if variant == 5 and places:
        places -= 1  # 15.66 → 15.7: rounded
    return f"{value:.{places}f}" if places else str(max(1, round(value)))


def article(n: int, text: str) -> tuple[str, dict]:
    """The n-th generated article and its sidecar."""
    rng = random.Random(n)
    text = _NUMBER.sub(lambda m: _vary_number(rng, m), text)
    text = text.replace("窦宗君", rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN))
    for place, choices in PLACES.items():
        text = text.replace(place, rng.choice(choices))
    meta = {"id": f"bench-{n:04d}", "date": f"2021-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "title": f"{text.splitlines()[0]} ({n})", "publisher": rng.choice(["青岛日报", "大众日报", "新华网"])}
    return text, meta


def corpus(folder: Path, first: int, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = ARTICLE.read_text("utf-8")
    for n in range(first, first + count):
        body, meta = article(n, text)
        (folder / f"a{n:04d}.txt").write_text(body, "utf-8")
        (folder / f"a{n:04d}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    return folder


def timed(*args) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one qdaid command. On a shared machine the
    CPU time is the steadier measure: the wall time also counts the waits for a core."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    result = subprocess.run([*QDAID, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"qdaid {' '.join(map(str, args))} failed: {result.stderr.strip()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,30,100,300")
    parser.add_argument("--more", type=int, default=10, help="articles appended to each corpus")
    options = parser.parse_args()
    shutil.rmtree(OUT, ignore_errors=True)
    sizes = [int(s) for s in options.sizes.split(",")]
    more = corpus(OUT / "more", 10000, options.more)
    print("| articles | store | build: s per article, wall (CPU) | append 10: s per article, wall (CPU) "
          "| restatements | database |")
    print("|---:|---|---:|---:|---:|---:|")
    for size in sizes:
        articles = corpus(OUT / f"c{size}", 0, size)
        for suffix in (".json", ".db"):
            db = OUT / f"corpus-{size}{suffix}"
            build = timed("build", articles, "-o", db)
            append = timed("build", "--append", more, "-o", db)
            rows = len(store.load(db)["restatements"])
            print(f"| {size} | {'SQLite' if suffix == '.db' else 'JSON'} | "
                  f"{build[0] / size:.3f} ({build[1] / size:.3f}) | "
                  f"{append[0] / options.more:.3f} ({append[1] / options.more:.3f}) | {rows:,} | "
                  f"{db.stat().st_size / 2**20:.1f} MiB |", flush=True)


if __name__ == "__main__":
    main()
