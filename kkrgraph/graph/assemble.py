"""The corpus-wide step, on every core: link the documents' graph parts and write one sorted N-Triples file.

Sorted, unique N-Triples are the graph's canonical form: byte-identical whatever the file order, the number
of worker processes or the cache, and grouped by subject, which lets Turtle and the network view stream.
Making them is a parallel sort in three steps:

1. **Link** (workers). The documents, in build order, are cut into chunks; a worker links a chunk's graph
   parts (:class:`~kkrgraph.graph.build.Linker`, with the claims decided beforehand, so chunks are
   independent), sorts its lines into a run file and returns a sample of them and the entities it used.
   The entity descriptions and the vocabulary make one more run, written here.
2. **Merge** (workers). The samples cut the key space into ranges; a worker merges its range of every run
   (found by binary search in the sorted file) into a part, without repeats.
3. **Concatenate** (here). The parts, in range order, are the graph.

Only the concatenation is serial, and no process holds more than one chunk's lines.
"""

from __future__ import annotations

import heapq
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from kkrgraph.graph.build import Linker, claim_winners

if TYPE_CHECKING:
    from kkrgraph.pipeline import Corpus, Processed
    from kkrgraph.resolve import Entity, Resolution

__all__ = ["assemble_graph"]

CHUNK_DOCUMENTS = 256  # at most this many documents' lines are sorted in memory at once
MIN_CHUNK = 8  # fewer documents than this per worker are not worth a process
SAMPLE_EVERY = 1024  # one line in this many of every run is sampled to choose the merge ranges


@dataclass(frozen=True)
class _Inputs:
    """What every worker needs; inherited by forked workers, never sent per task."""

    corpus: Corpus
    resolution: Resolution
    winners: dict[str, str]


_WORKER: dict[str, _Inputs] = {}  # a worker process's inputs, set once by _adopt


def _adopt(inputs: _Inputs) -> None:
    _WORKER["inputs"] = inputs


def _in_worker(step: Callable[[_Inputs, Any], Any], task: Any) -> Any:
    return step(_WORKER["inputs"], task)


def _write_run(lines: Sequence[str], path: Path) -> list[bytes]:
    """Write sorted unique ``lines`` to ``path``; returns every :data:`SAMPLE_EVERY`-th line, encoded."""
    with path.open("wb") as handle:
        handle.write("".join(lines).encode("utf-8"))
    return [line.encode("utf-8") for line in lines[::SAMPLE_EVERY]]


def _link(inputs: _Inputs, task: tuple[tuple[Processed, ...], Path]) -> tuple[list[bytes], dict[str, Entity]]:
    """Link a chunk of documents into a sorted run file; its samples and the entities it used."""
    documents, run = task
    linker = Linker(inputs.resolution, inputs.winners)
    lines: set[str] = set()
    for graph in inputs.corpus.graphs(documents):
        lines.update(linker.document(graph))
    return _write_run(sorted(lines), run), linker.used


def _line_at(handle: BinaryIO, offset: int) -> bytes:
    """The first whole line starting at or after byte ``offset`` (b"" at the end of the file)."""
    handle.seek(max(0, offset - 1))
    if offset:
        handle.readline()  # finish the line that byte offset-1 belongs to
    return handle.readline()


def _seek(handle: BinaryIO, key: bytes | None) -> None:
    """Position a sorted file at its first line ≥ ``key`` (binary search over byte offsets)."""
    if key is None:
        handle.seek(0)
        return
    low, high = 0, handle.seek(0, os.SEEK_END)
    while low < high:
        middle = (low + high) // 2
        line = _line_at(handle, middle)
        if not line or line >= key:
            high = middle
        else:
            low = middle + 1
    handle.seek(max(0, low - 1))
    if low:
        handle.readline()


def _range(handle: BinaryIO, low: bytes | None, high: bytes | None) -> Iterator[bytes]:
    _seek(handle, low)
    for line in handle:
        if high is not None and line >= high:
            return
        yield line


def _merge(_inputs: _Inputs, task: tuple[list[Path], bytes | None, bytes | None, Path]) -> int:
    """Merge the lines in [low, high) of every run into one part file, without repeats; the line count."""
    runs, low, high, part = task
    count, previous = 0, None
    with ExitStack() as stack, part.open("wb") as out:
        handles = [stack.enter_context(run.open("rb")) for run in runs]
        for line in heapq.merge(*(_range(handle, low, high) for handle in handles)):
            if line != previous:
                out.write(line)
                count += 1
                previous = line
    return count


def _boundaries(samples: list[bytes], parts: int) -> list[bytes | None]:
    """``parts`` + 1 range limits (None = open end) cutting the sampled lines into equal shares."""
    samples.sort()
    cuts = sorted({samples[len(samples) * i // parts] for i in range(1, parts)} if samples else set())
    return [None, *cuts, None]


def assemble_graph(corpus: Corpus, resolution: Resolution, out: Path, work: Path, jobs: int | None = None) -> int:
    """Write the graph of ``corpus`` as sorted, unique N-Triples to ``out``; returns the number of triples.

    Args:
        corpus: The processed documents (graph parts in its cache), in build order.
        resolution: The corpus's entities.
        out: The N-Triples file to write.
        work: A folder for the temporary runs and parts (they are deleted before returning).
        jobs: Worker processes (default: the machine's cores; 1 works in this process). A small corpus is
            linked here: starting workers would cost more than they save.
    """
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(corpus.documents) // MIN_CHUNK))
    inputs = _Inputs(corpus, resolution, claim_winners((d.sha256, d.claims) for d in corpus.documents))
    spill = work / "assemble"
    spill.mkdir(parents=True, exist_ok=True)
    try:
        with _workers(inputs, jobs) as run_all:
            chunk = max(1, min(CHUNK_DOCUMENTS, -(-len(corpus.documents) // (jobs * 4))))
            chunks = [corpus.documents[i : i + chunk] for i in range(0, len(corpus.documents), chunk)]
            runs = [spill / f"run-{i}.nt" for i in range(len(chunks) + 1)]
            linked = run_all(_link, list(zip(chunks, runs, strict=False)))
            linker = Linker(resolution, inputs.winners)
            samples: list[bytes] = []
            for chunk_samples, used in linked:  # in build order: the first document to use a node describes it
                samples += chunk_samples
                for node, entity in used.items():
                    linker.used.setdefault(node, entity)
            samples += _write_run(sorted(set(linker.entities())), runs[-1])
            limits = _boundaries(samples, max(1, jobs * 4))
            parts = [spill / f"part-{i}.nt" for i in range(len(limits) - 1)]
            tasks = [(runs, low, high, part) for low, high, part in zip(limits, limits[1:], parts, strict=False)]
            triples = sum(run_all(_merge, tasks))
        for run in runs:
            run.unlink()  # the parts hold every line now: free the disk before the graph is written
        _concatenate(parts, out)
        return triples
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def _concatenate(parts: list[Path], out: Path) -> None:
    from kkrgraph.export.files import atomic_writer

    with atomic_writer(out, "wb") as handle:
        for part in parts:
            with part.open("rb") as source:
                shutil.copyfileobj(source, handle, 1 << 20)


@contextmanager
def _workers(inputs: _Inputs, jobs: int) -> Iterator[Callable[[Callable[[_Inputs, Any], Any], list], list]]:
    """``run_all(step, tasks)``: a step over all tasks, results in task order, on ``jobs`` processes.

    Forked workers inherit ``inputs`` (the resolution of a large corpus is hundreds of MB); spawned ones
    (Windows) get a copy once.
    """
    if jobs <= 1:
        yield lambda step, tasks: [step(inputs, task) for task in tasks]
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_adopt, initargs=(inputs,)) as pool:
        yield lambda step, tasks: list(pool.map(partial(_in_worker, step), tasks))
