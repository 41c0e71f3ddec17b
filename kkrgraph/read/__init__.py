"""Read input files into raw text, naming every file that cannot be read and why.

The only stage (with ``export`` and the CLI) that touches the file system on the way in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kkrgraph.read.pdf import read_pdf
from kkrgraph.read.text import decode_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "RawDocument",
    "ReadError",
    "discover",
    "read_document",
]

SUPPORTED_SUFFIXES = (".txt", ".pdf")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # minutes run to a few hundred KB; far larger is not a meeting document


class ReadError(Exception):
    """A file that cannot be read as a meeting document; ``str()`` is the one-line user message."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


@dataclass(frozen=True)
class RawDocument:
    """The text of one input file, as extracted, before any normalisation."""

    path: Path
    text: str
    encoding: str  # "utf-8", "cp1252", "pdf", ...
    warnings: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """File name, used as the document's source label in the graph."""
        return self.path.name


def discover(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Yield the supported files under ``paths`` (files as given, folders recursively, sorted).

    A path that does not exist raises :class:`FileNotFoundError`: that is a usage error, not a bad document.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        elif path.is_file():
            yield path
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")


def read_document(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one ``.txt`` or ``.pdf`` file.

    Raises:
        ReadError: the file is empty, too large, binary, an unreadable PDF or has no text layer.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(path, f"unsupported file type {suffix or '(none)'}; expected .txt or .pdf")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(path, f"file too large ({size / 2**20:.1f} MiB, limit {max_bytes / 2**20:.0f} MiB); not read")
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(path, f"cannot open: {error.strerror or error}") from None
    if suffix == ".pdf":
        text, problem = read_pdf(data)
        if problem:
            raise ReadError(path, problem)
        return RawDocument(path, text, "pdf")
    text, encoding, problem, warnings = decode_text(data)
    if problem:
        raise ReadError(path, problem)
    return RawDocument(path, text, encoding, tuple(warnings))
