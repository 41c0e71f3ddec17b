"""Layout repair: page furniture, double-spaced extraction, and documents that lost their line breaks.

Each function proposes :class:`~kkrgraph.normalise.edits.Edit` objects and never changes the text itself,
so the offset map back to the raw file survives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kkrgraph.normalise.edits import Edit

__all__ = ["line_restoring_edits", "page_furniture", "respacing_edits", "unify_whitespace"]

# "KKR Nordjylland | 24-11-2023" (running footer: body and meeting date) and "SIDE | 7", "Side 3 af 25", each on a
# line of its own ("(?m:^)": at the start or after a line break; a look-behind there made every position a try).
_FOOTER = re.compile(
    r"(?m:^)[ \t]*(?P<body>(?:[A-ZÆØÅ][\w\-]*[ \t]+){0,4}[A-ZÆØÅ][\w\-]*)[ \t]*\|[ \t]*"
    r"(?P<date>\d{1,2}-\d{1,2}-\d{4})[ \t]*(?:\n|$)"
)
_PAGE = re.compile(r"(?m:^)[ \t]*(?:SIDE|Side|side)[ \t]*(?:\|[ \t]*)?\d{1,4}(?:[ \t]+af[ \t]+\d{1,4})?[ \t]*(?:\n|$)")
# the same furniture inline, for text whose line breaks were lost
_FOOTER_INLINE = re.compile(
    r"(?<!\S)(?P<body>(?:KKR|[A-ZÆØÅ][a-zæøå]+)(?:[ \t]+[A-ZÆØÅ][\w\-]*){0,3})[ \t]*\|[ \t]*"
    r"(?P<date>\d{1,2}-\d{1,2}-\d{4})(?!\S)"
)
_PAGE_INLINE = re.compile(r"(?<!\S)SIDE[ \t]*\|[ \t]*\d{1,4}(?!\S)")

_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\r": "\n", "\f": "\n", "\v": "\n"})


def unify_whitespace(text: str) -> list[Edit]:
    """Normalise line endings and odd spaces one character for one; drop soft hyphens and zero-widths."""
    edits = []
    for match in re.finditer(r"\r\n|[\r\f\v\u00a0\u2009\u202f]|[\u00ad\u200b\ufeff]", text):
        token = match.group()
        replacement = "\n" if token == "\r\n" else token.translate(_SPACES)
        if token in "\u00ad\u200b\ufeff":
            replacement = ""
        edits.append(Edit(match.start(), match.end(), replacement, "whitespace"))
    return edits


def page_furniture(text: str) -> tuple[list[Edit], list[str]]:
    """Find running headers/footers; return edits deleting them and the furniture lines removed.

    The removed lines are returned because they carry evidence (the meeting date in "KKR Nordjylland |
    24-11-2023") that the structure parser still wants.
    """
    spans: list[tuple[int, int, str]] = []
    inline = text.count("\n") * 200 < len(text)
    for pattern in (_FOOTER_INLINE, _PAGE_INLINE) if inline else (_FOOTER, _PAGE):
        for match in pattern.finditer(text):
            spans.append((match.start(), match.end(), match.group().strip()))
    spans.sort()
    edits, lines, cursor = [], [], -1
    for start, end, line in spans:
        if start < cursor:
            continue
        edits.append(Edit(start, end, " " if inline else "", "furniture"))
        lines.append(line)
        cursor = end
    return edits, lines


def respacing_edits(text: str) -> list[Edit]:
    """Collapse double-spaced extraction (a blank line after every line) to single spacing.

    Some PDF extractors emit every line followed by a blank one and mark paragraphs with several blank
    lines. Single blank lines then become line breaks and runs of blank lines one paragraph break, which
    is how other extractors write the same document.
    """
    lines = text.split("\n")
    content = sum(1 for line in lines if line.strip())
    if content < 10:
        return []
    # a line with text, a blank line ([ \t]* only), a line with text after [ \t]*: counted on the lines, as a
    # regular expression starting at every non-space character of a line re-read the line from each one
    single_gaps = sum(
        1
        for line, gap, nxt in zip(lines, lines[1:], lines[2:], strict=False)
        if not gap.strip(" \t") and line.strip() and nxt.lstrip(" \t")[:1].strip()
    )
    if single_gaps < 0.4 * content:
        return []
    edits = []
    for match in re.finditer(r"\n(?:[ \t]*\n)+", text):
        blank_lines = match.group().count("\n") - 1
        edits.append(Edit(match.start(), match.end(), "\n" if blank_lines == 1 else "\n\n", "respacing"))
    return edits


# a number that may open an item: "3. Title" after a space (not "punkt 3." inside a sentence: a capital follows)
_ITEM_NUMBER = re.compile(r"(?<=\s)(?P<number>\d{1,3})\.\s+(?=[A-ZÆØÅ])")


def _numbered_sequence_gaps(text: str) -> list[tuple[int, int]]:
    """Spaces before the item numbers of a flattened text: a first number, then the next after it, ...

    A number counts only as the next in the sequence, so a stray "Bilag 1." between items 2 and 3 is passed
    over. The sequence starts at 1, or, where that gives none, at the number that starts the longest run of
    at least three (minutes numbered through the year: "89.", "90.", "91." ...); a shorter sequence is no
    evidence of numbered items.
    """
    matches = list(_ITEM_NUMBER.finditer(text))
    chain = _chain(matches, 0, 1)
    if len(chain) < 2:
        starts = {}
        for k, match in enumerate(matches[:_SEQUENCE_STARTS]):
            starts.setdefault(int(match.group("number")), k)
        runs = [_chain(matches, k, number) for number, k in starts.items() if number > 1]
        chain = max(runs, key=len, default=[])
        if len(chain) < 3:
            return []
    gaps = []
    for match in chain:
        start = match.start()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        gaps.append((start, match.start()))
    return gaps


_SEQUENCE_STARTS = 40  # numbers tried as the start of a sequence not starting at 1 (the first ones in the text)


def _chain(matches: list[re.Match[str]], first: int, number: int) -> list[re.Match[str]]:
    """The matches from ``first`` on that continue the sequence ``number``, ``number + 1``, ...

    One number may be missing (a transcript drops the digits of some lines: "3. ... 5. ..."), once the
    sequence has two members, if its successor is not found later.
    """
    chain, expected = [], number
    numbers = [int(match.group("number")) for match in matches]
    for k in range(first, len(matches)):
        found = numbers[k]
        if found == expected or (found == expected + 1 and len(chain) >= 2 and expected not in numbers[k + 1 :]):
            chain.append(matches[k])
            expected = found + 1
    return chain


def line_restoring_edits(text: str, markers: Sequence[re.Pattern[str]], *, force: bool = False) -> list[Edit]:
    """Break a text that lost its line breaks before the structural markers the parser reads by line.

    Each of ``markers`` has a group ``gap``: the space that becomes a line break. They come from the
    structure vocabulary, so this module stays ignorant of the template's words. A text with at least one
    line per 400 characters is taken to have its breaks and is left alone, unless ``force``: a text whose
    lines are whole pages passes that test, and the pipeline forces the breaks when its first reading of
    such a text finds no meeting.
    """
    lines = sum(1 for line in text.split("\n") if line.strip())  # paragraph gaps do not make a text line-broken
    if not force and lines * 400 >= len(text):
        return []
    gaps = {match.span("gap") for pattern in markers for match in pattern.finditer(text)}
    gaps = sorted(gaps | set(_numbered_sequence_gaps(text)))
    edits, cursor = [], -1
    for start, end in gaps:
        if start >= cursor:
            edits.append(Edit(start, end, "\n", "line-restore"))
            cursor = end
    return edits
