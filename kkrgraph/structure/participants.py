"""One line of a participant list → its entries ("Name (A) Aalborg Kommune", "Name, Assens", "Name, KKR")."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ParticipantEntry", "parse_participant_line"]

_PARTY = re.compile(r"\(\s*(?P<party>[^()\s]{1,2})\s*\)")
_NAME_TOKEN = re.compile(r"^[A-ZÆØÅÉÜÖÄ][a-zæøåéüöäA-ZÆØÅ'’.\-]*$")
_PARTICLES = {"af", "de", "von", "van", "la", "le", "da"}
_CHUNK_SPLIT = re.compile(r",\s*|(?<=Kommune)\s+(?=[A-ZÆØÅ])|(?<=\))\s*(?=[A-ZÆØÅ][\w-]+\s+[A-ZÆØÅ][\w-]+.*\()")


@dataclass(frozen=True)
class ParticipantEntry:
    """A participant as read from one line; offsets are relative to the line."""

    name: str
    party: str
    municipality: str
    organisation: str
    start: int
    end: int


def _is_name(text: str) -> bool:
    tokens = text.split()
    if not 2 <= len(tokens) <= 6:
        return False
    if any(t.lower() in ("kommune", "region") for t in tokens):
        return False
    return all(_NAME_TOKEN.match(t) or t in _PARTICLES for t in tokens) and not text.isupper()


def _place(text: str, resources) -> tuple[str, str]:
    """(municipality, organisation) for the part of an entry after the name."""
    text = text.strip().rstrip(".")
    if not text:
        return "", ""
    if resources is not None:
        municipality = resources.municipality(text)
        if municipality is not None:
            return municipality.name, ""
        organisation = resources.organisation(text)
        if organisation is not None:
            return "", organisation.name
    if re.search(r"\b[Kk]ommune$", text):
        return re.sub(r"\s+[Kk]ommune$", " Kommune", text), ""
    if len(text) <= 60:
        return "", text
    return "", ""


def parse_participant_line(line: str, resources=None) -> list[ParticipantEntry]:
    """Read the participants on one line; an empty list means the line is not a participant line.

    Example:
        >>> [e.name for e in parse_participant_line("Jens Hansen (A) Vejle Kommune, Anne Holm, Kolding Kommune")]
        ['Jens Hansen', 'Anne Holm']
    """
    chunks: list[tuple[int, int]] = []
    cursor = 0
    for match in _CHUNK_SPLIT.finditer(line):
        chunks.append((cursor, match.start()))
        cursor = match.end()
    chunks.append((cursor, len(line)))
    entries: list[dict] = []
    for start, end in chunks:
        chunk = line[start:end].strip()
        lead = start + (len(line[start:end]) - len(line[start:end].lstrip()))
        if not chunk:
            continue
        party = _PARTY.search(chunk)
        if party:
            name = chunk[: party.start()].strip()
            if not _is_name(name):
                return []
            municipality, organisation = _place(chunk[party.end() :], resources)
            entries.append(
                dict(
                    name=name,
                    party=party.group("party"),
                    municipality=municipality,
                    organisation=organisation,
                    start=lead,
                    end=lead + len(chunk),
                )
            )
            continue
        municipality, organisation = _place(chunk, resources)
        known_place = bool(municipality) or (resources is not None and resources.organisation(chunk) is not None)
        if entries and known_place and not (entries[-1]["municipality"] or entries[-1]["organisation"]):
            entries[-1].update(municipality=municipality, organisation=organisation, end=lead + len(chunk))
        elif _is_name(chunk) and not known_place:
            entries.append(dict(name=chunk, party="", municipality="", organisation="", start=lead, end=lead + len(chunk)))
        else:
            return []
    if not entries or not all(e["party"] or e["municipality"] or e["organisation"] for e in entries):
        return []
    return [ParticipantEntry(**e) for e in entries]
