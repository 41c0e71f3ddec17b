"""Normalised text of a meeting document → :class:`ParsedDocument`.

The steps read by line (:mod:`kkrgraph.structure.lines`): the agenda items first
(:mod:`~kkrgraph.structure.items`), since where they start ends the front matter; then the participant list
(:mod:`~kkrgraph.structure.attendance`) and the meeting's date, type and body
(:mod:`~kkrgraph.structure.meeting`); what decisions did is :mod:`~kkrgraph.structure.outcomes`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kkrgraph.structure.attendance import AttendanceReader, with_statements
from kkrgraph.structure.items import ItemReader, with_year, without_type_markers
from kkrgraph.structure.meeting import FrontMatterReader, meeting_body, meeting_date, meeting_header
from kkrgraph.structure.model import Meeting, ParsedDocument
from kkrgraph.structure.outcomes import classify_outcome, records_decisions
from kkrgraph.structure.template import Template, load_template

__all__ = ["NotAMeetingDocument", "classify_outcome", "parse_document"]


class NotAMeetingDocument(ValueError):
    """The text has neither agenda items nor a participant list."""


class _Parser(ItemReader, AttendanceReader, FrontMatterReader):
    """One document's parse: the readers of items, attendance and front matter over the same lines."""


def parse_document(
    text: str,
    source: str,
    *,
    furniture: Sequence[str] = (),
    resources=None,
    template: Template | None = None,
    lenient: bool = False,
) -> ParsedDocument:
    """Parse the normalised text of one meeting document.

    Args:
        text: normalised text (see :func:`kkrgraph.normalise.normalise`); all spans point into it.
        source: the input file name, kept as the document's label.
        furniture: page headers/footers the normaliser removed (they carry the meeting date).
        resources: :class:`kkrgraph.resources.Resources` for municipality and body names.
        template: the template vocabulary; defaults to the bundled one.
        lenient: also read participant lists run together on one line under a heading (names with no
            separator between them, told apart with ``resources``' first names). Too eager for a first
            reading; it is for a second reading of a text the strict one rejected.

    Raises:
        NotAMeetingDocument: neither agenda items nor a participant list were found.
    """
    parser = _Parser(text, template or load_template(), resources, lenient=lenient)
    return _parse(parser, source, furniture)


def _parse(parser: _Parser, source: str, furniture: Sequence[str]) -> ParsedDocument:
    """One parse of a document's text; see :func:`parse_document`."""
    text = parser.text
    anchors = parser.anchors()
    provisional_front = anchors[0][0] if anchors else len(parser.lines)
    items, first_zone = parser.items(0)
    front_end = min(first_zone, provisional_front)
    if items and not anchors:
        front_end = parser.line_at(items[0].span.start)
        if parser.lines[front_end].start < items[0].span.start:  # a contents list after the list on its line
            front_end += 1
    elif not items:  # no items found: the participant list may stand anywhere
        front_end = len(parser.lines)
    participants = parser.participants(0, front_end, items[0].span.start if items else None)
    if not participants and items:
        # minutes that record attendance under their first item, or after a contents list of items with no
        # body: the list is read up to the end of the first item that has one
        bodied = next((k for k, item in enumerate(items) if item.sections or item.decision), None)
        if bodied is None:
            stop = len(parser.lines)
        else:  # a listed item's record may stand after the list ("1. Godkendelse ... Godkendt."): read up to it
            first = items[bodied]
            after = items[bodied + 1].span.start if bodied + 1 < len(items) else first.span.end
            stop = parser.line_at(max(after, first.decision.span.end if first.decision else 0))
        participants = parser.participants(parser.line_at(items[0].span.start), stop)
    listed = bool(participants)
    participants = with_statements(parser, participants, front_end, items)
    if not items and not participants:
        raise NotAMeetingDocument("not a meeting document (no agenda items with case numbers, no participant list)")
    if not items and not listed and not meeting_header(parser):
        raise NotAMeetingDocument(
            "not a meeting document (no agenda items or participant list, and no heading names a meeting and its date)"
        )
    fields = parser.header_fields(front_end)
    date, evidence = meeting_date(parser, fields, furniture, items, front_end)
    items = without_type_markers(parser, items)
    if date:  # references without a year ("på mødet den 20. juni") take the meeting's year
        year = int(date[:4])
        items = [with_year(parser, item, year) if any(not r.date for r in item.references) else item for item in items]
    doc_type = parser.doc_type_word(front_end) or ("referat" if records_decisions(parser.t, items) else "dagsorden")
    warnings = []
    if not date:
        warnings.append("meeting date not found")
    meeting = Meeting(
        body=meeting_body(parser, fields, furniture, front_end, date),
        date=date,
        doc_type=doc_type,
        location=re.sub(r"\s+", " ", fields.get("location", ("", 0))[0]).strip(),
        date_evidence=evidence,
    )
    return ParsedDocument(
        source=source,
        text=text,
        meeting=meeting,
        participants=tuple(participants),
        items=tuple(items),
        warnings=tuple(warnings),
    )
