"""Sorting and deduplicating the graph's N-Triples lines with bounded memory.

Sorted, unique N-Triples are the graph's canonical form: byte-identical whatever the file order, the number
of worker processes or the cache, and grouped by subject, which lets Turtle and the network view stream.
Up to ``run_lines`` lines (about 100 MB) are sorted in memory; beyond that, sorted runs go to temporary files in
``spill_dir`` and are merged, so a graph of tens of millions of triples sorts in a few hundred MB.
"""

from __future__ import annotations

import heapq
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

__all__ = ["sorted_unique"]

RUN_LINES = 500_000


def _unique(lines: Iterable[str]) -> Iterator[str]:
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


def _spill(run: list[str], spill_dir: Path) -> Path:
    run.sort()
    fd, name = tempfile.mkstemp(prefix=".kkrgraph-run-", suffix=".nt", dir=spill_dir)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(_unique(run))
    run.clear()
    return Path(name)


def sorted_unique(lines: Iterable[str], spill_dir: Path | str, run_lines: int = RUN_LINES) -> Iterator[str]:
    """Yield ``lines`` sorted (by code point, which is UTF-8 byte order) with repeats removed.

    The temporary run files are deleted when the generator finishes or is closed.
    """
    run: list[str] = []
    spilled: list[Path] = []
    try:
        for line in lines:
            run.append(line)
            if len(run) >= run_lines:
                spilled.append(_spill(run, Path(spill_dir)))
        if not spilled:
            run.sort()
            yield from _unique(run)
            return
        spilled.append(_spill(run, Path(spill_dir)))
        with ExitStack() as stack:
            handles = [stack.enter_context(path.open(encoding="utf-8", newline="\n")) for path in spilled]
            yield from _unique(heapq.merge(*handles))
    finally:
        for path in spilled:
            path.unlink(missing_ok=True)
