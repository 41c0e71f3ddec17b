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
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from kkrgraph.cache import ResultCache
from kkrgraph.export.files import atomic_writer, file_identity
from kkrgraph.graph.build import Linker, Ref, claim_winners
from kkrgraph.graph.segments import Segments, cut_keys

if TYPE_CHECKING:
    from kkrgraph.pipeline import Corpus, Processed
    from kkrgraph.resolve import Entity, Resolution

__all__ = ["assemble_graph"]

CHUNK_DOCUMENTS = 256  # at most this many documents' lines are sorted in memory at once
MIN_CHUNK = 8  # fewer documents than this per worker are not worth a process; and the least average chunk
AVERAGE_CHUNK = 32  # a chunk's documents on average, where the corpus allows: a changed document relinks its chunk
MAX_RUNS = 512  # more chunks than this make chunks larger instead (up to half CHUNK_DOCUMENTS): a merge opens every run
SAMPLE_EVERY = 1024  # one line in this many of every run is sampled to choose the merge ranges


@dataclass(frozen=True)
class _Inputs:
    """What every worker needs; inherited by forked workers, never sent per task."""

    corpus: Corpus
    resolution: Resolution
    winners: dict[str, str]
    runs: Path  # where the linked runs are written
    keep: bool  # runs are named by fingerprint and kept for the next build
    synced: Mapping[str, tuple[int, int, int]]  # kept run name → its file's identity when a build synced it


_WORKER: dict[str, _Inputs] = {}  # a worker process's inputs, set once by _adopt


def _adopt(inputs: _Inputs) -> None:
    _WORKER["inputs"] = inputs


def _in_worker(step: Callable[[_Inputs, Any], Any], task: Any) -> Any:
    return step(_WORKER["inputs"], task)


def _write_run(lines: Sequence[str], path: Path) -> tuple[str, list[bytes]]:
    """Write sorted unique ``lines`` to ``path``; its SHA-256 and every :data:`SAMPLE_EVERY`-th line, encoded.

    The file appears whole or not at all (a temporary file renamed into place). It is not synced here (that
    would cost more than the run): a kept run is used again only if it is still the file the graph's keeper
    synced (:func:`_keep_graph`), else if it still has its SHA-256 (:func:`_trusted`).
    """
    data = "".join(lines).encode("utf-8")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return hashlib.sha256(data).hexdigest(), [line.encode("utf-8") for line in lines[::SAMPLE_EVERY]]


def _trusted(inputs: _Inputs, run: Path, sha256: str) -> bool:
    """Whether a kept run is the file its note describes: the very file a keeper synced (a stat), else one
    whose bytes still hash to ``sha256`` (a run written but not yet synced when a build was cut short)."""
    identity = file_identity(run)
    return identity is not None and (inputs.synced.get(run.stem) == identity or _intact(run, sha256))


def _intact(run: Path, sha256: str) -> bool:
    """Whether a run is the file its note describes (not cut short or left unwritten by a crash)."""
    try:
        with run.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() == sha256
    except OSError:
        return False


def _chunks(documents: Sequence[Processed]) -> list[tuple[Processed, ...]]:
    """Cut ``documents`` (in build order) into chunks of ``average`` documents on average, at most
    :data:`CHUNK_DOCUMENTS`, ending where a document's content hash says so: a new or changed document
    then changes its own chunk and leaves the others as they were. ``average`` is a power of two from the
    corpus size (enough chunks to share between workers, small enough that relinking one costs little, few
    enough to merge), so it rarely changes from one build to the next."""
    power = 1 << max(0, (len(documents) // 16).bit_length() - 1)
    fewest = 1 << max(0, -(-len(documents) // MAX_RUNS) - 1).bit_length()  # the power of two keeping MAX_RUNS
    average = max(1, min(CHUNK_DOCUMENTS // 2, max(MIN_CHUNK, min(AVERAGE_CHUNK, power), fewest)))
    chunks, current = [], []
    for document in documents:
        current.append(document)
        if int(document.sha256[:8], 16) % average == 0 or len(current) >= CHUNK_DOCUMENTS:
            chunks.append(tuple(current))
            current = []
    return chunks + [tuple(current)] * bool(current)


def _chunk_key(documents: tuple[Processed, ...]) -> str:
    """The name under which a chunk's references are kept (one read per chunk, not per document)."""
    return hashlib.sha256("refs\0".join(document.key for document in documents).encode()).hexdigest()


def _won(inputs: _Inputs, document: Processed) -> str:
    """Which of its claims ``document`` won, as 0s and 1s."""
    return "".join("1" if inputs.winners.get(c, document.sha256) == document.sha256 else "0" for c in document.claims)


def _quick_key(inputs: _Inputs, documents: tuple[Processed, ...]) -> str:
    """A hash that, while it holds, keeps the chunk's fingerprint (:func:`_fingerprint`) as it was, found without
    resolving a reference: the documents, their claims won, the entities each mention resolved to and every
    entity of the corpus. Any entity changing anywhere changes it; then the fingerprint itself is computed."""
    digest = hashlib.sha256(f"{inputs.resolution.entities_digest}\n".encode())
    for document in documents:
        digest.update(f"{document.key} {_won(inputs, document)}\n".encode())
        digest.update(inputs.resolution.resolved(document.source))
    return digest.hexdigest()


def _fingerprint(inputs: _Inputs, documents: tuple[Processed, ...], references: tuple[tuple[Ref, ...], ...]) -> str:
    """A hash of everything linking ``documents`` reads: their cache keys (content, name, code), whether
    each won its claims, and the whole entity (name, aliases, ...) each of their references resolves to."""
    linker = Linker(inputs.resolution, inputs.winners)
    described: dict[int, tuple[Entity | None, bytes]] = {}  # the entity is kept so its id is not reused
    digest = hashlib.sha256()
    for document, refs in zip(documents, references, strict=True):
        digest.update(f"{document.key} {_won(inputs, document)}\n".encode())
        for ref in refs:
            entity = linker.entity(document.source, ref)
            if id(entity) not in described:
                described[id(entity)] = (entity, repr(entity).encode())
            digest.update(described[id(entity)][1])
    return digest.hexdigest()


def _link(
    inputs: _Inputs, task: tuple[int, tuple[Processed, ...], str]
) -> tuple[Path, tuple[str, list[bytes]], dict[str, Entity]]:
    """Link a chunk of documents into a sorted run file (or find it kept from an earlier build); the run,
    its SHA-256 and samples, and the entities it used. ``task`` is (index, documents, quick key)."""
    index, documents, quick = task
    if inputs.keep:
        kept = ResultCache(inputs.runs, "")
        name = kept.get(quick)  # the fingerprint the chunk had when its quick key was this one
        if name is None:
            references = kept.get(_chunk_key(documents))
            if references is None:
                references = tuple(inputs.corpus.refs(documents))
                kept.put(_chunk_key(documents), references)
            name = _fingerprint(inputs, documents, references)
            kept.put(quick, name)
        run = inputs.runs / f"{name}.nt"
        found = kept.get(name)  # (the run's SHA-256, its samples, the entities it used)
        if found is not None and _trusted(inputs, run, found[0]):
            return run, (found[0], found[1]), found[2]
    else:
        run = inputs.runs / f"run-{index}.nt"
    linker = Linker(inputs.resolution, inputs.winners)
    lines: set[str] = set()
    for graph in inputs.corpus.graphs(documents):
        lines.update(linker.document(graph))
    sha256, samples = _write_run(sorted(lines), run)
    if inputs.keep:
        kept.put(name, (sha256, samples, linker.used))
    return run, (sha256, samples), linker.used


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


def _merge(_inputs: _Inputs, task: tuple[list[Path], tuple[bytes | None, ...], Path]) -> list[tuple[str, int, int]]:
    """Merge the lines of every run between the first and last of ``limits`` into one part file, without
    repeats; (SHA-256, bytes, lines) of each segment, the inner ``limits`` being where segments start."""
    runs, limits, part = task
    segments: list[tuple[str, int, int]] = []
    digest, size, count = hashlib.sha256(), 0, 0
    ends = iter(limits[1:])
    end = next(ends)
    _allow_open_files(len(runs) + 64)
    with ExitStack() as stack, part.open("wb") as out:
        handles = [stack.enter_context(run.open("rb")) for run in runs]
        for line in _unique(heapq.merge(*(_range(handle, limits[0], limits[-1]) for handle in handles))):
            while end is not None and line >= end:  # a segment ends (cuts lie between subjects)
                segments.append((digest.hexdigest(), size, count))
                digest, size, count, end = hashlib.sha256(), 0, 0, next(ends)
            out.write(line)
            digest.update(line)
            size, count = size + len(line), count + 1
    segments.append((digest.hexdigest(), size, count))
    segments += [(hashlib.sha256().hexdigest(), 0, 0)] * (len(limits) - 1 - len(segments))
    return segments


def _allow_open_files(count: int) -> None:
    """Raise this process's soft limit on open files to ``count`` where it is lower and the hard limit allows
    (macOS starts at 256, Linux at 1024: a large corpus's merge opens every run at once)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: no such limit to raise
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < count:
        resource.setrlimit(resource.RLIMIT_NOFILE, (count if hard == resource.RLIM_INFINITY else min(count, hard), hard))


@dataclass(frozen=True)
class _Kept:
    """What a build leaves for the next in the keep folder: its graph's segments, the runs it merged (name →
    SHA-256), the stat of its graph file (``graph.nt`` there: a hard link to the graph written) and of each run
    synced to disk (name → stat), which a next build uses without reading it to check its SHA-256."""

    segments: Segments
    runs: dict[str, str]
    stat: tuple[int, int, int] | None
    synced: tuple[tuple[str, tuple[int, int, int]], ...] = ()  # (a note of an older build has none)


def _lines(runs: list[Path]) -> Iterator[bytes]:
    """The lines of sorted run files merged, without repeats."""
    with ExitStack() as stack:
        yield from _unique(heapq.merge(*(stack.enter_context(run.open("rb")) for run in runs)))


def _unique(lines: Iterator[bytes]) -> Iterator[bytes]:
    """Sorted lines without repeats."""
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


def _changed_segments(inputs: _Inputs, kept: _Kept, runs: dict[str, str]) -> set[int] | None:
    """The segments that may differ from the previous build's: those holding a line of the runs it merged
    and this one does not, or the reverse, but not of both (streamed; a few runs differ after a small change).
    None when most of the graph changed (merging it all costs less) or a run is damaged."""
    gone = [(name, sha) for name, sha in kept.runs.items() if name not in runs]
    new = [(name, sha) for name, sha in runs.items() if name not in kept.runs]
    folder = inputs.runs
    sizes = {name: (folder / f"{name}.nt").stat().st_size for name in runs}
    if 2 * sum(sizes[name] for name, _ in new) > sum(sizes.values()):
        return None
    if not all(_trusted(inputs, folder / f"{name}.nt", sha) for name, sha in gone + new):
        return None
    before = _lines([folder / f"{name}.nt" for name, _ in gone])
    after = _lines([folder / f"{name}.nt" for name, _ in new])
    segments: set[int] = set()
    old, line = next(before, None), next(after, None)
    while old is not None or line is not None:
        if line is None or (old is not None and old < line):
            segments.add(kept.segments.index(old))
            old = next(before, None)
        elif old is None or line < old:
            segments.add(kept.segments.index(line))
            line = next(after, None)
        else:
            old, line = next(before, None), next(after, None)
    return segments


def _tasks(dirty: list[int], sizes: list[int], parts: int) -> list[list[int]]:
    """Consecutive dirty segments grouped into about ``parts`` tasks of similar size."""
    share = max(1, sum(sizes[i] for i in dirty) // parts)
    tasks: list[list[int]] = []
    load = 0
    for i in dirty:
        if not tasks or tasks[-1][-1] != i - 1 or load >= share:
            tasks.append([])
            load = 0
        tasks[-1].append(i)
        load += sizes[i]
    return tasks


def assemble_graph(
    corpus: Corpus, resolution: Resolution, out: Path, work: Path, jobs: int | None = None, keep: Path | None = None
) -> Segments:
    """Write the graph of ``corpus`` as sorted, unique N-Triples to ``out``; returns its segments.

    Args:
        corpus: The processed documents (graph parts in its cache), in build order.
        resolution: The corpus's entities.
        out: The N-Triples file to write.
        work: A folder for the temporary runs and parts (they are deleted before returning).
        jobs: Worker processes (default: the machine's cores; 1 works in this process). A small corpus is
            linked here: starting workers would cost more than they save.
        keep: A folder where linked chunks and the graph's segments are kept for the next build, which links
            again only the chunks whose fingerprint changed and merges again only the segments their lines
            fall in (the others are copied from the graph kept); what this build does not use is deleted.
    """
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(corpus.documents) // MIN_CHUNK))
    spill = work / "assemble"
    spill.mkdir(parents=True, exist_ok=True)
    winners = claim_winners((d.sha256, d.claims) for d in corpus.documents)
    lock = None
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        lock = _FolderLock(keep)  # waits for an earlier build's keeper still syncing its graph
    notes = ResultCache(keep or spill, "")
    previous: _Kept | None = notes.get(_GRAPH) if keep is not None else None
    inputs = _Inputs(corpus, resolution, winners, keep or spill, keep is not None, dict(previous.synced) if previous else {})
    try:
        with _workers(inputs, jobs) as run_all:
            chunks = _chunks(corpus.documents)
            quick = [_quick_key(inputs, chunk) if keep is not None else "" for chunk in chunks]
            linked = run_all(_link, [(index, chunk, quick[index]) for index, chunk in enumerate(chunks)])
            linker = Linker(resolution, inputs.winners)
            runs: dict[str, str] = {}
            samples: list[bytes] = []
            for run, (sha256, chunk_samples), used in linked:  # in build order: the first document to use a node describes it
                runs[run.stem] = sha256
                samples += chunk_samples
                for node, entity in used.items():
                    linker.used.setdefault(node, entity)
            entities = inputs.runs / ".entities.nt"
            sha256, entity_samples = _write_run(sorted(set(linker.entities())), entities)
            entities = entities.rename(entities.with_name(f"{sha256}.nt"))
            runs[entities.stem] = sha256
            samples = sorted(samples + entity_samples)
            kept = _usable(previous, keep, len(samples) * SAMPLE_EVERY)
            cuts = kept.segments.cuts if kept is not None else cut_keys(samples, len(samples) * SAMPLE_EVERY)
            changed = _changed_segments(inputs, kept, runs) if kept is not None else None
            count = len(cuts) + 1
            dirty = sorted(changed) if changed is not None else range(count)
            sizes = list(kept.segments.lines) if kept is not None else [1] * count
            limits = [None, *cuts, None]
            paths = [inputs.runs / f"{name}.nt" for name in runs]
            grouped = _tasks(dirty, sizes, jobs * 4)
            tasks = [(paths, tuple(limits[i[0] : i[-1] + 2]), spill / f"part-{i[0]}.nt") for i in grouped]
            merged = {i[0]: (task[2], found) for i, task, found in zip(grouped, tasks, run_all(_merge, tasks), strict=True)}
        segments = _concatenate(cuts, merged, kept, keep, out)
        if keep is None:
            for path in paths:
                path.unlink()
        else:
            _forget_unused(keep, set(runs) | {_GRAPH} | set(quick) | {_chunk_key(chunk) for chunk in chunks})
            used = tuple((name, file_identity(inputs.runs / f"{name}.nt")) for name in runs)  # as merged
            _keep_graph(out, notes, _Kept(segments, runs, None, used), inputs.synced, lock)
            lock = None  # the keeper releases it
        return segments
    finally:
        shutil.rmtree(spill, ignore_errors=True)
        if lock is not None:
            lock.close()


_GRAPH, _GRAPH_FILE = "graph", "graph.nt"  # the note on the graph kept, and its file (in the keep folder)


def _usable(kept: _Kept | None, keep: Path | None, lines: int) -> _Kept | None:
    """The previous build's graph, if it is still the file noted and its cuts still fit a graph of about
    ``lines`` lines (segments of half to twice the size they were cut for); else None: cut and merge afresh."""
    if kept is None or keep is None or file_identity(keep / _GRAPH_FILE) != kept.stat:
        return None
    return kept if kept.segments.triples // 2 <= lines <= 2 * kept.segments.triples + SAMPLE_EVERY else None


class _FolderLock:
    """An exclusive lock on the keep folder (``flock`` on its ``build.lock`` file), held from the start of a build's
    assembly until its graph is kept: another build on the same cache, in this process or another, waits.
    Where ``flock`` does not exist (Windows) it is no lock, and :func:`_keep_graph` keeps the graph at once."""

    def __init__(self, keep: Path) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            self._handle = None
            return
        self._handle = (keep / "build.lock").open("a+b")
        fcntl.flock(self._handle.fileno(), fcntl.LOCK_EX)

    @property
    def real(self) -> bool:
        return self._handle is not None

    def close(self) -> None:
        """Release the lock (explicitly: a process forked meanwhile shares the open file, not the lock's end)."""
        if self._handle is not None:
            import fcntl

            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def _keep_graph(out: Path, notes: ResultCache, kept: _Kept, already: Mapping[str, tuple], lock: _FolderLock) -> None:
    """Keep the graph written in the keep folder (a hard link; nothing kept where hard links fail) with a note
    on it: ``kept``, whose graph stat is filled in and whose ``synced`` (the runs' stats as they were merged)
    keeps only the runs synced unchanged.

    The graph and the runs were written without syncing them (gigabytes take seconds to reach the disk): a
    thread syncs them and only then puts the graph in place and writes the note, so a note never vouches for
    a file a crash could have cut short, while this process goes on to write the outputs. A run ``already``
    synced by an earlier build (the same stat) is not synced again. The thread holds the folder's ``lock``.
    """
    import threading

    keep = notes.root
    temporary = keep / f".{_GRAPH_FILE}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        temporary.unlink(missing_ok=True)
        os.link(out, temporary)  # now, while the work file surely exists
    except OSError:  # another file system: the next build merges every segment
        (keep / _GRAPH_FILE).unlink(missing_ok=True)
        lock.close()
        return

    def finish() -> None:
        try:
            synced = {}
            for name, identity in kept.synced:
                run = keep / f"{name}.nt"
                if identity is None or file_identity(run) != identity:  # gone or changed since it was merged
                    continue
                if already.get(name) != identity:
                    with run.open("rb") as handle:
                        os.fsync(handle.fileno())
                synced[name] = identity
            with temporary.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(temporary, keep / _GRAPH_FILE)
            notes.put(_GRAPH, replace(kept, stat=file_identity(keep / _GRAPH_FILE), synced=tuple(synced.items())))
        except OSError:  # a full disk, a folder removed: nothing kept, the next build merges every segment
            temporary.unlink(missing_ok=True)
        finally:
            lock.close()

    if lock.real:
        threading.Thread(target=finish, name="kkrgraph-keep-graph").start()
    else:  # pragma: no cover - Windows: no lock to hold back a next build, so keep it now
        finish()


def _forget_unused(keep: Path, used: set[str]) -> None:
    """Delete the kept runs (and their notes) that this build did not use: a changed chunk's old run."""
    for path in [*keep.glob("*.nt"), *keep.glob("*/*.pkl")]:
        if path.stem not in used:
            path.unlink(missing_ok=True)


def _concatenate(
    cuts: tuple[bytes, ...], merged: dict[int, tuple[Path, list]], kept: _Kept | None, keep: Path | None, out: Path
) -> Segments:
    """Write the graph: each segment from the part it was merged into (``merged``: first segment → the part and
    its segments), else from the graph kept. Its segments."""
    bounds, digests, lines = [0], [], []
    with atomic_writer(out, "wb", sync=False) as handle, ExitStack() as stack:  # synced where it is published
        previous = stack.enter_context((keep / _GRAPH_FILE).open("rb")) if kept is not None else None
        done: dict[int, tuple[Path, int, tuple[str, int, int]]] = {}
        for first, (part, found) in merged.items():
            for offset, segment in enumerate(found):
                done[first + offset] = (part, offset, segment)
        for index in range(len(cuts) + 1):
            if index in done:
                part, offset, (digest, size, count) = done[index]
                if offset == 0:
                    source = stack.enter_context(part.open("rb"))
                _copy(source, handle, size)
            else:
                previous.seek(kept.segments.bounds[index])
                size = kept.segments.bounds[index + 1] - kept.segments.bounds[index]
                digest, count = kept.segments.digests[index], kept.segments.lines[index]
                _copy(previous, handle, size)
            bounds.append(bounds[-1] + size)
            digests.append(digest)
            lines.append(count)
    return Segments(cuts, tuple(bounds), tuple(digests), tuple(lines))


def _copy(source: BinaryIO, target: BinaryIO, size: int) -> None:
    """Copy ``size`` bytes from the position of ``source`` (seeked, not read through its buffer) to ``target``:
    in the kernel where it can (``copy_file_range``: no trip through Python, shared blocks where the file
    system reflinks), else in blocks read from the descriptor."""
    target.flush()
    kernel = hasattr(os, "copy_file_range")
    while size > 0:
        if kernel:
            try:
                copied = os.copy_file_range(source.fileno(), target.fileno(), size)
            except OSError:  # not between these file systems: the rest in blocks
                kernel = False
                continue
        else:
            block = os.read(source.fileno(), min(size, 1 << 20))
            target.write(block)
            copied = len(block)
        if not copied:
            raise OSError("a graph segment is shorter than noted")
        size -= copied
    target.flush()


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
