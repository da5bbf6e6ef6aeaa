"""The JSON reader: every layout another program may write (compact as TinyDB's default,
indented, CRLF, tables in another order) is read a chunk at a time with the same result as a
whole parse; duplicate keys are refused whatever the size."""

from __future__ import annotations

import json

import orjson
import pytest

from qdaid import reader, store


def _data(copies=60) -> dict:
    data = json.loads((store.bundled_dir() / store.DB_NAME).read_text("utf-8"))
    figures = list(data["figures"].values())
    data["figures"] = {str(i + 1): dict(f, id=f"{f['id']}-{i}", part_of=None) for i, f in enumerate(figures * copies)}
    return data


LAYOUTS = {
    "indent-1": lambda d: json.dumps(d, ensure_ascii=False, indent=1),
    "compact": lambda d: json.dumps(d, ensure_ascii=False),
    "compact-ascii": lambda d: json.dumps(d),  # TinyDB's JSONStorage default
    "indent-4": lambda d: json.dumps(d, ensure_ascii=False, indent=4),
    "crlf": lambda d: json.dumps(d, ensure_ascii=False, indent=2).replace("\n", "\r\n"),
    "figures-last": lambda d: json.dumps({**{k: v for k, v in d.items() if k != "figures"}, "figures": d["figures"]}),
    "figures-first": lambda d: json.dumps({"figures": d["figures"], **{k: v for k, v in d.items() if k != "figures"}}),
}


@pytest.fixture(scope="module")
def big() -> dict:
    return _data()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_is_cut_into_the_same_records(tmp_path, big, layout):
    path = tmp_path / "big.json"
    path.write_text(LAYOUTS[layout](big), "utf-8")
    assert path.stat().st_size > 2 * reader.CHUNK  # three chunks or more
    whole = orjson.loads(path.read_bytes())
    with path.open("rb") as handle:
        cut = reader.Figures()
        assert reader.read_chunked(handle, cut) is not None  # read a chunk at a time, not whole
    assert cut.records == whole["figures"]
    assert store.read_raw(path) == whole
    figures = store.load(path)["figures"]
    n = len(figures) // 60  # one string kept for the copies of a sentence, on every layout
    assert figures[0]["quote"] == figures[n]["quote"] and figures[0]["quote"] is figures[n]["quote"]
    # Words from short lists: kept once, whatever the chunk they were read in.
    for field in ("metric", "unit", "kind", "approx", "region_basis"):
        same = [f[field] for f in figures if f[field] == figures[0][field]]
        assert len(same) > 100 and len(set(map(id, same))) == 1, field


def test_a_nested_object_falls_back_to_a_whole_parse(tmp_path, big):
    data = dict(big, figures=dict(big["figures"]))
    data["figures"]["1"] = dict(data["figures"]["1"], extra={"a": {"b": 1}, "c": 2})
    path = tmp_path / "nested.json"
    path.write_text(json.dumps(data), "utf-8")
    assert store.read_raw(path) == orjson.loads(path.read_bytes())


def _duplicated(text: str, how: str) -> str:
    if how == "top-level figures twice":
        return text[:-1] + ', "figures": {}}'
    if how == "a table before the figures and again after them":  # two pieces, each whole JSON
        return text[:-1] + ', "honorees": {}}'
    if how == "a figure id twice":
        return text.replace('"figures": {"1": {', '"figures": {"1": {"id": "x"}, "1": {', 1)
    if how == "a field twice in the last figure":  # the piece read after the last cut
        before, key, after = text.rpartition('"raw": ')
        return before + '"raw": "x", ' + key + after
    if how == "a field twice before the figures":  # an honoree: the tables read before the figures
        return text.replace('"name": ', '"name": "x", "name": ', 1)
    if how == "a field twice after the figures":  # the last event: the tables read after them
        before, key, after = text.rpartition('"date": ')
        return before + '"date": "2020", ' + key + after
    return text.replace('"raw": ', '"raw": "x", "raw": ', 1)  # a field twice in one record


@pytest.mark.parametrize("size", ["small", "large"])
@pytest.mark.parametrize("how", ["top-level figures twice", "a table before the figures and again after them",
                                 "a figure id twice", "a field twice",
                                 "a field twice in the last figure", "a field twice before the figures",
                                 "a field twice after the figures"])
def test_duplicate_keys_are_refused_whatever_the_size(tmp_path, size, how):
    data = _data(60 if size == "large" else 1)
    path = tmp_path / "dup.json"
    path.write_text(_duplicated(json.dumps(data, ensure_ascii=False), how), "utf-8")
    assert (path.stat().st_size > reader.CHUNK) == (size == "large")
    with pytest.raises(store.DataError, match="twice"):
        store.read_raw(path)


def test_an_escaped_colon_is_no_duplicate(tmp_path):
    data = _data(1)
    text = json.dumps(data, ensure_ascii=False).replace("责任编辑", "责任编辑\\u003a\\u003A", 1)
    path = tmp_path / "escaped.json"
    path.write_text(text, "utf-8")
    assert store.read_raw(path) == orjson.loads(text)


# How a text holding a backslash before u003a is written in JSON, and what it says (read by hand:
# \\\\ is one backslash; \\u003a, after an even run of backslashes, one colon).
BACKSLASHED = [(r"\\u003a", "\\u003a"),           # a backslash, then the text u003a: no colon
               (r"\\\u003a", "\\:"),              # a backslash, then a colon
               (r"\\\\u003A", "\\\\u003A"),     # two backslashes, then text
               (r"\\\\\u003A", "\\\\:")]        # two backslashes, then a colon


@pytest.mark.parametrize("written, meant", BACKSLASHED)
def test_an_escaped_backslash_before_u003a_is_no_colon(tmp_path, written, meant):
    """Counting \\u003a as a colon after an escaped backslash refused a file that says
    nothing twice ("holds the same key twice")."""
    data = _data(1)
    data["figures"]["1"]["quote"] += "冒号"
    text = json.dumps(data, ensure_ascii=False).replace("冒号", written, 1)
    path = tmp_path / "backslash.json"
    path.write_text(text, "utf-8")
    assert store.read_raw(path)["figures"]["1"]["quote"] == data["figures"]["1"]["quote"].replace("冒号", meant)
    assert store.read_raw(path) == orjson.loads(text)


def test_truncated_large_file_is_a_data_error(tmp_path, big):
    path = tmp_path / "big.json"
    text = json.dumps(big, ensure_ascii=False, indent=1)
    path.write_text(text[: len(text) // 2], "utf-8")
    with pytest.raises(store.DataError, match="not valid JSON"):
        store.load(path)


@pytest.mark.parametrize("where", ["first", "last"])
def test_braces_inside_a_quote_are_no_table_end(tmp_path, big, where):
    """"}}" and "}, " in a sentence look like the figures table's end and a record boundary: the
    reader tries the next end, still a chunk at a time, and gives what a whole parse gives."""
    data = dict(big, figures=dict(big["figures"]))
    key = next(iter(data["figures"])) if where == "first" else list(data["figures"])[-1]
    data["figures"][key] = dict(data["figures"][key], quote='{"a": {"b": 1}}, "c": "}}"')
    path = tmp_path / "braces.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with path.open("rb") as handle:
        cut = reader.Figures()
        assert reader.read_chunked(handle, cut) is not None
    assert cut.records == orjson.loads(path.read_bytes())["figures"]
