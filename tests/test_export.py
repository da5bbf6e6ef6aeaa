"""SQLite, JSONL and CSV exports of the bundled database: round trips, and queries that agree with qdaid."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from decimal import Decimal


def _sums(figures) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for f in figures:
        sums[f["unit"]] = sums.get(f["unit"], Decimal(0)) + Decimal(str(f["value"]))
    return sums


def test_sqlite_export_round_trips(cli, tables, tmp_path):
    target = tmp_path / "qdaid.db"
    result = cli("export", "sqlite", target)
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(target)
    for table in ("sources", "honorees", "regions", "figures", "programs", "events"):
        assert db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == len(tables[table])
    # SQLite adds REAL in binary floating point (20.84 + … = 269.84000000000003): compare to 1e-6.
    sums = {unit: round(Decimal(str(total)), 6) for unit, total in
            db.execute("SELECT unit, sum(value) FROM figures GROUP BY unit").fetchall()}
    assert sums == {unit: round(total, 6) for unit, total in _sums(tables["figures"]).items()}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    partners = db.execute("SELECT region FROM honoree_partners WHERE honoree = 'dou-zongjun' ORDER BY region").fetchall()
    assert [r for (r,) in partners] == ["anshun", "heze", "longnan"]
    indexes = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"figures_region", "figures_metric", "figures_honoree", "figures_period_start"} <= indexes


def test_sqlite_query_matches_qdaid_figures(cli, tmp_path):
    target = tmp_path / "qdaid.db"
    cli("export", "sqlite", target)
    db = sqlite3.connect(target)
    sql = ("SELECT id FROM figures WHERE region IN (SELECT region FROM region_closure WHERE ancestor = ?) "
           "AND metric LIKE 'donations%' ORDER BY start")
    from_sql = [i for (i,) in db.execute(sql, ("gansu",))]
    printed = cli("figures", "--region", "gansu", "--metric", "donations", "-F", "id").stdout
    assert from_sql == [r["id"] for r in csv.DictReader(io.StringIO(printed))]
    assert from_sql


def test_export_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "qdaid.db"
    target.write_text("keep me")
    result = cli("export", "sqlite", target)
    assert result.exit_code == 1 and "--force" in result.stderr
    assert target.read_text() == "keep me"
    assert cli("export", "sqlite", target, "--force").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qdaid.db"]


def test_jsonl_and_csv_exports(cli, tables, tmp_path):
    assert cli("export", "jsonl", tmp_path / "jl").exit_code == 0
    assert cli("export", "csv", tmp_path / "csv").exit_code == 0
    for table, records in tables.items():
        lines = (tmp_path / "jl" / f"{table}.jsonl").read_text("utf-8").splitlines()
        assert [json.loads(line)["id"] for line in lines] == [r["id"] for r in records]
        with open(tmp_path / "csv" / f"{table}.csv", encoding="utf-8", newline="") as handle:
            assert [r["id"] for r in csv.DictReader(handle)] == [r["id"] for r in records]


def test_export_usage_errors(cli, tmp_path):
    assert cli("export", "parquet", tmp_path / "x").exit_code == 2
    assert cli("export", "sqlite", tmp_path / "missing" / "x.db").exit_code == 1
