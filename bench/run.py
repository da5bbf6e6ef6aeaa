"""Benchmarks: qdaid against jq on the same JSON, measured side by side in one run.

    python bench/run.py                 # cold start, then 10k, 100k and 1M figures
    python bench/run.py --sizes 10000   # a quicker run
    python bench/run.py --qdaid now=.venv/bin/qdaid --qdaid before=/old/venv/bin/qdaid   # before/after

Each command runs `--repeat` times, the commands of a group alternating so that drift hits them
alike. Reported: median wall time, ratio to the peer, and peak memory (max RSS of the process).
The table goes to stdout and to bench/RESULTS.md with a description of the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from generate import generate

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
REGION_IDS = '"longnan","huixian"'  # longnan and the places below it, as qdaid resolves --region longnan
CSV_FIELDS = ["id", "source", "honoree", "honoree_name", "metric", "label", "value", "unit", "raw", "approx",
              "period_start", "period_end", "region", "region_basis", "part_of", "quote", "paragraph", "start", "end"]
JQ_FIGURES = ("(" + str(CSV_FIELDS).replace("'", '"') + " | @csv), (.figures[] | select(.region | IN("
              + REGION_IDS + ")) | [" + ", ".join(f".{f}" for f in CSV_FIELDS) + "] | @csv)")
JQ_STATS = ('["metric","unit","count","total","min","max"], ([.figures[]] | group_by([.metric, .unit])[] '
            '| [.[0].metric, .[0].unit, length, (map(.value) | add), (map(.value) | min), (map(.value) | max)])'
            ' | @csv')
JQ_SHOW = '[.figures[] | select(.honoree == "longnan-group")]'


def run_once(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes) of one run, output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}: {proc.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss * 1024


def measure(commands: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, int]]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, int] = dict.fromkeys(commands, 0)
    for argv in commands.values():  # one warm-up each: page cache, .pyc files
        run_once(argv)
    for _ in range(repeat):
        for name, argv in commands.items():
            seconds, rss = run_once(argv)
            times[name].append(seconds)
            memory[name] = max(memory[name], rss)
    return {name: (statistics.median(times[name]), memory[name]) for name in commands}


def qdaid_commands(specs: list[str]) -> list[tuple[str, list[str]]]:
    """[(label, argv)] from LABEL=PATH or PATH options; default: qdaid on PATH, else this Python's."""
    found = []
    for spec in specs or [shutil.which("qdaid") or ""]:
        label, _, path = spec.rpartition("=")
        label = f"qdaid {label}".strip() if label else "qdaid"
        found.append((label, [path] if path else [sys.executable, "-m", "qdaid"]))
    return found


def python_of(argv: list[str]) -> str:
    """The interpreter a qdaid command runs on (for the import floor row)."""
    if len(argv) > 1:
        return argv[0]
    beside = Path(argv[0]).parent / "python"
    return str(beside) if beside.exists() else sys.executable


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    jq = subprocess.run(["jq", "--version"], capture_output=True, text=True).stdout.strip()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB; "
            f"Python {platform.python_version()}; {jq}")


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=0, help="runs per command (default: 15 cold, 5/3/2 by size)")
    parser.add_argument("--qdaid", action="append", default=[],
                        help="LABEL=PATH of a qdaid executable; repeat to compare (sizes of 1M run the first only)")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite bench/RESULTS.md")
    args = parser.parse_args()
    if not shutil.which("jq"):
        raise SystemExit("jq is needed as the peer: apt-get install jq")
    qdaids = qdaid_commands(args.qdaid)
    lines = [f"Machine: {machine()}", ""]

    bundled = OUT / "bundled.json"
    generate(135, bundled)
    python = python_of(qdaids[0][1])
    cold = {"python -c pass": [python, "-c", "pass"],
            "python -c 'import typer' (the floor of any Typer CLI)": [python, "-c", "import typer"],
            "jq figures csv": ["jq", "-r", JQ_FIGURES, str(bundled)]}
    for label, argv in qdaids:
        cold[f"{label} figures csv"] = [*argv, "figures", "--region", "longnan", "-f", "csv", "--db", str(bundled)]
    result = measure(cold, args.repeat or 15)
    jq_time = result["jq figures csv"][0]
    lines += ["## Cold start: `figures --region longnan -f csv` on the bundled 135 figures", "",
              "| command | median | vs jq | peak memory |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {t * 1000:.1f} ms | {t / jq_time:.2f}× | {mib(m)} |" for name, (t, m) in result.items()]

    for size in [int(s) for s in args.sizes.split(",") if s]:
        path = OUT / f"figures-{size}.json"
        if not path.exists():
            generate(size, path)
        size_bytes = path.stat().st_size
        repeat = args.repeat or (5 if size <= 10_000 else 3 if size <= 100_000 else 2)
        lines += ["", f"## {size:,} figures ({mib(size_bytes)} of JSON)", "",
                  "| task | command | median | vs jq | peak memory | memory / file |", "|---|---|---:|---:|---:|---:|"]
        tasks = {
            "figures --region longnan -f csv": (["figures", "--region", "longnan", "-f", "csv"], ["-r", JQ_FIGURES]),
            "stats --by metric -f csv": (["stats", "--by", "metric", "-f", "csv"], ["-r", JQ_STATS]),
            "show longnan-group -f json": (["show", "longnan-group", "-f", "json"], [JQ_SHOW]),
        }
        for task, (qdaid_args, jq_args) in tasks.items():
            commands = {"jq": ["jq", *jq_args, str(path)]}
            for label, argv in qdaids if size < 1_000_000 else qdaids[:1]:
                commands[label] = [*argv, *qdaid_args, "--db", str(path)]
            result = measure(commands, repeat)
            jq_time = result["jq"][0]
            for name, (t, m) in result.items():
                lines.append(f"| {task} | {name} | {t:.3f} s | {t / jq_time:.2f}× | {mib(m)} | {m / size_bytes:.2f}× |")
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        write_results(text)


BEGIN, END = "<!-- bench/run.py writes below -->", "<!-- bench/run.py writes above -->"


def write_results(text: str) -> None:
    """Replace the generated part of RESULTS.md; the notes around it are kept."""
    path = HERE / "RESULTS.md"
    old = path.read_text("utf-8") if path.exists() else f"# Benchmark results\n\n{BEGIN}\n{END}\n"
    head, _, rest = old.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{BEGIN}\n{text}{END}{tail}", "utf-8")

if __name__ == "__main__":
    main()
