"""Plain-text helpers shared by the nlp and resolve stages.

The parsed document's text still carries the printed layout: line breaks inside names ("Lasse Fri-\\nmand
Jensen"), blank lines between every line of a PDF extraction, page furniture. Rules are simpler and faster
on a *flat* copy (one space for any whitespace run, line-end hyphenation joined) as long as every match can
be mapped back to the original offsets, which is what :class:`FlatText` keeps.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "FlatText",
    "clean_name",
    "flatten",
    "fold",
    "sentence_spans",
    "slugify",
    "squash",
]

_LETTER = "A-Za-zÆØÅæøåÄÖÜäöüÉéÈèÀà"
# whitespace runs other than a single space (which stays as it is), and a hyphen followed by a line break
# (printed hyphenation)
_LAYOUT = re.compile(rf"(?<=[{_LETTER}0-9])-[ \t]*\r?\n\s*(?=[{_LETTER}])|\s{{2,}}|[^\S ]")
_CONJ_AFTER_HYPHEN = ("og ", "eller ", "samt ", "til ", "og\n")
_SPACE = re.compile(r"\s+")
_SOFT_HYPHEN = re.compile(r"(?<=[a-zæøå])- (?!og |eller |samt |til )(?=[a-zæøå])")
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"})


@dataclass(frozen=True)
class FlatText:
    """A flattened copy of a text slice with a map from each flat character to its original offset.

    The map is kept as runs of characters copied in order (a whitespace run or hyphenation starts a new run),
    so flattening costs no work per character.

    Attributes:
        text: The flat text (single spaces, hyphenation at line ends joined).
        run_starts: flat offset where each run begins, ascending; the last run begins at ``len(text)`` and
            holds the original end offset.
        run_origins: original document offset of each run's first character.
    """

    text: str
    run_starts: tuple[int, ...]
    run_origins: tuple[int, ...]

    def offset(self, i: int) -> int:
        """The original document offset of ``text[i]`` (of the slice's end for ``i == len(text)``)."""
        k = bisect_right(self.run_starts, i) - 1
        return self.run_origins[k] + i - self.run_starts[k]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Map a flat ``[start, end)`` range back to original document offsets."""
        if end <= start:
            pos = self.offset(start)
            return pos, pos
        return self.offset(start), self.offset(end - 1) + 1


def flatten(text: str, base: int = 0) -> FlatText:
    """Return ``text`` flattened, with offsets relative to ``base`` (the slice's start in the document).

    A hyphen at a line end is dropped when the next line starts in lower case ("gi-\\nver" → "giver")
    unless the next word is a conjunction ("Børne-\\nog" keeps its hyphen); before a capital the hyphen is
    kept and only the break removed ("Aarup-\\nKristensen").

    Example:
        >>> f = flatten("Lasse Fri-\\n\\nmand  Jensen", base=10)
        >>> f.text
        'Lasse Frimand Jensen'
        >>> f.original(6, 13)
        (16, 26)
    """
    out: list[str] = []
    starts: list[int] = []  # runs: flat start, original start
    origins: list[int] = []
    size = 0  # length of the flat text so far
    pos = 0
    for m in _LAYOUT.finditer(text):
        s, e = m.start(), m.end()
        if s > pos:
            out.append(text[pos:s])
            starts.append(size)
            origins.append(base + pos)
            size += s - pos
        if text[s] == "-":
            nxt = text[e : e + 6]
            if nxt[:1].isupper() or text[s - 1 : s].isupper() or text[s - 1 : s].isdigit():
                piece = "-"
            elif nxt.startswith(_CONJ_AFTER_HYPHEN):
                piece = "- "
            else:
                piece = ""
        else:
            piece = " "
        if piece:  # the kept characters are the first ones of the match, in order
            out.append(piece)
            starts.append(size)
            origins.append(base + s)
            size += len(piece)
        pos = e
    if pos < len(text):
        out.append(text[pos:])
        starts.append(size)
        origins.append(base + pos)
        size += len(text) - pos
    starts.append(size)
    origins.append(base + len(text))
    return FlatText("".join(out), tuple(starts), tuple(origins))


def squash(text: str) -> str:
    """Collapse whitespace runs to one space and strip (for sentences and participant lines)."""
    return _SPACE.sub(" ", text).strip()


def clean_name(text: str) -> str:
    """Return a surface name without layout: whitespace collapsed, hyphenation breaks joined.

    Example:
        >>> clean_name("Lasse Fri-\\nmand  Jensen")
        'Lasse Frimand Jensen'
    """
    flat = flatten(text).text.strip()
    return _SOFT_HYPHEN.sub("", flat).strip(" ,.;:()\"“”'’")


def fold(text: str) -> str:
    """Accent- and case-insensitive ASCII key: æ→ae, ø→oe, å→aa, other marks dropped."""
    lowered = text.lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str) -> str:
    """Stable IRI-safe slug: folded, every run of other characters turned into one "-".

    Example:
        >>> slugify("Per Bach-Laursen"), slugify("Aalborg Kommune"), slugify("Social-, Bolig- og Ældreministeriet")
        ('per-bach-laursen', 'aalborg-kommune', 'social-bolig-og-aeldreministeriet')
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# a stop or colon before a capital or digit, or a stop at the end: one character class first, so the regex
# engine skips to the punctuation
_SENT_END = re.compile(r"[.!?:](?:(?=\s+[\"“”'(]?[A-ZÆØÅ0-9])|(?<=[.!?])(?=\s*$))")


def sentence_spans(text: str, abbreviations: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Split flat text into sentence ranges, without splitting after abbreviations or ordinals.

    A period after a known abbreviation ("bl.a.", "Adm.") or after a bare number ("3. Limfjords...") does
    not end a sentence; a colon before a capital does (headings such as "Dato: ...").
    """
    abbrevs = frozenset(a.lower().rstrip(".") for a in abbreviations)
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        if m.group() == ".":
            word_start = max(text.rfind(" ", 0, m.start()) + 1, 0)
            word = text[word_start : m.start()].lower().strip('("“')
            if word in abbrevs or word.isdigit() or (len(word) == 1 and word.isalpha()):
                continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans
