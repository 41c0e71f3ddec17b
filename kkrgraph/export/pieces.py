"""Outputs made a segment of the graph at a time, each piece remembered, so a rebuild remakes only what changed.

Turtle, the network view and the query tables are folds over subjects, and no subject straddles two segments
(:mod:`kkrgraph.graph.segments`): each writer reads every segment into a piece (Turtle text, the network
view's values, the tables' index), joins the pieces in order, and gets what one pass over the whole file
gives. With a folder (the build's cache), pieces are kept under their segment's SHA-256; a segment a change
did not touch is not read again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kkrgraph.cache import ResultCache
from kkrgraph.graph.segments import Segments

__all__ = ["Pieces", "segment_pieces"]

T = TypeVar("T")


@dataclass(frozen=True)
class Pieces:
    """A graph file's segments, and where pieces made from them are kept (None: nowhere)."""

    segments: Segments
    folder: Path | None = None


def segment_pieces(ntriples: Path, where: Pieces, kind: str, make: Callable[[bytes], T]) -> Iterator[T]:
    """``make(segment bytes)`` for every segment of ``ntriples``, in order; kept ones are loaded, not made.

    Pieces of ``kind`` kept for segments this graph no longer has are deleted once all are made.
    """
    kept = ResultCache(where.folder / kind, "") if where.folder is not None else None
    bounds = where.segments.bounds
    with ntriples.open("rb") as graph:
        for index, digest in enumerate(where.segments.digests):
            piece = kept.get(digest) if kept is not None else None
            if piece is None:
                graph.seek(bounds[index])
                piece = make(graph.read(bounds[index + 1] - bounds[index]))
                if kept is not None:
                    kept.put(digest, piece)
            yield piece
    if kept is not None:
        wanted = set(where.segments.digests)
        for path in kept.root.glob("*/*.pkl"):
            if path.stem not in wanted:
                path.unlink(missing_ok=True)
