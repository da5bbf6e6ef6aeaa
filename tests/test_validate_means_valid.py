"""A database that `validate` calls valid is one every command works on: generated damage to a
small, valid database is either reported by validate, or every command exits 0 on it; and no
command ever answers a damaged database with an internal error."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from qdaid import store
from qdaid.cli import app


def _small_tables() -> dict:
    tables = store.load(store.bundled_dir() / store.DB_NAME)
    kept = tables["figures"][:30]
    ids = {f["id"] for f in kept}
    tables["figures"] = [dict(f, part_of=f["part_of"] if f["part_of"] in ids else None) for f in kept]
    tables["containment"] = [c for c in tables["containment"] if c["figure"] in ids and c["within"] in ids]
    tables["programs"], tables["events"] = tables["programs"][:5], tables["events"][:5]
    return tables


SMALL = _small_tables()
TABLE_FIELDS = [(t, f) for t in ("figures", "honorees", "regions", "programs", "events", "sources", "containment")
                for f in SMALL[t][0]]
NASTY = [None, "", "nowhere", "abcd", "2020-13", "gansu", "longnan-group", "qdrb-20210225", [], [1], ["x"],
         {"a": 1}, -1, 0, 10**30, 2**70, 1.5, True, "\x1b[31m", "1996"]


@st.composite
def damage(draw):
    changes = []
    for _ in range(draw(st.integers(1, 2))):
        table, field = draw(st.sampled_from(TABLE_FIELDS))
        n = draw(st.integers(0, len(SMALL[table]) - 1))
        value = draw(st.one_of(st.sampled_from(NASTY), st.just("SELF")))
        changes.append((table, n, field, value))
    return changes


def _commands(tables, tmp_path) -> list[list[str]]:
    honorees = [h["id"] for h in tables["honorees"] if isinstance(h.get("id"), str)][:2]
    figure = next((f["id"] for f in tables["figures"] if isinstance(f.get("id"), str)), "x")
    return [["list", what] for what in ("honorees", "regions", "programs", "metrics", "sources", "events")] + \
        [["show", h] for h in honorees] + \
        [["figures"], ["figures", "--kind", "individual"], ["figures", "--region", "gansu"], ["search", "a"],
         ["cite", figure], ["timeline"], ["export", "sqlite", str(tmp_path / "x.db"), "--force"]] + \
        [["stats", "--by", by] for by in ("metric", "honoree", "region", "year")] + [["stats", "--chart"]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("damaged")
    for source in store.bundled_sources():
        shutil.copy(source, folder / source.name)
    return folder


def test_the_small_database_is_valid(folder):
    path = folder / "qdaid.json"
    path.write_text(store.dumps(SMALL), "utf-8")
    assert CliRunner().invoke(app, ["validate", "--db", str(path)]).exit_code == 0


# The damage the issue reported, always tried; then generated damage.
@settings(max_examples=100, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage())
@example([("figures", 0, "honoree", "nowhere")])
@example([("figures", 0, "honoree", "SELF")])
@example([("honorees", 0, "aliases", [1])])
@example([("events", 0, "date", "")])
@example([("events", 0, "date", "abcd")])
@example([("regions", 0, "parent", "SELF")])
@example([("figures", 0, "id", [1]), ("figures", 1, "part_of", {"a": 1})])
@example([("programs", 0, "source", "nowhere"), ("events", 0, "source", "nowhere")])
@example([("figures", 0, "value", 2**70)])
@example([("figures", 0, "period_start", 2021), ("figures", 0, "period_end", 1996)])
def test_valid_means_every_command_works(folder, changes):
    tables = json.loads(json.dumps(SMALL))
    for table, n, field, value in changes:
        tables[table][n][field] = tables[table][n].get("id") if value == "SELF" else value
    raw = {name: {str(i): rec for i, rec in enumerate(records, 1)} for name, records in tables.items()}
    path = folder / "qdaid.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    runner = CliRunner()
    valid = runner.invoke(app, ["validate", "--db", str(path)])
    assert valid.exit_code in (0, 1) and "internal error" not in valid.output, (changes, valid.output)
    for command in _commands(tables, folder):
        result = runner.invoke(app, [*command, "--db", str(path)])
        assert "internal error" not in result.output, (changes, command, result.output)
        if valid.exit_code == 0:
            assert result.exit_code == 0, (changes, command, result.output)
