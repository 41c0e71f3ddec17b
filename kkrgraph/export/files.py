"""Atomic file output: write to a temporary file next to the target, fsync, then rename over it.

A build killed half-way leaves the previous output intact and loadable.
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "atomic_writer", "file_identity", "write_lines"]


@contextmanager
def atomic_path(path: Path | str, sync: bool = True) -> Iterator[Path]:
    """A temporary file's path next to ``path`` (for writers that open files by name, such as SQLite); the file
    replaces ``path``, synced, only when the block finishes without error. ``sync=False`` leaves the syncing to
    the caller (a work file that is synced where it is published)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
        os.close(fd)
        yield Path(tmp)
        if sync:
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _remove_orphans(target)


@contextmanager
def atomic_writer(path: Path | str, mode: str = "w", sync: bool = True):
    """Open a temporary file that replaces ``path`` only when the block finishes without error."""
    with (
        atomic_path(path, sync) as tmp,
        open(tmp, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": "\n"})) as handle,
    ):
        yield handle


def file_identity(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is rewritten, replaced or edited: size, mtime (ns) and inode (None: no file)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove_orphans(target: Path) -> None:
    """Delete temporaries of ``target`` left by writers that were killed (their process no longer exists).

    A SIGKILL skips the clean-up above; the next successful write of the same file sweeps up after it,
    leaving the temporaries of writers that are still running alone.
    """
    for stray in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        pid = stray.name[len(target.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            stray.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def write_lines(lines: Iterable[str], path: Path | str) -> None:
    """Write generated text lines atomically."""
    with atomic_writer(path) as handle:
        for line in lines:
            handle.write(line)
