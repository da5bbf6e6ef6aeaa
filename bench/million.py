"""The million-figure targets of the one-engine issue (22), each command beside its peer in one
run, the commands alternating (run.py at 1M also times jq on `show` and `validate`, most of an
hour here; these are the rows the targets name), and the floor under them (floor.py: the same
answer from the same libraries with nothing qdaid adds):

    python bench/million.py --qdaid /path/to/venv/bin/qdaid            # quiet
    python bench/million.py --qdaid /path/to/venv/bin/qdaid --busy     # the other core spinning
    python bench/million.py --qdaid /path/to/venv/bin/qdaid --size 100000

Prints a Markdown table: median wall time, ratio to the peer, CPU, peak memory. The stores are the
ones run.py makes (bench/out/figures-1000000*.json, .sqlite).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from run import CPU, JQ_FIGURES, SQL_FIGURES, SQL_STATS, first_read, measure, mib, python_of, stores

FLOOR = str(Path(__file__).with_name("floor.py"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qdaid", required=True, help="a qdaid executable (a non-editable install)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--busy", action="store_true", help="keep the other core busy (a spinning process)")
    parser.add_argument("--size", type=int, default=1_000_000, help="figures in the store (run.py makes it)")
    args = parser.parse_args()
    hog = subprocess.Popen([sys.executable, "-c", "while 1: pass"]) if args.busy else None
    try:
        files = stores(args.size, [args.qdaid])
        python = python_of([args.qdaid])
        figures = ["figures", "--region", "longnan", "-f", "csv"]
        groups = {
            f"JSON first read ≤ {0.6 if args.size >= 1_000_000 else 0.5}× jq": {
                "jq": ["jq", "-r", JQ_FIGURES, str(files["json"])],
                "qdaid (json, first read)": first_read([args.qdaid, *figures, "--db", str(files["json"])]),
                "floor (orjson, sqlite3, csv)": [python, FLOOR, "json", str(files["json"])]},
            "JSON repeat (cached) ≤ 2× sqlite3, SQLite filter ≤ 2× (2.2× busy)": {
                "sqlite3 -csv": ["sqlite3", "-csv", "-header", str(files["sqlite"]), SQL_FIGURES],
                "qdaid (json, cached)": [args.qdaid, *figures, "--db", str(files["json"])],
                "qdaid (sqlite)": [args.qdaid, *figures, "--db", str(files["sqlite"])],
                "floor (sqlite3, csv)": [python, FLOOR, "sqlite", str(files["sqlite"])]},
            "SQLite stats --by metric ≤ 3× sqlite3, ≤ 150 MiB": {
                "sqlite3 GROUP BY": ["sqlite3", "-csv", str(files["sqlite"]), SQL_STATS],
                "qdaid (sqlite)": [args.qdaid, "stats", "--by", "metric", "-f", "csv", "--db", str(files["sqlite"])]},
        }
        print(f"{args.size:,} figures ({mib(files['json'].stat().st_size)} JSON, {mib(files['sqlite'].stat().st_size)} "
              f"SQLite){'; the other core busy' if args.busy else ''}; {args.repeat} runs each after a warm-up\n")
        print("| target | command | median | ratio | CPU (user+sys) | peak memory |\n|---|---|---:|---:|---:|---:|")
        for target, commands in groups.items():
            result = measure(commands, args.repeat)
            peer = next(iter(result))
            for name, (seconds, memory) in result.items():
                print(f"| {target} | {name} | {seconds:.2f} s | {seconds / result[peer][0]:.2f}× | {CPU[name]:.2f} s "
                      f"| {mib(memory)} |")
    finally:
        if hog:
            hog.kill()


if __name__ == "__main__":
    main()
