"""Property tests: generated command lines and damaged databases only ever end in exit 0, 1 or 2."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from qdaid import store
from qdaid.cli import app
from qdaid.facts import from_tables
from qdaid.filters import Filters, Where
from qdaid.model import QdaidError
from qdaid.query import search
from qdaid.stats import totals

NASTY = ["", " ", "[b]", "[/]", ":warning:", "\x1b[31m", "\u202e", "ＬｏｎｇＮａｎ", " 陇南 ", "-1", "99999", "abc", "nan",
         "inf", "1e999", "0", "\x00", "\ud800", "😀", "陇南市", "gansu", "longnan", "donations", "cny", "id,raw",
         "value", "metric", "2020", "--", "-f", "a" * 300, "%s%n", "../../etc/passwd", "\n", "\t"]
COMMANDS = ["list", "show", "figures", "stats", "search", "cite", "timeline", "validate", "honorees", "regions"]
OPTIONS = ["--honoree", "--kind", "--region", "--metric", "--unit", "--year", "--since", "--until", "--min", "--max",
           "--approx", "--grep", "--sort", "--desc", "--limit", "--by", "--explain", "--chart", "-f", "-F",
           "--no-header", "--bom", "--excel-safe", "--help", "--version"]
token = st.one_of(st.sampled_from(NASTY), st.sampled_from(OPTIONS), st.text(max_size=8))


@pytest.fixture(scope="module")
def private_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    target = folder / "qdaid.json"
    shutil.copy((store.bundled_dir() / store.DB_NAME), target)
    for source in store.bundled_sources():
        shutil.copy(source, folder / source.name)
    return target


@settings(max_examples=200, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMANDS), args=st.lists(token, max_size=6))
def test_any_command_line_ends_in_0_1_or_2(private_db, command, args):
    before = hashlib.sha256(private_db.read_bytes()).hexdigest()
    result = CliRunner().invoke(app, [command, *args, "--db", str(private_db)], catch_exceptions=True)
    assert result.exit_code in (0, 1, 2), (command, args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (command, args, result.exception)
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, (command, args, result.output)
    assert hashlib.sha256(private_db.read_bytes()).hexdigest() == before


def _small_database() -> bytes:
    tables = store.load(store.bundled_dir() / store.DB_NAME)
    tables["figures"] = tables["figures"][:12]
    return store.dumps(tables).encode("utf-8")


SMALL = _small_database()


@st.composite
def damaged(draw):
    data = bytearray(SMALL)
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "retype"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if action == "truncate":
            del data[at:]
        elif action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        else:  # swap a JSON value for one of another type, keeping the file parseable
            text = data.decode("utf-8", "replace")
            tables = json.loads(SMALL)
            figure = tables["figures"][str(draw(st.integers(1, 12)))]
            key = draw(st.sampled_from(sorted(figure)))
            figure[key] = draw(st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=4),
                                         st.lists(st.integers(), max_size=2), st.booleans()))
            data = bytearray(json.dumps(tables, ensure_ascii=False).encode()) if text else data
    return bytes(data)


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damaged())
def test_a_damaged_database_is_a_data_error_or_readable(tmp_path, blob):
    path = tmp_path / "damaged.json"
    path.write_bytes(blob)
    try:
        tables = store.load(path)
    except QdaidError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    base = from_tables(tables)
    for query in (lambda: list(base.select(Where())), lambda: totals(base, Where(), ["metric", "region", "year"]),
                  lambda: search(base, "a"), lambda: list(base.select(base.where(Filters(regions=["gansu"]))))):
        try:
            query()
        except QdaidError:
            pass
