"""Files, safely, for both halves: reading only regular files within a size limit, and writing
only regular files (or new paths), never through a link, never over an input or the bundled
database, atomically, one build per target at a time.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from .model import DataError

# Reads refuse anything but a regular file (a device or FIFO could be read forever), and files
# over these sizes; $QDAID_MAX_BYTES (read by the command line) raises both.
MAX_DATABASE_BYTES = 2 * 2**30
MAX_ARTICLE_BYTES = 64 * 2**20


def open_regular(path: Path, what: str, limit: int) -> BinaryIO:
    """A regular file opened for reading, or a one-line DataError saying why not."""
    try:
        info = os.stat(path)  # stat first: opening a FIFO would block until a writer comes
    except FileNotFoundError:
        raise DataError(f"{path}: no such {what}") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise DataError(f"{path}: is a directory, not a {what}")
    if not stat.S_ISREG(info.st_mode):
        raise DataError(f"{path}: is {_kind(info.st_mode)}, not a {what}; give a regular file")
    if info.st_size > limit:
        raise DataError(f"{path}: {info.st_size:,} bytes is more than the {limit:,} bytes a {what} may have; "
                        "QDAID_MAX_BYTES raises the limit")
    try:
        return open(path, "rb")
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return name
    return "not a regular file"


# ---- writing -------------------------------------------------------------------------------
# qdaid writes only regular files (or paths that do not exist yet), never through a symbolic
# link, never over one of its own inputs or the bundled database, always atomically: a temporary
# file beside the target, flushed, read back, renamed over the target.

def check_output(target: Path, inputs: Sequence[Path] = ()) -> Path:
    """The target made absolute, or a one-line DataError: why qdaid will not write there."""
    try:
        target = Path(os.path.abspath(target))
    except FileNotFoundError:  # os.getcwd() of a folder that was deleted
        raise DataError(f"{target}: the current folder no longer exists; give an absolute path") from None
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise DataError(f"{target}: cannot write there: {exc.strerror or exc}") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise DataError(f"{target}: is a symbolic link; qdaid does not write through links, give the file itself")
        if stat.S_ISDIR(info.st_mode):
            raise DataError(f"{target}: is a directory; give a file path")
        if not stat.S_ISREG(info.st_mode):
            raise DataError(f"{target}: is {_kind(info.st_mode)}; qdaid writes only regular files")
    if not target.parent.is_dir():
        raise DataError(f"{target.parent}: no such folder")
    resolved = target.parent.resolve() / target.name
    for source in inputs:
        if source.exists() and source.resolve() == resolved:
            raise DataError(f"{target}: is one of the build's inputs ({source}); choose another output")
    installed = Path(__file__).resolve().parent / "data"
    if resolved.parent == installed:
        raise DataError(f"{target}: is the bundled database, which is read-only; write elsewhere with -o")
    return target


def _side_name(target: Path, suffix: str) -> str:
    """A hidden name beside the target that fits the file system's 255-byte limit."""
    name = f".{target.name}.{suffix}"
    if len(name.encode("utf-8", "surrogateescape")) <= 200:
        return name
    import hashlib

    return f".qdaid-{hashlib.sha256(target.name.encode('utf-8', 'surrogateescape')).hexdigest()[:16]}.{suffix}"


@contextlib.contextmanager
def exclusive(target: Path):
    """One build per target at a time, for the whole build. The lock file is removed only by
    the build that holds it; a lock taken on a file another build has just removed is retried."""
    import fcntl

    lock_path = target.with_name(_side_name(target, "lock"))
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise DataError(f"{target.parent}: cannot write there: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DataError(f"{target}: another build is writing this file; try again when it ends") from None
        try:
            if os.stat(lock_path).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock_path)
        os.close(fd)


def stage(target: Path, write: Callable[[Path], None]) -> Path:
    """A temporary file beside target, filled by write(its path) and flushed to disk; the
    caller renames it into place with commit() or removes it with discard()."""
    import tempfile  # only builds and exports write: keep queries' start-up light

    try:
        fd, name = tempfile.mkstemp(prefix=_side_name(target, ""), suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise DataError(f"{target.parent}: cannot write there: {exc.strerror or exc}") from None
    tmp = Path(name)
    try:
        write(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException as exc:
        discard([tmp])
        if isinstance(exc, OSError):
            raise DataError(f"{target}: not written: {exc.strerror or exc}") from None
        raise
    return tmp


def commit(staged: list[tuple[Path, Path]]) -> None:
    """Rename each (temporary, target) pair into place, keeping an existing target's mode."""
    for tmp, target in staged:
        try:
            mode = os.stat(target).st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, target)


def discard(temporaries: list[Path]) -> None:
    for tmp in temporaries:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def write_atomically(target: Path, write: Callable[[Path], None], *,
                     check: Callable[[Path], None] | None = None) -> None:
    """Replace target with what write(a path) writes, checked by check(that path) when given:
    whatever fails or interrupts, the old target stays and no temporary file is left."""
    tmp = stage(target, write)
    try:
        if check is not None:
            check(tmp)
        commit([(tmp, target)])
    except BaseException as exc:
        discard([tmp])
        if isinstance(exc, OSError):
            raise DataError(f"{target}: not written: {exc.strerror or exc}") from None
        raise


def write_bytes(target: Path, data: bytes, *, check: Callable[[Path], None] | None = None) -> None:
    """write_atomically for bytes already in memory."""
    def fill(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomically(target, fill, check=check)
