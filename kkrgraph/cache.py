"""Incremental builds: a content-addressed cache of per-document results on disk.

A per-document result (what resolution needs of a document, and the document's part of the graph) depends
only on the file's bytes, its name, the build settings and the code that processed it, so the cache key
hashes exactly those. The code is fingerprinted by the package version and the size and modification time
of every file of the per-document stages (:data:`PER_DOCUMENT_CODE`), so editing a rule, a word list or
the graph builder invalidates the cache without a version bump, while editing resolution, the queries or
the exporters (which run over the whole corpus on every build anyway) does not.

Entries are written atomically (a temporary file in the same folder, then :func:`os.replace`) and carry a
SHA-256 checksum of their payload, so an entry cut short by a crash or a full disk is never read: it is
treated as a miss and recomputed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_CACHE_DIR", "PER_DOCUMENT_CODE", "ResultCache", "code_fingerprint", "per_document"]

DEFAULT_CACHE_DIR = Path("output/.cache")
_MAGIC = b"KKRC1"
# what kkrgraph.pipeline runs per document (process_document, then graph.build.document_graph): keep in step.
# Of the graph stage only what builds a document's part: linking and assembling the corpus run on every build.
PER_DOCUMENT_CODE = (
    "pipeline.py", "resources.py", "read", "normalise", "structure", "nlp", "data",
    "graph/__init__.py", "graph/build.py", "graph/iri.py", "graph/namespace.py", "graph/terms.py",
)  # fmt: skip


def per_document(relative: Path) -> bool:
    """Whether the package file at ``relative`` (to the package folder) is per-document code."""
    return any(relative.parts[: len(Path(code).parts)] == Path(code).parts for code in PER_DOCUMENT_CODE)


@cache
def code_fingerprint() -> str:
    """Hash of the package version and of the path, size and modification time of the per-document code."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        digest = hashlib.sha256(version("kkrgraph").encode())
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
        digest = hashlib.sha256(b"unversioned")
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and "__pycache__" not in relative.parts and per_document(relative):
            stat = path.stat()
            digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class ResultCache:
    """Per-document results under ``root``, keyed by content, file name, settings and code."""

    root: Path
    settings_key: str

    @classmethod
    def open(cls, root: Path | str, settings: Any) -> ResultCache:
        """A cache in folder ``root`` (created on first write) for one set of build settings."""
        key = hashlib.sha256(f"{code_fingerprint()}\0{settings!r}".encode()).hexdigest()
        return cls(Path(root), key)

    def key(self, path: Path) -> str:
        """The cache key of a file: its bytes, its name and the settings and code fingerprint."""
        digest = hashlib.sha256(self.settings_key.encode())
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> Any | None:
        """The stored result for ``key``, or None if absent, truncated or corrupt."""
        try:
            data = self._entry(key).read_bytes()
        except OSError:
            return None
        head = len(_MAGIC) + 32
        if len(data) < head or not data.startswith(_MAGIC):
            return None
        checksum, payload = data[len(_MAGIC) : head], data[head:]
        if hashlib.sha256(payload).digest() != checksum:
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # an entry from an incompatible build: recompute it
            return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` atomically; a reader sees the old entry, no entry, or the whole new one."""
        target = self._entry(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:8]}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
