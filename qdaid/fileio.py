"""Files, safely, for both halves: reading only regular files within a size limit, and writing
only regular files (or new paths), never through a link, never over an input or the bundled
database, atomically, one build per target at a time.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable, Iterable
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
        raise DataError(f"{path}: is a directory, not {_a(what)}")
    if not stat.S_ISREG(info.st_mode):
        raise DataError(f"{path}: is {_kind(info.st_mode)}, not {_a(what)}; give a regular file")
    if info.st_size > limit:
        raise DataError(f"{path}: {info.st_size:,} bytes is more than the {limit:,} bytes {_a(what)} may have; "
                        "QDAID_MAX_BYTES raises the limit")
    try:
        return open(path, "rb")
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None


_KINDS = {stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device", stat.S_IFIFO: "a FIFO",
          stat.S_IFSOCK: "a socket"}


def _a(what: str) -> str:
    """The noun with its article: an article, a sidecar file."""
    return f"{'an' if what[:1] in 'aeiou' else 'a'} {what}"


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


# ---- writing -------------------------------------------------------------------------------
# qdaid writes only regular files (or paths that do not exist yet), never through a symbolic
# link, never over one of its own inputs or the bundled database, always atomically: a temporary
# file beside the target, flushed, read back, renamed over the target.

SQLITE_JOURNALS = ("-journal", "-wal", "-shm")  # the files SQLite keeps beside a store: NAME-journal …


class Outputs:
    """The one guard every writer asks before it writes (build, build --append, export, report -o,
    the article copies a build keeps beside your database): an output is never one of the
    command's inputs (the articles and sidecars a build reads, the database a command reads and
    the articles and sidecars beside it), never the bundled database, never a link, device or
    folder, and never another output of the same command."""

    def __init__(self, command: str, inputs: Iterable[Path] = ()):
        self.command = command
        self.inputs = list(inputs)
        self.claimed: dict[Path, Path] = {}  # resolved → as given

    def claim(self, target: Path) -> Path:
        """The target made absolute, or a one-line DataError: why this command will not write there."""
        target = absolute(target)
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise DataError(f"{target}: cannot write there: {exc.strerror or exc}") from None
        if info is not None and not stat.S_ISREG(info.st_mode):
            if stat.S_ISLNK(info.st_mode):
                raise DataError(f"{target}: is a symbolic link; qdaid does not write through links, give the file itself")
            if stat.S_ISDIR(info.st_mode):
                raise DataError(f"{target}: is a directory; give a file path")
            raise DataError(f"{target}: is {_kind(info.st_mode)}; qdaid writes only regular files")
        if not target.parent.is_dir():
            raise DataError(f"{target.parent}: no such folder")
        resolved = target.parent.resolve() / target.name
        for source in self.inputs:  # a SQLite journal also when it does not exist: it comes and goes
            if os.path.lexists(source) and source.resolve() == resolved or \
                    source.name.endswith(SQLITE_JOURNALS) and source.parent.resolve() / source.name == resolved:
                raise DataError(f"{target}: is one of the {self.command}'s inputs ({source}); choose another output")
        if resolved.parent == Path(__file__).resolve().parent / "data":
            raise DataError(f"{target}: is the bundled database, which is read-only; write elsewhere with -o")
        if resolved in self.claimed:
            raise DataError(f"{target}: this {self.command} would write it twice (also as {self.claimed[resolved]}); "
                            "give another output")
        self.claimed[resolved] = target
        return target


def free_name(folder: Path, name: str, data: bytes, taken: Iterable[str], tag: str) -> str:
    """A name in folder for a copy of data: name itself when no one else has it (or it holds
    these very bytes), else name with tag (then a number) before its suffix. Nothing is replaced
    that holds other bytes."""
    taken = set(taken)
    stem, dot, suffix = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    candidates = [name, f"{stem}.{tag}{dot}{suffix}", *(f"{stem}.{tag}-{n}{dot}{suffix}" for n in range(2, 1000))]
    for candidate in candidates:
        if candidate not in taken and _holds_nothing_else(folder / candidate, data):
            return candidate
    raise DataError(f"{folder}: no free name for a copy of {name}")


def _holds_nothing_else(path: Path, data: bytes) -> bool:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return True
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return False
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def absolute(path: Path) -> Path:
    """The path made absolute, or a one-line DataError when the working folder is gone."""
    try:
        return Path(os.path.abspath(path))
    except FileNotFoundError:  # os.getcwd() of a folder that was deleted
        raise DataError(f"{path}: the current folder no longer exists; give an absolute path") from None


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
    _remove_stale(target)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock_path)
        os.close(fd)


def _remove_stale(target: Path) -> None:
    """Remove the temporary files a killed build left beside target: each names the process
    that made it (see stage), and one whose process is gone is no one's."""
    prefix = _side_name(target, "")
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            pid = entry.name[len(prefix):].split(".", 1)[0]
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp") and pid.isdigit()
                    and entry.is_file(follow_symlinks=False)) or _alive(int(pid)):
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # another user's process, or a number no process has: leave its file
    return True


def stage(target: Path, write: Callable[[Path], None]) -> Path:
    """A temporary file beside target, filled by write(its path) and flushed to disk; the
    caller renames it into place with commit() or removes it with discard()."""
    import tempfile  # only builds and exports write: keep queries' start-up light

    try:
        # The process id in the name: a later build removes the file once that process is gone.
        fd, name = tempfile.mkstemp(prefix=_side_name(target, f"{os.getpid()}."), suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise DataError(f"{target.parent}: cannot write there: {exc.strerror or exc}") from None
    tmp = Path(name)
    with _removed_on_failure(target, tmp):
        write(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return tmp


@contextlib.contextmanager
def _removed_on_failure(target: Path, tmp: Path):
    """Whatever fails or interrupts: tmp removed, and a cause outside qdaid said in one line."""
    try:
        yield
    except BaseException as exc:
        discard([tmp])
        if reason := write_failure(exc):
            raise DataError(f"{target}: not written: {reason}") from None
        raise


# SQLite's codes for a cause outside qdaid: a full disk, a failing device, a folder it may not write.
_SQLITE_OUTSIDE = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM")


def write_failure(exc: BaseException) -> str | None:
    """Why a write failed, when the cause is outside qdaid (the disk, the folder), else None."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return exc.strerror or str(exc)
    sqlite3 = sys.modules.get("sqlite3")  # imported by whoever wrote SQLite; queries never load it here
    if sqlite3 is not None and isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.startswith(_SQLITE_OUTSIDE):
            return str(exc)
    return None


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
    with _removed_on_failure(target, tmp):
        if check is not None:
            check(tmp)
        commit([(tmp, target)])


def write_bytes(target: Path, data: bytes, *, check: Callable[[Path], None] | None = None) -> None:
    """write_atomically for bytes already in memory."""
    def fill(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomically(target, fill, check=check)
