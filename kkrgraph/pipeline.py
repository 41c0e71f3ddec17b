"""The per-document pipeline (read → normalise → structure → nlp) and the corpus run around it.

:func:`process_document` is a pure function of a file's content and the settings, so documents can be
processed in any order, in worker processes, or fetched from a cache, and the result is the same.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kkrgraph.nlp import DocumentAnalysis, NlpConfig, analyse_document, build_pipeline
from kkrgraph.normalise import normalise
from kkrgraph.normalise.ocr import lexicon_from_resources
from kkrgraph.read import DEFAULT_MAX_BYTES, RawDocument, ReadError, discover, read_document
from kkrgraph.resources import Resources, load_resources
from kkrgraph.structure.model import ParsedDocument
from kkrgraph.structure.parse import NotAMeetingDocument, parse_document
from kkrgraph.structure.template import load_template

__all__ = [
    "DocumentResult",
    "OffsetMap",
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
        """Compress a full offset array."""
        starts, bases = array("q"), array("q")
        previous = None
        for i, raw in enumerate(origin):
            if previous is None or raw != previous + 1:
                starts.append(i)
                bases.append(raw)
            previous = raw
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


class _Engine:
    """Resources and the spaCy pipeline, built once per process and reused for every document."""

    def __init__(self, settings: Settings) -> None:
        self.resources: Resources = load_resources(settings.registries)
        self.lexicon = lexicon_from_resources(self.resources)
        self.template = load_template()
        self.nlp = build_pipeline(self.resources, settings.nlp)
        self.max_bytes = settings.max_bytes


def bundled_corpus() -> Path:
    """Folder of the sample documents shipped with the package."""
    from importlib import resources

    return Path(str(resources.files("kkrgraph") / "data" / "corpus"))


def process_raw(raw: RawDocument, engine: _Engine) -> DocumentResult:
    """Normalise, parse and analyse one document that has been read."""
    clean = normalise(raw.text, line_markers=engine.template.line_markers, lexicon=engine.lexicon)
    try:
        parsed = parse_document(clean.text, raw.name, furniture=clean.furniture, resources=engine.resources)
    except NotAMeetingDocument as error:
        raise ReadError(raw.path, str(error)) from None
    analysis = analyse_document(parsed, engine.nlp)
    return DocumentResult(
        source=raw.name,
        sha256=hashlib.sha256(raw.text.encode("utf-8")).hexdigest(),
        parsed=parsed,
        analysis=analysis,
        origin=OffsetMap.from_offsets(clean.origin),
        warnings=raw.warnings + parsed.warnings,
        ocr_repairs=clean.ocr_repairs,
    )


def process_document(path: Path | str, engine: _Engine) -> DocumentResult:
    """Read and process one file.

    Raises:
        ReadError: the file cannot be read or is not a meeting document (the message names the file).
    """
    return process_raw(read_document(path, engine.max_bytes), engine)


def _outcome(path: Path, engine: _Engine) -> DocumentResult | ReadError:
    """Process one file; a bad file becomes its :class:`ReadError` (returned, not raised)."""
    try:
        return process_document(path, engine)
    except ReadError as error:
        return error
    except RecursionError:
        return ReadError(path, "document structure too deeply nested to parse")
    except Exception as error:  # a bug met on one document must not cost the rest of the corpus
        return ReadError(path, f"internal error while processing ({type(error).__name__}: {str(error)[:120]}); please report it")


_WORKER: dict[str, _Engine] = {}  # the engine of a worker process, built once by _init_worker


def _init_worker(settings: Settings) -> None:
    _WORKER["engine"] = _Engine(settings)


def _work(path: Path) -> DocumentResult | tuple[str, str]:
    """Worker side of :func:`_outcome`; errors travel as (path, reason) since exceptions pickle poorly."""
    outcome = _outcome(path, _WORKER["engine"])
    return (str(outcome.path), outcome.reason) if isinstance(outcome, ReadError) else outcome


def _parallel(files: list[Path], settings: Settings, jobs: int) -> Iterator[DocumentResult | ReadError]:
    """Process ``files`` in ``jobs`` worker processes, yielding outcomes in file order."""
    from concurrent.futures import ProcessPoolExecutor

    chunksize = max(1, min(16, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        for outcome in pool.map(_work, files, chunksize=chunksize):
            yield ReadError(*outcome) if isinstance(outcome, tuple) else outcome


def run_corpus(
    paths: Sequence[Path | str],
    settings: Settings,
    on_error: Callable[[ReadError], None],
    progress: Callable[[Iterable[Path], int], Iterable[Path]] | None = None,
    *,
    jobs: int | None = None,
    cache_dir: Path | str | None = None,
) -> list[DocumentResult]:
    """Process every document under ``paths``; unreadable ones go to ``on_error`` and are skipped.

    Documents with identical content (the same file twice) are processed once. ``jobs`` worker processes
    share the work (default: the machine's cores; 1 runs in this process); the result does not depend on
    it. With ``cache_dir``, results are fetched from and stored in a :class:`~kkrgraph.cache.ResultCache`,
    so a rebuild only processes new or changed files.
    """
    files = list(discover(paths or [bundled_corpus()]))
    jobs = max(1, jobs or os.cpu_count() or 1)
    store = None
    outcomes: dict[Path, DocumentResult | ReadError] = {}
    keys: dict[Path, str] = {}
    if cache_dir is not None:
        from kkrgraph.cache import ResultCache

        store = ResultCache.open(cache_dir, settings)
        for path in files:
            try:
                keys[path] = store.key(path)
            except OSError:
                continue  # unreadable: processing reports it
            hit = store.get(keys[path])
            if hit is not None:
                outcomes[path] = hit
    todo = [path for path in files if path not in outcomes]
    jobs = min(jobs, len(todo))
    if jobs > 1:
        fresh: Iterator[DocumentResult | ReadError] = _parallel(todo, settings, jobs)
    elif todo:
        engine = _Engine(settings)
        fresh = (_outcome(path, engine) for path in todo)
    else:
        fresh = iter(())
    results: dict[str, DocumentResult] = {}
    iterable: Iterable[Path] = progress(files, len(files)) if progress else files
    for path in iterable:
        outcome = outcomes.get(path)
        if outcome is None:
            outcome = next(fresh)
            if store is not None and path in keys and isinstance(outcome, DocumentResult):
                store.put(keys[path], outcome)
        if isinstance(outcome, ReadError):
            on_error(outcome)
            continue
        results.setdefault(outcome.sha256, outcome)
    return sorted(results.values(), key=lambda r: (r.parsed.meeting.date, r.source))
