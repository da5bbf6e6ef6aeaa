"""The store: large files are read table by table with the same result as a whole parse."""

from __future__ import annotations

import json

import orjson

from qdaid import store


def _big(tmp_path, indent):
    data = json.loads(store.resolve_db().read_text("utf-8"))
    figures = list(data["figures"].values())
    data["figures"] = {str(i + 1): dict(f, id=f"{f['id']}-{i}", part_of=None) for i, f in enumerate(figures * 60)}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=indent), "utf-8")
    return path


def test_streaming_read_equals_a_whole_parse(tmp_path):
    path = _big(tmp_path, indent=1)  # as qdaid build writes: streamed
    assert path.stat().st_size > store.STREAM_FROM
    streamed = store.read_raw(path)
    whole = orjson.loads(path.read_bytes())
    assert streamed == whole
    assert len(store.load(path)["figures"]) == 60 * len(store.load(store.resolve_db())["figures"])


def test_other_layouts_fall_back_to_a_whole_parse(tmp_path):
    path = _big(tmp_path, indent=None)  # compact JSON, as another tool may write it
    assert store.read_raw(path) == orjson.loads(path.read_bytes())


def test_streamed_records_share_repeated_text(tmp_path):
    figures = store.load(_big(tmp_path, indent=1))["figures"]
    n = len(store.load(store.resolve_db())["figures"])
    # one string kept for the copies of a sentence
    assert figures[0]["quote"] == figures[n]["quote"] and figures[0]["quote"] is figures[n]["quote"]


def test_truncated_large_file_is_a_data_error(tmp_path):
    path = _big(tmp_path, indent=1)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    try:
        store.load(path)
    except store.DataError as exc:
        assert "not valid JSON" in str(exc)
    else:
        raise AssertionError("a truncated file was read")


def test_tinydb_reads_the_file_read_only(tmp_path, bundled_db):
    import pytest

    db = store.open_tinydb(bundled_db)
    assert len(db.table("figures")) == len(store.load(bundled_db)["figures"])
    with pytest.raises(store.DataError, match="read-only"):
        db.table("figures").insert({"id": "x"})
