"""Typed model of one parsed meeting document.

Every element keeps the span of normalised text it was read from, so a fact in the graph can always be
traced back to the sentence that states it (and, through the normaliser's offset map, to the raw file).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "AgendaItem",
    "Decision",
    "Meeting",
    "MeetingReference",
    "ParsedDocument",
    "Participant",
    "Section",
    "TextSpan",
]


@dataclass(frozen=True)
class TextSpan:
    """Half-open character range ``[start, end)`` in a document's normalised text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """Return the slice of ``text`` this span covers."""
        return text[self.start : self.end]


@dataclass(frozen=True)
class Participant:
    """A member listed as present (Deltagere) or absent (Afbud)."""

    name: str
    status: str  # "present" | "absent"
    party: str = ""  # list letter: A, V, Ø, ...
    municipality: str = ""  # canonical, e.g. "Aalborg Kommune"
    organisation: str = ""  # when listed with a body instead of a municipality ("…, KKR")
    span: TextSpan = TextSpan(0, 0)


@dataclass(frozen=True)
class Section:
    """A headed part of an agenda item: Baggrund, Indstilling, Sagsfremstilling, Beslutning, ..."""

    heading: str
    text: str
    span: TextSpan


@dataclass(frozen=True)
class MeetingReference:
    """A dated reference to another meeting ("på mødet den 7. februar 2025")."""

    date: str  # ISO YYYY-MM-DD
    text: str
    span: TextSpan


@dataclass(frozen=True)
class Decision:
    """What the body decided on an item, with its outcome from a controlled vocabulary."""

    text: str
    outcome: str  # approved | noted | discussed | appointed | other
    span: TextSpan


@dataclass(frozen=True)
class AgendaItem:
    """A numbered agenda item ("2.3") with its case number, sections and decision."""

    number: str
    title: str
    span: TextSpan
    title_span: TextSpan
    case_number: str = ""
    handlers: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    decision: Decision | None = None
    attachments: int = 0
    references: tuple[MeetingReference, ...] = ()

    @property
    def outcome(self) -> str:
        """The decision's outcome, or empty where nothing was decided."""
        return self.decision.outcome if self.decision else ""


@dataclass(frozen=True)
class Meeting:
    """The meeting a document is about."""

    body: str  # "KKR Nordjylland"
    date: str  # ISO, "" if unknown
    doc_type: str  # "referat" | "dagsorden"
    location: str = ""
    date_evidence: str = ""  # how the date was found: header, footer, item, filename


@dataclass(frozen=True)
class ParsedDocument:
    """A meeting document read into structure: the stage boundary between ``structure`` and ``nlp``."""

    source: str  # input file name
    text: str  # normalised text that all spans point into
    meeting: Meeting
    participants: tuple[Participant, ...] = ()
    items: tuple[AgendaItem, ...] = ()
    warnings: tuple[str, ...] = field(default=())
