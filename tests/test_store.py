"""The JSON reader: every layout another program may write (compact as TinyDB's default,
indented, CRLF, tables in another order) is read a block at a time with the same result as a
whole parse; duplicate keys are refused whatever the size."""

from __future__ import annotations

import json
import os
from pathlib import Path

import orjson
import pytest

from qdaid import reader, store


def _data(copies=60) -> dict:
    data = json.loads(store.resolve_db().read_text("utf-8"))
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
def test_every_layout_streams_to_the_same_records(tmp_path, monkeypatch, big, layout):
    path = tmp_path / "big.json"
    path.write_text(LAYOUTS[layout](big), "utf-8")
    assert path.stat().st_size > reader.STREAM_FROM
    whole = orjson.loads(path.read_bytes())

    def no_fallback(data):
        raise AssertionError("fell back to a whole parse")

    monkeypatch.setattr(reader, "parse_whole", no_fallback)
    streamed = store.read_raw(path)
    assert streamed == whole
    figures = store.load(path)["figures"]
    n = len(figures) // 60  # one string kept for the copies of a sentence, on every layout
    assert figures[0]["quote"] == figures[n]["quote"] and figures[0]["quote"] is figures[n]["quote"]
    # Words from short lists: once in this process, and once for each chunk the helper sent.
    chunks = path.stat().st_size // reader.BLOCK + 1
    for field in ("metric", "unit", "kind", "approx", "region_basis"):
        same = [f[field] for f in figures if f[field] == figures[0][field]]
        assert len(same) > 100 * chunks and len(set(map(id, same))) <= 1 + chunks, field


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
    assert (path.stat().st_size > reader.STREAM_FROM) == (size == "large")
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


@pytest.mark.parametrize("written", [written for written, _ in BACKSLASHED])
@pytest.mark.parametrize("into", range(1, 11))
def test_backslashes_before_u003a_across_two_blocks_count_as_read_whole(tmp_path, monkeypatch, written, into):
    """The reader counts escaped colons a block at a time: a cut inside the run of backslashes
    or inside the escape must not change whether it is a colon."""
    data = _data(3)
    data["figures"]["200"]["quote"] += "冒号"
    path = tmp_path / "backslash.json"
    path.write_text(json.dumps(data, ensure_ascii=False).replace("冒号", written, 1), "utf-8")
    at = path.read_bytes().index(written.encode())
    monkeypatch.setattr(reader, "STREAM_FROM", at + into)
    monkeypatch.setattr(reader, "BLOCK", 4096)
    assert store.read_raw(path) == orjson.loads(path.read_bytes())


@pytest.mark.parametrize("into", range(1, 6))
def test_an_escaped_colon_across_two_blocks_is_no_duplicate(tmp_path, monkeypatch, into):
    """The reader counts colons a block at a time: an escaped one (\\u003a, six bytes) that a block
    ends inside is still counted once, wherever the cut falls."""
    data = _data(3)
    data["figures"]["200"]["quote"] += "冒号"
    text = json.dumps(data, ensure_ascii=False).replace("冒号", "\\u003a", 1)  # six bytes: \u003a
    path = tmp_path / "escaped.json"
    path.write_bytes(text.encode("utf-8"))
    at = path.read_bytes().index(b"\\u003a")
    monkeypatch.setattr(reader, "STREAM_FROM", at + into)  # the first read ends inside the escape
    monkeypatch.setattr(reader, "BLOCK", 4096)
    assert store.read_raw(path) == orjson.loads(path.read_bytes())


def test_truncated_large_file_is_a_data_error(tmp_path, big):
    path = tmp_path / "big.json"
    text = json.dumps(big, ensure_ascii=False, indent=1)
    path.write_text(text[: len(text) // 2], "utf-8")
    with pytest.raises(store.DataError, match="not valid JSON"):
        store.load(path)


def test_tinydb_reads_the_file_read_only(tmp_path, bundled_db):
    db = store.open_tinydb(bundled_db)
    assert len(db.table("figures")) == len(store.load(bundled_db)["figures"])
    with pytest.raises(store.DataError, match="read-only"):
        db.table("figures").insert({"id": "x"})


def test_the_reader_holds_a_few_blocks_not_the_file(tmp_path, monkeypatch, big):
    path = tmp_path / "big.json"
    path.write_text(LAYOUTS["indent-1"](big), "utf-8")
    monkeypatch.setattr(reader, "BLOCK", 64 * 1024)
    monkeypatch.setattr(reader, "STREAM_FROM", 256 * 1024)  # the first read, too, a small part of the file
    largest = []
    real_more = reader._Blocks.more

    def more(self):
        largest.append(len(self.buffer))
        return real_more(self)

    monkeypatch.setattr(reader._Blocks, "more", more)
    assert store.read_raw(path) == orjson.loads(path.read_bytes())
    assert path.stat().st_size > 40 * reader.BLOCK and max(largest) < reader.STREAM_FROM + 4 * reader.BLOCK  # ~0.5 of 7 MB


# ---- two processes: a helper reads the figures past the middle of the file --------------------

def _helper_used(monkeypatch) -> list[bool]:
    """Whether each read used the helper's part (False: this process read that part itself);
    the file is never parsed whole."""
    from qdaid import parallel

    def no_fallback(data):
        raise AssertionError("fell back to a whole parse")

    monkeypatch.setattr(reader, "parse_whole", no_fallback)

    used, real = [], parallel.Helper.results

    def results(self):
        values = real(self)
        used.append(values is not None)
        return values

    monkeypatch.setattr(parallel.Helper, "results", results)
    return used


@pytest.mark.parametrize("layout", ["indent-1", "compact", "crlf", "figures-first"])
@pytest.mark.parametrize("split", [0.02, 0.31, 0.5, 0.77])
def test_a_helper_reads_the_second_part_wherever_it_starts(tmp_path, monkeypatch, big, layout, split):
    path = tmp_path / "big.json"
    path.write_text(LAYOUTS[layout](big), "utf-8")
    used = _helper_used(monkeypatch)
    monkeypatch.setattr(reader, "SPLIT", split)
    monkeypatch.setattr(reader, "BLOCK", 4096 * 7)  # many block ends, some near the helper's start
    assert store.read_raw(path) == orjson.loads(path.read_bytes())
    assert used == [True]
    with pytest.raises(ChildProcessError):  # the helper was reaped: no child is left
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.parametrize("into", range(0, 4))
def test_the_block_ends_inside_the_boundary_where_the_helper_starts(tmp_path, monkeypatch, big, into):
    """The first block ends on the boundary's } (into=0), its comma or its blanks: this process
    reads on, and stops there."""
    path = tmp_path / "big.json"
    path.write_text(LAYOUTS["indent-1"](big), "utf-8")  # a boundary is },\n  "
    data = path.read_bytes()
    middle = data.index(b'"figures": {') + len(data) // 2
    brace = data.index(b'},\n  "', middle)
    monkeypatch.setattr(reader, "_split", lambda fd, offset: (brace, brace + 5))
    monkeypatch.setattr(reader, "STREAM_FROM", brace + 1 + into)
    used = _helper_used(monkeypatch)
    assert store.read_raw(path) == orjson.loads(data)
    assert used == [True]


def test_a_helper_past_the_figures_is_not_used(tmp_path, monkeypatch, big):
    """A large table after the figures: the middle of the file lies in it, and this process reads
    every figure itself."""
    data = dict(big, events={str(i): dict(e, id=f"e{i}") for i, e in
                             enumerate(list(big["events"].values()) * 20000)})
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    used = _helper_used(monkeypatch)
    assert store.read_raw(path) == orjson.loads(path.read_bytes())
    assert used == []  # the table ended before the helper's start: its part was never asked for


def test_a_helper_starting_just_past_the_figures_is_not_used(tmp_path, monkeypatch, big):
    """The helper's start a few records into the table after the figures, in the block where the
    figures end: this process must not cut there."""
    path = tmp_path / "big.json"
    path.write_text(LAYOUTS["compact"](big), "utf-8")
    data = path.read_bytes()
    brace = data.index(b'}, "', data.index(b'"containment": {') + 200)
    monkeypatch.setattr(reader, "_split", lambda fd, offset: (brace, brace + 3))
    used = _helper_used(monkeypatch)
    assert store.read_raw(path) == orjson.loads(data)
    assert used == []


@pytest.mark.parametrize("how", ["raises", "is killed"])
def test_a_failed_helper_leaves_its_part_to_this_process(tmp_path, monkeypatch, big, how):
    import signal

    path = tmp_path / "big.json"
    path.write_text(LAYOUTS["compact"](big), "utf-8")
    parent = os.getpid()

    def fail(*args):
        assert os.getpid() != parent  # only the helper runs this
        if how == "is killed":
            os.kill(os.getpid(), signal.SIGKILL)
        raise MemoryError

    monkeypatch.setattr(reader, "_read_from", fail)
    used = _helper_used(monkeypatch)
    assert store.read_raw(path) == orjson.loads(path.read_bytes())
    assert used == [False]


def test_no_temporary_file_no_helper(tmp_path, monkeypatch, big):
    """The helper writes what it read to a temporary file: when none can be made (a full or
    read-only TMPDIR), this process reads the whole table itself."""
    import tempfile

    def refused():
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "big.json"
    path.write_text(LAYOUTS["compact"](big), "utf-8")
    monkeypatch.setattr(tempfile, "TemporaryFile", refused)
    used = _helper_used(monkeypatch)
    assert store.read_raw(path) == orjson.loads(path.read_bytes())
    assert used == [False]


def test_without_fork_or_pread_one_process_reads_it_all(tmp_path, monkeypatch, big):
    """Windows has neither."""
    from qdaid import parallel

    path = tmp_path / "big.json"
    path.write_text(LAYOUTS["crlf"](big), "utf-8")
    monkeypatch.delattr(os, "pread")
    monkeypatch.setattr(parallel, "possible", lambda: False)
    used = _helper_used(monkeypatch)
    assert store.read_raw(path) == orjson.loads(path.read_bytes())
    assert used == []


def test_ctrl_c_while_reading_stops_the_helper_too(tmp_path, monkeypatch, big):
    path = tmp_path / "big.json"
    path.write_text(LAYOUTS["compact"](big), "utf-8")
    parent, real = os.getpid(), reader._read_table

    def interrupted(blocks, add, until=None):
        if os.getpid() == parent and until is not None:
            raise KeyboardInterrupt
        return real(blocks, add, until)

    monkeypatch.setattr(reader, "_read_table", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.read_raw(path)
    with pytest.raises(ChildProcessError):  # killed and reaped
        os.waitpid(-1, os.WNOHANG)


HELPER_NEVER_ENDS = """
import sys, time
from pathlib import Path
from qdaid import reader, store
def never_ends(*args):
    time.sleep(60)
reader._read_from = never_ends
store.read_raw(Path(sys.argv[1]))
"""


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_a_helper_dies_with_a_killed_reader(tmp_path, big):
    """SIGKILL runs no cleanup: the helper must not read on, for nobody, once its parent is gone."""
    import signal
    import subprocess
    import sys
    import time

    path = tmp_path / "big.json"
    path.write_text(LAYOUTS["compact"](big), "utf-8")
    reader_process = subprocess.Popen([sys.executable, "-c", HELPER_NEVER_ENDS, str(path)])
    children = Path(f"/proc/{reader_process.pid}/task/{reader_process.pid}/children")
    for _ in range(200):
        if helper := children.read_text().split():
            break
        time.sleep(0.05)
    assert helper, "no helper was started"
    reader_process.send_signal(signal.SIGKILL)
    reader_process.wait()
    for _ in range(100):  # gone, or a zombie left for init to reap
        stat = Path(f"/proc/{helper[0]}/stat")
        if not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
            break
        time.sleep(0.05)
    else:
        os.kill(int(helper[0]), signal.SIGKILL)
        raise AssertionError("the helper outlived its parent")


def test_an_id_in_both_parts_is_refused(tmp_path, monkeypatch, big):
    data = dict(big, figures=dict(big["figures"]))
    last = data["figures"].pop(max(data["figures"], key=int))
    text = json.dumps(data, ensure_ascii=False)
    path = tmp_path / "dup.json"  # the first figure's doc id "1" again, at the end of the table
    path.write_text(text.replace('}}, "containment"', '}, "1": ' + json.dumps(last, ensure_ascii=False) +
                                 '}, "containment"', 1), "utf-8")
    used = _helper_used(monkeypatch)
    with pytest.raises(store.DataError, match="the id '1' twice"):
        store.read_raw(path)
    assert used == [True]


# ---- a query that wants a few figures keeps only those -----------------------------------------

# 徽县 is a county of 陇南市 (the article names 甘肃省徽县 and 甘肃省陇南市; the gazetteer links them):
# the region filter longnan keeps the figures of both.
NARROWED = [{"regions": ["longnan"]}, {"regions": ["陇南"]}, {"honorees": ["anshun-team"]},
            {"kinds": ["individual"]}, {"kinds": ["collective"], "regions": ["pingdu"]}]


@pytest.mark.parametrize("wanted", NARROWED)
def test_a_narrowed_read_selects_what_a_whole_read_does(tmp_path, big, wanted):
    from qdaid.query import Filters

    path = tmp_path / "big.json"
    path.write_text(LAYOUTS["indent-1"](big), "utf-8")
    narrowed = store.fact_base(path, figures_for=Filters(**wanted))
    whole = store.fact_base(path)
    selected = narrowed.select(Filters(**wanted))
    assert selected == whole.select(Filters(**wanted)) and selected
    assert len(narrowed.figures) < len(whole.figures) == len(big["figures"])  # the others were left out
    assert narrowed.table("events") == whole.table("events")


def test_a_narrowed_read_keeps_the_figures_of_the_place_and_the_places_within(tmp_path, big):
    """Expected rows from the file itself: figures whose region is longnan or huixian."""
    from qdaid.query import Filters

    path = tmp_path / "big.json"
    path.write_text(LAYOUTS["compact"](big), "utf-8")
    expected = [f["id"] for f in big["figures"].values() if f["region"] in ("longnan", "huixian")]
    base = store.fact_base(path, figures_for=Filters(regions=["Longnan"]))
    assert [f["id"] for f in base.select(Filters(regions=["Longnan"]))] == expected
    assert [f["id"] for f in base.figures] == expected


@pytest.mark.parametrize("where", ["first", "last"])
def test_a_damaged_figure_left_out_is_still_refused(tmp_path, big, where):
    """A figure of another place, with a value of the wrong type, in this process's part or the
    helper's: the file is refused as when every figure is kept."""
    from qdaid.query import Filters

    data = dict(big, figures=dict(big["figures"]))
    doc_id = next(i for i in (list(data["figures"]) if where == "first" else reversed(data["figures"]))
                  if data["figures"][i]["region"] == "anshun")
    data["figures"][doc_id] = dict(data["figures"][doc_id], value="很多")
    path = tmp_path / "damaged.json"
    path.write_text(LAYOUTS["indent-1"](data), "utf-8")
    with pytest.raises(store.DataError, match=f"figures record {data['figures'][doc_id]['id']!r} value is '很多'"):
        store.fact_base(path, figures_for=Filters(regions=["longnan"]))


def test_an_id_twice_among_figures_left_out_is_refused(tmp_path, big):
    from qdaid.query import Filters

    text = LAYOUTS["indent-1"](big)
    first = next(i for i, f in big["figures"].items() if f["region"] == "anshun")
    second = next(i for i, f in reversed(big["figures"].items()) if f["region"] == "anshun")
    path = tmp_path / "dup.json"
    path.write_text(text.replace(f'\n  "{second}": {{', f'\n  "{first}": {{', 1), "utf-8")
    with pytest.raises(store.DataError, match=f"the id '{first}' twice"):
        store.fact_base(path, figures_for=Filters(regions=["longnan"]))


def test_figures_before_the_names_are_read_whole(tmp_path, monkeypatch, big):
    """Figures first: no place can be resolved before them, so every figure is kept."""
    from qdaid.query import Filters

    path = tmp_path / "big.json"
    path.write_text(LAYOUTS["figures-first"](big), "utf-8")
    base = store.fact_base(path, figures_for=Filters(regions=["longnan"]))
    assert len(base.figures) == len(big["figures"])
    assert base.select(Filters(regions=["longnan"])) == store.fact_base(path).select(Filters(regions=["longnan"]))
