"""The per-document pipeline (read → normalise → structure → nlp) and the corpus run around it.

:func:`process_document` is a pure function of a file's content and the settings, so documents can be
processed in any order, in worker processes, or fetched from a cache, and the result is the same.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kkrgraph import nlp
from kkrgraph.graph.build import DocumentGraph, Ref, document_graph, graph_refs
from kkrgraph.nlp import DocumentAnalysis, NlpConfig
from kkrgraph.nlp.names import DocumentNames, Namer
from kkrgraph.normalise import NormalisedText, normalise
from kkrgraph.normalise.ocr import lexicon_from_resources
from kkrgraph.read import DEFAULT_MAX_BYTES, RawDocument, ReadError, discover, read_document
from kkrgraph.resources import Resources, load_resources
from kkrgraph.structure.model import ParsedDocument
from kkrgraph.structure.parse import NotAMeetingDocument, parse_document
from kkrgraph.structure.template import load_template

if TYPE_CHECKING:  # the cache's own code is not the document stage's (see kkrgraph.cache.PER_DOCUMENT_CODE)
    from kkrgraph.cache import ResultCache

__all__ = [
    "Corpus",
    "DocumentResult",
    "OffsetMap",
    "Processed",
    "Settings",
    "bundled_corpus",
    "process_document",
    "process_raw",
    "run_corpus",
]


@dataclass(frozen=True)
class Settings:
    """What a build depends on besides the documents themselves."""

    registries: tuple[str, ...] = ()
    nlp: NlpConfig = field(default_factory=NlpConfig)
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class OffsetMap:
    """A clean → raw offset map stored as its runs: where the offsets stop rising by one.

    Normalisation changes a few hundred places in a document of tens of thousands of characters, so the
    runs take about 1% of a full array; this keeps cached results and a large corpus's results in memory
    small. Indexing gives exactly what the full array gives.
    """

    starts: array  # clean offset where a run starts (ascending, starts[0] == 0)
    bases: array  # raw offset at that clean offset
    length: int

    @classmethod
    def from_offsets(cls, origin) -> OffsetMap:
        """Compress a full offset array (a run starts at 0 and wherever the offset does not rise by one)."""
        offsets = np.asarray(memoryview(origin)).astype(np.int64, copy=False)
        breaks = np.flatnonzero(np.diff(offsets) != 1) + 1
        runs = np.concatenate(([0], breaks)) if len(offsets) else breaks
        starts, bases = array("q"), array("q")
        starts.frombytes(runs.astype(np.int64).tobytes())
        bases.frombytes(offsets[runs].tobytes())
        return cls(starts, bases, len(origin))

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError("offset out of range")
        run = bisect_right(self.starts, index) - 1
        return self.bases[run] + index - self.starts[run]


@dataclass(frozen=True)
class DocumentResult:
    """Everything extracted from one document; the unit the graph is built from."""

    source: str
    sha256: str
    parsed: ParsedDocument
    analysis: DocumentAnalysis
    origin: OffsetMap  # clean offset → raw offset, for provenance spans in the raw file
    warnings: tuple[str, ...] = ()
    ocr_repairs: int = 0

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the parsed text back to the raw file."""
        end = max(start, min(end, len(self.origin) - 1))
        start = min(start, len(self.origin) - 1)
        raw_end = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], max(raw_end, self.origin[start])


class _Reader:
    """What reading, normalising and parsing need (word lists, OCR lexicon, template), built once per process.

    It holds no spaCy pipeline, so a build can start on its documents while the pipeline is still loading.
    """

    def __init__(self, settings: Settings) -> None:
        self.resources: Resources = load_resources(settings.registries)
        self.lexicon = lexicon_from_resources(self.resources)
        self.template = load_template()
        self.max_bytes = settings.max_bytes


class _Engine:
    """A :class:`_Reader`, the spaCy pipeline and the namer of resolution's per-document half, built once per
    process and reused for every document."""

    def __init__(self, settings: Settings, reader: _Reader | None = None) -> None:
        self.reader = reader or _Reader(settings)
        self.nlp = nlp.build_pipeline(self.reader.resources, settings.nlp)
        self.namer = Namer(self.reader.resources)


def bundled_corpus() -> Path:
    """Folder of the sample documents shipped with the package."""
    from importlib import resources

    return Path(str(resources.files("kkrgraph") / "data" / "corpus"))


@dataclass(frozen=True)
class _Prepared:
    """A document read, normalised and parsed: all of its processing but the NLP stage."""

    source: str
    sha256: str
    parsed: ParsedDocument
    origin: OffsetMap
    warnings: tuple[str, ...]
    ocr_repairs: int

    def analysed(self, engine: _Engine) -> DocumentResult:
        return DocumentResult(
            source=self.source,
            sha256=self.sha256,
            parsed=self.parsed,
            analysis=nlp.analyse_document(self.parsed, engine.nlp),
            origin=self.origin,
            warnings=self.warnings,
            ocr_repairs=self.ocr_repairs,
        )


def _prepare(raw: RawDocument, reader: _Reader) -> _Prepared:
    """Normalise and parse one document that has been read."""
    clean, parsed = _read_meeting(raw, reader)
    return _Prepared(
        source=raw.name,
        sha256=hashlib.sha256(raw.text.encode("utf-8")).hexdigest(),
        parsed=parsed,
        origin=OffsetMap.from_offsets(clean.origin),
        warnings=raw.warnings + parsed.warnings,
        ocr_repairs=clean.ocr_repairs,
    )


def process_raw(raw: RawDocument, engine: _Engine) -> DocumentResult:
    """Normalise, parse and analyse one document that has been read."""
    return _prepare(raw, engine.reader).analysed(engine)


def _read_meeting(raw: RawDocument, reader: _Reader) -> tuple[NormalisedText, ParsedDocument]:
    """The document's normalised text and its parse, strict first.

    Where the strict reading finds no meeting, the text is read a second time with its lines broken before
    the template's markers however many breaks it has (its lines may be whole pages) and with participant
    lists that run together on a line read too; both are too eager for texts the strict reading accepts.

    Raises:
        ReadError: neither reading finds agenda items or a participant list.
    """
    for second in (False, True):
        clean = normalise(raw.text, line_markers=reader.template.line_markers, force_line_restore=second, lexicon=reader.lexicon)
        try:
            return clean, parse_document(
                clean.text, raw.name, furniture=clean.furniture, resources=reader.resources, lenient=second
            )
        except NotAMeetingDocument as error:
            reason = str(error)
    raise ReadError(raw.path, reason)


def process_document(path: Path | str, engine: _Engine) -> DocumentResult:
    """Read and process one file.

    Raises:
        ReadError: the file cannot be read or is not a meeting document (the message names the file).
    """
    return process_raw(read_document(path, engine.reader.max_bytes), engine)


def _outcome(path: Path, engine: _Engine, ready: _Prepared | None = None) -> DocumentResult | ReadError:
    """Process one file (from its ``ready`` parse, if one was made ahead); a bad file becomes its
    :class:`ReadError` (returned, not raised)."""
    try:
        return ready.analysed(engine) if ready is not None else process_document(path, engine)
    except ReadError as error:
        return error
    except RecursionError:
        return ReadError(path, "document structure too deeply nested to parse")
    except Exception as error:  # a bug met on one document must not cost the rest of the corpus
        return ReadError(path, f"internal error while processing ({type(error).__name__}: {str(error)[:120]}); please report it")


@dataclass(frozen=True)
class Processed:
    """What the corpus-wide steps keep of a processed document; its graph part waits in the cache.

    Of its mentions only ``names`` is kept (:class:`~kkrgraph.nlp.names.DocumentNames`: each distinct name
    once, the mentions as packed arrays), so a corpus of many thousands of documents is read back from the
    cache and resolved in seconds.
    """

    source: str
    sha256: str
    doc_type: str
    key: str
    names: DocumentNames
    warnings: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()  # the agenda items and attendance lists its graph part claims

    @property
    def order(self) -> tuple:
        """Build order: minutes first, then by file name; the first document to claim a meeting's item or
        attendance list writes it (see :func:`kkrgraph.graph.build.claim_winners`)."""
        return (self.doc_type != "referat", self.source, self.sha256)


def _store(result: DocumentResult, key: str, cache: ResultCache, engine: _Engine) -> Processed:
    """Turn a result into its graph part (cached under ``key``) and what resolution needs (returned)."""
    graph = document_graph(result, engine.reader.resources)
    claims = tuple(sorted({fact.claim for fact in graph.facts if fact.claim}))
    processed = Processed(
        result.source, result.sha256, result.parsed.meeting.doc_type, key, engine.namer(result.analysis), result.warnings, claims
    )
    cache.put(key + _GRAPH, graph)
    cache.put(key + _REFS, graph_refs(graph))
    cache.put(key, processed)
    return processed


def _handle(path: Path, key: str, engine: _Engine, cache: ResultCache, ready: _Prepared | None = None) -> Processed | ReadError:
    outcome = _outcome(path, engine, ready)
    return outcome if isinstance(outcome, ReadError) else _store(outcome, key, cache, engine)


_GRAPH, _REFS = "-graph", "-refs"
_WORKER: dict[str, Any] = {}  # a worker process's engine and read-ahead results, set once by _init_worker


def _init_worker(engine: _Engine | Settings, ahead: ResultCache | None = None) -> None:
    """Adopt the parent's engine (forked workers share its memory) or build one (spawned workers)."""
    _WORKER["engine"] = engine if isinstance(engine, _Engine) else _Engine(engine)
    _WORKER["ahead"] = ahead


def _work(task: tuple[Path, str, ResultCache]) -> Processed | tuple[str, str]:
    """Worker side of :func:`_handle`; errors travel as (path, reason) since exceptions pickle poorly."""
    path, key, cache = task
    ahead: ResultCache | None = _WORKER["ahead"]
    outcome = _handle(path, key, _WORKER["engine"], cache, ahead.get(key) if ahead is not None else None)
    return (str(outcome.path), outcome.reason) if isinstance(outcome, ReadError) else outcome


def _prepare_all(tasks: list[tuple[Path, str, ResultCache]], reader: _Reader, results: ResultCache, stop) -> None:
    """Read, normalise and parse ``tasks``' documents in order into ``results`` until ``stop`` is set."""
    for path, key, _ in tasks:
        if stop.is_set():
            return
        try:
            results.put(key, _prepare(read_document(path, reader.max_bytes), reader))
        except Exception:  # the worker meets the same error on this document and reports it
            continue


class _ReadAhead:
    """A process that reads, normalises and parses the first documents while the spaCy pipeline loads.

    Loading the pipeline takes seconds in which one core would idle; the workers then start with those
    documents' parses ready and only analyse them. It stops once the workers start, so no more than
    ``--jobs`` processes are ever busy, and a document it did not reach (or failed on) is simply done by its
    worker: the results are the same either way.
    """

    def __init__(self, tasks: list[tuple[Path, str, ResultCache]], reader: _Reader, context) -> None:
        from kkrgraph.cache import ResultCache

        self._folder = tempfile.TemporaryDirectory(prefix="kkrgraph-ahead-")
        self.results = ResultCache(Path(self._folder.name), "")
        self._stop = context.Event()
        self._process = context.Process(target=_prepare_all, args=(tasks, reader, self.results, self._stop), daemon=True)
        self._process.start()

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        self.stop()
        self._process.join()
        self._folder.cleanup()


def _parallel(tasks: list[tuple[Path, str, ResultCache]], settings: Settings, jobs: int) -> Iterator[Processed | ReadError]:
    """Process ``tasks`` in ``jobs`` worker processes, yielding outcomes in task order.

    Where the system can fork, the engine (word lists, spaCy pipeline: seconds to build) is built once here
    and inherited by the workers, while a :class:`_ReadAhead` process parses the first documents; elsewhere
    each worker builds its own engine.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ahead = None
    try:  # the read-ahead process and its folder go whatever happens after it starts (a pipeline that fails to load)
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            reader = _Reader(settings)
            ahead = _ReadAhead(tasks, reader, context)
            init: tuple = (_Engine(settings, reader), ahead.results)
            ahead.stop()
        else:  # pragma: no cover - Windows
            context, init = multiprocessing.get_context("spawn"), (settings,)
        chunksize = max(1, min(16, len(tasks) // (jobs * 32)))
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=init) as pool:
            for outcome in pool.map(_work, tasks, chunksize=chunksize):
                yield ReadError(*outcome) if isinstance(outcome, tuple) else outcome
    finally:
        if ahead is not None:
            ahead.close()


@dataclass(frozen=True)
class Corpus:
    """The processed documents of a build (unique by content, in build order) and where their graphs wait."""

    documents: tuple[Processed, ...]
    cache: ResultCache
    settings: Settings
    paths: dict[str, Path] = field(default_factory=dict)  # cache key → file, to recompute a lost entry

    def names(self) -> list[DocumentNames]:
        """Every document's names, for :func:`kkrgraph.resolve.resolve_names`."""
        return [d.names for d in self.documents]

    def without_names(self) -> Corpus:
        """This corpus without the names (once entities are resolved, linking needs only the cache keys)."""
        return replace(self, documents=tuple(replace(d, names=DocumentNames(d.source)) for d in self.documents))

    def graphs(self, documents: Iterable[Processed]) -> Iterator[DocumentGraph]:
        """The graph parts of ``documents`` (of this corpus), read back from the cache one at a time."""
        engine = None
        for document in documents:
            graph = self.cache.get(document.key + _GRAPH)
            if graph is None:  # the entry vanished or was damaged since it was written: recompute it
                engine = engine or _Engine(self.settings)
                graph = document_graph(process_document(self.paths[document.key], engine), engine.reader.resources)
            yield graph

    def refs(self, documents: Iterable[Processed]) -> Iterator[tuple[Ref, ...]]:
        """The entity references of ``documents``' graph parts (:func:`~kkrgraph.graph.build.graph_refs`),
        without reading the parts themselves where the cache has them."""
        for document in documents:
            refs = self.cache.get(document.key + _REFS)
            yield graph_refs(next(self.graphs([document]))) if refs is None else refs


def run_corpus(
    paths: Sequence[Path | str],
    settings: Settings,
    cache_dir: Path | str,
    on_error: Callable[[ReadError], None],
    progress: Callable[[Iterable[Path], int], Iterable[Path]] | None = None,
    *,
    jobs: int | None = None,
) -> Corpus:
    """Process every document under ``paths``; unreadable ones go to ``on_error`` and are skipped.

    Each document's graph part goes to a :class:`~kkrgraph.cache.ResultCache` in ``cache_dir`` (a
    persistent folder makes rebuilds process only new or changed files; a temporary one just keeps memory
    flat). Documents with identical content (the same file twice) are processed once. ``jobs`` worker
    processes share the work (default: the machine's cores; 1 runs in this process); the result does not
    depend on it.
    """
    from kkrgraph.cache import ResultCache

    files = list(discover(paths or [bundled_corpus()]))
    cache = ResultCache.open(cache_dir, settings)
    outcomes: dict[Path, Processed | ReadError] = {}
    keys: dict[Path, str] = {}
    for path in files:
        try:
            keys[path] = cache.key(path)
        except OSError as error:
            outcomes[path] = _unreadable(path, error, settings)
            continue
        hit = cache.get(keys[path])
        if isinstance(hit, Processed):
            outcomes[path] = hit
    todo = [(path, keys[path], cache) for path in files if path not in outcomes]
    jobs = min(max(1, jobs or os.cpu_count() or 1), len(todo))
    if jobs > 1:
        fresh: Iterator[Processed | ReadError] = _parallel(todo, settings, jobs)
    elif todo:
        engine = _Engine(settings)
        fresh = (_handle(path, key, engine, cache) for path, key, _ in todo)
    else:
        fresh = iter(())
    documents: dict[str, Processed] = {}
    iterable: Iterable[Path] = progress(files, len(files)) if progress else files
    for path in iterable:
        outcome = outcomes.get(path) or next(fresh)
        if isinstance(outcome, ReadError):
            on_error(outcome)
            continue
        documents.setdefault(outcome.sha256, outcome)
    ordered = tuple(sorted(documents.values(), key=lambda d: d.order))
    return Corpus(ordered, cache, settings, {key: path for path, key in keys.items()})


def _unreadable(path: Path, error: OSError, settings: Settings) -> ReadError:
    """The reader's own message for a file that cannot even be hashed (missing, a folder, no permission)."""
    try:
        read_document(path, settings.max_bytes)
    except ReadError as reason:
        return reason
    return ReadError(path, f"cannot read: {error.strerror or error}")
