"""Benchmarks: qdaid against jq on the same JSON, measured side by side in one run.

    python bench/run.py                 # cold start, then 10k, 100k and 1M figures
    python bench/run.py --sizes 10000   # a quicker run
    python bench/run.py --qdaid now=.venv/bin/qdaid --qdaid before=/old/venv/bin/qdaid   # before/after
    python bench/run.py --one-metric    # only the build of 1k, 4k, 16k figures of one metric and unit

    python bench/run.py --busy          # the same with the other core kept busy by a spinning process

Each command runs `--repeat` times, the commands of a group alternating so that drift hits them
alike. Reported: median wall time, ratio to the peer, and peak memory (max RSS of the process).
A JSON store is measured twice: its first read (the cache folder emptied before each run, so it
is loaded into SQLite and the cache written) and a repeat (the cache in place).
The table goes to stdout and to bench/RESULTS.md with a description of the machine.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from generate import generate, one_metric_article

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"  # the generated fact bases (--stores)
SCRATCH = OUT  # what a run writes besides them: cache folders, build outputs (--scratch)
REGION_IDS = '"longnan","huixian"'  # longnan and the places below it, as qdaid resolves --region longnan
CSV_FIELDS = ["id", "source", "honoree", "honoree_name", "metric", "label", "value", "unit", "raw", "approx",
              "period_start", "period_end", "region", "region_basis", "part_of", "quote", "paragraph", "start", "end"]
JQ_FIGURES = ("(" + str(CSV_FIELDS).replace("'", '"') + " | @csv), (.figures[] | select(.region | IN("
              + REGION_IDS + ")) | [" + ", ".join(f".{f}" for f in CSV_FIELDS) + "] | @csv)")
JQ_STATS = ('["metric","unit","count","total","min","max"], ([.figures[]] | group_by([.metric, .unit])[] '
            '| [.[0].metric, .[0].unit, length, (map(.value) | add), (map(.value) | min), (map(.value) | max)])'
            ' | @csv')
JQ_SHOW = '[.figures[] | select(.honoree == "longnan-group")]'


# Every command runs as a user's shell would start it: PYTHONUNBUFFERED (set in this workplace's
# shells and in many containers) would slow the Python peers' output, a system call per line.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def first_read(argv: list[str]) -> list[str]:
    """argv with a cache folder of its own, emptied first: what a JSON store's first read costs."""
    return ["sh", "-c", 'export XDG_CACHE_HOME="$1"; rm -rf "$1"; shift; exec "$@"', "sh", str(SCRATCH / "cache-first"), *argv]


def run_once(argv: list[str]) -> tuple[float, int, float]:
    """Wall seconds, peak resident memory (bytes) and CPU seconds (user + system, of the process and
    what it waited for) of one run, output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in ((0, 1) if "validate" in argv else (0,)):  # 1: problems found
        raise SystemExit(f"failed: {' '.join(argv)}: {proc.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


CPU: dict[str, float] = {}  # command name → median CPU seconds of its last measure()


def measure(commands: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, int]]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, int] = dict.fromkeys(commands, 0)
    for argv in commands.values():  # one warm-up each: page cache, .pyc files
        run_once(argv)
    for _ in range(repeat):
        for name, argv in commands.items():
            seconds, rss, used = run_once(argv)
            times[name].append(seconds)
            cpu[name].append(used)
            memory[name] = max(memory[name], rss)
    CPU.update({name: statistics.median(cpu[name]) for name in commands})
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
    global OUT, SCRATCH
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=0, help="runs per command (default: 15 cold, 5/3/2 by size)")
    parser.add_argument("--qdaid", action="append", default=[],
                        help="LABEL=PATH of a qdaid executable; repeat to compare (sizes of 1M run the first only)")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite bench/RESULTS.md")
    parser.add_argument("--busy", action="store_true", help="keep the other core busy (a spinning process)")
    parser.add_argument("--no-build", action="store_true", help="leave out the build times")
    parser.add_argument("--one-metric", action="store_true",
                        help="only the build of figures of one metric and unit (printed, RESULTS.md untouched)")
    parser.add_argument("--stores", type=Path, default=OUT,
                        help="folder of the generated fact bases, read there (made there when missing)")
    parser.add_argument("--scratch", type=Path, default=OUT, help="folder for what a run writes: caches, builds")
    parser.add_argument("--tasks", default="", help="only the tasks whose names hold one of these words (a,b)")
    args = parser.parse_args()
    OUT, SCRATCH = args.stores, args.scratch
    SCRATCH.mkdir(parents=True, exist_ok=True)
    ENV["XDG_CACHE_HOME"] = str(SCRATCH / "cache")  # qdaid's cache of a large JSON store, kept between runs
    if args.one_metric:
        print("\n".join(one_metric_times(qdaid_commands(args.qdaid)[0][1], args.repeat or 3)))
        return
    hog = subprocess.Popen([sys.executable, "-c", "while 1: pass"]) if args.busy else None
    try:
        run(args)
    finally:
        if hog:
            hog.kill()


def run(args) -> None:
    if not shutil.which("jq"):
        raise SystemExit("jq is needed as the peer: apt-get install jq")
    qdaids = qdaid_commands(args.qdaid)
    lines = [f"Machine: {machine()}{'; the other core kept busy by a spinning process' if args.busy else ''}", ""]

    bundled = SCRATCH / "bundled.json"
    generate(135, bundled)
    python = python_of(qdaids[0][1])
    cold = {"python -c pass": [python, "-c", "pass"],
            "python -c 'import typer' (the floor of any Typer CLI)": [python, "-c", "import typer"],
            "the same, leaving by os._exit as qdaid does": [python, "-c", "import os, typer; os._exit(0)"],
            "jq figures csv": ["jq", "-r", JQ_FIGURES, str(bundled)]}
    for label, argv in qdaids:
        cold[f"{label} figures csv"] = [*argv, "figures", "--region", "longnan", "-f", "csv", "--db", str(bundled)]
    result = measure(cold, args.repeat or 15)
    jq_time = result["jq figures csv"][0]
    lines += ["## Cold start: `figures --region longnan -f csv` on the bundled 135 figures", "",
              "| command | median | vs jq | peak memory |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {t * 1000:.1f} ms | {t / jq_time:.2f}× | {mib(m)} |" for name, (t, m) in result.items()]

    for size in [int(s) for s in args.sizes.split(",") if s]:
        lines += per_size(size, qdaids, args.repeat, [w for w in args.tasks.split(",") if w])
    if not args.no_build:
        lines += build_times(qdaids[0][1], args.repeat or 3)
        lines += one_metric_times(qdaids[0][1], args.repeat or 3)
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        write_results(text, "busy" if args.busy else "quiet")


SQL_FIGURES = ("SELECT " + ", ".join(f'"{f}"' for f in CSV_FIELDS) + " FROM figures WHERE region IN "
               "(SELECT region FROM region_closure WHERE ancestor = 'longnan') ORDER BY rowid")
SQL_STATS = "SELECT metric, unit, count(*), sum(value), min(value), max(value) FROM figures GROUP BY metric, unit"


def stores(size: int, qdaid: list[str]) -> dict[str, Path]:
    """The fact base of `size` figures as qdaid writes it (indent=1), compact (as TinyDB and other
    programs write it), and as the SQLite store. Made in child processes: a process forked from a
    large one starts with its peak memory, which would then count in every measurement."""
    indented = OUT / f"figures-{size}.json"
    if not indented.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(size), str(indented)], check=True,
                       stdout=subprocess.DEVNULL)
    compact = OUT / f"figures-{size}-compact.json"
    if not compact.exists():
        subprocess.run([sys.executable, "-c", "import json, sys; json.dump(json.load(open(sys.argv[1])), "
                        "open(sys.argv[2], 'w'), ensure_ascii=False)", str(indented), str(compact)], check=True)
    sqlite = OUT / f"figures-{size}.sqlite"
    if not sqlite.exists():
        subprocess.run([*qdaid, "export", "sqlite", str(sqlite), "--db", str(indented)], check=True,
                       stderr=subprocess.DEVNULL)
    return {"json": indented, "compact json": compact, "sqlite": sqlite}


def per_size(size: int, qdaids, repeat_option: int, only: list[str]) -> list[str]:
    files = stores(size, qdaids[0][1])
    size_bytes = files["json"].stat().st_size
    repeat = repeat_option or (5 if size <= 10_000 else 3 if size <= 100_000 else 1)
    measured = qdaids if size < 1_000_000 else qdaids[:1]  # (the help's promise: 1M runs the first only)
    lines = ["", f"## {size:,} figures ({mib(size_bytes)} of JSON, {mib(files['sqlite'].stat().st_size)} SQLite)", "",
             "| task | command | median | ratio | CPU (user+sys) | peak memory | memory / file |",
             "|---|---|---:|---:|---:|---:|---:|"]
    peers = {"sqlite3": shutil.which("sqlite3"), "duckdb": shutil.which("duckdb"),
             "sqlite-utils": shutil.which("sqlite-utils")}
    tasks = {
        "figures --region longnan -f csv": (["figures", "--region", "longnan", "-f", "csv"], ["-r", JQ_FIGURES],
                                            SQL_FIGURES),
        "stats --by metric -f csv": (["stats", "--by", "metric", "-f", "csv"], ["-r", JQ_STATS], SQL_STATS),
        "show longnan-group -f json": (["show", "longnan-group", "-f", "json"], [JQ_SHOW], None),
        "validate": (["validate"], None, None),
    }
    for task, (qdaid_args, jq_args, sql) in tasks.items():
        if only and not any(word in task for word in only):
            continue
        commands = {}
        if jq_args:
            commands["jq (JSON)"] = ["jq", *jq_args, str(files["json"])]
        if sql and peers["sqlite3"]:
            commands["sqlite3 -csv (SQLite)"] = [peers["sqlite3"], "-csv", "-header", str(files["sqlite"]), sql]
        if sql and peers["sqlite-utils"]:
            commands["sqlite-utils (SQLite)"] = [peers["sqlite-utils"], "query", str(files["sqlite"]), sql, "--csv"]
        if sql and peers["duckdb"]:
            commands["duckdb (SQLite)"] = [peers["duckdb"], "-csv", "-c",
                                           f"INSTALL sqlite; LOAD sqlite; ATTACH '{files['sqlite']}' (TYPE sqlite); "
                                           f"USE {files['sqlite'].stem.replace('-', '_')}; {sql}"]
        for (label, argv), (store_name, path) in itertools.product(measured, files.items()):
            if task != "validate" or store_name == "json":
                commands[f"{label} ({store_name})"] = [*argv, *qdaid_args, "--db", str(path)]
            if "json" in store_name and task != "validate":
                commands[f"{label} ({store_name}, first read)"] = first_read([*argv, *qdaid_args, "--db", str(path)])
        result = measure(commands, repeat)
        peer = next(iter(result))
        for name, (t, m) in result.items():
            lines.append(f"| {task} | {name} | {t:.3f} s | {t / result[peer][0]:.2f}× {peer.split()[0]} "
                         f"| {CPU[name]:.3f} s | {mib(m)} | {m / size_bytes:.2f}× |")
            print(lines[-1], file=sys.stderr, flush=True)  # as it is measured: a long run shows its progress
    skipped = [name for name, where in peers.items() if not where]
    if skipped:
        lines.append(f"\nNot installed here, so not measured: {', '.join(skipped)}.")
    return lines


def build_times(argv: list[str], repeat: int) -> list[str]:
    """Build time against article size: the bundled article repeated, and one long sentence."""
    article = (HERE.parent / "data" / "000_0077034771fe7207.txt").read_text("utf-8")
    lines = ["", "## Build time against article size", "",
             "| article | size | median | × the previous size's time | peak memory | database |",
             "|---|---:|---:|---:|---:|---:|"]
    previous = None
    cases = [(f"bundled × {kb * 1024 // len(article.encode()) + 1}", article * (kb * 1024 // len(article.encode()) + 1))
             for kb in (500, 1000, 2000, 4000)]
    cases.append(("one 95 KB sentence", "标题\n" + "青岛向陇南捐款12万元,带动就业35人," * 2000 + "。\n"))
    for name, text in cases:
        source = SCRATCH / "build-article.txt"
        source.write_text(text, "utf-8")
        (SCRATCH / "build-article.meta.json").write_text('{"id": "bench", "date": "2021-02-25"}', "utf-8")
        target = SCRATCH / "build-out.json"
        (t, m) = measure({"build": [*argv, "build", str(source), "-o", str(target)]}, repeat)["build"]
        growth = f"{t / previous:.2f}×" if previous and "×" in name else ""
        previous = t if "×" in name else previous
        lines.append(f"| {name} | {len(text.encode()) / 2**20:.2f} MiB | {t:.2f} s | {growth} | {mib(m)} "
                     f"| {target.stat().st_size / 2**20:.1f} MiB |")
    return lines


def one_metric_times(argv: list[str], repeat: int) -> list[str]:
    """Build time against the number of figures sharing one metric and unit (containment weighs
    the figures that may hold each one): target at most 5× the time for 4× the figures."""
    lines = ["", "## Build time against figures of one metric and unit", "",
             "| figures | article | median | × the previous size's time | peak memory | links found |",
             "|---:|---:|---:|---:|---:|---:|"]
    previous = None
    for count in (1000, 4000, 16000):
        source = one_metric_article(count, SCRATCH / "one-metric.txt")
        (SCRATCH / "one-metric.meta.json").write_text('{"id": "bench", "date": "2021-02-25"}', "utf-8")
        target = SCRATCH / "one-metric.json"
        (t, m) = measure({"build": [*argv, "build", str(source), "-o", str(target)]}, repeat)["build"]
        links = len(json.loads(target.read_text("utf-8"))["containment"])
        lines.append(f"| {count:,} | {source.stat().st_size / 2**20:.2f} MiB | {t:.2f} s "
                     f"| {f'{t / previous:.2f}×' if previous else ''} | {mib(m)} | {links:,} |")
        previous = t
    return lines


def write_results(text: str, kind: str) -> None:
    """Replace the generated part of RESULTS.md for this kind of run (quiet or busy); the notes
    around it are kept."""
    begin, end = f"<!-- bench/run.py writes the {kind} run below -->", f"<!-- bench/run.py writes the {kind} run above -->"
    path = HERE / "RESULTS.md"
    old = path.read_text("utf-8") if path.exists() else "# Benchmark results\n"
    if begin not in old:
        old += f"\n## The {kind} run\n\n{begin}\n{end}\n"
    head, _, rest = old.partition(begin)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{begin}\n{text}{end}{tail}", "utf-8")

if __name__ == "__main__":
    main()
