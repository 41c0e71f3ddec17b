"""A document's text as lines, and the reader every structure step shares.

Layouts differ in everything but lines: headings, list entries and item titles each stand on lines of their
own (or run together on one, which the readers split). :class:`LineReader` holds the lines once, with the
template and resources the readers consult; the item, attendance and front-matter readers are its parts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from kkrgraph.structure.template import Template

TOC_LINE = re.compile(r"^\s*\d{1,2}\.(?:\d{1,2}\.?)?\s+\S.*?(?:\.{3,}\s*\d{1,3}|\t\s*\d{1,3})\s*$")
SHORT_LINE = 120  # a heading line is shorter than this


@dataclass(frozen=True)
class Line:
    """A line of the text: its offsets without the whitespace around it, and its stripped text."""

    start: int
    end: int
    text: str  # stripped

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    """Every line of the text, blank ones included, so a line's index counts the text's lines."""
    lines, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        lines.append(Line(offset + lead, offset + lead + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


class LineReader:
    """One document's lines, template and resources, while the pure reading steps run."""

    def __init__(self, text: str, template: Template, resources, *, lenient: bool = False) -> None:
        self.text = text
        self.lenient = lenient  # a second reading: run-together lists under a heading are read too
        self.t = template
        self.resources = resources
        self.lines = split_lines(text)
        self.line_ends = [line.end for line in self.lines]
        self.toc = {i for i, line in enumerate(self.lines) if TOC_LINE.match(line.text)}
        self._heading_cache: dict[int, list] = {}  # item headings after the front matter, by its last line

    def line_at(self, offset: int) -> int:
        """Index of the first line ending at or after ``offset`` (line ends ascend), or the number of lines."""
        return bisect_left(self.line_ends, offset)
