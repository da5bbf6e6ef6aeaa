"""Synthetic fact bases for the benchmarks: the bundled figures replicated with new ids.

    python bench/generate.py 100000 bench/out/100k.json

Every replica keeps its record as extracted (quote, offsets, region …); ids get a suffix, and
part_of and the containment links point into the same replica, so stats still has parts to exclude.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate(count: int, target: Path, source: Path = ROOT / "data" / "qdaid.json") -> Path:
    tables = json.loads(source.read_text("utf-8"))
    figures = list(tables["figures"].values())
    replicated = {}
    for i in range(count):
        base = figures[i % len(figures)]
        copy = i // len(figures)
        record = dict(base, id=f"{base['id']}-r{copy}")
        if base["part_of"]:
            record["part_of"] = f"{base['part_of']}-r{copy}"
        replicated[str(i + 1)] = record
    tables["figures"] = replicated
    ids = {r["id"] for r in replicated.values()}
    links = list(tables.get("containment", {}).values())
    copies = (count + len(figures) - 1) // len(figures)
    inferred = [dict(link, id=f"{link['id']}-r{c}", figure=f"{link['figure']}-r{c}", within=f"{link['within']}-r{c}")
                for c in range(copies) for link in links]
    tables["containment"] = {str(i + 1): link for i, link in enumerate(
        link for link in inferred if link["figure"] in ids and link["within"] in ids)}
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written the way `qdaid build` writes: UTF-8, Chinese unescaped, one field a line.
    with target.open("w", encoding="utf-8") as out:
        json.dump(tables, out, ensure_ascii=False, indent=1)
    for name in ("000_0077034771fe7207.txt",):  # validate and cite look for the source beside the file
        (target.parent / name).write_bytes((ROOT / "data" / name).read_bytes())
    return target


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
