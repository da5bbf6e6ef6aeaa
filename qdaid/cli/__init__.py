"""The command line: parses options, calls the core, prints through render. Nothing else.

app (the frame, errors → exit codes, the entry point), options (shared options, completion,
the environment), queries (list, show, figures, stats, search, cite, timeline), files (build,
validate, export). The only package that imports typer. Its modules keep their annotations as
objects (no `from __future__ import annotations`): Typer reads them at every start, and strings
it would have to eval.
"""

from . import check, files, queries  # noqa: F401  (registers the commands on app)
from .app import app, main

__all__ = ["app", "main"]
