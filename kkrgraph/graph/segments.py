"""The sorted graph cut into segments at subject boundaries: the unit a rebuild reuses.

A segment holds every line whose key lies between two cut keys. A cut key is a subject's prefix
(``b"<iri> "``), so no subject straddles two segments, and the serialisations written subject by subject
(Turtle, the network view, the query tables) can be made one segment at a time and joined. The cuts are
kept from one build to the next, so a change to a few documents changes the few segments holding their
lines; the others, identified by their SHA-256, are taken from the previous build's files.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["SEGMENT_LINES", "Segments", "cut_keys", "subject_key"]

SEGMENT_LINES = 16384  # lines per segment on average; a change costs the segments it touches


def subject_key(line: bytes) -> bytes:
    """The lowest key of ``line``'s subject: its ``<iri> `` prefix (every line of the subject sorts at or above it)."""
    return line[: line.index(b"> ") + 2]


def cut_keys(samples: list[bytes], lines: int) -> tuple[bytes, ...]:
    """Cut keys giving segments of about :data:`SEGMENT_LINES` of the ``lines`` lines, from sorted ``samples``
    (evenly spread lines); each is a sampled line's subject key, so cuts fall between subjects."""
    count = round(lines / SEGMENT_LINES)
    if count < 2 or not samples:
        return ()
    step = max(1, round(len(samples) / count))
    return tuple(sorted({subject_key(samples[i]) for i in range(step, len(samples), step)}))


@dataclass(frozen=True)
class Segments:
    """Where each segment lies in a sorted graph file, and what it holds.

    Attributes:
        cuts: The lowest key of every segment but the first (ascending).
        bounds: Byte offsets: segment ``i`` is ``bounds[i]:bounds[i + 1]`` of the file.
        digests: The SHA-256 of each segment's bytes.
        lines: The number of lines (triples) of each segment.
    """

    cuts: tuple[bytes, ...]
    bounds: tuple[int, ...]
    digests: tuple[str, ...]
    lines: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.digests)

    @property
    def triples(self) -> int:
        return sum(self.lines)

    def index(self, line: bytes) -> int:
        """The segment ``line`` belongs to."""
        return bisect_right(self.cuts, line)
