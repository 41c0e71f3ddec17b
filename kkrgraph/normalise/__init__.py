"""Raw extracted text → clean text, with a map from every clean character back to the raw file.

Steps run in order, each proposing edits against the previous step's output:
whitespace → page furniture → double spacing → hyphenation → lost line breaks → OCR letters.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from kkrgraph.normalise.dehyphenate import dehyphenation_edits
from kkrgraph.normalise.edits import Edit, MappedText, apply_edits
from kkrgraph.normalise.layout import (
    line_restoring_edits,
    page_furniture,
    respacing_edits,
    unify_whitespace,
)

__all__ = ["Edit", "MappedText", "NormalisedText", "normalise"]


@dataclass(frozen=True)
class NormalisedText:
    """Clean text, its map to raw offsets, and the page furniture that was cut out of it."""

    text: str
    origin: array
    furniture: tuple[str, ...] = ()
    ocr_repairs: int = 0

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span to the span of the raw text it was made from."""
        return MappedText(self.text, self.origin).raw_span(start, end)


def normalise(
    raw: str, *, line_markers: Sequence[re.Pattern[str]] = (), force_line_restore: bool = False, lexicon=None
) -> NormalisedText:
    """Clean ``raw`` extracted text.

    Args:
        raw: text as the reader produced it.
        line_markers: where a line must start in a text that lost its line breaks (from the structure
            vocabulary); without it, such texts are left on one line.
        force_line_restore: break lines before ``line_markers`` even in a text that seems to have its line
            breaks (its lines may be whole pages); for a second reading of a text the parser rejected.
        lexicon: a :class:`kkrgraph.normalise.ocr.Lexicon`; without it, OCR damage is not repaired.

    Example:
        >>> clean = normalise("Formand, Lasse Fri-\\nmand Jensen.\\nKKR Nordjylland | 24-11-2023\\nSIDE | 7\\n")
        >>> clean.text, clean.furniture
        ('Formand, Lasse Frimand Jensen.\\n', ('KKR Nordjylland | 24-11-2023', 'SIDE | 7'))
    """
    mapped = apply_edits(MappedText.identity(raw), unify_whitespace(raw))
    furniture_edits, furniture = page_furniture(mapped.text)
    mapped = apply_edits(mapped, furniture_edits)
    mapped = apply_edits(mapped, respacing_edits(mapped.text))
    mapped = apply_edits(mapped, dehyphenation_edits(mapped.text))
    if line_markers:
        mapped = apply_edits(mapped, line_restoring_edits(mapped.text, line_markers, force=force_line_restore))
    repairs = 0
    if lexicon is not None:
        from kkrgraph.normalise.ocr import ocr_repairs

        edits = ocr_repairs(mapped.text, lexicon)
        repairs = len(edits)
        mapped = apply_edits(mapped, edits)
    return NormalisedText(mapped.text, mapped.origin, tuple(furniture), repairs)
