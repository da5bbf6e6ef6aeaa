"""Synthetic fact bases for the benchmarks: the bundled figures replicated with new ids; and
articles whose figures share one metric and unit, for the build's containment inference.

    python bench/generate.py 100000 bench/out/100k.json
    python bench/generate.py --one-metric 4000 bench/out/one-metric-4k.txt

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


def one_metric_article(count: int, target: Path) -> Path:
    """An article of `count` donations (one metric, one unit: 捐款…万元): each county's donation
    in each of five years, and its five-year total (累计), which holds them; values vary, so each
    total holds its county's years and nothing else. The work a build must do grows with the
    figures, and so do the links it finds (one per year figure)."""
    divisions = json.loads((ROOT / "qdaid" / "vocabulary" / "divisions.json").read_text("utf-8"))["divisions"]
    names = [row[1] for row in divisions if row[2] == "county" and row[3] != "370200"]  # not Qingdao: the actor
    # a name two counties share names neither; a two-character one (唐县) is not read as a place
    unique = [name for name in names if names.count(name) == 1 and len(name) > 2]
    lines = ["青岛对口帮扶捐款情况", "青岛日报社/观海新闻2月25日讯 青岛市对口帮扶各地捐款如下。"]
    for i in range(count):
        county, year = unique[i // 6 % len(unique)], 2016 + i % 6
        if year == 2021:
            lines.append(f"2016年至2020年,青岛向{county}累计捐款{1000 + i % 997}万元。")
        else:
            lines.append(f"{year}年,青岛向{county}捐款{1 + (i * 37) % 199}万元。")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", "utf-8")
    return target


if __name__ == "__main__":
    if sys.argv[1] == "--one-metric":
        print(one_metric_article(int(sys.argv[2]), Path(sys.argv[3])))
    else:
        print(generate(int(sys.argv[1]), Path(sys.argv[2])))
