"""Atomic file output: write to a temporary file next to the target, fsync, then rename over it.

A build killed half-way leaves the previous output intact and loadable.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_writer", "write_lines"]


@contextmanager
def atomic_writer(path: Path | str, mode: str = "w"):
    """Open a temporary file that replaces ``path`` only when the block finishes without error."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": "\n"})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_lines(lines: Iterable[str], path: Path | str) -> None:
    """Write generated text lines atomically."""
    with atomic_writer(path) as handle:
        for line in lines:
            handle.write(line)
