"""The corpus-wide step, on every core: link the documents' graph parts and write one sorted N-Triples file.

Sorted, unique N-Triples are the graph's canonical form: byte-identical whatever the file order, the number
of worker processes or the cache, and grouped by subject, which lets Turtle and the network view stream.
Making them is a parallel sort in three steps:

1. **Link** (workers). The documents, in build order, are cut into chunks; a worker links a chunk's graph
   parts (:class:`~kkrgraph.graph.build.Linker`, with the claims decided beforehand, so chunks are
   independent), sorts its lines into a run file and returns a sample of them and the entities it used.
   The entity descriptions and the vocabulary make one more run, written here. With a persistent cache,
   runs are kept between builds under a fingerprint of everything linking read (the documents, which
   claims they won, the entity each reference resolved to), and a chunk whose fingerprint is unchanged is
   not linked again; chunk ends depend on the documents' contents only, so a new or changed document
   changes one chunk.
2. **Merge** (workers). The samples cut the key space into ranges; a worker merges its range of every run
   (found by binary search in the sorted file) into a part, without repeats.
3. **Concatenate** (here). The parts, in range order, are the graph.

Only the concatenation is serial, and no process holds more than one chunk's lines.
"""

from __future__ import annotations

import hashlib
import heapq
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from kkrgraph.cache import ResultCache
from kkrgraph.graph.build import Linker, claim_winners

if TYPE_CHECKING:
    from kkrgraph.pipeline import Corpus, Processed
    from kkrgraph.resolve import Entity, Resolution

__all__ = ["assemble_graph"]

CHUNK_DOCUMENTS = 256  # at most this many documents' lines are sorted in memory at once
MIN_CHUNK = 8  # fewer documents than this per worker are not worth a process; and the least average chunk
SAMPLE_EVERY = 1024  # one line in this many of every run is sampled to choose the merge ranges


@dataclass(frozen=True)
class _Inputs:
    """What every worker needs; inherited by forked workers, never sent per task."""

    corpus: Corpus
    resolution: Resolution
    winners: dict[str, str]
    runs: Path  # where the linked runs are written
    keep: bool  # runs are named by fingerprint and kept for the next build


_WORKER: dict[str, _Inputs] = {}  # a worker process's inputs, set once by _adopt


def _adopt(inputs: _Inputs) -> None:
    _WORKER["inputs"] = inputs


def _in_worker(step: Callable[[_Inputs, Any], Any], task: Any) -> Any:
    return step(_WORKER["inputs"], task)


def _write_run(lines: Sequence[str], path: Path) -> tuple[str, list[bytes]]:
    """Write sorted unique ``lines`` to ``path``; its SHA-256 and every :data:`SAMPLE_EVERY`-th line, encoded.

    The file appears whole or not at all (a temporary file renamed into place). It is not synced (that would
    cost more than the run): a kept run is checked against its SHA-256 before it is used again.
    """
    data = "".join(lines).encode("utf-8")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return hashlib.sha256(data).hexdigest(), [line.encode("utf-8") for line in lines[::SAMPLE_EVERY]]


def _intact(run: Path, sha256: str) -> bool:
    """Whether a kept run is the file its note describes (not cut short or left unwritten by a crash)."""
    try:
        with run.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() == sha256
    except OSError:
        return False


def _chunks(documents: Sequence[Processed]) -> list[tuple[Processed, ...]]:
    """Cut ``documents`` (in build order) into chunks of ``average`` documents on average, at most
    :data:`CHUNK_DOCUMENTS`, ending where a document's content hash says so: a new or changed document
    then changes its own chunk and leaves the others as they were. ``average`` is a power of two from the
    corpus size (enough chunks to share between workers), so it rarely changes from one build to the next."""
    power = 1 << max(0, (len(documents) // 16).bit_length() - 1)
    average = max(1, min(CHUNK_DOCUMENTS // 2, max(MIN_CHUNK, power)))
    chunks, current = [], []
    for document in documents:
        current.append(document)
        if int(document.sha256[:8], 16) % average == 0 or len(current) >= CHUNK_DOCUMENTS:
            chunks.append(tuple(current))
            current = []
    return chunks + [tuple(current)] * bool(current)


def _fingerprint(inputs: _Inputs, documents: tuple[Processed, ...]) -> str:
    """A hash of everything linking ``documents`` reads: their cache keys (content, name, code), whether
    each won its claims, and the whole entity (name, aliases, ...) each of their references resolves to."""
    linker = Linker(inputs.resolution, inputs.winners)
    described: dict[int, tuple[Entity | None, bytes]] = {}  # the entity is kept so its id is not reused
    digest = hashlib.sha256()
    for document, refs in zip(documents, inputs.corpus.refs(documents), strict=True):
        won = "".join("1" if inputs.winners.get(c, document.sha256) == document.sha256 else "0" for c in document.claims)
        digest.update(f"{document.key} {won}\n".encode())
        for ref in refs:
            entity = linker.entity(document.source, ref)
            if id(entity) not in described:
                described[id(entity)] = (entity, repr(entity).encode())
            digest.update(described[id(entity)][1])
    return digest.hexdigest()


def _link(inputs: _Inputs, task: tuple[int, tuple[Processed, ...]]) -> tuple[Path, list[bytes], dict[str, Entity]]:
    """Link a chunk of documents into a sorted run file (or find it kept from an earlier build); the run,
    its samples and the entities it used."""
    index, documents = task
    if inputs.keep:
        name = _fingerprint(inputs, documents)
        run, kept = inputs.runs / f"{name}.nt", ResultCache(inputs.runs, "")
        found = kept.get(name)  # (the run's SHA-256, its samples, the entities it used)
        if found is not None and _intact(run, found[0]):
            return run, found[1], found[2]
    else:
        run = inputs.runs / f"run-{index}.nt"
    linker = Linker(inputs.resolution, inputs.winners)
    lines: set[str] = set()
    for graph in inputs.corpus.graphs(documents):
        lines.update(linker.document(graph))
    sha256, samples = _write_run(sorted(lines), run)
    if inputs.keep:
        kept.put(name, (sha256, samples, linker.used))
    return run, samples, linker.used


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


def assemble_graph(
    corpus: Corpus, resolution: Resolution, out: Path, work: Path, jobs: int | None = None, keep: Path | None = None
) -> int:
    """Write the graph of ``corpus`` as sorted, unique N-Triples to ``out``; returns the number of triples.

    Args:
        corpus: The processed documents (graph parts in its cache), in build order.
        resolution: The corpus's entities.
        out: The N-Triples file to write.
        work: A folder for the temporary runs and parts (they are deleted before returning).
        jobs: Worker processes (default: the machine's cores; 1 works in this process). A small corpus is
            linked here: starting workers would cost more than they save.
        keep: A folder where linked chunks are kept for the next build, which reuses those whose
            fingerprint is unchanged; runs of earlier builds not used by this one are deleted from it.
    """
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(corpus.documents) // MIN_CHUNK))
    spill = work / "assemble"
    spill.mkdir(parents=True, exist_ok=True)
    winners = claim_winners((d.sha256, d.claims) for d in corpus.documents)
    inputs = _Inputs(corpus, resolution, winners, keep or spill, keep is not None)
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    try:
        with _workers(inputs, jobs) as run_all:
            linked = run_all(_link, list(enumerate(_chunks(corpus.documents))))
            linker = Linker(resolution, inputs.winners)
            runs, samples = [spill / "entities.nt"], []
            for run, chunk_samples, used in linked:  # in build order: the first document to use a node describes it
                runs.append(run)
                samples += chunk_samples
                for node, entity in used.items():
                    linker.used.setdefault(node, entity)
            samples += _write_run(sorted(set(linker.entities())), runs[0])[1]
            limits = _boundaries(samples, max(1, jobs * 4))
            parts = [spill / f"part-{i}.nt" for i in range(len(limits) - 1)]
            tasks = [(runs, low, high, part) for low, high, part in zip(limits, limits[1:], parts, strict=False)]
            triples = sum(run_all(_merge, tasks))
        for run in runs if keep is None else ():
            run.unlink()  # the parts hold every line now: free the disk before the graph is written
        if keep is not None:
            _forget_unused(keep, {run.stem for run in runs})
        _concatenate(parts, out)
        return triples
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def _forget_unused(keep: Path, used: set[str]) -> None:
    """Delete the kept runs (and their notes) that this build did not use: a changed chunk's old run."""
    for path in [*keep.glob("*.nt"), *keep.glob("*/*.pkl")]:
        if path.stem not in used:
            path.unlink(missing_ok=True)


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
