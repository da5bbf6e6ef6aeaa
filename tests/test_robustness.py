"""Nothing breaks, nothing is lost: damaged databases, odd arguments, pipes, terminals, signals."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from qdaid import store

QDAID = [sys.executable, "-m", "qdaid"]


def run(*args, env=None, **kwargs):
    environment = {**os.environ, **(env or {})}
    for name in ("QDAID_DB", "QDAID_FORMAT", "QDAID_DEBUG",
                 "PYTHONUNBUFFERED"):  # as users run it: output buffered, written by flushes
        environment.pop(name, None)
    return subprocess.run([*QDAID, *map(str, args)], capture_output=True, env=environment, timeout=120, **kwargs)


def one_error_line(stderr: str, *fragments: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("qdaid: ") and "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def bundled_json() -> dict:
    return json.loads((store.bundled_dir() / store.DB_NAME).read_text("utf-8"))


def write_db(path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


# ---- the database file may be anything ------------------------------------------------------

def _damage(kind, tmp_path):
    good = (store.bundled_dir() / store.DB_NAME).read_bytes()
    path = tmp_path / "damaged.json"
    writes = {
        "empty": b"", "blank": b"  \n\t ", "truncated": good[: len(good) // 2], "trailing garbage": good + b"}}garbage",
        "NUL bytes": good[:100] + b"\x00\x00" + good[100:], "a list": b"[1, 2, 3]", "a number": b"42",
        "no figures table": b'{"honorees": {}}', "figures not records": b'{"honorees": {}, "figures": {"1": 5}}',
        "byte-order mark": b"\xef\xbb\xbf" + good, "not UTF-8": good.replace("陇南".encode(), b"\xc2\xff", 1),
        "NaN": good.replace(b'"value": 1,', b'"value": NaN,', 1),
    }
    if kind in writes:
        path.write_bytes(writes[kind])
        return path
    data = json.loads(good)
    if kind == "missing field":
        del data["figures"]["7"]["unit"]
    elif kind == "wrong type":
        data["figures"]["7"]["value"] = "七"
    elif kind == "boolean value":
        data["figures"]["7"]["value"] = True
    elif kind == "null metric":
        data["figures"]["7"]["metric"] = None
    write_db(path, data)
    return path


DAMAGE = ["empty", "blank", "truncated", "trailing garbage", "NUL bytes", "a list", "a number", "no figures table",
          "figures not records", "byte-order mark", "not UTF-8", "NaN", "missing field", "wrong type",
          "boolean value", "null metric"]


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_database_is_one_line_exit_1(cli, tmp_path, kind):
    path = _damage(kind, tmp_path)
    before = path.read_bytes()
    for args in (["figures"], ["stats"], ["show", "pingdu"], ["list", "regions"]):
        result = cli(*args, "--db", path)
        assert result.exit_code == 1, (kind, args, result.output)
        assert result.stdout == ""
        one_error_line(result.stderr, str(path))
    assert path.read_bytes() == before


@pytest.mark.parametrize(("target", "reason"), [("missing.json", "no such database file"),
                                                ("a-folder", "is a directory")])
def test_missing_file_or_a_folder(cli, tmp_path, target, reason):
    (tmp_path / "a-folder").mkdir()
    result = cli("figures", "--db", tmp_path / target)
    assert result.exit_code == 1
    one_error_line(result.stderr, reason)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder"]


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero", "/dev/urandom"])
def test_a_device_is_not_a_database(cli, device):
    result = cli("figures", "--db", device)  # /dev/zero would otherwise be read forever
    assert result.exit_code == 1
    one_error_line(result.stderr, f"{device}: is a character device, not a database file")


def test_reads_on_read_only_files_change_nothing(cli, db_copy, tmp_path):
    folder = db_copy.parent
    stamp = db_copy.stat().st_mtime_ns
    before = db_copy.read_bytes()
    db_copy.chmod(0o444)
    folder.chmod(0o555)
    try:
        commands = [["figures"], ["stats", "--by", "honoree"], ["show", "陇南", "-f", "json"], ["list", "metrics"],
                    ["search", "辣椒"], ["cite", "3457"], ["timeline"], ["validate"]]
        for args in commands:
            result = cli(*args, "--db", db_copy)
            assert result.exit_code == 0, (args, result.output)
    finally:
        folder.chmod(0o755)
        db_copy.chmod(0o644)
    assert db_copy.read_bytes() == before and db_copy.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in folder.iterdir()) == sorted([db_copy.name, *(s.name for s in store.bundled_sources())])


# ---- builds are atomic and exclusive --------------------------------------------------------

def test_ctrl_c_during_a_build_exits_130_and_keeps_the_old_file(tmp_path):
    article = store.bundled_sources()[0]
    sources = []
    for i in range(300):  # several seconds of extraction: the signal lands mid-pipeline
        copy = tmp_path / f"article{i:02d}.txt"
        copy.write_bytes(article.read_bytes() + f"{i}\n".encode())  # each its own text: one text is built once
        sources.append(copy)
    target = tmp_path / "out" / "qdaid.json"
    target.parent.mkdir()
    target.write_text("the old database\n")
    env = {**os.environ}
    env.pop("QDAID_DEBUG", None)
    proc = subprocess.Popen([*QDAID, "build", *map(str, sources), "-o", str(target)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    one_error_line(stderr.decode(), "interrupted")
    assert target.read_text() == "the old database\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["qdaid.json"]


def test_a_second_build_on_the_same_target_is_refused(tmp_path):
    target = tmp_path / "qdaid.json"
    target.write_text("old\n")
    with open(tmp_path / ".qdaid.json.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        result = run("build", "-o", target)
    assert result.returncode == 1
    one_error_line(result.stderr.decode(), "another build is writing this file")
    assert target.read_text() == "old\n"


def test_readers_see_the_old_or_the_new_file_never_half(tmp_path):
    target = tmp_path / "qdaid.json"
    old = store.dumps(store.load(store.bundled_dir() / store.DB_NAME))
    shortened = json.loads(old)
    shortened["figures"] = dict(list(shortened["figures"].items())[:10])
    new = json.dumps(shortened, ensure_ascii=False)
    target.write_text(old)
    stop, seen, errors = threading.Event(), set(), []

    def read():
        while not stop.is_set():
            try:
                seen.add(len(store.load(target)["figures"]))
            except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    for i in range(30):
        store.write(target, new if i % 2 == 0 else old)
    stop.set()
    reader.join()
    assert not errors and seen <= {10, len(json.loads(old)["figures"])}


# ---- arguments ------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["figures", "--colour"], ["figures", "--region"], ["show"], ["show", "a", "b"],
                                  ["frobnicate"], ["figures", "--limit", "ten"], ["stats", "--year", "2020.5"]])
def test_usage_mistakes_exit_2_with_nothing_on_stdout(cli, args):
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    one_error_line(result.stderr)  # click's usage, hint and message, in qdaid's one line
    assert result.stderr.startswith("qdaid: ") and "--help'" in result.stderr


@pytest.mark.parametrize("args", [["--metric", ""], ["--honoree", " "], ["--unit", ""], ["--grep", ""],
                                  ["-F", ""], ["--sort", ""], ["--max", "-"], ["--min", "nan"], ["--until", "0"]])
def test_blank_and_out_of_range_values_are_refused(cli, args):
    result = cli("figures", *args)
    assert result.exit_code == 2, (args, result.output)
    one_error_line(result.stderr)


@pytest.mark.parametrize("args", [["--kind", ""], ["--approx", ""], ["-f", ""], ["--by", "colour"]])
def test_a_value_outside_its_choices_is_a_usage_error(cli, args):
    result = cli("stats" if args[0] == "--by" else "figures", *args)
    assert result.exit_code == 2 and result.stdout == "" and "is not one of" in result.stderr


def test_invalid_utf8_in_an_argument():
    result = subprocess.run([*QDAID, "figures", "--region", b"\xff\xfelongnan"], capture_output=True, timeout=60)
    assert result.returncode == 2 and result.stdout == b""
    one_error_line(result.stderr.decode("utf-8"), "no region")


@pytest.mark.parametrize("text", ["[b]bold[/b]", ":warning:", "\x1b[31mred\x1b[0m", "\u202eevil", "[/]"])
def test_argument_text_never_acts_on_the_terminal(cli, text):
    result = cli("figures", "--region", text)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert (text.isprintable() and text in result.stderr) or "\\x1b" in result.stderr or "\\u202e" in result.stderr


# ---- output streams -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    """The bundled figures three times over: well over 64 KiB in every format."""
    folder = tmp_path_factory.mktemp("big")
    data = bundled_json()
    figures = list(data["figures"].values())
    data["figures"] = {str(i + 1): dict(f, id=f"{f['id']}-{i}", part_of=None)
                       for i, f in enumerate(figures * 3)}
    path = folder / "qdaid.json"
    write_db(path, data)
    return path


@pytest.mark.parametrize("unbuffered", ["1", ""])  # Rich's broken-pipe handler exited 1 when stdout buffered
@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "md", "table"])
def test_a_reader_that_stops_early_is_not_an_error(big_db, fmt, unbuffered):
    proc = subprocess.Popen([*QDAID, "figures", "--db", str(big_db), "-f", fmt], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": unbuffered})
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert stderr == b""


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_whole_output_is_written_before_qdaid_exits(big_db, fmt):
    """qdaid exits without the interpreter's teardown (os._exit): what Python still buffers must
    reach the pipe first, to the last record."""
    copies = bundled_json()["figures"]
    result = run("figures", "--db", big_db, "-f", fmt, "-F", "id")
    assert result.returncode == 0 and result.stderr == b""
    text = result.stdout.decode("utf-8")
    ids = [row["id"] for row in (csv.DictReader(io.StringIO(text)) if fmt == "csv" else json.loads(text))]
    assert len(ids) == 3 * len(copies)  # big_db: the bundled figures three times over
    assert ids[-1] == f"{list(copies.values())[-1]['id']}-{3 * len(copies) - 1}"


@pytest.mark.skipif(not os.path.exists("/proc/self/io"), reason="counts system calls in /proc/self/io (Linux)")
def test_output_is_written_in_blocks_even_when_python_is_told_not_to_buffer(big_db):
    """PYTHONUNBUFFERED (common in containers) made each CSV row a system call of its own."""
    script = ("import os, sys\n"
              "def counted_exit(code):\n"  # qdaid leaves through os._exit: count the writes there
              "    io = dict(line.split(': ') for line in open('/proc/self/io').read().splitlines())\n"
              "    os.write(2, io['syscw'].encode())\n"
              "    real_exit(code)\n"
              "real_exit, os._exit = os._exit, counted_exit\n"
              f"sys.argv = ['qdaid', 'figures', '-f', 'csv', '--db', {str(big_db)!r}]\n"
              "from qdaid.cli import main\n"
              "main()\n")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # The first read writes the JSON store's SQLite cache (its pages are writes too): count the second.
    subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, timeout=60, check=True)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, timeout=60)
    rows = len(list(csv.reader(io.StringIO(result.stdout.decode("utf-8"))))) - 1
    assert result.returncode == 0 and rows == 3 * len(bundled_json()["figures"])  # big_db: three copies
    assert int(result.stderr) < rows / 10, f"{int(result.stderr)} writes for {len(result.stdout)} bytes"


def test_an_error_is_written_before_qdaid_exits():
    result = run("figures", "--region", "nowhere")
    assert result.returncode == 2 and result.stdout == b""
    one_error_line(result.stderr.decode(), "no region 'nowhere'")


def test_full_disk_is_one_line_exit_1(big_db):
    with open("/dev/full", "w") as full:
        result = subprocess.run([*QDAID, "figures", "--db", str(big_db)], stdout=full, stderr=subprocess.PIPE,
                                timeout=60)
    assert result.returncode == 1
    one_error_line(result.stderr.decode(), "cannot write the output", "No space left on device")


ENVIRONMENTS = [{"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}, {"TERM": "dumb"}, {"COLUMNS": "0"}, {"COLUMNS": "abc"},
                {"COLUMNS": "-3"}, {"COLUMNS": "100000"}, {"LC_ALL": "C"}, {"PYTHONIOENCODING": "ascii"},
                {"LANG": "zh_CN.GB18030", "LC_ALL": "zh_CN.GB18030"}]


@pytest.mark.parametrize("fmt", ["csv", "json", "tsv", "md"])
def test_machine_formats_do_not_depend_on_the_environment(fmt):
    baseline = run("figures", "--honoree", "pingdu", "-f", fmt)
    assert baseline.returncode == 0 and "平度".encode() in baseline.stdout
    for env in ENVIRONMENTS:
        result = run("figures", "--honoree", "pingdu", "-f", fmt, env=env)
        assert result.returncode == 0, (env, result.stderr)
        assert result.stdout == baseline.stdout, env
        assert b"\x1b" not in result.stdout


@pytest.mark.parametrize("env", ENVIRONMENTS, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()))
def test_tables_and_help_survive_odd_terminals(env):
    table = run("stats", "--honoree", "longnan", "-f", "table", env=env)
    assert table.returncode == 0, table.stderr
    assert "万元" in table.stdout.decode("utf-8")  # longnan's totals, on one scale (85800万元 …)
    assert run("figures", "--help", env=env).returncode == 0


def _db_with_tricky_text(tmp_path):
    data = bundled_json()
    record = data["figures"]["7"]
    record["quote"] = 'a,"quoted",\nnew line\tand tab'
    record["label"] = "=HYPERLINK(\"http://x\")"
    record["value"] = -5.2
    record["raw"] = "-5.2"
    path = tmp_path / "tricky.json"
    write_db(path, data)
    return path, record


def test_csv_round_trips_commas_quotes_newlines(cli, tmp_path):
    path, record = _db_with_tricky_text(tmp_path)
    result = cli("figures", "--db", path, "--grep", "quoted")
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["quote"] == record["quote"] and row["value"] == "-5.2"


def test_tsv_keeps_a_constant_field_count(cli, tmp_path):
    path, _ = _db_with_tricky_text(tmp_path)
    lines = cli("figures", "--db", path, "-f", "tsv").stdout.split("\n")[:-1]
    assert len({line.count("\t") for line in lines}) == 1
    assert any("a,\"quoted\",\\nnew line\\tand tab" in line for line in lines)


def test_excel_safe_guards_formulas_not_numbers(cli, tmp_path):
    path, _ = _db_with_tricky_text(tmp_path)
    (row,) = list(csv.DictReader(io.StringIO(cli("figures", "--db", path, "--grep", "quoted", "--excel-safe").stdout)))
    assert row["label"] == "'=HYPERLINK(\"http://x\")" and row["value"] == "-5.2" and row["raw"] == "-5.2"
    plain = cli("figures", "--db", path, "--grep", "quoted", "--bom").stdout
    assert plain.startswith("\ufeffid,")


# ---- internal errors ------------------------------------------------------------------------

def test_unexpected_errors_are_one_line_unless_debugging(cli, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("qdaid.facts.FactBase.listing", broken)
    result = cli("figures")
    assert result.exit_code == 1
    one_error_line(result.stderr, "internal error: ZeroDivisionError", "QDAID_DEBUG=1")
    monkeypatch.setenv("QDAID_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        cli("figures")


def test_a_debug_traceback_never_shows_locals():
    # An internal error with QDAID_DEBUG=1: the traceback is shown, the values of locals are not.
    script = ("import sys, qdaid.facts as q\n"
              "def listing(self, *args, **kwargs):\n"
              "    secret_local = 'S3CR3T-VALUE'\n"
              "    raise TypeError('boom')\n"
              "q.FactBase.listing = listing\n"
              "sys.argv = ['qdaid', 'figures']\n"
              "from qdaid.cli import main\n"
              "main()\n")
    env = {**os.environ, "QDAID_DEBUG": "1", "COLUMNS": "200"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0 and "boom" in result.stderr and "listing" in result.stderr
    assert "S3CR3T-VALUE" not in result.stderr
