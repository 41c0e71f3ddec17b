"""The per-document pipeline (read → normalise → structure → nlp) and the corpus run around it.

:func:`process_document` is a pure function of a file's content and the settings, so documents can be
processed in any order, in worker processes, or fetched from a cache, and the result is the same.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterable, Sequence
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
class DocumentResult:
    """Everything extracted from one document; the unit the graph is built from."""

    source: str
    sha256: str
    parsed: ParsedDocument
    analysis: DocumentAnalysis
    origin: array  # clean offset → raw offset, for provenance spans in the raw file
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
        origin=clean.origin,
        warnings=raw.warnings + parsed.warnings,
        ocr_repairs=clean.ocr_repairs,
    )


def process_document(path: Path | str, engine: _Engine) -> DocumentResult:
    """Read and process one file.

    Raises:
        ReadError: the file cannot be read or is not a meeting document (the message names the file).
    """
    return process_raw(read_document(path, engine.max_bytes), engine)


def run_corpus(
    paths: Sequence[Path | str],
    settings: Settings,
    on_error: Callable[[ReadError], None],
    progress: Callable[[Iterable[Path], int], Iterable[Path]] | None = None,
) -> list[DocumentResult]:
    """Process every document under ``paths``; unreadable ones go to ``on_error`` and are skipped.

    Documents with identical content (the same file twice) are processed once.
    """
    files = list(discover(paths or [bundled_corpus()]))
    engine = _Engine(settings)
    results: dict[str, DocumentResult] = {}
    iterable: Iterable[Path] = progress(files, len(files)) if progress else files
    for path in iterable:
        try:
            result = process_document(path, engine)
        except ReadError as error:
            on_error(error)
            continue
        except RecursionError:
            on_error(ReadError(path, "document structure too deeply nested to parse"))
            continue
        results.setdefault(result.sha256, result)
    return sorted(results.values(), key=lambda r: (r.parsed.meeting.date, r.source))
