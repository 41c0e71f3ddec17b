"""Typed results of the nlp stage: the boundary between ``nlp`` and ``resolve`` / ``graph``."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DocumentAnalysis", "Mention", "NlpConfig", "RoleFact"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a person, organisation or municipality in a document.

    Attributes:
        kind: ``"person"``, ``"organisation"`` or ``"municipality"``.
        text: Surface text exactly as in ``ParsedDocument.text[start:end]``.
        name: Cleaned name: layout joined, genitive stripped ("KKR Nordjyllands" → "KKR Nordjylland").
        start: Start offset in ``ParsedDocument.text``.
        end: End offset in ``ParsedDocument.text``.
        item: Agenda item number ("2.1"), "" for the participant list and front matter.
        sentence: The sentence (or participant line) it occurs in, whitespace-collapsed.
        method: Versioned name of the rule or model that found it (recorded as provenance).
        party: Party list letter stated next to a person.
        municipality: Municipality stated next to a person.
        presenting: The person presents the agenda item: subject of "orienterede", "giver en kort
            orientering" ..., or named after "oplæg ved" (``presenting`` patterns in ``nlp_rules.jsonl``).
    """

    kind: str
    text: str
    name: str
    start: int
    end: int
    item: str
    sentence: str
    method: str
    party: str = ""
    municipality: str = ""
    presenting: bool = False

    def __reduce__(self):
        # Rebuilt through __init__: the generated __setstate__ of a slotted frozen dataclass calls fields() for
        # every object, which made unpickling a large corpus's million mentions three times slower.
        return (Mention, tuple(getattr(self, name) for name in self.__slots__))


@dataclass(frozen=True)
class RoleFact:
    """A statement that a person holds a role, optionally in an organisation or municipality.

    Attributes:
        person: The person mention.
        role: Lower-case Danish base form ("formand", "administrerende direktør", "klimakoordinator").
        organisation: Organisation or municipality mention, ``None`` when the text names none.
        start: Start of the whole role statement in ``ParsedDocument.text``.
        end: End of the whole role statement.
        sentence: The sentence stating it, whitespace-collapsed.
        item: Agenda item number.
        method: Versioned rule name.
        appointment: True when the sentence appoints ("udpeges", "vælges") rather than describes.
    """

    person: Mention
    role: str
    organisation: Mention | None
    start: int
    end: int
    sentence: str
    item: str
    method: str
    appointment: bool = False


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything the nlp stage found in one document."""

    source: str
    mentions: tuple[Mention, ...]
    roles: tuple[RoleFact, ...]
    acronyms: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class NlpConfig:
    """Run-time choices that are not rules (those live in ``pipeline.cfg`` and the data files).

    Attributes:
        ner: ``"rules"`` (default, fast, no model), ``"dacy"`` (DaCy's default small model) or
            ``"dacy:MODEL"`` to merge a DaCy model's PER/ORG/LOC spans with the rule-based ones.
        config_path: Alternative pipeline config file; "" uses the bundled ``pipeline.cfg``.
    """

    ner: str = "rules"
    config_path: str = ""
