"""The vocabulary files (JSON) the pipeline and the query half read."""

from functools import cache
from pathlib import Path


@cache
def load(name: str) -> dict:
    """One file of this folder, parsed once. Read beside this module, not through
    importlib.resources, whose import costs every start-up ~2.5 ms (and json's as much: orjson
    is loaded by then)."""
    from ..formats import load_orjson

    return load_orjson().loads((Path(__file__).parent / name).read_bytes())
