"""The architecture, enforced: the two halves do not import each other; the file is TinyDB's;
a database does not depend on where it was built."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from qdaid import store

PACKAGE = Path(__file__).resolve().parent.parent / "qdaid"
QUERY_SIDE = {"store", "query", "stats", "views", "render", "formats", "export"}


def _imports(path: Path) -> set[str]:
    """The qdaid modules a file imports (absolute or relative, at any depth of the code)."""
    package = ["qdaid", *path.relative_to(PACKAGE).parent.parts]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found |= {module} | {f"{module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {m for m in found if m == "qdaid" or m.startswith("qdaid.")}


def test_the_pipeline_never_imports_the_query_half():
    for path in (PACKAGE / "pipeline").glob("*.py"):
        wrong = {m for m in _imports(path) if m != "qdaid" and m.split(".")[1] in QUERY_SIDE | {"cli", "validate"}}
        assert not wrong, (path.name, wrong)


def test_the_query_half_never_imports_the_pipeline():
    for name in QUERY_SIDE:
        wrong = {m for m in _imports(PACKAGE / f"{name}.py") if m.startswith("qdaid.pipeline")}
        assert not wrong, (name, wrong)


def test_the_import_checker_sees_relative_imports():
    imports = _imports(PACKAGE / "pipeline" / "records.py")
    assert "qdaid.model" in imports and "qdaid.pipeline.article" in imports


def test_only_cli_imports_typer_and_only_the_drawing_modules_rich():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level}
        assert path.parent.name == "cli" or not names & {"typer", "click"}, path
        assert path.name in ("render.py", "pages.py", "wrapping.py") or "rich" not in names, path


@pytest.mark.parametrize("layout", [{}, {"indent": 4}], ids=["tinydb-default-compact", "indented"])
def test_the_fast_reader_reads_what_tinydb_writes(tmp_path, layout):
    from tinydb import TinyDB

    tables = store.load(store.bundled_dir() / store.DB_NAME)
    path = tmp_path / "by-tinydb.json"
    with TinyDB(path, **layout) as db:  # TinyDB's own JSONStorage, as another program would write it
        for name, records in tables.items():
            db.table(name).insert_multiple(records)
    assert store.load(path) == tables
    with TinyDB(path, access_mode="r") as db:
        assert {name: db.table(name).all() for name in db.tables()} == tables
    if not layout:
        assert b"\n" not in path.read_bytes()  # it really is the compact layout


def test_build_writes_through_tinydb_and_tinydb_reads_it(tmp_path):
    from tinydb import TinyDB

    path = tmp_path / "qdaid.json"
    tables = store.load(store.bundled_dir() / store.DB_NAME)
    path.write_text(store.dumps(tables), "utf-8")
    with TinyDB(path, access_mode="r") as db:
        assert db.tables() == set(tables) and db.table("figures").get(doc_id=1) == tables["figures"][0]


def test_a_build_written_elsewhere_is_byte_identical(cli, tmp_path):
    target = tmp_path / "deep" / "elsewhere.json"
    target.parent.mkdir()
    assert cli("build", "-o", target).exit_code == 0
    assert target.read_bytes() == (store.bundled_dir() / store.DB_NAME).read_bytes()
    (source,) = json.loads(target.read_text("utf-8"))["sources"].values()
    assert "/" not in source["path"]  # a file name, never a path of the machine that built it


def test_every_package_is_installed():
    # pyproject lists packages by name: a new sub-package missing there works in the work tree and
    # fails once installed (python -m qdaid from any other folder).
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    listed = set(tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(PACKAGE.parent).parts) for p in PACKAGE.rglob("__init__.py")}
    assert found <= listed, found - listed
