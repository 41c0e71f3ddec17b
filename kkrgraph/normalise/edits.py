"""Text edits that keep a map back to the original character offsets.

Each normalisation step proposes :class:`Edit` objects against its input; :func:`apply_edits` applies them
and composes the offset map, so that after any number of steps every character of the clean text still
knows where it came from in the raw file.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

__all__ = ["Edit", "MappedText", "apply_edits"]


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``; ``reason`` names the step, for tests and logs."""

    start: int
    end: int
    replacement: str
    reason: str = ""


@dataclass(frozen=True)
class MappedText:
    """Normalised text plus, for each of its characters, the offset of its origin in the raw text.

    ``origin`` has ``len(text) + 1`` entries; the last one is the raw length, so a half-open span
    ``[start, end)`` of the clean text maps to ``[origin[start], origin[end])`` of the raw text.
    """

    text: str
    origin: array

    @classmethod
    def identity(cls, text: str) -> MappedText:
        """A text that is its own origin."""
        origin = array("l")
        origin.frombytes(np.arange(len(text) + 1, dtype=f"i{origin.itemsize}").tobytes())
        return cls(text, origin)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span to the raw-text span it was made from."""
        raw_end = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], max(raw_end, self.origin[start])


def apply_edits(mapped: MappedText, edits: Iterable[Edit]) -> MappedText:
    """Apply non-overlapping edits (in any order) and carry the offset map through.

    Replacement characters map to the start of what they replaced, so a repaired word still points at
    the damaged word in the raw text. Overlapping edits are a programming error.

    Example:
        >>> m = apply_edits(MappedText.identity("gi-\\nver"), [Edit(2, 4, "")])
        >>> m.text, m.raw_span(0, len(m.text))
        ('giver', (0, 7))
    """
    text, origin = mapped.text, mapped.origin
    ordered = sorted(edits)
    if not ordered:
        return mapped
    pieces: list[str] = []
    new_origin = array("l")
    cursor = 0
    for edit in ordered:
        if edit.start < cursor:
            raise ValueError(f"overlapping edits at {edit.start}: {edit}")
        pieces.append(text[cursor : edit.start])
        new_origin.extend(origin[cursor : edit.start])
        pieces.append(edit.replacement)
        if edit.replacement:
            replaced = edit.end - edit.start
            for i in range(len(edit.replacement)):
                # spread the replacement over what it replaced, so a one-to-one repair maps exactly
                new_origin.append(origin[edit.start + min(i, max(replaced - 1, 0))])
        cursor = edit.end
    pieces.append(text[cursor:])
    new_origin.extend(origin[cursor:])
    return MappedText("".join(pieces), new_origin)
