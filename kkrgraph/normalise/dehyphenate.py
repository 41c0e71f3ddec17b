"""Join words that a PDF broke across lines ("gi-\\nver" → "giver") and keep real hyphens.

Kept: hyphens after acronyms and numbers ("SOSU-\\nuddannelserne", "2025-\\n26"), before capitals
("Bach-\\nLaursen"), and suspended compounds ("efter-\\nog videreuddannelse").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kkrgraph.normalise.edits import Edit

__all__ = ["dehyphenation_edits"]

# the look-behind anchors ``left`` at a word start: without it a long run of letters costs O(n²) backtracking
_WORD = re.compile(r"[\wÆØÅæøå]")
_HYPHEN_BREAK = re.compile(r"-[ \t]*\n")
_BREAK = re.compile(r"(?<![\wÆØÅæøå])(?P<left>[\wÆØÅæøå]+)-[ \t]*\n(?:[ \t]*\n)?[ \t]*(?P<right>[\wÆØÅæøå]+)")
# words that follow a suspended hyphen ("efter- og videreuddannelse"); a closed set of Danish connectives
_CONNECTIVES = frozenset({"og", "eller", "samt", "til", "som", "men", "mv", "m"})


def _breaks(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_BREAK.finditer(text)``, tried only at the words that end in a line-end hyphen.

    Scanning the whole text with ``_BREAK`` reads every word up to its end to find no hyphen; the word before
    each hyphen is found by stepping back from it instead. Words are runs of ``_WORD`` characters, so the
    word before a hyphen is where ``_BREAK`` would start, and each match starts after the previous one ends.
    """
    end = 0
    for hyphen in _HYPHEN_BREAK.finditer(text):
        start = hyphen.start()
        while start > 0 and _WORD.match(text, start - 1):
            start -= 1
        if start < end:
            continue
        match = _BREAK.match(text, start)
        if match is not None:
            end = match.end()
            yield match


def dehyphenation_edits(text: str) -> list[Edit]:
    """Propose edits that remove line-end hyphenation.

    Example:
        >>> from kkrgraph.normalise.edits import MappedText, apply_edits
        >>> raw = "gi-\\nver, SOSU-\\nuddannelserne, Bach-\\nLaursen, efter-\\nog"
        >>> apply_edits(MappedText.identity(raw), dehyphenation_edits(raw)).text
        'giver, SOSU-uddannelserne, Bach-Laursen, efter- og'
    """
    edits = []
    for match in _breaks(text):
        left, right = match.group("left"), match.group("right")
        hyphen = match.end("left")
        gap_end = match.start("right")
        if right.lower() in _CONNECTIVES:
            edits.append(Edit(hyphen + 1, gap_end, " ", "dehyphenate"))
        elif right[0].isupper() or left.isupper() or left[-1].isdigit() or right[0].isdigit():
            edits.append(Edit(hyphen + 1, gap_end, "", "dehyphenate"))
        else:
            edits.append(Edit(hyphen, gap_end, "", "dehyphenate"))
    return edits
